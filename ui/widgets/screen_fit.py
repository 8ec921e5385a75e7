"""Windows sized to the screen they open on.

The chair's screen may be 1366×768 with a taskbar (728 px left, less a title bar): a
dialog taller than that hides its buttons below the edge. Every window asks for
the size it would like and gets at most what the screen has room for.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager's frame and title bar take beyond the window itself.
FRAME_W, FRAME_H = 40, 60


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or smaller where its screen has less room; its
    combo and spin boxes take the wheel only when focused (ui/widgets/wheel_guard.py)."""
    from ui.widgets.wheel_guard import guard

    guard(widget)
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    widget.resize(min(width, room.width() - FRAME_W), min(height, room.height() - FRAME_H))
