"""The 首页 on screen: the to-do cards show their counts, a card or a chart bar opens its list
(the page, the tab, the filter), an empty ledger greets instead of drawing zeros, a
read-only file works, and the filled page fits 1366×728."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from models import clock
from models.db import open_database
from tests.test_dashboard import crafted


@pytest.fixture(autouse=True)
def _mid_june():
    with clock.frozen("2026-06-15T10:00:00"):
        yield


@pytest.fixture
def app(qapp):
    from ui.app import make_app

    return make_app()


def window_on(qtbot, db, path):
    from ui.context import AppContext
    from ui.main_window import MainWindow

    w = MainWindow(AppContext(db, path, news=False))
    qtbot.addWidget(w)
    w.resize(1366, 698)
    w.show()
    home = w.pages["home"]
    qtbot.waitUntil(lambda: home.ready, timeout=10000)
    return w, home


@pytest.fixture
def ledger(app, qtbot, db, db_path):
    c = crafted(db)
    w, home = window_on(qtbot, db, db_path)
    return w, home, c


def click_bar(qtbot, home, chart: str, label: str) -> None:
    box = home.charts[chart]
    index = [b.label for b in box.data.bars].index(label)
    rect = box.chart.bar_rect(index)
    # Horizontal bars start right of their labels: click inside the row, over its bar.
    x = int(rect.center().x()) if box.chart.columns else int(rect.left() + rect.width() * 0.5)
    qtbot.mouseClick(box.chart, Qt.MouseButton.LeftButton, pos=QPoint(x, int(rect.center().y())))


def test_cards_show_counts_and_open_their_lists(ledger, qtbot, monkeypatch):
    w, home, c = ledger
    shown = {k: card.number.text() for k, card in home.cards.items()}
    assert shown == {"proposals": "1", "disclosure": "2", "aid": "1", "innovation": "1", "dues": "2", "congress": "7月1日"}
    assert home.cards["congress"].detail.text() == "第二届职工代表大会第三次会议（还有 16 天）"

    qtbot.mouseClick(home.cards["proposals"], Qt.MouseButton.LeftButton)
    congress = w.stack.currentWidget()
    assert congress is w.pages["congress"] and congress.session_id() == c["s1"]
    assert congress.tabs.currentWidget() is congress.proposals_tab
    assert congress.proposals_tab.view.currentData() == "overdue" and congress.proposals_tab.table.rowCount() == 1

    w.go("home")
    qtbot.mouseClick(home.cards["disclosure"], Qt.MouseButton.LeftButton)
    disclosure = w.stack.currentWidget()
    assert disclosure is w.pages["disclosure"] and disclosure.tabs.currentIndex() == 1 and disclosure.due.rowCount() == 2

    w.go("home")
    qtbot.mouseClick(home.cards["aid"], Qt.MouseButton.LeftButton)
    aid = w.stack.currentWidget()
    assert aid.view.currentData() == "review_due" and aid.table.rowCount() == 1

    w.go("home")
    qtbot.mouseClick(home.cards["innovation"], Qt.MouseButton.LeftButton)
    innovation = w.stack.currentWidget()
    assert innovation is w.pages["innovation"] and innovation.overdue.rowCount() == 1

    w.go("home")
    qtbot.mouseClick(home.cards["congress"], Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget().session_id() == c["s2"]

    opened = []
    monkeypatch.setattr("ui.pages.members.run_modal", lambda d: opened.append((d.period.text(), d.table.rowCount())))
    w.go("home")
    qtbot.mouseClick(home.cards["dues"], Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.pages["members"] and opened == [("2026-06", 2)]


def test_chart_bars_open_the_list_with_the_filter(ledger, qtbot):
    w, home, c = ledger
    click_bar(qtbot, home, "status", "保留会籍")
    members = w.stack.currentWidget()
    assert members is w.pages["members"] and members.status.currentData() == "retained"
    qtbot.waitUntil(lambda: members.model.rowCount() == 1, timeout=5000)

    w.go("home")
    click_bar(qtbot, home, "department", "生产部")
    assert (members.status.currentData(), members.department.currentData()) == ("active", "生产部")
    qtbot.waitUntil(lambda: members.model.rowCount() == 2, timeout=5000)

    w.go("home")
    click_bar(qtbot, home, "proposals", "不立案")
    congress = w.stack.currentWidget()
    assert congress.session_id() == c["s1"] and congress.proposals_tab.view.currentData() == "rejected"
    assert congress.proposals_tab.table.rowCount() == 1

    w.go("home")
    click_bar(qtbot, home, "aid_month", "1月")
    assert w.stack.currentWidget() is w.pages["aid"]


def test_a_month_without_aid_is_not_a_link(ledger, qtbot):
    w, home, _ = ledger
    click_bar(qtbot, home, "aid_month", "2月")  # nothing paid in February: nothing to open
    assert w.stack.currentWidget() is home


def test_the_filled_page_fits_the_screen(ledger):
    w, home, _ = ledger
    hint = w.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728 - 30
    for box in home.charts.values():  # no chart squeezed to nothing
        assert box.chart.height() >= box.chart.minimumHeight() > 0


def test_an_empty_ledger_greets_instead_of_drawing_zeros(app, qtbot, db, db_path):
    w, home = window_on(qtbot, db, db_path)
    assert home.empty.isVisible() and "导入花名册" in home.empty.text()
    assert not home.todo_box.isVisible() and not home.figures_box.isVisible()
    assert all(card.item is None for card in home.cards.values())  # nothing was counted
    assert w.height() <= 698 and w.minimumSizeHint().height() <= 698  # the window did not grow off the screen


def test_a_read_only_file_shows_its_figures(app, qtbot, db, db_path):
    crafted(db)
    db.close()
    ro = open_database(db_path, readonly=True)
    try:
        w, home = window_on(qtbot, ro, db_path)
        assert home.cards["proposals"].number.text() == "1" and home.charts["status"].data.total == 5
    finally:
        w.close_ledger()


def test_closing_the_window_drops_the_figures_still_to_come(app, qtbot, tmp_path):
    """The figures fill in one by one after the window shows; a window closed (and its file
    closed) before they are all in must not read the closed file."""
    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.main_window import MainWindow

    path = tmp_path / "l.db"
    db = open_database(path)
    crafted(db)
    w = MainWindow(AppContext(db, path, news=False))
    qtbot.addWidget(w)
    home = w.pages["home"]
    assert home._steps  # queued, not yet run
    w.close()
    db.close()
    with qtbot.captureExceptions() as errors:
        for _ in range(5):
            QApplication.processEvents()
    assert not errors
    assert not home.ready
