"""The union's own profile (printed in every form's heading), its workforce by year, and program settings.

The worker counts (职工总数 and of them 女职工, 农民工, 劳务派遣) change from year to
year and the rules that use them (delegate composition, the yearly filing) are
about a date: they are kept per year in org_workforce, and read as of a date.
The profile form still shows and saves them with the rest: as they stand on the
ledger's today, saved for today's year (or a year the caller names).
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict, dataclass, fields
from typing import Any, Callable

from sqlite_utils import Database

from models import audit, clock, codes, field_rules
from models.validation import (
    ValidationError,
    check_choice,
    check_count,
    check_fen,
    check_number,
    check_text,
    normalize_phone,
    normalize_uscc,
    parse_date,
    quote,
    type_name,
)


@dataclass
class OrgProfile:
    union_name: str = ""
    unit_name: str = ""
    credit_code: str = ""
    unit_nature: str = ""
    industry: str = ""
    chair: str = ""
    vice_chair: str = ""
    phone: str = ""
    address: str = ""
    parent_union: str = ""
    founded_on: str = ""
    workers_total: int = 0
    workers_female: int = 0
    workers_migrant: int = 0
    workers_dispatched: int = 0
    min_living_fen: int = 0  # 当地最低生活保障标准, fen per month


ORG_LABELS: dict[str, str] = {
    "union_name": "工会名称",
    "unit_name": "单位名称",
    "credit_code": "统一社会信用代码",
    "unit_nature": "单位性质",
    "industry": "所属行业",
    "chair": "工会主席",
    "vice_chair": "工会副主席",
    "phone": "联系电话",
    "address": "地址",
    "parent_union": "上级工会",
    "founded_on": "成立日期",
    "workers_total": "职工总数",
    "workers_female": "其中女职工",
    "workers_migrant": "其中农民工",
    "workers_dispatched": "其中劳务派遣",
    "min_living_fen": "当地最低生活保障标准（元/月）",
}
_COUNTS = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")
field_rules.register_labels("org_profile", {k: v for k, v in ORG_LABELS.items() if k not in _COUNTS})
field_rules.register_labels("org_workforce", {"year": "年度", **{k: ORG_LABELS[k] for k in _COUNTS}})
# 低保 is a few hundred to a few thousand yuan a month: ¥100,000 is surely a typo.
MAX_MIN_LIVING_FEN = 10_000_000


def get_profile(db: Database, *, on: str | _dt.date | None = None) -> OrgProfile:
    """The profile, with the worker counts as they stood on `on` (default: the ledger's today)."""
    row = audit.get_row(db, "org_profile", 1)
    workforce = workforce_as_of(db, on or clock.today())
    counts = {k: getattr(workforce, k) for k in _COUNTS} if workforce else {}
    return OrgProfile(**{f.name: counts.get(f.name, row.get(f.name, 0)) for f in fields(OrgProfile)})


def validate_profile(profile: OrgProfile) -> OrgProfile:
    """A cleaned copy, or ValidationError naming the first bad field."""
    p = OrgProfile(**asdict(profile))
    for f in fields(OrgProfile):
        if f.name in _COUNTS or f.name == "min_living_fen":
            continue
        longest, multiline = field_rules.text_rule("org_profile", f.name)
        setattr(p, f.name, check_text(ORG_LABELS[f.name], getattr(p, f.name), key=f.name, longest=longest, multiline=multiline))
    if not p.union_name:
        raise ValidationError(ORG_LABELS["union_name"], "不能为空", key="union_name")
    p.credit_code = normalize_uscc(ORG_LABELS["credit_code"], p.credit_code, key="credit_code")
    p.phone = normalize_phone(ORG_LABELS["phone"], p.phone, key="phone")
    p.founded_on = parse_date(ORG_LABELS["founded_on"], p.founded_on, key="founded_on")
    for key, value in _check_counts({key: getattr(p, key) for key in _COUNTS}).items():
        setattr(p, key, value)
    p.min_living_fen = check_fen(ORG_LABELS["min_living_fen"], p.min_living_fen, key="min_living_fen", maximum=MAX_MIN_LIVING_FEN)
    return p


def save_profile(db: Database, profile: OrgProfile, *, year: int | None = None) -> OrgProfile:
    """Save the profile; its worker counts are the figures of `year` (default: the ledger's this year).

    Counts equal to those already in force that year write nothing: saving the
    address in a new year does not restate last year's workforce.
    """
    clean = validate_profile(profile)
    year = clock.today().year if year is None else _check_year(year)
    with db.atomic():
        audit.update_row(db, "org_profile", 1, {k: v for k, v in asdict(clean).items() if k not in _COUNTS})
        counts = {k: getattr(clean, k) for k in _COUNTS}
        if workforce_for_year(db, year):
            save_workforce(db, year, **counts)  # a correction of that year's figures (or nothing)
        else:
            in_force = workforce_as_of(db, f"{year}-12-31")
            if counts != ({k: getattr(in_force, k) for k in _COUNTS} if in_force else dict.fromkeys(_COUNTS, 0)):
                save_workforce(db, year, **counts)
    return clean


# ---------------------------------------------------------------- the workforce, year by year

@dataclass(frozen=True)
class Workforce:
    """The union's worker counts as stated for one year."""

    year: int
    workers_total: int = 0
    workers_female: int = 0
    workers_migrant: int = 0
    workers_dispatched: int = 0
    note: str = ""


def _workforce(row: dict) -> Workforce:
    return Workforce(**{f.name: row[f.name] for f in fields(Workforce)})


def _check_year(year: Any) -> int:
    from models.validation import EARLIEST_DATE, LATEST_DATE

    return check_count("年度", year, minimum=EARLIEST_DATE.year, maximum=LATEST_DATE.year, key="year")


def workforce_for_year(db: Database, year: int) -> Workforce | None:
    """The counts stated for exactly that year, or None."""
    rows = list(db.query("SELECT * FROM org_workforce WHERE year = ?", (_check_year(year),)))
    return _workforce(rows[0]) if rows else None


def workforce_as_of(db: Database, on: str | _dt.date) -> Workforce | None:
    """The counts in force on a date: those of its year, else of the latest year before.

    Before the first year ever stated, the earliest statement is the best knowledge
    there is and is returned (its `year` says so, for a caller that wants to show
    it); None only when no year was ever stated.
    """
    day = parse_date("日期", on, key="on", allow_future=True)
    if not day:
        raise ValidationError("日期", "不能为空", key="on")
    year = int(day[:4])
    # Years up to the date first, latest first; then later years, earliest first.
    rows = list(db.query("SELECT * FROM org_workforce ORDER BY year > :y, CASE WHEN year <= :y THEN -year ELSE year END LIMIT 1", {"y": year}))
    return _workforce(rows[0]) if rows else None


def workforce_years(db: Database) -> list[Workforce]:
    """Every stated year, oldest first."""
    return [_workforce(r) for r in db.query("SELECT * FROM org_workforce ORDER BY year")]


def save_workforce(
    db: Database,
    year: int,
    *,
    workers_total: int,
    workers_female: int = 0,
    workers_migrant: int = 0,
    workers_dispatched: int = 0,
    note: str | None = None,
) -> bool:
    """State the counts of one year (a new statement, or a correction of that year's); audited.

    Returns False when that year already says exactly this. A note of None leaves
    the year's note as it is.
    """
    year = _check_year(year)
    values: dict[str, Any] = _check_counts(
        {"workers_total": workers_total, "workers_female": workers_female, "workers_migrant": workers_migrant, "workers_dispatched": workers_dispatched}
    )
    if note is not None:
        longest, multiline = field_rules.text_rule("org_workforce", "note")
        values["note"] = check_text("备注", note, key="note", longest=longest, multiline=multiline)
    with db.atomic():
        row = db.execute("SELECT id FROM org_workforce WHERE year = ?", (year,)).fetchone()
        if row:
            return audit.update_row(db, "org_workforce", row[0], values)
        audit.insert_row(db, "org_workforce", {"year": year, **values, "created_at": audit.now()})
        return True


def _check_counts(counts: dict[str, Any]) -> dict[str, int]:
    """The four counts as ints, or ValidationError: none negative, none of the parts above the total."""
    out = {key: check_count(ORG_LABELS[key], counts[key], key=key) for key in _COUNTS}
    for key in ("workers_female", "workers_migrant", "workers_dispatched"):
        if out[key] > out["workers_total"]:
            raise ValidationError(ORG_LABELS[key], f"不能多于职工总数（{out['workers_total']}）", key=key)
    return out


# ---------------------------------------------------------------- settings

@dataclass(frozen=True)
class Setting:
    """One program setting: its Chinese name, default, and the check every new value passes."""

    label: str
    default: Any
    check: Callable[[str, Any], Any]  # (label, value) → the value to store, or ValidationError


def _font_path(label: str, value: Any) -> str:
    path = check_text(label, value, longest=1_000)
    if path and not path.lower().endswith((".ttf", ".ttc")):
        raise ValidationError(label, "只能选择 TrueType 字体文件（.ttf 或 .ttc）")
    return path


def _multiplier(label: str, value: Any) -> float:
    # 相对困难: per-capita income ≤ this × 低保; provinces use 1.5 to 2, never below 1 or past 5
    return check_number(label, value, minimum=1.0, maximum=5.0)


# The one registry: a key not here is refused, and so is a value its check refuses.
SETTINGS: dict[str, Setting] = {
    "pdf_font_path": Setting("打印字体", "", _font_path),  # a TrueType font the user chose for printing
    "dues_rounding": Setting("会费取整方式", "fen", lambda label, v: check_choice(label, v, codes.DUES_ROUNDING)),
    "aid_relative_multiplier": Setting("相对困难标准（低保的倍数）", 2.0, _multiplier),
    "aid_notice_days": Setting("公示期（工作日）", 5, lambda label, v: check_count(label, v, minimum=1, maximum=60)),
    # one payment above this (¥50,000 by default) needs a confirmation; ¥1,000,000 is never one payment
    "aid_payment_cap_fen": Setting(
        "单笔帮扶金额上限", 5_000_000, lambda label, v: check_fen(label, v, allow_zero=False, maximum=100_000_000)
    ),
}
# Kept for readers of the defaults alone.
SETTINGS_DEFAULTS: dict[str, Any] = {key: s.default for key, s in SETTINGS.items()}


def register_setting(key: str, label: str, default: Any, check: Callable[[str, Any], Any]) -> None:
    """A domain's own setting, declared from its module (one line), checked like the rest."""
    if key in SETTINGS and SETTINGS[key] != Setting(label, default, check):
        raise ValueError(f"setting {key!r} is registered twice")
    check(label, default)  # a default its own check refuses is a programming error
    SETTINGS[key] = Setting(label, default, check)
    SETTINGS_DEFAULTS[key] = default


def _setting(key: Any) -> Setting:
    setting = SETTINGS.get(key) if isinstance(key, str) else None
    if setting is None:
        shown = quote(key) if isinstance(key, str) else type_name(key)
        raise ValidationError("设置", f"没有名为“{shown}”的设置项")
    return setting


def get_setting(db: Database, key: str) -> Any:
    """The stored value, or the default when none is stored — or when the stored one
    would be refused today (a file from a version whose set_setting took anything)."""
    setting = _setting(key)
    row = db.execute("SELECT value FROM app_settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return setting.default
    try:
        return setting.check(setting.label, json.loads(row[0]))
    except (ValueError, TypeError):  # ValidationError and JSONDecodeError are ValueErrors
        return setting.default


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store a setting; an unknown key or a value out of its range is a ValidationError.

    Logged like any write (table app_settings, row 0, {key: value} before and after;
    before is null when the default was in force), so the change is announced and kept.
    """
    setting = _setting(key)
    value = setting.check(setting.label, value)
    text = json.dumps(value, ensure_ascii=False)
    with db.atomic():
        row = db.execute("SELECT value FROM app_settings WHERE key = ?", (key,)).fetchone()
        if row is not None and row[0] == text:
            return
        db.execute(
            "INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, text),
        )
        audit.log_change(db, "app_settings", 0, {key: _stored(row[0]) if row else None}, {key: value}, f"修改设置：{setting.label}")


def _stored(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:  # written by hand or by an old version: kept as the text it is
        return text
