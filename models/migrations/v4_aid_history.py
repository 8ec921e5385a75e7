"""Version 4: aid files learn time (coded state and tier before and after each event)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from models.migrations._helpers import _run


def m004_aid_history(db: Database) -> None:
    """Aid files learn time: every event stores the coded state and tier before and after it,
    household members carry the dates they joined and left, and foreign keys get indexes.

    The history of existing files is rebuilt from what the ledger holds (see _aid_history).
    Once rebuilt, events are append-only except their tier columns, which only a tier
    correction (a typo fixed, not a change in the world) may rewrite.
    """
    _run(
        db,
        """
ALTER TABLE aid_case_events ADD COLUMN from_state TEXT;
ALTER TABLE aid_case_events ADD COLUMN to_state TEXT;
ALTER TABLE aid_case_events ADD COLUMN from_tier TEXT;
ALTER TABLE aid_case_events ADD COLUMN to_tier TEXT;
ALTER TABLE aid_household ADD COLUMN joined_on TEXT;
ALTER TABLE aid_household ADD COLUMN left_on TEXT;
ALTER TABLE aid_household ADD COLUMN left_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS aid_payments_round ON aid_payments (round_id);
CREATE INDEX IF NOT EXISTS resolution_votes_resolution ON resolution_votes (resolution_id);
CREATE INDEX IF NOT EXISTS aid_cases_member ON aid_cases (member_id);
CREATE INDEX IF NOT EXISTS aid_case_events_kind ON aid_case_events (kind, date)
""",
    )
    _aid_history(db)
    _run(
        db,
        """
CREATE TRIGGER aid_case_events_no_edit BEFORE UPDATE ON aid_case_events
WHEN NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind OR NEW.date IS NOT OLD.date
  OR NEW.end_date IS NOT OLD.end_date OR NEW.people IS NOT OLD.people OR NEW.findings IS NOT OLD.findings
  OR NEW.outcome IS NOT OLD.outcome OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at
  OR NEW.from_state IS NOT OLD.from_state OR NEW.to_state IS NOT OLD.to_state
BEGIN SELECT RAISE(ABORT, '档案事项记录不能修改（困难类别录入错误请用“更正”）'); END;
CREATE TRIGGER aid_household_no_delete BEFORE DELETE ON aid_household
BEGIN SELECT RAISE(ABORT, '家庭成员记录不能删除'); END
""",
    )


def _aid_history(db: Database) -> None:
    """Coded from/to values for the events of existing aid files, and household dates.

    States follow from the kinds of events (each step of the flow leads to one state).
    Tiers were overwritten in aid_cases, so they are replayed from the audit trail,
    which logged the file's tier (initial value and every change) in the same
    transaction as each event: the tier in effect after an event is the tier the file
    had when the event was written, except that a review that changed the tier wrote
    the new tier just after its event. Before approval a tier is only proposed: events
    of a file under application carry none. Where the trail does not end on the
    file's current tier (a ledger edited outside the program), the current tier is
    the best that can be known and is used from approval on. A file closed before
    approval never had a tier in effect.
    Household members entered while the file was being applied for belong to it from
    the application date; later ones from the day they were entered; a voided member
    (the old way of removing one) left on the day of the void.
    """
    step_state = {"apply": "applied", "visit": "visited", "review": "reviewed", "notice": "notice", "approve": "active", "annual_review": "active"}
    pending = {"applied", "visited", "reviewed", "notice"}
    updates: list[tuple] = []
    for case_id, state, tier in db.execute("SELECT id, state, tier FROM aid_cases").fetchall():
        events = db.execute(
            """SELECT e.id, e.kind, e.outcome,
                      (SELECT min(a.id) FROM audit_log a WHERE a.table_name = 'aid_case_events' AND a.row_id = e.id AND a.action = 'insert')
               FROM aid_case_events e WHERE e.case_id = ? ORDER BY e.date, e.id""",
            (case_id,),
        ).fetchall()
        tier_log = []  # (audit id, tier after the entry), oldest first
        for log_id, after in db.execute(
            "SELECT id, after FROM audit_log WHERE table_name = 'aid_cases' AND row_id = ? AND action IN ('insert', 'update') ORDER BY id", (case_id,)
        ):
            values = json.loads(after or "{}")
            if "tier" in values:
                tier_log.append((log_id, values["tier"]))

        def tier_at(log_id: int) -> str | None:
            return next((t for i, t in reversed(tier_log) if i < log_id), None)

        rows: list[list] = []  # [event id, from_state, to_state, from_tier, to_tier]
        trail_ok = True
        prev_state = prev_tier = None
        for n, (event_id, kind, outcome, log_id) in enumerate(events):
            if kind == "close":
                to_state = "out_of_hardship" if outcome == "out_of_hardship" else "cancelled"
            else:
                to_state = step_state.get(kind, prev_state or "applied")
            if to_state in pending:
                to_tier = None
            elif log_id is None:
                trail_ok, to_tier = False, tier
            elif kind in ("approve", "tier_change"):
                to_tier = tier_at(log_id)  # written before the event (proposal; or the change itself)
            elif kind == "annual_review" and outcome == "tier_changed":
                following = events[n + 1][3] if n + 1 < len(events) and events[n + 1][3] else float("inf")
                to_tier = next((t for i, t in tier_log if log_id < i < following), prev_tier)
            else:
                to_tier = prev_tier
            rows.append([event_id, prev_state, to_state, prev_tier, to_tier])
            prev_state, prev_tier = to_state, to_tier
        approved = any(kind == "approve" for _, kind, _, _ in events)
        if approved and (not trail_ok or prev_tier != tier):
            for row in rows:
                row[3] = tier if row[1] not in pending and row[1] is not None else None
                row[4] = tier if row[2] not in pending else None
        updates += [(r[1], r[2], r[3], r[4], r[0]) for r in rows]
    db.conn.executemany("UPDATE aid_case_events SET from_state = ?, to_state = ?, from_tier = ?, to_tier = ? WHERE id = ?", updates)
    _run(
        db,
        """
UPDATE aid_household SET joined_on = (
    SELECT CASE WHEN e.created_at IS NULL OR aid_household.created_at <= e.created_at THEN c.opened_on
                ELSE max(c.opened_on, substr(aid_household.created_at, 1, 10)) END
    FROM aid_cases c LEFT JOIN aid_case_events e ON e.case_id = c.id AND e.kind = 'approve'
    WHERE c.id = aid_household.case_id);
UPDATE aid_household SET left_on = max(joined_on, substr(voided_at, 1, 10)), left_reason = coalesce(void_reason, '')
WHERE voided_at IS NOT NULL
""",
    )
