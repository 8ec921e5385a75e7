"""The form kit: what every printed form is made of, drawn straight onto a reportlab canvas.

A4 pages (portrait or landscape), the union's name and the title, label/value
grids with borders, ruled tables whose header repeats on every page, paragraphs,
signature and date lines, and "第 x 页 共 y 页". Chinese text wraps by character,
never starting a line with closing punctuation (，。；：！？、…) nor ending one with
an opening bracket. Drawing on the canvas (rather than platypus) keeps a 100-page
roster well under a second. Files are written whole or not at all.

Nothing is silently lost: a grid cell taller than the page goes on on the next page
with its label repeated "（续）"; a table cell shrinks a little and then its row grows
(a row taller than a page continues below the repeated header); GroupRow headings
repeat with "（续）"; long union names and titles wrap within the margins; a form
past one page is always numbered (section_break() starts a new document, e.g. the
next ballot, numbered from 1); keep_together(h) moves a block (total + signatures)
whole. The CJK font is the canvas's initial font, so no PDF refers to Helvetica.
"""

from __future__ import annotations

import io
import os
import tempfile  # noqa: F401 (tests patch kit.tempfile; saving uses the same module)
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Sequence

from reports.line_breaks import BRACKETS, NO_LINE_END, NO_LINE_START, fit_size, wrap  # noqa: F401 (part of the kit's API)
from reports.saving import SaveError, write_atomic  # noqa: F401 (part of the kit's API)

A4_W, A4_H = 595.2756, 841.8898  # points
MM = 72 / 25.4

CONTINUED = "（续）"  # marks a cell, group or block that goes on from the previous page
BLANK_DATE = "    年  月  日"  # a date to be written in by hand


def cn_date(iso: str | None) -> str:
    """2026-03-05 (or a timestamp) → 2026年3月5日; nothing → a blank to write the date in."""
    if not iso:
        return BLANK_DATE
    import datetime as _dt

    d = _dt.date.fromisoformat(iso[:10])
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------- cells and columns

@dataclass
class Cell:
    text: str = ""
    span: int = 1  # columns covered
    label: bool = False  # a label cell (shaded, centred)
    align: str = "left"  # left | center | right
    height: float = 0  # minimum height in points (e.g. a signature box)


@dataclass
class Column:
    title: str
    width: float  # share of the table width (any unit; scaled)
    align: str = "left"


@dataclass
class GroupRow:
    """A full-width heading row inside a ruled table (a 代表团 of the sign-in sheet).
    When the group runs onto the next page, the row is drawn again there under the
    table header with "（续）"."""

    text: str


def _numbered_canvas_class(font: str, footer: bool, footer_y: float):
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Keeps each page until the end so every page can say '第 x 页 共 y 页'.

        Pages are numbered within sections (a section is one document, e.g. one
        ballot among many in the same file). With footer=False a section is
        numbered only when it runs past one page."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._section_starts: list[int] = [0]

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def start_section(self) -> None:
            """The next page begins a new document: its numbering starts again at 1."""
            if self._section_starts[-1] != len(self._pages):
                self._section_starts.append(len(self._pages))

        def save(self):
            starts = [s for s in self._section_starts if s < len(self._pages)] or [0]
            bounds = list(zip(starts, starts[1:] + [len(self._pages)]))
            for first, end in bounds:
                total = end - first
                for number, state in enumerate(self._pages[first:end], start=1):
                    self.__dict__.update(state)
                    if footer or total > 1:
                        w, _ = self._pagesize
                        self.setFont(font, 9)
                        self.drawCentredString(w / 2, footer_y, f"第 {number} 页 共 {total} 页")
                    super().showPage()
            super().save()

    return NumberedCanvas


class Form:
    """One printed document. Draw with the methods below, top to bottom; then save().

    page_numbers=True numbers every page; False numbers only a document that runs
    past one page (a one-page form stays clean, a longer one is never unnumbered).
    Pages after the first repeat the title and the union's name at the top."""

    def __init__(
        self,
        target: str | os.PathLike | BinaryIO,
        *,
        title: str,
        union_name: str = "",
        landscape: bool = False,
        font_path: str = "",
        margin_mm: float = 15,
        page_numbers: bool = True,
        running_title: bool = True,
        author: str = "",
    ) -> None:
        from reports.fonts import cjk_font

        self.font = cjk_font(font_path)
        self.width, self.height = (A4_H, A4_W) if landscape else (A4_W, A4_H)
        self.margin = margin_mm * MM
        self.left = self.margin
        self.right = self.width - self.margin
        self.top = self.height - self.margin
        self.bottom = self.margin + (8 * MM if page_numbers else 0)
        self.title = title
        self.union_name = union_name
        self.running_title = running_title
        self._target = target
        self._buffer = io.BytesIO()
        footer_y = 10 * MM if page_numbers else max(4 * MM, self.margin - 5 * MM)
        canvas_class = _numbered_canvas_class(self.font, page_numbers, footer_y)
        # The CJK font is the canvas's initial font, so no page refers to Helvetica.
        self.c = canvas_class(self._buffer, pagesize=(self.width, self.height), initialFontName=self.font)
        self.c.setTitle(title)
        self.c.setAuthor(author or union_name)
        self.c.setCreator("工会台账")
        self.page = 1
        self.y = self.top
        self._repeat: tuple | None = None  # a table header to draw again on each new page
        self._group: str | None = None  # the table group that continues on the next page
        self._section_top = self.y  # where the column rules of the current table part start
        self._widths: dict[tuple[str, float], float] = {}  # text widths: a roster repeats its departments thousands of times

    # -------------------------------------------------------------- page flow

    @property
    def content_width(self) -> float:
        return self.right - self.left

    @property
    def room(self) -> float:
        """Points left on this page above the bottom margin."""
        return self.y - self.bottom

    def centred_lines(self, text: str, size: float, *, smallest: float = 0) -> None:
        """`text` centred across the width, shrunk down to `smallest` and then wrapped
        so it never runs past the margins."""
        size = fit_size(text, self.font, size, self.content_width, smallest or size)
        self.c.setFont(self.font, size)
        for line in wrap(text, self.font, size, self.content_width):
            self.ensure(size * 1.3)
            self.c.drawCentredString(self.width / 2, self.y - size, line)
            self.y -= size * 1.3

    def heading(self, subtitle: str = "", *, size: float = 18) -> None:
        """The union's name (small), the title (large) and an optional subtitle line;
        all of them wrap within the margins however long the names are."""
        if self.union_name:
            self.centred_lines(self.union_name, 10.5, smallest=9)
            self.y -= 4
        self.centred_lines(self.title, size, smallest=max(12, size * 0.7))
        self.y -= 4
        if subtitle:
            self.paragraph(subtitle, size=10, leading=14)
            self.y -= 4

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = self.top
        if self.running_title:
            self._running_header()
        if self._repeat:
            self._draw_header(*self._repeat)
            if self._group:
                self._draw_group(self._group + CONTINUED, self._repeat[1], self._repeat[2])

    def section_break(self) -> None:
        """Start the next document in the same file (one ballot after another): a new
        page whose numbering starts again at 第 1 页."""
        self.c.showPage()
        self.c.start_section()
        self.page += 1
        self.y = self.top

    def _running_header(self) -> None:
        """Title left, union name right; a long union name gets its own line(s) rather
        than running into the title or off the page."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c, size = self.c, 9
        title = self.title
        title_w = stringWidth(title, self.font, size)
        union_w = stringWidth(self.union_name, self.font, size)
        if title_w + union_w + 2 * size <= self.content_width:
            c.setFont(self.font, size)
            c.drawString(self.left, self.y - size, title)
            if self.union_name:
                c.drawRightString(self.right, self.y - size, self.union_name)
            self.y -= 16
            return
        small = fit_size(title, self.font, size, self.content_width, 7)
        c.setFont(self.font, small)
        for line in wrap(title, self.font, small, self.content_width):
            c.drawString(self.left, self.y - small, line)
            self.y -= small * 1.3
        small = fit_size(self.union_name, self.font, size, self.content_width, 7)
        c.setFont(self.font, small)
        for line in wrap(self.union_name, self.font, small, self.content_width):
            c.drawRightString(self.right, self.y - small, line)
            self.y -= small * 1.3
        self.y -= 4

    def _fresh_page_room(self) -> float:
        """Points a new page offers below its running header (and table header)."""
        head = 16 if self.running_title else 0
        if self.running_title:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            if stringWidth(self.title + self.union_name, self.font, 9) + 18 > self.content_width:
                head = 40  # two or three small lines
        if self._repeat:
            head += self._repeat[3]
            if self._group:
                head += self._repeat[3]
        return self.top - head - self.bottom

    def _worth_splitting(self, height: float) -> bool:
        """A block that does not fit here is split rather than moved when it is tall
        (a third of a page) and a good part of this page is still free."""
        fresh = self._fresh_page_room()
        return height > fresh / 3 and self.room > fresh / 4

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` points still fit above the bottom margin."""
        if self.y - height < self.bottom:
            self.new_page()

    def keep_together(self, height: float) -> None:
        """Like ensure(): a block of `height` points (a total with its signatures) is
        moved whole to the next page rather than split."""
        self.ensure(height)

    def space(self, points: float) -> None:
        self.y -= points

    # -------------------------------------------------------------- text

    def paragraph(self, text: str, *, size: float = 10.5, indent: float = 0, leading: float | None = None, first_indent: bool = False, align: str = "left") -> None:
        """Wrapped text that flows across pages line by line (nothing is lost)."""
        leading = leading or size * 1.6
        prefix = "\u3000\u3000" if first_indent else ""
        for para in (text or "").split("\n"):
            for line in wrap(prefix + para, self.font, size, self.content_width - indent):
                self.ensure(leading)
                self.c.setFont(self.font, size)
                x = self.left + indent
                if align == "center":
                    self.c.drawCentredString(self.width / 2, self.y - size, line)
                else:
                    self.c.drawString(x, self.y - size, line)
                self.y -= leading

    def line_of_pairs(self, pairs: Sequence[tuple[str, str]], *, size: float = 10.5) -> None:
        """'label：value' pairs spread over one line (wrapping to more lines if needed)."""
        text = "    ".join(f"{k}：{v}" for k, v in pairs)
        self.paragraph(text, size=size)

    def signatures(self, labels: Sequence[str], *, size: float = 10.5, with_date: bool = True, gap: float = 14) -> None:
        """'label：______' for each label spread across the width, and a date line under each."""
        height = size * (4.2 if with_date else 2)
        self.ensure(height + gap)
        self.y -= gap
        slot = self.content_width / max(1, len(labels))
        self.c.setFont(self.font, size)
        for i, label in enumerate(labels):
            x = self.left + i * slot
            self.c.drawString(x, self.y - size, f"{label}：")
            from reportlab.pdfbase.pdfmetrics import stringWidth

            lx = x + stringWidth(f"{label}：", self.font, size)
            self.c.line(lx, self.y - size - 2, x + slot - 12, self.y - size - 2)
            if with_date:
                self.c.drawRightString(x + slot - 12, self.y - size * 3.2, "年      月      日")
        self.y -= height

    def seal_box(self, lines: Sequence[str], *, size: float = 10.5, leading: float = 1.7, align: str = "right") -> None:
        """Who issues the paper and when, beside a dashed box for the seal at the right: the
        lines (already wrapped) end at the box (align="right") or start at the margin ("left")."""
        box = 84
        self.ensure(max(box, len(lines) * size * leading) + 12)
        c = self.c
        top = self.y - 6
        x = self.right - box
        c.saveState()
        c.setDash(3, 3)
        c.rect(x, top - box, box, box)
        c.restoreState()
        c.setFont(self.font, 9)
        c.drawCentredString(x + box / 2, top - box / 2 - 3, "（盖章）")
        c.setFont(self.font, size)
        y = top - (24 if align == "right" else 18)
        for line in lines:
            if align == "right":
                c.drawRightString(x - 16, y - size, line)
            else:
                c.drawString(self.left, y - size, line)
            y -= size * leading
        self.y = min(y, top - box - 8)

    # -------------------------------------------------------------- grids

    def grid(self, rows: Sequence[Sequence[Cell]], widths: Sequence[float], *, size: float = 10.5, pad: float = 4) -> None:
        """A bordered label/value grid; each row's cells span columns of `widths`
        (relative); rows grow to fit wrapped text and move whole to the next page.
        A row taller than a page is split: it fills the page and goes on at the top
        of the next one, its label cells repeated with "（续）" — nothing is clipped."""
        total = sum(widths)
        scale = self.content_width / total
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w * scale)
        leading = size * 1.35
        for row in rows:
            laid = []
            col = 0
            row_h = leading + 2 * pad
            for cell in row:
                x0, x1 = xs[col], xs[min(col + cell.span, len(widths))]
                lines = wrap(cell.text, self.font, size, x1 - x0 - 2 * pad)
                row_h = max(row_h, len(lines) * leading + 2 * pad, cell.height)
                laid.append((cell, x0, x1, lines))
                col += cell.span
            if row_h <= self.room or (row_h <= self._fresh_page_room() and not self._worth_splitting(row_h)):
                self.ensure(row_h)
                self._grid_piece(laid, row_h, size, leading, pad)
                continue
            while True:  # taller than a page: fill this page, go on on the next
                need = max(max(len(lines) * leading + 2 * pad, cell.height if not cell.label else 0) for cell, _, _, lines in laid)
                if need <= self.room:
                    self._grid_piece(laid, max(need, leading + 2 * pad), size, leading, pad)
                    break
                n = int((self.room - 2 * pad) // leading)
                if n < 3:
                    self.new_page()
                    continue
                self._grid_piece([(cell, x0, x1, lines if cell.label else lines[:n]) for cell, x0, x1, lines in laid], self.room, size, leading, pad, top_align=True)
                laid = [
                    (cell, x0, x1, wrap(cell.text + CONTINUED, self.font, size, x1 - x0 - 2 * pad) if cell.label else lines[n:])
                    for cell, x0, x1, lines in laid
                ]
                self.new_page()

    def _grid_piece(self, laid, row_h: float, size: float, leading: float, pad: float, top_align: bool = False) -> None:
        c = self.c
        top = self.y
        cells = []
        for cell, x0, x1, lines in laid:
            if cell.label:
                c.setFillGray(0.93)
                c.rect(x0, top - row_h, x1 - x0, row_h, stroke=0, fill=1)
                c.setFillGray(0)
            c.rect(x0, top - row_h, x1 - x0, row_h, stroke=1, fill=0)
            block = len(lines) * leading
            centred = cell.label or (len(lines) <= 1 and not top_align)
            y = top - (row_h - block) / 2 - size if centred else top - pad - size
            for line in lines:
                cells.append((line, x0 + pad, x1 - pad, y, "center" if cell.label and cell.align == "left" else cell.align, size))
                y -= leading
        self._text_lines(cells)  # over the shading, as each cell's text was
        self.y = top - row_h

    def _draw_aligned(self, text: str, x0: float, x1: float, y: float, align: str) -> None:
        if align == "center":
            self.c.drawCentredString((x0 + x1) / 2, y, text)
        elif align == "right":
            self.c.drawRightString(x1, y, text)
        else:
            self.c.drawString(x0, y, text)

    def _width(self, text: str, size: float) -> float:
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            if len(self._widths) > 50_000:
                self._widths.clear()
            width = self._widths[key] = stringWidth(text, self.font, size)
        return width

    def _text_lines(self, cells) -> None:
        """Draw many lines as one PDF text object: (text, x0, x1, y, align, size) each.

        The same operators drawString writes (a text origin, then the text), without a text
        object, a font switch and a width measured again for every cell: a 100-page roster
        has 30,000 cells."""
        t = self.c.beginText()
        size = None
        for text, x0, x1, y, align, s in cells:
            if not text:
                continue
            if s != size:
                t.setFont(self.font, s, s * 1.2)
                size = s
            if align == "center":
                x = (x0 + x1 - self._width(text, s)) / 2
            elif align == "right":
                x = x1 - self._width(text, s)
            else:
                x = x0
            t.setTextOrigin(x, y)
            t.textLine(text)
        self.c.drawText(t)
        if size is not None:
            # The font a text object sets outlives it in the PDF: the canvas is told, as each
            # cell's c.setFont used to tell it, so what is drawn next is measured right.
            self.c.setFont(self.font, size)

    # -------------------------------------------------------------- ruled tables

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str] | GroupRow],
        *,
        size: float = 9,
        max_lines: int = 2,
        min_row_height: float = 0,
        pad: float = 3,
        progress=None,
        total: int = 0,
        min_size: float = 7,
    ) -> int:
        """A ruled table whose header repeats at the top of every page; returns the
        row count (GroupRow headings not counted).

        A cell wraps; past `max_lines` lines it shrinks its font (down to `min_size`)
        to fit, and if it still needs more lines the row grows. A row taller than a
        page continues on the next page. No text is ever cut.
        """
        scale = self.content_width / sum(col.width for col in columns)
        xs = [self.left]
        for col in columns:
            xs.append(xs[-1] + col.width * scale)
        leading = size * 1.3
        header_h = leading + 2 * pad + 2
        self._repeat = (columns, xs, size, header_h)
        self._group = None
        self.ensure(header_h + leading + 2 * pad)
        self._draw_header(columns, xs, size, header_h)
        self._section_top = self.y
        count = 0
        font = self.font
        for row in rows:
            if isinstance(row, GroupRow):
                self._group = None  # a group starting on a fresh page is not "continued"
                if self.room < 2 * header_h + leading + 2 * pad:
                    self._rule_columns(xs, self._section_top)
                    self.new_page()
                self._rule_columns(xs, self._section_top)
                self._draw_group(row.text, xs, size)
                self._group = row.text
                continue
            laid = []
            for i, text in enumerate(row):
                text = "" if text is None else str(text)
                inner = xs[i + 1] - xs[i] - 2 * pad
                if self._width(text, size) <= inner:
                    laid.append(([text], size))
                    continue
                lines = wrap(text, font, size, inner)
                shrunk = size
                while len(lines) > max_lines and shrunk - 0.5 >= min_size:
                    shrunk -= 0.5
                    lines = wrap(text, font, shrunk, inner)
                laid.append((lines, shrunk))
            row_h = max(max(len(lines) * s * 1.3 for lines, s in laid) + 2 * pad, min_row_height)
            if row_h > self.room:
                if row_h <= self._fresh_page_room() and not self._worth_splitting(row_h):
                    self._rule_columns(xs, self._section_top)
                    self.new_page()
                else:
                    laid = self._split_table_row(laid, xs, columns, pad)
                    row_h = max(max(len(lines) * s * 1.3 for lines, s in laid) + 2 * pad, min_row_height)
            self._table_piece(laid, xs, columns, row_h, pad)
            count += 1
            if progress is not None and count % 200 == 0:
                progress(count, total)
        self._rule_columns(xs, self._section_top)
        self._repeat = None
        self._group = None
        return count

    def _split_table_row(self, laid, xs, columns, pad: float):
        """Draw as much of a too-tall row as the pages allow; return the rest."""
        while True:
            if self.room < 3 * 9 + 2 * pad:
                self._rule_columns(xs, self._section_top)
                self.new_page()
            need = max(len(lines) * s * 1.3 for lines, s in laid) + 2 * pad
            if need <= self.room:
                return laid
            room = self.room - 2 * pad
            piece, rest = [], []
            for lines, s in laid:
                n = int(room // (s * 1.3))
                piece.append((lines[:n], s))
                rest.append((lines[n:], s))
            self._table_piece(piece, xs, columns, self.room, pad, top_align=True)
            self._rule_columns(xs, self._section_top)
            self.new_page()
            laid = rest

    def _table_piece(self, laid, xs, columns, row_h: float, pad: float, top_align: bool = False) -> None:
        c = self.c
        top = self.y
        cells = []
        for i, (lines, s) in enumerate(laid):
            block = len(lines) * s * 1.3
            y = top - pad - s * 1.05 if top_align else top - (row_h - block) / 2 - s * 1.05
            for line in lines:
                cells.append((line, xs[i] + pad, xs[i + 1] - pad, y, columns[i].align, s))
                y -= s * 1.3
        self._text_lines(cells)
        c.line(xs[0], top - row_h, xs[-1], top - row_h)
        self.y = top - row_h

    def _draw_group(self, text: str, xs: Sequence[float], size: float) -> None:
        """A shaded full-width group heading row; column rules restart below it."""
        c = self.c
        lines = wrap(text, self.font, size, xs[-1] - xs[0] - 8)
        h = len(lines) * size * 1.3 + 8
        top = self.y
        c.setFillGray(0.96)
        c.rect(xs[0], top - h, xs[-1] - xs[0], h, stroke=0, fill=1)
        c.setFillGray(0)
        c.rect(xs[0], top - h, xs[-1] - xs[0], h, stroke=1, fill=0)
        c.setFont(self.font, size)
        y = top - 4 - size
        for line in lines:
            c.drawString(xs[0] + 4, y, line)
            y -= size * 1.3
        self.y = top - h
        self._section_top = self.y

    def _rule_columns(self, xs: Sequence[float], section_top: float) -> None:
        # One vertical line per column and page, rather than one per cell.
        for x in xs:
            self.c.line(x, section_top, x, self.y)

    def _draw_header(self, columns, xs, size, header_h) -> None:
        c = self.c
        top = self.y
        c.setFillGray(0.9)
        c.rect(xs[0], top - header_h, xs[-1] - xs[0], header_h, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.font, size)
        for i, col in enumerate(columns):
            s = fit_size(col.title, self.font, size, xs[i + 1] - xs[i] - 4)
            c.setFont(self.font, s)
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - header_h / 2 - s * 0.35, col.title)
        c.rect(xs[0], top - header_h, xs[-1] - xs[0], header_h, stroke=1, fill=0)
        for x in xs[1:-1]:
            c.line(x, top, x, top - header_h)
        self.y = top - header_h
        self._section_top = self.y

    # -------------------------------------------------------------- saving

    def save(self) -> None:
        """Write the PDF: to a file object as is, to a path through a temporary file
        in the same folder and an atomic rename, so a failure leaves no half-written file."""
        self.c.showPage()  # the current page is kept until save() numbers them all
        self.c.save()
        data = self._buffer.getvalue()
        if hasattr(self._target, "write"):
            self._target.write(data)  # type: ignore[union-attr]
            return
        write_atomic(Path(self._target), data)  # type: ignore[arg-type]
