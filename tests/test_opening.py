"""The GUI's way out of a refused file, restore that reopens, read-only opening, truthful messages."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models import backups
from models import db as dbmod
from models.member_list import MemberFilter, list_members
from models.members import add_member
from models.org import get_profile, save_profile
from tests.conftest import make_id, member
from ui import opening
from ui.dialogs.backup_picker import BackupPicker

FIXTURES = Path(__file__).parent / "fixtures"


def _ledger(path: Path, names: list[str], union: str = "测试工会") -> Path:
    db = dbmod.open_database(path)
    p = get_profile(db)
    p.union_name = union
    save_profile(db, p)
    for n, name in enumerate(names, start=1):
        add_member(db, member(name, id_number=make_id(seq=n)))
    db.close()
    return path


def _count(db) -> int:
    return db.execute("SELECT count(*) FROM members").fetchone()[0]


@pytest.fixture
def quiet(monkeypatch):
    """Message boxes answer at once (offscreen there is nobody to click); returns what was said."""
    said: list[str] = []

    def record(title_index: int = 2):
        def box(*args, **kwargs):
            said.append(str(args[title_index]) if len(args) > title_index else "")
            return QMessageBox.StandardButton.Yes

        return box

    monkeypatch.setattr(QMessageBox, "information", record())
    monkeypatch.setattr(QMessageBox, "warning", record())
    monkeypatch.setattr(QMessageBox, "question", record())
    return said


def _pick_first(monkeypatch, picked: list | None = None) -> None:
    def exec_(self):
        self.chosen = next(b for b in self.backups if b.readable)
        if picked is not None:
            picked.append(self.chosen)
        return BackupPicker.DialogCode.Accepted

    monkeypatch.setattr(BackupPicker, "exec", exec_)


def test_every_refusal_offers_a_way_out_and_only_damage_offers_a_restore(tmp_path):
    p = tmp_path / "x.db"
    for exc in (dbmod.NotLedgerFile("", p), dbmod.NewerVersion("", p), dbmod.InUse("", p), dbmod.EmptyFile("", p)):
        actions = [a for a, _ in opening.choices_for(exc, has_backups=True)]
        assert opening.OTHER in actions and opening.QUIT in actions
    assert opening.RESTORE in [a for a, _ in opening.choices_for(dbmod.Corrupt("", p), has_backups=True)]
    assert opening.RESTORE not in [a for a, _ in opening.choices_for(dbmod.InUse("", p), has_backups=True)]
    assert opening.RESTORE not in [a for a, _ in opening.choices_for(dbmod.NewerVersion("", p), has_backups=True)]
    assert opening.RETRY in [a for a, _ in opening.choices_for(dbmod.InUse("", p), has_backups=False)]
    assert opening.ADOPT in [a for a, _ in opening.choices_for(dbmod.EmptyFile("", p), has_backups=False)]


def test_a_damaged_file_is_restored_from_the_list_of_backups_and_opened(qtbot, tmp_path, monkeypatch, quiet):
    path = _ledger(tmp_path / "工会.db", ["张伟", "王芳"])
    db = dbmod.open_database(path)
    made = backups.backup(db, backups.backup_dir(path) / f"{path.stem}-手动-20261120-101500.db")
    add_member(db, member("李强", id_number=make_id(seq=9)))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    with open(path, "r+b") as f:  # a copy that stopped half-way: the header promises pages that are gone
        f.truncate(4096 * 3)
    with pytest.raises(dbmod.Corrupt):
        dbmod.open_database(path)
    asked: list[str] = []

    def way_out(parent, exc, p):
        asked.append(type(exc).__name__)
        return opening.RESTORE

    monkeypatch.setattr(opening, "ask_way_out", way_out)
    picked: list = []
    _pick_first(monkeypatch, picked)
    opened = opening.open_interactively(None, path, choose_file=lambda parent, start: None)
    assert opened is not None
    db, where = opened
    assert asked == ["Corrupt"] and picked[0].path == made and where == path
    assert _count(db) == 2
    assert any("已恢复" in s and "2026年11月20日" in s for s in quiet)
    db.close()


def test_an_empty_file_is_adopted_only_when_the_chair_says_so(tmp_path, monkeypatch):
    path = tmp_path / "空.db"
    path.write_bytes(b"")
    answers = iter([opening.QUIT])
    monkeypatch.setattr(opening, "ask_way_out", lambda *a: next(answers))
    assert opening.open_interactively(None, path, choose_file=lambda *a: None) is None
    assert path.stat().st_size == 0  # refused: untouched
    answers = iter([opening.ADOPT])
    monkeypatch.setattr(opening, "ask_way_out", lambda *a: next(answers))
    db, _ = opening.open_interactively(None, path, choose_file=lambda *a: None)
    assert _count(db) == 0
    db.close()


def test_another_file_can_be_opened_instead(tmp_path, monkeypatch):
    bad = tmp_path / "别的程序.db"
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    good = _ledger(tmp_path / "工会.db", ["张伟"])
    monkeypatch.setattr(opening, "ask_way_out", lambda *a: opening.OTHER)
    db, where = opening.open_interactively(None, bad, choose_file=lambda parent, start: good)
    assert where == good and _count(db) == 1
    db.close()


def test_restore_in_the_window_closes_replaces_and_reopens(qtbot, tmp_path, monkeypatch, quiet):
    """Restoring an older backup while the window is open used to swap the file under the
    open connection: the window stayed on the old schema ("no such table")."""
    from ui.main_window import MainWindow

    path = _ledger(tmp_path / "工会.db", ["张伟", "王芳", "李强"], union="测试工会")
    older = backups.backup_dir(path) / f"{path.stem}-自动-20250101-090000.db"
    older.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "ledger-v2.db", older)  # a backup from release 2, of another union
    window = MainWindow(db_path=path)
    qtbot.addWidget(window)
    window.open_ledger(dbmod.open_database(path), path)
    members_page = window.go("members")
    assert members_page is not None
    monkeypatch.setattr("ui.opening.confirm_other_union", lambda parent, current, other: True)
    _pick_first(monkeypatch)
    assert window.restore_from_backup()
    assert window.ctx is not None and window.ctx.db_path == path
    assert _count(window.ctx.db) == 40  # the release-2 ledger's members
    assert len(list_members(window.ctx.db, MemberFilter())) == 40  # today's schema: the upgraded backup is usable
    page = window.go("members")
    page.refresh()
    assert list(backups.backup_dir(path).glob(f"{path.stem}-恢复前-*.db"))
    window.close_ledger()


def test_a_read_only_ledger_opens_with_a_banner(qtbot, tmp_path):
    from ui.main_window import MainWindow

    path = _ledger(tmp_path / "工会.db", ["张伟"])
    window = MainWindow(db_path=path)
    qtbot.addWidget(window)
    window.show()
    window.open_ledger(dbmod.open_database(path, readonly=True), path)
    assert window.ctx.read_only
    assert window.banner.isVisible() and "只读" in window.banner.text()
    assert "只读" in window.windowTitle()
    window.close_ledger()


def test_errors_about_the_file_get_their_own_message_not_a_crash_report(tmp_path):
    from ui.app import file_problem

    locked = file_problem(sqlite3.OperationalError("database is locked"))
    assert locked and "使用" in locked and "备份" not in locked
    full = file_problem(sqlite3.OperationalError("database or disk is full"))
    assert full and "磁盘" in full and "备份" not in full
    assert file_problem(dbmod.ReadOnly("此文件只读", tmp_path / "x.db")) == "此文件只读"
    assert file_problem(ValueError("bug")) is None


def test_the_list_of_backups_shows_each_column_whole(qtbot, tmp_path):
    """The chair picks a backup by its time and union: neither may end in “…”."""
    import datetime as dt

    from models.backups import BackupInfo

    info = BackupInfo(path=tmp_path / "x.db", taken_at=dt.datetime(2026, 11, 25, 9, 30), size=10_900_000, kind="自动",
                      readable=True, members=3000, union_name="郑州示例机械制造有限公司工会委员会", version=8)
    picker = BackupPicker(tmp_path / "ledger.db", backups=[info])
    qtbot.addWidget(picker)
    metrics = picker.table.fontMetrics()
    for column in range(picker.table.columnCount() - 1):  # the last one stretches
        text = picker.table.rows.text(0, column)
        assert picker.table.columnWidth(column) >= metrics.horizontalAdvance(text), text
