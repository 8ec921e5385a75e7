"""Choosing the columns of a roster export: every field of the real-name register is on
offer (models.member_export.export_columns); the list's own columns are ticked first."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from models.member_export import export_columns
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen


class ExportColumnsDialog(QDialog):
    def __init__(self, ticked: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出花名册：选择列")
        self.columns = export_columns()
        self.table = RowsTable(["导出", "列"], checkable=True)
        self.table.set_rows(
            [["", header] for _, header in self.columns],
            keys=[key for key, _ in self.columns],
            checked=[key in ticked for key, _ in self.columns],
        )
        self.table.resizeColumnsToContents()
        every = QPushButton("全选（导出后可原样导回）")
        every.clicked.connect(lambda: self._tick(lambda key: True))
        listed = QPushButton("只选列表中显示的列")
        listed.clicked.connect(lambda: self._tick(lambda key: key in ticked))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(every)
        row.addWidget(listed)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("勾选要导出的列（按全国会员实名制采集表的顺序导出）。"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        fit_to_screen(self, 420, 620)

    def _tick(self, wanted) -> None:
        for row, (key, _) in enumerate(self.columns):
            self.table.rows.set_checked(row, wanted(key))

    def chosen(self) -> list[str]:
        return [self.columns[row][0] for row in self.table.rows.checked_rows()]

    def accept(self) -> None:
        if not self.chosen():
            QMessageBox.information(self, "选择列", "请至少勾选一列。")
            return
        super().accept()


def choose_export_columns(parent: QWidget | None, ticked: list[str]) -> list[str] | None:
    """The chosen column keys in export order, or None when the chair cancels."""
    from ui.widgets.form_dialog import run_modal

    dialog = ExportColumnsDialog(ticked, parent)
    return dialog.chosen() if run_modal(dialog) == QDialog.DialogCode.Accepted else None
