"""Consolidation (汇总): an upper-level union reads the filing .xlsx of many grassroots unions.

Each file is read and checked on its own (models/consolidate_read.py: our format and
version, edited after export, sums, the form's checks, figures not entered); then
across files:

- the year: the one most files are about (or the one asked for); a file of another
  year is skipped, named;
- duplicate credit codes: one union is counted once. The file with the later filed
  version is kept (the first given when that does not decide), the other skipped;
  both files name each other.

The result is one row per union (the figures by indicator code) and a totals row:
counts and money summed, 是否 counted as the number of unions that said 是, text
left blank. A figure not entered is not counted (and reported for its file).
No Qt, no database: plain files in, plain data out (reports/consolidate_xlsx.py writes it).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from models.consolidate_read import FileResult, read_filing
from models.filing_form import INDICATORS, YES_NO
from models.filing_marker import Value

Progress = Callable[[int, int], None]  # (done, total); raises models.tasks.Cancelled to stop


@dataclass
class Consolidation:
    year: int | None
    files: list[FileResult]  # every file, in the order given
    totals: dict[str, Value] = field(default_factory=dict)

    @property
    def included(self) -> list[FileResult]:
        return [f for f in self.files if f.included]

    @property
    def skipped(self) -> list[FileResult]:
        return [f for f in self.files if not f.included]

    @property
    def with_problems(self) -> list[FileResult]:
        return [f for f in self.files if f.included and f.problems]

    @property
    def confidential(self) -> bool:
        """Whether any filing consolidated carries a 内部资料 mark (the result then carries it too)."""
        return any(f.marker and f.marker["confidential"] for f in self.included)

    def counts_line(self) -> str:
        return (
            f"共读取 {len(self.files)} 个文件：汇总 {len(self.included)} 个"
            f"（其中 {len(self.with_problems)} 个有问题，需核对），跳过 {len(self.skipped)} 个。"
        )


def expand(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files named, a folder standing for the .xlsx files in it (not its sub-folders);
    the same file given twice is read once. Excel's lock files (~$…) and our own
    half-written files (.~…) are left out of a folder."""
    out: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        found = sorted(
            (c for c in p.iterdir() if c.suffix.lower() == ".xlsx" and not c.name.startswith(("~$", ".~")) and c.is_file()),
            key=lambda c: c.name,
        ) if p.is_dir() else [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def display_names(paths: list[Path]) -> list[str]:
    """File names, or paths from the common folder when names repeat (every union's export
    is called 2025年度基层工会统计年报.xlsx unless renamed)."""
    names = [p.name for p in paths]
    if len(set(names)) == len(names) or len(paths) < 2:
        return names
    try:
        common = Path(os.path.commonpath([str(p.resolve().parent) for p in paths]))
        return [str(p.resolve().relative_to(common)) for p in paths]
    except ValueError:  # different drives
        return [str(p) for p in paths]


def _choose_year(files: list[FileResult], year: int | None) -> int | None:
    if year is not None:
        return year
    years = Counter(f.year for f in files if f.included and f.year is not None)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))  # the most files; a tie goes to the later year


def _check_year(files: list[FileResult], year: int | None) -> None:
    for f in files:
        if f.included and f.year != year:
            f.skip(f"年度为 {f.year} 年，与汇总年度 {year} 年不同")


def _check_duplicates(files: list[FileResult]) -> None:
    by_code: dict[str, list[FileResult]] = {}
    for f in files:
        if f.included and f.credit_code:
            by_code.setdefault(f.credit_code, []).append(f)
    for code, group in by_code.items():
        if len(group) < 2:
            continue
        kept = max(group, key=lambda f: (f.marker["filed_version"] or 0, -group.index(f)))  # type: ignore[index, operator]
        others = [f for f in group if f is not kept]
        for f in others:
            f.skip(f"统一社会信用代码 {code} 与“{kept.name}”相同：同一单位只汇总一份，已汇总“{kept.name}”")
        kept.problems.append(
            f"统一社会信用代码 {code} 与{'、'.join(f'“{f.name}”' for f in others)}相同：同一单位只汇总一份，汇总的是本文件"
        )


def totals(files: list[FileResult]) -> dict[str, Value]:
    """The totals row: sums of counts and money, the number of 是 for yes/no, None for text."""
    out: dict[str, Value] = {}
    for ind in INDICATORS:
        if ind.unit == "":
            out[ind.code] = None
            continue
        numbers = [v for f in files if isinstance(v := f.values.get(ind.code), int)]
        if not numbers:  # no union entered it: blank, not a total of 0
            out[ind.code] = None
        else:
            out[ind.code] = sum(1 for v in numbers if v == 1) if ind.unit == YES_NO else sum(numbers)
    return out


def consolidate(paths: Iterable[str | os.PathLike], *, year: int | None = None, progress: Progress | None = None) -> Consolidation:
    """Read and check every file, then consolidate those that pass (see the module's note)."""
    found = expand(paths)
    names = display_names(found)
    total = len(found)
    tick = progress or (lambda done, total: None)
    files: list[FileResult] = []
    for i, (path, name) in enumerate(zip(found, names)):
        tick(i, total)
        files.append(read_filing(path, name, lambda: tick(i, total)))
    tick(total, total)
    chosen = _choose_year(files, year)
    _check_year(files, chosen)
    _check_duplicates(files)
    result = Consolidation(chosen, files)
    result.totals = totals(result.included)
    return result


def report_lines(result: Consolidation) -> list[str]:
    """What the CLI prints (and the dialog shows): each file skipped or with problems, then the counts."""
    lines = []
    for f in result.files:
        if f.skipped:
            lines.append(f"已跳过 {f.name}：{f.skipped}")
        for problem in f.problems:
            lines.append(f"有问题 {f.name}：{problem}")
    if result.year is not None:
        lines.append(f"汇总年度：{result.year} 年。{result.counts_line()}")
    else:
        lines.append(result.counts_line())
    return lines
