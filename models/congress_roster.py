"""The 职工代表名册's facts: each delegate's age, 政治面貌, 文化程度 and 职务, and the
composition figures the congress page shows — all as of one day (the roster's date)."""

from __future__ import annotations

import datetime as _dt

from sqlite_utils import Database

from models import clock, codes
from models.congress import composition, get_term, sessions


def roster_date(db: Database, term_id: int) -> str:
    """The day the roster speaks of: the last meeting held so far, else today within the term."""
    term = get_term(db, term_id)
    today = clock.today_iso()
    held = [s.date for s in sessions(db, term_id) if not s.voided_at and s.date <= today]
    if held:
        return max(held)
    return min(max(today, term.start_date), term.end_date)


def age_on(birth: str, on: str) -> int | None:
    if not birth:
        return None
    b, d = _dt.date.fromisoformat(birth), _dt.date.fromisoformat(on)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def roster(db: Database, term_id: int, on: str | None = None) -> dict:
    """{"as_of", "details": {delegate id: {age, political, education, post, job_title}}, "composition"}.

    职务 (job_title) keeps no dated history: today's value is printed; the 岗位 (post) as of
    the day stands in for it where no 职务 was entered."""
    from models.congress import delegates
    from models.member_time import members_as_of

    on = on or roster_date(db, term_id)
    then = {r["id"]: r for r in members_as_of(db, on, keys=["birth_date", "political_status", "education", "post"])}
    details: dict[int, dict[str, str]] = {}
    titles = dict(db.execute(
        "SELECT m.id, m.job_title FROM members m JOIN delegates d ON d.member_id = m.id WHERE d.term_id = ?", (term_id,)).fetchall())
    for d in delegates(db, term_id, include_ended=True):
        row = then.get(d.member_id)
        if row is None:  # not on the register that day: today's values
            row = dict(zip(("birth_date", "political_status", "education", "post"), db.execute(
                "SELECT birth_date, political_status, education, post FROM members WHERE id = ?", (d.member_id,)).fetchone()))
        age = age_on(row.get("birth_date") or "", on)
        details[d.id] = {
            "age": "" if age is None else str(age),
            "political": codes.POLITICAL_STATUS.label(row.get("political_status") or "") if row.get("political_status") else "",
            "education": codes.EDUCATION.label(row.get("education") or "") if row.get("education") else "",
            "post": row.get("post") or "",
            "job_title": titles.get(d.member_id, ""),
        }
    return {"as_of": on, "details": details, "composition": composition(db, term_id, on=on)}
