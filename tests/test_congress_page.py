"""The 职代会 page offscreen: tabs show the demo congress, quorum is live, refusals come from the models."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models import congress as cg
from models import congress_meeting as mt
from models.demo_congress import fill_congress
from models.members import add_member
from models.org import get_profile, save_profile
from tests.conftest import make_id, member


@pytest.fixture(autouse=True)
def shown(monkeypatch) -> list[str]:
    """Message boxes are recorded, never shown: a modal box would block offscreen forever."""
    from PySide6.QtWidgets import QMessageBox

    texts: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: texts.append(a[2]) or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: texts.append(a[2]) or QMessageBox.StandardButton.No)
    return texts


@pytest.fixture
def page(qapp, qtbot, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext
    from ui.pages.congress import CongressPage

    make_app()
    p = get_profile(db)
    p.union_name, p.workers_total = "测试工会", 500
    save_profile(db, p)
    for i in range(60):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 3 != 0)))
    fill_congress(db, seed=7)
    w = CongressPage(AppContext(db, db_path))
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    return w


def test_tabs_show_the_session(page):
    assert page.term.count() == 1 and page.sessions.count() == 2
    assert "第三届职工代表大会第二次会议" in page.sessions.currentItem().text()
    assert "符合法定人数" in page.quorum.text()
    assert page.delegates_tab.table.rowCount() == 36
    assert page.delegates_tab.checks.rowCount() >= 4
    for i, tab in enumerate((page.signin_tab, page.agenda_tab, page.proposals_tab)):
        page.tabs.setCurrentIndex(i + 1)
    assert page.signin_tab.table.rowCount() == 36
    assert page.agenda_tab.items.rowCount() == 12
    assert page.proposals_tab.table.rowCount() == 9
    page.tabs.setCurrentIndex(4)
    assert page.minutes_tab.items.count() == 12
    assert page.minutes_tab.preview.pixmap() is not None and not page.minutes_tab.preview.pixmap().isNull()


def test_sign_in_updates_quorum_and_vote_without_quorum_is_refused(page, db, monkeypatch):
    from ui.dialogs import congress_dialogs as dlg

    session = page.session_id()
    new = cg.add_session(db, cg.Session(term_id=page.term_id(), number=3, date="2025-12-01"))
    page._term_changed()
    page._select_session(new)
    text = page.quorum.text()
    assert "未签到 " in text and "缺席 0" in text and "尚未签到" in text  # nobody signed in is not 缺席
    rid = mt.add_resolution(db, new, "关于测试的决议")
    d = dlg.vote_dialog(db, rid, page)
    assert "未达法定人数" in d.form.editors["below_quorum"].text()  # said before any number is typed
    d.deleteLater()
    d = dlg.vote_dialog(db, rid, page)
    d.form.editors["yes"].setValue(10)
    d.accept()
    assert "三分之二" in (d.form.errors["yes"].text() + d.message.text())
    assert mt.get_resolution(db, rid).yes is None
    page.tabs.setCurrentIndex(1)
    page.signin_tab.all_present()
    assert "符合法定人数" in page.quorum.text()
    d = dlg.vote_dialog(db, rid, page)
    d.form.editors["yes"].setValue(30)
    d.accept()
    assert mt.get_resolution(db, rid).yes == 30
    assert session != new


def test_proposal_needs_two_cosigners(page, db):
    from ui.dialogs import congress_dialogs as dlg

    d = dlg.proposal_dialog(db, page.session_id(), page)
    d.form.set_value("title", "关于增加班车的提案")
    cos = d.form.editors["cosigner_ids"]
    cos.select_key(cos.rows.key(1))
    d.accept()
    assert "至少需要2名" in d.form.errors["cosigner_ids"].text()
    cos.select_key(cos.rows.key(2))
    d.accept()
    assert d.value is not None


def test_minutes_tab_saves_discussion(page, db):
    page.tabs.setCurrentIndex(4)
    tab = page.minutes_tab
    tab.items.setCurrentRow(2)
    tab.form.set_value("discussion", "代表们一致同意。")
    tab.form.set_value("closing", "大会闭幕。")
    assert tab.save()
    items = mt.agenda(db, page.session_id())
    assert items[2].discussion == "代表们一致同意。"
    assert cg.get_session(db, page.session_id()).closing == "大会闭幕。"


def _voting_session(db, page, n_present: int | None = None) -> int:
    """A new meeting of the demo term with everyone (or the first n) signed in."""
    new = cg.add_session(db, cg.Session(term_id=page.term_id(), number=3, date=cg.get_session(db, page.session_id()).date))
    if n_present is None:
        mt.sign_in_all_present(db, new)
    page._term_changed()
    page._select_session(new)
    return new


def test_election_dialog_asks_for_seats_and_the_table_shows_who_is_elected(page, db):
    from ui.dialogs import congress_dialogs as dlg

    sid = _voting_session(db, page)
    d = dlg.resolution_dialog(db, sid, page)
    d.form.set_value("kind", "election")
    d.form.set_value("title", "选举职工董事")
    d.form.set_value("candidates", "张三、李四")
    d.form.editors["seats"].setValue(3)
    d.accept()
    assert "多于候选人数" in d.form.errors["seats"].text()
    d.form.editors["seats"].setValue(1)
    d.accept()
    rid = d.value
    assert mt.get_resolution(db, rid).seats == 1
    v = dlg.vote_dialog(db, rid, page)
    c = mt.get_resolution(db, rid).candidates
    assert v.form.editors["seats"].value() == 1
    v.form.editors[f"c{c[0].id}"].yes.setValue(22)
    v.form.editors[f"c{c[1].id}"].yes.setValue(21)
    v.accept()
    assert [t.result for t in mt.get_resolution(db, rid).vote.tallies] == ["elected", "not_elected"]
    page.tabs.setCurrentIndex(2)
    tab = page.agenda_tab
    tab.refresh()
    row = next(r for r in range(tab.resolutions.rowCount()) if tab.resolutions.rows.text(r, 0) == "选举职工董事")
    assert "张三 22 票，当选" in tab.resolutions.rows.text(row, 5) and "李四 21 票，未当选" in tab.resolutions.rows.text(row, 5)


def test_agenda_tab_shows_the_frozen_result_and_re_records_through_a_void(page, db):
    from ui.dialogs import congress_dialogs as dlg

    sid = _voting_session(db, page)
    rid = mt.add_resolution(db, sid, "关于测试的决议")
    mt.record_vote(db, rid, 18, 10, 8)  # 18 of 36 is not more than half
    page.tabs.setCurrentIndex(2)
    tab = page.agenda_tab
    tab.refresh()
    assert tab.resolutions.rowCount() == 1 and tab.resolutions.rows.text(0, 5).startswith("未通过")
    assert "应到 36" in tab.resolutions.rows.text(0, 5)
    v = dlg.vote_dialog(db, rid, page, replace_reason=" ")
    v.form.editors["yes"].setValue(19)
    v.form.editors["no"].setValue(9)
    v.accept()
    assert "作废原因" in v.message.text() and mt.get_resolution(db, rid).vote.yes == 18  # nothing changed
    v = dlg.vote_dialog(db, rid, page, replace_reason="计票错误")
    v.form.editors["yes"].setValue(19)
    v.form.editors["no"].setValue(9)
    v.accept()
    assert mt.get_resolution(db, rid).vote.yes == 19 and len(mt.votes(db, rid)) == 2
    tab.refresh()
    assert tab.resolutions.rows.text(0, 5).startswith("通过") and "已作废 1 次" in tab.resolutions.rows.text(0, 5)
    m = tab.resolutions.rows
    tip = m.data(m.index(0, 1), Qt.ItemDataRole.ToolTipRole)  # every cell of the row tells the voided result
    assert "原因：计票错误" in tip and "原结果：" in tip


def test_sign_in_change_after_votes_asks_then_voids_with_a_reason(page, db, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    sid = page.session_id()
    assert mt.standing_votes(db, sid)
    page.tabs.setCurrentIndex(1)
    tab = page.signin_tab
    row = next(r for r in range(tab.table.rowCount()) if tab.table.rows.text(r, 3) == "出席")
    delegate = tab.table.rows.key(row)
    tab.table.selectRow(row)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    tab.mark("absent")
    assert asked and "作废" in asked[0]
    assert mt.standing_votes(db, sid) and next(r for r in mt.attendance_list(db, sid) if r["delegate"].id == delegate)["status"] == "present"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    from ui.widgets import void_dialog

    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda *a, **k: "签到登记错误")
    tab.table.selectRow(row)
    tab.mark("absent")
    assert mt.standing_votes(db, sid) == []
    assert next(r for r in mt.attendance_list(db, sid) if r["delegate"].id == delegate)["status"] == "absent"
    assert all(v.void_reason == "签到登记错误" for r in mt.resolutions(db, sid) for v in mt.votes(db, r.id))


def test_minutes_preview_closes_and_deletes_each_document(page, monkeypatch):
    """Each live render of the minutes closes its QPdfDocument and deletes it at once:
    none is left to deleteLater(), unclosed, pointing at a buffer that is gone."""
    import PySide6.QtPdf as qtpdf
    from shiboken6 import Shiboken

    made: list = []

    class Tracked(qtpdf.QPdfDocument):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            self.was_closed = False
            made.append(self)

        def close(self) -> None:
            self.was_closed = True
            super().close()

    monkeypatch.setattr(qtpdf, "QPdfDocument", Tracked)
    page.tabs.setCurrentWidget(page.minutes_tab)
    tab = page.minutes_tab
    for text in ("大会开始。", "大会开始，主持人宣布。"):
        tab.form.editors["opening"].setPlainText(text)
        tab.render_preview()
    assert len(made) >= 2 and all(d.was_closed for d in made)
    assert not any(Shiboken.isValid(d) for d in made)  # deleted, not queued for later
    assert not tab.preview.pixmap().isNull()


def test_a_long_composition_hint_does_not_push_the_tabs(page, db):
    before = page.tabs.geometry().top()
    page.composition_note.setText("代表构成提示：" + "；".join(["一线职工代表比例不足（30%）"] * 12))
    page.layout().activate()
    assert page.tabs.geometry().top() == before
    assert page.composition_note.toolTip().count("一线职工代表比例不足") == 12


def test_ending_a_delegate_has_no_default_reason(page, db):
    from models import congress as cg
    from ui.dialogs import congress_dialogs as dlg

    delegate = cg.session_delegates(db, page.session_id())[0]
    d = dlg.end_delegate_dialog(db, delegate.id, page)
    reasons = d.form.editors["end_how"]
    assert reasons.value() == "" and reasons.currentText() == "（请选择）"  # 罢免 was preselected
    assert reasons.itemData(1) in ("transferred", "retired")  # the common endings first
    d.accept()
    assert "终止原因" in d.form.errors["end_how"].text() or "请选择" in d.form.errors["end_how"].text()
    assert cg.get_delegate(db, delegate.id).end_date is None


def test_delegates_are_picked_many_at_once_from_the_whole_register(page, db):
    from models import congress as cg
    from ui.dialogs import congress_dialogs as dlg

    term = page.term_id()
    before = len(cg.delegates(db, term))
    d = dlg.delegate_dialog(db, term, page)
    picker = next(w for w in d.form.editors.values() if isinstance(w, dlg.MemberPicker))
    assert picker.list.model().rowCount() > 0 and "共" in picker.count.text()
    serving = {x.member_id for x in cg.delegates(db, term, include_ended=True)}
    free = [picker.list.model().index(r, 0) for r in range(picker.list.model().rowCount())
            if picker.list.rows.key(r) not in serving][:3]
    for index in free:
        picker.list.selectionModel().select(index, picker.list.selectionModel().SelectionFlag.Select)
    assert len(picker.selected()) == 3
    d.form.set_value("group_name", "第九代表团")
    d.accept()
    assert len(cg.delegates(db, term)) == before + 3
    assert [x.group_name for x in cg.delegates(db, term)].count("第九代表团") == 3


def test_adding_delegates_is_all_or_none_and_names_the_member(db, page):
    from models import congress as cg
    from models.validation import ValidationError

    term = page.term_id()
    before = len(cg.delegates(db, term, include_ended=True))
    serving = cg.delegates(db, term)[0]
    other = db.execute("SELECT id FROM members WHERE status = 'active' AND id NOT IN (SELECT member_id FROM delegates) LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError, match=serving.name):
        cg.add_delegates(db, term, [other, serving.member_id], category="frontline")
    assert len(cg.delegates(db, term, include_ended=True)) == before


def test_minutes_preview_is_readable_page_through_and_zoom(page):
    page.tabs.setCurrentWidget(page.minutes_tab)
    tab = page.minutes_tab
    tab.form.editors["opening"].setPlainText("大会开始。\n" * 80)  # long enough for a second page
    tab.render_preview()
    panel = tab.preview_panel
    assert panel.pages >= 2 and panel.where.text() == f"第 1 / {panel.pages} 页"
    width = tab.preview.pixmap().width()
    assert width >= 400  # not a thumbnail
    panel.next_button.click()
    assert panel.page == 1 and panel.where.text().startswith("第 2 /")
    panel.set_zoom(+1)
    assert tab.preview.pixmap().width() > width


def test_the_page_fits_a_1366_screen_on_every_tab(page):
    """Each tab's buttons once summed past the screen: the window grew wider than 1366 px and
    its right side (终止代表资格, 显示已终止的代表) was off-screen. Rare actions sit in menus."""
    nav = 150
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        assert page.minimumSizeHint().width() + nav <= 1366 - 16, page.tabs.tabText(index)
