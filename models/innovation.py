"""Innovation projects (工会工作创新项目): the declaration, its team and its life cycle.

A project is declared yearly to the city union, which selects a batch and subsidises
it (domain §5). The declaration holds the problem it addresses, content, measures,
expected results with measurable indicators, budget and subsidy requested; a team of
named people with clear duties (one 项目负责人); a plan of tasks (models.innovation_plan)
and recognitions earning priority (models.innovation_recognition).

Time: the life cycle 草稿 → 已申报 → 入选 / 未入选 and the subsidy received are dated
events (innovation_project_events); the project row keeps the current state, declared_on,
decided_on and the subsidy granted in step with the live events, in the same
transaction. state_as_of() reads the state as it stood on any day; a step entered by
mistake is voided with a reason (undo_last_step) and the row follows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from models import audit, clock
from models import innovation_codes as ic
from models.field_rules import check_column_text, register_labels
from models.validation import MAX_MONEY_FEN, ValidationError, check_choice, check_count, check_fen, normalize_phone, parse_date

audit.TABLE_LABELS.update(
    {
        "innovation_projects": "创新项目",
        "innovation_team": "项目团队成员",
        "innovation_tasks": "计划任务",
        "innovation_task_reports": "任务进展",
        "innovation_recognitions": "表彰推广",
        "innovation_project_events": "项目事项",
    }
)
# Multi-line and long (field_rules.TEXT_RULES says how long).
LONG_TEXT = ("problem", "content", "measures", "expected", "indicators", "results")

PROJECT_LABELS = {
    "name": "项目名称",
    "year": "申报年度",
    "applicant_kind": "申报单位类型",
    "applicant_name": "申报单位",
    "contact_phone": "联系电话",
    "start_on": "项目开始日期",
    "end_on": "项目结束日期",
    "problem": "解决的问题",
    "content": "项目内容",
    "measures": "主要措施",
    "expected": "预期成效",
    "indicators": "可量化指标",
    "budget_fen": "项目预算",
    "subsidy_requested_fen": "申请补助",
    "state": "项目状态",
    "declared_on": "申报日期",
    "decided_on": "评审结果日期",
    "subsidy_granted_fen": "补助金额",
    "results": "取得成效",
}
register_labels("innovation_projects", PROJECT_LABELS)
register_labels("innovation_team", {"name": "团队成员姓名", "role": "团队分工", "duty": "职责", "unit": "单位/部门", "phone": "联系电话", "project_id": "创新项目"})
register_labels("innovation_project_events", {"kind": "项目事项", "from_state": "原状态", "to_state": "新状态", "amount_fen": "补助金额", "project_id": "创新项目"})

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


@dataclass
class Project:
    name: str
    year: int
    start_on: str
    end_on: str
    applicant_kind: str = "grassroots"
    applicant_name: str = ""
    contact_phone: str = ""
    problem: str = ""
    content: str = ""
    measures: str = ""
    expected: str = ""
    indicators: str = ""
    budget_fen: int = 0
    subsidy_requested_fen: int = 0
    results: str = ""
    note: str = ""
    id: int | None = None
    state: str = "draft"
    declared_on: str | None = None
    decided_on: str | None = None
    subsidy_granted_fen: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None


EDITABLE = [
    "name", "year", "start_on", "end_on", "applicant_kind", "applicant_name", "contact_phone", "problem", "content", "measures",
    "expected", "indicators", "budget_fen", "subsidy_requested_fen", "results", "note",
]


@dataclass
class TeamMember:
    name: str
    role: str = "member"
    duty: str = ""
    unit: str = ""
    phone: str = ""
    member_id: int | None = None
    id: int | None = None


# ---------------------------------------------------------------- the declaration

def _validate(p: Project) -> Project:
    p = Project(**asdict(p))
    p.name = check_column_text("innovation_projects", "name", p.name, required=True)
    p.year = check_count("申报年度", p.year, key="year", minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)
    check_choice("申报单位类型", p.applicant_kind, ic.APPLICANT_KIND, key="applicant_kind")
    p.applicant_name = check_column_text("innovation_projects", "applicant_name", p.applicant_name)
    p.contact_phone = normalize_phone("联系电话", p.contact_phone, key="contact_phone")
    p.start_on = _required_date("项目开始日期", p.start_on, "start_on")
    p.end_on = _required_date("项目结束日期", p.end_on, "end_on")
    if p.end_on < p.start_on:
        raise ValidationError("项目结束日期", f"{p.end_on} 早于项目开始日期 {p.start_on}", key="end_on")
    for key in (*LONG_TEXT, "note"):
        setattr(p, key, check_column_text("innovation_projects", key, getattr(p, key)))
    p.budget_fen = check_fen("项目预算", p.budget_fen, key="budget_fen", maximum=MAX_MONEY_FEN)
    p.subsidy_requested_fen = check_fen("申请补助", p.subsidy_requested_fen, key="subsidy_requested_fen", maximum=MAX_MONEY_FEN)
    return p


def _required_date(label: str, value: object, key: str, *, allow_future: bool = True) -> str:
    day = parse_date(label, value, key=key, allow_future=allow_future)
    if not day:
        raise ValidationError(label, "不能为空", key=key)
    return day


def add_project(db: Database, project: Project) -> int:
    """A new project, in 草稿 until it is declared."""
    p = _validate(project)
    with db.atomic():
        values = {k: getattr(p, k) for k in EDITABLE} | {"state": "draft", "created_at": audit.now()}
        return audit.insert_row(db, "innovation_projects", values)


def update_project(db: Database, project: Project) -> bool:
    """Edit the declaration (texts, figures, dates); refused when a live task would fall
    outside the new project dates, naming the first such task."""
    if project.id is None:
        raise ValueError("needs an id")
    p = _validate(project)
    with db.atomic():
        current = get_project(db, p.id)
        if current.voided_at:
            raise ValidationError("创新项目", "项目已作废，不能修改")
        outside = db.execute(
            "SELECT title, start_on, due_on FROM innovation_tasks WHERE project_id = ? AND voided_at IS NULL"
            " AND (start_on < ? OR due_on > ?) ORDER BY start_on LIMIT 1",
            (p.id, p.start_on, p.end_on),
        ).fetchone()
        if outside:
            key, label = ("start_on", "项目开始日期") if outside[1] < p.start_on else ("end_on", "项目结束日期")
            raise ValidationError(label, f"计划任务“{outside[0]}”（{outside[1]} 至 {outside[2]}）会超出项目时间，请先调整该任务", key=key)
        return audit.update_row(db, "innovation_projects", p.id, {k: getattr(p, k) for k in EDITABLE})


def get_project(db: Database, project_id: int) -> Project:
    r = audit.get_row(db, "innovation_projects", project_id)
    return Project(**{k: r[k] for k in Project.__dataclass_fields__ if k in r})


def void_project(db: Database, project_id: int, reason: str) -> None:
    audit.void_row(db, "innovation_projects", project_id, reason)


def years(db: Database) -> list[int]:
    """Declaration years that have projects, newest first (this year always offered)."""
    found = {r[0] for r in db.execute("SELECT DISTINCT year FROM innovation_projects")}
    return sorted(found | {clock.today().year}, reverse=True)


# ---------------------------------------------------------------- team

def _validate_member(t: TeamMember) -> TeamMember:
    t = TeamMember(**asdict(t))
    t.name = check_column_text("innovation_team", "name", t.name, required=True).replace(" ", "")
    check_choice("团队分工", t.role, ic.TEAM_ROLE, key="role")
    t.duty = check_column_text("innovation_team", "duty", t.duty)
    t.unit = check_column_text("innovation_team", "unit", t.unit)
    t.phone = normalize_phone("联系电话", t.phone, key="phone")
    return t


def add_team_member(db: Database, project_id: int, member: TeamMember) -> int:
    """Someone on the team; a project has one 项目负责人 (a second is refused, naming the first)."""
    t = _validate_member(member)
    with db.atomic():
        get_project(db, project_id)
        if t.member_id is not None:
            audit.get_row(db, "members", t.member_id)
        _one_lead(db, project_id, t)
        values = {k: getattr(t, k) for k in ("name", "role", "duty", "unit", "phone", "member_id")}
        return audit.insert_row(db, "innovation_team", values | {"project_id": project_id, "created_at": audit.now()})


def update_team_member(db: Database, member: TeamMember) -> bool:
    if member.id is None:
        raise ValueError("needs an id")
    t = _validate_member(member)
    with db.atomic():
        row = audit.get_row(db, "innovation_team", t.id)
        _one_lead(db, row["project_id"], t)
        return audit.update_row(db, "innovation_team", t.id, {k: getattr(t, k) for k in ("name", "role", "duty", "unit", "phone", "member_id")})


def _one_lead(db: Database, project_id: int, t: TeamMember) -> None:
    if t.role != "lead":
        return
    other = db.execute(
        "SELECT name FROM innovation_team WHERE project_id = ? AND role = 'lead' AND voided_at IS NULL AND id IS NOT ?", (project_id, t.id)
    ).fetchone()
    if other:
        raise ValidationError("团队分工", f"已有项目负责人（{other[0]}），一个项目只有一名负责人", key="role")


def team(db: Database, project_id: int) -> list[TeamMember]:
    """The live team, the lead first."""
    order = "CASE role WHEN 'lead' THEN 0 WHEN 'deputy' THEN 1 WHEN 'liaison' THEN 2 ELSE 3 END"
    rows = db.execute(
        f"SELECT name, role, duty, unit, phone, member_id, id FROM innovation_team WHERE project_id = ? AND voided_at IS NULL ORDER BY {order}, id",
        (project_id,),
    ).fetchall()
    return [TeamMember(*r) for r in rows]


def lead_name(db: Database, project_id: int) -> str:
    row = db.execute("SELECT name FROM innovation_team WHERE project_id = ? AND role = 'lead' AND voided_at IS NULL", (project_id,)).fetchone()
    return row[0] if row else ""


def member_choices(db: Database) -> list[tuple[int, str, str]]:
    """(id, name, department) of members in the union today, for picking a team."""
    return [tuple(r) for r in db.execute("SELECT id, name, department FROM members WHERE status = 'active' ORDER BY name_pinyin, id")]  # type: ignore[misc]


def void_team_member(db: Database, row_id: int, reason: str) -> None:
    audit.void_row(db, "innovation_team", row_id, reason)


# ---------------------------------------------------------------- the life cycle

def declare(db: Database, project_id: int, on: str, note: str = "") -> int:
    """草稿 → 已申报 on `on`: the declaration needs its lead, a plan and the core texts."""
    on = _required_date("申报日期", on, "declared_on", allow_future=False)
    with db.atomic():
        p = get_project(db, project_id)
        _live(p)
        if p.state != "draft":
            raise ValidationError("项目状态", f"项目{ic.PROJECT_STATE.label(p.state)}，不能再次申报", key="state")
        for key in ("problem", "content", "measures", "expected"):
            if not getattr(p, key):
                raise ValidationError(PROJECT_LABELS[key], "申报前请填写", key=key)
        if not lead_name(db, project_id):
            raise ValidationError("项目负责人", "申报前请在团队中指定项目负责人", key="team")
        if not db.execute("SELECT 1 FROM innovation_tasks WHERE project_id = ? AND voided_at IS NULL", (project_id,)).fetchone():
            raise ValidationError("计划表", "申报前请制定推进计划（至少一项任务）", key="plan")
        return _event(db, p, "declare", on, "declared", note=note)


def decide(db: Database, project_id: int, selected: bool, on: str, note: str = "") -> int:
    """已申报 → 入选 / 未入选: the city union's decision, dated; a project never declared is refused."""
    outcome = "入选" if selected else "未入选"
    on = _required_date("评审结果日期", on, "decided_on", allow_future=False)
    with db.atomic():
        p = get_project(db, project_id)
        _live(p)
        if not p.declared_on:
            raise ValidationError("申报日期", f"项目尚未申报（没有申报日期），不能标为{outcome}", key="declared_on")
        if p.state != "declared":
            raise ValidationError("项目状态", f"项目已是“{ic.PROJECT_STATE.label(p.state)}”", key="state")
        if on < p.declared_on:
            raise ValidationError("评审结果日期", f"{on} 早于申报日期 {p.declared_on}", key="decided_on")
        return _event(db, p, "select" if selected else "reject", on, "selected" if selected else "not_selected", note=note)


def grant_subsidy(db: Database, project_id: int, amount_fen: int, on: str, note: str = "") -> int:
    """Subsidy received from the city union (补助资金到位), only on a project that was 入选."""
    amount_fen = check_fen("补助金额", amount_fen, key="subsidy_granted_fen", allow_zero=False, maximum=MAX_MONEY_FEN)
    on = _required_date("到位日期", on, "subsidy_on", allow_future=False)
    with db.atomic():
        p = get_project(db, project_id)
        _live(p)
        if p.state != "selected":
            raise ValidationError("补助金额", f"项目{ic.PROJECT_STATE.label(p.state)}，只有入选项目才能登记补助资金", key="subsidy_granted_fen")
        if p.decided_on and on < p.decided_on:
            raise ValidationError("到位日期", f"{on} 早于入选日期 {p.decided_on}", key="subsidy_on")
        return _event(db, p, "subsidy", on, "selected", amount_fen=amount_fen, note=note)


def _live(p: Project) -> None:
    if p.voided_at:
        raise ValidationError("创新项目", "项目已作废，不能办理")


def _event(db: Database, p: Project, kind: str, on: str, to_state: str, *, amount_fen: int | None = None, note: str = "") -> int:
    note = check_column_text("innovation_project_events", "note", note)
    event_id = audit.insert_row(
        db,
        "innovation_project_events",
        {"project_id": p.id, "kind": kind, "date": on, "from_state": p.state, "to_state": to_state, "amount_fen": amount_fen,
         "note": note, "created_at": audit.now()},
    )
    _follow_events(db, p.id)  # type: ignore[arg-type]
    return event_id


def _follow_events(db: Database, project_id: int) -> None:
    """Keep the project row in step with its live events (state, dates, subsidy)."""
    events = project_events(db, project_id)
    state = events[-1]["to_state"] if events else "draft"
    declared = next((e["date"] for e in reversed(events) if e["kind"] == "declare"), None)
    decided = next((e["date"] for e in reversed(events) if e["kind"] in ("select", "reject")), None)
    granted = [e["amount_fen"] for e in events if e["kind"] == "subsidy"]
    audit.update_row(
        db, "innovation_projects", project_id,
        {"state": state, "declared_on": declared, "decided_on": decided, "subsidy_granted_fen": sum(granted) if granted else None},
    )


def project_events(db: Database, project_id: int, *, include_void: bool = False) -> list[dict[str, Any]]:
    """The dated steps, oldest first (by date, then as entered)."""
    where = "" if include_void else " AND voided_at IS NULL"
    return list(db.query(f"SELECT * FROM innovation_project_events WHERE project_id = ?{where} ORDER BY date, id", (project_id,)))


def undo_last_step(db: Database, project_id: int, reason: str) -> None:
    """Void the latest live step (entered by mistake), with its reason; the state goes back."""
    with db.atomic():
        events = project_events(db, project_id)
        if not events:
            raise ValidationError("项目事项", "项目还没有可撤销的申报或评审记录")
        audit.void_row(db, "innovation_project_events", events[-1]["id"], reason)
        _follow_events(db, project_id)


def row_ids(db: Database, table: str, project_id: int) -> list[int]:
    """Ids of a project's rows in one of its tables (voided ones too), for its change log."""
    if table not in ("innovation_team", "innovation_tasks", "innovation_recognitions", "innovation_project_events"):
        raise ValueError(table)
    return [r[0] for r in db.execute(f"SELECT id FROM [{table}] WHERE project_id = ? ORDER BY id", (project_id,))]


def state_as_of(db: Database, project_id: int, on: str) -> str:
    """The state the project was in on `on` (草稿 before any step)."""
    row = db.execute(
        "SELECT to_state FROM innovation_project_events WHERE project_id = ? AND voided_at IS NULL AND date <= ? ORDER BY date DESC, id DESC LIMIT 1",
        (project_id, on),
    ).fetchone()
    return row[0] if row else "draft"


def subsidy_as_of(db: Database, project_id: int, on: str) -> int:
    row = db.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM innovation_project_events WHERE project_id = ? AND kind = 'subsidy' AND voided_at IS NULL AND date <= ?",
        (project_id, on),
    ).fetchone()
    return row[0]


def yearly_list(db: Database, year: int, *, on: str | None = None) -> list[dict[str, Any]]:
    """The projects declared for `year` as they stood on `on` (today by default): state,
    lead, derived progress, overdue tasks, subsidy and the priority criterion if any."""
    from models.innovation_plan import overdue_tasks, progress
    from models.innovation_recognition import priority

    on = on or clock.today_iso()
    out = []
    for r in db.query("SELECT id, name, applicant_name, budget_fen, subsidy_requested_fen FROM innovation_projects WHERE year = ? AND voided_at IS NULL ORDER BY id", (year,)):
        pid = r["id"]
        reasons = priority(db, pid, on=on)
        out.append(
            r | {
                "state": state_as_of(db, pid, on),
                "lead": lead_name(db, pid),
                "progress": progress(db, pid, on=on),
                "overdue": len(overdue_tasks(db, on=on, project_id=pid)),
                "subsidy_granted_fen": subsidy_as_of(db, pid, on),
                "priority": reasons[0] if reasons else "",
            }
        )
    return out
