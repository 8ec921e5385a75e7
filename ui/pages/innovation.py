"""创新项目: the projects of a declaration year with their state, a progress bar and the
priority criterion, the overdue tasks of every project still followed, and a window
per project."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import clock
from models import innovation as inv
from models import innovation_codes as ic
from models import innovation_plan as plan
from models.org import get_profile
from models.validation import format_money
from ui.app import icon
from ui.context import AppContext
from ui.widgets.form_dialog import run_modal
from ui.widgets.rows_model import RowsTable

COLUMNS = ["项目名称", "申报单位", "项目负责人", "状态", "进度", "逾期任务", "优先推荐", "申请补助（元）", "补助到位（元）"]
PROGRESS_COLUMN = 4


class ProgressDelegate(QStyledItemDelegate):
    """Draws a cell holding "65%" as a progress bar (the table stays a plain RowsTable)."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        text = str(index.data() or "")
        try:
            value = int(text.rstrip("%"))
        except ValueError:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 4, -4, -4)
        bar.minimum, bar.maximum, bar.progress = 0, 100, value
        bar.text = f"{value}%"
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class InnovationPage(QWidget):
    watches = ("innovation_projects", "innovation_tasks", "innovation_task_reports", "innovation_recognitions", "innovation_project_events", "innovation_team")

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.db = ctx.db
        title = QLabel("创新项目")
        title.setObjectName("pageTitle")
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda _: self.refresh())
        self.state = QComboBox()
        self.state.addItem("全部状态", "")
        for code, label in ic.PROJECT_STATE.pairs():
            self.state.addItem(label, code)
        self.state.currentIndexChanged.connect(lambda _: self.refresh())
        self.count = QLabel()
        self.count.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(QLabel("申报年度"))
        bar.addWidget(self.year)
        bar.addWidget(self.state)
        bar.addWidget(self.count)
        bar.addStretch(1)
        for text, slot in (("新建项目…", self.new_record), ("打开项目", self.open_selected)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
        print_button = QToolButton()
        print_button.setText("打印")
        print_button.setIcon(icon("print"))
        print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        for text, form in (("工会工作创新项目申报表（选中的项目）", "innovation-form"), ("项目推进计划表（选中的项目）", "innovation-plan"),
                           ("项目进展情况报告（选中的项目）", "innovation-progress")):
            menu.addAction(text, lambda f=form: self._print(f))
        print_button.setMenu(menu)
        bar.addWidget(print_button)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.table = RowsTable(COLUMNS, alignments={7: Qt.AlignmentFlag.AlignRight, 8: Qt.AlignmentFlag.AlignRight})
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.table))
        self.table.activated.connect(lambda _: self.open_selected())
        self.overdue_title = QLabel()
        self.overdue = RowsTable(["项目", "任务", "推进阶段", "责任人", "计划完成", "已逾期（天）", "完成", "状态"])
        self.overdue.activated.connect(lambda _: self._open_overdue())
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.overdue_title)
        lv.addWidget(self.overdue, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self._fill_years()
        self.refresh()

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in inv.years(self.db):
            self.year.addItem(f"{y}年", y)
        index = self.year.findData(chosen) if chosen else -1
        self.year.setCurrentIndex(max(0, index))
        self.year.blockSignals(False)

    def refresh(self) -> None:
        if self.year.count() != len(inv.years(self.db)):
            self._fill_years()
        year = self.year.currentData() or clock.today().year
        selected = self.table.selected_key()
        rows = inv.yearly_list(self.db, year)
        state = self.state.currentData()
        shown = [r for r in rows if not state or r["state"] == state]
        self.table.set_rows(
            [[r["name"], r["applicant_name"], r["lead"], ic.PROJECT_STATE.label(r["state"]), f"{r['progress']}%", str(r["overdue"] or ""),
              r["priority"], format_money(r["subsidy_requested_fen"]),
              format_money(r["subsidy_granted_fen"]) if r["subsidy_granted_fen"] else ""] for r in shown],
            keys=[r["id"] for r in shown],
            tips={i: f"优先推荐：{r['priority']}" for i, r in enumerate(shown) if r["priority"]},
        )
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(PROGRESS_COLUMN, 110)
        for column, widest in ((0, 280), (1, 160), (6, 210)):  # long names elide; the money columns stay in view
            self.table.setColumnWidth(column, min(widest, self.table.columnWidth(column)))
        if selected is not None:
            self.table.select_key(selected)
        self.count.setText(f"共 {len(shown)} 个项目")
        by_state = "，".join(f"{label} {n}" for code, label in ic.PROJECT_STATE.pairs() if (n := sum(r["state"] == code for r in rows)))
        granted = sum(r["subsidy_granted_fen"] for r in rows)
        self.summary.setText(f"{year}年度：{by_state or '暂无项目'}" + (f"；补助到位合计 {format_money(granted)} 元" if granted else ""))
        late = plan.overdue_tasks(self.db)
        self.overdue_title.setText(f"逾期未完成的任务（截至 {clock.today_iso()}，共 {len(late)} 项；双击打开项目）" if late else "逾期未完成的任务：无")
        self.overdue.set_rows(
            [[t["project"], t["title"], ic.TASK_STAGE.label(t["stage"]), t["owner"], t["due_on"], str(t["days_late"]), f"{t['percent']}%",
              ic.TASK_STATUS.label(t["status"])] for t in late],
            keys=[t["project_id"] for t in late],
        )
        self.overdue.resizeColumnsToContents()

    def show_overdue(self) -> None:
        """The list of overdue tasks, under the projects: the first row chosen, the focus on it."""
        if self.overdue.model().rowCount():
            self.overdue.selectRow(0)
        self.overdue.setFocus()

    def new_record(self) -> None:
        from ui.dialogs.innovation_dialogs import new_project_dialog

        d = new_project_dialog(self.db, self, get_profile(self.db).union_name)
        if run_modal(d):
            project_id = d.value
            self.refresh()
            self._open(project_id)

    def open_selected(self) -> None:
        key = self.table.selected_key()
        if key is None:
            QMessageBox.information(self, "打开项目", "请先选择一个项目。")
            return
        self._open(key)

    def _open_overdue(self) -> None:
        key = self.overdue.selected_key()
        if key is not None:
            self._open(key)

    def _open(self, project_id: int) -> None:
        from ui.dialogs.innovation_project import ProjectWindow

        run_modal(ProjectWindow(self.ctx, project_id, self))
        self.refresh()

    def _print(self, form: str) -> None:
        key = self.table.selected_key()
        if key is None:
            QMessageBox.information(self, "打印", "请先选择一个项目。")
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, form, key)

    def print_current(self) -> None:
        self._print("innovation-form")
