"""What every part of the benchmark shares: the table, the cached ledgers, the timing helpers.

The parts are in tests/bench_*.py; `python -m tests.bench` (tests/bench.py) runs them.

Not part of the test run and without assertions: timings depend on the machine.
The 100,000-member database is built once and cached in the temp folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = Path(tempfile.gettempdir()) / "union-ledger-bench-v3"
MEMBERS = 100_000

rows: list[tuple[str, str, str, str, str, str]] = []


def _figure(value: float, unit: str) -> str:
    return f"{value:.0f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def record(name: str, target: str, value: float, unit: str, limit: float | None, floor: float | None = None) -> None:
    """One line of the table. `floor` is the same work's limit measured in the same run (the
    same SQL alone, a bare window, reportlab drawing the pages without layout …), in `unit`,
    so the reader sees how close the figure is to what this machine can do at all."""
    verdict = "" if limit is None else ("达标" if value <= limit else "未达标")
    floor_text = "" if floor is None else _figure(floor, unit)
    ratio = "" if not floor else f"{value / floor:.1f}×"
    rows.append((name, target, _figure(value, unit), floor_text, ratio, verdict))


def big_database() -> Path:
    from models.db import open_database
    from models.demo import fill_demo

    CACHE.mkdir(exist_ok=True)
    path = CACHE / "members-100k.db"
    if path.exists():
        return path
    partial = CACHE / "building.db"
    for p in CACHE.glob("building.db*"):
        p.unlink()
    db = open_database(partial)
    t = time.perf_counter()
    fill_demo(db, MEMBERS, with_history=False)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)
    print(f"（已生成 {MEMBERS:,} 名会员的测试数据库，用时 {time.perf_counter() - t:.1f} 秒）", file=sys.stderr)
    return path


def _median_ms(work, times: int = 5) -> float:
    runs = []
    for _ in range(times):
        t = time.perf_counter()
        work()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)



YEARS_OF_DUES = 10


def history_database(base: Path) -> Path:
    """The 100,000-member ledger with years behind it, built once from the cached one.

    Bench data, written in bulk (executemany, INSERT … SELECT) without audit entries:
    10 years of monthly dues for every member (12 million rows), one member in ten
    moved to another department on 2026-03-03, one in twenty with a 学历 changed in
    2024, one in fifty retained and one in a hundred gone (退会) during 2026.
    """
    import shutil
    import sqlite3

    from models.db import open_database
    from models.demo import DEPARTMENTS

    path = CACHE / "members-100k-10y.db"
    if path.exists():
        return path
    partial = CACHE / "building-10y.db"
    for p in CACHE.glob("building-10y.db*"):
        p.unlink()
    t = time.perf_counter()
    db = open_database(base)  # brings the cached file to the current schema
    db.close()
    shutil.copyfile(base, partial)
    db = open_database(partial)
    ids = [r[0] for r in db.execute("SELECT id FROM members ORDER BY id")]
    current = dict(db.execute("SELECT id, department FROM members").fetchall())
    stamp = "2026-06-30T09:00:00"
    moved = ids[::10]
    names = [d for d, _ in DEPARTMENTS]
    with db.atomic():
        rows = []
        for i, mid in enumerate(moved):
            new = names[(names.index(current[mid]) + 1 + i % 3) % len(names)]
            rows += [(mid, "department", "", current[mid], stamp), (mid, "department", "2026-03-03", new, stamp)]
            current[mid] = new
        studied = ids[3::20]
        edu = dict(db.execute("SELECT id, education FROM members").fetchall())
        for mid in studied:
            rows += [(mid, "education", "", edu[mid], stamp), (mid, "education", "2024-07-01", "bachelor", stamp)]
        db.conn.executemany("INSERT INTO member_changes (member_id, field, date, value, created_at) VALUES (?, ?, ?, ?, ?)", rows)
        db.conn.executemany("UPDATE members SET department = ? WHERE id = ?", [(current[m], m) for m in moved])
        db.conn.executemany("UPDATE members SET education = 'bachelor' WHERE id = ?", [(m,) for m in studied])
        events = [(m, "retain", "2026-02-01", "retired", stamp) for m in ids[7::50]]
        events += [(m, "withdraw", "2026-04-01", "own_request", stamp) for m in ids[9::100]]
        db.conn.executemany("INSERT INTO membership_events (member_id, kind, date, reason, created_at) VALUES (?, ?, ?, ?, ?)", events)
    db.close()
    # 12 million rows: one INSERT … SELECT in member order (the (member_id, period)
    # indexes only ever append), without a rollback journal: a failed build is redone.
    conn = sqlite3.connect(partial)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute(
        f"""WITH RECURSIVE months(n, period) AS (
                SELECT 0, '{2026 - YEARS_OF_DUES}-01'
                UNION ALL SELECT n + 1, printf('%04d-%02d', {2026 - YEARS_OF_DUES} + (n + 1) / 12, (n + 1) % 12 + 1)
                FROM months WHERE n + 1 < {YEARS_OF_DUES * 12})
            INSERT INTO dues_payments (member_id, period, amount_fen, wage_fen, paid_on, note, created_at)
            SELECT m.id, p.period, m.monthly_wage_fen / 1000 * 5, m.monthly_wage_fen, p.period || '-15', '', '{stamp}'
            FROM members m CROSS JOIN months p ORDER BY m.id, p.period"""
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    partial.rename(path)
    count = MEMBERS * YEARS_OF_DUES * 12
    print(f"（已生成 {YEARS_OF_DUES} 年会费 {count:,} 条及会员变动，用时 {time.perf_counter() - t:.1f} 秒）", file=sys.stderr)
    return path


HEADERS = ("指标", "目标", "实测", "下限", "倍数", "结论")


def table_text() -> str:
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    line = "  ".join(h + " " * (widths[i] - width(h)) for i, h in enumerate(HEADERS))
    out = [line, "-" * width(line)]
    out += ["  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip() for r in rows]
    return "\n".join(out)


def print_table() -> None:
    print(table_text())


def write_table(path: Path) -> None:
    """The table as the README links it: when and where it was measured, then the figures."""
    import platform

    stamp = time.strftime("%Y-%m-%d %H:%M")
    machine = f"{platform.system()} {platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}"
    path.write_text(
        "# 速度实测（`python -m tests.bench`）\n\n"
        f"测于 {stamp}，{machine}，{MEMBERS:,} 名会员。“下限”是同一次运行中同样工作的极限"
        "（同一条 SQL 单独执行、空白窗口、reportlab 不排版直接画同样页数……），“倍数”是实测与下限之比。\n\n"
        f"```\n{table_text()}\n```\n",
        encoding="utf-8",
    )
