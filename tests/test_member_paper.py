"""Member forms on paper: masking that cannot be undone, an honest roster count and
filter line, the 会员登记表 fields of the real template, and edge data with nothing lost."""

from __future__ import annotations

import re

import pytest

from models import members, membership
from models.org import get_profile, save_profile
from reports import registry
from tests.conftest import make_id, member
from tests.pdf_check import assert_pages_numbered, font_problems, lost_characters, pages_text, squeeze

UNION_62 = "河南省郑州市高新技术产业开发区示例重型机械装备制造集团股份有限公司第一分公司暨下属各全资子公司职工联合工会委员会"[:62]
DEPT_41 = ("生产制造第一事业部总装车间" * 4)[:41]
ALPHABET = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊"


def long_text(n: int, seed: int = 0) -> str:
    return "".join(ALPHABET[(i * 7 + seed) % len(ALPHABET)] for i in range(n))


@pytest.fixture
def org(db):
    p = get_profile(db)
    p.union_name = "河南省示例机械制造有限公司工会委员会"
    save_profile(db, p)
    return p


def _demo(db, n: int = 60) -> None:
    from models.demo import fill_demo

    fill_demo(db, n)


def _id_rebuildable(row_text: str, id_number: str, birth: str) -> bool:
    """Whether a masked row gives the 8 hidden digits back (the birth date in any form)."""
    digits = birth.replace("-", "")
    compact = squeeze(row_text).replace("-", "").replace("年", "").replace("月", "").replace("日", "").replace("/", "").replace(".", "")
    return digits in compact or id_number in row_text


def test_masked_roster_pdf_gives_no_birth_date_back(db, tmp_path):
    _demo(db)
    rows = db.execute("SELECT name, id_number, birth_date FROM members").fetchall()
    out = registry.render(db, "roster", tmp_path / "r.pdf", mask_id=True, status=None)
    text = "\n".join(pages_text(out))
    assert "出生年份" in text and "出生日期\n公民身份号码" not in text
    for name, id_number, birth in rows:
        assert id_number not in text
        assert id_number[:6] + "********" + id_number[-4:] in text
        assert birth not in text and birth.replace("-", "") not in squeeze(text), name
    for line in text.splitlines():
        for name, id_number, birth in rows:
            if id_number[-4:] in line and name in line:
                assert not _id_rebuildable(line, id_number, birth), line


def test_masked_xlsx_export_gives_no_birth_date_back(db, tmp_path):
    from openpyxl import load_workbook

    from models.member_export import export_members
    from models.member_list import DEFAULT_COLUMNS, MemberFilter

    _demo(db)
    rows = {r[0]: (r[1], r[2]) for r in db.execute("SELECT name, id_number, birth_date FROM members")}
    out = tmp_path / "m.xlsx"
    export_members(db, MemberFilter(), list(DEFAULT_COLUMNS), out, mask_id=True)
    sheet = load_workbook(out).active
    values = [[str(c.value or "") for c in r] for r in sheet.iter_rows()]
    assert "出生年份" in values[2] and "出生日期" not in values[2]
    seen = 0
    for row in values[3:]:
        name = row[0]
        id_number, birth = rows[name]
        joined = "|".join(row)
        assert id_number not in joined
        assert not _id_rebuildable(joined, id_number, birth), row
        seen += 1
    assert seen == len(rows)


def test_one_masking_rule():
    from models.masking import mask_birth_date, mask_id_number, mask_row
    from models.validation import mask_id_number as old_name

    assert mask_id_number("11010519491231002X") == old_name("11010519491231002X") == "110105********002X"
    assert mask_birth_date("1949-12-31") == "1949年"
    assert mask_row({"id_number": "11010519491231002X", "birth_date": "1949-12-31", "name": "王芳"}) == {
        "id_number": "110105********002X", "birth_date": "1949年", "name": "王芳"}


def test_roster_counts_what_it_prints_per_status_and_says_its_filter(db, org, tmp_path):
    ids = [members.add_member(db, member(name=f"会员{i:02d}", id_number=make_id(seq=i + 1), department="生产部" if i % 2 else "办公室")) for i in range(10)]
    for mid in ids[:3]:
        membership.record_event(db, mid, "withdraw", "2024-01-01", reason="own_request")
    membership.record_event(db, ids[3], "retain", "2024-01-01", reason="laid_off")
    everyone = squeeze("".join(pages_text(registry.render(db, "roster", tmp_path / "a.pdf"))))
    assert "共10人（在会6人、保留会籍1人、已离会3人）" in everyone
    assert "全部会员" in everyone
    active = squeeze("".join(pages_text(registry.render(db, "roster", tmp_path / "b.pdf", status="active"))))
    assert "共6人（在会6人）" in active and "筛选：会籍状态=在会" in active and "会员00" not in active
    dept = squeeze("".join(pages_text(registry.render(db, "roster", tmp_path / "c.pdf", status="active", department="生产部"))))
    assert "筛选：会籍状态=在会、部门=生产部" in dept


def test_cli_roster_defaults_to_active_members(db_path, tmp_path):
    import main
    from models.db import open_database

    db = open_database(db_path)
    a = members.add_member(db, member(name="在会甲", id_number=make_id(seq=1)))
    b = members.add_member(db, member(name="离会乙", id_number=make_id(seq=2)))
    membership.record_event(db, b, "withdraw", "2024-01-01", reason="own_request")
    db.conn.close()
    del a
    assert main.main(["--db", str(db_path), "print", "roster", "-o", str(tmp_path / "r.pdf")]) == 0
    text = squeeze("".join(pages_text(tmp_path / "r.pdf")))
    assert "在会甲" in text and "离会乙" not in text and "筛选：会籍状态=在会" in text
    assert main.main(["--db", str(db_path), "print", "roster", "--status", "全部", "-o", str(tmp_path / "s.pdf")]) == 0
    assert "离会乙" in "".join(pages_text(tmp_path / "s.pdf"))
    assert main.main(["--db", str(db_path), "print", "roster", "--status", "乱写", "-o", str(tmp_path / "t.pdf")]) == 1


def test_member_form_has_the_real_template_fields_and_its_own_number(db, org, tmp_path):
    mid = members.add_member(db, member(name="欧阳晓燕", member_no="GH2019-0088", card_number="6222021770357701"))
    text = squeeze("".join(pages_text(registry.render(db, "member-form", tmp_path / "f.pdf", ident=mid))))
    for expected in ("照片", "会员证号", "6222021770357701", "职务", "职称", "基层工会审批意见", "（盖章）", "年月日", "工会会员号：GH2019-0088"):
        assert expected in text, expected
    plain = members.add_member(db, member(name="王芳", id_number=make_id(seq=7)))
    text = squeeze("".join(pages_text(registry.render(db, "member-form", tmp_path / "g.pdf", ident=plain))))
    assert not re.search(rf"(会员号|会员编号)：{plain}(?!\d)", text)  # never the database row id


def test_member_form_edge_data_loses_nothing(db, tmp_path):
    p = get_profile(db)
    p.union_name = UNION_62
    save_profile(db, p)
    note, event_note = long_text(2000), long_text(2000, 3)
    mid = members.add_member(db, member(name="欧阳司马长孙慕容晓燕", department=DEPT_41, post=long_text(40, 5), hukou_place=long_text(120, 9), note=note))
    membership.record_event(db, mid, "retain", "2020-03-01", reason="laid_off", note=event_note)
    out = registry.render(db, "member-form", tmp_path / "f.pdf", ident=mid)
    pages = pages_text(out)
    assert len(pages) >= 2
    assert not lost_characters(note + event_note + long_text(40, 5) + long_text(120, 9) + DEPT_41, pages)
    assert_pages_numbered(pages)
    assert UNION_62 in squeeze(pages[0])
    assert "基层工会审批意见" in squeeze(pages[-1])
    assert not [f for f in font_problems(out) if "Helvetica" in f]


def test_roster_edge_data_loses_nothing(db, tmp_path):
    p = get_profile(db)
    p.union_name = UNION_62
    save_profile(db, p)
    posts = []
    for i in range(150):
        post = long_text(30 + i % 20, i)
        posts.append(post)
        members.add_member(db, member(name=f"长孙无忌{i:03d}", id_number=make_id(seq=i + 1), department=DEPT_41, post=post))
    out = registry.render(db, "roster", tmp_path / "r.pdf", status="active", department=DEPT_41)
    pages = pages_text(out)
    assert len(pages) >= 5
    assert_pages_numbered(pages)
    assert not lost_characters("".join(posts) + DEPT_41 * 150, pages)
    for text in pages:
        assert UNION_62 in squeeze(text)
    assert "共150人" in squeeze(pages[-1])
