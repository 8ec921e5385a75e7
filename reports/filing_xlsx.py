"""The yearly filing as an .xlsx laid out like the paper table (openpyxl).

Sheet 年报: the title, 填报单位 and 统一社会信用代码, a two-row header with merged
cells (指标 over 代码/名称, 单位, 数值 over 本年), one bordered row per indicator under
its section, the 填报人 / 负责人 / 填报日期 line; A4 portrait, fitted to one page wide,
print area and repeated header rows set. Sheet 同比: this year, last year and the
change. A hidden sheet 说明 names the form, its version, the program and its version,
and holds every figure by indicator code with a digest (models/filing_marker.py), so a
consolidation knows what it reads and that it was not edited. Plain data in (models.filing_store.export_data), file out.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from models.filing_marker import DATA_SHEET, marker_rows
from reports.kit import write_atomic

META_SHEET = DATA_SHEET


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "title": Font(name="宋体", size=16, bold=True),
        "head": Font(name="宋体", size=11, bold=True),
        "body": Font(name="宋体", size=11),
        "section": Font(name="宋体", size=11, bold=True),
        "fill": PatternFill("solid", fgColor="E8EEF5"),
        "section_fill": PatternFill("solid", fgColor="F4F4F4"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
    }


def _status(data: dict) -> str:
    filed = data["filed"]
    if filed:
        return f"已报送 {filed['filed_on']}（第 {filed['version']} 版）"
    return "未报送（按当前记录计算）"


def _page_setup(ws, last_row: int, last_col: str, header_rows: str) -> None:
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.print_title_rows = header_rows
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5


def _title_block(ws, st: dict, data: dict, title: str, width: int) -> None:
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).font, ws.cell(1, 1).alignment = st["title"], st["center"]
    ws.row_dimensions[1].height = 32
    ws.append([f"填报单位（盖章）：{data['union_name']}"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.append([f"统一社会信用代码：{data['credit_code']}    统计截止日期：{data['reference_date']}    {_status(data)}"])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    for r in (2, 3):
        ws.cell(r, 1).font, ws.cell(r, 1).alignment = st["body"], st["left"]


def _header(ws, st: dict, row: int, top: list[tuple[str, int]], bottom: list[str]) -> None:
    """Two header rows: a top cell spanning its columns (or both rows when nothing is under it)."""
    col = 1
    for text, span in top:
        ws.cell(row, col, text)
        if span > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + span - 1)
        elif not bottom[col - 1]:  # nothing under it: the cell covers both rows
            ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
        col += span
    for i, text in enumerate(bottom, start=1):
        if text:
            ws.cell(row + 1, i, text)
    for r in (row, row + 1):
        for c in range(1, col):
            cell = ws.cell(r, c)
            cell.font, cell.fill, cell.border, cell.alignment = st["head"], st["fill"], st["border"], st["center"]


def _body_row(ws, st: dict, values: list[Any], aligns: list[str]) -> None:
    ws.append(values)
    r = ws.max_row
    for c, align in enumerate(aligns, start=1):
        cell = ws.cell(r, c)
        cell.font, cell.border, cell.alignment = st["body"], st["border"], st[align]
        cell.number_format = "@"  # figures as written (1,234.00; 是/否; a code with leading zeros)


def _section_row(ws, st: dict, text: str, width: int) -> None:
    ws.append([text])
    r = ws.max_row
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    for c in range(1, width + 1):
        cell = ws.cell(r, c)
        cell.font, cell.fill, cell.border, cell.alignment = st["section"], st["section_fill"], st["border"], st["left"]


def _signature_line(ws, st: dict, data: dict, width: int) -> None:
    filed = data["filed"] or {}
    ws.append([])
    ws.append([f"填报人：{filed.get('filed_by', '')}        负责人：{filed.get('head', '') or data.get('chair', '')}        "
               f"填报日期：{filed.get('filed_on', '')}"])
    r = ws.max_row
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    ws.cell(r, 1).font, ws.cell(r, 1).alignment = st["body"], st["left"]


def write_filing(data: dict, out_path: str | Path) -> Path:
    """The paper table (sheet 年报), the year-over-year comparison (sheet 同比) and the meta sheet."""
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = "年报"
    _title_block(ws, st, data, f"{data['form']}（{data['year']}年度）", 4)
    _header(ws, st, 4, [("指标", 2), ("计量单位", 1), ("数值", 1)], ["代码", "指标名称", "", "本年"])
    section = None
    for i, row in enumerate(data["rows"], start=1):
        if row["section"] != section:
            section = row["section"]
            _section_row(ws, st, section, 4)
        _body_row(ws, st, [f"{i:02d}", row["label"], row["unit"], row["value"]], ["center", "left", "center", "right"])
    _signature_line(ws, st, data, 4)
    for letter, width in zip("ABCD", (8, 44, 12, 30)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A6"
    _page_setup(ws, ws.max_row, "D", "4:5")

    cmp = wb.create_sheet("同比")
    _title_block(cmp, st, data, f"{data['form']}同比（{data['year']}年与{data['year'] - 1}年）", 5)
    _header(cmp, st, 4, [("指标名称", 1), ("计量单位", 1), ("数值", 3)], ["", "", f"{data['year']}年", f"{data['year'] - 1}年", "增减"])
    section = None
    for row in data["comparison"]:
        if row["section"] != section:
            section = row["section"]
            _section_row(cmp, st, section, 5)
        _body_row(cmp, st, [row["label"], row["unit"], row["this"], row["last"], row["change"]], ["left", "center", "right", "right", "right"])
    for letter, width in zip("ABCDE", (44, 10, 16, 16, 14)):
        cmp.column_dimensions[letter].width = width
    cmp.freeze_panes = "A6"
    _page_setup(cmp, cmp.max_row, "E", "4:5")

    meta = wb.create_sheet(META_SHEET)
    for row in marker_rows(data):  # what a consolidation reads, by indicator code (models/filing_marker.py)
        meta.append(row)
    meta.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    path = Path(out_path)
    write_atomic(path, buf.getvalue())
    return path
