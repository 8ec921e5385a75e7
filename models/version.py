"""The program's version: the one place it is written besides pyproject.toml.

`uv run` does not install this project as a package (pyproject: `package = false`), so
importlib.metadata cannot see it; the built program has no pyproject.toml either. Both
`main.py --version` and 设置 › 关于 read VERSION; tests/test_version.py keeps it equal to
pyproject's `version`, and tools/build.py stamps it into the Windows version resource and
the installer.
"""

from __future__ import annotations

import sys

VERSION = "0.1.0"
APP_TITLE = "工会台账"


def frozen() -> bool:
    """True in the built program (PyInstaller), False when run from source."""
    return bool(getattr(sys, "frozen", False))


def describe() -> str:
    """One line for --version and the 关于 box: the version and how the program runs."""
    how = "安装版" if frozen() else f"源码运行，Python {sys.version_info.major}.{sys.version_info.minor}"
    return f"{APP_TITLE} {VERSION}（{how}）"
