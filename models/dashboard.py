"""The 首页 dashboard: what needs doing as of today, and the year in figures.

Plain data for ui/pages/home.py. Every figure comes from the function the module's own
page uses (the 提案 tab's 逾期, the 厂务公开 register's 应公开/逾期, the aid list's 待年度复核,
the innovation page's overdue tasks, the 未缴会费名单), so the 首页 and the list it opens
never disagree. Each item names its `Target`: the page, and the view or filter on it,
that lists what the figure counts.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable

from sqlite_utils import Database

from models import clock, codes

TOP_DEPARTMENTS = 6  # the department chart's bars; the rest are summed as 其他


@dataclass(frozen=True)
class Target:
    """Where a figure's list is: a MainWindow page key, and on it a view (a page's own code:
    'overdue', 'review_due', 'due', a proposal or member status …), a record (a congress
    session) and a department."""

    page: str
    view: str = ""
    ident: int | None = None
    department: str = ""


@dataclass(frozen=True)
class TodoItem:
    key: str
    label: str
    count: int  # how many need doing (0: nothing to do)
    value: str  # what the card shows large: the count, or the next congress's date
    detail: str  # one short line under it
    target: Target


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # people, items, or fen for money
    target: Target | None = None


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    unit: str  # 人 / 件 / 元 (money bars hold fen)
    bars: list[Bar] = field(default_factory=list)
    empty_text: str = "暂无数据"

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)


# ---------------------------------------------------------------- what needs doing

def _day(on: str | None) -> str:
    return on or clock.today_iso()


def overdue_proposals(db: Database, on: str | None = None) -> TodoItem:
    """Proposals past their deadline without a reply (the 提案 tab's 逾期未答复), opened on the
    session holding the most of them (the tab lists one session at a time)."""
    from models import proposals

    rows = proposals.list_proposals(db, overdue_on=_day(on))
    sessions: dict[int, int] = {}
    for r in rows:
        sessions[r["session_id"]] = sessions.get(r["session_id"], 0) + 1
    session = max(sessions, key=lambda s: (sessions[s], s)) if sessions else None
    detail = "超过办理期限" if rows else "没有逾期的提案"
    return TodoItem("proposals", "提案逾期未答复", len(rows), str(len(rows)), detail, Target("congress", "overdue", session))


def disclosures_due(db: Database, on: str | None = None) -> TodoItem:
    """厂务公开 obligations due this period or overdue (the register's 应公开/逾期 tab)."""
    from models import disclosure_schedule

    rows = disclosure_schedule.due_now(db, _day(on))
    late = sum(1 for r in rows if r["state"] == "overdue")
    detail = f"其中逾期 {late} 项" if late else ("本期应公开" if rows else "没有到期的公开事项")
    return TodoItem("disclosure", "厂务公开应公开/逾期", len(rows), str(len(rows)), detail, Target("disclosure", "due"))


def aid_reviews_due(db: Database, on: str | None = None) -> TodoItem:
    """Aid files in effect with no review for a year (the aid list's 待年度复核)."""
    from models import aid_payments

    rows = aid_payments.list_cases(db, "review_due", today=_day(on))
    detail = "在档满一年未复核" if rows else "没有待复核的档案"
    return TodoItem("aid", "困难档案待年度复核", len(rows), str(len(rows)), detail, Target("aid", "review_due"))


def innovation_overdue(db: Database, on: str | None = None) -> TodoItem:
    """Tasks of followed innovation projects past due and not done (the innovation page's list)."""
    from models import innovation_plan

    rows = innovation_plan.overdue_tasks(db, on=_day(on))
    projects = len({r["project_id"] for r in rows})
    detail = f"涉及 {projects} 个项目" if rows else "没有逾期任务"
    return TodoItem("innovation", "创新项目任务逾期", len(rows), str(len(rows)), detail, Target("innovation", "overdue"))


def unpaid_dues(db: Database, on: str | None = None) -> TodoItem:
    """Members who owe this month's dues and have not paid them (the 未缴会费名单's rule)."""
    from models import dues

    period = _day(on)[:7]
    count = dues.count_unpaid(db, period)
    month = int(period[5:7])
    detail = f"{month}月会费尚未缴纳" if count else f"{month}月会费已缴齐"
    return TodoItem("dues", "本月未缴会费", count, str(count), detail, Target("members", "dues"))


def next_congress(db: Database, on: str | None = None) -> TodoItem:
    """The next congress session on or after `on` (voided sessions left out)."""
    from models import congress

    day = _day(on)
    upcoming = []
    for term in congress.terms(db):
        for s in congress.sessions(db, term.id):
            if s.voided_at is None and s.date >= day:
                upcoming.append((s.date, s.id, congress.session_name(term.number, s.number, assembly=term.is_assembly)))
    if not upcoming:
        return TodoItem("congress", "下次职代会", 0, "—", "尚未安排", Target("congress"))
    date, session_id, name = min(upcoming)
    days = (_dt.date.fromisoformat(date) - _dt.date.fromisoformat(day)).days
    when = "今天" if days == 0 else f"还有 {days} 天"
    value = f"{int(date[5:7])}月{int(date[8:10])}日"
    return TodoItem("congress", "下次职代会", 1, value, f"{name}（{when}）", Target("congress", "", session_id))


TODO_ITEMS = (overdue_proposals, disclosures_due, aid_reviews_due, innovation_overdue, unpaid_dues, next_congress)


def todo(db: Database, on: str | None = None) -> list[TodoItem]:
    """What needs doing as of `on` (today by default), in the order the 首页 shows it."""
    day = _day(on)
    return [item(db, day) for item in TODO_ITEMS]


# ---------------------------------------------------------------- the year in figures

def members_by_status(db: Database) -> Chart:
    """Members now, by 会籍状态, voided members being none (models.members.count_members for
    every status in one pass over the (status, voided_at, …) index; importing models.members
    for it cost the start-up 20 ms)."""
    statuses = codes.MEMBER_STATUS.codes()
    counts = dict(
        db.execute(
            f"SELECT status, count(*) FROM members WHERE status IN ({', '.join('?' * len(statuses))}) AND voided_at IS NULL GROUP BY status",
            statuses,
        ).fetchall()
    )
    bars = [Bar(label, counts[code], Target("members", code)) for code, label in codes.MEMBER_STATUS.pairs() if counts.get(code)]
    return Chart("status", "会员：会籍状态", "人", bars, "还没有会员")


def members_by_department(db: Database, top: int = TOP_DEPARTMENTS) -> Chart:
    """在会 members by department, the largest `top` and the rest as 其他 (all departments).

    Read from indexes alone at 100,000 members: every member by department (the covering
    (voided_at, department) index, ~7 ms), less those not 在会 (found by the status index:
    few, where reading the status of every row took ~85 ms)."""
    others = [code for code in codes.MEMBER_STATUS.codes() if code != "active"]
    counts = dict(db.execute("SELECT department, count(*) FROM members WHERE voided_at IS NULL GROUP BY department").fetchall())
    for dept, n in db.execute(
        f"SELECT department, count(*) FROM members WHERE status IN ({', '.join('?' * len(others))}) AND +voided_at IS NULL GROUP BY department",
        others,
    ):
        counts[dept] -= n
    ranked = sorted(((d, n) for d, n in counts.items() if n > 0), key=lambda r: (-r[1], r[0]))
    bars = [Bar(dept or "（未填部门）", n, Target("members", "active", None, dept)) for dept, n in ranked[:top]]
    rest = sum(n for _, n in ranked[top:])
    if rest:
        bars.append(Bar("其他", rest, Target("members", "active")))
    return Chart("department", "在会会员：部门", "人", bars, "还没有在会会员")


def aid_by_month(db: Database, year: int) -> Chart:
    """Valid aid money paid in each month of the year (fen), by the day it was paid."""
    rows = dict(
        db.execute(
            "SELECT substr(date, 6, 2), sum(amount_fen) FROM aid_payments WHERE voided_at IS NULL AND date BETWEEN ? AND ? GROUP BY 1",
            (f"{year:04d}-01-01", f"{year:04d}-12-31"),
        ).fetchall()
    )
    bars = [Bar(f"{m}月", rows.get(f"{m:02d}", 0) or 0, Target("aid", "active")) for m in range(1, 13)]
    return Chart("aid_month", f"{year}年帮扶金额：按月", "元", bars if any(b.value for b in bars) else [], "本年度尚无帮扶发放")


def aid_by_type(db: Database, year: int) -> Chart:
    """Valid aid money of the year by 帮扶类型 (models.aid_payments.totals)."""
    from models.aid_payments import totals

    by_type = totals(db, year)["by_type"]
    bars = [Bar(label, by_type[code]["total_fen"], Target("aid", "active")) for code, label in codes.AID_TYPE.pairs() if by_type.get(code)]
    return Chart("aid_type", f"{year}年帮扶金额：按类型", "元", bars, "本年度尚无帮扶发放")


def proposals_by_state(db: Database, year: int) -> Chart:
    """Proposals received in the year (submitted in it, as the yearly filing counts them), by
    their state now; a bar opens the 提案 tab of the latest session holding them."""
    from models import proposals

    rows = [r for r in proposals.list_proposals(db) if (r["submitted_on"] or "")[:4] == f"{year:04d}"]
    session = max((r["session_id"] for r in rows), default=None)
    bars = []
    for code, label in codes.PROPOSAL_STATE.pairs():
        n = sum(1 for r in rows if r["state"] == code)
        if n:
            bars.append(Bar(label, n, Target("congress", code, session)))
    return Chart("proposals", f"{year}年提案：办理状态", "件", bars, "本年度尚无提案")


def year_figures(db: Database, year: int | None = None) -> list[Chart]:
    """The year in figures: members now, and the year's aid and proposals."""
    return [part() for part in _chart_parts(db, year or clock.today().year)]


def _chart_parts(db: Database, year: int) -> list[Callable[[], Chart]]:
    return [
        lambda: members_by_status(db), lambda: members_by_department(db), lambda: proposals_by_state(db, year),
        lambda: aid_by_month(db, year), lambda: aid_by_type(db, year),
    ]


def parts(db: Database, on: str | None = None) -> list[Callable[[], TodoItem | Chart]]:
    """Every figure of the dashboard as of `on`, each computed when called: the 首页 shows each
    as it comes, so one slow figure does not hold back the window or the others."""
    day = _day(on)
    todo_parts: list[Callable[[], TodoItem | Chart]] = [lambda item=item: item(db, day) for item in TODO_ITEMS]
    return todo_parts + list(_chart_parts(db, int(day[:4])))


def is_empty(db: Database) -> bool:
    """A new ledger: no members and no records of any module yet (the 首页 shows how to start)."""
    tables = ("members", "congress_terms", "aid_cases", "disclosure_subjects", "disclosure_items", "innovation_projects")
    return not any(db.execute(f"SELECT EXISTS (SELECT 1 FROM {t})").fetchone()[0] for t in tables)


@dataclass(frozen=True)
class Dashboard:
    on: str
    empty: bool
    todo: list[TodoItem]
    charts: list[Chart]


def compute(db: Database, on: str | None = None) -> Dashboard:
    """Everything the 首页 shows, as of `on` (today by default)."""
    day = _day(on)
    if is_empty(db):
        return Dashboard(day, True, [], [])
    figures = [part() for part in parts(db, day)]
    return Dashboard(day, False, [f for f in figures if isinstance(f, TodoItem)], [f for f in figures if isinstance(f, Chart)])
