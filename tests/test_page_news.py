"""Pages follow the ledger: a write by another process on the same file (a CLI import while
the window is open) reaches the page on screen through ChangeNews' poll and the page's
`watches`; what the chair is typing is not thrown away by it."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import db as dbmod
from models import members, org
from tests.conftest import make_id, member


@pytest.fixture
def path(tmp_path) -> Path:
    path = tmp_path / "工会.db"
    db = dbmod.open_database(path)
    p = org.get_profile(db)
    p.union_name = "测试工会"
    org.save_profile(db, p)
    members.add_member(db, member(name="张伟", id_number=make_id(seq=1)))
    db.close()
    return path


@pytest.fixture
def window(qapp, qtbot, path, monkeypatch):
    """The main window on the file, as the program opens it (MainWindow.open_ledger)."""
    import ui.context
    from ui.app import make_app
    from ui.main_window import MainWindow

    make_app()
    monkeypatch.setattr(ui.context, "POLL_MS", 100)  # the same poll, sooner: the test need not wait a second
    w = MainWindow(db_path=path)
    qtbot.addWidget(w)
    w.show()
    w.open_ledger(dbmod.open_database(path), path)
    yield w
    w.close_ledger()


def another_process(path: Path):
    """A second connection to the file, as the CLI would open it."""
    return dbmod.open_database(path)


def test_every_page_names_what_it_shows(window):
    from ui.main_window import PAGES

    for spec in PAGES:
        if spec.factory is None:
            continue
        page = window.go(spec.key)
        assert page.watches and all(isinstance(t, str) for t in page.watches), spec.key
        assert callable(page.refresh), spec.key
    assert "members" in window.pages["members"].watches and "org_workforce" in window.pages["settings"].watches


def test_the_members_page_shows_a_member_another_process_added(window, path, qtbot):
    page = window.go("members")
    assert page.model.rowCount() == 1
    other = another_process(path)
    members.add_member(other, member(name="李娜", id_number=make_id(seq=2, male=False), department="质检部"))
    other.close()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert page.department.findData("质检部") >= 0  # the department filter follows too


def test_the_home_page_counts_follow_another_process(window, path, qtbot):
    home = window.go("home")
    qtbot.waitUntil(lambda: home.ready, timeout=5000)
    assert home.charts["status"].data.total == 1
    other = another_process(path)
    members.add_member(other, member(name="李娜", id_number=make_id(seq=2, male=False)))
    other.close()
    qtbot.waitUntil(lambda: home.ready and home.charts["status"].data.total == 2, timeout=5000)


def test_the_settings_page_shows_new_counts_and_keeps_unsaved_typing(window, path, qtbot):
    page = window.go("settings")
    page.form.set_value("chair", "王建国")  # typed, not saved
    other = another_process(path)
    org.save_workforce(other, 2025, workers_total=500)
    other.close()
    qtbot.waitUntil(lambda: page.workforce.model().rowCount() == 1, timeout=5000)
    assert page.form.value("chair") == "王建国"
    page.save()
    assert org.get_profile(window.ctx.db).chair == "王建国"


def test_minutes_being_typed_survive_news_of_a_write(qapp, qtbot, db, db_path, monkeypatch):
    """Reloading the congress page puts the stored minutes over the typed ones: not while unsaved."""
    from models.demo_congress import fill_congress
    from ui.app import make_app
    from ui.context import AppContext
    from ui.pages.congress import CongressPage

    make_app()
    for i in range(40):
        members.add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 3 != 0)))
    fill_congress(db, seed=7)
    page = CongressPage(AppContext(db, db_path, news=False))
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(4)
    tab = page.minutes_tab
    tab.items.setCurrentRow(2)
    assert not tab.has_unsaved()
    page.refresh()  # nothing typed: reloads, and stays on the item
    assert tab.items.currentRow() == 2
    tab.form.set_value("discussion", "代表们一致认为……")
    assert tab.has_unsaved()
    page.refresh()  # what MainWindow does on news of a write
    assert tab.form.value("discussion") == "代表们一致认为……" and tab.items.currentRow() == 2
    assert tab.save() and not tab.has_unsaved()
    page.refresh()
    assert tab.form.value("discussion") == "代表们一致认为……" and tab.items.currentRow() == 2
