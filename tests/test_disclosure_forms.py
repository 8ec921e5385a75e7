"""厂务公开 paper read back with pypdf: whole text of long input, numbered pages, the CLI names."""

from __future__ import annotations

import pytest

from models import clock
from models import disclosure as dc
from models import disclosure_feedback as fb
from models import disclosure_files as files
from models.org import get_profile, save_profile
from reports import registry
from tests.pdf_check import assert_pages_numbered, font_problems, lost_characters, pages_text, squeeze

LONG = "各车间绩效考核系数、加班工时与计发标准（含节假日三倍工资），以及夜班津贴；" * 120  # about 4,300 characters


@pytest.fixture
def books(db, tmp_path):
    p = get_profile(db)
    p.union_name, p.unit_name, p.phone = "示例机械有限公司工会委员会", "示例机械有限公司", "0371-65550000"
    save_profile(db, p)
    with clock.frozen("2026-06-30T10:00:00"):
        sid = dc.add_subject(db, dc.Subject("工资奖金发放情况", "interests", "monthly", "2026-01-01", subcategory="wages"))
        long_item = dc.add_item(db, dc.Item("2026年1月工资奖金发放情况", "interests", ["board", "online"], "2026-02-06", subcategory="wages",
                                            summary=LONG, subject_id=sid, period_start_date="2026-01-01", department="人力资源部", person="张丽",
                                            posted_days=15, contact="人力资源部 张丽 0371-65557891"))
        for n in range(2, 40):
            dc.add_item(db, dc.Item(f"第{n}项公开", "major", ["briefing"], f"2026-03-{n % 28 + 1:02d}", summary="摘要" * n))
        note = tmp_path / "发放明细.xlsx"
        note.write_bytes(b"x")
        files.add_attachment(db, long_item, note)
        fid = fb.add_feedback(db, fb.Feedback("2026-02-10", "box", LONG, item_id=long_item))
        fb.answer_feedback(db, fid, reply="答复：" + LONG, answered_by="人力资源部", replied_on="2026-02-15", closed_on="2026-02-16")
        fb.add_inspection(db, fb.Inspection("2026-03-01", "赵刚、陈静", ["truth", "timely"], findings=LONG, rectification="按时公开",
                                            rectify_due_on="2026-03-31"))
        fb.add_inspection(db, fb.Inspection("2026-05-01", "赵刚、陈静", ["complete"]))
    return {"item": long_item}


def render(db, name: str, ident: int, path) -> list[str]:
    with clock.frozen("2026-06-30T10:00:00"):
        out = registry.render(db, name, path, ident=ident)
    assert font_problems(str(out)) == []
    pages = pages_text(str(out))
    assert_pages_numbered(pages)
    return pages


def test_the_ledger_holds_every_character_and_is_numbered(db, books, tmp_path):
    pages = render(db, "disclosure-ledger", 2026, tmp_path / "ledger.pdf")
    assert len(pages) > 2
    assert not lost_characters(LONG, pages)
    text = squeeze("".join(pages))
    for words in ("2026年度厂务公开登记台账", "2026年1月", "已按时公开", "厂务公开栏、内部网/OA/企业微信", "人力资源部/张丽", "反馈1件，已办结1件",
                  "本年度已公开39项", "应公开而未公开", "2026年5月", "工会主席"):
        assert words in text, words


def test_the_notice_for_the_board(db, books, tmp_path):
    pages = render(db, "disclosure-notice", books["item"], tmp_path / "notice.pdf")
    assert not lost_characters(LONG, pages)
    text = squeeze("".join(pages))
    for words in ("厂务公开", "2026年1月工资奖金发放情况", "所属期间", "2026年1月", "2026年2月6日", "15天（至2026年2月20日）",
                  "人力资源部张丽0371-65557891", "附件：发放明细.xlsx", "示例机械有限公司厂务公开领导小组办公室", "（盖章）"):
        assert words in text, words
    assert registry.suggested_filename(db, "disclosure-notice", books["item"]) == "厂务公开-2026年1月工资奖金发放情况.pdf"


def test_feedback_and_inspection_registers(db, books, tmp_path):
    pages = render(db, "disclosure-feedback", 2026, tmp_path / "fb.pdf")
    assert not lost_characters(LONG + "答复：" + LONG, pages)
    assert "已办结1件" in squeeze("".join(pages))
    pages = render(db, "disclosure-inspections", 2026, tmp_path / "ins.pdf")
    assert not lost_characters(LONG, pages)
    text = squeeze("".join(pages))
    for words in ("第1次检查", "第2次检查", "■真实", "□完整", "未发现问题", "2026年3月31日", "检查人员签字", "整改逾期"):
        assert words in text, words


def test_empty_years_print_a_whole_form(db, tmp_path):
    for name in ("disclosure-ledger", "disclosure-feedback", "disclosure-inspections"):
        text = squeeze("".join(render(db, name, 2019, tmp_path / f"{name}.pdf")))
        assert "2019年度" in text and "尚无" in text


def test_the_cli_prints_each_form(db, db_path, books, tmp_path, capsys):
    import main

    db.close()
    for args in (["disclosure-ledger", "--year", "2026"], ["disclosure-notice", "--item", str(books["item"])],
                 ["disclosure-feedback", "--year", "2026"], ["disclosure-inspections", "--year", "2026"]):
        out = tmp_path / f"{args[0]}.pdf"
        assert main.main(["--db", str(db_path), "print", *args, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert "厂务公开登记台账" in capsys.readouterr().out
