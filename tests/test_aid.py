"""Difficult-worker aid: one household one file, tier at the boundaries, life cycle, payments, voids, batches, masking."""

from __future__ import annotations

import pytest

from models import aid, aid_payments as ap, audit
from models.org import get_profile, save_profile, set_setting
from models.validation import ValidationError
from tests.conftest import make_id, give_income


@pytest.fixture
def org(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen = "测试工会", 93000  # 低保 930 yuan/month
    save_profile(db, p)
    return p


def open_case(db, name="王秀英", seq=1, opened="2024-01-10", cause="major_illness", **kw):
    return aid.open_file(db, aid.Case(worker_name=name, worker_id_number=make_id(seq=seq, male=False), main_cause=cause, opened_on=opened, **kw))


def to_active(db, case_id, tier="deep"):
    aid.advance(db, case_id, "visit", "2024-01-15", people="张三、李四", findings="住房简陋")
    aid.advance(db, case_id, "review", "2024-01-20")
    aid.advance(db, case_id, "notice", "2024-01-22", end_date="2024-01-26")
    give_income(db, case_id)
    aid.confirm_tier(db, case_id, tier, "" if tier == aid.assess(db, case_id)["suggested_tier"] else "委员会决定")
    aid.advance(db, case_id, "approve", "2024-01-29")


def test_one_household_one_open_file(db, org):
    first = open_case(db)
    with pytest.raises(ValidationError) as info:
        open_case(db, opened="2024-02-01")
    assert "已有未关闭的档案" in info.value.message and aid.get_case(db, first).file_no in info.value.message
    assert len(ap.list_cases(db, "active", today="2026-06-30")) == 1


@pytest.mark.parametrize(
    "income_fen, expected",
    [
        (93000, "deep"),  # equal to the standard → 深度困难
        (93001, "relative"),
        (186000, "relative"),  # equal to 2 × standard
        (186001, "accident"),  # above, but a sudden cause (major illness)
    ],
)
def test_tier_boundaries(income_fen, expected):
    hh = [aid.HouseholdMember("甲", "self", income_fen)]
    assert aid.suggest_tier(aid.per_capita_monthly_fen(hh), 93000, 2.0, ["major_illness"]) == expected


def test_tier_needs_a_cause_and_multiplier_setting():
    hh = [aid.HouseholdMember("甲", "self", 150000)]
    assert aid.suggest_tier(aid.per_capita_monthly_fen(hh), 93000, 1.5, ["schooling"]) is None  # 1500 > 1395
    assert aid.suggest_tier(aid.per_capita_monthly_fen(hh), 93000, 2.0, ["schooling"]) == "relative"
    assert aid.suggest_tier(0, 93000, 2.0, []) is None


def test_per_capita_subtracts_hardship_spending():
    hh = [aid.HouseholdMember("甲", "self", 300000), aid.HouseholdMember("乙", "spouse", 0), aid.HouseholdMember("丙", "child", 0)]
    assert aid.per_capita_monthly_fen(hh) == 100000
    assert aid.per_capita_monthly_fen(hh, 1_800_000) == 50000  # 18,000 yuan a year of medical costs


def test_assess_uses_household_and_settings(db, org):
    cid = open_case(db)
    self_row = aid.household_members(db, cid)[0]
    self_row.monthly_income_fen = 200000
    aid.update_household_member(db, self_row)
    aid.add_household_member(db, cid, aid.HouseholdMember("李强", "spouse", 0))
    result = aid.assess(db, cid)
    assert result["size"] == 2 and result["per_capita_fen"] == 100000 and result["suggested_tier"] == "relative"
    set_setting(db, "aid_relative_multiplier", 1.0)
    assert aid.assess(db, cid)["suggested_tier"] == "accident"
    with pytest.raises(ValidationError, match="负数"):
        aid.add_household_member(db, cid, aid.HouseholdMember("李小", "child", -1))


def test_override_tier_needs_reason_and_keeps_both(db, org):
    cid = open_case(db)
    with pytest.raises(ValidationError, match="须说明理由"):
        give_income(db, cid)
        aid.confirm_tier(db, cid, "relative")
    give_income(db, cid)
    aid.confirm_tier(db, cid, "relative", "家中另有慢性病人")
    c = aid.get_case(db, cid)
    assert (c.suggested_tier, c.tier, c.tier_reason) == ("deep", "relative", "家中另有慢性病人")


def test_life_cycle_order_notice_and_early_approval(db, org):
    cid = open_case(db)
    with pytest.raises(ValidationError, match="不能办理"):
        aid.advance(db, cid, "review", "2024-01-15")
    with pytest.raises(ValidationError, match="两名"):
        aid.advance(db, cid, "visit", "2024-01-15", people="张三")
    aid.advance(db, cid, "visit", "2024-01-15", people="张三、李四")
    aid.advance(db, cid, "review", "2024-01-20")
    with pytest.raises(ValidationError, match="早于公示开始"):
        aid.advance(db, cid, "notice", "2024-01-22", end_date="2024-01-21")
    with pytest.raises(ValidationError, match="工作日"):
        aid.advance(db, cid, "notice", "2024-01-22", end_date="2024-01-25")  # Mon–Thu: 4 working days
    aid.advance(db, cid, "notice", "2024-01-22", end_date="2024-01-26")
    give_income(db, cid)
    aid.confirm_tier(db, cid, "deep")
    with pytest.raises(aid.NeedsReason):
        aid.advance(db, cid, "approve", "2024-01-25")
    aid.advance(db, cid, "approve", "2024-01-25", reason="春节前紧急救助")
    c = aid.get_case(db, cid)
    assert c.state == "active"
    assert "春节前紧急救助" in [e for e in aid.timeline(db, cid) if e["entry"] == "event"][-1]["note"]


def test_payments_rules_and_voids(db, org):
    cid = open_case(db)
    to_active(db, cid)
    pay = lambda **kw: ap.record_payment(db, ap.Payment(**{**dict(case_id=cid, aid_type="living", date="2024-03-01", amount_fen=100000, funding_source="own"), **kw}))
    for bad, text in ((dict(amount_fen=0), "大于零"), (dict(amount_fen=-5), "大于零"), (dict(amount_fen=10**9), "合理范围"), (dict(date="2023-12-01"), "早于建档日期"), (dict(aid_type="autumn_education"), "学生姓名")):
        with pytest.raises(ValidationError, match=text):
            pay(**bad)
    with pytest.raises(ap.NeedsConfirmation):
        pay(amount_fen=6_000_000)
    big = ap.record_payment(db, ap.Payment(cid, "medical", "2024-03-02", 6_000_000, "upper"), confirmed=True)
    small = pay()
    ap.void_payment(db, small, "重复登记")
    t = ap.totals(db, 2024)
    assert t["total_fen"] == 6_000_000 and t["count"] == 1 and t["voided_count"] == 1
    assert audit.history(db, "aid_payments", small)[-1]["action"] == "void"
    assert [p.voided_at is not None for p in ap.payments(db, cid)] == [False, True]  # newest first
    assert big
    aid.close_file(db, cid, "2024-06-01", "out_of_hardship", measure="就业援助后稳定就业")
    with pytest.raises(ValidationError, match="关闭"):
        pay(date="2024-06-02")
    assert ap.list_cases(db, "out_of_hardship", today="2026-06-30")[0]["id"] == cid
    assert ap.list_cases(db, "active", today="2026-06-30") == []
    open_case(db, opened="2024-07-01")  # a new file after the old one closed is allowed


def test_batch_is_all_or_nothing(db, org):
    a = open_case(db, "王秀英", seq=1)
    b = open_case(db, "李梅", seq=2)
    to_active(db, a)
    to_active(db, b)
    rid = ap.add_round(db, "2025年春节送温暖", "warmth", "2025-01-20")
    rows = [ap.Payment(a, "warmth", "2025-01-20", 50000, "own"), ap.Payment(b, "warmth", "2025-01-20", 0, "own")]
    with pytest.raises(ValidationError) as info:
        ap.record_batch(db, rid, rows)
    assert "第 2 行" in info.value.message and "李梅" in info.value.message
    assert db.execute("SELECT count(*) FROM aid_payments").fetchone()[0] == 0
    rows[1].amount_fen = 50000
    assert len(ap.record_batch(db, rid, rows)) == 2


def test_notice_rows_are_masked(db, org):
    a = open_case(db, "王秀英", seq=1)
    b = open_case(db, "李梅", seq=2)
    to_active(db, a)
    to_active(db, b)
    rid = ap.add_round(db, "2025年春节送温暖", "warmth", "2025-01-20", notice_start="2025-01-06", notice_end="2025-01-10")
    ap.record_batch(db, rid, [ap.Payment(a, "warmth", "2025-01-20", 50000, "own"), ap.Payment(b, "warmth", "2025-01-20", 60000, "own")])
    rows = ap.notice_rows(db, rid)
    assert sorted(r["name"] for r in rows) == ["李*", "王*英"]
    assert all("*" in r["id_number"] and len(r["id_number"]) == 18 for r in rows)
    assert set(rows[0]) == {"name", "id_number", "department", "tier", "amount_fen"}
    assert ap.mask_name("欧阳小明") == "欧**明"


def test_lists(db, org):
    a = open_case(db, "王秀英", seq=1, opened="2023-01-10")
    assert [r["id"] for r in ap.list_cases(db, "never_aided", today="2026-06-30")] == [a]
    assert [r["id"] for r in ap.list_cases(db, "stale", today="2024-06-01")] == [a]
    to_active(db, a)
    assert [r["id"] for r in ap.list_cases(db, "review_due", today="2025-02-01")] == [a]
    aid.annual_review(db, a, "2025-02-01", "kept", findings="情况未变")
    assert ap.list_cases(db, "review_due", today="2025-02-02") == []
    aid.annual_review(db, a, "2025-03-01", "closed", close_reason="retired", reason="已退休")
    assert [r["id"] for r in ap.list_cases(db, "cancelled", today="2026-06-30")] == [a]
