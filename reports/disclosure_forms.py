"""厂务公开 paper: the year's register (landscape), the notice posted on the board, the
register of workers' feedback and the supervision group's inspection records.

Plain data in (built by reports/registry_disclosure.py from models/), file out, through
the form kit: every character of a long summary or reply is printed, rows grow and
continue on the next page, and every form past one page is numbered.
"""

from __future__ import annotations

from typing import BinaryIO

from models import codes
from models.disclosure_feedback import FEEDBACK_STATE, INSPECTION_STATE, aspects_text
from models.disclosure_schedule import STATE_LABELS
from reports.kit import Cell, Column, Form, cn_date, wrap





def _stamp_line(f: Form, made_on: str) -> None:
    f.paragraph(f"制表日期：{cn_date(made_on)}", size=9.5)


def build_ledger(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """厂务公开登记台账: one row per item of the year, with its timeliness and feedback."""
    year = data["year"]
    f = Form(out, title=f"{year}年度厂务公开登记台账", union_name=data["org"].union_name, font_path=font_path, landscape=True)
    f.heading(f"单位：{data['org'].unit_name or data['org'].union_name}    截至：{cn_date(data['on'])}")
    rows = []
    for n, r in enumerate(data["rows"], start=1):
        rows.append([
            str(n), r["disclosed_on"] or "待公开", r["title"], r["category"], r["period"], r["summary"], r["channels"], r["audience"],
            r["responsible"], r["feedback"], r["timeliness"],
        ])
    f.table(
        [Column("序号", 0.45, "center"), Column("公开日期", 1.15, "center"), Column("公开事项", 1.8), Column("公开类别", 1.3),
         Column("所属期间", 1.0, "center"), Column("公开内容摘要", 3.2), Column("公开渠道", 1.2), Column("公开范围", 1.0),
         Column("责任部门/责任人", 1.15), Column("职工反馈及处理", 1.3), Column("公开时效", 0.85, "center")],
        rows or [["", "", "（本年度尚无登记）", "", "", "", "", "", "", "", ""]],
        size=8.5,
        max_lines=6,
        min_row_height=22,
    )
    t = data["counts"]
    f.space(6)
    by_category = "，".join(f"{codes.DISCLOSURE_CATEGORY.label(k)} {v} 项" for k, v in t["by_category"].items() if v)
    by_channel = "，".join(f"{codes.DISCLOSURE_CHANNEL.label(k)} {v} 项" for k, v in t["by_channel"].items() if v)
    f.paragraph(
        f"本年度已公开 {t['total']} 项（其中逾期公开 {t['late']} 项）" + (f"；按类别：{by_category}" if by_category else "")
        + (f"；按渠道（一项多渠道的分别计）：{by_channel}" if by_channel else "") + "。",
        size=9.5,
    )
    if data["pending"]:
        f.paragraph("截至制表日应公开而未公开：" + "；".join(data["pending"]) + "。", size=9.5)
    f.signatures(["登记人", "厂务公开办公室负责人", "工会主席"], size=10)
    f.save()


def build_notice(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """An A4 sheet for the 厂务公开栏: heading, content, period, feedback contact, issuer and seal."""
    item = data["item"]
    org = data["org"]
    f = Form(out, title="厂务公开", union_name=org.unit_name or org.union_name, font_path=font_path, page_numbers=False)
    f.heading(size=26)
    f.centred_lines(item["title"], 16, smallest=12)
    f.space(6)
    facts = [("公开类别", item["category"]), ("所属期间", item["period"] or "—"), ("公开日期", cn_date(item["disclosed_on"]) if item["disclosed_on"] else "（待公开）"),
             ("公开期限", item["posted"]), ("公开范围", item["audience"]), ("公开渠道", item["channels"])]
    f.grid([[Cell(k, label=True), Cell(v), Cell(k2, label=True), Cell(v2)] for (k, v), (k2, v2) in zip(facts[::2], facts[1::2])], [1, 2.2, 1, 2.2], size=10.5)
    f.space(10)
    f.paragraph(item["summary"] or "（公开内容见附件）", size=12, leading=21, first_indent=True)
    if data["attachments"]:
        f.space(6)
        f.paragraph("附件：" + "；".join(data["attachments"]), size=10.5)
    f.space(10)
    f.paragraph(
        f"职工对以上公开内容如有意见和建议，请在公开期内向{item['contact']}反映，也可投入厂务公开意见箱。我们将及时答复并反馈处理结果。",
        size=11, leading=18, first_indent=True,
    )
    f.space(10)
    _issuer(f, item["issuer"], item["disclosed_on"])
    f.save()


def _issuer(f: Form, issuer: str, date_iso: str | None) -> None:
    """Issuer and date at the right, a dashed box for the seal beside them."""
    size = 11
    f.seal_box(wrap(issuer, f.font, size, f.content_width - 84 - 40) + [cn_date(date_iso)], size=size, leading=1.7, align="right")


def build_feedback(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """职工反馈意见登记表: every piece of feedback of the year, its reply and whether it is closed."""
    year = data["year"]
    f = Form(out, title=f"{year}年度职工反馈意见登记表", union_name=data["org"].union_name, font_path=font_path, landscape=True)
    f.heading(f"截至：{cn_date(data['on'])}")
    rows = []
    for n, r in enumerate(data["rows"], start=1):
        fb = r["feedback"]
        who = "、".join(x for x in (fb.person or "（匿名）", fb.department) if x)
        rows.append([str(n), fb.received_on, codes.FEEDBACK_CHANNEL.label(fb.channel), who, r["item_title"] or "（综合）", fb.content,
                     fb.answered_by, fb.reply, fb.replied_on or "", fb.closed_on or "", FEEDBACK_STATE[r["state"]]])
    f.table(
        [Column("序号", 0.45, "center"), Column("反馈日期", 1.15, "center"), Column("反馈渠道", 0.9, "center"), Column("反映人/部门", 1.1),
         Column("相关公开事项", 1.5), Column("反馈内容", 2.8), Column("答复人", 0.9), Column("答复内容", 2.6), Column("答复日期", 1.15, "center"),
         Column("办结日期", 1.15, "center"), Column("状态", 0.9, "center")],
        rows or [["", "", "", "", "（本年度尚无职工反馈）", "", "", "", "", "", ""]],
        size=8.5,
        max_lines=6,
        min_row_height=22,
    )
    closed = sum(1 for r in data["rows"] if r["state"] == "closed")
    f.space(6)
    f.paragraph(f"本年度登记职工反馈 {len(data['rows'])} 件，已办结 {closed} 件，未办结 {len(data['rows']) - closed} 件。", size=9.5)
    f.signatures(["登记人", "厂务公开办公室负责人"], size=10)
    f.save()


def build_inspections(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """监督检查记录表: one block per inspection of the year, each with the inspectors' signatures."""
    year = data["year"]
    f = Form(out, title=f"{year}年度厂务公开监督检查记录表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"截至：{cn_date(data['on'])}")
    if not data["rows"]:
        f.paragraph("本年度尚无监督检查记录。", size=11)
    widths = [1.2, 2.4, 1.2, 2.4]
    for n, r in enumerate(data["rows"], start=1):
        x = r["inspection"]
        ticks = "    ".join(("■" if code in x.aspects else "□") + label for code, label in codes.INSPECTION_ASPECT.pairs())
        f.keep_together(120)
        f.paragraph(f"第 {n} 次检查", size=11.5)
        f.grid(
            [
                [Cell("检查日期", label=True), Cell(cn_date(x.date)), Cell("检查人员", label=True), Cell(x.inspectors)],
                [Cell("检查项目", label=True), Cell(ticks, span=3)],
                [Cell("检查范围", label=True), Cell(x.scope or "—", span=3)],
                [Cell("发现的问题", label=True), Cell(x.findings or "未发现问题", span=3, height=36)],
                [Cell("整改要求", label=True), Cell(x.rectification or "—", span=3)],
                [Cell("整改期限", label=True), Cell(cn_date(x.rectify_due_on) if x.rectify_due_on else "—"),
                 Cell("整改完成日期", label=True), Cell(cn_date(x.rectified_on) if x.rectified_on else "—")],
                [Cell("整改情况", label=True), Cell((x.rectify_note or "—") + f"（{INSPECTION_STATE[r['state']]}）", span=3)],
                [Cell("检查人员签字", label=True), Cell("", span=3, height=34)],
            ],
            widths,
            size=10,
        )
        f.space(12)
    f.save()


def timeliness_text(state: str, due_on: str | None) -> str:
    if state == "":
        return "—"
    text = STATE_LABELS[state]
    return f"{text}（应于{due_on}前）" if state in ("due", "overdue") and due_on else text
