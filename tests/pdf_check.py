"""Reading a PDF back for the paper tests: text, lost characters, page numbers, fonts."""

from __future__ import annotations

import re
from collections import Counter

from pypdf import PdfReader


def pages_text(path_or_file) -> list[str]:
    return [page.extract_text() for page in PdfReader(path_or_file).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lost_characters(source: str, pdf_pages: list[str]) -> Counter:
    """Characters of `source` (whitespace aside) the PDF holds fewer times than the source:
    empty when nothing was lost."""
    have = Counter(squeeze("".join(pdf_pages)))
    need = Counter(squeeze(source))
    return Counter({ch: n - have[ch] for ch, n in need.items() if have[ch] < n})


def assert_pages_numbered(pdf_pages: list[str]) -> None:
    n = len(pdf_pages)
    if n == 1:
        return
    for number, text in enumerate(pdf_pages, start=1):
        assert f"第{number}页共{n}页" in squeeze(text), (number, n)


def font_problems(path_or_file) -> list[str]:
    """Fonts a PDF refers to without embedding them (and any Helvetica at all)."""
    problems = []
    for page in PdfReader(path_or_file).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font.get("/BaseFont"))
            if "Helvetica" in base:
                problems.append(base)
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(base)
    return sorted(set(problems))
