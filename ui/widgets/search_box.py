"""A search field that asks for results once the user pauses typing."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    search = Signal(str)
    focused = Signal()  # the user is about to type: a page may get its search ready

    def __init__(self, placeholder: str, parent: QWidget | None = None, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setProperty("unsaved_ignore", True)  # what is looked for is not a record's value (ui/widgets/unsaved.py)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self.search.emit(self.text()))
        self.textChanged.connect(lambda _: self._timer.start())

    def set_delay(self, ms: int) -> None:
        """How long a pause in typing must be before searching (0: at every key, for a
        search that answers within a frame)."""
        self._timer.setInterval(ms)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focused.emit()

    def flush(self) -> None:
        """Search now (Enter pressed, or a test)."""
        self._timer.stop()
        self.search.emit(self.text())
