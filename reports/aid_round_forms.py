"""Aid forms of many people or a period: the receipt sheet (a round's, or one payment
recorded on its own), the public notices (a round's and a new file's: masked only) and
the yearly summary."""

from __future__ import annotations

from typing import BinaryIO

from models import clock, codes
from models.validation import format_money, mask_id_number, money_in_words
from reports.aid_forms import void_mark
from reports.kit import BLANK_DATE, Column, Form, cn_date, wrap


def _seal_block(f: Form, issuer: str, date_iso: str | None) -> None:
    """The issuer and the date, wrapped beside a dashed box for the seal at the right."""
    size = 10.5
    lines = wrap(f"发布单位：{issuer}", f.font, size, f.content_width - 84 - 16) + [f"发布日期：{cn_date(date_iso)}"]
    f.seal_box(lines, size=size, leading=1.6, align="left")


def _proxy(row: dict) -> str:
    """代领人 and 与本人关系 as recorded with the payment (blank for the hand when not known)."""
    name = row.get("proxy_name") or ""
    return f"{name}（{row.get('proxy_relation') or ''}）" if name else ""


def _receipt_table(f: Form, rows: list[dict]) -> None:
    # ID numbers masked (first 6, last 4) and no birth date beside them: the sheet passes
    # through many hands. The receiver writes the date, a proxy names themselves and their
    # relation, and signs or presses a fingerprint.
    body = [
        [str(i), x["worker_name"], mask_id_number(x["worker_id_number"]), x["department"], codes.AID_TIER.label(x["tier"]) if x["tier"] else "",
         format_money(x["amount_fen"]), money_in_words(x["amount_fen"]), "    年  月  日", _proxy(x), ""]
        for i, x in enumerate(rows, start=1)
    ]
    f.table(
        [Column("序号", 0.5, "center"), Column("姓名", 1, "center"), Column("身份证号（隐藏）", 1.9, "center"), Column("部门", 1.3),
         Column("困难类别", 0.9, "center"), Column("金额（元）", 1, "right"), Column("金额（大写）", 2.0), Column("领取日期", 1.2, "center"),
         Column("代领人及关系", 1.3), Column("领取人签字或手印", 1.8)],
        body,
        size=9,
        max_lines=4,
        min_row_height=34,
    )


def build_receipts(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """A round's receipt sheet, or (data["payment"]) the sheet of one payment recorded on its own."""
    r = data["round"]
    f = Form(out, title=f"{r['name']}救助金发放签收表", union_name=data["org"].union_name, font_path=font_path, landscape=True)
    batch = f"    批次编号：{r['id']}" if r.get("id") else ""
    f.heading(f"救助类型：{codes.AID_TYPE.label(r['aid_type'])}    发放日期：{cn_date(r['date'])}{batch}    内部资料 注意保密")
    p = data.get("payment")
    if p is not None:
        void_mark(f, p.get("voided_at"), p.get("void_reason"))
    _receipt_table(f, data["rows"])
    total = sum(x["amount_fen"] for x in data["rows"])
    f.space(8)
    f.paragraph(f"合计：{len(data['rows'])} 人，金额 ¥{format_money(total)}（大写：{money_in_words(total)}）", size=11)
    f.paragraph("说明：本人不能到场的，由代领人填写姓名及与领取人的关系并签字，附委托书。", size=9.5)
    f.signatures(["经办人", "审核人", "工会负责人"])
    f.save()


def build_notice(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """What a public notice may carry: masked name and ID, department, tier, amount. Nothing else."""
    r = data["round"]
    f = Form(out, title=f"{r['name']}公示名单", union_name=data["org"].union_name, font_path=font_path)
    period = f"公示期：{cn_date(r['notice_start'])}至{cn_date(r['notice_end'])}" if r["notice_start"] else f"公示期：{BLANK_DATE}至{BLANK_DATE}"
    f.heading(f"{period}    发放日期：{cn_date(r['date'])}")
    f.paragraph("经个人申请、入户调查、工会审核，拟对以下职工给予帮扶救助，现予公示。", first_indent=True)
    f.space(4)
    rows = [[str(i), x["name"], x["id_number"], x["department"], x["tier"], format_money(x["amount_fen"])] for i, x in enumerate(data["rows"], start=1)]
    f.table([Column("序号", 0.6, "center"), Column("姓名", 1, "center"), Column("身份证号", 2.2, "center"), Column("部门", 1.6),
             Column("困难类别", 1.2, "center"), Column("救助金额（元）", 1.4, "right")], rows, size=10.5, min_row_height=24, max_lines=4)
    total = sum(x["amount_fen"] for x in data["rows"])
    f.space(4)
    f.paragraph(f"合计 {len(rows)} 人，金额 ¥{format_money(total)}（大写：{money_in_words(total)}）。")
    f.space(8)
    contact = r["contact"] or data["org"].phone
    f.paragraph(f"公示期间如有异议，请向工会反映。联系方式：{contact}。", first_indent=True)
    f.space(10)
    _seal_block(f, data["org"].union_name, r["notice_start"] or r["date"])
    f.save()


def build_case_notice(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """The 公示 of a new hardship file: masked name, department and proposed tier only —
    no ID, income, illness or family details."""
    n = data["notice"]
    f = Form(out, title="困难职工建档公示", union_name=data["org"].union_name, font_path=font_path)
    period = f"{cn_date(n['start'])}至{cn_date(n['end'])}" if n["start"] else f"{BLANK_DATE}至{BLANK_DATE}"
    f.heading(f"公示期：{period}")
    f.paragraph("经本人申请、入户调查、工会审核，拟将以下职工家庭纳入困难职工档案管理，现予公示。", first_indent=True)
    f.space(4)
    f.table([Column("序号", 0.6, "center"), Column("姓名", 1.2, "center"), Column("部门", 2.4), Column("拟定困难类别", 1.4, "center")],
            [[str(i), x["name"], x["department"], x["tier"]] for i, x in enumerate(n["rows"], start=1)], size=10.5, min_row_height=24, max_lines=4)
    f.space(8)
    f.paragraph(f"公示期间如有异议，请向工会反映。联系方式：{data['org'].phone}。", first_indent=True)
    f.space(10)
    _seal_block(f, data["org"].union_name, n["start"])
    f.save()


def build_summary(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    t = data["totals"]
    f = Form(out, title=f"{t['year']}年度困难职工帮扶情况汇总表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"制表日期：{cn_date(clock.today_iso())}")
    f.paragraph(
        f"全年帮扶 {t['count']} 人次、{t['households']} 户，发放帮扶资金 ¥{format_money(t['total_fen'])}（{money_in_words(t['total_fen'])}）；"
        f"金秋助学 {t['autumn_students']} 人。作废记录 {t['voided_count']} 笔（¥{format_money(t['voided_fen'])}，不计入合计）。",
        first_indent=True,
    )
    f.space(6)
    f.paragraph("一、按帮扶类型", size=11)
    f.table([Column("帮扶类型", 2), Column("人次", 1, "right"), Column("金额（元）", 1.6, "right")],
            [[codes.AID_TYPE.label(k), str(v["count"]), format_money(v["total_fen"])] for k, v in sorted(t["by_type"].items())] + [["合计", str(t["count"]), format_money(t["total_fen"])]], size=10.5)
    f.space(6)
    f.paragraph("二、按资金来源", size=11)
    f.table([Column("资金来源", 2), Column("人次", 1, "right"), Column("金额（元）", 1.6, "right")],
            [[codes.FUNDING_SOURCE.label(k), str(v["count"]), format_money(v["total_fen"])] for k, v in sorted(t["by_source"].items())], size=10.5)
    f.space(6)
    f.paragraph(f"三、困难职工档案（在档、审批中为{t['year']}年12月31日的情况）", size=11)
    f.table([Column("项目", 2), Column("户数", 1, "right")], [[label, str(n)] for label, n in data["files"]], size=10.5)
    f.signatures(["制表人", "工会负责人"])
    f.save()
