"""Issue 7, bad input: a battery of hostile values through every public models function.

Each public function that takes what people type gets, for each of its inputs, the
values that broke the first release: control characters (openpyxl refuses them, so
one in a name killed every roster export), strings of 100 KB and 10 MB, True/False
as amounts or counts, NaN and ±inf, negative and absurd numbers, impossible
periods and dates (9999-12, 0000-00, 2026-13), wrong types (list, dict, bytes) and
a 100,000-character search. Every case must either

- raise models.validation.ValidationError with a Chinese message naming the field,
  and leave the database exactly as it was (a full dump compared before/after), or
- be harmlessly normalised: for text, nothing unprintable and nothing oversized
  reaches the file; for a search or filter, a result instead of a crash.

Each case runs on its own copy of one small, fully populated ledger file.
"""

from __future__ import annotations

import math
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import pytest

from models import aid, aid_payments as ap, congress as cg, congress_meeting as mt, dues, member_list, members, membership, org
from models import proposals as pr
from models.db import connect, open_database
from models.validation import ValidationError
from tests.conftest import make_id, member

# ---------------------------------------------------------------- the hostile values

CTRL = {"nul": "张\x00三", "unit_sep": "张\x1f三", "del": "张\x7f三"}
LINE_BREAKS = {"newline": "张\n三", "tab": "张\t三"}  # bad only in single-line fields
LONG = {"100k": "长" * 100_000}
HUGE = {"10m": "x" * 10_000_000}
WRONG_TYPES = {"list": ["张三"], "bytes": "张三".encode(), "true": True}
NUMBERS = {
    "true": True,
    "false": False,
    "nan": math.nan,
    "inf": math.inf,
    "-inf": -math.inf,
    "negative": -1,
    "absurd": 10**12,
    "beyond_int64": 10**20,
    "list": [1],
    "text": "一百",
}
DATES = {
    "9999-12-31": "9999-12-31",
    "2026-13-01": "2026-13-01",
    "2026-02-30": "2026-02-30",
    "9999-12": "9999-12",
    "0000-00": "0000-00",
    "2026-13": "2026-13",
    "true": True,
    "list": ["2025-01-01"],
    "ctrl": "2025-01-01\x00",
    "100k": "2" * 100_000,
}
PERIODS = {
    "9999-12": "9999-12",
    "0000-00": "0000-00",
    "2026-13": "2026-13",
    "0000-01": "0000-01",
    "1800-01": "1800-01",
    "2026-00": "2026-00",
    "true": True,
    "list": ["2026-01"],
    "ctrl": "2026-01\x00",
    "100k": "2" * 100_000,
}
FLAGS = {"text_no": "否", "two": 2, "nan": math.nan, "list": [1]}
CODES = {"list": ["x"], "dict": {"x": 1}, "true": True, "ctrl": "\x00", "100k": "长" * 100_000}
SEARCHES = {
    "100k": "张" * 100_000,
    "10m": "z" * 10_000_000,
    "ctrl": "张\x00\x1b",
    "list": ["张"],
    "bytes": b"zh",
    "true": True,
}

# kind → (values, may a successful call count as harmless normalisation?)
KINDS: dict[str, dict[str, Any]] = {
    "text": {**CTRL, **LINE_BREAKS, **LONG, **WRONG_TYPES},
    "multiline": {**CTRL, **LONG, **WRONG_TYPES},
    "bulk_text": {**CTRL, **LINE_BREAKS, **LONG},
    "number": NUMBERS,
    "date": DATES,
    "period": PERIODS,
    "flag": FLAGS,
    "code": CODES,
    "search": SEARCHES,
}
NORMALISABLE = {*CTRL, *LINE_BREAKS, *LONG, *HUGE}


@dataclass(frozen=True)
class Site:
    name: str
    kind: str
    call: Callable[[Any, dict, Any], Any]
    huge: bool = False  # also try the 10 MB string
    prepare: Callable[[Any, dict], dict] | None = None  # set-up written before the "before" dump


# ---------------------------------------------------------------- the ledger every case starts from

def _fill(db) -> dict:
    p = org.get_profile(db)
    p.union_name, p.unit_name, p.workers_total, p.min_living_fen = "测试公司工会", "测试公司", 120, 93000
    org.save_profile(db, p)
    people = [
        members.add_member(db, member(name=n, id_number=make_id(seq=i + 1, male=i % 2 == 0), monthly_wage_fen=512345))
        for i, n in enumerate(["张伟", "王芳", "李强", "赵敏"])
    ]
    payment = dues.record_payment(db, people[0], ["2026-01"], 2560, "2026-01-10")[0]
    term = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2028-12-31"))
    session = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-06-01", place="三楼会议室"))
    ds = [cg.add_delegate(db, term, m, category="frontline") for m in people]
    mt.sign_in_all_present(db, session)
    item = mt.add_agenda_item(db, mt.AgendaItem(session_id=session, title="工作报告"))
    resolution = mt.add_resolution(db, session, "关于工作报告的决议")
    election = mt.add_resolution(db, session, "补选工会委员", kind="election", candidates=["张伟"], seats=1)
    candidate = mt.get_resolution(db, election).candidates[0].id

    def proposal(n: int) -> int:
        return pr.add_proposal(
            db,
            pr.Proposal(session_id=session, number=f"2025-0{n}", title="改善职工食堂", proposer_id=ds[0], cosigner_ids=[ds[1], ds[2]], submitted_on="2025-05-20"),
        )

    p_new, p_accepted, p_assigned = proposal(1), proposal(2), proposal(3)
    pr.advance(db, p_accepted, "accept", "2025-05-25")
    pr.advance(db, p_assigned, "accept", "2025-05-25")
    pr.advance(db, p_assigned, "assign", "2025-05-26", department="后勤部", deadline="2025-06-30")
    case = aid.open_file(db, aid.Case(worker_name="刘秀英", worker_id_number=make_id(seq=40, male=False), main_cause="major_illness", opened_on="2025-01-10"))
    round_id = ap.add_round(db, "2026年春节送温暖", "warmth", "2026-01-20")
    return dict(
        people=people, payment=payment, term=term, session=session, delegates=ds, item=item, resolution=resolution,
        election=election, candidate=candidate, p_new=p_new, p_accepted=p_accepted, p_assigned=p_assigned, case=case,
        round=round_id, event=membership.events(db, people[0])[0].id,
    )


class Ledger:
    """Hands out fresh copies of one populated ledger file, one per case."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template.db"
        db = open_database(self.template)
        self.ids = _fill(db)
        db.close()  # the last connection checkpoints the WAL into the file

    def _fresh(self):
        path = self.folder / "case.db"
        for leftover in self.folder.glob("case.db*"):
            leftover.unlink()
        shutil.copyfile(self.template, path)
        return connect(path)  # the file is already migrated: open it as a worker thread would

    def run(self, site: Site, label: str, value: Any) -> str:
        db = self._fresh()
        try:
            ids = {**self.ids, **site.prepare(db, self.ids)} if site.prepare else self.ids
            return judge(db, site, label, value, lambda: site.call(db, ids, value))
        finally:
            db.close()

    def refusal(self, site: Site, value: Any) -> ValidationError | None:
        """The ValidationError a value gets at a site, or None if it was taken."""
        db = self._fresh()
        try:
            ids = {**self.ids, **site.prepare(db, self.ids)} if site.prepare else self.ids
            site.call(db, ids, value)
            return None
        except ValidationError as exc:
            return exc
        finally:
            db.close()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Ledger:
    return Ledger(tmp_path_factory.mktemp("bad_input"))


# ---------------------------------------------------------------- where the values go in

def _member(ids: dict, **kw) -> members.Member:
    return member(**{"name": "新会员", "id_number": make_id(seq=30), **kw})


def _existing(db, ids: dict, **kw) -> members.Member:
    return replace(members.get_member(db, ids["people"][0]), **kw)


def _profile(db, **kw) -> org.OrgProfile:
    return replace(org.get_profile(db), **kw)


def _session(ids: dict, **kw) -> cg.Session:
    return cg.Session(**{"term_id": ids["term"], "number": 2, "date": "2025-09-01", **kw})


def _case(**kw) -> aid.Case:
    return aid.Case(**{"worker_name": "陈静", "worker_id_number": make_id(seq=41, male=False), "main_cause": "major_illness", "opened_on": "2025-02-01", **kw})


def _household(**kw) -> aid.HouseholdMember:
    return aid.HouseholdMember(**{"name": "陈小明", "relation": "child", **kw})


def _aid_payment(ids: dict, **kw) -> ap.Payment:
    return ap.Payment(**{"case_id": ids["case"], "aid_type": "living", "date": "2025-03-01", "amount_fen": 50000, "funding_source": "own", "note": "突发重病，应急救助", **kw})


def _proposal(ids: dict, **kw) -> pr.Proposal:
    ds = ids["delegates"]
    return pr.Proposal(**{"session_id": ids["session"], "number": "2025-09", "title": "增设班车", "proposer_id": ds[1], "cosigner_ids": [ds[2], ds[3]], "submitted_on": "2025-05-21", **kw})


def _filter(db, **kw) -> int:
    return len(member_list.list_members(db, member_list.MemberFilter(**kw)))


def _second_event(db, ids: dict) -> dict:
    return {"second_event": membership.record_event(db, ids["people"][1], "retain", "2025-01-05")}


def _new_term(db, ids: dict) -> dict:
    return {"new_term": cg.add_term(db, cg.Term(number=2, start_date="2029-01-01", end_date="2033-12-31"))}


SITES: list[Site] = [
    # --- members: add, update, bulk add
    *[
        Site(f"add_member.{f}", "text", lambda db, ids, v, f=f: members.add_member(db, _member(ids, **{f: v})), huge=f == "name")
        for f in ("name", "hukou_place", "native_place", "workplace", "department", "post", "employee_no", "card_number", "member_no", "phone", "id_number")
    ],
    Site("add_member.note", "multiline", lambda db, ids, v: members.add_member(db, _member(ids, note=v)), huge=True),
    *[
        Site(f"add_member.{f}", "code", lambda db, ids, v, f=f: members.add_member(db, _member(ids, **{f: v})))
        for f in ("political_status", "education", "ethnicity", "id_type", "employment_status")
    ],
    Site("add_member.is_migrant_worker", "flag", lambda db, ids, v: members.add_member(db, _member(ids, is_migrant_worker=v))),
    Site("add_member.is_dispatched", "flag", lambda db, ids, v: members.add_member(db, _member(ids, is_dispatched=v))),
    Site("add_member.monthly_wage_fen", "number", lambda db, ids, v: members.add_member(db, _member(ids, monthly_wage_fen=v))),
    Site("add_member.join_date", "date", lambda db, ids, v: members.add_member(db, _member(ids, join_date=v))),
    Site("add_member.birth_date", "date", lambda db, ids, v: members.add_member(db, _member(ids, id_type="passport", id_number="E1234567", gender="1", birth_date=v))),
    Site("add_member.how", "code", lambda db, ids, v: members.add_member(db, _member(ids), how=v)),
    Site("add_member.event_date", "date", lambda db, ids, v: members.add_member(db, _member(ids), event_date=v)),
    Site("add_member.other_union", "text", lambda db, ids, v: members.add_member(db, _member(ids), how="transfer_in", other_union=v)),
    Site("update_member.name", "text", lambda db, ids, v: members.update_member(db, _existing(db, ids, name=v))),
    Site("update_member.note", "multiline", lambda db, ids, v: members.update_member(db, _existing(db, ids, note=v))),
    Site("update_member.monthly_wage_fen", "number", lambda db, ids, v: members.update_member(db, _existing(db, ids, monthly_wage_fen=v))),
    Site("update_member.join_date", "date", lambda db, ids, v: members.update_member(db, _existing(db, ids, join_date=v))),
    Site("add_members.name", "bulk_text", lambda db, ids, v: members.add_members(db, [replace(members.validate(_member(ids)), name=v)])),
    Site("add_members.department", "bulk_text", lambda db, ids, v: members.add_members(db, [replace(members.validate(_member(ids)), department=v)])),
    # --- membership history
    Site("record_event.kind", "code", lambda db, ids, v: membership.record_event(db, ids["people"][1], v, "2026-02-01")),
    Site("record_event.date", "date", lambda db, ids, v: membership.record_event(db, ids["people"][1], "retain", v)),
    Site("record_event.reason", "text", lambda db, ids, v: membership.record_event(db, ids["people"][1], "retain", "2026-02-01", reason=v)),
    Site("record_event.other_union", "text", lambda db, ids, v: membership.record_event(db, ids["people"][1], "transfer_out", "2026-02-01", other_union=v)),
    Site("record_event.note", "multiline", lambda db, ids, v: membership.record_event(db, ids["people"][1], "retain", "2026-02-01", note=v)),
    Site("void_event.reason", "multiline", lambda db, ids, v: membership.void_event(db, ids["second_event"], v), prepare=_second_event),
    # --- dues
    Site("record_payment.amount_fen", "number", lambda db, ids, v: dues.record_payment(db, ids["people"][1], ["2026-02"], v, "2026-02-10")),
    Site("record_payment.wage_fen", "number", lambda db, ids, v: dues.record_payment(db, ids["people"][1], ["2026-02"], 2560, "2026-02-10", wage_fen=v)),
    Site("record_payment.period", "period", lambda db, ids, v: dues.record_payment(db, ids["people"][1], [v], 2560, "2026-02-10")),
    Site("record_payment.paid_on", "date", lambda db, ids, v: dues.record_payment(db, ids["people"][1], ["2026-02"], 2560, v)),
    Site("record_payment.note", "multiline", lambda db, ids, v: dues.record_payment(db, ids["people"][1], ["2026-02"], 2560, "2026-02-10", note=v), huge=True),
    Site("periods_between.first", "period", lambda db, ids, v: dues.periods_between(v, "2026-03")),
    Site("periods_between.last", "period", lambda db, ids, v: dues.periods_between("2026-01", v)),
    Site("monthly_dues.wage", "number", lambda db, ids, v: dues.monthly_dues(v)),
    Site("monthly_dues.rounding", "code", lambda db, ids, v: dues.monthly_dues(512345, v)),
    Site("unpaid_members.period", "period", lambda db, ids, v: dues.unpaid_members(db, v)),
    Site("unpaid_members.department", "search", lambda db, ids, v: dues.unpaid_members(db, "2026-02", v)),
    Site("period_summary.period", "period", lambda db, ids, v: dues.period_summary(db, v)),
    Site("void_payment.reason", "multiline", lambda db, ids, v: dues.void_payment(db, ids["payment"], v), huge=True),
    # --- the union's profile and settings
    *[
        Site(f"save_profile.{f}", "text", lambda db, ids, v, f=f: org.save_profile(db, _profile(db, **{f: v})), huge=f == "union_name")
        for f in ("union_name", "unit_name", "unit_nature", "industry", "chair", "vice_chair", "address", "parent_union", "phone", "credit_code")
    ],
    Site("save_profile.founded_on", "date", lambda db, ids, v: org.save_profile(db, _profile(db, founded_on=v))),
    *[
        Site(f"save_profile.{f}", "number", lambda db, ids, v, f=f: org.save_profile(db, _profile(db, **{f: v})))
        for f in ("workers_total", "workers_female", "workers_migrant", "workers_dispatched", "min_living_fen")
    ],
    # --- the member list: search as you type and filters
    Site("list_members.text", "search", lambda db, ids, v: _filter(db, text=v), huge=True),
    Site("list_members.status", "search", lambda db, ids, v: _filter(db, status=v)),
    Site("list_members.department", "search", lambda db, ids, v: _filter(db, department=v)),
    Site("list_members.sort", "search", lambda db, ids, v: _filter(db, sort=v)),
    Site("list_members.descending", "search", lambda db, ids, v: _filter(db, descending=v)),
    Site("iter_members.text", "search", lambda db, ids, v: list(member_list.iter_members(db, member_list.MemberFilter(text=v), ["id", "name"]))),
    # --- congress: terms, sessions, delegates, sign-in, agenda, votes
    Site("add_term.number", "number", lambda db, ids, v: cg.add_term(db, cg.Term(number=v, start_date="2029-01-01", end_date="2033-12-31"))),
    Site("add_term.delegate_quota", "number", lambda db, ids, v: cg.add_term(db, cg.Term(number=2, start_date="2029-01-01", end_date="2033-12-31", delegate_quota=v))),
    Site("add_term.is_assembly", "flag", lambda db, ids, v: cg.add_term(db, cg.Term(number=2, start_date="2029-01-01", end_date="2033-12-31", is_assembly=v))),
    Site("add_term.note", "multiline", lambda db, ids, v: cg.add_term(db, cg.Term(number=2, start_date="2029-01-01", end_date="2033-12-31", note=v))),
    Site("add_term.start_date", "date", lambda db, ids, v: cg.add_term(db, cg.Term(number=2, start_date=v, end_date="2033-12-31"))),
    Site("add_term.end_date", "date", lambda db, ids, v: cg.add_term(db, cg.Term(number=2, start_date="2029-01-01", end_date=v))),
    Site("add_session.number", "number", lambda db, ids, v: cg.add_session(db, _session(ids, number=v))),
    Site("add_session.date", "date", lambda db, ids, v: cg.add_session(db, _session(ids, date=v))),
    Site("add_session.kind", "code", lambda db, ids, v: cg.add_session(db, _session(ids, kind=v))),
    *[
        Site(f"add_session.{f}", "text", lambda db, ids, v, f=f: cg.add_session(db, _session(ids, **{f: v})))
        for f in ("place", "host", "recorder", "executive_chair", "start_time")
    ],
    *[
        Site(f"add_session.{f}", "multiline", lambda db, ids, v, f=f: cg.add_session(db, _session(ids, **{f: v})), huge=f == "opening")
        for f in ("nonvoting", "opening", "closing", "note")
    ],
    Site("update_session.place", "text", lambda db, ids, v: cg.update_session(db, replace(cg.get_session(db, ids["session"]), place=v))),
    Site("update_session.closing", "multiline", lambda db, ids, v: cg.update_session(db, replace(cg.get_session(db, ids["session"]), closing=v))),
    Site("add_delegate.category", "code", lambda db, ids, v: cg.add_delegate(db, ids["new_term"], ids["people"][0], category=v), prepare=_new_term),
    Site("add_delegate.group_name", "text", lambda db, ids, v: cg.add_delegate(db, ids["new_term"], ids["people"][0], category="frontline", group_name=v), prepare=_new_term),
    Site("add_delegate.start_date", "date", lambda db, ids, v: cg.add_delegate(db, ids["new_term"], ids["people"][0], category="frontline", start_date=v), prepare=_new_term),
    Site("end_delegate.date", "date", lambda db, ids, v: cg.end_delegate(db, ids["delegates"][3], v, "transferred")),
    Site("end_delegate.how", "code", lambda db, ids, v: cg.end_delegate(db, ids["delegates"][3], "2026-01-05", v)),
    Site("end_delegate.note", "multiline", lambda db, ids, v: cg.end_delegate(db, ids["delegates"][3], "2026-01-05", "transferred", v)),
    Site("update_delegate.group_name", "text", lambda db, ids, v: cg.update_delegate(db, ids["delegates"][3], category="frontline", group_name=v)),
    Site("update_delegate.category", "code", lambda db, ids, v: cg.update_delegate(db, ids["delegates"][3], category=v, group_name="")),
    Site("sign_in.status", "code", lambda db, ids, v: mt.sign_in(db, ids["session"], ids["delegates"][3], v)),
    Site("sign_in.reason", "text", lambda db, ids, v: mt.sign_in(db, ids["session"], ids["delegates"][3], "leave", v)),
    *[
        Site(f"add_agenda_item.{f}", "text", lambda db, ids, v, f=f: mt.add_agenda_item(db, mt.AgendaItem(**{"session_id": ids["session"], "title": "财务报告", f: v})))
        for f in ("title", "report_title", "presenter")
    ],
    *[
        Site(f"add_agenda_item.{f}", "multiline", lambda db, ids, v, f=f: mt.add_agenda_item(db, mt.AgendaItem(**{"session_id": ids["session"], "title": "财务报告", f: v})), huge=f == "discussion")
        for f in ("speakers", "discussion")
    ],
    Site("add_agenda_item.seq", "number", lambda db, ids, v: mt.add_agenda_item(db, mt.AgendaItem(session_id=ids["session"], title="财务报告", seq=v))),
    Site("update_agenda_item.discussion", "multiline", lambda db, ids, v: mt.update_agenda_item(db, mt.AgendaItem(session_id=ids["session"], title="工作报告", discussion=v, id=ids["item"]))),
    Site("add_resolution.title", "text", lambda db, ids, v: mt.add_resolution(db, ids["session"], v)),
    Site("add_resolution.text", "multiline", lambda db, ids, v: mt.add_resolution(db, ids["session"], "关于财务报告的决议", text=v)),
    Site("add_resolution.kind", "code", lambda db, ids, v: mt.add_resolution(db, ids["session"], "关于财务报告的决议", kind=v)),
    Site("add_resolution.candidate", "text", lambda db, ids, v: mt.add_resolution(db, ids["session"], "补选", kind="election", candidates=[v], seats=1)),
    *[
        Site(f"record_vote.{f}", "number", lambda db, ids, v, f=f: mt.record_vote(db, ids["resolution"], **{"yes": 3, "no": 0, "abstain": 0, f: v}))
        for f in ("yes", "no", "abstain")
    ],
    Site("record_election.votes", "number", lambda db, ids, v: mt.record_election(db, ids["election"], {ids["candidate"]: v})),
    Site("void_vote.reason", "multiline", lambda db, ids, v: mt.void_resolution(db, ids["resolution"], v)),
    # --- proposals
    *[
        Site(f"add_proposal.{f}", "text", lambda db, ids, v, f=f: pr.add_proposal(db, _proposal(ids, **{f: v})))
        for f in ("number", "title")
    ],
    *[
        Site(f"add_proposal.{f}", "multiline", lambda db, ids, v, f=f: pr.add_proposal(db, _proposal(ids, **{f: v})), huge=f == "content")
        for f in ("content", "reason", "measures")
    ],
    Site("add_proposal.category", "code", lambda db, ids, v: pr.add_proposal(db, _proposal(ids, category=v))),
    Site("add_proposal.submitted_on", "date", lambda db, ids, v: pr.add_proposal(db, _proposal(ids, submitted_on=v))),
    Site("proposal_advance.action", "code", lambda db, ids, v: pr.advance(db, ids["p_new"], v, "2025-06-01")),
    Site("proposal_advance.date", "date", lambda db, ids, v: pr.advance(db, ids["p_new"], "accept", v)),
    Site("proposal_advance.note", "multiline", lambda db, ids, v: pr.advance(db, ids["p_new"], "reject", "2025-06-01", note=v)),
    Site("proposal_advance.department", "text", lambda db, ids, v: pr.advance(db, ids["p_accepted"], "assign", "2025-06-01", department=v, deadline="2025-07-01")),
    Site("proposal_advance.deadline", "date", lambda db, ids, v: pr.advance(db, ids["p_accepted"], "assign", "2025-06-01", department="后勤部", deadline=v)),
    Site("proposal_advance.reply", "multiline", lambda db, ids, v: pr.advance(db, ids["p_assigned"], "reply", "2025-06-10", reply=v, replied_by="后勤部"), huge=True),
    Site("proposal_advance.replied_by", "text", lambda db, ids, v: pr.advance(db, ids["p_assigned"], "reply", "2025-06-10", reply="已解决", replied_by=v)),
    Site("list_proposals.department", "search", lambda db, ids, v: pr.list_proposals(db, department=v)),
    Site("list_proposals.state", "search", lambda db, ids, v: pr.list_proposals(db, state=v)),
    # --- aid: files, household, life cycle, payments, rounds, lists
    *[
        Site(f"open_file.{f}", "text", lambda db, ids, v, f=f: aid.open_file(db, _case(**{f: v})), huge=f == "worker_name")
        for f in ("worker_name", "department", "address", "bank_name", "bank_account", "file_no", "created_by", "reviewed_by", "entered_by")
    ],
    Site("open_file.note", "multiline", lambda db, ids, v: aid.open_file(db, _case(note=v))),
    Site("open_file.hardship_spending_fen", "number", lambda db, ids, v: aid.open_file(db, _case(hardship_spending_fen=v))),
    Site("open_file.housing_area", "number", lambda db, ids, v: aid.open_file(db, _case(housing_area=v))),
    Site("open_file.opened_on", "date", lambda db, ids, v: aid.open_file(db, _case(opened_on=v))),
    Site("open_file.is_single_parent", "flag", lambda db, ids, v: aid.open_file(db, _case(is_single_parent=v))),
    Site("open_file.main_cause", "code", lambda db, ids, v: aid.open_file(db, _case(main_cause=v))),
    Site("open_file.secondary_cause", "code", lambda db, ids, v: aid.open_file(db, _case(secondary_causes=[v]))),
    Site("update_file.address", "text", lambda db, ids, v: aid.update_file(db, replace(aid.get_case(db, ids["case"]), address=v), on="2026-11-25")),
    *[
        Site(f"add_household_member.{f}", "text", lambda db, ids, v, f=f: aid.add_household_member(db, ids["case"], _household(**{f: v})))
        for f in ("name", "occupation", "medical_insurance")
    ],
    Site("add_household_member.monthly_income_fen", "number", lambda db, ids, v: aid.add_household_member(db, ids["case"], _household(monthly_income_fen=v))),
    Site("add_household_member.birth_date", "date", lambda db, ids, v: aid.add_household_member(db, ids["case"], _household(birth_date=v))),
    Site("add_household_member.relation", "code", lambda db, ids, v: aid.add_household_member(db, ids["case"], _household(relation=v))),
    Site("aid_advance.date", "date", lambda db, ids, v: aid.advance(db, ids["case"], "visit", v, people="张三、李四")),
    Site("aid_advance.people", "text", lambda db, ids, v: aid.advance(db, ids["case"], "visit", "2025-01-15", people=f"张三、{v}" if isinstance(v, str) else v)),
    Site("aid_advance.findings", "multiline", lambda db, ids, v: aid.advance(db, ids["case"], "visit", "2025-01-15", people="张三、李四", findings=v), huge=True),
    Site("aid_advance.note", "multiline", lambda db, ids, v: aid.advance(db, ids["case"], "visit", "2025-01-15", people="张三、李四", note=v)),
    Site("close_file.measure", "multiline", lambda db, ids, v: aid.close_file(db, ids["case"], "2025-03-01", "out_of_hardship", measure=v)),
    Site("close_file.date", "date", lambda db, ids, v: aid.close_file(db, ids["case"], v, "retired")),
    Site("aid_payment.amount_fen", "number", lambda db, ids, v: ap.record_payment(db, _aid_payment(ids, amount_fen=v))),
    Site("aid_payment.date", "date", lambda db, ids, v: ap.record_payment(db, _aid_payment(ids, date=v))),
    Site("aid_payment.aid_type", "code", lambda db, ids, v: ap.record_payment(db, _aid_payment(ids, aid_type=v))),
    Site("aid_payment.signed", "flag", lambda db, ids, v: ap.record_payment(db, _aid_payment(ids, signed=v))),
    *[
        Site(f"aid_payment.{f}", "text", lambda db, ids, v, f=f: ap.record_payment(db, _aid_payment(ids, **{f: v})))
        for f in ("approved_by", "student_name", "student_school", "student_grade")
    ],
    Site("aid_payment.note", "multiline", lambda db, ids, v: ap.record_payment(db, _aid_payment(ids, note=v))),
    Site("add_round.name", "text", lambda db, ids, v: ap.add_round(db, v, "warmth", "2026-01-25")),
    Site("add_round.contact", "text", lambda db, ids, v: ap.add_round(db, "元宵慰问", "warmth", "2026-01-25", contact=v)),
    Site("add_round.date", "date", lambda db, ids, v: ap.add_round(db, "元宵慰问", "warmth", v)),
    Site("add_round.notice_end", "date", lambda db, ids, v: ap.add_round(db, "元宵慰问", "warmth", "2026-01-25", notice_start="2026-01-10", notice_end=v)),
    Site("list_cases.view", "search", lambda db, ids, v: ap.list_cases(db, v, today="2026-11-25")),
    Site("list_cases.tier", "search", lambda db, ids, v: ap.list_cases(db, "active", tier=v, today="2026-11-25")),
    Site("list_cases.today", "search", lambda db, ids, v: ap.list_cases(db, "stale", today=v)),
]

# Settings: each key with values that are wrong for it, and keys that do not exist.
SETTING_CASES: dict[str, dict[str, Any]] = {
    "dues_rounding": {"unknown": "round_half_even", "list": ["fen"], "true": True, "ctrl": "fen\x00", "100k": "长" * 100_000},
    "pdf_font_path": {"ctrl": "C:/Windows/Fonts/simsun.ttc\x00", "100k": "长" * 100_000, "list": ["simsun.ttc"], "number": 12, "not_a_font": "C:/Windows/notepad.exe"},
    "aid_relative_multiplier": {"nan": math.nan, "inf": math.inf, "negative": -2.0, "zero": 0, "absurd": 1e9, "true": True, "text": "两倍", "list": [2]},
    "aid_notice_days": {"nan": math.nan, "negative": -5, "zero": 0, "absurd": 10**9, "true": True, "float": 5.5, "text": "五"},
    "aid_payment_cap_fen": {"nan": math.nan, "inf": math.inf, "negative": -1, "zero": 0, "absurd": 10**20, "true": True, "float": 1.5, "text": "五万"},
}
UNKNOWN_SETTINGS = {"unknown_key": ("theme", "dark"), "empty_key": ("", 1), "list_key": (["dues_rounding"], "fen")}  # (key, value)


# ---------------------------------------------------------------- judging one case

_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
LONGEST_STORED = 20_000


def _dump(db) -> list:
    """Every row of every table (a cheaper iterdump: the schema does not change here)."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [(t, db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in tables]


def _stored_text(db) -> list[tuple[str, str, str]]:
    """Every text value of every table but the audit log (whose JSON escapes control characters)."""
    out = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log'").fetchall():
        cursor = db.execute(f"SELECT * FROM [{table}]")
        names = [c[0] for c in cursor.description]
        for row in cursor:
            out += [(table, n, v) for n, v in zip(names, row) if isinstance(v, (str, bytes))]
    return out


def judge(db, site: Site, label: str, value: Any, run: Callable[[], Any]) -> str:
    """'refused', 'normalised' or a complaint: accepted / non-Chinese error / field not named."""
    before = _dump(db)
    try:
        run()
    except ValidationError as exc:
        if not _CJK.search(str(exc)):
            return f"non-Chinese error: ValidationError({exc})"
        if len(str(exc)) > 500:
            return f"overlong message: {len(str(exc))} characters"
        after = _dump(db)
        if after != before:
            return "refused but the database changed"
        if not exc.field:
            return f"field not named: {exc.message}"
        return "refused"
    except Exception as exc:  # noqa: BLE001 - the point is to catch whatever escapes
        text = str(exc)[:120]
        return f"non-Chinese error: {type(exc).__name__}({text})"
    if site.kind == "search":
        return "normalised" if _dump(db) == before else "a search changed the database"
    if label not in NORMALISABLE:
        return "accepted"
    for table, column, stored in _stored_text(db):
        if isinstance(stored, bytes):
            return f"accepted: bytes stored in {table}.{column}"
        if _UNPRINTABLE.search(stored.replace("\n", "").replace("\t", "")) or len(stored) > LONGEST_STORED:
            return f"accepted: stored in {table}.{column}"
        if label in LINE_BREAKS and value in stored:
            return f"accepted: line break stored in {table}.{column}"
    return "normalised"


def values_for(site: Site) -> dict[str, Any]:
    values = dict(KINDS[site.kind])
    if site.huge and site.kind != "search":
        values.update(HUGE)
    return values


def ok(verdict: str) -> bool:
    return verdict in ("refused", "normalised")


@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_bad_input_is_refused_in_chinese_or_normalised(ledger: Ledger, site: Site):
    wrong = [f"{label}: {verdict[:150]}" for label, value in values_for(site).items() if not ok(verdict := ledger.run(site, label, value))]
    assert not wrong, f"{site.name}: " + "; ".join(wrong)


SETTING_SITES = [
    *[Site(f"set_setting.{k}", "setting", lambda db, ids, v, k=k: org.set_setting(db, k, v)) for k in SETTING_CASES],
    Site("set_setting.unknown", "setting", lambda db, ids, v: org.set_setting(db, v[0], v[1])),
]


@pytest.mark.parametrize("site", SETTING_SITES, ids=[s.name for s in SETTING_SITES])
def test_bad_settings_are_refused_in_chinese(ledger: Ledger, site: Site):
    key = site.name.split(".", 1)[1]
    values = SETTING_CASES.get(key) or UNKNOWN_SETTINGS
    wrong = [f"{label}: {verdict}" for label, value in values.items() if (verdict := ledger.run(site, label, value)) != "refused"]
    assert not wrong, f"{site.name}: " + "; ".join(wrong)


def test_a_stored_setting_that_is_now_refused_reads_as_the_default(db):
    # A file written when set_setting took anything: the reader gets the default.
    with db.atomic():
        db.execute("INSERT INTO app_settings (key, value) VALUES ('aid_notice_days', 'NaN'), ('dues_rounding', '\"五入\"')")
    assert org.get_setting(db, "aid_notice_days") == 5
    assert org.get_setting(db, "dues_rounding") == "fen"


# ---------------------------------------------------------------- the figures for the issue

def tally() -> dict[str, int]:
    """Run the whole battery outside pytest and count verdicts: `python -m tests.test_bad_input`."""
    import collections
    import tempfile

    from tests.test_bad_input_more import MORE_SITES  # (that module imports this one)

    ledger = Ledger(Path(tempfile.mkdtemp()))
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    cases = [(site, label, value) for site in [*SITES, *MORE_SITES] for label, value in values_for(site).items()]
    cases += [(site, label, value) for site in SETTING_SITES for label, value in (SETTING_CASES.get(site.name.split(".", 1)[1]) or UNKNOWN_SETTINGS).items()]
    for site, label, value in cases:
        verdict = ledger.run(site, label, value)
        kind = verdict.split(":")[0]
        counts[kind] += 1
        examples[kind].append(f"{site.name} ← {label}: {verdict[:100]}")
    print(f"{len(cases)} cases")
    for kind, n in counts.most_common():
        print(f"{n:5d}  {kind}")
    for kind, lines in examples.items():
        if kind not in ("refused", "normalised"):
            print(f"\n== {kind}")
            print("\n".join(lines))
    return dict(counts)


if __name__ == "__main__":
    tally()
