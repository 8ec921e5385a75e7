"""The member spreadsheets: roster export, blank import template, import error file (openpyxl).

Formatted the way the chair's paper tables look: a merged title row, bold
bordered header, sensible column widths, frozen header, ID and phone columns as
text so Excel/WPS never turn them into 4.10105E+17. Saved whole or not at all.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable, Sequence

from reports.kit import write_atomic

TEXT_HEADERS = ("公民身份号码", "身份证号", "手机号码", "会员卡号", "工号", "工会会员号")
_WIDE = {"公民身份号码": 22, "会员卡号": 22, "工作单位": 24, "户籍所在地": 24, "备注": 30, "错误原因": 50}


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {
        "title": Font(name="宋体", size=16, bold=True),
        "head": Font(name="宋体", size=11, bold=True),
        "body": Font(name="宋体", size=11),
        "fill": PatternFill("solid", fgColor="E8EEF5"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(vertical="center"),
    }


def _sheet(title: str, headers: Sequence[str], *, note: str = ""):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = "会员"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(headers)))
    ws.cell(1, 1).font = st["title"]
    ws.cell(1, 1).alignment = st["center"]
    ws.row_dimensions[1].height = 30
    first = 2
    if note:
        ws.append([note])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(1, len(headers)))
        ws.cell(2, 1).font = st["body"]
        first = 3
    ws.append(list(headers))
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(first, col)
        cell.font, cell.fill, cell.border, cell.alignment = st["head"], st["fill"], st["border"], st["center"]
        ws.column_dimensions[get_column_letter(col)].width = _WIDE.get(header, max(10, len(header) * 2 + 4))
    ws.freeze_panes = f"A{first + 1}"  # a string: touching ws.cell() would create an empty row
    return wb, ws, first


def _save(wb, out_path: str | Path) -> Path:
    buf = io.BytesIO()
    wb.save(buf)
    path = Path(out_path)
    write_atomic(path, buf.getvalue())
    return path


def write_roster(out_path: str | Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]], *, note: str = "") -> tuple[Path, int]:
    """A formatted roster; returns (path, number of rows)."""
    st = _styles()
    wb, ws, header_row = _sheet(title, headers, note=note)
    text_cols = [i for i, h in enumerate(headers, start=1) if h in TEXT_HEADERS]
    n = 0
    for n, row in enumerate(rows, start=1):
        ws.append(["" if v is None else v for v in row])
    for r in ws.iter_rows(min_row=header_row + 1, max_row=header_row + n):
        for cell in r:
            cell.border = st["border"]
            cell.font = st["body"]
            if cell.column in text_cols:
                cell.number_format = "@"
    return _save(wb, out_path), n


def write_template(out_path: str | Path, headers: Sequence[str], example: Sequence[str], choices: dict[str, Sequence[str]]) -> Path:
    """A blank import template: headers, one grey example row, text ID/phone columns, drop-downs."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb, ws, header_row = _sheet("工会会员信息导入模板", headers, note="说明：第4行为填写示例，导入前请删除；带*的列必须填写；身份证号、手机号请按文本填写。")
    ws.append(list(example))
    for col in range(1, len(headers) + 1):
        ws.cell(header_row + 1, col).font = Font(name="宋体", size=11, italic=True, color="808080")
    for col, header in enumerate(headers, start=1):
        letter = get_column_letter(col)
        if header.rstrip("*") in TEXT_HEADERS:
            for r in range(header_row + 1, header_row + 1001):
                ws.cell(r, col).number_format = "@"
        options = choices.get(header.rstrip("*"))
        if options:
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            dv.error, dv.errorTitle = "请从下拉列表中选择", "输入无效"
            ws.add_data_validation(dv)
            dv.add(f"{letter}{header_row + 1}:{letter}{header_row + 1000}")
    return _save(wb, out_path)


def write_error_rows(headers: Sequence[str], bad_rows: Sequence[tuple[int, Sequence[object], str]], out_path: str | Path) -> Path:
    """The rows that could not be imported, original columns plus 行号 and 错误原因."""
    from openpyxl.styles import Font

    all_headers = [*headers, "原行号", "错误原因"]
    wb, ws, header_row = _sheet("未能导入的行（修改后可重新导入）", all_headers)
    text_cols = [i for i, h in enumerate(headers, start=1) if h in TEXT_HEADERS]
    for row_no, cells, reason in bad_rows:
        values = [("" if v is None else v) for v in list(cells)[: len(headers)]]
        values += [""] * (len(headers) - len(values))
        ws.append([*values, row_no, reason])
        ws.cell(ws.max_row, len(all_headers)).font = Font(name="宋体", size=11, color="C00000")
        for col in text_cols:
            ws.cell(ws.max_row, col).number_format = "@"
    return _save(wb, out_path)
