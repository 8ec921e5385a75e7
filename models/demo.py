"""Realistic sample data for trying the program and for the benchmark.

Plausible names (common surnames weighted, a few with special readings and a
compound surname), valid ID numbers from real prefecture codes, a factory's
departments, histories (transfers in, retirement, leaving), dated changes
(调岗, a degree finished, joining the Party, a member card issued) and dues. The
same seed gives the same data; "today" is the ledger's clock unless given.
"""

from __future__ import annotations

import datetime as _dt
import random

from sqlite_utils import Database

from dataclasses import replace

from models import clock, dues, membership
from models.members import Member, add_members, count_members, get_member, update_member, validate
from models.org import OrgProfile, save_profile, save_workforce
from models.tasks import ProgressFn, report
from models.validation import ValidationError

SURNAMES = (
    "王" * 12 + "李" * 12 + "张" * 11 + "刘" * 9 + "陈" * 8 + "杨" * 6 + "黄" * 5 + "赵" * 5 + "吴" * 4 + "周" * 4
    + "徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强"
)
COMPOUND = ["欧阳", "司马", "上官", "诸葛"]
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬飞桂荣建国志红梅文斌鑫宇浩然子涵欣怡佳琪思远博文俊杰晓东海燕雪梅春花秋菊冬梅振华卫东建华丽娟小红"
REGIONS = ["110105", "120101", "130102", "140105", "210102", "310104", "320102", "330106", "340104", "350102", "360102",
           "370102", "410102", "410105", "410302", "411102", "420102", "430102", "440106", "450102", "500103", "510104", "610102"]
DEPARTMENTS = [("生产一车间", 22), ("生产二车间", 20), ("质检部", 8), ("设备部", 8), ("仓储物流部", 8), ("财务部", 4),
               ("人力资源部", 4), ("行政办公室", 5), ("销售部", 9), ("技术研发部", 10), ("安全环保部", 2)]
POSTS = {
    "生产一车间": ["数控车床操作工", "装配工", "焊工", "班组长", "车间主任"],
    "生产二车间": ["冲压工", "喷涂工", "装配工", "班组长", "车间副主任"],
    "质检部": ["质检员", "检验组长", "质量工程师"],
    "设备部": ["维修电工", "钳工", "设备工程师"],
    "仓储物流部": ["仓管员", "叉车司机", "物流专员"],
    "财务部": ["会计", "出纳", "财务经理"],
    "人力资源部": ["人事专员", "培训主管"],
    "行政办公室": ["行政专员", "司机", "办公室主任"],
    "销售部": ["销售代表", "区域经理", "客服专员"],
    "技术研发部": ["工艺工程师", "设计工程师", "技术员"],
    "安全环保部": ["安全员", "环保专员"],
}


def sample_org() -> OrgProfile:
    from stdnum.cn import uscc

    body = "91410100" + "MA9GTK3X"
    return OrgProfile(
        union_name="郑州示例机械制造有限公司工会委员会",
        unit_name="郑州示例机械制造有限公司",
        credit_code=body + "0" + uscc.calc_check_digit(body + "0"),
        unit_nature="企业",
        industry="通用设备制造业",
        chair="王建国",
        vice_chair="李秀英",
        phone="0371-65550000",
        address="河南省郑州市高新区科学大道100号",
        parent_union="郑州高新技术产业开发区总工会",
        founded_on="2003-06-18",
        workers_total=1200,
        workers_female=380,
        workers_migrant=420,
        workers_dispatched=60,
        min_living_fen=93000,
    )


def _name(rnd: random.Random) -> str:
    surname = rnd.choice(COMPOUND) if rnd.random() < 0.01 else rnd.choice(SURNAMES)
    given = rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.7 else "")
    return surname + given


def _id_number(rnd: random.Random, birth: _dt.date, male: bool, seq: int) -> str:
    from stdnum.cn import ric

    odd = seq % 500 * 2 + (1 if male else 0)
    body = f"{rnd.choice(REGIONS)}{birth:%Y%m%d}{odd % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def _member(rnd: random.Random, i: int, today: _dt.date) -> Member:
    male = rnd.random() < 0.66
    birth = _dt.date(rnd.randint(1966, 2004), rnd.randint(1, 12), rnd.randint(1, 28))
    dept = rnd.choices([d for d, _ in DEPARTMENTS], [w for _, w in DEPARTMENTS])[0]
    join_year = min(today.year, max(birth.year + 18, rnd.randint(2000, today.year)))
    join = _dt.date(join_year, rnd.randint(1, 12), rnd.randint(1, 28))
    if join > today:
        join = today - _dt.timedelta(days=30)
    migrant = dept.startswith("生产") and rnd.random() < 0.45
    card_day = min(today, join + _dt.timedelta(days=i * 7 % 45))  # the card some weeks after 入会 (no draw: the sample stays as it was)
    m = Member(
        name=_name(rnd),
        id_number=_id_number(rnd, birth, male, i),
        ethnicity=rnd.choices(["01", "03", "08", "04", "11"], [94, 2, 2, 1, 1])[0],
        phone=f"1{rnd.choice('35789')}{rnd.randint(0, 9)}{rnd.randint(0, 99999999):08d}",
        political_status=rnd.choices(["01", "03", "13", "02", "06"], [18, 14, 65, 2, 1])[0],
        education=rnd.choices(["postgrad", "bachelor", "college", "vocational", "high", "junior"], [3, 22, 28, 20, 18, 9])[0],
        hukou_type="rural" if migrant else rnd.choice(["urban", "urban", "rural"]),
        is_migrant_worker=migrant,
        is_dispatched=rnd.random() < 0.05,
        department=dept,
        post=rnd.choice(POSTS[dept]),
        employee_no=f"ZS{i + 1:05d}",
        join_date=join.isoformat(),
        card_number=f"6222 0217 {rnd.randint(0, 9999):04d} {rnd.randint(0, 9999):04d}" if rnd.random() < 0.8 else "",
        monthly_wage_fen=rnd.randint(3500, 12000) * 100,
    )
    m.card_issued_on = card_day.isoformat() if m.card_number else ""
    return m


def fill_demo(
    db: Database,
    members: int = 300,
    *,
    seed: int = 2026,
    force: bool = False,
    with_history: bool = True,
    progress: ProgressFn = None,
    today: _dt.date | None = None,
) -> dict:
    """Fill a database with sample members (and their histories and dues)."""
    if count_members(db) and not force:
        raise ValidationError("示例数据", "数据文件中已有会员，为避免混淆未生成示例数据（如确需追加，请使用 --force）")
    rnd = random.Random(seed)
    today = min(today or clock.today(), clock.today())  # nothing may be dated after the ledger's today
    org = sample_org()
    # A big demo is a big company: more workers than members, or the filing's checks fail
    # (会员 ≤ 职工, 女会员 ≤ 女职工) on the sample itself.
    scale = max(1.0, members * 1.15 / org.workers_total)
    org.workers_total, org.workers_female, org.workers_migrant, org.workers_dispatched = (
        round(n * scale) for n in (org.workers_total, org.workers_female, org.workers_migrant, org.workers_dispatched)
    )
    save_profile(db, org)
    for back, total in ((3, 1120), (2, 1150), (1, 1180)):  # the counts stated in earlier years
        total = round(total * scale)
        save_workforce(db, today.year - back, workers_total=total, workers_female=total * 31 // 100,
                       workers_migrant=total * 35 // 100, workers_dispatched=total // 20)
    made: list[Member] = []
    seen: set[str] = set()
    start = db.execute("SELECT count(*) FROM members").fetchone()[0]
    i = start
    while len(made) < members:
        m = validate(_member(rnd, i, today))
        i += 1
        if m.id_number in seen:
            continue
        seen.add(m.id_number)
        made.append(m)
    ids: list[int] = []
    with db.atomic():
        for offset in range(0, len(made), 2000):
            ids += add_members(db, made[offset : offset + 2000])
            report(progress, len(ids), members)
        if with_history and members <= 20000:
            _histories(db, rnd, ids, made, today)
    made_too: dict = {}
    if with_history:
        from models.demo_disclosure import fill_disclosure

        made_too["disclosure_items"] = fill_disclosure(db, seed=seed, today=today).get("items", 0)
    if with_history and members <= 20000 and not db.execute("SELECT 1 FROM innovation_projects").fetchone():
        from models.demo_innovation import fill_innovation

        made_too["projects"] = fill_innovation(db, seed=seed, today=today).get("projects", 0)
    return {"members": len(ids), **made_too}


def _histories(db: Database, rnd: random.Random, ids: list[int], made: list[Member], today: _dt.date) -> None:
    this_month = today.replace(day=1)
    months = []
    d = this_month
    for _ in range(3):
        d = (d - _dt.timedelta(days=1)).replace(day=1)
        months.append(d.strftime("%Y-%m"))
    for member_id, m in zip(ids, made):
        roll = rnd.random()
        join = _dt.date.fromisoformat(m.join_date)
        later = min(today, join + _dt.timedelta(days=rnd.randint(200, 3000)))
        if later <= join:
            continue
        if roll < 0.05:
            membership.record_event(db, member_id, "retain", later.isoformat(), reason="retired", note="退休保留会籍")
        elif roll < 0.08:
            membership.record_event(db, member_id, "transfer_out", later.isoformat(), reason="labour_change", other_union="郑州市某某电气有限公司工会")
        elif roll < 0.09:
            membership.record_event(db, member_id, "withdraw", later.isoformat(), reason="own_request")
        elif roll < 0.095:
            membership.record_event(db, member_id, "death", later.isoformat(), reason="death")
        else:
            _changes(db, rnd, member_id, m, later)
            amount = dues.monthly_dues(m.monthly_wage_fen or 0)
            paid = [p for p in months if p >= m.join_date[:7] and rnd.random() < 0.9]
            if paid and amount > 0:
                dues.record_payment(db, member_id, paid, amount, today.replace(day=1).isoformat() if today.day > 1 else today.isoformat(), wage_fen=m.monthly_wage_fen)


def _changes(db: Database, rnd: random.Random, member_id: int, m: Member, day: _dt.date) -> None:
    """A dated change in the world for some members who stay: 调岗, a degree, the Party, a card."""
    roll = rnd.random()
    if roll < 0.08:
        dept = rnd.choice([d for d, _ in DEPARTMENTS if d != m.department])
        changes = {"department": dept, "post": rnd.choice(POSTS[dept])}
        note = "调岗"
    elif roll < 0.12 and m.education in ("college", "vocational", "high"):
        changes, note = {"education": {"college": "bachelor", "vocational": "college", "high": "college"}[m.education]}, "取得新学历"
    elif roll < 0.15 and m.political_status in ("03", "13"):
        changes, note = {"political_status": "02"}, "入党（预备党员）"
    elif roll < 0.2 and not m.card_number:
        changes, note = {"card_number": f"6222 0217 {rnd.randint(0, 9999):04d} {rnd.randint(0, 9999):04d}"}, "发放会员卡"
    else:
        return
    update_member(db, replace(get_member(db, member_id), **changes), effective=day.isoformat(), note=note)
