"""Checks and normalisers for what people type, each failing with a Chinese message.

A ValidationError names the field (its Chinese label) so a dialog can show the
message beside that field and an import can report (row, column, message).
Well-kept libraries do the real checks: python-stdnum for ID numbers and unified
social credit codes.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

# Anything past this is surely a typo (a wage or a payment of ten million yuan).
MAX_MONEY_FEN = 10_000_000_00


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


def clean_text(value: object) -> str:
    """Free text as people type it: full-width digits and letters become ASCII, spaces trimmed."""
    if value is None:
        return ""
    return str(value).translate(_HALF).strip()


def to_ascii(value: object) -> str:
    """For numbers, codes and dates: every full-width form (－．／＋ too) becomes ASCII."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).replace("\u00a0", " ").strip()


def required(field: str, value: object, key: str | None = None) -> str:
    text = clean_text(value)
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

    if isinstance(value, float):
        raise ValidationError(field, "身份证号被表格软件存成了数字，后几位已丢失，请把该列设为“文本”后重新填写", key=key)
    text = to_ascii(value).replace(" ", "").replace("-", "").upper()
    if not text:
        raise ValidationError(field, "不能为空", key=key)
    if re.search(r"[.Ee+]", text) and re.fullmatch(r"[\d.]+(E\+?\d+)?", text):
        raise ValidationError(field, f"“{text}”是被表格软件截断的数字，无法还原，请填写完整的18位号码", key=key)
    if len(text) == 15 and text.isdigit():
        text = _upgrade_15(text)
    if len(text) != 18:
        raise ValidationError(field, f"应为18位，现为{len(text)}位", key=key)
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise ValidationError(field, "格式不正确：前17位应为数字，最后一位为数字或X", key=key)
    # stdnum's region-by-year table refuses many real (older) region codes, so only
    # the province part of the region is checked here; the check digit is stdnum's.
    if text[:2] not in _PROVINCES:
        raise ValidationError(field, f"前两位“{text[:2]}”不是有效的省级行政区划代码", key=key)
    try:
        id_birth_date(text)
    except ValueError:
        raise ValidationError(field, "号码中的出生日期无效", key=key) from None
    if ric.calc_check_digit(text) != text[17]:
        raise ValidationError(field, "校验位不正确，请核对号码", key=key)
    birth = id_birth_date(text)
    if birth > _dt.date.today():
        raise ValidationError(field, "号码中的出生日期晚于今天", key=key)
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
    """First 6 and last 4 kept: 110105********002X."""
    if not id_number:
        return ""
    if len(id_number) <= 10:
        return id_number[:2] + "*" * max(0, len(id_number) - 2)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


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
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def normalize_phone(field: str, value: object, *, key: str | None = None) -> str:
    """A mainland mobile (11 digits) or a landline with area code; '' if empty."""
    text = to_ascii(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = re.sub(r"[\s()（）]", "", text)
    if text.startswith("+86"):
        text = text[3:]
    if not text:
        return ""
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return text
    raise ValidationError(field, f"“{text}”不是有效的手机号或座机号（座机请带区号）", key=key)


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
    earliest: _dt.date = _dt.date(1900, 1, 1),
) -> str:
    """An ISO date 'YYYY-MM-DD' from what people type or Excel stores; '' if empty.

    Accepts date/datetime objects, Excel serial numbers, 2021-3-5, 2021/03/05,
    2021.3.5, 2021年3月5日, 20210305 (full-width digits too). Impossible dates
    (2023-02-30) and future ones (unless allowed) are errors.
    """
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        date = value.date()
    elif isinstance(value, _dt.date):
        date = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValidationError(field, f"“{value}”不是有效的日期", key=key)
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
                    raise ValidationError(field, f"“{text}”不是存在的日期", key=key) from None
                break
        if date is None:
            raise ValidationError(field, f"“{text}”无法识别为日期，请写成 2021-03-05", key=key)
    if date < earliest:
        raise ValidationError(field, f"{date.isoformat()} 早于 {earliest.isoformat()}，请核对", key=key)
    if not allow_future and date > _dt.date.today():
        raise ValidationError(field, f"{date.isoformat()} 晚于今天", key=key)
    return date.isoformat()


def parse_period(field: str, value: object, *, key: str | None = None) -> str:
    """A month 'YYYY-MM' from 2024-03, 2024/3, 2024年3月, 202403."""
    text = to_ascii(value)
    match = re.fullmatch(r"(\d{4})(?:[-/.年])?(\d{1,2})月?", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(field, f"“{text}”不是有效的月份，请写成 2024-03", key=key)
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


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
            raise ValidationError(field, f"“{text}”不是有效的金额", key=key) from None
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
