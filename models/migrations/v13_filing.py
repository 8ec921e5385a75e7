"""Version 13: the yearly statistics filing (基层工会统计年报).

filing_manual holds the figures the records cannot give (工会专职干部, 集体合同 …),
remembered per year and indicator. filings holds each filed version: the table as
stated (figures, manual entries, checks and the reasons given for failing ones),
the day, who filed it and why it was filed again. A filed version is a statement
on paper: triggers refuse to change or delete it, so later edits to the records
never alter what was filed; a correction is a new version.
"""

from __future__ import annotations

from sqlite_utils import Database

from models.migrations._helpers import _run


def m013_filing(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE filing_manual (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    code TEXT NOT NULL CHECK (code <> ''),
    value INTEGER CHECK (value IS NULL OR value >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (year, code)
);

CREATE TABLE filings (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    form TEXT NOT NULL,
    reference_date TEXT NOT NULL,
    filed_on TEXT NOT NULL,
    filed_by TEXT NOT NULL CHECK (filed_by <> ''),
    head TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    figures TEXT NOT NULL,
    manual TEXT NOT NULL,
    checks TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (year, version)
);
CREATE TRIGGER filings_no_update BEFORE UPDATE ON filings
BEGIN SELECT RAISE(ABORT, '已报送的年报不能修改：如需更正，请重新报送（生成新版本）'); END;
CREATE TRIGGER filings_no_delete BEFORE DELETE ON filings
BEGIN SELECT RAISE(ABORT, '已报送的年报不能删除'); END;
""",
    )
