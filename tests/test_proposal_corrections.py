"""A proposal typed wrongly is corrected (the change log keeps the old text); one entered by
mistake is voided with a reason: it leaves the lists and counts, its number stays taken, it is
handled no further, and the delegates behind it can then be voided too."""

from __future__ import annotations

import pytest

from models import audit
from models import congress as cg
from models import proposals as pr
from models.validation import ValidationError
from tests.test_proposals import setup, submit  # noqa: F401  (fixture)


def test_a_voided_proposal_leaves_lists_and_counts_and_keeps_its_number(db, setup):  # noqa: F811
    session, ds = setup
    first = submit(db, session, ds)
    twice = submit(db, session, ds, title="改善职工食堂伙食（重复登记）")
    assert pr.summary(db, session)["total"] == 2
    with pytest.raises(ValidationError) as info:
        pr.void_proposal(db, twice, "  ")
    assert info.value.field == "作废原因"
    assert pr.get_proposal(db, twice).voided_at is None
    pr.void_proposal(db, twice, "同一提案登记了两次")
    assert [p["id"] for p in pr.list_proposals(db, session_id=session)] == [first]
    assert pr.summary(db, session)["total"] == 1 and pr.summary(db, session)["by_state"]["submitted"] == 1
    shown = pr.list_proposals(db, session_id=session, include_voided=True)
    assert [p["id"] for p in shown] == [first, twice] and shown[1]["void_reason"] == "同一提案登记了两次"
    assert pr.next_number(db, session) == "2025-03"  # the voided one's number stays taken
    with pytest.raises(ValidationError, match="已作废"):
        pr.advance(db, twice, "accept", "2025-03-21")
    with pytest.raises(ValidationError, match="已经作废"):
        pr.void_proposal(db, twice, "again")
    assert pr.get_proposal(db, twice).state == "submitted"


def test_a_wrongly_typed_proposal_is_corrected_and_the_log_keeps_the_old_text(db, setup):  # noqa: F811
    session, ds = setup
    pid = submit(db, session, ds, content="建议增加菜品种类。")
    pr.correct_proposal(db, pid, title="关于改善职工食堂伙食的提案", content="建议增加菜品种类，延长供餐时间。", category="welfare")
    p = pr.get_proposal(db, pid)
    assert p.title == "关于改善职工食堂伙食的提案" and p.content.endswith("延长供餐时间。")
    log = [e for e in audit.history(db, "proposals", pid) if e["action"] == "update"]
    assert log and log[-1]["before"]["title"] == "改善职工食堂伙食" and log[-1]["before"]["content"] == "建议增加菜品种类。"
    for bad, field in (({"title": ""}, "案由"), ({"category": "x"}, "提案类别"), ({"proposer_id": "3"}, "提案")):
        with pytest.raises(ValidationError) as info:
            pr.correct_proposal(db, pid, **bad)
        assert info.value.field == field
    assert pr.get_proposal(db, pid).title == "关于改善职工食堂伙食的提案"
    pr.void_proposal(db, pid, "登记到了别的会议")
    with pytest.raises(ValidationError, match="已作废"):
        pr.correct_proposal(db, pid, title="新案由")


def test_delegates_behind_a_voided_proposal_can_be_voided(db, setup):  # noqa: F811
    session, ds = setup
    pid = submit(db, session, ds)
    with pytest.raises(ValidationError, match="提案"):
        cg.void_delegate(db, ds[1], "误录")
    pr.void_proposal(db, pid, "误录")
    cg.void_delegate(db, ds[1], "误录")
    assert ds[1] not in [d.id for d in cg.session_delegates(db, session)]


def test_a_voided_proposal_prints_marked(db, setup, tmp_path):  # noqa: F811
    from reports.registry import render
    from tests.pdf_check import pages_text, squeeze

    session, ds = setup
    pid = submit(db, session, ds)
    pr.void_proposal(db, pid, "同一提案登记了两次")
    text = squeeze("".join(pages_text(render(db, "proposal", tmp_path / "p.pdf", ident=pid))))
    assert "已作废" in text and "同一提案登记了两次" in text


from tests.test_congress_page import page, shown  # noqa: E402,F401  (fixtures: the demo congress page)


def test_page_voids_and_corrects_a_proposal(page, db, monkeypatch):  # noqa: F811
    from ui.widgets import void_dialog

    sid = page.session_id()
    page.tabs.setCurrentWidget(page.proposals_tab)
    tab = page.proposals_tab
    tab.refresh()
    before = tab.table.rowCount()
    assert before > 0
    key = tab.table.rows.key(0)
    p = pr.get_proposal(db, key)
    tab.table.selectRow(0)
    asked = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda parent, title, what, note="": asked.append(what) and None)
    tab.void()
    assert p.number in asked[0] and p.title in asked[0]
    assert tab.table.rowCount() == before  # cancelled: nothing changed
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda *a, **k: "重复登记")
    tab.table.selectRow(0)
    tab.void()
    assert tab.table.rowCount() == before - 1 and key not in [x["id"] for x in pr.list_proposals(db, session_id=sid)]
    tab.show_voided.setChecked(True)
    assert tab.table.rowCount() == before
    row = next(r for r in range(tab.table.rowCount()) if tab.table.rows.key(r) == key)
    assert tab.table.rows.text(row, 3).startswith("已作废")
    tab.show_voided.setChecked(False)

    from ui.dialogs import congress_dialogs as dlg

    other = pr.get_proposal(db, tab.table.rows.key(0))
    d = dlg.correct_proposal_dialog(db, other, tab)
    assert d.form.value("title") == other.title
    d.form.set_value("title", "")
    d.accept()
    assert d.form.errors["title"].text() == "不能为空" and pr.get_proposal(db, other.id).title == other.title  # beside 案由
    d.form.set_value("title", other.title + "（更正）")
    d.accept()
    assert pr.get_proposal(db, other.id).title == other.title + "（更正）"
    d.deleteLater()
