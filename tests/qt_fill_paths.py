"""Every table- and list-filling method of the UI, fed with generated plain data.

tests/test_qt_refcounts.py refills each of these thousands of times and watches the
refcounts of None/True/False: a fill that makes a Qt call per row or per cell
(QTableWidget.insertRow, setItem, QListWidget.addItem …) lowers them once per call
under PySide6 6.12 on Python < 3.12, and shows as a drop proportional to the rows.

Each maker builds the real widget and points the model functions its fill method
reads at generated rows (the widget's own code runs unchanged); SWAPS.undo() puts
the real functions back. A maker returns (widget, refresh, count): refresh() runs
the fill method, count() says how many rows it put into tables and lists.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget

from models import aid, audit, codes
from models import aid_payments as ap
from models import congress as cg
from models import congress_meeting as mt
from models import proposals as pr
from models.congress_votes import Vote
from ui.context import AppContext

N = 1000  # rows each fill puts into each of its tables


class Swaps:
    """Attributes set for a test and put back after it."""

    def __init__(self) -> None:
        self._undo: list[tuple[Any, str, Any]] = []

    def set(self, owner: Any, name: str, value: Any) -> None:
        self._undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    def undo(self) -> None:
        while self._undo:
            owner, name, value = self._undo.pop()
            setattr(owner, name, value)


SWAPS = Swaps()
Filled = tuple[QWidget, Callable[[], None], Callable[[], int]]  # widget, refresh, rows filled
Maker = Callable[[AppContext, dict], Filled]


# ---------------------------------------------------------------- generated rows


def households(n: int = N) -> list[aid.HouseholdMember]:
    return [
        aid.HouseholdMember(f"成员{i:04d}", "child", i * 100, "male" if i % 2 else "female", "110105201001010011", "2010-01-01",
                            "good", "第一中学", id=i + 1, joined_on="2024-01-05")
        for i in range(n)
    ]


def payments(case_id: int, n: int = N) -> list[ap.Payment]:
    return [
        ap.Payment(case_id, "warmth", "2024-01-05", 50000 + i, "union", "王主席", i % 3 == 0, note=f"第{i}次", id=i + 1,
                   voided_at="2024-02-01T10:00:00" if i % 2 else None, void_reason="录错" if i % 2 else None)
        for i in range(n)
    ]


def timeline(n: int = N) -> list[dict]:
    event = {"entry": "event", "kind": "visit", "label": "入户调查", "people": "张三、李四", "findings": "属实", "end_date": "",
             "outcome": "", "note": "", "from_tier": None, "to_tier": None}
    payment = {"entry": "payment", "label": "送温暖", "amount_fen": 50000, "voided_at": None, "void_reason": None}
    return [{**(event if i % 2 else payment), "date": f"2024-01-{i % 28 + 1:02d}", "id": i} for i in range(n)]


def audit_entries(n: int = N) -> list[dict]:
    """Every action the trail knows, 'event' and 'delete' included."""
    actions = codes.AUDIT_ACTION.codes()
    return [
        {"id": i, "at": "2024-01-05T10:00:00", "action": actions[i % len(actions)], "before": None,
         "after": {"worker_name": "职工", "phone": "13900000000"}, "note": "" if i % 2 else "从备份恢复"}
        for i in range(n)
    ]


def delegates(n: int = N) -> list[cg.Delegate]:
    return [
        cg.Delegate(i + 1, 1, i + 1, f"代表{i:04d}", "female" if i % 2 else "male", "生产部", i % 7 == 0, f"第{i % 9 + 1}代表团",
                    "worker", "2024-01-01", "election", "2025-06-30" if i % 10 == 0 else None, "resign" if i % 10 == 0 else None, "")
        for i in range(n)
    ]


def vote(resolution_id: int, *, voided: bool = False) -> Vote:
    return Vote(resolution_id * 10 + voided, resolution_id, "resolution", 36, 30, 19, "passed", 25, 3, 2,
                voided_at="2025-05-21T10:00:00" if voided else None, void_reason="计票错误" if voided else None)


def resolutions(n: int = N) -> list[mt.Resolution]:
    return [mt.Resolution(i + 1, 1, None, "resolution", f"表决事项{i}", "", None, None, vote=vote(i + 1) if i % 2 else None) for i in range(n)]


def proposals(n: int = N) -> list[dict]:
    return [
        {"id": i + 1, "number": f"2025-{i:04d}", "title": f"关于第{i}件事的提案", "proposer_name": f"代表{i}", "state": "assigned",
         "department": "后勤部", "deadline": "2025-08-31" if i % 2 else None, "rating": "satisfied" if i % 3 == 0 else None,
         "voided_at": "2025-09-01T10:00:00" if i % 7 == 0 else None}
        for i in range(n)
    ]


# ---------------------------------------------------------------- the widgets


def _case_window(ctx: AppContext, big: dict) -> Filled:
    from ui.dialogs.aid_case import CaseWindow

    case_id = ctx.db.execute("SELECT min(id) FROM aid_cases").fetchone()[0]
    SWAPS.set(aid, "household_members", lambda db, cid, **kw: households())
    SWAPS.set(ap, "payments", lambda db, cid, **kw: payments(cid))
    SWAPS.set(aid, "timeline", lambda db, cid: timeline())
    # The case's own trail is long; each payment's is empty, or a refresh would be N² rows.
    SWAPS.set(audit, "history", lambda db, table, row_id: audit_entries() if table == "aid_cases" else [])
    w = CaseWindow(ctx, case_id)
    tables = (w.household, w.payments, w.timeline, w.audit)
    return w, w.refresh, lambda: sum(t.rowCount() for t in tables)


def _batch_dialog(ctx: AppContext, big: dict) -> Filled:
    from ui.dialogs.aid_batch import BatchDialog

    SWAPS.set(ap, "round_candidates", lambda db, on: [
        {"id": i + 1, "file_no": f"KN{i:05d}", "worker_name": f"职工{i:04d}", "department": "生产部", "tier": "relative"} for i in range(N)
    ])
    d = BatchDialog(ctx.db)

    def refresh() -> None:
        d._loaded_on = None  # load() skips a date it already shows
        d.load()
        d.apply_default()  # the amount of every ticked row, in one change

    return d, refresh, lambda: d.table.rowCount()


class _StubPage(QWidget):
    """What a congress tab asks of its page: the ledger, a term and a session, the figures line."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx, self.db = ctx, ctx.db

    def term_id(self) -> int:
        return 1

    def session_id(self) -> int:
        return 1

    def update_figures(self) -> None:
        pass


def _congress_tab(kind: str) -> Maker:
    def make(ctx: AppContext, big: dict) -> Filled:
        from ui.pages import congress_proposals as proposals_tab
        from ui.pages import congress_tabs as tabs

        SWAPS.set(cg, "delegates", lambda db, tid, **kw: delegates())
        SWAPS.set(cg, "composition", lambda db, tid, **kw: [cg.RuleCheck(f"规则{i}", f"{i} 人", i % 2 == 0) for i in range(N)])
        SWAPS.set(mt, "attendance_list", lambda db, sid: [
            {"delegate": d, "status": "present" if d.id % 3 else "", "reason": ""} for d in delegates()
        ])
        SWAPS.set(mt, "agenda", lambda db, sid: [mt.AgendaItem(1, f"议程{i}", f"报告{i}", "王主席", seq=i + 1, id=i + 1) for i in range(N)])
        SWAPS.set(mt, "resolutions", lambda db, sid: resolutions())
        SWAPS.set(mt, "votes", lambda db, rid: [vote(rid, voided=True)] if rid % 2 else [])  # row tooltips on half the rows
        SWAPS.set(pr, "summary", lambda db, sid, today: {"total": N, "accepted": N, "closed": 0, "overdue": 0, "by_department": {"后勤部": N}})
        SWAPS.set(pr, "list_proposals", lambda db, **kw: proposals())
        page = _StubPage(ctx)
        tab = getattr(proposals_tab if kind == "ProposalsTab" else tabs, kind)(page)
        tables = {"DelegatesTab": ("table", "checks"), "SignInTab": ("table",), "AgendaTab": ("items", "resolutions"), "ProposalsTab": ("table",)}[kind]
        tab.refresh()
        return page, tab.refresh, lambda: sum(getattr(tab, name).rowCount() for name in tables)

    return make


def _member_picker(ctx: AppContext, big: dict) -> Filled:
    from ui.dialogs.congress_dialogs import MemberPicker

    picker = MemberPicker(ctx.db)
    picker.SHOWN = 10**6  # every active member of the big ledger, not the first 200
    return picker, lambda: picker.refresh(""), lambda: picker.list.count()


def _changes_tab(ctx: AppContext, big: dict) -> Filled:
    from models import member_time
    from ui.dialogs.member_changes_tab import ChangesTab

    member_id = ctx.db.execute("SELECT min(id) FROM members").fetchone()[0]
    rows = [
        member_time.Change(i + 1, member_id, ("department", "education", "is_migrant_worker")[i % 3], "" if i == 0 else f"2024-{i % 12 + 1:02d}-01",
                           ("生产部", "college", 1)[i % 3], "调岗" if i % 2 else "", "2024-01-05T10:00:00",
                           "2024-02-01T10:00:00" if i % 5 == 0 else None, "录错" if i % 5 == 0 else None)
        for i in range(N)
    ]
    SWAPS.set(member_time, "changes", lambda db, mid, **kw: rows)
    tab = ChangesTab(ctx.db, member_id)
    return tab, tab.refresh, lambda: tab.table.rowCount()


def _settings_workforce(ctx: AppContext, big: dict) -> Filled:
    from models import org
    from ui.pages.settings import SettingsPage

    SWAPS.set(org, "workforce_years", lambda db: [org.Workforce(1000 + i, 1200 + i, 380, 420, 60, "说明" if i % 2 else "") for i in range(N)])
    page = SettingsPage(ctx)
    return page, page.refresh_workforce, lambda: page.workforce.rowCount()


FILL_PATHS: dict[str, Maker] = {
    "member_changes_tab.ChangesTab": _changes_tab,
    "settings.SettingsPage.workforce": _settings_workforce,
    "aid_case.CaseWindow": _case_window,
    "aid_batch.BatchDialog": _batch_dialog,
    "congress_tabs.DelegatesTab": _congress_tab("DelegatesTab"),
    "congress_tabs.SignInTab": _congress_tab("SignInTab"),
    "congress_tabs.AgendaTab": _congress_tab("AgendaTab"),
    "congress_proposals.ProposalsTab": _congress_tab("ProposalsTab"),
    "congress_dialogs.MemberPicker": _member_picker,
}
