"""A search field that asks for results once the user pauses typing."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    search = Signal(str)

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

    def flush(self) -> None:
        """Search now (Enter pressed, or a test)."""
        self._timer.stop()
        self.search.emit(self.text())
