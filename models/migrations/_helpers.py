"""Helpers every migration uses; they must not change behaviour once a migration has shipped."""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database


def _run(db: Database, script: str) -> None:
    """Execute a script statement by statement inside the caller's transaction.

    (sqlite3's executescript() would commit first, breaking the one-transaction rule.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def _log(db: Database, table: str, row_id: int, action: str, values: dict, at: str, note: str) -> None:
    """An audit entry written by a migration (models/audit.py may change; this must not)."""
    db.execute(
        "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, ?, ?, ?, NULL, ?, ?)",
        (at, table, row_id, action, json.dumps(values, ensure_ascii=False), note),
    )



# ---------------------------------------------------------------- coded columns (see models/coded_columns.py)

# (table, column, Chinese label, '' allowed, accepted codes, holds a JSON list of codes)
CodedColumn = tuple[str, str, str, bool, tuple[str, ...], bool]

CODE_MESSAGE = "{label}：不在可选范围内，请从列表中选择"
LIST_MESSAGE = "{label}：含有不在可选范围内的项目，请从列表中选择"


def code_checks(db: Database, columns: list[CodedColumn]) -> None:
    """Accept only listed codes in each column: rows in column_codes and two triggers.

    The triggers fire before an insert and before an update that changes the value
    (an old row holding an unknown code can still be voided); NULL is left to the
    column's NOT NULL. Re-running for a column replaces its triggers and adds codes.
    """
    _run(
        db,
        """
CREATE TABLE IF NOT EXISTS column_codes (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (table_name, column_name, code)
) WITHOUT ROWID
""",
    )
    for table, column, label, blank, codes, is_list in columns:
        add_codes(db, table, column, [""] * blank + list(codes))
        lookup = f"SELECT 1 FROM column_codes c WHERE c.table_name = {_quote(table)} AND c.column_name = {_quote(column)} AND c.code = "
        if is_list:
            # Not a JSON array at all, or an item that is not a listed code. (CASE evaluates
            # lazily: json_each never sees malformed text.)
            bad = (
                f"CASE WHEN json_valid(NEW.[{column}]) AND json_type(NEW.[{column}]) = 'array'"
                f" THEN EXISTS (SELECT 1 FROM json_each(NEW.[{column}]) j WHERE j.type <> 'text' OR NOT EXISTS ({lookup}j.value))"
                " ELSE 1 END"
            )
            message = LIST_MESSAGE.format(label=label)
        else:
            bad = f"NOT EXISTS ({lookup}NEW.[{column}])"
            message = CODE_MESSAGE.format(label=label)
        for event, when in (
            ("insert", f"BEFORE INSERT ON [{table}] WHEN NEW.[{column}] IS NOT NULL AND {bad}"),
            ("update", f"BEFORE UPDATE OF [{column}] ON [{table}] WHEN NEW.[{column}] IS NOT NULL AND NEW.[{column}] IS NOT OLD.[{column}] AND {bad}"),
        ):
            name = f"[{table}_{column}_code_{event}]"
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
            db.execute(f"CREATE TRIGGER {name} {when}\nBEGIN SELECT RAISE(ABORT, {_quote(message)}); END")


def add_codes(db: Database, table: str, column: str, codes: list[str]) -> None:
    """Codes a coded column accepts from now on (a list that grew)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO column_codes (table_name, column_name, code) VALUES (?, ?, ?)", [(table, column, c) for c in codes]
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
