"""厂务公开: the register of what the company disclosed to its workers, and the regular
subjects it must disclose on a schedule (domain §3).

An item says what was disclosed (title, category and sub-category, a summary, the
period it covers), when (公开日期; none yet: a matter registered 待公开 with the day it
arose), where (one or more channels), to whom (全体职工 or named departments), who is
responsible, how long it stays posted and where feedback goes. A regular subject
(models/disclosure_schedule.py) gives what is due and overdue as of any day.
Items carry weight: they are voided with a reason, never deleted; every write is
one transaction with its audit entry. Feedback and supervision: disclosure_feedback.py;
attachments: disclosure_files.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sqlite_utils import Database

from models import audit, clock, codes
from models import disclosure_fields  # noqa: F401  (labels and text rules of these tables)
from models import disclosure_schedule as sched
from models.field_rules import check_column_text
from models.validation import ValidationError, check_choice, check_count, check_flag, parse_date, quote

POSTED_DAYS_MAX = 3_650


@dataclass
class Subject:
    """A subject disclosed regularly (月度工资发放情况) or whenever it arises (安全事故通报)."""

    title: str
    category: str
    period_kind: str
    start_date: str
    subcategory: str = ""
    department: str = ""
    person: str = ""
    end_date: str | None = None
    note: str = ""
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None


@dataclass
class Item:
    title: str
    category: str
    channels: list[str]
    disclosed_on: str | None  # None: registered, not disclosed yet (待公开)
    subcategory: str = ""
    summary: str = ""
    subject_id: int | None = None
    period_start_date: str | None = None
    period_end_date: str | None = None  # derived from the subject's kind when there is one
    arose_on: str | None = None
    channel_note: str = ""
    is_all_staff: bool = True
    audience: str = ""  # departments, when not 全体职工
    department: str = ""
    person: str = ""
    posted_days: int = 0
    contact: str = ""
    note: str = ""
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None
    created_at: str = field(default="", compare=False)


ITEM_COLUMNS = [
    "subject_id", "title", "category", "subcategory", "summary", "period_start_date", "period_end_date", "arose_on", "disclosed_on",
    "channels", "channel_note", "is_all_staff", "audience", "department", "person", "posted_days", "contact", "note",
]
SUBJECT_COLUMNS = ["title", "category", "subcategory", "period_kind", "department", "person", "start_date", "end_date", "note"]


# ---------------------------------------------------------------- checks shared by subjects and items

def _category(table: str, category: object, subcategory: object) -> tuple[str, str]:
    if not isinstance(category, str) or category not in codes.DISCLOSURE_CATEGORY:
        raise ValidationError("公开类别", "请选择公开类别", key="category")
    sub = subcategory or ""
    if sub:
        check_choice("具体内容", sub, codes.DISCLOSURE_SUBCATEGORY, key="subcategory")
        if sub not in codes.SUBCATEGORY_OF[category]:
            raise ValidationError(
                "具体内容", f"“{codes.DISCLOSURE_SUBCATEGORY.label(sub)}”不属于“{codes.DISCLOSURE_CATEGORY.label(category)}”", key="subcategory"
            )
    return category, sub  # type: ignore[return-value]


def _date(label: str, key: str, value: object, *, required: bool = False, allow_future: bool = False) -> str | None:
    text = parse_date(label, value, key=key, allow_future=allow_future)
    if required and not text:
        raise ValidationError(label, "不能为空", key=key)
    return text or None


# ---------------------------------------------------------------- subjects

def _validate_subject(s: Subject) -> Subject:
    s = Subject(**asdict(s))
    s.title = check_column_text("disclosure_subjects", "title", s.title, required=True)
    s.category, s.subcategory = _category("disclosure_subjects", s.category, s.subcategory)
    if not isinstance(s.period_kind, str) or s.period_kind not in codes.PERIOD_KIND:
        raise ValidationError("公开周期", "请选择公开周期", key="period_kind")
    s.start_date = _date("开始执行日期", "start_date", s.start_date, required=True, allow_future=True)  # type: ignore[assignment]
    s.end_date = _date("停止日期", "end_date", s.end_date, allow_future=True)
    if s.end_date and s.end_date < s.start_date:
        raise ValidationError("停止日期", f"早于开始执行日期（{s.start_date}）", key="end_date")
    for key in ("department", "person", "note"):
        setattr(s, key, check_column_text("disclosure_subjects", key, getattr(s, key)))
    return s


def add_subject(db: Database, subject: Subject) -> int:
    s = _validate_subject(subject)
    with db.atomic():
        return audit.insert_row(db, "disclosure_subjects", {k: getattr(s, k) for k in SUBJECT_COLUMNS} | {"created_at": audit.now()})


def update_subject(db: Database, subject: Subject) -> bool:
    """Edit a subject; its kind stays once items name its periods (they would no longer match)."""
    if subject.id is None:
        raise ValueError("needs an id")
    s = _validate_subject(subject)
    with db.atomic():
        old = get_subject(db, s.id)  # type: ignore[arg-type]
        if old.voided_at:
            raise ValidationError("定期公开事项", "已作废，不能修改")
        if s.period_kind != old.period_kind and db.execute(
            "SELECT 1 FROM disclosure_items WHERE subject_id = ? AND voided_at IS NULL", (s.id,)
        ).fetchone():
            raise ValidationError("公开周期", "已有按原周期登记的公开记录，不能改变周期（可停止本事项，另建一个）", key="period_kind")
        return audit.update_row(db, "disclosure_subjects", s.id, {k: getattr(s, k) for k in SUBJECT_COLUMNS})  # type: ignore[arg-type]


def get_subject(db: Database, subject_id: int) -> Subject:
    r = audit.get_row(db, "disclosure_subjects", subject_id)
    return Subject(**{k: r[k] for k in Subject.__dataclass_fields__})


def subjects(db: Database, *, include_void: bool = False) -> list[Subject]:
    where = "" if include_void else "WHERE voided_at IS NULL"
    return [Subject(**{k: r[k] for k in Subject.__dataclass_fields__}) for r in db.query(f"SELECT * FROM disclosure_subjects {where} ORDER BY id")]


def void_subject(db: Database, subject_id: int, reason: str) -> None:
    """A subject registered by mistake; its items stay (they were disclosed)."""
    audit.void_row(db, "disclosure_subjects", subject_id, reason)


# ---------------------------------------------------------------- items

def _channels(value: object, note: str) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise ValidationError("公开渠道", "应为所选渠道的列表", key="channels")
    for c in value:
        check_choice("公开渠道", c, codes.DISCLOSURE_CHANNEL, key="channels")
    chosen = list(dict.fromkeys(value))
    if not chosen:
        raise ValidationError("公开渠道", "请至少选择一个公开渠道", key="channels")
    if "other" in chosen and not note:
        raise ValidationError("其他渠道说明", "选择了“其他”渠道，请写明是什么渠道", key="channel_note")
    return chosen


def _validate_item(db: Database, item: Item) -> Item:
    """Every field checked and named before anything is read or written."""
    i = Item(**asdict(item))
    i.title = check_column_text("disclosure_items", "title", i.title, required=True)
    i.category, i.subcategory = _category("disclosure_items", i.category, i.subcategory)
    for key in ("summary", "channel_note", "audience", "department", "person", "contact", "note"):
        setattr(i, key, check_column_text("disclosure_items", key, getattr(i, key)))
    i.channels = _channels(i.channels, i.channel_note)
    i.is_all_staff = check_flag("公开范围", i.is_all_staff, key="is_all_staff")
    if not i.is_all_staff and not i.audience.strip():
        raise ValidationError("公开范围（部门）", "不是向全体职工公开时，请写明向哪些部门公开", key="audience")
    if i.is_all_staff:
        i.audience = ""
    i.posted_days = check_count("公开时长（天）", i.posted_days, key="posted_days", maximum=POSTED_DAYS_MAX)
    # A disclosure is a fact: it happened on a day that has come (a planned one has no date yet).
    i.disclosed_on = _date("公开日期", "disclosed_on", i.disclosed_on)
    i.arose_on = _date("事项发生日期", "arose_on", i.arose_on)
    if i.arose_on and i.disclosed_on and i.disclosed_on < i.arose_on:
        raise ValidationError("公开日期", f"早于事项发生日期（{i.arose_on}）", key="disclosed_on")
    i.period_start_date = _date("所属期间", "period_start_date", i.period_start_date, allow_future=True)
    i.period_end_date = _date("所属期间结束", "period_end_date", i.period_end_date, allow_future=True)
    if i.subject_id is not None:
        row = disclosure_fields.existing_row(db, "disclosure_subjects", i.subject_id, "定期公开事项", "subject_id")
        subject = Subject(**{k: row[k] for k in Subject.__dataclass_fields__})
        if subject.voided_at:
            raise ValidationError("定期公开事项", f"“{subject.title}”已作废", key="subject_id")
        if subject.period_kind in sched.REGULAR:
            if not i.period_start_date:
                raise ValidationError("所属期间", f"“{subject.title}”按{codes.PERIOD_KIND.label(subject.period_kind)}公开，请选择本次公开所属的期间", key="period_start_date")
            p = sched.period_of(subject.period_kind, i.period_start_date)
            i.period_start_date, i.period_end_date = p.start, p.end
            i.arose_on = None
        elif not i.arose_on:
            raise ValidationError("事项发生日期", "事项发生时公开的事项，请填写事项发生的日期", key="arose_on")
    elif (i.period_start_date is None) != (i.period_end_date is None):
        raise ValidationError("所属期间", "请同时填写期间的开始和结束日期（或都不填）", key="period_start_date")
    if i.period_start_date and i.period_end_date and i.period_end_date < i.period_start_date:
        raise ValidationError("所属期间结束", "早于期间开始日期", key="period_end_date")
    if i.disclosed_on is None and i.arose_on is None and i.period_start_date is None:
        raise ValidationError("公开日期", "请填写公开日期；尚未公开的事项请填写事项发生日期", key="disclosed_on")
    return i


def _values(i: Item) -> dict:
    values = {k: getattr(i, k) for k in ITEM_COLUMNS}
    values["channels"] = json.dumps(i.channels, ensure_ascii=False)
    values["is_all_staff"] = int(i.is_all_staff)
    return values


def _same_period(db: Database, i: Item) -> None:
    if i.subject_id is None or i.period_start_date is None:
        return
    row = db.execute(
        "SELECT id, disclosed_on FROM disclosure_items WHERE subject_id = ? AND period_start_date = ? AND voided_at IS NULL AND id IS NOT ?",
        (i.subject_id, i.period_start_date, i.id),
    ).fetchone()
    if row:
        when = f"{row[1]} 公开" if row[1] else "待公开"
        label = sched.period_label(get_subject(db, i.subject_id).period_kind, i.period_start_date, i.period_end_date)
        raise ValidationError("所属期间", f"{label}已登记（编号 {row[0]}，{when}）；如需更正请修改原记录", key="period_start_date")


def add_item(db: Database, item: Item) -> int:
    i = _validate_item(db, item)
    with db.atomic():
        _same_period(db, i)
        return audit.insert_row(db, "disclosure_items", _values(i) | {"created_at": audit.now()})


def update_item(db: Database, item: Item, *, note: str = "") -> bool:
    """Edit an item (a correction, or 待公开 → disclosed); each changed field is in the audit trail."""
    if item.id is None:
        raise ValueError("needs an id")
    i = _validate_item(db, item)
    with db.atomic():
        if get_item(db, i.id).voided_at:  # type: ignore[arg-type]
            raise ValidationError("厂务公开事项", "已作废，不能修改")
        _same_period(db, i)
        return audit.update_row(db, "disclosure_items", i.id, _values(i), note=note)  # type: ignore[arg-type]


def _item(r: dict) -> Item:
    data = {k: r[k] for k in Item.__dataclass_fields__ if k in r}
    data["channels"] = json.loads(r["channels"] or "[]")
    data["is_all_staff"] = bool(r["is_all_staff"])
    return Item(**data)


def get_item(db: Database, item_id: int) -> Item:
    return _item(audit.get_row(db, "disclosure_items", item_id))


def void_item(db: Database, item_id: int, reason: str) -> None:
    audit.void_row(db, "disclosure_items", item_id, reason)


def channel_text(item: Item) -> str:
    labels = [codes.DISCLOSURE_CHANNEL.label(c) for c in item.channels if c != "other"]
    if "other" in item.channels:
        labels.append(f"其他（{item.channel_note}）" if item.channel_note else "其他")
    return "、".join(labels)


def audience_text(item: Item) -> str:
    return "全体职工" if item.is_all_staff else item.audience


def category_text(item: Item) -> str:
    main = codes.DISCLOSURE_CATEGORY.label(item.category)
    return f"{main}—{codes.DISCLOSURE_SUBCATEGORY.label(item.subcategory)}" if item.subcategory else main


# ---------------------------------------------------------------- the register

def register(
    db: Database,
    year: int,
    *,
    on: str | None = None,
    category: str | None = None,
    channel: str | None = None,
    include_void: bool = False,
) -> list[dict]:
    """A year's register as it stood on `on` (default today): items disclosed in the year by
    then, and matters of the year not disclosed by then. Each row: the item, its period
    label, its subject's kind, due_on and state (models.disclosure_schedule.timeliness)."""
    year = check_count("年度", year, key="year", minimum=1949, maximum=2100)
    on = parse_date("截至日期", on, key="on", allow_future=True) if on else clock.today_iso()
    if category:
        check_choice("公开类别", category, codes.DISCLOSURE_CATEGORY, key="category")
    if channel:
        check_choice("公开渠道", channel, codes.DISCLOSURE_CHANNEL, key="channel")
    first, last = f"{year}-01-01", f"{year}-12-31"
    rows = db.query(
        """SELECT i.*, s.period_kind AS subject_kind, s.title AS subject_title FROM disclosure_items i
           LEFT JOIN disclosure_subjects s ON s.id = i.subject_id
           WHERE ((i.disclosed_on BETWEEN :first AND :last AND i.disclosed_on <= :on)
              OR ((i.disclosed_on IS NULL OR i.disclosed_on > :on)
                  AND coalesce(i.arose_on, i.period_end_date) BETWEEN :first AND :last
                  AND coalesce(i.arose_on, i.period_start_date) <= :on))
           ORDER BY coalesce(i.disclosed_on, '9999'), i.id""",
        {"first": first, "last": last, "on": on},
    )
    out = []
    for r in rows:
        if r["voided_at"] and not include_void:
            continue
        item = _item(r)
        if category and item.category != category:
            continue
        if channel and channel not in item.channels:
            continue
        disclosed = item.disclosed_on if item.disclosed_on and item.disclosed_on <= on else None
        due = sched.item_due_on(r["subject_kind"], item.period_start_date, item.period_end_date, item.arose_on)
        out.append({
            "item": item,
            "period": sched.period_label(r["subject_kind"], item.period_start_date, item.period_end_date),
            "kind": r["subject_kind"],
            "subject_title": r["subject_title"] or "",
            "due_on": due,
            "state": sched.timeliness(due, disclosed, on),
        })
    return out


def year_counts(db: Database, year: int) -> dict:
    """What the yearly filing counts: items disclosed in the year (as of 31 December), by
    category and by channel (an item on two channels counts once in each)."""
    rows = register(db, year, on=f"{year}-12-31")
    disclosed = [r["item"] for r in rows if r["state"] in ("done", "late")]
    by_category = {code: sum(1 for i in disclosed if i.category == code) for code in codes.DISCLOSURE_CATEGORY.codes()}
    by_channel = {code: sum(1 for i in disclosed if code in i.channels) for code in codes.DISCLOSURE_CHANNEL.codes()}
    late = sum(1 for r in rows if r["state"] == "late")
    return {"year": year, "total": len(disclosed), "late": late, "by_category": by_category, "by_channel": by_channel}


def item_label(item: Item) -> str:
    """How a question names an item: 2026-03-05 公开的“3月工资发放情况”."""
    when = f"{item.disclosed_on} 公开的" if item.disclosed_on else "待公开的"
    return f"{when}“{quote(item.title, 40)}”"
