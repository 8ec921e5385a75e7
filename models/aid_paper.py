"""What the aid forms print beyond the file row itself: the dated facts of a file's flow
(home visit, notice, approval, closing) and the lines of a single payment's receipt.

Read-only; kept apart from models/aid.py, which holds the rules of the flow."""

from __future__ import annotations

from sqlite_utils import Database

from models import audit, codes


def _last(db: Database, case_id: int, kind: str) -> dict | None:
    rows = list(
        db.query(
            "SELECT * FROM aid_case_events WHERE case_id = ? AND kind = ? ORDER BY date DESC, id DESC LIMIT 1",
            (case_id, kind),
        )
    )
    return rows[0] if rows else None


def case_facts(db: Database, case_id: int) -> dict:
    """The last application, home visit, notice, approval and closing of a file (each a
    dict of the event row, or None when the file has not reached that step), and the
    events after approval (annual reviews, tier changes) in date order."""
    audit.get_row(db, "aid_cases", case_id)  # NotFound for a wrong id
    facts = {kind: _last(db, case_id, kind) for kind in ("apply", "visit", "review", "notice", "approve", "close")}
    facts["reviews"] = list(
        db.query(
            "SELECT * FROM aid_case_events WHERE case_id = ? AND kind IN ('annual_review', 'tier_change') ORDER BY date, id",
            (case_id,),
        )
    )
    return facts


def close_reason_label(code: str | None) -> str:
    return codes.CASE_CLOSE_REASON.label(code) if code else ""


def payment_receipt_row(db: Database, payment_id: int) -> dict:
    """One payment recorded on its own (not in a round) as a receipt-sheet row: the same
    keys as models.aid_payments.round_rows, the tier being the one in effect that day."""
    rows = list(
        db.query(
            """SELECT p.*, c.worker_name, c.worker_id_number, c.department, c.file_no,
                      (SELECT e.to_tier FROM aid_case_events e WHERE e.case_id = c.id AND e.to_state IS NOT NULL AND e.date <= p.date
                       ORDER BY e.date DESC, e.id DESC LIMIT 1) AS tier
               FROM aid_payments p JOIN aid_cases c ON c.id = p.case_id WHERE p.id = ?""",
            (payment_id,),
        )
    )
    if not rows:
        audit.get_row(db, "aid_payments", payment_id)  # raises NotFound
    return rows[0]


def round_choices(db: Database) -> list[dict]:
    """Rounds newest first with what tells two of the same name apart: date, number of
    people paid (valid payments) and their total."""
    return list(
        db.query(
            """SELECT r.id, r.name, r.date, r.aid_type,
                      (SELECT count(*) FROM aid_payments p WHERE p.round_id = r.id AND p.voided_at IS NULL) AS people,
                      (SELECT coalesce(sum(amount_fen), 0) FROM aid_payments p WHERE p.round_id = r.id AND p.voided_at IS NULL) AS total_fen
               FROM aid_rounds r ORDER BY r.date DESC, r.id DESC"""
        )
    )


def round_label(r: dict) -> str:
    from models.validation import format_money

    return f"{r['date']}  {r['name']}  {r['people']} 人  合计 {format_money(r['total_fen'])} 元  （批次 {r['id']}）"


def worker_identity(db: Database, case_id: int) -> dict[str, str]:
    """民族, 政治面貌 and 户口类型 of a file's worker, from the member record the file is
    linked to (the file itself does not keep them); empty when not linked or not known,
    so the printed box stays blank for the hand."""
    row = db.execute("SELECT member_id FROM aid_cases WHERE id = ?", (case_id,)).fetchone()
    if not row or row[0] is None:
        return {"ethnicity": "", "political_status": "", "hukou_type": ""}
    m = db.execute("SELECT ethnicity, political_status, hukou_type FROM members WHERE id = ?", (row[0],)).fetchone()
    if m is None:
        return {"ethnicity": "", "political_status": "", "hukou_type": ""}
    return {
        "ethnicity": codes.ETHNICITY.label(m[0]) if m[0] else "",
        "political_status": codes.POLITICAL_STATUS.label(m[1]) if m[1] else "",
        "hukou_type": codes.HUKOU_TYPE.label(m[2]) if m[2] else "",
    }
