"""Rosters as they exist: year-month dates, 15-digit IDs stored as numbers, phones with
dashes and extensions, GBK '?' names, what an update changes, export → import round trip."""

from __future__ import annotations

import pytest

from models.member_import import apply_import, plan_import
from models.validation import ValidationError, normalize_id_number, normalize_phone, parse_year_month
from tests.conftest import make_id


def xlsx(path, rows):
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


# ---------------------------------------------------------------- 1. year-month dates

@pytest.mark.parametrize("text", ["1985.03", "1985.3", "1985年3月", "1985-3", "1985/03", "198503"])
def test_year_month_is_first_of_month(text):
    assert parse_year_month("入会日期", text) == ("1985-03-01", True)


def test_full_date_is_not_year_month():
    assert parse_year_month("入会日期", "1985.3.5") == ("1985-03-05", False)
    with pytest.raises(ValidationError):
        parse_year_month("入会日期", "198513")  # no month 13


def test_import_year_month_join_date_with_note(db, tmp_path):
    path = xlsx(
        tmp_path / "r.xlsx",
        [["姓名", "身份证号", "入会时间"], ["张伟", make_id("19850314"), "2012.07"], ["李娜", make_id("19900807", seq=2, male=False), "2013年3月"]],
    )
    plan = plan_import(db, path)
    assert plan.problems == []
    assert [r.member.join_date for r in plan.rows] == ["2012-07-01", "2013-03-01"]
    assert [(n.row, n.column) for n in plan.notes] == [(2, "入会时间"), (3, "入会时间")]
    assert "入会日期只有年月，按当月1日记" in plan.notes[0].message


def test_birth_date_year_month_is_not_guessed(db, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "出生年月", "入会时间"], ["张伟", "1985.03", "2012-07-01"]])
    plan = plan_import(db, path)
    assert plan.rows == [] and plan.problems  # no ID: the birth date is needed whole


# ---------------------------------------------------------------- 2. 15-digit IDs as numbers

def test_15_digit_id_as_float_or_int_is_upgraded():
    fifteen = "110105850314001"
    expected = normalize_id_number("身份证", fifteen)
    assert normalize_id_number("身份证", float(fifteen)) == expected
    assert normalize_id_number("身份证", 1.10105850314001e14) == expected
    assert normalize_id_number("身份证", int(fifteen)) == expected


def test_18_digit_float_still_refused():
    with pytest.raises(ValidationError, match="丢失"):
        normalize_id_number("身份证", 1.10105198503140e17)


def test_import_15_digit_float_id(db, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会时间"], ["张伟", 110105850314001.0, "2012-07-01"]])
    plan = plan_import(db, path)
    assert plan.problems == [] and plan.rows[0].member.id_number.startswith("11010519850314001")


# ---------------------------------------------------------------- 3. phones

@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010-6512 3456 转 808", "010-65123456转808"),
        ("010-65123456-808", "010-65123456转808"),
        ("(010)65123456", "010-65123456"),
        ("01065123456", "010-65123456"),
        ("0755 8888 1234", "0755-88881234"),
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("010-12345678", "010-12345678"),
    ],
)
def test_phone_normalised(typed, stored):
    assert normalize_phone("手机号码", typed) == stored


def test_phone_nonsense_still_refused():
    with pytest.raises(ValidationError):
        normalize_phone("手机号码", "1391234")


# ---------------------------------------------------------------- 4. GBK '?' names

@pytest.mark.parametrize("name", ["?祥", "？祥", "王?"])
def test_question_mark_name_is_a_problem(db, tmp_path, name):
    path = tmp_path / "r.csv"
    path.write_text(f"姓名,身份证号,入会时间\n{name},{make_id('19850314')},2012-07-01\n", encoding="gbk")
    plan = plan_import(db, path)
    assert plan.rows == []
    assert [(p.row, p.column) for p in plan.problems] == [(2, "姓名")]
    assert "?" in plan.problems[0].message or "？" in plan.problems[0].message


def test_question_mark_never_overwrites_a_good_name(db, tmp_path):
    good = xlsx(tmp_path / "g.xlsx", [["姓名", "身份证号", "入会时间"], ["王祥", make_id("19850314"), "2012-07-01"]])
    apply_import(db, plan_import(db, good))
    bad = tmp_path / "b.csv"
    bad.write_text(f"姓名,身份证号,手机\n?祥,{make_id('19850314')},13800138000\n", encoding="gbk")
    plan = plan_import(db, bad)
    assert plan.rows == [] and plan.problems[0].column == "姓名"
    assert db.execute("SELECT name FROM members").fetchone()[0] == "王祥"


def test_year_month_typed_into_excel_becomes_a_number():
    assert parse_year_month("入会日期", 1985.03) == ("1985-03-01", True)
    assert parse_year_month("入会日期", 2012.12) == ("2012-12-01", True)
    assert parse_year_month("入会日期", 198503) == ("1985-03-01", True)
    assert parse_year_month("入会日期", 41000) == ("2012-04-01", False)  # a day serial stays a day
    with pytest.raises(ValidationError, match="10月"):
        parse_year_month("入会日期", 2012.1)  # January or October: not guessed


# ---------------------------------------------------------------- 6. export → import round trip

_DERIVED = ("id", "created_at", "updated_at")


def _members(db) -> dict[str, dict]:
    rows = db.query("SELECT * FROM members")
    return {r["id_number"]: {k: v for k, v in r.items() if k not in _DERIVED} for r in rows}


def _last_changes(db) -> dict[str, tuple]:
    rows = db.execute(
        "SELECT m.id_number, e.kind, e.date, e.reason, e.other_union FROM membership_events e JOIN members m ON m.id = e.member_id"
        " WHERE e.voided_at IS NULL AND e.kind NOT IN ('join', 'transfer_in') ORDER BY e.date, e.id"
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_export_then_import_gives_identical_members(tmp_path):
    from models.db import open_database
    from models.demo import fill_demo
    from models.member_export import ALL_EXPORT_COLUMNS, export_members
    from models.member_list import MemberFilter

    source = open_database(tmp_path / "demo.db")
    fill_demo(source)
    out = tmp_path / "roster.xlsx"
    assert export_members(source, MemberFilter(), ALL_EXPORT_COLUMNS, out) == 300
    fresh = open_database(tmp_path / "fresh.db")
    plan = plan_import(fresh, out)
    assert plan.problems == []
    assert apply_import(fresh, plan)["added"] == 300
    before, after = _members(source), _members(fresh)
    assert {k: v["status"] for k, v in after.items()} == {k: v["status"] for k, v in before.items()}
    assert after == before
    assert _last_changes(fresh) == _last_changes(source)
    # Every member's membership began on its 入会日期.
    assert fresh.execute("SELECT count(*) FROM membership_events WHERE kind = 'join'").fetchone()[0] == 300


def test_left_without_the_change_is_a_problem_not_a_member_in_good_standing(db, tmp_path):
    path = xlsx(
        tmp_path / "r.xlsx",
        [["姓名", "身份证号", "入会时间", "会籍状态"], ["张伟", make_id("19850314"), "2012-07-01", "已离会"]],
    )
    plan = plan_import(db, path)
    assert plan.rows == [] and [p.column for p in plan.problems] == ["会籍状态"]


def test_status_of_a_known_member_is_not_changed_by_import_but_noted(db, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会时间"], ["张伟", make_id("19850314"), "2012-07-01"]])
    apply_import(db, plan_import(db, path))
    again = xlsx(
        tmp_path / "s.xlsx",
        [["姓名", "身份证号", "会籍状态", "会籍变动", "会籍变动日期"], ["张伟", make_id("19850314"), "已离会", "退会", "2020-01-01"]],
    )
    plan = plan_import(db, again)
    assert plan.problems == [] and [n.column for n in plan.notes] == ["会籍状态"]
    apply_import(db, plan)
    assert db.execute("SELECT status FROM members").fetchone()[0] == "active"


# ---------------------------------------------------------------- 5. what an update changes

def test_update_lists_old_and_new_per_field(db, tmp_path):
    from models.member_import import change_lines

    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会时间", "部门", "政治面貌"], ["张伟", make_id("19850314"), "2012-07-01", "质检部", "群众"]])
    apply_import(db, plan_import(db, path))
    again = xlsx(tmp_path / "s.xlsx", [["姓名", "身份证号", "部门", "政治面貌"], ["张伟", make_id("19850314"), "设备部", "中共党员"]])
    plan = plan_import(db, again)
    assert change_lines(plan) == [
        (2, "张伟", "政治面貌", "群众", "中共党员"),  # in the order of the real-name form
        (2, "张伟", "部门", "质检部", "设备部"),
    ]


# ---------------------------------------------------------------- 7. export columns

def test_export_offers_every_real_name_field():
    from models.member_export import export_columns

    headers = [h for _, h in export_columns()]
    for wanted in ("姓名", "性别", "民族", "出生日期", "公民身份号码", "政治面貌", "学历", "手机号码", "户籍类型", "是否农民工",
                   "就业状况", "工作单位", "部门", "岗位", "入会日期", "会员卡号", "会籍状态", "备注", "证件类别", "技术等级",
                   "户籍所在地", "籍贯", "工会会员号", "工号"):
        assert wanted in headers, wanted


def test_export_chosen_columns_only(db, tmp_path):
    from models.member_export import export_members
    from models.member_list import MemberFilter
    from models.spreadsheet import read_rows

    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会时间"], ["张伟", make_id("19850314"), "2012-07-01"]])
    apply_import(db, plan_import(db, path))
    out = tmp_path / "o.xlsx"
    export_members(db, MemberFilter(), ["name", "hukou_place", "status"], out)
    rows = read_rows(out)
    assert ["姓名", "户籍所在地", "会籍状态"] in [list(r) for r in rows]
    with pytest.raises(ValidationError):
        export_members(db, MemberFilter(), ["name", "nonsense"], out)
