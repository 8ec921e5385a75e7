"""What every page and dialog needs: the open database and where it lives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite_utils takes a third of a second to import: not before the window shows
    from sqlite_utils import Database


@dataclass
class AppContext:
    db: "Database"
    db_path: Path
