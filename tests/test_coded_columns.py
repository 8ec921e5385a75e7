"""Coded columns: the file itself refuses a value outside its list, names the field, and
reports what was stored before (issue 8). models/coded_columns.py says how a list grows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models import audit, codes, coded_columns, field_rules
from models.validation import ValidationError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _demo(db) -> None:
    from models.demo import fill_demo
    from models.demo_aid import fill_aid
    from models.demo_congress import fill_congress

    fill_demo(db, 60, seed=3)
    fill_congress(db, seed=7)
    fill_aid(db, seed=3)


def test_an_unknown_membership_kind_is_refused_not_filed_as_left(db):
    from models.members import add_member
    from tests.conftest import member

    mid = add_member(db, member())
    with pytest.raises(sqlite3.IntegrityError, match="会籍变动类型：不在可选范围内"):
        with db.atomic():  # as a program that skipped models/membership.py would write it
            db.execute("INSERT INTO membership_events (member_id, kind, date, created_at) VALUES (?, 'vanish', '2024-01-01', 'x')", (mid,))
    with pytest.raises(ValidationError) as info:
        audit.insert_row(db, "membership_events", {"member_id": mid, "kind": "vanish", "date": "2024-01-01", "created_at": "x"})
    assert (info.value.field, info.value.key) == ("会籍变动类型", "kind")
    assert db.execute("SELECT status FROM members WHERE id = ?", (mid,)).fetchone()[0] == "active"


def _text_columns(db) -> set[tuple[str, str]]:
    out = set()
    for table in db.table_names():
        for column in db[table].columns:
            timely = column.name in coded_columns.TIME_COLUMNS or field_rules.DATE_COLUMN.match(column.name) or (table, column.name) in field_rules.MONTH_COLUMNS
            if "TEXT" in column.type.upper() and not timely:
                out.add((table, column.name))
    return out


def test_every_text_column_is_either_coded_or_declared_free_text(db):
    columns = _text_columns(db)
    unclassified = columns - set(coded_columns.COLUMN_CODES) - coded_columns.FREE_TEXT
    assert unclassified == set(), "add each to models/coded_columns.py: COLUMN_CODES (with a migration) or FREE_TEXT"
    both = set(coded_columns.COLUMN_CODES) & coded_columns.FREE_TEXT
    assert both == set()
    stale = (set(coded_columns.COLUMN_CODES) | coded_columns.FREE_TEXT) - columns
    assert stale == set(), "columns the schema no longer has"
    assert coded_columns.BLANK_ALLOWED <= set(coded_columns.COLUMN_CODES)
    assert coded_columns.LIST_COLUMNS <= set(coded_columns.COLUMN_CODES)


def test_a_new_ledger_accepts_exactly_the_codes_of_each_list(db):
    """A code added to models/codes.py needs a migration that adds it to the file (coded_columns.py says how)."""
    stored: dict[tuple[str, str], set[str]] = {}
    for table, column, code in db.execute("SELECT table_name, column_name, code FROM column_codes"):
        stored.setdefault((table, column), set()).add(code)
    expected = {key: set(coded_columns.accepted(*key)) for key in coded_columns.COLUMN_CODES}
    assert stored == expected
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [f"{t}_{c}_code_{e}" for t, c in coded_columns.COLUMN_CODES for e in ("insert", "update") if f"{t}_{c}_code_{e}" not in triggers]
    assert missing == []


def test_every_coded_column_refuses_a_value_outside_its_list(db):
    """Walks the mapping over a ledger with every kind of record in it."""
    _demo(db)
    untried = []
    for (table, column), code_list in coded_columns.COLUMN_CODES.items():
        row = db.execute(f"SELECT rowid FROM [{table}] ORDER BY rowid LIMIT 1").fetchone()
        if row is None:
            untried.append(table)
            continue
        name = field_rules.label(table, column)
        bad = '["vanish"]' if (table, column) in coded_columns.LIST_COLUMNS else "vanish"
        for value in [bad, 7] + ([] if (table, column) in coded_columns.BLANK_ALLOWED else [""]):
            db.execute("SAVEPOINT probe")
            try:
                # Alone: a table's other triggers (history that may not be edited) would refuse first.
                for (other,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name NOT LIKE '%_code_%'", (table,)).fetchall():
                    db.execute(f"DROP TRIGGER [{other}]")
                with pytest.raises(sqlite3.IntegrityError) as info:
                    db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", (value, row[0]))
                assert str(info.value).startswith(f"{name}："), (table, column, value, str(info.value))
            finally:
                db.execute("ROLLBACK TO probe")
                db.execute("RELEASE probe")
    assert untried == []


def test_the_json_list_of_causes_is_checked_item_by_item(db):
    from models.members import add_member
    from tests.conftest import member

    add_member(db, member())
    base = {"worker_name": "张伟", "worker_id_number": "11010519491231002X", "main_cause": "disability", "opened_on": "2024-01-05",
            "updated_on": "2024-01-05", "created_at": "x"}
    audit.insert_row(db, "aid_cases", base | {"secondary_causes": '["schooling", "accident"]'})
    for bad in ('["schooling", "vanish"]', "schooling", "[1]", '{"a": 1}', "[not json"):
        with pytest.raises(ValidationError, match="含有不在可选范围内的项目") as info:
            audit.insert_row(db, "aid_cases", base | {"worker_id_number": "440524188001010014", "secondary_causes": bad})
        assert info.value.key == "secondary_causes"


@pytest.mark.parametrize("name", ["ledger-v1.db", "ledger-v2.db"])
def test_the_ledgers_of_old_releases_hold_no_unknown_codes(tmp_path, name):
    import shutil

    from models.db import open_database

    shutil.copy(FIXTURES / name, tmp_path / name)
    db = open_database(tmp_path / name)
    try:
        assert coded_columns.find_unknown_codes(db) == []
    finally:
        db.close()


def test_the_demo_ledger_holds_no_unknown_codes(db):
    _demo(db)
    assert coded_columns.find_unknown_codes(db) == []


def test_unknown_codes_written_before_are_kept_reported_and_shown_as_unknown(tmp_path, monkeypatch):
    """The upgrade does not fail on them; a member whose last change is of no known kind is 未知, not 已离会."""
    from models import membership, migrations
    from models.db import open_database
    from models.members import add_member
    from tests.conftest import make_id, member, write_old_member_columns

    path = tmp_path / "old.db"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])  # before the lists were enforced
    db = open_database(path)
    write_old_member_columns(db, monkeypatch)
    gone = add_member(db, member(name="李娜"))
    odd = add_member(db, member(name="王芳", id_number=make_id(seq=2)))
    with db.atomic():  # what another program could write
        db.execute("INSERT INTO membership_events (member_id, kind, date, created_at) VALUES (?, 'vanish', '2024-05-01', 'x')", (gone,))
        db.execute("UPDATE members SET education = '本科', hukou_type = 'city' WHERE id = ?", (odd,))
    assert db.execute("SELECT status FROM members WHERE id = ?", (gone,)).fetchone()[0] == "left"  # the old guess
    db.close()
    monkeypatch.undo()

    db = open_database(path)
    try:
        found = {(u["table"], u["id"], u["column"]): (u["field"], u["value"]) for u in coded_columns.find_unknown_codes(db)}
        event = db.execute("SELECT id FROM membership_events WHERE kind = 'vanish'").fetchone()[0]
        assert found == {
            ("membership_events", event, "kind"): ("会籍变动类型", "vanish"),
            ("members", odd, "education"): ("学历", "本科"),
            ("members", odd, "hukou_type"): ("户籍类型", "city"),
        }
        assert membership.current_status(db, gone) == "unknown"
        assert codes.MEMBER_STATUS.label("unknown") == "未知"
        assert coded_columns.display("membership_events", "kind", "vanish") == "未知（vanish）"
        assert membership.allowed_kinds(db, gone) == []
        note = audit.history(db, "members", gone)[-1]
        assert note["after"] == {"status": "unknown"} and "未知" in note["note"]
        # The odd row can still be voided (its kind is not being changed); the status is known again.
        membership.void_event(db, event, "录入错误")
        assert membership.current_status(db, gone) == "active"
        # Editing another field of the member leaves the old code alone; changing it must pick a listed one.
        audit.update_row(db, "members", odd, {"department": "质检部"})
        with pytest.raises(ValidationError, match="不在可选范围内") as info:
            audit.update_row(db, "members", odd, {"education": "大本"})
        assert info.value.key == "education"
        audit.update_row(db, "members", odd, {"education": "bachelor"})
    finally:
        db.close()


def test_lists_defined_elsewhere_agree_with_models_codes():
    from models import congress_votes, proposals

    assert congress_votes.VOTE_RESULT.pairs() == codes.VOTE_RESULT.pairs()
    assert congress_votes.TALLY_RESULT.pairs() == codes.TALLY_RESULT.pairs()
    assert list(proposals.ACTION_LABELS.items()) == codes.PROPOSAL_ACTION.pairs()
    assert set(codes.STATUS_AFTER_EVENT) == set(codes.MEMBERSHIP_EVENT.codes())
    assert set(codes.EVENTS_ALLOWED_FROM) - {None} == set(codes.MEMBER_STATUS.codes())


def test_the_demo_congress_of_version_3_holds_no_unknown_codes(tmp_path):
    from models.db import open_database
    from tests.test_congress_migration import _old_file

    db = open_database(_old_file(tmp_path / "old.db"))
    try:
        assert coded_columns.find_unknown_codes(db) == []
    finally:
        db.close()
