"""The yearly filing as a PDF through the form kit: the paper table, then the year-over-year
comparison, from the same plain data as the xlsx (models.filing_store.export_data)."""

from __future__ import annotations

from typing import BinaryIO

from reports.kit import Column, Form, GroupRow


def _status(data: dict) -> str:
    filed = data["filed"]
    return f"已报送 {filed['filed_on']}（第 {filed['version']} 版）" if filed else "未报送（按当前记录计算）"


def build_filing(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title=f"{data['form']}（{data['year']}年度）", union_name=data["union_name"], font_path=font_path)
    f.heading(f"统一社会信用代码：{data['credit_code'] or '（未填写）'}    统计截止日期：{data['reference_date']}    {_status(data)}")
    for warning in data["warnings"]:
        f.paragraph(f"注意：{warning}", size=9)
    body: list = []
    section = None
    for i, row in enumerate(data["rows"], start=1):
        if row["section"] != section:
            section = row["section"]
            body.append(GroupRow(section))
        body.append([f"{i:02d}", row["label"], row["unit"], row["value"]])
    f.table([Column("代码", 0.7, "center"), Column("指标名称", 4.2), Column("计量单位", 1, "center"), Column("本年数值", 2.6, "right")], body, size=9.5)
    # The signature line belongs under the table (as on paper); the notes on failing checks follow it.
    filed = data["filed"] or {}
    f.keep_together(24)
    f.space(6)
    f.line_of_pairs([("填报人", filed.get("filed_by", "") or "　" * 6), ("负责人", filed.get("head", "") or data.get("chair", "") or "　" * 6),
                     ("填报日期", filed.get("filed_on", "") or "　　年　月　日")])
    failed = [c for c in data["checks"] if c["ok"] is False]
    if failed:
        f.space(6)
        f.paragraph("校验未通过的项目及说明：", size=10)
        for c in failed:
            f.paragraph(f"· {c['message']}（{c['detail']}）" + (f" 说明：{c['reason']}" if c.get("reason") else ""), size=9, indent=12)
    f.new_page()
    f.centred_lines(f"{data['form']}同比（{data['year']}年与{data['year'] - 1}年）", 16)
    f.space(6)
    body = []
    section = None
    for row in data["comparison"]:
        if row["section"] != section:
            section = row["section"]
            body.append(GroupRow(section))
        body.append([row["label"], row["unit"], row["this"], row["last"], row["change"]])
    f.table([Column("指标名称", 4.2), Column("计量单位", 1, "center"), Column(f"{data['year']}年", 1.7, "right"),
             Column(f"{data['year'] - 1}年", 1.7, "right"), Column("增减", 1.4, "right")], body, size=9.5)
    f.save()
