"""Shared fixtures: a real SQLite file in tmp_path for every test that touches data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest  # noqa: E402

from models.db import open_database  # noqa: E402
from models.members import Member  # noqa: E402

# Valid ID numbers (GB 11643 check digits) for tests.
VALID_IDS = ["11010519491231002X", "440524188001010014", "34052419800101001X"]


@pytest.fixture(autouse=True, scope="session")
def _private_qsettings(tmp_path_factory):
    """Window geometry and other QSettings written by tests go to a temp folder,
    never into the real user's settings."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        yield
        return
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture(autouse=True)
def _ledger_today():
    """LEDGER_TEST_TODAY=2025-12-31 runs the whole suite on that day by the ledger's
    clock (models.clock), to show no test leans on the wall clock; unset, the clock is
    the machine's. A test that needs a day of its own freezes it itself."""
    day = os.environ.get("LEDGER_TEST_TODAY")
    if not day:
        yield
        return
    from models import clock

    with clock.frozen(day if "T" in day else f"{day}T10:00:00"):
        yield


@pytest.fixture(autouse=True)
def _delete_widgets_now():
    """After each test, delete the widgets it left for later at a quiet moment.

    pytest-qt closes a test's widgets with deleteLater(), and nothing at loop level 0
    runs those deletions; the next nested event loop (run_task's, several tests on)
    did, and the cyclic GC, running inside that deletion, freed other widgets of
    the same leftovers behind Qt's back: a segfault that came and went with the
    order of the test files. Here they go with the GC off, between two tests, and then
    the GC runs once, at this same quiet moment."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    was = gc.isenabled()
    gc.disable()
    try:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        if was:
            gc.enable()
    # Then the test's parentless leftovers held only in reference cycles (a dialog whose
    # signal is connected to a lambda that names it): freed now, with no event loop
    # running, not whenever the GC next runs — which could be inside a later test's event
    # loop, while Qt walks the top-level widgets.
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path)
    yield database
    database.close()


def make_id(birth: str = "19850314", region: str = "110105", seq: int = 1, male: bool = True) -> str:
    """A valid 18-digit ID number for a birth date (YYYYMMDD)."""
    from stdnum.cn import ric

    sequence = seq * 2 + (1 if male else 0)
    body = f"{region}{birth}{sequence % 1000:03d}"
    if (int(body[16]) % 2 == 1) != male:
        body = body[:16] + str((int(body[16]) + 1) % 10)
    return body + ric.calc_check_digit(body + "0")


def member(name: str = "张伟", **kw) -> Member:
    values = dict(name=name, id_number=make_id(), join_date="2010-05-01", department="生产部")
    values.update(kw)
    return Member(**values)


def write_old_member_columns(db, monkeypatch) -> None:
    """Let today's add_member/update_member write a ledger of an older schema version:
    only the members columns that version has (columns added since are left out)."""
    from models import members

    have = {r[1] for r in db.execute("PRAGMA table_info(members)")}
    row_values = members._row_values
    monkeypatch.setattr(members, "_row_values", lambda m: {k: v for k, v in row_values(m).items() if k in have})


def give_income(db, case_id: int, fen: int = 50_000) -> None:
    """Enter the worker's own monthly income on an aid file (¥500 by default, under the
    test 低保 of ¥930) unless the household already has some: a file without income data
    cannot be approved (models.aid_measure)."""
    from models import aid

    household = aid.household_members(db, case_id)
    if any(h.monthly_income_fen for h in household):
        return
    own = household[0]
    own.monthly_income_fen = fen
    aid.update_household_member(db, own)


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked `packaging` build the installable program (minutes of CPU): the normal run
    skips them; `pytest -m packaging` (or any -m naming it) runs them."""
    if "packaging" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="builds the installable program: run with `pytest -m packaging`")
    for item in items:
        if item.get_closest_marker("packaging") is not None:
            item.add_marker(skip)
