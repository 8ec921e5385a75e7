"""Attachments of disclosures: files copied into the folder 附件 beside the database.

Each file is stored once per content, named by its SHA-256 (plus its extension, so
the system opens it with the right program): the same notice attached to two items,
or twice, takes the room of one. A copy is written to a temporary name and renamed
only when whole, so a failure (a file over 50 MB, a read error, a full disk) leaves
nothing half-copied, and the database row is written only after the file is in
place. Stored files are made read-only and are opened through a copy under their
original name (viewing_copy), so editing what was opened cannot change the record.
Replacing an attachment adds a new row naming the old one, which stays.
Backups (models/backups.py) carry the files their database refers to (copy_files).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import uuid
from pathlib import Path

from sqlite_utils import Database

from models import audit, clock
from models import disclosure_fields  # noqa: F401  (labels of these tables)
from models.validation import ValidationError, parse_date

FOLDER = "附件"
MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")


def store_dir(db_file: str | os.PathLike) -> Path:
    """The attachments folder beside a database (or backup) file."""
    return Path(db_file).resolve().parent / FOLDER


def database_file(db: Database | sqlite3.Connection) -> Path | None:
    """The file behind a connection (None for an in-memory database)."""
    conn = db.conn if isinstance(db, Database) else db
    for _, name, path in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(path) if path else None
    return None


def _folder(db: Database) -> Path:
    path = database_file(db)
    if path is None:
        raise ValidationError("附件", "数据保存在内存中，不能保存附件")
    return store_dir(path)


def _source(path: object) -> Path:
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise ValidationError("附件", "请选择要添加的文件", key="file")
    source = Path(path)
    if not source.exists():
        raise ValidationError("附件", f"文件不存在：{source}（可能已被移动或删除）", key="file")
    if not source.is_file():
        raise ValidationError("附件", f"“{source.name}”不是文件（是文件夹或设备），请选择一个文件", key="file")
    return source


def _too_big(size: int) -> ValidationError:
    return ValidationError("附件", f"文件过大（{size / 1024 / 1024:.1f} MB），附件最大 {MAX_BYTES // 1024 // 1024} MB，请压缩或拆分后再添加", key="file")


def store_file(folder: Path, source: Path) -> tuple[str, str, int, bool]:
    """Copy `source` into the store: (sha256, stored name, size, newly stored).

    Nothing is left behind when it fails: the copy goes to a temporary name and is
    renamed only once whole and hashed."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ValidationError("附件", f"无法读取文件“{source.name}”（{exc.strerror or exc}）", key="file") from None
    if size > MAX_BYTES:
        raise _too_big(size)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".partial-{uuid.uuid4().hex}"
    digest = hashlib.sha256()
    copied = 0
    try:
        try:
            with open(source, "rb") as src, open(partial, "wb") as dst:
                while chunk := src.read(_CHUNK):
                    copied += len(chunk)
                    if copied > MAX_BYTES:  # the file grew while it was read
                        raise _too_big(copied)
                    digest.update(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        except OSError as exc:
            raise ValidationError("附件", f"无法读取或复制文件“{source.name}”（{exc.strerror or exc}）", key="file") from None
        sha = digest.hexdigest()
        existing = existing_name(folder, sha)
        if existing is not None:
            return sha, existing, copied, False
        suffix = _SUFFIX.search(source.name)
        name = sha + (suffix.group(0).lower() if suffix else "")
        os.replace(partial, folder / name)
        os.chmod(folder / name, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)  # never edited in place
        return sha, name, copied, True
    finally:
        partial.unlink(missing_ok=True)


def existing_name(folder: Path, sha: str) -> str | None:
    """The stored file of a content, whatever extension it was first stored with."""
    if not folder.is_dir():
        return None
    for p in folder.glob(f"{sha}*"):
        if p.name == sha or p.name.startswith(sha + "."):
            return p.name
    return None


def add_attachment(db: Database, item_id: int, path: str | os.PathLike, *, on: str | None = None, replaces: int | None = None) -> int:
    """Attach a file to an item (`replaces`: the attachment this one takes the place of)."""
    source = _source(path)
    added = parse_date("添加日期", on, key="added_on") or clock.today_iso()
    folder = _folder(db)
    item = audit.get_row(db, "disclosure_items", item_id)
    if item["voided_at"]:
        raise ValidationError("厂务公开事项", "已作废，不能添加附件")
    if replaces is not None:
        old = audit.get_row(db, "disclosure_attachments", replaces)
        if old["item_id"] != item_id:
            raise ValidationError("附件", "要替换的附件不属于本事项")
        if old["voided_at"] or replaced_by(db, replaces) is not None:
            raise ValidationError("附件", f"“{old['file_name']}”已被替换或作废，请替换其最新版本")
    sha, name, size, created = store_file(folder, source)
    try:
        with db.atomic():
            return audit.insert_row(
                db,
                "disclosure_attachments",
                {"item_id": item_id, "file_name": source.name, "sha256": sha, "stored_name": name, "size": size, "added_on": added,
                 "replaces_id": replaces, "created_at": audit.now()},
            )
    except BaseException:
        if created:  # the row was not written: the new file is nobody's
            _remove(folder / name)
        raise


def _remove(path: Path) -> None:
    try:
        os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
        path.unlink(missing_ok=True)
    except OSError:
        pass


def replace_attachment(db: Database, attachment_id: int, path: str | os.PathLike, *, on: str | None = None) -> int:
    """A new version of an attachment; the old one is kept and shown as replaced."""
    old = audit.get_row(db, "disclosure_attachments", attachment_id)
    return add_attachment(db, old["item_id"], path, on=on, replaces=attachment_id)


def replaced_by(db: Database, attachment_id: int) -> int | None:
    row = db.execute(
        "SELECT id FROM disclosure_attachments WHERE replaces_id = ? AND voided_at IS NULL ORDER BY id DESC LIMIT 1", (attachment_id,)
    ).fetchone()
    return row[0] if row else None


def void_attachment(db: Database, attachment_id: int, reason: str) -> None:
    """An attachment added by mistake; its file stays in the store (others may share it)."""
    audit.void_row(db, "disclosure_attachments", attachment_id, reason)


def attachments(db: Database, item_id: int) -> list[dict]:
    """An item's attachments, oldest first; each with replaced_by (the id of its newer version)."""
    rows = list(db.query("SELECT * FROM disclosure_attachments WHERE item_id = ? ORDER BY id", (item_id,)))
    newer = {r["replaces_id"]: r["id"] for r in rows if r["replaces_id"] and not r["voided_at"]}
    return [r | {"replaced_by": newer.get(r["id"])} for r in rows]


def attachment_counts(db: Database) -> dict[int, int]:
    """Item id → its attachments in force (neither voided nor replaced), for the register."""
    return dict(db.execute(
        "SELECT a.item_id, count(*) FROM disclosure_attachments a WHERE a.voided_at IS NULL AND NOT EXISTS ("
        "SELECT 1 FROM disclosure_attachments b WHERE b.replaces_id = a.id AND b.voided_at IS NULL) GROUP BY a.item_id"
    ).fetchall())


def stored_path(db: Database, attachment_id: int) -> Path:
    """The stored file of an attachment; a clear message when it is missing from the folder."""
    row = audit.get_row(db, "disclosure_attachments", attachment_id)
    path = _folder(db) / row["stored_name"]
    if not path.is_file():
        raise ValidationError("附件", f"附件“{row['file_name']}”的文件不在附件文件夹中（{path.parent}），请从备份恢复")
    return path


def viewing_copy(db: Database, attachment_id: int) -> Path:
    """A copy under the original file name in a temporary folder, to open with the system's program."""
    row = audit.get_row(db, "disclosure_attachments", attachment_id)
    source = stored_path(db, attachment_id)
    folder = Path(tempfile.gettempdir()) / "工会台账-附件" / str(attachment_id)
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in row["file_name"]) or source.name
    target = folder / safe
    if target.exists():
        _remove(target)
    shutil.copyfile(source, target)
    return target


# ---------------------------------------------------------------- backups

def referenced_files(conn: sqlite3.Connection) -> list[str]:
    """Stored names a database refers to (none in a file from before attachments)."""
    try:
        return [r[0] for r in conn.execute("SELECT DISTINCT stored_name FROM disclosure_attachments")]
    except sqlite3.Error:
        return []


def copy_files(conn: sqlite3.Connection, source_db: str | os.PathLike, target_db: str | os.PathLike) -> int:
    """Copy the attachments `conn` (the database at source_db) refers to into the folder
    beside target_db, skipping those already there; returns how many were copied.

    A backup takes them into 备份/附件 (shared by every backup: one file per content), a
    restore brings them back beside the database. Each is written whole or not at all."""
    names = referenced_files(conn)
    source, target = store_dir(source_db), store_dir(target_db)
    if not names or source == target:
        return 0
    copied = 0
    for name in names:
        if (target / name).is_file() or not (source / name).is_file():
            continue
        target.mkdir(parents=True, exist_ok=True)
        partial = target / f".partial-{uuid.uuid4().hex}"
        try:
            shutil.copyfile(source / name, partial)
            os.replace(partial, target / name)
            os.chmod(target / name, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)
        finally:
            partial.unlink(missing_ok=True)
        copied += 1
    return copied
