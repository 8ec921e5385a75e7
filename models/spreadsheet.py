"""Reading the rows of a roster file: .xlsx, .xls and .csv, one row at a time.

Cell types are kept as the file has them (numbers stay numbers, dates stay
dates) so the importer can tell an ID number that Excel turned into a number.
CSV files come as UTF-8 (with or without BOM) or GB18030, as Chinese Excel and
WPS save them; anything else is refused with a message, never guessed.

A file may be hostile or simply absurd (a zip bomb, millions of rows, a cell of
a megabyte): every reader checks the limits below before and while it reads,
never holds more than a row of the sheet besides an .xlsx's shared strings, and
fails with a Chinese message that names the limit. `open_sheet` also gives an
estimate of the row count up front (from a quick pass over the raw file), so
the importer refuses a file of three million rows before checking any of them.
.xlsx is checked by models/xlsx_stream.py first (python-calamine builds the whole
sheet in memory, and a tiny crafted file makes it abort the process): an ordinary
sheet is then read by python-calamine, any other streamed by xlsx_stream; .xls,
whose format caps a sheet at 65,536 × 256 cells, goes through python-calamine.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
from pathlib import Path
from typing import Callable, Iterator

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit; the importer stops far earlier (MAX_DATA_ROWS there)
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_XLS_BYTES = 32 * 1024 * 1024
CSV_COUNT_FROM = 100_000  # lines; below this a CSV's line count is estimate enough
WAIT_SECONDS = 0.05  # how often a wait on python-calamine looks for 取消

CheckFn = Callable[[], None]


class SpreadsheetError(Exception):
    """A file that cannot be read as a roster; the message is Chinese."""


class TooLargeError(SpreadsheetError):
    """The file is beyond one of the reading limits; the message names it."""


Row = tuple[int, list[object]]


class Sheet:
    """The first sheet of a file, open for reading: `rows()` yields (row number, cells).

    Row numbers are as Excel shows them (a CSV's record number), rows without any
    value are left out, and a row's list ends at its last non-empty cell.
    `estimated_rows` is an upper estimate (rows in the raw file) for progress and
    for refusing a huge file early.
    """

    def __init__(self, name: str, estimated_rows: int, rows: Iterator[Row], close: Callable[[], None]) -> None:
        self.name = name
        self.estimated_rows = estimated_rows
        self._rows = rows
        self._close = close

    def rows(self) -> Iterator[Row]:
        return self._rows

    def close(self) -> None:
        self._close()

    def __enter__(self) -> "Sheet":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _nothing() -> None:
    pass


def open_sheet(path: str | Path, check: CheckFn | None = None) -> Sheet:
    """Open the first sheet of a roster file; SpreadsheetError (Chinese) if it cannot be read.

    `check` is called at every chunk of work (and while waiting): it raises
    models.tasks.Cancelled to stop.
    """
    path = Path(path)
    check = check or _nothing
    if not path.is_file():
        raise SpreadsheetError(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(8)
    if size == 0:
        raise SpreadsheetError(f"文件 {path.name} 是空的")
    if suffix == ".csv":
        return _csv_sheet(path, size, check)
    if suffix == ".ods":
        # calamine expands an .ods's repeated rows and columns: a file of 800 bytes took 2.4 GB.
        raise SpreadsheetError(f"不支持 .ods 文件，请在 WPS 或 Excel 中把 {path.name} 另存为 .xlsx 后再导入")
    if suffix not in (".xlsx", ".xls", ".xlsm"):
        raise SpreadsheetError(f"不支持的文件类型“{suffix or '无扩展名'}”，请选择 .xlsx、.xls 或 .csv 文件")
    if head.startswith(OLE_MAGIC) and _is_encrypted(path):
        raise SpreadsheetError(f"文件 {path.name} 设有打开密码，请在 Excel/WPS 中取消密码后另存，再导入")
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(ZIP_MAGIC):
            raise SpreadsheetError(f"文件 {path.name} 已损坏或不是有效的 Excel 文件")
        return _xlsx_sheet(path, check)
    return _xls_sheet(path, size, check)


def read_rows(path: str | Path) -> list[list[object]]:
    """All rows of the first sheet as a rectangle ('' for empty cells): for small files and tests."""
    with open_sheet(path) as sheet:
        found = list(sheet.rows())
    if not found:
        raise SpreadsheetError(f"文件 {Path(path).name} 的第一个工作表是空的")
    width = max(len(cells) for _, cells in found)
    rows: list[list[object]] = []
    for row_no, cells in found:
        rows.extend([""] * width for _ in range(row_no - 1 - len(rows)))
        rows.append(list(cells) + [""] * (width - len(cells)))
    return rows


def _limits() -> dict[str, int]:
    return {"columns": MAX_COLUMNS, "cell_chars": MAX_CELL_CHARS, "sheet_rows": MAX_SHEET_ROWS}


def _is_encrypted(path: Path) -> bool:
    # An encrypted OOXML file is an OLE container holding an "EncryptedPackage" stream;
    # stream names are stored in UTF-16LE in the directory entries, near the start.
    with open(path, "rb") as f:
        return "EncryptedPackage".encode("utf-16-le") in f.read(1024 * 1024)


# ---------------------------------------------------------------- .xlsx


def _xlsx_sheet(path: Path, check: CheckFn) -> Sheet:
    from models.xlsx_stream import XlsxCorrupt, XlsxLimitError, XlsxSheet

    def broken() -> SpreadsheetError:
        return SpreadsheetError(f"无法读取 {path.name}：文件已损坏或格式不正确")

    try:
        book = XlsxSheet(str(path), check, _limits())
    except XlsxLimitError as exc:
        raise TooLargeError(f"{path.name}：{exc}") from None
    except XlsxCorrupt:
        raise broken() from None
    if book.fast:  # checked: python-calamine's block of cells stays small; it reads 4 times faster
        book.close()
        sheet = _load_calamine(path, check)
        return Sheet(path.name, book.estimated_rows, _calamine_rows(sheet, path.name), _nothing)

    def rows() -> Iterator[Row]:
        try:
            yield from book.rows()
        except XlsxLimitError as exc:
            raise TooLargeError(f"{path.name}：{exc}") from None
        except XlsxCorrupt:
            raise broken() from None

    return Sheet(path.name, book.estimated_rows, rows(), book.close)


# ---------------------------------------------------------------- .xls


def _xls_sheet(path: Path, size: int, check: CheckFn) -> Sheet:
    if size > MAX_XLS_BYTES:
        raise TooLargeError(
            f"文件 {path.name} 有 {size / 1024 / 1024:.0f} MB，超过 .xls 导入上限 {MAX_XLS_BYTES // 1024 // 1024} MB。"
            "请在 Excel/WPS 中另存为 .xlsx，或分成几个文件导入"
        )
    sheet = _load_calamine(path, check)
    start = sheet.start
    total = sheet.height if start else 0
    return Sheet(path.name, total, _calamine_rows(sheet, path.name), _nothing)


def _load_calamine(path: Path, check: CheckFn):
    """The first sheet through python-calamine, loaded in a helper thread (it lets go of the
    GIL) while this one keeps calling `check`, so 取消 is answered during a long load."""
    outcome: dict = {}

    def load() -> None:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(path))
            if not book.sheet_names:
                outcome["error"] = SpreadsheetError(f"文件 {path.name} 中没有工作表")
                return
            outcome["sheet"] = book.get_sheet_by_index(0)
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    worker = threading.Thread(target=load, name="read-xls", daemon=True)
    worker.start()
    while True:
        check()  # on 取消 the load finishes in the background and is dropped
        worker.join(WAIT_SECONDS)
        if not worker.is_alive():
            break
    error = outcome.get("error")
    if isinstance(error, SpreadsheetError):
        raise error
    if error is not None:
        if _is_encrypted(path):
            raise SpreadsheetError(f"文件 {path.name} 设有打开密码，请在 Excel/WPS 中取消密码后另存，再导入") from None
        raise SpreadsheetError(f"无法读取 {path.name}：文件已损坏或格式不正确（{type(error).__name__}）") from None
    return outcome["sheet"]


def _calamine_rows(sheet, name: str) -> Iterator[Row]:
    # iter_rows() starts at the sheet's first row but at the first used column.
    start = sheet.start
    if start is None:
        return
    pad = [""] * start[1]
    for index, row in enumerate(sheet.iter_rows()):
        cells = pad + row if pad else row
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        _check_cells(index + 1, cells, name)
        yield index + 1, cells


def _check_cells(row_no: int, cells: list, name: str) -> None:
    if len(cells) > MAX_COLUMNS:
        raise TooLargeError(f"{name}：第 {row_no:,} 行第 {len(cells):,} 列有内容：表格最多 {MAX_COLUMNS} 列。请删除多余的列后再导入")
    for col, value in enumerate(cells):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise TooLargeError(
                f"{name}：第 {row_no:,} 行第 {col + 1} 列的内容有 {len(value):,} 个字符，超过单元格上限 {MAX_CELL_CHARS:,} 个字符"
            )


# ---------------------------------------------------------------- .csv


def _csv_sheet(path: Path, size: int, check: CheckFn) -> Sheet:
    if size > MAX_CSV_BYTES:
        raise TooLargeError(
            f"文件 {path.name} 有 {size / 1024 / 1024:.0f} MB，超过 CSV 导入上限 {MAX_CSV_BYTES // 1024 // 1024} MB。"
            "请分成几个文件，或另存为 .xlsx 后导入"
        )
    encoding, lines = _csv_encoding(path, check)
    f = open(path, encoding=encoding, newline="")
    try:
        sample = f.read(4096)
        f.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        if lines > CSV_COUNT_FROM:
            # Lines overstate records when cells hold line breaks: count records, so a long
            # file is refused (or not) on its real size, before any row is checked.
            lines = _count_records(f, dialect, check)
    except BaseException:
        f.close()
        raise
    return Sheet(path.name, lines, _csv_rows(f, dialect, path.name), f.close)


def _count_records(f: io.TextIOBase, dialect: type[csv.Dialect] | csv.Dialect, check: CheckFn) -> int:
    count = 0
    try:
        for count, _ in enumerate(csv.reader(f, dialect), start=1):
            if count % 20_000 == 0:
                check()
    except csv.Error:
        pass  # reported with its row number when the rows are read
    f.seek(0)
    return count


def _csv_encoding(path: Path, check: CheckFn) -> tuple[str, int]:
    """The encoding of a CSV file, checked over the whole file in chunks, and its line count."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        lines = 0
        try:
            with open(path, "rb") as f:
                while True:
                    check()
                    data = f.read(1024 * 1024)
                    text = decoder.decode(data, final=not data)
                    if encoding == "gb18030" and _looks_garbled(text):
                        raise UnicodeDecodeError(encoding, b"", 0, 1, "garbled")
                    lines += data.count(b"\n")
                    if not data:
                        break
        except UnicodeDecodeError:
            continue
        return encoding, lines + 1
    raise SpreadsheetError(f"无法识别文件 {path.name} 的编码。请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入")


def _csv_rows(f: io.TextIOBase, dialect: type[csv.Dialect] | csv.Dialect, name: str) -> Iterator[Row]:
    reader = csv.reader(f, dialect)
    row_no = 0
    try:
        for row_no, cells in enumerate(reader, start=1):
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells or not any(c.strip() for c in cells):
                continue
            if row_no > MAX_SHEET_ROWS:
                raise TooLargeError(f"{name}：第 {row_no:,} 行有内容：超过表格的最大行数 {MAX_SHEET_ROWS:,}")
            _check_cells(row_no, cells, name)
            yield row_no, cells
    except csv.Error as exc:  # a field past csv's own limit (131,072 characters), a stray NUL …
        if "field larger" in str(exc):
            raise TooLargeError(f"{name}：第 {row_no + 1:,} 行有一个单元格超过上限 {MAX_CELL_CHARS:,} 个字符") from None
        raise SpreadsheetError(f"{name}：第 {row_no + 1:,} 行无法读取（{exc}）") from None


_GARBLED = re.compile("[\ue000-\uf8ff\ufffd]")


def _looks_garbled(text: str) -> bool:
    """GB18030 decodes almost any bytes; text from another encoding shows up as rare symbols."""
    return _GARBLED.search(text) is not None
