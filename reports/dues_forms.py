"""未缴会费名单: the members who owed dues for a month (or months) and have not paid, printed
(A4 through the form kit) and as an xlsx (the roster's writer). Plain data in
(models.dues.unpaid_list), file out.

No ID number is on the list (the chair matches by name, department and phone), so there
is nothing for the roster's masking rule to hide; a list for the notice board is the
roster's masked export, not this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from models import clock
from models.org import OrgProfile
from models.validation import format_money
from reports.kit import Column, Form

HEADERS = ["序号", "姓名", "部门", "手机号码", "未缴月份", "按工资应缴（元）"]


def months_text(months: list[str]) -> str:
    """Runs of months: '2025-06 至 2025-12、2026-02（8 个月）'; a short list as it is."""
    index = [int(m[:4]) * 12 + int(m[5:]) - 1 for m in months]
    runs: list[list[int]] = []
    for i in index:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    name = lambda i: f"{i // 12:04d}-{i % 12 + 1:02d}"  # noqa: E731
    parts = [f"{name(r[0])} 至 {name(r[-1])}" if len(r) > 2 else "、".join(map(name, r)) for r in runs]
    text = "、".join(parts)
    return f"{text}（{len(months)} 个月）" if len(months) > 3 else text


def scope_text(data: dict) -> str:
    periods = data["periods"]
    when = periods[0] if len(periods) == 1 else f"{periods[0]} 至 {periods[-1]}"
    dept = data["department"] or "全部部门"
    return f"所属月份：{when}    部门：{dept}    制表日期：{clock.today_iso()}"


def rows_of(data: dict) -> list[list[str]]:
    return [
        [str(i), r["name"], r["department"], r["phone"], months_text(r["months"]), "未登记工资" if r["due_fen"] is None else format_money(r["due_fen"])]
        for i, r in enumerate(data["rows"], start=1)
    ]


def total_text(data: dict) -> str:
    text = f"共 {len(data['rows'])} 人未缴，按工资应缴合计 {format_money(data['total_fen'])} 元"
    if data["no_wage"]:
        text += f"（其中 {data['no_wage']} 人未登记月工资，未计入合计）"
    return text + "。名单按各月1日的会籍和部门：当月1日在会的会员应缴当月会费，保留会籍期间不缴。"


def build_unpaid(org: OrgProfile, data: dict, out: str | BinaryIO, *, font_path: str = "") -> int:
    """The list in A4 portrait, header on every page, the total and signatures at the end."""
    f = Form(out, title="未缴会费名单", union_name=org.union_name, font_path=font_path)
    f.heading(scope_text(data))
    columns = [Column("序号", 0.6, "center"), Column("姓名", 1.2), Column("部门", 1.5), Column("手机号码", 1.4),
               Column("未缴月份", 3.2), Column("按工资应缴（元）", 1.4, "right")]
    count = f.table(columns, rows_of(data) or [["", "（无）", "", "", "", ""]], size=9.5)
    f.keep_together(60)
    f.space(6)
    f.paragraph(total_text(data), size=10)
    f.signatures(["制表人", "审核人"], with_date=False, gap=8)
    f.save()
    return count


def write_unpaid_xlsx(data: dict, out_path: str | Path) -> tuple[Path, int]:
    from reports.member_xlsx import write_roster

    return write_roster(out_path, "未缴会费名单", HEADERS, rows_of(data), note=f"{scope_text(data)}    {total_text(data)}")
