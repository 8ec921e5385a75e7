"""The one door to the books: the connection, the clock, transactions and change news.

The GUI and the CLI reach the books through a Ledger (Anki's Collection and
calibre's Cache are the models). Functions of models/ keep taking the database
first, so tests and the CLI call them directly; the Ledger adds what a long-lived
program needs on top:

- `atomic()`: one transaction, and the news of what it changed once committed;
- `today()`: the date from the one clock (models/clock.py);
- change news: listeners get a `Changes` naming the tables and rows written.

Change news is read from the audit trail. Every insert, update and void is
logged there in the same transaction as the change (models/audit.py), so "what
changed since I last looked" is one indexed query on `audit_log.id`. It also
sees writes by another process on the same file (a CLI import while the window
is open), which a hook on our own connection could not.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from models import clock


@dataclass(frozen=True)
class Changes:
    """What was written since the last look: table name → ids of the rows touched."""

    rows: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.rows)

    def touches(self, *tables: str) -> bool:
        return any(t in self.rows for t in tables)

    def __bool__(self) -> bool:
        return bool(self.rows)


Listener = Callable[[Changes], None]


class Ledger:
    """An open ledger file. Not thread-safe: one per thread, like its connection."""

    def __init__(self, db: Database, path: str | os.PathLike, *, read_only: bool = False) -> None:
        self.db = db
        self.path = Path(path)
        self.read_only = read_only
        self._listeners: list[Listener] = []
        self._seen = self._last_audit_id()

    # ------------------------------------------------------------ time

    @staticmethod
    def today() -> str:
        return clock.today_iso()

    # ------------------------------------------------------------ writes

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction; listeners hear what it changed after it commits."""
        outermost = not self.db.conn.in_transaction
        with self.db.atomic():
            yield self.db
        if outermost:
            self.announce()

    # ------------------------------------------------------------ news

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(changes)` after each write; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def poll(self) -> Changes:
        """What was written (by anyone, on this file) since the last poll."""
        if self.db.conn.in_transaction:
            return Changes()
        rows: dict[str, set[int]] = {}
        last = self._seen
        for ident, table, row_id in self.db.execute(
            "SELECT id, table_name, row_id FROM audit_log WHERE id > ? ORDER BY id", (self._seen,)
        ):
            rows.setdefault(table, set()).add(row_id)
            last = ident
        self._seen = last
        return Changes({t: frozenset(ids) for t, ids in rows.items()})

    def announce(self) -> Changes:
        """Poll and tell every listener, if anything changed."""
        changes = self.poll()
        if changes:
            for listener in list(self._listeners):
                listener(changes)
        return changes

    def _last_audit_id(self) -> int:
        row = self.db.execute("SELECT max(id) FROM audit_log").fetchone()
        return row[0] or 0

    # ------------------------------------------------------------ life

    def close(self) -> None:
        self._listeners.clear()
        self.db.close()
