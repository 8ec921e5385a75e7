"""Sample worker-congress data for the demo: a term, delegates, two sessions, votes, proposals, minutes."""

from __future__ import annotations

import datetime as _dt
import random

from sqlite_utils import Database

from models import clock, congress as cg
from models import congress_meeting as mt
from models import proposals as pr

AGENDA = [
    ("审议总经理工作报告", "公司2025年工作报告", "总经理 周明"),
    ("审议财务工作报告", "2025年财务预决算报告", "财务总监 孙丽"),
    ("审议集体合同履行情况报告", "集体合同履行情况报告", "工会主席"),
    ("听取职工代表提案落实情况报告", "上次会议提案落实情况报告", "提案工作委员会"),
    ("审议业务招待费使用情况", "业务招待费使用情况报告", "行政办公室"),
    ("审议职工薪酬调整方案", "职工薪酬调整方案（草案）", "人力资源部"),
    ("审议安全生产工作报告", "安全生产工作报告", "安全环保部"),
    ("审议职工培训计划", "年度职工教育培训计划", "人力资源部"),
    ("审议《员工奖惩办法》修订稿", "员工奖惩办法（修订稿）", "人力资源部"),
    ("民主评议公司领导人员", "领导人员述职报告", "公司领导班子"),
    ("选举经费审查委员会委员", "", "大会主席团"),
    ("审议大会决议", "大会决议（草案）", "大会秘书处"),
]

DISCUSSION = (
    "代表们分组进行了认真讨论。{a}代表认为，报告实事求是，总结成绩客观，分析问题透彻，提出的目标任务切合实际；"
    "建议进一步加强一线班组建设，完善职工技能提升的激励机制。{b}代表提出，夜班职工的用餐、通勤问题仍较突出，"
    "希望在下一年度予以统筹解决；同时建议加大对困难职工的帮扶力度，做到应帮尽帮。{c}代表就报告中关于设备更新改造的部分发表意见，"
    "认为应当听取一线操作人员的意见，并在实施前组织安全培训。会议主持人对代表们的意见进行了归纳，责成相关部门认真研究、限期答复。"
)

PROPOSAL_TITLES = [
    ("关于改善职工食堂伙食质量的提案", "welfare"),
    ("关于增设夜班通勤班车的提案", "welfare"),
    ("关于完善一线岗位技能津贴的提案", "wages"),
    ("关于加强车间通风降温设施的提案", "safety"),
    ("关于建立青年职工导师制度的提案", "training"),
    ("关于规范加班审批程序的提案", "management"),
    ("关于开展职工健康体检的提案", "welfare"),
    ("关于优化绩效考核办法的提案", "management"),
    ("关于增设职工书屋的提案", "other"),
]


def fill_congress(db: Database, *, seed: int = 2026, today: _dt.date | None = None) -> dict:
    """A term with 36 delegates and two sessions; proposals in every state. Needs active members."""
    rnd = random.Random(seed)
    today = today or clock.today()
    start = _dt.date(today.year - 2, 3, 1)
    term = cg.add_term(db, cg.Term(number=3, start_date=start.isoformat(), end_date=_dt.date(start.year + 5, 2, 28).isoformat(), delegate_quota=40))
    people = [r[0] for r in db.execute("SELECT id FROM members WHERE status = 'active' ORDER BY id LIMIT 200")]
    if len(people) < 40:
        return {"term": term, "delegates": 0}
    chosen = rnd.sample(people, 37)
    categories = ["frontline"] * 22 + ["technical"] * 7 + ["management"] * 5 + ["leader"] * 2 + ["other"]
    groups = ["第一代表团", "第二代表团", "第三代表团", "第四代表团"]
    delegates = [
        cg.add_delegate(db, term, mid, category=categories[i], group_name=groups[i % 4])
        for i, mid in enumerate(chosen[:36])
    ]
    # One delegate moved away and was replaced by a by-election.
    moved = delegates[-1]
    cg.end_delegate(db, moved, (start + _dt.timedelta(days=300)).isoformat(), "transferred", "调往外地分公司")
    delegates[-1] = cg.add_delegate(db, term, chosen[36], category="frontline", group_name=groups[3], start_date=(start + _dt.timedelta(days=320)).isoformat(), start_how="by_election")

    first = cg.add_session(
        db,
        cg.Session(term, 1, (start + _dt.timedelta(days=20)).isoformat(), place="公司办公楼三楼会议室", host="工会主席", recorder="工会干事",
                   start_time="09:00", end_time="11:30", opening="大会执行主席宣布会议开始，全体起立，奏国歌。", closing="会议在《国际歌》声中闭幕。"),
    )
    second_date = (today - _dt.timedelta(days=40)).isoformat()
    second = cg.add_session(
        db,
        cg.Session(term, 2, second_date, place="公司职工活动中心", host="工会主席", recorder="工会干事", start_time="08:30", end_time="12:00",
                   executive_chair="王建国", nonvoting="公司领导班子成员、各部门负责人",
                   opening="大会执行主席王建国宣布会议开始，报告代表出席情况。", closing="执行主席作大会总结讲话，宣布大会胜利闭幕。"),
    )
    for session in (first, second):
        serving = [d.id for d in cg.session_delegates(db, session)]
        for i, d in enumerate(serving):
            if i % 17 == 3:
                mt.sign_in(db, session, d, "leave", rnd.choice(["病假", "出差", "事假"]))
            elif i % 19 == 5:
                mt.sign_in(db, session, d, "absent")
            else:
                mt.sign_in(db, session, d, "present")
    names = [d.name for d in cg.session_delegates(db, second)]
    present = mt.attendance(db, second).present
    for i, (title, report, presenter) in enumerate(AGENDA):
        a, b, c = rnd.sample(names, 3)
        item = mt.add_agenda_item(
            db,
            mt.AgendaItem(second, title, report_title=report, presenter=presenter, speakers="、".join((a, b, c)), discussion=DISCUSSION.format(a=a, b=b, c=c)),
        )
        if title.startswith("选举"):
            rid = mt.add_resolution(db, second, "选举经费审查委员会委员", kind="election", agenda_item_id=item, candidates=["刘建华", "陈晓燕", "赵志强"], seats=3, secret=True)
            r = mt.get_resolution(db, rid)
            mt.record_election(db, rid, {c.id: present - k * 3 for k, c in enumerate(r.candidates)})
        elif i in (2, 5, 8, 11):
            rid = mt.add_resolution(db, second, f"关于{title.removeprefix('审议')}的决议", agenda_item_id=item, text=f"大会同意{title.removeprefix('审议')}。")
            no = rnd.randint(0, 3)
            mt.record_vote(db, rid, present - no - 1, no, 1)
    mt.add_agenda_item(db, mt.AgendaItem(first, "审议公司年度工作报告", report_title="年度工作报告", speakers=names[0], discussion="代表们一致认为报告内容翔实。"))
    rid = mt.add_resolution(db, first, "关于年度工作报告的决议")
    p1 = mt.attendance(db, first).present
    mt.record_vote(db, rid, p1 - 2, 1, 1)
    _proposals(db, rnd, first, second, today)
    return {"term": term, "delegates": 36, "sessions": [first, second]}


def _proposals(db: Database, rnd: random.Random, first: int, second: int, today: _dt.date) -> None:
    ds = [d.id for d in cg.session_delegates(db, second)]
    s2 = cg.get_session(db, second)
    submitted = (_dt.date.fromisoformat(s2.date) - _dt.timedelta(days=20)).isoformat()

    def day(n: int) -> str:
        return (_dt.date.fromisoformat(s2.date) + _dt.timedelta(days=n)).isoformat()

    paths = [
        [],
        [("accept", 1, {})],
        [("reject", 1, {"note": "属于个人诉求，不符合一事一案要求"})],
        [("convert", 1, {"note": "作为意见建议转相关部门研究"})],
        [("accept", 1, {}), ("assign", 2, {"department": "后勤保障部", "deadline": day(20)})],
        [("accept", 1, {}), ("assign", 2, {"department": "人力资源部", "deadline": day(25)}), ("reply", 15, {"reply": "已制定方案，下月起实施。", "replied_by": "人力资源部 李华"})],
        [("accept", 1, {}), ("assign", 2, {"department": "安全环保部", "deadline": day(20)}), ("reply", 10, {"reply": "已加装通风设备12台。", "replied_by": "安全环保部 张强"}), ("rate", 12, {"rating": "satisfied"})],
        [("accept", 1, {}), ("assign", 2, {"department": "人力资源部", "deadline": day(20)}), ("reply", 10, {"reply": "已修订考核办法。", "replied_by": "人力资源部"}), ("rate", 12, {"rating": "basically"}), ("close", 14, {})],
        [("accept", 1, {}), ("assign", 2, {"department": "行政办公室", "deadline": day(15)}), ("reply", 8, {"reply": "正在选址。", "replied_by": "行政办公室"}), ("rate", 9, {"rating": "unsatisfied"}), ("reopen", 10, {"deadline": day(30)})],
    ]
    for (title, category), path in zip(PROPOSAL_TITLES, paths):
        proposer, *cos = rnd.sample(ds, 3)
        pid = pr.add_proposal(
            db,
            pr.Proposal(second, pr.next_number(db, second), title, proposer, cos, category,
                        content=f"{title.removeprefix('关于').removesuffix('的提案')}。", reason="广大职工反映强烈，事关职工切身利益。",
                        measures="建议相关部门深入调研，制定切实可行的方案，并明确完成时限。", submitted_on=submitted),
        )
        for action, offset, kw in path:
            date = min(day(offset), today.isoformat())
            pr.advance(db, pid, action, date, **kw)
