"""Innovation projects: derived progress, overdue tasks, the priority rule, the declaration
life cycle read as of any day, and every bad input the issue lists (named, nothing changed)."""

from __future__ import annotations

import pytest

from models import clock
from models import innovation as inv
from models import innovation_plan as plan
from models import innovation_recognition as rec
from models.validation import ValidationError

TABLES = ("innovation_projects", "innovation_team", "innovation_tasks", "innovation_task_reports", "innovation_recognitions",
          "innovation_project_events", "audit_log")


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2026-06-15T10:00:00"):
        yield


def state_of(db) -> dict:
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


def make_project(db, **kw) -> int:
    values = dict(name="职工技能提升夜校", year=2026, start_on="2026-03-01", end_on="2026-12-31", problem="培训时间难保证",
                  content="开设夜间课堂", measures="菜单式课程", expected="技能等级提升", indicators="参训600人次", budget_fen=200_000_00,
                  subsidy_requested_fen=100_000_00)
    values.update(kw)
    pid = inv.add_project(db, inv.Project(**values))
    inv.add_team_member(db, pid, inv.TeamMember("王建国", "lead", "统筹"))
    return pid


def task(db, pid, start, due, **kw) -> int:
    values = dict(stage="implement", title=f"任务{start}", owner="李华")
    values.update(kw)
    return plan.add_task(db, plan.Task(pid, start_on=start, due_on=due, **values))


# ---------------------------------------------------------------- progress

def test_progress_is_weighted_by_planned_days_and_read_as_of_a_day(db):
    pid = make_project(db)
    short = task(db, pid, "2026-03-01", "2026-03-10")  # 10 days
    long = task(db, pid, "2026-03-11", "2026-04-09")  # 30 days
    assert plan.progress(db, pid) == 0
    plan.report_progress(db, short, "2026-03-10", 100)
    assert plan.progress(db, pid) == 25  # 10 × 100 / 40
    plan.report_progress(db, long, "2026-04-01", 50)
    assert plan.progress(db, pid) == 62  # (1000 + 1500) / 40 = 62.5, never rounded up
    assert plan.progress(db, pid, on="2026-03-31") == 25  # the report of 1 April is not yet known
    assert plan.progress(db, pid, on="2026-02-28") == 0
    assert plan.get_task(db, long).status == "in_progress" and plan.get_task(db, short).status == "done"
    plan.void_task(db, long, "重复录入")
    assert plan.progress(db, pid) == 100


def test_a_voided_report_takes_the_task_back(db):
    pid = make_project(db)
    t = task(db, pid, "2026-03-01", "2026-03-31")
    plan.report_progress(db, t, "2026-03-10", 40)
    wrong = plan.report_progress(db, t, "2026-03-20", 100)
    plan.void_report(db, wrong, "误报")
    assert (plan.get_task(db, t).percent, plan.get_task(db, t).status) == (40, "in_progress")


# ---------------------------------------------------------------- overdue

def test_overdue_tasks_are_listed_with_days_late(db):
    pid = make_project(db)
    late = task(db, pid, "2026-03-01", "2026-05-31", title="宣传发动")
    done = task(db, pid, "2026-03-01", "2026-04-30", title="调查研究")
    task(db, pid, "2026-06-01", "2026-07-31", title="组织实施")  # not due yet
    plan.report_progress(db, done, "2026-04-30", 100)
    plan.report_progress(db, late, "2026-05-20", 60)
    found = plan.overdue_tasks(db)
    assert [(t["title"], t["days_late"], t["percent"]) for t in found] == [("宣传发动", 15, 60)]
    assert found[0]["project"] == "职工技能提升夜校"
    # On 15 May nothing was late yet (宣传发动 was due on 31 May).
    assert plan.overdue_tasks(db, on="2026-05-15") == []
    plan.report_progress(db, late, "2026-06-10", 100)
    assert plan.overdue_tasks(db) == []
    assert [t["title"] for t in plan.overdue_tasks(db, on="2026-06-05")] == ["宣传发动"]  # late on that day, done later


def test_an_unselected_project_has_no_overdue_tasks(db):
    pid = make_project(db)
    task(db, pid, "2026-03-01", "2026-03-31")
    inv.declare(db, pid, "2026-03-15")
    assert len(plan.overdue_tasks(db)) == 1
    inv.decide(db, pid, False, "2026-05-20")
    assert plan.overdue_tasks(db) == []


# ---------------------------------------------------------------- priority

@pytest.mark.parametrize(
    ("kind", "level", "channel", "earns"),
    [
        ("leader", "leader_province", "", True),
        ("leader", "leader_acftu", "", True),
        ("leader", "leader_county", "", False),
        ("leader", "leader_city_fed", "", False),
        ("speech", "speech_national", "", True),
        ("speech", "speech_provincial", "", True),
        ("speech", "speech_city", "", False),
        ("promotion", "promo_prov_fed", "bulletin", True),
        ("promotion", "promo_acftu", "onsite", True),
        ("promotion", "promo_city_fed", "document", False),
        ("media", "media_city", "", True),
        ("media", "media_county", "", False),
    ],
)
def test_the_priority_rule(db, kind, level, channel, earns):
    pid = make_project(db)
    assert rec.priority(db, pid) == []
    rec.add_recognition(db, rec.Recognition(pid, kind, level, "2026-05-10", channel, "事项"))
    reasons = rec.priority(db, pid)
    assert bool(reasons) is earns
    if earns:
        assert reasons[0].endswith("2026-05-10）") and reasons[0].startswith({"leader": "领导批示肯定", "speech": "典型发言", "promotion": "推广",
                                                                               "media": "主流媒体报道"}[kind])
        assert rec.priority(db, pid, on="2026-05-09") == []  # not yet on the day before
        assert inv.yearly_list(db, 2026)[0]["priority"] == reasons[0]


def test_a_voided_recognition_earns_nothing(db):
    pid = make_project(db)
    rid = rec.add_recognition(db, rec.Recognition(pid, "leader", "leader_city", "2026-05-10"))
    rec.void_recognition(db, rid, "登记错误")
    assert rec.priority(db, pid) == []


# ---------------------------------------------------------------- life cycle

def test_the_declaration_life_cycle_is_dated_and_read_as_of_a_day(db):
    pid = make_project(db)
    task(db, pid, "2026-03-01", "2026-12-31")
    assert inv.get_project(db, pid).state == "draft"
    inv.declare(db, pid, "2026-03-15")
    inv.decide(db, pid, True, "2026-05-20", note="评审入选")
    inv.grant_subsidy(db, pid, 50_000_00, "2026-06-01")
    inv.grant_subsidy(db, pid, 30_000_00, "2026-06-10")
    p = inv.get_project(db, pid)
    assert (p.state, p.declared_on, p.decided_on, p.subsidy_granted_fen) == ("selected", "2026-03-15", "2026-05-20", 80_000_00)
    assert [inv.state_as_of(db, pid, d) for d in ("2026-03-14", "2026-03-15", "2026-05-19", "2026-05-20")] == ["draft", "declared", "declared", "selected"]
    assert inv.subsidy_as_of(db, pid, "2026-06-05") == 50_000_00
    assert inv.yearly_list(db, 2026, on="2026-04-01")[0]["state"] == "declared"
    # A step entered by mistake is voided, never deleted; the state follows.
    inv.undo_last_step(db, pid, "金额登记重复")
    inv.undo_last_step(db, pid, "金额登记错误")
    inv.undo_last_step(db, pid, "评审结果录错")
    p = inv.get_project(db, pid)
    assert (p.state, p.decided_on, p.subsidy_granted_fen) == ("declared", None, None)
    assert len(inv.project_events(db, pid, include_void=True)) == 4
    inv.decide(db, pid, False, "2026-05-21")
    assert inv.get_project(db, pid).state == "not_selected"


def test_declaring_needs_a_lead_a_plan_and_the_texts(db):
    pid = inv.add_project(db, inv.Project(name="空项目", year=2026, start_on="2026-03-01", end_on="2026-12-31"))
    with pytest.raises(ValidationError) as e:
        inv.declare(db, pid, "2026-03-15")
    assert e.value.field == "解决的问题"
    pid = make_project(db)
    with pytest.raises(ValidationError, match="计划表"):
        inv.declare(db, pid, "2026-03-15")
    task(db, pid, "2026-03-01", "2026-04-01")
    inv.declare(db, pid, "2026-03-15")
    with pytest.raises(ValidationError, match="项目状态"):
        inv.declare(db, pid, "2026-03-16")


def test_one_lead_per_project(db):
    pid = make_project(db)
    with pytest.raises(ValidationError, match="王建国"):
        inv.add_team_member(db, pid, inv.TeamMember("李四", "lead"))
    inv.add_team_member(db, pid, inv.TeamMember("李四", "member", "宣传"))
    assert [t.name for t in inv.team(db, pid)] == ["王建国", "李四"]


def test_project_dates_cannot_leave_a_task_outside(db):
    pid = make_project(db)
    task(db, pid, "2026-03-01", "2026-11-30", title="组织实施")
    p = inv.get_project(db, pid)
    p.end_on = "2026-10-31"
    before = state_of(db)
    with pytest.raises(ValidationError) as e:
        inv.update_project(db, p)
    assert e.value.field == "项目结束日期" and "组织实施" in e.value.message
    assert state_of(db) == before


# ---------------------------------------------------------------- bad input: named, nothing changed

def refused(db, call, field: str, words: str = "") -> ValidationError:
    before = state_of(db)
    with pytest.raises(ValidationError) as e:
        call()
    assert e.value.field == field, str(e.value)
    assert words in e.value.message
    assert state_of(db) == before
    return e.value


def test_bad_tasks_are_refused(db):
    pid = make_project(db)
    refused(db, lambda: task(db, pid, "2026-05-01", "2026-04-30"), "计划完成日期", "早于开始日期")
    refused(db, lambda: task(db, pid, "2026-02-28", "2026-04-30"), "开始日期", "早于项目开始日期")
    refused(db, lambda: task(db, pid, "2026-03-01", "2027-01-01"), "计划完成日期", "晚于项目结束日期")
    refused(db, lambda: task(db, pid, "2026-03-01", "2026-04-01", percent=101), "完成百分比", "0 到 100")
    refused(db, lambda: task(db, pid, "2026-03-01", "2026-04-01", percent=-1), "完成百分比")
    refused(db, lambda: task(db, pid, "2026-03-01", "2026-04-01", title=""), "任务内容")
    refused(db, lambda: task(db, pid, "2026-03-01", "2026-04-01", stage="研究"), "推进阶段")
    t = task(db, pid, "2026-03-01", "2026-04-01")
    refused(db, lambda: plan.report_progress(db, t, "2026-03-10", 150), "完成百分比", "0 到 100")
    refused(db, lambda: plan.report_progress(db, t, "2026-03-10", "七十"), "完成百分比")
    refused(db, lambda: plan.report_progress(db, t, "2026-03-10", 80, "done"), "完成百分比", "100")
    refused(db, lambda: plan.report_progress(db, t, "2026-07-01", 10), "进展日期", "晚于今天")
    current = plan.get_task(db, t)
    current.due_on = "2026-02-01"
    refused(db, lambda: plan.update_task(db, current), "计划完成日期")


def test_selected_without_a_declaration_date_is_refused(db):
    pid = make_project(db)
    refused(db, lambda: inv.decide(db, pid, True, "2026-05-20"), "申报日期", "尚未申报")
    refused(db, lambda: inv.decide(db, pid, False, "2026-05-20"), "申报日期", "未入选")


def test_decision_before_the_declaration_is_refused(db):
    pid = make_project(db)
    task(db, pid, "2026-03-01", "2026-04-01")
    inv.declare(db, pid, "2026-03-15")
    refused(db, lambda: inv.decide(db, pid, True, "2026-03-14"), "评审结果日期", "早于申报日期")


def test_recognition_without_date_or_level_is_refused(db):
    pid = make_project(db)
    refused(db, lambda: rec.add_recognition(db, rec.Recognition(pid, "leader", "leader_city", "")), "表彰推广日期", "不能为空")
    refused(db, lambda: rec.add_recognition(db, rec.Recognition(pid, "leader", "", "2026-05-01")), "级别", "请选择")
    refused(db, lambda: rec.add_recognition(db, rec.Recognition(pid, "media", "leader_city", "2026-05-01")), "级别", "不是主流媒体报道的级别")
    refused(db, lambda: rec.add_recognition(db, rec.Recognition(pid, "promotion", "promo_acftu", "2026-05-01")), "推广方式")


def test_subsidy_on_a_project_not_selected_is_refused(db):
    pid = make_project(db)
    refused(db, lambda: inv.grant_subsidy(db, pid, 10_000_00, "2026-06-01"), "补助金额", "只有入选项目")
    task(db, pid, "2026-03-01", "2026-04-01")
    inv.declare(db, pid, "2026-03-15")
    refused(db, lambda: inv.grant_subsidy(db, pid, 10_000_00, "2026-06-01"), "补助金额", "已申报")
    inv.decide(db, pid, False, "2026-05-20")
    refused(db, lambda: inv.grant_subsidy(db, pid, 10_000_00, "2026-06-01"), "补助金额", "未入选")


def test_bad_projects_are_refused(db):
    base = dict(name="项目", year=2026, start_on="2026-03-01", end_on="2026-12-31")
    for change, field in (({"name": ""}, "项目名称"), ({"end_on": "2026-02-01"}, "项目结束日期"), ({"year": 1999}, "申报年度"),
                          ({"budget_fen": -1}, "项目预算"), ({"applicant_kind": "x"}, "申报单位类型"), ({"start_on": ""}, "项目开始日期")):
        refused(db, lambda: inv.add_project(db, inv.Project(**(base | change))), field)


def test_change_log_speaks_chinese(db):
    from models.innovation_log import change_log

    pid = make_project(db)
    t = task(db, pid, "2026-03-01", "2026-04-01")
    plan.report_progress(db, t, "2026-03-20", 100)
    texts = [r["text"] for r in change_log(db, pid)]
    assert any("任务状态：未开始 → 已完成" in x for x in texts)
    assert not any("percent" in x or "status" in x for x in texts)


def test_the_demo_has_two_years_in_every_state(db):
    from models.demo import fill_demo

    fill_demo(db, 80)
    years = sorted({r[0] for r in db.execute("SELECT year FROM innovation_projects")})
    assert years == [2025, 2026]
    states = {r[0] for r in db.execute("SELECT state FROM innovation_projects")}
    assert states == {"draft", "declared", "selected", "not_selected"}
    assert plan.overdue_tasks(db) and any(r["priority"] for r in inv.yearly_list(db, 2025))
    assert db.execute("SELECT count(*) FROM innovation_project_events WHERE kind = 'subsidy'").fetchone()[0] >= 1


def test_long_texts_are_allowed_by_the_column_rules_in_any_process(tmp_path):
    """A declaration's long texts are the columns' own rule, not something only known once
    models.innovation is imported (`check` of a ledger must not call them bad)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("from models import field_rules as f; "
            "assert f.text_rule('innovation_projects', 'content') == (f.LONG, True); "
            "assert f.text_rule('innovation_tasks', 'evidence')[1]")
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
