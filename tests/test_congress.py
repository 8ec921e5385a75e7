"""Worker congress rules: terms and sessions, delegate history, composition, quorum, majority of ALL delegates."""

from __future__ import annotations

import pytest

from models import congress as cg
from models import congress_meeting as mt
from models import membership
from models.members import add_member
from models.org import get_profile, save_profile
from models.validation import ValidationError
from tests.conftest import make_id, member


def add_people(db, n: int, *, female_every: int = 3) -> list[int]:
    ids = []
    for i in range(n):
        female = i % female_every == 0
        ids.append(add_member(db, member(name=f"代表{i:02d}", id_number=make_id(seq=i + 1, male=not female))))
    return ids


@pytest.fixture
def term(db):
    return cg.add_term(db, cg.Term(number=3, start_date="2024-01-01", end_date="2028-12-31", delegate_quota=40))


@pytest.fixture
def session(db, term):
    return cg.add_session(db, cg.Session(term_id=term, number=2, date="2025-03-20", place="三楼会议室", host="王建国", recorder="李丽"))


def make_delegates(db, term, n=30):
    people = add_people(db, n)
    return [cg.add_delegate(db, term, mid, category="frontline" if i % 6 else "management", group_name=f"第{i % 3 + 1}代表团") for i, mid in enumerate(people)]


def test_session_names_in_chinese_numerals(db, term, session):
    assert cg.full_session_name(db, session) == "第三届职工代表大会第二次会议"
    assert cg.session_name(12, 21) == "第十二届职工代表大会第二十一次会议"
    assert cg.session_name(1, 10, assembly=True) == "第一届职工大会第十次会议"


def test_term_rules(db, term):
    with pytest.raises(ValidationError, match="3至5年"):
        cg.add_term(db, cg.Term(number=4, start_date="2029-01-01", end_date="2030-01-01"))
    with pytest.raises(ValidationError, match="重叠"):
        cg.add_term(db, cg.Term(number=4, start_date="2027-01-01", end_date="2031-01-01"))
    with pytest.raises(ValidationError, match="已存在"):
        cg.add_term(db, cg.Term(number=3, start_date="2029-01-01", end_date="2033-01-01"))


def test_session_date_outside_term_refused(db, term):
    with pytest.raises(ValidationError) as info:
        cg.add_session(db, cg.Session(term_id=term, number=1, date="2023-12-01"))
    assert info.value.key == "date" and "任期内" in info.value.message
    assert cg.sessions(db, term) == []


def test_delegate_must_be_active_member_once_per_term(db, term):
    a, b = add_people(db, 2)
    membership.record_event(db, b, "retain", "2024-02-01")
    cg.add_delegate(db, term, a, category="frontline")
    with pytest.raises(ValidationError, match="重复"):
        cg.add_delegate(db, term, a, category="technical")
    with pytest.raises(ValidationError, match="在会会员"):
        cg.add_delegate(db, term, b, category="frontline")
    assert len(cg.delegates(db, term)) == 1


def test_delegate_history_answers_who_served_when(db, term):
    a, b = add_people(db, 2)
    da = cg.add_delegate(db, term, a, category="frontline")
    cg.end_delegate(db, da, "2025-06-30", "transferred", "调往分公司")
    db_ = cg.add_delegate(db, term, b, category="frontline", start_date="2025-07-15", start_how="by_election")
    assert [d.id for d in cg.delegates(db, term, on="2025-03-01")] == [da]
    assert [d.id for d in cg.delegates(db, term, on="2025-08-01")] == [db_]
    assert {d.id for d in cg.delegates(db, term, include_ended=True)} == {da, db_}
    with pytest.raises(ValidationError, match="已于"):
        cg.end_delegate(db, da, "2025-07-01", "recalled")


def test_composition_figures(db, term):
    org = get_profile(db)
    org.union_name, org.workers_total, org.workers_female = "测试工会", 500, 150
    save_profile(db, org)
    make_delegates(db, term, 30)  # 5 managers of 30 = 16.7%; 10 women
    checks = {c.rule: c for c in cg.composition(db, term, on="2025-01-01")}
    count = next(c for r, c in checks.items() if r.startswith("代表人数不少于"))
    assert count.passed and "30 人（应不少于 30 人）" == count.figure
    mgmt = next(c for r, c in checks.items() if "20%" in r)
    assert mgmt.passed and "16.7%" in mgmt.figure
    org.workers_total = 1000  # 5% = 50 > 30
    save_profile(db, org)
    count = next(c for c in cg.composition(db, term, on="2025-01-01") if c.rule.startswith("代表人数不少于"))
    assert not count.passed and "不少于 50 人" in count.figure


def test_small_union_assembly_rule(db):
    org = get_profile(db)
    org.union_name, org.workers_total = "小厂工会", 60
    save_profile(db, org)
    t = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2027-12-31", is_assembly=True))
    rule = cg.composition(db, t, on="2024-06-01")[0]
    assert "职工大会" in rule.rule and rule.passed


def test_quorum_and_majority_of_all_delegates(db, term, session):
    ds = make_delegates(db, term, 30)
    rid = mt.add_resolution(db, session, "关于通过《集体合同》的决议")
    for d in ds[:19]:
        mt.sign_in(db, session, d, "present")
    att = mt.attendance(db, session)
    assert (att.expected, att.present, att.absent) == (30, 19, 11) and not att.quorum
    with pytest.raises(ValidationError, match="三分之二"):
        mt.record_vote(db, rid, 19, 0, 0)
    mt.sign_in(db, session, ds[19], "present")  # 20 of 30 = exactly two thirds
    mt.sign_in(db, session, ds[20], "leave", "出差")
    assert mt.attendance(db, session).quorum
    with pytest.raises(ValidationError, match="超过实到"):
        mt.record_vote(db, rid, 15, 5, 1)
    with pytest.raises(ValidationError, match="不小于零"):
        mt.record_vote(db, rid, -1, 0, 0)
    mt.record_vote(db, rid, 15, 4, 1)  # 15 of 30 is not MORE than half of all delegates
    r = mt.get_resolution(db, rid)
    result = r.vote
    assert not result.passed and result.needed == 16 and result.not_voted == 10
    assert "未通过" in result.statement()
    with pytest.raises(ValidationError, match="作废"):
        mt.record_vote(db, rid, 16, 3, 1)
    mt.void_vote(db, r.vote_id, "计票错误")
    mt.record_vote(db, rid, 16, 3, 1)
    assert mt.get_resolution(db, rid).vote.passed


def test_leave_needs_reason(db, term, session):
    d = make_delegates(db, term, 1)[0]
    with pytest.raises(ValidationError, match="原因"):
        mt.sign_in(db, session, d, "leave")


def test_election_majority(db, term, session):
    make_delegates(db, term, 30)
    mt.sign_in_all_present(db, session)
    rid = mt.add_resolution(db, session, "选举工会经费审查委员会委员", kind="election", candidates=["张三", "李四"], seats=2)
    r = mt.get_resolution(db, rid)
    with pytest.raises(ValidationError, match="超过实到"):
        mt.record_election(db, rid, {r.candidates[0].id: 31, r.candidates[1].id: 0})
    mt.record_election(db, rid, {r.candidates[0].id: 16, r.candidates[1].id: 15})
    tallies = mt.get_resolution(db, rid).vote.tallies
    assert [(t.name, t.result) for t in tallies] == [("张三", "elected"), ("李四", "not_elected")]


def test_session_with_votes_cannot_be_deleted_only_voided(db, term, session):
    make_delegates(db, term, 3)
    mt.add_resolution(db, session, "决议一")
    with pytest.raises(ValidationError, match="作废"):
        cg.delete_session(db, session)
    cg.void_session(db, session, "会议延期")
    assert cg.get_session(db, session).void_reason == "会议延期"
    empty = cg.add_session(db, cg.Session(term_id=1, number=3, date="2025-09-01"))
    cg.delete_session(db, empty)
    assert [s.number for s in cg.sessions(db, 1)] == [2]


def test_agenda_in_order(db, term, session):
    mt.add_agenda_item(db, mt.AgendaItem(session, "审议总经理工作报告", report_title="2024年工作报告"))
    mt.add_agenda_item(db, mt.AgendaItem(session, "审议财务工作报告"))
    assert [a.seq for a in mt.agenda(db, session)] == [1, 2]
    with pytest.raises(ValidationError):
        mt.add_agenda_item(db, mt.AgendaItem(session, " "))


def test_minutes_assembled_from_records(db, term, session):
    from models.minutes import minutes

    ds = make_delegates(db, term, 30)
    for d in ds[:25]:
        mt.sign_in(db, session, d, "present")
    mt.sign_in(db, session, ds[25], "leave", "病假")
    item = mt.add_agenda_item(db, mt.AgendaItem(session, "审议集体合同草案", speakers="张三、李四", discussion="代表们认为……"))
    rid = mt.add_resolution(db, session, "关于通过集体合同的决议", agenda_item_id=item)
    mt.record_vote(db, rid, 24, 1, 0)
    mt.add_resolution(db, session, "关于其他事项的决议")
    m = minutes(db, session)
    assert m.title == "第三届职工代表大会第二次会议"
    assert (m.attendance.expected, m.attendance.present, m.attendance.leave, m.attendance.absent) == (30, 25, 1, 4)
    assert "会议有效" in m.attendance.statement()
    assert m.leave_names == [f"{cg.get_delegate(db, ds[25]).name}（病假）"]
    assert len(m.absent_names) == 4
    assert m.items[0].decisions[0].passed is True and "同意 24 票" in m.items[0].decisions[0].result
    assert m.other_decisions[0].result == "尚未表决"
