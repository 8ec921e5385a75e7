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
    assert "经无记名投票表决" in text
