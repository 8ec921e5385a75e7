"""Validators and normalisers: ID numbers, dates, money, phones, credit codes, code lists."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

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
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="晚于今天"):
        parse_date("日期", tomorrow)
    assert parse_date("日期", tomorrow, allow_future=True) == tomorrow


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today()), st.sampled_from(["{y}-{m}-{d}", "{y}/{m:02d}/{d:02d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{y}{m:02d}{d:02d}"]))
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
