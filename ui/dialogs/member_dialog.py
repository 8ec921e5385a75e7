"""Adding and editing a member: the real-name form's fields, errors beside the field,
and, for an existing member, the history, dues and change-log tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models import codes, members
from models.dues import monthly_dues
from models.members import LABELS, Member
from models.org import get_setting
from models.validation import DuplicateError, ValidationError, format_money, id_birth_date, id_gender, normalize_id_number
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line, text_edit



class MemberDialog(QDialog):
    def __init__(self, db: Database, member_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.member_id = member_id
        self.saved_id: int | None = None
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
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if member_id is not None:
            self._load(members.get_member(db, member_id))
            from ui.dialogs.member_tabs import AuditTab, DuesTab, HistoryTab

            self.history_tab = HistoryTab(db, member_id, self)
            self.dues_tab = DuesTab(db, member_id, self)
            self.audit_tab = AuditTab(db, member_id, self)
            self.tabs.addTab(self.history_tab, "会籍变动")
            self.tabs.addTab(self.dues_tab, "会费")
            self.tabs.addTab(self.audit_tab, "变更记录")
            self.tabs.currentChanged.connect(lambda _: self.audit_tab.refresh())
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 60), min(760, screen.height() - 60))

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
                members.update_member(self.db, m)
                self.saved_id = self.member_id
        except DuplicateError as exc:
            self._show(exc)
            return
        except ValidationError as exc:
            self._show(exc)
            return
        self.accept()

    def _show(self, error: ValidationError) -> None:
        self.tabs.setCurrentIndex(0)
        if not self.form.show_error(error):
            self.message.setText(str(error))
            self.message.show()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Enter saves unless typing in the note
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is not self.form.editors["note"]:
            self.save()
            return
        super().keyPressEvent(event)
