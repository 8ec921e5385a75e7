"""导入记录: every roster import (when, file, added/updated) with 撤销此次导入, which voids the
members it added and restores what it updated (models.import_batches), or says who was
edited since and stops."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from models import import_batches
from models.validation import ValidationError
from ui.widgets import void_dialog
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen


class ImportBatchesDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undone = 0
        self.setWindowTitle("导入记录")
        hint = QLabel("每次导入花名册都记在这里。撤销一次导入：作废它新增的会员，把它更新的信息恢复为导入前的值；"
                      "导入之后又修改过的会员不能撤销（会说明是谁）。")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.table = RowsTable(["编号", "导入时间", "文件", "新增", "更新", "状态"],
                               alignments={0: Qt.AlignmentFlag.AlignRight, 3: Qt.AlignmentFlag.AlignRight, 4: Qt.AlignmentFlag.AlignRight})
        self.undo = QPushButton("撤销此次导入…")
        self.undo.clicked.connect(self.undo_selected)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.undo)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        fit_to_screen(self, 760, 460)
        self.refresh()

    def refresh(self) -> None:
        rows = import_batches.batches(self.db)
        self.table.set_rows(
            [[str(b.id), b.created_at[:16].replace("T", " "), b.file_name, str(b.added), str(b.updated),
              f"已撤销：{b.void_reason}" if b.voided_at else "有效"] for b in rows],
            keys=[b.id for b in rows],
            voided=[bool(b.voided_at) for b in rows],
        )
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        key = self.table.selected_key()
        self.undo.setEnabled(key is not None and not import_batches.get_batch(self.db, key).voided_at)

    def undo_selected(self) -> None:
        self.error.setText("")
        key = self.table.selected_key()
        if key is None:
            return
        b = import_batches.get_batch(self.db, key)
        what = f"导入记录 {b.id}：{b.created_at[:16].replace('T', ' ')} 导入的“{b.file_name}”（新增 {b.added} 人，更新 {b.updated} 人）"
        reason = void_dialog.ask_void_reason(self, "撤销此次导入", what, f"将作废新增的 {b.added} 人，并把 {b.updated} 人的信息恢复为导入前的值。")
        if reason is None:
            return
        try:
            done = import_batches.undo_batch(self.db, b.id, reason)
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.undone += 1
        self.refresh()
        QMessageBox.information(self, "已撤销", f"已撤销导入记录 {b.id}：作废 {done['voided']} 人，恢复 {done['restored']} 人。")
