"""Sample factory-affairs disclosure for the demo: a year and a half of regular subjects and
their items (most on time, one late, the latest due, one overdue), matters as they arose
(one still waiting), items for the congress, attachments, workers' feedback in every state
and the supervision group's checks (one rectified, one under way)."""

from __future__ import annotations

import datetime as _dt
import random
import tempfile
from pathlib import Path

from sqlite_utils import Database

from models import clock
from models import disclosure as dc
from models import disclosure_feedback as fb
from models import disclosure_files as files
from models import disclosure_schedule as sched

# title, category, subcategory, kind, department, person, channels, summary
SUBJECTS = [
    ("工资奖金发放情况", "interests", "wages", "monthly", "人力资源部", "张丽", ["board", "online"],
     "{label}全厂职工工资、绩效奖金发放总额、人均水平及各车间绩效考核系数；加班费按实际加班工时计发。"),
    ("社会保险和住房公积金缴纳情况", "interests", "insurance", "quarterly", "财务部", "刘洋", ["board", "online"],
     "{label}养老、医疗、失业、工伤、生育保险及住房公积金缴费基数、缴费人数和单位缴纳金额，无欠缴。"),
    ("安全生产情况通报", "interests", "safety", "quarterly", "安全环保部", "孙强", ["board", "forum"],
     "{label}安全检查次数、发现隐患及整改情况，劳动防护用品发放情况，职业健康体检安排。"),
    ("生产经营目标完成情况", "major", "results", "half_yearly", "行政办公室", "周敏", ["briefing", "online"],
     "{label}产值、销售收入、利润等主要经营指标完成情况，与上年同期对比，下一阶段工作安排。"),
    ("业务招待费使用情况", "leadership", "hospitality", "yearly", "财务部", "刘洋", ["congress", "board"],
     "{label}业务招待费预算、实际支出及主要用途，向职工代表大会报告并接受评议。"),
    ("安全事故和职业危害事项通报", "interests", "safety", "as_arises", "安全环保部", "孙强", ["board"], ""),
]

OTHERS = [  # (days before today, title, category, subcategory, channels, summary)
    (400, "集体合同（草案）及工资专项集体合同", "interests", "contract", ["congress", "board"],
     "集体合同草案共八章四十二条，工资专项集体合同约定年度工资增长幅度不低于百分之五；提交职工代表大会审议。"),
    (330, "年度职工培训计划及培训经费使用安排", "interests", "training", ["online"], "全年安排岗位技能培训十二期，培训经费按职工工资总额的百分之一点五提取。"),
    (200, "困难职工帮扶对象名单（建档公示）", "interests", "hardship", ["board"], "经个人申请、入户调查和工会审核，拟将三户职工家庭纳入困难职工档案，公示七个工作日。"),
    (120, "2026年度新员工招聘计划", "interests", "recruitment", ["online", "board"], "计划招聘数控操作工二十名、质检员五名，招聘条件、程序和录用结果将另行公示。"),
    (45, "职工代表大会民主评议领导人员结果", "leadership", "appraisal", ["congress"], "参加评议职工代表八十二名，领导班子总体评价为优秀的占百分之八十五。"),
]

FEEDBACK = [  # (sub-category of the item, days after it, channel, person, department, content, reply or None, answered_by)
    ("wages", 3, "box", "", "生产一车间", "工资条上的加班费计算看不懂，希望公开具体的计算办法。", "加班费按国家规定的一点五倍、二倍、三倍计发，计算办法已在公开栏补充张贴。", "人力资源部"),
    ("safety", 5, "forum", "王师傅", "生产二车间", "希望高温季节的防暑降温费在公开栏单独列出。", "已在第三季度安全生产情况通报中单独列出防暑降温费发放标准。", "安全环保部"),
    ("insurance", 2, "phone", "", "质检部", "公积金缴费基数是否按上年平均工资调整？", "已按上年度月平均工资调整缴费基数，明细见附件。", "财务部"),
    ("recruitment", 4, "online", "李敏", "仓储物流部", "招聘信息能否先在厂内公布，让内部职工优先报名？", None, ""),
    ("safety", 1, "in_person", "", "设备部", "安全检查发现的隐患整改情况什么时候公布？", None, ""),
]


def _note_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def fill_disclosure(db: Database, *, seed: int = 2026, today: _dt.date | None = None) -> dict:
    """A year and a half of the register up to `today` (the demo's clock)."""
    rnd = random.Random(seed)
    today = min(today or clock.today(), clock.today())
    if db.execute("SELECT 1 FROM disclosure_items").fetchone():
        return {"items": 0}
    first = (today.replace(day=1) - _dt.timedelta(days=540)).replace(day=1)
    on_file = files.database_file(db) is not None
    scratch = Path(tempfile.mkdtemp(prefix="demo-disclosure-"))
    items: list[int] = []
    skipped_overdue = False
    for n, (title, category, sub, kind, dept, person, channels, summary) in enumerate(SUBJECTS):
        sid = dc.add_subject(db, dc.Subject(title, category, kind, first.isoformat(), subcategory=sub, department=dept, person=person))
        if kind == "as_arises":
            for back, what, done in ((200, "二车间冲压工手部轻伤事故", True), (3, "喷涂车间通风设备故障停产检修", False)):
                arose = today - _dt.timedelta(days=back)
                items.append(dc.add_item(db, dc.Item(
                    f"关于{what}的通报", category, channels, (arose + _dt.timedelta(days=2)).isoformat() if done else None, subcategory=sub,
                    summary=f"{arose.isoformat()}，{what}。事故（故障）原因、处理经过和防范措施见附件，请各班组组织学习。",
                    subject_id=sid, arose_on=arose.isoformat(), department=dept, person=person, posted_days=15, contact="安全环保部 0371-65550123",
                )))
            continue
        p = sched.period_of(kind, first)
        while p.end < today.isoformat():
            due = _dt.date.fromisoformat(p.due_on)
            if today <= due:
                break  # the latest period's item is still due: the register shows it
            if kind == "monthly" and not skipped_overdue and p.start >= (today - _dt.timedelta(days=130)).isoformat():
                skipped_overdue = True  # one month never disclosed: overdue
                p = sched.next_period(p)
                continue
            late = n == 2 and p.start == sched.period_of(kind, first).start  # the first safety report went up late
            day = due + _dt.timedelta(days=rnd.randint(3, 12)) if late else due - _dt.timedelta(days=rnd.randint(1, 8))
            day = min(day, today)
            items.append(dc.add_item(db, dc.Item(
                f"{p.label}{title}", category, channels, day.isoformat(), subcategory=sub, summary=summary.format(label=p.label),
                subject_id=sid, period_start_date=p.start, department=dept, person=person, posted_days=rnd.choice([7, 15, 30]),
                contact=f"{dept} {person} 0371-6555{rnd.randint(1000, 9999)}",
            )))
            p = sched.next_period(p)
    for back, title, category, sub, channels, summary in OTHERS:
        day = today - _dt.timedelta(days=back)
        if day < first:
            continue
        partial = sub == "recruitment"
        items.append(dc.add_item(db, dc.Item(
            title, category, channels, day.isoformat(), subcategory=sub, summary=summary, is_all_staff=not partial,
            audience="生产一车间、生产二车间、质检部" if partial else "", department="工会办公室", person="李秀英", posted_days=7,
            contact="工会办公室 0371-65550000",
        )))
    attached = 0
    if on_file:
        rules = _note_file(scratch, "厂务公开实施细则.txt", "厂务公开实施细则\n第一条 为推进厂务公开民主管理……\n第二条 公开的内容、形式和时间……\n")
        for item_id in items[::4]:
            item = dc.get_item(db, item_id)
            note = _note_file(scratch, f"{item.title[:20]}.txt", f"{item.title}\n\n{item.summary}\n")
            files.add_attachment(db, item_id, note, on=item.disclosed_on or item.arose_on)
            attached += 1
        for item_id in items[1:3]:  # the same rules attached twice: stored once
            item = dc.get_item(db, item_id)
            files.add_attachment(db, item_id, rules, on=item.disclosed_on or item.arose_on)
            attached += 1
    disclosed = [dc.get_item(db, i) for i in items if dc.get_item(db, i).disclosed_on]
    feedback = 0
    for n, (sub, after, channel, person, dept, content, reply, by) in enumerate(FEEDBACK):
        matching = [i for i in disclosed if i.subcategory == sub] or disclosed
        item = matching[-1 - n % len(matching)] if reply is None else matching[len(matching) // 2]
        received = min(_dt.date.fromisoformat(item.disclosed_on) + _dt.timedelta(days=after), today)  # type: ignore[arg-type]
        fid = fb.add_feedback(db, fb.Feedback(received.isoformat(), channel, content, item_id=item.id, person=person, department=dept))
        feedback += 1
        if reply:
            replied = min(received + _dt.timedelta(days=5), today)
            closed = min(replied + _dt.timedelta(days=3), today) if n != 2 else None
            fb.answer_feedback(db, fid, reply=reply, answered_by=by, replied_on=replied.isoformat(), closed_on=closed.isoformat() if closed else None)
    checks = 0
    for back, findings, fixed in ((420, "", False), (240, "三月份工资发放情况公开时间晚于规定时间；公开栏玻璃破损。", True), (90, "", False),
                                  (20, "第三季度安全生产通报未列出隐患整改完成情况。", False)):
        day = today - _dt.timedelta(days=back)
        if day < first:
            continue
        x = fb.Inspection(
            day.isoformat(), "厂务公开监督小组：赵刚、陈静、职工代表吴海", ["truth", "complete", "timely", "procedure"],
            scope="公开栏、内部网公开内容及厂务公开台账", findings=findings,
            rectification="按规定时限公开并补充完整内容；更换公开栏玻璃。" if findings else "",
            rectify_due_on=(day + _dt.timedelta(days=30)).isoformat() if findings else None,
        )
        xid = fb.add_inspection(db, x)
        checks += 1
        if fixed:
            fb.record_rectified(db, xid, (day + _dt.timedelta(days=21)).isoformat(), "已补充公开并更换公开栏玻璃，监督小组复查合格。")
    import shutil

    shutil.rmtree(scratch, ignore_errors=True)
    return {"items": len(items), "attachments": attached, "feedback": feedback, "inspections": checks}
