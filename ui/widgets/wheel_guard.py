"""The mouse wheel scrolls the form, not the field under the pointer.

Scrolling a long form passed the wheel to whatever combo box, spin box or date edit
happened to be under the pointer, and its value changed unseen (政治面貌 was saved
changed that way). Such a field takes the wheel only when it has the keyboard focus;
otherwise the wheel goes to the scroll area around it.

The guard is put on the fields themselves (`guard(root)`): every dialog through
fit_to_screen, every page when the main window builds it, every form row as FormGrid adds
it. It was an application-wide event filter, which PySide calls in Python for every event
of every object: half the time to open a member's window went there (11,000 events).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget


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


GUARDED = (QComboBox, QAbstractSpinBox)


def _the_guard() -> WheelGuard:
    app = QApplication.instance()
    held = getattr(app, "_wheel_guard", None)
    if not isinstance(held, WheelGuard):
        held = WheelGuard(app)
        app._wheel_guard = held  # type: ignore[attr-defined]  # kept alive with the app
    return held


def guard(root: QWidget) -> None:
    """Guard `root` and every combo box and spin box (date edits included) inside it.
    Installing twice is harmless: Qt keeps one filter per object."""
    watcher = _the_guard()
    if isinstance(root, GUARDED):
        root.installEventFilter(watcher)
    for kind in GUARDED:
        for field in root.findChildren(kind):
            field.installEventFilter(watcher)
