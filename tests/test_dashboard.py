"""The 首页 dashboard's figures on a crafted ledger whose answers are known by hand.

Told on 15 June 2026. Members 甲 乙 丙 (在会), 丁 (保留会籍 since 1 March), 戊 (退会 on
1 February); 甲 paid June's dues. A session held on 20 March 2026 and one set for 1 July;
proposals of 2026: one past its deadline (31 May), one not yet due, one not accepted, one
voided; one of 2025. A monthly 厂务公开 subject from April: April disclosed, May not (due
10 June); a matter that arose on 12 June (due within 7 days). Two aid files, one approved
in May 2025 (a year without review), one in January 2026; aid paid in January and March
(and one voided). An innovation project with a task due 31 May not done.
"""

from __future__ import annotations

import pytest

from models import aid_payments as ap
from models import clock, dashboard, dues, membership
from models import congress as cg
from models import disclosure as dc
from models import innovation as inv
from models import innovation_plan as plan
from models import proposals as pr
from models.members import add_member
from tests.conftest import make_id, member
from tests.test_aid_time import approve, open_case, pay


@pytest.fixture(autouse=True)
def _mid_june():
    with clock.frozen("2026-06-15T10:00:00"):
        yield


def people(db, first_seq: int = 1) -> dict[str, int]:
    p = {}
    for i, (name, dept) in enumerate((("甲", "生产部"), ("乙", "生产部"), ("丙", "财务部"), ("丁", "财务部"), ("戊", "后勤部"))):
        p[name] = add_member(db, member(name + "某", id_number=make_id(seq=first_seq + i), department=dept, monthly_wage_fen=500000))
    membership.record_event(db, p["丁"], "retain", "2026-03-01", reason="retired")
    membership.record_event(db, p["戊"], "withdraw", "2026-02-01", reason="own_request")
    dues.record_payment(db, p["甲"], ["2026-06"], 2500, "2026-06-05")
    return p


def crafted(db) -> dict:
    p = people(db)
    term = cg.add_term(db, cg.Term(number=2, start_date="2024-01-01", end_date="2028-12-31"))
    s0 = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-03-20"))
    s1 = cg.add_session(db, cg.Session(term_id=term, number=2, date="2026-03-20"))
    s2 = cg.add_session(db, cg.Session(term_id=term, number=3, date="2026-07-01"))
    ds = [cg.add_delegate(db, term, p[n], category="frontline", group_name="第1代表团") for n in ("甲", "乙", "丙")]

    def submit(session: int, day: str) -> int:
        return pr.add_proposal(db, pr.Proposal(session_id=session, number=pr.next_number(db, session), title="改善食堂", proposer_id=ds[0],
                                               cosigner_ids=ds[1:], category="welfare", submitted_on=day))

    submit(s0, "2025-03-01")  # 2025's: not in this year's chart
    late, later, rejected, mistake = (submit(s1, "2026-03-10") for _ in range(4))
    for pid, deadline in ((late, "2026-05-31"), (later, "2026-06-30")):
        pr.advance(db, pid, "accept", "2026-03-21")
        pr.advance(db, pid, "assign", "2026-03-22", department="后勤部", deadline=deadline)
    pr.advance(db, rejected, "reject", "2026-03-21", note="不属于职代会职权范围")
    pr.void_proposal(db, mistake, "重复录入")

    monthly = dc.add_subject(db, dc.Subject("工资发放情况", "interests", "monthly", "2026-04-01", subcategory="wages"))
    dc.add_item(db, dc.Item(title="4月工资发放情况", category="interests", channels=["board"], disclosed_on="2026-05-05",
                            subject_id=monthly, period_start_date="2026-04-01"))
    dc.add_item(db, dc.Item(title="食堂承包商变更", category="interests", channels=["board"], disclosed_on=None, arose_on="2026-06-12"))

    a = open_case(db, "王秀英", 11, "2025-04-20")
    approve(db, a, "relative", "2025-04-28")  # approved in May 2025, never reviewed since
    b = open_case(db, "李梅", 12, "2026-01-02")
    approve(db, b, "relative", "2026-01-05")
    pay(db, a, "living", "2025-12-20", 70000)  # last year's
    pay(db, a, "living", "2026-01-20", 100000)
    pay(db, a, "warmth", "2026-01-25", 50000)
    pay(db, b, "medical", "2026-03-03", 30000)
    ap.void_payment(db, pay(db, b, "medical", "2026-03-05", 30000), "重复登记")

    pid = inv.add_project(db, inv.Project(name="职工技能提升夜校", year=2026, start_on="2026-03-01", end_on="2026-12-31"))
    plan.add_task(db, plan.Task(pid, start_on="2026-03-01", due_on="2026-05-31", stage="implement", title="开班", owner="李华"))
    plan.add_task(db, plan.Task(pid, start_on="2026-06-01", due_on="2026-07-31", stage="implement", title="结业", owner="李华"))
    return {"s1": s1, "s2": s2, "people": p}


def by_key(items: list[dashboard.TodoItem]) -> dict[str, dashboard.TodoItem]:
    return {i.key: i for i in items}


def test_what_needs_doing_today(db):
    c = crafted(db)
    todo = by_key(dashboard.todo(db))
    counts = {k: i.count for k, i in todo.items()}
    assert counts == {"proposals": 1, "disclosure": 2, "aid": 1, "innovation": 1, "dues": 2, "congress": 1}
    assert todo["proposals"].target == dashboard.Target("congress", "overdue", c["s1"])
    assert todo["disclosure"].detail == "其中逾期 1 项" and todo["disclosure"].target == dashboard.Target("disclosure", "due")
    assert todo["aid"].target == dashboard.Target("aid", "review_due")
    assert todo["innovation"].target == dashboard.Target("innovation", "overdue")
    assert todo["dues"].target == dashboard.Target("members", "dues") and todo["dues"].detail == "6月会费尚未缴纳"
    congress = todo["congress"]
    assert (congress.value, congress.detail) == ("7月1日", "第二届职工代表大会第三次会议（还有 16 天）")
    assert congress.target == dashboard.Target("congress", "", c["s2"])
    # Each count is the one its page lists.
    assert counts["dues"] == len(dues.unpaid_members(db, "2026-06"))


def test_as_of_another_day(db):
    crafted(db)
    with clock.frozen("2026-05-10T09:00:00"):  # before the deadlines of May
        todo = by_key(dashboard.todo(db))
        assert (todo["proposals"].count, todo["innovation"].count) == (0, 0)
        assert todo["aid"].count == 0  # approved 12 May 2025: not yet a year
        assert todo["dues"].count == 3  # 甲 paid June's, not May's
        assert todo["congress"].detail.endswith("（还有 52 天）")
    held = by_key(dashboard.todo(db, "2026-07-01"))["congress"]
    assert held.detail.endswith("（今天）")
    assert by_key(dashboard.todo(db, "2026-07-02"))["congress"] == dashboard.TodoItem(
        "congress", "下次职代会", 0, "—", "尚未安排", dashboard.Target("congress"))


def test_the_year_in_figures(db):
    c = crafted(db)
    charts = {ch.key: ch for ch in dashboard.year_figures(db)}
    status = charts["status"]
    assert [(b.label, b.value) for b in status.bars] == [("在会", 3), ("保留会籍", 1), ("已离会", 1)]
    assert status.bars[1].target == dashboard.Target("members", "retained")
    assert [(b.label, b.value) for b in charts["department"].bars] == [("生产部", 2), ("财务部", 1)]
    assert charts["department"].bars[0].target == dashboard.Target("members", "active", None, "生产部")
    months = charts["aid_month"]
    assert [b.value for b in months.bars] == [150000, 0, 30000] + [0] * 9 and months.total == 180000
    assert {b.label: b.value for b in charts["aid_type"].bars} == {"生活救助": 100000, "医疗救助": 30000, "送温暖": 50000}
    proposals = charts["proposals"]
    assert {b.label: b.value for b in proposals.bars} == {"不立案": 1, "已交办": 2}
    assert proposals.bars[0].target.ident == c["s1"]
    assert dashboard.aid_by_month(db, 2025).total == 70000


def test_departments_beyond_the_top_are_summed_as_other(db):
    people(db)
    bars = dashboard.members_by_department(db, top=1).bars
    assert [(b.label, b.value) for b in bars] == [("生产部", 2), ("其他", 1)]
    assert bars[1].target == dashboard.Target("members", "active")  # every department


def test_an_empty_ledger_says_so(db):
    d = dashboard.compute(db)
    assert d.empty and d.todo == [] and d.charts == []
    add_member(db, member("张伟"))
    d = dashboard.compute(db)
    assert not d.empty and len(d.todo) == 6
    charts = {ch.key: ch for ch in d.charts}
    assert charts["aid_month"].bars == [] and charts["aid_month"].empty_text == "本年度尚无帮扶发放"


def test_the_unpaid_count_agrees_with_the_unpaid_list_every_month(db):
    """dues.count_unpaid counts in SQL what unpaid_members judges member by member: joined
    mid-month, left, retained, moved department, paid or not, month after month."""
    from tests.test_dues_unpaid import ledger

    ledger(db)  # 2025: a member who left in November, one who joined on 15 November, one who moved
    people(db, first_seq=11)  # 2026: 丁 retained on 1 March, 戊 left on 1 February, 甲某 paid June
    months = [f"2025-{m:02d}" for m in range(9, 13)] + [f"2026-{m:02d}" for m in range(1, 8)]
    counts = [dues.count_unpaid(db, m) for m in months]
    assert counts == [len(dues.unpaid_members(db, m)) for m in months]
    # By hand: 2 or 3 of the 2025 ledger's (甲 paid October; 乙 owed November, not December; 丙
    # from December) and the five of 2026 less 戊 from February, 丁 from March, 甲某 in June.
    assert counts == [7, 6, 7, 7, 7, 6, 5, 5, 5, 4, 5]
