"""The annual work report as a .docx (python-docx) for the chair to edit in WPS or Word.

Laid out as an official document (GB/T 9704 style): A4, margins 37/35/28/26 mm, the
title in 宋体 bold 二号, headings in 黑体 三号, the text in 仿宋 三号 with a two-character
first-line indent and a fixed 28-point line, page numbers "— 1 —" centred in the footer.
Chinese text only takes the East Asian font from w:rFonts/@w:eastAsia, which
python-docx's Font.name does not set (it sets ascii/hAnsi): _east_asian() writes it,
and drops the theme font attributes of the built-in heading style, which would
otherwise pick the theme's font for Chinese characters. Plain data in, file out.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reports.saving import write_atomic

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
LINE_PT = 28


def _east_asian(element: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set the fonts of a style's or run's rPr: Latin for ascii/hAnsi, `east_asian` for Chinese."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _chinese(element: Any) -> None:
    """Mark the text as Simplified Chinese (w:lang/@w:eastAsia), so Word and WPS break lines and
    space punctuation by the Chinese rules and check it with the Chinese dictionary."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc: Any, name: str, font: str, size: float, *, bold: bool = False) -> Any:
    from docx.shared import Pt, RGBColor

    style = doc.styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(style.element, font)
    return style


def _page_number_footer(section: Any) -> None:
    """— PAGE — centred: a PAGE field Word and WPS fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "") -> Any:
        r = p.add_run(text)
        r.font.size = Pt(14)
        _east_asian(r._element, TITLE_FONT)
        return r

    run("— ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._element.append(instr)
        elif kind == "text":
            r.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._element.append(fld)
    run(" —")


def build_document(report: Any) -> Any:
    """A python-docx Document of the report (models.annual_report.AnnualReport)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    normal = _style(doc, "Normal", BODY_FONT, BODY_PT)
    _chinese(normal.element)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    heading = _style(doc, "Heading 1", HEADING_FONT, BODY_PT)
    heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.line_spacing = Pt(LINE_PT)
    heading.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.union_name
    doc.core_properties.comments = "工会台账生成的初稿，请核对后修改"

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(LINE_PT)
    run = title.add_run(report.title)
    run.font.size, run.font.bold = Pt(TITLE_PT), True
    _east_asian(run._element, TITLE_FONT)

    def body(text: str) -> None:
        p = doc.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)

    for note in report.notes:
        body(note)
    body(report.intro)
    for s in report.sections:
        doc.add_paragraph(s.heading, style="Heading 1")
        for text in s.paragraphs:
            body(text)
    doc.add_paragraph()
    for text in (report.signature, report.dated):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(BODY_PT * 2)
    _page_number_footer(section)
    return doc


def write_annual_docx(report: Any, out: str | Path) -> Path:
    """Write the .docx whole or not at all (a file open in WPS, a full disk: SaveError in Chinese)."""
    buffer = io.BytesIO()
    build_document(report).save(buffer)
    write_atomic(Path(out), buffer.getvalue())
    return Path(out)
