"""The 厂务公开 page and item window offscreen: markers, filters, the unsaved prompt, attachments,
the change log and the feedback dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models import clock
from models import disclosure as dc
from models import disclosure_files as files
from models.demo_disclosure import fill_disclosure
from tests.test_disclosure import dump

TODAY = "2026-12-04T10:00:00"


@pytest.fixture
def frozen():
    with clock.frozen(TODAY):
        yield


@pytest.fixture
def ctx(qapp, db, db_path, frozen):
    from ui.app import make_app
    from ui.context import AppContext

    make_app()
    fill_disclosure(db, seed=5)
    return AppContext(db, db_path, news=False)


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    from ui.widgets import unsaved

    class Asked(list):
        answer = unsaved.CANCEL

    questions = Asked()
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda parent, what="": questions.append(what) or questions.answer)
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    return questions


def test_the_page_marks_due_and_overdue_and_filters(ctx, qtbot):
    from ui.pages.disclosure import DisclosurePage

    page = DisclosurePage(ctx)
    qtbot.addWidget(page)
    assert page.register.rowCount() == len(dc.register(ctx.db, 2026, include_void=True)) > 20
    due = [page.due.rows.text(r, 0) for r in range(page.due.rowCount())]
    assert "▲ 已逾期" in due and "● 应公开" in due
    assert "已逾期 1 项" in page.summary.text() and page.tabs.tabText(1).startswith("应公开/逾期（")
    marks = {page.register.rows.text(r, 1) for r in range(page.register.rowCount())}
    assert "按时" in marks and "● 应公开" in marks  # the matter that arose this week, not disclosed yet
    everything = page.register.rowCount()
    page.channel.setCurrentIndex(page.channel.findData("congress"))
    assert 0 < page.register.rowCount() < everything
    assert all("职工代表大会" in page.register.rows.text(r, 5) for r in range(page.register.rowCount()))
    page.channel.setCurrentIndex(0)
    page.category.setCurrentIndex(page.category.findData("leadership"))
    assert 0 < page.register.rowCount() < everything
    page.category.setCurrentIndex(0)
    page.year.setValue(2025)
    assert page.register.rowCount() > 5 and page.feedback.rowCount() >= 0 and page.subjects.rowCount() == 6


def test_the_item_window_asks_before_dropping_edits(ctx, qtbot, asked):
    from ui.dialogs.disclosure_item import ItemWindow
    from ui.widgets import unsaved

    item_id = ctx.db.execute("SELECT id FROM disclosure_items WHERE disclosed_on IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    w = ItemWindow(ctx, item_id)
    qtbot.addWidget(w)
    w.show()
    assert not w.has_unsaved()
    w.reject()  # nothing typed: closes without a question
    assert asked == [] and not w.isVisible()

    w = ItemWindow(ctx, item_id)
    qtbot.addWidget(w)
    w.show()
    before = dump(ctx.db)
    w.form.set_value("title", "改过的标题")
    w.reject()
    assert asked == ["公开事项的修改"] and w.isVisible()  # 取消: stays open with the edit
    asked.answer = unsaved.DISCARD
    w.reject()
    assert not w.isVisible() and dump(ctx.db) == before

    w = ItemWindow(ctx, item_id)
    qtbot.addWidget(w)
    w.show()
    w.form.set_value("title", "改过的标题")
    w.channels.clearSelection()  # a bad edit: no channel
    asked.answer = unsaved.SAVE
    w.reject()
    assert w.isVisible() and "至少选择一个" in w.form.errors["channels"].text() and dump(ctx.db) == before
    w.channels.select_key("board")
    w.reject()
    assert not w.isVisible() and dc.get_item(ctx.db, item_id).title == "改过的标题"


def test_a_new_item_then_attachments_and_its_change_log(ctx, qtbot, asked, tmp_path, monkeypatch):
    from ui.dialogs import disclosure_item
    from ui.dialogs.disclosure_item import ItemWindow

    w = ItemWindow(ctx, None)
    qtbot.addWidget(w)
    w.show()
    assert not w.tabs.isTabEnabled(1)
    w.form.set_value("title", "2027年度职工体检安排")
    w.form.set_value("disclosed_on", "2999-01-01")
    w.channels.select_key("online")
    assert not w.save() and "晚于今天" in w.form.errors["disclosed_on"].text()
    w.form.set_value("disclosed_on", "2026-12-01")
    assert w.save() and w.item_id is not None and w.tabs.isTabEnabled(1) and not w.has_unsaved()
    notice = tmp_path / "体检通知.pdf"
    notice.write_bytes(b"%PDF notice")
    monkeypatch.setattr(disclosure_item, "get_open_file_name", lambda *a, **k: (str(notice), ""))
    w.add_attachment()
    assert w.attachments.rowCount() == 1 and w.attachments.rows.text(0, 3) == "现行"
    notice.write_bytes(b"%PDF notice, corrected")
    w.attachments.selectRow(0)
    w.replace_attachment()
    assert w.attachments.rowCount() == 2 and "替换" in w.attachments.rows.text(0, 3) and w.attachments.rows.is_voided(0)
    opened: list[str] = []
    monkeypatch.setattr(disclosure_item.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    w.attachments.selectRow(1)
    w.open_attachment()
    assert Path(opened[0]).name == "体检通知.pdf" and Path(opened[0]).read_bytes() == b"%PDF notice, corrected"
    missing = tmp_path / "gone.pdf"
    monkeypatch.setattr(disclosure_item, "get_open_file_name", lambda *a, **k: (str(missing), ""))
    w.add_attachment()  # refused with a message; nothing added
    assert w.attachments.rowCount() == 2 and len(files.attachments(ctx.db, w.item_id)) == 2
    w.form.set_value("summary", "体检时间：2027年3月。")
    assert w.save()
    log = [w.log.rows.row_values(r) for r in range(w.log.rowCount())]
    assert any("公开内容摘要：（空） → 体检时间" in row[3] for row in log)
    assert any(row[3] == "添加附件（替换旧版本）" for row in log) and any(row[3] == "登记" for row in log)


def test_registering_a_due_period_fills_its_subject_and_period(ctx, qtbot, monkeypatch):
    from ui.pages import disclosure as page_module
    from ui.pages.disclosure import DisclosurePage

    page = DisclosurePage(ctx)
    qtbot.addWidget(page)
    shown = []
    monkeypatch.setattr(page_module, "run_modal", lambda window: shown.append(window) or 0)
    overdue = next(r for r in range(page.due.rowCount()) if page.due.rows.text(r, 0) == "▲ 已逾期")
    page.due.selectRow(overdue)
    page.disclose_due()
    w = shown[0]
    o = page._due[overdue]
    assert w.subject.currentData() == o["subject_id"] and w.period.currentData() == o["period_start"]
    assert w.form.value("title").startswith(o["period_label"])
    w.channels.select_key("board")
    assert w.save()
    page.refresh()
    assert "已逾期 0 项" in page.summary.text()


def test_feedback_cannot_be_closed_without_a_reply_in_the_dialog(ctx, qtbot, asked):
    from models import disclosure_feedback as fb
    from ui.dialogs.disclosure_dialogs import answer_dialog, inspection_dialog

    fid = fb.add_feedback(ctx.db, fb.Feedback("2026-12-01", "box", "希望公开食堂收支"))
    d = answer_dialog(ctx.db, fid, None)
    qtbot.addWidget(d)
    d.form.set_value("answered_by", "工会办公室")
    d.form.set_value("replied_on", "2026-12-02")
    d.form.set_value("closed_on", "2026-12-02")
    d.accept()
    assert "不能为空" in d.form.errors["reply"].text()
    assert fb.get_feedback(ctx.db, fid).closed_on is None
    d.form.set_value("reply", "下月起每季度公开食堂收支。")
    d.accept()
    assert fb.get_feedback(ctx.db, fid).closed_on == "2026-12-02"
    d = inspection_dialog(ctx.db, None)
    qtbot.addWidget(d)
    d.form.set_value("inspectors", "赵刚、陈静")
    d.form.set_value("findings", "公开栏未更新")
    d.form.set_value("rectification", "三日内更新")
    before = dump(ctx.db)
    d.accept()
    assert "整改期限" in d.form.errors["rectify_due_on"].text() and dump(ctx.db) == before


def test_the_wheel_over_the_item_windows_fields_leaves_their_values(ctx, qtbot):
    from tests.test_wheel_guard import wheel
    from ui.dialogs.disclosure_item import ItemWindow

    item_id = ctx.db.execute("SELECT id FROM disclosure_items WHERE subject_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    w = ItemWindow(ctx, item_id)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    fields = (w.subject, w.period, w.category, w.form.editors["posted_days"])
    before = [f.currentIndex() if hasattr(f, "currentIndex") else f.value() for f in fields]
    w.save_button.setFocus()
    for f in fields:
        wheel(f)
    assert [f.currentIndex() if hasattr(f, "currentIndex") else f.value() for f in fields] == before
    assert not w.has_unsaved()
