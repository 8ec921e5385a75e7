"""Version 3: difficult-worker aid."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run


def m003_aid(db: Database) -> None:
    """Difficult-worker aid: one file per household, its family, events, aid given, rounds."""
    _run(
        db,
        """
CREATE TABLE aid_cases (
    id INTEGER PRIMARY KEY,
    file_no TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES members (id),
    worker_name TEXT NOT NULL CHECK (worker_name <> ''),
    worker_id_number TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    work_status TEXT NOT NULL DEFAULT 'employed',
    model_worker TEXT NOT NULL DEFAULT 'none',
    marriage TEXT NOT NULL DEFAULT '',
    is_single_parent INTEGER NOT NULL DEFAULT 0,
    is_zero_employment INTEGER NOT NULL DEFAULT 0,
    housing_type TEXT NOT NULL DEFAULT '',
    housing_area REAL,
    address TEXT NOT NULL DEFAULT '',
    bank_name TEXT NOT NULL DEFAULT '',
    bank_account TEXT NOT NULL DEFAULT '',
    main_cause TEXT NOT NULL,
    secondary_causes TEXT NOT NULL DEFAULT '[]',
    hardship_spending_fen INTEGER NOT NULL DEFAULT 0 CHECK (hardship_spending_fen >= 0),
    suggested_tier TEXT,
    tier TEXT,
    tier_reason TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'applied',
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    close_reason TEXT,
    close_measure TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- One household, one open file.
CREATE UNIQUE INDEX aid_cases_one_open ON aid_cases (worker_id_number)
    WHERE state NOT IN ('out_of_hardship', 'cancelled');
CREATE INDEX aid_cases_state ON aid_cases (state, tier);

CREATE TABLE aid_household (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES aid_cases (id),
    name TEXT NOT NULL CHECK (name <> ''),
    relation TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    id_number TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    health TEXT NOT NULL DEFAULT 'good',
    occupation TEXT NOT NULL DEFAULT '',
    monthly_income_fen INTEGER NOT NULL DEFAULT 0 CHECK (monthly_income_fen >= 0),
    medical_insurance TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX aid_household_case ON aid_household (case_id);

CREATE TABLE aid_case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES aid_cases (id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    end_date TEXT,
    people TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '',
    outcome TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX aid_case_events_case ON aid_case_events (case_id, date);
CREATE TRIGGER aid_case_events_no_delete BEFORE DELETE ON aid_case_events
BEGIN SELECT RAISE(ABORT, '档案事项记录不能删除'); END;

CREATE TABLE aid_rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    aid_type TEXT NOT NULL,
    date TEXT NOT NULL,
    notice_start TEXT,
    notice_end TEXT,
    contact TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (notice_end IS NULL OR notice_start IS NULL OR notice_end >= notice_start)
);

CREATE TABLE aid_payments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES aid_cases (id),
    round_id INTEGER REFERENCES aid_rounds (id),
    aid_type TEXT NOT NULL,
    date TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    funding_source TEXT NOT NULL,
    approved_by TEXT NOT NULL DEFAULT '',
    signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
    student_name TEXT NOT NULL DEFAULT '',
    student_school TEXT NOT NULL DEFAULT '',
    student_grade TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX aid_payments_case ON aid_payments (case_id);
CREATE INDEX aid_payments_date ON aid_payments (date);
CREATE TRIGGER aid_payments_no_delete BEFORE DELETE ON aid_payments
BEGIN SELECT RAISE(ABORT, '帮扶记录不能删除，只能作废'); END;
CREATE TRIGGER aid_cases_no_delete BEFORE DELETE ON aid_cases
BEGIN SELECT RAISE(ABORT, '困难职工档案不能删除，只能注销'); END
""",
    )
