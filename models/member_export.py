"""Exporting the roster and the blank import template (xlsx)."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from models import clock, codes
from models.member_list import MemberFilter, order_clause, where_clause
from models.members import EDITABLE, LABELS, display_value
from models.org import get_profile
from models.tasks import ProgressFn, Ticker
from models.validation import ValidationError
from models.masking import MASK_NOTE, MASKED_COLUMNS, mask_value, masked_header


# The latest live change of a member's history (the index membership_events_member serves it).
_LAST_CHANGE = (
    "(SELECT e.{col} FROM membership_events e WHERE e.member_id = members.id AND e.voided_at IS NULL"
    " AND e.kind NOT IN ('join', 'transfer_in') ORDER BY e.date DESC, e.id DESC LIMIT 1)"
)
# Every column a roster export can hold: key → (header, SQL). The headers are the ones the
# import recognises (models.member_import.FIELD_HEADERS), so an export imports back whole:
# all the fields of the national real-name form (会员实名制), the status, and the change the
# status follows from (入会 itself is 入会日期).
EXPORT_COLUMNS: dict[str, tuple[str, str]] = {
    **{k: (LABELS[k], k) for k in EDITABLE},
    "status": (LABELS["status"], "status"),
    "change_kind": ("会籍变动", _LAST_CHANGE.format(col="kind")),
    "change_date": ("会籍变动日期", _LAST_CHANGE.format(col="date")),
    "change_reason": ("会籍变动原因", _LAST_CHANGE.format(col="reason")),
    "change_union": ("转往工会", _LAST_CHANGE.format(col="other_union")),
}
ALL_EXPORT_COLUMNS = list(EXPORT_COLUMNS)


def export_columns() -> list[tuple[str, str]]:
    """(key, header) of every column an export can hold, in the real-name form's order."""
    return [(k, header) for k, (header, _) in EXPORT_COLUMNS.items()]


def _display(key: str, value: object) -> str:
    if key == "change_kind":
        return codes.MEMBERSHIP_EVENT.label(value)  # type: ignore[arg-type]
    if key == "change_reason":
        return codes.MEMBERSHIP_REASON.label(value)  # type: ignore[arg-type]
    if key in ("change_date", "change_union"):
        return value or ""  # type: ignore[return-value]
    return display_value(key, value)


def export_members(
    db: Database,
    member_filter: MemberFilter,
    columns: list[str],
    out_path: str | Path,
    *,
    mask_id: bool = False,
    progress: ProgressFn = None,
) -> int:
    """The current list (filter and sort), the chosen columns in order; returns the count.

    `columns`: keys of EXPORT_COLUMNS (the member list's column keys are among them).
    """
    from reports.member_xlsx import write_roster

    unknown = [c for c in columns if c not in EXPORT_COLUMNS]
    if unknown or not columns:
        raise ValidationError("导出列", "请至少选择一列" if not columns else f"没有这样的列：{'、'.join(map(str, unknown))}")
    headers = [masked_header(c, EXPORT_COLUMNS[c][0]) if mask_id else EXPORT_COLUMNS[c][0] for c in columns]
    where, params = where_clause(member_filter)
    clause = f" WHERE {where}" if where else ""
    total = db.execute(f"SELECT count(*) FROM members{clause}", params).fetchone()[0]  # the bar's end
    select = ", ".join(f"{EXPORT_COLUMNS[c][1]} AS {c}" for c in columns)
    sql = f"SELECT {select} FROM members{clause} ORDER BY {order_clause(member_filter)}"

    ticker = Ticker(progress, total)
    ticker.check()  # a cancel point before the query's first row

    def rows():
        for r in db.query(sql, params):
            ticker.step()  # progress, and 取消 answered, every EVERY rows while the file is written
            yield [
                (mask_value(c, r[c]) or "") if mask_id and c in MASKED_COLUMNS else (r[c] or "") if c == "id_number" else _display(c, r[c])
                for c in columns
            ]

    org = get_profile(db)
    title = f"{org.union_name or '工会'}会员花名册"
    note = f"导出日期：{clock.today_iso()}" + (MASK_NOTE if mask_id else "")
    _, n = write_roster(out_path, title, headers, rows(), note=note)
    ticker.finish()
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
    ("职务", "班组长"),
    ("职称", "助理工程师"),
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
