"""File dialogs leave the database's locks alone (Linux: POSIX locks, seen in /proc/locks).

A SQLite connection in WAL mode holds a shared fcntl lock on the database file (and
one on its -shm) for as long as it is open. fcntl locks belong to the process and any
close() of any descriptor of the file drops them all; Qt's file dialogs open the files
they list to guess their type. These tests browse the database's folder with the
dialog of ui.widgets.file_dialogs and check the locks are still there, and that
another process closing its connection therefore cannot delete the -wal.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import open_database

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX locks as listed in /proc/locks")

ROOT = Path(__file__).resolve().parent.parent


def our_locks(path: Path) -> list[str]:
    """This process's locks on the file's inode, as /proc/locks lines. Matched by inode
    number only: on overlay file systems the device /proc/locks shows is not stat()'s."""
    inode = os.stat(path).st_ino
    found = []
    with open("/proc/locks") as f:
        for line in f:
            fields = line.split()
            if "->" in fields:  # a waiting lock: "1: -> POSIX ..."
                continue
            pid, where = fields[4], fields[5]
            if int(pid) == os.getpid() and int(where.rsplit(":", 1)[1]) == inode:
                found.append(line.strip())
    return found


@pytest.fixture
def live_ledger(tmp_path):
    """A WAL database with an open connection, among the kind of files the chair keeps beside it."""
    folder = tmp_path / "台账"
    folder.mkdir()
    path = folder / "工会台账.db"
    db = open_database(path)
    db.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
    db.execute("INSERT INTO scratch VALUES (1)")
    db.conn.commit()
    for name in ("花名册.xlsx", "说明.txt", "无后缀", "会员.csv"):
        (folder / name).write_bytes(b"PK\x03\x04 not really a workbook")
    yield db, path
    db.close()


def browse(dialog, qtbot, folder: Path, target: Path) -> None:
    """Show the dialog on the folder, let it list and describe every file, pick the
    database, close it: what a user does while looking for a roster."""
    from PySide6.QtWidgets import QFileSystemModel

    dialog.setDirectory(str(folder))
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    qtbot.waitUntil(lambda: model.index(str(target)).isValid() and model.rowCount(model.index(str(folder))) >= 5)
    for row in range(model.rowCount(model.index(str(folder)))):
        index = model.index(row, 0, model.index(str(folder)))
        model.type(index)  # the 类型 column
        model.fileIcon(index)  # the icon, also fetched on the model's own thread
    dialog.selectFile(str(target))
    qtbot.wait(300)  # the file-info thread works through the folder meanwhile
    dialog.close()


def assert_locks_kept(path: Path) -> None:
    assert our_locks(path), f"no lock of ours left on {path.name}"
    assert our_locks(Path(f"{path}-shm")), "no lock of ours left on the -shm"


def another_process_checks(path: Path) -> None:
    """What `python main.py check` does: a connection that reads and closes. Closing as the
    only connection left would checkpoint and delete the -wal."""
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA integrity_check').fetchall(); c.close()"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


def test_the_connection_holds_locks_that_a_stray_close_drops(live_ledger):
    """The premise, shown: our connection's locks are visible, and open()+close() of the
    file anywhere in the process removes them."""
    db, path = live_ledger
    assert_locks_kept(path)
    with open(path, "rb") as f:
        f.read(16)
    assert not our_locks(path)


@pytest.mark.parametrize("save", [False, True], ids=["open", "save"])
def test_our_dialog_keeps_the_database_locks(qapp, qtbot, live_ledger, save):
    from ui.widgets.file_dialogs import make_file_dialog

    db, path = live_ledger
    assert_locks_kept(path)
    dialog = make_file_dialog(None, "选择花名册", str(path.parent), "所有文件 (*)", save=save)
    qtbot.addWidget(dialog)
    browse(dialog, qtbot, path.parent, path)
    assert_locks_kept(path)
    another_process_checks(path)
    assert Path(f"{path}-wal").exists(), "another process deleted the -wal under the open connection"
    db.execute("INSERT INTO scratch VALUES (2)")
    db.conn.commit()
    assert db.execute("SELECT count(*) FROM scratch").fetchone()[0] == 2


def test_plain_qfiledialog_drops_them(qapp, qtbot, live_ledger):
    """Why the helper exists: the same browsing with Qt's own dialog loses the locks and lets
    another process delete the -wal. (If Qt stops reading files to guess their type, this
    fails, and the test above no longer proves anything: revisit both.)"""
    from PySide6.QtWidgets import QFileDialog

    db, path = live_ledger
    dialog = QFileDialog(None, "选择花名册", str(path.parent), "所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    browse(dialog, qtbot, path.parent, path)
    assert not our_locks(path)
    another_process_checks(path)
    assert not Path(f"{path}-wal").exists()


def test_the_open_database_cannot_be_chosen(qapp, qtbot, live_ledger, monkeypatch):
    """Picking the live file as a roster to import, or as the target of an export, is refused."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from ui.widgets import file_dialogs

    db, path = live_ledger
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(title))
    file_dialogs.protect_file(path)

    current = [0]  # the round being answered; pollers of earlier rounds stop

    def choose(name: str, round_: int) -> None:
        """Pick `name` in the file dialog; say 是 to 'replace the existing file?'."""
        if round_ != current[0]:
            return
        # Next look first: accept() below may itself wait on the 'replace?' box.
        QTimer.singleShot(20, lambda: choose(name, round_))
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            dialog.button(QMessageBox.StandardButton.Yes).click()
        elif isinstance(dialog, QFileDialog) and not dialog.property("answered"):
            dialog.setProperty("answered", True)
            try:
                dialog.selectFile(str(path.parent / name))
            finally:
                dialog.accept()  # never leave the test waiting on a modal dialog

    for round_, (getter, name) in enumerate(
        ((file_dialogs.get_open_file_name, path.name), (file_dialogs.get_save_file_name, path.name), (file_dialogs.get_open_file_name, "会员.csv")), 1
    ):
        current[0] = round_
        QTimer.singleShot(0, lambda n=name, r=round_: choose(n, r))
        chosen, _ = getter(None, "选择", str(path.parent), "所有文件 (*)")
        if name == path.name:
            assert chosen == ""
        else:
            assert Path(chosen) == path.parent / "会员.csv"
    current[0] = 0
    assert warned == ["不能选择此文件", "不能保存到此文件"]
    assert_locks_kept(path)


def test_save_dialog_proposes_the_name_and_adds_the_suffix(qapp, qtbot, tmp_path):
    from ui.widgets.file_dialogs import make_file_dialog

    dialog = make_file_dialog(None, "导出", str(tmp_path / "会员花名册.xlsx"), "Excel 文件 (*.xlsx)", save=True)
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == tmp_path
    assert dialog.defaultSuffix() == "xlsx"


def test_every_file_dialog_in_ui_goes_through_the_helper():
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "ui").rglob("*.py")
        if p.name != "file_dialogs.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "QFileDialog" in line
    ]
    assert offenders == []


@pytest.mark.parametrize("save", [False, True], ids=["open", "save"])
def test_the_dialog_speaks_chinese(qapp, qtbot, tmp_path, save):
    """Qt's zh_CN catalogue left "Look in:" and "Files of type:" in English."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from ui.widgets.file_dialogs import make_file_dialog

    dialog = make_file_dialog(None, "备份到其他位置", str(tmp_path / "备份.db"), "工会台账数据文件 (*.db)", save=save)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.isVisible() and w.text()]
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]
    assert texts and english == []
    dialog.close()
