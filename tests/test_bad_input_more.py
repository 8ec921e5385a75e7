"""The bad-input battery (tests/test_bad_input.py) at the call sites it did not reach.

Corrections and voids of members' dated facts, the yearly workforce, the congress's
voids and re-recorded votes, elections' seats and ballots, a proposal's rating, the
aid file's codes, household, tier, yearly review and closing, aid payments' voids and
signatures, rounds, and the dates and years lists and reports are read for. The same
values, the same verdicts: refused in Chinese naming the field with the file
unchanged, or harmlessly normalised.
"""

from __future__ import annotations

from dataclasses import replace
import pytest

from models import aid, aid_payments as ap, congress as cg, congress_meeting as mt, member_time, members, org
from models import proposals as pr
from tests.conftest import make_id, give_income
from tests.test_bad_input import Ledger, Site, _new_term, ok, values_for

# ---------------------------------------------------------------- set-ups written before the "before" dump


def _department_change(db, ids: dict) -> dict:
    """A dated change of 部门, so there is a change to void."""
    m = replace(members.get_member(db, ids["people"][0]), department="质检部")
    members.update_member(db, m, effective="2025-03-01")
    change = db.execute("SELECT max(id) FROM member_changes WHERE field = 'department' AND date = '2025-03-01'").fetchone()[0]
    return {"change": change}


def _vote(db, ids: dict) -> dict:
    """A standing vote: the sign-in is closed and a new vote must void it first."""
    return {"vote": mt.record_vote(db, ids["resolution"], 3, 0, 0)}


def _replied(db, ids: dict) -> dict:
    pr.advance(db, ids["p_assigned"], "reply", "2025-06-10", reply="已解决", replied_by="后勤部")
    return {}


def _child(db, ids: dict) -> dict:
    return {"child": aid.add_household_member(db, ids["case"], aid.HouseholdMember("陈小明", "child"))}


def _active(db, ids: dict) -> dict:
    """The file approved (在档), so a yearly review may be held."""
    case = ids["case"]
    aid.advance(db, case, "visit", "2025-01-15", people="张三、李四")
    aid.advance(db, case, "review", "2025-01-20")
    aid.advance(db, case, "notice", "2025-01-22", end_date="2025-02-05")
    give_income(db, case)
    aid.confirm_tier(db, case, "deep")
    aid.advance(db, case, "approve", "2025-02-06")
    return {}


def _aid_payment(db, ids: dict) -> dict:
    return {"aid_payment": ap.record_payment(db, ap.Payment(ids["case"], "living", "2025-03-01", 50000, "own", note="突发重病，应急救助"))}


def _case(**kw) -> aid.Case:
    return aid.Case(**{"worker_name": "陈静", "worker_id_number": "", "main_cause": "major_illness", "opened_on": "2025-02-01", **kw})


def _open_with(field: str):
    return lambda db, ids, v: aid.open_file(db, _case(**{"worker_id_number": make_id(seq=41, male=False), field: v}))


MORE_SITES: list[Site] = [
    # --- members' dated facts: edits, corrections, voids
    Site("update_member.effective", "date", lambda db, ids, v: members.update_member(db, replace(members.get_member(db, ids["people"][0]), department="质检部"), effective=v)),
    Site("update_member.change_note", "text", lambda db, ids, v: members.update_member(db, replace(members.get_member(db, ids["people"][0]), department="质检部"), note=v)),
    Site("correct_value.field", "code", lambda db, ids, v: member_time.correct_value(db, ids["people"][0], v, "质检部")),
    Site("correct_value.value", "text", lambda db, ids, v: member_time.correct_value(db, ids["people"][0], "department", v)),
    Site("correct_value.on", "date", lambda db, ids, v: member_time.correct_value(db, ids["people"][0], "department", "质检部", on=v)),
    Site("correct_value.note", "text", lambda db, ids, v: member_time.correct_value(db, ids["people"][0], "department", "质检部", note=v)),
    Site("void_change.reason", "multiline", lambda db, ids, v: member_time.void_change(db, ids["change"], v), prepare=_department_change),
    # --- the union's workforce, year by year
    Site("save_workforce.year", "number", lambda db, ids, v: org.save_workforce(db, v, workers_total=130)),
    Site("save_workforce.workers_total", "number", lambda db, ids, v: org.save_workforce(db, 2025, workers_total=v)),
    Site("save_workforce.note", "multiline", lambda db, ids, v: org.save_workforce(db, 2025, workers_total=130, note=v)),
    Site("save_profile.year", "number", lambda db, ids, v: org.save_profile(db, replace(org.get_profile(db), workers_total=130), year=v)),
    Site("get_profile.on", "date", lambda db, ids, v: org.get_profile(db, on=v)),
    # --- congress: voids, delegates, composition, votes recorded again, elections
    Site("void_session.reason", "multiline", lambda db, ids, v: cg.void_session(db, ids["session"], v)),
    Site("add_delegate.start_how", "code", lambda db, ids, v: cg.add_delegate(db, ids["new_term"], ids["people"][0], category="frontline", start_how=v), prepare=_new_term),
    Site("composition.on", "date", lambda db, ids, v: cg.composition(db, ids["term"], on=v)),
    Site("sign_in.void_votes_reason", "multiline", lambda db, ids, v: mt.sign_in(db, ids["session"], ids["delegates"][3], "leave", "出差", void_votes_reason=v), prepare=_vote),
    Site("record_vote.replace_reason", "multiline", lambda db, ids, v: mt.record_vote(db, ids["resolution"], 2, 1, 0, replace_reason=v), prepare=_vote),
    Site("void_recorded_vote.reason", "multiline", lambda db, ids, v: mt.void_vote(db, ids["vote"], v), prepare=_vote),
    Site("record_election.ballots", "number", lambda db, ids, v: mt.record_election(db, ids["election"], {ids["candidate"]: 3}, ballots=v)),
    Site("record_election.seats", "number", lambda db, ids, v: mt.record_election(db, ids["election"], {ids["candidate"]: 3}, seats=v)),
    Site("void_resolution.reason", "multiline", lambda db, ids, v: mt.void_resolution(db, ids["election"], v)),
    # --- proposals: the delegate's rating, the overdue list and the report's day
    Site("add_proposal.cosigner_ids", "code", lambda db, ids, v: pr.add_proposal(db, pr.Proposal(ids["session"], "2025-09", "增设班车", ids["delegates"][1], v, submitted_on="2025-05-21"))),
    Site("proposal_advance.rating", "code", lambda db, ids, v: pr.advance(db, ids["p_assigned"], "rate", "2025-06-15", rating=v), prepare=_replied),
    Site("list_proposals.overdue_on", "search", lambda db, ids, v: pr.list_proposals(db, overdue_on=v)),
    Site("proposal_summary.on", "search", lambda db, ids, v: pr.summary(db, ids["session"], v)),
    # --- aid files: codes, flags, phone and ID, household, tier, review, closing
    *[Site(f"open_file.{f}", "code", _open_with(f)) for f in ("work_status", "model_worker", "marriage", "housing_type")],
    Site("open_file.is_zero_employment", "flag", _open_with("is_zero_employment")),
    Site("open_file.phone", "text", _open_with("phone")),
    Site("open_file.worker_id_number", "text", lambda db, ids, v: aid.open_file(db, _case(worker_id_number=v))),
    Site("add_household_member.health", "code", lambda db, ids, v: aid.add_household_member(db, ids["case"], aid.HouseholdMember("陈小明", "child", health=v))),
    Site("add_household_member.id_number", "text", lambda db, ids, v: aid.add_household_member(db, ids["case"], aid.HouseholdMember("陈小明", "child", id_number=v))),
    Site("add_household_member.on", "date", lambda db, ids, v: aid.add_household_member(db, ids["case"], aid.HouseholdMember("陈小明", "child"), on=v)),
    Site("update_household_member.name", "text", lambda db, ids, v: aid.update_household_member(db, replace(aid.household_members(db, ids["case"])[-1], name=v)), prepare=_child),
    Site("update_household_member.monthly_income_fen", "number", lambda db, ids, v: aid.update_household_member(db, replace(aid.household_members(db, ids["case"])[-1], monthly_income_fen=v)), prepare=_child),
    Site("remove_household_member.reason", "text", lambda db, ids, v: aid.remove_household_member(db, ids["child"], v, on="2025-03-01"), prepare=_child),
    Site("remove_household_member.on", "date", lambda db, ids, v: aid.remove_household_member(db, ids["child"], "外出务工", on=v), prepare=_child),
    Site("confirm_tier.tier", "code", lambda db, ids, v: aid.confirm_tier(db, ids["case"], v, "家中另有病人")),
    Site("confirm_tier.reason", "multiline", lambda db, ids, v: aid.confirm_tier(db, ids["case"], "relative", v)),
    Site("confirm_tier.on", "date", lambda db, ids, v: aid.confirm_tier(db, ids["case"], "relative", "家中另有病人", on=v), prepare=_active),
    Site("correct_tier.tier", "code", lambda db, ids, v: aid.correct_tier(db, ids["case"], v, "录入时选错"), prepare=_active),
    Site("correct_tier.reason", "text", lambda db, ids, v: aid.correct_tier(db, ids["case"], "relative", v), prepare=_active),
    Site("annual_review.date", "date", lambda db, ids, v: aid.annual_review(db, ids["case"], v, "kept", people="张三、李四"), prepare=_active),
    Site("annual_review.outcome", "code", lambda db, ids, v: aid.annual_review(db, ids["case"], "2025-06-01", v, people="张三、李四"), prepare=_active),
    Site("annual_review.people", "text", lambda db, ids, v: aid.annual_review(db, ids["case"], "2025-06-01", "kept", people=v), prepare=_active),
    Site("annual_review.findings", "multiline", lambda db, ids, v: aid.annual_review(db, ids["case"], "2025-06-01", "kept", findings=v), prepare=_active),
    Site("annual_review.reason", "multiline", lambda db, ids, v: aid.annual_review(db, ids["case"], "2025-06-01", "tier_changed", new_tier="relative", reason=v), prepare=_active),
    Site("annual_review.new_tier", "code", lambda db, ids, v: aid.annual_review(db, ids["case"], "2025-06-01", "tier_changed", new_tier=v, reason="收入增加"), prepare=_active),
    Site("close_file.reason", "code", lambda db, ids, v: aid.close_file(db, ids["case"], "2025-03-01", v)),
    Site("close_file.note", "multiline", lambda db, ids, v: aid.close_file(db, ids["case"], "2025-03-01", "retired", note=v)),
    Site("case_as_of.on", "date", lambda db, ids, v: aid.case_as_of(db, ids["case"], v)),
    # --- aid payments and rounds, and the figures read for a year or a day
    Site("aid_payment.funding_source", "code", lambda db, ids, v: ap.record_payment(db, ap.Payment(ids["case"], "living", "2025-03-01", 50000, v))),
    Site("void_aid_payment.reason", "multiline", lambda db, ids, v: ap.void_payment(db, ids["aid_payment"], v), prepare=_aid_payment),
    Site("set_signed.signed", "flag", lambda db, ids, v: ap.set_signed(db, ids["aid_payment"], v), prepare=_aid_payment),
    Site("add_round.aid_type", "code", lambda db, ids, v: ap.add_round(db, "元宵慰问", v, "2026-01-25")),
    Site("add_round.notice_start", "date", lambda db, ids, v: ap.add_round(db, "元宵慰问", "warmth", "2026-01-25", notice_start=v, notice_end="2026-01-20")),
    Site("add_round.note", "multiline", lambda db, ids, v: ap.add_round(db, "元宵慰问", "warmth", "2026-01-25", note=v)),
    Site("round_candidates.on", "date", lambda db, ids, v: ap.round_candidates(db, v)),
    Site("aid_totals.year", "number", lambda db, ids, v: ap.totals(db, v)),
    Site("aid_file_summary.year", "number", lambda db, ids, v: ap.file_summary(db, v)),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Ledger:
    return Ledger(tmp_path_factory.mktemp("bad_input_more"))


@pytest.mark.parametrize("site", MORE_SITES, ids=[s.name for s in MORE_SITES])
def test_bad_input_is_refused_in_chinese_or_normalised(ledger: Ledger, site: Site):
    wrong = [f"{label}: {verdict[:150]}" for label, value in values_for(site).items() if not ok(verdict := ledger.run(site, label, value))]
    assert not wrong, f"{site.name}: " + "; ".join(wrong)


def test_every_set_up_is_sound(ledger: Ledger):
    """A good value passes at every site with a set-up, so a refusal there is the bad value's doing."""
    good = {
        "void_change.reason": "录入错误", "sign_in.void_votes_reason": "签到有误", "record_vote.replace_reason": "计票有误",
        "void_recorded_vote.reason": "计票有误", "proposal_advance.rating": "satisfied", "update_household_member.name": "陈小亮",
        "update_household_member.monthly_income_fen": 100000, "remove_household_member.reason": "外出务工",
        "remove_household_member.on": "2025-03-01", "confirm_tier.on": "2025-06-01", "correct_tier.tier": "relative",
        "correct_tier.reason": "录入时选错", "annual_review.date": "2025-06-01", "annual_review.outcome": "kept",
        "annual_review.people": "张三、李四", "annual_review.findings": "收入未变", "annual_review.reason": "收入增加",
        "annual_review.new_tier": "relative", "void_aid_payment.reason": "重复登记", "set_signed.signed": True,
        "add_delegate.start_how": "elected",
    }
    sites = {s.name: s for s in MORE_SITES}
    refused = {name: str(exc) for name, value in good.items() if (exc := ledger.refusal(sites[name], value))}
    assert not refused
