"""What every page and dialog needs: the open ledger, its database and where it lives,
and a Qt signal that carries the ledger's change news to the pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:  # sqlite_utils takes a third of a second to import: not before the window shows
    from sqlite_utils import Database

    from models.ledger import Changes, Ledger

# Writes by another process (a CLI import while the window is open) are noticed
# this often; our own writes through the ledger are announced at once.
POLL_MS = 1000


class ChangeNews(QObject):
    """Turns the ledger's plain-Python change news into a Qt signal."""

    changed = Signal(object)  # models.ledger.Changes

    def __init__(self, ledger: "Ledger", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ledger = ledger
        self._unsubscribe = ledger.subscribe(self.changed.emit)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> "Changes | None":
        """Look for writes now (after a dialog saved, say) instead of at the next tick."""
        import sqlite3

        try:
            return self._ledger.announce()
        except sqlite3.ProgrammingError:  # the ledger was closed (window closed, file restored)
            self.stop()
            return None

    def stop(self) -> None:
        self._timer.stop()
        self._unsubscribe()


class AppContext:
    """The open ledger as the GUI sees it. `db` stays for the models' functions,
    which take the database first."""

    def __init__(self, db_or_ledger: "Database | Ledger", db_path: Path, *, news: bool = True) -> None:
        from models.ledger import Ledger

        if isinstance(db_or_ledger, Ledger):
            self.ledger = db_or_ledger
        else:
            self.ledger = Ledger(db_or_ledger, db_path)
        self.db_path = Path(db_path)
        self.news = ChangeNews(self.ledger) if news else None

    @property
    def db(self) -> "Database":
        return self.ledger.db

    @property
    def read_only(self) -> bool:
        return self.ledger.read_only

    def close(self) -> None:
        if self.news is not None:
            self.news.stop()
        self.ledger.close()
