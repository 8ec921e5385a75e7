"""厂务公开 (issue 11): due and overdue across period kinds, the register as of a day, the
yearly counts, and every bad input of the issue refused naming the field with nothing changed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

import pytest

from models import clock
from models import disclosure as dc
from models import disclosure_schedule as sched
from models.validation import ValidationError


def dump(db) -> list:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [(t, db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in tables]


def refused(db, call: Callable[[], Any], field: str, words: str = "") -> ValidationError:
    """The call is refused with a Chinese message naming `field`, and nothing in the file changed."""
    before = dump(db)
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field, str(info.value)
    assert words in info.value.message, str(info.value)
    assert dump(db) == before
    return info.value


def subject(db, kind: str, start: str = "2025-01-01", **kw) -> int:
    return dc.add_subject(db, dc.Subject(f"{kind}事项", "interests", kind, start, subcategory="wages", **kw))


def item(db, **kw) -> int:
    values: dict = {"title": "公开事项", "category": "interests", "channels": ["board"], "disclosed_on": "2025-03-05"}
    return dc.add_item(db, dc.Item(**(values | kw)))


# ---------------------------------------------------------------- periods and due dates

@pytest.mark.parametrize(
    "kind, day, start, end, label, due",
    [
        ("monthly", "2026-03-17", "2026-03-01", "2026-03-31", "2026年3月", "2026-04-10"),
        ("monthly", "2026-12-31", "2026-12-01", "2026-12-31", "2026年12月", "2027-01-10"),
        ("monthly", "2024-02-10", "2024-02-01", "2024-02-29", "2024年2月", "2024-03-10"),
        ("quarterly", "2026-02-11", "2026-01-01", "2026-03-31", "2026年第一季度", "2026-04-10"),
        ("quarterly", "2026-11-30", "2026-10-01", "2026-12-31", "2026年第四季度", "2027-01-10"),
        ("half_yearly", "2026-06-30", "2026-01-01", "2026-06-30", "2026年上半年", "2026-07-10"),
        ("half_yearly", "2026-07-01", "2026-07-01", "2026-12-31", "2026年下半年", "2027-01-10"),
        ("yearly", "2026-05-05", "2026-01-01", "2026-12-31", "2026年度", "2027-01-10"),
    ],
)
def test_periods_and_their_due_dates(kind, day, start, end, label, due):
    p = sched.period_of(kind, day)
    assert (p.start, p.end, p.label, p.due_on) == (start, end, label, due)
    assert len(sched.periods_of_year(kind, 2026)) == {"monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1}[kind]


@pytest.mark.parametrize(
    "kind, period, due",
    [("monthly", "2026-03-01", "2026-04-10"), ("quarterly", "2026-01-01", "2026-04-10"),
     ("half_yearly", "2026-01-01", "2026-07-10"), ("yearly", "2025-01-01", "2026-01-10")],
)
def test_due_then_overdue_then_done_or_late_for_each_regular_kind(db, kind, period, due):
    sid = subject(db, kind, start=period)
    end = sched.period_of(kind, period).end

    def state(on: str) -> str | None:
        rows = [o for o in sched.obligations(db, on) if o["subject_id"] == sid and o["period_start"] == period]
        return rows[0]["state"] if rows else None

    assert state(end) is None  # the period is still running: nothing due yet
    day_after = sched.period_of("monthly", sched.due_after(end)).start  # the 1st of the next month
    assert state(day_after) == "due"
    assert state(due) == "due"  # on the due day itself it is not late yet
    late_day = sched.arise_due(due)  # a week after the due day
    assert state(late_day) == "overdue"
    assert [o["title"] for o in sched.due_now(db, late_day)][0] == f"{kind}事项"
    with clock.frozen(f"{late_day}T09:00:00"):
        item_id = item(db, subject_id=sid, period_start_date=period, disclosed_on=late_day)
    assert state(late_day) == "late"
    assert state(due) == "due"  # read as of the due day, the later disclosure does not count yet
    dc.update_item(db, replace(dc.get_item(db, item_id), disclosed_on=due))
    assert state(late_day) == "done"


def test_as_they_arise_due_within_a_week_and_pending_items_count_from_the_day_they_arose(db):
    sid = subject(db, "as_arises")
    with clock.frozen("2026-03-20T10:00:00"):
        pending = item(db, subject_id=sid, arose_on="2026-03-10", disclosed_on=None, title="设备事故通报")
    due = sched.arise_due("2026-03-10")
    assert due == "2026-03-17"
    states = {on: [o["state"] for o in sched.obligations(db, on) if o["item_id"] == pending] for on in ("2026-03-09", "2026-03-12", "2026-03-18")}
    assert states == {"2026-03-09": [], "2026-03-12": ["due"], "2026-03-18": ["overdue"]}
    with clock.frozen("2026-03-20T10:00:00"):
        dc.update_item(db, replace(dc.get_item(db, pending), disclosed_on="2026-03-19"))
        assert [o for o in sched.obligations(db, "2026-03-20") if o["item_id"] == pending] == []
        assert [o["state"] for o in sched.obligations(db, "2026-03-18") if o["item_id"] == pending] == ["overdue"]
        row = next(r for r in dc.register(db, 2026) if r["item"].id == pending)
        assert (row["state"], row["due_on"]) == ("late", "2026-03-17")


def test_a_stopped_subject_is_due_no_more_and_a_voided_one_never(db):
    stopped = subject(db, "monthly", start="2025-01-01", end_date="2025-03-31")
    voided = subject(db, "quarterly", start="2025-01-01")
    dc.void_subject(db, voided, "登记错误")
    periods = [o["period_start"] for o in sched.obligations(db, "2025-12-31") if o["subject_id"] in (stopped, voided)]
    assert periods == ["2025-01-01", "2025-02-01", "2025-03-01"]


def test_the_register_reads_a_year_as_it_stood_on_a_day(db):
    sid = subject(db, "monthly", start="2026-01-01")
    with clock.frozen("2026-06-30T10:00:00"):
        jan = item(db, subject_id=sid, period_start_date="2026-01-01", disclosed_on="2026-02-05", channels=["board", "online"])
        feb = item(db, subject_id=sid, period_start_date="2026-02-01", disclosed_on="2026-03-15", category="major", channels=["congress"])
        ad_hoc = item(db, title="集体合同", disclosed_on="2026-05-01")
    as_of_april = {r["item"].id: r["state"] for r in dc.register(db, 2026, on="2026-04-30")}
    assert as_of_april == {jan: "done", feb: "late"}
    as_of_march_first = {r["item"].id: r["state"] for r in dc.register(db, 2026, on="2026-03-01")}
    assert as_of_march_first == {jan: "done", feb: "due"}  # February's came later: it was still due then
    assert {r["item"].id for r in dc.register(db, 2026, on="2026-06-30", channel="online")} == {jan}
    assert {r["item"].id for r in dc.register(db, 2026, on="2026-06-30", category="major")} == {feb}
    dc.void_item(db, ad_hoc, "重复登记")
    assert ad_hoc not in {r["item"].id for r in dc.register(db, 2026, on="2026-06-30")}
    counts = dc.year_counts(db, 2026)
    assert (counts["total"], counts["late"]) == (2, 1)
    assert counts["by_channel"]["board"] == 1 and counts["by_channel"]["congress"] == 1 and counts["by_category"]["interests"] == 1


def test_one_item_per_period_and_the_period_follows_the_subjects_kind(db):
    sid = subject(db, "quarterly", start="2025-01-01")
    first = item(db, subject_id=sid, period_start_date="2025-02-14", disclosed_on="2025-04-08")
    assert (dc.get_item(db, first).period_start_date, dc.get_item(db, first).period_end_date) == ("2025-01-01", "2025-03-31")
    refused(db, lambda: item(db, subject_id=sid, period_start_date="2025-01-01", disclosed_on="2025-04-09"), "所属期间", "已登记")
    refused(db, lambda: item(db, subject_id=sid, disclosed_on="2025-04-09"), "所属期间", "请选择")
    with pytest.raises(ValidationError, match="不能改变周期"):
        dc.update_subject(db, replace(dc.get_subject(db, sid), period_kind="monthly"))


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"disclosed_on": "2999-01-01"}, "公开日期", "晚于今天"),
        ({"channels": []}, "公开渠道", "至少选择一个"),
        ({"channels": ["wall"]}, "公开渠道", "不在"),
        ({"channels": "board"}, "公开渠道", "列表"),
        ({"channels": ["other"]}, "其他渠道说明", "写明"),
        ({"title": ""}, "公开事项", "不能为空"),
        ({"title": "工资\x00公开"}, "公开事项", "控制字符"),
        ({"category": "money"}, "公开类别", "请选择"),
        ({"subcategory": "hospitality"}, "具体内容", "不属于"),
        ({"is_all_staff": False, "audience": ""}, "公开范围（部门）", "哪些部门"),
        ({"posted_days": -1}, "公开时长（天）", "负数"),
        ({"posted_days": True}, "公开时长（天）", ""),
        ({"disclosed_on": None}, "公开日期", "事项发生日期"),
        ({"arose_on": "2025-03-09"}, "公开日期", "早于事项发生日期"),
        ({"summary": "长" * 20_001}, "公开内容摘要", "过长"),
        ({"period_start_date": "2025-01-01"}, "所属期间", "同时填写"),
    ],
)
def test_a_bad_item_is_refused_naming_the_field_and_nothing_changes(db, changes, field, words):
    item(db, title="已有的事项")
    values: dict = {"title": "新的事项", "category": "interests", "channels": ["board"], "disclosed_on": "2025-03-05"} | changes
    refused(db, lambda: dc.add_item(db, dc.Item(**values)), field, words)


def test_a_bad_edit_leaves_the_item_as_it_was(db):
    item_id = item(db, title="三月工资")
    for changes, field in (({"disclosed_on": "2999-01-01"}, "公开日期"), ({"channels": []}, "公开渠道")):
        refused(db, lambda: dc.update_item(db, replace(dc.get_item(db, item_id), **changes)), field)
    dc.void_item(db, item_id, "登记错误")
    refused(db, lambda: dc.update_item(db, replace(dc.get_item(db, item_id), title="改")), "厂务公开事项", "已作废")
    refused(db, lambda: dc.void_item(db, item_id, "再次"), "作废", "已作废")


def test_items_are_voided_with_a_reason_never_deleted(db):
    import sqlite3

    item_id = item(db)
    refused(db, lambda: dc.void_item(db, item_id, ""), "作废原因", "不能为空")
    with pytest.raises(sqlite3.IntegrityError, match="不能删除"):
        with db.atomic():
            db.execute("DELETE FROM disclosure_items WHERE id = ?", (item_id,))
    dc.void_item(db, item_id, "重复登记")
    assert dc.get_item(db, item_id).void_reason == "重复登记"
    assert [e["action"] for e in __import__("models.audit", fromlist=["history"]).history(db, "disclosure_items", item_id)] == ["insert", "void"]


@pytest.mark.parametrize(
    "changes, field",
    [({"period_kind": "weekly"}, "公开周期"), ({"start_date": ""}, "开始执行日期"), ({"end_date": "2024-12-31"}, "停止日期"),
     ({"title": ""}, "公开事项"), ({"category": None}, "公开类别")],
)
def test_a_bad_subject_is_refused(db, changes, field):
    values: dict = {"title": "工资", "category": "interests", "period_kind": "monthly", "start_date": "2025-01-01"} | changes
    refused(db, lambda: dc.add_subject(db, dc.Subject(**values)), field)
