"""The 职代会 page offscreen: tabs show the demo congress, quorum is live, refusals come from the models."""

from __future__ import annotations

import pytest

from models import congress as cg
from models import congress_meeting as mt
from models.demo_congress import fill_congress
from models.members import add_member
from models.org import get_profile, save_profile
from tests.conftest import make_id, member


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
    assert "未达法定人数" in page.quorum.text()
    rid = mt.add_resolution(db, new, "关于测试的决议")
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
    cos.item(1).setSelected(True)
    d.accept()
    assert "至少需要2名" in d.form.errors["cosigner_ids"].text()
    cos.item(2).setSelected(True)
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
