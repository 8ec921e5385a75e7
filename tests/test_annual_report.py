"""The annual work report (年度工作总结): the draft's text from a crafted ledger, the .docx read back.

Told from 15 March 2026 about 2025, like tests/test_filing.py: what happened in 2026
must not reach the 2025 report.
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

import main
from models import annual_report, clock, membership
from models import congress as cg
from models import congress_meeting as cm
from models import dues
from models import proposals as pr
from models.annual_report import MARK
from models.members import add_member
from models.org import get_profile, save_profile, save_workforce
from models.validation import ValidationError
from reports.annual_docx import write_annual_docx
from tests.conftest import make_id, member
from tests.pdf_check import font_problems, pages_text, squeeze
from tests.test_aid_time import approve, open_case, pay
from tests.test_congress import make_delegates

UNION = "示例机械有限公司工会委员会"
# "共 0 次"-style nonsense: a zero followed by a counting word
ZERO_COUNT = re.compile(r"(?<![\d.])0(人|次|件|户|个|张|项|元|笔|名)")


@pytest.fixture(autouse=True)
def _march_2026():
    with clock.frozen("2026-03-15T10:00:00"):
        yield


def _named(db) -> None:
    p = get_profile(db)
    p.union_name, p.unit_name = UNION, "示例机械有限公司"
    save_profile(db, p, year=2024)


@pytest.fixture
def ledger(db):
    _named(db)
    save_workforce(db, 2025, workers_total=40, workers_female=15)
    term = cg.add_term(db, cg.Term(number=1, start_date="2024-01-01", end_date="2028-12-31"))
    ds = make_delegates(db, term, 6)  # six members since 2010 (two of them women) in the default department
    a = add_member(db, member("王芳", id_number=make_id("19900101", seq=1, male=False), join_date="2010-03-01", department="一车间"))
    add_member(db, member("李强", id_number=make_id("19900101", seq=2), join_date="2025-05-01", department="二车间"))  # new in 2025
    c = add_member(db, member("赵丽", id_number=make_id("19900101", seq=3, male=False), join_date="2015-01-01", department="一车间"))
    membership.record_event(db, c, "transfer_out", "2025-09-01", reason="labour_change", other_union="某公司工会")  # left in 2025
    add_member(db, member("孙杰", id_number=make_id("19900101", seq=4), join_date="2026-01-10"))  # 2026: not in the 2025 report
    dues.record_payment(db, a, ["2025-01", "2025-02"], 1500, "2025-02-10")
    s1 = cg.add_session(db, cg.Session(term_id=term, number=1, date="2025-03-20"))
    for d in ds[:5]:
        cm.sign_in(db, s1, d, "present")
    cm.sign_in(db, s1, ds[5], "leave", "出差")
    r = cm.add_resolution(db, s1, "关于2025年度工资集体协商的决议")
    cm.record_vote(db, r, 5, 0, 0)
    for day in ("2025-02-20", "2025-02-21", "2025-02-22"):
        pid = pr.add_proposal(db, pr.Proposal(session_id=s1, number=pr.next_number(db, s1), title="改善食堂", proposer_id=ds[0],
                                                cosigner_ids=[ds[1], ds[2]], category="welfare", submitted_on=day))
        if day != "2025-02-22":
            pr.advance(db, pid, "accept", "2025-03-21")
    pr.advance(db, pid - 1, "assign", "2025-03-22", department="后勤部", deadline="2025-04-30")
    p = get_profile(db)
    p.min_living_fen = 93000
    save_profile(db, p, year=2024)
    case = open_case(db, "王秀英", 11, "2024-11-01")
    approve(db, case, "deep", "2024-11-04")
    pay(db, case, "living", "2025-06-01", 100000)
    pay(db, case, "autumn_education", "2025-08-20", 50000, student_name="王小明", student_school="郑州大学", student_grade="2025级")
    pay(db, case, "warmth", "2026-01-20", 80000)  # 2026
    return db


def text_of(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_the_draft_carries_the_year_figures(ledger, tmp_path):
    report = annual_report.build(ledger, 2025)
    assert report.title == f"{UNION}2025年度工作总结"
    out = write_annual_docx(report, tmp_path / "总结.docx")
    text = text_of(out)
    assert text.splitlines()[0] == f"{UNION}2025年度工作总结"
    assert "截至2025年12月31日，本会共有在会会员8人，其中女会员3人。" in text
    assert "单位职工总数40人，会员占职工总数的20.0%。会员分布在3个部门。" in text
    assert "本年新发展会员1人；因调离、退休、退会等原因减少会员1人。" in text
    assert "3月20日召开第一届职工代表大会第一次会议，应到代表6人，实到5人，审议通过了《关于2025年度工资集体协商的决议》" in text
    assert "本年收到职工代表提案3件，立案2件，截至年底尚未办结。" in text
    assert "截至2025年12月31日，在档困难职工1户，其中深度困难1户。本年无解困脱困户。" in text
    assert "全年发放帮扶资金1500元，帮扶2人次，其中生活救助1000元，助学500元。开展金秋助学，资助困难职工子女1人。" in text
    assert "截至年底共收缴本年度会费30元（1名会员，2笔）。" in text
    assert "2026年工作打算" in text and "孙杰" not in text and "送温暖" not in text  # 2026 facts stay out
    assert ZERO_COUNT.search(text) is None, ZERO_COUNT.search(text)


def test_docx_layout_fonts_and_page_numbers(ledger, tmp_path):
    doc = Document(str(write_annual_docx(annual_report.build(ledger, 2025), tmp_path / "总结.docx")))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.top_margin.mm)) == (28, 37)  # stored in twips
    for style, font in (("Normal", "仿宋"), ("Heading 1", "黑体")):
        fonts = doc.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font and fonts.get(qn("w:eastAsiaTheme")) is None
    assert doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    title_run = doc.paragraphs[0].runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" and title_run.bold
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、加强组织建设，壮大会员队伍" and len(headings) == 9
    footer = section.footer._element.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer


def test_zero_figures_are_worded_not_counted(db, tmp_path):
    _named(db)
    add_member(db, member("王芳", id_number=make_id(seq=1, male=False), join_date="2010-03-01"))
    text = text_of(write_annual_docx(annual_report.build(db, 2025), tmp_path / "总结.docx"))
    assert ZERO_COUNT.search(text) is None, ZERO_COUNT.search(text)
    for said in ("本年未发展新会员", "本年未召开职工代表大会", "本年未收到职工代表提案。", "本会无在档困难职工", "本年未发放帮扶资金",
                 "本年未申报工会工作创新项目", "台账中没有本年的会费收缴记录", "本年未发放会员卡"):
        assert said in text, said
    assert f"{MARK}单位职工总数" in text  # no worker counts stated: the chair is asked, not told 0


def test_an_empty_year_is_a_valid_draft_with_markers(db, tmp_path):
    report = annual_report.build(db, 2025)  # nothing at all, not even the union's name
    assert report.title == "本单位工会2025年度工作总结" and any("尚未填写工会名称" in n for n in report.notes)
    out = write_annual_docx(report, tmp_path / "空.docx")
    doc = Document(str(out))
    text = text_of(out)
    assert "台账中尚无在会会员记录" in text and text.count(MARK) >= 8
    assert ZERO_COUNT.search(text) is None
    assert len([p for p in doc.paragraphs if p.style.name == "Heading 1"]) == 9


def test_a_future_year_is_refused_in_chinese(db, tmp_path):
    with pytest.raises(ValidationError, match="2027 年尚未到来"):
        annual_report.build(db, 2027)
    report = annual_report.build(db, 2026)  # the year under way: allowed, and said so
    assert any("2026年尚未结束" in n for n in report.notes)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli(ledger, db_path, tmp_path, capsys):
    ledger.close()
    code, out, _ = run(capsys, "--db", str(db_path), "report", "annual", "--year", "2025", "-o", str(tmp_path / "a.docx"))
    assert code == 0 and "已生成 2025 年度工会工作总结" in out
    assert "本年收到职工代表提案3件" in text_of(tmp_path / "a.docx")
    code, out, _ = run(capsys, "--db", str(db_path), "report", "annual", "--year", "2025", "-o", str(tmp_path / "a.pdf"))
    pdf = squeeze("".join(pages_text(tmp_path / "a.pdf")))
    assert code == 0 and f"{UNION}2025年度工作总结" in pdf and "本年收到职工代表提案3件" in pdf and font_problems(tmp_path / "a.pdf") == []
    code, _, err = run(capsys, "--db", str(db_path), "report", "annual", "--year", "2030", "-o", str(tmp_path / "b.docx"))
    assert code == 1 and "尚未到来" in err and not (tmp_path / "b.docx").exists()
    code, _, err = run(capsys, "--db", str(db_path), "report", "annual", "--year", "2025", "-o", str(tmp_path / "b.doc"))
    assert code == 1 and ".docx 或 .pdf" in err and not (tmp_path / "b.doc").exists()


def test_the_filing_is_a_registered_form(ledger, db_path, tmp_path, capsys):
    """`print filing --year Y` (the registry the GUI's 打印… uses) prints the year's table."""
    ledger.close()
    code, out, _ = run(capsys, "--db", str(db_path), "print", "filing", "--year", "2025", "-o", str(tmp_path / "f.pdf"))
    text = squeeze("".join(pages_text(tmp_path / "f.pdf")))
    assert code == 0 and "基层工会统计年报" in out and "基层工会统计年报（2025年度）" in text and "会员人数人8" in text
    code, _, err = run(capsys, "--db", str(db_path), "print", "filing", "--year", "2031", "-o", str(tmp_path / "g.pdf"))
    assert code == 1 and "尚未到来" in err and not (tmp_path / "g.pdf").exists()


def test_manual_figures_fill_their_paragraphs(ledger):
    from models import filing

    filing.save_manual(ledger, 2025, {"model_home": "全国", "competitions": 2, "contract": "是", "contract_women": "是", "contract_covered": 38,
                                      "cadres_full": 1, "cadres_part": 0})
    text = "\n".join(annual_report.build(ledger, 2025).paragraphs())
    assert "本年组织开展劳动竞赛2次，获评全国模范职工之家。【请填写】职工文化体育活动" in text
    assert "签订了集体合同及女职工权益保护专项集体合同，覆盖职工38人。" in text
    assert "现有专职工会干部1人。" in text and ZERO_COUNT.search(text) is None
