"""Schema migrations, applied in order, each in one transaction.

MIGRATIONS[n - 1] brings a file from version n - 1 to n. Never edit a migration
that has shipped: add a new one at the end. Money columns are integer fen,
dates are ISO text; records with legal or financial weight carry void columns
instead of being deleted.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from typing import Callable

from sqlite_utils import Database

from models import clock


def _run(db: Database, script: str) -> None:
    """Execute a script statement by statement inside the caller's transaction.

    (sqlite3's executescript() would commit first, breaking the one-transaction rule.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


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


def m002_congress(db: Database) -> None:
    """Worker congress: terms, sessions, delegates, sign-in, agenda, votes, proposals, minutes."""
    _run(
        db,
        """
CREATE TABLE congress_terms (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number > 0),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    delegate_quota INTEGER NOT NULL DEFAULT 0 CHECK (delegate_quota >= 0),
    is_assembly INTEGER NOT NULL DEFAULT 0 CHECK (is_assembly IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (end_date > start_date)
);

CREATE TABLE congress_sessions (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES congress_terms (id),
    number INTEGER NOT NULL CHECK (number > 0),
    date TEXT NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    end_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'regular',
    host TEXT NOT NULL DEFAULT '',
    recorder TEXT NOT NULL DEFAULT '',
    executive_chair TEXT NOT NULL DEFAULT '',
    nonvoting TEXT NOT NULL DEFAULT '',
    opening TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT,
    UNIQUE (term_id, number)
);

CREATE TABLE delegates (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES congress_terms (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    group_name TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    start_date TEXT NOT NULL,
    start_how TEXT NOT NULL DEFAULT 'elected',
    end_date TEXT,
    end_how TEXT,
    end_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (term_id, member_id),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX delegates_term ON delegates (term_id);

CREATE TABLE session_attendance (
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    delegate_id INTEGER NOT NULL REFERENCES delegates (id),
    status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
    reason TEXT NOT NULL DEFAULT '',
    id INTEGER PRIMARY KEY,
    UNIQUE (session_id, delegate_id)
);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    report_title TEXT NOT NULL DEFAULT '',
    presenter TEXT NOT NULL DEFAULT '',
    speakers TEXT NOT NULL DEFAULT '',
    discussion TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX agenda_items_session ON agenda_items (session_id, seq);

CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    kind TEXT NOT NULL DEFAULT 'resolution',
    title TEXT NOT NULL CHECK (title <> ''),
    text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);

CREATE TABLE resolution_votes (
    id INTEGER PRIMARY KEY,
    resolution_id INTEGER NOT NULL REFERENCES resolutions (id),
    yes INTEGER NOT NULL CHECK (yes >= 0),
    no INTEGER NOT NULL CHECK (no >= 0),
    abstain INTEGER NOT NULL CHECK (abstain >= 0),
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE UNIQUE INDEX resolution_votes_once ON resolution_votes (resolution_id) WHERE voided_at IS NULL;

CREATE TABLE election_candidates (
    id INTEGER PRIMARY KEY,
    resolution_id INTEGER NOT NULL REFERENCES resolutions (id),
    name TEXT NOT NULL CHECK (name <> ''),
    member_id INTEGER REFERENCES members (id),
    votes_for INTEGER,
    created_at TEXT NOT NULL
);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES congress_sessions (id),
    number TEXT NOT NULL,
    title TEXT NOT NULL CHECK (title <> ''),
    proposer_id INTEGER NOT NULL REFERENCES delegates (id),
    category TEXT NOT NULL DEFAULT 'other',
    content TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    submitted_on TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'submitted',
    review_note TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    reply TEXT NOT NULL DEFAULT '',
    replied_on TEXT,
    replied_by TEXT NOT NULL DEFAULT '',
    rating TEXT,
    reopened INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, number)
);
CREATE INDEX proposals_state ON proposals (state);

CREATE TABLE proposal_cosigners (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    delegate_id INTEGER NOT NULL REFERENCES delegates (id),
    UNIQUE (proposal_id, delegate_id)
);

CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TRIGGER proposal_events_no_delete BEFORE DELETE ON proposal_events
BEGIN SELECT RAISE(ABORT, '提案办理记录不能删除'); END;
CREATE TRIGGER resolution_votes_no_delete BEFORE DELETE ON resolution_votes
BEGIN SELECT RAISE(ABORT, '表决结果不能删除，只能作废'); END;
CREATE TRIGGER resolutions_no_delete BEFORE DELETE ON resolutions
BEGIN SELECT RAISE(ABORT, '决议不能删除，只能作废'); END;
CREATE TRIGGER congress_sessions_no_delete_with_votes BEFORE DELETE ON congress_sessions
WHEN EXISTS (SELECT 1 FROM resolutions WHERE session_id = OLD.id)
BEGIN SELECT RAISE(ABORT, '会议已有表决事项，不能删除，只能作废'); END
""",
    )


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


def m004_aid_history(db: Database) -> None:
    """Aid files learn time: every event stores the coded state and tier before and after it,
    household members carry the dates they joined and left, and foreign keys get indexes.

    The history of existing files is rebuilt from what the ledger holds (see _aid_history).
    Once rebuilt, events are append-only except their tier columns, which only a tier
    correction (a typo fixed, not a change in the world) may rewrite.
    """
    _run(
        db,
        """
ALTER TABLE aid_case_events ADD COLUMN from_state TEXT;
ALTER TABLE aid_case_events ADD COLUMN to_state TEXT;
ALTER TABLE aid_case_events ADD COLUMN from_tier TEXT;
ALTER TABLE aid_case_events ADD COLUMN to_tier TEXT;
ALTER TABLE aid_household ADD COLUMN joined_on TEXT;
ALTER TABLE aid_household ADD COLUMN left_on TEXT;
ALTER TABLE aid_household ADD COLUMN left_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS aid_payments_round ON aid_payments (round_id);
CREATE INDEX IF NOT EXISTS resolution_votes_resolution ON resolution_votes (resolution_id);
CREATE INDEX IF NOT EXISTS aid_cases_member ON aid_cases (member_id);
CREATE INDEX IF NOT EXISTS aid_case_events_kind ON aid_case_events (kind, date)
""",
    )
    _aid_history(db)
    _run(
        db,
        """
CREATE TRIGGER aid_case_events_no_edit BEFORE UPDATE ON aid_case_events
WHEN NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind OR NEW.date IS NOT OLD.date
  OR NEW.end_date IS NOT OLD.end_date OR NEW.people IS NOT OLD.people OR NEW.findings IS NOT OLD.findings
  OR NEW.outcome IS NOT OLD.outcome OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at
  OR NEW.from_state IS NOT OLD.from_state OR NEW.to_state IS NOT OLD.to_state
BEGIN SELECT RAISE(ABORT, '档案事项记录不能修改（困难类别录入错误请用“更正”）'); END;
CREATE TRIGGER aid_household_no_delete BEFORE DELETE ON aid_household
BEGIN SELECT RAISE(ABORT, '家庭成员记录不能删除'); END
""",
    )


def _aid_history(db: Database) -> None:
    """Coded from/to values for the events of existing aid files, and household dates.

    States follow from the kinds of events (each step of the flow leads to one state).
    Tiers were overwritten in aid_cases, so they are replayed from the audit trail,
    which logged the file's tier (initial value and every change) in the same
    transaction as each event: the tier in effect after an event is the tier the file
    had when the event was written, except that a review that changed the tier wrote
    the new tier just after its event. Before approval a tier is only proposed: events
    of a file under application carry none. Where the trail does not end on the
    file's current tier (a ledger edited outside the program), the current tier is
    the best that can be known and is used from approval on. A file closed before
    approval never had a tier in effect.
    Household members entered while the file was being applied for belong to it from
    the application date; later ones from the day they were entered; a voided member
    (the old way of removing one) left on the day of the void.
    """
    step_state = {"apply": "applied", "visit": "visited", "review": "reviewed", "notice": "notice", "approve": "active", "annual_review": "active"}
    pending = {"applied", "visited", "reviewed", "notice"}
    updates: list[tuple] = []
    for case_id, state, tier in db.execute("SELECT id, state, tier FROM aid_cases").fetchall():
        events = db.execute(
            """SELECT e.id, e.kind, e.outcome,
                      (SELECT min(a.id) FROM audit_log a WHERE a.table_name = 'aid_case_events' AND a.row_id = e.id AND a.action = 'insert')
               FROM aid_case_events e WHERE e.case_id = ? ORDER BY e.date, e.id""",
            (case_id,),
        ).fetchall()
        tier_log = []  # (audit id, tier after the entry), oldest first
        for log_id, after in db.execute(
            "SELECT id, after FROM audit_log WHERE table_name = 'aid_cases' AND row_id = ? AND action IN ('insert', 'update') ORDER BY id", (case_id,)
        ):
            values = json.loads(after or "{}")
            if "tier" in values:
                tier_log.append((log_id, values["tier"]))

        def tier_at(log_id: int) -> str | None:
            return next((t for i, t in reversed(tier_log) if i < log_id), None)

        rows: list[list] = []  # [event id, from_state, to_state, from_tier, to_tier]
        trail_ok = True
        prev_state = prev_tier = None
        for n, (event_id, kind, outcome, log_id) in enumerate(events):
            if kind == "close":
                to_state = "out_of_hardship" if outcome == "out_of_hardship" else "cancelled"
            else:
                to_state = step_state.get(kind, prev_state or "applied")
            if to_state in pending:
                to_tier = None
            elif log_id is None:
                trail_ok, to_tier = False, tier
            elif kind in ("approve", "tier_change"):
                to_tier = tier_at(log_id)  # written before the event (proposal; or the change itself)
            elif kind == "annual_review" and outcome == "tier_changed":
                following = events[n + 1][3] if n + 1 < len(events) and events[n + 1][3] else float("inf")
                to_tier = next((t for i, t in tier_log if log_id < i < following), prev_tier)
            else:
                to_tier = prev_tier
            rows.append([event_id, prev_state, to_state, prev_tier, to_tier])
            prev_state, prev_tier = to_state, to_tier
        approved = any(kind == "approve" for _, kind, _, _ in events)
        if approved and (not trail_ok or prev_tier != tier):
            for row in rows:
                row[3] = tier if row[1] not in pending and row[1] is not None else None
                row[4] = tier if row[2] not in pending else None
        updates += [(r[1], r[2], r[3], r[4], r[0]) for r in rows]
    db.conn.executemany("UPDATE aid_case_events SET from_state = ?, to_state = ?, from_tier = ?, to_tier = ? WHERE id = ?", updates)
    _run(
        db,
        """
UPDATE aid_household SET joined_on = (
    SELECT CASE WHEN e.created_at IS NULL OR aid_household.created_at <= e.created_at THEN c.opened_on
                ELSE max(c.opened_on, substr(aid_household.created_at, 1, 10)) END
    FROM aid_cases c LEFT JOIN aid_case_events e ON e.case_id = c.id AND e.kind = 'approve'
    WHERE c.id = aid_household.case_id);
UPDATE aid_household SET left_on = max(joined_on, substr(voided_at, 1, 10)), left_reason = coalesce(void_reason, '')
WHERE voided_at IS NOT NULL
""",
    )


def m005_foreign_key_indexes(db: Database) -> None:
    """An index led by every foreign key: a lookup by parent never scans a table.

    A member's dues scanned all of dues_payments (630 ms at 2.4 million rows;
    0.3 ms with the index): the unique index (member_id, period) is partial and so
    serves only queries that repeat its WHERE. tests/test_schema.py keeps this true
    for every table a later migration adds.
    """
    _run(
        db,
        """
CREATE INDEX IF NOT EXISTS dues_payments_member ON dues_payments (member_id, period);
CREATE INDEX IF NOT EXISTS delegates_member ON delegates (member_id);
CREATE INDEX IF NOT EXISTS session_attendance_delegate ON session_attendance (delegate_id);
CREATE INDEX IF NOT EXISTS resolutions_agenda_item ON resolutions (agenda_item_id);
CREATE INDEX IF NOT EXISTS resolutions_session ON resolutions (session_id);
CREATE INDEX IF NOT EXISTS election_candidates_member ON election_candidates (member_id);
CREATE INDEX IF NOT EXISTS election_candidates_resolution ON election_candidates (resolution_id);
CREATE INDEX IF NOT EXISTS proposals_proposer ON proposals (proposer_id);
CREATE INDEX IF NOT EXISTS proposal_cosigners_delegate ON proposal_cosigners (delegate_id);
CREATE INDEX IF NOT EXISTS proposal_events_proposal ON proposal_events (proposal_id);
CREATE INDEX IF NOT EXISTS aid_cases_member ON aid_cases (member_id);
CREATE INDEX IF NOT EXISTS aid_payments_round ON aid_payments (round_id);
CREATE INDEX IF NOT EXISTS resolution_votes_resolution ON resolution_votes (resolution_id);
""",
    )


def m006_frozen_votes(db: Database) -> None:
    """Votes keep what was stated on the day: 应到, 实到, counts and result, and elections their seats.

    Before, the number of delegates behind a vote was recomputed whenever its result
    was read, so a back-dated by-election could turn 通过 into 未通过, and election
    counts were overwritten in place. Now:
    - resolution_votes holds the frozen values (election rows too; for them yes/no/
      abstain stay 0: their counts are per candidate, in election_tallies);
    - a recorded vote can only be voided, never edited (trigger);
    - the sign-in of a meeting with votes is its roll: every delegate serving that day
      has a row (unsigned ones as 缺席), so a back-dated by-election does not join it.
    Existing votes are frozen with the values the code computed until now, i.e. from
    today's tables (delegates serving on the meeting's date, signed-in 出席), so old
    minutes keep printing exactly what they printed.
    """
    _run(
        db,
        """
ALTER TABLE resolutions ADD COLUMN seats INTEGER;  -- elections: 应选 N 人
ALTER TABLE resolution_votes ADD COLUMN kind TEXT NOT NULL DEFAULT 'resolution';
ALTER TABLE resolution_votes ADD COLUMN expected INTEGER;  -- 应到 when recorded
ALTER TABLE resolution_votes ADD COLUMN present INTEGER;  -- 实到 when recorded
ALTER TABLE resolution_votes ADD COLUMN needed INTEGER;  -- 同意 needed: more than half of expected
ALTER TABLE resolution_votes ADD COLUMN result TEXT;
ALTER TABLE resolution_votes ADD COLUMN seats INTEGER;  -- elections: 应选 N 人 (NULL: recorded before seats were kept)
ALTER TABLE resolution_votes ADD COLUMN ballots INTEGER;  -- elections: 收回选票, when stated

CREATE TABLE election_tallies (
    id INTEGER PRIMARY KEY,
    vote_id INTEGER NOT NULL REFERENCES resolution_votes (id),
    candidate_id INTEGER NOT NULL REFERENCES election_candidates (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    against INTEGER CHECK (against IS NULL OR against >= 0),
    abstain INTEGER CHECK (abstain IS NULL OR abstain >= 0),
    result TEXT NOT NULL CHECK (result IN ('elected', 'not_elected', 'tie')),
    created_at TEXT NOT NULL,
    UNIQUE (vote_id, candidate_id)
);
CREATE INDEX IF NOT EXISTS resolution_votes_resolution ON resolution_votes (resolution_id);
CREATE INDEX IF NOT EXISTS session_attendance_delegate ON session_attendance (delegate_id);
CREATE INDEX IF NOT EXISTS election_tallies_candidate ON election_tallies (candidate_id)
""",
    )
    stamp = _dt.datetime.now().isoformat(timespec="seconds")
    note = "升级数据：冻结表决时的应到、实到和结果"

    def serving(session_id: int) -> tuple[str, list[int]]:
        # As models.congress.session_delegates computed it: serving on the meeting's date.
        date = db.execute("SELECT date FROM congress_sessions WHERE id = ?", (session_id,)).fetchone()[0]
        ids = [
            r[0]
            for r in db.execute(
                "SELECT d.id FROM delegates d JOIN congress_sessions s ON s.term_id = d.term_id WHERE s.id = ?"
                " AND d.start_date <= s.date AND (d.end_date IS NULL OR d.end_date > s.date)",
                (session_id,),
            )
        ]
        return date, ids

    def frozen(session_id: int) -> tuple[int, int, int]:
        _, ids = serving(session_id)
        present = db.execute(
            f"SELECT count(*) FROM session_attendance WHERE session_id = ? AND status = 'present'"
            f" AND delegate_id IN ({','.join('?' * len(ids)) or 'NULL'})",
            (session_id, *ids),
        ).fetchone()[0]
        return len(ids), present, len(ids) // 2 + 1

    for vote_id, session_id, yes in db.execute(
        "SELECT v.id, r.session_id, v.yes FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id"
    ).fetchall():
        expected, present, needed = frozen(session_id)
        values = {"expected": expected, "present": present, "needed": needed, "result": "passed" if yes >= needed else "failed"}
        db.execute(
            "UPDATE resolution_votes SET expected = ?, present = ?, needed = ?, result = ? WHERE id = ?",
            (*values.values(), vote_id),
        )
        _log(db, "resolution_votes", vote_id, "update", values, stamp, note)

    # Elections kept their counts on the candidates (overwritable); each becomes one
    # recorded vote with a tally per candidate. Seats were not kept: every candidate
    # over the majority was elected, so that is what is frozen (a missing count
    # printed as 0 and 未当选, and still does).
    elections = db.execute(
        "SELECT r.id, r.session_id, r.created_at FROM resolutions r WHERE r.kind = 'election'"
        " AND EXISTS (SELECT 1 FROM election_candidates c WHERE c.resolution_id = r.id AND c.votes_for IS NOT NULL)"
    ).fetchall()
    for resolution_id, session_id, created_at in elections:
        expected, present, needed = frozen(session_id)
        candidates = db.execute(
            "SELECT id, coalesce(votes_for, 0) FROM election_candidates WHERE resolution_id = ? ORDER BY id", (resolution_id,)
        ).fetchall()
        elected = any(votes >= needed for _, votes in candidates)
        when = db.execute(
            "SELECT max(at) FROM audit_log WHERE table_name = 'election_candidates' AND row_id IN"
            " (SELECT id FROM election_candidates WHERE resolution_id = ?) AND after LIKE '%votes_for%'",
            (resolution_id,),
        ).fetchone()[0] or created_at
        values = {
            "resolution_id": resolution_id, "kind": "election", "yes": 0, "no": 0, "abstain": 0, "expected": expected,
            "present": present, "needed": needed, "result": "filled" if elected else "unfilled", "created_at": when,
        }
        vote_id = db.execute(
            f"INSERT INTO resolution_votes ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", tuple(values.values())
        ).lastrowid
        _log(db, "resolution_votes", vote_id, "insert", values, stamp, note)
        for candidate_id, votes in candidates:
            tally = {"vote_id": vote_id, "candidate_id": candidate_id, "votes": votes,
                     "result": "elected" if votes >= needed else "not_elected", "created_at": when}
            tally_id = db.execute(
                f"INSERT INTO election_tallies ({', '.join(tally)}) VALUES ({', '.join('?' * len(tally))})", tuple(tally.values())
            ).lastrowid
            _log(db, "election_tallies", tally_id, "insert", tally, stamp, note)

    # Close the roll of every meeting with a standing vote: delegates serving that day
    # who never signed in were counted as 缺席; write it down so it stays so.
    voted = db.execute(
        "SELECT DISTINCT r.session_id FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id"
        " WHERE v.voided_at IS NULL AND r.voided_at IS NULL"
    ).fetchall()
    for (session_id,) in voted:
        _, ids = serving(session_id)
        signed = {r[0] for r in db.execute("SELECT delegate_id FROM session_attendance WHERE session_id = ?", (session_id,))}
        for delegate_id in ids:
            if delegate_id not in signed:
                row = {"session_id": session_id, "delegate_id": delegate_id, "status": "absent", "reason": ""}
                row_id = db.execute(
                    "INSERT INTO session_attendance (session_id, delegate_id, status, reason) VALUES (?, ?, ?, ?)", tuple(row.values())
                ).lastrowid
                _log(db, "session_attendance", row_id, "insert", row, stamp, note)

    _run(
        db,
        """
-- A stated vote is never edited: only voided (once), then recorded anew.
CREATE TRIGGER resolution_votes_frozen BEFORE UPDATE ON resolution_votes
WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
  OR NEW.resolution_id IS NOT OLD.resolution_id OR NEW.kind IS NOT OLD.kind
  OR NEW.yes IS NOT OLD.yes OR NEW.no IS NOT OLD.no OR NEW.abstain IS NOT OLD.abstain
  OR NEW.expected IS NOT OLD.expected OR NEW.present IS NOT OLD.present OR NEW.needed IS NOT OLD.needed
  OR NEW.result IS NOT OLD.result OR NEW.seats IS NOT OLD.seats OR NEW.ballots IS NOT OLD.ballots
  OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '表决结果不能修改，只能作废后重新登记'); END;

CREATE TRIGGER resolution_votes_codes BEFORE INSERT ON resolution_votes
WHEN NOT (
    (NEW.kind = 'resolution' AND NEW.result IN ('passed', 'failed'))
 OR (NEW.kind = 'election' AND NEW.result IN ('filled', 'unfilled', 'runoff')))
  OR NEW.expected IS NULL OR NEW.present IS NULL OR NEW.needed IS NULL
  OR NEW.kind IS NOT (SELECT kind FROM resolutions WHERE id = NEW.resolution_id)
BEGIN SELECT RAISE(ABORT, '表决结果的类型或结果代码无效'); END;

CREATE TRIGGER election_tallies_no_edit BEFORE UPDATE ON election_tallies
BEGIN SELECT RAISE(ABORT, '选举计票结果不能修改，只能作废后重新登记'); END;
CREATE TRIGGER election_tallies_no_delete BEFORE DELETE ON election_tallies
BEGIN SELECT RAISE(ABORT, '选举计票结果不能删除，只能作废'); END;

-- The old place of election counts is read-only now (kept for history).
CREATE TRIGGER election_candidates_votes_frozen BEFORE UPDATE OF votes_for ON election_candidates
WHEN NEW.votes_for IS NOT OLD.votes_for
BEGIN SELECT RAISE(ABORT, '选举得票请作为新的表决结果登记'); END;

CREATE TRIGGER resolutions_kind_insert BEFORE INSERT ON resolutions
WHEN NEW.kind NOT IN ('resolution', 'election') OR (NEW.seats IS NOT NULL AND NEW.seats < 1)
BEGIN SELECT RAISE(ABORT, '表决事项类型无效'); END;
CREATE TRIGGER resolutions_kind_update BEFORE UPDATE OF kind, seats ON resolutions
WHEN NEW.kind NOT IN ('resolution', 'election') OR (NEW.seats IS NOT NULL AND NEW.seats < 1)
BEGIN SELECT RAISE(ABORT, '表决事项类型无效'); END
""",
    )


def m007_member_history(db: Database) -> None:
    """Members learn time: dated values of the attributes that change in the world, and
    入会日期 with one source.

    - member_changes: per member and field, the values the field has had with the day
      each took effect ('' for the value the record started with); rows exist only for
      fields that changed (models/member_time.py says why and how they are read). A
      row is never deleted; only its value may be rewritten (a typo corrected) or the
      row voided.
    - 入会日期 is the first live 入会/转入: the triggers that kept members.status in
      step now keep join_date too, and refuse any other change of it. Where an old
      ledger's join_date was edited without its event, the edit (what the chair saw
      and meant) wins: the event is voided and stated again on that day, as editing
      does from now on, unless a later change of membership would then come first; then
      the event's date is the 入会日期.
    - The history of existing members is seeded from the audit trail (_member_history).
    - Partial indexes on the dates of events and changes: as of a day, only what
      happened after it is read; and on who paid each month (the unpaid list).
    """
    _run(
        db,
        """
CREATE TABLE member_changes (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    field TEXT NOT NULL,  -- a column of members (models.member_time.HISTORY_FIELDS)
    date TEXT NOT NULL,  -- in effect from this day; '' for the value the record started with
    value,  -- as members stores it (text, or 0/1 for a flag): no declared type, so it reads back as stored
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
);
CREATE INDEX member_changes_member ON member_changes (member_id, field, date, id);
CREATE INDEX member_changes_after ON member_changes (date, member_id, field) WHERE voided_at IS NULL;
CREATE INDEX IF NOT EXISTS membership_events_after ON membership_events (date, member_id) WHERE voided_at IS NULL;
-- Who paid a month, read from the index alone: the unpaid list of a month no longer looks
-- up each member among millions of payments (3.6 s at 12 million rows; see tests/bench.py).
CREATE INDEX IF NOT EXISTS dues_payments_paid ON dues_payments (period, member_id) WHERE voided_at IS NULL;
CREATE TRIGGER member_changes_no_delete BEFORE DELETE ON member_changes
BEGIN SELECT RAISE(ABORT, '会员信息变动记录不能删除，只能作废'); END;
CREATE TRIGGER member_changes_no_edit BEFORE UPDATE ON member_changes
WHEN OLD.voided_at IS NOT NULL
  OR NEW.member_id IS NOT OLD.member_id OR NEW.field IS NOT OLD.field OR NEW.date IS NOT OLD.date
  OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '会员信息变动记录不能修改（录入错误请用“更正”，误录的变动请作废）'); END;

DROP TRIGGER IF EXISTS membership_events_status_ai;
DROP TRIGGER IF EXISTS membership_events_status_au;
CREATE TRIGGER membership_events_derived_ai AFTER INSERT ON membership_events
BEGIN
  UPDATE members SET
    status = (
      SELECT CASE e.kind
        WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
        WHEN 'retain' THEN 'retained' ELSE 'left' END
      FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
      ORDER BY e.date DESC, e.id DESC LIMIT 1),
    join_date = coalesce((
      SELECT min(e.date) FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL AND e.kind IN ('join', 'transfer_in')), join_date)
  WHERE id = NEW.member_id;
END;
CREATE TRIGGER membership_events_derived_au AFTER UPDATE OF voided_at ON membership_events
BEGIN
  UPDATE members SET
    status = (
      SELECT CASE e.kind
        WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
        WHEN 'retain' THEN 'retained' ELSE 'left' END
      FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL
      ORDER BY e.date DESC, e.id DESC LIMIT 1),
    join_date = coalesce((
      SELECT min(e.date) FROM membership_events e
      WHERE e.member_id = NEW.member_id AND e.voided_at IS NULL AND e.kind IN ('join', 'transfer_in')), join_date)
  WHERE id = NEW.member_id;
END
""",
    )
    stamp = clock.now_iso()
    _one_join_date(db, stamp)
    _member_history(db, stamp)
    _run(
        db,
        """
-- 入会日期 is the first live 入会/转入: written only by the triggers above.
CREATE TRIGGER members_join_date_derived BEFORE UPDATE OF join_date ON members
WHEN NEW.join_date IS NOT OLD.join_date AND NEW.join_date IS NOT (
  SELECT min(e.date) FROM membership_events e
  WHERE e.member_id = NEW.id AND e.voided_at IS NULL AND e.kind IN ('join', 'transfer_in'))
BEGIN SELECT RAISE(ABORT, '入会日期以入会（转入）记录为准，请在会员信息中修改入会日期'); END
""",
    )


def _one_join_date(db: Database, stamp: str) -> None:
    """Bring each members.join_date and its first live 入会/转入 together (see m007)."""
    note = "升级数据：入会日期以会员信息中的为准"
    rows = db.execute(
        """SELECT m.id, m.join_date, e.id, e.date
           FROM members m LEFT JOIN membership_events e ON e.id = (
               SELECT x.id FROM membership_events x
               WHERE x.member_id = m.id AND x.voided_at IS NULL AND x.kind IN ('join', 'transfer_in')
               ORDER BY x.date, x.id LIMIT 1)
           WHERE e.id IS NULL OR e.date IS NOT m.join_date"""
    ).fetchall()
    for member_id, join_date, event_id, event_date in rows:
        if event_id is None:
            # Never written by the program (every member got an event); state the 入会 if
            # the member has no history at all, else leave what cannot be known.
            if join_date and not db.execute("SELECT 1 FROM membership_events WHERE member_id = ?", (member_id,)).fetchone():
                values = {"member_id": member_id, "kind": "join", "date": join_date, "reason": "", "other_union": "", "note": note, "created_at": stamp}
                new_id = db.execute(
                    f"INSERT INTO membership_events ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", tuple(values.values())
                ).lastrowid
                _log(db, "membership_events", new_id, "insert", values, stamp, note)
            continue
        following = db.execute(
            "SELECT date FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND id <> ?"
            " AND (date > ? OR (date = ? AND id > ?)) ORDER BY date, id LIMIT 1",
            (member_id, event_id, event_date, event_date, event_id),
        ).fetchone()
        if join_date and (following is None or join_date < following[0]):
            reason = f"入会日期更正为 {join_date}"
            db.execute("UPDATE membership_events SET voided_at = ?, void_reason = ? WHERE id = ?", (stamp, reason, event_id))
            db.execute(
                "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, 'membership_events', ?, 'void', ?, ?, ?)",
                (stamp, event_id, json.dumps({"voided_at": None}), json.dumps({"voided_at": stamp, "void_reason": reason}, ensure_ascii=False), note),
            )
            old = dict(zip(("kind", "reason", "other_union", "note"), db.execute(
                "SELECT kind, reason, other_union, note FROM membership_events WHERE id = ?", (event_id,)).fetchone()))
            values = {"member_id": member_id, **old, "date": join_date, "created_at": stamp}
            new_id = db.execute(
                f"INSERT INTO membership_events ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", tuple(values.values())
            ).lastrowid
            _log(db, "membership_events", new_id, "insert", values, stamp, note)
        else:
            db.execute("UPDATE members SET join_date = ? WHERE id = ?", (event_date, member_id))
            _log(db, "members", member_id, "update", {"join_date": event_date}, stamp, "升级数据：入会日期以入会（转入）记录为准")


# The attributes with a history when m007 was written (models.member_time.HISTORY_FIELDS may grow; this must not change).
_M007_FIELDS = (
    "department", "post", "workplace", "employment_status", "political_status", "education",
    "skill_level", "hukou_type", "is_migrant_worker", "is_dispatched", "card_number",
)


def _member_history(db: Database, stamp: str) -> None:
    """Dated values for members whose tracked attributes were edited, from the audit trail.

    The trail holds each member's values as entered (the insert) and every edit, stamped
    when it was typed: the only date known, so each edit is dated by it. An edit typed on
    the day the member was entered is taken as a fix of what was typed (the start value);
    of several edits on one day the last stands. Where the trail does not end on the
    row's current value (a file changed outside the program) the row is the best that is
    known: that field gets no history. Members never edited need none.
    """
    note = "升级数据：生效日期按录入日期"
    edited = [r[0] for r in db.execute("SELECT DISTINCT row_id FROM audit_log WHERE table_name = 'members' AND action = 'update' ORDER BY row_id")]
    for member_id in edited:
        cursor = db.execute(f"SELECT {', '.join(_M007_FIELDS)} FROM members WHERE id = ?", (member_id,))
        current = cursor.fetchone()
        if current is None:
            continue
        current = dict(zip(_M007_FIELDS, current))
        entered_on = start_at = None
        start: dict = {}
        steps: dict[str, list[list]] = {f: [] for f in _M007_FIELDS}  # [day, value, typed at]
        for at, action, before, after in db.execute(
            "SELECT at, action, before, after FROM audit_log WHERE table_name = 'members' AND row_id = ? AND action IN ('insert', 'update') ORDER BY id",
            (member_id,),
        ):
            before = json.loads(before) if before else {}
            after = json.loads(after) if after else {}
            if action == "insert":
                entered_on, start_at = at[:10], at
                start = {f: after[f] for f in _M007_FIELDS if f in after}
                continue
            for field in _M007_FIELDS:
                if field not in after:
                    continue
                if field not in start and not steps[field]:
                    start[field] = before.get(field)  # no insert logged: the value before the first edit
                    start_at = start_at or at
                day = at[:10]
                if day == entered_on:
                    start[field] = after[field]
                elif steps[field] and steps[field][-1][0] == day:
                    steps[field][-1] = [day, after[field], at]
                else:
                    steps[field].append([day, after[field], at])
        for field in _M007_FIELDS:
            if field not in start or not steps[field] or steps[field][-1][1] != current[field]:
                continue
            rows = [["", start[field], start_at or steps[field][0][2]]]
            for step in steps[field]:
                if step[1] != rows[-1][1]:  # an edit and its undoing on one day leave nothing
                    rows.append(step)
            if len(rows) == 1:
                continue
            for day, value, typed_at in rows:
                values = {"member_id": member_id, "field": field, "date": day, "value": value, "note": note, "created_at": typed_at}
                row_id = db.execute(
                    "INSERT INTO member_changes (member_id, field, date, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    tuple(values.values()),
                ).lastrowid
                _log(db, "member_changes", row_id, "insert", values, stamp, note)


def _log(db: Database, table: str, row_id: int, action: str, values: dict, at: str, note: str) -> None:
    """An audit entry written by a migration (models/audit.py may change; this must not)."""
    db.execute(
        "INSERT INTO audit_log (at, table_name, row_id, action, before, after, note) VALUES (?, ?, ?, ?, NULL, ?, ?)",
        (at, table, row_id, action, json.dumps(values, ensure_ascii=False), note),
    )


MIGRATIONS: list[Callable[[Database], None]] = [m001_core, m002_congress, m003_aid, m004_aid_history, m005_foreign_key_indexes, m006_frozen_votes,
                                            m007_member_history]
