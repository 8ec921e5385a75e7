"""Which columns hold codes, and of which list: the database itself refuses any other value.

Before migration m007_trail_codes_workforce a code was only as good as the module
that wrote it: an unknown membership kind went in silently and the status trigger
counted it as 已离会. Now COLUMN_CODES maps every coded column to its list in models/codes.py, and the
file enforces it: the table `column_codes` holds the codes each column accepts,
and two triggers per column (before an insert; before an update that changes the
value) refuse anything else with a Chinese message naming the field
("性别：不在可选范围内，请从列表中选择"; audit.py turns it into a ValidationError
for that field). Triggers, not CHECK constraints: they need no rebuild of big
tables, and they read the accepted codes from a table, so a list can grow without
touching them.

Growing (each is a new migration; tests/test_coded_columns.py compares a new
ledger's column_codes with the lists here, so a forgotten migration fails):
- a new code in a list: insert it with migrations._helpers.add_codes(db, table,
  column, [code]) for every column using the list;
- a new coded column: add it here, and create its triggers with
  migrations._helpers.code_checks(db, [(table, column, label, blank, codes, is_list)])
  (the migration spells its codes out, as m007 does: a migration never reads
  lists that may have changed since it shipped).
Codes are never removed or renamed once data uses them (models/codes.py).

Rows written before a column was checked may hold other values: they stay as they
are (a migration must not fail on them) and find_unknown_codes() lists them;
they can still be voided, since only a change of the coded value is checked.
FREE_TEXT names every other text column, so a new column must be classified.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from models import codes
from models.codes import CodeList

# (table, column) → the list its values come from.
COLUMN_CODES: dict[tuple[str, str], CodeList] = {
    ("members", "gender"): codes.GENDER,
    ("members", "ethnicity"): codes.ETHNICITY,
    ("members", "id_type"): codes.ID_TYPE,
    ("members", "political_status"): codes.POLITICAL_STATUS,
    ("members", "education"): codes.EDUCATION,
    ("members", "skill_level"): codes.SKILL_LEVEL,
    ("members", "hukou_type"): codes.HUKOU_TYPE,
    ("members", "employment_status"): codes.EMPLOYMENT,
    ("members", "status"): codes.MEMBER_STATUS,  # derived by triggers; NULL before any history
    ("membership_events", "kind"): codes.MEMBERSHIP_EVENT,
    ("membership_events", "reason"): codes.MEMBERSHIP_REASON,
    ("congress_sessions", "kind"): codes.SESSION_KIND,
    ("delegates", "category"): codes.DELEGATE_CATEGORY,
    ("delegates", "start_how"): codes.DELEGATE_START,
    ("delegates", "end_how"): codes.DELEGATE_END,
    ("session_attendance", "status"): codes.ATTENDANCE,
    ("resolutions", "kind"): codes.RESOLUTION_KIND,
    ("resolution_votes", "kind"): codes.RESOLUTION_KIND,
    ("resolution_votes", "result"): codes.VOTE_RESULT,
    ("election_tallies", "result"): codes.TALLY_RESULT,
    ("proposals", "category"): codes.PROPOSAL_CATEGORY,
    ("proposals", "state"): codes.PROPOSAL_STATE,
    ("proposals", "rating"): codes.PROPOSAL_RATING,
    ("proposal_events", "action"): codes.PROPOSAL_ACTION,
    ("proposal_events", "from_state"): codes.PROPOSAL_STATE,
    ("proposal_events", "to_state"): codes.PROPOSAL_STATE,
    ("aid_cases", "gender"): codes.GENDER,
    ("aid_cases", "work_status"): codes.WORK_STATUS,
    ("aid_cases", "model_worker"): codes.MODEL_WORKER,
    ("aid_cases", "marriage"): codes.MARRIAGE,
    ("aid_cases", "housing_type"): codes.HOUSING,
    ("aid_cases", "self_help"): codes.SELF_HELP,
    ("aid_cases", "main_cause"): codes.HARDSHIP_CAUSE,
    ("aid_cases", "secondary_causes"): codes.HARDSHIP_CAUSE,  # a JSON list of codes
    ("aid_cases", "suggested_tier"): codes.AID_TIER,
    ("aid_cases", "tier"): codes.AID_TIER,
    ("aid_cases", "state"): codes.CASE_STATE,
    ("aid_cases", "close_reason"): codes.CASE_CLOSE_REASON,
    ("aid_household", "relation"): codes.RELATION,
    ("aid_household", "gender"): codes.GENDER,
    ("aid_household", "health"): codes.HEALTH,
    ("aid_case_events", "kind"): codes.CASE_EVENT,
    ("aid_case_events", "outcome"): codes.CASE_EVENT_OUTCOME,
    ("aid_case_events", "from_state"): codes.CASE_STATE,
    ("aid_case_events", "to_state"): codes.CASE_STATE,
    ("aid_case_events", "from_tier"): codes.AID_TIER,
    ("aid_case_events", "to_tier"): codes.AID_TIER,
    ("aid_rounds", "aid_type"): codes.AID_TYPE,
    ("aid_payments", "aid_type"): codes.AID_TYPE,
    ("aid_payments", "funding_source"): codes.FUNDING_SOURCE,
    ("disclosure_subjects", "category"): codes.DISCLOSURE_CATEGORY,
    ("disclosure_subjects", "subcategory"): codes.DISCLOSURE_SUBCATEGORY,
    ("disclosure_subjects", "period_kind"): codes.PERIOD_KIND,
    ("disclosure_items", "category"): codes.DISCLOSURE_CATEGORY,
    ("disclosure_items", "subcategory"): codes.DISCLOSURE_SUBCATEGORY,
    ("disclosure_items", "channels"): codes.DISCLOSURE_CHANNEL,  # a JSON list of codes
    ("disclosure_feedback", "channel"): codes.FEEDBACK_CHANNEL,
    ("disclosure_inspections", "aspects"): codes.INSPECTION_ASPECT,  # a JSON list of codes
    ("audit_log", "action"): codes.AUDIT_ACTION,
}

# Columns where '' means "not filled in" (the forms offer （未填）). NULL is allowed
# wherever the column allows it; elsewhere a value must be one of the codes.
BLANK_ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        ("members", "gender"),
        ("members", "ethnicity"),
        ("members", "political_status"),
        ("members", "education"),
        ("members", "skill_level"),
        ("members", "hukou_type"),
        ("members", "employment_status"),
        ("membership_events", "reason"),
        ("aid_cases", "gender"),
        ("aid_cases", "work_status"),
        ("aid_cases", "model_worker"),
        ("aid_cases", "marriage"),
        ("aid_cases", "housing_type"),
        ("aid_cases", "self_help"),
        ("aid_household", "gender"),
        ("aid_household", "health"),
        ("disclosure_subjects", "subcategory"),
        ("disclosure_items", "subcategory"),
    }
)

# Columns holding a JSON list of codes rather than one code.
LIST_COLUMNS: frozenset[tuple[str, str]] = frozenset(
    {("aid_cases", "secondary_causes"), ("disclosure_items", "channels"), ("disclosure_inspections", "aspects")}
)

# Text columns that hold people's own words, numbers or references, not codes.
# (Dates, months and time stamps are recognised by name and need no entry.)
FREE_TEXT: frozenset[tuple[str, str]] = frozenset(
    [("members", "void_reason"), ("import_batches", "file_name"), ("import_batches", "void_reason"), ("import_batch_rows", "action")]  # action: CHECK in the table
    + [("org_profile", c) for c in ("union_name", "unit_name", "credit_code", "industry", "chair", "vice_chair", "phone", "address", "parent_union")]
    # 单位性质 is typed freely today (企业、事业单位、机关、社会组织…); a list would suit the yearly filing
    + [("org_profile", "unit_nature")]
    + [("org_workforce", "note")]
    # member_changes.field names a members column; models.member_time refuses any field
    # outside HISTORY_FIELDS before writing, and the row's value is checked as that column.
    + [("member_changes", "field"), ("member_changes", "note"), ("member_changes", "void_reason")]
    + [("app_settings", "key"), ("app_settings", "value")]  # keys are checked against org.SETTINGS, values are JSON
    + [("audit_log", c) for c in ("table_name", "before", "after", "note")]
    + [("column_codes", c) for c in ("table_name", "column_name", "code")]
    + [
        ("members", c)
        for c in (
            "name", "name_pinyin", "name_initials", "id_number", "phone", "hukou_place", "native_place", "workplace",
            "department", "post", "employee_no", "card_number", "member_no", "note", "search_key", "job_title", "pro_title",
        )
    ]
    + [("membership_events", c) for c in ("other_union", "note", "void_reason")]
    + [("dues_payments", c) for c in ("note", "void_reason")]
    + [("congress_terms", "note")]
    + [
        ("congress_sessions", c)
        for c in ("start_time", "end_time", "place", "host", "recorder", "executive_chair", "nonvoting", "opening", "closing", "note", "void_reason")
    ]
    + [("delegates", c) for c in ("group_name", "end_note", "void_reason")]
    + [("session_attendance", "reason")]
    + [("agenda_items", c) for c in ("title", "report_title", "presenter", "speakers", "discussion", "void_reason")]
    + [("resolutions", c) for c in ("title", "text", "void_reason")]
    + [("resolution_votes", "void_reason")]
    + [("election_candidates", "name")]
    + [("proposals", c) for c in ("number", "title", "content", "reason", "measures", "review_note", "department", "reply", "replied_by", "void_reason")]
    + [("proposal_events", "note")]
    + [
        ("aid_cases", c)
        for c in (
            "file_no", "worker_name", "worker_id_number", "phone", "department", "address", "bank_name", "bank_account",
            "tier_reason", "close_measure", "created_by", "reviewed_by", "entered_by", "note",
        )
    ]
    + [("aid_household", c) for c in ("name", "id_number", "occupation", "medical_insurance", "left_reason", "void_reason")]
    + [("aid_case_events", c) for c in ("people", "findings", "note")]
    + [("aid_rounds", c) for c in ("name", "contact", "note")]
    + [("aid_payments", c) for c in ("approved_by", "student_name", "student_school", "student_grade", "note", "void_reason", "proxy_name", "proxy_relation")]
    + [("disclosure_subjects", c) for c in ("title", "department", "person", "note", "void_reason")]
    + [
        ("disclosure_items", c)
        for c in ("title", "summary", "channel_note", "audience", "department", "person", "contact", "note", "void_reason")
    ]
    # sha256 and stored_name are written by models/disclosure_files.py from the file itself
    + [("disclosure_attachments", c) for c in ("file_name", "sha256", "stored_name", "void_reason")]
    + [("disclosure_feedback", c) for c in ("person", "department", "content", "answered_by", "reply", "void_reason")]
    + [("disclosure_inspections", c) for c in ("inspectors", "scope", "findings", "rectification", "rectify_note", "void_reason")]
    # the yearly filing: an indicator code checked against models.filing_form; a filed table as JSON
    + [("filing_manual", "code")]
    + [("filings", c) for c in ("form", "filed_by", "head", "reason", "figures", "manual", "checks")]
)

# Innovation projects (models/innovation_codes.py; migration m010_innovation).
def _innovation() -> tuple[dict[tuple[str, str], CodeList], frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    from models import innovation_codes as ic

    coded = {
        ("innovation_projects", "applicant_kind"): ic.APPLICANT_KIND,
        ("innovation_projects", "state"): ic.PROJECT_STATE,
        ("innovation_team", "role"): ic.TEAM_ROLE,
        ("innovation_tasks", "stage"): ic.TASK_STAGE,
        ("innovation_tasks", "status"): ic.TASK_STATUS,
        ("innovation_task_reports", "status"): ic.TASK_STATUS,
        ("innovation_recognitions", "kind"): ic.RECOGNITION_KIND,
        ("innovation_recognitions", "level"): ic.RECOGNITION_LEVEL,
        ("innovation_recognitions", "channel"): ic.PROMOTION_CHANNEL,
        ("innovation_project_events", "kind"): ic.PROJECT_EVENT,
        ("innovation_project_events", "from_state"): ic.PROJECT_STATE,
        ("innovation_project_events", "to_state"): ic.PROJECT_STATE,
    }
    free = frozenset(
        [("innovation_projects", c) for c in ("name", "applicant_name", "contact_phone", "problem", "content", "measures", "expected",
                                              "indicators", "results", "note", "void_reason")]
        + [("innovation_team", c) for c in ("name", "duty", "unit", "phone", "void_reason")]
        + [("innovation_tasks", c) for c in ("title", "owner", "evidence", "void_reason")]
        + [("innovation_task_reports", c) for c in ("evidence", "void_reason")]
        + [("innovation_recognitions", c) for c in ("title", "evidence", "void_reason")]
        + [("innovation_project_events", c) for c in ("note", "void_reason")]
    )
    return coded, free, frozenset({("innovation_recognitions", "channel")})


_coded, _free, _blank = _innovation()
COLUMN_CODES.update(_coded)
FREE_TEXT = FREE_TEXT | _free
BLANK_ALLOWED = BLANK_ALLOWED | _blank

# Columns holding a moment: never codes (nor are dates and months, which field_rules
# knows by name: DATE_COLUMN, MONTH_COLUMNS).
TIME_COLUMNS = ("created_at", "updated_at", "voided_at", "at")


def accepted(table: str, column: str) -> list[str]:
    """The values a coded column accepts: its codes, and '' where that means not filled in."""
    return ([""] if (table, column) in BLANK_ALLOWED else []) + COLUMN_CODES[(table, column)].codes()


def find_unknown_codes(db: Database, *, limit: int = 1_000) -> list[dict[str, Any]]:
    """Stored values outside their column's list (rows written before the lists were enforced).

    Each item: table, id, column, field (Chinese), value. A file of any version can
    be read: tables and columns it does not have yet are skipped.
    """
    from models import field_rules

    def field(table: str, column: str) -> str:
        # A domain's own label when its module has registered it, else the list's name.
        return field_rules.LABELS.get((table, column)) or COLUMN_CODES[(table, column)].name

    out: list[dict[str, Any]] = []
    present: dict[str, set[str]] = {}
    for table, column in COLUMN_CODES:
        if table not in present:
            present[table] = {r[1] for r in db.execute(f"PRAGMA table_info([{table}])")}
        if column not in present[table]:
            continue
        good = accepted(table, column)
        key = "id" if "id" in present[table] else "rowid"
        is_list = (table, column) in LIST_COLUMNS
        # SQLite filters (a big audit_log is read once, not row by row in Python); a JSON
        # list is looked into here.
        where = f"[{column}] IS NOT NULL" + ("" if is_list else f" AND [{column}] NOT IN ({', '.join('?' * len(good))})")
        for row_id, value in db.execute(f"SELECT {key}, [{column}] FROM [{table}] WHERE {where} ORDER BY {key}", [] if is_list else good):
            if is_list and all(v in good for v in _list_values(value)):
                continue
            out.append({"table": table, "id": row_id, "column": column, "field": field(table, column), "value": value})
            if len(out) >= limit:
                return out
    return out


def _list_values(value: Any) -> list[Any]:
    import json

    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return [value]
    return items if isinstance(items, list) else [value]


def display(table: str, column: str, value: str | None) -> str:
    """The label of a stored code; 未知（…） for a value outside its list, never a guess."""
    if value is None or value == "":
        return ""
    code_list = COLUMN_CODES[(table, column)]
    if value in code_list:
        return code_list.label(value)
    return f"未知（{value}）"
