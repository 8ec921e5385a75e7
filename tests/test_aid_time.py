"""Aid files that know time: dated, coded events; a file, a household and the summary as of a date.

The pinned yearly summaries are written by hand from the story below; later
events (a 2025 closing, a tier changed at the 2026 review, a file opened in
October 2026, a voided 2026 payment) must not move an earlier year's figures.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models import aid, audit
from models import aid_payments as ap
from models.org import get_profile, save_profile
from models.validation import ValidationError
from tests.conftest import make_id, give_income


@pytest.fixture(autouse=True)
def _after_the_story():
    """The stories below happen up to October 2026; they are told from a day after it."""
    from models import clock

    with clock.frozen("2026-11-25T10:00:00"):
        yield


@pytest.fixture
def org(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen = "测试工会", 93000
    save_profile(db, p)
    return p


def open_case(db, name: str, seq: int, opened: str) -> int:
    return aid.open_file(db, aid.Case(worker_name=name, worker_id_number=make_id(seq=seq, male=False), main_cause="major_illness", opened_on=opened))


def approve(db, case_id: int, tier: str, visit_on: str) -> str:
    """Visit, review, a five-working-day notice and approval; returns the approval date."""
    d = dt.date.fromisoformat(visit_on)
    aid.advance(db, case_id, "visit", d.isoformat(), people="张三、李四")
    aid.advance(db, case_id, "review", (d + dt.timedelta(days=2)).isoformat())
    start = d + dt.timedelta(days=3)
    start += dt.timedelta(days=(7 - start.weekday()) % 7)  # the next Monday
    aid.advance(db, case_id, "notice", start.isoformat(), end_date=(start + dt.timedelta(days=4)).isoformat())
    give_income(db, case_id)
    aid.confirm_tier(db, case_id, tier, "" if tier == "deep" else "委员会决定")
    approved = (start + dt.timedelta(days=7)).isoformat()
    aid.advance(db, case_id, "approve", approved)
    return approved


def pay(db, case_id: int, kind: str, date: str, fen: int, source: str = "own", **kw) -> int:
    return ap.record_payment(db, ap.Payment(case_id, kind, date, fen, source, **kw))


def summary(db, year: int) -> tuple[dict, dict]:
    """What the yearly summary prints: file counts by label, money (人次, fen) by aid kind."""
    files = dict(ap.file_counts(db, year))
    money = {k: (v["count"], v["total_fen"]) for k, v in ap.totals(db, year)["by_type"].items()}
    return files, money


def counts(deep=0, relative=0, accident=0, pending=0, opened=0, approved=0, out=0, cancelled=0) -> dict:
    return {
        "年末在档：深度困难": deep,
        "年末在档：相对困难": relative,
        "年末在档：意外致困": accident,
        "年末审批中": pending,
        "本年新申请": opened,
        "本年审批建档": approved,
        "本年解困脱困": out,
        "本年注销": cancelled,
    }


Y2023 = (counts(deep=1, relative=1, opened=1, approved=1), {"living": (1, 100000)})
Y2024 = (
    counts(deep=1, relative=1, pending=1, opened=2, approved=1, cancelled=1),
    {"warmth": (2, 130000), "autumn_education": (1, 300000), "medical": (1, 500000)},
)
Y2025 = (counts(deep=1, relative=1, approved=1, out=1), {"living": (2, 250000), "medical": (1, 200000)})


def test_yearly_summaries_are_pinned_while_later_events_happen(db, org):
    # ---- up to the end of 2024
    a = open_case(db, "王秀英", 1, "2022-11-01")
    approve(db, a, "deep", "2022-11-03")
    b = open_case(db, "李梅", 2, "2023-03-01")
    approve(db, b, "relative", "2023-03-06")
    pay(db, a, "living", "2023-06-15", 100000)
    r24 = ap.add_round(db, "2024年春节送温暖", "warmth", "2024-01-18")
    ap.record_batch(db, r24, [ap.Payment(a, "warmth", "2024-01-18", 80000, "own"), ap.Payment(b, "warmth", "2024-01-18", 50000, "own")])
    c = open_case(db, "张丽", 3, "2024-02-01")
    approve(db, c, "accident", "2024-02-05")
    aid.annual_review(db, b, "2024-03-20", "kept", findings="情况未变")
    pay(db, c, "medical", "2024-05-01", 500000, "upper")
    duplicate = pay(db, a, "living", "2024-06-15", 100000)
    ap.void_payment(db, duplicate, "重复登记")
    pay(db, b, "autumn_education", "2024-08-25", 300000, "upper", student_name="李小明", student_school="郑州大学", student_grade="2024级")
    aid.close_file(db, c, "2024-11-15", "retired", note="本人退休")
    e = open_case(db, "刘芳", 5, "2024-12-20")
    aid.advance(db, e, "visit", "2024-12-23", people="张三、李四")
    assert summary(db, 2023) == Y2023
    assert summary(db, 2024) == Y2024
    assert ap.totals(db, 2024)["voided_count"] == 1

    # ---- 2025: the pending file is approved, a file leaves hardship
    aid.advance(db, e, "review", "2025-01-03")
    aid.advance(db, e, "notice", "2025-01-06", end_date="2025-01-10")
    give_income(db, e)
    aid.confirm_tier(db, e, "deep")
    aid.advance(db, e, "approve", "2025-01-13")
    pay(db, e, "living", "2025-02-10", 100000)
    pay(db, a, "medical", "2025-03-01", 200000, "upper")
    aid.annual_review(db, b, "2025-03-20", "kept")
    pay(db, b, "living", "2025-06-15", 150000)
    aid.close_file(db, a, "2025-06-30", "out_of_hardship", measure="就业援助后稳定就业")
    assert summary(db, 2023) == Y2023
    assert summary(db, 2024) == Y2024
    assert summary(db, 2025) == Y2025

    # ---- 2026: a tier changed at the review, a payment voided, a file opened in October
    aid.annual_review(db, b, "2026-03-10", "tier_changed", new_tier="deep", reason="病情加重，医疗支出增加")
    wrong = pay(db, b, "living", "2026-06-15", 100000)
    ap.void_payment(db, wrong, "金额录错")
    d = open_case(db, "赵敏", 4, "2026-10-12")
    aid.advance(db, d, "visit", "2026-10-15", people="张三、李四")
    assert summary(db, 2023) == Y2023
    assert summary(db, 2024) == Y2024
    assert summary(db, 2025) == Y2025
    assert summary(db, 2026) == (counts(deep=2, pending=1, opened=1), {})
    # The 2024 receipts and notice show the tier the household had then.
    assert {r["worker_name"]: r["tier"] for r in ap.round_rows(db, r24)} == {"王秀英": "deep", "李梅": "relative"}
    assert sorted(r["tier"] for r in ap.notice_rows(db, r24)) == ["深度困难", "相对困难"]


@pytest.fixture
def active(db, org) -> int:
    cid = open_case(db, "李梅", 2, "2023-03-01")
    approve(db, cid, "relative", "2023-03-06")
    return cid


def events(db, case_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM aid_case_events WHERE case_id = ? ORDER BY date, id", (case_id,)))


def test_every_step_stores_coded_from_and_to(db, active):
    rows = [(e["kind"], e["from_state"], e["to_state"], e["from_tier"], e["to_tier"]) for e in events(db, active)]
    assert rows == [
        ("apply", None, "applied", None, None),
        ("visit", "applied", "visited", None, None),
        ("review", "visited", "reviewed", None, None),
        ("notice", "reviewed", "notice", None, None),
        ("approve", "notice", "active", None, "relative"),  # the tier takes effect at approval
    ]
    aid.annual_review(db, active, "2024-03-01", "kept")
    aid.annual_review(db, active, "2025-03-01", "tier_changed", new_tier="deep", reason="病情加重")
    aid.close_file(db, active, "2025-09-01", "transferred", note="调离本单位")
    rows = [(e["kind"], e["date"], e["outcome"], e["from_state"], e["to_state"], e["from_tier"], e["to_tier"]) for e in events(db, active)][-3:]
    assert rows == [
        ("annual_review", "2024-03-01", "kept", "active", "active", "relative", "relative"),
        ("annual_review", "2025-03-01", "tier_changed", "active", "active", "relative", "deep"),
        ("close", "2025-09-01", "transferred", "active", "cancelled", "deep", "deep"),
    ]
    c = aid.get_case(db, active)
    assert (c.state, c.tier, c.closed_on) == ("cancelled", "deep", "2025-09-01")


def test_case_as_of_a_date(db, active):
    aid.annual_review(db, active, "2025-03-01", "tier_changed", new_tier="deep", reason="病情加重")
    aid.close_file(db, active, "2025-09-01", "out_of_hardship", measure="就业援助")
    assert aid.case_as_of(db, active, "2023-02-28") is None  # not opened yet
    then = lambda on: (lambda x: (x.state, x.tier))(aid.case_as_of(db, active, on))  # noqa: E731
    assert then("2023-03-01") == ("applied", None)
    assert then("2023-03-07") == ("visited", None)
    assert then("2024-12-31") == ("active", "relative")
    assert then("2025-02-28") == ("active", "relative")
    assert then("2025-03-01") == ("active", "deep")
    assert then("2025-09-01") == ("out_of_hardship", "deep")
    assert aid.case_as_of(db, active, "2024-06-30").last_event_on == events(db, active)[4]["date"]  # the approval


def test_household_as_of_a_date(db, active):
    with pytest.raises(ValidationError, match="加入"):
        aid.add_household_member(db, active, aid.HouseholdMember("李小宝", "child"))  # an active file needs the date
    aid.add_household_member(db, active, aid.HouseholdMember("李小宝", "child"), on="2024-05-01")  # born
    grandpa = aid.add_household_member(db, active, aid.HouseholdMember("李大山", "parent"), on="2023-03-01")
    with pytest.raises(ValidationError, match="日期"):
        aid.remove_household_member(db, grandpa, "去世", on="")
    aid.remove_household_member(db, grandpa, "去世", on="2025-02-01")
    names = lambda on: sorted(h.name for h in aid.case_as_of(db, active, on).household)  # noqa: E731
    assert names("2024-04-30") == ["李大山", "李梅"]
    assert names("2024-05-01") == ["李大山", "李小宝", "李梅"]
    assert names("2025-02-01") == ["李小宝", "李梅"]
    assert sorted(h.name for h in aid.household_members(db, active)) == ["李小宝", "李梅"]


def test_members_added_while_applying_belong_to_the_household_from_the_application(db, org):
    cid = open_case(db, "王秀英", 1, "2024-01-10")
    aid.add_household_member(db, cid, aid.HouseholdMember("王强", "spouse"))
    assert sorted(h.name for h in aid.case_as_of(db, cid, "2024-01-10").household) == ["王强", "王秀英"]


def test_cases_as_of(db, active, org):
    other = open_case(db, "王秀英", 1, "2024-06-01")
    rows = {r["id"]: (r["state"], r["tier"]) for r in aid.cases_as_of(db, "2024-06-01")}
    assert rows == {active: ("active", "relative"), other: ("applied", None)}
    assert [r["id"] for r in aid.cases_as_of(db, "2023-01-01")] == []


def test_tier_change_on_an_active_file_takes_its_date(db, active):
    with pytest.raises(ValidationError, match="生效日期"):
        give_income(db, active)
        aid.confirm_tier(db, active, "deep")
    with pytest.raises(ValidationError, match="不能早于"):
        give_income(db, active)
        aid.confirm_tier(db, active, "deep", on="2023-01-01")
    give_income(db, active)
    aid.confirm_tier(db, active, "deep", on="2024-07-01")
    last = events(db, active)[-1]
    assert (last["kind"], last["date"], last["from_tier"], last["to_tier"]) == ("tier_change", "2024-07-01", "relative", "deep")
    assert aid.case_as_of(db, active, "2024-06-30").tier == "relative"
    assert aid.get_case(db, active).tier == "deep"


def test_a_correction_is_not_an_event(db, active):
    before = len(events(db, active))
    with pytest.raises(ValidationError, match="更正原因"):
        aid.correct_tier(db, active, "accident", "")
    aid.correct_tier(db, active, "accident", "录入时选错类别")
    assert len(events(db, active)) == before  # no dated change in the world
    assert aid.get_case(db, active).tier == "accident"
    assert aid.case_as_of(db, active, "2023-12-31").tier == "accident"  # history is fixed, not moved
    approve_event = events(db, active)[-1]
    assert approve_event["to_tier"] == "accident"
    log = audit.history(db, "aid_case_events", approve_event["id"])[-1]
    assert log["action"] == "update" and "更正" in log["note"]
    assert "更正" in audit.history(db, "aid_cases", active)[-1]["note"]


def test_correction_after_a_change_fixes_the_change_not_the_start(db, active):
    give_income(db, active)
    aid.confirm_tier(db, active, "deep", on="2024-07-01")
    aid.annual_review(db, active, "2025-03-01", "kept")
    aid.correct_tier(db, active, "accident", "应为意外致困")
    assert aid.case_as_of(db, active, "2024-06-30").tier == "relative"
    assert aid.case_as_of(db, active, "2024-07-01").tier == "accident"
    assert aid.case_as_of(db, active, "2025-03-01").tier == "accident"
    assert [(e["from_tier"], e["to_tier"]) for e in events(db, active)][-2:] == [("relative", "accident"), ("accident", "accident")]


def test_events_cannot_be_edited_except_by_a_tier_correction(db, active):
    import sqlite3

    eid = events(db, active)[-1]["id"]
    with pytest.raises(sqlite3.DatabaseError, match="不能修改"):
        db.execute("UPDATE aid_case_events SET date = '2020-01-01' WHERE id = ?", (eid,))


def test_payment_before_the_closing_may_be_entered_later(db, active):
    aid.close_file(db, active, "2025-06-30", "retired")
    pay(db, active, "living", "2025-06-15", 100000)  # last June's aid, entered after the closing
    with pytest.raises(ValidationError, match="关闭"):
        pay(db, active, "living", "2025-06-30", 100000)
    with pytest.raises(ValidationError, match="关闭"):
        pay(db, active, "living", "2025-07-01", 100000)


def test_lists_that_depend_on_today_take_it(db, active):
    with pytest.raises(TypeError):
        ap.list_cases(db, "review_due")
    assert [r["id"] for r in ap.list_cases(db, "review_due", today="2024-06-01")] == [active]


def test_update_file_takes_the_date(db, active):
    c = aid.get_case(db, active)
    c.phone = "13800138000"
    aid.update_file(db, c, on="2024-02-02")
    assert aid.get_case(db, active).phone == "13800138000"
    assert db.execute("SELECT updated_on FROM aid_cases WHERE id = ?", (active,)).fetchone()[0] == "2024-02-02"


def test_approval_form_prints_the_tier_on_the_day_of_payment(db, org, tmp_path):
    """A 2025 approval form still says 相对困难 after the 2026 review raised the file to 深度困难."""
    from pypdf import PdfReader

    from reports.registry import render

    case_id = open_case(db, "韩梅", 71, "2025-02-03")
    approve(db, case_id, "relative", "2025-02-10")
    payment = pay(db, case_id, "living", "2025-06-01", 80000)
    aid.annual_review(db, case_id, "2026-03-02", "tier_changed", new_tier="deep", reason="病情加重", people="张三、李四")
    assert aid.get_case(db, case_id).tier == "deep"
    out = render(db, "aid-approval", tmp_path / "审批表.pdf", ident=payment)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "相对困难" in text
    assert "深度困难" not in text
