"""The one .xlsx writer: every spreadsheet the program writes is streamed through here.

Rows go into the zip as they come (a few hundred at a time), so a 100,000-member roster
costs no more memory than a ten-member one, and cells are formatted by column: each
column has one style (font, border, text format for ID and phone numbers …) given
once, and a body cell only names it. The look the chair knows is a `Sheet` layout
(see `table`): merged title rows, the bold shaded header, widths, frozen header, A4
print setup with the header repeated on every page, an optional 内部资料 mark in the
page header.

Why not a library: the same 100,000 members × 11 columns (issue 16) exported end to end
from the database, side by side on this machine (medians of 3 in one run, 2026-12-04):
LibreOffice (csv → xlsx, with its start) 5.9 s, so the target 1.5× is 8.9 s;
xlsxwriter constant_memory, styled by column, 11.8 s; openpyxl write-only 17.6 s; this
writer 3.4 s in 35 MB. Both libraries spend their time per cell in Python (a method
call, type sniffing, escaping, attribute building per cell). Writing SpreadsheetML
directly — inline strings, so there is no shared-strings table to hold, one pre-built
prefix per column — does not. The format written is the small,
plain part of ECMA-376 every spreadsheet program reads (tests/test_xlsx_writer.py
reads it back with openpyxl, python-calamine and LibreOffice).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from dataclasses import dataclass, field, replace
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import IO, BinaryIO, Iterable, Sequence

from reports.saving import open_atomic

FONT = "宋体"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ROWS_PER_CHUNK = 500  # rows joined before a write into the zip: fewer calls, little memory
MAX_LIST_CHARS = 255  # Excel refuses (repairs) a list validation whose text is longer
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


@dataclass(frozen=True)
class Style:
    """How a cell looks. Cells share styles: the writer numbers each distinct one once."""

    bold: bool = False
    italic: bool = False
    size: float = 11
    color: str = ""  # font colour, RRGGBB
    fill: str = ""  # solid background, RRGGBB
    border: bool = False  # a thin box, grey unless border_color says otherwise
    border_color: str = ""  # RRGGBB of the box; "" is grey (999999). The paper-like forms rule in black.
    align: str = ""  # "", "left", "center", "right"
    valign: str = ""  # "" is centred vertically; "top" for a wrapped note beside one-line cells
    wrap: bool = False
    number_format: str = ""  # "@" is text: Excel/WPS keep 18-digit IDs and leading zeros as typed


TEXT = "@"
BODY = Style(border=True)
BODY_TEXT = Style(border=True, number_format=TEXT)
TITLE = Style(bold=True, size=16, align="center", wrap=True)
NOTE = Style()
HEADER = Style(bold=True, fill="E8EEF5", border=True, align="center", wrap=True)


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 12
    style: Style = BODY  # every body cell of the column

    @property
    def blank_style(self) -> Style:
        """The column's own style, for the cells nobody wrote yet: its number format only
        (whatever the chair types into an ID column later stays text), no borders."""
        return Style(number_format=self.style.number_format)


@dataclass(frozen=True)
class PrintSetup:
    landscape: bool = True
    repeat_rows: int = 0  # rows repeat_from..repeat_rows printed on every page (title and header)
    repeat_from: int = 1  # a form's header under its title block: 4 (rows 4..5 repeated)
    repeat_cols: int = 0  # columns A.. printed on every page (a wide table's names)
    paper: int = 9  # Excel's paper size code: 9 is A4, 8 is A3
    print_area: bool = False  # set the print area to every row and column written
    margins: tuple[float, float, float, float] = (0.4, 0.4, 0.6, 0.6)  # left, right, top, bottom (inches)
    centered: bool = True  # centred across the page
    row_height: float = 14.25  # points; the paper-like forms keep 15, as openpyxl wrote them
    fit_width: bool = True  # one page wide, as many pages long as it takes
    mark: str = ""  # printed at the top right of every page, e.g. 内部资料 注意保密
    page_numbers: bool = True


_COLUMN_LETTERS: list[str] = []


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    while len(_COLUMN_LETTERS) <= index:
        n, name = len(_COLUMN_LETTERS) + 1, ""
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        _COLUMN_LETTERS.append(name)
    return _COLUMN_LETTERS[index]


# Characters XML 1.0 cannot carry are written the way Excel writes them (_x0001_), and so
# is a literal "_x0041_" (its underscore as _x005F_), which Excel would otherwise decode.
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def escape(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return escape(text).replace('"', "&quot;")


class _Styles:
    """The workbook's style table, built as styles are first used (styles.xml is written last)."""

    def __init__(self) -> None:
        self.xfs: dict[Style, int] = {Style(): 0}
        self.fonts: dict[tuple, int] = {(False, False, 11.0, ""): 0}
        self.fills: dict[str, int] = {"": 0}  # 1 is the gray125 pattern every file must have
        self.borders: dict[str, int] = {"": 0, "999999": 1}  # by colour; 0 is no border
        self.formats: dict[str, int] = {"": 0, TEXT: 49}

    def index(self, style: Style) -> int:
        found = self.xfs.get(style)
        if found is None:
            found = self.xfs[style] = len(self.xfs)
            self.fonts.setdefault((style.bold, style.italic, float(style.size), style.color), len(self.fonts))
            if style.fill not in self.fills:
                self.fills[style.fill] = len(self.fills) + 1
            if style.border:
                self.borders.setdefault(style.border_color or "999999", len(self.borders))
            if style.number_format not in self.formats:
                self.formats[style.number_format] = 164 + len(self.formats) - 2
        return found

    def xml(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in self.formats.items() if i >= 164)
        fonts = "".join(
            "<font>" + ("<b/>" if b else "") + ("<i/>" if i else "") + f'<sz val="{size:g}"/>'
            + (f'<color rgb="FF{color}"/>' if color else "") + f'<name val="{FONT}"/><family val="3"/><charset val="134"/></font>'
            for (b, i, size, color) in self.fonts
        )
        fills = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' + "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{c}"/><bgColor indexed="64"/></patternFill></fill>' for c in self.fills if c
        )
        side = '<{0} style="thin"><color rgb="FF{1}"/></{0}>'
        borders = "<border><left/><right/><top/><bottom/><diagonal/></border>" + "".join(
            "<border>" + "".join(side.format(s, c) for s in ("left", "right", "top", "bottom")) + "<diagonal/></border>"
            for c in self.borders if c)
        xfs = "".join(self._xf(s) for s in self.xfs)
        return (
            f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
            + (f'<numFmts count="{len(self.formats) - 2}">{formats}</numFmts>' if formats else "")
            + f'<fonts count="{len(self.fonts)}">{fonts}</fonts><fills count="{len(self.fills) + 1}">{fills}</fills>'
            f'<borders count="{len(self.borders)}">{borders}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.xfs)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        )

    def _xf(self, s: Style) -> str:
        font = self.fonts[(s.bold, s.italic, float(s.size), s.color)]
        fill = self.fills[s.fill]
        fmt = self.formats[s.number_format]
        border = self.borders[s.border_color or "999999"] if s.border else 0
        align = ""
        if s.align or s.wrap or s.valign:
            align = ("<alignment" + (f' horizontal="{s.align}"' if s.align else "") + f' vertical="{s.valign or "center"}"'
                     + (' wrapText="1"' if s.wrap else "") + "/>")
        return (
            f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
            + (' applyNumberFormat="1"' if fmt else "") + (' applyFont="1"' if font else "") + (' applyFill="1"' if fill else "")
            + (' applyBorder="1"' if s.border else "") + (' applyAlignment="1">' + align + "</xf>" if align else "/>")
        )


@dataclass
class _SheetInfo:
    name: str
    hidden: bool
    setup: PrintSetup | None
    last_cell: str = "A1"  # bottom right of what was written, for the print area


class Book:
    """One workbook, written to a temporary file beside `path` and put in its place only when
    the `with` block ends without an error: a cancelled export leaves nothing half-written."""

    def __init__(self, path: str | Path, *, level: int = 1) -> None:
        self.path = Path(path)
        self.level = level  # zlib level 1: twice as fast as 6, the file ~10 % bigger
        self.styles = _Styles()
        self.sheets: list[_SheetInfo] = []
        self._current: Sheet | None = None
        self._atomic: AbstractContextManager[BinaryIO] | None = None
        self._zip: zipfile.ZipFile | None = None

    def __enter__(self) -> "Book":
        self._atomic = open_atomic(self.path)
        self._zip = zipfile.ZipFile(self._atomic.__enter__(), "w", zipfile.ZIP_DEFLATED, compresslevel=self.level)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self._zip is not None and self._atomic is not None
        try:
            if exc is None:
                self._finish()
            elif self._current is not None:
                self._current._abandon()
            self._zip.close()
        except BaseException as error:
            self._atomic.__exit__(type(error), error, error.__traceback__)
            raise
        self._atomic.__exit__(kind, exc, tb)

    def sheet(self, name: str, columns: Sequence[Column], *, freeze_rows: int = 0, freeze_cols: int = 0, hidden: bool = False,
              print_setup: PrintSetup | None = PrintSetup()) -> "Sheet":
        """A new sheet (the previous one is finished). `freeze_rows`/`freeze_cols`: the rows
        (title and header) and columns (names) kept in view when scrolling; print_setup None:
        no page setup at all."""
        if self._current is not None:
            self._current.close()
        assert self._zip is not None, "use Book in a with block"
        self.sheets.append(_SheetInfo(name, hidden, print_setup))
        self._current = Sheet(self, len(self.sheets), columns, freeze_rows, print_setup, freeze_cols)
        return self._current

    def _finish(self) -> None:
        if self._current is not None:
            self._current.close()
        assert self._zip is not None
        n = len(self.sheets)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        self._zip.writestr("[Content_Types].xml", (
            f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ))
        self._zip.writestr("_rels/.rels", (
            f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ))
        rels = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
        rels += f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
        self._zip.writestr("xl/_rels/workbook.xml.rels", f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>')
        sheets = "".join(
            f'<sheet name="{_attr(s.name)}" sheetId="{i}"' + (' state="hidden"' if s.hidden else "") + f' r:id="rId{i}"/>'
            for i, s in enumerate(self.sheets, start=1)
        )
        titles = "".join(_defined_names(i, s) for i, s in enumerate(self.sheets))
        self._zip.writestr("xl/workbook.xml", (
            f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets>" + (f"<definedNames>{titles}</definedNames>" if titles else "") + "</workbook>"
        ))
        self._zip.writestr("xl/styles.xml", self.styles.xml())


def _quoted(sheet_name: str) -> str:
    return "'" + sheet_name.replace("'", "''") + "'"


def _defined_names(index: int, info: _SheetInfo) -> str:
    """The sheet's print area and the rows/columns printed on every page."""
    setup, name = info.setup, _attr(_quoted(info.name))
    if setup is None:
        return ""
    xml = ""
    if setup.print_area:
        last = re.match(r"([A-Z]+)(\d+)", info.last_cell)
        assert last is not None
        xml += f'<definedName name="_xlnm.Print_Area" localSheetId="{index}">{name}!$A$1:${last[1]}${last[2]}</definedName>'
    titles = []
    if setup.repeat_cols:
        titles.append(f"{name}!$A:${column_letter(setup.repeat_cols - 1)}")
    if setup.repeat_rows:
        titles.append(f"{name}!${setup.repeat_from}:${setup.repeat_rows}")
    if titles:
        xml += f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">{",".join(titles)}</definedName>'
    return xml


@dataclass
class _Validation:
    column: int
    first: int
    last: int
    options: Sequence[str]
    title: str
    message: str


class Sheet:
    """Rows written top to bottom. `row` for the few rows of a title or header, `rows` for
    the body: the fast path, each cell in its column's style."""

    def __init__(self, book: Book, number: int, columns: Sequence[Column], freeze_rows: int, print_setup: PrintSetup | None,
                 freeze_cols: int = 0) -> None:
        self.book = book
        self.number = number
        self.columns = list(columns)
        self.freeze_rows = freeze_rows
        self.freeze_cols = freeze_cols
        self.print_setup = print_setup
        self.row_count = 0
        self.merges: list[str] = []
        self.validations: list[_Validation] = []
        self._closed = False
        self._out: IO[bytes] = book._zip.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True)  # type: ignore[union-attr]
        self._out.write(self._preamble(number == 1).encode())
        letters = [column_letter(i) for i in range(len(self.columns))]
        xf = [book.styles.index(c.style) for c in self.columns]
        # The parts of a body cell around its row number and its text, built once per column.
        self._open = [f'<c r="{letter}' for letter in letters]
        self._text = [f'" s="{s}" t="inlineStr"><is><t>' for s in xf]
        self._text_kept = [f'" s="{s}" t="inlineStr"><is><t xml:space="preserve">' for s in xf]
        self._empty = [f'" s="{s}"/>' for s in xf]
        self._styles = [c.style for c in self.columns]

    @property
    def last_letter(self) -> str:
        return column_letter(max(0, len(self.columns) - 1))

    def _preamble(self, selected: bool) -> str:
        setup = self.print_setup
        head = f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        if setup and setup.fit_width:
            head += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        view = '<sheetView workbookViewId="0"' + (' tabSelected="1">' if selected else ">")
        if self.freeze_rows or self.freeze_cols:
            top = f"{column_letter(self.freeze_cols)}{self.freeze_rows + 1}"
            pane = {(True, False): "bottomLeft", (False, True): "topRight", (True, True): "bottomRight"}[
                (bool(self.freeze_rows), bool(self.freeze_cols))]
            split = (f' xSplit="{self.freeze_cols}"' if self.freeze_cols else "") + (f' ySplit="{self.freeze_rows}"' if self.freeze_rows else "")
            view += f'<pane{split} topLeftCell="{top}" activePane="{pane}" state="frozen"/>'
            view += f'<selection pane="{pane}" activeCell="{top}" sqref="{top}"/>'
        head += f"<sheetViews>{view}</sheetView></sheetViews>"
        head += f'<sheetFormatPr defaultRowHeight="{setup.row_height if setup else 14.25:g}"/>'
        if self.columns:
            head += "<cols>" + "".join(
                f'<col min="{i}" max="{i}" width="{c.width:g}" style="{self.book.styles.index(c.blank_style)}" customWidth="1"/>'
                for i, c in enumerate(self.columns, start=1)
            ) + "</cols>"
        return head + "<sheetData>"

    # ------------------------------------------------------------ rows

    def row(self, values: Sequence[object], style: Style | Sequence[Style] | None = None, *, height: float | None = None) -> int:
        """One row (a header, an example); `style` for every cell, one per cell, or the
        columns' own. Returns its row number (1-based)."""
        n = self.row_count + 1
        styles = self._styles if style is None else [style] * len(values) if isinstance(style, Style) else list(style)
        cells = "".join(self._cell(i, n, v, styles[i]) for i, v in enumerate(values))
        ht = f' ht="{height:g}" customHeight="1"' if height else ""
        self._out.write(f'<row r="{n}"{ht}>{cells}</row>'.encode())
        self.row_count = n
        return n

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Cells (1-based rows, 0-based columns, as `validate_list`) shown as one: a header
        spanning its columns or both header rows. The top left cell holds the value; the
        others should be written (empty) in the same style so borders and fill go round."""
        self.merges.append(f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}")

    def merged(self, text: str, style: Style, *, height: float | None = None) -> int:
        """A row of one cell spread across every column: a title or a note."""
        n = self.row(["" if i else text for i in range(max(1, len(self.columns)))], style, height=height)
        if len(self.columns) > 1:
            self.merges.append(f"A{n}:{self.last_letter}{n}")
        return n

    def rows(self, rows: Iterable[Sequence[object]]) -> int:
        """The body, as fast as it goes: text cells joined from pre-built parts, any other
        value the slow way. A row shorter than the columns gets empty (bordered) cells.
        Returns how many rows were written."""
        ncols = len(self.columns)
        opened, text, kept, empty, styles = self._open, self._text, self._text_kept, self._empty, self._styles
        special = _SPECIAL.search
        write = self._out.write
        chunk: list[str] = []
        n = self.row_count
        start = n
        for values in rows:
            n += 1
            r = str(n)
            parts = [f'<row r="{r}">']
            if len(values) > ncols:
                raise ValueError(f"row {n} has {len(values)} cells, the sheet {ncols} columns")
            for i, v in enumerate(values):
                if v.__class__ is str:
                    if not v:
                        parts.append(opened[i] + r + empty[i])
                    elif v[0] > " " and v[-1] > " " and special(v) is None:
                        parts.append(opened[i] + r + text[i] + v + "</t></is></c>")
                    else:
                        parts.append(opened[i] + r + kept[i] + escape(v) + "</t></is></c>")
                else:
                    parts.append(self._cell(i, n, v, styles[i]))
            for i in range(len(values), ncols):
                parts.append(opened[i] + r + empty[i])
            parts.append("</row>")
            chunk.append("".join(parts))
            if len(chunk) >= ROWS_PER_CHUNK:
                write("".join(chunk).encode())
                chunk.clear()
                self.row_count = n
        if chunk:
            write("".join(chunk).encode())
        self.row_count = n
        return n - start

    def _cell(self, i: int, n: int, value: object, style: Style) -> str:
        ref = f"{column_letter(i)}{n}"
        if value is None or value == "":
            return f'<c r="{ref}" s="{self.book.styles.index(style)}"/>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{self.book.styles.index(style)}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
            return f'<c r="{ref}" s="{self.book.styles.index(style)}"><v>{value!r}</v></c>'
        if isinstance(value, (dt.date, dt.datetime)):
            # A real date: the column's look with a date format (WPS/Excel show it as a date).
            when = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
            fmt = "yyyy-mm-dd hh:mm:ss" if when.time() != dt.time() else "yyyy-mm-dd"
            serial = (when.replace(tzinfo=None) - EXCEL_EPOCH) / dt.timedelta(days=1)
            return f'<c r="{ref}" s="{self.book.styles.index(replace(style, number_format=fmt))}"><v>{serial!r}</v></c>'
        text = str(value)
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f'<c r="{ref}" s="{self.book.styles.index(style)}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'

    # ------------------------------------------------------------ after the rows

    def validate_list(self, column: int, first: int, last: int, options: Sequence[str], *,
                      title: str = "输入无效", message: str = "请从下拉列表中选择") -> None:
        """A drop-down of `options` on rows first..last of the 0-based `column`."""
        if len(",".join(options)) > MAX_LIST_CHARS:
            raise ValueError(f"list of {len(options)} options is longer than Excel takes ({MAX_LIST_CHARS} characters)")
        self.validations.append(_Validation(column, first, last, list(options), title, message))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.book.sheets[self.number - 1].last_cell = f"{self.last_letter}{max(1, self.row_count)}"
        tail = "</sheetData>"
        if self.merges:
            tail += f'<mergeCells count="{len(self.merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in self.merges) + "</mergeCells>"
        if self.validations:
            tail += f'<dataValidations count="{len(self.validations)}">' + "".join(
                f'<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" '
                f'errorTitle="{_attr(v.title)}" error="{_attr(v.message)}" '
                f'sqref="{column_letter(v.column)}{v.first}:{column_letter(v.column)}{v.last}">'
                f'<formula1>"{escape(",".join(v.options)).replace(chr(34), chr(34) * 2)}"</formula1></dataValidation>'
                for v in self.validations
            ) + "</dataValidations>"
        tail += self._print_xml()
        self._out.write((tail + "</worksheet>").encode())
        self._out.close()

    def _print_xml(self) -> str:
        setup = self.print_setup
        if setup is None:
            return ""
        left, right, top, bottom = setup.margins
        xml = '<printOptions horizontalCentered="1"/>' if setup.centered else ""
        xml += f'<pageMargins left="{left:g}" right="{right:g}" top="{top:g}" bottom="{bottom:g}" header="0.3" footer="0.3"/>'
        xml += f'<pageSetup paperSize="{setup.paper}" orientation="' + ("landscape" if setup.landscape else "portrait") + '"'
        xml += ' fitToWidth="1" fitToHeight="0"/>' if setup.fit_width else "/>"
        header = f"&amp;R{escape(setup.mark)}" if setup.mark else ""
        footer = "&amp;C第 &amp;P 页，共 &amp;N 页" if setup.page_numbers else ""
        if header or footer:
            xml += "<headerFooter>" + (f"<oddHeader>{header}</oddHeader>" if header else "") + (f"<oddFooter>{footer}</oddFooter>" if footer else "") + "</headerFooter>"
        return xml

    def _abandon(self) -> None:
        """The work failed or was cancelled: close the part so the zip can be closed (and
        the temporary file thrown away)."""
        if not self._closed:
            self._closed = True
            self._out.close()


@dataclass
class Table:
    """The layout every roster-like sheet has: title, notes, header, body."""

    name: str
    title: str
    columns: Sequence[Column]
    notes: Sequence[str] = field(default_factory=tuple)
    landscape: bool = True
    mark: str = ""


def table(book: Book, spec: Table) -> Sheet:
    """A sheet with the merged title and note rows and the header row written, frozen under
    the header, which is printed on every page; the body follows with `rows`."""
    head_rows = 2 + len(spec.notes)
    sheet = book.sheet(spec.name, spec.columns, freeze_rows=head_rows,
                       print_setup=PrintSetup(landscape=spec.landscape, repeat_rows=head_rows, mark=spec.mark))
    sheet.merged(spec.title, TITLE, height=30)
    for note in spec.notes:
        sheet.merged(note, NOTE)
    sheet.row([c.header for c in spec.columns], HEADER)
    return sheet
