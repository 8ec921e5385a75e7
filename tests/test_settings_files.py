"""设置 › 数据与备份: a backup to a place the chair picks (a USB stick), and opening another
data file from the running window, which keeps the current file open when the other
cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models.members import add_member
from tests.conftest import make_id, member


def _ledger(path: Path, names: list[str]) -> Path:
    db = dbmod.open_database(path)
    for n, name in enumerate(names, start=1):
        add_member(db, member(name, id_number=make_id(seq=n)))
    db.close()
    return path


@pytest.fixture
def window(qapp, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    told: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, k=kind: told.append((title, text)))
    path = _ledger(tmp_path / "本单位.db", ["张伟", "王芳"])
    w = MainWindow(db_path=path)
    qtbot.addWidget(w)
    w.open_ledger(dbmod.open_database(path), path)
    w.told = told
    yield w
    w.close_ledger()


def test_backup_to_a_chosen_place_is_a_whole_ledger(window, tmp_path, monkeypatch):
    import ui.pages.settings as settings

    stick = tmp_path / "U盘"
    stick.mkdir()
    target = stick / "工会台账备份.db"
    asked = []
    monkeypatch.setattr(settings, "get_save_file_name", lambda parent, caption, start, flt: (asked.append(start) or str(target), flt))
    page = window.go("settings")
    page.backup_elsewhere()
    assert Path(asked[0]).name.startswith("本单位-备份-") and asked[0].endswith(".db")
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 2
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    assert window.told[-1][0] == "备份完成" and str(target) in window.told[-1][1]


def test_a_backup_that_cannot_be_written_says_so_and_names_the_file(window, tmp_path, monkeypatch):
    import ui.pages.settings as settings

    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x")
    target = blocker / "备份.db"  # its "folder" is a file: nothing can be written there
    monkeypatch.setattr(settings, "get_save_file_name", lambda *a: (str(target), ""))
    window.go("settings").backup_elsewhere()
    title, text = window.told[-1]
    assert title == "备份失败" and "备份" in text and "恢复" not in text
    assert window.ctx is not None and window.ctx.db.execute("SELECT count(*) FROM members").fetchone()[0] == 2


def test_cancelling_the_backup_dialog_writes_nothing(window, tmp_path, monkeypatch):
    import ui.pages.settings as settings

    monkeypatch.setattr(settings, "get_save_file_name", lambda *a: ("", ""))
    window.go("settings").backup_elsewhere()
    assert window.told == []


def test_another_data_file_opens_in_the_window(window, tmp_path):
    other = _ledger(tmp_path / "另一个工会.db", ["李强", "赵敏", "孙丽"])
    assert window.open_other_ledger(other)
    assert window.ctx.db_path == other
    assert other.name in window.windowTitle()
    assert {r[0] for r in window.ctx.db.execute("SELECT name FROM members")} == {"李强", "赵敏", "孙丽"}
    page = window.go("members")
    page.refresh()


def test_a_file_that_is_not_a_ledger_leaves_the_current_one_open(window, tmp_path):
    before = window.ctx
    junk = tmp_path / "花名册.db"
    junk.write_bytes(b"PK\x03\x04 this is a workbook, not a ledger" * 50)
    assert not window.open_other_ledger(junk)
    assert window.ctx is before and window.ctx.db_path.name == "本单位.db"
    title, text = window.told[-1]
    assert title == "无法打开数据文件" and "本单位.db" in text and "仍然打开" in text
    assert window.ctx.db.execute("SELECT count(*) FROM members").fetchone()[0] == 2


def test_the_file_already_open_is_not_opened_twice(window):
    assert not window.open_other_ledger(window.ctx.db_path)
    assert "就是当前打开的数据文件" in window.told[-1][1]


def test_the_instance_lock_moves_with_the_file(window, tmp_path, monkeypatch):
    """Another window holding the other file refuses it; once opened, the old file's lock is free."""
    import models.paths
    from ui.app import LedgerHold, instance_lock

    locks = tmp_path / "locks"
    monkeypatch.setattr(models.paths, "data_dir", lambda: locks)
    first = window.ctx.db_path
    window.hold = LedgerHold(instance_lock(first, locks), first)
    other = _ledger(tmp_path / "另一个工会.db", ["李强"])
    elsewhere = instance_lock(other, locks)  # another window has it
    assert not window.open_other_ledger(other)
    assert "另一个窗口" in window.told[-1][1] and window.ctx.db_path == first
    elsewhere.unlock()
    assert window.open_other_ledger(other)
    assert window.hold.path == other
    again = instance_lock(first, locks)
    assert again is not None  # the first file is free for another window now
    again.unlock()
    window.hold.lock.unlock()
