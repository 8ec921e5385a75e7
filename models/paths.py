"""Where the program keeps its files on this machine (platformdirs)."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "UnionLedger"


def data_dir() -> Path:
    """The user's data folder for the program (created on first use)."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "工会台账.db"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
