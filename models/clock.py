"""The one clock of the ledger: every "today" and "now" in the program comes from here.

The chair's work is statements about dates, so which day it is must be one fact
that tests (and a chair back-filling last year's books) can set. Code never calls
`date.today()` or `datetime.now()` itself; it asks this module, or takes a date
from its caller. Tests fix the clock with `frozen(...)` or `set_clock(...)`.
"""

from __future__ import annotations

import datetime as _dt
from contextlib import contextmanager
from typing import Iterator, Protocol


class Clock(Protocol):
    def now(self) -> _dt.datetime: ...


class SystemClock:
    """The machine's local time."""

    def now(self) -> _dt.datetime:
        return _dt.datetime.now()


class FixedClock:
    """A clock that stands still at one moment (tests, reproducible demo data)."""

    def __init__(self, moment: _dt.datetime | _dt.date | str) -> None:
        self.moment = _as_datetime(moment)

    def now(self) -> _dt.datetime:
        return self.moment


def _as_datetime(moment: _dt.datetime | _dt.date | str) -> _dt.datetime:
    if isinstance(moment, str):
        moment = _dt.datetime.fromisoformat(moment) if "T" in moment or " " in moment else _dt.date.fromisoformat(moment)
    if isinstance(moment, _dt.datetime):
        return moment
    return _dt.datetime.combine(moment, _dt.time(9, 0))


_clock: Clock = SystemClock()


def get_clock() -> Clock:
    return _clock


def set_clock(clock: Clock) -> Clock:
    """Install a clock; returns the one it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


@contextmanager
def frozen(moment: _dt.datetime | _dt.date | str) -> Iterator[FixedClock]:
    """Within the block, the ledger's today is `moment`."""
    clock = FixedClock(moment)
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


def now() -> _dt.datetime:
    return _clock.now()


def today() -> _dt.date:
    return _clock.now().date()


def today_iso() -> str:
    """Today as the ISO text the books store (YYYY-MM-DD)."""
    return today().isoformat()


def now_iso() -> str:
    """This moment to the second, as stored in the audit trail."""
    return _clock.now().isoformat(timespec="seconds")


def stamp() -> str:
    """This moment for file names (backups): 20261125-091502."""
    return _clock.now().strftime("%Y%m%d-%H%M%S")
