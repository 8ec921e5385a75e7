"""The dated history of aid files (困难职工档案): what a file's state and tier were on any day.

Every change of a file's state or tier in the world (申请, 入户调查, 审核, 公示, 审批,
年度复核 keeping or changing the tier, a tier changed during the year, 脱困, 注销) is
a row of aid_case_events carrying the date it took effect, entered by the user,
and the coded state and tier before and after it (from_state/to_state,
from_tier/to_tier). Events are written in date order (a step may not be dated
before the previous one), so the file as it stood on any day is the `to_` values
of its last event on or before that day: one indexed lookup per file. The current
row in aid_cases is kept in step by record(), the one function that writes events.
Before approval the tier is only proposed (aid_cases.tier) and no event carries
it; approval makes it effective. A typo in a tier is corrected in place
(rewrite_tier): the events' tier columns are rewritten through the audit trail
with a note marking the correction; no event is added and no date moves. A
trigger keeps every other column of an event as written.

Why dated history rows rather than replaying the audit trail: the audit trail
records when something was typed, not when it happened in the world. A review
held in March and entered in May, or last year's file entered this year, would
be dated wrongly, and a correction would look like a change. Replaying JSON
diffs of every file for every statistic is also slow and ties every report to
the log's format. The audit trail is read once, by the migration that built the
history of existing ledgers (models/migrations/v4_aid_history.py, m004_aid_history).

Rules of the flow (which step may follow which, what a step needs) live in
models/aid.py; this module only writes and reads the history.
"""

from __future__ import annotations

from sqlite_utils import Database

from models import audit
from models.field_rules import check_column_text
from models.validation import ValidationError, parse_date

PENDING_STATES = ("applied", "visited", "reviewed", "notice")
OPEN_STATES = (*PENDING_STATES, "active")
CLOSED_STATES = ("out_of_hardship", "cancelled")

KEEP = object()  # an event that leaves the tier as it was


def last_event_date(db: Database, case_id: int) -> str:
    return db.execute("SELECT max(date) FROM aid_case_events WHERE case_id = ?", (case_id,)).fetchone()[0] or ""


def in_effect(db: Database, case_id: int) -> tuple[str | None, str | None]:
    """State and tier after the file's last event."""
    row = db.execute(
        "SELECT to_state, to_tier FROM aid_case_events WHERE case_id = ? AND to_state IS NOT NULL ORDER BY date DESC, id DESC LIMIT 1", (case_id,)
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def record(
    db: Database,
    case_id: int,
    kind: str,
    date: str,
    *,
    to_state: str,
    to_tier: object = KEEP,
    field: str = "日期",
    end_date: str | None = None,
    people: str = "",
    findings: str = "",
    outcome: str | None = None,
    note: str = "",
    also: dict | None = None,
) -> int:
    """Write one dated fact about a file and keep the file's row in step with it.

    Each event stores the coded values before (the previous event's) and after it.
    A date before the previous event's is refused (naming `field`): the last event
    is then always the current one. `also` holds columns of aid_cases that change
    with the event (the closing date and reason). Call inside a transaction.
    """
    last = last_event_date(db, case_id)
    if date < last:
        raise ValidationError(field, f"不能早于上一事项的日期（{last}）", key="date")
    from_state, from_tier = in_effect(db, case_id)
    tier = from_tier if to_tier is KEEP else to_tier
    event_id = audit.insert_row(
        db,
        "aid_case_events",
        {
            "case_id": case_id,
            "kind": kind,
            "date": date,
            "end_date": end_date,
            "people": check_column_text("aid_case_events", "people", people),
            "findings": check_column_text("aid_case_events", "findings", findings),
            "outcome": outcome,
            "note": check_column_text("aid_case_events", "note", note),
            "from_state": from_state,
            "to_state": to_state,
            "from_tier": from_tier,
            "to_tier": tier,
            "created_at": audit.now(),
        },
    )
    current = {"state": to_state, "updated_on": date} | (also or {})
    if to_tier is not KEEP:
        current["tier"] = tier
    audit.update_row(db, "aid_cases", case_id, current)
    return event_id


def rewrite_tier(db: Database, case_id: int, tier: str, note: str) -> None:
    """Put `tier` in place of the tier in effect, from the event that made it effective
    (approval, a review or a change: the last whose tier differs from the one before)
    through every event since; each row is logged with `note` as a correction."""
    events = list(db.query("SELECT id, from_tier, to_tier FROM aid_case_events WHERE case_id = ? AND to_state IS NOT NULL ORDER BY date, id", (case_id,)))
    start = max(i for i, e in enumerate(events) if e["to_tier"] != e["from_tier"])
    for i, e in enumerate(events[start:], start):
        audit.update_row(db, "aid_case_events", e["id"], {"to_tier": tier} | ({"from_tier": tier} if i > start else {}), note=note)
    audit.update_row(db, "aid_cases", case_id, {"tier": tier}, note=note)


# The last event of each file on or before :on (index aid_case_events_case: case_id, date).
_AS_OF = """
SELECT c.id, c.file_no, c.worker_name, c.worker_id_number, c.department, c.opened_on,
       e.to_state AS state, e.to_tier AS tier, e.date AS last_event_on
FROM aid_cases c
JOIN aid_case_events e ON e.id = (
    SELECT x.id FROM aid_case_events x
    WHERE x.case_id = c.id AND x.to_state IS NOT NULL AND x.date <= :on
    ORDER BY x.date DESC, x.id DESC LIMIT 1)
"""


def cases_as_of(db: Database, on: str, *, case_id: int | None = None) -> list[dict]:
    """Every file that existed on `on` (or just `case_id`), with its state and the tier
    in effect that day (None before approval), ordered by id: plain rows for lists
    and statistics."""
    # The day a list or a form asks about: a typo must not compare as text against every event's date.
    on = parse_date("日期", on, key="on", allow_future=True)
    if not on:
        raise ValidationError("日期", "不能为空", key="on")
    if case_id is None:
        return list(db.query(_AS_OF + " ORDER BY c.id", {"on": on}))
    return list(db.query(_AS_OF + " WHERE c.id = :case_id", {"on": on, "case_id": case_id}))
