"""The import wizard's check page shows what an update changes and what was guessed; its
last page offers only what works there (the bad rows are saved from a button on it)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from shiboken6 import Shiboken

from models.member_import import apply_import, plan_import
from tests.conftest import make_id
from tests.test_import_wizard import ctx  # noqa: F401 - the fixture


def xlsx(path, rows):
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def test_check_page_lists_changes_and_notes_and_last_page_saves_bad_rows(ctx, qtbot, tmp_path, monkeypatch):  # noqa: F811
    from ui.dialogs.import_wizard import ImportWizard

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    first = xlsx(tmp_path / "a.xlsx", [["姓名", "身份证号", "入会时间", "部门"], ["张伟", make_id("19850314"), "2012-07-01", "质检部"]])
    apply_import(ctx.db, plan_import(ctx.db, first))
    second = xlsx(
        tmp_path / "b.xlsx",
        [
            ["姓名", "身份证号", "入会时间", "部门"],
            ["张伟", make_id("19850314"), "", "设备部"],
            ["李娜", make_id("19900807", seq=2, male=False), "2013.03", "质检部"],
            ["?祥", make_id("19910807", seq=3), "2013-03-01", "质检部"],
        ],
    )
    saved: list[str] = []
    out = tmp_path / "错误行.xlsx"
    monkeypatch.setattr("ui.dialogs.import_wizard.get_save_file_name", lambda *a, **k: (saved.append(a[1]) or str(out), ""))
    w = ImportWizard(ctx.db, ctx.db_path)
    try:
        w.show()
        w.file_page.path.setText(str(second))
        w.next()
        w.next()
        page = w.check_page
        assert w.currentPage() is page
        assert [page.changes.rows.text(0, c) for c in range(5)] == ["第 2 行", "张伟", "部门", "质检部", "设备部"]
        assert page.notes.rows.text(0, 0) == "第 3 行" and "按当月1日记" in page.notes.rows.text(0, 2)
        assert page.table.rows.text(0, 1) == "姓名"
        assert "将更新的内容（1 人" in page.tabs.tabText(1)
        w.next()
        assert w.currentPage() is w.done_page
        assert "上一步" not in w.done_page.text.text()
        assert not w.button(QWizard.WizardButton.BackButton).isEnabled()
        assert not w.button(QWizard.WizardButton.CancelButton).isVisible()
        assert w.done_page.save_errors.isVisibleTo(w.done_page)
        w.done_page.save_errors.click()
        assert out.is_file() and saved
    finally:
        # Deleted now, not by the cyclic GC (wizard -> page -> wizard) in the middle of a
        # later test's Qt call: see tests/test_qt_refcounts.delete_now.
        w.close()
        Shiboken.delete(w)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
