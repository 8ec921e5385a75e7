"""Keep None, True and False alive however many references PySide6 drops.

With PySide6 6.12 on Python 3.10/3.11, every Qt method that returns void hands back
None without taking a reference (so does Signal.emit() with True): each call lowers
None's refcount by one. tests/qt_refcount_probe.py shows it for setText, addItem,
insertRow, beginResetModel, setEnabled … - not a few calls that ui/ could avoid, but
nearly every call. When the count reaches zero CPython aborts ("Fatal Python error:
none_dealloc", "bool_dealloc", or "munmap_chunk(): invalid pointer"); at interpreter
exit, when every real holder lets go, even a small deficit is enough.

Python 3.12 made these objects immortal (PEP 683) by giving them a refcount so large
that no sequence of decrements reaches zero. pin_singletons() does the same here: it
adds PIN to each refcount once. Tables still avoid per-cell calls (ui.widgets.rows_model)
so that the deficit stays small and measurable in tests.
"""

from __future__ import annotations

import ctypes
import sys

PIN = 1 << 32  # four billion leaked calls before trouble; a day's work is a few hundred thousand
_pinned = False


def needed() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def _add(delta: int) -> None:
    # ob_refcnt is the first field of every CPython object (Py_ssize_t), and id() is its address.
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += delta


def pin_singletons() -> bool:
    """Idempotent; returns whether the pin is in place. Call before the first Qt call."""
    global _pinned
    if not _pinned and needed():
        _add(PIN)
        _pinned = True
    return _pinned


def unpin_singletons() -> None:
    """For tests that must see the bare counts (a child process measuring the helpers)."""
    global _pinned
    if _pinned:
        _add(-PIN)
        _pinned = False
