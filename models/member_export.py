"""Exporting the roster and the blank import template (xlsx)."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from models import clock, codes
from models.member_list import COLUMNS, MemberFilter, iter_members
from models.members import display_value
from models.org import get_profile
from models.tasks import ProgressFn, report
from models.masking import MASK_NOTE, MASKED_COLUMNS, mask_value, masked_header


def export_members(
    db: Database,
    member_filter: MemberFilter,
    columns: list[str],
    out_path: str | Path,
    *,
    mask_id: bool = False,
    progress: ProgressFn = None,
) -> int:
    """The current list (filter and sort), the visible columns in order; returns the count."""
    from reports.member_xlsx import write_roster

    total = db.execute("SELECT count(*) FROM members").fetchone()[0]
    headers = [masked_header(c, COLUMNS[c][0]) if mask_id else COLUMNS[c][0] for c in columns]

    def rows():
        for i, r in enumerate(iter_members(db, member_filter, columns)):
            if i % 1000 == 0:
                report(progress, i, total)
            yield [
                (mask_value(c, r[c]) or "") if mask_id and c in MASKED_COLUMNS else (r[c] or "") if c == "id_number" else display_value(c, r[c])
                for c in columns
            ]

    org = get_profile(db)
    title = f"{org.union_name or '工会'}会员花名册"
    note = f"导出日期：{clock.today_iso()}" + (MASK_NOTE if mask_id else "")
    _, n = write_roster(out_path, title, headers, rows(), note=note)
    report(progress, total, total)
    return n


TEMPLATE_FIELDS = [
    ("姓名*", "王芳"),
    ("公民身份号码*", "11010519491231002X"),
    ("性别", "女"),
    ("民族", "汉族"),
    ("出生日期", "1949-12-31"),
    ("手机号码", "13912345678"),
    ("政治面貌", "群众"),
    ("学历", "大学本科"),
    ("户籍类型", "非农业"),
    ("户籍所在地", "北京市朝阳区"),
    ("是否农民工", "否"),
    ("就业状况", "在岗"),
    ("工作单位", ""),
    ("部门", "生产一车间"),
    ("岗位", "操作工"),
    ("工号", "A0001"),
    ("入会日期*", "2010-05-01"),
    ("会员卡号", ""),
    ("备注", ""),
]


def write_template(out_path: str | Path) -> Path:
    from reports.member_xlsx import write_template as write

    choices = {
        "性别": codes.GENDER.labels(),
        "民族": codes.ETHNICITY.labels(),
        "政治面貌": codes.POLITICAL_STATUS.labels(),
        "学历": codes.EDUCATION.labels(),
        "户籍类型": codes.HUKOU_TYPE.labels(),
        "是否农民工": ["是", "否"],
        "就业状况": codes.EMPLOYMENT.labels(),
    }
    headers = [h for h, _ in TEMPLATE_FIELDS]
    return write(out_path, headers, [e for _, e in TEMPLATE_FIELDS], choices)
