"""The one clock: fixed in tests, restored afterwards."""

from __future__ import annotations

import datetime as _dt

from models import clock


def test_frozen_sets_today_and_restores_the_previous_clock() -> None:
    before = clock.get_clock()
    with clock.frozen("2025-12-31"):
        assert clock.today() == _dt.date(2025, 12, 31)
        assert clock.today_iso() == "2025-12-31"
        assert clock.now_iso().startswith("2025-12-31T")
        assert clock.stamp().startswith("20251231-")
        with clock.frozen("2024-02-29T23:59:59"):
            assert clock.now_iso() == "2024-02-29T23:59:59"
        assert clock.today_iso() == "2025-12-31"
    assert clock.get_clock() is before


def test_system_clock_follows_the_machine() -> None:
    previous = clock.set_clock(clock.SystemClock())
    try:
        assert abs((clock.now() - _dt.datetime.now()).total_seconds()) < 5
    finally:
        clock.set_clock(previous)
