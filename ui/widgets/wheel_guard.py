"""The mouse wheel scrolls the form, not the field under the pointer.

Scrolling a long form passed the wheel to whatever combo box, spin box or date edit
happened to be under the pointer, and its value changed unseen (政治面貌 was saved
changed that way). Installed once on the application (ui/app.py): such a field takes
the wheel only when it has the keyboard focus; otherwise the wheel goes to the scroll area
around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, (QComboBox, QAbstractSpinBox)):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:  # the form around the field scrolls instead
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True


def install(app: QApplication) -> WheelGuard:
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
