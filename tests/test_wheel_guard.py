"""The wheel over an unfocused combo box, spin box or date edit scrolls the form, not the value."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget


def wheel(widget: QWidget, steps: int = -1) -> None:
    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_scrolls_the_form_over_unfocused_fields(qapp, qtbot):
    from ui.app import make_app
    from ui.widgets.screen_fit import fit_to_screen

    make_app()
    form = QWidget()
    layout = QVBoxLayout(form)
    combo = QComboBox()
    combo.addItems(["群众", "中共党员", "共青团员"])
    spin = QSpinBox()
    spin.setValue(5)
    date = QDateEdit()
    start = date.date()
    for w in (combo, spin, date):
        layout.addWidget(w)
    layout.addSpacing(3000)
    scroll = QScrollArea()
    scroll.setWidget(form)
    fit_to_screen(scroll, 400, 300)  # as every dialog is: that guards its fields
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    # Under a window system Qt gives the wheel's target the focus before any filter sees the
    # event (Qt.WheelFocus, a combo box's default); an event sent here skips that step, so the
    # policy is checked: only a click or Tab focuses a guarded field.
    assert all(w.focusPolicy() != Qt.FocusPolicy.WheelFocus for w in (combo, spin, date))
    for w in (combo, spin, date):
        wheel(w)
    assert combo.currentIndex() == 0 and spin.value() == 5 and date.date() == start
    assert scroll.verticalScrollBar().value() > 0  # the wheel went to the form
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentIndex() == 1  # focused: the wheel picks, as the chair expects


def test_every_page_and_every_form_row_is_guarded(qapp, qtbot, tmp_path):
    """Pages when the main window builds them, form rows whenever FormGrid adds them."""
    from models.db import open_database
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.widgets.form import FormGrid
    from ui.widgets.wheel_guard import GUARDED, WheelGuard

    def guarded(widget) -> bool:
        probe = QWheelEvent(QPointF(1, 1), QPointF(1, 1), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # the wheel would focus it first
            return False
        before = (widget.currentIndex() if isinstance(widget, QComboBox) else widget.text())
        QApplication.sendEvent(widget, probe)
        return before == (widget.currentIndex() if isinstance(widget, QComboBox) else widget.text())

    db = open_database(tmp_path / "l.db")
    window = MainWindow(AppContext(db, tmp_path / "l.db"))
    qtbot.addWidget(window)
    page = window.go("members")
    fields = [w for kind in GUARDED for w in page.findChildren(kind)]
    assert fields and all(guarded(w) for w in fields if w.isEnabled() and (not isinstance(w, QComboBox) or w.count() > 1))
    form = FormGrid()
    combo = QComboBox()
    combo.addItems(["一", "二"])
    form.add("x", "后加的", combo)
    assert guarded(combo)
    assert isinstance(QApplication.instance()._wheel_guard, WheelGuard)
    window.close()
    db.close()
