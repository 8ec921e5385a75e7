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


def test_no_code_reads_the_machine_clock_behind_the_ledgers_back() -> None:
    """Every today and now comes from models.clock, so a test (or a chair back-filling
    last year) that sets the clock sets it for the forms, exports and checks too."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    reads = re.compile(r"\b(?:date|datetime)\.(?:today|now|utcnow)\(|\btime\.time\(\)|\bQDate\.currentDate\(|\bQDateTime\.currentDateTime\(")
    offenders = []
    for folder in ("models", "reports", "ui"):
        for path in (root / folder).rglob("*.py"):
            if path.name == "clock.py":
                continue
            for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if reads.search(text):
                    offenders.append(f"{path.relative_to(root)}:{n}: {text.strip()}")
    for path in [root / "main.py"]:
        offenders += [f"main.py: {t.strip()}" for t in path.read_text(encoding="utf-8").splitlines() if reads.search(t)]
    assert offenders == []


def test_a_frozen_clock_reaches_what_the_chair_prints(tmp_path) -> None:
    """The roster's export line says the ledger's today, not the machine's."""
    from models import member_export
    from models.db import open_database
    from models.member_list import DEFAULT_COLUMNS, MemberFilter

    db = open_database(tmp_path / "l.db")
    out = tmp_path / "r.xlsx"
    with clock.frozen("2025-12-31"):
        member_export.export_members(db, MemberFilter(), list(DEFAULT_COLUMNS), out, mask_id=True)
    from openpyxl import load_workbook

    text = " ".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value)
    assert "2025-12-31" in text
