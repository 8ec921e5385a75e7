"""Aid rules that used to live in the dialogs, now in models/: the round written whole or not at
all, which steps a file may take next, who a round is for; and the indexes the aid tables need."""

from __future__ import annotations

import pytest

from tests.conftest import give_income

from models import aid
from models import aid_payments as ap
from models.validation import ValidationError
from tests.test_aid_time import approve, open_case, org  # noqa: F401 - fixture


def test_a_round_is_written_whole_or_not_at_all(db, org):  # noqa: F811
    a = open_case(db, "王秀英", 1, "2024-01-10")
    b = open_case(db, "李梅", 2, "2024-01-10")
    approve(db, a, "deep", "2024-02-01")
    approve(db, b, "deep", "2024-02-01")
    rows = [(a, 50000), (b, 0)]
    with pytest.raises(ValidationError) as info:
        ap.record_round(db, "2025年春节送温暖", "warmth", "2025-01-20", rows, funding_source="own", approved_by="工会主席")
    assert "第 2 行" in info.value.message and "李梅" in info.value.message
    assert db.execute("SELECT count(*) FROM aid_rounds").fetchone()[0] == 0  # not even the round
    assert db.execute("SELECT count(*) FROM aid_payments").fetchone()[0] == 0
    with pytest.raises(ValidationError, match="资金来源"):
        ap.record_round(db, "2025年春节送温暖", "warmth", "2025-01-20", [(a, 50000)], funding_source="")
    with pytest.raises(ap.NeedsConfirmation):
        ap.record_round(db, "2025年春节送温暖", "warmth", "2025-01-20", [(a, 6_000_000)], funding_source="own")
    assert db.execute("SELECT count(*) FROM aid_rounds").fetchone()[0] == 0
    rid, ids = ap.record_round(db, "2025年春节送温暖", "warmth", "2025-01-20", [(a, 6_000_000), (b, 50000)], funding_source="own",
                               approved_by="工会主席", notice_start="2025-01-06", notice_end="2025-01-10", confirmed=True)
    assert len(ids) == 2 and {r["case_id"] for r in ap.round_rows(db, rid)} == {a, b}
    assert ap.get_round(db, rid)["notice_end"] == "2025-01-10"
    assert {p.approved_by for p in ap.payments(db, a)} == {"工会主席"}


def test_round_candidates_are_the_files_active_on_the_round_date(db, org):  # noqa: F811
    a = open_case(db, "王秀英", 1, "2023-01-10")
    approve(db, a, "deep", "2023-01-12")
    b = open_case(db, "李梅", 2, "2023-01-10")
    approve(db, b, "relative", "2023-01-12")
    open_case(db, "张丽", 3, "2024-06-01")  # still applying
    aid.close_file(db, b, "2024-03-01", "retired")
    assert [(r["id"], r["tier"]) for r in ap.round_candidates(db, "2024-01-18")] == [(a, "deep"), (b, "relative")]
    assert [r["id"] for r in ap.round_candidates(db, "2025-01-18")] == [a]


def test_allowed_steps_follow_the_flow(db, org):  # noqa: F811
    cid = open_case(db, "王秀英", 1, "2023-01-10")
    on = lambda: {k for k, ok in aid.allowed_steps(db, cid).items() if ok}  # noqa: E731
    assert on() == {"visit", "tier", "close"}
    aid.advance(db, cid, "visit", "2023-01-12", people="张三、李四")
    assert on() == {"review", "tier", "close"}
    aid.advance(db, cid, "review", "2023-01-13")
    aid.advance(db, cid, "notice", "2023-01-16", end_date="2023-01-20")
    assert on() == {"approve", "tier", "close"}
    give_income(db, cid)
    aid.confirm_tier(db, cid, "deep")
    aid.advance(db, cid, "approve", "2023-01-23")
    assert on() == {"annual_review", "tier", "close"}
    aid.close_file(db, cid, "2024-01-01", "retired")
    assert on() == set()


def test_aid_lookups_by_foreign_key_use_an_index(db):
    plans = {
        "SELECT * FROM aid_payments WHERE round_id = 1": "aid_payments_round",
        "SELECT * FROM aid_payments WHERE case_id = 1": "aid_payments_case",
        "SELECT * FROM aid_household WHERE case_id = 1": "aid_household_case",
        "SELECT * FROM aid_case_events WHERE case_id = 1": "aid_case_events_case",
        "SELECT * FROM aid_cases WHERE member_id = 1": "aid_cases_member",
    }
    for sql, index in plans.items():
        plan = " ".join(str(r[-1]) for r in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert index in plan, (sql, plan)


def test_only_an_approved_file_receives_aid_except_sudden_emergency_aid_with_a_reason(db, org):  # noqa: F811
    from tests.test_aid import open_case as open_with_cause

    poor = open_with_cause(db, "王秀英", seq=1, cause="laid_off")
    ill = open_case(db, "李梅", 2, "2024-01-10")  # 重大疾病: a sudden cause
    with pytest.raises(ValidationError, match="尚未审批") as info:
        ap.record_payment(db, ap.Payment(poor, "living", "2024-01-20", 50000, "own", note="家里困难"))
    assert info.value.field == "困难职工档案"
    with pytest.raises(ValidationError, match="写明原因") as info:
        ap.record_payment(db, ap.Payment(ill, "medical", "2024-01-20", 50000, "own"))
    assert info.value.field == "备注"
    assert db.execute("SELECT count(*) FROM aid_payments").fetchone()[0] == 0
    ap.record_payment(db, ap.Payment(ill, "medical", "2024-01-20", 50000, "own", note="突发脑出血住院，应急救助"))
    approved_on = approve(db, ill, "deep", "2024-02-01")
    ap.record_payment(db, ap.Payment(ill, "living", approved_on, 30000, "own"))  # approved: no reason needed


def test_a_home_visit_needs_two_different_people(db, org):  # noqa: F811
    case = open_case(db, "王秀英", 1, "2024-01-10")
    with pytest.raises(ValidationError, match="两名不同") as info:
        aid.advance(db, case, "visit", "2024-01-15", people="张三、张三")
    assert info.value.field == "调查人员"
    assert aid.get_case(db, case).state == "applied"
    aid.advance(db, case, "visit", "2024-01-15", people="张三、李四")


def test_a_round_is_offered_the_coming_festival_and_a_household_twice_is_named(db, org):  # noqa: F811
    import datetime as dt

    assert ap.default_round_name(dt.date(2026, 11, 25)) == "2027年春节送温暖"
    assert ap.default_round_name(dt.date(2027, 1, 10)) == "2027年春节送温暖"
    assert ap.default_round_name(dt.date(2026, 8, 1), "medical") == "2026年医疗救助"
    a = open_case(db, "王秀英", 1, "2024-01-10")
    approve(db, a, "deep", "2024-02-01")
    with pytest.raises(ValidationError, match="王秀英") as info:
        ap.record_round(db, "2025年春节送温暖", "warmth", "2025-01-20", [(a, 50000), (a, 50000)], funding_source="own")
    assert "第 2 行" in info.value.message and "重复" in info.value.message
    assert db.execute("SELECT count(*) FROM aid_payments").fetchone()[0] == 0
