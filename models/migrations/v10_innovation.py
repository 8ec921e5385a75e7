"""Version 10: innovation projects (工会工作创新项目)."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run, code_checks


def m010_innovation(db: Database) -> None:
    """Innovation projects: the declaration, its team, the plan (tasks with dated progress
    reports), recognitions, and the dated steps of the declaration life cycle.

    - innovation_projects keeps the declaration and, in step with the live events, the
      current state; innovation_project_events are the dated facts (申报 on a day, 入选 on
      a day, 补助资金到位) the state as of any day is read from.
    - innovation_tasks keeps each task's plan and its current status and percent, in
      step with innovation_task_reports: dated progress reports, so the progress of a
      project can be read as it stood on a day.
    Nothing here is deleted: tasks, team rows, recognitions, events and reports are voided
    with a reason.
    """
    _run(
        db,
        """
CREATE TABLE innovation_projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    year INTEGER NOT NULL,
    applicant_kind TEXT NOT NULL DEFAULT 'grassroots',
    applicant_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL,
    problem TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    expected TEXT NOT NULL DEFAULT '',
    indicators TEXT NOT NULL DEFAULT '',
    budget_fen INTEGER NOT NULL DEFAULT 0 CHECK (budget_fen >= 0),
    subsidy_requested_fen INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_requested_fen >= 0),
    state TEXT NOT NULL DEFAULT 'draft',
    declared_on TEXT,
    decided_on TEXT,
    subsidy_granted_fen INTEGER CHECK (subsidy_granted_fen IS NULL OR subsidy_granted_fen >= 0),
    results TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK (end_on >= start_on)
);
CREATE INDEX innovation_projects_year ON innovation_projects (year, state);
CREATE TRIGGER innovation_projects_no_delete BEFORE DELETE ON innovation_projects
BEGIN SELECT RAISE(ABORT, '创新项目不能删除，只能作废'); END;

CREATE TABLE innovation_team (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES innovation_projects (id),
    member_id INTEGER REFERENCES members (id),
    name TEXT NOT NULL CHECK (name <> ''),
    role TEXT NOT NULL DEFAULT 'member',
    duty TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX innovation_team_project ON innovation_team (project_id);
CREATE INDEX innovation_team_member ON innovation_team (member_id);

CREATE TABLE innovation_tasks (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES innovation_projects (id),
    seq INTEGER NOT NULL DEFAULT 0,
    stage TEXT NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    owner TEXT NOT NULL DEFAULT '',
    start_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started',
    percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    evidence TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK (due_on >= start_on)
);
CREATE INDEX innovation_tasks_project ON innovation_tasks (project_id, seq);

CREATE TABLE innovation_task_reports (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES innovation_tasks (id),
    date TEXT NOT NULL,
    status TEXT NOT NULL,
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    evidence TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX innovation_task_reports_task ON innovation_task_reports (task_id, date, id);
CREATE TRIGGER innovation_task_reports_no_delete BEFORE DELETE ON innovation_task_reports
BEGIN SELECT RAISE(ABORT, '任务进展记录不能删除，只能作废'); END;

CREATE TABLE innovation_recognitions (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES innovation_projects (id),
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX innovation_recognitions_project ON innovation_recognitions (project_id, date);
CREATE TRIGGER innovation_recognitions_no_delete BEFORE DELETE ON innovation_recognitions
BEGIN SELECT RAISE(ABORT, '表彰推广记录不能删除，只能作废'); END;

CREATE TABLE innovation_project_events (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES innovation_projects (id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX innovation_project_events_project ON innovation_project_events (project_id, date, id);
CREATE TRIGGER innovation_project_events_no_delete BEFORE DELETE ON innovation_project_events
BEGIN SELECT RAISE(ABORT, '项目事项记录不能删除，只能作废'); END;
""",
    )
    # Codes spelled out here: a migration never reads lists that may change later.
    state = ("draft", "declared", "selected", "not_selected")
    status = ("not_started", "in_progress", "done", "delayed")
    levels = (
        "leader_central", "leader_province", "leader_city", "leader_acftu", "leader_prov_fed", "leader_city_fed", "leader_county",
        "speech_national", "speech_provincial", "speech_city", "promo_acftu", "promo_prov_fed", "promo_city_fed",
        "media_central", "media_province", "media_city", "media_county",
    )
    code_checks(
        db,
        [
            ("innovation_projects", "applicant_kind", "申报单位类型", False, ("county", "zone", "department", "industry", "grassroots"), False),
            ("innovation_projects", "state", "项目状态", False, state, False),
            ("innovation_team", "role", "团队分工", False, ("lead", "deputy", "liaison", "member"), False),
            ("innovation_tasks", "stage", "推进阶段", False, ("research", "publicity", "implement", "supervise", "summary"), False),
            ("innovation_tasks", "status", "任务状态", False, status, False),
            ("innovation_task_reports", "status", "任务状态", False, status, False),
            ("innovation_recognitions", "kind", "表彰推广类型", False, ("leader", "speech", "promotion", "media"), False),
            ("innovation_recognitions", "level", "级别", False, levels, False),
            ("innovation_recognitions", "channel", "推广方式", True, ("onsite", "document", "bulletin"), False),
            ("innovation_project_events", "kind", "项目事项", False, ("declare", "select", "reject", "subsidy"), False),
            ("innovation_project_events", "from_state", "原状态", False, state, False),
            ("innovation_project_events", "to_state", "新状态", False, state, False),
        ],
    )
