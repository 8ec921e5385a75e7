"""Disabled fields and buttons look disabled; a proposal step shows only the fields it keeps."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from models import proposals as pr


def _ground(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return QColor(image.pixel(image.width() // 2, image.height() // 2))


@pytest.mark.parametrize("kind", [QLineEdit, QPushButton])
def test_disabled_widgets_are_grey(qapp, qtbot, kind):
    from ui.app import make_app

    make_app()
    box = QWidget()
    row = QHBoxLayout(box)
    live, dead = kind(), kind()
    for w in (live, dead):
        w.setFixedSize(120, 30)
        row.addWidget(w)
    dead.setEnabled(False)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    a, b = _ground(live), _ground(dead)
    assert a.lightness() - b.lightness() >= 12, (a.name(), b.name())  # visibly darker grey than a live white field


def test_every_step_names_its_fields():
    assert set(pr.STEP_FIELDS) == set(pr.TRANSITIONS)
