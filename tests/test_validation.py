"""Validators and normalisers: ID numbers, dates, money, phones, credit codes, code lists."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from hypothesis import given, strategies as st

from models import clock
from models import codes
from models.validation import (
    ValidationError,
    format_money,
    mask_id_number,
    money_in_words,
    normalize_id_number,
    normalize_phone,
    normalize_uscc,
    parse_date,
    parse_money,
    parse_period,
)
from tests.conftest import VALID_IDS, make_id


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_ids(number):
    assert normalize_id_number("身份证号", number) == number


def test_invalid_check_digit():
    with pytest.raises(ValidationError, match="校验位"):
        normalize_id_number("身份证号", "110105194912310021")


@pytest.mark.parametrize("bad", ["4.10105E+17", "410105198001011234.0", "1101051949", "11010519491331002X"])
def test_unrecoverable_or_malformed_ids(bad):
    with pytest.raises(ValidationError) as info:
        normalize_id_number("身份证号", bad)
    assert info.value.field == "身份证号"


def test_float_id_never_guessed():
    with pytest.raises(ValidationError, match="数字"):
        normalize_id_number("身份证号", 410105198001011234.0)


@given(
    st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2008, 12, 31)),
    st.integers(min_value=0, max_value=498),
    st.booleans(),
)
def test_generated_ids_roundtrip_through_messy_forms(birth, seq, male):
    number = make_id(birth.strftime("%Y%m%d"), seq=seq, male=male)
    messy = " " + number.lower().translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "\u3000"
    assert normalize_id_number("身份证号", messy) == number
    if birth.year < 2000 and not number.endswith("X"):
        old = number[:6] + number[8:17]
        assert normalize_id_number("身份证号", old)[:17] == number[:17]


@pytest.mark.parametrize(
    "text",
    ["2021-3-5", "2021/03/05", "2021.3.5", "2021年3月5日", "20210305", "２０２１－３－５".replace("－", "-"), " 2021-03-05 ", "2021-03-05 00:00:00"],
)
def test_date_forms(text):
    assert parse_date("日期", text) == "2021-03-05"


def test_excel_serial_and_objects():
    assert parse_date("日期", 44260) == "2021-03-05"
    assert parse_date("日期", 44260.0) == "2021-03-05"
    assert parse_date("日期", dt.datetime(2021, 3, 5, 8, 30)) == "2021-03-05"


@pytest.mark.parametrize("bad", ["2023-02-30", "2021-13-01", "昨天", "2021-3"])
def test_bad_dates(bad):
    with pytest.raises(ValidationError) as info:
        parse_date("入会日期", bad)
    assert info.value.field == "入会日期"


def test_future_date_refused_unless_allowed():
    tomorrow = (clock.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="晚于今天"):
        parse_date("日期", tomorrow)
    assert parse_date("日期", tomorrow, allow_future=True) == tomorrow


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)), st.sampled_from(["{y}-{m}-{d}", "{y}/{m:02d}/{d:02d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{y}{m:02d}{d:02d}"]))
def test_date_normalisation_property(date, pattern):
    text = pattern.format(y=date.year, m=date.month, d=date.day)
    assert parse_date("日期", text) == date.isoformat()


def test_period():
    assert parse_period("月份", "2024年3月") == "2024-03"
    assert parse_period("月份", "202403") == "2024-03"
    with pytest.raises(ValidationError):
        parse_period("月份", "2024-13")


@pytest.mark.parametrize("text, fen", [("1,234.5", 123450), ("¥12", 1200), ("0.01", 1), (12.5, 1250), (3, 300), ("８元", 800)])
def test_money(text, fen):
    assert parse_money("金额", text) == fen


@pytest.mark.parametrize("bad, word", [("-1", "负数"), ("0", "零"), ("abc", "有效"), ("1.234", "两位小数"), ("99999999999", "合理范围")])
def test_bad_money(bad, word):
    with pytest.raises(ValidationError, match=word):
        parse_money("金额", bad)


@given(st.integers(min_value=1, max_value=10**10))
def test_money_format_roundtrip(fen):
    assert parse_money("金额", format_money(fen), maximum_fen=10**11) == fen


@pytest.mark.parametrize(
    "fen, words",
    [(123450, "壹仟贰佰叁拾肆元伍角整"), (100, "壹元整"), (1005, "壹拾元零伍分"), (50, "伍角整"), (0, "零元整"), (1000000, "壹万元整")],
)
def test_money_in_words(fen, words):
    assert money_in_words(fen) == words


def test_phone():
    assert normalize_phone("手机", " 139 1234 5678 ") == "13912345678"
    assert normalize_phone("手机", "+8613912345678") == "13912345678"
    assert normalize_phone("电话", "010-12345678") == "010-12345678"
    assert normalize_phone("手机", 13912345678.0) == "13912345678"
    with pytest.raises(ValidationError):
        normalize_phone("手机", "1391234")


def test_uscc():
    from stdnum.cn import uscc

    code = "91110000" + "600037341"
    code = code + uscc.calc_check_digit(code)
    assert normalize_uscc("信用代码", code.lower()) == code
    with pytest.raises(ValidationError, match="校验位|格式"):
        normalize_uscc("信用代码", code[:-1] + ("0" if code[-1] != "0" else "1"))
    with pytest.raises(ValidationError, match="18位"):
        normalize_uscc("信用代码", "123")


def test_mask():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("") == ""


def test_code_lists_parse_aliases():
    assert codes.POLITICAL_STATUS.parse("党员") == "01"
    assert codes.ETHNICITY.parse("汉") == "01" and codes.ETHNICITY.parse("汉族") == "01"
    assert len(codes.ETHNICITY.items) == 56
    assert len(codes.POLITICAL_STATUS.items) == 13
    assert codes.EDUCATION.parse("大专") == "college"
    assert codes.EDUCATION.parse("大学专科（大专）") == "college"
    assert codes.GENDER.label("2") == "女"
    assert codes.HUKOU_TYPE.parse("火星") is None
    for code_list in codes.ALL_LISTS:
        assert len(set(code_list.codes())) == len(code_list.items)


# ---------------------------------------------------------------- issue 7: text, numbers and ranges

from models import audit, field_rules  # noqa: E402
from models.validation import (  # noqa: E402
    BAD_ONE_LINE,
    check_choice,
    check_count,
    check_fen,
    check_flag,
    check_number,
    check_text,
    clean_search,
    clean_text,
)

# Characters of every category except control, surrogate, unassigned and private use.
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co")), max_size=60)
controls = st.sampled_from([chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))] + ["\ud800", "\ufffe", "\uffff"])


@given(printable)
def test_check_text_keeps_printable_text(text):
    assert check_text("备注", text) == clean_text(text)


@given(printable, controls, st.integers(min_value=0, max_value=60))
def test_check_text_refuses_any_control_character_anywhere(text, char, at):
    typed = "张" + text[:at] + char + text[at:] + "三"  # inside, so strip() cannot remove it
    with pytest.raises(ValidationError) as info:
        check_text("姓名", typed, key="name")
    assert info.value.field == "姓名" and info.value.key == "name"
    assert not BAD_ONE_LINE.search(info.value.message)  # the message does not echo the character


def test_multi_line_text_keeps_newlines_and_tabs_only():
    assert check_text("讨论记录", "第一条\r\n\t第二条\r第三条", multiline=True) == "第一条\n\t第二条\n第三条"
    with pytest.raises(ValidationError, match="换行"):
        check_text("姓名", "张\n三")
    with pytest.raises(ValidationError, match="制表符"):
        check_text("姓名", "张\t三")
    with pytest.raises(ValidationError, match="控制字符"):
        check_text("讨论记录", "第一条\x0b第二条", multiline=True)  # Word's manual line break


@pytest.mark.parametrize("bad, word", [(["张三"], "列表"), (b"abc", "字节串"), (True, "是/否"), ({"a": 1}, "字典"), (math.nan, "数字")])
def test_check_text_refuses_what_is_not_text(bad, word):
    with pytest.raises(ValidationError, match=word) as info:
        check_text("姓名", bad, key="name")
    assert info.value.field == "姓名"


def test_check_text_length_and_numbers_from_spreadsheets():
    assert check_text("工号", 1024) == "1024"
    assert check_text("备注", "字" * 200) == "字" * 200
    with pytest.raises(ValidationError, match="最多200个字"):
        check_text("备注", "字" * 201)
    with pytest.raises(ValidationError, match="过长") as info:
        check_text("备注", "x" * 10_000_000)
    assert len(str(info.value)) < 100


def test_search_text_is_cut_and_cleaned_silently():
    assert clean_search("  张\x00三\x1b ") == "张三"
    assert clean_search("ｚｓ") == "zs"
    assert clean_search("张" * 100_000) == "张" * 50
    assert clean_search(None) == ""
    with pytest.raises(ValidationError, match="列表"):
        clean_search(["张"])


@pytest.mark.parametrize("bad, word", [(True, "是/否"), (False, "是/否"), (12.5, "小数"), (math.nan, "无效"), ("100", "文字"), (-1, "负数"), (10**11, "合理范围")])
def test_check_fen(bad, word):
    with pytest.raises(ValidationError, match=word) as info:
        check_fen("金额", bad, key="amount_fen")
    assert info.value.key == "amount_fen"
    assert check_fen("金额", 0) == 0 and check_fen("金额", 10**10) == 10**10
    with pytest.raises(ValidationError, match="大于零"):
        check_fen("金额", 0, allow_zero=False)


@pytest.mark.parametrize("bad", [True, 1.0, math.inf, -1, 10**8, "5", None])
def test_check_count(bad):
    with pytest.raises(ValidationError):
        check_count("票数", bad)
    assert check_count("票数", 0) == 0


@pytest.mark.parametrize("bad", [True, math.nan, math.inf, -math.inf, 0.5, 6, "2"])
def test_check_number(bad):
    with pytest.raises(ValidationError):
        check_number("倍数", bad, minimum=1, maximum=5)
    assert check_number("倍数", 2, minimum=1, maximum=5) == 2.0


def test_check_flag_refuses_what_bool_would_misread():
    assert check_flag("是否农民工", True) is True and check_flag("是否农民工", 0) is False
    for bad in ("否", "是", 2, math.nan, [1], None):
        with pytest.raises(ValidationError, match="是”或“否"):
            check_flag("是否农民工", bad)


def test_check_choice_refuses_unhashable_values_in_chinese():
    assert check_choice("会费取整方式", "jiao", codes.DUES_ROUNDING) == "jiao"
    for bad in (["jiao"], {"jiao": 1}, True, "bogus", "长" * 100_000):
        with pytest.raises(ValidationError, match="不在会费取整方式列表中") as info:
            check_choice("会费取整方式", bad, codes.DUES_ROUNDING)
        assert len(info.value.message) < 60
    assert ["x"] not in codes.GENDER  # the guard `x not in codes.X` no longer raises TypeError


@pytest.mark.parametrize("bad", ["9999-12", "0000-00", "0000-01", "1948-12", "2101-01", "2026-13", "2026-00", True, ["2026-01"]])
def test_period_years_and_months_in_range(bad):
    with pytest.raises(ValidationError) as info:
        parse_period("所属月份", bad, key="period")
    assert info.value.field == "所属月份" and len(info.value.message) < 60
    assert parse_period("所属月份", "1949-10") == "1949-10" and parse_period("所属月份", "2100-12") == "2100-12"


def test_dates_past_2100_refused_even_when_the_future_is_allowed():
    assert parse_date("办理期限", "2100-12-31", allow_future=True) == "2100-12-31"
    for bad in ("9999-12-31", "2101-01-01", 2958465):  # the last: Excel's 9999-12-31
        with pytest.raises(ValidationError, match="2100-12-31"):
            parse_date("办理期限", bad, allow_future=True)
    with pytest.raises(ValidationError) as info:
        parse_date("日期", "2" * 100_000)
    assert len(info.value.message) < 60  # the typed value is echoed cut short


# ---------------------------------------------------------------- the general check at the write path

def test_every_column_has_a_chinese_label(db):
    import models.aid_payments  # noqa: F401 - every domain registers its labels on import
    import models.congress_meeting  # noqa: F401
    import models.proposals  # noqa: F401

    missing = []
    for table in db.table_names():
        for column in db[table].columns:
            name = field_rules.label(table, column.name)
            if name.endswith("中的一项") or not re.search(r"[\u4e00-\u9fff]", name):
                missing.append(f"{table}.{column.name}")
    missing = [m for m in missing if not m.startswith("audit_log.")]  # written by audit itself, never typed
    assert missing == [], "add these to models/field_rules.py LABELS"


def test_write_path_refuses_what_no_module_checked(db):
    """A direct insert_row (as any module does) is checked column by column."""
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    bad_rows = [
        ({"contact": "电话\x00"}, "异议联系方式", "控制字符"),
        ({"contact": "x" * 201}, "异议联系方式", "最多200个字"),
        ({"note": "x" * 2_001}, "备注", "最多2000个字"),
        ({"date": "9999-12-31"}, "发放日期", "有效的日期"),
        ({"date": "2026-02-30"}, "发放日期", "有效的日期"),
        ({"name": ["送温暖"]}, "批次名称", "列表"),
        ({"name": b"x"}, "批次名称", "字节串"),
        ({"name": None}, "批次名称", "不能为空"),
    ]
    for change, field, word in bad_rows:
        values = {"name": "送温暖", "aid_type": "warmth", "date": "2026-01-20", "created_at": "2026-01-01T00:00:00"} | change
        with pytest.raises(ValidationError, match=word) as info:
            audit.insert_row(db, "aid_rounds", values)
        assert info.value.field == field, change
    assert db.execute("SELECT count(*) FROM aid_rounds").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_write_path_numbers(db):
    from tests.conftest import member
    from models.members import add_member

    mid = add_member(db, member())
    base = {"member_id": mid, "period": "2026-01", "amount_fen": 2500, "paid_on": "2026-01-05", "created_at": "x"}
    for change, word in [
        ({"amount_fen": True}, "是/否"),
        ({"amount_fen": 2500.0}, "整数"),
        ({"amount_fen": 10**20}, "合理范围"),
        ({"wage_fen": -1}, "负数"),
        ({"period": "9999-12"}, "有效的月份"),
        ({"member_id": True}, "是/否"),
    ]:
        with pytest.raises(ValidationError, match=word):
            audit.insert_row(db, "dues_payments", base | change)
    # A constraint only SQLite knows (amount > 0) comes back in Chinese, naming the field.
    with pytest.raises(ValidationError, match="不符合要求") as info:
        audit.insert_row(db, "dues_payments", base | {"amount_fen": 0})
    assert info.value.field == "金额"
    with pytest.raises(ValidationError, match="关联的记录不存在"):
        audit.insert_row(db, "dues_payments", base | {"member_id": 999})
    assert db.execute("SELECT count(*) FROM dues_payments").fetchone()[0] == 0
    # Flags take True/False and 0/1 only; reals must be finite.
    assert audit.update_row(db, "members", mid, {"is_migrant_worker": True})
    with pytest.raises(ValidationError, match="是”或“否"):
        audit.update_row(db, "members", mid, {"is_migrant_worker": 2})


def test_write_path_checks_every_row_of_a_bulk_insert(db):
    from models.members import add_members, count_members, validate
    from tests.conftest import make_id, member

    people = [validate(member(name=f"会员{i}", id_number=make_id(seq=i + 1))) for i in range(300)]
    people[257].department = "生产\x07部"  # a bulk path that skipped validate()
    with pytest.raises(ValidationError, match="控制字符") as info:
        add_members(db, people)
    assert info.value.field == "部门"
    assert count_members(db) == 0


def test_multi_line_columns_store_unix_newlines(db):
    from models import congress as cg, congress_meeting as mt

    term = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2028-12-31"))
    session = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-03-20"))
    item = mt.add_agenda_item(db, mt.AgendaItem(session_id=session, title="工作报告", discussion="甲：同意。\r\n乙：\t补充一点。"))
    assert mt.agenda(db, session)[0].discussion == "甲：同意。\n乙：\t补充一点。"
    with pytest.raises(ValidationError, match="换行") as info:
        mt.update_agenda_item(db, mt.AgendaItem(session_id=session, title="工作\n报告", id=item))
    assert info.value.field == "议程"


def test_values_stored_before_the_checks_are_found(db):
    """A file from before issue 7 may hold a control character that breaks every export."""
    from models.members import add_member
    from tests.conftest import member

    mid = add_member(db, member(name="张三"))
    assert field_rules.find_bad_values(db) == []
    with db.atomic():  # as the old program could write it
        db.execute("UPDATE members SET note = ?, department = ? WHERE id = ?", ("备\x00注", "x" * 300, mid))
    found = {(b["table"], b["id"], b["column"]): b["field"] for b in field_rules.find_bad_values(db)}
    assert found == {("members", mid, "note"): "备注", ("members", mid, "department"): "部门"}


def test_a_domain_registers_its_own_setting(db):
    from models import org

    org.register_setting("test_reminder_days", "提醒提前天数", 7, lambda label, v: check_count(label, v, minimum=1, maximum=90))
    try:
        assert org.get_setting(db, "test_reminder_days") == 7
        org.set_setting(db, "test_reminder_days", 30)
        assert org.get_setting(db, "test_reminder_days") == 30
        with pytest.raises(ValidationError, match="提醒提前天数"):
            org.set_setting(db, "test_reminder_days", True)
        with pytest.raises(ValueError):
            org.register_setting("test_reminder_days", "别的", 1, lambda label, v: v)
    finally:
        org.SETTINGS.pop("test_reminder_days")
        org.SETTINGS_DEFAULTS.pop("test_reminder_days")
