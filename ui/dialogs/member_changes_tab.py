"""信息变动: a member's dated attributes (部门, 岗位, 学历 …), each value with the day it took
effect; a change entered by mistake is voided, a mistyped value corrected in place."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models import member_time, members
from models.member_time import Change
from models.validation import ValidationError
from ui.widgets import void_dialog
from ui.widgets.form import CodeCombo, line
from ui.widgets.form_dialog import FormDialog, run_modal
from ui.widgets.rows_model import RowsTable

START_LABEL = "起始值"  # the 生效日期 of the value a record started with
# Fields the member form offers without an empty choice (their code list has no "not filled").
REQUIRED_CODES = ("political_status", "employment_status")


def value_text(change: Change) -> str:
    """The value as people read it: labels for codes, 是/否 for flags."""
    return members.display_value(change.field, change.value) or "（空）"


def change_name(change: Change) -> str:
    """How a confirmation names one row: 部门：设备部（2025-03-05 起）."""
    when = "起始值" if change.is_start else f"{change.date} 起"
    return f"{change.label}：{value_text(change)}（{when}）"


class ChangesTab(QWidget):
    """The rows of member_time.changes(), voided ones greyed, with 更正 and 作废.

    `rewritten(field)` is told after a void or correction, which may rewrite today's value
    of that field: the member form beside this tab must not save the old one back."""

    def __init__(
        self, db: Database, member_id: int, parent: QWidget | None = None, *, rewritten: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.member_id = db, member_id
        self.rewritten = rewritten
        self.changes: dict[int, Change] = {}
        hint = QLabel(
            "部门、岗位、学历、政治面貌等信息的每次变动及其生效日期，统计按生效日期计算。"
            "当初录错的内容请“更正”（不算一次变动）；不该有的变动或日期登记错了，请“作废”后重新修改。"
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.table = RowsTable(["生效日期", "项目", "内容", "说明", "录入时间"])
        self.correct_button = QPushButton("更正…")
        self.correct_button.clicked.connect(self.correct_selected)
        self.void_button = QPushButton("作废…")
        self.void_button.clicked.connect(self.void_selected)
        self.empty = QLabel("尚无变动记录：信息自登记以来没有按日期变动过。")
        self.empty.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(self.empty)
        bar.addStretch(1)
        bar.addWidget(self.correct_button)
        bar.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.refresh()

    def refresh(self) -> None:
        rows = member_time.changes(self.db, self.member_id)
        self.changes = {c.id: c for c in rows}
        selected = self.table.selected_key()
        self.table.set_rows(
            [
                [
                    START_LABEL if c.is_start else c.date,
                    c.label,
                    value_text(c),
                    c.note + (f"【已作废：{c.void_reason}】" if c.voided_at else ""),
                    c.created_at.replace("T", " ")[:16],
                ]
                for c in rows
            ],
            keys=[c.id for c in rows],
            voided=[bool(c.voided_at) for c in rows],
        )
        if selected is not None:
            self.table.select_key(selected)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        self._enable()

    def selected(self) -> Change | None:
        key = self.table.selected_key()
        return self.changes.get(key) if key is not None else None

    def _enable(self) -> None:
        """Buttons only for what the selected row allows (the model refuses the rest anyway)."""
        c = self.selected()
        self.correct_button.setEnabled(c is not None and not c.voided_at)
        self.void_button.setEnabled(c is not None and not c.voided_at and not c.is_start)
        self.void_button.setToolTip("起始值不是一次变动，不能作废；录入错误请用“更正”" if c is not None and c.is_start else "")

    def void_selected(self) -> None:
        c = self.selected()
        if c is None:
            QMessageBox.information(self, "作废", "请先选择一条变动记录。")
            return
        reason = void_dialog.ask_void_reason(self, "作废变动记录", change_name(c), "作废后该项恢复为此前的值。")
        if reason is None:
            return
        try:
            member_time.void_change(self.db, c.id, reason)
        except ValidationError as exc:
            QMessageBox.warning(self, "不能作废", str(exc))
            return
        self._done(c.field)

    def correct_selected(self) -> None:
        c = self.selected()
        if c is None:
            QMessageBox.information(self, "更正", "请先选择一条变动记录。")
            return
        if run_modal(correct_dialog(self.db, c, self)):
            self._done(c.field)

    def _done(self, field: str) -> None:
        self.refresh()
        if self.rewritten is not None:
            self.rewritten(field)


def correct_dialog(db: Database, change: Change, parent: QWidget | None) -> FormDialog:
    """更正: the right value of one row, for the whole time it stood (member_time.correct_change)."""
    d = FormDialog("更正录入错误", parent, ok_text="更正")
    what = QLabel(
        f"更正“{change_name(change)}”：改成当初本应录入的内容。\n"
        "这不算一次变动，该值有效的整段时间都按更正后的内容统计。"
    )
    what.setWordWrap(True)
    d.layout().insertWidget(0, what)
    editor = value_editor(db, change.field)
    d.form.add(change.field, f"正确的{change.label}", editor, required=True)
    d.form.set_value(change.field, bool(change.value) if change.field in members.FLAGS else change.value)
    d.form.add("note", "更正说明", line("可不填，例：身份证复印件核对"))
    d.saver = lambda f: member_time.correct_change(db, change.id, f.value(change.field), note=f.value("note"))
    return d


def value_editor(db: Database, field: str) -> QWidget:
    """The member form's kind of editor for one dated field."""
    if field in members.CODED_FIELDS:
        return CodeCombo(members.CODED_FIELDS[field], empty=None if field in REQUIRED_CODES else "")
    if field in members.FLAGS:
        return QCheckBox("是")
    if field == "department":
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems([""] + members.departments(db))
        return combo
    return line()
