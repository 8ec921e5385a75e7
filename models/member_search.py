"""Search-as-you-type from memory: the live members' search keys in the list's own order.

SQLite answers `search_key LIKE '%王芳%'` by reading every key of an index (15–30 ms at
100,000 members, whatever the match count). Here the keys of one status (or of all) are held
in name order, cut into blocks of about a thousand; a block is looked at only when its
joined text holds the needle (a C-speed `in` over ~60 kB), so the first screenful of any
search costs a few blocks and the rarest match ~2 ms.

What it finds is exactly SQL's: keys are stored lower-case (models.members), the needle is
lower-cased and stripped of spaces like member_list.where_clause, and a needle without a
space lies within one space-free token of a key, so splitting each key at its first space
(the name | all-digit tokens | the others, kept as three texts so ASCII needles scan
one-byte-per-character text and a needle with a letter skips the digits) loses no match; every hit is then confirmed on the whole key. tests/test_member_search.py
checks it against SQL LIKE after random writes, voids, imports and undos.

Kept true without a rebuild: every write of the books leaves audit_log rows naming what it
touched (models/audit.py), so before a search the index reads the audit rows since it last
looked, re-reads only the members they name and moves them to their place. A write that left
no audit row (or touched too many members, or leaves the count different from SQL's) makes
the index rebuild; until it is ready, the list is read from SQL as before.

Built lazily, in steps of a few milliseconds (`build_step`), which the GUI runs between key
presses from the moment the search box is used: no thread, no start-up cost.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from sqlite_utils import Database

BLOCK = 1024
STEP_ROWS = 1000  # rows read per build step: a few ms at 100,000 members on a quiet machine
DENSE = 64  # hits in a block beyond which its keys are scanned one by one
PATCH_LIMIT = 2000  # more members touched than this: rebuild rather than patch
_MEMBER_TABLES = ("membership_events", "member_changes")  # audit rows naming these carry a member_id

SortKey = tuple


def _sort_key(pinyin: str | None, key: str | None, member_id: int) -> SortKey:
    # ORDER BY name_pinyin, search_key, id: NULL first, then text by code point (SQLite's
    # BINARY collation compares UTF-8 bytes, which order as code points do).
    return (pinyin is not None, pinyin or "", key is not None, key or "", member_id)


class _Block:
    """Up to 2×BLOCK members, in order, with their keys' two halves joined for a quick look."""

    __slots__ = ("ids", "pinyin", "keys", "heads", "digits", "others")

    def __init__(self, ids: list[int], pinyin: list[str | None], keys: list[str]) -> None:
        self.ids, self.pinyin, self.keys = ids, pinyin, keys
        self.join()

    def join(self) -> None:
        # Each key's first token (the name), its all-digit tokens (ID, phone, card numbers) and
        # the rest (initials, staff numbers, an ID ending in x), one line per member in each: a
        # needle with a letter in it never has to scan the long runs of digits.
        heads, digits, others = [], [], []
        for k in self.keys:
            head, _, tail = k.partition(" ")
            heads.append(head)
            tokens = tail.split(" ")
            digits.append(" ".join([t for t in tokens if t.isdigit()]))
            others.append(" ".join([t for t in tokens if not t.isdigit()]))
        self.heads = "\n".join(heads)
        self.digits = "\n".join(digits)
        self.others = "\n".join(others)

    def sort_key(self, i: int) -> SortKey:
        return _sort_key(self.pinyin[i], self.keys[i], self.ids[i])

    def last_key(self) -> SortKey:
        return self.sort_key(len(self.ids) - 1)

    def hits(self, needle: str) -> list[int]:
        """Positions (in this block) whose key holds the needle: one pass over the two texts,
        a find per hit; past DENSE hits, one pass over the keys instead."""
        found: list[int] = []
        texts = 0
        for text in (self.heads, self.digits, self.others) if needle.isdigit() else (self.heads, self.others):
            at = text.find(needle)
            if at < 0:
                continue
            texts += 1
            line = last = 0
            while at >= 0:
                line += text.count("\n", last, at)
                found.append(line)
                if len(found) > DENSE:  # most keys match: `in` over each key is cheaper
                    return [i for i, k in enumerate(self.keys) if needle in k]
                last = text.find("\n", at)
                if last < 0:
                    break
                line, last = line + 1, last + 1
                at = text.find(needle, last)
        return sorted(set(found)) if texts > 1 else found


class SearchIndex:
    """The search keys of the live (not voided) members of one status (None: all), in list order."""

    def __init__(self, status: str | None) -> None:
        self.status = status
        self.blocks: list[_Block] = []
        self.ready = False
        self.version = 0  # bumped by every change: a running search over an older one is dropped
        self.seen_audit = 0
        self.stamp: tuple[int, int] | None = None
        self._building: Iterator[bool] | None = None

    def __len__(self) -> int:
        return sum(len(b.ids) for b in self.blocks)

    # ------------------------------------------------------------ reading

    def _where(self) -> tuple[str, tuple]:
        return ("status = ? AND voided_at IS NULL", (self.status,)) if self.status else ("voided_at IS NULL", ())

    def build(self, db: Database) -> Iterator[bool]:
        """Read all keys in list order, STEP_ROWS per step (keyset paging on the covering
        index); yields False after each step and True once ready."""
        self.ready = False
        self.blocks = []
        self.version += 1
        self.seen_audit = _last_audit(db)
        self.stamp = _stamp(db)
        where, params = self._where()
        order = "name_pinyin, search_key, id"
        last: tuple | None = None
        ids: list[int] = []
        pinyin: list[str | None] = []
        keys: list[str] = []
        while True:
            if last is None:
                sql = f"SELECT id, name_pinyin, search_key FROM members WHERE {where} ORDER BY {order} LIMIT {STEP_ROWS}"
                rows = db.execute(sql, params).fetchall()
            else:
                sql = (f"SELECT id, name_pinyin, search_key FROM members WHERE {where} "
                       f"AND (name_pinyin, search_key, id) > (?, ?, ?) ORDER BY {order} LIMIT {STEP_ROWS}")
                rows = db.execute(sql, (*params, *last)).fetchall()
            self._take(rows, ids, pinyin, keys, final=len(rows) < STEP_ROWS)
            if len(rows) < STEP_ROWS:
                break
            last = (rows[-1][1], rows[-1][2], rows[-1][0])
            yield False
        if db.execute(f"SELECT count(*) FROM members WHERE {where}", params).fetchone()[0] != len(self):
            # A NULL pinyin or key (never written by models.members) stops the row-value
            # paging above: such a file is read in one plain query.
            self.blocks = []
            self._take(db.execute(f"SELECT id, name_pinyin, search_key FROM members WHERE {where} ORDER BY {order}", params).fetchall(), ids, pinyin, keys, final=True)
        if _stamp(db) != self.stamp:
            # Written while the steps ran (between them): those members are patched in.
            if not self._catch_up(db):
                yield from self.build(db)
                return
        self.ready = True
        yield True

    def _take(self, rows: list[tuple], ids: list[int], pinyin: list, keys: list[str], *, final: bool) -> None:
        for r in rows:
            ids.append(r[0])
            pinyin.append(r[1])
            keys.append(r[2] or "")
            if len(ids) == BLOCK:
                self.blocks.append(_Block(ids[:], pinyin[:], keys[:]))
                ids.clear(), pinyin.clear(), keys.clear()
        if final and ids:
            self.blocks.append(_Block(ids[:], pinyin[:], keys[:]))
            ids.clear(), pinyin.clear(), keys.clear()

    # ------------------------------------------------------------ searching

    def first(self, needle: str, n: int, descending: bool = False) -> list[int]:
        """The first n ids of the result in list order (a screenful, painted before the rest)."""
        found: list[int] = []
        for b in reversed(self.blocks) if descending else self.blocks:
            hits = b.hits(needle)
            if hits:
                ids = b.ids
                found.extend(ids[i] for i in (reversed(hits) if descending else hits))
                if len(found) >= n:
                    return found[:n]
        return found

    def steps(self, needle: str, descending: bool = False, blocks_per_step: int = 16) -> Iterator[list[int] | None]:
        """The whole result, a few blocks per step (None between steps, the ids at the end):
        a second key pressed meanwhile is handled between two steps. Raises Stale when the
        index changed under it."""
        version = self.version
        found: list[int] = []
        blocks = list(reversed(self.blocks) if descending else self.blocks)
        for start in range(0, len(blocks), blocks_per_step):
            if start:
                yield None
                if self.version != version:
                    raise Stale
            for b in blocks[start : start + blocks_per_step]:
                hits = b.hits(needle)
                if hits:
                    ids = b.ids
                    found.extend(ids[i] for i in (reversed(hits) if descending else hits))
        yield found

    def all(self, needle: str, descending: bool = False) -> list[int]:
        *_, found = self.steps(needle, descending)
        return found  # type: ignore[return-value]

    def ids_in_order(self) -> list[int]:
        return [i for b in self.blocks for i in b.ids]

    # ------------------------------------------------------------ keeping it true

    def current(self, db: Database) -> bool:
        """Bring the index up to date with the file; False if it must be rebuilt."""
        stamp = _stamp(db)
        if stamp == self.stamp:
            return True
        if db.conn.in_transaction:
            return False  # a write under way: SQL sees it, the audit trail does not yet
        return self._catch_up(db)

    def _catch_up(self, db: Database) -> bool:
        stamp = _stamp(db)
        rows = db.execute("SELECT id, table_name, row_id FROM audit_log WHERE id > ? ORDER BY id", (self.seen_audit,)).fetchall()
        if not rows:
            return False  # the file changed without an audit row: nothing tells what
        touched: set[int] = {r[2] for r in rows if r[1] == "members"}
        for table in _MEMBER_TABLES:
            linked = [r[2] for r in rows if r[1] == table]
            for chunk in range(0, len(linked), 500):
                part = linked[chunk : chunk + 500]
                touched.update(m for (m,) in db.execute(f"SELECT member_id FROM [{table}] WHERE id IN ({','.join('?' * len(part))})", part))
        if len(touched) > PATCH_LIMIT:
            return False
        if touched:
            self._patch(db, sorted(touched))
        where, params = self._where()
        if db.execute(f"SELECT count(*) FROM members WHERE {where}", params).fetchone()[0] != len(self):
            return False  # a write the audit rows did not name
        self.seen_audit = rows[-1][0]
        self.stamp = stamp
        return True

    def _patch(self, db: Database, member_ids: list[int]) -> None:
        self.version += 1
        gone = set(member_ids)
        for b in self.blocks:
            if gone.intersection(b.ids):
                keep = [i for i, m in enumerate(b.ids) if m not in gone]
                b.ids, b.pinyin, b.keys = [b.ids[i] for i in keep], [b.pinyin[i] for i in keep], [b.keys[i] for i in keep]
                b.join()
        self.blocks = [b for b in self.blocks if b.ids]
        where, params = self._where()
        marks = ",".join("?" * len(member_ids))
        for member_id, pinyin, key in db.execute(f"SELECT id, name_pinyin, search_key FROM members WHERE {where} AND id IN ({marks})", (*params, *member_ids)):
            self._insert(member_id, pinyin, key or "")

    def _insert(self, member_id: int, pinyin: str | None, key: str) -> None:
        new = _sort_key(pinyin, key, member_id)
        if not self.blocks:
            self.blocks.append(_Block([member_id], [pinyin], [key]))
            return
        # The first block whose last entry sorts after the new one (or the last block).
        at = bisect_left(range(len(self.blocks)), new, key=lambda i: self.blocks[i].last_key())
        b = self.blocks[min(at, len(self.blocks) - 1)]
        i = bisect_left(range(len(b.ids)), new, key=b.sort_key)
        b.ids.insert(i, member_id)
        b.pinyin.insert(i, pinyin)
        b.keys.insert(i, key)
        if len(b.ids) > 2 * BLOCK:
            k = self.blocks.index(b)
            half = len(b.ids) // 2
            self.blocks[k : k + 1] = [_Block(b.ids[:half], b.pinyin[:half], b.keys[:half]), _Block(b.ids[half:], b.pinyin[half:], b.keys[half:])]
        else:
            b.join()


class Stale(Exception):
    """The index changed while a search was being read from it."""


def _stamp(db: Database) -> tuple[int, int]:
    # data_version moves when another connection commits; total_changes with our own writes.
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


def _last_audit(db: Database) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


# The indexes of one connection (sqlite3 connections take no weak reference): another ledger
# opened, or the same file opened again, starts afresh and the old one's memory goes back.
_held: dict[str, object] = {"conn": None, "indexes": {}}


def _indexes(db: Database, make: bool) -> dict[str | None, SearchIndex] | None:
    if _held["conn"] is not db.conn:
        if not make:
            return None
        _held["conn"], _held["indexes"] = db.conn, {}
    return _held["indexes"]  # type: ignore[return-value]


def _index(db: Database, status: str | None) -> SearchIndex:
    per = _indexes(db, True)
    assert per is not None
    if status not in per:
        per[status] = SearchIndex(status)
    return per[status]


def ready_index(db: Database, status: str | None) -> SearchIndex | None:
    """The index for this status filter, up to date, or None (not built yet, or it must be
    rebuilt: build_step then starts over). Never reads all the keys itself."""
    per = _indexes(db, False)
    index = per.get(status) if per else None
    if index is None or not index.ready or index._building is not None:
        return None
    if index.current(db):
        return index
    index.ready = False
    return None


def build_step(db: Database, status: str | None) -> bool:
    """One step (a few ms) of building the index of this status; True once it is ready."""
    index = _index(db, status)
    if index.ready and index._building is None:
        if index.current(db):
            return True
        index.ready = False
    if index._building is None:
        index._building = index.build(db)
    try:
        done = next(index._building)
    except StopIteration:
        done = True
    if done:
        index._building = None
    return done


def drop(db: Database) -> None:
    """Forget this connection's indexes (memory back; tests)."""
    if _held["conn"] is db.conn:
        _held["conn"], _held["indexes"] = None, {}
