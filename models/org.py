"""The union's own profile (printed in every form's heading) and program settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any, Callable

from sqlite_utils import Database

from models import audit, codes, field_rules
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
field_rules.register_labels("org_profile", ORG_LABELS)

_COUNTS = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")
# 低保 is a few hundred to a few thousand yuan a month: ¥100,000 is surely a typo.
MAX_MIN_LIVING_FEN = 10_000_000


def get_profile(db: Database) -> OrgProfile:
    row = audit.get_row(db, "org_profile", 1)
    return OrgProfile(**{f.name: row[f.name] for f in fields(OrgProfile)})


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
    for key in _COUNTS:
        setattr(p, key, check_count(ORG_LABELS[key], getattr(p, key), key=key))
    p.min_living_fen = check_fen(ORG_LABELS["min_living_fen"], p.min_living_fen, key="min_living_fen", maximum=MAX_MIN_LIVING_FEN)
    for key in ("workers_female", "workers_migrant", "workers_dispatched"):
        if getattr(p, key) > p.workers_total:
            raise ValidationError(ORG_LABELS[key], f"不能多于职工总数（{p.workers_total}）", key=key)
    return p


def save_profile(db: Database, profile: OrgProfile) -> OrgProfile:
    clean = validate_profile(profile)
    with db.atomic():
        audit.update_row(db, "org_profile", 1, asdict(clean))
    return clean


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
