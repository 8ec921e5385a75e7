"""Sample difficult-worker aid for the demo: files in every tier and state, aid over three years,
yearly reviews (one of them changing the tier), each year's rounds for the files active then."""

from __future__ import annotations

import datetime as _dt
import random

from sqlite_utils import Database

from models import aid, clock
from models import aid_payments as ap
from models.members import get_member

FAMILY = [
    ("spouse", "配偶", (0, 250000)),
    ("child", "子女", (0, 0)),
    ("parent", "父母", (0, 180000)),
]
SCHOOLS = ["郑州大学", "河南理工大学", "华北水利水电大学", "河南工业大学", "洛阳理工学院"]


def fill_aid(db: Database, *, seed: int = 2026, today: _dt.date | None = None) -> dict:
    """About a dozen files: deep/relative/accident, in progress, active, out of hardship, cancelled.

    `today` is the demo's clock: every date is placed relative to it.
    """
    rnd = random.Random(seed)
    today = today or clock.today()
    people = [r[0] for r in db.execute("SELECT id FROM members WHERE status = 'active' ORDER BY id DESC LIMIT 60")]
    if len(people) < 14:
        return {"cases": 0}
    plans = [
        ("deep", "major_illness", "active"), ("deep", "no_ability", "active"), ("deep", "laid_off", "active"),
        ("relative", "schooling", "active"), ("relative", "single_parent", "active"), ("relative", "major_illness", "active"),
        ("accident", "accident", "active"), ("accident", "disaster", "active"),
        ("relative", "schooling", "out_of_hardship"), ("deep", "major_illness", "cancelled"),
        ("relative", "laid_off", "notice"), ("deep", "major_illness", "visited"),
    ]
    y0 = today.year - 2
    cases: list[int] = []
    for n, (tier, cause, target) in enumerate(plans):
        m = get_member(db, people[n])
        opened = _dt.date(y0, 1 + n % 6, 5 + n)
        if target in ("notice", "visited"):
            opened = today - _dt.timedelta(days=30)
        cid = aid.open_file(
            db,
            aid.Case(
                worker_name=m.name, worker_id_number=m.id_number, main_cause=cause, opened_on=opened.isoformat(), member_id=m.id,
                phone=m.phone, department=m.department, marriage="married", housing_type=rnd.choice(["owned", "rented", "unit_public"]),
                housing_area=float(rnd.randint(35, 80)), address="本市东城区建设路" + str(rnd.randint(1, 200)) + "号",
                bank_name="中国工商银行", bank_account="6222 0210 " + f"{rnd.randint(0, 99999999):08d}",
                hardship_spending_fen=rnd.choice([0, 1_200_000, 2_400_000]) if cause == "major_illness" else 0,
                created_by="工会干事", reviewed_by="工会主席", entered_by="工会干事",
            ),
        )
        _household(db, rnd, cid, tier)
        cases.append(cid)
        def step(days: int, start: _dt.date = opened) -> _dt.date:
            return start + _dt.timedelta(days=days)

        aid.advance(db, cid, "visit", step(5).isoformat(), people="工会主席、工会干事", findings="家中陈设简陋，收入来源单一，情况属实。")
        if target == "visited":
            continue
        aid.advance(db, cid, "review", step(10).isoformat(), note="工会委员会会议审核通过")
        start = _next_monday(step(12))
        aid.advance(db, cid, "notice", start.isoformat(), end_date=(start + _dt.timedelta(days=4)).isoformat())
        suggested = aid.assess(db, cid)["suggested_tier"]
        aid.confirm_tier(db, cid, tier, "" if tier == suggested else "经入户调查，实际困难程度与收入测算不同")
        if target == "notice":
            continue
        approved = start + _dt.timedelta(days=7)
        aid.advance(db, cid, "approve", approved.isoformat())
        for year in range(y0, today.year + 1):
            review_day = _dt.date(year, 2, 20)
            if approved.year < year and review_day <= today and aid.get_case(db, cid).state == "active":
                if n == 5 and year == today.year:  # an illness got worse: the tier is raised at this year's review
                    aid.annual_review(db, cid, review_day.isoformat(), "tier_changed", new_tier="deep", people="工会主席、工会干事",
                                      findings="病情加重，自付医疗费用大幅增加", reason="因病支出增加，人均收入低于低保标准")
                else:
                    aid.annual_review(db, cid, review_day.isoformat(), "kept", people="工会主席、工会干事", findings="家庭收入及困难情况未见明显变化")
            pay_day = _dt.date(year, 6, 15)
            if approved < pay_day <= today and aid.get_case(db, cid).state == "active":  # aid follows approval
                ap.record_payment(db, ap.Payment(cid, "living" if tier != "accident" else "medical", pay_day.isoformat(), rnd.choice([100000, 150000, 200000]), rnd.choice(["own", "upper"]), approved_by="工会主席", signed=True))
                if cause == "schooling" and year < today.year:
                    ap.record_payment(db, ap.Payment(cid, "autumn_education", _dt.date(year, 8, 25).isoformat(), 300000, "upper", approved_by="工会主席", signed=True,
                                                     student_name=m.name[0] + "小" + "明丽"[n % 2], student_school=rnd.choice(SCHOOLS), student_grade=f"{year}级"))
            if target == "out_of_hardship" and year == today.year - 1:
                aid.close_file(db, cid, _dt.date(year, 12, 20).isoformat(), "out_of_hardship", measure="通过就业援助实现家庭成员稳定就业")
            if target == "cancelled" and year == today.year - 1:
                aid.close_file(db, cid, _dt.date(year, 11, 10).isoformat(), "retired", note="本人退休")
    # Spring Festival warmth rounds, each January, for the files active on the day (closed ones included in the years they were active).
    for year in range(y0 + 1, today.year + 1):
        day = _dt.date(year, 1, 18)
        if day > today:
            continue
        eligible = ap.round_candidates(db, day.isoformat())
        if not eligible:
            continue
        ap.record_round(db, f"{year}年春节送温暖", "warmth", day.isoformat(), [(r["id"], 80000 if r["tier"] == "deep" else 50000) for r in eligible],
                        funding_source="own", approved_by="工会主席", signed=True, notice_start=(day - _dt.timedelta(days=11)).isoformat(),
                        notice_end=(day - _dt.timedelta(days=5)).isoformat(), contact="工会办公室 电话 0371-65550000")
    # One mistaken payment, voided.
    wrong = ap.record_payment(db, ap.Payment(cases[0], "other", today.replace(month=1, day=10).isoformat() if today.month > 1 else today.isoformat(), 20000, "own", note="误录"))
    ap.void_payment(db, wrong, "重复登记，作废")
    return {"cases": len(cases)}


def _next_monday(d: _dt.date) -> _dt.date:
    return d + _dt.timedelta(days=(7 - d.weekday()) % 7)


def _household(db: Database, rnd: random.Random, case_id: int, tier: str) -> None:
    """Incomes chosen to land in the planned tier with a 930-yuan standard."""
    self_row = aid.household_members(db, case_id)[0]
    per_head = {"deep": 70000, "relative": 140000, "accident": 260000}[tier]
    size = rnd.choice([3, 4])
    self_row.monthly_income_fen = per_head * size - per_head // 2
    self_row.occupation = "本单位职工"
    self_row.health = "major" if tier == "accident" else "good"
    aid.update_household_member(db, self_row)
    surname = self_row.name[0]
    for i in range(size - 1):
        code, _, (lo, hi) = FAMILY[min(i, 2)]
        income = per_head // 2 if i == 0 else 0
        aid.add_household_member(
            db, case_id,
            aid.HouseholdMember(name=surname + rnd.choice("晓小国建秀丽明华") + rnd.choice("军梅强芳杰敏伟燕"), relation=code, monthly_income_fen=income,
                                birth_date=f"{rnd.randint(1950, 2012)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
                                health=rnd.choice(["good", "chronic"]), occupation="在读" if code == "child" else "务农"),
        )
