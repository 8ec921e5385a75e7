"""首页: what needs doing, the year in figures, and the jobs the chair does most.

The window comes first: the page is built empty and its figures are read right after
(one figure per pass of the event loop, QTimer.singleShot(0)), so opening a 100,000-member
ledger never waits for the dashboard's queries, and a slow one (本月未缴会费 reads every
member) does not hold the others back. Every card and chart bar opens the list behind it
(models.dashboard.Target) on its page, with the filter applied.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models import clock, dashboard, org
from models.dashboard import Chart, Target, TodoItem
from ui.context import AppContext
from ui.widgets.mini_charts import BarChart

# Lines broken by hand: a word-wrapped label has a height for each width, and the main
# window then took its minimum height at its narrowest (821 px, past a 768 screen).
EMPTY_TEXT = (
    "<p style='font-size:14pt; font-weight:bold; color:#1f3b57'>欢迎使用工会台账</p>"
    "<p>台账里还没有任何记录。可以先用下方的“导入花名册…”从 Excel/CSV 导入会员，<br>"
    "或逐个“新增会员”，再到“单位信息设置”中填写工会名称等信息。</p>"
    "<p>有了记录，这里就会列出待办事项（逾期提案、应公开事项、待复核档案、未缴会费……）<br>"
    "和本年度的数据图表。</p>"
)
# Where each chart sits: (row, column, column span) in the figures grid.
CHART_PLACES = {"status": (0, 0, 1), "department": (0, 1, 1), "proposals": (0, 2, 1), "aid_month": (1, 0, 2), "aid_type": (1, 2, 1)}


class TodoCard(QPushButton):
    """One to-do figure: what it is, how many, one line of detail; a click opens its list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todoCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        self.number = QLabel("…")
        self.number.setObjectName("cardNumber")
        self.detail = QLabel("正在统计…")
        self.detail.setObjectName("hint")
        inner = QVBoxLayout(self)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.setSpacing(2)
        for label in (self.title, self.number, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            inner.addWidget(label)
        self.setMinimumHeight(96)
        self.item: TodoItem | None = None

    def show_item(self, item: TodoItem) -> None:
        self.item = item
        self.title.setText(item.label)
        self.number.setText(item.value)
        # A figure that asks for work stands out; a clear one stays calm.
        self.number.setObjectName("cardAlert" if item.count and item.key != "congress" else "cardNumber")
        self.number.style().unpolish(self.number)
        self.number.style().polish(self.number)
        self.detail.setText(item.detail)
        self.setToolTip(f"{item.label}：点击查看名单" if item.key != "congress" else "点击打开职代会")


class ChartBox(QFrame):
    """A chart with its title, in a card."""

    def __init__(self, columns: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel()
        self.title.setObjectName("chartTitle")
        self.chart = BarChart(columns=columns)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(10, 6, 10, 6)
        inner.addWidget(self.title)
        inner.addWidget(self.chart, 1)
        self.data: Chart | None = None

    def show_chart(self, chart: Chart) -> None:
        self.data = chart
        total = f"（合计 {chart.total / 100:,.2f} 元）" if chart.unit == "元" and chart.total else (f"（共 {chart.total:,} {chart.unit}）" if chart.total else "")
        self.title.setText(chart.title + total)
        self.chart.set_bars([b.label for b in chart.bars], [b.value for b in chart.bars], chart.unit, empty_text=chart.empty_text,
                            clickable=[b.target is not None for b in chart.bars])


class HomePage(QWidget):
    # What its figures read: members, dues, proposals and sessions, the 厂务公开 register, aid
    # files and money, innovation tasks, and the union's name.
    watches = (
        "members", "membership_events", "org_profile", "dues_payments", "congress_terms", "congress_sessions", "proposals",
        "proposal_events", "disclosure_items", "disclosure_subjects", "aid_cases", "aid_case_events", "aid_payments",
        "innovation_projects", "innovation_tasks", "innovation_task_reports", "innovation_project_events",
    )
    filled = Signal()  # every figure is on screen (tests and the start-up bench wait for it)

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window_ = window
        self.ready = False
        self._steps: list[Callable[[], None]] = []
        self._generation = 0
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.as_of = QLabel()
        self.as_of.setObjectName("hint")

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("emptyState")
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setVisible(False)

        self.cards: dict[str, TodoCard] = {}
        todo_grid = QGridLayout()
        todo_grid.setSpacing(8)
        for col, key in enumerate(("proposals", "disclosure", "aid", "innovation", "dues", "congress")):
            card = TodoCard()
            card.clicked.connect(lambda _=False, k=key: self._open_card(k))
            self.cards[key] = card
            todo_grid.addWidget(card, 0, col)
        self.todo_box = QWidget()
        todo_layout = QVBoxLayout(self.todo_box)
        todo_layout.setContentsMargins(0, 0, 0, 0)
        todo_title = QLabel("待办事项")
        todo_title.setObjectName("sectionTitle")
        todo_layout.addWidget(todo_title)
        todo_layout.addLayout(todo_grid)

        self.charts: dict[str, ChartBox] = {}
        chart_grid = QGridLayout()
        chart_grid.setSpacing(8)
        for key, (row, col, span) in CHART_PLACES.items():
            box = ChartBox(columns=key == "aid_month")
            box.chart.clicked.connect(lambda index, k=key: self._open_bar(k, index))
            self.charts[key] = box
            chart_grid.addWidget(box, row, col, 1, span)
        for col in range(3):
            chart_grid.setColumnStretch(col, 1)
        self.figures_box = QWidget()
        figures_layout = QVBoxLayout(self.figures_box)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        self.figures_title = QLabel("本年度概况")
        self.figures_title.setObjectName("sectionTitle")
        figures_layout.addWidget(self.figures_title)
        figures_layout.addLayout(chart_grid, 1)

        actions = QHBoxLayout()
        actions_title = QLabel("常用操作")
        actions_title.setObjectName("chartTitle")
        actions.addWidget(actions_title)
        actions.addSpacing(8)
        for text, slot in (
            ("新增会员", lambda: self._members().new_record()),
            ("导入花名册…", lambda: self._members().import_roster()),
            ("打印花名册…", lambda: self._members().print_roster()),
            ("单位信息设置", lambda: self.window_.go("settings")),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.as_of)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.todo_box)
        layout.addWidget(self.figures_box, 1)
        layout.addSpacing(4)
        layout.addLayout(actions)
        self.refresh()

    def _members(self):
        return self.window_.go("members")

    # -------------------------------------------------------------- figures

    def refresh(self) -> None:
        """The title now; the figures one by one right after (see the module's note)."""
        profile = org.get_profile(self.ctx.db)
        self.title.setText(profile.union_name or "工会台账")
        self.hint.setText("" if profile.union_name else "尚未填写工会名称等信息：请先到“设置”中填写，打印的表格抬头会用到。")
        self.hint.setVisible(not profile.union_name)
        self.ready = False
        self._generation += 1  # a refresh while figures are still coming drops the old steps
        self._day = clock.today_iso()
        self._steps = [self._check_empty] + [lambda part=part: self._show(part()) for part in dashboard.parts(self.ctx.db, self._day)]
        generation = self._generation
        QTimer.singleShot(0, self, lambda: self._step(generation))

    def stop_pending(self) -> None:
        """The window is closing: the figures still to come are dropped (their ledger may be
        closed before the event loop would run them)."""
        self._generation += 1
        self._steps = []

    def _step(self, generation: int) -> None:
        if generation != self._generation or not self._steps:
            return
        if self.window_ is not None and self.window_.ctx is not self.ctx:
            return  # the ledger was closed (another file opened, a restore): nothing to read
        self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(0, self, lambda: self._step(generation))
        else:
            self.ready = True
            self.filled.emit()

    def _check_empty(self) -> None:
        empty = dashboard.is_empty(self.ctx.db)
        # Hide before showing: both at once, for a moment, asked more height than the screen's
        # and the main window grew past it for good.
        for widget, shown in sorted(((self.empty, empty), (self.todo_box, not empty), (self.figures_box, not empty)), key=lambda p: p[1]):
            widget.setVisible(shown)
        self.as_of.setText("" if empty else f"截至 {self._day}")
        if empty:
            del self._steps[:]  # nothing to count: the welcome says how to start

    def _show(self, figure: TodoItem | Chart) -> None:
        if isinstance(figure, TodoItem):
            self.cards[figure.key].show_item(figure)
        else:
            self.charts[figure.key].show_chart(figure)

    # -------------------------------------------------------------- the lists behind

    def _open_card(self, key: str) -> None:
        item = self.cards[key].item
        if item is not None:
            self.open_target(item.target)

    def _open_bar(self, key: str, index: int) -> None:
        chart = self.charts[key].data
        if chart is not None and 0 <= index < len(chart.bars) and chart.bars[index].target is not None:
            self.open_target(chart.bars[index].target)

    def open_target(self, t: Target) -> QWidget:
        """Show the page of `t` with its list: the view or filter the figure counted."""
        page = self.window_.go(t.page)
        if t.page == "members":
            if t.view == "dues":
                page.show_dues()
            else:
                _filter_members(page, t.view, t.department)
        elif t.page == "congress":
            if t.view:
                page.show_proposals(t.ident, t.view)
            elif t.ident is not None:
                page.show_session(t.ident)
        elif t.page == "disclosure":
            page.show_due()
        elif t.page == "aid":
            page.show_view(t.view)
        elif t.page == "innovation":
            page.show_overdue()
        return page


def _filter_members(page, status: str, department: str) -> None:
    """The member list's own filters (status, department), set as the chair would set them."""
    page.show_void.setChecked(False)
    page.department.setCurrentIndex(max(0, page.department.findData(department or "")))
    page.status.setCurrentIndex(max(0, page.status.findData(status or "")))
