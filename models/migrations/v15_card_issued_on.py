"""Migration 15: 发卡日期 — the day a member's card (会员卡) was issued, so the yearly filing's
会员卡发放数 counts the cards issued in the year instead of the members holding one."""

from __future__ import annotations

from sqlite_utils import Database

from models import clock
from models.migrations._helpers import _log, _run

NOTE = "发卡日期按会员卡号的登记变动日期补记（升级数据版本 15）"


def m015_card_issued_on(db: Database) -> None:
    """- members.card_issued_on: the issue day of the member's current card ('' not known). It has
      a dated history like the card number (models.member_time.HISTORY_FIELDS), so a card
      replaced later keeps the earlier card's day in member_changes.
    - Filled where the ledger knows it: a card number set by a dated change (member_changes,
      not the value the record started with) was issued on that change's day. A card number
      held from the start has no known day and stays '': such cards count in no year until the
      chair types the day (the filing says how many)."""
    _run(db, "ALTER TABLE members ADD COLUMN card_issued_on TEXT NOT NULL DEFAULT '';")
    rows = db.execute(
        """SELECT m.id, c.date FROM members m
           JOIN member_changes c ON c.id = (
               SELECT c2.id FROM member_changes c2 WHERE c2.member_id = m.id AND c2.field = 'card_number' AND c2.voided_at IS NULL
               ORDER BY c2.date DESC, c2.id DESC LIMIT 1)
           WHERE c.date <> '' AND m.card_number <> '' AND c.value = m.card_number"""
    ).fetchall()
    stamp = clock.now_iso()
    for member_id, day in rows:
        db.execute("UPDATE members SET card_issued_on = ? WHERE id = ?", (day, member_id))
        _log(db, "members", member_id, "update", {"card_issued_on": day}, stamp, NOTE)
