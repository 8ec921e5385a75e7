"""Import batches (导入记录) and undoing a whole import (撤销此次导入).

Each roster import that wrote something is a batch (models.member_import_apply records
it): when, the file's name, rows added and updated, and which members. Undoing a batch,
in one transaction:
- voids the members it added (models.member_void: they leave every list; the change log
  keeps them), and
- restores the fields it updated to the values they had before, read from the audit entry
  of that update (the change log has the old values).
It is refused, naming the member and what happened, when anything touched those members
after the import (an edit, a membership change, dues, a delegate, a later import …):
undoing then would throw that later work away or contradict it. The batch itself is voided
with the reason, so the list shows it as 已撤销.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from models import audit, member_void
from models.validation import ValidationError, check_text

audit.TABLE_LABELS["import_batches"] = "导入记录"
audit.TABLE_LABELS["import_batch_rows"] = "导入记录明细"

# What a later write to a member's records is called in a refusal.
_WHAT = {
    "members": "会员信息被修改",
    "membership_events": "登记了会籍变动",
    "dues_payments": "登记了会费",
    "member_changes": "登记了信息变动",
    "delegates": "被选为职工代表",
    "aid_cases": "建立了困难职工档案",
}


@dataclass
class Batch:
    id: int
    file_name: str
    added: int
    updated: int
    created_at: str
    voided_at: str | None
    void_reason: str | None

    @property
    def state(self) -> str:
        return "已撤销" if self.voided_at else "有效"


def batches(db: Database) -> list[Batch]:
    """Every import batch, newest first."""
    return [Batch(**r) for r in db.query("SELECT * FROM import_batches ORDER BY id DESC")]


def get_batch(db: Database, batch_id: int) -> Batch:
    return Batch(**audit.get_row(db, "import_batches", batch_id))


def _marker(db: Database, batch_id: int) -> int:
    """The audit entry that recorded the batch: the end of the import."""
    row = db.execute(
        "SELECT id FROM audit_log WHERE table_name = 'import_batches' AND row_id = ? AND action = 'insert'", (batch_id,)
    ).fetchone()
    if row is None:
        raise audit.NotFound(f"导入记录不存在（编号 {batch_id}）")
    return row[0]


def later_edits(db: Database, batch_id: int, limit: int = 5) -> list[str]:
    """What touched the batch's members after the import, in Chinese (the first `limit`)."""
    rows = db.execute("SELECT member_id FROM import_batch_rows WHERE batch_id = ?", (batch_id,)).fetchall()
    ids = {r[0] for r in rows}
    names = {mid: (name, dept) for mid, name, dept in db.execute(
        "SELECT m.id, m.name, m.department FROM members m JOIN import_batch_rows b ON b.member_id = m.id WHERE b.batch_id = ?", (batch_id,))}
    out: list[str] = []
    seen: set[tuple[int, str]] = set()
    for table, row_id, at, member_id in db.execute(
        """SELECT table_name, row_id, at, json_extract(after, '$.member_id') FROM audit_log
           WHERE id > ? AND table_name <> 'import_batch_rows' AND (table_name = 'members' OR json_valid(after)) ORDER BY id""",
        (_marker(db, batch_id),),
    ):
        mid = row_id if table == "members" else member_id
        if mid not in ids or (mid, table) in seen:
            continue
        seen.add((mid, table))
        name, dept = names[mid]
        out.append(f"{name}{f'（{dept}）' if dept else ''}在导入之后{_WHAT.get(table, '有新的记录')}（{at[:10]}）")
        if len(out) >= limit:
            break
    return out


def undo_batch(db: Database, batch_id: int, reason: str) -> dict[str, int]:
    """Undo a whole import (see the module docstring); returns {"voided": n, "restored": n}.

    Refused with a named reason (ValidationError) when it was undone already or when a
    later edit touched its members; then nothing changes.
    """
    reason = check_text("撤销原因", reason, key="void_reason", required=True)
    with db.atomic():
        batch = get_batch(db, batch_id)
        if batch.voided_at:
            raise ValidationError("撤销导入", f"导入记录 {batch_id}（{batch.file_name}）已于 {batch.voided_at[:10]} 撤销")
        later = later_edits(db, batch_id)
        if later:
            raise ValidationError("撤销导入", "不能撤销：" + "；".join(later) + "。请先处理这些修改（或逐个更正）")
        counts = {"voided": 0, "restored": 0}
        rows = db.execute(
            "SELECT member_id, action, audit_id FROM import_batch_rows WHERE batch_id = ? ORDER BY id DESC", (batch_id,)
        ).fetchall()
        for member_id, action, audit_id in rows:
            if action == "add":
                member_void.void_member(db, member_id, f"撤销导入：{reason}", note=f"导入记录 {batch_id}，{batch.file_name}")
                counts["voided"] += 1
            else:
                _restore(db, member_id, audit_id, f"撤销导入（导入记录 {batch_id}，{batch.file_name}）：{reason}")
                counts["restored"] += 1
        audit.void_row(db, "import_batches", batch_id, reason)
    return counts


def _restore(db: Database, member_id: int, audit_id: int, note: str) -> None:
    row = db.execute("SELECT before FROM audit_log WHERE id = ? AND table_name = 'members' AND row_id = ?", (audit_id, member_id)).fetchone()
    if row is None or not row[0]:
        raise ValidationError("撤销导入", f"找不到会员（编号 {member_id}）导入前的值，无法撤销")
    before = {k: v for k, v in json.loads(row[0]).items() if k not in ("updated_at", "id", "voided_at", "void_reason")}
    before["updated_at"] = audit.now()
    audit.update_row(db, "members", member_id, before, note=note)
