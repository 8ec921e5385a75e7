"""Aid forms read back from the PDF; public notices never show a full ID number or an unmasked name."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from models import clock
from models import aid_payments as ap
from models.demo_aid import fill_aid
from models.members import add_member
from models.org import get_profile, save_profile
from models.validation import money_in_words
from reports import registry
from tests.conftest import make_id, member


def text(path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


@pytest.fixture
def demo(db):
    p = get_profile(db)
    p.union_name, p.min_living_fen, p.phone = "示例工会", 93000, "0371-65550000"
    save_profile(db, p)
    for i in range(40):
        add_member(db, member(name=f"王秀{chr(0x4E00 + i * 37)}", id_number=make_id(seq=i + 1, male=i % 2 == 0)))
    fill_aid(db, seed=3)
    return db


def test_every_notice_is_masked(demo, tmp_path):
    db = demo
    rounds = [r[0] for r in db.execute("SELECT id FROM aid_rounds")]
    assert rounds
    people = db.execute("SELECT worker_name, worker_id_number FROM aid_cases").fetchall()
    for rid in rounds:
        out = text(registry.render(db, "aid-notice", tmp_path / f"n{rid}.pdf", ident=rid))
        assert "公示期" in out and "异议" in out and "0371-65550000" in out
        for name, number in people:
            assert number not in out
            assert name not in out
        for row in ap.notice_rows(db, rid):
            assert row["name"] in out and row["id_number"] in out
        assert money_in_words(sum(r["amount_fen"] for r in ap.notice_rows(db, rid))) in out
        for word in ("收入", "疾病", "家庭成员"):
            assert word not in out


def test_file_approval_receipts_summary(demo, tmp_path):
    db = demo
    case = db.execute("SELECT id, worker_name, file_no FROM aid_cases WHERE state = 'active' LIMIT 1").fetchone()
    out = text(registry.render(db, "aid-file", tmp_path / "f.pdf", ident=case[0]))
    for word in (case[1], "家庭成员情况", "人均月收入", "困难类别", "基层工会意见", "上级工会意见"):
        assert word in out
    assert registry.suggested_filename(db, "aid-file", case[0]) == f"困难职工档案登记表-{case[2]}.pdf"
    pay = ap.payments(db, case[0], include_void=False)[0]
    out = text(registry.render(db, "aid-approval", tmp_path / "a.pdf", ident=pay.id))
    assert money_in_words(pay.amount_fen) in out and "基层工会意见" in out
    rid = db.execute("SELECT id FROM aid_rounds LIMIT 1").fetchone()[0]
    rows = ap.round_rows(db, rid)
    out = text(registry.render(db, "aid-receipts", tmp_path / "r.pdf", ident=rid))
    total = sum(r["amount_fen"] for r in rows)
    assert money_in_words(total) in out and "领取人签字" in out and all(r["worker_name"] in out for r in rows)
    year = clock.today().year - 1
    out = text(registry.render(db, "aid-summary", tmp_path / "s.pdf", ident=year))
    t = ap.totals(db, year)
    assert f"全年帮扶{t['count']}人次" in out and money_in_words(t["total_fen"]) in out
    assert f"{year}年12月31日" in out  # the files are counted as they stood at the end of that year
    for label, n in ap.file_counts(db, year):
        assert f"{label}{n}" in out


def test_case_list_export_is_marked_and_masked(demo, tmp_path):
    from models.spreadsheet import read_rows
    from reports.aid_xlsx import write_case_list

    rows = ap.list_cases(demo, "active", today="2026-06-30")
    n = write_case_list(tmp_path / "c.xlsx", "在档", rows, mask_id=True)
    cells = read_rows(tmp_path / "c.xlsx")
    assert n == len(rows) and "内部资料 注意保密" in cells[1][0]
    numbers = {r["worker_id_number"] for r in rows}
    assert not any(str(c) in numbers for row in cells for c in row)
