"""When disclosures fall due: periods of a regular subject, due dates, and what is due
or overdue as of a day.

The rules (domain §3, timing): a regular subject is disclosed once per period —
月度, 季度, 半年, 年度 — by the DUE_DAY (10th) of the month after the period ends
(March's wages by 10 April; the first quarter by 10 April; the first half by
10 July; the year by 10 January). A matter disclosed 事项发生时 is due within
ARISE_DAYS of the day it arose. Everything is computed as of a day `on` from dated
facts (an item counts from its 公开日期, a subject from its start), so a past day
reads as it stood then; nothing is stored that could go stale.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlite_utils import Database

from models import codes

DUE_DAY = 10  # of the month after the period ends
ARISE_DAYS = 7  # days after a matter arises
REGULAR = ("monthly", "quarterly", "half_yearly", "yearly")
_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
_QUARTERS = "一二三四"

STATE_LABELS = {"done": "已按时公开", "late": "逾期公开", "due": "本期应公开", "overdue": "已逾期未公开"}


@dataclass(frozen=True)
class Period:
    kind: str
    start: str  # ISO, first day
    end: str  # ISO, last day

    @property
    def label(self) -> str:
        return period_label(self.kind, self.start, self.end)

    @property
    def due_on(self) -> str:
        return due_after(self.end)


def _month_start(year: int, month: int) -> _dt.date:
    return _dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def period_of(kind: str, day: str | _dt.date) -> Period:
    """The period of a regular kind that contains `day`."""
    d = _dt.date.fromisoformat(day) if isinstance(day, str) else day
    size = _MONTHS[kind]
    first = (d.month - 1) // size * size + 1
    start = _dt.date(d.year, first, 1)
    end = _month_start(d.year, first + size) - _dt.timedelta(days=1)
    return Period(kind, start.isoformat(), end.isoformat())


def next_period(p: Period) -> Period:
    return period_of(p.kind, _dt.date.fromisoformat(p.end) + _dt.timedelta(days=1))


def periods_of_year(kind: str, year: int) -> list[Period]:
    out = [period_of(kind, _dt.date(year, 1, 1))]
    while out[-1].end < f"{year}-12-31":
        out.append(next_period(out[-1]))
    return out


def is_period_start(kind: str, day: str) -> bool:
    return period_of(kind, day).start == day


def due_after(end: str) -> str:
    """The DUE_DAY of the month after the period's last day."""
    e = _dt.date.fromisoformat(end)
    return _month_start(e.year, e.month + 1).replace(day=DUE_DAY).isoformat()


def arise_due(arose_on: str) -> str:
    return (_dt.date.fromisoformat(arose_on) + _dt.timedelta(days=ARISE_DAYS)).isoformat()


def period_label(kind: str | None, start: str | None, end: str | None) -> str:
    """2026年3月, 2026年第一季度, 2026年上半年, 2026年度; else the dates as written."""
    if not start:
        return ""
    y, m = int(start[:4]), int(start[5:7])
    if kind in _MONTHS and period_of(kind, start) == Period(kind, start, end or ""):
        return {
            "monthly": f"{y}年{m}月",
            "quarterly": f"{y}年第{_QUARTERS[(m - 1) // 3]}季度",
            "half_yearly": f"{y}年{'上' if m <= 6 else '下'}半年",
            "yearly": f"{y}年度",
        }[kind]
    for guess in REGULAR:  # an item without a subject that covers a whole period
        if end and period_of(guess, start) == Period(guess, start, end):
            return period_label(guess, start, end)
    return f"{start}至{end}" if end and end != start else start


def item_due_on(kind: str | None, period_start: str | None, period_end: str | None, arose_on: str | None) -> str | None:
    """When one item is due: by its period (a regular subject) or from the day its matter arose."""
    if kind in REGULAR and period_end:
        return due_after(period_end)
    if arose_on:
        return arise_due(arose_on)
    return None


def timeliness(due_on: str | None, disclosed_on: str | None, on: str) -> str:
    """done / late / due / overdue for one obligation as of `on` ("" when nothing is due)."""
    if due_on is None:
        return "done" if disclosed_on and disclosed_on <= on else ""
    if disclosed_on and disclosed_on <= on:
        return "done" if disclosed_on <= due_on else "late"
    return "due" if on <= due_on else "overdue"


# ---------------------------------------------------------------- what is due as of a day

def obligations(db: Database, on: str, *, since: str | None = None) -> list[dict]:
    """Every obligation that had arisen by `on`, with its state as of that day.

    Regular subjects: each period that has ended by `on` from the subject's start
    (until it stopped), and the running period if already disclosed. Matters as they
    arise: each item that had arisen and was not disclosed by `on`. `since` leaves out
    periods that ended before it (a year's register). Each row: subject_id, item_id,
    title, period_kind, period_start, period_end, period_label, due_on, disclosed_on, state.
    """
    out: list[dict] = []
    subjects = db.execute(
        "SELECT id, title, period_kind, start_date, end_date FROM disclosure_subjects "
        "WHERE voided_at IS NULL AND start_date <= ? AND period_kind IN ('monthly', 'quarterly', 'half_yearly', 'yearly') ORDER BY id",
        (on,),
    ).fetchall()
    for subject_id, title, kind, start, stop in subjects:
        done = {
            r[0]: (r[1], r[2])
            for r in db.execute(
                "SELECT period_start_date, id, disclosed_on FROM disclosure_items WHERE subject_id = ? AND voided_at IS NULL "
                "AND disclosed_on IS NOT NULL AND disclosed_on <= ? ORDER BY disclosed_on DESC, id DESC",
                (subject_id, on),
            )
        }
        p = period_of(kind, start)
        while p.start <= on and (stop is None or p.start <= stop):
            ended = p.end < on
            if (ended or p.start in done) and (since is None or p.end >= since):
                item_id, disclosed = done.get(p.start, (None, None))
                out.append({
                    "subject_id": subject_id, "item_id": item_id, "title": title, "period_kind": kind, "period_start": p.start,
                    "period_end": p.end, "period_label": p.label, "due_on": p.due_on, "disclosed_on": disclosed,
                    "state": timeliness(p.due_on, disclosed, on),
                })
            p = next_period(p)
    for item_id, subject_id, title, arose, disclosed in db.execute(
        "SELECT id, subject_id, title, arose_on, disclosed_on FROM disclosure_items WHERE voided_at IS NULL AND arose_on IS NOT NULL "
        "AND arose_on <= ? AND (subject_id IS NULL OR subject_id IN (SELECT id FROM disclosure_subjects WHERE period_kind = 'as_arises')) "
        "AND (disclosed_on IS NULL OR disclosed_on > ?) ORDER BY arose_on, id",
        (on, on),
    ).fetchall():
        due = arise_due(arose)
        out.append({
            "subject_id": subject_id, "item_id": item_id, "title": title, "period_kind": "as_arises", "period_start": arose,
            "period_end": arose, "period_label": f"{arose} 发生", "due_on": due, "disclosed_on": None, "state": timeliness(due, None, on),
        })
    return out


def due_now(db: Database, on: str) -> list[dict]:
    """What the register flags on `on`: due this period, or overdue; the most pressing first."""
    rows = [r for r in obligations(db, on) if r["state"] in ("due", "overdue")]
    return sorted(rows, key=lambda r: (r["state"] != "overdue", r["due_on"], r["title"]))


def kind_label(kind: str | None) -> str:
    return codes.PERIOD_KIND.label(kind) if kind else "不定期"
