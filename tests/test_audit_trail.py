"""The audit trail: every write leaves an entry, stamped by the ledger's clock, and no entry can be changed."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from models import audit, clock, org
from models import congress as cg
from models.backups import backup, restore
from models.db import open_database
from models.ledger import Ledger
from models.members import add_member
from models.validation import ValidationError
from tests.conftest import member

ROOT = Path(__file__).resolve().parent.parent


def last_entry(db) -> dict:
    row = db.execute("SELECT table_name, row_id, action, before, after, note, at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return dict(zip(("table", "row_id", "action", "before", "after", "note", "at"), row))


# ---------------------------------------------------------------- the trail cannot be edited

def test_an_audit_entry_can_be_neither_changed_nor_deleted(db):
    add_member(db, member(name="李娜"))
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="变更记录不能修改"):
        with db.atomic():
            db.execute("UPDATE audit_log SET note = '改过' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="变更记录不能删除"):
        with db.atomic():
            db.execute("DELETE FROM audit_log")
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count
    assert db.execute("SELECT note FROM audit_log WHERE id = 1").fetchone()[0] == ""


def test_an_entry_says_what_happened_in_a_known_word(db):
    with pytest.raises(sqlite3.IntegrityError, match="操作"):
        with db.atomic():
            db.execute("INSERT INTO audit_log (at, table_name, row_id, action) VALUES ('2026-01-01T00:00:00', 'members', 1, 'erase')")


def test_entries_are_stamped_by_the_ledgers_clock(db):
    with clock.frozen("2024-03-05T10:20:30"):
        add_member(db, member(name="李娜"))
    assert last_entry(db)["at"] == "2024-03-05T10:20:30"


# ---------------------------------------------------------------- every write is audited

def test_a_setting_change_is_logged_and_announced(db, db_path):
    ledger = Ledger(db, db_path)
    seen = []
    ledger.subscribe(seen.append)
    org.set_setting(db, "dues_rounding", "jiao")
    entry = last_entry(db)
    assert (entry["table"], entry["row_id"], entry["action"]) == ("app_settings", 0, "update")
    assert entry["before"] == '{"dues_rounding": null}' and entry["after"] == '{"dues_rounding": "jiao"}'
    assert "会费取整方式" in entry["note"]
    ledger.announce()
    assert seen and seen[-1].touches("app_settings")  # pages showing a setting hear of it
    org.set_setting(db, "dues_rounding", "yuan")
    entry = last_entry(db)
    assert entry["before"] == '{"dues_rounding": "jiao"}' and entry["after"] == '{"dues_rounding": "yuan"}'
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    org.set_setting(db, "dues_rounding", "yuan")  # nothing changed: nothing logged
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_deleting_a_session_entered_by_mistake_is_logged_with_what_it_held(db):
    term = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2028-12-31"))
    session = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-03-20", place="三楼会议室"))
    cg.delete_session(db, session)
    assert db.execute("SELECT count(*) FROM congress_sessions").fetchone()[0] == 0
    entry = last_entry(db)
    assert (entry["table"], entry["row_id"], entry["action"]) == ("congress_sessions", session, "delete")
    assert "三楼会议室" in entry["before"] and entry["after"] is None
    assert [e["action"] for e in audit.history(db, "congress_sessions", session)] == ["insert", "delete"]


def test_delete_row_refuses_a_missing_record_in_chinese(db):
    with pytest.raises(audit.NotFound, match="不存在"):
        audit.delete_row(db, "congress_sessions", 42)


def test_a_restore_is_logged_as_an_event_not_as_a_change_of_a_record(db, db_path, tmp_path):
    add_member(db, member(name="李娜"))
    taken = backup(db, tmp_path / "b.db")
    db.close()
    restore(db_path, taken)
    again = open_database(db_path)
    entry = last_entry(again)
    assert (entry["table"], entry["row_id"], entry["action"]) == ("database", 0, "event")
    assert "从备份恢复" in entry["note"] and "restored_from" in entry["after"]
    again.close()


def test_log_event_writes_one_entry_in_the_callers_transaction(db):
    with pytest.raises(RuntimeError):
        with db.atomic():
            audit.log_event(db, "database", 0, "导出花名册", details={"rows": 3})
            raise RuntimeError("rolled back")
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'event'").fetchone()[0] == 0
    audit.log_event(db, "database", 0, "导出花名册", details={"rows": 3})
    entry = last_entry(db)
    assert (entry["action"], entry["note"], entry["after"]) == ("event", "导出花名册", '{"rows": 3}')
    with pytest.raises(ValidationError):
        audit.log_event(db, "database", 0, "")


# What may write outside models/audit.py, and why it is still audited.
RAW_WRITES_ALLOWED = {
    ("models/org.py", "app_settings"),  # no id column: set_setting logs {key: value} itself (audit.log_change)
}
# SQL keywords in capitals, as every module writes them (prose says "update a member").
_WRITE = re.compile(r"\b(?:INSERT(?: OR \w+)? INTO|REPLACE INTO|DELETE FROM)\s+\[?(\w+)|\bUPDATE\s+\[?(\w+)\]?\s+SET\b")


def test_no_module_writes_the_books_around_the_audit_trail():
    found = set()
    for path in sorted((ROOT / "models").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "models/audit.py" or rel.startswith("models/migrations/"):
            continue
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
        for insert_or_delete, update in _WRITE.findall(code):  # statements may span lines
            found.add((rel, insert_or_delete or update))
    assert found <= RAW_WRITES_ALLOWED, "write through models/audit.py (insert_row, update_row, void_row, delete_row)"
