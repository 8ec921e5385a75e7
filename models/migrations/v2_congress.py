"""Version 2: the worker congress."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run


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
