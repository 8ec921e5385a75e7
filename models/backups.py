"""Backups beside the database file: taking them, listing them, restoring one.

Backups are whole SQLite files made with SQLite's backup API (never a file copy,
which could catch a half-written page or miss the -wal), kept in the folder
"备份" beside the database, in rollback-journal mode so that reading one later
creates nothing beside it. Their names say what they are and when they were
taken: <stem>-自动-20260105-093000.db, -手动-, -恢复前-, -升级前-v2-.
"""

from __future__ import annotations

import datetime as _dt
import glob
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from models import clock
from models.db import (
    Corrupt,
    DatabaseError,
    InUse,
    MissingFile,
    NewerVersion,
    NotLedgerFile,
    connect_readonly,
    inspect_file,
    open_database,
    translating,
)

BACKUP_KEEP = 30
KINDS = ("自动", "手动", "恢复前", "升级前")
_STAMP = re.compile(r"(\d{8}-\d{6})")


class OtherUnion(DatabaseError):
    """The backup belongs to another union (credit code or name differ): ask before restoring."""

    def __init__(self, message: str, path: str | os.PathLike | None = None, *, current: str = "", other: str = "") -> None:
        super().__init__(message, path)
        self.current = current  # the union of the file being replaced
        self.other = other  # the union of the backup


@dataclass(frozen=True)
class BackupInfo:
    """What the list of backups shows, read without changing the file."""

    path: Path
    taken_at: _dt.datetime  # from the stamp in the name, else the file's modification time
    size: int  # bytes
    kind: str  # 自动 / 手动 / 恢复前 / 升级前, "" for a file named otherwise
    readable: bool  # False: not a Union Ledger file we can read (see problem)
    members: int | None = None
    union_name: str = ""
    credit_code: str = ""
    version: int | None = None  # data version (PRAGMA user_version)
    problem: str = ""  # Chinese: why it cannot be restored ("" when it can)


@dataclass(frozen=True)
class RestoreResult:
    path: Path  # the database file that now holds the backup's data
    restored: BackupInfo  # which backup was restored
    safety: Path | None  # the 恢复前 copy of what was there (None: there was no file)

    def __str__(self) -> str:
        # The settings page of the first release shows restore()'s result as the safety copy's path.
        return str(self.safety or "")


def backup_dir(db_path: str | os.PathLike) -> Path:
    """The backups folder beside the database file."""
    return Path(db_path).resolve().parent / "备份"


def stamp() -> str:
    return clock.stamp()


def backup(source: str | os.PathLike | Database, target: str | os.PathLike) -> Path:
    """Copy a database with SQLite's backup API into `target` (written whole or not at all).

    A source given by path is read without changing it (its -wal included).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    own = not isinstance(source, Database)
    src = connect_readonly(source) if own else source.conn  # type: ignore[arg-type, union-attr]
    try:
        with translating(target):
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
            _copy_attachments(src, source, target)  # before the backup appears: whole or not at all
            os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        if own:
            src.close()
    return target


def _copy_attachments(conn: sqlite3.Connection, source: str | os.PathLike | Database, target: Path) -> None:
    """The attachment files the database refers to go into the folder 附件 beside the copy
    (a backup's, shared by every backup; or, on restore, the database's own)."""
    from models.disclosure_files import copy_files, database_file

    path = database_file(conn) if isinstance(source, Database) else Path(source)
    if path is not None:
        copy_files(conn, path, target)


def daily_backup(db: Database, db_path: str | os.PathLike, keep: int = BACKUP_KEEP) -> Path | None:
    """Back up at most once a day into the backups folder, keeping the newest `keep`.

    Returns the new backup's path, or None if today's already exists.
    """
    folder = backup_dir(db_path)
    # A name like 工会[2026] is a glob pattern of its own: escape it, or no old backup is ever found.
    stem = glob.escape(Path(db_path).stem)
    today = clock.today().strftime("%Y%m%d")
    if any(folder.glob(f"{stem}-自动-{today}-*.db")):
        return None
    made = backup(db, folder / f"{Path(db_path).stem}-自动-{stamp()}.db")
    autos = sorted(folder.glob(f"{stem}-自动-*.db"))
    for old in autos[:-keep]:
        old.unlink(missing_ok=True)
    return made


# ---------------------------------------------------------------- listing

def _taken_at(path: Path) -> _dt.datetime:
    found = _STAMP.findall(path.stem)
    if found:
        try:
            return _dt.datetime.strptime(found[-1], "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    return _dt.datetime.fromtimestamp(path.stat().st_mtime)


def _read_ledger(path: Path) -> tuple[int, str, str, int]:
    """(version, union name, credit code, member count) of a ledger file, read-only; raises DatabaseError."""
    version = inspect_file(path)
    if version == 0:
        raise NotLedgerFile(f"{path} 不是工会台账的数据文件或备份（里面没有台账数据）。", path)
    conn = connect_readonly(path)
    try:
        with translating(path):
            row = conn.execute("SELECT union_name, credit_code FROM org_profile WHERE id = 1").fetchone()
            members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
    except sqlite3.Error as exc:  # a table missing: not something we can restore
        raise NotLedgerFile(f"{path} 缺少台账数据（{exc}），不能用来恢复。", path) from None
    finally:
        conn.close()
    name, code = row if row else ("", "")
    return version, name or "", code or "", members


def _damaged(path: Path, detail: str = "") -> str:
    # Not Corrupt's usual advice: restoring *this* file is what cannot be done.
    return f"备份文件 {path} 已损坏{f'（{detail}）' if detail else ''}，不能用来恢复。请选择另一个备份；数据文件未作任何改动。"


def backup_info(path: str | os.PathLike) -> BackupInfo:
    """What one backup file holds, read without changing it; unreadable files come back with readable=False."""
    from models.migrations import MIGRATIONS

    path = Path(path)
    kind = next((k for k in KINDS if f"-{k}-" in path.name), "")
    base = dict(path=path, taken_at=_taken_at(path), size=path.stat().st_size, kind=kind)
    try:
        version, name, code, members = _read_ledger(path)
    except Corrupt:
        return BackupInfo(readable=False, problem=_damaged(path), **base)  # type: ignore[arg-type]
    except DatabaseError as exc:
        return BackupInfo(readable=False, problem=str(exc), **base)  # type: ignore[arg-type]
    problem = ""
    if version > len(MIGRATIONS):
        problem = f"来自更新版本的工会台账（数据版本 {version}），请先升级程序。"
    return BackupInfo(readable=True, members=members, union_name=name, credit_code=code, version=version, problem=problem, **base)  # type: ignore[arg-type]


def list_backups(db_path: str | os.PathLike) -> list[BackupInfo]:
    """Every backup in the folder beside `db_path`, newest first, each read without changing it.

    Files that cannot be read are listed too (readable False, problem says why),
    so the chair sees that they exist and why they cannot be restored.
    """
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    infos = [backup_info(p) for p in folder.glob("*.db") if p.is_file()]
    return sorted(infos, key=lambda i: (i.taken_at, i.path.name), reverse=True)


# ---------------------------------------------------------------- restoring

def _union_label(name: str, code: str) -> str:
    label = f"“{name or '（未填写名称）'}”"
    return f"{label}（统一社会信用代码 {code}）" if code else label


def _other_union(current: tuple[str, str], backup_union: tuple[str, str]) -> bool:
    (name_a, code_a), (name_b, code_b) = current, backup_union
    if code_a.strip() and code_b.strip() and code_a.strip().upper() != code_b.strip().upper():
        return True
    return bool(name_a.strip() and name_b.strip() and name_a.strip() != name_b.strip())


def ensure_not_open(db_path: str | os.PathLike, *, timeout: float = 2.0) -> None:
    """Raise InUse unless no connection, of this process or another, has the file open.

    In WAL mode every open connection holds a shared lock on the file, and leaving
    WAL mode needs them all gone: switching to journal_mode=DELETE (which first
    folds the -wal into the file, changing no data) succeeds only when we are alone.
    A damaged file nobody can use passes.
    """
    db_path = Path(db_path)
    message = (
        f"数据文件 {db_path} 仍被打开（本程序的窗口或后台任务，或其他程序），现在不能恢复。"
        "请先关闭使用它的程序后重试；文件未作任何改动。"
    )
    try:
        conn = sqlite3.connect(str(db_path), timeout=timeout)
    except sqlite3.Error:
        return
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.Error as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise InUse(message, db_path) from None
        return  # not a database SQLite can use: nobody can have it open for work
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise InUse(message, db_path)


def _keep_copy(db_path: Path, safety: Path) -> Path:
    """The 恢复前 copy: through SQLite when it can read the file, else the raw bytes (with the -wal)."""
    try:
        return backup(db_path, safety)
    except DatabaseError:
        safety.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_path, safety)
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            shutil.copy2(wal, Path(f"{safety}-wal"))
        return safety


def restore(
    db_path: str | os.PathLike,
    backup_file: str | os.PathLike,
    *,
    confirm_other_union: bool = False,
    timeout: float = 2.0,
) -> RestoreResult:
    """Replace the database with a backup, first keeping a 恢复前 copy of the current file.

    The caller closes every connection to `db_path` first (the GUI closes its
    connection, calls restore, then reopens with open_database); restore checks
    that none is open, in this process or another, and raises InUse otherwise,
    before touching anything. The backup is checked first too (a readable Union
    Ledger file, not newer, not damaged), and a backup of another union (other
    统一社会信用代码 or name) raises OtherUnion unless confirm_other_union.
    The target's -wal, -shm and -journal are removed before the restored file is
    moved in: SQLite would replay a stale -wal onto the backup and break it.
    An older backup is migrated (with its own 升级前 copy) and the restore is
    recorded in the audit log of the restored file.
    """
    from models import audit
    from models.migrations import MIGRATIONS
    from models.paths import file_identity

    db_path = Path(db_path)
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise MissingFile(f"备份文件 {backup_file} 不存在。请检查文件位置。", backup_file)
    if db_path.exists() and file_identity(db_path) == file_identity(backup_file):
        raise DatabaseError(f"{backup_file} 就是当前的数据文件本身，不能用它来恢复。请选择“备份”文件夹中的备份文件。", backup_file)
    try:
        version, name, code, members = _read_ledger(backup_file)
    except Corrupt:
        raise Corrupt(_damaged(backup_file), backup_file) from None
    info = backup_info(backup_file)
    if version > len(MIGRATIONS):
        raise NewerVersion(
            f"备份文件 {backup_file} 来自更新版本的工会台账（数据版本 {version}，本程序支持到 {len(MIGRATIONS)}），"
            "请先升级程序再恢复；数据文件未作任何改动。",
            backup_file,
            version=version,
            latest=len(MIGRATIONS),
        )
    conn = connect_readonly(backup_file)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        conn.close()
    if problems != ["ok"]:
        raise Corrupt(_damaged(backup_file, f"技术信息：{problems[0]}"), backup_file)

    if db_path.exists() and db_path.stat().st_size > 0:
        try:
            _, current_name, current_code, _ = _read_ledger(db_path)
        except DatabaseError:  # a damaged or foreign file: nothing to compare with
            current_name = current_code = ""
        if not confirm_other_union and _other_union((current_name, current_code), (name, code)):
            raise OtherUnion(
                f"备份文件 {backup_file.name} 属于{_union_label(name, code)}，"
                f"而当前数据文件 {db_path} 属于{_union_label(current_name, current_code)}。"
                "确实要用另一个工会的备份替换当前数据吗？请确认后再恢复；现在未作任何改动。",
                backup_file,
                current=current_name,
                other=name,
            )
    safety: Path | None = None
    if db_path.exists():
        ensure_not_open(db_path, timeout=timeout)
        safety = _keep_copy(db_path, backup_dir(db_path) / f"{db_path.stem}-恢复前-{stamp()}.db")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = backup(backup_file, db_path.with_name(db_path.name + ".restoring"))
    try:
        with translating(db_path):
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            os.replace(staged, db_path)
    finally:
        staged.unlink(missing_ok=True)

    db = open_database(db_path)
    try:
        with db.atomic():
            audit.log_event(  # a restore is not a change of a record: an event of the ledger
                db,
                "database",
                0,
                f"从备份恢复：{backup_file.name}",
                details={
                    "restored_from": str(backup_file.resolve()),
                    "taken_at": info.taken_at.isoformat(timespec="seconds"),
                    "union_name": name,
                    "credit_code": code,
                    "members": members,
                    "data_version": version,
                    "safety_copy": str(safety) if safety else None,
                },
            )
    finally:
        db.close()
    return RestoreResult(path=db_path, restored=info, safety=safety)
