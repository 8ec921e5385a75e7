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

