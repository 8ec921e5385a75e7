"""The innovation project forms in the registry (imported once by reports/registry.py):
`print innovation-form|innovation-plan|innovation-progress --project ID`."""

from __future__ import annotations

from typing import Any, Callable

from sqlite_utils import Database

from models import clock
from reports.registry import FormSpec, _font, register


def _load(db: Database, ident: int, options: dict) -> dict:
    """Everything the three forms show, as it stands today (the ledger's clock)."""
    from models import innovation as inv
    from models import innovation_plan as plan
    from models import innovation_recognition as rec
    from models.org import get_profile

    on = clock.today_iso()
    return {
        "org": get_profile(db),
        "font": _font(db),
        "on": on,
        "project": inv.get_project(db, ident),
        "state": inv.state_as_of(db, ident, on),
        "events": inv.project_events(db, ident),
        "subsidy_fen": inv.subsidy_as_of(db, ident, on),
        "team": inv.team(db, ident),
        "tasks": plan.tasks_as_of(db, ident, on),
        "progress": plan.progress(db, ident, on=on),
        "overdue": plan.overdue_tasks(db, on=on, project_id=ident),
        "recognitions": rec.recognitions(db, ident, on=on),
        "priority": rec.priority(db, ident, on=on),
    }


def _builder(kind: str) -> Callable[[Any, Any, dict], None]:
    def build(data: dict, out, options: dict) -> None:
        from reports import innovation_forms as f

        {"form": f.build_declaration, "plan": f.build_plan, "progress": f.build_progress}[kind](data, out, font_path=data["font"])

    return build


def _spec(name: str, title: str, kind: str) -> FormSpec:
    def filename(db: Database, ident: int) -> str:
        from models.innovation import get_project

        return f"{title}-{get_project(db, ident).name}.pdf"

    return FormSpec(name, title, "project", _load, _builder(kind), filename)


register(
    _spec("innovation-form", "工会工作创新项目申报表", "form"),
    _spec("innovation-plan", "项目推进计划表", "plan"),
    _spec("innovation-progress", "项目进展情况报告", "progress"),
)
