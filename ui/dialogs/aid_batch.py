"""A round of aid for many households at once (送温暖 before Spring Festival …):
choose the files, one default type/date/amount, adjust per row. The files offered are
those active on the round's date, and the round is written whole or not at all, both
by models.aid_payments (round_candidates, record_round)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from models import aid_payments as ap
from models import codes
from models.validation import ValidationError, format_money, money_in_words, parse_date, parse_money
from models import clock
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen

AMOUNT = 5  # the column of 金额（元）: the only one typed into


class BatchDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.round_id: int | None = None  # the round recorded, for the page to offer its forms
        self.setWindowTitle("批量发放（送温暖等）")
        self.form = FormGrid(columns=2)
        f = self.form
        f.add("name", "批次名称", line(), required=True)
        f.set_value("name", f"{clock.today().year}年春节送温暖")
        f.add("aid_type", "帮扶类型", CodeCombo(codes.AID_TYPE, empty=None), required=True)
        f.set_value("aid_type", "warmth")
        self.date = DateEdit()
        self.date.set_value(clock.today_iso())
        f.add("date", "发放日期", self.date, required=True)
        f.add("funding_source", "资金来源", CodeCombo(codes.FUNDING_SOURCE, empty=None))
        amount = MoneyEdit()
        amount.set_value(50000)
        f.add("amount", "默认金额（元）", amount)
        f.add("approved_by", "批准人", line())
        f.add("notice_start", "公示开始", DateEdit(allow_future=True))
        f.add("notice_end", "公示结束", DateEdit(allow_future=True))
        f.add("contact", "异议联系方式", line(), span=2)
        apply = QPushButton("把默认金额填入所有选中行")
        apply.clicked.connect(self.apply_default)
        self.table = RowsTable(["发放", "档案编号", "姓名", "部门", "困难类别", "金额（元）"], checkable=True, editable=[AMOUNT])
        self.table.setEditTriggers(self.table.EditTrigger.DoubleClicked | self.table.EditTrigger.SelectedClicked | self.table.EditTrigger.EditKeyPressed)
        self.total = QLabel()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self._loaded_on: str | None = None
        self.load()
        self.date.edit.editingFinished.connect(self.load)
        self.date.calendar.clicked.connect(lambda _: self.load())
        self.table.rows.dataChanged.connect(lambda *_: self.update_total())  # a tick or an amount typed
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("全部登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(apply)
        bar.addStretch(1)
        bar.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 680)
        self.update_total()

    def load(self) -> None:
        """The files active on the round's date, all ticked, at the default amount."""
        try:
            on = parse_date("发放日期", self.date.value(), key="date", allow_future=True)
        except ValidationError:
            return  # saving names the bad date beside the field
        if not on or on == self._loaded_on:
            return
        self._loaded_on = on
        rows = ap.round_candidates(self.db, on)
        self.table.set_rows(
            [[None, r["file_no"], r["worker_name"], r["department"], codes.AID_TIER.label(r["tier"]), format_money(50000)] for r in rows],
            keys=[r["id"] for r in rows],
            checked=[True] * len(rows),
        )
        self.table.resizeColumnsToContents()
        self.update_total()

    def apply_default(self) -> None:
        try:
            fen = self.form.editors["amount"].value("默认金额", "amount") or 0
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        model = self.table.rows
        model.set_column(AMOUNT, {row: format_money(fen) for row in model.checked_rows()})

    def rows(self) -> list[tuple[int, int, str]]:
        """(case id, amount in fen, worker) of the ticked rows; a bad amount names its row."""
        model = self.table.rows
        out = []
        for row in model.checked_rows():
            name = model.text(row, 2)
            try:
                fen = parse_money("金额", model.text(row, AMOUNT))
            except ValidationError as exc:
                raise ValidationError("金额", f"第 {row + 1} 行（{name}）：{exc.message}") from None
            out.append((model.key(row), fen, name))
        return out

    def update_total(self) -> None:
        try:
            rows = self.rows()
        except ValidationError as exc:
            self.total.setText(str(exc))
            return
        total = sum(fen for _, fen, _ in rows)
        self.total.setText(f"共 {len(rows)} 户，合计 {format_money(total)} 元（{money_in_words(total)}）")

    def save(self, *, confirmed: bool = False) -> None:
        f = self.form
        f.clear_errors()
        self.error.setText("")
        try:
            rows = [(case_id, fen) for case_id, fen, _ in self.rows()]
            self.round_id, _ = ap.record_round(self.db, f.value("name"), f.value("aid_type"), f.value("date"), rows, funding_source=f.value("funding_source"),
                            approved_by=f.value("approved_by"), notice_start=f.value("notice_start"), notice_end=f.value("notice_end"),
                            contact=f.value("contact"), confirmed=confirmed)
        except ap.NeedsConfirmation as exc:
            if not confirmed and QMessageBox.question(self, "请确认金额", f"{exc.message}。\n确认登记吗？") == QMessageBox.StandardButton.Yes:
                self.save(confirmed=True)
            return
        except ValidationError as exc:
            if not f.show_error(exc):
                self.error.setText(f"没有登记任何记录：{exc}")
            return
        self.accept()
