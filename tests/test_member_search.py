"""The in-memory member search (models.member_search) finds exactly what SQL's LIKE finds, in
the same order, whatever was written since it was built: edits, renames, status changes,
voids, imports and their undo, another connection's writes, even a write with no audit row."""

from __future__ import annotations

import random
import sqlite3

import pytest

from models import clock, import_batches, member_search, membership
from models.db import connect, open_database
from models.demo import fill_demo
from models.member_import import apply_import, plan_import
from models.member_list import MemberFilter, list_members, order_clause, where_clause
from models import member_void
from models.member_void import void_member
from models.members import add_member, get_member, update_member
from tests.conftest import make_id, member
from tests.test_import_friction import xlsx

STATUSES = (None, "active", "retained", "left")


def sql_ids(db, f: MemberFilter) -> list[int]:
    where, params = where_clause(f)
    return [r[0] for r in db.execute(f"SELECT id FROM members WHERE {where} ORDER BY {order_clause(f)}", params)]


def build(db, status) -> None:
    steps = 0
    while not member_search.build_step(db, status):
        steps += 1
        assert steps < 10_000


def queries(db, rnd: random.Random, n: int) -> list[str]:
    """Random pieces of real keys (names, initials, ID and phone digits, card numbers), some
    upper-cased or spaced as typed, and a few that find nobody."""
    keys = [r[0] for r in db.execute("SELECT search_key FROM members ORDER BY random() LIMIT 50")]
    out = ["王", "zw", "ZW", "x", "1", "没有这个人", "%", "_", " 王 ", "a b"]
    for _ in range(n):
        key = rnd.choice(keys)
        start = rnd.randrange(len(key))
        piece = key[start : start + rnd.randint(1, 8)]
        out.append(piece.upper() if rnd.random() < 0.2 else piece)
    return out


def assert_same(db, texts: list[str]) -> None:
    """Every query, every status filter, both directions, first screenful and whole list."""
    for status in STATUSES:
        build(db, status)
        assert member_search.ready_index(db, status) is not None
        for text in texts:
            for descending in (False, True):
                f = MemberFilter(text=text, status=status, descending=descending)
                expected = sql_ids(db, f)
                assert list_members(db, f, ["name"]).ids == expected, (text, status, descending)
                part = list_members(db, f, ["name"], first=7)
                assert part.ids == expected[:7], (text, status, descending)
                part.load_rest()
                assert part.ids == expected, (text, status, descending)


@pytest.fixture(autouse=True)
def _small_blocks(monkeypatch):
    """Blocks of a few members and steps of a few dozen rows: a 300-member ledger then has
    the splits, merges and multi-step builds of a 100,000-member one."""
    monkeypatch.setattr(member_search, "BLOCK", 8)
    monkeypatch.setattr(member_search, "STEP_ROWS", 50)
    monkeypatch.setattr(member_search, "DENSE", 3)


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.db"
    db = open_database(path)
    fill_demo(db, 300, seed=5)
    yield db, path
    member_search.drop(db)
    db.close()


def test_the_index_answers_only_once_built(ledger):
    db, _ = ledger
    f = MemberFilter(text="王", status="active")
    assert member_search.ready_index(db, "active") is None  # nothing read at start
    assert list_members(db, f).ids == sql_ids(db, f)  # SQL meanwhile
    build(db, "active")
    index = member_search.ready_index(db, "active")
    assert index is not None and len(index) == len(sql_ids(db, MemberFilter(status="active")))
    assert index.ids_in_order() == sql_ids(db, MemberFilter(status="active"))


def test_the_index_equals_sql_after_random_writes(ledger, tmp_path):
    db, path = ledger
    rnd = random.Random(14)
    assert_same(db, queries(db, rnd, 25))
    today = clock.today_iso()
    if True:
        for round_ in range(6):
            ids = [r[0] for r in db.execute("SELECT id FROM members WHERE voided_at IS NULL")]
            for k in range(8):  # renames, new phones and numbers: keys move in the order
                m = get_member(db, rnd.choice(ids))
                m.name = rnd.choice(["王芳", "欧阳明", "张伟", "艾丽", "赵子龙"]) + "甲乙丙"[k % 3]
                m.phone = f"139{rnd.randrange(10**8):08d}"
                update_member(db, m)
            added = add_member(db, member("王芳芳", id_number=make_id("19910101", seq=round_ + 100), phone="13712345678"))
            active = [r[0] for r in db.execute("SELECT id FROM members WHERE status = 'active' AND voided_at IS NULL")]
            membership.record_event(db, rnd.choice(active), "retain", today, reason="retired")
            membership.record_event(db, rnd.choice(active), "withdraw", today, reason="own_request")
            voidable = [i for i in ids if i != added and not member_void.refusals(db, i)]
            void_member(db, rnd.choice(voidable), "误录", void_dues=True)
            if round_ == 2:  # an import adds and updates members; then it is undone
                rows = [["姓名", "身份证号", "部门", "手机号码", "入会时间"]]
                rows += [[f"王导入{i}", make_id("19800101", seq=200 + i), "生产部", "", "2012-07-01"] for i in range(12)]
                result = apply_import(db, plan_import(db, xlsx(tmp_path / "r.xlsx", rows)))
                assert_same(db, ["王导入", "导入1", "1"])
                import_batches.undo_batch(db, result["batch"], "导错了")
            if round_ == 3:  # another connection (a CLI import, another window) writes
                other = connect(path)
                add_member(other, member("欧阳别处", id_number=make_id("19750505", seq=300)))
                other.close()
            if round_ == 4:
                # A write with no audit row (against the rule of models/audit.py, but a file
                # can be written by anything): alone since the last look, nothing names what
                # changed, so the index is rebuilt rather than trusted.
                assert_same(db, ["王"])
                db.execute("UPDATE members SET search_key = search_key || ' zzqq' WHERE id = ?", (ids[0],))
                db.conn.commit()
                assert member_search.ready_index(db, "active") is None
            assert_same(db, [*queries(db, rnd, 10), "王芳", "欧阳", "zzqq", "甲"])


def test_a_second_search_does_not_wait_for_the_first_ones_count(ledger):
    """The first screenful comes at once; the rest is read a few ms at a time, and a write in
    between makes the rest come from SQL instead of a moved index."""
    db, _ = ledger
    build(db, None)
    f = MemberFilter(text="1")  # every ID number: the longest result
    part = list_members(db, f, ["name"], first=5)
    assert len(part.ids) == 5 and not part.complete
    m = get_member(db, part.ids[0])
    m.name = "最后一名"
    update_member(db, m)
    member_search.ready_index(db, None)  # the next search patches the index …
    rest = None
    while rest is None:
        rest = part.more_ids(budget_s=0.0)
    assert rest == sql_ids(db, f)  # … and the old search's rest comes from SQL, as it is now


def test_search_keys_are_stored_lower_case(ledger):
    """The index compares the lower-cased needle with keys as stored (LIKE would also match
    other ASCII cases): it relies on keys being written lower-case."""
    db, _ = ledger
    assert db.execute("SELECT count(*) FROM members WHERE search_key <> lower(search_key)").fetchone()[0] == 0


def test_another_ledger_starts_afresh(ledger, tmp_path):
    db, _ = ledger
    build(db, "active")
    other = open_database(tmp_path / "other.db")
    add_member(other, member("欧阳明"))
    assert member_search.ready_index(other, "active") is None
    build(other, "active")
    assert list_members(other, MemberFilter(text="欧阳", status="active")).ids == sql_ids(other, MemberFilter(text="欧阳", status="active"))
    assert member_search.ready_index(db, "active") is None  # one ledger's index is held at a time
    other.close()
    assert isinstance(db.conn, sqlite3.Connection)
