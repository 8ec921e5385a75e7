"""The member spreadsheets: roster export, blank import template, import error file.

Formatted the way the chair's paper tables look (reports/xlsx_writer.py `table`): a
merged title row, bold bordered header, sensible column widths, frozen header, ID and
phone columns as text so Excel/WPS never turn them into 4.10105E+17, A4 landscape with
the header on every page. Streamed, and saved whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Collection, Iterable, Sequence

from reports.xlsx_writer import BODY, BODY_TEXT, Book, Column, Style, Table, table

TEXT_HEADERS = ("公民身份号码", "身份证号", "手机号码", "会员卡号", "工号", "工会会员号")
TEXT_FIELDS = ("id_number", "phone", "card_number", "employee_no", "member_no")  # the member fields behind them
_WIDE = {"公民身份号码": 22, "身份证号": 22, "会员卡号": 22, "部门": 14, "岗位": 14, "工作单位": 24, "户籍所在地": 24, "备注": 30, "错误原因": 50}
EXAMPLE = Style(italic=True, color="808080")
REASON = Style(border=True, color="C00000", wrap=True)


def width(header: str) -> float:
    return _WIDE.get(header.rstrip("*"), max(10, len(header) * 2 + 4))


def columns(headers: Sequence[str], text_columns: Collection[int] | None = None) -> list[Column]:
    """Bordered body columns; text format on the ID/phone/number columns (by header, or the
    0-based `text_columns` when the caller knows better)."""
    def is_text(i: int, header: str) -> bool:
        return i in text_columns if text_columns is not None else header.rstrip("*") in TEXT_HEADERS

    return [Column(h, width(h), BODY_TEXT if is_text(i, h) else BODY) for i, h in enumerate(headers)]


def write_roster(out_path: str | Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
                 note: str = "", mark: str = "") -> tuple[Path, int]:
    """A formatted roster; returns (path, number of rows). `mark` (内部资料 …) is printed at
    the top of every page."""
    path = Path(out_path)
    with Book(path) as book:
        sheet = table(book, Table("会员", title, columns(headers), notes=[note] if note else [], mark=mark))
        n = sheet.rows(rows)
    return path, n


TEMPLATE_ROWS = 1000  # rows below the example that get the drop-downs


def write_template(out_path: str | Path, headers: Sequence[str], example: Sequence[str], choices: dict[str, Sequence[str]]) -> Path:
    """A blank import template: headers, one grey example row, text ID/phone columns (the whole
    column, so what is typed later stays text), drop-downs."""
    path = Path(out_path)
    note = "说明：第4行为填写示例，导入前请删除；带*的列必须填写；身份证号、手机号请按文本填写。"
    with Book(path) as book:
        cols = columns(headers)
        sheet = table(book, Table("会员", "工会会员信息导入模板", cols, notes=[note]))
        first = sheet.row(list(example), [Style(italic=True, color="808080", number_format=c.style.number_format) for c in cols])
        for i, header in enumerate(headers):
            options = choices.get(header.rstrip("*"))
            if options:
                sheet.validate_list(i, first, first + TEMPLATE_ROWS - 1, options)
    return path


def write_error_rows(headers: Sequence[str], bad_rows: Sequence[tuple[int, Sequence[object], str]], out_path: str | Path,
                     *, text_columns: Collection[int] | None = None) -> Path:
    """The rows that could not be imported, original columns plus 原行号 and 错误原因 (in red).
    `text_columns`: the 0-based columns the import read as ID/phone numbers."""
    path = Path(out_path)
    cols = [*columns(headers, text_columns), Column("原行号", 8), Column("错误原因", width("错误原因"), REASON)]

    def rows() -> Iterable[list[object]]:
        for row_no, cells, reason in bad_rows:
            values = [("" if v is None else v) for v in list(cells)[: len(headers)]]
            yield [*values, *[""] * (len(headers) - len(values)), row_no, reason]

    with Book(path) as book:
        table(book, Table("会员", "未能导入的行（修改后可重新导入）", cols)).rows(rows())
    return path

