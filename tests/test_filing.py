"""The yearly filing: each indicator on a crafted ledger whose answer is known by hand.

The stories are told from 15 March 2026 and the table is for 2025: what happened in
2026 (a member leaving in March, one joining in January, a proposal closed in
January, a payment in January) must not move a 2025 figure.
"""

from __future__ import annotations

import pytest

from models import aid, clock, filing, membership
from models import aid_payments as ap
from models import congress as cg
from models import congress_meeting as cm
from models import proposals as pr
from models.filing_records import records
from models.members import add_member, get_member, update_member
from models.org import get_profile, save_profile, save_workforce
from models.validation import ValidationError
from tests.conftest import make_id, member
from tests.test_aid_time import approve, open_case, pay
from tests.test_congress import make_delegates


@pytest.fixture(autouse=True)
def _march_2026():
    with clock.frozen("2026-03-15T10:00:00"):
        yield


def table(db, year: int = 2025) -> dict:
    return filing.compute(db, year).values


def count_of(db, code: str, year: int = 2025) -> int:
    return len(records(db, year, code)[1])


def test_members_on_31_december(db):
    a = add_member(db, member("王芳", id_number=make_id(seq=1, male=False), join_date="2010-03-01", is_migrant_worker=True, card_number="6222000011112222",
                          card_issued_on="2025-06-01"))  # a card issued in 2025
    add_member(db, member("李强", id_number=make_id(seq=2), join_date="2025-05-01"))  # new in 2025
    c = add_member(db, member("赵丽", id_number=make_id(seq=3, male=False), join_date="2015-01-01", card_number="6222000033334444",
                          card_issued_on="2016-02-01"))  # an older card: not issued in 2025
    membership.record_event(db, c, "transfer_out", "2026-03-01", reason="labour_change", other_union="某公司工会")  # left in March 2026
    add_member(db, member("孙杰", id_number=make_id(seq=4), join_date="2026-01-10"))  # joins in 2026: not counted
    e = add_member(db, member("周平", id_number=make_id(seq=5), join_date="2012-01-01"))
    membership.record_event(db, e, "retain", "2025-06-01", reason="retired")
    f = add_member(db, member("吴敏", id_number=make_id(seq=6, male=False), join_date="2011-01-01"))
    membership.record_event(db, f, "withdraw", "2025-08-01", reason="own_request")
    g = add_member(db, member("郑涛", id_number=make_id(seq=7), join_date="2013-01-01", is_migrant_worker=True))
    changed = get_member(db, g)
    changed.is_migrant_worker = False
    update_member(db, changed, effective="2026-02-01")  # a migrant worker in 2025, no longer since February
    v = table(db)
    assert (v["members"], v["members_female"], v["members_migrant"], v["members_new"], v["members_retained"], v["member_cards"]) == (4, 2, 2, 1, 1, 1)
    assert sorted(r[1] for r in records(db, 2025, "members")[1]) == sorted(["王芳", "李强", "赵丽", "郑涛"])
    assert [r[1] for r in records(db, 2025, "members_new")[1]] == ["李强"]
    for code in ("members", "members_female", "members_migrant", "members_new", "members_retained", "member_cards"):
        assert count_of(db, code) == v[code], code
    # 2026 as it stands on 15 March: 赵丽 has left, 孙杰 joined, 郑涛 is no longer a migrant worker
    now = table(db, 2026)
    assert (now["members"], now["members_female"], now["members_migrant"], now["members_new"]) == (4, 1, 1, 1)
    assert a  # (kept for readability of the story)


def test_workforce_and_profile(db):
    p = get_profile(db)
    p.union_name, p.unit_name, p.credit_code, p.unit_nature = "示例工会委员会", "示例机械有限公司", "91410100MA9GTK3X0D", "企业"
    save_profile(db, p, year=2024)
    save_workforce(db, 2025, workers_total=120, workers_female=40, workers_migrant=30, workers_dispatched=5)
    save_workforce(db, 2026, workers_total=150, workers_female=50, workers_migrant=35, workers_dispatched=6)
    v = table(db)
    assert (v["workers"], v["workers_female"], v["workers_migrant"], v["workers_dispatched"]) == (120, 40, 30, 5)
    assert (v["unit_name"], v["credit_code"], v["unit_nature"]) == ("示例机械有限公司", "91410100MA9GTK3X0D", "企业")
    assert records(db, 2025, "workers")[1][0][:2] == ["2025", "120"]
    t = filing.compute(db, 2024)  # 2024 never stated: the nearest statement, and a warning saying so
    assert t.values["workers"] == 120 and any("2024 年的职工人数尚未填写" in w for w in t.warnings)


def test_congress_and_proposals(db):
    term = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2028-12-31"))
    s1 = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-03-20"))
    s2 = cg.add_session(db, cg.Session(term_id=term, number=2, date="2026-03-01"))
    ds = make_delegates(db, term, 6)
    for d in ds[:5]:
        cm.sign_in(db, s1, d, "present")
    cm.sign_in(db, s1, ds[5], "leave", "出差")

    def submit(session: int, day: str) -> int:
        return pr.add_proposal(db, pr.Proposal(session_id=session, number=pr.next_number(db, session), title="改善食堂", proposer_id=ds[0],
                                               cosigner_ids=[ds[1], ds[2]], category="welfare", submitted_on=day))

    p1, p2, p3 = submit(s1, "2025-02-20"), submit(s1, "2025-02-21"), submit(s1, "2025-02-22")
    pr.void_proposal(db, submit(s1, "2025-02-23"), "重复录入")  # entered twice by mistake: counts nowhere
    submit(s2, "2026-02-20")  # received in 2026: not counted
    for pid in (p1, p2):
        pr.advance(db, pid, "accept", "2025-03-21")
        pr.advance(db, pid, "assign", "2025-03-22", department="后勤部", deadline="2025-04-30")
        pr.advance(db, pid, "reply", "2025-04-20", reply="已办理", replied_by="后勤部")
        pr.advance(db, pid, "rate", "2025-04-25", rating="satisfied")
    pr.advance(db, p1, "close", "2025-05-30")
    pr.advance(db, p2, "close", "2026-01-10")  # closed in 2026: not 办结 on 31 December 2025
    pr.advance(db, p3, "reject", "2025-03-21", note="不属于职代会职权范围")
    v = table(db)
    assert (v["congress_system"], v["congress_sessions"], v["congress_expected"], v["congress_present"]) == (1, 1, 6, 5)
    assert (v["proposals_received"], v["proposals_accepted"], v["proposals_closed"]) == (3, 2, 1)
    assert records(db, 2025, "congress_sessions")[1] == [["第一届职工代表大会第一次会议", "2025-03-20", "6", "5"]]
    for code in ("proposals_received", "proposals_accepted", "proposals_closed", "congress_sessions"):
        assert count_of(db, code) == v[code], code
    assert table(db, 2023)["congress_system"] == 0


def test_aid_files_money_and_students(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen = "测试工会", 93000
    save_profile(db, p)
    a = open_case(db, "王秀英", 1, "2024-11-01")
    approve(db, a, "deep", "2024-11-04")
    b = open_case(db, "李梅", 2, "2025-01-02")
    approve(db, b, "relative", "2025-01-06")
    aid.close_file(db, b, "2025-11-20", "out_of_hardship", measure="就业援助后稳定就业")
    c = open_case(db, "张丽", 3, "2026-01-05")  # opened in 2026: not counted
    pay(db, a, "living", "2025-06-01", 100000)
    pay(db, a, "autumn_education", "2025-08-20", 50000, student_name="王小明", student_school="郑州大学", student_grade="2025级")
    wrong = pay(db, b, "medical", "2025-07-01", 30000)
    ap.void_payment(db, wrong, "重复登记")  # a void counts in no year
    pay(db, a, "warmth", "2026-01-20", 80000)  # 2026
    v = table(db)
    assert (v["aid_files"], v["aid_files_deep"], v["aid_files_relative"], v["aid_files_accident"], v["aid_out"]) == (1, 1, 0, 0, 1)
    assert (v["aid_money"], v["aid_money_living"], v["aid_money_education"], v["aid_money_medical"], v["aid_money_warmth"]) == (150000, 100000, 50000, 0, 0)
    assert (v["aid_times"], v["aid_autumn"]) == (2, 1)
    assert records(db, 2025, "aid_autumn")[1] == [["王小明", "郑州大学", "王秀英", "2025-08-20"]]
    assert [r[1] for r in records(db, 2025, "aid_files")[1]] == ["王秀英"]
    for code in ("aid_files", "aid_files_deep", "aid_out", "aid_times"):
        assert count_of(db, code) == v[code], code
    assert c


def test_computed_in_march_equals_computed_on_31_december(db):
    with clock.frozen("2025-12-31T18:00:00"):
        add_member(db, member("王芳", id_number=make_id(seq=1, male=False), join_date="2010-03-01"))
        save_workforce(db, 2025, workers_total=10, workers_female=4)
        then = filing.compute(db, 2025).values
    add_member(db, member("李强", id_number=make_id(seq=2), join_date="2026-01-10"))
    save_workforce(db, 2026, workers_total=12, workers_female=5)
    assert filing.compute(db, 2025).values == then


def test_manual_entries_are_remembered_per_year_and_checked(db):
    assert filing.save_manual(db, 2025, {"cadres_full": "2", "independent": "是", "contract_covered": 80}) == 3
    assert filing.save_manual(db, 2024, {"cadres_full": 1}) == 1
    v = table(db)
    assert (v["cadres_full"], v["independent"], v["contract_covered"], v["cadres_part"]) == (2, 1, 80, None)
    assert table(db, 2024)["cadres_full"] == 1
    before = filing.manual_values(db, 2025)
    for bad, field, message in (
        ({"cadres_part": -1}, "工会兼职干部", "不能为负数"),
        ({"cadres_part": "三人"}, "工会兼职干部", "不小于零的整数"),
        ({"cadres_part": 2.5}, "工会兼职干部", "整数"),
        ({"independent": 2}, "是否独立建会", "是"),
        ({"members": 5}, "会员人数", "不能手填"),
    ):
        with pytest.raises(ValidationError, match=message) as info:
            filing.save_manual(db, 2025, {"cadres_full": 9, **bad})
        assert info.value.field == field
        assert filing.manual_values(db, 2025) == before  # nothing changed, not even the good value
    filing.save_manual(db, 2025, {"cadres_full": ""})  # cleared
    assert table(db)["cadres_full"] is None


def test_bad_years(db):
    with pytest.raises(ValidationError, match="尚未到来") as info:
        filing.compute(db, 2027)
    assert info.value.field == "年度"
    with pytest.raises(ValidationError, match="四位数"):
        filing.compute(db, "明年")
    empty = filing.compute(db, 2020)  # no data: an empty valid table with a warning
    assert empty.values["members"] == 0 and any("没有任何" in w for w in empty.warnings)


def test_disclosure_and_innovation_figures_come_from_their_books(db):
    """厂务公开 and 创新项目 are computed from their records as of 31 December, not typed."""
    from models import disclosure as dc
    from models import innovation as inv

    def item(title: str, on: str) -> None:
        dc.add_item(db, dc.Item(title=title, category="interests", channels=["board"], disclosed_on=on))

    empty = filing.compute(db, 2025)
    assert (empty.kinds["disclosure_items"], empty.values["disclosure_items"], empty.values["disclosure"]) == ("computed", 0, 0)
    item("2025年工资调整方案", "2025-04-10")
    item("2025年第四季度安全生产情况", "2025-12-20")
    item("2026年1月工资发放情况", "2026-02-05")  # next year's
    inv.add_project(db, inv.Project(name="职工技能提升夜校", year=2025, start_on="2025-03-01", end_on="2025-12-31"))
    inv.add_project(db, inv.Project(name="女职工关爱室", year=2026, start_on="2026-03-01", end_on="2026-12-31"))
    t = filing.compute(db, 2025)
    assert (t.values["disclosure"], t.values["disclosure_items"], t.values["innovation_projects"]) == (1, 2, 1)
    assert t.kinds["innovation_projects"] == "computed"
    with pytest.raises(ValidationError, match="不能手填"):
        filing.save_manual(db, 2025, {"disclosure_items": 3})


