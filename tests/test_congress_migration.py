"""Existing congress data keeps printing as before once its votes are frozen.

tests/data/congress_v3.sql is the demo congress (fill_congress(seed=7,
today=2026-01-15), audit log left out) written by the code of commit dbe041e,
at schema version 3, before votes were frozen; congress_v3_minutes.json is what
that code put in the minutes of its two sessions.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from models import congress as cg
from models import congress_meeting as mt
from models import migrations
from models.db import APP_ID, open_database
from models.migrations import MIGRATIONS
from models.minutes import minutes

DATA = Path(__file__).parent / "data"
OLD_VERSION = MIGRATIONS.index(migrations.m003_aid) + 1


def _old_file(path: Path, extra_sql: str = "") -> Path:
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "congress_v3.sql").read_text(encoding="utf-8"))
    if extra_sql:
        conn.executescript(extra_sql)
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute(f"PRAGMA user_version = {OLD_VERSION}")
    conn.commit()
    conn.close()
    return path


def _said(db, session_id: int) -> dict:
    m = minutes(db, session_id)
    decisions = [[d.title, d.result, d.passed] for i in m.items for d in i.decisions] + [[d.title, d.result, d.passed] for d in m.other_decisions]
    return {"attendance": m.attendance.statement(), "leave": m.leave_names, "absent": m.absent_names, "decisions": decisions}


def test_demo_congress_migrates_and_its_minutes_print_as_before(tmp_path):
    before = json.loads((DATA / "congress_v3_minutes.json").read_text(encoding="utf-8"))
    assert before["version"] == OLD_VERSION
    db = open_database(_old_file(tmp_path / "old.db"))
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        for sid, said in before["sessions"].items():
            assert _said(db, int(sid)) == said
        # The values are now stored, not recomputed: a by-election back-dated before
        # the second meeting changes nothing in its minutes.
        second = cg.get_session(db, 2)
        for r in mt.resolutions(db, 2):
            assert r.vote is not None and r.vote.expected == 36 and r.vote.present == 32
        newcomer = db.execute("SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM delegates) LIMIT 1").fetchone()[0]
        cg.add_delegate(db, second.term_id, newcomer, category="frontline", start_date=second.date, start_how="by_election")
        assert _said(db, 2) == before["sessions"]["2"]
        with pytest.raises(mt.VotesRecorded):
            mt.sign_in_all_present(db, 2)
    finally:
        db.close()


def test_migration_freezes_voided_votes_partial_elections_and_unsigned_delegates(tmp_path):
    # Old-schema rows the demo does not make: a voided vote, an election where one
    # candidate's count was never entered, a delegate who never signed in.
    extra = """
    INSERT INTO resolutions (id, session_id, kind, title, created_at) VALUES (90, 1, 'resolution', '关于补充事项的决议', '2024-03-21T10:00:00');
    INSERT INTO resolution_votes (resolution_id, yes, no, abstain, created_at, voided_at, void_reason)
        VALUES (90, 10, 5, 5, '2024-03-21T10:05:00', '2024-03-22T09:00:00', '计票错误');
    INSERT INTO resolution_votes (resolution_id, yes, no, abstain, created_at) VALUES (90, 20, 10, 2, '2024-03-22T09:10:00');
    INSERT INTO resolutions (id, session_id, kind, title, created_at) VALUES (91, 1, 'election', '补选工会委员', '2024-03-21T10:00:00');
    INSERT INTO election_candidates (resolution_id, name, votes_for, created_at) VALUES (91, '甲', 30, '2024-03-21T10:00:00');
    INSERT INTO election_candidates (resolution_id, name, votes_for, created_at) VALUES (91, '乙', NULL, '2024-03-21T10:00:00');
    INSERT INTO delegates (term_id, member_id, group_name, category, start_date, created_at)
        SELECT 1, id, '第一代表团', 'frontline', '2024-01-01', '2024-01-01T00:00:00' FROM members
        WHERE id NOT IN (SELECT member_id FROM delegates) ORDER BY id LIMIT 1;
    """
    db = open_database(_old_file(tmp_path / "old.db", extra))
    try:
        old, new = mt.votes(db, 90)
        # 37 delegates served on the day (the unsigned one counts as absent, as before).
        assert (old.expected, old.present, old.needed, old.result, old.void_reason) == (37, 32, 19, "failed", "计票错误")
        assert (new.expected, new.result, new.voided_at) == (37, "passed", None)
        election = mt.get_resolution(db, 91).vote
        assert election.seats is None  # not known for elections recorded before seats were kept
        assert [(t.name, t.votes, t.result) for t in election.tallies] == [("甲", 30, "elected"), ("乙", 0, "not_elected")]
        d = next(d for d in minutes(db, 1).other_decisions if d.title == "补选工会委员")
        assert d.result == "甲 得票 30 票，当选；乙 得票 0 票，未当选。"
        m = minutes(db, 1)
        assert (m.attendance.expected, m.attendance.absent) == (37, 3)
        unsigned = db.execute("SELECT count(*) FROM session_attendance WHERE session_id = 1").fetchone()[0]
        assert unsigned == 37  # the roll is written out: no one joins it later
    finally:
        db.close()
