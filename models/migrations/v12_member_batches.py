"""Migration 12: members voided as entered by mistake, and import batches that can be undone."""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run


def m012_member_batches(db: Database) -> None:
    """- members.voided_at / void_reason: a member entered by mistake is voided, never deleted;
      a voided member leaves every list and count (models.member_void). Its ID number is
      free again (the unique index now covers live members only), so the right person can be
      entered, or a corrected roster imported, after a mistake is voided.
      The member list's indexes (and the departments') carry voided_at, so they still cover
      its queries.
    - import_batches: one row per roster import (when, file, rows added/updated); voided
      when the chair undoes it (撤销此次导入).
    - import_batch_rows: which members a batch added or updated; for an update, the audit
      entry whose `before` values the undo restores.
    """
    _run(
        db,
        """
ALTER TABLE members ADD COLUMN voided_at TEXT;
ALTER TABLE members ADD COLUMN void_reason TEXT;
DROP INDEX IF EXISTS members_id_number;
CREATE UNIQUE INDEX members_id_number ON members (id_type, id_number) WHERE id_number IS NOT NULL AND voided_at IS NULL;
CREATE INDEX members_voided ON members (voided_at) WHERE voided_at IS NOT NULL;
-- Every list now asks for live members only (voided_at IS NULL): the two indexes that serve
-- the member list and search-as-you-type carry voided_at ahead of the name, so they still
-- cover the list's queries and give its rows in name order (without it each of 100,000
-- rows was read from the table: 218 ms instead of 33 ms for the whole list).
DROP INDEX IF EXISTS members_status;
CREATE INDEX members_status ON members (status, voided_at, name_pinyin, search_key);
DROP INDEX IF EXISTS members_pinyin_search;
CREATE INDEX members_pinyin_search ON members (voided_at, name_pinyin, search_key);
DROP INDEX IF EXISTS members_department;
CREATE INDEX members_department ON members (voided_at, department);

CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL DEFAULT '',
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    voided_at TEXT,  -- undone (撤销此次导入)
    void_reason TEXT
);
CREATE TABLE import_batch_rows (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    action TEXT NOT NULL CHECK (action IN ('add', 'update')),
    audit_id INTEGER,  -- the audit_log entry of an update (its before values)
    row_no INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_batch_rows_batch ON import_batch_rows (batch_id);
CREATE INDEX import_batch_rows_member ON import_batch_rows (member_id);
CREATE TRIGGER import_batch_rows_no_delete BEFORE DELETE ON import_batch_rows
BEGIN SELECT RAISE(ABORT, '导入记录不能删除'); END;
CREATE TRIGGER import_batches_no_delete BEFORE DELETE ON import_batches
BEGIN SELECT RAISE(ABORT, '导入记录不能删除，只能撤销'); END;
""",
    )
