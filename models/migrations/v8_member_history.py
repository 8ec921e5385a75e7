"""Migration 8: members learn time (dated attribute history; 入会日期 from the first 入会/转入)."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3

from sqlite_utils import Database

from models import clock
from models.migrations._helpers import _log, _run


def m008_member_history(db: Database) -> None:
    """Members learn time: dated values of the attributes that change in the world, and
    入会日期 with one source.

    - member_changes: per member and field, the values the field has had with the day
      each took effect ('' for the value the record started with); rows exist only for
      fields that changed (models/member_time.py says why and how they are read). A
      row is never deleted; only its value may be rewritten (a typo corrected) or the
      row voided.
    - 入会日期 is the first live 入会/转入: the triggers that kept members.status in
      step now keep join_date too, and refuse any other change of it. Where an old
      ledger's join_date was edited without its event, the edit (what the chair saw
      and meant) wins: the event is voided and stated again on that day, as editing
      does from now on, unless a later change of membership would then come first; then
      the event's date is the 入会日期.
    - The history of existing members is seeded from the audit trail (_member_history).
    - Partial indexes on the dates of events and changes: as of a day, only what
      happened after it is read; and on who paid each month (the unpaid list).
    """
    _run(
        db,
        """
CREATE TABLE member_changes (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    field TEXT NOT NULL,  -- a column of members (models.member_time.HISTORY_FIELDS)
    date TEXT NOT NULL,  -- in effect from this day; '' for the value the record started with
    value,  -- as members stores it (text, or 0/1 for a flag): no declared type, so it reads back as stored
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX member_changes_member ON member_changes (member_id, field, date, id);
CREATE INDEX member_changes_after ON member_changes (date, member_id, field) WHERE voided_at IS NULL;
CREATE INDEX IF NOT EXISTS membership_events_after ON membership_events (date, member_id) WHERE voided_at IS NULL;
-- Who paid a month, read from the index alone: the unpaid list of a month no longer looks
-- up each member among millions of payments (3.6 s at 12 million rows; see tests/bench.py).
CREATE INDEX IF NOT EXISTS dues_payments_paid ON dues_payments (period, member_id) WHERE voided_at IS NULL;
CREATE TRIGGER member_changes_no_delete BEFORE DELETE ON member_changes
BEGIN SELECT RAISE(ABORT, '会员信息变动记录不能删除，只能作废'); END;
CREATE TRIGGER member_changes_no_edit BEFORE UPDATE ON member_changes
WHEN OLD.voided_at IS NOT NULL
  OR NEW.member_id IS NOT OLD.member_id OR NEW.field IS NOT OLD.field OR NEW.date IS NOT OLD.date
  OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '会员信息变动记录不能修改（录入错误请用“更正”，误录的变动请作废）'); END;

DROP TRIGGER IF EXISTS membership_events_status_ai;
DROP TRIGGER IF EXISTS membership_events_status_au;
CREATE TRIGGER membership_events_derived_ai AFTER INSERT ON membership_events
BEGIN
  UPDATE members SET
    status = (
      SELECT CASE e.kind
        WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
        WHEN 'retain' THEN 'retained' ELSE 'left' END
      FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
      ORDER BY e.date DESC, e.id DESC LIMIT 1),
    join_date = coalesce((
      SELECT min(e.date) FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL AND e.kind IN ('join', 'transfer_in')), join_date)
  WHERE id = NEW.member_id;
END;
CREATE TRIGGER membership_events_derived_au AFTER UPDATE OF voided_at ON membership_events
BEGIN
  UPDATE members SET
    status = (
      SELECT CASE e.kind
        WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
        WHEN 'retain' THEN 'retained' ELSE 'left' END
      FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
      ORDER BY e.date DESC, e.id DESC LIMIT 1),
    join_date = coalesce((
      SELECT min(e.date) FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL AND e.kind IN ('join', 'transfer_in')), join_date)
  WHERE id = NEW.member_id;
END
""",
    )
    stamp = clock.now_iso()
    _one_join_date(db, stamp)
    _member_history(db, stamp)
    _run(
        db,
        """
-- 入会日期 is the first live 入会/转入: written only by the triggers above.
CREATE TRIGGER members_join_date_derived BEFORE UPDATE OF join_date ON members
WHEN NEW.join_date IS NOT OLD.join_date AND NEW.join_date IS NOT (
  SELECT min(e.date) FROM membership_events e
  WHERE e.member_id = NEW.id AND e.voided_at IS NULL AND e.kind IN ('join', 'transfer_in'))
BEGIN SELECT RAISE(ABORT, '入会日期以入会（转入）记录为准，请在会员信息中修改入会日期'); END
""",
    )


def _one_join_date(db: Database, stamp: str) -> None:
    """Bring each members.join_date and its first live 入会/转入 together (see m007)."""
    note = "升级数据：入会日期以会员信息中的为准"
    rows = db.execute(
        """SELECT m.id, m.join_date, e.id, e.date
           FROM members m LEFT JOIN membership_events e ON e.id = (
               SELECT x.id FROM membership_events x
               WHERE x.member_id = m.id AND x.voided_at IS NULL AND x.kind IN ('join', 'transfer_in')
               ORDER BY x.date, x.id LIMIT 1)
           WHERE e.id IS NULL OR e.date IS NOT m.join_date"""
    ).fetchall()
    for member_id, join_date, event_id, event_date in rows:
        if event_id is None:
            # Never written by the program (every member got an event); state the 入会 if
            # the member has no history at all, else leave what cannot be known.
            if join_date and not db.execute("SELECT 1 FROM membership_events WHERE member_id = ?", (member_id,)).fetchone():
                values = {"member_id": member_id, "kind": "join", "date": join_date, "reason": "", "other_union": "", "note": note, "created_at": stamp}
                new_id = db.execute(
                    f"INSERT INTO membership_events ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", tuple(values.values())
                ).lastrowid
                _log(db, "membership_events", new_id, "insert", values, stamp, note)
            continue
        following = db.execute(
            "SELECT date FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND id <> ?"
            " AND (date > ? OR (date = ? AND id > ?)) ORDER BY date, id LIMIT 1",
            (member_id, event_id, event_date, event_date, event_id),
        ).fetchone()
        if join_date and (following is None or join_date < following[0]):
            reason = f"入会日期更正为 {join_date}"
            db.execute("UPDATE membership_events SET voided_at = ?, void_reason = ? WHERE id = ?", (stamp, reason, event_id))
            db.execute(
                "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, 'membership_events', ?, 'void', ?, ?, ?)",
                (stamp, event_id, json.dumps({"voided_at": None}), json.dumps({"voided_at": stamp, "void_reason": reason}, ensure_ascii=False), note),
            )
            old = dict(zip(("kind", "reason", "other_union", "note"), db.execute(
                "SELECT kind, reason, other_union, note FROM membership_events WHERE id = ?", (event_id,)).fetchone()))
            values = {"member_id": member_id, **old, "date": join_date, "created_at": stamp}
            new_id = db.execute(
                f"INSERT INTO membership_events ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", tuple(values.values())
            ).lastrowid
            _log(db, "membership_events", new_id, "insert", values, stamp, note)
        else:
            db.execute("UPDATE members SET join_date = ? WHERE id = ?", (event_date, member_id))
            _log(db, "members", member_id, "update", {"join_date": event_date}, stamp, "升级数据：入会日期以入会（转入）记录为准")


# The attributes with a history when m007 was written (models.member_time.HISTORY_FIELDS may grow; this must not change).
_M007_FIELDS = (
    "department", "post", "workplace", "employment_status", "political_status", "education",
    "skill_level", "hukou_type", "is_migrant_worker", "is_dispatched", "card_number",
)


def _member_history(db: Database, stamp: str) -> None:
    """Dated values for members whose tracked attributes were edited, from the audit trail.

    The trail holds each member's values as entered (the insert) and every edit, stamped
    when it was typed: the only date known, so each edit is dated by it. An edit typed on
    the day the member was entered is taken as a fix of what was typed (the start value);
    of several edits on one day the last stands. Where the trail does not end on the
    row's current value (a file changed outside the program) the row is the best that is
    known: that field gets no history. Members never edited need none.
    """
    note = "升级数据：生效日期按录入日期"
    edited = [r[0] for r in db.execute("SELECT DISTINCT row_id FROM audit_log WHERE table_name = 'members' AND action = 'update' ORDER BY row_id")]
    for member_id in edited:
        cursor = db.execute(f"SELECT {', '.join(_M007_FIELDS)} FROM members WHERE id = ?", (member_id,))
        current = cursor.fetchone()
        if current is None:
            continue
        current = dict(zip(_M007_FIELDS, current))
        entered_on = start_at = None
        start: dict = {}
        steps: dict[str, list[list]] = {f: [] for f in _M007_FIELDS}  # [day, value, typed at]
        for at, action, before, after in db.execute(
            "SELECT at, action, before, after FROM audit_log WHERE table_name = 'members' AND row_id = ? AND action IN ('insert', 'update') ORDER BY id",
            (member_id,),
        ):
            before = json.loads(before) if before else {}
            after = json.loads(after) if after else {}
            if action == "insert":
                entered_on, start_at = at[:10], at
                start = {f: after[f] for f in _M007_FIELDS if f in after}
                continue
            for field in _M007_FIELDS:
                if field not in after:
                    continue
                if field not in start and not steps[field]:
                    start[field] = before.get(field)  # no insert logged: the value before the first edit
                    start_at = start_at or at
                day = at[:10]
                if day == entered_on:
                    start[field] = after[field]
                elif steps[field] and steps[field][-1][0] == day:
                    steps[field][-1] = [day, after[field], at]
                else:
                    steps[field].append([day, after[field], at])
        for field in _M007_FIELDS:
            if field not in start or not steps[field] or steps[field][-1][1] != current[field]:
                continue
            rows = [["", start[field], start_at or steps[field][0][2]]]
            for step in steps[field]:
                if step[1] != rows[-1][1]:  # an edit and its undoing on one day leave nothing
                    rows.append(step)
            if len(rows) == 1:
                continue
            for day, value, typed_at in rows:
                values = {"member_id": member_id, "field": field, "date": day, "value": value, "note": note, "created_at": typed_at}
                row_id = db.execute(
                    "INSERT INTO member_changes (member_id, field, date, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    tuple(values.values()),
                ).lastrowid
                _log(db, "member_changes", row_id, "insert", values, stamp, note)


def _log(db: Database, table: str, row_id: int, action: str, values: dict, at: str, note: str) -> None:
    """An audit entry written by a migration (models/audit.py may change; this must not)."""
    db.execute(
        "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, ?, ?, ?, NULL, ?, ?)",
        (at, table, row_id, action, json.dumps(values, ensure_ascii=False), note),
    )
