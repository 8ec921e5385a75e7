"""The consolidated filing as an .xlsx (openpyxl, write-only: 500 unions are 500 rows streamed).

Sheet 汇总表: the title, a line with the year, the count and the date (and 内部资料
注意保密 when a filing consolidated carries that mark), a two-row header (the form's
sections over their indicators, each with its unit), frozen with the union's name;
one row per union, then the totals row (counts and money summed, 是否 as the number
of unions that said 是, text blank). Money is in yuan with two decimals, counts are
whole numbers, credit codes text. Sheet 汇总情况: the files read, skipped with the
reason, and the problems of each.
"""

from __future__ import annotations

import io
import math
from copy import copy
from pathlib import Path
from typing import Any

from models import clock
from models.consolidate import Consolidation
from models.filing_form import FORM_NAME, INDICATORS, MONEY, YES_NO, Indicator
from reports.kit import write_atomic

CONFIDENTIAL = "内部资料 注意保密"
FIXED = ("序号", "工会名称")  # before the indicators
TAIL = ("来源文件",)
COUNT_FORMAT, MONEY_FORMAT = "#,##0", "#,##0.00"


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "title": Font(name="宋体", size=16, bold=True),
        "head": Font(name="宋体", size=10, bold=True),
        "body": Font(name="宋体", size=10),
        "bold": Font(name="宋体", size=10, bold=True),
        "mark": Font(name="宋体", size=11, bold=True, color="C00000"),
        "fill": PatternFill("solid", fgColor="E8EEF5"),
        "total_fill": PatternFill("solid", fgColor="F4F4F4"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center"),  # one line: row heights are not measured
        "wrap": Alignment(horizontal="left", vertical="top", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
    }


def _cell(ws, value: Any, st: dict, font: str = "body", align: str = "left", fmt: str | None = None, fill: str | None = None, border: bool = True):
    """A styled write-only cell. Setting font, border … on each of 30,000 cells costs seconds
    (openpyxl hashes every style object each time), so each combination is styled once, on a
    template cell, and its style ids copied."""
    from openpyxl.cell import WriteOnlyCell

    key = (font, align, fmt, fill, border)
    cache = st.setdefault("_cache", {})
    style = cache.get(key)
    if style is None:
        template = WriteOnlyCell(ws)
        template.font, template.alignment = st[font], st[align]
        if border:
            template.border = st["border"]
        if fmt:
            template.number_format = fmt
        if fill:
            template.fill = st[fill]
        style = cache[key] = template._style
    cell = WriteOnlyCell(ws, value=value)
    cell._style = copy(style)
    return cell


def _header_label(ind: Indicator) -> str:
    """The label with its unit on a line of its own (so a narrow column never breaks 人） apart)."""
    unit = "" if ind.unit in ("", YES_NO) or ind.label.endswith(f"（{ind.unit}）") else f"\n（{ind.unit}）"
    return f"{ind.label}{unit}"


def _lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` wide (a Chinese character is ~1.7 units)."""
    per_line = max(width - 2, 4)
    return sum(max(1, math.ceil(sum(1.7 if ord(ch) > 0x2E80 else 1 for ch in part) / per_line)) for part in text.split("\n"))


def _value_cell(ws, st: dict, ind: Indicator, value: Any, *, total: bool = False):
    font, fill = ("bold", "total_fill") if total else ("body", None)
    if value is None:
        return _cell(ws, None, st, font, fill=fill)
    if ind.unit == YES_NO and not total:
        return _cell(ws, "是" if value == 1 else "否", st, font, "center", fill=fill)
    if ind.unit == MONEY:
        return _cell(ws, value / 100, st, font, "right", MONEY_FORMAT, fill)
    if ind.unit == "":
        return _cell(ws, str(value), st, font, "left", "@", fill)
    return _cell(ws, value, st, font, "right", COUNT_FORMAT, fill)


WIDE = {"unit_name": 26, "parent_union": 28, "credit_code": 21, "industry": 18, "founded_on": 12}


def _width(ind: Indicator) -> float:
    return WIDE.get(ind.code) or (14 if ind.unit == MONEY else 12)


def _table_sheet(wb, st: dict, result: Consolidation) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet("汇总表")
    width = len(FIXED) + len(INDICATORS) + len(TAIL)
    last = get_column_letter(width)
    for i, w in enumerate((6, 30, *(_width(ind) for ind in INDICATORS), 30), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "C5"  # the header rows and 序号/工会名称 stay in view
    # Row heights before the rows: a write-only sheet writes each row as it is appended.
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[4].height = 80  # labels of up to 18 characters, five lines in a column of 12
    # Title and note at the left (a title centred over sixty columns is off the first screen).
    ws.append([_cell(ws, f"{FORM_NAME}汇总表（{result.year}年度）", st, "title", border=False)])
    mark = f"{CONFIDENTIAL}    " if result.confidential else ""
    note = f"{mark}汇总单位：{len(result.included)} 个    汇总日期：{clock.today_iso()}    是否类指标的合计为填“是”的单位数"
    ws.append([_cell(ws, note, st, "mark" if mark else "body", border=False)])
    # Two header rows: the sections over their indicators; 序号, 工会名称 and 来源文件 span both.
    sections, labels = [], []
    for text in FIXED:
        sections.append(_cell(ws, text, st, "head", "center", fill="fill"))
        labels.append(_cell(ws, None, st, "head", "center", fill="fill"))
    spans: list[tuple[int, int]] = []
    for col, ind in enumerate(INDICATORS, start=len(FIXED) + 1):
        first = col == len(FIXED) + 1 or INDICATORS[col - len(FIXED) - 2].section != ind.section
        if first:
            spans.append((col, col))
        else:
            spans[-1] = (spans[-1][0], col)
        sections.append(_cell(ws, ind.section if first else None, st, "head", "center", fill="fill"))
        labels.append(_cell(ws, _header_label(ind), st, "head", "center", fill="fill"))
    for text in TAIL:
        sections.append(_cell(ws, text, st, "head", "center", fill="fill"))
        labels.append(_cell(ws, None, st, "head", "center", fill="fill"))
    ws.append(sections)
    ws.append(labels)
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    for col in (*range(1, len(FIXED) + 1), width):
        letter = get_column_letter(col)
        ws.merged_cells.add(f"{letter}3:{letter}4")
    for a, b in spans:
        if b > a:
            ws.merged_cells.add(f"{get_column_letter(a)}3:{get_column_letter(b)}3")
    for n, f in enumerate(result.included, start=1):
        ws.append([_cell(ws, n, st, align="center"), _cell(ws, f.union_name, st),
                   *(_value_cell(ws, st, ind, f.values.get(ind.code)) for ind in INDICATORS), _cell(ws, f.name, st)])
    ws.append([_cell(ws, f"合计（{len(result.included)} 个单位）", st, "bold", "center", fill="total_fill"), _cell(ws, None, st, fill="total_fill"),
               *(_value_cell(ws, st, ind, result.totals.get(ind.code), total=True) for ind in INDICATORS), _cell(ws, None, st, fill="total_fill")])
    total_row = 4 + len(result.included) + 1
    ws.merged_cells.add(f"A{total_row}:B{total_row}")
    ws.print_title_rows = "3:4"
    ws.print_title_cols = "A:B"
    ws.print_area = f"A1:{last}{total_row}"
    ws.page_setup.paperSize = "8"  # A3: sixty columns
    ws.page_setup.orientation = "landscape"


def _summary_sheet(wb, st: dict, result: Consolidation) -> None:
    ws = wb.create_sheet("汇总情况")
    widths = (6, 30, 28, 21, 16, 70)
    for letter, w in zip("ABCDEF", widths):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "4:4"
    ws.row_dimensions[1].height = 30
    for n, f in enumerate(result.files, start=5):  # heights before the rows (write-only); Excel does not measure wrapped text
        lines = _lines("\n".join(([f"跳过原因：{f.skipped}"] if f.skipped else []) + f.problems), widths[-1])
        if lines > 1:
            ws.row_dimensions[n].height = 14 * lines
    ws.append([_cell(ws, f"{FORM_NAME}汇总情况（{result.year}年度）", st, "title", border=False)])
    ws.append([_cell(ws, result.counts_line(), st, border=False)])
    ws.append([])
    ws.append([_cell(ws, h, st, "head", "center", fill="fill") for h in ("序号", "文件", "工会名称", "统一社会信用代码", "结果", "原因或问题")])
    for n, f in enumerate(result.files, start=1):
        notes = ([f"跳过原因：{f.skipped}"] if f.skipped else []) + f.problems
        ws.append([_cell(ws, n, st, align="center"), _cell(ws, f.name, st), _cell(ws, f.union_name, st), _cell(ws, f.credit_code, st, fmt="@"),
                   _cell(ws, f.status, st, "bold" if f.skipped or f.problems else "body", "center"), _cell(ws, "\n".join(notes), st, align="wrap")])
    ws.merged_cells.add("A1:F1")
    ws.merged_cells.add("A2:F2")


def write_consolidation(result: Consolidation, out_path: str | Path) -> Path:
    """汇总表 and 汇总情况, saved whole or not at all."""
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook(write_only=True)
    _table_sheet(wb, st, result)
    _summary_sheet(wb, st, result)
    buf = io.BytesIO()
    wb.save(buf)
    path = Path(out_path)
    write_atomic(path, buf.getvalue())
    return path
