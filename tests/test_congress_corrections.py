"""Congress records entered by mistake are voided with a reason, never deleted (agenda items
with their votes, delegates), and secret ballots (无记名投票) are numbered and named."""

from __future__ import annotations

import pytest

from models import congress as cg
from models import congress_meeting as mt
from models import proposals as pr
from models.congress_resolutions import resolutions_doc
from models.minutes import minutes
from models.validation import ValidationError
from reports import registry
from tests.test_congress import make_delegates
from tests.test_congress_forms import flat, pages


@pytest.fixture
def term(db):
    return cg.add_term(db, cg.Term(number=3, start_date="2024-01-01", end_date="2028-12-31", delegate_quota=40))


@pytest.fixture
def session(db, term):
    return cg.add_session(db, cg.Session(term_id=term, number=2, date="2025-03-20", place="三楼会议室"))


def _all_present(db, term, session, n=30):
    ids = make_delegates(db, term, n)
    mt.sign_in_all_present(db, session)
    return ids


def test_agenda_item_voided_with_its_votes_and_left_out_of_every_form(db, term, session, tmp_path):
    _all_present(db, term, session)
    keep = mt.add_agenda_item(db, mt.AgendaItem(session, "审议年度工作报告"))
    wrong = mt.add_agenda_item(db, mt.AgendaItem(session, "审议误录的食堂方案"))
    rk = mt.add_resolution(db, session, "关于年度工作报告的决议", agenda_item_id=keep)
    rw = mt.add_resolution(db, session, "关于误录食堂方案的决议", agenda_item_id=wrong)
    mt.record_vote(db, rk, 25, 3, 2)
    mt.record_vote(db, rw, 26, 2, 2)
    with pytest.raises(ValidationError):
        mt.void_agenda_item(db, wrong, "  ")  # a reason is required; nothing changes
    assert len(mt.agenda(db, session)) == 2
    assert mt.void_agenda_item(db, wrong, "录入错误，会议没有这项议程") == 1
    assert [a.id for a in mt.agenda(db, session)] == [keep]
    gone = mt.agenda(db, session, include_void=True)[1]
    assert gone.voided_at and gone.void_reason == "录入错误，会议没有这项议程"
    r = mt.get_resolution(db, rw)
    assert r.voided_at and r.vote is None and all(v.voided_at for v in mt.votes(db, rw))
    assert [x.id for x in mt.resolutions(db, session)] == [rk]
    assert db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == 2  # never deleted
    m = minutes(db, session)
    assert [i.title for i in m.items] == ["审议年度工作报告"]
    assert [a.title for a in resolutions_doc(db, session).adopted] == ["关于年度工作报告的决议"]
    for form in ("minutes", "resolutions", "ballots"):
        text = flat("".join(pages(registry.render(db, form, tmp_path / f"{form}.pdf", ident=session))))
        assert "误录" not in text, form
    with pytest.raises(ValidationError):
        mt.update_agenda_item(db, gone)
    with pytest.raises(ValidationError):
        mt.add_resolution(db, session, "再挂一个", agenda_item_id=wrong)


def test_a_vote_is_voided_and_recorded_again(db, term, session):
    _all_present(db, term, session)
    rid = mt.add_resolution(db, session, "关于调整作息时间的决议")
    mt.record_vote(db, rid, 10, 15, 5)
    mt.record_vote(db, rid, 25, 3, 2, replace_reason="计票员把同意和不同意抄反了")
    assert mt.get_resolution(db, rid).vote.passed
    assert [bool(v.voided_at) for v in mt.votes(db, rid)] == [True, False]


def test_delegate_entered_by_mistake_is_voided_and_leaves_every_count(db, term, session, tmp_path):
    ids = make_delegates(db, term, 31)
    wrong = ids[-1]
    from models import members

    m = members.get_member(db, cg.get_delegate(db, wrong).member_id)
    m.name = name = "欧阳误录"
    members.update_member(db, m, corrected=True)
    assert len(cg.delegates(db, term)) == 31
    cg.void_delegate(db, wrong, "误选了同名的另一位职工")
    assert wrong not in [d.id for d in cg.delegates(db, term, include_ended=True)]
    assert len(cg.session_delegates(db, session)) == 30 and mt.attendance(db, session).expected == 30
    assert db.execute("SELECT void_reason FROM delegates WHERE id = ?", (wrong,)).fetchone()[0] == "误选了同名的另一位职工"
    text = flat("".join(pages(registry.render(db, "delegates", tmp_path / "d.pdf", ident=term))))
    assert name not in text
    # entered again rightly: the same row comes back, the trail keeps the void
    member_id = db.execute("SELECT member_id FROM delegates WHERE id = ?", (wrong,)).fetchone()[0]
    assert cg.add_delegate(db, term, member_id, category="technical") == wrong
    assert len(cg.delegates(db, term)) == 31


def test_a_delegate_on_a_voted_roll_or_with_a_proposal_is_not_voided(db, term, session):
    ids = _all_present(db, term, session)
    rid = mt.add_resolution(db, session, "关于年度工作报告的决议")
    mt.record_vote(db, rid, 25, 3, 2)
    with pytest.raises(ValidationError) as info:
        cg.void_delegate(db, ids[0], "误录")
    assert "表决结果" in info.value.message
    assert cg.get_delegate(db, ids[0]).id in [d.id for d in cg.delegates(db, term)]
    mt.void_vote(db, mt.get_resolution(db, rid).vote_id, "计票有误，重新表决")
    pr.add_proposal(db, pr.Proposal(session_id=session, number="2025-01", title="关于增设职工书屋的提案", proposer_id=ids[1],
                                    cosigner_ids=[ids[2], ids[3]], content="建议增设职工书屋。", submitted_on="2025-03-10"))
    with pytest.raises(ValidationError) as info:
        cg.void_delegate(db, ids[2], "误录")
    assert "提案" in info.value.message
    cg.void_delegate(db, ids[5], "误录")  # no vote stands now, no proposal: voided


def test_secret_ballots_are_numbered_and_said_so_open_ones_are_not(db, term, session, tmp_path):
    _all_present(db, term, session)
    open_vote = mt.add_resolution(db, session, "关于年度工作报告的决议")
    text = flat("".join(pages(registry.render(db, "ballots", tmp_path / "open.pdf", ident=session))))
    assert "No." not in text and "无记名投票" not in text
    secret = mt.add_resolution(db, session, "选举工会委员", kind="election", candidates=["刘建华", "陈晓燕"], seats=1, secret=True)
    text = flat("".join(pages(registry.render(db, "ballots", tmp_path / "secret.pdf", ident=session))))
    assert "No.001" in text and "No.030" in text and "无记名投票" in text
    mt.record_vote(db, open_vote, 25, 3, 2)
    r = mt.get_resolution(db, secret)
    mt.record_election(db, secret, {r.candidates[0].id: 24, r.candidates[1].id: 6})
    with pytest.raises(ValidationError):
        mt.set_secret(db, secret, False)  # the vote was taken that way
    m = minutes(db, session)
    assert [d.how for d in m.other_decisions] == ["", "表决方式：无记名投票。"]
    text = flat("".join(pages(registry.render(db, "minutes", tmp_path / "m.pdf", ident=session))))
    assert "表决方式：无记名投票" in text
    text = flat("".join(pages(registry.render(db, "resolutions", tmp_path / "r.pdf", ident=session))))
    assert "表决结果（无记名投票）：" in text


# ---------------------------------------------------------------- the page's buttons

from tests.test_congress_page import page, shown  # noqa: E402,F401  (fixtures: the demo congress page)


def test_page_voids_an_agenda_item_naming_it_and_its_votes(page, db, monkeypatch):  # noqa: F811
    from ui.widgets import void_dialog

    sid = page.session_id()
    tab = page.agenda_tab
    page.tabs.setCurrentIndex(2)
    tab.refresh()
    before = tab.items.rowCount()
    item = next(a for a in mt.agenda(db, sid) if any(r.agenda_item_id == a.id and r.vote for r in mt.resolutions(db, sid)))
    row = next(r for r in range(tab.items.rowCount()) if tab.items.rows.key(r) == item.id)
    tab.items.selectRow(row)
    asked = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda parent, title, what, note="": asked.append((what, note)) and None)
    tab.void_item()
    assert item.title in asked[0][0] and "表决结果一并作废" in asked[0][1]
    assert tab.items.rowCount() == before  # cancelled: nothing changed
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda *a, **k: "议程录入重复")
    tab.items.selectRow(row)
    tab.void_item()
    assert tab.items.rowCount() == before - 1
    assert item.id not in [a.id for a in mt.agenda(db, sid)]


def test_page_voids_a_delegate_entered_by_mistake(page, db, monkeypatch, shown):  # noqa: F811
    from ui.widgets import void_dialog

    term = page.term_id()
    d = next(x for x in cg.delegates(db, term)
             if not db.execute("SELECT 1 FROM proposals WHERE proposer_id = ? UNION SELECT 1 FROM proposal_cosigners WHERE delegate_id = ?", (x.id, x.id)).fetchone())
    page.tabs.setCurrentIndex(0)
    tab = page.delegates_tab
    tab.refresh()
    row = next(r for r in range(tab.table.rowCount()) if tab.table.rows.key(r) == d.id)
    tab.table.selectRow(row)
    asked = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda parent, title, what, note="": asked.append(what) or "误录")
    tab.void()
    assert d.name in asked[0]
    # On the roll of a meeting whose votes stand: refused, and said why.
    assert any("表决结果" in t for t in shown) and d.id in [x.id for x in cg.delegates(db, term)]
    # Once those votes are voided (a recount), the delegate entered by mistake is voided.
    for sid in [s.id for s in cg.sessions(db, term)]:
        for vote_id in mt.standing_votes(db, sid):
            mt.void_vote(db, vote_id, "重新计票")
    tab.table.selectRow(row)
    tab.void()
    assert d.id not in [x.id for x in cg.delegates(db, term)]
    assert tab.table.rowCount() == len(cg.delegates(db, term))


def test_resolution_dialog_puts_elections_to_a_secret_ballot_by_default(page, db):  # noqa: F811
    from ui.dialogs import congress_dialogs as dlg

    sid = page.session_id()
    d = dlg.resolution_dialog(db, sid, page)
    assert not d.form.editors["secret"].isChecked()
    d.form.set_value("kind", "election")
    assert d.form.editors["secret"].isChecked()
    d.form.set_value("title", "补选工会委员")
    d.form.set_value("candidates", "王丽、张敏")
    d.accept()
    r = mt.get_resolution(db, d.value)
    assert r.is_secret and r.kind == "election"
