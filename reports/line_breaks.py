"""Chinese line breaking for the form kit: where a line may break, how a text wraps
to a width and how far a single line shrinks to fit. Plain functions over reportlab's
font metrics; reports.kit re-exports them."""

from __future__ import annotations

NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—·,.;:!?)]}％%～")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
BRACKETS = {"（": "）", "《": "》", "「": "」", "『": "』", "【": "】", "〔": "〕", "〈": "〉", "(": ")", "[": "]"}


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` that fit `width`, Chinese-style: break between any two
    characters, keep runs of Latin letters and digits together when they fit, keep
    a bracket pair such as （提案委员会） on one line when it fits on a line, and
    move a character down so no line starts with closing punctuation."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for para in (text or "").replace("\r\n", "\n").split("\n"):
        if stringWidth(para, font, size) <= width:
            lines.append(para)
            continue
        start = 0
        n = len(para)
        while start < n:
            end = start
            used = 0.0
            while end < n:
                w = stringWidth(para[end], font, size)
                if used + w > width and end > start:
                    break
                used += w
                end += 1
            if end < n:
                end = _adjust_break(para, start, end)
                end = _keep_brackets(para, start, end, font, size, width)
            lines.append(para[start:end])
            start = end
    return lines


def _adjust_break(para: str, start: int, end: int) -> int:
    cut = end
    # Keep a Latin word or number whole if it started on this line.
    if para[cut].isascii() and para[cut].isalnum() and para[cut - 1].isascii() and para[cut - 1].isalnum():
        k = cut
        while k > start and para[k - 1].isascii() and para[k - 1].isalnum():
            k -= 1
        if k > start:
            cut = k
    # Closing punctuation may not start the next line; opening may not end this one.
    while cut - 1 > start and (para[cut] in NO_LINE_START if cut < len(para) else False):
        cut -= 1
    while cut - 1 > start and para[cut - 1] in NO_LINE_END:
        cut -= 1
    return cut


def _keep_brackets(para: str, start: int, cut: int, font: str, size: float, width: float) -> int:
    """Move the break before an opening bracket whose pair would be split by `cut`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    k = cut - 1
    while k > start:
        ch = para[k]
        if ch in BRACKETS.values():
            return cut  # the last pair on this line is closed
        if ch in BRACKETS:
            close = para.find(BRACKETS[ch], cut)
            if close != -1 and stringWidth(para[k:close + 1], font, size) <= width:
                return k
            return cut
        k -= 1
    return cut


def fit_size(text: str, font: str, size: float, width: float, smallest: float = 6.0) -> float:
    """The largest size ≤ `size` at which a single line fits `width`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = stringWidth(text, font, size)
    if w <= width or not text:
        return size
    return max(smallest, size * width / w)
