"""The member spreadsheets on the streaming writer: a roster export re-imports to the same
ledger cell by cell; its look (frozen header, text ID/phone columns, widths, print setup)
reads back; the template's drop-downs; the error file; progress and cancel of an export."""

from __future__ import annotations

import csv
import shutil

import pytest

from models import members
from models.member_export import ALL_EXPORT_COLUMNS, EXPORT_COLUMNS, export_members, write_template
from models.member_import import plan_import, write_error_file
from models.member_list import DEFAULT_COLUMNS, MemberFilter
from models.members import EDITABLE
from models.spreadsheet import read_rows
from models.tasks import Cancelled
from tests.conftest import make_id, member

LONG = "广东省深圳市南山区粤海街道科技园社区" * 11  # 198 characters of Chinese, near the field's 200


def _id_ending_in_x(birth: str, male: bool) -> str:
    return next(n for n in (make_id(birth, seq=s, male=male) for s in range(1, 200)) if n.endswith("X"))


def crafted(db) -> list[int]:
    """Members whose values a spreadsheet program likes to change: IDs with X, long digit
    strings with leading zeros, formula-looking text, long Chinese text, empty cells."""
    people = [
        member("张伟", id_number=_id_ending_in_x("19850314", True), phone="13912345678", gender="1", birth_date="1985-03-14",
               employee_no="007", card_number="0622202175148344", member_no="000123", note="=1+1", hukou_place=LONG,
               native_place="河南郑州", education="bachelor", is_migrant_worker=True, monthly_wage_fen=523456, workplace="某某有限公司"),
        member("李娜", id_number=_id_ending_in_x("19900807", False), phone="", post="=SUM(A1:A3)", note="第一行\n第二行",
               department="质检部", join_date="2012-03-05", job_title="@班组长", employee_no="0001"),
        member("王芳", id_number=make_id("19920101", seq=3, male=False), department="", join_date="2020-12-31"),
    ]
    return [members.add_member(db, m) for m in people]


def _rows_by_header(path) -> list[dict[str, object]]:
    rows = read_rows(path)
    header = rows[2]
    return [dict(zip(header, r)) for r in rows[3:]]


def test_export_reimports_to_the_same_ledger(db, tmp_path):
    ids = crafted(db)
    out = tmp_path / "all.xlsx"
    assert export_members(db, MemberFilter(status=None), ALL_EXPORT_COLUMNS, out) == 3
    got = {r["姓名"]: r for r in _rows_by_header(out)}
    zhang, li, wang = (members.get_member(db, i) for i in ids)
    # Cell by cell, as text: nothing became a number, a date or a formula on the way.
    assert got["张伟"]["公民身份号码"] == zhang.id_number and zhang.id_number.endswith("X")
    assert (got["张伟"]["手机号码"], got["张伟"]["工号"], got["张伟"]["会员卡号"], got["张伟"]["工会会员号"]) == ("13912345678", "007", "0622202175148344", "000123")
    assert (got["张伟"]["备注"], got["李娜"]["岗位"], got["李娜"]["职务"]) == ("=1+1", "=SUM(A1:A3)", "@班组长")
    assert got["张伟"]["户籍所在地"] == LONG and got["李娜"]["备注"] == "第一行\n第二行"
    assert (got["张伟"]["出生日期"], got["李娜"]["入会日期"], got["张伟"]["月工资（元）"]) == ("1985-03-14", "2012-03-05", "5,234.56")
    assert (got["王芳"]["手机号码"], got["王芳"]["部门"], got["李娜"]["手机号码"]) == ("", "", "")
    assert all(isinstance(v, str) for r in got.values() for v in r.values())

    # The same ledger reads the file as nothing to change …
    plan = plan_import(db, out)
    assert plan.problems == [] and plan.counts == {"added": 0, "updated": 0, "unchanged": 3, "errors": 0}
    # … and an empty ledger reads it as the same members, field by field.
    from models.db import open_database

    fresh = open_database(tmp_path / "fresh.db")
    try:
        plan = plan_import(fresh, out)
        assert plan.problems == [] and plan.counts["added"] == 3
        by_id = {r.member.id_number: r.member for r in plan.rows}
        for original in (zhang, li, wang):
            planned = by_id[original.id_number]
            assert {k: getattr(planned, k) for k in EDITABLE} == {k: getattr(original, k) for k in EDITABLE}
    finally:
        fresh.close()


def test_export_look_reads_back(db, tmp_path):
    from openpyxl import load_workbook

    crafted(db)
    out = tmp_path / "r.xlsx"
    export_members(db, MemberFilter(), list(DEFAULT_COLUMNS), out)
    ws = load_workbook(out).active
    header = [c.value for c in ws[3]]
    assert header == [EXPORT_COLUMNS[c][0] for c in DEFAULT_COLUMNS]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$1:$3" and ws.page_setup.orientation == "landscape"
    assert str(ws["A1"].value).endswith("会员花名册") and "A1:K1" in {str(r) for r in ws.merged_cells.ranges}
    letter = {h: ws.cell(3, i).column_letter for i, h in enumerate(header, start=1)}
    for name in ("公民身份号码", "手机号码", "会员卡号"):
        cells = [ws[f"{letter[name]}{r}"] for r in (4, 5, 6)]
        assert all(c.number_format == "@" for c in cells), name
        assert all(c.data_type == "s" for c in cells if c.value is not None) and any(c.value for c in cells), name
    assert ws[f"{letter['姓名']}4"].number_format == "General"
    assert ws.column_dimensions[letter["公民身份号码"]].width == 22 and ws.column_dimensions[letter["姓名"]].width == 10
    assert ws["A3"].font.b and ws["A4"].border.left.style == "thin"


def test_template_drop_downs_and_text_columns(db, tmp_path):
    from openpyxl import load_workbook

    from models import codes

    path = write_template(tmp_path / "t.xlsx")
    ws = load_workbook(path).active
    header = [c.value for c in ws[3]]
    letter = {h.rstrip("*"): ws.cell(3, i).column_letter for i, h in enumerate(header, start=1)}
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists[f"{letter['性别']}4:{letter['性别']}1003"] == '"男,女"'
    assert lists[f"{letter['民族']}4:{letter['民族']}1003"] == '"' + ",".join(codes.ETHNICITY.labels()) + '"'
    assert len(lists) == 7
    assert ws[f"{letter['公民身份号码']}4"].value == "11010519491231002X" and ws["A4"].font.i
    assert ws[f"{letter['公民身份号码']}4"].number_format == "@"
    assert ws.column_dimensions[letter["公民身份号码"]].width == 22
    assert plan_import(db, path).counts["added"] == 1  # the example row is valid


def test_error_file_keeps_the_cells_and_reads_back(db, tmp_path):
    from openpyxl import load_workbook

    head = ["姓名", "身份证号码", "手机", "入会时间"]
    path = tmp_path / "bad.csv"  # csv: openpyxl would store "=1+1" as a formula
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, ["张伟", make_id(seq=1), "13912345678", "2010-05-01"],
                                 ["李娜", "110105194912310021", "013912345678", "2010-05-01"],
                                 ["=1+1", make_id(seq=2), "", "2023-02-30"]])
    plan = plan_import(db, path)
    assert plan.counts["errors"] == 2
    err = write_error_file(plan, tmp_path / "err.xlsx")
    rows = read_rows(err)
    assert rows[1] == [*head, "原行号", "错误原因"]
    assert rows[2][:5] == ["李娜", "110105194912310021", "013912345678", "2010-05-01", 3.0] and "校验位" in rows[2][5]
    assert rows[3][:5] == ["=1+1", make_id(seq=2), "", "2023-02-30", 4.0]
    ws = load_workbook(err).active
    # ID and phone columns as text by what the import read them as, whatever their header says
    assert ws["B3"].number_format == "@" and ws["C3"].number_format == "@" and ws["A3"].number_format == "General"
    assert ws["F3"].font.color.rgb == "FFC00000" and ws.freeze_panes == "A3"
    again = plan_import(db, err)  # fixed in place and imported: the same problems are found
    assert {p.message for p in again.problems} == {p.message for p in plan.problems}


def test_export_progress_and_cancel(db, tmp_path):
    import datetime as dt

    for i in range(1, 1_201):
        birth = (dt.date(1970, 1, 1) + dt.timedelta(days=i)).strftime("%Y%m%d")
        members.add_member(db, member(f"会员{i}", id_number=make_id(birth, seq=7)))
    seen: list[tuple[int, int]] = []
    export_members(db, MemberFilter(), ["name", "id_number"], tmp_path / "a.xlsx", progress=lambda d, t: seen.append((d, t)))
    from models.tasks import EVERY

    assert seen[0] == (0, 1_200) and seen[-1] == (1_200, 1_200)
    assert max(b[0] - a[0] for a, b in zip(seen, seen[1:])) <= EVERY

    def cancel(done, total):
        if done >= 600:
            raise Cancelled()

    out = tmp_path / "b.xlsx"
    with pytest.raises(Cancelled):
        export_members(db, MemberFilter(), ["name", "id_number"], out, progress=cancel)
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_export_as_the_import_does(db, tmp_path):
    from tests.test_xlsx_writer import _libreoffice_csv

    crafted(db)
    out = tmp_path / "r.xlsx"
    export_members(db, MemberFilter(status=None), ALL_EXPORT_COLUMNS, out, mask_id=True)
    ours = [["" if v == "" else str(v) for v in row] for row in read_rows(out)]
    assert _libreoffice_csv(out, tmp_path) == ours
