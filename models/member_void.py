"""A member entered by mistake is voided with a reason, never deleted.

A voided member leaves every list, count, roster, picker and figure: `members.voided_at`
is set, and each of its membership events is voided with the same reason, so its status
is no status at all (the triggers derive it from live events) and every query by status
passes it by, as-of reads included; the lists that show all statuses filter on
`voided_at IS NULL` (models.member_list, member_time, members). The record, its events
and the audit trail stay; the 显示已作废 toggle lists voided members. Its ID number is
free again (migration 12), so the right person can be entered after the mistake.

What a chair expects when the member is not just a typo:
- a congress delegate (代表) or a hardship file (困难职工档案): refused, naming it. Votes,
  proposals and aid money hang on those records; they are corrected where they live first.
- dues paid (会费): a warning naming how many and how much (DuesOnFile); voiding with
  `void_dues=True` voids those payments too, with the same reason, in the same transaction —
  money recorded against a person who is not a member was recorded by mistake as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from models import audit
from models.masking import mask_value
from models.validation import ValidationError, check_text, format_money


class DuesOnFile(ValidationError):
    """The member has valid dues payments: void them too (void_dues=True) or cancel."""

    def __init__(self, message: str, count: int, total_fen: int) -> None:
        super().__init__("会费记录", message, key="dues")
        self.count = count
        self.total_fen = total_fen


@dataclass
class VoidTarget:
    id: int
    name: str
    member_no: str
    id_number_masked: str
    department: str
    voided_at: str | None
    void_reason: str | None = None

    def describe(self) -> str:
        """How the void prompt names the record: 姓名（会员号 …，身份证 …，部门）."""
        parts = [f"会员号 {self.member_no}" if self.member_no else f"编号 {self.id}"]
        if self.id_number_masked:
            parts.append(f"身份证 {self.id_number_masked}")
        if self.department:
            parts.append(self.department)
        return f"{self.name}（{'，'.join(parts)}）"


def target(db: Database, member_id: int) -> VoidTarget:
    row = audit.get_row(db, "members", member_id)
    masked = mask_value("id_number", row["id_number"]) if row["id_number"] else ""
    return VoidTarget(member_id, row["name"], row["member_no"], str(masked or ""), row["department"], row.get("voided_at"), row.get("void_reason"))


def _columns(db: Database, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"PRAGMA table_info([{table}])")}


def refusals(db: Database, member_id: int) -> list[str]:
    """Why this member cannot be voided (delegate, hardship file), in Chinese; [] if it can."""
    out: list[str] = []
    live = " AND d.voided_at IS NULL" if "voided_at" in _columns(db, "delegates") else ""
    from models.congress import get_term

    terms = [get_term(db, r[0]).name for r in db.execute(
        f"SELECT d.term_id FROM delegates d WHERE d.member_id = ?{live} ORDER BY d.term_id", (member_id,))]
    if terms:
        out.append(f"是{'、'.join(terms)}的职工代表（请先在“职代会”中作废或终止其代表资格）")
    live = " AND voided_at IS NULL" if "voided_at" in _columns(db, "aid_cases") else ""
    files = [r[0] or "未编号" for r in db.execute(f"SELECT file_no FROM aid_cases WHERE member_id = ?{live} ORDER BY id", (member_id,))]
    if files:
        out.append(f"有困难职工档案 {'、'.join(files)}（请先在“困难帮扶”中处理该档案）")
    return out


def dues_on_file(db: Database, member_id: int) -> tuple[int, int]:
    """(count, total fen) of the member's valid dues payments."""
    count, total = db.execute(
        "SELECT count(*), coalesce(sum(amount_fen), 0) FROM dues_payments WHERE member_id = ? AND voided_at IS NULL", (member_id,)
    ).fetchone()
    return count, total


def void_member(db: Database, member_id: int, reason: str, *, void_dues: bool = False, note: str = "") -> None:
    """Void a member entered by mistake (see the module docstring); one transaction.

    Raises ValidationError naming the member and why (delegate, hardship file, already
    voided), or DuesOnFile when dues are on file and void_dues is False.
    """
    reason = check_text("作废原因", reason, key="void_reason", required=True)
    with audit.transaction(db):
        who = target(db, member_id)
        if who.voided_at:
            raise ValidationError("作废", f"{who.describe()}已作废")
        why = refusals(db, member_id)
        if why:
            raise ValidationError("作废", f"{who.describe()}不能作废：{'；'.join(why)}")
        count, total = dues_on_file(db, member_id)
        if count and not void_dues:
            raise DuesOnFile(f"{who.describe()}有 {count} 笔会费记录，合计 {format_money(total)} 元；作废会员将同时作废这些会费记录", count, total)
        for (payment_id,) in db.execute(
            "SELECT id FROM dues_payments WHERE member_id = ? AND voided_at IS NULL ORDER BY id", (member_id,)
        ).fetchall():
            audit.void_row(db, "dues_payments", payment_id, f"会员作废：{reason}")
        for (event_id,) in db.execute(
            "SELECT id FROM membership_events WHERE member_id = ? AND voided_at IS NULL ORDER BY date DESC, id DESC", (member_id,)
        ).fetchall():
            audit.void_row(db, "membership_events", event_id, f"会员作废：{reason}")
        audit.void_row(db, "members", member_id, reason + (f"（{note}）" if note else ""))


def is_voided(db: Database, member_id: int) -> bool:
    row = db.execute("SELECT voided_at FROM members WHERE id = ?", (member_id,)).fetchone()
    if row is None:
        raise audit.NotFound(f"会员不存在（编号 {member_id}）")
    return bool(row[0])


def refuse_if_voided(db: Database, member_id: int) -> None:
    """A write about a voided member (an edit, a membership change, dues) is refused."""
    row = audit.get_row(db, "members", member_id)  # every column: tests build ledgers of older versions
    if row.get("voided_at"):
        raise ValidationError("会员", f"{row['name']}已作废（误录），不能再登记或修改")
