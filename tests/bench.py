"""Speed figures the issues ask for, printed as a table: `python -m tests.bench [PART ...]`.

Not part of the test run and without assertions: timings depend on the machine.
Each line carries its floor where one is measurable (the same work's limit, measured
in the same run) and the ratio. A whole run writes the table to docs/bench.md.
The parts live in tests/bench_gui.py, bench_files.py and bench_paper.py.
"""

from __future__ import annotations

import sys

from tests.bench_core import ROOT, big_database, print_table, write_table
from tests.bench_files import consolidate_500, export_100k, import_100k, import_10k
from tests.bench_gui import gui, member_time, member_window, startup
from tests.bench_paper import roster_pdf

PARTS = {"startup": startup, "gui": gui, "import": lambda _: import_10k(), "import_100k": import_100k, "roster": roster_pdf,
         "member_time": member_time, "member_window": member_window, "consolidate_500": consolidate_500, "export_100k": export_100k}


def main() -> None:
    """All figures, or only the parts named: `python -m tests.bench member_time`."""
    db_path = big_database()
    for name in sys.argv[1:] or PARTS:
        PARTS[name](db_path)
    print_table()
    if not sys.argv[1:]:  # only a whole run replaces the table the README links
        write_table(ROOT / "docs" / "bench.md")


if __name__ == "__main__":
    main()
