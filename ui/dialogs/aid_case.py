"""One household's file: family and income (with the suggested tier), aid given, the
timeline and the change log, and the steps of its life (入户调查 … 审批, 复核, 退出)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models import aid, audit, codes
from models import aid_payments as ap
from models.validation import ValidationError, format_money, mask_id_number, money_in_words
from models import clock
from ui.context import AppContext
from ui.dialogs.member_tabs import void_selected_row
from ui.widgets.unsaved import ignore
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, MoneyEdit, line, text_edit
from ui.widgets.form_dialog import FormDialog
from ui.widgets.rows_model import RowsList, RowsTable
from ui.widgets.screen_fit import fit_to_screen


def _today() -> str:
    """The default date of a form (until the ledger's clock reaches the UI)."""
    return clock.today_iso()


def fill_table(table: RowsTable, rows: list[tuple[list[str], int | None, bool]]) -> None:
    """Put (values, key, voided) rows into a table: one model reset, whatever the count
    (filling a QTableWidget cell by cell wore down None's refcount; see ui.refcounts)."""
    table.set_rows([values for values, _, _ in rows], keys=[key for _, key, _ in rows], voided=[voided for _, _, voided in rows])


# The particulars of an open file the chair may correct or complete after applying.
_PARTICULARS = ("phone", "department", "address", "housing_type", "marriage", "self_help", "bank_name", "bank_account")


def _add_particulars(f) -> MoneyEdit:
    """The particulars' fields, the same in the new-file and 档案信息 dialogs; returns 因困支出's edit."""
    f.add("phone", "联系电话", line())
    f.add("department", "部门", line())
    f.add("address", "家庭住址", line(), span=2)
    f.add("housing_type", "住房类型", CodeCombo(codes.HOUSING))
    f.add("marriage", "婚姻状况", CodeCombo(codes.MARRIAGE))
    f.add("self_help", "自救能力", CodeCombo(codes.SELF_HELP))
    f.add("bank_name", "开户银行", line())
    f.add("bank_account", "银行账号", line())
    spending = MoneyEdit()
    f.add("hardship_spending_fen", "因困支出（元/年）", spending)
    return spending


def new_case_dialog(db: Database, parent: QWidget | None) -> FormDialog:
    from ui.dialogs.congress_dialogs import MemberPicker

    d = FormDialog("新建困难职工档案", parent, columns=2)
    f = d.form
    picker = MemberPicker(db)
    f.add("member", "从会员中选择", picker, span=2)
    f.add("worker_name", "职工姓名", line("非会员职工请直接填写"), required=True)
    f.add("worker_id_number", "身份证号", line(), required=True)
    f.add("main_cause", "主要致困原因", CodeCombo(codes.HARDSHIP_CAUSE, empty=None), required=True)
    causes = RowsList(multi=True)
    causes.setMaximumHeight(110)
    causes.set_items(codes.HARDSHIP_CAUSE.labels(), keys=codes.HARDSHIP_CAUSE.codes())
    f.add("secondary_causes", "次要致困原因（最多3项）", causes)
    opened = DateEdit()
    opened.set_value(_today())
    f.add("opened_on", "申请（建档）日期", opened, required=True)
    spending = _add_particulars(f)

    def picked() -> None:
        from models.members import get_member

        chosen = picker.selected()
        if chosen:
            m = get_member(db, chosen[0])
            for key, value in (("worker_name", m.name), ("worker_id_number", m.id_number), ("phone", m.phone), ("department", m.department)):
                f.set_value(key, value)

    picker.selection_changed.connect(picked)

    def save(g: FormGrid) -> int:
        chosen = picker.selected()
        return aid.open_file(
            db,
            aid.Case(
                worker_name=g.value("worker_name"), worker_id_number=g.value("worker_id_number"), main_cause=g.value("main_cause"),
                opened_on=g.value("opened_on"), member_id=chosen[0] if chosen else None,
                secondary_causes=causes.selected_keys(), phone=g.value("phone"), department=g.value("department"),
                address=g.value("address"), housing_type=g.value("housing_type"), marriage=g.value("marriage"), self_help=g.value("self_help"),
                bank_name=g.value("bank_name"),
                bank_account=g.value("bank_account"), hardship_spending_fen=spending.value("因困支出", "hardship_spending_fen") or 0,
            ),
        )

    d.saver = save
    d.field_of = {"困难职工档案": "worker_id_number", "身份证号": "worker_id_number"}
    return d




def particulars_dialog(db: Database, case_id: int, parent: QWidget | None) -> FormDialog:
    """Edit the file's particulars (contact, housing, 自救能力, bank, 因困支出)."""
    case = aid.get_case(db, case_id)
    d = FormDialog(f"档案信息 — {case.worker_name}", parent, columns=2)
    f = d.form
    spending = _add_particulars(f)
    for key in _PARTICULARS:
        f.set_value(key, getattr(case, key))
    spending.set_value(case.hardship_spending_fen)

    def save(g: FormGrid) -> bool:
        edited = replace(case, **{k: g.value(k) for k in _PARTICULARS},
                         hardship_spending_fen=spending.value("因困支出", "hardship_spending_fen") or 0)
        return aid.update_file(db, edited, on=_today())

    d.saver = save
    return d


def household_dialog(db: Database, case_id: int, member: aid.HouseholdMember | None, parent: QWidget | None) -> FormDialog:
    d = FormDialog("家庭成员", parent)
    f = d.form
    f.add("name", "姓名", line(), required=True)
    f.add("relation", "与申请人关系", CodeCombo(codes.RELATION, empty=None), required=True)
    f.add("id_number", "身份证号（可不填）", line())
    f.add("birth_date", "出生日期", DateEdit())
    f.add("health", "健康状况", CodeCombo(codes.HEALTH, empty=None))
    f.add("occupation", "职业或就读学校", line())
    income = MoneyEdit()
    f.add("monthly_income_fen", "月收入（元）", income)
    f.add("medical_insurance", "医保情况", line())
    if member is None:
        joined = DateEdit()
        joined.edit.setPlaceholderText("审批前可不填（按申请日期）")
        f.add("joined_on", "加入家庭日期", joined)
    if member:
        for key in ("name", "relation", "id_number", "birth_date", "health", "occupation", "medical_insurance"):
            f.set_value(key, getattr(member, key))
        income.set_value(member.monthly_income_fen)

    def save(g: FormGrid):
        h = aid.HouseholdMember(
            g.value("name"), g.value("relation"), income.value("月收入", "monthly_income_fen") or 0, "", g.value("id_number"),
            g.value("birth_date"), g.value("health"), g.value("occupation"), g.value("medical_insurance"), member.id if member else None,
        )
        return aid.update_household_member(db, h) if member else aid.add_household_member(db, case_id, h, on=g.value("joined_on") or None)

    d.saver = save
    return d


def remove_member_dialog(db: Database, member_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("移出家庭成员", parent)
    f = d.form
    date = DateEdit()
    date.set_value(_today())
    f.add("left_on", "移出日期", date, required=True)
    f.add("reason", "原因", line("如：分户、去世"), required=True)
    d.saver = lambda g: aid.remove_household_member(db, member_id, g.value("reason"), on=g.value("left_on"))
    return d


def payment_dialog(db: Database, case_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("登记帮扶", parent, columns=2)
    f = d.form
    f.add("aid_type", "帮扶类型", CodeCombo(codes.AID_TYPE, empty=None), required=True)
    f.add("funding_source", "资金来源", CodeCombo(codes.FUNDING_SOURCE, empty=None), required=True)
    date = DateEdit()
    date.set_value(_today())
    f.add("date", "发放日期", date, required=True)
    amount = MoneyEdit()
    f.add("amount_fen", "金额（元）", amount, required=True)
    words = QLabel()
    words.setObjectName("hint")
    f.add("words", "金额大写", words, span=2)
    f.add("approved_by", "批准人", line())
    f.add("signed", "领取人签收", QCheckBox("已签收"))
    f.add("proxy_name", "代领人（本人领取不填）", line())
    f.add("proxy_relation", "代领人与本人关系", line("如 配偶、子女"))
    f.add("student_name", "学生姓名（金秋助学）", line())
    f.add("student_school", "学校", line())
    f.add("student_grade", "年级/入学年份", line())
    f.add("note", "说明/申请理由", line(), span=2)

    def show_words() -> None:
        try:
            fen = amount.value()
        except ValidationError:
            words.setText("")
            return
        words.setText(money_in_words(fen) if fen else "")

    amount.textChanged.connect(lambda _: show_words())

    def payment(g: FormGrid) -> ap.Payment:
        return ap.Payment(
            case_id, g.value("aid_type"), g.value("date"), amount.value("金额", "amount_fen") or 0, g.value("funding_source"),
            g.value("approved_by"), g.value("signed"), g.value("student_name"), g.value("student_school"), g.value("student_grade"), g.value("note"),
            g.value("proxy_name"), g.value("proxy_relation"),
        )

    def save(g: FormGrid):
        p = payment(g)
        try:
            return ap.record_payment(db, p)
        except ap.NeedsConfirmation as exc:
            answer = QMessageBox.question(d, "请确认金额", f"{exc.message}。\n确认按此金额登记吗？")
            if answer != QMessageBox.StandardButton.Yes:
                raise
            return ap.record_payment(db, p, confirmed=True)

    d.saver = save
    return d


def receipt_dialog(db: Database, payment_id: int, parent: QWidget | None) -> FormDialog:
    """签收 ticked after the money was handed over, with the 代领人 when someone else collected it."""
    p = ap.get_payment(db, payment_id)
    worker = aid.get_case(db, p.case_id).worker_name
    d = FormDialog(f"登记签收 — {worker} {p.date} {format_money(p.amount_fen)} 元", parent)
    f = d.form
    signed = QCheckBox("已签收")
    signed.setChecked(p.signed)
    f.add("signed", "领取人签收", signed)
    f.add("proxy_name", "代领人（本人领取不填）", line())
    f.add("proxy_relation", "代领人与本人关系", line("如 配偶、子女"))
    f.set_value("proxy_name", p.proxy_name)
    f.set_value("proxy_relation", p.proxy_relation)
    d.saver = lambda g: ap.record_receipt(db, payment_id, signed=g.value("signed"), proxy_name=g.value("proxy_name"), proxy_relation=g.value("proxy_relation"))
    return d


def step_dialog(db: Database, case_id: int, kind: str, parent: QWidget | None) -> FormDialog:
    label = codes.CASE_EVENT.label(kind)
    d = FormDialog(f"档案事项：{label}", parent)
    f = d.form
    date = DateEdit(allow_future=(kind == "notice"))
    date.set_value(_today())
    f.add("date", "开始日期" if kind == "notice" else "日期", date, required=True)
    if kind == "visit":
        f.add("people", "调查人员（两人）", line("用“、”分隔"), required=True)
        f.add("findings", "调查情况", text_edit(80))
    if kind == "notice":
        end = DateEdit(allow_future=True)
        f.add("end_date", "公示结束日期", end, required=True)
    if kind == "approve":
        f.add("reason", "提前审批原因", line("公示期未满时必须填写"))
    f.add("note", "说明", line())

    def save(g: FormGrid):
        values = {k: g.value(k) for k in ("people", "findings", "end_date", "reason", "note") if k in g.editors}
        return aid.advance(db, case_id, kind, g.value("date"), **values)

    d.saver = save
    return d


def tier_dialog(db: Database, case_id: int, parent: QWidget | None) -> FormDialog:
    a = aid.assess(db, case_id)
    d = FormDialog("确认困难类别", parent)
    f = d.form
    suggested = a["suggestion"]
    f.add("info", "测算", QLabel(f"人均月收入 {format_money(a['per_capita_fen'])} 元，低保 {format_money(a['min_living_fen'])} 元，建议：{suggested}"))
    combo = CodeCombo(codes.AID_TIER, empty=None)
    combo.set_value(a["suggested_tier"] or "relative")
    f.add("tier", "困难类别", combo, required=True)
    f.add("tier_reason", "调整理由", line("与建议不同时必须填写"))
    case = aid.get_case(db, case_id)
    in_effect = case.state == "active"
    if in_effect:  # approved: a different tier is a dated change, or a typo corrected
        combo.set_value(case.tier)
        on = DateEdit()
        on.set_value(_today())
        f.add("on", "生效日期", on, required=True)
        f.add("correction", "更正", QCheckBox("录入时选错，更正（不算类别变动）"))

    def save(g: FormGrid):
        if in_effect and g.value("correction"):
            return aid.correct_tier(db, case_id, g.value("tier"), g.value("tier_reason"))
        return aid.confirm_tier(db, case_id, g.value("tier"), g.value("tier_reason"), on=g.value("on") if in_effect else None)

    d.field_of = {"更正原因": "tier_reason"}
    d.saver = save
    return d


def review_dialog(db: Database, case_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("年度复核", parent)
    f = d.form
    date = DateEdit()
    date.set_value(_today())
    f.add("date", "复核日期", date, required=True)
    f.add("outcome", "复核结论", CodeCombo(codes.REVIEW_OUTCOME, empty=None), required=True)
    f.add("tier", "新的困难类别", CodeCombo(codes.AID_TIER))
    f.add("close_reason", "退出原因", CodeCombo(codes.CASE_CLOSE_REASON))
    f.add("close_measure", "脱困措施", line())
    f.add("people", "复核人员", line())
    f.add("findings", "复核情况", text_edit(60))
    f.add("tier_reason", "理由", line())
    d.saver = lambda g: aid.annual_review(
        db, case_id, g.value("date"), g.value("outcome"), findings=g.value("findings"), people=g.value("people"), new_tier=g.value("tier"),
        reason=g.value("tier_reason"), close_reason=g.value("close_reason"), measure=g.value("close_measure"),
    )
    return d


def close_dialog(db: Database, case_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("档案退出", parent)
    f = d.form
    date = DateEdit()
    date.set_value(_today())
    f.add("date", "退出日期", date, required=True)
    f.add("close_reason", "退出原因", CodeCombo(codes.CASE_CLOSE_REASON, empty=None), required=True)
    f.add("close_measure", "脱困措施（解困脱困时必填）", line())
    f.add("note", "说明", line())
    d.field_of = {"退出日期": "date"}
    d.saver = lambda g: aid.close_file(db, case_id, g.value("date"), g.value("close_reason"), measure=g.value("close_measure"), note=g.value("note"))
    return d


def _tier_step(e: dict) -> str:
    """The tier an event made effective or changed, for the timeline."""
    if e["kind"] == "approve" and e["to_tier"]:
        return f"困难类别：{codes.AID_TIER.label(e['to_tier'])}"
    if e["from_tier"] and e["to_tier"] and e["from_tier"] != e["to_tier"]:
        return f"困难类别：{codes.AID_TIER.label(e['from_tier'])} → {codes.AID_TIER.label(e['to_tier'])}"
    return ""


class CaseWindow(QDialog):
    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.db, self.case_id = ctx, ctx.db, case_id
        self.show_ids = False
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.figures = QLabel()
        self.figures.setObjectName("hint")
        self.figures.setWordWrap(True)
        steps = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for kind, text in (("visit", "入户调查…"), ("review", "审核…"), ("notice", "公示…"), ("tier", "确认困难类别…"), ("approve", "审批…"), ("annual_review", "年度复核…"), ("close", "退出…")):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=kind: self.step(k))
            steps.addWidget(b)
            self.step_buttons[kind] = b
        steps.addStretch(1)
        print_file = QPushButton("打印")
        print_menu = QMenu(print_file)
        edit_file = QPushButton("档案信息…")
        edit_file.clicked.connect(lambda: self._run(particulars_dialog(self.db, self.case_id, self)))
        steps.addWidget(edit_file)
        self.edit_file = edit_file
        for text, form in (("困难职工档案登记表", "aid-file"), ("帮扶救助申请审批表（申请用，审批栏空白）", "aid-application"), ("困难职工建档公示", "aid-case-notice")):
            print_menu.addAction(text, lambda f=form: self._print(f, self.case_id))
        print_file.setMenu(print_menu)
        steps.addWidget(print_file)

        self.household = RowsTable(["姓名", "关系", "性别", "身份证号", "出生日期", "健康状况", "职业/学校", "月收入（元）"])
        family = QWidget()
        fl = QVBoxLayout(family)
        fb = QHBoxLayout()
        for text, slot in (("添加成员…", self.add_member), ("修改…", self.edit_member), ("移出…", self.remove_member)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            fb.addWidget(b)
        reveal = ignore(QCheckBox("显示完整身份证号"))
        reveal.toggled.connect(self._toggle_ids)
        fb.addWidget(reveal)
        fb.addStretch(1)
        fl.addLayout(fb)
        fl.addWidget(self.household)

        self.payments = RowsTable(["发放日期", "帮扶类型", "金额（元）", "资金来源", "批准人", "签收", "学生", "说明"])
        pay = QWidget()
        pl = QVBoxLayout(pay)
        pb = QHBoxLayout()
        for text, slot in (("登记帮扶…", self.add_payment), ("登记签收…", self.receipt), ("作废所选…", self.void_payment), ("打印审批表", self.print_approval),
                           ("打印签收表", self.print_receipt)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            pb.addWidget(b)
        self.pay_total = QLabel()
        pb.addStretch(1)
        pb.addWidget(self.pay_total)
        pl.addLayout(pb)
        pl.addWidget(self.payments)

        self.timeline = RowsTable(["日期", "事项", "内容"])
        self.audit = RowsTable(["时间", "记录", "操作", "内容"])
        tabs = QTabWidget()
        tabs.addTab(family, "家庭情况")
        tabs.addTab(pay, "帮扶记录")
        tabs.addTab(self.timeline, "时间线")
        tabs.addTab(self.audit, "变更记录")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.figures)
        layout.addLayout(steps)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 720)
        self.refresh()

    def refresh(self) -> None:
        c = aid.get_case(self.db, self.case_id)
        a = aid.assess(self.db, self.case_id)
        self.setWindowTitle(f"困难职工档案 — {c.worker_name}（{c.file_no}）")
        tier = codes.AID_TIER.label(c.tier) if c.tier else "未确定"
        self.header.setText(
            f"<b>{c.worker_name}</b>　{c.department}　档案状态：<b>{codes.CASE_STATE.label(c.state)}</b>　困难类别：<b>{tier}</b>"
            f"　主要致困原因：{codes.HARDSHIP_CAUSE.label(c.main_cause)}"
        )
        suggested = a["suggestion"]
        self.figures.setText(
            f"家庭 {a['size']} 人，月收入合计 {format_money(a['household_monthly_fen'])} 元，因困支出 {format_money(c.hardship_spending_fen)} 元/年，"
            f"人均月收入 {format_money(a['per_capita_fen'])} 元（低保 {format_money(a['min_living_fen'])} 元 × {a['multiplier']:g} 倍为相对困难线）。"
            f"测算建议：{suggested}" + (f"；已确认：{tier}（{c.tier_reason}）" if c.tier_reason else "")
        )
        allowed = aid.allowed_steps(self.db, self.case_id)
        for kind, button in self.step_buttons.items():
            button.setEnabled(allowed[kind])
        self.edit_file.setEnabled(allowed["close"])  # open files only; a closed file is not edited
        rows = []
        for h in aid.household_members(self.db, self.case_id):
            number = h.id_number if self.show_ids else mask_id_number(h.id_number)
            rows.append(([h.name, codes.RELATION.label(h.relation), codes.GENDER.label(h.gender), number, h.birth_date,
                          codes.HEALTH.label(h.health), h.occupation, format_money(h.monthly_income_fen)], h.id, False))
        fill_table(self.household, rows)
        self.household.resizeColumnsToContents()
        rows, total = [], 0
        for p in ap.payments(self.db, self.case_id):
            note = p.note + (f"【已作废：{p.void_reason}】" if p.voided_at else "")
            student = f"{p.student_name} {p.student_school} {p.student_grade}".strip()
            rows.append(([p.date, codes.AID_TYPE.label(p.aid_type), format_money(p.amount_fen), codes.FUNDING_SOURCE.label(p.funding_source),
                          p.approved_by, ("已签收" if p.signed else "未签收") + (f"（{p.proxy_name}代领）" if p.proxy_name else ""), student, note], p.id, bool(p.voided_at)))
            total += 0 if p.voided_at else p.amount_fen
        fill_table(self.payments, rows)
        self.payments.resizeColumnsToContents()
        self.pay_total.setText(f"累计帮扶 {format_money(total)} 元")
        rows = []
        for e in aid.timeline(self.db, self.case_id):
            if e["entry"] == "event":
                tier = _tier_step(e)
                detail = "；".join(x for x in (e["people"] and f"人员：{e['people']}", e["findings"], e["end_date"] and f"至 {e['end_date']}",
                                               e["outcome"] and (codes.REVIEW_OUTCOME.label(e["outcome"]) or codes.CASE_CLOSE_REASON.label(e["outcome"])), tier, e["note"]) if x)
                rows.append(([e["date"], e["label"], detail], None, False))
            else:
                void = f"【已作废：{e['void_reason']}】" if e["voided_at"] else ""
                rows.append(([e["date"], f"帮扶：{e['label']}", f"{format_money(e['amount_fen'])} 元{void}"], None, bool(e["voided_at"])))
        fill_table(self.timeline, rows)
        self.timeline.resizeColumnsToContents()
        entries = [("档案", e) for e in audit.history(self.db, "aid_cases", self.case_id)]
        for p in ap.payments(self.db, self.case_id):
            entries += [("帮扶记录", e) for e in audit.history(self.db, "aid_payments", p.id)]
        rows = []
        for what, e in sorted(entries, key=lambda x: x[1]["id"], reverse=True):
            changed = "、".join(sorted((e["after"] or {}).keys() - {"id", "created_at", "updated_on"}))[:120]
            rows.append(([e["at"].replace("T", " "), what, codes.AUDIT_ACTION.label(e["action"]), e["note"] or changed], None, False))
        fill_table(self.audit, rows)
        self.audit.resizeColumnsToContents()

    def _toggle_ids(self, on: bool) -> None:
        self.show_ids = on
        self.refresh()

    def _run(self, dialog) -> None:
        if dialog.exec():
            self.refresh()

    def _selected(self, table: RowsTable) -> int | None:
        return table.selected_key()

    def step(self, kind: str) -> None:
        builders = {"tier": tier_dialog, "annual_review": review_dialog, "close": close_dialog}
        dialog = builders[kind](self.db, self.case_id, self) if kind in builders else step_dialog(self.db, self.case_id, kind, self)
        self._run(dialog)

    def add_member(self) -> None:
        self._run(household_dialog(self.db, self.case_id, None, self))

    def edit_member(self) -> None:
        key = self._selected(self.household)
        if key is not None:
            member = next(h for h in aid.household_members(self.db, self.case_id) if h.id == key)
            self._run(household_dialog(self.db, self.case_id, member, self))

    def remove_member(self) -> None:
        key = self._selected(self.household)
        if key is not None:
            self._run(remove_member_dialog(self.db, key, self))

    def add_payment(self) -> None:
        self._run(payment_dialog(self.db, self.case_id, self))

    def receipt(self) -> None:
        key = self._selected(self.payments)
        if key is None:
            QMessageBox.information(self, "登记签收", "请先选择一条帮扶记录。")
            return
        self._run(receipt_dialog(self.db, key, self))

    def void_payment(self) -> None:
        person = aid.get_case(self.db, self.case_id).worker_name
        named = lambda cells: f"{person} {cells[0]} 的 {cells[2]} 元{cells[1]}"  # noqa: E731  # who, date, amount, what
        if void_selected_row(self, self.payments, "帮扶记录", lambda key, reason: ap.void_payment(self.db, key, reason), name=named):
            self.refresh()

    def print_approval(self) -> None:
        key = self._selected(self.payments)
        if key is None:
            QMessageBox.information(self, "打印审批表", "请先选择一条帮扶记录。")
            return
        self._print("aid-approval", key)

    def print_receipt(self) -> None:
        """A payment recorded on its own gets its own receipt sheet; one paid in a round
        is signed for on the round's sheet (printed from the aid page)."""
        key = self._selected(self.payments)
        if key is None:
            QMessageBox.information(self, "打印签收表", "请先选择一条帮扶记录。")
            return
        round_id = ap.get_payment(self.db, key).round_id
        if round_id is not None:
            self._print("aid-receipts", round_id)
        else:
            self._print("aid-payment-receipt", key)

    def _print(self, form: str, ident: int) -> None:
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, form, ident)
