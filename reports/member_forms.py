"""会员登记表 (one member, like the real-name collection form) and 会员花名册 (the roster)."""

from __future__ import annotations

from typing import BinaryIO, Iterable

from models import codes
from models.members import Member, display_value
from models.membership import MembershipEvent
from models.org import OrgProfile
from models.validation import mask_id_number
from models import clock
from reports.kit import Cell, Column, Form


def build_member_form(org: OrgProfile, member: Member, events: list[MembershipEvent], out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title="工会会员信息采集登记表", union_name=org.union_name, font_path=font_path, page_numbers=False)
    f.heading(f"会员编号：{member.member_no or member.id or ''}")
    v = lambda key: display_value(key, getattr(member, key))  # noqa: E731
    L = lambda text: Cell(text, label=True)  # noqa: E731
    widths = [1.6, 1.8, 1.2, 1.6, 1.3, 1.5]
    f.grid(
        [
            [L("姓名"), Cell(member.name), L("性别"), Cell(v("gender")), L("民族"), Cell(v("ethnicity"))],
            [L("出生日期"), Cell(member.birth_date), L("证件类别"), Cell(v("id_type")), L("政治面貌"), Cell(v("political_status"))],
            [L("公民身份号码"), Cell(member.id_number, span=3), L("学历"), Cell(v("education"))],
            [L("手机号码"), Cell(member.phone), L("户籍类型"), Cell(v("hukou_type")), L("是否农民工"), Cell(v("is_migrant_worker"))],
            [L("户籍所在地"), Cell(member.hukou_place, span=3), L("籍贯"), Cell(member.native_place)],
            [L("工作单位"), Cell(member.workplace or org.unit_name, span=5)],
            [L("部门"), Cell(member.department), L("岗位"), Cell(member.post), L("就业状况"), Cell(v("employment_status"))],
            [L("技术等级"), Cell(v("skill_level")), L("入会日期"), Cell(member.join_date), L("会籍状态"), Cell(v("status"))],
            [L("会员卡号"), Cell(member.card_number, span=3), L("工会会员号"), Cell(member.member_no)],
            [L("备注"), Cell(member.note, span=5, height=90)],
        ],
        widths,
        pad=8,
    )
    f.space(10)
    f.paragraph("会籍变动记录", size=11)
    f.space(2)
    rows = [
        (e.date, e.kind_label, e.reason_label, e.other_union, ("【已作废：" + (e.void_reason or "") + "】" if e.voided_at else "") + e.note)
        for e in events
    ] or [("", "", "", "", "")]
    f.table(
        [Column("日期", 1.2, "center"), Column("变动类型", 1.1, "center"), Column("原因", 1.6), Column("转出/转入工会", 2.2), Column("备注", 2.4)],
        rows,
        size=9.5,
        max_lines=3,
    )
    f.space(12)
    f.paragraph("本人承诺以上信息真实准确，自愿加入中华全国总工会，遵守工会章程，履行会员义务。", size=10, first_indent=True)
    f.signatures(["会员本人签字", "信息采集人", "基层工会（盖章）"])
    f.save()


ROSTER_COLUMNS = [
    ("序号", 0.7, "center"),
    ("姓名", 1.2, "center"),
    ("性别", 0.6, "center"),
    ("出生日期", 1.3, "center"),
    ("公民身份号码", 2.4, "center"),
    ("政治面貌", 1.3, "center"),
    ("学历", 1.2, "center"),
    ("部门", 1.8, "left"),
    ("岗位", 1.4, "left"),
    ("手机号码", 1.5, "center"),
    ("入会日期", 1.3, "center"),
    ("会籍状态", 1.0, "center"),
]
ROSTER_KEYS = ["name", "gender", "birth_date", "id_number", "political_status", "education", "department", "post", "phone", "join_date", "status"]


def roster_row(number: int, r: dict, mask_id: bool) -> list[str]:
    """One printed roster line from a member row of codes (labels looked up here)."""
    out = [str(number)]
    for key in ROSTER_KEYS:
        value = r.get(key)
        if key == "id_number":
            out.append(mask_id_number(value) if mask_id else (value or ""))
        elif key in ("gender", "political_status", "education", "status"):
            out.append(_LISTS[key].label(value))
        else:
            out.append(value or "")
    return out


_LISTS = {"gender": codes.GENDER, "political_status": codes.POLITICAL_STATUS, "education": codes.EDUCATION, "status": codes.MEMBER_STATUS}


def build_roster(
    org: OrgProfile,
    rows: Iterable[dict],
    out: str | BinaryIO,
    *,
    mask_id: bool = False,
    title: str = "会员花名册",
    subtitle: str = "",
    font_path: str = "",
    progress=None,
    total: int = 0,
) -> int:
    """The roster in A4 landscape, header on every page, '共 N 人' at the end; returns N."""
    f = Form(out, title=title, union_name=org.union_name, landscape=True, font_path=font_path)
    today = clock.today_iso()
    f.heading(subtitle or f"制表日期：{today}")
    numbered = (roster_row(i, r, mask_id) for i, r in enumerate(rows, start=1))
    count = f.table([Column(t, w, a) for t, w, a in ROSTER_COLUMNS], numbered, size=9, progress=progress, total=total)
    f.ensure(60)  # keep the total and the signatures together
    f.space(6)
    f.paragraph(f"共 {count} 人。" + ("（身份证号已部分隐藏）" if mask_id else ""), size=10)
    f.signatures(["制表人", "审核人"], with_date=False, gap=8)
    f.save()
    return count
