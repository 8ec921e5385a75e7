"""Demo data: valid, consistent, deterministic, and never mixed into a real register."""

from __future__ import annotations

import pytest

from models.demo import fill_demo
from models.members import get_member, validate
from models.org import get_profile, validate_profile
from models.validation import ValidationError


def test_demo_members_are_valid_and_consistent(db):
    assert fill_demo(db, 200)["members"] == 200
    validate_profile(get_profile(db))
    for (mid,) in db.execute("SELECT id FROM members").fetchall():
        m = get_member(db, mid)
        assert validate(m).id_number == m.id_number
    statuses = dict(db.execute("SELECT status, count(*) FROM members GROUP BY status").fetchall())
    assert statuses["active"] > 150 and statuses.get("left", 0) + statuses.get("retained", 0) > 0
    assert db.execute("SELECT count(*) FROM members WHERE status IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM dues_payments").fetchone()[0] > 100


def test_demo_is_deterministic(tmp_path):
    from models.db import open_database

    names = []
    for n in range(2):
        db = open_database(tmp_path / f"d{n}.db")
        fill_demo(db, 50, seed=5)
        names.append([r[0] for r in db.execute("SELECT name FROM members ORDER BY id")])
        db.close()
    assert names[0] == names[1]


def test_demo_refuses_a_register_in_use(db):
    fill_demo(db, 10)
    with pytest.raises(ValidationError, match="已有会员"):
        fill_demo(db, 10)
    assert fill_demo(db, 5, force=True, seed=9)["members"] == 5


def test_demo_states_the_workforce_of_the_years_its_congress_spans(db):
    """The demo term began years ago: its composition reads that year's counts, not today's."""
    from models import clock, org

    with clock.frozen("2026-11-25"):
        fill_demo(db, 50)
    assert [w.year for w in org.workforce_years(db)] == [2023, 2024, 2025, 2026]
    assert org.workforce_as_of(db, "2024-03-01").workers_total == 1150


def test_a_big_demo_passes_the_filings_checks_on_workers(tmp_path):
    """A 3,000-member demo said 1,200 workers: 会员 ≤ 职工 and 女会员 ≤ 女职工 failed on the sample."""
    from models import clock, filing
    from models.db import open_database
    from models.filing_checks import failing, run_checks

    db = open_database(tmp_path / "big.db")
    fill_demo(db, 1500, with_history=False)
    table = filing.compute(db, clock.today().year - 1)
    bad = [r for r in failing(run_checks(table.values)) if "职工" in r.message]
    assert bad == [], [f"{r.message}：{r.detail}" for r in bad]
    db.close()
