"""未缴会费名单 as of a month (在会 on its first day, in the department of that day), printed
through the form kit, exported to xlsx, and from the CLI; the CLI import prints what the
wizard shows (notes, old → new) and lists and undoes import batches."""

from __future__ import annotations

import pytest

import main
from models import clock, dues, members, membership
from models.member_time import HISTORY_FIELDS  # noqa: F401  (the department has a dated past)
from tests.conftest import make_id, member
from tests.pdf_check import pages_text, squeeze
from tests.test_import_friction import xlsx


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2025-12-31T10:00:00"):
        yield


def ledger(db) -> dict[str, int]:
    p = {}
    p["甲"] = members.add_member(db, member("甲一", id_number=make_id(seq=1), department="生产部", monthly_wage_fen=500000, phone="13800000001"))
    p["乙"] = members.add_member(db, member("乙二", id_number=make_id(seq=2), department="生产部", monthly_wage_fen=320000))
    p["丙"] = members.add_member(db, member("丙三", id_number=make_id(seq=3), department="财务部", join_date="2025-11-15"))
    membership.record_event(db, p["乙"], "withdraw", "2025-11-20", reason="own_request")
    # 甲 moved to 财务部 on 1 December: in November's list under 生产部.
    m = members.get_member(db, p["甲"])
    m.department = "财务部"
    members.update_member(db, m, effective="2025-12-01")
    dues.record_payment(db, p["甲"], ["2025-10"], 2500, "2025-10-05")
    return p


def test_unpaid_list_as_of_each_month(db):
    ledger(db)
    nov = dues.unpaid_list(db, "2025-11")
    # 乙 was 在会 on 1 November (left on the 20th); 丙 joined on the 15th: not due in November.
    assert [(r["name"], r["department"], r["months"]) for r in nov["rows"]] == [("甲一", "生产部", ["2025-11"]), ("乙二", "生产部", ["2025-11"])]
    assert nov["total_fen"] == 1600 + 2500
    run = dues.unpaid_list(db, "2025-10", "2025-12")
    by = {r["name"]: r for r in run["rows"]}
    assert by["甲一"]["months"] == ["2025-11", "2025-12"] and by["甲一"]["department"] == "财务部"
    assert by["丙三"]["months"] == ["2025-12"] and by["丙三"]["due_fen"] is None and run["no_wage"] == 1
    assert dues.unpaid_list(db, "2025-11", department="财务部")["rows"] == []


def test_unpaid_list_printed_and_exported(db, db_path, tmp_path, capsys):
    ledger(db)
    out = tmp_path / "u.pdf"
    assert main.main(["--db", str(db_path), "print", "dues-unpaid", "--month", "2025-10", "--to", "2025-12", "-o", str(out)]) == 0
    text = squeeze("".join(pages_text(out)))
    assert "未缴会费名单" in text and "所属月份：2025-10至2025-12" in text
    assert "甲一" in text and "2025-11、2025-12" in text and "未登记工资" in text and "共3人未缴" in text
    from openpyxl import load_workbook

    from reports.dues_forms import write_unpaid_xlsx

    path, n = write_unpaid_xlsx(dues.unpaid_list(db, "2025-11"), tmp_path / "u.xlsx")
    ws = load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert n == 2 and values[0][0] == "未缴会费名单" and values[2][:3] == ["序号", "姓名", "部门"]
    assert values[3][1:3] == ["甲一", "生产部"]


def test_cli_import_prints_notes_changes_and_undoes(db, db_path, tmp_path, capsys):
    members.add_member(db, member("王老", id_number=make_id(seq=9), department="财务部"))
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "部门", "入会时间"], ["张伟", make_id(seq=1), "生产部", "2012.07"],
                                      ["王老", make_id(seq=9), "后勤部", ""]])
    assert main.main(["--db", str(db_path), "import-members", str(path)]) == 0
    out = capsys.readouterr().out
    assert "第 2 行 【入会时间】 入会日期只有年月，按当月1日记" in out
    assert "第 3 行 王老 【部门】 财务部 → 后勤部" in out
    assert "导入记录编号 1" in out
    assert main.main(["--db", str(db_path), "import-batches"]) == 0
    assert "r.xlsx  新增 1 人，更新 1 人" in capsys.readouterr().out
    assert main.main(["--db", str(db_path), "undo-import", "1", "--reason", "导错"]) == 0
    assert "作废新增的会员 1 人，恢复被更新的会员 1 人" in capsys.readouterr().out
    assert main.main(["--db", str(db_path), "undo-import", "1", "--reason", "再撤"]) == 1
    assert "已于" in capsys.readouterr().err


def test_ticked_members_print_as_one_pdf(db, db_path, tmp_path):
    from reports.registry import render

    ids = [members.add_member(db, member(n, id_number=make_id(seq=i + 1), member_no=f"M{i}")) for i, n in enumerate(["甲一", "乙二", "丙三"])]
    out = render(db, "member-forms", tmp_path / "f.pdf", members=[ids[2], ids[0]])
    pages = pages_text(out)
    assert len(pages) == 2 and "丙三" in pages[0] and "甲一" in pages[1] and "乙二" not in "".join(pages)
    assert main.main(["--db", str(db_path), "print", "member-forms", "--members", f"{ids[1]},{ids[2]}", "-o", str(tmp_path / "g.pdf")]) == 0
    assert len(pages_text(tmp_path / "g.pdf")) == 2
