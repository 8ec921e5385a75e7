"""The mouse wheel scrolls the form, not the field under the pointer.

Scrolling a long form passed the wheel to whatever combo box, spin box or date edit
happened to be under the pointer, and its value changed unseen (政治面貌 was saved
changed that way). Such a field takes the wheel only when it has the keyboard focus;
otherwise the wheel goes to the scroll area around it.

The guard is put on the fields themselves (`guard(root)`): every dialog through
fit_to_screen, every page when the main window builds it, every form row as FormGrid adds
it. It was an application-wide event filter, which PySide calls in Python for every event
of every object: half the time to open a member's window went there (11,000 events).

A combo box takes the keyboard focus from the wheel itself (Qt.WheelFocus, its default),
before any filter sees the event — so under a real window system the unfocused field was
focused first and then scrolled (民族 changed under a wheel over it, seen under X; an event
sent straight to the widget, as tests do, skips that step). Guarded fields take focus from
a click or Tab only (Qt.StrongFocus).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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
    fields = [root] if isinstance(root, GUARDED) else []
    for kind in GUARDED:
        fields += root.findChildren(kind)
    for field in fields:
        field.installEventFilter(watcher)
        if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
