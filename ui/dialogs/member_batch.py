"""Dialogs for work on many members at once (models.member_batch does the work, all or none):
a membership change for the ticked members, and dues for the ticked members or for a
department and months, previewed (who, which month, how much) before anything is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from models import clock, codes, dues, member_batch, members
from models.validation import ValidationError, format_money
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line
from ui.widgets.form_dialog import FormDialog
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.unsaved import UnsavedDialogMixin, ignore

# The changes a batch makes (入会/转入 are for new members, one at a time).
BATCH_KINDS = ("transfer_out", "withdraw", "expel", "retain", "restore", "death")


def status_dialog(db: Database, member_ids: list[int], parent: QWidget | None) -> FormDialog:
    """会籍变动 for the ticked members: one kind, date and reason for all."""
    d = FormDialog(f"批量会籍变动（已勾选 {len(member_ids)} 人）", parent, ok_text="全部办理")
    f = d.form
    who = QLabel(_names_line(db, member_ids))
    who.setWordWrap(True)
    f.add("who", "会员", who)
    kind = QComboBox()
    for code in BATCH_KINDS:
        kind.addItem(codes.MEMBERSHIP_EVENT.label(code), code)
    f.add("kind", "变动类型", kind, required=True)
    date = DateEdit()
    date.set_value(clock.today_iso())
    f.add("date", "变动日期", date, required=True)
    f.add("reason", "变动原因", CodeCombo(codes.MEMBERSHIP_REASON))
    f.add("other_union", "转往工会", line("转出时必填：接收会籍的工会"))
    f.add("note", "备注", line())
    hint = QLabel("全部办理或全部不办理：有一人不能办理时，会说明是谁，什么都不会改变。")
    hint.setObjectName("hint")
    hint.setWordWrap(True)
    d.layout().insertWidget(1, hint)
    d.field_of = {"变动日期": "date", "转往工会": "other_union", "变动原因": "reason"}
    d.saver = lambda form: member_batch.change_status(
        db, member_ids, kind.currentData(), form.value("date"), reason=form.value("reason") or "",
        other_union=form.value("other_union"), note=form.value("note"),
    )
    return d


def _names_line(db: Database, member_ids: list[int], limit: int = 8) -> str:
    names = [members.get_member(db, i).name for i in member_ids[:limit]]
    more = f" 等 {len(member_ids)} 人" if len(member_ids) > limit else f"，共 {len(member_ids)} 人"
    return "、".join(names) + more


class DuesBatchDialog(UnsavedDialogMixin, QDialog):
    """登记会费 for many at once. With `member_ids`: the ticked members; without: a
    department (or all) chosen here. Months from–to; the amount from each member's wage
    (the 0.5% rule, rounded as 设置 says) or one amount for all. 预览 lists every payment
    and what is skipped; 全部登记 writes them all or none."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, member_ids: list[int] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.member_ids = member_ids
        self.plan: member_batch.DuesPlan | None = None
        self.written = 0
        self.setWindowTitle(f"登记会费（已勾选 {len(member_ids)} 人）" if member_ids is not None else "按部门、月份登记会费")
        self.form = FormGrid(columns=2)
        f = self.form
        month = clock.today().strftime("%Y-%m")
        if member_ids is None:
            self.department = QComboBox()
            self.department.addItem("全部部门", "")
            for name in members.departments(db):
                self.department.addItem(name, name)
            f.add("department", "部门", self.department, span=2)
        else:
            who = QLabel(_names_line(db, member_ids, limit=12))
            who.setWordWrap(True)
            f.add("who", "会员", who, span=2)
        self.first = QLineEdit(month)
        self.first.setPlaceholderText("例：2026-01")
        self.last = QLineEdit(month)
        self.last.setPlaceholderText("例：2026-03")
        f.add("first", "起始月份", self.first, required=True)
        f.add("last", "截止月份", self.last, required=True)
        self.paid_on = DateEdit()
        self.paid_on.set_value(clock.today_iso())
        self.amount = MoneyEdit()
        self.amount.setPlaceholderText("留空：按各人月工资计算")
        f.add("amount_fen", "统一金额（元/月）", self.amount)
        f.add("paid_on", "缴费日期", self.paid_on, required=True)
        f.add("note", "备注", line(), span=2)
        rule = QLabel("应缴：各月1日在会、尚未缴纳该月会费的会员（保留会籍期间不缴）；金额按各人月工资的0.5%（取整方式见“设置”），或填写统一金额。")
        rule.setObjectName("hint")
        rule.setWordWrap(True)
        preview = QPushButton("预览")
        preview.clicked.connect(self.preview)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = ignore(RowsTable(["姓名", "部门", "所属月份", "月工资（元）", "金额（元）"], alignments={3: Qt.AlignmentFlag.AlignRight, 4: Qt.AlignmentFlag.AlignRight}))
        self.skipped = QLabel()
        self.skipped.setObjectName("hint")
        self.skipped.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("全部登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(preview)
        bar.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(rule)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skipped)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 640)
        for edit in (self.first, self.last, self.amount):
            edit.textChanged.connect(self._stale)
        if member_ids is None:
            self.department.currentIndexChanged.connect(self._stale)
        self.preview()

    def _stale(self) -> None:
        """What is shown no longer matches the fields: 全部登记 previews again first."""
        self.plan = None

    def _make_plan(self) -> member_batch.DuesPlan:
        periods = dues.periods_between(self.first.text(), self.last.text())
        amount = self.amount.value("统一金额", "amount_fen", allow_zero=False)
        department = None if self.member_ids is not None else (self.department.currentData() or None)
        return member_batch.plan_dues(self.db, periods, member_ids=self.member_ids, department=department, amount_fen=amount)

    def preview(self) -> bool:
        self.form.clear_errors()
        self.error.setText("")
        try:
            plan = self._make_plan()
        except ValidationError as exc:
            self.plan = None
            self.table.set_rows([])
            self.summary.setText("")
            if not self.form.show_error(exc):
                self.error.setText(str(exc))
            return False
        self.plan = plan
        self.table.set_rows(
            [[x.name, x.department, x.period, format_money(x.wage_fen) if x.wage_fen is not None else "未登记",
              format_money(x.amount_fen) if x.amount_fen is not None else "无法计算"] for x in plan.lines],
            keys=[x.member_id for x in plan.lines],
        )
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.summary.setText(plan.summary())
        skipped = [f"{who} {period}：{why}" for who, period, why in plan.skipped[:6]]
        more = f" 等 {len(plan.skipped)} 项" if len(plan.skipped) > 6 else ""
        self.skipped.setText(("跳过：" + "；".join(skipped) + more) if skipped else "")
        self.ok.setEnabled(bool(plan.lines))
        return True

    def save(self) -> None:
        if self.plan is None and not self.preview():
            return
        try:
            self.written = member_batch.record_dues(self.db, self.plan, self.paid_on.value(), note=self.form.value("note"))
        except ValidationError as exc:
            if not self.form.show_error(exc):
                self.error.setText(f"没有登记任何记录：{exc}")
            return
        self.accept()
