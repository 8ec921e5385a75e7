"""Progress reporting for long work, without Qt.

Long functions (import, export, big PDFs) take an optional `progress(done, total)`
callback. The GUI's callback raises Cancelled when the user presses 取消; the
function lets it propagate, and its transaction rolls back, so a cancelled
import writes nothing.
"""

from __future__ import annotations

from typing import Callable, Optional

ProgressFn = Optional[Callable[[int, int], None]]


class Cancelled(Exception):
    """The user cancelled the work; nothing was changed."""


def report(progress: ProgressFn, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
