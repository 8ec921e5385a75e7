"""Writing a checked import (models.member_import.plan_import) and recording it as a batch.

Split from member_import.py along its one seam: that module reads and checks a roster
and writes nothing; this one writes the plan, in one transaction, and records the batch
(import_batches: when, file, rows added/updated; import_batch_rows: which members, and
for an update the audit entry holding the values it replaced), so the whole import can be
undone (models.import_batches).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from models import audit, members
from models.member_import import ImportPlan, PlannedRow, long_lived_kept_out_of_gc
from models.members import LABELS
from models.tasks import EVERY, ProgressFn, Ticker
from models.validation import DuplicateError, ValidationError

# Columns derived from the editable fields, kept in step when a field they use changes.
_DERIVED_COLUMNS = ("name_pinyin", "name_initials", "search_key")


def apply_import(db: Database, plan: ImportPlan, progress: ProgressFn = None) -> dict[str, int]:
    """Write every valid row of the plan in one transaction; returns the counts.

    "updated" counts members written, "unchanged" those the file leaves as they are
    now, "overwritten" the updated members of whom the file replaced a field that
    someone changed after the dry run (see models.member_import's docstring);
    "batch" is the id of the recorded batch (None when nothing was written).
    """
    counts: dict = {"added": 0, "updated": 0, "unchanged": 0, "overwritten": 0, "batch": None}
    done: list[dict] = []  # the batch's rows: who was added or updated, from which row
    ticker = Ticker(progress, total=len(plan.rows))
    chunk = EVERY  # rows a statement; also how often 取消 is looked at
    source = Path(plan.path).name
    with long_lived_kept_out_of_gc() as set_aside, db.atomic():
        set_aside()  # the plan: alive throughout
        new = [r for r in plan.rows if r.action == "add"]
        for start in range(0, len(new), chunk):
            part = new[start : start + chunk]
            try:
                ids = members.add_members(db, [r.member for r in part])
            except DuplicateError as exc:  # registered by someone else since the dry run
                row = next(r.row for r in part if members.find_by_id_number(db, r.member.id_number))
                raise ValidationError(exc.field, f"第 {row} 行：{exc.message}", key=exc.key) from None
            _add_events(db, [(i, r) for i, r in zip(ids, part) if r.event], source)
            done += [{"member_id": i, "action": "add", "row_no": r.row, "audit_id": None} for i, r in zip(ids, part)]
            counts["added"] += len(part)
            ticker.step(len(part))
        for r in plan.rows:
            if r.action == "add":
                continue
            outcome = _apply_update(db, r, source) if r.action == "update" else "unchanged"
            counts["updated" if outcome != "unchanged" else "unchanged"] += 1
            counts["overwritten"] += outcome == "overwritten"
            if outcome != "unchanged":
                # The update's audit entry holds the values it replaced: what an undo restores.
                logged = db.execute(
                    "SELECT max(id) FROM audit_log WHERE table_name = 'members' AND row_id = ? AND action = 'update'", (r.existing_id,)
                ).fetchone()[0]
                done.append({"member_id": r.existing_id, "action": "update", "row_no": r.row, "audit_id": logged})
            ticker.step()
        counts["batch"] = _record_batch(db, source, counts, done, ticker)
        ticker.finish()
    return counts


def _record_batch(db: Database, source: str, counts: dict, done: list[dict], ticker: Ticker) -> int | None:
    """The import as one batch (models.import_batches undoes it); its insert in the audit
    trail marks the end of the import: what touches its members after it is a later edit.
    Its rows are written a chunk at a time, looking at 取消 between chunks (100,000 of
    them, with their audit entries, are a second of work)."""
    if not done:
        return None
    stamp = audit.now()
    batch = audit.insert_row(
        db, "import_batches", {"file_name": source, "added": counts["added"], "updated": counts["updated"], "created_at": stamp}
    )
    for start in range(0, len(done), 5 * EVERY):
        ticker.check()
        audit.insert_rows(db, "import_batch_rows", [{"batch_id": batch, **row} for row in done[start : start + 5 * EVERY]])
    return batch


def _add_events(db: Database, added: list[tuple[int, PlannedRow]], source: str) -> None:
    """New members' changes after 入会 (保留会籍, 转出, 退会 …): their status as the file has it."""
    if not added:
        return
    stamp = audit.now()
    audit.insert_rows(
        db,
        "membership_events",
        [
            {**r.event, "member_id": member_id, "note": f"导入花名册 {source} 第 {r.row} 行", "created_at": stamp}
            for member_id, r in added
            if r.event
        ],
    )


def _apply_update(db: Database, r: PlannedRow, source: str) -> str:
    """Write the fields row r changes that still differ now; 'updated', 'overwritten' or 'unchanged'.

    Runs inside apply_import's transaction, so what it reads is what it writes over.
    """
    try:
        current = members.get_member(db, r.existing_id)
    except audit.NotFound:
        raise ValidationError("", f"第 {r.row} 行：会员“{r.member.name}”在检查之后已被删除，请重新检查文件后再导入") from None
    if current.id_number != r.member.id_number:
        raise ValidationError(
            LABELS["id_number"],
            f"第 {r.row} 行：会员“{current.name}”的身份证号在检查之后被修改，请重新检查文件后再导入",
            key="id_number",
        )
    writes: dict[str, object] = {}
    overwritten: list[str] = []
    for key in r.changed:
        new, now = getattr(r.member, key), getattr(current, key)
        if now == new:
            continue
        if now != r.base[key]:
            overwritten.append(key)
        writes[key] = new
    if not writes:
        return "unchanged"
    try:
        merged = members.validate(replace(current, **writes))
    except ValidationError as exc:  # only a change made since the dry run can make this fail
        raise ValidationError(exc.field, f"第 {r.row} 行：{exc.message}", key=exc.key) from None
    stored = members._row_values(merged)
    values = {k: stored[k] for k in (*writes, *_DERIVED_COLUMNS)}
    values["updated_at"] = audit.now()
    note = f"导入花名册 {source} 第 {r.row} 行"
    if overwritten:
        note += "；覆盖了检查之后所做的修改：" + "、".join(LABELS.get(k, k) for k in overwritten)
    audit.update_row(db, "members", current.id, values, note=note)
    return "overwritten" if overwritten else "updated"


