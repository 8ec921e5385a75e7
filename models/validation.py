"""Checks and normalisers for what people type, each failing with a Chinese message.

A ValidationError names the field (its Chinese label) so a dialog can show the
message beside that field and an import can report (row, column, message).
Well-kept libraries do the real checks: python-stdnum for ID numbers and unified
social credit codes.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from models import clock
from dataclasses import dataclass
from typing import Any

# Anything past this is surely a typo (a wage or a payment of ten million yuan).
MAX_MONEY_FEN = 10_000_000_00
# No amount in a union's books comes near this (¥100 million): the backstop for every money column.
MONEY_CEILING_FEN = 10**10
# Counts of people, votes, days: never more than this.
COUNT_MAX = 10_000_000
# Dates and months outside these years are typos (9999-12, 0000-01).
EARLIEST_DATE = _dt.date(1900, 1, 1)
LATEST_DATE = _dt.date(2100, 12, 31)
EARLIEST_PERIOD_YEAR = 1949
# Search-as-you-type text is cut to this: no name, ID or phone number is longer,
# and SQLite refuses LIKE patterns past 50,000 characters.
SEARCH_MAX = 50
# One-line text fields hold at most this many characters unless declared longer.
SHORT_TEXT = 200


class ValidationError(ValueError):
    """A bad value: `field` is the Chinese field label, `message` says what is wrong."""

    def __init__(self, field: str, message: str, *, key: str | None = None) -> None:
        super().__init__(f"{field}：{message}" if field else message)
        self.field = field
        self.message = message
        self.key = key  # the attribute name, so a dialog finds the widget


class DuplicateError(ValidationError):
    """A value that must be unique already belongs to another record."""

    def __init__(self, field: str, message: str, *, key: str | None = None, existing_id: int | None = None) -> None:
        super().__init__(field, message, key=key)
        self.existing_id = existing_id


@dataclass(frozen=True)
class Warning_:
    """Something odd the user may override (same name and birth date as another)."""

    code: str
    message: str


# Full-width digits and Latin letters (and the ideographic space) → ASCII; Chinese
# punctuation (，。：？) is left alone, since it belongs in Chinese text.
_HALF = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_HALF.update({0x3000: 0x20, 0x00A0: 0x20})


_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0]")
# Types that are never text: str() of them would store "['张三']" or "b'...'" or "True".
_NOT_TEXT = (bool, bytes, bytearray, list, tuple, set, frozenset, dict)


def clean_text(value: object, field: str = "", *, key: str | None = None) -> str:
    """Free text as people type it: full-width digits and letters become ASCII, spaces trimmed.

    Numbers and dates read from a spreadsheet become their text; a bool, list,
    dict or bytes is a ValidationError (naming `field` when the caller gives it).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, _NOT_TEXT) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValidationError(field, f"应为文字，不能是{type_name(value)}", key=key)
    else:
        text = str(value)
    # translate() walks every character: only when there is something to translate.
    if _FULL_WIDTH.search(text):
        text = text.translate(_HALF)
    return text.strip()


def type_name(value: object) -> str:
    """What a wrong value is, in Chinese, for messages: 列表, 字节串, “是/否”值 …"""
    if isinstance(value, bool):
        return "“是/否”值"
    if isinstance(value, (list, tuple)):
        return "列表"
    if isinstance(value, (set, frozenset)):
        return "集合"
    if isinstance(value, dict):
        return "字典"
    if isinstance(value, (bytes, bytearray)):
        return "字节串"
    if isinstance(value, float):
        return "无效的数字" if not math.isfinite(value) else "小数"
    if isinstance(value, int):
        return "数字"
    if isinstance(value, str):
        return "文字"
    return "无法识别的值"


def quote(value: object, limit: int = 20) -> str:
    """A typed value echoed in a message: short, and with nothing unprintable in it."""
    text = value if isinstance(value, str) else repr(value)
    text = BAD_MULTI_LINE.sub("�", text).replace("\n", " ").replace("\t", " ")
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- text that may be stored

# Control characters (C0, DEL, C1: openpyxl refuses the C0 ones, so one of them in a
# name stops every roster export), lone surrogates (SQLite cannot store them) and the
# two non-characters XML refuses. Newline and tab are allowed in multi-line fields.
BAD_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BAD_MULTI_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_char_message(text: str, index: int, multiline: bool) -> str:
    char = text[index]
    if char in "\r\n" and not multiline:
        return "不能换行，请写在一行内"
    if char == "\t" and not multiline:
        return "不能含有制表符（Tab），请删除"
    before = quote(text[max(0, index - 10) : index]) if index else ""
    where = f"“{before}”之后" if before else "开头"
    return f"{where}有不可见的控制字符，请删除后重新输入（常见于从网页或其他软件复制的文字）"


def check_text(
    field: str,
    value: object,
    *,
    key: str | None = None,
    longest: int = SHORT_TEXT,
    multiline: bool = False,
    required: bool = False,
) -> str:
    """Cleaned free text that may be stored: the right type, not too long, nothing unprintable.

    In multi-line text newlines and tabs are kept (\r\n becomes \n); elsewhere they
    are refused, like every other control character.
    """
    text = clean_text(value, field, key=key)
    if required and not text:
        raise ValidationError(field, "不能为空", key=key)
    if len(text) > longest:
        raise ValidationError(field, f"过长（{len(text)}个字，最多{longest}个字）", key=key)
    if not text.isprintable():  # the fast path: nearly every value is printable
        if multiline:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        found = (BAD_MULTI_LINE if multiline else BAD_ONE_LINE).search(text)
        if found:
            raise ValidationError(field, control_char_message(text, found.start(), multiline), key=key)
    return text


def clean_search(value: object, field: str = "搜索内容", *, limit: int = SEARCH_MAX) -> str:
    """Text from a search-as-you-type box, ready for a LIKE pattern.

    Control characters are dropped and the text is cut to `limit` characters
    silently: a box that filters while one types should not scold; nothing
    longer can match a name, ID or phone number anyway. A value that is not text
    at all is a programming error and a ValidationError.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"应为文字，不能是{type_name(value)}")
    text = value[: limit * 4]  # before any work on a pasted 10 MB string
    text = BAD_ONE_LINE.sub("", text)
    return clean_text(text)[:limit]


def check_choice(field: str, value: object, choices: Any, *, key: str | None = None) -> str:
    """A code from a code list (codes.CodeList) or any container of codes.

    Unlike `value in choices`, a list or dict is refused in Chinese, not with TypeError.
    """
    try:
        ok = isinstance(value, str) and value in choices
    except TypeError:
        ok = False
    if not ok:
        name = getattr(choices, "name", "") or "可选项"
        raise ValidationError(field, f"“{quote(value)}”不在{name}列表中", key=key)
    return value  # type: ignore[return-value]


# ---------------------------------------------------------------- numbers

def check_fen(
    field: str,
    value: object,
    *,
    key: str | None = None,
    allow_zero: bool = True,
    maximum: int = MONEY_CEILING_FEN,
) -> int:
    """An amount already in fen: an int (never a bool or float), 0 (or 1) to `maximum`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"金额无效（应为整数分，不能是{type_name(value)}）", key=key)
    if value < 0:
        raise ValidationError(field, "金额不能为负数", key=key)
    if value == 0 and not allow_zero:
        raise ValidationError(field, "金额应大于零", key=key)
    if value > maximum:
        raise ValidationError(field, f"金额 {format_money(value)} 元超出合理范围（最多 {format_money(maximum)} 元），请核对", key=key)
    return int(value)


def check_count(field: str, value: object, *, key: str | None = None, minimum: int = 0, maximum: int = COUNT_MAX) -> int:
    """A count (people, votes, days): an int, never a bool or float, within the range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"应为整数，不能是{type_name(value)}", key=key)
    if value < minimum:
        raise ValidationError(field, "不能为负数" if minimum == 0 else f"应不小于{minimum}", key=key)
    if value > maximum:
        raise ValidationError(field, f"超出合理范围（最大 {maximum}），请核对", key=key)
    return int(value)


def check_number(field: str, value: object, *, key: str | None = None, minimum: float, maximum: float) -> float:
    """A finite number (int or float, never a bool) within the range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(field, f"应为数字，不能是{type_name(value)}", key=key)
    if not math.isfinite(value):
        raise ValidationError(field, "不是有效的数字", key=key)
    if not minimum <= value <= maximum:
        raise ValidationError(field, f"应在 {minimum:g} 至 {maximum:g} 之间", key=key)
    return float(value)


def check_flag(field: str, value: object, *, key: str | None = None) -> bool:
    """A yes/no value: True/False or 1/0 only (bool("否") would be True)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValidationError(field, f"应为“是”或“否”，不能是“{quote(value)}”", key=key)


def to_ascii(value: object) -> str:
    """For numbers, codes and dates: every full-width form (－．／＋ too) becomes ASCII."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).replace("\u00a0", " ").strip()


def required(field: str, value: object, key: str | None = None) -> str:
    text = clean_text(value, field, key=key)
    if not text:
        raise ValidationError(field, "不能为空", key=key)
    return text


# ---------------------------------------------------------------- ID numbers

def normalize_id_number(field: str, value: object, *, key: str | None = None) -> str:
    """A valid 18-character 公民身份号码, upper-case X; 15-digit numbers are upgraded.

    A number in scientific notation (Excel lost its digits: 4.10105E+17) or with a
    decimal part cannot be recovered and is refused, never guessed.
    """
    from stdnum.cn import ric

    if value.__class__ is str and len(value) == 18 and value.isascii() and _ID_FORM.fullmatch(value):  # type: ignore[arg-type]
        text: str = value  # type: ignore[assignment]  # as typed: nothing to clean (the usual case)
    else:
        text = _id_text(field, value, key)
    # stdnum's region-by-year table refuses many real (older) region codes, so only
    # the province part of the region is checked here; the check digit is stdnum's.
    if text[:2] not in _PROVINCES:
        raise ValidationError(field, f"前两位“{text[:2]}”不是有效的省级行政区划代码", key=key)
    try:
        birth = id_birth_date(text)
    except ValueError:
        raise ValidationError(field, "号码中的出生日期无效", key=key) from None
    if ric.calc_check_digit(text) != text[17]:
        raise ValidationError(field, "校验位不正确，请核对号码", key=key)
    if birth > clock.today():
        raise ValidationError(field, "号码中的出生日期晚于今天", key=key)
    return text


_ID_FORM = re.compile(r"\d{17}[\dX]")


def _id_text(field: str, value: object, key: str | None) -> str:
    """An ID number as people type it or a spreadsheet stores it, as 18 characters of the
    right form (17 digits and a digit or X), or ValidationError."""
    if isinstance(value, float):
        # A 15-digit (old) number is exact in a float; an 18-digit one has lost its last digits.
        if not (value.is_integer() and 10**14 <= value < 10**15):
            raise ValidationError(field, "身份证号被表格软件存成了数字，后几位已丢失，请把该列设为“文本”后重新填写", key=key)
        value = str(int(value))
    text = to_ascii(value).replace(" ", "").replace("-", "").upper()
    if not text:
        raise ValidationError(field, "不能为空", key=key)
    if re.search(r"[.Ee+]", text) and re.fullmatch(r"[\d.]+(E\+?\d+)?", text):
        raise ValidationError(field, f"“{quote(text)}”是被表格软件截断的数字，无法还原，请填写完整的18位号码", key=key)
    if len(text) == 15 and text.isdigit():
        text = _upgrade_15(text)
    if len(text) != 18:
        raise ValidationError(field, f"应为18位，现为{len(text)}位", key=key)
    if not _ID_FORM.fullmatch(text):
        raise ValidationError(field, "格式不正确：前17位应为数字，最后一位为数字或X", key=key)
    return text


_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91".split()
)


def _upgrade_15(text: str) -> str:
    from stdnum.cn import ric

    body = text[:6] + "19" + text[6:]
    return body + ric.calc_check_digit(body + "0")


def id_birth_date(id_number: str) -> _dt.date:
    return _dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def id_gender(id_number: str) -> str:
    """The GENDER code from an 18-digit number: 17th digit odd = male."""
    return "1" if int(id_number[16]) % 2 == 1 else "2"


def mask_id_number(id_number: str | None) -> str:
    """First 6 and last 4 kept: 110105********002X (the rule lives in models.masking)."""
    from models.masking import mask_id_number as rule

    return rule(id_number)


# ---------------------------------------------------------------- other numbers

def normalize_uscc(field: str, value: object, *, key: str | None = None) -> str:
    """统一社会信用代码: 18 characters with a check character (python-stdnum)."""
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as StdnumError

    text = to_ascii(value).replace(" ", "").upper()
    if not text:
        return ""
    try:
        return uscc.validate(text)
    except StdnumError:
        if len(text) != 18:
            raise ValidationError(field, f"应为18位，现为{len(text)}位", key=key) from None
        raise ValidationError(field, "校验位或格式不正确，请核对", key=key) from None


_MOBILE = re.compile(r"1[3-9]\d{9}")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x)(\d{1,6})$", re.IGNORECASE)
_DASHED_LANDLINE = re.compile(r"(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?")


def normalize_phone(field: str, value: object, *, key: str | None = None) -> str:
    """A mainland mobile (11 digits) or a landline with area code; '' if empty.

    Canonical forms: 13800138000; 010-65123456; 010-65123456转808. What people type
    around them is dropped: spaces, dashes, brackets round the area code, +86 / 0086,
    and an extension written 转 808, 分机808, ext 808 or (old form) 010-65123456-808.
    """
    if isinstance(value, str) and len(value) == 11 and _MOBILE.fullmatch(value):
        return value  # the usual case, 10,000 times in an import: nothing to clean
    text = to_ascii(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = re.sub(r"[\s()（）]", "", text).replace("—", "-").replace("－", "-")
    if not text:
        return ""
    shown = text
    text = re.sub(r"^(\+86|0086)-?", "", text)
    extension = ""
    found = _EXTENSION.search(text)
    if found:
        extension, text = found.group(1), text[: found.start()].rstrip("-")
    dashed = _DASHED_LANDLINE.fullmatch(text)
    if dashed:
        area, number = dashed.group(1), dashed.group(2)
        extension = extension or (dashed.group(3) or "")
    else:
        digits = text.replace("-", "")
        if _MOBILE.fullmatch(digits) and not extension:
            return digits
        # Beijing, and 020–029 (Guangzhou, Shanghai, Tianjin …) have 3-digit area codes; the rest 4.
        cut = 3 if digits.startswith(("010", "02")) else 4
        area, number = digits[:cut], digits[cut:]
        if not (digits.isdigit() and digits.startswith("0") and 7 <= len(number) <= 8):
            raise ValidationError(field, f"“{quote(shown)}”不是有效的手机号或座机号（座机请带区号）", key=key)
    return f"{area}-{number}" + (f"转{extension}" if extension else "")


# ---------------------------------------------------------------- dates

_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(
    field: str,
    value: object,
    *,
    key: str | None = None,
    allow_future: bool = False,
    earliest: _dt.date = EARLIEST_DATE,
    latest: _dt.date = LATEST_DATE,
) -> str:
    """An ISO date 'YYYY-MM-DD' from what people type or Excel stores; '' if empty.

    Accepts date/datetime objects, Excel serial numbers, 2021-3-5, 2021/03/05,
    2021.3.5, 2021年3月5日, 20210305 (full-width digits too). Impossible dates
    (2023-02-30), future ones (unless allowed) and, even when the future is
    allowed, dates past `latest` (9999-12-31 is a typo, not a deadline) are errors.
    """
    if value is None:
        return ""
    if value.__class__ is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
        # The usual text (what the ledger stores, and what most rosters hold): read
        # directly. Anything fromisoformat refuses is read below, with its message.
        try:
            date = _dt.date.fromisoformat(value)
        except ValueError:
            date = None
        if date is not None:
            return _date_in_range(field, date, key, allow_future, earliest, latest)
    if isinstance(value, _dt.datetime):
        date = value.date()
    elif isinstance(value, _dt.date):
        date = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValidationError(field, f"“{quote(value)}”不是有效的日期", key=key)
        date = _EXCEL_EPOCH + _dt.timedelta(days=int(value))
    else:
        text = to_ascii(value)
        if not text:
            return ""
        text = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?$", "", text)  # a time part Excel adds
        date = None
        for pattern in _DATE_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                y, m, d = (int(g) for g in match.groups())
                try:
                    date = _dt.date(y, m, d)
                except ValueError:
                    raise ValidationError(field, f"“{quote(text)}”不是存在的日期", key=key) from None
                break
        if date is None:
            raise ValidationError(field, f"“{quote(text)}”无法识别为日期，请写成 2021-03-05", key=key)
    return _date_in_range(field, date, key, allow_future, earliest, latest)


def _date_in_range(field: str, date: _dt.date, key: str | None, allow_future: bool, earliest: _dt.date, latest: _dt.date) -> str:
    if date < earliest:
        raise ValidationError(field, f"{date.isoformat()} 早于 {earliest.isoformat()}，请核对", key=key)
    if not allow_future and date > clock.today():
        raise ValidationError(field, f"{date.isoformat()} 晚于今天", key=key)
    if date > latest:
        raise ValidationError(field, f"{date.isoformat()} 晚于 {latest.isoformat()}，请核对", key=key)
    return date.isoformat()


# 1985.03, 1985-3, 1985/03, 1985年3月; 198503 (six digits can only be a year and a month).
_YEAR_MONTH = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))")


def year_month(field: str, value: object, *, key: str | None = None) -> tuple[int, int] | None:
    """(year, month) when `value` gives only a year and a month, else None (a whole date,
    or no date at all: parse_date's to read or refuse).

    Excel turns a typed 1985.03 into the number 1985.03 (and 2012.10 into 2012.1): a
    number from 1900 to 2100 is a year and month, not a day serial (those days fell in
    1905); 2012.1 is refused as ambiguous (January or October). 198503 as a number too.
    """
    if isinstance(value, str):
        if len(value) > 12 or not value[:1].isdigit():
            return None  # a whole date, or text parse_date will name
        text = value.replace(" ", "")
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    elif 1900 <= value <= LATEST_DATE.year + 0.12:
        year, _, month_text = repr(float(value)).partition(".")
        if month_text == "1":
            raise ValidationError(field, f"“{value:g}”是1月还是10月？请写成 {year}-01 或 {year}-10", key=key)
        if month_text == "0":
            raise ValidationError(field, f"“{value:g}”只有年份，请写明年月", key=key)
        text = f"{year}.{month_text}"
    elif 190001 <= value <= 210012 and float(value).is_integer():
        text = str(int(value))
    else:
        return None  # a day serial
    match = _YEAR_MONTH.fullmatch(to_ascii(text))
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2) or match.group(3))
    if not 1 <= month <= 12:
        raise ValidationError(field, f"“{quote(text)}”不是有效的年月（月份应为1至12）", key=key)
    return year, month


def parse_year_month(field: str, value: object, *, key: str | None = None, allow_future: bool = False) -> tuple[str, bool]:
    """A date where a month is enough (入会时间): (ISO date, True) when only the year and
    month were given (see year_month), dated the first of the month; else (parse_date's
    result, False)."""
    found = year_month(field, value, key=key)
    if found:
        return parse_date(field, _dt.date(found[0], found[1], 1), key=key, allow_future=allow_future), True
    return parse_date(field, value, key=key, allow_future=allow_future), False


def parse_period(field: str, value: object, *, key: str | None = None) -> str:
    """A month 'YYYY-MM' from 2024-03, 2024/3, 2024年3月, 202403; years 1949 to 2100."""
    if isinstance(value, (bool, bytes, bytearray, list, tuple, set, dict)):
        raise ValidationError(field, f"应为月份，不能是{type_name(value)}", key=key)
    text = to_ascii(value)
    match = re.fullmatch(r"(\d{4})(?:[-/.年])?(\d{1,2})月?", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(field, f"“{quote(text)}”不是有效的月份，请写成 2024-03", key=key)
    year = int(match.group(1))
    if not EARLIEST_PERIOD_YEAR <= year <= LATEST_DATE.year:
        raise ValidationError(field, f"{year}年不在 {EARLIEST_PERIOD_YEAR} 至 {LATEST_DATE.year} 年之间，请核对", key=key)
    return f"{year:04d}-{int(match.group(2)):02d}"


# ---------------------------------------------------------------- money

def parse_money(
    field: str,
    value: object,
    *,
    key: str | None = None,
    allow_zero: bool = False,
    maximum_fen: int = MAX_MONEY_FEN,
) -> int:
    """An amount in fen from '1,234.5', '¥1234.50', 1234.5 (yuan). Never a float result."""
    from decimal import Decimal, InvalidOperation

    if isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        text = to_ascii(value).replace(",", "").replace("¥", "").replace("￥", "")
        text = text.removesuffix("元").strip()
        if not text:
            raise ValidationError(field, "不能为空", key=key)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(field, f"“{quote(text)}”不是有效的金额", key=key) from None
    if not amount.is_finite():
        raise ValidationError(field, "不是有效的金额", key=key)
    if amount < 0:
        raise ValidationError(field, "金额不能为负数", key=key)
    if amount == 0 and not allow_zero:
        raise ValidationError(field, "金额不能为零", key=key)
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(field, "金额最多保留两位小数（到分）", key=key)
    fen = int(amount * 100)
    if fen > maximum_fen:
        raise ValidationError(field, f"金额 {format_money(fen)} 元超出合理范围，请核对", key=key)
    return fen


def format_money(fen: int | None) -> str:
    """'1,234.50' from 123450 fen; '' for None."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def money_in_words(fen: int) -> str:
    """Capital Chinese numerals for cheques and receipts: 壹仟贰佰叁拾肆元伍角整."""
    import cn2an

    if fen < 0:
        return "负" + money_in_words(-fen)
    yuan, rest = divmod(fen, 100)
    jiao, f = divmod(rest, 10)
    words = (cn2an.an2cn(yuan, "up") if yuan else "零") + "元"
    if yuan == 0 and (jiao or f):
        words = ""
    if jiao:
        words += cn2an.an2cn(jiao, "up") + "角"
    elif f and yuan:
        words += "零"
    if f:
        words += cn2an.an2cn(f, "up") + "分"
    else:
        words += "整"
    return words
