"""The yearly statistics filing (基层工会统计年报): every indicator of a year, as of its reference date.

Every figure is read as of the reference date (31 December of the year) from dated
facts: members and their attributes from member_time.members_as_of, the worker
counts stated for the year (org.workforce_as_of), aid files from their dated events
(aid_history.cases_as_of), money by the day it was paid, congress sessions and
proposal steps by their dates. Nothing reads today's values for the past, so the
table computed in March for last year is the one computed on 31 December; a record
corrected later shows as a difference against the filed snapshot
(models.filing_store), never as a silent change.

The indicators are data (models.filing_form); this module holds one function per
group of sources ("members", "aid" …) that computes all of the group's figures in
one pass, and the manual entries remembered per year. Checks are in
models.filing_checks, the records behind a figure in models.filing_records.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlite_utils import Database

from models import audit, clock, codes
from models.filing_form import BY_CODE, CHOICES, INDICATORS, LEGACY_CHOICES, LEVEL, MONEY, YES_NO, Indicator
from models.validation import EARLIEST_DATE, ValidationError, format_money, quote, to_ascii

audit.TABLE_LABELS.update({"filing_manual": "年报手填数字", "filings": "已报送年报"})

Value = int | str | None
MAX_MANUAL = 10_000_000  # no grassroots union counts ten million of anything

# ---------------------------------------------------------------- hooks for other modules

# module name → function (db, year, reference date) → {figure: int}, for the indicators whose
# source is "hook:<module>:<figure>" (models/filing_form.py). The modules are imported only
# when a filing is computed.


def _disclosure_figures(db: Database, year: int, end: str) -> dict[str, int]:
    from models.disclosure import year_counts

    items = year_counts(db, year)["total"]  # disclosed in the year, as the register stood on 31 December
    return {"practised": 1 if items else 0, "items": items}


def _innovation_figures(db: Database, year: int, end: str) -> dict[str, int]:
    from models.innovation import yearly_list

    return {"projects": len(yearly_list(db, year, on=end))}


SOURCES: dict[str, Callable[[Database, int, str], dict[str, int]]] = {
    "disclosure": _disclosure_figures,
    "innovation": _innovation_figures,
}


def register_source(module: str, figures: Callable[[Database, int, str], dict[str, int]]) -> None:
    """Let a module give its figures: indicators with source "hook:<module>:<figure>"
    become computed from `figures(db, year, reference_date)`."""
    SOURCES[module] = figures


def effective_kind(ind: Indicator) -> str:
    """computed, manual or profile: a hook is computed once its module has registered."""
    if ind.is_hook:
        return "computed" if ind.source.split(":")[1] in SOURCES else "manual"
    return ind.kind


# ---------------------------------------------------------------- the year asked about

def check_year(year: object) -> int:
    """A year that can be filed: a whole number, not before 1950, not after this year."""
    if isinstance(year, str) and to_ascii(year).isdigit():
        year = int(to_ascii(year))
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValidationError("年度", f"应为四位数的年份，不能是“{quote(year)}”", key="year")
    this_year = clock.today().year
    if year > this_year:
        raise ValidationError("年度", f"{year} 年尚未到来，不能统计（今年是 {this_year} 年）", key="year")
    if year < max(1950, EARLIEST_DATE.year):
        raise ValidationError("年度", f"{year} 年早于工会台账能记录的年份", key="year")
    return year


def reference_date(year: int) -> str:
    """The day the figures are about: 31 December of the year."""
    return f"{year:04d}-12-31"


# ---------------------------------------------------------------- computing, group by group

def _profile(db: Database, year: int, end: str) -> dict[str, Value]:
    row = audit.get_row(db, "org_profile", 1)
    return {k: row.get(k) or "" for k in ("unit_name", "credit_code", "unit_nature", "industry", "founded_on", "parent_union")}


def _workforce(db: Database, year: int, end: str) -> dict[str, Value]:
    from models.org import workforce_as_of

    w = workforce_as_of(db, end)
    keys = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")
    return {k: (getattr(w, k) if w else 0) for k in keys}


# Cards issued in the year (会员卡发放数): every 发卡日期 a member's card has had — today's
# (members.card_issued_on) and those of cards replaced since (member_changes) — that falls in
# the year, for members not voided. A card is a dated fact: one issued on 20 December and typed
# in January counts in its own year; a 发卡日期 corrected later shows as a difference against
# the filed snapshot. A card whose day is not known ('') counts in no year (see card_days_unknown).
CARDS_ISSUED = """
SELECT x.member_id, x.day FROM (
    SELECT c.member_id, c.value AS day FROM member_changes c
     WHERE c.field = 'card_issued_on' AND c.voided_at IS NULL AND c.value BETWEEN :start AND :end
    UNION
    SELECT m.id, m.card_issued_on FROM members m WHERE m.card_issued_on BETWEEN :start AND :end
) x JOIN members m ON m.id = x.member_id
WHERE m.voided_at IS NULL
ORDER BY x.day, x.member_id
"""


def cards_issued(db: Database, year: int, end: str) -> list[tuple[int, str]]:
    """(member id, 发卡日期) of each card issued from 1 January to the reference date."""
    return [tuple(r) for r in db.execute(CARDS_ISSUED, {"start": f"{year:04d}-01-01", "end": end}).fetchall()]


def card_days_unknown(db: Database, end: str) -> int:
    """Members on the register by the reference date (not voided, not gone today) holding a card with no 发卡日期
    anywhere in its past: their cards count in no year. Read from today's rows in one query
    (a warning about missing days, not a figure: no as-of read of 100,000 members for it)."""
    return db.execute(
        "SELECT count(*) FROM members m WHERE m.voided_at IS NULL AND m.status <> 'left' AND m.join_date <= ? AND m.card_number <> '' AND m.card_issued_on = ''"
        " AND NOT EXISTS (SELECT 1 FROM member_changes c WHERE c.member_id = m.id AND c.field = 'card_issued_on' AND c.value <> '' AND c.voided_at IS NULL)",
        (end,),
    ).fetchone()[0]


def _members(db: Database, year: int, end: str) -> dict[str, Value]:
    from models.member_time import members_as_of
    from models.membership import joined_between

    rows = members_as_of(db, end, keys=("gender", "is_migrant_worker"))
    active = [r for r in rows if r["status"] == "active"]
    return {
        "active": len(active),
        "female": sum(1 for r in active if r["gender"] == "2"),
        "migrant": sum(1 for r in active if r["is_migrant_worker"]),
        "cards": len(cards_issued(db, year, end)),
        "retained": sum(1 for r in rows if r["status"] == "retained"),
        "new": len(joined_between(db, f"{year:04d}-01-01", end)),
    }


def sessions_held(db: Database, year: int, end: str) -> list[dict]:
    """Congress sessions (not voided) held during the year, up to the reference date and today."""
    last = min(end, clock.today_iso())
    return list(
        db.query(
            "SELECT s.id, s.date, s.term_id, s.number, t.number AS term_number, t.is_assembly FROM congress_sessions s"
            " JOIN congress_terms t ON t.id = s.term_id WHERE s.voided_at IS NULL AND s.date BETWEEN ? AND ? ORDER BY s.date, s.id",
            (f"{year:04d}-01-01", last),
        )
    )


def _congress(db: Database, year: int, end: str) -> dict[str, Value]:
    from models.congress_meeting import attendance

    held = sessions_held(db, year, end)
    counts = [attendance(db, s["id"]) for s in held]
    system = db.execute(
        "SELECT count(*) FROM congress_terms WHERE start_date <= ? AND end_date >= ?", (end, f"{year:04d}-01-01")
    ).fetchone()[0]
    return {
        "system": 1 if system else 0,
        "sessions": len(held),
        "expected": sum(a.expected for a in counts),
        "present": sum(a.present for a in counts),
    }


# Proposals received in the year, with the day each was accepted (立案) and closed (办结)
# by the reference date, if it was: the three counts are of one cohort, so 办结 ≤ 立案 ≤ 收到.
PROPOSALS_OF_YEAR = """
SELECT p.id, p.number, p.title, p.submitted_on, p.session_id,
       (SELECT min(e.date) FROM proposal_events e WHERE e.proposal_id = p.id AND e.action = 'accept' AND e.date <= :end) AS accepted_on,
       (SELECT max(e.date) FROM proposal_events e WHERE e.proposal_id = p.id AND e.action = 'close' AND e.date <= :end
            AND EXISTS (SELECT 1 FROM proposal_events a WHERE a.proposal_id = p.id AND a.action = 'accept' AND a.date <= :end)) AS closed_on
FROM proposals p
WHERE p.submitted_on BETWEEN :start AND :end AND p.voided_at IS NULL  -- a proposal entered by mistake counts nowhere
ORDER BY p.submitted_on, p.id
"""


def proposals_of_year(db: Database, year: int, end: str) -> list[dict]:
    return list(db.query(PROPOSALS_OF_YEAR, {"start": f"{year:04d}-01-01", "end": end}))


def _proposals(db: Database, year: int, end: str) -> dict[str, Value]:
    rows = proposals_of_year(db, year, end)
    return {
        "received": len(rows),
        "accepted": sum(1 for r in rows if r["accepted_on"]),
        "closed": sum(1 for r in rows if r["closed_on"]),
    }


# Aid kinds as the form groups them (帮扶资金 by kind).
AID_MONEY_GROUPS: dict[str, tuple[str, ...]] = {
    "money_living": ("living",),
    "money_medical": ("medical",),
    "money_education": ("education", "autumn_education"),
    "money_warmth": ("warmth",),
    "money_other": ("employment", "temporary", "other"),
}


def _aid(db: Database, year: int, end: str) -> dict[str, Value]:
    from models.aid_payments import file_summary

    files = file_summary(db, year)
    active = files["active"]
    start = f"{year:04d}-01-01"
    by_type = dict(
        db.execute(
            "SELECT aid_type, sum(amount_fen) FROM aid_payments WHERE voided_at IS NULL AND date BETWEEN ? AND ? GROUP BY aid_type", (start, end)
        ).fetchall()
    )
    times, total = db.execute(
        "SELECT count(*), coalesce(sum(amount_fen), 0) FROM aid_payments WHERE voided_at IS NULL AND date BETWEEN ? AND ?", (start, end)
    ).fetchone()
    # 金秋助学人数: students, not payments (a student paid twice is one)
    autumn = db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT case_id, student_name FROM aid_payments"
        " WHERE voided_at IS NULL AND aid_type = 'autumn_education' AND date BETWEEN ? AND ?)",
        (start, end),
    ).fetchone()[0]
    out: dict[str, Value] = {
        "files": sum(active.values()),
        "files_deep": active.get("deep", 0),
        "files_relative": active.get("relative", 0),
        "files_accident": active.get("accident", 0),
        "out": files["out_of_hardship"],
        "money": total,
        "times": times,
        "autumn": autumn,
    }
    for key, kinds in AID_MONEY_GROUPS.items():
        out[key] = sum(by_type.get(k) or 0 for k in kinds)
    return out


COMPUTERS: dict[str, Callable[[Database, int, str], dict[str, Value]]] = {
    "profile": _profile,
    "workforce": _workforce,
    "members": _members,
    "congress": _congress,
    "proposals": _proposals,
    "aid": _aid,
}


# ---------------------------------------------------------------- manual entries

def choice_words(ind: Indicator, *, typed: bool = False) -> list[str]:
    """The words of a coded (级别) indicator's choices; typed=True: only those one may type."""
    legacy = LEGACY_CHOICES.get(ind.code, frozenset())
    choices = sorted(CHOICES.get(ind.code, ()), reverse=True)  # highest first: 全国 … 未获评
    return [words for number, words, _ in choices if not (typed and number in legacy)]


def _manual_choice(ind: Indicator, value: object) -> int | None:
    """A typed level (全国 / 省级 / 市级 / 县级 / 未获评, and their other spellings) as its stored number."""
    if value is None:
        return None
    text = to_ascii(str(value)).strip().replace(" ", "").removeprefix("获评").removesuffix("模范职工之家")
    if text == "":
        return None
    legacy = LEGACY_CHOICES.get(ind.code, frozenset())
    for number, words, others in CHOICES[ind.code]:
        if number in legacy:
            continue
        if text == words or text in {to_ascii(o) for o in others}:  # 县（区）级 typed with either brackets
            return number
    listing = "、".join(f"“{w}”" for w in choice_words(ind, typed=True))
    raise ValidationError(ind.label, f"应填 {listing} 之一，“{quote(value)}”不是", key=ind.code)


def _manual_number(ind: Indicator, value: object) -> int | None:
    """A typed manual figure as stored: None (not entered), 1/0 for 是/否, a choice's number, else a count."""
    if ind.unit == LEVEL:
        return _manual_choice(ind, value)
    if value is None:
        return None
    if isinstance(value, str):
        text = to_ascii(value).replace(",", "")
        if text == "":
            return None
        if ind.unit == YES_NO and text in ("是", "否"):
            return 1 if text == "是" else 0
        if text.lstrip("-").isdigit():
            value = int(text)
        else:
            what = "“是”或“否”" if ind.unit == YES_NO else "不小于零的整数"
            raise ValidationError(ind.label, f"应为{what}，“{quote(value)}”不是", key=ind.code)
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(ind.label, f"应为整数，不能是“{quote(value)}”", key=ind.code)
    if value < 0:
        raise ValidationError(ind.label, "不能为负数", key=ind.code)
    if ind.unit == YES_NO and value not in (0, 1):
        raise ValidationError(ind.label, "应为“是”或“否”", key=ind.code)
    if value > MAX_MANUAL:
        raise ValidationError(ind.label, f"超出合理范围（最大 {MAX_MANUAL}），请核对", key=ind.code)
    return value


def manual_values(db: Database, year: int) -> dict[str, int | None]:
    """The manual figures entered for a year: {code: value}; a code not entered is absent."""
    return {r[0]: r[1] for r in db.execute("SELECT code, value FROM filing_manual WHERE year = ?", (year,))}


def save_manual(db: Database, year: object, values: dict[str, object]) -> int:
    """Remember manual figures of a year ({code: typed value}; '' or None clears one).

    Every value is checked first: a bad one raises ValidationError naming the
    indicator and nothing is written. Returns how many entries changed.
    """
    year = check_year(year)
    clean: dict[str, int | None] = {}
    for code, raw in values.items():
        ind = BY_CODE.get(code) if isinstance(code, str) else None
        if ind is None:
            raise ValidationError("年报指标", f"没有代码为“{quote(code)}”的指标", key="code")
        if effective_kind(ind) != "manual":
            raise ValidationError(ind.label, "由台账记录计算，不能手填", key=code)
        clean[code] = _manual_number(ind, raw)
    changed = 0
    with db.atomic():
        for code, value in clean.items():
            row = db.execute("SELECT id, value FROM filing_manual WHERE year = ? AND code = ?", (year, code)).fetchone()
            if row is None:
                if value is None:
                    continue
                stamp = audit.now()
                audit.insert_row(db, "filing_manual", {"year": year, "code": code, "value": value, "created_at": stamp, "updated_at": stamp})
                changed += 1
            elif row[1] != value:
                audit.update_row(db, "filing_manual", row[0], {"value": value, "updated_at": audit.now()})
                changed += 1
    return changed


# ---------------------------------------------------------------- the whole table

@dataclass
class Table:
    """A year's table as computed now: values by code, the kind each came from, warnings."""

    year: int
    reference_date: str
    values: dict[str, Value]
    kinds: dict[str, str]
    warnings: list[str] = field(default_factory=list)

    def value(self, code: str) -> Value:
        return self.values.get(code)


def compute(db: Database, year: object) -> Table:
    """Every indicator of the year as of its reference date, with the manual entries."""
    year = check_year(year)
    end = reference_date(year)
    groups: dict[str, dict[str, Value]] = {}
    values: dict[str, Value] = {}
    kinds: dict[str, str] = {}
    manual = manual_values(db, year)
    for ind in INDICATORS:
        kind = effective_kind(ind)
        kinds[ind.code] = kind
        if kind == "manual":
            values[ind.code] = manual.get(ind.code)
            continue
        if ind.is_hook:
            _, module, name = ind.source.split(":")
            if module not in groups:
                groups[module] = dict(SOURCES[module](db, year, end))
            values[ind.code] = groups[module].get(name)
            continue
        group, name = ind.source.split(":")
        if group not in groups:
            groups[group] = COMPUTERS[group](db, year, end)
        values[ind.code] = groups[group][name]
    return Table(year, end, values, kinds, _warnings(db, year, end, values, kinds))


def _warnings(db: Database, year: int, end: str, values: dict[str, Value], kinds: dict[str, str]) -> list[str]:
    from models.org import workforce_as_of

    out: list[str] = []
    today = clock.today_iso()
    if end > today:
        out.append(f"{year} 年尚未结束：数字截至今天（{today}），年末前还会变化。")
    w = workforce_as_of(db, end)
    # Worker counts borrowed from another year are no record of this one.
    borrowed = w is not None and w.year != year
    counted = [c for c, k in kinds.items() if k == "computed" and BY_CODE[c].unit != YES_NO and not (borrowed and BY_CODE[c].source.startswith("workforce:"))]
    if not any(values.get(c) for c in counted):
        out.append(f"{year} 年在台账中没有任何会员、职工人数、职代会或帮扶记录：表中计算的数字均为 0，请核对年度是否选错。")
    if w is None:
        out.append("尚未填写职工人数：请到“设置”中按年度填写职工总数及其中女职工、农民工、劳务派遣人数。")
    elif w.year != year:
        out.append(f"{year} 年的职工人数尚未填写，表中用的是 {w.year} 年填写的人数（设置 → 职工人数）。")
    unknown = card_days_unknown(db, end) if kinds.get("member_cards") == "computed" else 0
    if unknown:
        out.append(f"有 {unknown} 名会员有会员卡号但没有发卡日期，未计入“会员卡发放数”：请在会员信息中补填发卡日期（导入花名册时用“发卡日期”列）。")
    for code, numbers in LEGACY_CHOICES.items():  # a 是 typed before the form asked the level
        if kinds.get(code) == "manual" and values.get(code) in numbers:
            words = "、".join(f"“{w}”" for w in choice_words(BY_CODE[code], typed=True))
            out.append(f"“{BY_CODE[code].label}”以前填的是“是”，请改填获评级别（{words}）。")
    missing = [BY_CODE[c].label for c, k in kinds.items() if k == "manual" and values.get(c) is None]
    if missing:
        out.append(f"尚有 {len(missing)} 项手填数字未填写：{'、'.join(missing[:6])}{' 等' if len(missing) > 6 else ''}。")
    return out


def display(ind: Indicator, value: Value) -> str:
    """A value as the paper table writes it: 是/否, yuan with two decimals, counts, text."""
    if value is None:
        return ""
    if ind.unit == YES_NO and isinstance(value, int):
        return "是" if value else "否"
    if ind.unit == MONEY and isinstance(value, int):
        return format_money(value)
    if ind.unit == LEVEL and isinstance(value, int):
        return next((words for number, words, _ in CHOICES.get(ind.code, ()) if number == value), str(value))
    return str(value)


def change(ind: Indicator, this: Value, last: Value) -> str:
    """This year against last (增减): a signed difference of numbers, blank otherwise."""
    if ind.unit in ("", YES_NO, LEVEL) or not isinstance(this, int) or not isinstance(last, int):
        return ""
    diff = this - last
    text = format_money(abs(diff)) if ind.unit == MONEY else str(abs(diff))
    return text if diff == 0 else ("+" if diff > 0 else "-") + text


def year_is_over(year: int) -> bool:
    return clock.today() > _dt.date(year, 12, 31)
