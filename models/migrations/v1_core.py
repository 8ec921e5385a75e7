"""Version 1: the union's profile, settings, audit trail, members, membership history, dues."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run


def m001_core(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE org_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    union_name TEXT NOT NULL DEFAULT '',
    unit_name TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    unit_nature TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    vice_chair TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    parent_union TEXT NOT NULL DEFAULT '',
    founded_on TEXT NOT NULL DEFAULT '',
    workers_total INTEGER NOT NULL DEFAULT 0 CHECK (workers_total >= 0),
    workers_female INTEGER NOT NULL DEFAULT 0 CHECK (workers_female >= 0),
    workers_migrant INTEGER NOT NULL DEFAULT 0 CHECK (workers_migrant >= 0),
    workers_dispatched INTEGER NOT NULL DEFAULT 0 CHECK (workers_dispatched >= 0),
    min_living_fen INTEGER NOT NULL DEFAULT 0 CHECK (min_living_fen >= 0)
);
INSERT INTO org_profile (id) VALUES (1);

CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'void')),
    before TEXT,
    after TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (name <> ''),
    name_pinyin TEXT NOT NULL DEFAULT '',
    name_initials TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    id_type TEXT NOT NULL DEFAULT 'ric',
    id_number TEXT,
    phone TEXT NOT NULL DEFAULT '',
    political_status TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    skill_level TEXT NOT NULL DEFAULT '',
    hukou_type TEXT NOT NULL DEFAULT '',
    hukou_place TEXT NOT NULL DEFAULT '',
    native_place TEXT NOT NULL DEFAULT '',
    is_migrant_worker INTEGER NOT NULL DEFAULT 0 CHECK (is_migrant_worker IN (0, 1)),
    is_dispatched INTEGER NOT NULL DEFAULT 0 CHECK (is_dispatched IN (0, 1)),
    employment_status TEXT NOT NULL DEFAULT 'employed',
    workplace TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    post TEXT NOT NULL DEFAULT '',
    employee_no TEXT NOT NULL DEFAULT '',
    join_date TEXT NOT NULL DEFAULT '',
    card_number TEXT NOT NULL DEFAULT '',
    member_no TEXT NOT NULL DEFAULT '',
    monthly_wage_fen INTEGER CHECK (monthly_wage_fen IS NULL OR monthly_wage_fen >= 0),
    note TEXT NOT NULL DEFAULT '',
    status TEXT,  -- derived: set by triggers from membership_events, never by hand
    search_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX members_id_number ON members (id_type, id_number) WHERE id_number IS NOT NULL;
CREATE INDEX members_name_birth ON members (name, birth_date);
-- Status filter, name order and search in one index scan, without a sort.
CREATE INDEX members_status ON members (status, name_pinyin, search_key);
CREATE INDEX members_department ON members (department);
-- Covers the search-as-you-type query: filter on search_key while reading in name order.
CREATE INDEX members_pinyin_search ON members (name_pinyin, search_key);

CREATE TABLE membership_events (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    other_union TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX membership_events_member ON membership_events (member_id, date, id);

-- History is append-only: no deletes, and an update may only void a row.
CREATE TRIGGER membership_events_no_delete BEFORE DELETE ON membership_events
BEGIN SELECT RAISE(ABORT, '会籍变动记录不能删除，只能作废'); END;
CREATE TRIGGER membership_events_no_edit BEFORE UPDATE ON membership_events
WHEN OLD.voided_at IS NOT NULL
  OR NEW.member_id IS NOT OLD.member_id OR NEW.kind IS NOT OLD.kind OR NEW.date IS NOT OLD.date
  OR NEW.reason IS NOT OLD.reason OR NEW.other_union IS NOT OLD.other_union
  OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '会籍变动记录不能修改，只能作废'); END;

CREATE TRIGGER membership_events_status_ai AFTER INSERT ON membership_events
BEGIN
  UPDATE members SET status = (
    SELECT CASE e.kind
      WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
      WHEN 'retain' THEN 'retained' ELSE 'left' END
    FROM membership_events e
    WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
    ORDER BY e.date DESC, e.id DESC LIMIT 1)
  WHERE id = NEW.member_id;
END;
CREATE TRIGGER membership_events_status_au AFTER UPDATE OF voided_at ON membership_events
BEGIN
  UPDATE members SET status = (
    SELECT CASE e.kind
      WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
      WHEN 'retain' THEN 'retained' ELSE 'left' END
    FROM membership_events e
    WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
    ORDER BY e.date DESC, e.id DESC LIMIT 1)
  WHERE id = NEW.member_id;
END;

CREATE TABLE dues_payments (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    period TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    wage_fen INTEGER CHECK (wage_fen IS NULL OR wage_fen >= 0),
    paid_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE UNIQUE INDEX dues_payments_once ON dues_payments (member_id, period) WHERE voided_at IS NULL;
CREATE INDEX dues_payments_period ON dues_payments (period);
CREATE TRIGGER dues_payments_no_delete BEFORE DELETE ON dues_payments
BEGIN SELECT RAISE(ABORT, '会费记录不能删除，只能作废'); END
""",
    )
