"""Sample innovation projects for the demo: two years, every state, plans with progress,
overdue tasks, recognitions (some earning priority) and subsidies."""

from __future__ import annotations

import datetime as _dt
import random

from sqlite_utils import Database

from models import clock
from models import innovation as inv
from models import innovation_plan as plan
from models import innovation_recognition as rec

# (name, problem, content, measures, expected, indicators)
PROJECTS = [
    ("“职工技能提升夜校”项目",
     "一线职工多为倒班作业，技能培训时间难以保证，青年职工技能等级偏低，高级工以上占比不足两成。",
     "依托职工书屋和车间培训室，开设夜间技能课堂，按工种分班，由劳模、技师担任讲师。",
     "建立“菜单式”课程；与人力资源部联合实行培训学时认定；设立结业考核和技能等级晋升奖励。",
     "职工技能等级明显提升，形成可复制的倒班企业培训模式。",
     "全年开课不少于 40 期，参训 600 人次；新增高级工 30 人；职工满意度 90% 以上。"),
    ("“暖心驿站”户外劳动者服务项目",
     "厂区外勤、物流司机等户外职工休息、饮水、就餐不便，夏季高温时尤为突出。",
     "在厂区和物流园建设三处暖心驿站，提供饮水、加热、充电、药箱和休息服务。",
     "制定驿站管理办法，明确值守人员；开展“送清凉”活动；设置意见簿定期改进。",
     "户外职工休息条件明显改善，驿站成为工会服务职工的阵地。",
     "建成驿站 3 处；年服务 5000 人次；职工知晓率 95% 以上。"),
    ("“劳动争议源头化解”调解工作室",
     "劳动争议多在矛盾激化后才进入程序，调解介入晚，职工维权成本高。",
     "成立由工会、人力资源部和职工代表组成的调解工作室，建立车间信息员网络。",
     "每月排查一次劳动关系风险；设立调解热线；典型案例汇编并组织学习。",
     "争议化解在基层，和谐劳动关系更加稳固。",
     "调解成功率 90% 以上；争议案件同比下降 30%；培训信息员 40 名。"),
    ("“女职工关爱室”标准化建设",
     "哺乳期女职工缺少私密、卫生的哺乳场所，女职工健康服务不足。",
     "按标准建设女职工关爱室，配备冰箱、哺乳椅、洗手池和健康资料。",
     "制定使用管理制度；联合医院开展健康讲座和“两癌”筛查。",
     "女职工特殊权益得到保障，关爱室使用率高。",
     "建成关爱室 2 处；健康讲座 6 场；筛查覆盖 300 人。"),
    ("“金点子”合理化建议积分制",
     "合理化建议征集多流于形式，采纳率和反馈率低，职工参与积极性不高。",
     "建立线上线下结合的建议征集平台，实行积分制管理，定期评选“金点子”。",
     "建议 7 日内反馈；采纳建议按效益给予奖励；积分可兑换培训和疗休养机会。",
     "职工参与企业管理的积极性明显提高，建议产生实际效益。",
     "征集建议 500 条以上；采纳率 30% 以上；创造效益 200 万元。"),
]

STAGES = [
    ("research", "开展职工需求问卷调查和座谈", 0.0, 0.12),
    ("publicity", "召开动员会，发布项目方案和宣传海报", 0.1, 0.2),
    ("implement", "组织实施主要措施，按月推进", 0.2, 0.7),
    ("implement", "完善制度，形成工作台账", 0.45, 0.8),
    ("supervise", "工会督导检查和中期考核", 0.7, 0.85),
    ("summary", "总结经验，形成成果汇编", 0.85, 1.0),
]


def _day(start: _dt.date, end: _dt.date, share: float) -> _dt.date:
    return start + _dt.timedelta(days=int((end - start).days * share))


def fill_innovation(db: Database, *, seed: int = 2026, today: _dt.date | None = None) -> dict:
    """Projects of last year and this year in every state (草稿, 已申报, 入选, 未入选)."""
    rnd = random.Random(seed)
    today = min(today or clock.today(), clock.today())
    people = db.execute("SELECT id, name, department FROM members WHERE status = 'active' ORDER BY id LIMIT 60").fetchall()
    union = db.execute("SELECT union_name FROM org_profile LIMIT 1").fetchone()
    applicant = union[0] if union and union[0] else "本单位工会"
    # (year offset, template, final state, share of the plan's time elapsed)
    plans = [(-1, 0, "selected"), (-1, 1, "selected"), (-1, 2, "not_selected"), (-1, 3, "declared"),
             (0, 4, "selected"), (0, 1, "declared"), (0, 3, "draft"), (0, 2, "draft")]
    made = 0
    for offset, index, final in plans:
        year = today.year + offset
        name, problem, content, measures, expected, indicators = PROJECTS[index]
        if offset == 0 and index in (1, 2, 3):
            name += "（二期）"
        start = _dt.date(year, 3, 1)
        end = _dt.date(year, 12, 31)
        if final == "draft":  # being prepared: its plan started a few weeks ago and runs into next year
            start = max(_dt.date(year, 1, 1), today - _dt.timedelta(days=40 + 20 * index))
            end = start + _dt.timedelta(days=300)
        budget = rnd.choice([8, 10, 12, 15, 20]) * 10_000_00
        pid = inv.add_project(db, inv.Project(
            name=name, year=year, start_on=start.isoformat(), end_on=end.isoformat(), applicant_kind="grassroots",
            applicant_name=applicant, contact_phone="0371-65550000", problem=problem, content=content, measures=measures,
            expected=expected, indicators=indicators, budget_fen=budget, subsidy_requested_fen=budget // 2,
        ))
        made += 1
        if people:
            lead = people[(index * 7 + made) % len(people)]
            inv.add_team_member(db, pid, inv.TeamMember(lead[1], "lead", "统筹项目实施", lead[2], member_id=lead[0]))
            for k, role, duty in ((3, "deputy", "组织协调各车间"), (5, "liaison", "台账资料和信息报送"), (9, "member", "宣传发动"), (11, "member", "督导检查")):
                p = people[(index * 7 + made + k) % len(people)]
                inv.add_team_member(db, pid, inv.TeamMember(p[1], role, duty, p[2], member_id=p[0]))
        owners = [r[1] for r in people[:6]] or ["工会办公室"]
        for seq, (stage, title, a, b) in enumerate(STAGES, start=1):
            t_start, t_due = _day(start, end, a), _day(start, end, b)
            task_id = plan.add_task(db, plan.Task(pid, stage, title, t_start.isoformat(), t_due.isoformat(), owner=rnd.choice(owners), seq=seq))
            _report(db, rnd, task_id, t_start, t_due, today, lagging=(offset == 0 and index == 4 and stage == "publicity"))
        declared = _dt.date(year, 3, 15)
        if final != "draft" and declared <= today:
            inv.declare(db, pid, declared.isoformat())
            decided = _dt.date(year, 5, 20)
            if final in ("selected", "not_selected") and decided <= today:
                inv.decide(db, pid, final == "selected", decided.isoformat(), note="市总工会年度创新项目评审")
                paid = _dt.date(year, 6, 30)
                if final == "selected" and paid <= today:
                    inv.grant_subsidy(db, pid, budget // 2, paid.isoformat(), note="市总工会创新项目补助")
        if final == "selected":
            _recognise(db, pid, year, today, strong=(index != 4))
        if offset == -1 and final == "selected":
            inv.update_project(db, _with_results(inv.get_project(db, pid)))
    return {"projects": made}


def _with_results(p: inv.Project) -> inv.Project:
    p.results = ("项目全年按计划推进，主要指标全部完成：开展活动 46 期、服务职工 6200 人次，职工满意度 96%。"
                 "项目经验在全市工会工作会议上作交流，相关做法被市总工会简报刊发。")
    return p


def _report(db: Database, rnd: random.Random, task_id: int, start: _dt.date, due: _dt.date, today: _dt.date, *, lagging: bool) -> None:
    """Progress reports up to today: finished tasks reported done, running ones partly done."""
    if start > today:
        return
    if due <= today and not lagging and rnd.random() > 0.1:
        mid = start + (due - start) / 2
        plan.report_progress(db, task_id, mid.isoformat(), rnd.choice([40, 50, 60]), evidence="阶段工作记录、照片")
        plan.report_progress(db, task_id, due.isoformat(), 100, "done", evidence="工作总结、签到表、照片存档")
        return
    span = max(1, (min(due, today) - start).days)
    on = start + _dt.timedelta(days=span)
    percent = 30 if lagging else max(5, min(90, int(100 * span / max(1, (due - start).days))))
    plan.report_progress(db, task_id, on.isoformat(), percent, "delayed" if lagging else None, evidence="推进中，见工作台账")


def _recognise(db: Database, pid: int, year: int, today: _dt.date, *, strong: bool) -> None:
    items = [("media", "media_city", "", "市级媒体专题报道", 7, 10)]
    if strong:
        items = [("leader", "leader_city", "", "市委主要领导作出肯定性批示", 6, 12),
                 ("promotion", "promo_prov_fed", "bulletin", "省总工会《工作简报》刊发经验做法", 9, 5)]
    else:
        items = [("media", "media_county", "", "县区融媒体中心报道", 7, 10)]
    for kind, level, channel, title, month, day in items:
        on = _dt.date(year, month, day)
        if on <= today:
            rec.add_recognition(db, rec.Recognition(pid, kind, level, on.isoformat(), channel, title, "批示件复印件/简报原件存档"))
