"""Members through time: each member's attributes as they stood on any day.

What has a history
------------------
HISTORY_FIELDS are the attributes that change in the world and that lists and the
yearly statistics count by (domain.md §1, §6): 部门, 岗位, 工作单位, 就业状况,
政治面貌, 学历, 技术等级, 户籍类型, 是否农民工, 是否劳务派遣, 会员卡号 and 发卡日期 (a card
issued on a day; a card replaced keeps the earlier card's day in the past). A change carries the day it took effect in the world (调岗 on
3 March, typed in May); where the world gives none, the ledger's today (clock).
The other fields do not change in the world (性别, 出生日期 and 民族 follow the ID
card; 姓名 and the number are corrected, not changed) or matter only as they are
now (电话, 备注): an edit overwrites them, and the audit trail keeps what they were.
Status and 入会日期 are not attributes: both follow from the dated membership
events (models.membership), and triggers keep their columns in `members` in step.

How: dated rows, kept only where something changed
---------------------------------------------------
member_changes holds, per member and field, the values the field has had, each
with the day it took effect: the value the record started with (date '': "from
the start") and one row per change. The value on a day D is that of the last
row dated on or before D (by date, then id). The rows of a field are written
when it first changes (its starting value with the change), so a member whose
attributes never changed has none: `members`, which always holds the value of
each field's last row (updated in the same transaction), is then the whole
story. A ledger keeps rows for the changes it has seen, not 100,000 × 11 copies.

As of a day, members_as_of() reads every member's current row once and replaces
only what changed after that day: the statuses of members with a membership
event after it, and the fields with a row after it (both found through partial
indexes on the date). For the end of last year that is some thousands of rows on
top of one scan of `members`: 100,000 members in 0.4–0.5 s with every key,
0.15 s with the three a statistic counts by (tests/bench.py); the scan itself is
20 ms, the rest is making Python objects of the values.

Corrections are not changes
---------------------------
A typo is not an event in the world. A correction rewrites, in place and through
the audit trail with a note saying so, the value of the row it corrects: the one
in effect (today's, or on a given day). So the past reads the corrected value for
the whole time the mistyped one stood, from the change that set it or from the
start; no row is added and no date moves. A change entered by mistake, or on the
wrong day, is voided with a reason (and entered again).

Why not replay the audit trail
------------------------------
The audit trail already holds every member's initial values and each edit, but
dated by when they were typed, not when they happened in the world; it cannot tell
a 调岗 from a typo fixed; and replaying JSON for 100,000 members for every
statistic would be slow and would tie every report to the log's format. It is read
once, by the migration that seeded the history of existing ledgers
(models/migrations/v8_member_history.py, m008_member_history), dating each change by the day it was
typed since nothing better is known.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Collection

from sqlite_utils import Database

from models import audit, clock, codes, field_rules
from models.validation import ValidationError, check_text, parse_date

HISTORY_FIELDS: tuple[str, ...] = (
    "department",
    "post",
    "workplace",
    "employment_status",
    "political_status",
    "education",
    "skill_level",
    "hukou_type",
    "is_migrant_worker",
    "is_dispatched",
    "card_number",
    "card_issued_on",
)
START = ""  # the date of a field's starting value: before every ISO date
# What a row of the register as of a day holds: fixed facts as they are known now,
# 入会日期 and status from the membership events, and the dated attributes.
FIXED_KEYS = ("id", "name", "gender", "birth_date", "ethnicity", "id_type", "id_number", "join_date")
AS_OF_KEYS: tuple[str, ...] = (*FIXED_KEYS, "status", *HISTORY_FIELDS)
CORRECTION_NOTE = "更正录入错误（不是实际变动）"

audit.TABLE_LABELS["member_changes"] = "会员信息变动记录"


@dataclass
class Change:
    """One dated value of a member's field (date START: the value the record started with)."""

    id: int
    member_id: int
    field: str
    date: str
    value: Any
    note: str
    created_at: str
    voided_at: str | None
    void_reason: str | None

    @property
    def label(self) -> str:
        return field_rules.label("members", self.field)

    @property
    def is_start(self) -> bool:
        return self.date == START


def changes(db: Database, member_id: int, *, include_void: bool = True) -> list[Change]:
    """A member's dated values, by field (in HISTORY_FIELDS order), then oldest first."""
    sql = "SELECT * FROM member_changes WHERE member_id = ?" + ("" if include_void else " AND voided_at IS NULL")
    rows = [Change(**r) for r in db.query(sql + " ORDER BY date, id", (member_id,))]
    return sorted(rows, key=lambda c: HISTORY_FIELDS.index(c.field) if c.field in HISTORY_FIELDS else len(HISTORY_FIELDS))


def _rows(db: Database, member_id: int, field: str) -> list[tuple[int, str, Any]]:
    """(id, date, value) of the field's live rows, oldest first."""
    return db.execute(
        "SELECT id, date, value FROM member_changes WHERE member_id = ? AND field = ? AND voided_at IS NULL ORDER BY date, id",
        (member_id, field),
    ).fetchall()


def _day(field: str, value: object, key: str) -> str:
    """A required day, from what people type; the future is allowed (the values then are today's)."""
    if value is None:
        raise ValidationError(field, "不能为空", key=key)
    day = parse_date(field, value, key=key, allow_future=True)
    if not day:
        raise ValidationError(field, "不能为空", key=key)
    return day


# ---------------------------------------------------------------- writing (inside the caller's transaction)

def check_effective(db: Database, member_id: int, fields: Collection[str], on: str) -> None:
    """Refuse a change dated before the field's last change: the new value is today's, so it
    cannot take effect before a later one (that one would stand on top of it)."""
    for field in fields:
        rows = _rows(db, member_id, field)
        if rows and rows[-1][1] > on:
            label = field_rules.label("members", field)
            raise ValidationError(
                label, f"上次变动的生效日期是 {rows[-1][1]}，本次变动不能早于它（若上次有误，请先作废那条变动记录）", key=field
            )


def apply_edit(
    db: Database,
    member_id: int,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    on: str,
    corrected: Collection[str] = (),
    note: str = "",
) -> None:
    """History for an edit of a member's row from `before` to `after` (members.update_member
    calls this, then writes `after`, in one transaction). A changed field in `corrected`
    rewrites the value in effect; any other changed field of HISTORY_FIELDS takes effect on
    `on` (checked by check_effective first)."""
    stamp = audit.now()
    changed = [f for f in HISTORY_FIELDS if before.get(f) != after.get(f)]
    check_effective(db, member_id, [f for f in changed if f not in corrected], on)
    for field in changed:
        rows = _rows(db, member_id, field)
        if field in corrected:
            if rows:  # else the row is the whole history: writing it corrects from the start
                audit.update_row(db, "member_changes", rows[-1][0], {"value": after[field]}, note=CORRECTION_NOTE)
            continue
        if not rows:  # the field's first change: keep what it was from the start
            audit.insert_row(db, "member_changes", _row(member_id, field, START, before[field], "", stamp))
        audit.insert_row(db, "member_changes", _row(member_id, field, on, after[field], note, stamp))


def _row(member_id: int, field: str, date: str, value: Any, note: str, stamp: str) -> dict[str, Any]:
    return {"member_id": member_id, "field": field, "date": date, "value": value, "note": note, "created_at": stamp}


def correct_value(db: Database, member_id: int, field: str, value: object, *, on: object = None, note: str = "") -> None:
    """Correct a mistyped value of `field`: the one in effect on `on` (default: today's),
    for the whole time it stood. Today's value is corrected in `members` too."""
    from models import members  # (members imports this module)

    if not isinstance(field, str) or field not in HISTORY_FIELDS:
        names = "、".join(field_rules.label("members", f) for f in HISTORY_FIELDS)
        raise ValidationError("更正项目", f"只有记录变动日期的信息项才在这里更正（{names}）；其他信息直接修改即可", key="field")
    day = clock.today_iso() if on is None else _day("更正哪一天的值", on, "on")
    note = check_text("更正说明", note, key="note")
    with db.atomic():
        current = members.get_member(db, member_id)
        setattr(current, field, value)
        cleaned = getattr(members.validate(current), field)  # the field's own checks and code list
        stored = int(cleaned) if isinstance(cleaned, bool) else cleaned
        rows = _rows(db, member_id, field)
        target = next((r for r in reversed(rows) if r[1] <= day), None)
        full_note = CORRECTION_NOTE + (f"：{note}" if note else "")
        if target is not None:
            audit.update_row(db, "member_changes", target[0], {"value": stored}, note=full_note)
        if target is None or target is rows[-1]:
            audit.update_row(db, "members", member_id, {field: stored, "updated_at": audit.now()}, note=full_note)


def correct_change(db: Database, change_id: int, value: object, *, note: str = "") -> None:
    """Correct the value one row says (a starting value, or a change), for the whole time it
    stood: correct_value on a day that row is in effect. A voided row, or one a later row of
    the same day hides (it was never in effect), is refused: void or re-enter instead."""
    with db.atomic():
        row = audit.get_row(db, "member_changes", change_id)
        if row["voided_at"]:
            raise ValidationError("更正", "该记录已作废，不能更正")
        rows = _rows(db, row["member_id"], row["field"])
        at = next(i for i, r in enumerate(rows) if r[0] == change_id)
        later = rows[at + 1] if at + 1 < len(rows) else None
        if later is not None and later[1] == row["date"]:
            raise ValidationError("更正", "同一天还有一条后录入的变动，这条从未生效；如系误录，请作废")
        if row["date"] != START:
            on: str | None = row["date"]
        elif later is not None:  # the starting value stood until the day before the first change
            on = (_dt.date.fromisoformat(later[1]) - _dt.timedelta(days=1)).isoformat()
        else:
            on = None  # nothing after it: today's value
        correct_value(db, row["member_id"], row["field"], value, on=on, note=note)


def void_change(db: Database, change_id: int, reason: str) -> None:
    """Void a change entered by mistake (or on the wrong day); the value before it stands
    again, and today's value follows the last change left."""
    with db.atomic():
        row = audit.get_row(db, "member_changes", change_id)
        if row["date"] == START:
            raise ValidationError("作废", "这是该项的起始值，不是一次变动，不能作废；录入错误请用“更正”")
        audit.void_row(db, "member_changes", change_id, reason)
        rows = _rows(db, row["member_id"], row["field"])
        now = rows[-1][2]
        current = audit.get_row(db, "members", row["member_id"])[row["field"]]
        if now != current:
            audit.update_row(db, "members", row["member_id"], {row["field"]: now, "updated_at": audit.now()}, note=f"作废变动记录：{reason}")


# ---------------------------------------------------------------- reading as of a day

_STATUS_AFTER = codes.STATUS_AFTER_EVENT


def members_as_of(
    db: Database, on: object, *, keys: Collection[str] | None = None, member_id: int | None = None
) -> list[dict[str, Any]]:
    """Every member of the register on day `on` (入会/转入 on or before it), by id, each a
    dict of `keys` (default AS_OF_KEYS; "id" and "status" always): the status after the
    last membership event on or before `on` ('active', 'retained' or 'left': those who
    had left are still listed) and the attributes as they stood that day. A day after
    today reads today's values.

    Most of the time goes into making Python objects of the values read (0.45 s for
    every key of 100,000 members, 0.15 s for three): ask for the keys you need.
    """
    day = _day("日期", on, "on")
    wanted = _keys(keys)
    one = "" if member_id is None else " AND id = ?"
    params: tuple = (day,) if member_id is None else (day, member_id)
    cursor = db.execute(f"SELECT {', '.join(wanted)} FROM members WHERE join_date <> '' AND join_date <= ? AND voided_at IS NULL{one} ORDER BY id", params)
    out = {r[0]: dict(zip(wanted, r)) for r in cursor}
    if not out:
        return []
    statuses, values = changed_after(db, day, [k for k in wanted if k in HISTORY_FIELDS], member_id=member_id)
    for mid, status in statuses.items():
        row = out.get(mid)
        if row is not None:
            row["status"] = status
    for mid, then in values.items():
        row = out.get(mid)
        if row is not None:
            row.update(then)
    return list(out.values())


def changed_after(
    db: Database, day: str, fields: Collection[str] = HISTORY_FIELDS, *, member_id: int | None = None
) -> tuple[dict[int, str | None], dict[int, dict[str, Any]]]:
    """What was different on `day` (ISO) for the members something happened to after it:
    their status then (None: not a member yet), and the values then of those of `fields`
    that changed after it. Everyone else stood as `members` says today."""
    one = "" if member_id is None else " AND member_id = ?"
    params: tuple = (day,) if member_id is None else (day, member_id)
    later = db.execute(
        f"SELECT DISTINCT member_id FROM membership_events WHERE voided_at IS NULL AND date > ?{one}", params
    ).fetchall()
    statuses: dict[int, str | None] = dict.fromkeys((r[0] for r in later), None)
    # Their status then follows their last event up to the day.
    for mid, kind in db.execute(
        f"""SELECT member_id, kind FROM membership_events
            WHERE voided_at IS NULL AND date <= ? AND member_id IN (
                SELECT member_id FROM membership_events WHERE voided_at IS NULL AND date > ?{one})
            ORDER BY member_id, date, id""",
        (day, *params),
    ):
        statuses[mid] = _STATUS_AFTER[kind]
    values: dict[int, dict[str, Any]] = {}
    fields = [f for f in HISTORY_FIELDS if f in fields]
    if fields:
        # A field with a row after the day had the value of its last row up to it (the start at least).
        only = "" if len(fields) == len(HISTORY_FIELDS) else f" AND field IN ({', '.join('?' * len(fields))})"
        for mid, field, value in db.execute(
            f"""SELECT member_id, field, value FROM member_changes
                WHERE voided_at IS NULL AND date <= ? AND (member_id, field) IN (
                    SELECT member_id, field FROM member_changes WHERE voided_at IS NULL AND date > ?{one}{only})
                ORDER BY member_id, field, date, id""",
            (day, *params, *(fields if only else ())),
        ):
            values.setdefault(mid, {})[field] = value
    return statuses, values


def _keys(keys: Collection[str] | None) -> list[str]:
    if keys is None:
        return list(AS_OF_KEYS)
    if isinstance(keys, (str, bytes)) or not isinstance(keys, (list, tuple, set, frozenset)):
        raise ValidationError("查询项目", "应为信息项的列表", key="keys")
    unknown = [k for k in keys if k not in AS_OF_KEYS]
    if unknown:
        raise ValidationError("查询项目", f"“{str(unknown[0])[:20]}”不是可按日期查询的会员信息项", key="keys")
    return ["id", "status", *(k for k in AS_OF_KEYS if k in keys and k not in ("id", "status"))]


def member_as_of(db: Database, member_id: int, on: object) -> dict[str, Any] | None:
    """One member as they stood on `on` (see members_as_of); None if not yet a member then."""
    rows = members_as_of(db, on, member_id=member_id)
    if rows:
        return rows[0]
    if db.execute("SELECT 1 FROM members WHERE id = ?", (member_id,)).fetchone() is None:
        raise audit.NotFound(f"会员不存在（编号 {member_id}）")
    return None
