"""Attachments of disclosures: stored once per content beside the database, never half-copied,
refused clearly when missing, unreadable or over 50 MB, and carried through backup and restore."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from models import audit
from models import disclosure as dc
from models import disclosure_files as files
from models.backups import backup, backup_dir, daily_backup, restore
from models.db import open_database
from tests.test_disclosure import dump, refused


def store(db_path: Path) -> list[str]:
    folder = files.store_dir(db_path)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def item_id(db) -> int:
    return dc.add_item(db, dc.Item("2026年3月工资发放情况", "interests", ["board"], "2026-04-08"))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_the_same_content_is_stored_once(db, db_path, tmp_path, item_id):
    other = dc.add_item(db, dc.Item("集体合同", "interests", ["congress"], "2026-04-01"))
    notice = write(tmp_path / "通知.pdf", b"%PDF-1.4 notice")
    same = write(tmp_path / "同一份通知.PDF", b"%PDF-1.4 notice")
    rules = write(tmp_path / "实施细则.docx", b"rules")
    a = files.add_attachment(db, item_id, notice)
    b = files.add_attachment(db, other, same)
    c = files.add_attachment(db, item_id, rules)
    sha = hashlib.sha256(b"%PDF-1.4 notice").hexdigest()
    assert store(db_path) == sorted([f"{sha}.pdf", f"{hashlib.sha256(b'rules').hexdigest()}.docx"])
    rows = {r["id"]: r for r in db.query("SELECT * FROM disclosure_attachments")}
    assert rows[a]["stored_name"] == rows[b]["stored_name"] == f"{sha}.pdf" and rows[c]["size"] == 5
    assert [r["file_name"] for r in files.attachments(db, item_id)] == ["通知.pdf", "实施细则.docx"]
    stored = files.stored_path(db, a)
    assert not os.access(stored, os.W_OK) or os.getuid() == 0  # read-only (root may write anyway)
    assert not stored.stat().st_mode & 0o222
    copy = files.viewing_copy(db, b)
    assert copy.name == "同一份通知.PDF" and copy.read_bytes() == b"%PDF-1.4 notice"
    copy.write_bytes(b"edited in the viewer")  # editing what was opened leaves the record alone
    assert files.stored_path(db, b).read_bytes() == b"%PDF-1.4 notice"
    assert files.attachment_counts(db) == {item_id: 2, other: 1}


def test_a_replaced_attachment_is_kept(db, db_path, tmp_path, item_id):
    first = files.add_attachment(db, item_id, write(tmp_path / "名单.xlsx", b"v1"))
    second = files.replace_attachment(db, first, write(tmp_path / "名单（更正）.xlsx", b"v2"))
    rows = {r["id"]: r for r in files.attachments(db, item_id)}
    assert rows[first]["replaced_by"] == second and rows[second]["replaces_id"] == first
    assert files.stored_path(db, first).read_bytes() == b"v1"  # the old file stays
    assert files.attachment_counts(db) == {item_id: 1}
    refused(db, lambda: files.replace_attachment(db, first, tmp_path / "名单（更正）.xlsx"), "附件", "已被替换")
    files.void_attachment(db, second, "上传错了")
    assert files.attachment_counts(db) == {item_id: 1}  # the first is in force again
    with pytest.raises(Exception, match="不能修改"):
        with db.atomic():
            db.execute("UPDATE disclosure_attachments SET sha256 = 'x' WHERE id = ?", (first,))


def _no_leftovers(db_path: Path, before: list[str]) -> None:
    assert store(db_path) == before
    assert not any(name.startswith(".partial") for name in store(db_path))


def test_missing_unreadable_and_oversized_files_are_refused_and_nothing_is_left(db, db_path, tmp_path, item_id, monkeypatch):
    files.add_attachment(db, item_id, write(tmp_path / "ok.txt", b"ok"))
    before = store(db_path)
    refused(db, lambda: files.add_attachment(db, item_id, tmp_path / "不存在.pdf"), "附件", "不存在")
    refused(db, lambda: files.add_attachment(db, item_id, tmp_path), "附件", "不是文件")
    refused(db, lambda: files.add_attachment(db, item_id, ""), "附件", "请选择")
    big = tmp_path / "录像.mp4"
    with open(big, "wb") as f:
        f.truncate(files.MAX_BYTES + 1)
    refused(db, lambda: files.add_attachment(db, item_id, big), "附件", "50 MB")
    exactly = tmp_path / "刚好.bin"
    with open(exactly, "wb") as f:
        f.truncate(files.MAX_BYTES)
    _no_leftovers(db_path, before)

    def unreadable(path, mode="r", *a, **kw):
        if "r" in mode and Path(path).name == "ok.txt":
            raise PermissionError(13, "拒绝访问")
        return open(path, mode, *a, **kw)

    monkeypatch.setattr(files, "open", unreadable, raising=False)
    refused(db, lambda: files.add_attachment(db, item_id, tmp_path / "ok.txt"), "附件", "无法读取")
    monkeypatch.undo()
    _no_leftovers(db_path, before)
    files.add_attachment(db, item_id, exactly)  # 50 MB itself is allowed
    assert len(store(db_path)) == len(before) + 1


def test_a_copy_that_fails_half_way_leaves_nothing(db, db_path, tmp_path, item_id, monkeypatch):
    files.add_attachment(db, item_id, write(tmp_path / "a.txt", b"a"))
    before = store(db_path)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    refused(db, lambda: files.add_attachment(db, item_id, write(tmp_path / "b.txt", b"b" * 3_000_000)), "附件", "无法读取或复制")
    monkeypatch.undo()
    _no_leftovers(db_path, before)

    def refuse_row(*a, **kw):
        raise RuntimeError("the row could not be written")

    monkeypatch.setattr(audit, "insert_row", refuse_row)
    before_dump = dump(db)
    with pytest.raises(RuntimeError):
        files.add_attachment(db, item_id, write(tmp_path / "c.txt", b"c"))
    assert dump(db) == before_dump
    _no_leftovers(db_path, before)  # the file nobody refers to was taken back


def test_a_voided_item_takes_no_attachment(db, tmp_path, item_id):
    dc.void_item(db, item_id, "重复")
    refused(db, lambda: files.add_attachment(db, item_id, write(tmp_path / "x.txt", b"x")), "厂务公开事项", "已作废")


def test_attachments_survive_backup_and_restore(db, db_path, tmp_path, item_id):
    a = files.add_attachment(db, item_id, write(tmp_path / "通知.pdf", b"notice"))
    b = files.add_attachment(db, item_id, write(tmp_path / "名单.xlsx", b"list"))
    taken = backup(db, backup_dir(db_path) / "手动备份.db")
    assert sorted(p.name for p in (backup_dir(db_path) / files.FOLDER).iterdir()) == store(db_path)
    later = files.add_attachment(db, item_id, write(tmp_path / "later.txt", b"after the backup"))
    daily = daily_backup(db, db_path)  # a second backup adds only the new file
    assert daily is not None and len(list((backup_dir(db_path) / files.FOLDER).iterdir())) == 3
    db.close()
    for p in files.store_dir(db_path).iterdir():  # the attachments folder is lost
        os.chmod(p, 0o600)
        p.unlink()
    restore(db_path, taken)
    again = open_database(db_path)
    try:
        assert files.stored_path(again, a).read_bytes() == b"notice"
        assert files.viewing_copy(again, b).read_bytes() == b"list"
        assert {r["id"] for r in files.attachments(again, item_id)} == {a, b}
        assert len(store(db_path)) == 2  # only what the restored books refer to
    finally:
        again.close()
    assert later  # (its file stays in the backups' folder, with the daily backup that refers to it)


def test_a_missing_stored_file_is_reported_not_opened(db, db_path, tmp_path, item_id):
    a = files.add_attachment(db, item_id, write(tmp_path / "通知.pdf", b"notice"))
    path = files.stored_path(db, a)
    os.chmod(path, 0o600)
    path.unlink()
    with pytest.raises(files.ValidationError, match="不在附件文件夹中"):
        files.viewing_copy(db, a)
