"""Members through time (issue 8): attributes with the dates they took effect, corrections
that are not changes, one source for 入会日期 and status, and the register as of any day."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import audit, clock, dues, member_time, members, membership
from models.members import add_member, get_member, update_member
from models.validation import ValidationError
from tests.conftest import make_id, member


@pytest.fixture(autouse=True)
def _ledger_today():
    with clock.frozen("2026-06-30"):
        yield


def edit(db, mid: int, **changes) -> members.Member:
    return replace(get_member(db, mid), **changes)


def dump(db) -> list:
    return [
        db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall()
        for t in ("members", "membership_events", "member_changes", "audit_log", "dues_payments")
    ]


def by_department(db, on: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in member_time.members_as_of(db, on):
        if row["status"] == "active":
            counts[row["department"]] = counts.get(row["department"], 0) + 1
    return counts


# ---------------------------------------------------------------- changes in the world

def test_a_transfer_counts_in_the_old_department_until_the_day_before(db):
    mid = add_member(db, member(name="李娜", department="生产部", post="装配工"))
    add_member(db, member(name="王强", id_number=make_id(seq=2), department="设备部"))
    assert update_member(db, edit(db, mid, department="设备部", post="维修电工"), effective="2026-03-03")
    assert member_time.member_as_of(db, mid, "2026-03-02")["department"] == "生产部"
    assert member_time.member_as_of(db, mid, "2026-03-02")["post"] == "装配工"
    assert member_time.member_as_of(db, mid, "2026-03-03")["department"] == "设备部"
    assert member_time.member_as_of(db, mid, "2026-03-03")["post"] == "维修电工"
    assert by_department(db, "2026-03-02") == {"生产部": 1, "设备部": 1}
    assert by_department(db, "2026-03-03") == {"设备部": 2}
    assert get_member(db, mid).department == "设备部"  # today's value, kept in step
    assert [(c.field, c.date, c.value) for c in member_time.changes(db, mid)] == [
        ("department", "", "生产部"), ("department", "2026-03-03", "设备部"), ("post", "", "装配工"), ("post", "2026-03-03", "维修电工"),
    ]


def test_an_edit_takes_effect_on_the_ledgers_today_by_default(db):
    """As the import does: update_member without a date."""
    mid = add_member(db, member(education="college", political_status="13", is_migrant_worker=True))
    update_member(db, edit(db, mid, education="bachelor", political_status="01", is_migrant_worker=False))
    before, after = member_time.member_as_of(db, mid, "2026-06-29"), member_time.member_as_of(db, mid, "2026-06-30")
    assert (before["education"], before["political_status"], before["is_migrant_worker"]) == ("college", "13", 1)
    assert (after["education"], after["political_status"], after["is_migrant_worker"]) == ("bachelor", "01", 0)


def test_a_card_issued_counts_from_its_day(db):
    mid = add_member(db, member(card_number=""))
    update_member(db, edit(db, mid, card_number="6222021700011234"), effective="2026-04-01")
    assert member_time.member_as_of(db, mid, "2026-03-31")["card_number"] == ""
    assert member_time.member_as_of(db, mid, "2026-04-01")["card_number"] == "6222021700011234"


def test_fields_that_do_not_change_in_the_world_are_overwritten(db):
    mid = add_member(db, member(name="张伟", phone="13912345678"))
    update_member(db, edit(db, mid, name="张玮", phone="13987654321"), effective="2026-03-03")
    assert member_time.changes(db, mid) == []
    then = member_time.member_as_of(db, mid, "2020-01-01")
    assert then["name"] == "张玮"


def test_a_change_may_not_predate_the_fields_last_change_nor_be_in_the_future(db):
    mid = add_member(db, member(department="生产部"))
    update_member(db, edit(db, mid, department="设备部"), effective="2026-03-03")
    before = dump(db)
    with pytest.raises(ValidationError, match="2026-03-03") as info:
        update_member(db, edit(db, mid, department="质检部"), effective="2026-02-01")
    assert info.value.key == "department"
    with pytest.raises(ValidationError, match="晚于今天") as info:
        update_member(db, edit(db, mid, department="质检部"), effective="2026-07-01")
    assert info.value.key == "effective"
    for bad in ("2026-13-01", ["2026-03-03"], True, "2026-03-03\x00"):
        with pytest.raises(ValidationError):
            update_member(db, edit(db, mid, department="质检部"), effective=bad)
    assert dump(db) == before
    # Another field has its own history: an earlier change of 学历 is fine.
    update_member(db, edit(db, mid, education="bachelor"), effective="2026-01-15")
    assert member_time.member_as_of(db, mid, "2026-01-15")["education"] == "bachelor"


def test_a_change_may_not_predate_joining_but_a_correction_has_no_date(db):
    mid = add_member(db, member(department="生产部", join_date="2020-05-01"))
    before = dump(db)
    with pytest.raises(ValidationError, match="入会日期（2020-05-01）") as info:
        update_member(db, edit(db, mid, department="设备部"), effective="2020-04-30")
    assert info.value.key == "effective" and dump(db) == before
    update_member(db, edit(db, mid, department="设备部"), effective="2020-04-30", corrected=True)  # the date is not used
    update_member(db, edit(db, mid, phone="13912345678"), effective="2020-04-30")  # no dated field changed
    update_member(db, edit(db, mid, department="质检部"), effective="2020-05-01")  # on the day of joining
    assert member_time.member_as_of(db, mid, "2020-05-01")["department"] == "质检部"


def test_bad_corrections_and_notes_are_refused_in_chinese_and_change_nothing(db):
    mid = add_member(db, member(department="生产部"))
    before = dump(db)
    for kw in (dict(corrected="department"), dict(corrected=["部门"]), dict(corrected=[["department"]]), dict(corrected=1),
               dict(note="调岗\x00"), dict(note="长" * 300), dict(note=["调岗"])):
        with pytest.raises(ValidationError):
            update_member(db, edit(db, mid, department="设备部"), **kw)
    for kw in (dict(field="department", value="设备部", on="2026-13-01"), dict(field=["department"], value="x"),
               dict(field="department", value="长" * 300), dict(field="is_migrant_worker", value="否"),
               dict(field="department", value="设备部", note="笔误\x00")):
        with pytest.raises(ValidationError):
            member_time.correct_value(db, mid, kw.pop("field"), kw.pop("value"), **kw)
    with pytest.raises(audit.NotFound):
        member_time.member_as_of(db, 999, "2026-01-01")
    assert dump(db) == before


def test_two_changes_on_one_day_the_later_stands(db):
    mid = add_member(db, member(department="生产部"))
    update_member(db, edit(db, mid, department="设备部"), effective="2026-03-03")
    update_member(db, edit(db, mid, department="质检部"), effective="2026-03-03")
    assert member_time.member_as_of(db, mid, "2026-03-03")["department"] == "质检部"
    assert member_time.member_as_of(db, mid, "2026-03-02")["department"] == "生产部"


# ---------------------------------------------------------------- corrections

def test_a_typo_correction_changes_the_past_from_the_start(db):
    mid = add_member(db, member(department="质简部"))  # typed 简 for 检
    assert update_member(db, edit(db, mid, department="质检部"), corrected=True)
    assert member_time.member_as_of(db, mid, "2010-05-01")["department"] == "质检部"
    assert member_time.changes(db, mid) == []  # nothing happened in the world
    assert audit.history(db, "members", mid)[-1]["note"].startswith("更正")


def test_a_correction_rewrites_the_value_it_corrects_not_the_one_before(db):
    mid = add_member(db, member(department="生产部"))
    update_member(db, edit(db, mid, department="设被部"), effective="2026-03-03")  # 被 for 备
    update_member(db, edit(db, mid, department="设备部"), corrected={"department"})
    assert member_time.member_as_of(db, mid, "2026-03-02")["department"] == "生产部"
    assert member_time.member_as_of(db, mid, "2026-03-03")["department"] == "设备部"
    rows = member_time.changes(db, mid)
    assert [(c.date, c.value) for c in rows] == [("", "生产部"), ("2026-03-03", "设备部")]
    assert audit.history(db, "member_changes", rows[1].id)[-1]["note"].startswith("更正")


def test_a_correction_and_a_change_in_one_save(db):
    mid = add_member(db, member(department="生产部", education="high"))
    update_member(db, edit(db, mid, department="设备部", education="college"), effective="2026-03-03", corrected={"education"})
    assert member_time.member_as_of(db, mid, "2011-01-01")["education"] == "college"
    assert member_time.member_as_of(db, mid, "2026-03-02")["department"] == "生产部"


def test_a_past_value_can_be_corrected_alone(db):
    mid = add_member(db, member(department="生产部"))
    update_member(db, edit(db, mid, department="设备部"), effective="2026-03-03")
    member_time.correct_value(db, mid, "department", "生产一车间", on="2020-01-01")
    assert member_time.member_as_of(db, mid, "2020-01-01")["department"] == "生产一车间"
    assert member_time.member_as_of(db, mid, "2026-03-03")["department"] == "设备部"
    assert get_member(db, mid).department == "设备部"
    member_time.correct_value(db, mid, "education", "大学本科", on="2020-01-01")  # never changed: today's value too
    assert get_member(db, mid).education == "bachelor"
    before = dump(db)
    with pytest.raises(ValidationError, match="学历"):
        member_time.correct_value(db, mid, "education", "火星大学", on="2020-01-01")
    with pytest.raises(ValidationError):
        member_time.correct_value(db, mid, "phone", "13900000000")
    assert dump(db) == before


def test_one_row_is_corrected_by_its_id_start_change_or_last(db):
    mid = add_member(db, member(department="生产部"))
    update_member(db, edit(db, mid, department="设被部"), effective="2026-03-03")  # 被 for 备
    update_member(db, edit(db, mid, department="质简部"), effective="2026-05-05")  # 简 for 检
    start, first, last = member_time.changes(db, mid)
    member_time.correct_change(db, first.id, "设备部", note="错字")
    member_time.correct_change(db, start.id, "生产一车间")
    member_time.correct_change(db, last.id, "质检部")
    assert [(c.date, c.value) for c in member_time.changes(db, mid)] == [
        ("", "生产一车间"), ("2026-03-03", "设备部"), ("2026-05-05", "质检部"),
    ]
    assert get_member(db, mid).department == "质检部"  # the last row is today's value
    assert "错字" in audit.history(db, "member_changes", first.id)[-1]["note"]
    # A row hidden by a later one of the same day, and a voided row, are refused.
    update_member(db, edit(db, mid, department="设备部"), effective="2026-06-01")
    update_member(db, edit(db, mid, department="安环部"), effective="2026-06-01")
    hidden, shown = member_time.changes(db, mid)[-2:]
    member_time.void_change(db, shown.id, "录错了")
    before = dump(db)
    with pytest.raises(ValidationError, match="已作废"):
        member_time.correct_change(db, shown.id, "安全环保部")
    with pytest.raises(ValidationError, match="部门"):
        member_time.correct_change(db, start.id, "长" * 300)
    assert dump(db) == before
    update_member(db, edit(db, mid, department="安环部"), effective="2026-06-01")
    with pytest.raises(ValidationError, match="从未生效"):
        member_time.correct_change(db, hidden.id, "设备一部")


def test_a_change_entered_by_mistake_is_voided_and_today_follows(db):
    mid = add_member(db, member(department="生产部"))
    update_member(db, edit(db, mid, department="设备部"), effective="2026-03-03")
    change = member_time.changes(db, mid)[-1]
    member_time.void_change(db, change.id, "调岗未成行")
    assert get_member(db, mid).department == "生产部"
    assert member_time.member_as_of(db, mid, "2026-06-30")["department"] == "生产部"
    start = member_time.changes(db, mid)[0]
    with pytest.raises(ValidationError, match="更正"):
        member_time.void_change(db, start.id, "错")
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("DELETE FROM member_changes WHERE id = ?", (start.id,))
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("UPDATE member_changes SET date = '2020-01-01' WHERE id = ?", (change.id,))


# ---------------------------------------------------------------- membership as of a day

def test_one_who_joined_in_2026_is_not_a_member_as_of_2025_12_31(db):
    old = add_member(db, member(name="老会员", id_number=make_id(seq=1)))
    new = add_member(db, member(name="新会员", id_number=make_id(seq=2), join_date="2026-05-10"))
    assert member_time.member_as_of(db, new, "2025-12-31") is None
    assert [r["id"] for r in member_time.members_as_of(db, "2025-12-31")] == [old]
    assert member_time.member_as_of(db, new, "2026-05-10")["status"] == "active"
    assert membership.status_on(db, new, "2026-05-09") is None
    assert membership.joined_between(db, "2026-01-01", "2026-12-31") == [new]


def test_one_who_left_in_2026_is_a_member_as_of_2025_12_31(db):
    gone = add_member(db, member(name="退会者", id_number=make_id(seq=1)))
    retired = add_member(db, member(name="退休者", id_number=make_id(seq=2)))
    membership.record_event(db, gone, "withdraw", "2026-04-01", reason="own_request")
    membership.record_event(db, retired, "retain", "2026-02-01", reason="retired")
    then = {r["id"]: r["status"] for r in member_time.members_as_of(db, "2025-12-31")}
    assert then == {gone: "active", retired: "active"}
    later = {r["id"]: r["status"] for r in member_time.members_as_of(db, "2026-04-01")}
    assert later == {gone: "left", retired: "retained"}
    assert membership.status_on(db, gone, "2026-03-31") == "active"


def test_a_voided_event_does_not_count_on_any_day(db):
    mid = add_member(db, member())
    ev = membership.record_event(db, mid, "withdraw", "2026-04-01")
    membership.void_event(db, ev, "误操作")
    assert member_time.member_as_of(db, mid, "2026-05-01")["status"] == "active"


def test_as_of_reads_only_the_keys_asked_for(db):
    mid = add_member(db, member(department="生产部", education="high"))
    update_member(db, edit(db, mid, department="设备部", education="college"), effective="2026-03-03")
    rows = member_time.members_as_of(db, "2026-03-02", keys=["department"])
    assert rows == [{"id": mid, "status": "active", "department": "生产部"}]
    for bad in (["phone"], "department", [["department"]], {"department": 1}):
        with pytest.raises(ValidationError, match="查询项目"):
            member_time.members_as_of(db, "2026-03-02", keys=bad)


def test_as_of_bad_dates_are_refused_in_chinese(db):
    mid = add_member(db, member())
    for bad in ("2026-13-01", "", None, ["2026-01-01"], True):
        with pytest.raises(ValidationError):
            member_time.members_as_of(db, bad)
        with pytest.raises(ValidationError):
            member_time.member_as_of(db, mid, bad)


# ---------------------------------------------------------------- one source for 入会日期

def test_editing_the_join_date_moves_the_join_event(db):
    mid = add_member(db, member(join_date="2010-05-01"))
    membership.record_event(db, mid, "retain", "2021-01-01", reason="retired")
    update_member(db, edit(db, mid, join_date="2011-03-01"))
    live = membership.events(db, mid, include_void=False)
    assert [(e.kind, e.date) for e in live] == [("join", "2011-03-01"), ("retain", "2021-01-01")]
    voided = [e for e in membership.events(db, mid) if e.voided_at]
    assert [(e.date, e.void_reason) for e in voided] == [("2010-05-01", "入会日期更正为 2011-03-01")]
    assert get_member(db, mid).join_date == "2011-03-01"
    assert get_member(db, mid).status == "retained"
    assert member_time.member_as_of(db, mid, "2010-12-31") is None
    before = dump(db)
    with pytest.raises(ValidationError, match="2021-01-01") as info:
        update_member(db, edit(db, mid, join_date="2022-01-01"))
    assert info.value.key == "join_date"
    assert dump(db) == before


def test_join_date_has_one_source(db):
    mid = add_member(db, member(join_date="2010-05-01"))
    with pytest.raises(sqlite3.IntegrityError, match="入会日期"):
        with db.atomic():
            db.execute("UPDATE members SET join_date = '2012-01-01' WHERE id = ?", (mid,))
    with pytest.raises(ValidationError, match="入会日期"):
        audit.update_row(db, "members", mid, {"join_date": "2012-01-01"})
    # A transfer in states the day this union's membership began: that is the 入会日期.
    moved = add_member(db, member(id_number=make_id(seq=2), join_date="2008-01-01"), how="transfer_in", event_date="2015-03-01", other_union="某区总工会")
    assert get_member(db, moved).join_date == "2015-03-01"
    # The first 入会 cannot be voided away: 入会日期 is corrected by editing it.
    membership.record_event(db, mid, "withdraw", "2020-01-01")
    with pytest.raises(ValidationError, match="入会日期"):
        membership.void_event(db, membership.events(db, mid)[0].id, "错")
    # A later re-join keeps the first 入会 as the date; in between the member had left.
    membership.record_event(db, mid, "join", "2022-01-01")
    assert get_member(db, mid).join_date == "2010-05-01"
    assert [r["status"] for r in member_time.members_as_of(db, "2021-01-01") if r["id"] == mid] == ["left"]


def test_statuses_follow_events_the_trigger_and_as_of_agree(db):
    ids = [add_member(db, member(id_number=make_id(seq=i + 1))) for i in range(5)]
    membership.record_event(db, ids[0], "retain", "2024-01-01")
    membership.record_event(db, ids[1], "transfer_out", "2025-01-01", other_union="某厂工会")
    membership.record_event(db, ids[2], "death", "2026-06-30")
    now = {r["id"]: r["status"] for r in member_time.members_as_of(db, clock.today_iso())}
    assert now == dict(db.execute("SELECT id, status FROM members").fetchall())
    assert set(now.values()) == {"active", "retained", "left"}


# ---------------------------------------------------------------- dues read the month, not today

def test_dues_for_a_month_before_retention_can_still_be_paid(db):
    mid = add_member(db, member(monthly_wage_fen=500000))
    membership.record_event(db, mid, "retain", "2026-04-01", reason="retired")
    assert len(dues.record_payment(db, mid, ["2026-02", "2026-03"], 2500, "2026-06-01")) == 2
    with pytest.raises(ValidationError, match="2026-04"):
        dues.record_payment(db, mid, ["2026-04", "2026-05"], 2500, "2026-06-01")


# ---------------------------------------------------------------- existing ledgers

def test_an_existing_ledger_learns_its_members_past_from_the_audit_trail(tmp_path, monkeypatch):
    """A ledger written before dated history: edits overwrote the row and were logged on
    the day they were typed. The upgrade dates each change by that day (nothing better is
    known), takes edits of the day a member was entered as fixes of what was typed, trusts
    the row where the trail disagrees with it, and leaves 入会日期 one fact."""
    from models import migrations
    from models.db import open_database

    path = tmp_path / "old.db"
    mine = migrations.MIGRATIONS.index(migrations.m008_member_history)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:mine])
    db = open_database(path)
    from tests.conftest import write_old_member_columns

    write_old_member_columns(db, monkeypatch)

    from models import clock

    def old_edit(mid: int, day: str, **values) -> None:  # what update_member did: overwrite, log
        with clock.frozen(f"{day}T10:00:00"):
            audit.update_row(db, "members", mid, values)

    with clock.frozen("2024-01-10T09:00:00"):
        m1 = add_member(db, member(name="甲", id_number=make_id(seq=1), department="生产不", education="high"))
    old_edit(m1, "2024-01-10", department="生产部")  # fixed the day it was typed
    old_edit(m1, "2025-03-05", department="设备部")
    old_edit(m1, "2025-08-01", education="college", is_migrant_worker=1)
    m2 = add_member(db, member(name="乙", id_number=make_id(seq=2), department="生产部"))
    old_edit(m2, "2025-02-01", department="质检部")
    db.execute("UPDATE members SET department = '仓储部' WHERE id = ?", (m2,))  # changed outside the program
    m3 = add_member(db, member(name="丙", id_number=make_id(seq=3), join_date="2010-05-01"))
    old_edit(m3, "2024-06-01", join_date="2011-03-01")  # the 入会 event stayed on 2010-05-01
    m4 = add_member(db, member(name="丁", id_number=make_id(seq=4), join_date="2010-05-01"))
    membership.record_event(db, m4, "retain", "2015-01-01")
    old_edit(m4, "2024-06-01", join_date="2016-01-01")  # after its own 保留会籍: cannot be the 入会
    m5 = add_member(db, member(name="戊", id_number=make_id(seq=5)))
    db.close()

    monkeypatch.undo()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    rows = {(c.field, c.date): c.value for c in member_time.changes(db, m1)}
    assert rows == {
        ("department", ""): "生产部", ("department", "2025-03-05"): "设备部",
        ("education", ""): "high", ("education", "2025-08-01"): "college",
        ("is_migrant_worker", ""): 0, ("is_migrant_worker", "2025-08-01"): 1,
    }
    assert member_time.member_as_of(db, m1, "2025-03-04")["department"] == "生产部"
    assert member_time.member_as_of(db, m1, "2025-03-05")["department"] == "设备部"
    assert member_time.changes(db, m2) == []  # the trail does not end where the row is: the row stands
    assert member_time.member_as_of(db, m2, "2020-01-01")["department"] == "仓储部"
    assert member_time.changes(db, m5) == []
    assert [(e.kind, e.date) for e in membership.events(db, m3, include_void=False)] == [("join", "2011-03-01")]
    assert get_member(db, m3).join_date == "2011-03-01"
    assert get_member(db, m4).join_date == "2010-05-01"
    assert get_member(db, m4).status == "retained"
    seeded = audit.history(db, "member_changes", member_time.changes(db, m1)[1].id)
    assert seeded[0]["action"] == "insert" and "升级" in seeded[0]["note"]
    # From here on it is history like any other.
    update_member(db, edit(db, m1, department="质检部"), effective="2026-03-03")
    assert member_time.member_as_of(db, m1, "2026-03-02")["department"] == "设备部"
    db.close()


def test_the_unpaid_list_of_a_month_reads_that_month(db):
    """Who owed dues for a month, and in which department, as they stood on its first day."""
    retired = add_member(db, member(name="退休者", id_number=make_id(seq=1), department="生产部"))
    moved = add_member(db, member(name="调岗者", id_number=make_id(seq=2), department="生产部"))
    add_member(db, member(name="新会员", id_number=make_id(seq=3), department="生产部", join_date="2026-05-10"))
    membership.record_event(db, retired, "retain", "2026-04-01", reason="retired")
    update_member(db, edit(db, moved, department="设备部"), effective="2026-03-03")

    def unpaid(period: str, department: str | None = None) -> list[tuple[str, str]]:
        return [(r["name"], r["department"]) for r in dues.unpaid_members(db, period, department)]

    assert unpaid("2026-03") == [("调岗者", "生产部"), ("退休者", "生产部")]
    assert unpaid("2026-04") == [("调岗者", "设备部")]
    assert unpaid("2026-03", "生产部") == [("调岗者", "生产部"), ("退休者", "生产部")]
    assert unpaid("2026-04", "生产部") == []
    assert unpaid("2026-06") == [("新会员", "生产部"), ("调岗者", "设备部")]


def test_the_demo_ledger_has_a_past(db):
    import datetime as dt

    from models.demo import fill_demo

    fill_demo(db, 300)
    moves = db.execute("SELECT member_id, date FROM member_changes WHERE field = 'department' AND date <> ''").fetchall()
    assert len(moves) > 5
    for mid, day in moves:
        eve = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
        assert member_time.member_as_of(db, mid, day)["department"] == get_member(db, mid).department
        assert member_time.member_as_of(db, mid, eve)["department"] != get_member(db, mid).department


# ---------------------------------------------------------------- against a model of the rules

DEPTS = ["生产部", "设备部", "质检部"]
DAYS = ["2012-01-01", "2018-05-05", "2020-02-02", "2026-03-03", "2026-06-30"]
OPS = st.one_of(
    st.tuples(st.just("change"), st.sampled_from(DAYS), st.sampled_from(DEPTS)),
    st.tuples(st.just("correct"), st.just(""), st.sampled_from(DEPTS)),
    st.tuples(st.just("correct_on"), st.sampled_from(DAYS), st.sampled_from(DEPTS)),
    st.tuples(st.just("void_last"), st.just(""), st.just("")),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, max_size=10))
def test_changes_corrections_and_voids_agree_with_a_model(tmp_path_factory, ops):
    """Any sequence of changes, corrections and voids: today's value is the last dated
    value, and every day reads the value a plain list of (day, value) says."""
    from models.db import open_database

    db = open_database(tmp_path_factory.mktemp("model") / "m.db")
    mid = add_member(db, member(department="生产部"))
    rows: list[list[str]] = []  # the model: live [day, value], the start first once anything changed
    now = "生产部"
    for op, day, value in ops:
        if op == "change":
            if value != now and rows and day < rows[-1][0]:  # (an edit that changes nothing is not checked)
                with pytest.raises(ValidationError):
                    update_member(db, edit(db, mid, department=value), effective=day)
                continue
            update_member(db, edit(db, mid, department=value), effective=day)
            if value != now:
                rows = rows or [["", now]]
                rows.append([day, value])
        elif op == "correct":
            update_member(db, edit(db, mid, department=value), corrected=True)
            if rows:
                rows[-1][1] = value
        elif op == "correct_on":
            member_time.correct_value(db, mid, "department", value, on=day)
            target = [r for r in rows if r[0] <= day]
            if target:
                target[-1][1] = value
            if not rows or target[-1] is rows[-1]:
                now = value
        elif rows and len(rows) > 1:
            last = [c for c in member_time.changes(db, mid, include_void=False) if c.field == "department"][-1]
            member_time.void_change(db, last.id, "误录")
            rows.pop()
        now = rows[-1][1] if rows else now
        if op == "correct":
            now = value
        assert get_member(db, mid).department == now
        for d in ["2010-05-01", *DAYS]:
            expected = next((v for rd, v in reversed(rows) if rd <= d), now)
            assert member_time.member_as_of(db, mid, d)["department"] == expected, (ops, d)
    db.close()
