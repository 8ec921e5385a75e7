"""Every page fits a 1366×768 screen with a taskbar (1366×728, less the title bar): a page
whose bars sum past the width makes the window grow off the screen's right edge, where its
buttons cannot be reached."""

from __future__ import annotations

import pytest

SCREEN_W, SCREEN_H = 1366, 728 - 30  # the window frame's title bar


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    from models.db import open_database
    from models.demo import fill_demo
    from ui.context import AppContext
    from ui.main_window import MainWindow

    path = tmp_path_factory.mktemp("fit") / "demo.db"
    db = open_database(path)
    fill_demo(db, 80, seed=5)
    w = MainWindow(AppContext(db, path, news=False))
    w.resize(1280, 680)
    w.show()
    yield w
    w.close_ledger()
    w.close()
    w.deleteLater()


def test_every_page_and_tab_fits_the_screen(window):
    from PySide6.QtWidgets import QTabWidget

    from ui.main_window import PAGES

    too_big = []
    for spec in PAGES:
        if spec.factory is None:
            continue
        page = window.go(spec.key)
        tabs = page.findChildren(QTabWidget)
        for tab_widget in tabs or [None]:
            for index in range(tab_widget.count() if tab_widget else 1):
                if tab_widget:
                    tab_widget.setCurrentIndex(index)
                hint = window.minimumSizeHint()
                if hint.width() > SCREEN_W or hint.height() > SCREEN_H:
                    where = f"{spec.label}/{tab_widget.tabText(index)}" if tab_widget else spec.label
                    too_big.append(f"{where}: {hint.width()}×{hint.height()}")
    assert too_big == []
