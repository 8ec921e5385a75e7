"""Reading a long, filtered and sorted list a block at a time.

The filter and sort run in SQL once, keeping only the ids in order (100,000 ints
are a few MB); rows are then read by position, a block of ids at a time, so the
first screen and the last one cost the same. A table model on screen asks
`row(i)`; nothing here knows about Qt.
"""

from __future__ import annotations

import time
from typing import Any, Sequence

from sqlite_utils import Database

BLOCK = 200


class PagedRows:
    def __init__(
        self,
        db: Database,
        *,
        table: str,
        columns: Sequence[str],
        where: str = "",
        params: Sequence[Any] = (),
        order_by: str = "id",
        block: int = BLOCK,
        first: int | None = None,
    ) -> None:
        self.db = db
        self.table = table
        self.columns = list(columns)
        self.block = block
        clause = f" WHERE {where}" if where else ""
        self._ids_sql = f"SELECT id FROM [{table}]{clause} ORDER BY {order_by}"
        self._params = tuple(params)
        # With `first`, only the first screenfuls are read now (an ordered index scan
        # stops early); load_rest() reads the others once the first paint is done.
        limit = f" LIMIT {int(first)}" if first else ""
        self.ids: list[int] = [r[0] for r in db.execute(self._ids_sql + limit, self._params)]
        self.complete = not first or len(self.ids) < first
        self._steps = None
        self._blocks: dict[int, list[tuple]] = {}
        self._select = f"SELECT {', '.join(self.columns)} FROM [{table}] WHERE id IN "

    @classmethod
    def of_search(
        cls,
        db: Database,
        *,
        table: str,
        columns: Sequence[str],
        where: str,
        params: Sequence[Any],
        order_by: str,
        index: Any,
        needle: str,
        descending: bool = False,
        first: int | None = None,
        block: int = BLOCK,
    ) -> "PagedRows":
        """A list whose ids an in-memory search index finds (models.member_search), in the
        order the SQL `where`/`order_by` would give them; the SQL remains the fallback should
        the index change before the rest is read."""
        paged = cls.__new__(cls)
        paged.db, paged.table, paged.columns, paged.block = db, table, list(columns), block
        clause = f" WHERE {where}" if where else ""
        paged._ids_sql = f"SELECT id FROM [{table}]{clause} ORDER BY {order_by}"
        paged._params = tuple(params)
        paged._blocks = {}
        paged._select = f"SELECT {', '.join(paged.columns)} FROM [{table}] WHERE id IN "
        if first:
            paged.ids = index.first(needle, first, descending)
            paged.complete = len(paged.ids) < first
            paged._steps = None if paged.complete else index.steps(needle, descending)
        else:
            paged.ids = index.all(needle, descending)
            paged.complete, paged._steps = True, None
        return paged

    def more_ids(self, budget_s: float = 0.004) -> list[int] | None:
        """The whole list of ids once read, else None (call again): a search from memory
        reads it a few milliseconds at a time, so a key pressed meanwhile is not kept waiting."""
        steps = getattr(self, "_steps", None)
        if steps is None:
            return self.read_all_ids()
        from models.member_search import Stale

        until = time.perf_counter() + budget_s
        try:
            while True:
                found = next(steps)
                if found is not None:
                    self._steps = None
                    return found
                if time.perf_counter() > until:
                    return None
        except Stale:  # a write moved the index: SQL reads the list as it is now
            self._steps = None
            return self.read_all_ids()

    def __len__(self) -> int:
        return len(self.ids)

    def read_all_ids(self) -> list[int]:
        """The whole list of ids, in the same order (so the first rows stay put)."""
        return [r[0] for r in self.db.execute(self._ids_sql, self._params)]

    def extend_to(self, ids: list[int]) -> None:
        self.ids = ids
        self.complete = True

    def load_rest(self) -> int:
        """Read the rest of a list opened with `first`; returns the rows added."""
        if self.complete:
            return 0
        before = len(self.ids)
        ids = None
        while ids is None:
            ids = self.more_ids(1.0)
        self.extend_to(ids)
        return len(self.ids) - before

    def row(self, index: int) -> tuple:
        """The row at a position of the sorted list (columns in the order given)."""
        number = index // self.block
        rows = self._blocks.get(number)
        if rows is None:
            rows = self._load(number)
        return rows[index - number * self.block]

    def id_at(self, index: int) -> int:
        return self.ids[index]

    def index_of(self, row_id: int) -> int:
        """Position of a record in the list, -1 if it is filtered out."""
        try:
            return self.ids.index(row_id)
        except ValueError:
            return -1

    def invalidate(self) -> None:
        """Forget cached rows (after an edit), keeping the order."""
        self._blocks.clear()

    def _load(self, number: int) -> list[tuple]:
        ids = self.ids[number * self.block : (number + 1) * self.block]
        if "id" in self.columns:
            id_pos = self.columns.index("id")
            extra = ""
        else:
            id_pos = len(self.columns)
            extra = ", id"
        sql = self._select.replace(" FROM ", f"{extra} FROM ", 1) + f"({','.join('?' * len(ids))})"
        by_id = {r[id_pos]: r for r in self.db.execute(sql, ids)}
        width = len(self.columns)
        # A row deleted since the snapshot reads as empty rather than shifting the list.
        rows = [by_id.get(i, (None,) * (width + (1 if extra else 0)))[:width] for i in ids]
        if len(self._blocks) > 64:  # keep memory flat when scrolling through everything
            self._blocks.clear()
        self._blocks[number] = rows
        return rows
