"""Adding and editing a member: the real-name form's fields, errors beside the field,
and, for an existing member, the history, dues and change-log tabs.

Editing an attribute that has a dated history (member_time.HISTORY_FIELDS: 部门, 岗位,
学历 …) asks on which day it changed in the world, or whether it was only a typo:
the yearly statistics count members as they stood on a day.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from typing import Any

from models import clock, codes, members
from models.dues import monthly_dues
from models.member_time import HISTORY_FIELDS
from models.members import LABELS, Member
from models.org import get_setting
from models.validation import DuplicateError, ValidationError, format_money, id_birth_date, id_gender, normalize_id_number
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line, text_edit
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.wheel_guard import guard
from ui.widgets.unsaved import UnsavedDialogMixin, ignore


CHANGE_FIELDS = {"生效日期": "effective", "变动说明": "change_note"}  # update_member's labels → the change box's keys


def _comparable(key: str, value: Any) -> Any:
    """A field's value as typed, in the form the stored one has (to tell whether it changed)."""
    if isinstance(value, str):
        value = value.strip()
        return value.replace(" ", "") if key == "card_number" else value  # validate() drops spaces there
    return bool(value) if key in members.FLAGS else value


class MemberDialog(UnsavedDialogMixin, QDialog):
    unsaved_what = "会员信息的修改"

    def __init__(self, db: Database, member_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.member_id = member_id
        self.saved_id: int | None = None
        self.loaded: Member | None = None  # the member as read, to tell which fields were edited
        self.change_box: QGroupBox | None = None
        self.setWindowTitle("新增会员" if member_id is None else "会员信息")
        self.form = FormGrid(columns=2)
        self._build_form()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "基本信息")
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消" if member_id is None else "关闭")
        self.add_another = False  # 保存并新增 was pressed: the page opens the next blank form
        if member_id is None:
            another = buttons.addButton("保存并新增", QDialogButtonBox.ButtonRole.ActionRole)
            another.clicked.connect(self.save_and_add)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        if member_id is not None:
            layout.addWidget(self._build_change_box())
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if member_id is not None:
            self._load(members.get_member(db, member_id))
            # The other tabs are built when first looked at (or asked for: self.dues_tab …):
            # the window opens with the form alone, whatever the member's years of dues.
            self._lazy: dict[str, tuple[QWidget, object]] = {}
            for name, label in (("history", "会籍变动"), ("changes", "信息变动"), ("dues", "会费"), ("audit", "变更记录")):
                holder = QWidget()
                QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
                ignore(holder)  # their records are saved by their own dialogs; only the form counts
                self._lazy[name] = (holder, None)
                self.tabs.addTab(holder, label)
            self.tabs.currentChanged.connect(self._tab_shown)
            for key in HISTORY_FIELDS:  # connected after loading: only the user's edits count
                self._watch(self.form.editors[key])
            self._show_if_voided(buttons)
        fit_to_screen(self, 900, 760)
        self.form.editors["name"].setFocus()  # typing starts in 姓名, not on the tab bar

    def _tab(self, name: str) -> QWidget:
        holder, tab = self._lazy[name]
        if tab is None:
            from ui.dialogs.member_changes_tab import ChangesTab
            from ui.dialogs.member_tabs import AuditTab, DuesTab, HistoryTab

            db, member_id = self.db, self.member_id
            assert member_id is not None
            made: QWidget = {
                "history": lambda: HistoryTab(db, member_id, holder),
                "changes": lambda: ChangesTab(db, member_id, holder, rewritten=self.reload_field),
                "dues": lambda: DuesTab(db, member_id, holder),
                "audit": lambda: AuditTab(db, member_id, holder),
            }[name]()
            holder.layout().addWidget(made)
            guard(made)  # built after fit_to_screen guarded the rest
            self._lazy[name] = (holder, made)
            return made
        return tab  # type: ignore[return-value]

    def _tab_shown(self, index: int) -> None:
        holder = self.tabs.widget(index)
        for name, (h, tab) in self._lazy.items():
            if h is holder:
                if tab is None:
                    self._tab(name)
                elif name == "audit":
                    tab.refresh()  # type: ignore[attr-defined]  # the form's saves since

    @property
    def history_tab(self):
        return self._tab("history")

    @property
    def changes_tab(self):
        return self._tab("changes")

    @property
    def dues_tab(self):
        return self._tab("dues")

    @property
    def audit_tab(self):
        return self._tab("audit")

    def _show_if_voided(self, buttons: QDialogButtonBox) -> None:
        """A member voided as entered by mistake is shown, not edited (models.member_void)."""
        from models.member_void import target

        who = target(self.db, self.member_id)
        if not who.voided_at:
            return
        self.message.setText(f"该会员已于 {who.voided_at[:10]} 作废（误录）：{who.void_reason}。只能查看，不能修改。")
        self.message.show()
        self.form.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.setWindowTitle(f"会员信息 — {who.name}（已作废）")

    # -------------------------------------------------------------- fields

    def _build_form(self) -> None:
        f = self.form
        f.add_section("身份信息")
        f.add("name", LABELS["name"], line("姓名"), required=True)
        f.add("id_type", LABELS["id_type"], CodeCombo(codes.ID_TYPE, empty=None))
        f.add("id_number", LABELS["id_number"], line("18位身份证号，录入后自动带出出生日期和性别"), required=True)
        f.add("gender", LABELS["gender"], CodeCombo(codes.GENDER))
        f.add("birth_date", LABELS["birth_date"], DateEdit())
        f.add("ethnicity", LABELS["ethnicity"], CodeCombo(codes.ETHNICITY, empty=None))
        f.add("phone", LABELS["phone"], line("11位手机号"))
        f.add_section("政治面貌与学历")
        f.add("political_status", LABELS["political_status"], CodeCombo(codes.POLITICAL_STATUS, empty=None))
        f.add("education", LABELS["education"], CodeCombo(codes.EDUCATION))
        f.add("skill_level", LABELS["skill_level"], CodeCombo(codes.SKILL_LEVEL))
        f.add_section("户籍")
        f.add("hukou_type", LABELS["hukou_type"], CodeCombo(codes.HUKOU_TYPE))
        f.add("is_migrant_worker", LABELS["is_migrant_worker"], QCheckBox("是农民工"))
        f.add("hukou_place", LABELS["hukou_place"], line())
        f.add("native_place", LABELS["native_place"], line())
        f.add_section("工作")
        f.add("workplace", LABELS["workplace"], line("默认为本单位"))
        f.add("employment_status", LABELS["employment_status"], CodeCombo(codes.EMPLOYMENT, empty=None))
        department = QComboBox()
        department.setEditable(True)
        department.addItems([""] + members.departments(self.db))
        f.add("department", LABELS["department"], department)
        f.add("post", LABELS["post"], line())
        f.add("job_title", LABELS["job_title"], line("如 车间主任、班组长"))
        f.add("pro_title", LABELS["pro_title"], line("如 工程师、高级技师"))
        f.add("employee_no", LABELS["employee_no"], line())
        f.add("is_dispatched", LABELS["is_dispatched"], QCheckBox("是劳务派遣工"))
        wage = MoneyEdit()
        f.add("monthly_wage_fen", LABELS["monthly_wage_fen"], wage)
        self.dues_hint = QLabel()
        self.dues_hint.setObjectName("hint")
        f.add("dues_hint", "按工资计算月会费", self.dues_hint)
        f.add_section("工会")
        f.add("join_date", LABELS["join_date"], DateEdit(), required=True)
        f.add("card_number", LABELS["card_number"], line())
        card_day = DateEdit()
        card_day.setToolTip("会员卡的发放日期：年报的“会员卡发放数”统计当年发放的卡；换发新卡号而不填时，按生效日期记")
        f.add("card_issued_on", LABELS["card_issued_on"], card_day)
        f.add("member_no", LABELS["member_no"], line())
        if self.member_id is None:
            how = QComboBox()
            how.addItem("入会（在本单位新入会）", "join")
            how.addItem("转入（从其他工会转来）", "transfer_in")
            f.add("how", "会籍来源", how)
            self.other_union = line("原所在工会")
            f.add("other_union", "原工会", self.other_union)
            self.other_union.setEnabled(False)
            how.currentIndexChanged.connect(lambda _: self.other_union.setEnabled(how.currentData() == "transfer_in"))
        f.add("note", LABELS["note"], text_edit(), span=2)
        f.editors["id_number"].textChanged.connect(self._id_typed)
        wage.textChanged.connect(self._wage_typed)
        f.set_value("ethnicity", "01")
        f.set_value("political_status", "13")
        f.set_value("employment_status", "employed")

    def _build_change_box(self) -> QGroupBox:
        """When and why a dated attribute changed; shown only once one of them is edited."""
        box = QGroupBox("信息变动")
        self.changed_fields = QLabel()
        self.changed_fields.setWordWrap(True)
        self.change_form = FormGrid(columns=2)
        effective = DateEdit()
        effective.set_value(clock.today_iso())
        self.change_form.add("effective", "变动生效日期", effective, required=True)
        self.corrected = QCheckBox("这是更正录入错误，不是实际变动")
        self.corrected.toggled.connect(lambda on: effective.setEnabled(not on))
        self.change_form.add("corrected", "更正", self.corrected)
        self.change_form.add("change_note", "变动说明", line("例：调岗、取得新学历（可不填）"), span=2)
        hint = QLabel("统计按生效日期计算：此前仍按原来的信息统计。若只是当初录错了，请勾选“更正”，原来的记录一并改正。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        inner = QVBoxLayout(box)
        inner.addWidget(self.changed_fields)
        inner.addWidget(self.change_form)
        inner.addWidget(hint)
        box.hide()
        self.change_box = box
        return box

    def _watch(self, editor: QWidget) -> None:
        if isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self._update_change_box)
            if editor.isEditable():
                editor.editTextChanged.connect(self._update_change_box)
        elif isinstance(editor, QCheckBox):
            editor.toggled.connect(self._update_change_box)
        elif isinstance(editor, QLineEdit):
            editor.textChanged.connect(self._update_change_box)
        elif isinstance(editor, DateEdit):
            editor.changed.connect(self._update_change_box)

    def history_edits(self) -> list[str]:
        """The dated attributes whose value in the form differs from the member as read."""
        if self.loaded is None:
            return []
        return [k for k in HISTORY_FIELDS if _comparable(k, self.form.value(k)) != _comparable(k, getattr(self.loaded, k))]

    def _update_change_box(self, *_: object) -> None:
        if self.change_box is None:
            return
        edited = self.history_edits()
        self.changed_fields.setText("本次修改了：" + "、".join(LABELS[k] for k in edited) + "。这些信息的变动按日期记录。")
        self.change_box.setVisible(bool(edited))

    def reload_field(self, key: str) -> None:
        """A tab rewrote one field (a change voided or corrected): take the stored value, unless
        the user has edited that field here, whose edit stays pending against the new value."""
        if self.loaded is None or self.member_id is None:
            return
        edited = key in self.history_edits()
        stored = getattr(members.get_member(self.db, self.member_id), key)
        setattr(self.loaded, key, stored)
        if not edited:
            self.form.set_value(key, stored)
        self._update_change_box()

    def _id_typed(self, text: str) -> None:
        if self.form.value("id_type") != "ric":
            return
        try:
            number = normalize_id_number("身份证号", text)
        except ValidationError:
            return
        self.form.set_value("birth_date", id_birth_date(number).isoformat())
        self.form.set_value("gender", id_gender(number))
        self.form.errors["id_number"].hide()

    def _wage_typed(self) -> None:
        try:
            wage = self.form.editors["monthly_wage_fen"].value()  # type: ignore[union-attr]
        except ValidationError:
            self.dues_hint.setText("")
            return
        if wage is None:
            self.dues_hint.setText("填写月工资后自动计算")
            return
        fen = monthly_dues(wage, get_setting(self.db, "dues_rounding"))
        self.dues_hint.setText(f"{format_money(fen)} 元/月（工资的0.5%，不足十元部分不计）")

    def _load(self, m: Member) -> None:
        self.loaded = m
        for key in members.EDITABLE:
            if key in self.form.editors:
                self.form.set_value(key, getattr(m, key))
        self._wage_typed()
        status = codes.MEMBER_STATUS.label(m.status) if m.status else "—"
        self.setWindowTitle(f"会员信息 — {m.name}（{status}）")

    def member(self) -> Member:
        f = self.form
        values = {}
        for key in members.EDITABLE:
            if key == "monthly_wage_fen":
                values[key] = f.editors[key].value(LABELS[key], key)  # type: ignore[union-attr]
            elif key in f.editors:
                values[key] = f.value(key)
        return Member(**values, id=self.member_id)

    # -------------------------------------------------------------- saving

    def save(self) -> None:
        self.form.clear_errors()
        if self.change_box is not None:
            self.change_form.clear_errors()
        self.message.hide()
        try:
            m = members.validate(self.member())
            for warning in members.warnings_for(self.db, m):
                answer = QMessageBox.question(self, "请确认", warning.message + "\n\n仍然保存吗？")
                if answer != QMessageBox.StandardButton.Yes:
                    return
            if self.member_id is None:
                how = self.form.editors["how"].currentData()  # type: ignore[union-attr]
                self.saved_id = members.add_member(self.db, m, how=how, other_union=self.other_union.text(), validated=True)
            else:
                members.update_member(self.db, m, **self._dated())
                self.saved_id = self.member_id
        except DuplicateError as exc:
            self._show(exc)
            return
        except ValidationError as exc:
            self._show(exc)
            return
        self.accept()

    def save_and_add(self) -> None:
        self.add_another = True
        self.save()
        if self.result() != QDialog.DialogCode.Accepted:
            self.add_another = False  # refused: stays open beside the error

    def _dated(self) -> dict[str, Any]:
        """update_member's effective/corrected/note for the dated attributes edited (none: nothing)."""
        if self.change_box is None or not self.history_edits():
            return {}
        note = self.change_form.value("change_note")
        if self.corrected.isChecked():
            return {"corrected": True, "note": note}
        return {"effective": self.change_form.value("effective"), "note": note}

    def _show(self, error: ValidationError) -> None:
        self.tabs.setCurrentIndex(0)
        # update_member names the change's own fields by label (its key "note" is not 备注's).
        own = CHANGE_FIELDS.get(error.field) if self.change_box is not None else None
        if own and self.change_form.show_error(ValidationError(error.field, error.message, key=own)):
            return
        if self.form.show_error(error):
            return
        self.message.setText(str(error))
        self.message.show()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Enter saves unless typing in the note
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is not self.form.editors["note"]:
            self.save()
            return
        super().keyPressEvent(event)
