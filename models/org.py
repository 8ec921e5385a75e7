"""The union's own profile (printed in every form's heading) and program settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlite_utils import Database

from models import audit
from models.validation import ValidationError, clean_text, normalize_phone, normalize_uscc, parse_date


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


def get_profile(db: Database) -> OrgProfile:
    row = audit.get_row(db, "org_profile", 1)
    return OrgProfile(**{f.name: row[f.name] for f in fields(OrgProfile)})


def validate_profile(profile: OrgProfile) -> OrgProfile:
    """A cleaned copy, or ValidationError naming the first bad field."""
    p = OrgProfile(**asdict(profile))
    for f in fields(OrgProfile):
        value = getattr(p, f.name)
        if isinstance(value, str):
            setattr(p, f.name, clean_text(value))
    if not p.union_name:
        raise ValidationError(ORG_LABELS["union_name"], "不能为空", key="union_name")
    p.credit_code = normalize_uscc(ORG_LABELS["credit_code"], p.credit_code, key="credit_code")
    p.phone = normalize_phone(ORG_LABELS["phone"], p.phone, key="phone")
    p.founded_on = parse_date(ORG_LABELS["founded_on"], p.founded_on, key="founded_on")
    for key in ("workers_total", "workers_female", "workers_migrant", "workers_dispatched", "min_living_fen"):
        value = getattr(p, key)
        if not isinstance(value, int) or value < 0:
            raise ValidationError(ORG_LABELS[key], "应为不小于零的整数", key=key)
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

# Program settings with their defaults; values are stored as JSON.
SETTINGS_DEFAULTS: dict[str, Any] = {
    "pdf_font_path": "",  # a TrueType font the user chose for printing
    "dues_rounding": "fen",  # codes.DUES_ROUNDING
    "aid_relative_multiplier": 2.0,  # 相对困难: per-capita income ≤ this × 低保 (1.5 in some provinces)
    "aid_notice_days": 5,  # 公示 period in working days
    "aid_payment_cap_fen": 5_000_000,  # one payment above ¥50,000 needs a confirmation
}


def get_setting(db: Database, key: str) -> Any:
    row = db.execute("SELECT value FROM app_settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return SETTINGS_DEFAULTS.get(key)
    return json.loads(row[0])


def set_setting(db: Database, key: str, value: Any) -> None:
    if key not in SETTINGS_DEFAULTS:
        raise KeyError(key)
    with db.atomic():
        db.execute(
            "INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )
