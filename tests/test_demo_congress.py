"""The congress demo: every rule holds for the data it makes."""

from __future__ import annotations

from models import congress as cg
from models import congress_meeting as mt
from models import proposals as pr
from models.demo_congress import fill_congress
from models.members import add_member
from models.minutes import minutes
from tests.conftest import make_id, member


def test_demo_congress(db):
    for i in range(60):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 3 != 0)))
    out = fill_congress(db, seed=7)
    second = out["sessions"][1]
    assert len(cg.session_delegates(db, second)) == 36
    assert mt.attendance(db, second).quorum
    m = minutes(db, second)
    assert len(m.items) == 12 and all(i.discussion for i in m.items)
    states = {p["state"] for p in pr.list_proposals(db, session_id=second)}
    assert {"submitted", "accepted", "rejected", "converted", "assigned", "replied", "rated", "closed"} <= states
    assert any(c.passed is not None for c in [d for i in m.items for d in i.decisions])
