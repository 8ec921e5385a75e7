"""The GUI, offscreen: window and pages, the members table, dialogs, wizard, settings, long tasks."""

from __future__ import annotations

import logging
import re
import sqlite3
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import dues, members, membership
from models.db import DatabaseError
from models.org import get_profile, save_profile
from models.tasks import Cancelled
from tests.conftest import make_id, member


@pytest.fixture
def app(qapp):
    from ui.app import make_app

    return make_app()


@pytest.fixture
def ctx(db, db_path):
    from ui.context import AppContext

    p = get_profile(db)
    p.union_name = "测试工会"
    save_profile(db, p)
    return AppContext(db, db_path)


@pytest.fixture
def filled(ctx):
    people = [("张伟", "生产部", True), ("曾志伟", "质检部", True), ("李娜", "质检部", False), ("王芳", "生产部", False)]
    for i, (name, dept, male) in enumerate(people):
        members.add_member(ctx.db, member(name=name, department=dept, id_number=make_id(f"198{i}0101", seq=i + 1, male=male), phone=f"1391234000{i}"))
    membership.record_event(ctx.db, 4, "retain", "2020-01-01")
    return ctx


def no_dialogs(monkeypatch):
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_main_window_navigation(app, qtbot, filled):
    from ui.main_window import PAGES, MainWindow

    w = MainWindow(filled)
    qtbot.addWidget(w)
    w.show()
    labels = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert labels == ["首页", "会员", "职代会", "厂务公开", "困难帮扶", "创新项目", "报表", "设置"] == [p.label for p in PAGES]
    home = w.pages["home"]
    qtbot.waitUntil(lambda: home.ready, timeout=5000)  # the figures come right after the window
    assert [(b.label, b.value) for b in home.charts["status"].data.bars] == [("在会", 3), ("保留会籍", 1)]
    page = w.go("members")
    assert page.model.rowCount() == 3  # 在会 by default
    assert w.go("congress").quorum.text()  # the congress page shows its figures
    assert w.go("aid").table.rowCount() == 0  # no files yet
    assert w.go("disclosure").register.rowCount() == 0  # no disclosures yet
    w.go("settings")
    assert w.stack.currentWidget().form.value("union_name") == "测试工会"


def test_members_table_search_filter_sort_mask(app, qtbot, filled):
    from ui.pages.members import MembersPage

    page = MembersPage(filled)
    qtbot.addWidget(page)
    model = page.model
    names = lambda: [model.data(model.index(r, 0)) for r in range(model.rowCount())]  # noqa: E731
    assert names() == ["李娜", "曾志伟", "张伟"]  # pinyin order: li, zeng, zhang
    id_col = page.keys.index("id_number")
    birth_col = page.keys.index("birth_date")
    assert "********" in model.data(model.index(0, id_col))
    # masked on screen means masked: the birth date column gives back only the year
    assert re.fullmatch(r"\d{4}年", model.data(model.index(0, birth_col)))
    page.full_id.setChecked(True)
    assert "********" not in model.data(model.index(0, id_col))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", model.data(model.index(0, birth_col)))
    assert model.data(model.index(0, page.keys.index("gender"))) == "女"
    page.search.setText("zzw")
    page.search.flush()
    assert names() == ["曾志伟"] and page.count.text() == "共 1 人"
    page.search.setText("")
    page.search.flush()
    page.status.setCurrentIndex(0)  # all statuses
    assert len(names()) == 4
    page.department.setCurrentIndex(page.department.findData("质检部"))
    assert sorted(names()) == sorted(["曾志伟", "李娜"])
    page.department.setCurrentIndex(0)
    page.table.sortByColumn(page.keys.index("birth_date"), Qt.SortOrder.DescendingOrder)
    assert names()[0] == "王芳"  # born 1983, the youngest


def test_member_dialog_error_beside_field_and_nothing_saved(app, qtbot, ctx):
    from ui.dialogs.member_dialog import MemberDialog

    d = MemberDialog(ctx.db)
    qtbot.addWidget(d)
    d.form.set_value("name", "张伟")
    d.form.set_value("id_number", "110105194912310021")
    d.form.set_value("join_date", "2010-05-01")
    d.save()
    assert d.form.errors["id_number"].text() == "校验位不正确，请核对号码"
    assert not d.form.errors["id_number"].isHidden()
    assert members.count_members(ctx.db) == 0
    d.form.set_value("id_number", make_id("19850314"))
    assert d.form.value("birth_date") == "1985-03-14" and d.form.value("gender") == "1"
    d.form.set_value("join_date", "2023-02-30")
    d.save()
    assert "不是存在的日期" in d.form.errors["join_date"].text()
    d.form.set_value("join_date", "2010-5-1")
    d.save()
    assert d.saved_id == 1 and members.get_member(ctx.db, 1).join_date == "2010-05-01"


def test_member_dialog_duplicate_and_warning(app, qtbot, filled, monkeypatch):
    from ui.dialogs.member_dialog import MemberDialog

    d = MemberDialog(filled.db)
    qtbot.addWidget(d)
    d.form.set_value("name", "张薇")
    d.form.set_value("id_number", make_id("19800101", seq=1))
    d.form.set_value("join_date", "2010-05-01")
    d.save()
    assert "张伟" in d.form.errors["id_number"].text()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    d.form.set_value("name", "张伟")
    d.form.set_value("id_number", make_id("19800101", seq=9))
    d.save()
    assert asked and "同名" in asked[0] and d.saved_id is None
    assert members.count_members(filled.db) == 4


def test_member_tabs_history_dues_audit(app, qtbot, filled, monkeypatch):
    from ui.dialogs.member_dialog import MemberDialog
    from ui.dialogs.member_tabs import EventDialog, PaymentDialog

    no_dialogs(monkeypatch)
    d = MemberDialog(filled.db, 1)
    qtbot.addWidget(d)
    event = EventDialog(filled.db, 1, membership.allowed_kinds(filled.db, 1), d)
    event.form.editors["kind"].setCurrentIndex(event.form.editors["kind"].findData("transfer_out"))
    event.form.set_value("date", "2024-01-01")
    event.save()
    assert "接收会籍的工会" in event.form.errors["other_union"].text() or event.result() == 0
    event.form.set_value("other_union", "市机械工会")
    event.save()
    d.history_tab.refresh()
    assert "已离会" in d.history_tab.status.text()
    pay = PaymentDialog(filled.db, 2, d)
    pay.form.set_value("first", "2026-01")
    pay.form.set_value("last", "2026-03")
    pay.form.editors["amount"].set_value(2500)
    pay.save()
    assert len(dues.payments(filled.db, 2)) == 3
    d.form.set_value("department", "设备部")
    d.save()
    d2 = MemberDialog(filled.db, 1)
    qtbot.addWidget(d2)
    texts = [d2.audit_tab.table.rows.text(r, 2) for r in range(d2.audit_tab.table.rowCount())]
    assert any("部门：生产部 → 设备部" in t for t in texts)


def test_settings_save_and_error(app, qtbot, ctx):
    from ui.pages.settings import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.form.set_value("credit_code", "91410100MA9GTK3X01")
    page.save()
    assert "校验位" in page.form.errors["credit_code"].text()
    assert get_profile(ctx.db).credit_code == ""
    page.form.set_value("credit_code", "")
    page.form.set_value("chair", "王建国")
    page.form.editors["min_living_fen"].set_value(93000)
    page.save()
    assert get_profile(ctx.db).chair == "王建国" and get_profile(ctx.db).min_living_fen == 93000


def test_import_wizard_dry_run_then_import(app, qtbot, ctx, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from ui.dialogs.import_wizard import ImportWizard

    no_dialogs(monkeypatch)
    wb = Workbook()
    for row in (["花名册"], ["姓名", "身份证号", "入会日期"], ["张伟", make_id(seq=1), "2010.5.1"], ["李娜", "110105194912310021", "2011-01-01"]):
        wb.active.append(row)
    wb.save(tmp_path / "r.xlsx")
    w = ImportWizard(ctx.db, ctx.db_path)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(tmp_path / "r.xlsx"))
    w.next()
    assert w.currentPage() is w.mapping_page
    w.next()
    assert w.currentPage() is w.check_page
    assert members.count_members(ctx.db) == 0
    assert w.check_page.table.rowCount() == 1 and "校验位" in w.check_page.table.rows.text(0, 2)
    assert "第 4 行" == w.check_page.table.rows.text(0, 0)
    w.next()
    assert w.currentPage() is w.done_page
    assert members.count_members(ctx.db) == 1 and "新增 1 人" in w.done_page.text.text()


def test_run_task_result_error_cancel(app, qtbot):
    import threading

    from ui.widgets.tasks import run_task

    assert run_task(None, "测试", lambda progress: threading.current_thread().name) != threading.main_thread().name
    with pytest.raises(ZeroDivisionError):
        run_task(None, "测试", lambda progress: 1 / 0)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    from ui.widgets.tasks import ProgressWindow

    reached = []

    def long_work(progress):
        import time

        for i in range(3000):
            progress(i, 3000)
            reached.append(i)
            time.sleep(0.002)
        return "finished"

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressWindow) and w.isVisible()]
        if dialogs:
            dialogs[0].findChild(QPushButton).click()  # the 取消 button, as the chair would
        else:
            QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(50, press_cancel)
    with pytest.raises(Cancelled):
        run_task(None, "测试", long_work, delay_ms=0)
    assert len(reached) < 3000  # the work stopped at the next progress call


def test_exception_hook_logs_and_tells(app, tmp_path, monkeypatch):
    from ui import app as app_module

    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "exec", lambda self: shown.append(self.text()))
    old_hook = sys.excepthook
    try:
        log_file = app_module.install_exception_hook(tmp_path / "logs")
        try:
            raise RuntimeError("测试异常")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        for handler in logging.getLogger("union_ledger").handlers:
            handler.flush()
        assert "测试异常" in log_file.read_text(encoding="utf-8")
        assert shown and "意外错误" in shown[0]
    finally:
        sys.excepthook = old_hook


def test_second_instance_refused(app, tmp_path, db_path):
    from ui.app import instance_lock

    first = instance_lock(db_path, tmp_path / "locks")
    assert first is not None
    assert instance_lock(db_path, tmp_path / "locks") is None
    first.unlock()
    assert instance_lock(db_path, tmp_path / "locks") is not None


def test_run_gui_refuses_a_foreign_file(app, tmp_path, monkeypatch):
    from ui import app as app_module

    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    told = []

    def way_out(parent, exc, p):  # the chair reads the refusal and quits
        told.append(str(exc))
        return "quit"

    monkeypatch.setattr("ui.opening.ask_way_out", way_out)
    monkeypatch.setattr("models.paths.data_dir", lambda: tmp_path)
    monkeypatch.setattr("models.paths.log_dir", lambda: tmp_path / "logs")
    assert app_module.run_gui(path) == 2
    assert told and "其他程序" in told[0]
    assert isinstance(DatabaseError("x"), Exception)


def test_qt_dialogs_in_chinese_and_cjk_font(app):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFontDatabase

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    from ui.app import CJK_FAMILIES

    if any(f in QFontDatabase.families() for f in CJK_FAMILIES):
        assert app.font().family() in CJK_FAMILIES
    assert app.font().pointSizeF() >= 10.5


def test_print_builds_pdf_and_preview(app, qtbot, filled):
    from pypdf import PdfReader

    from models.member_list import MemberFilter
    from ui.widgets.printing import PdfPreview, build_pdf

    path = build_pdf(None, filled, "roster", None, filter=MemberFilter(status="active"), mask_id=True)
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "共 3 人" in text and "测试工会" in text
    preview = PdfPreview(path, "会员花名册", "会员花名册.pdf")
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1
    # Its 打印/关闭 buttons stay on the screen: never taller than the room the screen has.
    room = preview.screen().availableGeometry()
    assert preview.height() <= room.height() - 60 and preview.width() <= room.width() - 40
    assert build_pdf(None, filled, "member-form", 1) is not None


def test_members_table_reads_the_rest_after_first_paint(app, qtbot, ctx):
    from ui.pages import members as members_page

    for i in range(40):
        members.add_member(ctx.db, member(name=f"会员{i:02d}", id_number=make_id(seq=i + 1)))
    old = members_page.FIRST_ROWS
    members_page.FIRST_ROWS = 10
    try:
        page = members_page.MembersPage(ctx)
        qtbot.addWidget(page)
        assert page.model.rowCount() == 10
        qtbot.waitUntil(lambda: page.model.rowCount() == 40)
        assert page.count.text() == "共 40 人"
    finally:
        members_page.FIRST_ROWS = old


def test_preview_closes_its_document_and_drops_its_printer(app, qtbot, filled):
    """Closing the preview closes the QPdfDocument (before the view and its render thread
    go) and frees the QPrinter then, not whenever Python gets round to it."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from models.member_list import MemberFilter
    from ui.widgets.printing import PdfPreview, build_pdf

    path = build_pdf(None, filled, "roster", None, filter=MemberFilter(status="active"), mask_id=True)
    preview = PdfPreview(path, "会员花名册", "会员花名册.pdf")
    qtbot.addWidget(preview)
    preview.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    assert preview.document.status() == QPdfDocument.Status.Ready
    preview.reject()
    assert preview.document.status() == QPdfDocument.Status.Null and preview.printer is None


def test_new_member_dialog_starts_typing_in_the_name(app, qtbot, ctx):
    from ui.dialogs.member_dialog import MemberDialog

    d = MemberDialog(ctx.db)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: d.focusWidget() is not None)
    assert d.focusWidget() is d.form.editors["name"]


def test_a_search_that_finds_nobody_in_the_status_says_where_the_member_is(app, qtbot, filled):
    from ui.pages.members import MembersPage

    page = MembersPage(filled)  # 在会 by default; 王芳 is 保留会籍
    qtbot.addWidget(page)
    page.search.setText("王芳")
    page.search.flush()
    qtbot.waitUntil(lambda: "保留会籍 1 人" in page.count.text())
    assert "“在会”中没有" in page.count.text() and not page.all_statuses.isHidden()
    page.all_statuses.click()
    assert page.model.rowCount() == 1 and page.count.text() == "共 1 人" and page.all_statuses.isHidden()
    status_col = page.keys.index("status")
    assert page.model.data(page.model.index(0, status_col)) == "保留会籍"  # the status is shown
    page.search.setText("没有这个人")
    page.search.flush()
    qtbot.waitUntil(lambda: page.count.text() == "共 0 人")


def test_save_and_add_opens_the_next_blank_form(app, qtbot, filled, monkeypatch):
    from ui.pages import members as members_page

    page = members_page.MembersPage(filled)
    qtbot.addWidget(page)
    opened: list = []

    def fake_run_modal(dialog):
        opened.append(dialog)
        if len(opened) == 1:
            dialog.form.set_value("name", "赵新")
            dialog.form.set_value("id_number", make_id("19900101", seq=77, male=True))
            dialog.form.set_value("join_date", "2020-05-01")
            dialog.save_and_add()
            return dialog.result()
        assert dialog.form.value("name") == ""  # a blank form, not the last one's values
        return 0

    monkeypatch.setattr(members_page, "run_modal", fake_run_modal)
    before = members.count_members(filled.db)
    page.new_record()
    assert len(opened) == 2 and members.count_members(filled.db) == before + 1
    for d in opened:
        d.deleteLater()
