"""Hostile and absurd roster files: refused with a Chinese message naming the limit,
in bounded memory, before the rows are checked, and with the database unchanged.

The files are made here (tests/xlsx_craft.py streams the XML into the zip). The
worst of them ran python-calamine out of memory: those are read in a child
process with an address-space limit, so a regression fails the test instead of
the machine.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import open_database
from models.member_import import RosterError, plan_import
from models.spreadsheet import MAX_CELL_CHARS, MAX_COLUMNS, SpreadsheetError, TooLargeError, read_rows
from tests.conftest import make_id
from tests.xlsx_craft import inline, repeated, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
HEADER = "<row r=\"1\">" + inline("A1", "姓名") + inline("B1", "身份证号") + inline("C1", "入会日期") + "</row>"

CHILD = r"""
import json, resource, sys
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, sys.argv[2])
from models.db import open_database
from models.member_import import plan_import
db = open_database(sys.argv[3])
out = {}
try:
    out["counts"] = plan_import(db, sys.argv[4]).counts
except Exception as exc:
    out["error"], out["message"] = type(exc).__name__, str(exc)
out["members"] = db.execute("SELECT count(*) FROM members").fetchone()[0]
out["audit"] = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
try:  # the peak of this process's own memory (ru_maxrss may carry the parent's over from fork)
    status = open("/proc/self/status").read()
    out["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def plan_in_child(db_path: Path, path: Path, limit_mb: int = 1500) -> dict:
    """plan_import in a child process that may not use more than `limit_mb` of address space."""
    pytest.importorskip("resource")
    open_database(db_path).close()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(limit_mb), str(ROOT), str(db_path), str(path)],
        capture_output=True,
        text=True,
        timeout=600,  # not a speed check: a reader that checks millions of rows would otherwise hang the run
    )
    assert done.returncode == 0, f"the reader died (exit {done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def refused(outcome: dict, *words: str) -> None:
    assert outcome.get("error") in ("TooLargeError", "RosterError", "SpreadsheetError"), outcome
    for word in words:
        assert word in outcome["message"], outcome["message"]
    assert outcome["members"] == 0 and outcome["audit"] == 0
    assert outcome["peak_mb"] < 250, outcome  # the interpreter and sqlite take ~50 MB


def test_zip_bomb_is_refused_before_it_is_read(tmp_path):
    # A valid package whose sheet is 300 MB of the same rows: a few hundred KB on disk.
    row = ("<row>" + inline("A2", "坏行") + "<c><v>1</v></c></row>").encode()
    bomb = write_xlsx(tmp_path / "bomb.xlsx", [HEADER, *repeated(row * 20_000, 300 * 1024 * 1024)], level=9)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    outcome = plan_in_child(tmp_path / "ledger.db", bomb)
    refused(outcome, "压缩比", "100 倍")


def test_three_million_short_bad_rows_in_a_few_megabytes(tmp_path):
    # Random enough to compress only ~50 times, like a real sheet: it passes the size checks.
    rnd = random.Random(7)
    rows = ("".join(f"<row><c t=\"inlineStr\"><is><t>{c}</t></is></c></row>" for c in rnd.choices("xy", k=10_000)) for _ in range(300))
    path = write_xlsx(tmp_path / "rows.xlsx", [HEADER, *rows], level=1)
    assert path.stat().st_size < 4 * 1024 * 1024
    outcome = plan_in_child(tmp_path / "ledger.db", path)
    refused(outcome, "3,000,001 行", "200,000 行")


def test_a_cell_far_away_is_refused_not_allocated(tmp_path):
    # python-calamine allocated the whole A1:XFD1048576 block for this 1.5 KB file, and died.
    far = write_xlsx(tmp_path / "far.xlsx", [HEADER, '<row r="1048576">' + inline("XFD1048576", "x") + "</row>"])
    refused(plan_in_child(tmp_path / "a.db", far), f"最多 {MAX_COLUMNS} 列")
    # The same without cell references: 16,383 empty cells, then one with a value.
    positional = write_xlsx(tmp_path / "pos.xlsx", [HEADER, "<row>" + "<c/>" * 16_383 + "<c><v>1</v></c></row>", "<row><c><v>2</v></c></row>" * 30_000])
    refused(plan_in_child(tmp_path / "b.db", positional), f"最多 {MAX_COLUMNS} 列")


def limit_rows(progress_limit: int):
    def progress(done: int, total: int) -> None:
        assert done <= progress_limit, f"{done} rows were checked in a file that is over the row limit"

    return progress


def test_too_many_rows_refused_before_any_is_checked(db, tmp_path):
    # 300,000 rows that compress like a real sheet (ratio ~10): within the size limits.
    def rows():
        for start in range(2, 300_002, 10_000):
            yield "".join(f'<row r="{n}">{inline(f"A{n}", f"会员{n}")}<c r="B{n}"><v>{n * 7919}</v></c></row>' for n in range(start, start + 10_000))

    path = write_xlsx(tmp_path / "long.xlsx", [HEADER, *rows()], level=1)
    with pytest.raises(RosterError, match="200,000 行"):
        plan_import(db, path, progress=limit_rows(10_000))
    csv_path = tmp_path / "long.csv"
    csv_path.write_text("姓名,身份证号,入会日期\n" + "x,1,2\n" * 3_000_000, encoding="utf-8")
    with pytest.raises(RosterError, match="200,000 行"):
        plan_import(db, csv_path, progress=limit_rows(10_000))
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 0


def test_long_cells_and_wide_rows_name_the_limit(db, tmp_path):
    long_text = "长" * (MAX_CELL_CHARS + 1)
    path = write_xlsx(tmp_path / "long.xlsx", [HEADER, '<row r="2">' + inline("A2", "张伟") + inline("D2", long_text) + "</row>"])
    with pytest.raises(TooLargeError, match="32,767 个字符") as info:
        plan_import(db, path)
    assert "第 2 行第 4 列" in str(info.value)
    shared_row = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    shared = write_xlsx(tmp_path / "shared.xlsx", [HEADER, shared_row], shared=f"<si><t>{long_text}</t></si>")
    with pytest.raises(TooLargeError, match="32,767 个字符"):
        plan_import(db, shared)
    with pytest.raises(TooLargeError, match="32,767 个字符"):  # streamed, not through calamine
        plan_import(db, write_xlsx(tmp_path / "s2.xlsx", [HEADER, shared_row.replace('r="A2"', 'r="ZZ2"')], shared=f"<si><t>{long_text}</t></si>"))
    wide = tmp_path / "wide.csv"
    wide.write_text("姓名,身份证号\n" + ",".join(["x"] * (MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    with pytest.raises(TooLargeError, match=f"最多 {MAX_COLUMNS} 列"):
        plan_import(db, wide)
    cell = tmp_path / "cell.csv"
    cell.write_text("姓名,备注\n张伟," + "长" * (MAX_CELL_CHARS + 1) + "\n", encoding="utf-8")
    with pytest.raises(TooLargeError, match="32,767 个字符"):
        plan_import(db, cell)


def test_csv_file_size_limit(db, tmp_path):
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.write("姓名,身份证号\n".encode())
        f.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(TooLargeError, match="64 MB"):
        plan_import(db, big)


def test_ods_is_refused(tmp_path):
    # calamine expands an .ods's repeated rows: 800 bytes became 2.4 GB.
    path = tmp_path / "r.ods"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SpreadsheetError, match="另存为 .xlsx"):
        read_rows(path)


# ---------------------------------------------------------------- the reader reads what calamine read

STYLES = (
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '<numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="\\d0.00"/></numFmts>'
    '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
    '<xf numFmtId="31"/><xf numFmtId="166"/><xf numFmtId="22"/></cellXfs>'
)
SHARED = (
    "<si><t>姓名</t></si><si><t>身份证号</t></si><si><t>入会日期</t></si>"
    '<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">伟 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si>'
    "<si><t>A&amp;B &lt;车间&gt;</t></si>"
)


def excel_like_rows() -> list[str]:
    id_number = make_id()
    return [
        '<row r="3"><c r="C3" t="s"><v>0</v></c><c r="D3" t="s"><v>1</v></c><c r="E3" t="s"><v>2</v></c></row>',
        f'<row r="4"><c r="C4" t="s"><v>3</v></c><c r="D4" t="str"><f>A1</f><v>{id_number}</v></c><c r="E4" s="1"><v>41000</v></c>'
        '<c r="F4" s="2"><v>41000</v></c><c r="G4" s="3"><v>1.25</v></c><c r="H4" s="4"><v>40000</v></c></row>',
        '<row r="6"><c r="C6" t="s"><v>4</v></c><c r="D6"><v>4.10105E+17</v></c><c r="E6" s="6"><v>41000.5</v></c>'
        '<c r="F6" t="b"><v>1</v></c><c r="G6" t="e"><v>#N/A</v></c><c r="H6" s="5"><v>5</v></c><c r="I6" s="1"/>'
        '<c r="J6"><v>13912345679</v></c><c r="K6" s="1"><v>0.25</v></c></row>',
        '<row r="7" spans="1:3"><c r="A7" s="1"/></row>',
        '<row r="8"><c r="B8" t="inlineStr"><is><t>行内</t></is></c><c r="C8" s="4"><v>20</v></c></row>',
    ]


@pytest.fixture(params=["calamine", "stream"])
def reader(request, monkeypatch):
    """Both ways an .xlsx is read: calamine after the checks, or the stream."""
    import models.xlsx_stream as xlsx_stream

    if request.param == "stream":
        monkeypatch.setattr(xlsx_stream, "FAST_MAX_SHEET_BYTES", 0)
    return request.param


def test_ordinary_sheets_go_to_calamine_odd_ones_are_streamed(tmp_path):
    from models.xlsx_stream import XlsxSheet
    from models.spreadsheet import _limits

    def fast(rows: list[str], **kw) -> bool:
        book = XlsxSheet(str(write_xlsx(tmp_path / "f.xlsx", rows, **kw)), lambda: None, _limits())
        book.close()
        return book.fast

    assert fast(excel_like_rows(), shared=SHARED, styles=STYLES)
    assert not fast([HEADER, '<row r="2">' + inline("BA2", "x") + "</row>"])  # past column AZ
    # The block calamine builds reaches the last row and column named: at most 2.6 million cells.
    assert fast([HEADER, '<row r="150000">' + inline("K150000", "x") + "</row>"])  # 11 × 150,000
    assert not fast([HEADER, '<row r="150000">' + inline("Z150000", "x") + "</row>"])  # 26 × 150,000
    assert not fast([HEADER, '<row r="2">' + inline("AZ2", "x") + "</row>", '<row r="60000">' + inline("A60000", "x") + "</row>"])
    # The reference counts, not the row it sits in: a far cell in an early row is found too.
    assert not fast([HEADER, '<row r="2">' + inline("Z150000", "x") + "</row>", '<row r="3">' + inline("A3", "x") + "</row>"])
    assert not fast([HEADER, "<row><c><v>1</v></c></row>"])  # a cell without a reference
    assert not fast([HEADER, '<row r="2"><c s="1" r="A2"><v>1</v></c></row>'])  # r not first: not checked, so streamed
    assert not fast([HEADER], prefix="x")
    # One long shared string in every cell: calamine would copy it 40,000 times (~1.2 GB).
    many = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t = "s"><v>0</v></c></row>' for n in range(2, 20_002))
    assert not fast([many], shared="<si><t>" + "长" * 10_000 + "</t></si>")
    assert fast([many], shared="<si><t>长</t></si>")


@pytest.mark.parametrize("prefix", ["", "x"])
def test_reader_gives_what_calamine_gave(tmp_path, prefix, reader):
    from python_calamine import CalamineWorkbook

    rows = excel_like_rows()
    if prefix:
        rows = [r.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ").replace("</c>", "</x:c>")
                .replace("<v>", "<x:v>").replace("</v>", "</x:v>").replace("<f>", "<x:f>").replace("</f>", "</x:f>")
                .replace("<is>", "<x:is>").replace("</is>", "</x:is>").replace("<t>", "<x:t>").replace("</t>", "</x:t>")
                for r in rows]
    path = write_xlsx(tmp_path / "excel.xlsx", rows, shared=SHARED, styles=STYLES, prefix=prefix)
    expected = [list(r) for r in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)]
    assert read_rows(path) == expected
    assert read_rows(path)[3][2] == "张伟 "


def test_reader_gives_what_calamine_gave_for_openpyxl_files(tmp_path, reader):
    import datetime as dt

    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    wb = Workbook()
    ws = wb.active
    ws.append([])
    ws.append([None, "姓名", "入会日期", "时间", "金额", "是否", "号码"])
    ws.append([None, "张伟", dt.datetime(2012, 3, 5), dt.time(10, 30), 1234.5, True, 440524188001010014])
    ws.append([None, "李娜", dt.date(1900, 2, 28), dt.datetime(2012, 3, 5, 10, 30), -3, False, "0012"])
    path = tmp_path / "openpyxl.xlsx"
    wb.save(path)
    expected = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert read_rows(path) == [list(r) for r in expected]


# ---------------------------------------------------------------- .xls still goes through python-calamine


def test_calamine_path_numbers_rows_as_the_stream_does(tmp_path):
    # .xls files cannot be written here; calamine reads an .xlsx through the same code.
    from models.spreadsheet import _calamine_rows, _load_calamine, open_sheet

    rows = excel_like_rows()
    path = write_xlsx(tmp_path / "excel.xlsx", rows, shared=SHARED)  # no styles: both give numbers
    with open_sheet(path) as sheet:
        streamed = list(sheet.rows())
    assert list(_calamine_rows(_load_calamine(path, lambda: None), path.name)) == streamed
    assert [n for n, _ in streamed] == [3, 4, 6, 8]


def test_calamine_path_answers_cancel_while_it_loads(tmp_path):
    from models.spreadsheet import _load_calamine
    from models.tasks import Cancelled

    path = write_xlsx(tmp_path / "r.xlsx", [HEADER])

    def cancel() -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        _load_calamine(path, cancel)


def test_xls_file_size_limit(db, tmp_path):
    big = tmp_path / "big.xls"
    with open(big, "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        f.truncate(33 * 1024 * 1024)
    with pytest.raises(TooLargeError, match="32 MB"):
        plan_import(db, big)


def test_damaged_sheet_data_says_damaged(tmp_path):
    import zipfile

    path = write_xlsx(tmp_path / "r.xlsx", [HEADER, "".join(f'<row r="{n}">{inline(f"A{n}", f"会员{n * 7919}")}</row>' for n in range(2, 3000))])
    with zipfile.ZipFile(path) as z:
        offset = z.getinfo("xl/worksheets/sheet1.xml").header_offset
    data = bytearray(path.read_bytes())
    for k in range(offset + 200, offset + 400):  # scramble the compressed sheet
        data[k] ^= 0x55
    path.write_bytes(bytes(data))
    with pytest.raises(SpreadsheetError, match="已损坏"):
        read_rows(path)
