"""Trusting the file (issue 7): never refuse a healthy file, tell the truth about a bad one,
read without writing, and know a file by its identity."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from models import db as dbmod
from models.db import (
    Corrupt,
    DiskFull,
    EmptyFile,
    InUse,
    MissingFile,
    NewerVersion,
    NotLedgerFile,
    ReadOnly,
    open_database,
)
from models.members import add_member, count_members
from models.migrations import MIGRATIONS
from tests.conftest import make_id, member
from tests.fixtures import crash

FIXTURES = Path(__file__).resolve().parent / "fixtures"


# ---------------------------------------------------------------- helpers

def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder (names and contents), to show that nothing changed."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def header_promises_more(path: Path) -> bool:
    header = path.read_bytes()[:100]
    pages = int.from_bytes(header[28:32], "big")
    return path.stat().st_size < pages * int.from_bytes(header[16:18], "big")


def crashed_copy(tmp_path: Path) -> Path:
    """The committed state of a ledger killed during a checkpoint (tests/fixtures/crash.py)."""
    folder = tmp_path / "crashed"
    folder.mkdir()
    for f in (FIXTURES / "crashed-checkpoint").iterdir():
        shutil.copy(f, folder / f.name)
    return folder / "ledger.db"


@contextlib.contextmanager
def unwritable(*paths: Path):
    """Make files or folders unwritable for this process, root included (chattr +i)."""
    as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
    done: list[Path] = []
    try:
        for p in paths:
            if as_root:
                if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode:
                    pytest.skip("cannot make a file unwritable for root here (chattr)")
            else:
                p.chmod(0o555 if p.is_dir() else 0o444)
            done.append(p)
        yield
    finally:
        for p in reversed(done):
            if as_root:
                subprocess.run(["chattr", "-i", str(p)], capture_output=True)
            else:
                p.chmod(0o755 if p.is_dir() else 0o644)


def ledger(path: Path, n: int = 3) -> Path:
    db = open_database(path)
    for i in range(n):
        add_member(db, member(name=f"会员{i}", id_number=make_id(seq=i + 1)))
    db.close()
    return path


# ---------------------------------------------------------------- a checkpoint cut short

def test_a_ledger_killed_during_its_checkpoint_opens(tmp_path):
    path = crashed_copy(tmp_path)
    assert header_promises_more(path) and Path(f"{path}-wal").exists()  # the state the issue reports
    assert dbmod.check_file(path)["integrity_ok"]
    db = open_database(path)
    try:
        assert db.execute("SELECT count(*) FROM members").fetchone()[0] == crash.MEMBERS_BEFORE + crash.MEMBERS_ADDED
        add_member(db, member(name="新会员", id_number=make_id(seq=999)))
    finally:
        db.close()
    assert not header_promises_more(path)
    assert dbmod.check_file(path)["integrity_ok"]


def test_killed_at_the_fifth_write_live(tmp_path):
    """The reporter's reproduction, when strace can run here."""
    if not crash.strace_usable():
        pytest.skip("strace is not available (or ptrace is not allowed)")
    path = crash.build(tmp_path / "live")
    assert header_promises_more(path)
    assert dbmod.inspect_file(path) == len(MIGRATIONS)
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == crash.MEMBERS_BEFORE + crash.MEMBERS_ADDED
    db.close()


def test_a_checkpoint_cut_short_without_its_wal_is_corrupt(tmp_path):
    # Without the -wal the pages the header promises are really missing: only now is it damage.
    path = crashed_copy(tmp_path)
    Path(f"{path}-wal").unlink()
    before = snapshot(path.parent)
    with pytest.raises(Corrupt) as info:
        open_database(path)
    assert str(path) in str(info.value) and "备份恢复" in str(info.value)
    assert snapshot(path.parent) == before


def test_damaged_pages_are_reported_by_check_and_left_alone(tmp_path, capsys):
    import main

    path = ledger(tmp_path / "d.db", n=30)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 6] = b"\xa5" * (page * 3)  # scribble over btree pages, size unchanged
    path.write_bytes(bytes(data))
    before = snapshot(tmp_path)
    assert main.main(["--db", str(path), "check"]) == 1
    out, err = capsys.readouterr()
    assert "已损坏" in out + err and "从备份恢复" in out + err and "Traceback" not in err
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- the truth about a file

def test_each_refusal_names_the_file_and_only_corrupt_says_backup(tmp_path):
    other = tmp_path / "客户.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    text = tmp_path / "笔记.db"
    text.write_text("不是数据库" * 50, encoding="utf-8")
    newer = ledger(tmp_path / "新版.db")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    empty = tmp_path / "空.db"
    empty.write_bytes(b"")
    cases = [(other, NotLedgerFile), (text, NotLedgerFile), (newer, NewerVersion), (empty, EmptyFile)]
    for path, kind in cases:
        before = snapshot(tmp_path)
        with pytest.raises(kind) as info:
            open_database(path)
        message = str(info.value)
        assert str(path) in message and info.value.path == path
        assert "备份" not in message, message
        assert snapshot(tmp_path) == before


def test_an_empty_file_is_adopted_only_when_asked(tmp_path):
    path = tmp_path / "空.db"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile, match="0 字节"):
        open_database(path)
    assert path.stat().st_size == 0
    db = open_database(path, adopt_empty=True)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    db.close()


def test_a_new_file_this_program_creates_is_fine(tmp_path):
    path = tmp_path / "new" / "台账.db"
    open_database(path).close()
    open_database(path).close()


def test_a_new_file_whose_first_migration_fails_is_not_left_empty(tmp_path, monkeypatch):
    path = tmp_path / "台账.db"

    def broken(db):
        raise RuntimeError("boom")

    monkeypatch.setattr("models.migrations.MIGRATIONS", [broken])
    with pytest.raises(RuntimeError):
        open_database(path)
    monkeypatch.undo()
    assert not path.exists()  # not a 0-byte file refused as "empty" next time
    open_database(path).close()


def test_disk_full_is_a_chinese_message_and_nothing_is_half_written(tmp_path):
    path = ledger(tmp_path / "满.db")
    db = open_database(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DiskFull) as info:
        with db.atomic():
            for i in range(40):
                add_member(db, member(name="大量", id_number=make_id(seq=100 + i), note="备注" * 1000))
    assert "磁盘空间已满" in str(info.value) and str(path) in str(info.value)
    assert "备份" not in str(info.value)
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 3
    db.close()


@pytest.mark.parametrize(
    ("message", "kind", "words"),
    [
        ("database is locked", InUse, "另一个打开的程序"),
        ("attempt to write a readonly database", ReadOnly, "不可写"),
        ("database or disk is full", DiskFull, "磁盘空间已满"),
        ("database disk image is malformed", Corrupt, "已损坏"),
    ],
)
def test_one_place_explains_low_level_errors(tmp_path, message, kind, words):
    exc = sqlite3.OperationalError(message)
    translated = dbmod.translate_error(exc, tmp_path / "x.db")
    assert isinstance(translated, kind)
    text = dbmod.explain(exc, tmp_path / "x.db")
    assert words in text and str(tmp_path / "x.db") in text and message not in text
    assert dbmod.translate_error(sqlite3.IntegrityError("CHECK constraint failed"), "x.db") is None


# ---------------------------------------------------------------- read-only files and folders

def test_unwritable_file_is_refused_or_opened_read_only(tmp_path):
    path = ledger(tmp_path / "ro.db")
    with unwritable(path):
        before = snapshot(tmp_path)
        with pytest.raises(ReadOnly) as info:
            open_database(path)
        assert str(path) in str(info.value) and "备份" not in str(info.value)
        db = open_database(path, allow_readonly=True)
        try:
            assert db.readonly and "只读" in db.readonly_message
            assert count_members(db) == 3  # browsing works
            worker = db.another()
            assert worker.readonly and count_members(worker) == 3
            worker.close()
            with pytest.raises(ReadOnly, match="只读"):
                add_member(db, member(name="新", id_number=make_id(seq=50)))
        finally:
            db.close()
        assert snapshot(tmp_path) == before


def test_unwritable_folder_opens_read_only(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    path = ledger(folder / "ro.db")
    with unwritable(folder):
        before = snapshot(folder)
        with pytest.raises(ReadOnly, match="文件夹不可写"):
            open_database(path)
        db = open_database(path, allow_readonly=True)
        try:
            assert db.readonly and count_members(db) == 3
            with pytest.raises(ReadOnly, match="只读"):
                add_member(db, member(name="新", id_number=make_id(seq=50)))
        finally:
            db.close()
        assert snapshot(folder) == before


def test_wal_in_unwritable_folder_reads_the_wal_when_shm_is_there(tmp_path):
    path = crashed_copy(tmp_path)
    open_database(path, readonly=True).close()  # builds the -shm (a writable folder may)
    with unwritable(path.parent):
        db = open_database(path, allow_readonly=True)
        assert db.execute("SELECT count(*) FROM members").fetchone()[0] == crash.MEMBERS_BEFORE + crash.MEMBERS_ADDED
        db.close()


def test_wal_without_shm_in_unwritable_folder_is_refused_not_misread(tmp_path):
    path = crashed_copy(tmp_path)
    assert not Path(f"{path}-shm").exists()
    with unwritable(path.parent):
        with pytest.raises(ReadOnly, match="-wal"):
            open_database(path, allow_readonly=True)


# ---------------------------------------------------------------- read-only commands leave the file alone

def rollback_journal_ledger(path: Path) -> Path:
    ledger(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def newer_ledger(path: Path) -> Path:
    ledger(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


@pytest.mark.parametrize("make", [ledger, rollback_journal_ledger, newer_ledger])
def test_check_export_and_print_do_not_touch_the_file(tmp_path, capsys, make):
    import main

    folder = tmp_path / "data"
    folder.mkdir()
    path = make(folder / "台账.db")
    before = snapshot(folder)
    out = tmp_path / "out"
    out.mkdir()
    main.main(["--db", str(path), "check"])
    main.main(["--db", str(path), "export-members", str(out / "e.xlsx")])
    main.main(["--db", str(path), "print", "roster", "-o", str(out / "r.pdf")])
    capsys.readouterr()
    assert snapshot(folder) == before


def test_read_only_commands_on_a_crashed_ledger_leave_it_alone(tmp_path, capsys):
    import main

    path = crashed_copy(tmp_path)
    main.main(["--db", str(path), "check"])  # the first reader builds the -shm index
    capsys.readouterr()
    before = {k: v for k, v in snapshot(path.parent).items() if not k.endswith("-shm")}
    assert main.main(["--db", str(path), "check"]) == 0
    assert main.main(["--db", str(path), "export-members", str(tmp_path / "e.xlsx")]) == 0
    assert "已导出 70 名会员" in capsys.readouterr().out
    after = {k: v for k, v in snapshot(path.parent).items() if not k.endswith("-shm")}
    assert after == before


def test_read_only_open_of_an_older_file_migrates_a_copy_in_memory(tmp_path):
    path = tmp_path / "v1.db"
    shutil.copy(FIXTURES / "ledger-v1.db", path)
    before = snapshot(tmp_path)
    db = open_database(path, readonly=True)
    try:
        assert db.readonly and db.snapshot
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 40
        with pytest.raises(ReadOnly):
            add_member(db, member(name="新", id_number=make_id(seq=77)))
        worker = db.another()  # a PDF built in another thread reads the same migrated copy
        assert worker.readonly and worker.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert worker.execute("SELECT count(*) FROM members").fetchone()[0] == 40
        worker.close()
    finally:
        db.close()
    assert snapshot(tmp_path) == before


def test_read_only_open_of_a_missing_file(tmp_path):
    with pytest.raises(MissingFile):
        open_database(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


# ---------------------------------------------------------------- one file, whatever its path

def test_file_identity_sees_through_links(tmp_path):
    from models.paths import file_identity

    path = ledger(tmp_path / "台账.db")
    hard = tmp_path / "hard.db"
    os.link(path, hard)
    soft = tmp_path / "sub" / "soft.db"
    soft.parent.mkdir()
    soft.symlink_to(path)
    dotted = tmp_path / "sub" / ".." / "台账.db"
    assert file_identity(path) == file_identity(hard) == file_identity(soft) == file_identity(dotted)
    assert file_identity(path) != file_identity(ledger(tmp_path / "other.db"))


def test_second_window_refused_through_a_hard_link_or_symlink(tmp_path):
    pytest.importorskip("PySide6")
    from ui.app import instance_lock

    path = ledger(tmp_path / "台账.db")
    hard = tmp_path / "备用" / "hard.db"
    hard.parent.mkdir()
    os.link(path, hard)
    soft = tmp_path / "soft.db"
    soft.symlink_to(path)
    locks = tmp_path / "locks"
    first = instance_lock(path, locks)
    assert first is not None
    assert instance_lock(hard, locks) is None
    assert instance_lock(soft, locks) is None
    first.unlock()
    again = instance_lock(hard, locks)
    assert again is not None
    again.unlock()


def test_window_started_before_the_file_existed_still_holds_it(tmp_path):
    pytest.importorskip("PySide6")
    from ui.app import instance_lock

    path = tmp_path / "新台账.db"
    locks = tmp_path / "locks"
    first = instance_lock(path, locks)
    assert first is not None
    ledger(path)  # the first window creates the file
    assert instance_lock(path, locks) is None
    first.unlock()
