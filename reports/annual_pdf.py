"""The annual work report as a PDF through the form kit (the same draft as the .docx, to print or send as is)."""

from __future__ import annotations

from typing import Any, BinaryIO


def build_annual_pdf(report: Any, out: str | BinaryIO, *, font_path: str = "") -> None:
    from reports.kit import Form

    f = Form(out, title=report.title, font_path=font_path, margin_mm=25, author=report.union_name)  # the title names the union
    f.centred_lines(report.title, 18, smallest=13)
    f.space(10)
    for note in report.notes:
        f.paragraph(note, size=11, first_indent=True)
    f.paragraph(report.intro, size=12, leading=21, first_indent=True)
    for s in report.sections:
        f.keep_together(21 * 3)  # a heading is never left alone at the foot of a page
        f.space(4)
        f.paragraph(s.heading, size=12.5, leading=22, first_indent=True)
        for text in s.paragraphs:
            f.paragraph(text, size=12, leading=21, first_indent=True)
    f.space(21)
    f.keep_together(21 * 2)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text in (report.signature, report.dated):  # right-aligned, two characters in from the margin
        width = stringWidth(text, f.font, 12) + 24
        f.paragraph(text, size=12, leading=21, indent=max(0.0, f.content_width - width))
    f.save()
