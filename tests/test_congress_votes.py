"""Votes are facts frozen when they happen: 应到, 实到, counts and result are stored as
stated; later changes to delegates or sign-in never alter them, and a result is
corrected only by voiding it and recording a new one."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import congress as cg
from models import congress_meeting as mt
from models.minutes import minutes
from models.validation import ValidationError
from tests.test_congress import make_delegates


@pytest.fixture
def term(db):
    return cg.add_term(db, cg.Term(number=3, start_date="2024-01-01", end_date="2028-12-31", delegate_quota=40))


@pytest.fixture
def session(db, term):
    return cg.add_session(db, cg.Session(term_id=term, number=2, date="2025-03-20", place="三楼会议室"))


def _decision(db, session, title):
    m = minutes(db, session)
    return next(d for d in [d for i in m.items for d in i.decisions] + m.other_decisions if d.title == title)


def test_back_dated_by_election_keeps_a_passed_vote_passed(db, term, session):
    ds = make_delegates(db, term, 30)
    for d in ds[:27]:
        mt.sign_in(db, session, d, "present")
    rid = mt.add_resolution(db, session, "关于通过《集体合同》的决议")
    mt.record_vote(db, rid, 16, 8, 3)  # 16 of 30 delegates: more than half
    assert "通过" in _decision(db, session, "关于通过《集体合同》的决议").result
    # Two by-elections entered later, dated before the meeting: 32 delegates "then".
    for mid in (_new_member(db, 70), _new_member(db, 71)):
        cg.add_delegate(db, term, mid, category="frontline", start_date="2025-03-01", start_how="by_election")
    assert len(cg.session_delegates(db, session)) == 32
    d = _decision(db, session, "关于通过《集体合同》的决议")
    assert d.passed is True
    assert d.result == "同意 16 票，不同意 8 票，弃权 3 票，未投票 3 人；同意票超过全体代表（30 人）的半数，通过。"
    vote = mt.get_resolution(db, rid).vote
    assert (vote.expected, vote.present, vote.needed, vote.result) == (30, 27, 16, "passed")
    # The minutes' attendance is the roll the vote was taken on, not today's delegate list.
    m = minutes(db, session)
    assert (m.attendance.expected, m.attendance.present) == (30, 27)
    assert len(m.absent_names) == 3


def _new_member(db, seq):
    from models.members import add_member
    from tests.conftest import make_id, member

    return add_member(db, member(name=f"补选{seq}", id_number=make_id(seq=seq)))


def test_ending_a_delegate_before_a_voted_meeting_is_refused(db, term, session):
    ds = make_delegates(db, term, 30)
    mt.sign_in_all_present(db, session)
    mt.record_vote(db, mt.add_resolution(db, session, "决议一"), 20, 5, 5)
    with pytest.raises(ValidationError, match="表决"):
        cg.end_delegate(db, ds[0], "2025-03-01", "transferred")
    assert cg.get_delegate(db, ds[0]).end_date is None
    cg.end_delegate(db, ds[0], "2025-03-21", "transferred")  # after the meeting: fine
    assert mt.attendance(db, session).expected == 30


def test_sign_in_change_after_votes_is_refused(db, term, session):
    ds = make_delegates(db, term, 30)
    for d in ds[:27]:
        mt.sign_in(db, session, d, "present")
    rid = mt.add_resolution(db, session, "关于通过《集体合同》的决议")
    mt.record_vote(db, rid, 20, 5, 2)
    for change in (lambda: mt.sign_in(db, session, ds[0], "absent"), lambda: mt.sign_in(db, session, ds[28], "present")):
        with pytest.raises(mt.VotesRecorded) as info:
            change()
        assert "已有表决结果" in info.value.message and "作废" in info.value.message
    mt.sign_in(db, session, ds[1], "present")  # signing in again as it was changes nothing: allowed
    assert mt.attendance(db, session).present == 27
    m = minutes(db, session)
    assert "会议有效" in m.attendance.statement() and _decision(db, session, "关于通过《集体合同》的决议").passed


def test_sign_in_change_with_confirmation_voids_the_votes(db, term, session):
    ds = make_delegates(db, term, 30)
    for d in ds[:20]:
        mt.sign_in(db, session, d, "present")  # 20 of 30: exactly two thirds
    first = mt.add_resolution(db, session, "决议一")
    second = mt.add_resolution(db, session, "决议二")
    mt.record_vote(db, first, 18, 1, 1)
    mt.record_vote(db, second, 17, 2, 1)
    with pytest.raises(ValidationError):
        mt.sign_in(db, session, ds[0], "absent", void_votes_reason=" ")
    mt.sign_in(db, session, ds[0], "absent", void_votes_reason="签到登记错误，张三实际未到会")
    m = minutes(db, session)
    assert "不能进行表决" in m.attendance.statement()  # 19 of 30 now
    for rid in (first, second):
        r = mt.get_resolution(db, rid)
        assert r.vote is None
        old = mt.votes(db, rid)
        assert len(old) == 1 and old[0].void_reason == "签到登记错误，张三实际未到会" and old[0].voided_at
        d = _decision(db, session, r.title)
        assert d.result == "尚未表决" and d.passed is None
        assert any("已作废" in line and "签到登记错误" in line for line in d.voided)
    with pytest.raises(ValidationError, match="三分之二"):
        mt.record_vote(db, first, 18, 1, 1)


def test_one_seat_two_candidates_only_the_first_is_elected(db, term, session):
    make_delegates(db, term, 40)
    mt.sign_in_all_present(db, session)
    rid = mt.add_resolution(db, session, "选举职工董事", kind="election", candidates=["张三", "李四"], seats=1)
    r = mt.get_resolution(db, rid)
    mt.record_election(db, rid, {r.candidates[0].id: 22, r.candidates[1].id: 21})
    vote = mt.get_resolution(db, rid).vote
    assert [(t.name, t.votes, t.result) for t in vote.tallies] == [("张三", 22, "elected"), ("李四", 21, "not_elected")]
    assert (vote.seats, vote.expected, vote.needed, vote.result) == (1, 40, 21, "filled")
    d = _decision(db, session, "选举职工董事")
    assert "张三 得票 22 票，当选" in d.result and "李四 得票 21 票，未当选" in d.result and "应选 1 人" in d.result


def test_tie_at_the_last_seat_is_flagged_and_nobody_takes_it(db, term, session):
    make_delegates(db, term, 30)
    mt.sign_in_all_present(db, session)
    rid = mt.add_resolution(db, session, "选举经费审查委员会委员", kind="election", candidates=["甲", "乙", "丙", "丁"], seats=2)
    c = mt.get_resolution(db, rid).candidates
    mt.record_election(db, rid, {c[0].id: 25, c[1].id: 20, c[2].id: 20, c[3].id: 10})
    vote = mt.get_resolution(db, rid).vote
    assert [(t.name, t.result) for t in vote.tallies] == [("甲", "elected"), ("乙", "tie"), ("丙", "tie"), ("丁", "not_elected")]
    assert vote.result == "runoff"
    assert "得票相同" in vote.note and "再次投票" in vote.note and "乙" in vote.note and "丙" in vote.note
    d = _decision(db, session, "选举经费审查委员会委员")
    assert "乙 得票 20 票，得票相同" in d.result and "再次投票" in d.result


def test_a_candidate_needs_more_than_half_of_all_delegates(db, term, session):
    ds = make_delegates(db, term, 30)
    for d in ds[:24]:
        mt.sign_in(db, session, d, "present")
    rid = mt.add_resolution(db, session, "补选工会委员", kind="election", candidates=["甲", "乙"], seats=2)
    c = mt.get_resolution(db, rid).candidates
    mt.record_election(db, rid, {c[0].id: 16, c[1].id: 15}, ballots=24)  # 15 is half of 30, not more
    vote = mt.get_resolution(db, rid).vote
    assert [t.result for t in vote.tallies] == ["elected", "not_elected"] and vote.result == "unfilled"
    assert vote.ballots == 24


def test_election_counts_must_be_consistent(db, term, session):
    ds = make_delegates(db, term, 30)
    for d in ds[:25]:
        mt.sign_in(db, session, d, "present")
    with pytest.raises(ValidationError, match="应选"):
        mt.add_resolution(db, session, "选举", kind="election", candidates=["甲"], seats=2)
    rid = mt.add_resolution(db, session, "选举", kind="election", candidates=["甲", "乙"], seats=1)
    c = mt.get_resolution(db, rid).candidates
    with pytest.raises(ValidationError, match="超过实到"):
        mt.record_election(db, rid, {c[0].id: 26, c[1].id: 3})
    with pytest.raises(ValidationError, match="收回选票"):
        mt.record_election(db, rid, {c[0].id: 20, c[1].id: 3}, ballots=26)
    with pytest.raises(ValidationError, match="超过收回选票"):
        mt.record_election(db, rid, {c[0].id: 20, c[1].id: 3}, ballots=19)
    with pytest.raises(ValidationError, match="合计"):
        mt.record_election(db, rid, {c[0].id: (20, 4, 2), c[1].id: 3}, ballots=25)
    with pytest.raises(ValidationError, match="每位候选人"):
        mt.record_election(db, rid, {c[0].id: 20})
    assert mt.votes(db, rid) == []


def test_void_and_re_record_keeps_the_old_result_readable(db, term, session):
    make_delegates(db, term, 30)
    mt.sign_in_all_present(db, session)
    rid = mt.add_resolution(db, session, "关于通过《集体合同》的决议")
    old_id = mt.record_vote(db, rid, 15, 10, 5)
    with pytest.raises(ValidationError, match="作废"):
        mt.record_vote(db, rid, 16, 9, 5)
    with pytest.raises(sqlite3.DatabaseError):  # not even behind the model's back
        db.execute("UPDATE resolution_votes SET yes = 16 WHERE id = ?", (old_id,))
    mt.void_vote(db, old_id, "计票错误，重新清点")
    mt.record_vote(db, rid, 16, 9, 5)
    old, new = mt.votes(db, rid)
    assert (old.id, old.yes, old.result, old.void_reason) == (old_id, 15, "failed", "计票错误，重新清点")
    assert old.voided_at and new.voided_at is None and new.result == "passed"
    assert mt.get_resolution(db, rid).vote.id == new.id
    d = _decision(db, session, "关于通过《集体合同》的决议")
    assert d.passed and "同意 16 票" in d.result
    assert len(d.voided) == 1 and "计票错误，重新清点" in d.voided[0] and "同意 15 票" in d.voided[0] and "未通过" in d.voided[0]


def test_election_results_are_voided_and_re_recorded_not_overwritten(db, term, session):
    make_delegates(db, term, 30)
    mt.sign_in_all_present(db, session)
    rid = mt.add_resolution(db, session, "选举职工监事", kind="election", candidates=["甲", "乙"], seats=1)
    c = mt.get_resolution(db, rid).candidates
    first = mt.record_election(db, rid, {c[0].id: 20, c[1].id: 8})
    with pytest.raises(ValidationError, match="作废"):
        mt.record_election(db, rid, {c[0].id: 8, c[1].id: 20})
    assert [t.votes for t in mt.get_resolution(db, rid).vote.tallies] == [20, 8]
    assert mt.get_resolution(db, rid).vote_id == first  # 作废表决结果 finds it
    mt.void_vote(db, first, "唱票记录错误")
    mt.record_election(db, rid, {c[0].id: 8, c[1].id: 20})
    old, new = mt.votes(db, rid)
    assert [t.result for t in old.tallies] == ["elected", "not_elected"] and old.void_reason == "唱票记录错误"
    assert [t.result for t in new.tallies] == ["not_elected", "elected"]


def test_unknown_codes_are_refused_by_the_database(db, term, session):
    make_delegates(db, term, 30)
    mt.sign_in_all_present(db, session)
    rid = mt.add_resolution(db, session, "决议")
    with pytest.raises(sqlite3.DatabaseError):
        db.execute(
            "INSERT INTO resolution_votes (resolution_id, kind, yes, no, abstain, expected, present, needed, result, created_at) "
            "VALUES (?, 'resolution', 20, 0, 0, 30, 30, 16, 'maybe', '2025-03-20')",
            (rid,),
        )
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE resolutions SET kind = 'referendum' WHERE id = ?", (rid,))


def test_the_date_of_a_meeting_with_votes_cannot_move(db, term, session):
    ds = make_delegates(db, term, 30)
    late = cg.add_delegate(db, term, _new_member(db, 72), category="frontline", start_date="2025-04-01", start_how="by_election")
    mt.sign_in_all_present(db, session)
    mt.record_vote(db, mt.add_resolution(db, session, "决议一"), 20, 5, 5)
    s = cg.get_session(db, session)
    s.date = "2025-04-10"  # would bring the April by-election onto the roll
    with pytest.raises(ValidationError, match="表决结果") as info:
        cg.update_session(db, s)
    assert info.value.key == "date"
    s.date, s.place = "2025-03-20", "五楼会议室"  # other details can still be corrected
    cg.update_session(db, s)
    assert cg.get_session(db, session).place == "五楼会议室"
    assert mt.attendance(db, session).expected == 30 and late not in ds


@given(
    expected=st.integers(min_value=1, max_value=120),
    seats=st.integers(min_value=1, max_value=6),
    votes=st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=9),
)
def test_seat_rule_never_elects_more_than_the_seats_or_anyone_under_the_majority(expected, seats, votes):
    from models.congress_votes import decide_election, majority_needed

    seats = min(seats, len(votes))
    counts = list(enumerate(votes))
    outcome, result = decide_election(expected, seats, counts)
    needed = majority_needed(expected)
    elected = [v for cid, v in counts if outcome[cid] == "elected"]
    tied = [v for cid, v in counts if outcome[cid] == "tie"]
    losers = [v for cid, v in counts if outcome[cid] == "not_elected"]
    assert len(elected) <= seats and all(v >= needed for v in elected + tied)
    assert all(e > t for e in elected for t in tied) and all(e >= x for e in elected for x in losers)
    if tied:  # only a true tie for the last seat(s): more tied than the seats left
        assert result == "runoff" and len(set(tied)) == 1 and len(elected) + len(tied) > seats
    else:
        assert result == ("filled" if len(elected) == seats else "unfilled")
        assert len(elected) == min(seats, sum(1 for v in votes if v >= needed))
