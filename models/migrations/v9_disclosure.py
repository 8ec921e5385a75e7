"""Version 9: factory-affairs disclosure (厂务公开): the register, its schedule, attachments,
workers' feedback and supervision."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import CodedColumn, _run, code_checks

# The code lists as they stand at this version (models/codes.py may grow; see coded_columns.py).
_CATEGORY = ("major", "interests", "leadership", "other")
_SUBCATEGORY = (
    "plan", "results", "investment", "restructure", "budget",
    "contract", "rules", "wages", "welfare", "insurance", "safety", "training", "rewards", "leave", "hardship", "recruitment",
    "integrity", "hospitality", "appraisal",
    "congress", "misc",
)
_PERIOD_KIND = ("monthly", "quarterly", "half_yearly", "yearly", "as_arises")
_CHANNEL = ("congress", "board", "briefing", "online", "forum", "other")
_FEEDBACK_CHANNEL = ("box", "forum", "phone", "in_person", "online", "other")
_ASPECT = ("truth", "complete", "timely", "procedure")

CODED: list[CodedColumn] = [
    ("disclosure_subjects", "category", "公开类别", False, _CATEGORY, False),
    ("disclosure_subjects", "subcategory", "具体内容", True, _SUBCATEGORY, False),
    ("disclosure_subjects", "period_kind", "公开周期", False, _PERIOD_KIND, False),
    ("disclosure_items", "category", "公开类别", False, _CATEGORY, False),
    ("disclosure_items", "subcategory", "具体内容", True, _SUBCATEGORY, False),
    ("disclosure_items", "channels", "公开渠道", False, _CHANNEL, True),
    ("disclosure_feedback", "channel", "反馈渠道", False, _FEEDBACK_CHANNEL, False),
    ("disclosure_inspections", "aspects", "检查项目", False, _ASPECT, True),
]


def m009_disclosure(db: Database) -> None:
    """厂务公开: what is disclosed, when, where and to whom; what workers said back; what
    the supervision group checked.

    - disclosure_subjects: a recurring subject and its schedule (月度 … 事项发生时) from a
      start date (and until an end date when it stops); models/disclosure_schedule.py
      derives what is due and overdue as of any day from it and the items.
    - disclosure_items: one disclosure. disclosed_on NULL is a matter registered but not yet
      disclosed (待公开); a regular subject's item names the period it covers.
    - disclosure_attachments: files kept in the folder 附件 beside the database, named by
      their content's SHA-256 (one file per content); replacing one adds a row that
      names the one it replaces, which stays.
    - disclosure_feedback, disclosure_inspections: dated life cycles (received → replied →
      closed; checked → rectification due → done).
    Nothing here is deleted: rows are voided with a reason.
    """
    _run(
        db,
        """
CREATE TABLE disclosure_subjects (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (title <> ''),
    category TEXT NOT NULL,
    subcategory TEXT NOT NULL DEFAULT '',
    period_kind TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    person TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);

CREATE TABLE disclosure_items (
    id INTEGER PRIMARY KEY,
    subject_id INTEGER REFERENCES disclosure_subjects (id),
    title TEXT NOT NULL CHECK (title <> ''),
    category TEXT NOT NULL,
    subcategory TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    period_start_date TEXT,
    period_end_date TEXT,
    arose_on TEXT,
    disclosed_on TEXT,
    channels TEXT NOT NULL DEFAULT '[]',
    channel_note TEXT NOT NULL DEFAULT '',
    is_all_staff INTEGER NOT NULL DEFAULT 1,
    audience TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    person TEXT NOT NULL DEFAULT '',
    posted_days INTEGER NOT NULL DEFAULT 0 CHECK (posted_days >= 0),
    contact TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX disclosure_items_subject ON disclosure_items (subject_id, period_start_date);
CREATE INDEX disclosure_items_disclosed ON disclosure_items (disclosed_on);

CREATE TABLE disclosure_attachments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES disclosure_items (id),
    file_name TEXT NOT NULL CHECK (file_name <> ''),
    sha256 TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    added_on TEXT NOT NULL,
    replaces_id INTEGER REFERENCES disclosure_attachments (id),
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX disclosure_attachments_item ON disclosure_attachments (item_id);
CREATE INDEX disclosure_attachments_replaces ON disclosure_attachments (replaces_id);

CREATE TABLE disclosure_feedback (
    id INTEGER PRIMARY KEY,
    item_id INTEGER REFERENCES disclosure_items (id),
    received_on TEXT NOT NULL,
    channel TEXT NOT NULL,
    person TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL CHECK (content <> ''),
    answered_by TEXT NOT NULL DEFAULT '',
    reply TEXT NOT NULL DEFAULT '',
    replied_on TEXT,
    closed_on TEXT,
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK (closed_on IS NULL OR reply <> '')
);
CREATE INDEX disclosure_feedback_item ON disclosure_feedback (item_id);
CREATE INDEX disclosure_feedback_received ON disclosure_feedback (received_on);

CREATE TABLE disclosure_inspections (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    inspectors TEXT NOT NULL CHECK (inspectors <> ''),
    aspects TEXT NOT NULL DEFAULT '[]',
    scope TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '',
    rectification TEXT NOT NULL DEFAULT '',
    rectify_due_on TEXT,
    rectified_on TEXT,
    rectify_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    CHECK (findings = '' OR rectify_due_on IS NOT NULL)
);
CREATE INDEX disclosure_inspections_date ON disclosure_inspections (date);

CREATE TRIGGER disclosure_subjects_no_delete BEFORE DELETE ON disclosure_subjects
BEGIN SELECT RAISE(ABORT, '定期公开事项不能删除，只能作废'); END;
CREATE TRIGGER disclosure_items_no_delete BEFORE DELETE ON disclosure_items
BEGIN SELECT RAISE(ABORT, '厂务公开事项不能删除，只能作废'); END;
CREATE TRIGGER disclosure_attachments_no_delete BEFORE DELETE ON disclosure_attachments
BEGIN SELECT RAISE(ABORT, '附件记录不能删除，只能作废'); END;
CREATE TRIGGER disclosure_feedback_no_delete BEFORE DELETE ON disclosure_feedback
BEGIN SELECT RAISE(ABORT, '职工反馈不能删除，只能作废'); END;
CREATE TRIGGER disclosure_inspections_no_delete BEFORE DELETE ON disclosure_inspections
BEGIN SELECT RAISE(ABORT, '监督检查记录不能删除，只能作废'); END;
-- What an attachment is never changes: a new file is a new row that replaces it.
CREATE TRIGGER disclosure_attachments_fixed BEFORE UPDATE ON disclosure_attachments
WHEN NEW.item_id IS NOT OLD.item_id OR NEW.sha256 IS NOT OLD.sha256 OR NEW.stored_name IS NOT OLD.stored_name
  OR NEW.size IS NOT OLD.size OR NEW.replaces_id IS NOT OLD.replaces_id
BEGIN SELECT RAISE(ABORT, '附件内容不能修改：请用“替换”添加新文件，原文件保留'); END
""",
    )
    code_checks(db, CODED)
