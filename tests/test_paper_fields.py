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
