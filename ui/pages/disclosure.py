"""厂务公开: the year's register with due and overdue markers (filters by year, category and
channel), what is due now, workers' feedback, inspections and the regular subjects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import clock, codes
from models import disclosure as dc
from models import disclosure_feedback as fb
from models import disclosure_schedule as sched
from ui.app import icon
from ui.context import AppContext
from ui.dialogs.member_tabs import void_selected_row
from ui.widgets.form_dialog import run_modal
from ui.widgets.rows_model import RowsTable
from ui.widgets.unsaved import ignore

MARKS = {"done": "按时", "late": "逾期公开", "due": "● 应公开", "overdue": "▲ 已逾期", "": ""}


def _short_category(item: dc.Item) -> str:
    """The sub-category when there is one (the full 类别—内容 is in the item window and on paper)."""
    if item.subcategory:
        return codes.DISCLOSURE_SUBCATEGORY.label(item.subcategory)
    return codes.DISCLOSURE_CATEGORY.label(item.category)


def _bar(*buttons: tuple[str, object]) -> QHBoxLayout:
    bar = QHBoxLayout()
    for text, slot in buttons:
        b = QPushButton(text)
        b.clicked.connect(slot)
        bar.addWidget(b)
    bar.addStretch(1)
    return bar


def _tab(bar: QHBoxLayout, *widgets: QWidget) -> QWidget:
    w = QWidget()
    layout = QVBoxLayout(w)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.addLayout(bar)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, RowsTable) else 0)
    return w


class DisclosurePage(QWidget):
    watches = ("disclosure_items", "disclosure_subjects", "disclosure_attachments", "disclosure_feedback", "disclosure_inspections")

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.db = ctx.db
        title = QLabel("厂务公开")
        title.setObjectName("pageTitle")
        self.year = ignore(QSpinBox())
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(lambda _: self.refresh())
        self.category = ignore(QComboBox())
        self.category.addItem("全部类别", "")
        for code, label in codes.DISCLOSURE_CATEGORY.pairs():
            self.category.addItem(label, code)
        self.category.currentIndexChanged.connect(lambda _: self.refresh())
        self.channel = ignore(QComboBox())
        self.channel.addItem("全部渠道", "")
        for code, label in codes.DISCLOSURE_CHANNEL.pairs():
            self.channel.addItem(label, code)
        self.channel.currentIndexChanged.connect(lambda _: self.refresh())
        print_button = QToolButton()
        print_button.setText("打印")
        print_button.setIcon(icon("print"))
        print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        menu.addAction("厂务公开登记台账（所选年度）", lambda: self._print_year("disclosure-ledger"))
        menu.addAction("厂务公开栏公告（选中的事项）", self.print_notice)
        menu.addAction("职工反馈意见登记表（所选年度）", lambda: self._print_year("disclosure-feedback"))
        menu.addAction("监督检查记录表（所选年度）", lambda: self._print_year("disclosure-inspections"))
        print_button.setMenu(menu)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        for w in (self.year, self.category, self.channel):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(print_button)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)

        self.register = RowsTable(["公开日期", "时效", "公开事项", "所属期间", "内容分类", "公开渠道", "公开范围", "责任部门", "附件"])
        self.register.activated.connect(lambda _: self.open_selected())
        self.due = RowsTable(["状态", "应公开事项", "所属期间", "公开周期", "应于此日前公开"])
        self.due.activated.connect(lambda _: self.disclose_due())
        self.feedback = RowsTable(["反馈日期", "状态", "渠道", "反映人", "相关公开事项", "反馈内容", "答复人", "答复日期", "办结日期"])
        self.open_only = ignore(QCheckBox("只看未办结"))
        self.open_only.toggled.connect(lambda _: self.refresh())
        self.inspections = RowsTable(["检查日期", "状态", "检查人员", "检查项目", "发现的问题", "整改期限", "整改完成"])
        self.subjects = RowsTable(["公开事项", "公开类别", "公开周期", "开始执行", "停止日期", "责任部门", "责任人"])
        self.subjects.activated.connect(lambda _: self.edit_subject())

        feedback_bar = _bar(("登记反馈…", self.add_feedback), ("答复/办结…", self.answer_feedback), ("作废…", self.void_feedback))
        feedback_bar.insertWidget(3, self.open_only)
        self.tabs = QTabWidget()
        self.tabs.addTab(_tab(_bar(("新建公开事项…", self.new_item), ("打开", self.open_selected), ("作废…", self.void_item)), self.register), "公开台账")
        self.tabs.addTab(_tab(_bar(("登记本期公开…", self.disclose_due)), self.due), "应公开/逾期")
        self.tabs.addTab(_tab(feedback_bar, self.feedback), "职工反馈")
        self.tabs.addTab(_tab(_bar(("登记检查…", self.add_inspection), ("整改完成…", self.rectified), ("作废…", self.void_inspection)), self.inspections), "监督检查")
        self.tabs.addTab(_tab(_bar(("新建…", self.new_subject), ("修改…", self.edit_subject), ("作废…", self.void_subject)), self.subjects), "定期公开事项")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # -------------------------------------------------------------- reading

    def refresh(self) -> None:
        year, today = self.year.value(), clock.today_iso()
        rows = dc.register(self.db, year, category=self.category.currentData() or None, channel=self.channel.currentData() or None, include_void=True)
        counts = self._attachment_counts()
        selected = self.register.selected_key()
        self.register.set_rows(
            [[i.disclosed_on or "待公开", "" if i.voided_at else MARKS[r["state"]], i.title + (f"【已作废：{i.void_reason}】" if i.voided_at else ""),
              r["period"], _short_category(i), dc.channel_text(i), dc.audience_text(i), i.department, str(counts.get(i.id) or "")]
             for r in rows for i in [r["item"]]],
            keys=[r["item"].id for r in rows],
            voided=[bool(r["item"].voided_at) for r in rows],
        )
        if selected is not None:
            self.register.select_key(selected)
        self.register.resizeColumnsToContents()
        self.register.setColumnWidth(2, min(self.register.columnWidth(2), 340))
        due = sched.due_now(self.db, today)
        self.due.set_rows(
            [[MARKS[o["state"]], o["title"], o["period_label"], sched.kind_label(o["period_kind"]), o["due_on"]] for o in due],
            keys=list(range(len(due))),
        )
        self._due = due
        self.due.resizeColumnsToContents()
        self._refresh_feedback(year)
        self._refresh_inspections(year)
        self._refresh_subjects()
        live = [r for r in rows if not r["item"].voided_at]
        overdue = sum(1 for o in due if o["state"] == "overdue")
        open_fb = len(fb.feedback_list(self.db, open_only=True))
        self.summary.setText(
            f"{year}年已登记 {len(live)} 项，其中已公开 {sum(1 for r in live if r['state'] in ('done', 'late'))} 项。"
            f"今天（{today}）应公开 {len(due) - overdue} 项、已逾期 {overdue} 项；未办结的职工反馈 {open_fb} 件。"
        )
        self.tabs.setTabText(1, f"应公开/逾期（{len(due)}）" if due else "应公开/逾期")

    def show_due(self) -> None:
        """The 应公开/逾期 tab (the 首页's 厂务公开 card)."""
        self.tabs.setCurrentIndex(1)

    def _attachment_counts(self) -> dict[int, int]:
        from models.disclosure_files import attachment_counts

        return attachment_counts(self.db)

    def _refresh_feedback(self, year: int) -> None:
        rows = fb.feedback_list(self.db, year=None if self.open_only.isChecked() else year, open_only=self.open_only.isChecked(), include_void=True)
        self.feedback.set_rows(
            [[x.received_on, f"已作废：{x.void_reason}" if x.voided_at else fb.FEEDBACK_STATE[r["state"]], codes.FEEDBACK_CHANNEL.label(x.channel),
              x.person or "（匿名）", r["item_title"] or "（综合）", x.content[:60] + ("…" if len(x.content) > 60 else ""), x.answered_by,
              x.replied_on or "", x.closed_on or ""] for r in rows for x in [r["feedback"]]],
            keys=[r["feedback"].id for r in rows],
            voided=[bool(r["feedback"].voided_at) for r in rows],
        )
        self.feedback.resizeColumnsToContents()
        self.feedback.setColumnWidth(5, min(self.feedback.columnWidth(5), 360))

    def _refresh_inspections(self, year: int) -> None:
        rows = fb.inspections(self.db, year=year, include_void=True)
        self.inspections.set_rows(
            [[x.date, f"已作废：{x.void_reason}" if x.voided_at else fb.INSPECTION_STATE[r["state"]], x.inspectors, fb.aspects_text(x),
              x.findings[:60] or "未发现问题", x.rectify_due_on or "", x.rectified_on or ""] for r in rows for x in [r["inspection"]]],
            keys=[r["inspection"].id for r in rows],
            voided=[bool(r["inspection"].voided_at) for r in rows],
        )
        self.inspections.resizeColumnsToContents()
        self.inspections.setColumnWidth(4, min(self.inspections.columnWidth(4), 360))

    def _refresh_subjects(self) -> None:
        rows = dc.subjects(self.db, include_void=True)
        self.subjects.set_rows(
            [[s.title + (f"【已作废：{s.void_reason}】" if s.voided_at else ""), dc.category_text(s), codes.PERIOD_KIND.label(s.period_kind),  # type: ignore[arg-type]
              s.start_date, s.end_date or "", s.department, s.person] for s in rows],
            keys=[s.id for s in rows],
            voided=[bool(s.voided_at) for s in rows],
        )
        self.subjects.resizeColumnsToContents()

    # -------------------------------------------------------------- items

    def new_item(self) -> None:
        self._open(None)

    def open_selected(self) -> None:
        key = self.register.selected_key()
        if key is None:
            QMessageBox.information(self, "打开", "请先选择一项公开事项。")
            return
        self._open(key)

    def _open(self, item_id: int | None, prepare=None):
        from ui.dialogs.disclosure_item import ItemWindow

        window = ItemWindow(self.ctx, item_id, self)
        if prepare is not None:
            prepare(window)
        run_modal(window)
        self.refresh()
        return window

    def disclose_due(self) -> None:
        """A new item for the chosen due period (its subject and period filled in)."""
        rows = self.due.selected_rows()
        if not rows:
            QMessageBox.information(self, "登记本期公开", "请先在“应公开/逾期”中选择一项。")
            return
        o = self._due[self.due.rows.key(rows[0])]
        if o["item_id"] is not None:
            self._open(o["item_id"])
            return

        def prepare(w) -> None:
            w.subject.setCurrentIndex(max(0, w.subject.findData(o["subject_id"])))
            w._subject_changed(o["period_start"])
            w.form.set_value("title", f"{o['period_label']}{o['title']}")

        self._open(None, prepare)

    def void_item(self) -> None:
        if void_selected_row(self, self.register, "公开事项", lambda key, reason: dc.void_item(self.db, key, reason),
                             name=lambda cells: f"{cells[0]} {cells[1]}"):
            self.refresh()

    def print_notice(self) -> None:
        key = self.register.selected_key()
        if key is None:
            QMessageBox.information(self, "打印", "请先在公开台账中选择一项公开事项。")
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, "disclosure-notice", key)

    def _print_year(self, form: str) -> None:
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, form, self.year.value())

    def print_current(self) -> None:
        self._print_year("disclosure-ledger")

    # -------------------------------------------------------------- feedback, inspections, subjects

    def _run(self, dialog) -> None:
        if run_modal(dialog):
            self.refresh()

    def add_feedback(self) -> None:
        from ui.dialogs.disclosure_dialogs import feedback_dialog

        self._run(feedback_dialog(self.db, self, item_id=self.register.selected_key()))

    def answer_feedback(self) -> None:
        key = self.feedback.selected_key()
        if key is None:
            QMessageBox.information(self, "答复", "请先选择一条职工反馈。")
            return
        from ui.dialogs.disclosure_dialogs import answer_dialog

        self._run(answer_dialog(self.db, key, self))

    def void_feedback(self) -> None:
        if void_selected_row(self, self.feedback, "职工反馈", lambda key, reason: fb.void_feedback(self.db, key, reason),
                             name=lambda cells: f"{cells[0]} {cells[5]}"):
            self.refresh()

    def add_inspection(self) -> None:
        from ui.dialogs.disclosure_dialogs import inspection_dialog

        self._run(inspection_dialog(self.db, self))

    def rectified(self) -> None:
        key = self.inspections.selected_key()
        if key is None:
            QMessageBox.information(self, "整改完成", "请先选择一条监督检查记录。")
            return
        from ui.dialogs.disclosure_dialogs import rectified_dialog

        self._run(rectified_dialog(self.db, key, self))

    def void_inspection(self) -> None:
        if void_selected_row(self, self.inspections, "监督检查记录", lambda key, reason: fb.void_inspection(self.db, key, reason),
                             name=lambda cells: f"{cells[0]} {cells[2]} 的检查"):
            self.refresh()

    def new_subject(self) -> None:
        from ui.dialogs.disclosure_dialogs import subject_dialog

        self._run(subject_dialog(self.db, None, self))

    def edit_subject(self) -> None:
        key = self.subjects.selected_key()
        if key is None:
            QMessageBox.information(self, "修改", "请先选择一项定期公开事项。")
            return
        from ui.dialogs.disclosure_dialogs import subject_dialog

        self._run(subject_dialog(self.db, dc.get_subject(self.db, key), self))

    def void_subject(self) -> None:
        if void_selected_row(self, self.subjects, "定期公开事项", lambda key, reason: dc.void_subject(self.db, key, reason),
                             name=lambda cells: cells[0]):
            self.refresh()

