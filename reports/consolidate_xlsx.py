"""The consolidated filing as an .xlsx (reports/xlsx_writer.py: 500 unions are 500 rows streamed).

Sheet 汇总表: the title, a line with the year, the count and the date (and 内部资料
注意保密 when a filing consolidated carries that mark), a two-row header (the form's
sections over their indicators, each with its unit), frozen with the union's name;
one row per union, then the totals row (counts and money summed, 是否 as the number
of unions that said 是, text blank). Money is in yuan with two decimals, counts are
whole numbers, credit codes text. Sheet 汇总情况: the files read, skipped with the
reason, and the problems of each.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from models import clock
from models.consolidate import Consolidation
from models.filing_form import FORM_NAME, INDICATORS, MONEY, YES_NO, Indicator
from reports.xlsx_writer import Book, Column, PrintSetup, Sheet, Style

CONFIDENTIAL = "内部资料 注意保密"
FIXED = ("序号", "工会名称")  # before the indicators
TAIL = ("来源文件",)
COUNT_FORMAT, MONEY_FORMAT = "#,##0", "#,##0.00"

BLACK = "000000"
TITLE = Style(bold=True, size=16)
NOTE = Style(size=10)
MARK = Style(bold=True, color="C00000")
HEAD = Style(bold=True, size=10, fill="E8EEF5", border=True, border_color=BLACK, align="center", wrap=True)
BODY = Style(size=10, border=True, border_color=BLACK, align="left")  # one line: row heights are not measured
CENTER = replace(BODY, align="center", wrap=True)
RIGHT = replace(BODY, align="right")
WRAP = replace(BODY, valign="top", wrap=True)
TOTAL = replace(BODY, bold=True, fill="F4F4F4")


def _header_label(ind: Indicator) -> str:
    """The label with its unit on a line of its own (so a narrow column never breaks 人） apart)."""
    unit = "" if ind.unit in ("", YES_NO) or ind.label.endswith(f"（{ind.unit}）") else f"\n（{ind.unit}）"
    return f"{ind.label}{unit}"


def _lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` wide (a Chinese character is ~1.7 units)."""
    per_line = max(width - 2, 4)
    return sum(max(1, math.ceil(sum(1.7 if ord(ch) > 0x2E80 else 1 for ch in part) / per_line)) for part in text.split("\n"))


def _value_style(ind: Indicator, *, total: bool = False) -> Style:
    """An indicator column's look: 是否 centred, money and counts right with their formats, text as text."""
    if ind.unit == YES_NO and not total:
        style = CENTER
    elif ind.unit == MONEY:
        style = replace(RIGHT, number_format=MONEY_FORMAT)
    elif ind.unit == "":
        style = replace(BODY, number_format="@")
    else:
        style = replace(RIGHT, number_format=COUNT_FORMAT)
    return replace(style, bold=True, fill="F4F4F4") if total else style


def _value(ind: Indicator, value: Any, *, total: bool = False) -> Any:
    if value is None:
        return None
    if ind.unit == YES_NO and not total:
        return "是" if value == 1 else "否"
    if ind.unit == MONEY:
        return value / 100
    if ind.unit == "":
        return str(value)
    return value


WIDE = {"unit_name": 26, "parent_union": 28, "credit_code": 21, "industry": 18, "founded_on": 12}


def _width(ind: Indicator) -> float:
    return WIDE.get(ind.code) or (14 if ind.unit == MONEY else 12)


def _table_sheet(book: Book, result: Consolidation) -> None:
    columns = [Column("序号", 6, replace(CENTER, wrap=False)), Column("工会名称", 30, BODY),
               *(Column(_header_label(ind), _width(ind), _value_style(ind)) for ind in INDICATORS), Column("来源文件", 30, BODY)]
    width = len(columns)
    total_row = 4 + len(result.included) + 1
    # 序号/工会名称 and the header rows stay in view, and are printed on every page of the A3 sheets.
    setup = PrintSetup(landscape=True, fit_width=False, paper=8, repeat_from=3, repeat_rows=4, repeat_cols=2,
                       print_area=True, page_numbers=False, margins=(0.75, 0.75, 1, 1), centered=False, row_height=15)
    ws = book.sheet("汇总表", columns, freeze_rows=4, freeze_cols=2, print_setup=setup)
    # Title and note at the left (a title centred over sixty columns is off the first screen).
    ws.merged(f"{FORM_NAME}汇总表（{result.year}年度）", TITLE, height=30)
    mark = f"{CONFIDENTIAL}    " if result.confidential else ""
    note = f"{mark}汇总单位：{len(result.included)} 个    汇总日期：{clock.today_iso()}    是否类指标的合计为填“是”的单位数"
    ws.merged(note, MARK if mark else NOTE)
    # Two header rows: the sections over their indicators; 序号, 工会名称 and 来源文件 span both.
    sections: list[str] = [*FIXED]
    labels: list[str] = [""] * len(FIXED)
    first_col = len(FIXED)
    for n, ind in enumerate(INDICATORS):
        col = first_col + n
        first = n == 0 or INDICATORS[n - 1].section != ind.section
        if first:
            start = col
        sections.append(ind.section if first else "")
        labels.append(_header_label(ind))
        if n + 1 == len(INDICATORS) or INDICATORS[n + 1].section != ind.section:
            if col > start:
                ws.merge(3, start, 3, col)
    sections.extend(TAIL)
    labels.extend([""] * len(TAIL))
    ws.row(sections, HEAD)
    ws.row(labels, HEAD, height=80)  # labels of up to 18 characters, five lines in a column of 12
    for col in (*range(len(FIXED)), width - 1):
        ws.merge(3, col, 4, col)
    ws.rows([n, f.union_name, *(_value(ind, f.values.get(ind.code)) for ind in INDICATORS), f.name]
            for n, f in enumerate(result.included, start=1))
    ws.row([f"合计（{len(result.included)} 个单位）", None, *(_value(ind, result.totals.get(ind.code), total=True) for ind in INDICATORS), None],
           [replace(TOTAL, align="center", wrap=True), TOTAL, *(_value_style(ind, total=True) for ind in INDICATORS), TOTAL])
    ws.merge(total_row, 0, total_row, 1)


def _summary_sheet(book: Book, result: Consolidation) -> None:
    widths = (6, 30, 28, 21, 16, 70)
    heads = ("序号", "文件", "工会名称", "统一社会信用代码", "结果", "原因或问题")
    styles = (replace(CENTER, wrap=False), BODY, BODY, replace(BODY, number_format="@"), CENTER, WRAP)
    ws: Sheet = book.sheet("汇总情况", [Column(h, w, s) for h, w, s in zip(heads, widths, styles)], freeze_rows=4,
                           print_setup=PrintSetup(landscape=True, repeat_from=4, repeat_rows=4, page_numbers=False,
                                                  margins=(0.75, 0.75, 1, 1), centered=False, row_height=15))
    ws.merged(f"{FORM_NAME}汇总情况（{result.year}年度）", TITLE, height=30)
    ws.merged(result.counts_line(), NOTE)
    ws.row([])
    ws.row(heads, HEAD)
    for n, f in enumerate(result.files, start=1):
        notes = "\n".join(([f"跳过原因：{f.skipped}"] if f.skipped else []) + f.problems)
        lines = _lines(notes, widths[-1])  # Excel does not measure wrapped text: the height is set
        status = replace(CENTER, bold=True) if f.skipped or f.problems else CENTER
        ws.row([n, f.name, f.union_name, f.credit_code, f.status, notes], [*styles[:4], status, styles[5]],
               height=14 * lines if lines > 1 else None)


def write_consolidation(result: Consolidation, out_path: str | Path) -> Path:
    """汇总表 and 汇总情况, saved whole or not at all."""
    path = Path(out_path)
    with Book(path) as book:
        _table_sheet(book, result)
        _summary_sheet(book, result)
    return path
