"""An existing ledger (schema before dated aid history) keeps its counts after the upgrade.

The old file is written the way the previous release wrote it: rows and audit
entries in the same order, tier changes overwriting aid_cases.tier, a mid-year
tier change logged as an event dated the day it was typed with the labels only
in a note, household members removed by voiding them.
"""

from __future__ import annotations

import json

import pytest

from models import aid, audit, migrations
from models import aid_payments as ap
from models.db import open_database
from tests.conftest import make_id, give_income

AID_SCHEMA = migrations.MIGRATIONS.index(migrations.m003_aid) + 1


class OldLedger:
    """Writes what the previous release's models/aid.py wrote, call by call."""

    def __init__(self, db) -> None:
        self.db = db

    def _event(self, case_id: int, kind: str, date: str, *, outcome: str | None = None, note: str = "", end_date: str | None = None) -> int:
        return audit.insert_row(self.db, "aid_case_events", {"case_id": case_id, "kind": kind, "date": date, "end_date": end_date, "people": "",
                                                             "findings": "", "outcome": outcome, "note": note, "created_at": f"{date}T09:00:00"})

    def open_file(self, name: str, seq: int, opened: str) -> int:
        cid = audit.insert_row(self.db, "aid_cases", {"worker_name": name, "worker_id_number": make_id(seq=seq, male=False), "main_cause": "major_illness",
                                                      "state": "applied", "opened_on": opened, "updated_on": opened, "created_at": f"{opened}T09:00:00"})
        audit.update_row(self.db, "aid_cases", cid, {"file_no": f"KN{opened[:4]}{cid:04d}"})
        self._event(cid, "apply", opened, note="提出申请")
        self.household(cid, name, "self", f"{opened}T09:00:01")
        return cid

    def household(self, cid: int, name: str, relation: str, entered: str) -> int:
        return audit.insert_row(self.db, "aid_household", {"case_id": cid, "name": name, "relation": relation, "created_at": entered})

    def advance(self, cid: int, kind: str, date: str, to_state: str, **kw) -> None:
        self._event(cid, kind, date, **kw)
        audit.update_row(self.db, "aid_cases", cid, {"state": to_state, "updated_on": date})

    def confirm_tier(self, cid: int, tier: str, typed_on: str) -> None:
        old = audit.get_row(self.db, "aid_cases", cid)["tier"]
        changed = audit.update_row(self.db, "aid_cases", cid, {"suggested_tier": "deep", "tier": tier, "tier_reason": "委员会决定"})
        if changed and old and old != tier:
            self._event(cid, "tier_change", typed_on, note=f"{old} → {tier}：委员会决定")

    def annual_review(self, cid: int, date: str, outcome: str, new_tier: str = "") -> None:
        self._event(cid, "annual_review", date, outcome=outcome)
        audit.update_row(self.db, "aid_cases", cid, {"updated_on": date})
        if outcome == "tier_changed":
            audit.update_row(self.db, "aid_cases", cid, {"tier": new_tier, "tier_reason": "复核调整"})
        if outcome == "closed":
            self._event(cid, "close", date, outcome="out_of_hardship", note="解困脱困")
            audit.update_row(self.db, "aid_cases", cid, {"state": "out_of_hardship", "closed_on": date, "close_reason": "out_of_hardship",
                                                         "close_measure": "就业援助", "updated_on": date})

    def to_active(self, cid: int, tier: str, visit: str, review: str, notice: tuple[str, str], approve: str) -> None:
        self.advance(cid, "visit", visit, "visited")
        self.advance(cid, "review", review, "reviewed")
        self.advance(cid, "notice", notice[0], "notice", end_date=notice[1])
        self.confirm_tier(cid, tier, notice[1])
        self.advance(cid, "approve", approve, "active")


@pytest.fixture
def old_file(db_path, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:AID_SCHEMA])
    db = open_database(db_path)
    old = OldLedger(db)
    with db.atomic():
        a = old.open_file("王秀英", 1, "2022-11-01")
        spouse = old.household(a, "王强", "spouse", "2022-11-01T09:05:00")
        old.to_active(a, "deep", "2022-11-03", "2022-11-05", ("2022-11-07", "2022-11-11"), "2022-11-14")
        old.household(a, "王小宝", "child", "2023-05-10T10:00:00")  # born after the file was approved
        old.annual_review(a, "2023-11-01", "tier_changed", new_tier="relative")
        old.confirm_tier(a, "accident", "2024-05-06")  # typed on 6 May 2024: an event dated that day
        db.execute("UPDATE aid_household SET voided_at = '2024-03-05T10:00:00', void_reason = '离婚' WHERE id = ?", (spouse,))
        b = old.open_file("李梅", 2, "2024-12-20")
        old.advance(b, "visit", "2024-12-23", "visited")
        old.confirm_tier(b, "relative", "2024-12-23")
        old.confirm_tier(b, "deep", "2024-12-24")  # a changed proposal: the old code dated it too
        old.annual_review(a, "2025-06-30", "closed")
        assert json.loads(db.execute("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0])["state"] == "out_of_hardship"
    db.close()
    monkeypatch.undo()  # the full list of migrations again
    return db_path, a, b


def test_upgrade_builds_the_history_from_the_trail(old_file):
    path, a, b = old_file
    db = open_database(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
        rows = [(e["kind"], e["from_state"], e["to_state"], e["from_tier"], e["to_tier"])
                for e in db.query("SELECT * FROM aid_case_events WHERE case_id = ? ORDER BY date, id", (a,))]
        assert rows == [
            ("apply", None, "applied", None, None),
            ("visit", "applied", "visited", None, None),
            ("review", "visited", "reviewed", None, None),
            ("notice", "reviewed", "notice", None, None),
            ("approve", "notice", "active", None, "deep"),
            ("annual_review", "active", "active", "deep", "relative"),
            ("tier_change", "active", "active", "relative", "accident"),
            ("annual_review", "active", "active", "accident", "accident"),
            ("close", "active", "out_of_hardship", "accident", "accident"),
        ]
        then = lambda cid, on: (lambda x: x and (x.state, x.tier))(aid.case_as_of(db, cid, on))  # noqa: E731
        assert then(a, "2022-12-31") == ("active", "deep")
        assert then(a, "2023-12-31") == ("active", "relative")
        assert then(a, "2024-12-31") == ("active", "accident")
        assert then(a, "2025-12-31") == ("out_of_hardship", "accident")
        assert then(b, "2024-12-31") == ("visited", None)  # a proposed tier is not yet in effect
        assert then(b, "2024-12-01") is None
        files = {y: dict(ap.file_counts(db, y)) for y in (2022, 2023, 2024, 2025)}
        assert [files[y]["年末在档：深度困难"] for y in files] == [1, 0, 0, 0]
        assert [files[y]["年末在档：相对困难"] for y in files] == [0, 1, 0, 0]
        assert [files[y]["年末在档：意外致困"] for y in files] == [0, 0, 1, 0]
        assert [files[y]["年末审批中"] for y in files] == [0, 0, 1, 1]
        assert files[2025]["本年解困脱困"] == 1
        names = lambda on: sorted(h.name for h in aid.case_as_of(db, a, on).household)  # noqa: E731
        assert names("2022-11-01") == ["王强", "王秀英"]  # entered while applying: part of the file from the start
        assert names("2023-06-01") == ["王小宝", "王强", "王秀英"]
        assert names("2024-06-01") == ["王小宝", "王秀英"]
        # The upgraded file goes on living: the pending file is approved with its proposed tier.
        aid.advance(db, b, "review", "2025-01-03")
        aid.advance(db, b, "notice", "2025-01-06", end_date="2025-01-10")
        give_income(db, b)
        aid.advance(db, b, "approve", "2025-01-13")
        assert then(b, "2025-01-13") == ("active", "deep")
    finally:
        db.close()


def test_upgrade_when_the_trail_does_not_match_or_the_file_was_never_approved(db_path, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:AID_SCHEMA])
    db = open_database(db_path)
    old = OldLedger(db)
    with db.atomic():
        edited = old.open_file("王秀英", 1, "2023-01-02")
        old.to_active(edited, "deep", "2023-01-03", "2023-01-04", ("2023-01-09", "2023-01-13"), "2023-01-16")
        db.execute("UPDATE aid_cases SET tier = 'relative' WHERE id = ?", (edited,))  # changed outside the program: no trail
        withdrawn = old.open_file("李梅", 2, "2023-01-02")
        old.advance(withdrawn, "visit", "2023-01-03", "visited")
        old.confirm_tier(withdrawn, "deep", "2023-01-03")
        old._event(withdrawn, "close", "2023-02-01", outcome="other", note="撤回申请")
        audit.update_row(db, "aid_cases", withdrawn, {"state": "cancelled", "closed_on": "2023-02-01", "close_reason": "other"})
    db.close()
    monkeypatch.undo()
    db = open_database(db_path)
    try:
        tiers = lambda cid: [(e["kind"], e["from_tier"], e["to_tier"]) for e in db.query("SELECT * FROM aid_case_events WHERE case_id = ? ORDER BY id", (cid,))]  # noqa: E731
        assert tiers(edited)[-1] == ("approve", None, "relative")  # the current tier, the best known, from approval on
        assert all(t[1:] == (None, None) for t in tiers(withdrawn))  # never approved: no tier was ever in effect
        assert aid.case_as_of(db, withdrawn, "2023-02-01").state == "cancelled"
    finally:
        db.close()
