"""Opening files: settings on every connection, migrations, refusals that leave files untouched, backups."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models.db import APP_ID, DatabaseError, open_database
from models.migrations import MIGRATIONS
from models.members import add_member
from tests.conftest import member


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
    safety = dbmod.restore(db_path, target)
    assert safety.exists()
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
    import os

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user that ignores permissions")
        with pytest.raises(DatabaseError, match="不可写"):
            open_database(folder / "x.db")
    finally:
        folder.chmod(0o700)
