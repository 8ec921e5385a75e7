"""The plan of an innovation project (项目推进计划表): tasks, their progress, and what is late.

Tasks run through the measures' stages (调查研究, 宣传发动, 组织实施, 督导考核, 总结提升),
each with an owner, start and due dates inside the project's dates, a status (未开始 /
进行中 / 已完成 / 延期), a percent done and an evidence note.

Time: progress is reported as dated facts (innovation_task_reports: on a day, this
status and percent, with evidence); the task row keeps the latest live report in step.
A task's percent on a day D is that of its last report dated on or before D (0 before
any). The project's progress on D is derived: the tasks' percents weighted by their
planned length in days, so a two-month 组织实施 counts more than a one-day meeting.
A task is overdue on D when its due date is before D and it was not 已完成 on D.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from models import audit, clock
from models import innovation_codes as ic
from models.field_rules import check_column_text, register_labels
from models.innovation import _required_date, get_project
from models.validation import ValidationError, check_choice, parse_date, type_name

register_labels(
    "innovation_tasks",
    {"seq": "序号", "stage": "推进阶段", "title": "任务内容", "owner": "责任人", "start_on": "开始日期", "due_on": "计划完成日期",
     "status": "任务状态", "percent": "完成百分比", "evidence": "佐证材料", "project_id": "创新项目"},
)
register_labels(
    "innovation_task_reports",
    {"task_id": "计划任务", "date": "进展日期", "status": "任务状态", "percent": "完成百分比", "evidence": "佐证材料"},
)

# Projects whose plan is still followed (an unselected project's tasks are not "late").
FOLLOWED_STATES = ("draft", "declared", "selected")


@dataclass
class Task:
    project_id: int
    stage: str
    title: str
    start_on: str
    due_on: str
    owner: str = ""
    seq: int = 0
    status: str = "not_started"
    percent: int = 0
    evidence: str = ""
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None


PLAN_FIELDS = ("seq", "stage", "title", "owner", "start_on", "due_on")


def check_percent(value: object) -> int:
    """0 to 100, a whole number."""
    if isinstance(value, str) and value.strip().rstrip("%").strip().isdigit():
        value = int(value.strip().rstrip("%"))
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("完成百分比", f"应为 0 到 100 之间的整数，不能是{type_name(value)}", key="percent")
    if not 0 <= value <= 100:
        raise ValidationError("完成百分比", f"{value} 不在 0 到 100 之间", key="percent")
    return value


def _status_for(percent: int, status: str | None) -> str:
    """The status a report states: as chosen, or read off the percent; the two must agree."""
    if not status:
        return "done" if percent == 100 else "in_progress" if percent else "not_started"
    check_choice("任务状态", status, ic.TASK_STATUS, key="status")
    if status == "done" and percent != 100:
        raise ValidationError("完成百分比", f"任务已完成时应为 100（现为 {percent}）", key="percent")
    if percent == 100 and status != "done":
        raise ValidationError("任务状态", "完成百分比为 100 时，状态应为“已完成”", key="status")
    if status == "not_started" and percent:
        raise ValidationError("任务状态", f"已完成 {percent}% 的任务不是“未开始”", key="status")
    return status


def _validate(db: Database, t: Task) -> Task:
    t = Task(**asdict(t))
    check_choice("推进阶段", t.stage, ic.TASK_STAGE, key="stage")
    t.title = check_column_text("innovation_tasks", "title", t.title, required=True)
    t.owner = check_column_text("innovation_tasks", "owner", t.owner)
    t.evidence = check_column_text("innovation_tasks", "evidence", t.evidence)
    if isinstance(t.seq, bool) or not isinstance(t.seq, int) or not 0 <= t.seq <= 999:
        raise ValidationError("序号", "应为 0 到 999 之间的整数", key="seq")
    t.start_on = _required_date("开始日期", t.start_on, "start_on")
    t.due_on = _required_date("计划完成日期", t.due_on, "due_on")
    if t.due_on < t.start_on:
        raise ValidationError("计划完成日期", f"{t.due_on} 早于开始日期 {t.start_on}", key="due_on")
    p = get_project(db, t.project_id)
    if t.start_on < p.start_on:
        raise ValidationError("开始日期", f"{t.start_on} 早于项目开始日期 {p.start_on}（项目时间 {p.start_on} 至 {p.end_on}）", key="start_on")
    if t.due_on > p.end_on:
        raise ValidationError("计划完成日期", f"{t.due_on} 晚于项目结束日期 {p.end_on}（项目时间 {p.start_on} 至 {p.end_on}）", key="due_on")
    t.percent = check_percent(t.percent)
    t.status = _status_for(t.percent, t.status)
    return t


def add_task(db: Database, task: Task, *, on: str | None = None) -> int:
    """A task of the plan. A starting status or percent other than 未开始/0 is recorded as
    the task's first progress report, dated `on` (today by default)."""
    with db.atomic():
        t = _validate(db, task)
        if get_project(db, t.project_id).voided_at:
            raise ValidationError("创新项目", "项目已作废，不能修改计划")
        if not t.seq:
            t.seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM innovation_tasks WHERE project_id = ?", (t.project_id,)).fetchone()[0]
        values = {k: getattr(t, k) for k in (*PLAN_FIELDS, "evidence")} | {"project_id": t.project_id, "status": "not_started", "percent": 0}
        task_id = audit.insert_row(db, "innovation_tasks", values | {"created_at": audit.now()})
        if t.percent or t.status != "not_started":
            report_progress(db, task_id, on or clock.today_iso(), t.percent, t.status, t.evidence)
    return task_id


def update_task(db: Database, task: Task) -> bool:
    """Correct the plan of a task (stage, title, owner, dates); progress goes through reports."""
    if task.id is None:
        raise ValueError("needs an id")
    with db.atomic():
        current = get_task(db, task.id)
        t = _validate(db, Task(**(asdict(task) | {"status": current.status, "percent": current.percent})))
        if current.voided_at:
            raise ValidationError("计划任务", "任务已作废，不能修改")
        return audit.update_row(db, "innovation_tasks", t.id, {k: getattr(t, k) for k in (*PLAN_FIELDS, "evidence")})  # type: ignore[arg-type]


def get_task(db: Database, task_id: int) -> Task:
    r = audit.get_row(db, "innovation_tasks", task_id)
    return Task(**{k: r[k] for k in Task.__dataclass_fields__})


def void_task(db: Database, task_id: int, reason: str) -> None:
    audit.void_row(db, "innovation_tasks", task_id, reason)


def report_progress(db: Database, task_id: int, on: str, percent: object, status: str | None = None, evidence: str = "") -> int:
    """A dated progress report (status, percent, evidence); the task follows its latest report."""
    percent = check_percent(percent)
    status = _status_for(percent, status)
    on = _required_date("进展日期", on, "date", allow_future=False)
    evidence = check_column_text("innovation_task_reports", "evidence", evidence)
    with db.atomic():
        task = get_task(db, task_id)
        if task.voided_at:
            raise ValidationError("计划任务", "任务已作废，不能登记进展")
        report_id = audit.insert_row(
            db, "innovation_task_reports",
            {"task_id": task_id, "date": on, "status": status, "percent": percent, "evidence": evidence, "created_at": audit.now()},
        )
        _follow_reports(db, task_id)
    return report_id


def _follow_reports(db: Database, task_id: int) -> None:
    last = db.execute(
        "SELECT status, percent, evidence FROM innovation_task_reports WHERE task_id = ? AND voided_at IS NULL ORDER BY date DESC, id DESC LIMIT 1",
        (task_id,),
    ).fetchone()
    status, percent, evidence = last or ("not_started", 0, None)
    values: dict[str, Any] = {"status": status, "percent": percent}
    if evidence:
        values["evidence"] = evidence
    audit.update_row(db, "innovation_tasks", task_id, values)


def reports(db: Database, task_id: int, *, include_void: bool = False) -> list[dict[str, Any]]:
    where = "" if include_void else " AND voided_at IS NULL"
    return list(db.query(f"SELECT * FROM innovation_task_reports WHERE task_id = ?{where} ORDER BY date, id", (task_id,)))


def report_ids(db: Database, project_id: int) -> list[int]:
    """Ids of every progress report of a project's tasks (voided ones too), for its change log."""
    return [r[0] for r in db.execute(
        "SELECT r.id FROM innovation_task_reports r JOIN innovation_tasks t ON t.id = r.task_id WHERE t.project_id = ? ORDER BY r.id", (project_id,))]


def void_report(db: Database, report_id: int, reason: str) -> None:
    with db.atomic():
        task_id = audit.get_row(db, "innovation_task_reports", report_id)["task_id"]
        audit.void_row(db, "innovation_task_reports", report_id, reason)
        _follow_reports(db, task_id)


# ---------------------------------------------------------------- reading the plan on a day

def _day(on: str | None) -> str:
    return parse_date("日期", on, allow_future=True) if on else clock.today_iso()


def tasks_as_of(db: Database, project_id: int, on: str | None = None) -> list[dict[str, Any]]:
    """The live tasks in plan order with status and percent as reported on or before `on`,
    and whether each was overdue that day."""
    on = _day(on)
    rows = db.execute(
        """
SELECT t.id, t.seq, t.stage, t.title, t.owner, t.start_on, t.due_on, t.evidence,
       (SELECT r.status FROM innovation_task_reports r WHERE r.task_id = t.id AND r.voided_at IS NULL AND r.date <= ?
        ORDER BY r.date DESC, r.id DESC LIMIT 1),
       (SELECT r.percent FROM innovation_task_reports r WHERE r.task_id = t.id AND r.voided_at IS NULL AND r.date <= ?
        ORDER BY r.date DESC, r.id DESC LIMIT 1)
FROM innovation_tasks t WHERE t.project_id = ? AND t.voided_at IS NULL ORDER BY t.seq, t.start_on, t.id
""",
        (on, on, project_id),
    ).fetchall()
    out = []
    for tid, seq, stage, title, owner, start, due, evidence, status, percent in rows:
        status = status or "not_started"
        out.append({
            "id": tid, "seq": seq, "stage": stage, "title": title, "owner": owner, "start_on": start, "due_on": due,
            "evidence": evidence, "status": status, "percent": percent or 0, "overdue": due < on and status != "done",
        })
    return out


def _days(start: str, end: str) -> int:
    return (_dt.date.fromisoformat(end) - _dt.date.fromisoformat(start)).days + 1


def weighted_progress(tasks: list[dict[str, Any]]) -> int:
    """Percent done of a plan: each task's percent weighted by its planned days (0 with no tasks)."""
    total = sum(_days(t["start_on"], t["due_on"]) for t in tasks)
    if not total:
        return 0
    done = sum(_days(t["start_on"], t["due_on"]) * t["percent"] for t in tasks)
    return int(done // total)  # never shows 100 before every task is complete


def progress(db: Database, project_id: int, *, on: str | None = None) -> int:
    """The project's progress on `on` (today by default), derived from its tasks."""
    return weighted_progress(tasks_as_of(db, project_id, on))


def overdue_tasks(db: Database, *, on: str | None = None, project_id: int | None = None) -> list[dict[str, Any]]:
    """Tasks due before `on` and not 已完成 on that day, of live projects still followed
    (草稿, 已申报, 入选): with the project's name and the days late, most late first."""
    on = _day(on)
    where = " AND p.id = ?" if project_id is not None else ""
    params: list[Any] = [on, *FOLLOWED_STATES] + ([project_id] if project_id is not None else [])
    out = []
    for pid, name in db.execute(
        f"SELECT DISTINCT p.id, p.name FROM innovation_projects p JOIN innovation_tasks t ON t.project_id = p.id AND t.voided_at IS NULL"
        f" WHERE p.voided_at IS NULL AND t.due_on < ? AND p.state IN ({', '.join('?' * len(FOLLOWED_STATES))}){where}",
        params,
    ).fetchall():
        for t in tasks_as_of(db, pid, on):
            if t["overdue"]:
                out.append(t | {"project_id": pid, "project": name, "days_late": (_dt.date.fromisoformat(on) - _dt.date.fromisoformat(t["due_on"])).days})
    return sorted(out, key=lambda t: (-t["days_late"], t["project_id"], t["seq"]))


def timeline(db: Database, project_id: int, *, on: str | None = None) -> dict[str, Any]:
    """Plain data for a Gantt-like chart: the project's span, the day marked as today,
    and one bar per task (stage, dates, percent, status, overdue)."""
    on = _day(on)
    p = get_project(db, project_id)
    tasks = tasks_as_of(db, project_id, on)
    bars = [
        {"label": f"{t['seq']}. {t['title']}", "stage": ic.TASK_STAGE.label(t["stage"]), "start": t["start_on"], "end": t["due_on"],
         "percent": t["percent"], "status": ic.TASK_STATUS.label(t["status"]), "overdue": t["overdue"], "owner": t["owner"]}
        for t in tasks
    ]
    return {"title": p.name, "start": p.start_on, "end": p.end_on, "today": on, "progress": weighted_progress(tasks), "bars": bars}
