"""Who has not paid dues for a month (members 在会 only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from models import dues, members
from models.validation import ValidationError, format_money
from models import clock
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen


class UnpaidDuesDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("会费：未缴名单")
        self.period = QLineEdit(clock.today().strftime("%Y-%m"))
        self.period.setPlaceholderText("例：2026-03")
        self.department = QComboBox()
        self.department.addItem("全部部门", "")
        for name in members.departments(db):
            self.department.addItem(name, name)
        show = QPushButton("查询")
        show.setDefault(True)
        show.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.table = RowsTable(["姓名", "部门", "手机号码", "按工资应缴（元/月）"], alignments={3: Qt.AlignmentFlag.AlignRight})
        bar = QHBoxLayout()
        bar.addWidget(QLabel("月份："))
        bar.addWidget(self.period)
        bar.addWidget(self.department)
        bar.addWidget(show)
        bar.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 560)
        self.refresh()

    def refresh(self) -> None:
        self.error.setText("")
        try:
            rows = dues.unpaid_members(self.db, self.period.text(), self.department.currentData() or None)
            paid = dues.period_summary(self.db, self.period.text())
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.table.set_rows(
            [[r["name"], r["department"], r["phone"], format_money(r["due_fen"])] for r in rows],  # 应缴 rounded as 设置 says (models.dues)
            keys=[r["id"] for r in rows],
        )
        self.summary.setText(f"{paid['period']}：未缴 {len(rows)} 人；已缴 {paid['count']} 人，合计 {format_money(paid['total_fen'])} 元")
