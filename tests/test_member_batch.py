"""Batch work on members: a membership change and dues for many at once, all or none, a
refusal naming the member; dues for a department or months previewed before writing."""

from __future__ import annotations

import pytest

from models import clock, dues, member_batch, members, membership
from models.validation import ValidationError
from tests.conftest import make_id, member


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2025-12-31"):
        yield


def people(db) -> dict[str, int]:
    out = {}
    for i, (name, dept, wage) in enumerate([("甲一", "生产部", 500000), ("乙二", "生产部", 320000), ("丙三", "财务部", None), ("丁四", "财务部", 410000)]):
        out[name] = members.add_member(db, member(name, id_number=make_id(f"1980010{i + 1}", seq=i + 1), department=dept, monthly_wage_fen=wage))
    return out


def test_batch_status_change_all_or_none_names_the_member(db):
    p = people(db)
    membership.record_event(db, p["乙二"], "withdraw", "2025-05-01", reason="own_request")
    with pytest.raises(ValidationError) as exc:
        member_batch.change_status(db, [p["甲一"], p["乙二"]], "transfer_out", "2025-12-01", other_union="市机械工会")
    assert "乙二" in str(exc.value) and "全部未办理" in str(exc.value)
    assert members.get_member(db, p["甲一"]).status == "active"  # nothing written
    assert member_batch.change_status(db, [p["甲一"], p["丁四"]], "transfer_out", "2025-12-01", reason="labour_change", other_union="市机械工会") == 2
    assert {members.get_member(db, i).status for i in (p["甲一"], p["丁四"])} == {"left"}
    assert [e.kind for e in membership.events(db, p["甲一"])] == ["join", "transfer_out"]


def test_department_months_preview_then_write(db):
    p = people(db)
    dues.record_payment(db, p["甲一"], ["2025-10"], 2500, "2025-10-05")
    plan = member_batch.plan_dues(db, ["2025-10", "2025-11"], department="生产部")
    assert [(x.name, x.period, x.amount_fen) for x in plan.lines] == [("乙二", "2025-10", 1600), ("甲一", "2025-11", 2500), ("乙二", "2025-11", 1600)]
    assert plan.members == 2 and plan.total_fen == 5700
    assert "合计 57.00 元" in plan.summary()
    assert member_batch.record_dues(db, plan, "2025-12-01") == 3
    assert dues.unpaid_members(db, "2025-11", "生产部") == []
    # Run again: nothing left to write.
    with pytest.raises(ValidationError, match="没有需要登记"):
        member_batch.record_dues(db, member_batch.plan_dues(db, ["2025-11"], department="生产部"), "2025-12-01")


def test_selected_dues_skip_paid_and_refuse_without_wage(db):
    p = people(db)
    dues.record_payment(db, p["丁四"], ["2025-11"], 2050, "2025-11-05")
    plan = member_batch.plan_dues(db, ["2025-11"], member_ids=[p["丙三"], p["丁四"]])
    assert [x.name for x in plan.lines] == ["丙三"] and plan.skipped == [("丁四（财务部）", "2025-11", "已缴")]
    with pytest.raises(ValidationError, match="丙三.*未登记月工资"):
        member_batch.record_dues(db, plan, "2025-12-01")
    plan = member_batch.plan_dues(db, ["2025-11"], member_ids=[p["丙三"], p["丁四"]], amount_fen=1000)
    assert member_batch.record_dues(db, plan, "2025-12-01") == 1


def test_batch_dues_all_or_none_when_one_was_paid_meanwhile(db):
    p = people(db)
    plan = member_batch.plan_dues(db, ["2025-11"], member_ids=[p["甲一"], p["乙二"]])
    dues.record_payment(db, p["乙二"], ["2025-11"], 1600, "2025-11-05")  # after the preview
    with pytest.raises(ValidationError) as exc:
        member_batch.record_dues(db, plan, "2025-12-01")
    assert "乙二" in str(exc.value) and "全部未登记" in str(exc.value)
    assert dues.period_summary(db, "2025-11")["count"] == 1  # only the one paid meanwhile
