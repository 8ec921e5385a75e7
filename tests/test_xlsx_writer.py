"""The streaming xlsx writer (reports/xlsx_writer.py): what it writes reads back the same in
python-calamine (the import's reader), openpyxl and LibreOffice; it holds no rows; a failed
or cancelled write leaves no file."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import zipfile

import pytest

from models.spreadsheet import read_rows
from models.tasks import Cancelled
from reports.xlsx_writer import BODY, BODY_TEXT, HEADER, Book, Column, PrintSetup, Style, Table, column_letter, escape, table

AWKWARD = [
    "a\x01b",  # a control character XML cannot carry
    "lit _x0041_ x",  # looks like Excel's escape of a control character
    "<&>\"'",
    " lead",
    "trail ",
    "two\nlines",
    "cr\r\nlf",
    "=1+1",  # a formula only when typed: here it is text
    "@SUM(A1)",
    "tab\tin",
    "工会" * 2000,  # 4,000 characters in one cell
    "𠮷野家",  # outside the Basic Multilingual Plane
]


def _book(path, rows, columns=None, **sheet):
    columns = columns or [Column(str(i)) for i in range(max(len(r) for r in rows))]
    with Book(path) as book:
        book.sheet("表", columns, **sheet).rows(rows)
    return path


def test_text_reads_back_exactly(tmp_path):
    path = _book(tmp_path / "t.xlsx", [AWKWARD])
    assert read_rows(path) == [AWKWARD]
    from python_calamine import CalamineWorkbook

    assert CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python() == [AWKWARD]


def test_other_values_keep_their_type(tmp_path):
    values = [1, 2.5, True, dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5), None, "", 4.10105e17, float("nan"), 0]
    path = _book(tmp_path / "v.xlsx", [values, ["x"]])
    assert read_rows(path) == [[1.0, 2.5, True, dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5), "", "", 4.10105e17, "nan", 0.0], ["x", *[""] * 9]]
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    assert ws["D1"].number_format == "yyyy-mm-dd" and ws["E1"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws["F1"].value is None and ws["F1"].border.left.style == "thin"  # an empty cell keeps its column's look
    assert ws["J2"].border.left.style == "thin"  # a short row is filled out with empty bordered cells


def test_escape_leaves_plain_text_alone():
    assert escape("张伟 13912345678") == "张伟 13912345678"
    assert escape("a<b") == "a&lt;b" and escape("\x07") == "_x0007_" and escape("_x00e9_") == "_x005F_x00e9_"


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_table_look_reads_back_in_openpyxl(tmp_path):
    from openpyxl import load_workbook

    cols = [Column("姓名", 10), Column("公民身份号码", 22, BODY_TEXT), Column("备注", 30, Style(border=True, color="C00000", wrap=True))]
    with Book(tmp_path / "l.xlsx") as book:
        sheet = table(book, Table("会员", "某工会会员花名册", cols, notes=["导出日期：2026-01-01"], mark="内部资料 注意保密"))
        sheet.rows([["张伟", "11010519491231002X", "=1+1"]])
    ws = load_workbook(tmp_path / "l.xlsx").active
    assert ws.title == "会员" and ws.freeze_panes == "A4"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "A2:C2"}
    assert ws["A1"].value == "某工会会员花名册" and ws["A1"].font.b and ws["A1"].font.sz == 16 and ws.row_dimensions[1].height == 30
    assert [c.value for c in ws[3]] == ["姓名", "公民身份号码", "备注"]
    assert ws["A3"].font.b and ws["A3"].fill.fgColor.rgb == "FFE8EEF5" and ws["A3"].font.name == "宋体"
    assert ws["B4"].number_format == "@" and ws["A4"].number_format == "General"
    assert ws["C4"].value == "=1+1" and ws["C4"].data_type == "s" and ws["C4"].font.color.rgb == "FFC00000"
    assert [ws.column_dimensions[x].width for x in "ABC"] == [10, 22, 30]
    assert ws.print_title_rows == "$1:$3" and ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddHeader.right.text == "内部资料 注意保密" and "&P" in ws.oddFooter.center.text


def test_the_column_itself_is_text_for_what_is_typed_later(tmp_path):
    """The text format sits on the column (<col style>), not only on the cells written."""
    _book(tmp_path / "c.xlsx", [["x", "y"]], [Column("a"), Column("b", style=BODY_TEXT)])
    sheet = zipfile.ZipFile(tmp_path / "c.xlsx").read("xl/worksheets/sheet1.xml").decode()
    styles = zipfile.ZipFile(tmp_path / "c.xlsx").read("xl/styles.xml").decode()
    col_b = sheet.split('<col min="2"')[1].split("/>")[0]
    xf = int(col_b.split('style="')[1].split('"')[0])
    assert 'numFmtId="49"' in styles.split("<cellXfs")[1].split("<xf ")[xf + 1]


def test_list_validation_and_several_sheets(tmp_path):
    from openpyxl import load_workbook

    with Book(tmp_path / "s.xlsx") as book:
        first = book.sheet("甲", [Column("性别"), Column("x")], freeze_rows=1, print_setup=PrintSetup(landscape=False, repeat_rows=1))
        first.row(["性别", "x"], HEADER)
        first.validate_list(0, 2, 101, ["男", "女"])
        book.sheet("说明", [Column("k"), Column("v")], hidden=True, print_setup=None).rows([["form", "x"], ["year", 2025]])
    wb = load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames == ["甲", "说明"] and wb["说明"].sheet_state == "hidden" and wb["甲"].sheet_state == "visible"
    (dv,) = wb["甲"].data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"男,女"' and str(dv.sqref) == "A2:A101" and dv.showErrorMessage
    assert wb["甲"].page_setup.orientation == "portrait" and wb["说明"]["B2"].value == 2025
    with Book(tmp_path / "long.xlsx") as book, pytest.raises(ValueError, match="255"):
        book.sheet("x", [Column("a")]).validate_list(0, 1, 2, ["很长的选项"] * 60)


def test_form_layout_merges_frozen_columns_print_area_and_black_borders(tmp_path):
    """What the paper-like forms (filing, consolidation) need: header cells merged across
    columns and rows, names frozen at the left, the print area and the header rows (not
    from row 1) and name columns printed on every page, A3, margins, black borders."""
    from openpyxl import load_workbook

    black = Style(border=True, border_color="000000", valign="top", wrap=True)
    setup = PrintSetup(paper=8, repeat_from=3, repeat_rows=4, repeat_cols=2, print_area=True,
                       margins=(0.75, 0.75, 1, 1), centered=False, row_height=15)
    with Book(tmp_path / "f.xlsx") as book:
        sheet = book.sheet("表", [Column("a"), Column("b"), Column("c", style=black)], freeze_rows=4, freeze_cols=2, print_setup=setup)
        sheet.merged("标题", Style(bold=True, size=16))
        sheet.row([])
        sheet.row(["序号", "分组", ""], HEADER)
        sheet.row(["", "甲", "乙"], HEADER)
        sheet.merge(3, 0, 4, 0)
        sheet.merge(3, 1, 3, 2)
        sheet.rows([[1, "x", "说明"], [2, "y", "z"]])
    ws = load_workbook(tmp_path / "f.xlsx")["表"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "A3:A4", "B3:C3"} and ws["A1"].font.sz == 16
    assert ws.freeze_panes == "C5" and ws.print_area == "'表'!$A$1:$C$6"
    assert ws.print_title_rows == "$3:$4" and ws.print_title_cols == "$A:$B"
    assert int(ws.page_setup.paperSize) == 8 and ws.page_margins.left == 0.75 and ws.page_margins.top == 1
    assert not ws.print_options.horizontalCentered and ws.sheet_format.defaultRowHeight == 15
    assert ws["C5"].border.left.color.rgb == "FF000000" and ws["C5"].alignment.vertical == "top" and ws["C5"].alignment.wrap_text
    assert ws["B3"].border.left.color.rgb == "FF999999"  # the header keeps the writer's grey


def test_a_row_wider_than_the_columns_is_refused(tmp_path):
    with pytest.raises(ValueError, match="3 cells"):
        _book(tmp_path / "w.xlsx", [["a", "b", "c"]], [Column("a"), Column("b")])
    assert not (tmp_path / "w.xlsx").exists()


def test_cancelled_half_way_leaves_no_file_and_the_old_one_whole(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["旧文件"]])
    before = path.read_bytes()

    def rows():
        for i in range(5_000):
            if i == 3_000:
                raise Cancelled()
            yield [f"会员{i}", "13912345678"]

    with pytest.raises(Cancelled):
        _book(path, rows(), [Column("姓名"), Column("手机号码", style=BODY_TEXT)])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temporary file left behind


def test_rows_are_streamed_not_held(tmp_path):
    import tracemalloc

    def rows(n):
        for i in range(n):
            yield [f"会员{i}", "男", "1985-03-14", f"11010519850314{i % 10000:04d}", "13912345678", "生产一车间", "操作工"]

    cols = [Column(str(i), style=BODY) for i in range(7)]
    peaks = []
    for n in (2_000, 20_000):
        tracemalloc.start()
        try:
            _book(tmp_path / f"m{n}.xlsx", rows(n), cols)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert peaks[1] < peaks[0] * 2  # ten times the rows, about the same memory
    assert len(read_rows(tmp_path / "m20000.xlsx")) == 20_000


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_it(tmp_path):
    cols = [Column("姓名"), Column("公民身份号码", 22, BODY_TEXT), Column("备注")]
    rows = [["张伟", "11010519491231002X", "=1+1"], ["李娜", "110105194912310021", "工会" * 100], ["", "0012", ""]]
    with Book(tmp_path / "lo.xlsx") as book:
        table(book, Table("会员", "花名册", cols, notes=["说明"], mark="内部资料")).rows(rows)
    assert _libreoffice_csv(tmp_path / "lo.xlsx", tmp_path) == [["花名册", "", ""], ["说明", "", ""], ["姓名", "公民身份号码", "备注"], *rows]


def _libreoffice_csv(path, folder) -> list[list[str]]:
    """The first sheet as LibreOffice reads it, saved as UTF-8 csv (text as text, formulas not run)."""
    out = folder / "lo-out"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    converted = out / (path.stem + ".csv")
    assert converted.exists(), result.stdout + result.stderr
    with open(converted, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))
