"""Opening a ledger file in the GUI, with a way out of every refusal.

A refused file never ends in a dead end that exits: the chair is told the truth
(damaged, in use, read-only, newer version, another program's file, empty) and
offered what fits — restore a backup, open another file, try again, or quit.
A file that cannot be written opens read-only (browse and print) and says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from models import db as dbmod
from models.backups import OtherUnion, list_backups, restore
from ui.dialogs.backup_picker import BackupPicker, confirm_other_union, describe

RESTORE, OTHER, RETRY, QUIT, ADOPT = "restore", "other", "retry", "quit", "adopt"


def choices_for(exc: dbmod.DatabaseError, has_backups: bool) -> list[tuple[str, str]]:
    """The ways out of one refusal, as (action, button text), most useful first."""
    if isinstance(exc, dbmod.EmptyFile):
        return [(ADOPT, "作为新的台账使用"), (OTHER, "打开其他文件…"), (QUIT, "退出")]
    ways: list[tuple[str, str]] = []
    if isinstance(exc, dbmod.InUse):
        ways.append((RETRY, "重试"))
    if isinstance(exc, (dbmod.Corrupt, dbmod.MigrationFailed)) and has_backups:
        ways.append((RESTORE, "从备份恢复…"))
    if isinstance(exc, (dbmod.DiskFull, dbmod.ReadOnly)):
        ways.append((RETRY, "重试"))
    ways.append((OTHER, "打开其他文件…"))
    if isinstance(exc, dbmod.NotLedgerFile) and has_backups:
        ways.append((RESTORE, "从备份恢复…"))
    ways.append((QUIT, "退出"))
    return ways


def ask_way_out(parent: QWidget | None, exc: dbmod.DatabaseError, path: Path) -> str:
    title = "数据文件为空" if isinstance(exc, dbmod.EmptyFile) else "无法打开数据文件"
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), parent=parent)
    if str(path) not in str(exc):  # most messages name the file already
        box.setInformativeText(f"数据文件：{path}")
    buttons = {}
    for action, text in choices_for(exc, has_backups=bool(list_backups(path))):
        role = QMessageBox.ButtonRole.RejectRole if action == QUIT else QMessageBox.ButtonRole.AcceptRole
        buttons[box.addButton(text, role)] = action
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton(), QUIT)


def restore_interactively(parent: QWidget | None, path: Path) -> bool:
    """Let the chair pick a backup and restore it over `path` (no connection may be open).

    Returns True when a backup was restored; every refusal is shown in Chinese."""
    picker = BackupPicker(path, parent)
    if picker.exec() != BackupPicker.DialogCode.Accepted or picker.chosen is None:
        return False
    chosen = picker.chosen
    confirmed = False
    while True:
        try:
            result = restore(path, chosen.path, confirm_other_union=confirmed)
        except OtherUnion as exc:
            if confirmed or not confirm_other_union(parent, exc.current, exc.other):
                return False
            confirmed = True
            continue
        except dbmod.DatabaseError as exc:
            QMessageBox.warning(parent, "无法恢复", str(exc))
            return False
        break
    saved = f"\n恢复前的数据已另存为：{result.safety}" if result.safety else ""
    QMessageBox.information(parent, "恢复完成", f"已恢复 {describe(result.restored)}。{saved}")
    return True


def open_interactively(
    parent: QWidget | None,
    path: Path,
    *,
    choose_file: Callable[[QWidget | None, Path], Path | None],
) -> tuple[dbmod.LedgerDatabase, Path] | None:
    """Open `path`, or whatever file the chair turns to instead; None when the chair quits.

    `choose_file(parent, start)` asks for another ledger file (a file dialog that
    never reads the files it lists: see ui.widgets.file_dialogs).
    """
    adopt = False
    while True:
        try:
            db = dbmod.open_database(path, allow_readonly=True, adopt_empty=adopt)
        except dbmod.DatabaseError as exc:
            action = ask_way_out(parent, exc, path)
            if action == ADOPT:
                adopt = True
            elif action == RESTORE:
                restore_interactively(parent, path)
            elif action == OTHER:
                other = choose_file(parent, path.parent)
                if other is not None:
                    path, adopt = other, False
            elif action == QUIT:
                return None
            continue
        return db, path
