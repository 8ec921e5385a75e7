"""从备份恢复: the list of backups (time, kind, size, members, union) and the questions
a restore must ask. The restore itself is models.backups.restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from models.backups import BackupInfo, list_backups
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen

HEADERS = ["备份时间", "类型", "大小", "会员人数", "工会名称", "说明"]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def backup_row(b: BackupInfo) -> list[str]:
    return [
        b.taken_at.strftime("%Y-%m-%d %H:%M"),
        b.kind or "其他",
        _size(b.size),
        "" if b.members is None else f"{b.members} 人",
        b.union_name,
        b.problem or ("" if b.readable else "无法读取"),
    ]


def describe(b: BackupInfo) -> str:
    """One line naming a backup, for confirmations: time, union, members, file name."""
    who = b.union_name or "未填写工会名称"
    members = "" if b.members is None else f"，{b.members} 名会员"
    return f"{b.taken_at:%Y年%m月%d日 %H:%M} 的{b.kind or ''}备份（{who}{members}；文件 {b.path.name}）"


class BackupPicker(QDialog):
    """Pick one backup of `db_path`; `chosen` is its BackupInfo after accept()."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, backups: list[BackupInfo] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        fit_to_screen(self, 860, 420)
        self.backups = list_backups(db_path) if backups is None else backups
        self.chosen: BackupInfo | None = None
        intro = QLabel(
            f"数据文件：{db_path}\n选择一份备份，恢复后当前数据会被它替换（恢复前会先把当前文件另存一份“恢复前”备份）。"
        )
        intro.setWordWrap(True)
        self.table = RowsTable(HEADERS)
        self.table.set_rows([backup_row(b) for b in self.backups], keys=list(range(len(self.backups))),
                            voided=[not b.readable for b in self.backups])
        self.table.resizeColumnsToContents()  # the time and the union's name are read whole
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.empty = QLabel("备份文件夹中还没有备份。")
        self.empty.setVisible(not self.backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("恢复所选备份…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        first = next((i for i, b in enumerate(self.backups) if b.readable), None)
        if first is not None:
            self.table.selectRow(first)
        self.restore_button.setEnabled(first is not None)

    def accept(self) -> None:
        key = self.table.selected_key()
        if key is None:
            return
        backup = self.backups[key]
        if not backup.readable:
            QMessageBox.warning(self, "无法恢复", f"这份备份不能恢复：{backup.problem or '无法读取'}")
            return
        answer = QMessageBox.question(
            self,
            "确认恢复",
            f"将用 {describe(backup)} 替换当前数据。\n\n当前数据会先另存为“恢复前”备份，之后仍可恢复回来。确定要恢复吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.chosen = backup
        super().accept()


def confirm_other_union(parent: QWidget | None, current: str, other: str) -> bool:
    """A backup of another union: ask, naming both, before it replaces this one's books."""
    box = QMessageBox(QMessageBox.Icon.Warning, "备份属于另一个工会",
                      f"当前数据属于：{current or '（未填写）'}\n这份备份属于：{other or '（未填写）'}\n\n"
                      "两者的工会名称或统一社会信用代码不同。确定要用另一个工会的备份替换当前数据吗？",
                      parent=parent)
    yes = box.addButton("仍然恢复", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.buttons()[-1])
    box.exec()
    return box.clickedButton() is yes
