"""The aid demo: files in every tier and state, aid over three years, one void."""

from __future__ import annotations

import datetime as dt

from models import clock
from models import aid_payments as ap
from models.demo_aid import fill_aid
from models.members import add_member
from models.org import get_profile, save_profile
from tests.conftest import make_id, member


def test_demo_aid(db):
    with clock.frozen("2026-06-30"):  # mid-year: this year's aid has begun
        _demo_aid(db)


def _demo_aid(db) -> None:
    p = get_profile(db)
    p.union_name, p.min_living_fen = "示例工会", 93000
    save_profile(db, p)
    for i in range(40):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 2 == 0)))
    assert fill_aid(db, seed=3)["cases"] == 12
    active = ap.list_cases(db, "active", today=clock.today_iso())
    assert {r["tier"] for r in active if r["state"] == "active"} == {"deep", "relative", "accident"}
    assert {r["state"] for r in active} >= {"active", "notice", "visited"}
    assert ap.list_cases(db, "out_of_hardship", today=clock.today_iso()) and ap.list_cases(db, "cancelled", today=clock.today_iso())
    year = clock.today().year
    totals = [ap.totals(db, y) for y in (year - 2, year - 1, year)]
    assert all(t["total_fen"] > 0 for t in totals)
    assert sum(t["voided_count"] for t in totals) == 1
    assert sum(t["autumn_students"] for t in totals) > 0


def test_demo_history_is_in_step_with_the_files(db):
    """Each file's current state and tier are those of its last dated event; one tier was
    changed at this year's review, and last year's summary still shows the old tier."""
    from models import aid

    p = get_profile(db)
    p.union_name, p.min_living_fen = "示例工会", 93000
    save_profile(db, p)
    for i in range(40):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 2 == 0)))
    today = dt.date(2026, 11, 25)
    with clock.frozen(today):
        fill_aid(db, seed=3, today=today)
    for r in aid.cases_as_of(db, today.isoformat()):
        c = aid.get_case(db, r["id"])
        assert (r["state"], r["tier"]) == (c.state, c.tier if c.state not in aid.PENDING_STATES else None)
    changed = db.execute("SELECT case_id, from_tier, to_tier FROM aid_case_events WHERE kind = 'annual_review' AND outcome = 'tier_changed'").fetchall()
    assert [tuple(x[1:]) for x in changed] == [("relative", "deep")]
    assert aid.case_as_of(db, changed[0][0], "2025-12-31").tier == "relative"
    last_year, this_year = dict(ap.file_counts(db, 2025)), dict(ap.file_counts(db, 2026))
    assert this_year["年末在档：深度困难"] == last_year["年末在档：深度困难"] + 1
    assert (last_year["本年解困脱困"], last_year["本年注销"]) == (1, 1)
    early = db.execute(
        """SELECT count(*) FROM aid_payments p JOIN aid_case_events e ON e.case_id = p.case_id AND e.kind = 'approve'
           WHERE p.date <= e.date"""
    ).fetchone()[0]
    assert early == 0  # the demo's files are aided after approval, while active
