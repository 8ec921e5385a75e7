"""The aid demo: files in every tier and state, aid over three years, one void."""

from __future__ import annotations

import datetime as dt

from models import aid_payments as ap
from models.demo_aid import fill_aid
from models.members import add_member
from models.org import get_profile, save_profile
from tests.conftest import make_id, member


def test_demo_aid(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen = "示例工会", 93000
    save_profile(db, p)
    for i in range(40):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 2 == 0)))
    assert fill_aid(db, seed=3)["cases"] == 12
    active = ap.list_cases(db, "active")
    assert {r["tier"] for r in active if r["state"] == "active"} == {"deep", "relative", "accident"}
    assert {r["state"] for r in active} >= {"active", "notice", "visited"}
    assert ap.list_cases(db, "out_of_hardship") and ap.list_cases(db, "cancelled")
    year = dt.date.today().year
    totals = [ap.totals(db, y) for y in (year - 2, year - 1, year)]
    assert all(t["total_fen"] > 0 for t in totals)
    assert sum(t["voided_count"] for t in totals) == 1
    assert sum(t["autumn_students"] for t in totals) > 0
