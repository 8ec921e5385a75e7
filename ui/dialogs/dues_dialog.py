"""未缴会费名单: who has not paid dues for a month or months (在会 on each month's first day,
in the department of that day), printed through the form registry or exported to xlsx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from models import clock, dues, members
from models.validation import ValidationError, format_money
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen


class UnpaidDuesDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, ctx=None) -> None:
        super().__init__(parent)
        self.db = db
        self.ctx = ctx  # for printing (the form is built off the GUI thread on its own connection)
        self.data: dict | None = None
        self.setWindowTitle("会费：未缴名单")
        month = clock.today().strftime("%Y-%m")
        self.period = QLineEdit(month)
        self.period.setPlaceholderText("例：2026-03")
        self.last = QLineEdit()
        self.last.setPlaceholderText("（只查一个月）")
        self.department = QComboBox()
        self.department.addItem("全部部门", "")
        for name in members.departments(db):
            self.department.addItem(name, name)
        show = QPushButton("查询")
        show.setDefault(True)
        show.clicked.connect(self.refresh)
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self.print_list)
        self.print_button.setEnabled(ctx is not None)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.export_list)
        self.summary = QLabel()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.table = RowsTable(["姓名", "部门", "手机号码", "未缴月份", "按工资应缴（元）"], alignments={4: Qt.AlignmentFlag.AlignRight})
        bar = QHBoxLayout()
        bar.addWidget(QLabel("月份："))
        bar.addWidget(self.period)
        bar.addWidget(QLabel("至"))
        bar.addWidget(self.last)
        bar.addWidget(self.department)
        bar.addWidget(show)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 860, 580)
        self.refresh()

    def _options(self) -> dict:
        return {"period": self.period.text(), "last": self.last.text().strip() or None, "department": self.department.currentData() or None}

    def refresh(self) -> bool:
        from reports.dues_forms import months_text

        self.error.setText("")
        o = self._options()
        try:
            data = dues.unpaid_list(self.db, o["period"], o["last"], o["department"])
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.data = None
            return False
        self.data = data
        self.table.set_rows(
            [[r["name"], r["department"], r["phone"], months_text(r["months"]), "未登记工资" if r["due_fen"] is None else format_money(r["due_fen"])]
             for r in data["rows"]],  # 应缴 rounded as 设置 says (models.dues)
            keys=[r["id"] for r in data["rows"]],
        )
        self.table.resizeColumnsToContents()
        text = f"未缴 {len(data['rows'])} 人，按工资应缴合计 {format_money(data['total_fen'])} 元"
        if len(data["periods"]) == 1:
            paid = dues.period_summary(self.db, data["periods"][0])
            text = f"{paid['period']}：{text}；已缴 {paid['count']} 人，合计 {format_money(paid['total_fen'])} 元"
        self.summary.setText(text)
        return True

    def print_list(self) -> None:
        if not self.refresh():
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, "dues-unpaid", None, **self._options())

    def export_list(self) -> None:
        if not self.refresh():
            return
        from reports.dues_forms import write_unpaid_xlsx
        from ui.widgets.file_dialogs import get_save_file_name

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        periods = self.data["periods"]
        name = f"未缴会费名单-{periods[0]}" + (f"至{periods[-1]}" if len(periods) > 1 else "") + ".xlsx"
        path, _ = get_save_file_name(self, "导出未缴会费名单", str(Path(folder) / name), "Excel 文件 (*.xlsx)")
        if not path:
            return
        try:
            _, n = write_unpaid_xlsx(self.data, path)
        except Exception as exc:  # noqa: BLE001 - the chair sees why (disk full, file open in WPS …)
            QMessageBox.warning(self, "导出失败", str(exc))
            return
        QMessageBox.information(self, "导出完成", f"已导出 {n} 人到：\n{path}")
