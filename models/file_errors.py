"""Errors about the database file, and the one place that explains low-level ones.

Every refusal to open a file, and every failed write the user can act on, is a
DatabaseError subclass whose message is Chinese, names the file and says what to
do. Only Corrupt advises restoring from a backup. translate_error()/explain() turn
a sqlite3 error met while reading or writing (locked, read-only, disk full,
damaged) into the matching one, for the CLI and the GUI alike. models.db
re-exports all of these.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path
from typing import Iterator


class DatabaseError(Exception):
    """A database file that cannot be used (or written); the message is Chinese and says why."""

    def __init__(self, message: str, path: str | os.PathLike | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class NotLedgerFile(DatabaseError):
    """Not SQLite at all, another program's database, or a folder."""


class NewerVersion(DatabaseError):
    """Written by a newer Union Ledger; the file is left untouched."""

    def __init__(self, message: str, path: str | os.PathLike | None = None, *, version: int = 0, latest: int = 0) -> None:
        super().__init__(message, path)
        self.version = version
        self.latest = latest


class NeedsUpgrade(DatabaseError):
    """An older data version and the caller asked not to migrate."""


class Corrupt(DatabaseError):
    """SQLite itself finds the file damaged; the only error that advises restoring a backup."""


class InUse(DatabaseError):
    """Another program (or another connection) holds the file longer than we wait."""


class ReadOnly(DatabaseError):
    """The file or its folder is not writable, or the database was opened read-only."""


class DiskFull(DatabaseError):
    """SQLITE_FULL: the disk (or a size limit) has no room; nothing was written."""


class EmptyFile(DatabaseError):
    """A 0-byte file we did not just create: perhaps a copy that never finished."""


class MissingFile(DatabaseError):
    """A file that a read-only command (or restore) needs does not exist."""


class MigrationFailed(DatabaseError):
    """A migration broke the links between records; it was rolled back."""


def _kind(exc: BaseException) -> str | None:
    """What a sqlite3 error means for the user: busy, readonly, full, corrupt, cantopen, ioerr."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        primary = code & 0xFF
        by_code = {5: "busy", 6: "busy", 8: "readonly", 13: "full", 11: "corrupt", 26: "corrupt", 14: "cantopen", 10: "ioerr"}
        return by_code.get(primary)
    text = str(exc).lower()
    for needle, kind in (
        ("is locked", "busy"),
        ("readonly database", "readonly"),
        ("database or disk is full", "full"),
        ("malformed", "corrupt"),
        ("file is not a database", "corrupt"),
        ("unable to open database file", "cantopen"),
        ("disk i/o error", "ioerr"),
    ):
        if needle in text:
            return kind
    return None


def in_use_message(path: str | os.PathLike) -> str:
    return (
        f"数据文件 {path} 正被另一个打开的程序使用（可能是另一个工会台账窗口，或正在打开它的其他软件），"
        "等待后仍未释放。请关闭那个程序后重试；刚才的操作没有完成，数据没有改动。"
    )


def translate_error(exc: BaseException, path: str | os.PathLike, *, readonly_reason: str = "") -> DatabaseError | None:
    """The DatabaseError that tells the user what a low-level error means, or None.

    One place for the CLI and the GUI: a sqlite3 error met while reading or writing
    (locked, read-only, disk full, corrupt) or an OSError (no space, no permission)
    becomes InUse / ReadOnly / DiskFull / Corrupt with a Chinese message naming
    the file. Errors that are not about the file (a CHECK constraint, a bug) give None.
    """
    if isinstance(exc, DatabaseError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFull(_full_message(path), path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnly(f"没有权限写入数据文件 {path}（文件为只读、被占用或所在文件夹不可写）。刚才的操作没有完成。", path)
        return None
    kind = _kind(exc)
    if kind == "busy":
        return InUse(in_use_message(path), path)
    if kind == "readonly":
        if readonly_reason:
            return ReadOnly(f"数据文件 {path} 是以只读方式打开的（{readonly_reason}），不能修改；刚才的修改没有保存。", path)
        return ReadOnly(
            f"数据文件 {path} 不可写（文件为只读，或所在文件夹没有写入权限），刚才的修改没有保存。"
            "请把数据文件复制到可写的文件夹，或取消文件的“只读”属性后重试。",
            path,
        )
    if kind == "full":
        return DiskFull(_full_message(path), path)
    if kind == "corrupt":
        return Corrupt(corrupt_message(path, "读取时发现数据页损坏"), path)
    if kind == "cantopen":
        return DatabaseError(f"无法打开数据文件 {path}（文件不存在、没有读取权限，或所在文件夹不可写）。请检查文件位置和权限。", path)
    if kind == "ioerr":
        return DatabaseError(f"读写数据文件 {path} 时磁盘出错（可能是U盘或网络盘断开）。刚才的操作没有完成；请检查磁盘后重试。", path)
    return None


def explain(exc: BaseException, path: str | os.PathLike) -> str:
    """A Chinese sentence for any error met while using the file at `path` (never a traceback)."""
    translated = translate_error(exc, path)
    if translated is not None:
        return str(translated)
    return f"操作没有完成（数据文件 {path}：{exc}）。已保存的数据不受影响。"


def _full_message(path: str | os.PathLike) -> str:
    return (
        f"磁盘空间已满，无法写入数据文件 {path}。刚才的修改没有保存，已有数据不受影响。"
        "请清理磁盘空间（或把数据文件移到空间充足的磁盘）后重试。"
    )


def corrupt_message(path: str | os.PathLike, detail: str) -> str:
    return (
        f"数据文件 {path} 已损坏（{detail}），不能继续使用。"
        "请从备份恢复（“设置”页的“从备份恢复”，或命令 restore）；损坏的文件未作任何改动。"
    )


@contextlib.contextmanager
def translating(path: str | os.PathLike, readonly_reason: str = "") -> Iterator[None]:
    """Re-raise low-level errors of the body as the matching DatabaseError."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        translated = translate_error(exc, path, readonly_reason=readonly_reason)
        if translated is None or translated is exc:
            raise
        raise translated from exc
