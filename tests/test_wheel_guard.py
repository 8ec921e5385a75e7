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
    scroll.resize(400, 300)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    for w in (combo, spin, date):
        wheel(w)
    assert combo.currentIndex() == 0 and spin.value() == 5 and date.date() == start
    assert scroll.verticalScrollBar().value() > 0  # the wheel went to the form
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentIndex() == 1  # focused: the wheel picks, as the chair expects
