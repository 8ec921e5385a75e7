"""Opening the union's database file: checks, connection settings, migrations.

A Union Ledger file is a SQLite database whose `application_id` is APP_ID and
whose `user_version` is the number of the last migration applied. Before anything
writes to a file we look at it read-only, and we judge it by what SQLite reads
(together with its -wal), never by the header alone: a checkpoint that was cut
short leaves a header that promises more pages than the file holds, yet SQLite
reads such a file whole from its -wal.

Every refusal is a DatabaseError subclass (models/file_errors.py, re-exported
here) whose message is Chinese, names the file and says what to do; only Corrupt
advises restoring from a backup. Backups and restore live in models/backups.py.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any, Iterator

from sqlite_utils import Database

from models.file_errors import (  # noqa: F401  (re-exported: callers import them from models.db)
    Corrupt,
    DatabaseError,
    DiskFull,
    EmptyFile,
    InUse,
    MigrationFailed,
    MissingFile,
    NeedsUpgrade,
    NewerVersion,
    NotLedgerFile,
    ReadOnly,
    corrupt_message,
    explain,
    in_use_message,
    translate_error,
    translating,
)

APP_ID = 0x554C4447  # 'ULDG'
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 10.0  # seconds a writer waits for another program's write to finish (read at call time)


# ---------------------------------------------------------------- connections

class LedgerDatabase(Database):
    """A sqlite-utils Database that knows its file and begins writes with BEGIN IMMEDIATE.

    Python's sqlite3 (and sqlite-utils' atomic()) begin a deferred transaction. In
    WAL mode a deferred transaction that reads and then writes gets SQLITE_BUSY at
    once when another connection wrote meanwhile: the busy timeout never applies,
    so an import while the GUI saves failed with "database is locked". BEGIN
    IMMEDIATE takes the write lock first, so a writer waits its turn (busy_timeout)
    and then reads the latest data. Nested atomic() blocks are savepoints.
    Low-level errors of a write (locked, read-only, full, corrupt) leave as the
    Chinese DatabaseError subclasses; other errors (constraints) pass unchanged.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: str | os.PathLike,
        *,
        readonly_reason: str = "",
        snapshot_uri: str = "",
    ) -> None:
        super().__init__(conn, execute_plugins=False)
        self.path = Path(path)
        # Why this database was opened read-only ("" when it may be written): browsing
        # and printing work, any write raises ReadOnly naming this reason.
        self.readonly_reason = readonly_reason
        # An older file opened read-only is migrated in a shared in-memory copy; its URI
        # lets other threads' connections (another()) read the same copy.
        self.snapshot_uri = snapshot_uri

    @property
    def snapshot(self) -> bool:
        return bool(self.snapshot_uri)

    def another(self) -> LedgerDatabase:
        """A new connection of the same kind (read-write, read-only or the in-memory copy).

        sqlite3 connections do not cross threads: a worker (PDF, export) opens its own
        with this, and so reads what this one reads even when the file is read-only.
        """
        if not self.readonly:
            return connect(self.path)
        if self.snapshot:
            conn = sqlite3.connect(self.snapshot_uri, uri=True)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA query_only = ON")
        else:
            conn = connect_readonly(self.path)
        return LedgerDatabase(conn, self.path, readonly_reason=self.readonly_reason, snapshot_uri=self.snapshot_uri)

    @property
    def readonly(self) -> bool:
        return bool(self.readonly_reason)

    @property
    def readonly_message(self) -> str:
        """The sentence the window shows while the file is open read-only ("" otherwise)."""
        if not self.readonly:
            return ""
        return f"数据文件 {self.path} {self.readonly_reason}，已以只读方式打开：可以浏览和打印，不能修改。"

    def _translated(self, exc: BaseException) -> BaseException:
        translated = translate_error(exc, self.path, readonly_reason=self.readonly_reason)
        return exc if translated is None else translated

    @contextlib.contextmanager
    def atomic(self) -> Iterator[LedgerDatabase]:  # type: ignore[override]
        if self.conn.in_transaction:
            with super().atomic():  # a savepoint inside the caller's transaction
                yield self
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc
        try:
            yield self
        except BaseException as exc:
            self.rollback()
            translated = self._translated(exc)
            if translated is exc:
                raise
            raise translated from exc
        try:
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.rollback()
            translated = self._translated(exc)
            if translated is exc:
                raise
            raise translated from exc


def connect(path: str | os.PathLike, *, timeout: float | None = None) -> LedgerDatabase:
    """A read-write connection with the settings every connection needs (no checks, no migration).

    For a second connection to a file that open_database() already accepted,
    e.g. in a worker thread. Writers wait up to `timeout` seconds (DEFAULT_TIMEOUT)
    for each other, then get InUse.
    """
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    with translating(path):
        conn = sqlite3.connect(str(path), timeout=timeout)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
    return LedgerDatabase(conn, path)


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def _header(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(100)
    except PermissionError:
        raise DatabaseError(f"没有权限读取数据文件 {path}。请检查文件的访问权限。", path) from None


def _folder_writable(path: Path) -> bool:
    return os.access(path.resolve().parent, os.W_OK)


def connect_readonly(path: str | os.PathLike, *, timeout: float | None = None) -> sqlite3.Connection:
    """A connection that only reads and leaves the file and its folder as they were.

    SQLite's rules for reading a WAL database read-only (https://sqlite.org/wal.html,
    "Read-Only Databases") shape this:
    - rollback-journal file: `mode=ro` creates nothing;
    - WAL file with its -wal present (another program is using it, or a checkpoint
      was cut short): `mode=ro` reads the -wal too; it needs the -shm present or a
      writable folder to create it. Without both we cannot read the -wal safely,
      and `immutable=1` would ignore it and show stale (even broken) pages: refuse;
    - WAL file without a -wal: `mode=ro` would create -wal and -shm and leave them
      behind. With a writable file and folder a normal connection that may not
      write (query_only) creates them and removes them again when it closes; when
      nothing here can be written nobody can add a -wal either, so `immutable=1`.
    """
    path = Path(path)
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    header = _header(path)
    wal_mode = len(header) >= 20 and header[18] == 2 and header[19] == 2
    wal = Path(f"{path}-wal")
    shm = Path(f"{path}-shm")
    with translating(path):
        if not wal_mode:
            conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, timeout=timeout)
        elif wal.exists():
            if not shm.exists() and not _folder_writable(path):
                raise ReadOnly(
                    f"数据文件 {path} 旁有尚未并入的日志文件 {wal.name}，但缺少 {shm.name} 且文件夹不可写，无法安全读取。"
                    "请把数据文件连同同名的 -wal 文件一起复制到可写的文件夹后再打开。",
                    path,
                )
            conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, timeout=timeout)
        elif os.access(path, os.W_OK) and _folder_writable(path):
            conn = sqlite3.connect(str(path), timeout=timeout)
            conn.execute("PRAGMA query_only = ON")
        else:
            conn = sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout)
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


# ---------------------------------------------------------------- judging a file

def _header_suspicious(header: bytes, size: int) -> bool:
    """True when the header promises more than the file holds: worth asking SQLite.

    Not a verdict: a WAL checkpoint writes page 1 (with the new page count) before
    the pages that extend the file, so a checkpoint cut short by a crash, a kill or
    a full disk leaves this state in a file SQLite reads whole from its -wal.
    """
    if len(header) < 100 or size % 512 != 0:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header page count is only valid when the two change counters agree.
    valid = header[24:28] == header[92:96] and pages > 0
    return valid and size < pages * page_size


def inspect_file(path: str | os.PathLike, *, adopt_empty: bool = False) -> int:
    """The schema version of a file we may open (0 for a new file or an empty SQLite database).

    Looks only, through a read-only connection; raises a DatabaseError subclass
    otherwise: NotLedgerFile, Corrupt, InUse, EmptyFile (a 0-byte file, unless
    adopt_empty), ReadOnly (a new file in a folder we cannot write).
    """
    path = Path(path)
    if not path.exists():
        if path.parent.exists() and not os.access(path.parent, os.W_OK):
            raise ReadOnly(f"文件夹 {path.parent} 不可写，无法创建数据文件。请选择可写的文件夹（如“文档”）。", path)
        return 0
    if path.is_dir():
        raise NotLedgerFile(f"{path} 是一个文件夹，不是数据文件。请选择工会台账的数据文件（.db）。", path)
    size = path.stat().st_size
    if size == 0:
        if adopt_empty:
            return 0
        raise EmptyFile(
            f"数据文件 {path} 是空文件（0 字节），里面没有任何数据，可能是复制或保存没有完成。"
            "请确认选择的文件是否正确；如确实要把它作为新的台账使用，请先确认（或删除这个空文件，程序会自动新建）。",
            path,
        )
    header = _header(path)
    if not header.startswith(SQLITE_MAGIC):
        raise NotLedgerFile(f"{path} 不是工会台账的数据文件（也不是 SQLite 数据库），未作任何改动。请选择工会台账的数据文件。", path)
    if len(header) < 100:
        raise Corrupt(corrupt_message(path, "文件头不完整"), path)
    conn = connect_readonly(path)
    try:
        with translating(path):
            if _header_suspicious(header, size):
                problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
                if problems != ["ok"]:
                    raise Corrupt(corrupt_message(path, f"完整性检查未通过，技术信息：{problems[0]}"), path)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    finally:
        conn.close()
    if app_id != APP_ID:
        if app_id == 0 and tables == 0 and version == 0:
            return 0
        raise NotLedgerFile(f"{path} 是其他程序的数据库，不是工会台账的数据文件，未作任何改动。请选择工会台账的数据文件。", path)
    return version


def _newer(path: Path, version: int, latest: int) -> NewerVersion:
    return NewerVersion(
        f"数据文件 {path} 由更新版本的工会台账创建（数据版本 {version}，本程序支持到 {latest}）。"
        "请升级程序后再打开；文件未作任何改动。",
        path,
        version=version,
        latest=latest,
    )


def not_writable_reason(path: str | os.PathLike) -> str:
    """Why we may not write the file (Chinese), or "" when we may."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return "被设为只读或没有写入权限"
    if not _folder_writable(path):
        return "所在文件夹不可写"
    return ""


# ---------------------------------------------------------------- opening

def open_database(
    path: str | os.PathLike,
    *,
    migrate: bool = True,
    readonly: bool = False,
    allow_readonly: bool = False,
    adopt_empty: bool = False,
    timeout: float | None = None,
) -> LedgerDatabase:
    """Open (or create) a Union Ledger file and bring its schema up to date.

    readonly=True: never write (check, export, print): the file and its folder are
    left byte for byte as they were; a file of an older version is migrated in a
    copy in memory. allow_readonly=True: a file (or folder) we cannot write is
    opened read-only instead of refused; db.readonly and db.readonly_reason say so.
    adopt_empty=True: a 0-byte file becomes a new ledger (the GUI asks first).

    Raises a DatabaseError subclass, the file untouched: NotLedgerFile, NewerVersion,
    Corrupt, InUse, ReadOnly, EmptyFile, MissingFile (read-only, no file), NeedsUpgrade
    (migrate=False), DiskFull or MigrationFailed. Before migrating an existing
    file, a backup is taken beside it.
    """
    from models.migrations import MIGRATIONS

    path = Path(path)
    latest = len(MIGRATIONS)
    if readonly:
        return _open_readonly(path, latest, timeout=timeout)
    created = not path.exists()
    version = inspect_file(path, adopt_empty=adopt_empty)
    if version > latest:
        raise _newer(path, version, latest)
    if version < latest and not migrate:
        raise NeedsUpgrade(f"数据文件 {path} 的数据版本为 {version}，需要升级到 {latest}。", path)
    reason = "" if created else not_writable_reason(path)
    if reason:
        if not allow_readonly:
            raise ReadOnly(
                f"数据文件 {path} 不可写（{reason}）。请把它复制到可写的文件夹（如“文档”），"
                "或在文件属性中取消“只读”后再打开；文件未作任何改动。",
                path,
            )
        return _open_readonly(path, latest, timeout=timeout, reason=reason)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise ReadOnly(f"无法创建文件夹 {path.parent}，数据文件无法保存在这里。请选择可写的文件夹。", path) from None
    if 0 < version < latest:
        from models.backups import backup, backup_dir, stamp

        with translating(path):
            backup(path, backup_dir(path) / f"{path.stem}-升级前-v{version}-{stamp()}.db")
    try:
        db = connect(path, timeout=timeout)
    except ReadOnly:
        if created or not allow_readonly:
            raise
        return _open_readonly(path, latest, timeout=timeout, reason="不可写入")
    try:
        migrate_to(db, latest)
    except BaseException:
        db.close()
        if created:  # our own half-made file must not come back as an "empty file" next time
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                leftover.unlink(missing_ok=True)
        raise
    return db


def _open_readonly(path: Path, latest: int, *, timeout: float | None, reason: str = "") -> LedgerDatabase:
    """A read-only LedgerDatabase; `reason` says why (shown in the window), default: asked for."""
    reason = reason or "仅供查看和打印"
    if not path.exists():
        raise MissingFile(f"数据文件 {path} 不存在。请检查文件位置。", path)
    version = inspect_file(path)
    if version == 0:
        raise EmptyFile(f"数据文件 {path} 中还没有任何台账数据，没有可读取的内容。", path)
    if version > latest:
        raise _newer(path, version, latest)
    conn = connect_readonly(path, timeout=timeout)
    if version == latest:
        return LedgerDatabase(conn, path, readonly_reason=reason)
    # An older file we may not change: bring a copy in memory up to date, so that
    # browsing and printing work; the file itself stays as it is.
    uri = f"file:ul-snapshot-{uuid.uuid4().hex}?mode=memory&cache=shared"
    try:
        memory = sqlite3.connect(uri, uri=True)
        with translating(path):
            conn.backup(memory)
    finally:
        conn.close()
    memory.execute("PRAGMA foreign_keys = ON")
    db = LedgerDatabase(memory, path, snapshot_uri=uri)
    migrate_to(db, latest)
    memory.execute("PRAGMA query_only = ON")
    db.readonly_reason = reason
    return db


def migrate_to(db: LedgerDatabase, latest: int) -> None:
    """Apply the missing migrations, each in one write transaction recorded in user_version.

    Foreign keys are switched off around each migration (PRAGMA foreign_keys is a
    no-op inside a transaction, so before BEGIN): SQLite's 12-step table rebuild
    drops and renames tables that others refer to. PRAGMA foreign_key_check runs
    before COMMIT; a migration that broke a link is rolled back (MigrationFailed).
    The version is read again inside the transaction: another program may have
    migrated the file while we waited for the write lock.
    """
    from models.migrations import MIGRATIONS

    for number in range(1, latest + 1):
        if db.execute("PRAGMA user_version").fetchone()[0] >= number:
            continue
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            with db.atomic():
                if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                    continue
                MIGRATIONS[number - 1](db)
                problems = db.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    table, rowid, parent = problems[0][0], problems[0][1], problems[0][2]
                    raise MigrationFailed(
                        f"升级数据文件 {db.path} 到数据版本 {number} 时发现 {len(problems)} 处记录关联错误"
                        f"（如 {table} 表第 {rowid} 行指向不存在的 {parent} 记录），升级已撤销，文件保持原样。"
                        "请把这条信息告知技术支持。",
                        db.path,
                    )
                db.execute(f"PRAGMA application_id = {APP_ID}")
                db.execute(f"PRAGMA user_version = {number}")
        finally:
            db.execute("PRAGMA foreign_keys = ON")


# ---------------------------------------------------------------- checking

def check(db: Database) -> dict[str, Any]:
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


def check_file(path: str | os.PathLike) -> dict[str, Any]:
    """check() on a file without changing it; its version is reported, even a newer one.

    Raises MissingFile, NotLedgerFile, EmptyFile, InUse, or Corrupt when SQLite
    cannot read it at all; damage SQLite can still describe comes back in
    "integrity" with integrity_ok False.
    """
    path = Path(path)
    if not path.exists():
        raise MissingFile(f"数据文件 {path} 不存在。请检查文件位置。", path)
    if inspect_file(path) == 0:
        raise EmptyFile(f"数据文件 {path} 中还没有任何台账数据。", path)
    conn = connect_readonly(path)
    try:
        with translating(path):
            return check(Database(conn, execute_plugins=False))
    finally:
        conn.close()


_MOVED_TO_BACKUPS = {"backup", "backup_dir", "daily_backup", "restore", "list_backups", "BACKUP_KEEP", "BackupInfo", "OtherUnion"}


def __getattr__(name: str) -> Any:
    # Backups moved to models/backups.py; old imports (`from models.db import backup`) keep working.
    # Lazily, since models.backups imports this module.
    if name in _MOVED_TO_BACKUPS:
        from models import backups

        return getattr(backups, name)
    if name == "_stamp":
        from models.backups import stamp

        return stamp
    raise AttributeError(name)
