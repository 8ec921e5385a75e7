"""What every page and dialog needs: the open database and where it lives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database


@dataclass
class AppContext:
    db: Database
    db_path: Path
