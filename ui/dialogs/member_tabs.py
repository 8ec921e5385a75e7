"""The tabs of an existing member: membership history, dues, and the change log."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models import audit, codes, dues, members, membership
from models.org import get_setting
from models.validation import ValidationError, format_money
from models import clock
from ui.widgets import void_dialog
from ui.widgets.unsaved import UnsavedDialogMixin
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line
from ui.widgets.form_dialog import run_modal
from ui.widgets.rows_model import RowsTable


def make_table(headers: list[str], *, alignments: Mapping[int, Qt.AlignmentFlag] | None = None) -> RowsTable:
    """A read-only table over a RowsModel, filled with table.set_rows(...) (see
    ui.widgets.rows_model for why never QTableWidget)."""
    return RowsTable(headers, alignments=alignments)


def ask_reason(parent: QWidget, title: str, name: str = "") -> str | None:
    """The reason for a void; the question names the record (`name`) so the wrong row is not voided."""
    return void_dialog.ask_void_reason(parent, title, name or "所选记录")


def void_selected_row(
    parent: QWidget, table: RowsTable, what: str, void: Callable[[Any, str], None], *, name: Callable[[list[str]], str] | None = None
) -> bool:
    """Ask for a reason and void the record of the selected row with `void(id, reason)`.

    The question names the row: `name(cells)`, by default its first two cells (a date and
    what happened, in most callers)."""
    key = table.selected_key()
    if key is None:
        QMessageBox.information(parent, "作废", f"请先选择一条{what}。")
        return False
    cells = table.model().row_values(table.selected_rows()[0])
    reason = ask_reason(parent, f"作废{what}", name(cells) if name else " ".join(t for t in cells[:2] if t))
    if reason is None:
        return False
    try:
        void(key, reason)
    except ValidationError as exc:
        QMessageBox.warning(parent, "不能作废", str(exc))
        return False
    return True


class HistoryTab(QWidget):
    def __init__(self, db: Database, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_id = db, member_id
        self.status = QLabel()
        self.table = make_table(["日期", "变动类型", "原因", "转出/转入工会", "备注"])
        add = QPushButton("登记变动…")
        add.clicked.connect(self.add_event)
        void = QPushButton("作废所选…")
        void.clicked.connect(self.void_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.status)
        bar.addStretch(1)
        bar.addWidget(add)
        bar.addWidget(void)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        status = membership.current_status(self.db, self.member_id)
        self.status.setText(f"当前会籍状态：{codes.MEMBER_STATUS.label(status) if status else '—'}")
        events = membership.events(self.db, self.member_id)
        self.table.set_rows(
            [[e.date, e.kind_label, e.reason_label, e.other_union, e.note + (f"【已作废：{e.void_reason}】" if e.voided_at else "")] for e in events],
            keys=[e.id for e in events],
            voided=[bool(e.voided_at) for e in events],
        )
        self.table.resizeColumnsToContents()

    def add_event(self) -> None:
        kinds = membership.allowed_kinds(self.db, self.member_id)
        dialog = EventDialog(self.db, self.member_id, kinds, self)
        if run_modal(dialog):
            self.refresh()

    def void_selected(self) -> None:
        if void_selected_row(self, self.table, "会籍变动记录", lambda key, reason: membership.void_event(self.db, key, reason)):
            self.refresh()


class EventDialog(UnsavedDialogMixin, QDialog):
    def __init__(self, db: Database, member_id: int, kinds: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_id = db, member_id
        self.setWindowTitle("登记会籍变动")
        self.form = FormGrid(columns=1)
        kind = QComboBox()
        for code in kinds:
            kind.addItem(codes.MEMBERSHIP_EVENT.label(code), code)
        self.form.add("kind", "变动类型", kind, required=True)
        date = DateEdit()
        date.set_value(clock.today_iso())
        self.form.add("date", "变动日期", date, required=True)
        self.form.add("reason", "原因", CodeCombo(codes.MEMBERSHIP_REASON))
        self.form.add("other_union", "转往/来自工会", line("转出时必填"))
        self.form.add("note", "备注", line())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def save(self) -> None:
        f = self.form
        try:
            membership.record_event(
                self.db, self.member_id, f.editors["kind"].currentData(), f.value("date"),  # type: ignore[union-attr]
                reason=f.value("reason"), other_union=f.value("other_union"), note=f.value("note"),
            )
        except ValidationError as exc:
            key = {"变动日期": "date", "转往工会": "other_union", "会籍变动类型": "kind"}.get(exc.field, exc.key)
            f.show_error(ValidationError(exc.field, exc.message, key=key))
            return
        self.accept()


class DuesTab(QWidget):
    def __init__(self, db: Database, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_id = db, member_id
        self.summary = QLabel()
        self.table = make_table(["所属月份", "金额（元）", "缴费日期", "备注"], alignments={1: Qt.AlignmentFlag.AlignRight})
        add = QPushButton("登记缴费…")
        add.clicked.connect(self.add_payment)
        void = QPushButton("作废所选…")
        void.clicked.connect(self.void_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(add)
        bar.addWidget(void)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        payments = dues.payments(self.db, self.member_id)
        self.table.set_rows(
            [[p.period, format_money(p.amount_fen), p.paid_on, p.note + (f"【已作废：{p.void_reason}】" if p.voided_at else "")] for p in payments],
            keys=[p.id for p in payments],
            voided=[bool(p.voided_at) for p in payments],
        )
        paid = sum(p.amount_fen for p in payments if not p.voided_at)
        self.summary.setText(f"已缴合计：{format_money(paid)} 元")

    def add_payment(self) -> None:
        if run_modal(PaymentDialog(self.db, self.member_id, self)):
            self.refresh()

    def void_selected(self) -> None:
        named = lambda cells: f"{cells[0]} 会费 {cells[1]} 元"  # noqa: E731
        if void_selected_row(self, self.table, "缴费记录", lambda key, reason: dues.void_payment(self.db, key, reason), name=named):
            self.refresh()


class PaymentDialog(UnsavedDialogMixin, QDialog):
    def __init__(self, db: Database, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_id = db, member_id
        self.setWindowTitle("登记会费")
        m = members.get_member(db, member_id)
        this_month = clock.today().strftime("%Y-%m")
        self.form = FormGrid(columns=1)
        self.form.add("first", "起始月份", line("例：2026-01"), required=True)
        self.form.add("last", "截止月份", line("只缴一个月可与起始月份相同"), required=True)
        amount = MoneyEdit()
        self.form.add("amount", "每月金额（元）", amount, required=True)
        paid_on = DateEdit()
        paid_on.set_value(clock.today_iso())
        self.form.add("paid_on", "缴费日期", paid_on, required=True)
        self.form.add("note", "备注", line())
        self.form.set_value("first", this_month)
        self.form.set_value("last", this_month)
        if m.monthly_wage_fen:
            amount.set_value(dues.monthly_dues(m.monthly_wage_fen, get_setting(db, "dues_rounding")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.wage_fen = m.monthly_wage_fen

    def save(self) -> None:
        f = self.form
        keys = {"起始月份": "first", "截止月份": "last", "金额": "amount", "所属月份": "first", "缴费日期": "paid_on"}
        try:
            amount = f.editors["amount"].value("金额", "amount", allow_zero=False)  # type: ignore[union-attr]
            if amount is None:
                raise ValidationError("金额", "不能为空", key="amount")
            periods = dues.periods_between(f.value("first"), f.value("last"))
            dues.record_payment(self.db, self.member_id, periods, amount, f.value("paid_on"), wage_fen=self.wage_fen, note=f.value("note"))
        except ValidationError as exc:
            if not f.show_error(ValidationError(exc.field, exc.message, key=exc.key or keys.get(exc.field))):
                QMessageBox.warning(self, "无法登记", str(exc))
            return
        self.accept()


# Every action of the trail, from its code list (a 删除 or 其他操作 once raised KeyError here).
ACTION_LABELS: dict[str, str] = dict(codes.AUDIT_ACTION.pairs())


class AuditTab(QWidget):
    def __init__(self, db: Database, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_id = db, member_id
        self.table = make_table(["时间", "操作", "内容"])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("本会员信息的每一次新增、修改都记录在此，不可更改。"))
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        entries = list(reversed(audit.history(self.db, "members", self.member_id)))
        self.table.set_rows([[e["at"].replace("T", " "), codes.AUDIT_ACTION.label(e["action"]), describe(e)] for e in entries], keys=[e["id"] for e in entries])
        self.table.setWordWrap(True)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 60)
        self.table.resizeRowsToContents()


def describe(entry: dict) -> str:
    """'部门：生产部 → 质检部；…' in Chinese labels; for an insert or a delete, the main fields;
    for an event, its note."""
    before, after = entry["before"] or {}, entry["after"] or {}
    keys = ["name", "id_number", "department", "join_date"]
    if entry["action"] in ("insert", "delete"):  # what the record held when it came, or went
        held = after if entry["action"] == "insert" else before
        parts = [f"{members.LABELS[k]}：{members.display_value(k, held.get(k))}" for k in keys if held.get(k)]
        return "；".join([*parts, entry.get("note") or ""] if entry["action"] == "delete" and entry.get("note") else parts)
    if entry["action"] == "event":  # done to the ledger as a whole: the note says what
        return entry.get("note") or ""
    parts = []
    for key, new in after.items():
        if key not in members.LABELS:
            continue
        old = members.display_value(key, before.get(key)) or "（空）"
        parts.append(f"{members.LABELS[key]}：{old} → {members.display_value(key, new) or '（空）'}")
    return "；".join(parts) or (entry.get("note") or "")
