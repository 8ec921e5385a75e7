"""Writing records with an audit trail: every insert, update and void is logged.

Domain modules write through insert_row / update_row / void_row so the log entry
(table, row, before/after as JSON, time) lands in the same transaction as the
change. Call them inside `db.atomic()`; they open one themselves otherwise.
"""

from __future__ import annotations

import datetime as _dt
import json
from contextlib import contextmanager
from typing import Any, Iterator

from sqlite_utils import Database


class NotFound(LookupError):
    """No record with that id; the message is Chinese."""


# What each table holds, for messages; domain modules add their tables here.
TABLE_LABELS: dict[str, str] = {
    "org_profile": "组织信息",
    "members": "会员",
    "membership_events": "会籍变动记录",
    "dues_payments": "会费记录",
}


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """Join the caller's transaction, or open one (db.atomic()) if there is none.

    Unlike nested atomic() blocks this sets no savepoint: a failure propagates and
    the outermost transaction rolls everything back. It keeps bulk writes (an
    import of 10,000 members) from paying two extra statements per record.
    """
    if db.conn.in_transaction:
        yield
    else:
        with db.atomic():
            yield


def now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


def _log(db: Database, table: str, row_id: int, action: str, before: dict | None, after: dict | None, note: str = "") -> None:
    db.conn.execute(
        "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            now(),
            table,
            row_id,
            action,
            json.dumps(before, ensure_ascii=False) if before is not None else None,
            json.dumps(after, ensure_ascii=False) if after is not None else None,
            note,
        ),
    )


def get_row(db: Database, table: str, row_id: int) -> dict[str, Any]:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    row = cursor.fetchone()
    if row is None:
        raise NotFound(f"{TABLE_LABELS.get(table, '记录')}不存在（编号 {row_id}）")
    return dict(zip((c[0] for c in cursor.description), row))


def insert_row(db: Database, table: str, values: dict[str, Any]) -> int:
    """Insert one row and log its initial values (as stored, defaults included); returns the new id."""
    with transaction(db):
        columns = ", ".join(f"[{k}]" for k in values)
        marks = ", ".join("?" for _ in values)
        cursor = db.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks}) RETURNING *", tuple(values.values()))
        row = dict(zip((c[0] for c in cursor.description), cursor.fetchone()))
        cursor.close()
        _log(db, table, row["id"], "insert", None, row)
    return row["id"]


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows with the same columns, each logged with its stored values.

    One executemany for the rows and one for the log: an import of 10,000 members
    costs a few statements instead of 30,000. Inside our write transaction new
    ids follow max(id) one by one, which is checked before anything is logged.
    """
    if not rows:
        return []
    columns = list(rows[0])
    with transaction(db):
        first = db.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]
        db.conn.executemany(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})",
            [tuple(r[c] for c in columns) for r in rows],
        )
        last = first + len(rows) - 1
        cursor = db.conn.execute(f"SELECT * FROM [{table}] WHERE id BETWEEN ? AND ? ORDER BY id", (first, last))
        names = [c[0] for c in cursor.description]
        stored = [dict(zip(names, r)) for r in cursor]
        if len(stored) != len(rows) or stored[-1]["id"] != last:
            raise RuntimeError(f"{table}: new ids are not consecutive")
        stamp = now()
        db.conn.executemany(
            "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, ?, ?, 'insert', NULL, ?, '')",
            [(stamp, table, r["id"], json.dumps(r, ensure_ascii=False)) for r in stored],
        )
    return list(range(first, last + 1))


def update_row(db: Database, table: str, row_id: int, values: dict[str, Any], note: str = "") -> bool:
    """Update the given columns; logs only the columns that changed.

    Returns False (and writes nothing) when nothing changed.
    """
    with transaction(db):
        before = get_row(db, table, row_id)
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return False
        sets = ", ".join(f"[{k}] = ?" for k in changed)
        db.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?", (*changed.values(), row_id))
        after = get_row(db, table, row_id)
        diff_keys = [k for k in after if before.get(k) != after.get(k)]
        _log(
            db,
            table,
            row_id,
            "update",
            {k: before.get(k) for k in diff_keys},
            {k: after.get(k) for k in diff_keys},
            note,
        )
    return True


def void_row(db: Database, table: str, row_id: int, reason: str) -> None:
    """Mark a record void (voided_at, void_reason); it stays in the books."""
    from models.validation import ValidationError

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("作废原因", "不能为空")
    with transaction(db):
        before = get_row(db, table, row_id)
        if before.get("voided_at"):
            raise ValidationError("作废", "该记录已作废")
        db.execute(f"UPDATE [{table}] SET voided_at = ?, void_reason = ? WHERE id = ?", (now(), reason, row_id))
        after = get_row(db, table, row_id)
        _log(db, table, row_id, "void", {"voided_at": None}, {"voided_at": after["voided_at"], "void_reason": reason}, reason)


def history(db: Database, table: str, row_id: int) -> list[dict[str, Any]]:
    """The audit entries of one record, oldest first, JSON decoded."""
    out = []
    for row in db.query(
        "SELECT id, at, action, before, after, note FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id",
        (table, row_id),
    ):
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
        out.append(row)
    return out
