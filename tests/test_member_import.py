"""Roster import: header detection, messy cells, problems by row and column, all-or-nothing, re-import."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from models import members
from models.member_export import export_members, write_template
from models.member_import import RosterError, apply_import, plan_import, write_error_file
from models.member_list import DEFAULT_COLUMNS, MemberFilter
from models.spreadsheet import SpreadsheetError, read_rows
from models.tasks import Cancelled
from models.validation import ValidationError
from tests.conftest import make_id, member


def xlsx(path, rows):
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def count(db) -> int:
    return db.execute("SELECT count(*) FROM members").fetchone()[0]


HEAD = ["序号", "姓名", "性别", "身份证号码", "手机", "政治面貌", "部门", "入会时间"]


def test_messy_roster_normalised(db, tmp_path):
    path = xlsx(
        tmp_path / "r.xlsx",
        [
            ["某某公司工会会员花名册"],
            [],
            HEAD,
            [1, " 张 伟 ", "男", make_id("19850314").lower().replace("X", "x"), "１３９１２３４５６７８", "党员", "生产部", "2010.5.1"],
            [2, "李娜", "女", make_id("19900807", seq=2, male=False), 13912345679, "群众", "质检部", dt.datetime(2012, 3, 5)],
            [3, "王芳", "", make_id("19920101", seq=3, male=False), "", "团员", "设备部", 41000],
            [4, "赵磊", "", make_id("19930101", seq=4), "", "", "", "2015年3月5日"],
            [5, "陈静", "", make_id("19940101", seq=5, male=False), "", "", "", "20160305"],
        ],
    )
    plan = plan_import(db, path)
    assert plan.header_row == 3 and plan.problems == []
    assert plan.counts == {"added": 5, "updated": 0, "unchanged": 0, "errors": 0}
    assert count(db) == 0  # a dry run writes nothing
    assert apply_import(db, plan)["added"] == 5
    # Every member and its 入会 event is in the audit trail, with the stored values.
    logged = db.execute("SELECT table_name, count(*) FROM audit_log WHERE action = 'insert' GROUP BY table_name").fetchall()
    assert dict(logged) == {"members": 5, "membership_events": 5, "import_batches": 1, "import_batch_rows": 5}  # the batch can be undone
    assert db.execute("SELECT count(*) FROM members WHERE status = 'active'").fetchone()[0] == 5
    by_name = {r[0]: r for r in db.execute("SELECT name, phone, political_status, join_date FROM members")}
    assert by_name["张伟"] == ("张伟", "13912345678", "01", "2010-05-01")
    assert by_name["李娜"][1] == "13912345679" and by_name["李娜"][3] == "2012-03-05"
    assert by_name["王芳"][3] == "2012-04-01"  # Excel serial 41000
    assert by_name["赵磊"][3] == "2015-03-05" and by_name["陈静"][3] == "2016-03-05"


def test_problems_name_row_and_column_and_nothing_is_written(db, tmp_path):
    path = xlsx(
        tmp_path / "bad.xlsx",
        [
            HEAD,
            [1, "张伟", "男", make_id("19850314"), "", "", "", "2010-05-01"],
            [2, "李娜", "", 4.10105e17, "", "", "", "2010-05-01"],
            [3, "王芳", "", "110105194912310021", "", "", "", "2010-05-01"],
            [4, "赵磊", "女", make_id("19930101", seq=4), "", "", "", "2010-05-01"],
            [5, "", "", make_id("19940101", seq=5), "", "", "", "2010-05-01"],
            [6, "孙强", "", make_id("19950101", seq=6), "", "", "", "2023-02-30"],
            [7, "周杰", "", make_id("19850314"), "", "", "", "2010-05-01"],
            [8, "吴刚", "", make_id("19960101", seq=8), "", "火星党", "", "2010-05-01"],
        ],
    )
    plan = plan_import(db, path)
    found = {(p.row, p.column): p.message for p in plan.problems}
    assert "数字" in found[(3, "身份证号码")]
    assert "校验位" in found[(4, "身份证号码")]
    assert "不一致" in found[(5, "性别")]
    assert "不能为空" in found[(6, "姓名")]
    assert "不是存在的日期" in found[(7, "入会时间")]
    assert "第 2 行" in found[(8, "身份证号码")]
    assert "政治面貌" in found[(9, "政治面貌")]
    assert plan.counts["errors"] == 7 and plan.counts["added"] == 1

    assert count(db) == 0
    err = write_error_file(plan, tmp_path / "err.xlsx")
    rows = read_rows(err)
    assert rows[1][-1] == "错误原因" and len(rows) == 2 + 7
    assert "校验位" in rows[3][-1]
    assert rows[2][3] == 4.10105e17 or "E" in str(rows[2][3]).upper()  # original cell kept


def test_every_problem_of_a_row_is_listed(db, tmp_path):
    path = xlsx(tmp_path / "bad.xlsx", [HEAD, [1, "赵磊", "女", make_id("19930101", seq=4), "1391234", "火星党", "", "2023-02-30"]])
    plan = plan_import(db, path)
    assert sorted(p.column for p in plan.problems) == sorted(["性别", "手机", "政治面貌", "入会时间"])
    assert {p.row for p in plan.problems} == {2}


def test_no_header_and_bad_files(db, tmp_path):
    with pytest.raises(RosterError, match="未找到表头"):
        plan_import(db, xlsx(tmp_path / "x.xlsx", [["a", "b"], [1, 2]]))
    empty = tmp_path / "e.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(SpreadsheetError, match="空的"):
        read_rows(empty)
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage" * 20)
    with pytest.raises(SpreadsheetError, match="损坏"):
        read_rows(broken)
    locked = tmp_path / "p.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 300)
    with pytest.raises(SpreadsheetError, match="密码"):
        read_rows(locked)
    odd = tmp_path / "r.txt"
    odd.write_text("x")
    with pytest.raises(SpreadsheetError, match="不支持"):
        read_rows(odd)
    assert count(db) == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(db, tmp_path, encoding):
    path = tmp_path / "r.csv"
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "入会日期"])
        w.writerow(["曾志伟", make_id(), "2010/5/1"])
    plan = plan_import(db, path)
    assert plan.problems == [] and plan.rows[0].member.name == "曾志伟"


def test_csv_unknown_encoding(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("姓名,身份证号\n曾志伟,1\n".encode("utf-16"))
    with pytest.raises(SpreadsheetError, match="编码"):
        read_rows(path)


def test_reimport_updates_instead_of_duplicating(db, tmp_path):
    members.add_member(db, member(name="张伟", department="生产部", phone="13900000000"))
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "部门"], ["张伟", make_id(), "质检部"], ["李娜", make_id(seq=2, male=False), "财务部"]])
    plan = plan_import(db, path)
    assert [(p.row, p.message) for p in plan.problems] == [(3, "不能为空")]  # 李娜 has no 入会日期
    assert plan.counts["updated"] == 1  # 张伟 keeps the 入会日期 the register has
    path = xlsx(tmp_path / "r2.xlsx", [["姓名", "身份证号", "部门", "入会日期"], ["张伟", make_id(), "质检部", "2010-05-01"], ["李娜", make_id(seq=2, male=False), "财务部", "2011-01-01"]])
    plan = plan_import(db, path)
    assert plan.counts == {"added": 1, "updated": 1, "unchanged": 0, "errors": 0}
    apply_import(db, plan)
    assert count(db) == 2
    zhang = members.get_member(db, 1)
    assert zhang.department == "质检部" and zhang.phone == "13900000000"  # untouched column kept
    again = plan_import(db, path)
    assert again.counts == {"added": 0, "updated": 0, "unchanged": 2, "errors": 0}


def test_member_registered_since_dry_run_names_the_row(db, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会日期"], ["张伟", make_id(seq=1), "2010-05-01"], ["李强", make_id(seq=2), "2010-05-01"]])
    plan = plan_import(db, path)
    members.add_member(db, member(name="李强", id_number=make_id(seq=2)))
    with pytest.raises(Exception) as info:
        apply_import(db, plan)
    assert "第 3 行" in str(info.value) and "李强" in str(info.value)
    assert count(db) == 1


def test_cancel_half_way_writes_nothing(db, tmp_path):
    rows = [["姓名", "身份证号", "入会日期"]] + [[f"会员{i}", make_id(seq=i + 1), "2010-05-01"] for i in range(300)]
    plan = plan_import(db, xlsx(tmp_path / "r.xlsx", rows))

    def cancel(done, total):
        if done >= 150:
            raise Cancelled()

    with pytest.raises(Cancelled):
        apply_import(db, plan, progress=cancel)
    assert count(db) == 0
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_killed_half_way_writes_nothing(db_path, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from models.db import open_database

    open_database(db_path).close()
    rows = [["姓名", "身份证号", "入会日期"]] + [[f"会员{i}", make_id(seq=i + 1), "2010-05-01"] for i in range(400)]
    path = xlsx(tmp_path / "r.xlsx", rows)
    code = (
        "import os, sys; sys.path.insert(0, %r)\n"
        "from models.db import open_database\n"
        "from models.member_import import plan_import, apply_import\n"
        "db = open_database(%r)\n"
        "plan = plan_import(db, %r)\n"
        "def kill(done, total):\n"
        "    if done >= 200: os._exit(9)\n"
        "apply_import(db, plan, progress=kill)\n"
    ) % (str(Path(__file__).resolve().parent.parent), str(db_path), str(path))
    result = subprocess.run([sys.executable, "-c", code])
    assert result.returncode == 9
    db = open_database(db_path)
    assert count(db) == 0
    db.close()


def test_export_masks_and_template_roundtrip(db, tmp_path):
    members.add_member(db, member(name="张伟"))
    out = tmp_path / "export.xlsx"
    assert export_members(db, MemberFilter(), list(DEFAULT_COLUMNS), out, mask_id=True) == 1
    rows = read_rows(out)
    header = rows[2]
    assert header[:2] == ["姓名", "性别"]
    values = dict(zip(header, rows[3]))
    assert values["公民身份号码"] == make_id()[:6] + "********" + make_id()[-4:]
    assert values["会籍状态"] == "在会" and values["性别"] == "男"
    template = write_template(tmp_path / "t.xlsx")
    plan = plan_import(db, template)
    assert plan.header_row == 3 and plan.counts["added"] == 1  # the example row is valid


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2004, 12, 31)),
            st.booleans(),
            st.sampled_from(["{y}-{m}-{d}", "{y}/{m:02d}/{d:02d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{y}{m:02d}{d:02d}"]),
            st.sampled_from([str.upper, str.lower, lambda s: " " + s + " "]),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    )
)
def test_importer_property(db, tmp_path, people):
    db.execute("PRAGMA foreign_keys = OFF")
    rows = [["姓名", "身份证号", "入会日期"]]
    expected = {}
    for i, (birth, male, pattern, mangle) in enumerate(people):
        number = make_id(birth.strftime("%Y%m%d"), seq=i + 1, male=male)
        join = dt.date(birth.year + 20, birth.month, min(birth.day, 28))
        rows.append([f"会员{i}", mangle(number), pattern.format(y=join.year, m=join.month, d=join.day)])
        expected[number] = join.isoformat()
    path = tmp_path / f"h{abs(hash(tuple(expected)))}.xlsx"
    plan = plan_import(db, xlsx(path, rows))
    assert plan.problems == []
    assert {r.member.id_number: r.member.join_date for r in plan.rows} == expected


# ---------------------------------------------------------------- limits, cancel, progress


def test_problem_list_is_capped_but_every_bad_row_counted(db, tmp_path):
    from models.member_import import MAX_LISTED_PROBLEMS

    path = tmp_path / "bad.csv"
    bad = MAX_LISTED_PROBLEMS + 1_000
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "入会日期"])
        w.writerow(["张伟", make_id(seq=1), "2010-05-01"])
        w.writerows([f"会员{i}", "110105194912310021", "2010-05-01"] for i in range(bad))
    plan = plan_import(db, path)
    assert len(plan.problems) == MAX_LISTED_PROBLEMS
    assert plan.counts == {"added": 1, "updated": 0, "unchanged": 0, "errors": bad}
    assert plan.unlisted == 1_000 and "还有 1,000 处问题未列出" in plan.unlisted_note
    assert len(plan.raw) == MAX_LISTED_PROBLEMS  # cells are kept only for the listed rows
    rows = read_rows(write_error_file(plan, tmp_path / "err.xlsx"))
    assert len(rows) == 2 + MAX_LISTED_PROBLEMS  # the error file is bounded too
    assert apply_import(db, plan)["added"] == 1


def test_cancel_is_answered_before_the_file_is_read(db, tmp_path):
    import tracemalloc

    from tests.xlsx_craft import inline, write_xlsx

    def rows():
        for start in range(2, 60_002, 5_000):
            yield "".join(f'<row r="{n}">{inline(f"A{n}", f"会员{n}")}<c r="B{n}"><v>{n}</v></c></row>' for n in range(start, start + 5_000))

    path = write_xlsx(tmp_path / "r.xlsx", ['<row r="1">' + inline("A1", "姓名") + inline("B1", "身份证号") + "</row>", *rows()])
    calls = []

    def cancel(done, total):
        calls.append(done)
        raise Cancelled()

    tracemalloc.start()
    try:
        with pytest.raises(Cancelled):
            plan_import(db, path, progress=cancel)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert calls == [0]
    assert peak < 5 * 1024 * 1024  # the 60,000 rows were never held: reading stopped at the first check
    assert count(db) == 0


def test_progress_is_called_every_few_hundred_rows(db, tmp_path):
    from models.tasks import EVERY

    members.add_member(db, member(name="张伟", id_number=make_id(seq=1), phone="13900000000"))
    rows = [["姓名", "身份证号", "入会日期", "手机"], ["张伟", make_id(seq=1), "2010-05-01", "13911111111"]]
    births = [(dt.date(1970, 1, 1) + dt.timedelta(days=i)).strftime("%Y%m%d") for i in range(1_500)]
    rows += [[f"会员{i}", make_id(birth, seq=7), "2010-05-01", ""] for i, birth in enumerate(births)]
    path = tmp_path / "r.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)

    def gaps(calls: list[int]) -> int:
        return max(b - a for a, b in zip([0, *calls], calls))

    seen: list[int] = []
    plan = plan_import(db, path, progress=lambda done, total: seen.append(done))
    assert plan.counts == {"added": 1_500, "updated": 1, "unchanged": 0, "errors": 0}
    assert seen[-1] >= 1_501 and gaps(seen) <= EVERY
    seen.clear()
    apply_import(db, plan, progress=lambda done, total: seen.append(done))
    assert seen[-1] == 1_501 and gaps(seen) <= EVERY


# ---------------------------------------------------------------- edits between the dry run and 导入


def _edit(db, member_id: int, **changes) -> None:
    m = members.get_member(db, member_id)
    for key, value in changes.items():
        setattr(m, key, value)
    members.update_member(db, m)


def test_edits_made_after_the_dry_run_are_kept(db, tmp_path):
    zhang = members.add_member(db, member(name="张伟", id_number=make_id(seq=1), phone="13900000001", note="原备注", post="工人"))
    li = members.add_member(db, member(name="李强", id_number=make_id(seq=2), phone="13900000002", post="工人"))
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "部门", "手机"], ["张伟", make_id(seq=1), "质检部", "13900000001"]])
    plan = plan_import(db, path)
    assert plan.counts["updated"] == 1 and plan.rows[0].changed == ["department"]
    # Meanwhile the chair edits both members, one of them a field the file has (with the old value).
    _edit(db, zhang, note="新备注", phone="13922222222")
    _edit(db, li, phone="13911111111", post="班长")
    logged = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    result = apply_import(db, plan)
    z, l = members.get_member(db, zhang), members.get_member(db, li)
    assert (z.department, z.phone, z.note, z.post) == ("质检部", "13922222222", "新备注", "工人")
    assert (l.phone, l.post, l.department) == ("13911111111", "班长", "生产部")
    assert result == {"added": 0, "updated": 1, "unchanged": 0, "overwritten": 0, "batch": 1}
    entries = db.execute("SELECT row_id, before, after, note FROM audit_log WHERE id > ? AND table_name = 'members'", (logged,)).fetchall()
    assert len(entries) == 1 and entries[0][0] == zhang and "r.xlsx 第 2 行" in entries[0][3]
    assert set(json.loads(entries[0][2])) - {"updated_at"} == {"department"}  # nothing else written


def test_a_field_changed_on_both_sides_takes_the_file_value_and_says_so(db, tmp_path):
    zhang = members.add_member(db, member(name="张伟", id_number=make_id(seq=1), phone="13900000001"))
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "手机"], ["张伟", make_id(seq=1), "13955555555"]])
    plan = plan_import(db, path)
    _edit(db, zhang, phone="13922222222", note="电话已改")
    result = apply_import(db, plan)
    z = members.get_member(db, zhang)
    assert (z.phone, z.note) == ("13955555555", "电话已改")  # the file wins on the phone, the note stays
    assert result == {"added": 0, "updated": 1, "unchanged": 0, "overwritten": 1, "batch": 1}
    last = members_history(db, zhang)[-1]
    assert "覆盖了检查之后所做的修改：手机号码" in last["note"]
    assert last["before"]["phone"] == "13922222222" and last["after"]["phone"] == "13955555555"
    assert "search_key" in last["after"]  # the search column follows the new phone


def test_a_member_whose_id_number_changed_since_the_dry_run_stops_the_import(db, tmp_path):
    zhang = members.add_member(db, member(name="张伟", id_number=make_id(seq=1), phone="13900000001"))
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "手机"], ["张伟", make_id(seq=1), "13955555555"], ["李娜", make_id(seq=2, male=False), ""]])
    plan = plan_import(db, path)
    _edit(db, zhang, id_number=make_id(seq=3))
    with pytest.raises(ValidationError, match="第 2 行.*身份证号在检查之后被修改"):
        apply_import(db, plan)
    assert members.get_member(db, zhang).id_number == make_id(seq=3) and count(db) == 1


def members_history(db, member_id: int) -> list[dict]:
    from models.audit import history

    return history(db, "members", member_id)


def test_cli_says_how_many_problems_were_not_listed(capsys, tmp_path, monkeypatch):
    import main
    import models.member_import as member_import

    monkeypatch.setattr(member_import, "MAX_LISTED_PROBLEMS", 1)
    path = xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会日期"], ["李娜", "110105194912310021", "2011-01-01"], ["", make_id(), "x"]])
    code = main.main(["--db", str(tmp_path / "i.db"), "import-members", str(path), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 0 and "第 2 行" in err and "第 3 行" not in err
    assert "还有 2 处问题未列出" in err and "有错误的行共 2 行" in err


def test_a_true_cell_in_the_header_row_does_not_stop_the_import(db, tmp_path):
    # A caption is only shown: TRUE above an unrelated column reads as Excel shows it.
    path = xlsx(tmp_path / "r.xlsx", [[*HEAD, True], [1, "张伟", "男", make_id("19850314"), "", "", "", "2010.5.1", "x"]])
    plan = plan_import(db, path)
    assert plan.headers[-1] == "TRUE" and plan.problems == []
