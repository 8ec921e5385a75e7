"""表决票 and 选票: one ballot per delegate, every item of the meeting. A ballot holding an
item put to a secret vote (无记名投票) says so and is numbered No. 001 … (the count of
ballots issued and returned is checked against it); an open ballot carries no number.

A ballot that fits on a page is packed several to a sheet with cut lines; one that
does not (40 items) runs on over as many pages as it needs, each page saying whose
ballot it is and "第 x 页 共 y 页" of that ballot, the table header repeated, so
nothing runs off the bottom. An election is a real 选票: its candidates with a mark
box, 应选 N 人, a line per seat for 另选他人, and "多选无效". Every ballot ends with
the instructions, the issuer (the presidium), a seal box and the date.

Drawn straight on the kit's canvas (the kit has no block-flow with a repeated
header per ballot); text wraps with the kit's wrap(), so no character is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Callable

from reports.kit import MM, Form, cn_date, wrap

BALLOT_RULE = "说明：请在每个表决事项后相应的栏内划“√”，每项只能划一个“√”；多划、不划或划其他符号的，该项视为弃权。"
SIZE = 10.5
LEAD = 13.0
ROW = 17.0
GAP = 22.0  # between ballots packed on one sheet (the cut line runs in it)


def election_rule(seats: int | None) -> str:
    n = f"{seats} " if seats else "＿＿"
    return (
        f"说明：本项应选 {n}人。同意的在划票栏内划“○”，不同意的划“×”，弃权的不划；另选他人的，"
        "在“另选他人”栏写上其姓名并划“○”。划“○”的人数（含另选他人）多于应选人数的，此票无效（多选无效）。"
    )


@dataclass
class Block:
    """A strip of the ballot, full width: its height and how to draw it at a given top."""

    height: float
    draw: Callable[[float], None]
    header_of: int | None = None  # a section's table header (repeated after a page break)
    section: int | None = None  # the section whose rows this block belongs to
    keep_with_next: bool = False


@dataclass
class _Placed:
    page: int
    y: float  # offset from the ballot's top on its page
    block: Block


@dataclass
class _Layout:
    placed: list[_Placed] = field(default_factory=list)
    pages: int = 1
    height: float = 0  # of a one-page ballot


def build_ballots(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title=f"{data['title']}表决票", union_name=data["org"].union_name, font_path=font_path,
             page_numbers=False, running_title=False, margin_mm=10)
    Ballots(f, data).draw_all()
    f.save()


class Ballots:
    def __init__(self, f: Form, data: dict) -> None:
        self.f, self.c, self.font = f, f.c, f.font
        self.data = data
        self.w = f.content_width
        self.x0, self.x1 = f.left, f.right
        self.union = data["org"].union_name or ""
        self.serial = 0  # the ballot being drawn (No.)
        # Serial numbers only on a secret ballot: they count the ballots issued and returned.
        self.numbered = any(it.get("secret") for it in data["items"])

    # ------------------------------------------------------------ blocks of one ballot

    def blocks(self) -> list[Block]:
        out: list[Block] = [self._head()]
        items = self.data["items"]
        plain = [it for it in items if it.get("kind", "resolution") != "election" and not it.get("candidates")]
        elections = [it for it in items if it not in plain]
        section = 0
        if plain:
            out += self._resolution_section(plain, section)
            out += self._text(BALLOT_RULE, 8.5)
            section += 1
        for it in elections:
            out += self._election_section(it, section)
            section += 1
        out.append(self._issuer())
        return out

    def _text(self, text: str, size: float, *, indent: float = 0) -> list[Block]:
        lead = size * 1.3
        blocks = []
        for line in wrap(text, self.font, size, self.w - indent):
            def draw(top: float, line: str = line) -> None:
                self.c.setFont(self.font, size)
                self.c.drawString(self.x0 + indent, top - size - 2, line)
            blocks.append(Block(lead, draw))
        if blocks:
            blocks[0].height += 3
            first = blocks[0].draw
            blocks[0].draw = lambda top, first=first: first(top - 3)
        return blocks

    def _head(self) -> Block:
        c, font = self.c, self.font
        title = self.data["title"]
        lines = wrap(self.union, font, 9, self.w - 80) if self.union else []
        h = len(lines) * 11 + 42

        def draw(top: float) -> None:
            y = top
            c.setFont(font, 9)
            for line in lines:
                c.drawCentredString(self.f.width / 2, y - 9, line)
                y -= 11
            c.setFont(font, 13)
            c.drawCentredString(self.f.width / 2, y - 15, title)
            c.setFont(font, 16)
            only_elections = all(it.get("kind") == "election" or it.get("candidates") for it in self.data["items"])
            c.drawCentredString(self.f.width / 2, y - 36, "选      票" if only_elections else "表  决  票")
            if self.numbered:
                c.setFont(font, 9)
                c.drawRightString(self.x1, y - 36, f"No. {self.serial:03d}")
                if all(it.get("secret") for it in self.data["items"]):  # else each secret item says so itself
                    c.drawString(self.x0, y - 36, "无记名投票")
        return Block(h, draw)

    def _header_row(self, xs: list[float], heads: tuple[str, ...], section: int) -> Block:
        c, font = self.c, self.font

        def draw(top: float) -> None:
            c.setFillGray(0.92)
            c.rect(xs[0], top - 20, xs[-1] - xs[0], 20, stroke=0, fill=1)
            c.setFillGray(0)
            c.setFont(font, SIZE)
            for j, head in enumerate(heads):
                c.drawCentredString((xs[j] + xs[j + 1]) / 2, top - 14, head)
            c.rect(xs[0], top - 20, xs[-1] - xs[0], 20)
            for x in xs[1:-1]:
                c.line(x, top, x, top - 20)
        return Block(20, draw, header_of=section, keep_with_next=True)

    def _row(self, xs: list[float], text: str, section: int, *, text_col: int = 0, lead_cells: tuple[str, ...] = ()) -> list[Block]:
        """One table row; text too tall for a page becomes several rows (the later ones marked 续)."""
        c, font = self.c, self.font
        lines = wrap(text, font, SIZE, xs[text_col + 1] - xs[text_col] - 8) or [""]
        per = 40  # lines per row piece: well under a page
        pieces = [lines[k:k + per] for k in range(0, len(lines), per)]
        out = []
        for n, piece in enumerate(pieces):
            h = max(ROW, len(piece) * LEAD + 5)
            first = n == 0

            def draw(top: float, piece=piece, h=h, first=first) -> None:
                c.rect(xs[0], top - h, xs[-1] - xs[0], h)
                for x in xs[1:-1]:
                    c.line(x, top, x, top - h)
                c.setFont(font, SIZE)
                if first:
                    for j, cell in enumerate(lead_cells):
                        c.drawCentredString((xs[j] + xs[j + 1]) / 2, top - h / 2 - 4, cell)
                ty = top - (h - len(piece) * LEAD) / 2 - 10
                for line in piece:
                    c.drawString(xs[text_col] + 4, ty, line)
                    ty -= LEAD
            out.append(Block(h, draw, section=section))
        return out

    def _resolution_section(self, items: list[dict], section: int) -> list[Block]:
        heads = ("表决事项", "同意", "不同意", "弃权")
        xs = [self.x0, self.x0 + self.w * 0.55]
        step = (self.x1 - xs[1]) / 3
        xs += [xs[1] + step, xs[1] + 2 * step, self.x1]
        out = [self._header_row(xs, heads, section)]
        for n, it in enumerate(items, start=1):
            out += self._row(xs, f"{n}. {it['title']}" + ("（无记名投票）" if it.get("secret") else ""), section)
        return out

    def _election_section(self, it: dict, section: int) -> list[Block]:
        c, font = self.c, self.font
        seats = it.get("seats")
        caption = f"选  票：{it['title']}（应选 {seats} 人）" if seats else f"选  票：{it['title']}"
        if it.get("secret"):
            caption += "（无记名投票）"
        out: list[Block] = []
        for k, line in enumerate(wrap(caption, font, 11.5, self.w)):
            def draw(top: float, line=line) -> None:
                c.setFont(font, 11.5)
                c.drawString(self.x0, top - 14, line)
            out.append(Block(19 if k == 0 else 15, draw, keep_with_next=True))
        heads = ("序号", "候选人姓名", "划票栏")
        xs = [self.x0, self.x0 + self.w * 0.12, self.x0 + self.w * 0.7, self.x1]
        out.append(self._header_row(xs, heads, section))
        for n, name in enumerate(it.get("candidates", []), start=1):
            out += self._row(xs, name, section, text_col=1, lead_cells=(str(n),))
        for k in range(max(1, seats or 1)):
            out += self._row(xs, "", section, text_col=1, lead_cells=("另选他人",))
        out += self._text(election_rule(seats), 8.5)
        return out

    def _issuer(self) -> Block:
        c, font = self.c, self.font
        term = self.data.get("term") or ""
        issuer = f"发票单位：{term}主席团" if term else "发票单位：职工代表大会主席团"
        date = cn_date(self.data.get("date", ""))
        lines = wrap(issuer, font, 10, self.w - 160)
        h = max(44, len(lines) * 13 + 10)

        def draw(top: float) -> None:
            c.setFont(font, 10)
            y = top - 16
            for line in lines:
                c.drawString(self.x0, y, line)
                y -= 13
            box = 34
            bx = self.x1 - 150
            c.setDash(2, 2)
            c.rect(bx, top - 6 - box, box, box)
            c.setDash()
            c.setFont(font, 7.5)
            c.drawCentredString(bx + box / 2, top - 6 - box / 2 - 3, "（盖章）")
            c.setFont(font, 10)
            c.drawRightString(self.x1, top - 16, date)
        return Block(h, draw)

    # ------------------------------------------------------------ laying out and drawing

    def layout(self, blocks: list[Block], page_h: float, cont_h: float) -> _Layout:
        """Place blocks page by page; after a break a continuation line and the section's header."""
        lay = _Layout()
        headers = {b.header_of: b for b in blocks if b.header_of is not None}
        page, y = 0, 0.0
        i = 0
        while i < len(blocks):
            b = blocks[i]
            need = b.height
            j = i
            while blocks[j].keep_with_next and j + 1 < len(blocks):
                j += 1
                need += blocks[j].height
            if y + need > page_h and y > cont_h + 0.1:
                page += 1
                y = cont_h
                if b.section is not None and b.section in headers:
                    lay.placed.append(_Placed(page, y, headers[b.section]))
                    y += headers[b.section].height
            lay.placed.append(_Placed(page, y, b))
            y += b.height
            i += 1
        lay.pages = page + 1
        lay.height = y if page == 0 else page_h
        return lay

    def draw_all(self) -> None:
        f, c = self.f, self.c
        footer = 8 * MM  # room for the ballot's own page line when it runs on
        page_h = f.top - f.bottom
        blocks = self.blocks()
        single = self.layout(blocks, float("inf"), 0)
        count = max(1, self.data["copies"])
        if single.height <= page_h:
            per_page = max(1, int((page_h + GAP) // (single.height + GAP)))
            for i in range(count):
                self.serial = i + 1
                if i and i % per_page == 0:
                    f.section_break()  # each sheet is cut and handed out alone: no 第x页共y页 of the pile
                top = f.top - (i % per_page) * (single.height + GAP)
                if i % per_page:
                    c.setDash(4, 3)
                    c.line(f.left - 5 * MM, top + GAP / 2, f.right + 5 * MM, top + GAP / 2)
                    c.setDash()
                    c.setFont(self.font, 7)
                    c.drawString(f.left - 5 * MM, top + GAP / 2 + 2, "（沿虚线剪开）")
                for p in single.placed:
                    p.block.draw(top - p.y)
            return
        cont_h = 22.0
        lay = self.layout(blocks, page_h - footer, cont_h)
        for i in range(count):
            self.serial = i + 1
            for page in range(lay.pages):
                if page:
                    f.new_page()
                elif i:
                    f.section_break()  # each ballot numbers its own pages
                if page:
                    c.setFont(self.font, 9)
                    c.drawString(f.left, f.top - 11, f"{self.data['title']}表决票（续）")
                    if self.numbered:
                        c.drawRightString(f.right, f.top - 11, f"No. {self.serial:03d}")
                for p in lay.placed:
                    if p.page == page:
                        p.block.draw(f.top - p.y)
                c.setFont(self.font, 9)
                number = f"No. {self.serial:03d}    " if self.numbered else ""
                c.drawCentredString(f.width / 2, f.bottom + 4, f"{number}第 {page + 1} 页 共 {lay.pages} 页")
