"""Writing records with an audit trail: every insert, update, void and delete is logged.

Domain modules write through insert_row / insert_rows / update_row / void_row /
delete_row so the log entry (table, row, before/after as JSON, time) lands in the
same transaction as the change. Call them inside `db.atomic()`; they open one
themselves otherwise. What has no row of its own is logged with log_change (a
setting: {key: value}) or log_event (something done to the ledger as a whole).
The trail itself is append-only: the file refuses any change or deletion of it.

Being the one door every write passes, this is also where each value is checked
against its column (models.field_rules): no control characters, no oversized
text, no bool or NaN for a number, no year 9999. A constraint SQLite still
refuses becomes a ValidationError in Chinese instead of an English IntegrityError.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator

from sqlite_utils import Database

from models import clock, field_rules


class NotFound(LookupError):
    """No record with that id; the message is Chinese."""


# What each table holds, for messages; domain modules add their tables here.
TABLE_LABELS: dict[str, str] = {
    "org_profile": "组织信息",
    "members": "会员",
    "membership_events": "会籍变动记录",
    "dues_payments": "会费记录",
    "org_workforce": "职工人数",
    "app_settings": "设置",
    "database": "数据文件",
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
    """This moment by the ledger's clock: audit stamps and created_at follow it, so a
    test (or a chair back-filling last year's books) sees one consistent time."""
    return clock.now_iso()


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


def _refused(table: str, exc: sqlite3.IntegrityError) -> Exception:
    """A constraint SQLite refused, as a ValidationError naming the field where it can."""
    from models.validation import ValidationError

    text = str(exc)
    what = TABLE_LABELS.get(table, "记录")
    if re.search(r"[\u4e00-\u9fff]", text):  # a trigger's own Chinese message
        named = re.fullmatch(r"([^：]{1,30})：(.+)", text, re.S)  # "性别：不在可选范围内…" names its field
        if named:
            return ValidationError(named.group(1), named.group(2), key=_column_named(table, named.group(1)))
        return ValidationError(what, text)
    column = re.search(r"(?:NOT NULL|UNIQUE) constraint failed: \w+\.(\w+)", text)
    if column:
        name = field_rules.label(table, column.group(1))
        if text.startswith("NOT NULL"):
            return ValidationError(name, "不能为空", key=column.group(1))
        return ValidationError(name, "已存在相同的记录，不能重复", key=column.group(1))
    if "FOREIGN KEY" in text:
        return ValidationError(what, "关联的记录不存在（可能已被删除），请刷新后重试")
    check = re.search(r"CHECK constraint failed: (.*)", text)
    if check:
        names = [c for c in re.findall(r"[a-z_]+", check.group(1)) if c not in ("is", "null", "or", "and", "not", "in")]
        if names:
            return ValidationError(field_rules.label(table, names[0]), "不符合要求，请核对", key=names[0])
    return ValidationError(what, "数据不符合要求，未保存")


def _column_named(table: str, label: str) -> str | None:
    from models.coded_columns import COLUMN_CODES

    return next((c for t, c in COLUMN_CODES if t == table and field_rules.label(t, c) == label), None)


def insert_row(db: Database, table: str, values: dict[str, Any]) -> int:
    """Insert one row and log its initial values (as stored, defaults included); returns the new id."""
    values = field_rules.check_row(db, table, values)
    with transaction(db):
        columns = ", ".join(f"[{k}]" for k in values)
        marks = ", ".join("?" for _ in values)
        try:
            cursor = db.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks}) RETURNING *", tuple(values.values()))
        except sqlite3.IntegrityError as exc:
            raise _refused(table, exc) from exc
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
    # The column checks are looked up once per batch; each value then costs a call.
    checks = list(zip(field_rules.checks_for(db, table, columns), columns))
    params = [tuple(check(r[c]) for check, c in checks) for r in rows]
    with transaction(db):
        first = db.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]
        try:
            db.conn.executemany(
                f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})",
                params,
            )
        except sqlite3.IntegrityError as exc:
            raise _refused(table, exc) from exc
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
    values = field_rules.check_row(db, table, values)
    with transaction(db):
        before = get_row(db, table, row_id)
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return False
        sets = ", ".join(f"[{k}] = ?" for k in changed)
        try:
            db.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?", (*changed.values(), row_id))
        except sqlite3.IntegrityError as exc:
            raise _refused(table, exc) from exc
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
    from models.validation import ValidationError, check_text

    longest, multiline = field_rules.text_rule(table, "void_reason")
    reason = check_text("作废原因", reason, key="void_reason", longest=longest, multiline=multiline, required=True)
    with transaction(db):
        before = get_row(db, table, row_id)
        if before.get("voided_at"):
            raise ValidationError("作废", "该记录已作废")
        db.execute(f"UPDATE [{table}] SET voided_at = ?, void_reason = ? WHERE id = ?", (now(), reason, row_id))
        after = get_row(db, table, row_id)
        _log(db, table, row_id, "void", {"voided_at": None}, {"voided_at": after["voided_at"], "void_reason": reason}, reason)


def delete_row(db: Database, table: str, row_id: int, note: str = "") -> None:
    """Remove a record entered by mistake, logging everything it held.

    Only for records nothing refers to and that carry no legal or financial weight
    (those are voided); the table's own triggers refuse the rest.
    """
    with transaction(db):
        before = get_row(db, table, row_id)
        try:
            db.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
        except sqlite3.IntegrityError as exc:
            raise _refused(table, exc) from exc
        _log(db, table, row_id, "delete", before, None, note)


def log_change(db: Database, table: str, row_id: int, before: dict | None, after: dict, note: str = "") -> None:
    """Log a change of something without an id column of its own (a setting: row 0, {key: value}).

    The caller wrote it in the same transaction; Ledger.poll announces it like any write.
    """
    _log(db, table, row_id, "update", before, after, note)


def log_event(db: Database, table: str, row_id: int, note: str, *, details: dict | None = None) -> None:
    """Log something done to the ledger rather than to a record (a restore from a backup).

    `note` says what, in Chinese, for the person reading the trail; `details` are kept as JSON.
    """
    from models.validation import check_text

    note = check_text("说明", note, key="note", longest=field_rules.NOTE, multiline=True, required=True)
    with transaction(db):
        _log(db, table, row_id, "event", None, details, note)


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
