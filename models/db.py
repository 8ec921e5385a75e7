"""Opening the union's database file: checks, connection settings, migrations, backups.

A Union Ledger file is a SQLite database whose `application_id` is APP_ID and
whose `user_version` is the number of the last migration applied. Before anything
writes to a file we look at it read-only: a file of another program, a truncated
file or one from a newer Union Ledger is refused and left exactly as it was.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

APP_ID = 0x554C4447  # 'ULDG'
SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_KEEP = 30


class DatabaseError(Exception):
    """A database file that cannot be used; the message is Chinese and says why."""


def connect(path: str | os.PathLike) -> Database:
    """A connection with the settings every connection needs (no checks, no migration).

    For a second connection to a file that open_database() already accepted,
    e.g. in a worker thread.
    """
    conn = sqlite3.connect(str(path), timeout=10)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 10000")
    return Database(conn, execute_plugins=False)


def open_database(path: str | os.PathLike, *, migrate: bool = True) -> Database:
    """Open (or create) a Union Ledger file and bring its schema up to date.

    Raises DatabaseError, with the file untouched, when it is not SQLite, belongs to
    another program, is truncated, or was written by a newer Union Ledger.
    Before migrating an existing file, a backup is taken beside it.
    """
    from models.migrations import MIGRATIONS

    path = Path(path)
    version = inspect_file(path)
    latest = len(MIGRATIONS)
    if version > latest:
        raise DatabaseError(
            f"数据文件 {path.name} 由更新版本的工会台账创建（数据版本 {version}，本程序支持到 {latest}）。"
            "请升级程序后再打开；文件未作任何改动。"
        )
    if version < latest and not migrate:
        raise DatabaseError(f"数据文件 {path.name} 的数据版本为 {version}，需要升级到 {latest}。")
    path.parent.mkdir(parents=True, exist_ok=True)
    if version > 0 and version < latest:
        backup(path, backup_dir(path) / f"{path.stem}-升级前-v{version}-{_stamp()}.db")
    db = connect(path)
    try:
        for number in range(version + 1, latest + 1):
            with db.atomic():
                MIGRATIONS[number - 1](db)
                db.execute(f"PRAGMA application_id = {APP_ID}")
                db.execute(f"PRAGMA user_version = {number}")
    except Exception:
        db.close()
        raise
    return db


def inspect_file(path: Path) -> int:
    """The schema version of a file we may open (0 for a new or empty file).

    Looks only, through a read-only connection; raises DatabaseError otherwise.
    """
    if not path.exists():
        if not path.parent.exists():
            return 0
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"文件夹 {path.parent} 不可写，无法创建数据文件。")
        return 0
    if path.is_dir():
        raise DatabaseError(f"{path} 是一个文件夹，不是数据文件。")
    size = path.stat().st_size
    if size == 0:
        return 0
    with open(path, "rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseError(f"{path.name} 不是工会台账的数据文件（也不是 SQLite 数据库），未作任何改动。")
    if len(header) < 100 or _truncated(header, size):
        raise DatabaseError(f"数据文件 {path.name} 不完整（可能复制中断或磁盘损坏）。请从备份恢复；文件未作任何改动。")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"数据文件 {path.name} 已损坏，无法读取（{exc}）。请从备份恢复；文件未作任何改动。") from None
    if app_id != APP_ID:
        if app_id == 0 and tables == 0 and version == 0:
            return 0
        raise DatabaseError(f"{path.name} 是其他程序的数据库，不是工会台账的数据文件，未作任何改动。")
    return version


def _truncated(header: bytes, size: int) -> bool:
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header page count is only valid when the two change counters agree.
    valid = header[24:28] == header[92:96] and pages > 0
    if size % 512 != 0:
        return True
    return valid and size < pages * page_size


# ---------------------------------------------------------------- backups

def backup_dir(db_path: str | os.PathLike) -> Path:
    """The backups folder beside the database file."""
    return Path(db_path).resolve().parent / "备份"


def _stamp() -> str:
    return _dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def backup(source: str | os.PathLike | Database, target: str | os.PathLike) -> Path:
    """Copy a database with SQLite's backup API into `target` (written whole or not at all)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    own = not isinstance(source, Database)
    src = sqlite3.connect(str(source)) if own else source.conn  # type: ignore[union-attr]
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        if own:
            src.close()
    return target


def daily_backup(db: Database, db_path: str | os.PathLike, keep: int = BACKUP_KEEP) -> Path | None:
    """Back up at most once a day into the backups folder, keeping the newest `keep`.

    Returns the new backup's path, or None if today's already exists.
    """
    folder = backup_dir(db_path)
    stem = Path(db_path).stem
    today = _dt.date.today().strftime("%Y%m%d")
    if any(folder.glob(f"{stem}-自动-{today}-*.db")):
        return None
    made = backup(db, folder / f"{stem}-自动-{_stamp()}.db")
    autos = sorted(folder.glob(f"{stem}-自动-*.db"))
    for old in autos[:-keep]:
        old.unlink(missing_ok=True)
    return made


def restore(db_path: str | os.PathLike, backup_file: str | os.PathLike) -> Path:
    """Replace the database with a backup, first backing up the current file.

    The backup is checked (it must be a Union Ledger file this program can open)
    before anything is touched. Returns the path of the safety backup taken.
    """
    from models.migrations import MIGRATIONS

    backup_file = Path(backup_file)
    if not backup_file.exists():
        raise DatabaseError(f"备份文件 {backup_file} 不存在。")
    version = inspect_file(backup_file)
    if version == 0:
        raise DatabaseError(f"{backup_file.name} 不是工会台账的备份文件。")
    if version > len(MIGRATIONS):
        raise DatabaseError(f"备份文件 {backup_file.name} 来自更新版本的工会台账，请先升级程序。")
    db_path = Path(db_path)
    safety = backup_dir(db_path) / f"{db_path.stem}-恢复前-{_stamp()}.db"
    if db_path.exists():
        backup(db_path, safety)
    src = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = connect(db_path)
        try:
            src.backup(dst.conn)
        finally:
            dst.close()
    finally:
        src.close()
    return safety


def check(db: Database) -> dict:
    """Schema version, integrity check and foreign key check, as plain data."""
    from models.migrations import MIGRATIONS

    integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    return {
        "version": db.execute("PRAGMA user_version").fetchone()[0],
        "latest": len(MIGRATIONS),
        "integrity": integrity,
        "integrity_ok": integrity == ["ok"],
        "foreign_key_problems": len(fk),
    }
