"""The union's profile and its workforce year by year: past rules read past figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models import audit, clock, migrations, org
from models import congress as cg
from models.db import open_database
from models.validation import ValidationError
from tests.test_congress import make_delegates

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def save_counts(db, total: int, female: int = 0, *, dispatched: int = 0, **kw) -> None:
    p = org.get_profile(db)
    p.union_name, p.workers_total, p.workers_female, p.workers_dispatched = "恒达机械工会", total, female, dispatched
    org.save_profile(db, p, **kw)


def test_the_profile_saves_the_counts_for_the_ledgers_year(db):
    with clock.frozen("2024-06-01"):
        save_counts(db, 500, 150)
    with clock.frozen("2026-03-01"):
        save_counts(db, 1000, 320)
        assert org.get_profile(db).workers_total == 1000
        assert org.get_profile(db, on="2024-12-31").workers_total == 500
    assert [(w.year, w.workers_total, w.workers_female) for w in org.workforce_years(db)] == [(2024, 500, 150), (2026, 1000, 320)]
    assert org.workforce_for_year(db, 2024).workers_total == 500
    assert org.workforce_for_year(db, 2025) is None
    assert org.workforce_as_of(db, "2025-07-01").year == 2024  # in force until restated
    assert org.workforce_as_of(db, "2026-01-01").workers_total == 1000
    assert org.workforce_as_of(db, "2019-05-01").year == 2024  # before any statement: the earliest one, saying so


def test_saving_the_profile_in_a_new_year_does_not_restate_unchanged_counts(db):
    with clock.frozen("2024-06-01"):
        save_counts(db, 500, 150)
    with clock.frozen("2025-02-01"):
        p = org.get_profile(db)
        assert p.workers_total == 500  # last year's, shown to be kept or changed
        p.address = "南京市玄武区珠江路 88 号"
        org.save_profile(db, p)
    assert [w.year for w in org.workforce_years(db)] == [2024]
    with clock.frozen("2024-09-01"):
        save_counts(db, 520, 150)  # the same year again: a correction of its figures
    assert [(w.year, w.workers_total) for w in org.workforce_years(db)] == [(2024, 520)]


def test_a_chosen_year_and_a_year_of_its_own(db):
    with clock.frozen("2026-03-01"):
        save_counts(db, 800, 200, year=2025)
        assert org.workforce_for_year(db, 2026) is None
        assert org.workforce_for_year(db, 2025).workers_total == 800
    assert org.save_workforce(db, 2023, workers_total=600, workers_female=180, note="据2023年统计年报")
    assert not org.save_workforce(db, 2023, workers_total=600, workers_female=180)  # nothing new
    assert org.workforce_for_year(db, 2023).note == "据2023年统计年报"  # kept when not given
    entries = audit.history(db, "org_workforce", db.execute("SELECT id FROM org_workforce WHERE year = 2023").fetchone()[0])
    assert [e["action"] for e in entries] == ["insert"]
    with pytest.raises(ValidationError, match="不能多于职工总数") as info:
        org.save_workforce(db, 2024, workers_total=100, workers_female=101)
    assert info.value.field == "其中女职工"
    with pytest.raises(ValidationError, match="年度"):
        org.save_workforce(db, 1066, workers_total=100)
    with pytest.raises(ValidationError, match="年度"):
        org.save_workforce(db, True, workers_total=100)
    assert org.workforce_for_year(db, 2024) is None


def test_a_past_terms_composition_reads_the_workforce_of_its_time(db):
    term = cg.add_term(db, cg.Term(number=1, start_date="2021-01-01", end_date="2025-12-31"))
    make_delegates(db, term, 30)
    with clock.frozen("2021-03-01"):
        save_counts(db, 500, 150)  # 5% of 500 = 25: 30 delegates are enough
    with clock.frozen("2026-03-01"):
        save_counts(db, 1000, 300)  # 5% of 1000 = 50
        count = next(c for c in cg.composition(db, term) if c.rule.startswith("代表人数不少于"))  # the term ended: as at its end
    assert count.passed and "不少于 30 人" in count.figure
    assert count.note == "2025年未填写职工人数，按2021年的 500 人计"  # the figure says which year it rests on
    count = next(c for c in cg.composition(db, term, on="2026-06-01") if c.rule.startswith("代表人数不少于"))
    assert not count.passed and "不少于 50 人" in count.figure and count.note == ""
    count = next(c for c in cg.composition(db, term, on="2020-06-01") if c.rule.startswith("代表人数不少于"))
    assert count.note == "2020年未填写职工人数，按2021年的 500 人计"  # before the first statement: the earliest, said so


def test_an_old_ledger_keeps_its_counts_for_the_year_they_were_saved(tmp_path):
    path = tmp_path / "ledger-v1.db"
    shutil.copy(FIXTURES / "ledger-v1.db", path)
    saved = open_database(path, readonly=True)
    year = int(saved.execute("SELECT at FROM audit_log WHERE table_name = 'org_profile'").fetchone()[0][:4])
    saved.close()
    db = open_database(path)
    try:
        assert [(w.year, w.workers_total, w.workers_female) for w in org.workforce_years(db)] == [(year, 120, 45)]
        assert "workers_total" not in db["org_profile"].columns_dict
        p = org.get_profile(db, on=f"{year}-12-31")
        assert (p.union_name, p.workers_total, p.workers_female) == ("江苏恒达机械有限公司工会委员会", 120, 45)
    finally:
        db.close()


def _old_ledger(monkeypatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])  # counts in org_profile still


def old_save(db, **values) -> None:
    """As save_profile wrote before version 7: the counts overwritten in org_profile, the change logged."""
    audit.update_row(db, "org_profile", 1, {"union_name": "恒达机械工会", **values})


def test_the_upgrade_replays_the_counts_saved_over_the_years(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    _old_ledger(monkeypatch)
    db = open_database(path)
    with clock.frozen("2022-04-01"):
        old_save(db, workers_total=300, workers_female=90)
    with clock.frozen("2022-11-01"):
        old_save(db, workers_total=310)  # the year's last figures are the year's
    with clock.frozen("2023-05-01"):
        old_save(db, phone="025-84561234")  # counts untouched: no new year
    with clock.frozen("2024-05-01"):
        old_save(db, workers_total=400, workers_female=120, workers_dispatched=12)
    db.close()
    monkeypatch.undo()
    with clock.frozen("2026-01-10"):
        db = open_database(path)
    try:
        years = [(w.year, w.workers_total, w.workers_female, w.workers_dispatched) for w in org.workforce_years(db)]
        assert years == [(2022, 310, 90, 0), (2024, 400, 120, 12)]
        assert org.workforce_as_of(db, "2023-06-30").workers_total == 310
        assert org.get_profile(db, on="2026-01-10").phone == "025-84561234"
    finally:
        db.close()


def test_counts_changed_outside_the_program_are_kept_for_the_year_of_the_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    _old_ledger(monkeypatch)
    db = open_database(path)
    with clock.frozen("2022-04-01"):
        old_save(db, workers_total=300, workers_female=90)
    with db.atomic():
        db.execute("UPDATE org_profile SET workers_total = 333")  # no trail of it
    db.close()
    monkeypatch.undo()
    with clock.frozen("2025-08-08"):
        db = open_database(path)
    try:
        assert [(w.year, w.workers_total) for w in org.workforce_years(db)] == [(2022, 300), (2025, 333)]
    finally:
        db.close()


def test_a_ledger_that_never_stated_counts_has_none(db):
    assert org.workforce_years(db) == []
    assert org.workforce_as_of(db, "2025-01-01") is None
    p = org.get_profile(db)
    assert p.workers_total == 0
    p.union_name = "恒达机械工会"
    org.save_profile(db, p)  # zeros are not a statement
    assert org.workforce_years(db) == []
