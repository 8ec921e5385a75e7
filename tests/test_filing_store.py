"""Filing the table: frozen snapshots, checks that need a reason, versions, exports read back, the CLI."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import load_workbook

import main
from models import clock, filing, filing_store, membership
from models.members import add_member
from models.org import get_profile, save_profile, save_workforce
from models.filing_form import FORM_VERSION
from models.validation import ValidationError
from tests.conftest import make_id, member
from tests.pdf_check import font_problems, pages_text, squeeze


@pytest.fixture(autouse=True)
def _january_2026():
    with clock.frozen("2026-01-10T09:00:00"):
        yield


@pytest.fixture
def ledger(db):
    p = get_profile(db)
    p.union_name, p.credit_code, p.chair = "示例机械有限公司工会委员会", "91410100MA9GTK3X0D", "王建国"
    save_profile(db, p, year=2024)
    save_workforce(db, 2024, workers_total=2, workers_female=1)
    save_workforce(db, 2025, workers_total=3, workers_female=1)
    for seq, (name, male, joined) in enumerate((("王芳", False, "2010-01-01"), ("李强", True, "2025-04-01"), ("赵刚", True, "2012-01-01")), 1):
        add_member(db, member(name, id_number=make_id(seq=seq, male=male), join_date=joined))
    filing.save_manual(db, 2025, {"cadres_full": 1, "contract_covered": 3})
    return db


def test_freeze_keeps_the_table_as_filed(ledger):
    db = ledger
    filed = filing_store.freeze(db, 2025, filed_by="李会计", head="王建国")
    assert (filed.version, filed.filed_on, filed.filed_by, filed.values["members"], filed.values["cadres_full"]) == (1, "2026-01-10", "李会计", 3, 1)
    # later edits: a member added with a 2025 join date, a manual figure changed
    add_member(db, member("孙丽", id_number=make_id(seq=9, male=False), join_date="2025-06-01"))
    filing.save_manual(db, 2025, {"cadres_full": 2})
    again = filing_store.latest(db, 2025)
    assert again.values["members"] == 3 and again.values["cadres_full"] == 1 and again.manual["cadres_full"] == 1
    diffs = {d.code: (d.filed, d.now) for d in filing_store.differences(again, filing.compute(db, 2025))}
    assert diffs["members"] == ("3", "4") and diffs["cadres_full"] == ("1", "2") and diffs["members_female"] == ("1", "2")
    with pytest.raises(sqlite3.DatabaseError, match="不能修改"):
        db.execute("UPDATE filings SET figures = '[]'")
    with pytest.raises(sqlite3.DatabaseError, match="不能删除"):
        db.execute("DELETE FROM filings")


def test_refiling_needs_a_reason_and_keeps_the_old_version(ledger):
    db = ledger
    filing_store.freeze(db, 2025, filed_by="李会计")
    add_member(db, member("孙丽", id_number=make_id(seq=9, male=False), join_date="2025-06-01"))
    with pytest.raises(ValidationError, match="重新报送须写明原因") as info:
        filing_store.freeze(db, 2025, filed_by="李会计")
    assert info.value.field == "重新报送原因" and len(filing_store.versions(db, 2025)) == 1
    second = filing_store.freeze(db, 2025, filed_by="李会计", reason="补录漏登会员孙丽", check_reason="孙丽为返聘人员，不计入职工")
    old, new = filing_store.versions(db, 2025)
    assert (old.version, new.version, new.reason) == (1, 2, "补录漏登会员孙丽") and second.id == new.id
    assert {d.code for d in filing_store.version_differences(old, new)} == {"members", "members_female", "members_new"}


def test_failing_check_needs_a_reason(ledger):
    db = ledger
    filing.save_manual(db, 2025, {"contract_covered": 9})  # more than the 3 workers
    with pytest.raises(ValidationError, match="1 项校验未通过") as info:
        filing_store.freeze(db, 2025, filed_by="李会计")
    assert info.value.field == "校验说明" and filing_store.versions(db, 2025) == []
    filed = filing_store.freeze(db, 2025, filed_by="李会计", check_reason="覆盖职工含关联企业")
    bad = [c for c in filed.checks if c["ok"] is False]
    assert [(c["code"], c["reason"]) for c in bad] == [("contract_covered", "覆盖职工含关联企业")]


def test_members_above_workers_is_a_failing_check(ledger):
    save_workforce(ledger, 2025, workers_total=2, workers_female=1)
    failed = [r.code for r in filing_store.check_results(filing.compute(ledger, 2025)) if r.ok is False]
    assert "members_workers" in failed and "contract_covered" in failed


def test_bad_freezes_change_nothing(ledger):
    with pytest.raises(ValidationError, match="尚未结束") as info:
        filing_store.freeze(ledger, 2026, filed_by="李会计")
    assert info.value.field == "年度"
    with pytest.raises(ValidationError) as info:
        filing_store.freeze(ledger, 2025, filed_by="  ")
    assert info.value.field == "填报人"
    assert ledger.execute("SELECT count(*) FROM filings").fetchone()[0] == 0


def test_xlsx_read_back_cell_by_cell(ledger, tmp_path):
    from reports.filing_xlsx import write_filing

    db = ledger
    filing_store.freeze(db, 2024, filed_by="李会计")
    filing_store.freeze(db, 2025, filed_by="李会计", head="王建国")
    path = write_filing(filing_store.export_data(db, 2025), tmp_path / "年报.xlsx")
    wb = load_workbook(path)
    ws = wb["年报"]
    assert ws["A1"].value == "基层工会统计年报（2025年度）"
    assert ws["A2"].value == "填报单位（盖章）：示例机械有限公司工会委员会"
    assert "统一社会信用代码：91410100MA9GTK3X0D" in ws["A3"].value and "已报送 2026-01-10（第 1 版）" in ws["A3"].value
    assert [ws.cell(4, c).value for c in range(1, 5)] == ["指标", None, "计量单位", "数值"]
    assert [ws.cell(5, c).value for c in range(1, 5)] == ["代码", "指标名称", None, "本年"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:D1", "A4:B4", "C4:C5"} <= merged
    assert ws["A6"].value == "一、组织情况"
    rows = {ws.cell(r, 2).value: (ws.cell(r, 3).value, ws.cell(r, 4).value) for r in range(7, ws.max_row + 1) if ws.cell(r, 1).value}
    assert rows["会员人数"] == ("人", "3") and rows["其中：本年新发展会员"] == ("人", "1") and rows["工会专职干部"] == ("人", "1")
    assert rows["职工人数"] == ("人", "3") and rows["是否建立职代会制度"] == ("是否", "否") and rows["帮扶资金合计"] == ("元", "0.00")
    assert ws.cell(7, 2).border.left.style == "thin"
    assert "填报人：李会计" in ws.cell(ws.max_row, 1).value and "负责人：王建国" in ws.cell(ws.max_row, 1).value
    assert ws.print_area is not None and int(ws.page_setup.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage
    cmp = wb["同比"]
    by_label = {cmp.cell(r, 1).value: [cmp.cell(r, c).value for c in range(2, 6)] for r in range(6, cmp.max_row + 1)}
    assert by_label["会员人数"] == ["人", "3", "2", "+1"]
    assert by_label["职工人数"] == ["人", "3", "2", "+1"]
    assert wb["说明"].sheet_state == "hidden" and wb["说明"]["B2"].value == FORM_VERSION


def test_pdf_read_back(ledger, tmp_path):
    from reports.filing_forms import build_filing

    out = tmp_path / "年报.pdf"
    build_filing(filing_store.export_data(ledger, 2025), out)
    text = squeeze("".join(pages_text(out)))
    assert "基层工会统计年报（2025年度）" in text and "91410100MA9GTK3X0D" in text and "未报送" in text
    assert "会员人数人3" in text and "填报人" in text and "负责人：王建国" in text
    assert "基层工会统计年报同比（2025年与2024年）" in text and "会员人数人32+1" in text
    assert font_problems(out) == []


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli(ledger, db_path, tmp_path, capsys):
    ledger.close()
    code, out, _ = run(capsys, "--db", str(db_path), "filing", "--year", "2025", "-o", str(tmp_path / "a.xlsx"))
    assert code == 0 and "已导出" in out and (tmp_path / "a.xlsx").exists()
    code, out, _ = run(capsys, "--db", str(db_path), "filing", "--year", "2025", "--freeze")
    assert code == 0 and "第 1 版" in out and "填报人 王建国" in out
    code, _, err = run(capsys, "--db", str(db_path), "filing", "--year", "2025", "--freeze")
    assert code == 1 and "重新报送原因" in err
    code, out, _ = run(capsys, "--db", str(db_path), "filing", "--year", "2025", "--freeze", "--reason", "更正", "-o", str(tmp_path / "a.pdf"))
    assert code == 0 and "第 2 版" in out and "已报送 2026-01-10" in "".join(pages_text(tmp_path / "a.pdf"))
    code, _, err = run(capsys, "--db", str(db_path), "filing", "--year", "2031", "-o", str(tmp_path / "b.xlsx"))
    assert code == 1 and "年度" in err and "尚未到来" in err and not (tmp_path / "b.xlsx").exists()
    code, _, err = run(capsys, "--db", str(db_path), "filing", "--year", "2025", "-o", str(tmp_path / "b.doc"))
    assert code == 1 and ".xlsx 或 .pdf" in err
    assert membership  # imported for stories told elsewhere


def test_a_year_without_records_exports_an_empty_valid_table(ledger, tmp_path):
    from reports.filing_forms import build_filing
    from reports.filing_xlsx import write_filing

    data = filing_store.export_data(ledger, 2003)  # before any member joined; workers borrowed from 2024
    assert any("没有任何会员" in w for w in data["warnings"]) and any("2003 年的职工人数尚未填写" in w for w in data["warnings"])
    write_filing(data, tmp_path / "空.xlsx")
    build_filing(data, tmp_path / "空.pdf")
    ws = load_workbook(tmp_path / "空.xlsx")["年报"]
    rows = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(7, ws.max_row + 1) if ws.cell(r, 1).value}
    assert rows["会员人数"] == "0" and rows["工会专职干部"] is None  # not entered: left blank
    assert "没有任何会员" in squeeze("".join(pages_text(tmp_path / "空.pdf")))
