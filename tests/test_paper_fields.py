"""Fields the real forms have that the ledger could not hold: 职务/职称 of a member, 自救能力
of an aid file, 代领人 of a payment — stored, edited, imported/exported and printed."""

from __future__ import annotations

from models import congress as cg
from models import members
from models.member_export import export_members
from models.member_import import apply_import, plan_import
from models.member_list import MemberFilter
from reports import registry
from tests.conftest import make_id, member
from tests.test_congress_forms import flat, pages
from tests.test_member_import import xlsx


def test_member_job_and_professional_title_are_kept_and_printed(db, tmp_path):
    mid = members.add_member(db, member(job_title="车间主任", pro_title="高级工程师"))
    m = members.get_member(db, mid)
    assert (m.job_title, m.pro_title) == ("车间主任", "高级工程师")
    m.job_title = "副厂长"
    assert members.update_member(db, m)
    assert members.get_member(db, mid).job_title == "副厂长"
    text = flat("".join(pages(registry.render(db, "member-form", tmp_path / "f.pdf", ident=mid))))
    assert "职务副厂长" in text and "职称高级工程师" in text


def test_roster_import_maps_job_title_and_title_headers_and_export_round_trips(db, tmp_path):
    path = tmp_path / "r.xlsx"
    xlsx(path, [["姓名", "身份证号", "入会时间", "部门", "岗位", "职务", "职称"],
                ["李娜", make_id(seq=3, male=False), "2012-07-01", "质检部", "质检员", "班组长", "助理工程师"]])
    plan = plan_import(db, path)
    assert not plan.problems
    apply_import(db, plan)
    m = members.get_member(db, db.execute("SELECT id FROM members").fetchone()[0])
    assert (m.post, m.job_title, m.pro_title) == ("质检员", "班组长", "助理工程师")
    out = tmp_path / "out.xlsx"
    export_members(db, MemberFilter(status=None), ["name", "id_number", "join_date", "job_title", "pro_title"], out)
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "职务" in cells and "职称" in cells and "班组长" in cells and "助理工程师" in cells


def test_delegate_roster_prints_the_job_title(db, tmp_path):
    mid = members.add_member(db, member(job_title="工段长", post="钳工"))
    other = members.add_member(db, member(name="王芳", id_number=make_id(seq=5, male=False), post="化验员"))
    term = cg.add_term(db, cg.Term(number=3, start_date="2024-01-01", end_date="2028-12-31", delegate_quota=30))
    cg.add_delegate(db, term, mid, category="frontline")
    cg.add_delegate(db, term, other, category="frontline")
    text = flat("".join(pages(registry.render(db, "delegates", tmp_path / "d.pdf", ident=term))))
    assert "工段长" in text and "钳工" not in text  # 职务 printed where entered
    assert "化验员" in text  # else the 岗位 stands in


# ---------------------------------------------------------------- aid: 自救能力, 代领人, no income

import pytest  # noqa: E402

from models import aid, aid_payments as ap  # noqa: E402
from models.org import get_profile, save_profile  # noqa: E402
from models.validation import ValidationError  # noqa: E402


@pytest.fixture
def aid_org(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen = "测试工会", 93000
    save_profile(db, p)
    return p


def _case(db, **kw) -> int:
    return aid.open_file(db, aid.Case(worker_name="王秀英", worker_id_number=make_id(seq=7, male=False), main_cause="major_illness",
                                      opened_on="2024-01-10", **kw))


def _through_notice(db, cid) -> None:
    aid.advance(db, cid, "visit", "2024-01-15", people="张三、李四")
    aid.advance(db, cid, "review", "2024-01-20")
    aid.advance(db, cid, "notice", "2024-01-22", end_date="2024-01-26")


def _with_income(db, cid, fen=80000) -> None:
    own = aid.household_members(db, cid)[0]
    own.monthly_income_fen = fen
    aid.update_household_member(db, own)


def test_self_help_is_a_code_kept_on_the_file_and_printed(db, aid_org, tmp_path):
    cid = _case(db, self_help="partial")
    assert aid.get_case(db, cid).self_help == "partial"
    with pytest.raises(ValidationError) as info:
        _case(db, self_help="很强")
    assert info.value.field == "自救能力"
    c = aid.get_case(db, cid)
    c.self_help = "unable"
    aid.update_file(db, c, on="2024-01-12")
    text = flat("".join(pages(registry.render(db, "aid-file", tmp_path / "f.pdf", ident=cid))))
    assert "自救能力完全丧失劳动能力" in text


def test_no_income_means_no_suggestion_and_no_approval(db, aid_org, tmp_path):
    cid = _case(db)
    a = aid.assess(db, cid)
    assert a["income_missing"] and a["suggested_tier"] is None and a["suggestion"] == "缺少收入数据，无法建议等级"
    _through_notice(db, cid)
    aid.confirm_tier(db, cid, "deep", "委员会认定")
    with pytest.raises(ValidationError) as info:
        aid.advance(db, cid, "approve", "2024-01-29")
    assert info.value.field == "家庭收入" and "家庭收入" in info.value.message
    assert aid.get_case(db, cid).state == "notice"  # nothing changed
    assert "缺少收入数据，无法建议等级" in flat("".join(pages(registry.render(db, "aid-file", tmp_path / "f.pdf", ident=cid))))
    _with_income(db, cid)
    assert aid.assess(db, cid)["suggested_tier"] == "deep"
    aid.advance(db, cid, "approve", "2024-01-29")
    assert aid.get_case(db, cid).state == "active"


def test_proxy_is_recorded_with_the_payment_and_printed_on_the_receipts(db, aid_org, tmp_path):
    cid = _case(db)
    _with_income(db, cid)
    _through_notice(db, cid)
    aid.confirm_tier(db, cid, "deep")
    aid.advance(db, cid, "approve", "2024-01-29")
    with pytest.raises(ValidationError) as info:
        ap.record_payment(db, ap.Payment(cid, "living", "2024-02-01", 50000, "own", proxy_name="刘强"))
    assert info.value.field == "代领人与本人关系"
    with pytest.raises(ValidationError) as info:
        ap.record_payment(db, ap.Payment(cid, "living", "2024-02-01", 50000, "own", proxy_name="王秀英", proxy_relation="本人"))
    assert info.value.field == "代领人"
    assert not ap.payments(db, cid)  # nothing written
    pid = ap.record_payment(db, ap.Payment(cid, "living", "2024-02-01", 50000, "own", proxy_name="刘强", proxy_relation="配偶"))
    text = flat("".join(pages(registry.render(db, "aid-payment-receipt", tmp_path / "r.pdf", ident=pid))))
    assert "刘强（配偶）" in text
    # 签收 ticked later, the proxy named then
    other = ap.record_payment(db, ap.Payment(cid, "medical", "2024-03-01", 30000, "own"))
    ap.record_receipt(db, other, signed=True, proxy_name="王小明", proxy_relation="子女")
    p = ap.get_payment(db, other)
    assert p.signed and (p.proxy_name, p.proxy_relation) == ("王小明", "子女")
    rid, _ = ap.record_round(db, "2025年春节送温暖", "warmth", "2024-12-20", [(cid, 80000)], funding_source="own")
    round_pid = ap.round_rows(db, rid)[0]["id"]
    ap.record_receipt(db, round_pid, signed=True, proxy_name="王小明", proxy_relation="子女")
    text = flat("".join(pages(registry.render(db, "aid-receipts", tmp_path / "s.pdf", ident=rid))))
    assert "王小明（子女）" in text


def test_the_blank_import_template_has_job_and_professional_title(db, tmp_path):
    from models.member_export import write_template

    plan = plan_import(db, write_template(tmp_path / "t.xlsx"))
    row = plan.rows[0].member
    assert (row.job_title, row.pro_title) == ("班组长", "助理工程师")
