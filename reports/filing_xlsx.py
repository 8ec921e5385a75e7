"""The yearly filing as an .xlsx laid out like the paper table (reports/xlsx_writer.py).

Sheet 年报: the title, 填报单位 and 统一社会信用代码, a two-row header with merged
cells (指标 over 代码/名称, 单位, 数值 over 本年), one bordered row per indicator under
its section, the 填报人 / 负责人 / 填报日期 line; A4 portrait, fitted to one page wide,
print area and repeated header rows set. Sheet 同比: this year, last year and the
change. A hidden sheet 说明 names the form, its version, the program and its version,
and holds every figure by indicator code with a digest (models/filing_marker.py), so a
consolidation knows what it reads and that it was not edited. Plain data in (models.filing_store.export_data), file out.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from models.filing_marker import DATA_SHEET, marker_rows
from reports.xlsx_writer import Book, Column, PrintSetup, Sheet, Style

META_SHEET = DATA_SHEET

BLACK = "000000"
TITLE = Style(bold=True, size=16, align="center", wrap=True)
LINE = Style(align="left", wrap=True)  # 填报单位, 信用代码, the signature line
HEAD = Style(bold=True, fill="E8EEF5", border=True, border_color=BLACK, align="center", wrap=True)
SECTION = Style(bold=True, fill="F4F4F4", border=True, border_color=BLACK, align="left", wrap=True)
# Figures as written (1,234.00; 是/否; a code with leading zeros): every body cell is text.
_CELL = Style(border=True, border_color=BLACK, number_format="@")
BODY = {"center": replace(_CELL, align="center", wrap=True), "left": replace(_CELL, align="left", wrap=True),
        "right": replace(_CELL, align="right")}
# A4 portrait, one page wide, the two header rows on every page, the print area set.
PAGE = PrintSetup(landscape=False, repeat_from=4, repeat_rows=5, print_area=True, page_numbers=False,
                 margins=(0.5, 0.5, 1, 1), row_height=15)


def _status(data: dict) -> str:
    filed = data["filed"]
    if filed:
        return f"已报送 {filed['filed_on']}（第 {filed['version']} 版）"
    return "未报送（按当前记录计算）"


def _columns(widths: Sequence[float], aligns: Sequence[str]) -> list[Column]:
    return [Column("", w, BODY[a]) for w, a in zip(widths, aligns)]


def _title_block(ws: Sheet, data: dict, title: str) -> None:
    ws.merged(title, TITLE, height=32)
    ws.merged(f"填报单位（盖章）：{data['union_name']}", LINE)
    ws.merged(f"统一社会信用代码：{data['credit_code']}    统计截止日期：{data['reference_date']}    {_status(data)}", LINE)


def _header(ws: Sheet, top: list[tuple[str, int]], bottom: list[str]) -> None:
    """Two header rows: a top cell spanning its columns (or both rows when nothing is under it)."""
    row = ws.row_count + 1
    cells: list[str] = []
    col = 0
    for text, span in top:
        cells += [text] + [""] * (span - 1)
        if span > 1:
            ws.merge(row, col, row, col + span - 1)
        elif not bottom[col]:  # nothing under it: the cell covers both rows
            ws.merge(row, col, row + 1, col)
        col += span
    ws.row(cells, HEAD)
    ws.row(bottom, HEAD)


def _body(ws: Sheet, rows: list[tuple[str, list[Any]]]) -> None:
    """The indicators under their sections (a merged, shaded row each)."""
    section = None
    for name, values in rows:
        if name != section:
            section = name
            ws.merged(name, SECTION)
        ws.row(values)


def _signature_line(ws: Sheet, data: dict) -> None:
    filed = data["filed"] or {}
    ws.row([])
    ws.merged(f"填报人：{filed.get('filed_by', '')}        负责人：{filed.get('head', '') or data.get('chair', '')}        "
              f"填报日期：{filed.get('filed_on', '')}", LINE)


def write_filing(data: dict, out_path: str | Path) -> Path:
    """The paper table (sheet 年报), the year-over-year comparison (sheet 同比) and the meta sheet."""
    path = Path(out_path)
    with Book(path) as book:
        ws = book.sheet("年报", _columns((8, 44, 12, 30), ("center", "left", "center", "right")), freeze_rows=5, print_setup=PAGE)
        _title_block(ws, data, f"{data['form']}（{data['year']}年度）")
        _header(ws, [("指标", 2), ("计量单位", 1), ("数值", 1)], ["代码", "指标名称", "", "本年"])
        _body(ws, [(row["section"], [f"{i:02d}", row["label"], row["unit"], row["value"]]) for i, row in enumerate(data["rows"], start=1)])
        _signature_line(ws, data)

        cmp = book.sheet("同比", _columns((44, 10, 16, 16, 14), ("left", "center", "right", "right", "right")), freeze_rows=5, print_setup=PAGE)
        _title_block(cmp, data, f"{data['form']}同比（{data['year']}年与{data['year'] - 1}年）")
        _header(cmp, [("指标名称", 1), ("计量单位", 1), ("数值", 3)], ["", "", f"{data['year']}年", f"{data['year'] - 1}年", "增减"])
        _body(cmp, [(row["section"], [row["label"], row["unit"], row["this"], row["last"], row["change"]]) for row in data["comparison"]])

        marks = marker_rows(data)  # what a consolidation reads, by indicator code (models/filing_marker.py)
        plain = Column("", 12, Style())
        meta = book.sheet(META_SHEET, [plain] * max(len(r) for r in marks), hidden=True, print_setup=None)
        meta.rows(marks)
    return path
