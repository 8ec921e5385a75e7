"""Progress reporting and cancelling for long work, without Qt.

Long functions (import, export, big PDFs) take an optional `progress(done, total)`
callback. The GUI's callback raises Cancelled when the user presses 取消; the
function lets it propagate, and its transaction rolls back, so a cancelled
import writes nothing.

A callback is only a chance to cancel when it is called: long loops call it
through a Ticker, every few hundred items and at every checkpoint of work that
is not counted in items (a chunk of a file read, a wait on another thread), so
取消 is answered within a fraction of a second whatever the work is doing.
"""

from __future__ import annotations

from typing import Callable, Optional

ProgressFn = Optional[Callable[[int, int], None]]

# How many items a loop handles between two calls of the callback: a few
# milliseconds of work, and few enough calls not to cost anything measurable.
EVERY = 200


class Cancelled(Exception):
    """The user cancelled the work; nothing was changed."""


def report(progress: ProgressFn, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


class Ticker:
    """Counts the items of one job and calls `progress` every `every` items.

    `check()` is a cancel point that does not move the bar: readers call it per
    chunk of a file, waits call it while they wait.
    """

    def __init__(self, progress: ProgressFn, total: int = 0, every: int = EVERY) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        self.every = every
        self._next = every

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.done >= self._next:
            self._next = self.done + self.every
            report(self.progress, self.done, max(self.total, self.done))

    def check(self) -> None:
        report(self.progress, self.done, max(self.total, self.done))

    def finish(self) -> None:
        report(self.progress, self.total or self.done, self.total or self.done)
