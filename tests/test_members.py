"""The member register: validation, uniqueness, audit, derived status, search and sorting in SQL."""

from __future__ import annotations

import pytest

from models import audit, clock, dues, member_list, members, membership
from models.members import add_member, get_member, update_member, validate, warnings_for
from models.validation import DuplicateError, ValidationError
from tests.conftest import make_id, member


@pytest.fixture(autouse=True)
def _ledger_today():
    """The ledger's today, whatever the machine's date: these tests hold on any day."""
    with clock.frozen("2025-12-31"):
        yield


def count(db) -> int:
    return db.execute("SELECT count(*) FROM members").fetchone()[0]


def test_add_derives_birth_and_sex_and_logs(db):
    mid = add_member(db, member(name="王芳", id_number=make_id("19900807", male=False)))
    m = get_member(db, mid)
    assert m.birth_date == "1990-08-07" and m.gender == "2"
    assert m.status == "active"
    log = audit.history(db, "members", mid)
    assert log[0]["action"] == "insert" and log[0]["after"]["name"] == "王芳"
    assert membership.events(db, mid)[0].kind == "join"


@pytest.mark.parametrize(
    "changes, field, text",
    [
        (dict(name=" "), "name", "不能为空"),
        (dict(id_number="110105194912310021"), "id_number", "校验位"),
        (dict(id_number="4.10105E+17"), "id_number", "截断"),
        (dict(id_number=4.10105e17), "id_number", "数字"),
        (dict(birth_date="1985-03-15"), "birth_date", "不一致"),
        (dict(gender="2"), "gender", "不一致"),
        (dict(join_date="2023-02-30"), "join_date", "不是存在的日期"),
        (dict(join_date="2999-01-01"), "join_date", "晚于今天"),
        (dict(join_date=""), "join_date", "不能为空"),
        (dict(phone="12345"), "phone", "手机号"),
        (dict(monthly_wage_fen=-100), "monthly_wage_fen", "负数"),
        (dict(monthly_wage_fen=500_000_000), "monthly_wage_fen", "合理范围"),
        (dict(political_status="火星党"), "political_status", "不在政治面貌列表中"),
    ],
)
def test_bad_input_names_field_and_changes_nothing(db, changes, field, text):
    before = count(db)
    with pytest.raises(ValidationError) as info:
        add_member(db, member(**changes))
    assert info.value.key == field
    assert text in info.value.message
    assert members.LABELS[field] in str(info.value)
    assert count(db) == before
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_today_is_the_ledgers_clock_not_the_machines(db):
    """With the ledger's today at 2025-12-31, a day in 2026 is in the future and a person
    born on 2010-01-01 is fifteen, whatever the machine's date says."""
    with pytest.raises(ValidationError, match="晚于今天") as info:
        add_member(db, member(join_date="2026-01-05"))
    assert info.value.key == "join_date"
    with pytest.raises(ValidationError, match="不满16周岁") as info:
        add_member(db, member(id_number=make_id("20100101"), join_date="2025-12-01"))
    mid = add_member(db, member())
    with pytest.raises(ValidationError, match="晚于今天"):
        membership.record_event(db, mid, "retain", "2026-01-05")
    with pytest.raises(ValidationError, match="晚于今天"):
        dues.record_payment(db, mid, ["2025-12"], 2500, "2026-01-05")
    assert count(db) == 1 and len(membership.events(db, mid)) == 1
    assert db.execute("SELECT count(*) FROM dues_payments").fetchone()[0] == 0


def test_fifteen_digit_number_is_upgraded(db):
    mid = add_member(db, member(id_number="110105491231002"))
    assert get_member(db, mid).id_number == "11010519491231002X"


def test_lowercase_x_and_fullwidth_digits(db):
    mid = add_member(db, member(id_number="１１０１０５１９４９１２３１００２x"))
    assert get_member(db, mid).id_number == "11010519491231002X"


def test_duplicate_id_names_existing_member(db):
    first = add_member(db, member(name="张伟", department="质检部"))
    with pytest.raises(DuplicateError) as info:
        add_member(db, member(name="张薇"))
    assert "张伟" in info.value.message and info.value.existing_id == first
    assert count(db) == 1


def test_same_name_and_birth_is_a_warning_only(db):
    add_member(db, member(name="刘洋", id_number=make_id("19850314", seq=1)))
    other = validate(member(name="刘洋", id_number=make_id("19850314", seq=2)))
    warns = warnings_for(db, other)
    assert warns and "刘洋" in warns[0].message
    add_member(db, other, validated=True)
    assert count(db) == 2


def test_update_logs_only_changes(db):
    mid = add_member(db, member())
    m = get_member(db, mid)
    assert update_member(db, m) is False
    m.department = "设备部"
    assert update_member(db, m) is True
    last = audit.history(db, "members", mid)[-1]
    assert last["action"] == "update"
    assert last["before"]["department"] == "生产部" and last["after"]["department"] == "设备部"
    assert "name" not in last["after"]


def test_update_cannot_take_anothers_id(db):
    add_member(db, member(name="甲", id_number=make_id(seq=1)))
    mid = add_member(db, member(name="乙", id_number=make_id(seq=2)))
    m = get_member(db, mid)
    m.id_number = make_id(seq=1)
    with pytest.raises(DuplicateError):
        update_member(db, m)
    assert get_member(db, mid).id_number == make_id(seq=2)


def test_status_follows_history_and_history_is_append_only(db):
    import sqlite3

    mid = add_member(db, member())
    membership.record_event(db, mid, "retain", "2021-01-01", reason="retired")
    assert membership.current_status(db, mid) == "retained"
    with pytest.raises(ValidationError, match="不能办理"):
        membership.record_event(db, mid, "retain", "2021-06-01")
    with pytest.raises(ValidationError, match="不能早于"):
        membership.record_event(db, mid, "restore", "2020-01-01")
    with pytest.raises(ValidationError, match="接收会籍的工会"):
        membership.record_event(db, mid, "transfer_out", "2022-01-01")
    ev = membership.record_event(db, mid, "transfer_out", "2022-01-01", other_union="市机械工会")
    assert membership.current_status(db, mid) == "left"
    membership.void_event(db, ev, "录入错误")
    assert membership.current_status(db, mid) == "retained"
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("DELETE FROM membership_events WHERE id = ?", (ev,))
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("UPDATE membership_events SET date = '2000-01-01' WHERE id = ?", (ev,))
    first = membership.events(db, mid)[0].id
    membership.void_event(db, ev - 1, "错")  # the retain entry
    assert membership.current_status(db, mid) == "active"
    with pytest.raises(ValidationError, match="唯一"):
        membership.void_event(db, first, "错")


def test_transfer_in_new_member(db):
    mid = add_member(db, member(), how="transfer_in", event_date="2015-03-01", other_union="某区总工会")
    ev = membership.events(db, mid)[0]
    assert ev.kind == "transfer_in" and ev.other_union == "某区总工会"


def test_dues_rule_and_rounding():
    assert dues.monthly_dues(512345) == 2560  # floor(5123.45 / 10) = 512 → 512 × 5 fen
    assert dues.monthly_dues(999) == 0
    assert dues.monthly_dues(512345, "jiao") == 2560
    assert dues.monthly_dues(513345, "jiao") == 2570  # 25.65 → 25.7
    assert dues.monthly_dues(513345, "yuan") == 2600


def test_dues_payments_and_unpaid(db):
    a = add_member(db, member(name="甲", id_number=make_id(seq=1)))
    b = add_member(db, member(name="乙", id_number=make_id(seq=2)))
    ids = dues.record_payment(db, a, dues.periods_between("2025-01", "2025-03"), 2500, "2025-03-05")
    assert len(ids) == 3
    with pytest.raises(ValidationError, match="2025-02"):
        dues.record_payment(db, a, ["2025-02"], 2500, "2025-03-05")
    unpaid = [r["name"] for r in dues.unpaid_members(db, "2025-02")]
    assert unpaid == ["乙"]
    dues.void_payment(db, ids[1], "重复登记")
    assert sorted(r["name"] for r in dues.unpaid_members(db, "2025-02")) == ["乙", "甲"]
    assert dues.period_summary(db, "2025-01") == {"period": "2025-01", "count": 1, "total_fen": 2500}
    membership.record_event(db, b, "retain", "2025-01-01")
    with pytest.raises(ValidationError, match="保留会籍"):
        dues.record_payment(db, b, ["2025-01"], 100, "2025-01-05")
    with pytest.raises(ValidationError, match="金额"):
        dues.record_payment(db, a, ["2025-05"], -5, "2025-03-05")


def test_search_by_name_initials_id_tail_phone_card(db):
    add_member(db, member(name="曾志伟", id_number=make_id(seq=1), phone="13912345678", card_number="6222 0001"))
    add_member(db, member(name="单田芳", id_number=make_id("19700101", seq=2), department="质检部"))
    add_member(db, member(name="张三", id_number=make_id("19800101", seq=3)))

    def names(text="", **kw):
        rows = member_list.list_members(db, member_list.MemberFilter(text=text, **kw))
        return [rows.row(i)[1] for i in range(len(rows))]

    assert names("zzw") == ["曾志伟"]
    assert names("stf") == ["单田芳"]
    assert names("曾") == ["曾志伟"]
    assert names(make_id(seq=1)[-4:]) == ["曾志伟"]
    assert names("1391234") == ["曾志伟"]
    assert names("62220001") == ["曾志伟"]
    assert names("%") == []
    assert names(department="质检部") == ["单田芳"]
    assert names() == ["单田芳", "曾志伟", "张三"]  # by pinyin: shan, zeng, zhang
    assert names(sort="birth_date", descending=True) == ["曾志伟", "张三", "单田芳"]


def test_paged_rows_read_by_position(db):
    for i in range(450):
        add_member(db, member(name=f"会员{i:03d}", id_number=make_id(seq=i + 1)))
    rows = member_list.list_members(db, member_list.MemberFilter(sort="id" if False else "name"))
    assert len(rows) == 450
    assert rows.row(449)[0] == rows.id_at(449)
    assert rows.row(0)[1] == "会员000" and rows.row(449)[1] == "会员449"
    assert rows.index_of(rows.id_at(300)) == 300


def test_paged_rows_first_then_rest_keeps_order(db):
    for i in range(120):
        add_member(db, member(name=f"会员{i:03d}", id_number=make_id(seq=i + 1)))
    whole = member_list.list_members(db, member_list.MemberFilter())
    part = member_list.list_members(db, member_list.MemberFilter(), first=50)
    assert len(part) == 50 and not part.complete
    assert part.ids == whole.ids[:50]
    assert part.load_rest() == 70 and part.complete and part.ids == whole.ids
    small = member_list.list_members(db, member_list.MemberFilter(text="会员001"), first=50)
    assert small.complete and len(small) == 1


def test_unpaid_list_states_dues_by_the_rounding_setting(db):
    """Issue 8: the unpaid list's 应缴 follows 设置 → 会费取整方式, like the payment form."""
    from models.org import set_setting

    add_member(db, member(name="甲", id_number=make_id(seq=1), monthly_wage_fen=513345))  # exact: 25.65 yuan
    add_member(db, member(name="乙", id_number=make_id(seq=2)))  # no wage on file

    def due() -> dict:
        return {r["name"]: r["due_fen"] for r in dues.unpaid_members(db, "2025-02")}

    assert due() == {"甲": 2565, "乙": None}
    set_setting(db, "dues_rounding", "jiao")
    assert due() == {"甲": 2570, "乙": None}
    set_setting(db, "dues_rounding", "yuan")
    assert due() == {"甲": 2600, "乙": None}
