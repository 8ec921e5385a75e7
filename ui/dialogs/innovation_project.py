"""One innovation project: 基本信息 (the declaration, its team), 计划表 (tasks and their
progress), 进度图 (the timeline), 表彰推广 (recognitions and the priority rule) and
变更记录 (the audit trail), with the life-cycle steps (申报, 评审结果, 补助到位) and the
three forms on the header. Edits of 基本信息 not yet saved are asked about before the
window closes or a step is taken."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import clock
from models import innovation as inv
from models import innovation_codes as ic
from models import innovation_plan as plan
from models import innovation_recognition as rec
from models.validation import ValidationError, format_money
from ui.context import AppContext
from ui.dialogs import innovation_dialogs as dlg
from ui.dialogs.member_tabs import void_selected_row
from ui.widgets.form import FormGrid
from ui.widgets.form_dialog import run_modal
from ui.widgets.gantt import GanttChart
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.unsaved import UnsavedDialogMixin, confirm_leave, ignore
from ui.widgets import void_dialog

def _buttons(*pairs) -> QHBoxLayout:
    row = QHBoxLayout()
    for text, slot in pairs:
        b = QPushButton(text)
        b.clicked.connect(slot)
        row.addWidget(b)
    row.addStretch(1)
    return row


class ProjectWindow(UnsavedDialogMixin, QDialog):
    unsaved_what = "项目基本信息的修改"

    def __init__(self, ctx: AppContext, project_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.db, self.project_id = ctx, ctx.db, project_id
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.priority = QLabel()
        self.priority.setWordWrap(True)
        steps = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for key, text in (("declare", "申报…"), ("decide", "评审结果…"), ("subsidy", "补助资金到位…"), ("undo", "撤销上一步…"), ("void", "作废项目…")):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=key: self.step(k))
            steps.addWidget(b)
            self.step_buttons[key] = b
        steps.addStretch(1)
        print_button = QPushButton("打印")
        menu = QMenu(print_button)
        for text, form in (("工会工作创新项目申报表", "innovation-form"), ("项目推进计划表", "innovation-plan"), ("项目进展情况报告", "innovation-progress")):
            menu.addAction(text, lambda f=form: self.print_form(f))
        print_button.setMenu(menu)
        steps.addWidget(print_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._info_tab(), "基本信息")
        self.tabs.addTab(ignore(self._plan_tab()), "计划表")
        self.tabs.addTab(ignore(self._chart_tab()), "进度图")
        self.tabs.addTab(ignore(self._recognition_tab()), "表彰推广")
        self.audit = RowsTable(["时间", "记录", "操作", "内容"])
        self.tabs.addTab(ignore(self.audit), "变更记录")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.priority)
        layout.addLayout(steps)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1180, 760)
        self.load_info()
        self.refresh()

    # ------------------------------------------------------------- tabs

    def _info_tab(self) -> QWidget:
        self.form = FormGrid(columns=2)
        dlg.project_fields(self.form, text_height=70)
        self.info_message = QLabel()
        self.info_message.setObjectName("fieldError")
        self.info_message.setWordWrap(True)
        self.info_message.hide()
        save = QPushButton("保存基本信息")
        save.clicked.connect(self.save)
        inner = QWidget()
        v = QVBoxLayout(inner)
        v.addWidget(self.form)
        v.addWidget(self.info_message)
        bar = QHBoxLayout()
        bar.addWidget(save)
        bar.addStretch(1)
        v.addLayout(bar)
        team_box = QWidget()
        tv = QVBoxLayout(team_box)
        tv.setContentsMargins(0, 8, 0, 0)
        tv.addWidget(QLabel("项目团队（人员及分工）"))
        tv.addLayout(_buttons(("添加成员…", self.add_member), ("修改…", self.edit_member), ("作废…", self.void_member)))
        self.team = RowsTable(["姓名", "分工", "单位/部门", "职责", "联系电话"])
        self.team.setMinimumHeight(140)
        tv.addWidget(self.team)
        v.addWidget(ignore(team_box))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _plan_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addLayout(_buttons(("添加任务…", self.add_task), ("修改计划…", self.edit_task), ("登记进展…", self.report), ("作废任务…", self.void_task)))
        self.plan_line = QLabel()
        self.plan_line.setObjectName("hint")
        v.addWidget(self.plan_line)
        self.tasks = RowsTable(["序号", "推进阶段", "任务内容", "责任人", "开始日期", "计划完成", "状态", "完成", "佐证材料"])
        self.tasks.activated.connect(lambda _: self.report())
        v.addWidget(self.tasks, 1)
        return w

    def _chart_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.chart_line = QLabel()
        v.addWidget(self.chart_line)
        self.chart = GanttChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        v.addWidget(scroll, 1)
        return w

    def _recognition_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addLayout(_buttons(("登记表彰推广…", self.add_recognition), ("作废…", self.void_recognition)))
        self.recognitions = RowsTable(["日期", "类型", "级别", "推广方式", "事项", "佐证材料", "优先推荐"])
        v.addWidget(self.recognitions, 1)
        return w

    # ------------------------------------------------------------- reading

    def load_info(self) -> None:
        dlg.fill_project(self.form, inv.get_project(self.db, self.project_id))
        self.mark_clean()

    def refresh(self) -> None:
        p = inv.get_project(self.db, self.project_id)
        today = clock.today_iso()
        self.setWindowTitle(f"创新项目 — {p.name}")
        state = ic.PROJECT_STATE.label(p.state) + ("（已作废）" if p.voided_at else "")
        money = f"　申请补助 {format_money(p.subsidy_requested_fen)} 元" + (f"，到位 {format_money(p.subsidy_granted_fen)} 元" if p.subsidy_granted_fen else "")
        dates = "".join(x for x in (p.declared_on and f"　申报日期 {p.declared_on}", p.decided_on and f"　评审 {p.decided_on}") if x)
        self.header.setText(f"<b>{p.name}</b>　{p.year}年度　状态：<b>{state}</b>　进度 {plan.progress(self.db, self.project_id)}%{dates}{money}")
        reasons = rec.priority(self.db, self.project_id)
        self.priority.setText(
            f"<span style='color:#b03a2e'><b>优先推荐</b>：{'；'.join(reasons)}</span>" if reasons else "<span style='color:#666'>暂无优先推荐条件（领导批示肯定、典型发言、推广、市级以上媒体报道）</span>"
        )
        live = not p.voided_at
        self.step_buttons["declare"].setEnabled(live and p.state == "draft")
        self.step_buttons["decide"].setEnabled(live and p.state == "declared")
        self.step_buttons["subsidy"].setEnabled(live and p.state == "selected")
        self.step_buttons["undo"].setEnabled(live and bool(inv.project_events(self.db, self.project_id)))
        self.step_buttons["void"].setEnabled(live)
        team = inv.team(self.db, self.project_id)
        self.team.set_rows([[t.name, ic.TEAM_ROLE.label(t.role), t.unit, t.duty, t.phone] for t in team], keys=[t.id for t in team])
        self.team.resizeColumnsToContents()
        tasks = plan.tasks_as_of(self.db, self.project_id, today)
        self.tasks.set_rows(
            [[str(t["seq"]), ic.TASK_STAGE.label(t["stage"]), t["title"], t["owner"], t["start_on"], t["due_on"],
              ic.TASK_STATUS.label(t["status"]) + ("（逾期）" if t["overdue"] else ""), f"{t['percent']}%", t["evidence"]] for t in tasks],
            keys=[t["id"] for t in tasks],
        )
        self.tasks.resizeColumnsToContents()
        late = sum(t["overdue"] for t in tasks)
        self.plan_line.setText(f"共 {len(tasks)} 项任务，总体进度 {plan.weighted_progress(tasks)}%（按计划天数加权）" + (f"，逾期 {late} 项" if late else ""))
        data = plan.timeline(self.db, self.project_id, on=today)
        self.chart.set_data(data)
        self.chart_line.setText(f"项目时间 {data['start']} 至 {data['end']}，总体进度 {data['progress']}%；红色虚线为今天，红框为逾期任务。")
        items = rec.recognitions(self.db, self.project_id)
        self.recognitions.set_rows(
            [[r.date, ic.RECOGNITION_KIND.label(r.kind), ic.RECOGNITION_LEVEL.label(r.level), ic.PROMOTION_CHANNEL.label(r.channel), r.title,
              r.evidence, "是" if rec.qualifies(r) else ""] for r in items],
            keys=[r.id for r in items],
        )
        self.recognitions.resizeColumnsToContents()
        self._refresh_audit()

    def _refresh_audit(self) -> None:
        from models.innovation_log import change_log

        self.audit.set_rows([[r["at"], r["what"], r["action"], r["text"]] for r in change_log(self.db, self.project_id)])
        self.audit.resizeColumnsToContents()

    # ------------------------------------------------------------- saving

    def save(self) -> bool:
        """Save 基本信息; a refusal is shown beside its field and the window stays open."""
        self.form.clear_errors()
        self.info_message.hide()
        try:
            p = dlg.read_project(self.form, inv.get_project(self.db, self.project_id))
            inv.update_project(self.db, p)
        except ValidationError as exc:
            self.tabs.setCurrentIndex(0)
            if not self.form.show_error(exc):
                self.info_message.setText(str(exc))
                self.info_message.show()
            return False
        self.load_info()
        self.refresh()
        return True

    def save_on_leave(self) -> None:
        if self.save():
            self._baseline = None
            QDialog.reject(self)

    def _settled(self) -> bool:
        """Unsaved 基本信息 is saved or dropped before a step reads the project."""
        if confirm_leave(self, self.has_unsaved(), self.save, self.unsaved_what):
            if self.has_unsaved():
                self.load_info()  # dropped on purpose
            return True
        return False

    # ------------------------------------------------------------- actions

    def _run(self, dialog) -> None:
        if run_modal(dialog):
            self.refresh()

    def step(self, key: str) -> None:
        if not self._settled():
            return
        if key == "declare":
            self._run(dlg.declare_dialog(self.db, self.project_id, self))
        elif key == "decide":
            self._run(dlg.decide_dialog(self.db, self.project_id, self))
        elif key == "subsidy":
            self._run(dlg.subsidy_dialog(self.db, self.project_id, self))
        elif key == "undo":
            last = inv.project_events(self.db, self.project_id)[-1]
            what = f"{last['date']} 的“{ic.PROJECT_EVENT.label(last['kind'])}”" + (f"（{format_money(last['amount_fen'])} 元）" if last["amount_fen"] else "")
            reason = void_dialog.ask_void_reason(self, "撤销上一步", what, "项目状态将回到这一步之前。")
            if reason is not None:
                self._apply(lambda: inv.undo_last_step(self.db, self.project_id, reason))
        elif key == "void":
            reason = void_dialog.ask_void_reason(self, "作废项目", inv.get_project(self.db, self.project_id).name)
            if reason is not None:
                self._apply(lambda: inv.void_project(self.db, self.project_id, reason))

    def _apply(self, write) -> None:
        try:
            write()
        except ValidationError as exc:
            QMessageBox.warning(self, "未能办理", str(exc))
        self.refresh()

    def add_member(self) -> None:
        self._run(dlg.team_dialog(self.db, self.project_id, None, self))

    def edit_member(self) -> None:
        key = self.team.selected_key()
        if key is not None:
            self._run(dlg.team_dialog(self.db, self.project_id, next(t for t in inv.team(self.db, self.project_id) if t.id == key), self))

    def void_member(self) -> None:
        if void_selected_row(self, self.team, "团队成员", lambda k, r: inv.void_team_member(self.db, k, r)):
            self.refresh()

    def add_task(self) -> None:
        self._run(dlg.task_dialog(self.db, self.project_id, None, self))

    def edit_task(self) -> None:
        key = self.tasks.selected_key()
        if key is None:
            QMessageBox.information(self, "修改计划", "请先选择一项任务。")
            return
        self._run(dlg.task_dialog(self.db, self.project_id, plan.get_task(self.db, key), self))

    def report(self) -> None:
        key = self.tasks.selected_key()
        if key is None:
            QMessageBox.information(self, "登记进展", "请先选择一项任务。")
            return
        self._run(dlg.progress_dialog(self.db, key, self))

    def void_task(self) -> None:
        if void_selected_row(self, self.tasks, "计划任务", lambda k, r: plan.void_task(self.db, k, r), name=lambda c: f"{c[0]}. {c[2]}"):
            self.refresh()

    def add_recognition(self) -> None:
        self._run(dlg.recognition_dialog(self.db, self.project_id, self))

    def void_recognition(self) -> None:
        if void_selected_row(self, self.recognitions, "表彰推广记录", lambda k, r: rec.void_recognition(self.db, k, r), name=lambda c: f"{c[0]} {c[1]} {c[4]}"):
            self.refresh()

    def print_form(self, form: str) -> None:
        if not self._settled():
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, form, self.project_id)
