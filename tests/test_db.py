"""Opening files: settings on every connection, migrations, refusals that leave files untouched, backups."""

from __future__ import annotations

import glob
import hashlib
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from models import db as dbmod
from models.backups import OtherUnion, list_backups, restore
from models.db import APP_ID, DatabaseError, open_database
from models.migrations import MIGRATIONS
from models.members import add_member
from tests.conftest import make_id, member

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_schema_and_settings(db, db_path):
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert "members" in db.table_names()


def test_worker_connection_has_the_same_settings(db, db_path):
    other = dbmod.connect(db_path)
    assert other.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_foreign_keys_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute(
                "INSERT INTO membership_events (member_id, kind, date, created_at) VALUES (999, 'join', '2020-01-01', 'x')"
            )


def test_reopen_is_idempotent(db_path):
    open_database(db_path).close()
    again = open_database(db_path)
    assert again.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    again.close()


def test_newer_version_refused_and_untouched(db_path):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(db_path)
    assert digest(db_path) == before


def test_other_programs_database_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="其他程序"):
        open_database(path)
    assert digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_not_sqlite_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    before = digest(path)
    with pytest.raises(DatabaseError, match="不是工会台账的数据文件"):
        open_database(path)
    assert digest(path) == before


def test_truncated_file_refused_and_untouched(db_path, tmp_path):
    db = open_database(db_path)
    for i in range(40):
        add_member(db, member(name="张伟", id_number=__import__("tests.conftest", fromlist=["make_id"]).make_id(seq=i + 1), note="备注" * 200))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = db_path.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    before = digest(cut)
    with pytest.raises(DatabaseError, match="不完整|损坏"):
        open_database(cut)
    assert digest(cut) == before


def test_migration_backs_up_first(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    open_database(path).close()
    # Pretend the program gained a migration: the file is now one version behind.
    added = []

    def m_extra(db):
        added.append(True)
        db.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr("models.migrations.MIGRATIONS", [*MIGRATIONS, m_extra])
    db = open_database(path)
    assert added and "extra" in db.table_names()
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
    db.close()
    backups = list(dbmod.backup_dir(path).glob(f"old-升级前-v{len(MIGRATIONS)}-*.db"))
    assert len(backups) == 1
    assert dbmod.inspect_file(backups[0]) == len(MIGRATIONS)


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    open_database(path).close()

    def m_broken(db):
        db.execute("CREATE TABLE half (id INTEGER PRIMARY KEY)")
        raise RuntimeError("boom")

    monkeypatch.setattr("models.migrations.MIGRATIONS", [*MIGRATIONS, m_broken])
    with pytest.raises(RuntimeError):
        open_database(path)
    monkeypatch.undo()
    db = open_database(path)
    assert "half" not in db.table_names()
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    db.close()


def test_backup_and_restore_roundtrip(db, db_path, tmp_path):
    first = add_member(db, member(name="李娜"))
    target = dbmod.backup(db, tmp_path / "b" / "copy.db")
    assert dbmod.inspect_file(target) == len(MIGRATIONS)
    add_member(db, member(name="王芳", id_number=__import__("tests.conftest", fromlist=["make_id"]).make_id(seq=9)))
    db.close()
    result = dbmod.restore(db_path, target)
    safety = result.safety
    assert safety.exists() and result.restored.path == target
    reopened = open_database(db_path)
    names = [r[0] for r in reopened.execute("SELECT name FROM members ORDER BY id")]
    assert names == ["李娜"]
    assert first == 1
    reopened.close()
    # The safety copy holds what was there before the restore.
    safe = sqlite3.connect(safety)
    assert safe.execute("SELECT count(*) FROM members").fetchone()[0] == 2
    safe.close()


def test_restore_refuses_a_file_that_is_not_a_backup(db, db_path, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"hello")
    with pytest.raises(DatabaseError):
        dbmod.restore(db_path, bogus)


def test_daily_backup_once_a_day_keeps_last_n(db, db_path):
    made = dbmod.daily_backup(db, db_path)
    assert made is not None and made.exists()
    assert dbmod.daily_backup(db, db_path) is None
    folder = dbmod.backup_dir(db_path)
    for day in range(1, 40):
        (folder / f"{db_path.stem}-自动-202001{day:02d}-000000.db").write_bytes(b"")
    for old in folder.glob(f"{db_path.stem}-自动-*.db"):
        if "2020" not in old.name:
            old.unlink()
    assert dbmod.daily_backup(db, db_path) is not None
    assert len(list(folder.glob(f"{db_path.stem}-自动-*.db"))) == dbmod.BACKUP_KEEP


def test_check_reports_healthy(db):
    result = dbmod.check(db)
    assert result["integrity_ok"] and result["foreign_key_problems"] == 0
    assert result["version"] == result["latest"]


def test_read_only_folder_refused(tmp_path):
    from tests.test_file_health import unwritable

    folder = tmp_path / "ro"
    folder.mkdir()
    with unwritable(folder):
        with pytest.raises(dbmod.ReadOnly, match="不可写"):
            open_database(folder / "x.db")
        assert list(folder.iterdir()) == []


# ---------------------------------------------------------------- several writers

def test_atomic_begins_immediate_and_nests_savepoints(db):
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    from models import audit

    with audit.transaction(db):
        with db.atomic():
            db.execute("INSERT INTO app_settings (key, value) VALUES ('x', '1')")
    db.conn.set_trace_callback(None)
    assert seen[0] == "BEGIN IMMEDIATE"
    assert seen[1].startswith("SAVEPOINT") and seen[-1] == "COMMIT"


def hold_write_lock(path: Path, holding: threading.Event, release: threading.Event) -> threading.Thread:
    """Another program's connection that writes a member and keeps its write transaction open."""

    def work() -> None:
        other = dbmod.connect(path)
        try:
            with other.atomic():
                add_member(other, member(name="乙", id_number=make_id(seq=2)))
                holding.set()
                release.wait(30)
        finally:
            other.close()

    thread = threading.Thread(target=work)
    thread.start()
    assert holding.wait(30)
    return thread


def test_a_writer_waits_for_another_and_then_succeeds(db_path):
    gui = open_database(db_path)
    add_member(gui, member(name="甲", id_number=make_id(seq=1)))
    holding, release = threading.Event(), threading.Event()
    thread = hold_write_lock(db_path, holding, release)
    threading.Timer(0.3, release.set).start()  # the other program finishes its write a moment later
    try:
        # Read, then write: a deferred transaction failed here at once ("database is locked").
        with gui.atomic():
            count = gui.execute("SELECT count(*) FROM members").fetchone()[0]
            add_member(gui, member(name="丙", id_number=make_id(seq=3), note=f"此前 {count} 人"))
    finally:
        release.set()
        thread.join()
    names = [r[0] for r in gui.execute("SELECT name FROM members ORDER BY id")]
    assert names == ["甲", "乙", "丙"]
    assert gui.execute("SELECT note FROM members WHERE name = '丙'").fetchone()[0] == "此前 2 人"
    gui.close()


def test_a_writer_held_off_past_its_timeout_gets_a_chinese_message_and_writes_nothing(db_path):
    open_database(db_path).close()
    gui = dbmod.connect(db_path, timeout=0.2)
    holding, release = threading.Event(), threading.Event()
    thread = hold_write_lock(db_path, holding, release)
    try:
        with pytest.raises(dbmod.InUse) as info:
            with gui.atomic():
                add_member(gui, member(name="丙", id_number=make_id(seq=3)))
                add_member(gui, member(name="丁", id_number=make_id(seq=4)))
    finally:
        release.set()
        thread.join()
    assert "另一个打开的程序" in str(info.value) and str(db_path) in str(info.value)
    assert "locked" not in str(info.value)
    assert not gui.conn.in_transaction
    assert [r[0] for r in gui.execute("SELECT name FROM members")] == ["乙"]
    gui.close()


# ---------------------------------------------------------------- migrations

def rebuild_members(db) -> None:
    """SQLite's 12-step table change (https://sqlite.org/lang_altertable.html#otheralter):
    new table, copy, drop the old one, rename, then indexes and triggers back. Triggers of
    other tables that name `members` are dropped first: since SQLite 3.26 the rename checks
    the whole schema and would find them pointing at a table that is gone."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'members'").fetchone()[0]
    extras = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        " AND (tbl_name = 'members' OR (type = 'trigger' AND sql LIKE '%members%'))"
    ).fetchall()
    for kind, name, _ in extras:
        if kind == "trigger":
            db.execute(f"DROP TRIGGER [{name}]")
    db.execute(sql.replace("CREATE TABLE members", "CREATE TABLE members_new", 1))
    db.execute("INSERT INTO members_new SELECT * FROM members")
    db.execute("DROP TABLE members")
    db.execute("ALTER TABLE members_new RENAME TO members")
    for _, _, statement in extras:
        db.execute(statement)


def test_a_migration_may_rebuild_a_table_others_refer_to(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    db = open_database(path)
    add_member(db, member(name="李娜"))  # its 入会 event refers to it
    db.close()
    monkeypatch.setattr("models.migrations.MIGRATIONS", [*MIGRATIONS, rebuild_members])
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT name FROM members").fetchall() == [("李娜",)]
    assert db.execute("SELECT count(*) FROM membership_events").fetchone()[0] == 1
    db.close()


def test_a_migration_that_breaks_links_is_rolled_back_with_a_chinese_message(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    db = open_database(path)
    add_member(db, member(name="李娜"))
    db.close()

    def m_orphans(db):
        db.execute("DELETE FROM members")  # leaves its membership events pointing nowhere

    monkeypatch.setattr("models.migrations.MIGRATIONS", [*MIGRATIONS, m_orphans])
    with pytest.raises(dbmod.MigrationFailed, match="升级已撤销") as info:
        open_database(path)
    assert "membership_events" in str(info.value)
    monkeypatch.undo()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def rows_by_table(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in rowid order, read without changing the file."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    out = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
        without_rowid = conn.execute("SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        order = ", ".join(str(i + 1) for i in range(len(columns))) if without_rowid else "rowid"
        out[table] = (columns, conn.execute(f"SELECT * FROM [{table}] ORDER BY {order}").fetchall())
    conn.close()
    return out


@pytest.mark.parametrize(("name", "version"), [("ledger-v1.db", 1), ("ledger-v2.db", 2)])
def test_a_ledger_of_an_old_release_migrates_with_every_row(tmp_path, name, version):
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    assert dbmod.inspect_file(path) == version
    before = rows_by_table(path)
    assert len(before["members"][1]) == 40 and before["dues_payments"][1]
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert dbmod.check(db)["integrity_ok"] and dbmod.check(db)["foreign_key_problems"] == 0
    db.close()
    after = rows_by_table(path)
    # Columns a migration moved to a table of their own, and where they went.
    moved = {("org_profile", c): ("org_workforce", c) for c in ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")}
    for table, (columns, rows) in before.items():
        new_columns, new_rows = after[table]
        for column in [c for c in columns if (table, c) in moved]:
            values = {r[columns.index(column)] for r in rows}
            to_table, to_column = moved[(table, column)]
            to_columns, to_rows = after[to_table]
            assert values <= {r[to_columns.index(to_column)] for r in to_rows} | {0}, column
        rows = [tuple(v for c, v in zip(columns, r) if (table, c) not in moved) for r in rows]
        columns = [c for c in columns if (table, c) not in moved]
        keep = [new_columns.index(c) for c in columns]  # later migrations may add columns
        kept = [tuple(r[i] for i in keep) for r in new_rows]
        if table == "audit_log":  # migrations that rebuild facts log what they wrote, after the old trail
            kept = kept[: len(rows)]
        assert kept == rows, table
    assert list(dbmod.backup_dir(path).glob(f"{path.stem}-升级前-v{version}-*.db"))


# ---------------------------------------------------------------- backups and restore

def set_union(db, name: str, code: str = "") -> None:
    from models.org import get_profile, save_profile

    profile = get_profile(db)
    profile.union_name, profile.credit_code = name, code
    save_profile(db, profile)


def test_restore_says_which_backup_keeps_a_copy_and_is_audited(db, db_path, tmp_path):
    set_union(db, "恒达机械工会")
    add_member(db, member(name="李娜"))
    taken = dbmod.backup(db, dbmod.backup_dir(db_path) / "ledger-手动-20260105-093000.db")
    add_member(db, member(name="王芳", id_number=make_id(seq=9)))
    db.close()
    result = restore(db_path, taken)
    assert result.restored.path == taken and result.restored.members == 1
    assert result.restored.union_name == "恒达机械工会"
    assert result.restored.taken_at.isoformat() == "2026-01-05T09:30:00"
    assert result.safety is not None and "恢复前" in result.safety.name
    safe = sqlite3.connect(result.safety)
    assert safe.execute("SELECT count(*) FROM members").fetchone()[0] == 2
    safe.close()
    again = open_database(db_path)
    assert [r[0] for r in again.execute("SELECT name FROM members")] == ["李娜"]
    note = again.execute("SELECT note, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert "从备份恢复" in note[0] and taken.name in note[0] and "2026-01-05T09:30:00" in note[1]
    again.close()


def test_restore_over_a_damaged_file_with_a_stale_wal(db, db_path, tmp_path):
    add_member(db, member(name="李娜"))
    taken = dbmod.backup(db, tmp_path / "b.db")
    db.close()
    stale = sqlite3.connect(db_path)
    stale.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(20):
        stale.execute("INSERT INTO app_settings (key, value) VALUES (?, ?)", (f"k{i}", "x" * 3000))
    stale.commit()
    shutil.copy(db_path, tmp_path / "kept.db")
    shutil.copy(f"{db_path}-wal", tmp_path / "kept.db-wal")
    stale.close()
    # What is left after a crash, and then page 2 onwards scribbled over: a damaged file and its -wal.
    data = bytearray((tmp_path / "kept.db").read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)
    db_path.write_bytes(bytes(data))
    shutil.copy(tmp_path / "kept.db-wal", f"{db_path}-wal")
    result = restore(db_path, taken)
    assert result.safety is not None and result.safety.exists()
    again = open_database(db_path)
    assert [r[0] for r in again.execute("SELECT name FROM members")] == ["李娜"]
    assert again.execute("SELECT count(*) FROM app_settings WHERE key LIKE 'k%'").fetchone()[0] == 0
    assert dbmod.check(again)["integrity_ok"]
    again.close()


def test_restoring_another_unions_backup_needs_confirmation(db, db_path, tmp_path):
    set_union(db, "恒达机械工会", "91320102MA1X8Y7B2" + __import__("stdnum.cn.uscc", fromlist=["x"]).calc_check_digit("91320102MA1X8Y7B2"))
    add_member(db, member(name="李娜"))
    other_path = tmp_path / "other.db"
    other = open_database(other_path)
    set_union(other, "红星纺织厂工会")
    taken = dbmod.backup(other, tmp_path / "别家.db")
    other.close()
    db.close()
    before = digest(db_path)
    with pytest.raises(OtherUnion) as info:
        restore(db_path, taken)
    assert "红星纺织厂工会" in str(info.value) and "恒达机械工会" in str(info.value)
    assert info.value.current == "恒达机械工会" and info.value.other == "红星纺织厂工会"
    assert digest(db_path) == before
    assert restore(db_path, taken, confirm_other_union=True).restored.union_name == "红星纺织厂工会"


def test_restore_refuses_while_the_file_is_open(db, db_path, tmp_path):
    add_member(db, member(name="李娜"))
    taken = dbmod.backup(db, tmp_path / "b.db")
    add_member(db, member(name="王芳", id_number=make_id(seq=9)))
    with pytest.raises(dbmod.InUse, match="仍被打开"):
        restore(db_path, taken)
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 2
    assert not list(dbmod.backup_dir(db_path).glob("*恢复前*"))


def test_restore_of_an_older_backup_migrates_it(db, db_path, tmp_path):
    db.close()
    old = tmp_path / "ledger-v1.db"
    shutil.copy(FIXTURES / "ledger-v1.db", old)
    result = restore(db_path, old)
    assert result.restored.version == 1 and result.restored.members == 40
    again = open_database(db_path)
    assert again.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert again.execute("SELECT count(*) FROM members").fetchone()[0] == 40
    again.close()


def test_list_backups_reads_each_without_changing_it(db, db_path):
    set_union(db, "恒达机械工会")
    add_member(db, member(name="李娜"))
    made = dbmod.daily_backup(db, db_path)
    manual = dbmod.backup(db, dbmod.backup_dir(db_path) / "ledger-手动-20250101-080000.db")
    folder = dbmod.backup_dir(db_path)
    (folder / "ledger-手动-20240101-080000.db").write_bytes(b"")
    (folder / "notes.db").write_text("不是数据库", encoding="utf-8")
    before = {p.name: digest(p) for p in folder.iterdir()}
    found = list_backups(db_path)
    assert {p.name: digest(p) for p in folder.iterdir()} == before
    readable = [b for b in found if b.readable]
    assert [b.path for b in readable] == [made, manual]  # newest first
    first = readable[0]
    assert first.readable and first.kind == "自动" and first.members == 1 and first.union_name == "恒达机械工会"
    assert first.version == len(MIGRATIONS) and first.size == made.stat().st_size and first.problem == ""
    assert readable[1].taken_at.isoformat() == "2025-01-01T08:00:00" and readable[1].kind == "手动"
    unreadable = {b.path.name: b for b in found if not b.readable}
    assert set(unreadable) == {"ledger-手动-20240101-080000.db", "notes.db"}
    assert all(b.problem for b in unreadable.values())


def test_daily_backup_rotates_a_name_with_brackets(tmp_path):
    path = tmp_path / "工会[2026].db"
    db = open_database(path)
    folder = dbmod.backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    for day in range(1, 40):
        (folder / f"工会[2026]-自动-202001{day:02d}-000000.db").write_bytes(b"")
    assert dbmod.daily_backup(db, path) is not None
    assert dbmod.daily_backup(db, path) is None  # once a day
    db.close()
    assert len(list(folder.glob(f"{glob.escape('工会[2026]')}-自动-*.db"))) == dbmod.BACKUP_KEEP


def test_restore_refuses_a_newer_or_damaged_backup_and_changes_nothing(db, db_path, tmp_path):
    add_member(db, member(name="李娜"))
    newer = dbmod.backup(db, tmp_path / "newer.db")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    damaged = dbmod.backup(db, tmp_path / "damaged.db")
    data = bytearray(damaged.read_bytes())
    data[4096 * 2 :] = b"\x5a" * (len(data) - 4096 * 2)
    damaged.write_bytes(bytes(data))
    db.close()
    before = digest(db_path)
    with pytest.raises(dbmod.NewerVersion, match="请先升级程序"):
        restore(db_path, newer)
    with pytest.raises(dbmod.Corrupt, match="另一个备份"):
        restore(db_path, damaged)
    assert digest(db_path) == before
    assert not dbmod.backup_dir(db_path).exists() or not list(dbmod.backup_dir(db_path).glob("*恢复前*"))


# ---------------------------------------------------------------- check: values outside their code lists

def test_check_names_values_outside_their_code_lists_without_changing_the_file(capsys, tmp_path, monkeypatch):
    import main
    from models import migrations
    from tests.conftest import write_old_member_columns

    path = tmp_path / "old.db"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])  # before the file enforced the lists
    db = open_database(path)
    write_old_member_columns(db, monkeypatch)
    mid = add_member(db, member(name="李娜"))
    with db.atomic():
        db.execute("INSERT INTO membership_events (member_id, kind, date, created_at) VALUES (?, 'vanish', '2024-05-01', 'x')", (mid,))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    monkeypatch.undo()
    before = digest(path)
    assert main.main(["--db", str(path), "check"]) == 0  # sound, only old values to correct
    out = capsys.readouterr().out
    assert "代码检查：1 处取值不在代码表中" in out and "会籍变动类型为“vanish”" in out
    assert digest(path) == before
    healthy = tmp_path / "new.db"
    open_database(healthy).close()
    assert main.main(["--db", str(healthy), "check"]) == 0
    assert "代码检查：正常" in capsys.readouterr().out
