"""会员登记表 (one member, like the real-name collection form) and 会员花名册 (the roster)."""

from __future__ import annotations

from typing import BinaryIO, Iterable

from models import codes
from models.members import Member, display_value
from models.membership import MembershipEvent
from models.org import OrgProfile
from models.masking import MASK_NOTE, mask_value, masked_header
from models import clock
from reports.kit import Cell, Column, Form


def build_member_form(org: OrgProfile, member: Member, events: list[MembershipEvent], out: str | BinaryIO, *, font_path: str = "") -> None:
    """Laid out like 全总's 会员实名制信息采集表 / 会员登记表: photo box, 会员证号, 职务/职称,
    and the basic-level union's approval with date and seal box. The number printed is
    the member's 工会会员号 (blank when none was given), never the database row id."""
    f = Form(out, title="工会会员信息采集登记表", union_name=org.union_name, font_path=font_path, page_numbers=False)
    _draw_member_form(f, org, member, events)
    f.save()


def build_member_forms(org: OrgProfile, items: Iterable[tuple[Member, list[MembershipEvent]]], out: str | BinaryIO, *, font_path: str = "", progress=None, total: int = 0) -> int:
    """One 登记表 after another in one PDF (the members ticked on the members page); each
    starts on a new page, its page numbering its own. Returns how many were drawn."""
    f = Form(out, title="工会会员信息采集登记表", union_name=org.union_name, font_path=font_path, page_numbers=False)
    n = 0
    for n, (member, events) in enumerate(items, start=1):
        if n > 1:
            f.section_break()
        _draw_member_form(f, org, member, events)
        if progress is not None and n % 20 == 0:
            progress(n, total)
    f.save()
    return n


def _draw_member_form(f: Form, org: OrgProfile, member: Member, events: list[MembershipEvent]) -> None:
    f.heading(f"工会会员号：{member.member_no or '　　　　　　　'}    填表日期：　　　　年　　月　　日")
    v = lambda key: display_value(key, getattr(member, key))  # noqa: E731
    L = lambda text: Cell(text, label=True)  # noqa: E731
    widths = [1.3, 1.7, 1.5, 1.5, 1.5, 1.2, 1.4]
    photo = Cell("", height=26)  # four rows: a one-inch photo (25 × 35 mm)
    top = f.y
    f.grid(
        [
            [L("姓名"), Cell(member.name), L("性别"), Cell(v("gender")), L("民族"), Cell(v("ethnicity")), photo],
            [L("出生日期"), Cell(member.birth_date), L("政治面貌"), Cell(v("political_status")), L("学历"), Cell(v("education")), photo],
            [L("证件类别"), Cell(v("id_type")), L("公民身份号码"), Cell(member.id_number, span=3), photo],
            [L("手机号码"), Cell(member.phone), L("户籍类型"), Cell(v("hukou_type")), L("是否农民工"), Cell(v("is_migrant_worker")), photo],
        ],
        widths,
        size=10,
        pad=6,
    )
    _photo_box(f, top, widths)
    f.grid(
        [
            [L("户籍所在地"), Cell(member.hukou_place, span=3), L("籍贯"), Cell(member.native_place, span=2)],
            [L("工作单位"), Cell(member.workplace or org.unit_name, span=6)],
            [L("部门"), Cell(member.department, span=3), L("岗位"), Cell(member.post, span=2)],
            [L("职务"), Cell(member.job_title), L("职称"), Cell(member.pro_title), L("技术等级"), Cell(v("skill_level"), span=2)],
            [L("就业状况"), Cell(v("employment_status")), L("入会日期"), Cell(member.join_date), L("会籍状态"), Cell(v("status"), span=2)],
            [L("会员证号"), Cell(member.card_number, span=3), L("工会会员号"), Cell(member.member_no, span=2)],
            [L("备注"), Cell(member.note, span=6, height=44)],
        ],
        widths,
        size=10,
        pad=6,
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
    f.keep_together(80)  # the promise stays with the signatures under it
    f.paragraph("本人承诺以上信息真实准确，自愿加入中华全国总工会，遵守工会章程，履行会员义务。", size=10, first_indent=True)
    f.signatures(["会员本人签字", "信息采集人"])
    f.space(6)
    f.keep_together(84)
    f.grid(
        [[L("基层工会\n审批意见"), Cell("\n\n（盖章）　　　　　　　　年　　月　　日", align="right", height=80)]],
        [1.3, 8.8],
        size=10,
        pad=6,
    )


def _photo_box(f: Form, top: float, widths: list[float]) -> None:
    """One box over the last column of the rows just drawn (the grid has no row span)."""
    x0 = f.left + f.content_width * sum(widths[:-1]) / sum(widths)
    c = f.c
    c.setFillGray(1)
    c.rect(x0, f.y, f.right - x0, top - f.y, stroke=0, fill=1)
    c.setFillGray(0)
    c.rect(x0, f.y, f.right - x0, top - f.y, stroke=1, fill=0)
    c.setFont(f.font, 10)
    mid = (top + f.y) / 2
    c.drawCentredString((x0 + f.right) / 2, mid + 4, "照片")
    c.setFont(f.font, 8)
    c.drawCentredString((x0 + f.right) / 2, mid - 10, "（一寸免冠）")


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
            out.append(mask_value(key, value) if mask_id else (value or ""))
        elif key == "birth_date" and mask_id:
            out.append(mask_value(key, value))
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
    scope: str = "",
    font_path: str = "",
    progress=None,
    total: int = 0,
) -> int:
    """The roster in A4 landscape, header on every page; under the title which members
    it holds (`scope`, e.g. "筛选：会籍状态=在会"); at the end the count of what is
    printed, per status. Returns the count."""
    f = Form(out, title=title, union_name=org.union_name, landscape=True, font_path=font_path)
    today = clock.today_iso()
    f.heading(subtitle or "    ".join(x for x in (f"制表日期：{today}", scope or "范围：全部会员（含保留会籍、已离会）") if x))
    by_status: dict[str, int] = {}

    def numbered():
        for i, r in enumerate(rows, start=1):
            label = _LISTS["status"].label(r.get("status")) or "未知"
            by_status[label] = by_status.get(label, 0) + 1
            yield roster_row(i, r, mask_id)

    columns = [Column(masked_header(key, t) if mask_id else t, w, a) for (t, w, a), key in zip(ROSTER_COLUMNS, ["", *ROSTER_KEYS])]
    count = f.table(columns, numbered(), size=9, progress=progress, total=total)
    f.keep_together(60)  # the total and the signatures stay together
    f.space(6)
    per_status = "、".join(f"{label} {n} 人" for label, n in sorted(by_status.items(), key=lambda kv: _STATUS_ORDER.get(kv[0], 9)))
    f.paragraph(f"共 {count} 人" + (f"（{per_status}）" if per_status else "") + "。" + (MASK_NOTE if mask_id else ""), size=10)
    f.signatures(["制表人", "审核人"], with_date=False, gap=8)
    f.save()
    return count


_STATUS_ORDER = {label: i for i, label in enumerate(codes.MEMBER_STATUS.labels())}


def describe_filter(status_label: str = "", department: str = "", text: str = "") -> str:
    """The line under a roster's title that says which members it holds."""
    parts = [f"会籍状态={status_label}" if status_label else "", f"部门={department}" if department else "", f"检索=“{text}”" if text else ""]
    parts = [p for p in parts if p]
    if not parts:
        return "范围：全部会员（含保留会籍、已离会）"
    return "筛选：" + "、".join(parts)
