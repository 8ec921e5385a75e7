"""The one masking rule for every masked form and export (roster PDF, roster xlsx,
public notices): a masked document must not let anyone rebuild the hidden digits
of an ID number from any column it holds.

An 18-digit 公民身份号码 masked as 110105********002X hides exactly the birth date
(YYYYMMDD), so a masked row may not carry the birth date either: only the birth
year is shown (the chair still sees the age group). Other columns (gender, join
date, phone, card number) do not hold those digits.
"""

from __future__ import annotations

MASK_NOTE = "（身份证号已部分隐藏，出生日期仅显示年份）"


def mask_id_number(id_number: str | None) -> str:
    """First 6 and last 4 kept: 110105********002X (short numbers: first 2 kept)."""
    if not id_number:
        return ""
    if len(id_number) <= 10:
        return id_number[:2] + "*" * max(0, len(id_number) - 2)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_birth_date(birth_date: str | None) -> str:
    """'1988-06-12' → '1988年': the month and day are the digits the ID mask hides."""
    text = (birth_date or "").strip()
    return f"{text[:4]}年" if len(text) >= 4 and text[:4].isdigit() else ("" if not text else "****")


# column key → how a masked document shows it
MASKED_COLUMNS = {"id_number": mask_id_number, "birth_date": mask_birth_date}
# a masked document's header for a column whose meaning the mask changes
MASKED_HEADERS = {"birth_date": "出生年份"}


def mask_value(key: str, value: object) -> object:
    """The value of column `key` as a masked document may show it."""
    rule = MASKED_COLUMNS.get(key)
    return rule(value if value is None else str(value)) if rule else value


def masked_header(key: str, header: str) -> str:
    return MASKED_HEADERS.get(key, header)


def mask_row(row: dict) -> dict:
    """A copy of a member row with every revealing column masked."""
    return {k: mask_value(k, v) for k, v in row.items()}
