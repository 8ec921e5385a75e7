"""Where the program keeps its files on this machine (platformdirs)."""

from __future__ import annotations

import os
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


def error_log_path() -> Path:
    """The log the GUI's exception hook writes (ui/app.py install_exception_hook); not created here."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "logs" / ERROR_LOG_NAME


ERROR_LOG_NAME = "error.log"


def file_identity(path: str | os.PathLike) -> str:
    """Which file this is, however it is spelled: device and inode number.

    A hard link, a symlink, `..`, another letter case or a mapped drive reach the
    same (device, inode); os.stat gives the volume serial number and file index on
    Windows. A file that does not exist yet is named by its folder's identity and
    its name (name_identity).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return name_identity(path)
    if st.st_ino == 0:  # a file system without file numbers (some network or FAT drives)
        return name_identity(path)
    return f"file:{st.st_dev:x}:{st.st_ino:x}"


def name_identity(path: str | os.PathLike) -> str:
    """A file named by its folder's identity and its own name (for a file not created yet)."""
    p = Path(os.path.abspath(path))
    if p.is_symlink():
        p = p.resolve()
    try:
        st = os.stat(p.parent)
    except OSError:
        return "path:" + os.path.normcase(str(p))
    return f"name:{st.st_dev:x}:{st.st_ino:x}:{os.path.normcase(p.name)}"
