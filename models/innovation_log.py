"""The change log (变更记录) of one innovation project, in words: every audit entry of the
project and of its team, tasks, progress reports, recognitions and steps, newest first,
with Chinese field names and code labels ("任务状态：进行中 → 已完成")."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from models import audit, codes
from models.coded_columns import COLUMN_CODES, display
from models.field_rules import label
from models.innovation import row_ids
from models.innovation_plan import report_ids
from models.validation import format_money

HIDDEN = {"id", "created_at", "project_id", "task_id", "voided_at", "void_reason"}
# What names a record of each table in the log.
NAMED_BY = {"innovation_projects": "name", "innovation_team": "name", "innovation_tasks": "title", "innovation_recognitions": "title",
            "innovation_project_events": "kind", "innovation_task_reports": "date"}


def _value(table: str, column: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if (table, column) in COLUMN_CODES:
        return display(table, column, value)
    if column.endswith("_fen") and isinstance(value, int):
        return f"{format_money(value)} 元"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:40] + "…"


def describe(table: str, entry: dict[str, Any]) -> str:
    before, after = entry["before"] or {}, entry["after"] or {}
    if entry["action"] == "insert":
        key = NAMED_BY.get(table, "")
        named = _value(table, key, after.get(key)) if key else ""
        extra = f"，{_value(table, 'percent', after.get('percent'))}%" if table == "innovation_task_reports" else ""
        return f"新增{audit.TABLE_LABELS.get(table, '')}：{named}{extra}"
    if entry["action"] == "void":
        return f"作废，原因：{entry['note']}"
    parts = [f"{label(table, k)}：{_value(table, k, before.get(k))} → {_value(table, k, after.get(k))}" for k in after if k not in HIDDEN]
    return "；".join(parts) or entry["note"] or ""


def change_log(db: Database, project_id: int) -> list[dict[str, str]]:
    """Rows of at (time), what (record kind), action (新增/修改/作废) and text, newest first."""
    ids: dict[str, list[int]] = {"innovation_projects": [project_id]}
    for table in ("innovation_team", "innovation_tasks", "innovation_recognitions", "innovation_project_events"):
        ids[table] = row_ids(db, table, project_id)
    ids["innovation_task_reports"] = report_ids(db, project_id)
    entries = [(table, e) for table, keys in ids.items() for key in keys for e in audit.history(db, table, key)]
    return [
        {"at": e["at"].replace("T", " "), "what": audit.TABLE_LABELS.get(table, table), "action": codes.AUDIT_ACTION.label(e["action"]),
         "text": describe(table, e)}
        for table, e in sorted(entries, key=lambda x: x[1]["id"], reverse=True)
    ]
