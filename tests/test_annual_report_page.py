"""The 报表 page's 年度工作总结… (the docx saved through the task runner) and 打印… (the filing in the print preview)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtWidgets import QMessageBox

from models import clock
from models.members import add_member
from models.org import get_profile, save_profile, save_workforce
from tests.conftest import make_id, member
from tests.pdf_check import pages_text, squeeze


@pytest.fixture(autouse=True)
def _january_2026():
    with clock.frozen("2026-01-10T09:00:00"):
        yield


@pytest.fixture
def page(qapp, qtbot, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext
    from ui.pages.filing import FilingPage

    make_app()
    p = get_profile(db)
    p.union_name = "测试工会"
    save_profile(db, p, year=2025)
    save_workforce(db, 2025, workers_total=5, workers_female=2)
    for seq, (name, male) in enumerate((("王芳", False), ("李强", True), ("赵刚", True)), 1):
        add_member(db, member(name, id_number=make_id(seq=seq, male=male), join_date="2020-01-01"))
    w = FilingPage(AppContext(db, db_path, news=False))
    qtbot.addWidget(w)
    w.show()
    return w


def test_annual_report_button_saves_the_docx(page, monkeypatch, tmp_path):
    from ui.pages import filing as filing_page
    from ui.widgets import printing

    offered: list[str] = []
    out = tmp_path / "总结.docx"

    def save_name(parent, caption, suggested, filters):
        offered.append(suggested)
        return str(out), ""

    monkeypatch.setattr(filing_page, "get_save_file_name", save_name)
    saved: list[Path] = []
    monkeypatch.setattr(printing, "confirm_saved", lambda parent, target: saved.append(target))
    page.report_button.click()
    assert Path(offered[0]).name == "2025年度工会工作总结.docx"
    assert saved == [out]
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert text.startswith("测试工会2025年度工作总结") and "本会共有在会会员3人，其中女会员1人" in text


def test_annual_report_failure_is_said(page, monkeypatch, tmp_path):
    from ui.pages import filing as filing_page

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: said.append(text) or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(filing_page, "get_save_file_name", lambda *a, **k: (str(tmp_path / "总结.doc"), ""))
    page.report_button.click()
    assert said and ".docx 或 .pdf" in said[0] and not (tmp_path / "总结.doc").exists()


def test_print_shows_the_filing_in_the_preview(page, monkeypatch):
    from ui.widgets import printing

    seen: dict = {}

    def exec_(self):
        seen["title"] = self.windowTitle()
        seen["suggested"] = self.suggested
        seen["text"] = squeeze("".join(pages_text(self.path)))
        return 0

    monkeypatch.setattr(printing.PdfPreview, "exec", exec_)
    page.print_button.click()
    assert seen["title"] == "打印预览 — 基层工会统计年报" and seen["suggested"] == "2025年度基层工会统计年报.pdf"
    assert "基层工会统计年报（2025年度）" in seen["text"] and "会员人数人3" in seen["text"]
