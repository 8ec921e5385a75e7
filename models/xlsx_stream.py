"""Reading the first sheet of an .xlsx file row by row, with limits checked first.

python-calamine builds the whole sheet as one dense block of cells in memory
before the first row can be read, and copies a shared string into every cell
that refers to it. A 1.5 KB file with one cell at A1 and one at XFD1048576 asks
it for 512 GB and aborts the process (a Rust allocation failure, not an
exception); a sheet of cells without references does the same. None of that
shows in the zip's directory.

So every .xlsx is first checked here, before calamine or a parser sees it:
- the zip's central directory: the parts read (workbook, relationships, styles,
  shared strings, the sheet) are refused when their declared size or compression
  ratio is beyond what a roster can be (a zip bomb);
- one pass over the raw sheet XML (decompressed, not parsed: bytes are counted
  for real, since a directory can lie, and zipfile checks the CRC), counting its
  rows, so a file with millions of rows is refused in a second instead of being
  checked row by row; the same pass bounds the block calamine would build: all
  cells carry references, none past column FAST_MAX_COLUMNS, the block up to the
  last row and column referenced holds at most FAST_MAX_CELLS cells, and the
  shared strings cannot be copied into more than FAST_MAX_STRING_BYTES.

A sheet within those bounds (any ordinary roster) is read by python-calamine,
which is fast (`fast`). Any other is parsed here as a stream (expat, through
ElementTree's pull parser): memory holds one row and the shared strings, and
the limits on columns and cell length are checked cell by cell (`rows()`).

The stream gives values as python-calamine does (tests compare the two):
numbers as float, date-formatted numbers as date/datetime/time/timedelta,
booleans as bool, error cells as ''. Empty cells are left out (a row is a list
as long as its last non-empty cell).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
import xml.etree.ElementTree as ET
from typing import Callable, Iterator

CheckFn = Callable[[], None]

MB = 1024 * 1024
CHUNK = 64 * 1024  # bytes fed to the parser at a time: a cancel check each
# Parts read whole (workbook, relationships, styles) are small in any real file.
MAX_SMALL_PART = 16 * MB
MAX_SHEET_BYTES = 256 * MB  # a 200,000-row roster of 30 columns is ~150 MB of XML
MAX_SHARED_BYTES = 128 * MB
MAX_SHARED_STRINGS = 1_000_000
MAX_RATIO = 100  # sheet XML compresses 5-20 times; a zip bomb 1,000 times and more
RATIO_FLOOR = 1 * MB  # small parts may compress well without harm
# What calamine may be given: a block of at most 2.6 million cells (50,000 × 52; 32 bytes
# each, ~80 MB) and at most 64 MB of copied shared strings. A 100,000-row roster of 11
# columns is 1.1 million cells; read here as a stream instead it took 4 times as long.
FAST_MAX_CELLS = 50_000 * 52
FAST_MAX_COLUMNS = 52  # A … AZ
FAST_MAX_SHEET_BYTES = 160 * MB  # calamine streams the XML: its size costs time, not memory
FAST_MAX_SHARED_BYTES = 16 * MB
FAST_MAX_STRING_BYTES = 64 * MB

# Built-in date formats, as python-calamine knows them (it leaves 27-36 and 50-58, the ones
# Chinese Excel builds in, numbers: so does this reader, so both readers agree).
_DATE_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47}
_DURATION_IDS = {46}


# What zipfile raises for a package it cannot read (RuntimeError: an encrypted entry;
# NotImplementedError: a compression method it does not know).
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError, NotImplementedError)


class XlsxLimitError(Exception):
    """Raised with a Chinese message; spreadsheet.py turns it into SpreadsheetError."""


class XlsxCorrupt(Exception):
    """The package or its XML is not what an .xlsx must be."""


class XlsxNoSheet(XlsxCorrupt):
    """The workbook has no sheet of the name asked for."""


def _mb(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n >= 10 * MB else f"{n / MB:.1f} MB"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class XlsxSheet:
    """The first sheet of an .xlsx (or the one named `sheet`): `estimated_rows` after opening, then rows()."""

    def __init__(self, path: str, check: CheckFn, limits: dict[str, int], sheet: str | None = None) -> None:
        self.check = check
        self.sheet_name = sheet
        self.max_columns = limits["columns"]
        self.max_cell_chars = limits["cell_chars"]
        self.max_sheet_rows = limits["sheet_rows"]
        try:
            self.zip = zipfile.ZipFile(path)
        except _UNREADABLE as exc:
            raise XlsxCorrupt(str(exc)) from None
        try:
            self._open()
        except BaseException:
            self.zip.close()
            raise

    def close(self) -> None:
        self.zip.close()

    # ------------------------------------------------------------ the package

    def _open(self) -> None:
        self.names = {info.filename.lower(): info for info in self.zip.infolist()}
        book = self._find("xl/workbook.xml", self._root_target())
        rels = self._rels(book)
        root = self._xml(book)
        self.date1904 = any(
            _local(el.tag) == "workbookPr" and el.get("date1904", "").lower() in ("1", "true") for el in root.iter()
        )
        self._book, self._book_rels = root, rels
        self.sheet_info = self._sheet_part(self.sheet_name)
        strings_part = next((t for t, kind in self._rel_kinds.items() if kind == "sharedStrings"), None)
        styles_part = next((t for t, kind in self._rel_kinds.items() if kind == "styles"), None)
        strings_info = self._info(strings_part) if strings_part and strings_part.lower() in self.names else None
        styles_info = self._info(styles_part) if styles_part and styles_part.lower() in self.names else None
        self._check_size(self.sheet_info, MAX_SHEET_BYTES)
        if strings_info is not None:
            self._check_size(strings_info, MAX_SHARED_BYTES)
        self.kinds = self._styles(styles_info) if styles_info else []
        self.estimated_rows, fast, shared_cells = self._scan_sheet(count_shared=strings_info is not None)
        if fast and strings_info is not None:
            fast = self._strings_fit(strings_info, shared_cells)
        if fast:
            self._verify_small_parts(strings_info)
        self.fast = fast  # python-calamine may read it
        self._strings_info = strings_info
        self.shared = [] if fast or strings_info is None else self._shared_strings(strings_info)

    def _sheet_part(self, name: str | None) -> zipfile.ZipInfo:
        """The part of the sheet called `name` (None: the first sheet)."""
        found = next((el for el in self._book.iter() if _local(el.tag) == "sheet" and name in (None, el.get("name"))), None)
        if found is None:
            raise XlsxNoSheet("no sheet" if name is None else f"no sheet {name!r}")
        rid = next((v for k, v in found.attrib.items() if _local(k) == "id"), None)
        target = self._book_rels.get(rid or "")
        if target is None:
            raise XlsxCorrupt("sheet without a part")
        return self._info(target)

    def check_other_sheet(self, name: str) -> tuple[int, bool]:
        """Another sheet of the package, checked as the first was, for a reader that needs two
        (models/consolidate_read.py): (estimated rows, whether python-calamine may read it too).
        Never fast when the first was not: the package's other parts were then not verified."""
        info = self._sheet_part(name)
        self._check_size(info, MAX_SHEET_BYTES)
        first, self.sheet_info = self.sheet_info, info
        try:
            rows, fast, shared_cells = self._scan_sheet()
        finally:
            self.sheet_info = first
        if fast and self._strings_info is not None:
            fast = self._strings_fit(self._strings_info, shared_cells)
        return rows, fast and self.fast

    def _root_target(self) -> str | None:
        info = self.names.get("_rels/.rels")
        if info is None:
            return None
        for el in self._xml(info).iter():
            if _local(el.tag) == "Relationship" and el.get("Type", "").endswith("/officeDocument"):
                return el.get("Target", "").lstrip("/")
        return None

    def _find(self, default: str, target: str | None) -> zipfile.ZipInfo:
        info = self.names.get((target or default).lower()) or self.names.get(default)
        if info is None:
            raise XlsxCorrupt("no workbook part")
        return info

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self.names.get(name.lower())
        if info is None:
            raise XlsxCorrupt(f"missing part {name}")
        return info

    def _rels(self, book: zipfile.ZipInfo) -> dict[str, str]:
        folder, base = posixpath.split(book.filename)
        info = self.names.get(posixpath.join(folder, "_rels", base + ".rels").lower())
        self._rel_kinds: dict[str, str] = {}
        if info is None:
            raise XlsxCorrupt("workbook without relationships")
        targets = {}
        for el in self._xml(info).iter():
            if _local(el.tag) != "Relationship" or el.get("TargetMode") == "External":
                continue
            target = el.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            targets[el.get("Id", "")] = path
            self._rel_kinds[path] = el.get("Type", "").rpartition("/")[2]
        return targets

    def _xml(self, info: zipfile.ZipInfo) -> ET.Element:
        self._check_size(info, MAX_SMALL_PART)
        try:
            return ET.fromstring(self.zip.read(info))
        except (ET.ParseError, *_UNREADABLE) as exc:
            raise XlsxCorrupt(str(exc)) from None

    @staticmethod
    def _check_size(info: zipfile.ZipInfo, limit: int) -> None:
        """Refuse before decompressing: size and ratio as the central directory states them."""
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise XlsxLimitError(
                f"文件中的“{info.filename}”压缩比异常：解压后是压缩时的 {ratio:,} 倍（正常的表格不超过 {MAX_RATIO} 倍），"
                "可能是恶意构造的文件，已拒绝读取"
            )
        if info.file_size > limit:
            raise XlsxLimitError(
                f"文件中的“{info.filename}”解压后有 {_mb(info.file_size)}，超过导入上限 {_mb(limit)}。"
                "请删除多余的内容，或把花名册分成几个文件导入"
            )

    def _stream(self, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
        """The decompressed bytes of a part in chunks, counted against `limit` as they come."""
        seen = 0
        try:
            with self.zip.open(info) as f:
                while True:
                    self.check()
                    data = f.read(CHUNK)
                    if not data:
                        return
                    seen += len(data)
                    if seen > limit:
                        raise XlsxLimitError(f"文件中的“{info.filename}”解压后超过导入上限 {_mb(limit)}")
                    yield data
        except _UNREADABLE as exc:  # a lying size or CRC, a truncated file, an unknown compression
            raise XlsxCorrupt(str(exc)) from None

    # ------------------------------------------------------------ styles and strings

    def _styles(self, info: zipfile.ZipInfo) -> list[str | None]:
        """For each cell style (the s attribute), 'date', 'duration' or None."""
        root = self._xml(info)
        formats: dict[int, str] = {}
        kinds: list[str | None] = []
        for el in root:
            name = _local(el.tag)
            if name == "numFmts":
                for fmt in el:
                    try:
                        formats[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
                    except ValueError:
                        continue
            elif name == "cellXfs":
                for xf in el:
                    try:
                        number = int(xf.get("numFmtId", "0"))
                    except ValueError:
                        number = 0
                    kinds.append(_format_kind(number, formats.get(number)))
        return kinds

    def _shared_strings(self, info: zipfile.ZipInfo) -> list[str]:
        strings: list[str] = []
        parser = ET.XMLPullParser(events=("start", "end"))
        root = None
        si = t = r = ""
        for data in self._stream(info, MAX_SHARED_BYTES):
            try:
                parser.feed(data)
            except ET.ParseError as exc:
                raise XlsxCorrupt(str(exc)) from None
            for event, el in parser.read_events():
                if root is None:
                    root = el
                    ns = el.tag[: el.tag.find("}") + 1] if el.tag.startswith("{") else ""
                    si, t, r = ns + "si", ns + "t", ns + "r"
                if event != "end" or el.tag != si:
                    continue
                text = _rich_text(el, t, r)
                if len(text) > self.max_cell_chars:
                    raise XlsxLimitError(
                        f"文件中有一个单元格的内容有 {len(text):,} 个字符，超过单元格上限 {self.max_cell_chars:,} 个字符"
                    )
                strings.append(text)
                if len(strings) > MAX_SHARED_STRINGS:
                    raise XlsxLimitError(f"文件中不同的文字超过 {MAX_SHARED_STRINGS:,} 条，超过导入上限。请把花名册分成几个文件导入")
                root.remove(el)  # done with it; the strings list is all that is kept
        _close(parser)
        return strings

    def _scan_sheet(self, count_shared: bool = True) -> tuple[int, bool, int]:
        """One pass over the raw sheet XML: (rows, whether calamine's block is bounded, shared-string
        cells: counted only when the file has shared strings, each regex being a tenth of the pass)."""
        rows = cells = referenced = shared_cells = seen = 0
        last_row = 0
        letters: set[bytes] = set()
        fast = self.sheet_info.file_size <= FAST_MAX_SHEET_BYTES
        tail = b""
        first = True
        for data in self._stream(self.sheet_info, MAX_SHEET_BYTES):
            chunk = tail + data
            cut = chunk.rfind(b"<")  # tags do not hold '<': the head ends on whole tags
            head, tail = (chunk[:cut], chunk[cut:]) if cut > 0 else (chunk, b"")
            seen += len(data)
            rows += len(_ROW_TAG.findall(head))
            if first:
                first = False
                root = _ROOT_TAG.search(head)
                fast = fast and root is not None and not root.group(1)  # prefixed tags: streamed
            if fast:
                # Every cell must carry a plain reference (a whitelist: a cell without one,
                # lower-case, or with r not first is streamed); the block calamine builds
                # reaches the last row and column any of them names.
                cells += len(_CELL_TAG.findall(head))
                refs = _CELL_REF.findall(head)
                if refs:
                    referenced += len(refs)
                    columns, numbers = zip(*refs)
                    letters.update(columns)
                    last_row = max(last_row, max(map(int, numbers)))
                if count_shared:
                    shared_cells += len(_SHARED_CELL.findall(head))
                if _PREFIXED_CELL.search(head):
                    fast = False
        rows += len(_ROW_TAG.findall(tail))
        width = max((_column_index(c.decode("ascii")) + 1 for c in letters), default=0)
        fast = fast and cells == referenced and seen <= FAST_MAX_SHEET_BYTES
        fast = fast and width <= FAST_MAX_COLUMNS and width * last_row <= FAST_MAX_CELLS
        return rows, fast, shared_cells

    def _verify_small_parts(self, strings_info: zipfile.ZipInfo | None) -> None:
        """Read every other XML part calamine might read, so its size and CRC are checked too
        (a part whose directory entry lies would otherwise be inflated by calamine, unchecked)."""
        folder = posixpath.dirname(self.sheet_info.filename).lower()
        for name, info in self.names.items():
            if info is self.sheet_info or info is strings_info or not name.endswith((".xml", ".rels")):
                continue
            if posixpath.dirname(name) == folder:
                continue  # the other sheets: calamine reads only the first
            self._check_size(info, MAX_SMALL_PART)
            for _ in self._stream(info, MAX_SMALL_PART):
                pass

    def _strings_fit(self, info: zipfile.ZipInfo, shared_cells: int) -> bool:
        """Whether copying the longest shared string into every cell that uses one stays within bounds."""
        if info.file_size > FAST_MAX_SHARED_BYTES:
            return False
        data = b"".join(self._stream(info, FAST_MAX_SHARED_BYTES))  # counted and CRC-checked, as calamine will read it
        starts = [m.start() for m in _SI_TAG.finditer(data)] + [len(data)]
        longest = max((b - a for a, b in zip(starts, starts[1:])), default=0)
        return shared_cells * longest <= FAST_MAX_STRING_BYTES

    # ------------------------------------------------------------ rows

    def rows(self) -> Iterator[tuple[int, list[object]]]:
        """(row number as Excel shows it, cells) of every row that has a non-empty cell."""
        parser = ET.XMLPullParser(events=("end",))
        names: tuple[str, ...] = ()
        prev = 0
        shared, kinds = self.shared, self.kinds
        max_columns, max_chars = self.max_columns, self.max_cell_chars
        columns: dict[str, int] = {}
        # The hot loop of an import: every cell of the sheet passes here, so the common
        # cells (shared and inline strings, plain numbers) are read inline.
        for data in self._stream(self.sheet_info, MAX_SHEET_BYTES):
            try:
                parser.feed(data)
            except ET.ParseError as exc:
                raise XlsxCorrupt(str(exc)) from None
            for _, el in parser.read_events():
                tag = el.tag
                if tag != ROW if names else True:
                    if not names:
                        # The sheet's namespace, from its first row (Strict OOXML and prefixed files differ).
                        local = _local(tag)
                        if local == "row":
                            ns = tag[: -len("row")]
                            ROW, C, V, IS, T, R, SHEET_DATA = names = tuple(ns + n for n in ("row", "c", "v", "is", "t", "r", "sheetData"))
                            keep = {C, V, IS, T, R}
                        elif local == "sheetData":
                            return
                        else:
                            if local not in _CELL_PARTS:
                                el.clear()
                            continue
                    elif tag in keep:
                        continue
                    elif tag == SHEET_DATA:
                        return  # the rest of the sheet (merged cells, print setup …) holds no rows
                    else:
                        el.clear()  # only a cell's own parts are needed until its row ends
                        continue
                r = el.get("r")
                try:
                    row_no = int(r) if r else prev + 1
                except ValueError:
                    raise XlsxCorrupt(f"bad row number {r!r}") from None
                if row_no <= prev:
                    raise XlsxCorrupt("rows out of order")
                if row_no > self.max_sheet_rows:
                    raise XlsxLimitError(f"第 {row_no:,} 行有内容：超过表格的最大行数 {self.max_sheet_rows:,}")
                prev = row_no
                cells: list[object] = []
                col = -1
                for c in el:
                    if c.tag != C:
                        continue
                    ref = c.get("r")
                    if ref:
                        letters = ref.rstrip("0123456789")
                        col = columns.get(letters, -1)
                        if col < 0:
                            col = columns[letters] = _column_index(letters)
                    else:
                        col += 1
                    t = c.get("t")
                    if t == "s":
                        v = c.find(V)
                        try:
                            value = shared[int(v.text)]  # type: ignore[union-attr, arg-type]
                        except (AttributeError, TypeError, ValueError, IndexError):
                            raise XlsxCorrupt("bad shared string") from None
                    elif t == "inlineStr":
                        node = c.find(IS)
                        if node is None:
                            continue
                        if len(node) == 1 and node[0].tag == T:
                            value = node[0].text or ""
                        else:
                            value = _rich_text(node, T, R)
                    else:
                        value = self._value(c, t, V, kinds)
                    if value is None or value == "":
                        continue
                    if col >= max_columns:
                        raise XlsxLimitError(f"第 {row_no:,} 行第 {col + 1:,} 列有内容：表格最多 {max_columns} 列。请删除多余的列后再导入")
                    if value.__class__ is str and len(value) > max_chars:
                        raise XlsxLimitError(
                            f"第 {row_no:,} 行第 {col + 1} 列的内容有 {len(value):,} 个字符，超过单元格上限 {max_chars:,} 个字符"
                        )
                    if col == len(cells):
                        cells.append(value)
                    elif col > len(cells):
                        cells.extend([""] * (col - len(cells)))
                        cells.append(value)
                    else:
                        cells[col] = value
                el.clear()  # the row element stays in the tree, empty: ~80 bytes a row
                if cells:
                    yield row_no, cells

    def _value(self, c: ET.Element, t: str | None, V: str, kinds: list) -> object:
        """A cell other than a shared or inline string: number, date, boolean, formula text."""
        v = c.find(V)
        text = v.text if v is not None else None
        if text is None:
            return ""
        if t == "str":
            return text
        if t == "b":
            return text.strip() in ("1", "true")
        if t == "e":
            return ""
        if t == "d":
            try:
                moment = dt.datetime.fromisoformat(text.strip())
            except ValueError:
                return text
            return moment.date() if moment.time() == dt.time() else moment
        if text != text.strip():
            return text  # as calamine: " 12 " stays text
        try:
            number = float(text)
        except ValueError:
            return text
        s = c.get("s")
        if s and kinds:
            try:
                kind = kinds[int(s)]
            except (ValueError, IndexError):
                kind = None
            if kind:
                return _excel_datetime(number, kind, self.date1904)
        return number


# The parts of a cell that must outlive their own end tag, until the row is read.
_CELL_PARTS = {"c", "v", "is", "t", "r"}
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_CELL_TAG = re.compile(rb"<c[\s/>]")
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s/>]")
# A cell's plain reference (first in its tag): its column letters and row number.
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
_SHARED_CELL = re.compile(rb"""\st\s*=\s*["']s["']""")
_SI_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>]")


def _close(parser: ET.XMLPullParser) -> None:
    try:
        parser.close()
    except ET.ParseError as exc:
        raise XlsxCorrupt(str(exc)) from None


def _rich_text(node: ET.Element, T: str, R: str) -> str:
    # Plain text is <t>; rich text is runs <r><t>…</t></r>; phonetic guides <rPh> are not part of the value.
    parts = []
    for child in node:
        if child.tag == T:
            parts.append(child.text or "")
        elif child.tag == R:
            for t in child:
                if t.tag == T:
                    parts.append(t.text or "")
    return "".join(parts)


def _column_index(ref: str) -> int:
    index = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            index = index * 26 + ord(ch) - 96
        else:
            break
        if index > 16384:  # past XFD: no such column
            raise XlsxCorrupt(f"bad cell reference {ref!r}")
    if index == 0:
        raise XlsxCorrupt(f"bad cell reference {ref!r}")
    return index - 1


_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.')
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)
_BRACKETS = re.compile(r"\[[^\]]*\]")
_DATE_LETTERS = re.compile(r"[dmyhs]", re.IGNORECASE)


def _format_kind(number: int, code: str | None) -> str | None:
    """'date' for a date or time format, 'duration' for elapsed time ([h]:mm), else None."""
    if code is None:
        if number in _DURATION_IDS:
            return "duration"
        return "date" if number in _DATE_IDS else None
    text = _LITERALS.sub("", code)
    if _ELAPSED.search(text):
        return "duration"
    text = _BRACKETS.sub("", text)  # colours, locales ([$-804]), conditions, [DBNum1]
    return "date" if _DATE_LETTERS.search(text) else None


_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_BEFORE_LEAP = dt.datetime(1899, 12, 31)  # Excel counts a 29 February 1900 that never was
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_MS_A_DAY = 86_400_000


def _excel_datetime(number: float, kind: str, date1904: bool) -> object:
    if kind == "duration":
        return dt.timedelta(milliseconds=round(number * _MS_A_DAY))
    if not 0 <= number < 2_958_466:  # past 9999-12-31: leave the number as it is
        return number
    ms = round(number * _MS_A_DAY)
    if number < 1 and not date1904:
        ms %= _MS_A_DAY
        return (dt.datetime.min + dt.timedelta(milliseconds=ms)).time()
    epoch = _EPOCH_1904 if date1904 else (_EPOCH_BEFORE_LEAP if number < 60 else _EPOCH)
    moment = epoch + dt.timedelta(milliseconds=ms)
    return moment.date() if ms % _MS_A_DAY == 0 else moment
