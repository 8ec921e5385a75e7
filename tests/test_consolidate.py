"""Consolidation (汇总): filings exported by our own exporter from crafted ledgers and as varied
copies, consolidated, the result read back cell by cell; every bad input of issue 13 named,
skipped or reported; the CLI's exit codes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main
from models import clock, filing, filing_marker, filing_store
from models.consolidate import consolidate, display_names, expand
from models.filing_form import FORM_VERSION, INDICATORS
from models.db import open_database
from models.members import add_member
from models.org import get_profile, save_profile, save_workforce
from models.version import VERSION
from reports.consolidate_xlsx import write_consolidation
from reports.filing_xlsx import write_filing
from tests.conftest import make_id, member
from tests.filing_copies import credit_code, varied, write_copies


@pytest.fixture(autouse=True)
def _january_2026():
    with clock.frozen("2026-01-10T09:00:00"):
        yield


def _ledger(path: Path, name: str, code: str, people: list[tuple[str, bool, str]], workers: int, manual: dict) -> dict:
    """A ledger whose 2025 figures are known by hand; returns its export data."""
    db = open_database(path)
    p = get_profile(db)
    p.union_name, p.credit_code, p.chair = name, code, "王建国"
    save_profile(db, p, year=2024)
    save_workforce(db, 2025, workers_total=workers, workers_female=1)
    for seq, (who, male, joined) in enumerate(people, 1):
        add_member(db, member(who, id_number=make_id(seq=seq, male=male), join_date=joined))
    filing.save_manual(db, 2025, manual)
    data = filing_store.export_data(db, 2025)
    db.close()
    return data


@pytest.fixture
def two_ledgers(tmp_path) -> tuple[dict, dict]:
    a = _ledger(tmp_path / "a.db", "甲机械公司工会委员会", "91410100MA9GTK3X0D",
                [("王芳", False, "2010-01-01"), ("李强", True, "2025-04-01"), ("赵刚", True, "2012-01-01")], 5,
                {"cadres_full": 1, "contract": "是", "contract_covered": 3})
    b = _ledger(tmp_path / "b.db", "乙纺织公司工会委员会", credit_code(777),
                [("孙丽", False, "2015-03-01"), ("周敏", False, "2025-09-01")], 4,
                {"cadres_full": 2, "contract": "否", "independent": "是"})
    return a, b


def _files(tmp_path: Path, *datas: dict) -> list[Path]:
    folder = tmp_path / "收到"
    folder.mkdir(parents=True, exist_ok=True)
    return [write_filing(d, folder / f"{i}-{d['union_name']}.xlsx") for i, d in enumerate(datas, 1)]


def _result_of(paths, **kw):
    result = consolidate(paths, **kw)
    return result, {f.name: f for f in result.files}


# ---------------------------------------------------------------- the marker


def test_the_filing_xlsx_says_what_it_is(two_ledgers, tmp_path):
    a, _ = two_ledgers
    (path,) = _files(tmp_path, a)
    wb = load_workbook(path)
    assert wb.sheetnames == ["年报", "同比", "说明"] and wb["说明"].sheet_state == "hidden"
    rows = [[c.value for c in r] for r in wb["说明"].iter_rows()]
    head = {r[0]: r[1] for r in rows[:11]}
    assert head["form"] == "基层工会统计年报" and head["form_version"] == FORM_VERSION and head["format"] == filing_marker.FORMAT
    assert head["program_version"] == VERSION and head["year"] == 2025 and head["credit_code"] == "91410100MA9GTK3X0D"
    assert len(head["digest"]) == 64
    values = {r[0]: r[1] for r in rows[rows.index(["code", "value"]) + 1:]}
    assert list(values) == [i.code for i in INDICATORS]
    assert values["members"] == 3 and values["members_new"] == 1 and values["contract"] == 1 and values["cadres_part"] is None
    marker = filing_marker.read_marker(rows)
    assert marker.digest_ok and marker.values["workers"] == 5


# ---------------------------------------------------------------- consolidating, read back


def test_consolidated_table_read_back_cell_by_cell(two_ledgers, tmp_path):
    a, b = two_ledgers
    copy = varied(a, 3, aid_money=150_050, aid_money_living=100_000, aid_money_medical=50_050, aid_files=2, aid_files_deep=1)
    paths = _files(tmp_path, a, b, copy)
    result = consolidate(paths)
    assert result.year == 2025 and [f.status for f in result.files] == ["已汇总（有问题）"] * 3  # manual figures not entered
    out = write_consolidation(result, tmp_path / "汇总.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总表", "汇总情况"]
    ws = wb["汇总表"]
    assert ws["A1"].value == "基层工会统计年报汇总表（2025年度）"
    assert "汇总单位：3 个" in ws["A2"].value and "汇总日期：2026-01-10" in ws["A2"].value and "内部资料" not in ws["A2"].value
    assert ws.freeze_panes == "C5"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:A4", "B3:B4", "C3:I3", "J3:M3"} <= merged
    assert [ws.cell(3, c).value for c in (1, 2, 3, 10)] == ["序号", "工会名称", "一、组织情况", "二、职工情况"]
    header = {ws.cell(4, c).value: c for c in range(3, ws.max_column)}
    assert ws.cell(3, ws.max_column).value == "来源文件"
    assert ws.cell(4, header["会员人数\n（人）"]).alignment.wrap_text and "职代会应到代表（人次）" in ws.cell(4, header["本年职代会应到代表（人次）"]).value
    col = {ind.code: header[ind.label + ("" if ind.unit in ("", "是否") or ind.label.endswith(f"（{ind.unit}）") else f"\n（{ind.unit}）")] for ind in INDICATORS}
    rows = {ws.cell(r, 2).value: r for r in range(5, 8)}
    ra, rb, rc = rows["甲机械公司工会委员会"], rows["乙纺织公司工会委员会"], rows["第3示例公司工会委员会"]
    assert [ws.cell(r, 1).value for r in (5, 6, 7)] == [1, 2, 3]
    # 甲: 3 members (1 new in 2025), 5 workers; 乙: 2 members (1 new), 4 workers; copy 3 of 甲: ×4
    assert [ws.cell(r, col["members"]).value for r in (ra, rb, rc)] == [3, 2, 12]
    assert [ws.cell(r, col["workers"]).value for r in (ra, rb, rc)] == [5, 4, 20]
    assert [ws.cell(r, col["contract"]).value for r in (ra, rb, rc)] == ["是", "否", "是"]
    assert [ws.cell(r, col["independent"]).value for r in (ra, rb, rc)] == [None, "是", None]
    assert ws.cell(ra, col["credit_code"]).value == "91410100MA9GTK3X0D" and ws.cell(ra, col["credit_code"]).number_format == "@"
    assert ws.cell(rc, col["aid_money"]).value == 1500.5 and ws.cell(rc, col["aid_money"]).number_format == "#,##0.00"
    assert ws.cell(ra, col["members"]).number_format == "#,##0"
    assert ws.cell(ra, ws.max_column).value == "1-甲机械公司工会委员会.xlsx"
    total = 8
    assert ws.cell(total, 1).value == "合计（3 个单位）" and "A8:B8" in merged and ws.max_row == total
    assert ws.cell(total, col["members"]).value == 17 and ws.cell(total, col["members_new"]).value == 1 + 1 + 4
    assert ws.cell(total, col["workers"]).value == 29 and ws.cell(total, col["cadres_full"]).value == 1 + 2 + 4
    assert ws.cell(total, col["contract"]).value == 2 and ws.cell(total, col["independent"]).value == 1  # unions that said 是
    assert ws.cell(total, col["aid_money"]).value == 1500.5 and ws.cell(total, col["aid_money_medical"]).value == 500.5
    assert ws.cell(total, col["unit_nature"]).value is None and ws.cell(total, col["credit_code"]).value is None
    assert ws.cell(total, col["cadres_part"]).value is None  # no union entered it: blank, not 0
    assert ws.cell(total, col["members"]).font.bold
    summary = wb["汇总情况"]
    assert summary["A1"].value == "基层工会统计年报汇总情况（2025年度）"
    assert summary["A2"].value == "共读取 3 个文件：汇总 3 个（其中 3 个有问题，需核对），跳过 0 个。"
    assert [summary.cell(4, c).value for c in range(1, 7)] == ["序号", "文件", "工会名称", "统一社会信用代码", "结果", "原因或问题"]
    assert [summary.cell(r, 5).value for r in (5, 6, 7)] == ["已汇总（有问题）"] * 3
    assert "未填写" in summary.cell(6, 6).value and "工会兼职干部" in summary.cell(6, 6).value


def test_a_copy_resaved_unchanged_is_still_ours(two_ledgers, tmp_path):
    """Opened and saved again (openpyxl writes shared strings, as Excel does): nothing changed, still consolidated."""
    a, _ = two_ledgers
    (path,) = _files(tmp_path, a)
    wb = load_workbook(path)
    wb.save(path)
    result = consolidate([path])
    assert result.files[0].included and not result.files[0].skipped


def test_500_copies_from_a_folder(two_ledgers, tmp_path):
    a, _ = two_ledgers
    folder = tmp_path / "many"
    write_copies(a, folder, 12)
    (folder / "~$0001-年报.xlsx").write_bytes(b"lock")  # Excel's lock file beside an open file
    result = consolidate([folder])
    assert len(result.files) == 12 and len(result.included) == 12
    assert result.totals["members"] == sum(3 * (n % 7 + 1) for n in range(1, 13))


def test_names_repeat_across_folders(tmp_path):
    paths = [tmp_path / "甲" / "2025年度基层工会统计年报.xlsx", tmp_path / "乙" / "2025年度基层工会统计年报.xlsx"]
    for p in paths:
        p.parent.mkdir()
        p.write_bytes(b"x")
    assert display_names(expand(paths)) == [str(Path("甲") / "2025年度基层工会统计年报.xlsx"), str(Path("乙") / "2025年度基层工会统计年报.xlsx")]
    assert len(expand([paths[0], paths[0], tmp_path / "甲"])) == 1


# ---------------------------------------------------------------- bad input: named, skipped or reported


def _rewrite(path: Path, part: str, edit) -> None:
    """Change one part of the package as a hand editor would (the rest byte for byte)."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info, edit(data) if info.filename == part else data)


def test_not_a_filing_is_skipped_and_named(two_ledgers, tmp_path):
    from reports.member_xlsx import write_roster

    a, _ = two_ledgers
    (good,) = _files(tmp_path, a)
    roster, _ = write_roster(tmp_path / "花名册.xlsx", "花名册", ["姓名"], [["王芳"]])
    text = tmp_path / "假的.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    csv = tmp_path / "年报.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    foreign = tmp_path / "别的说明.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "年报"
    wb.create_sheet("说明").append(["form", "别的表"])
    wb.save(foreign)
    result, by = _result_of([good, roster, text, csv, empty, foreign, tmp_path / "没有.xlsx"])
    assert [f.name for f in result.included] == [good.name]
    assert "不是基层工会统计年报" in by["花名册.xlsx"].skipped
    assert "不是有效的 Excel 文件" in by["假的.xlsx"].skipped
    assert "不是 .xlsx 文件" in by["年报.csv"].skipped and by["空.xlsx"].skipped == "文件是空的"
    assert "不是工会台账导出的基层工会统计年报" in by["别的说明.xlsx"].skipped
    assert by["没有.xlsx"].skipped == "找不到文件"


def test_an_export_of_before_the_marker_is_named(two_ledgers, tmp_path):
    a, _ = two_ledgers
    (path,) = _files(tmp_path, a)
    _rewrite(path, "xl/worksheets/sheet3.xml", lambda x: x.replace(filing_marker.FORMAT.encode(), b""))
    result = consolidate([path])
    assert "由较早版本的工会台账导出" in result.files[0].skipped and not result.included


def test_a_crafted_data_sheet_never_reaches_calamine(two_ledgers, tmp_path):
    """A cell at XFD1048576 would make calamine ask for 512 GB and abort the process:
    xlsx_stream's check refuses the sheet first."""
    a, _ = two_ledgers
    (path,) = _files(tmp_path, a)
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    table = path.with_name("表格.xlsx")
    table.write_bytes(path.read_bytes())
    _rewrite(path, "xl/worksheets/sheet3.xml", lambda x: x.replace(b"</sheetData>", far))
    _rewrite(table, "xl/worksheets/sheet1.xml", lambda x: x.replace(b"</sheetData>", far))  # the visible sheet
    result = consolidate([path, table])
    assert "“说明”工作表的结构不是工会台账导出的年报" in result.files[0].skipped
    assert "“年报”工作表的结构不是工会台账导出的年报" in result.files[1].skipped


def test_a_newer_version_is_skipped_and_named(two_ledgers, tmp_path, monkeypatch):
    a, b = two_ledgers
    newer_form = dict(a, form_version="2099.1")
    (form_file,) = _files(tmp_path, newer_form)
    monkeypatch.setattr(filing_marker, "VERSION", "99.0.0")
    program_file = write_filing(b, tmp_path / "新程序.xlsx")
    monkeypatch.undo()
    result, by = _result_of([form_file, program_file])
    assert "年报格式为 2099.1 版" in by[form_file.name].skipped and "升级" in by[form_file.name].skipped
    assert "较新版本的工会台账（99.0.0）" in by["新程序.xlsx"].skipped
    assert result.included == []


def test_a_figure_changed_in_excel_is_named_and_skipped(two_ledgers, tmp_path):
    a, b = two_ledgers
    changed, hidden, good = _files(tmp_path, a, varied(a, 2), b)
    wb = load_workbook(changed)
    ws = wb["年报"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 2).value == "会员人数")
    ws.cell(row, 4).value = "30"
    wb.save(changed)
    # the hidden data edited instead (the visible table left alone)
    _rewrite(hidden, "xl/worksheets/sheet3.xml", lambda x: re.sub(rb"(<t>members</t></is></c><c [^>]*><v>)9(</v>)", rb"\g<1>90\2", x))
    result, by = _result_of([changed, hidden, good])
    assert "导出后表格被改动过" in by[changed.name].skipped and "1 项数字与导出时不同：“会员人数”表中为“30”（导出时为“3”）" in by[changed.name].skipped
    assert "校验码不符" in by[hidden.name].skipped
    assert [f.name for f in result.included] == [good.name]


def test_a_sum_that_no_longer_adds_is_skipped(two_ledgers, tmp_path):
    """Visible table and hidden data changed alike (digest recomputed): the total against its parts."""
    a, _ = two_ledgers
    (path,) = _files(tmp_path, varied(a, 1, aid_money=100_000, aid_money_living=60_000, aid_money_medical=30_000))
    result = consolidate([path])
    skipped = result.files[0].skipped
    assert "合计数与分项之和不符" in skipped and "帮扶资金合计”为 1,000.00，而各类之和为 900.00" in skipped


def test_duplicate_credit_codes_name_both_files(two_ledgers, tmp_path):
    a, b = two_ledgers
    first, second, other = _files(tmp_path, a, dict(a, union_name="甲机械公司工会（重报）"), b)
    result, by = _result_of([first, second, other])
    assert by[second.name].skipped.startswith("统一社会信用代码 91410100MA9GTK3X0D 与“1-甲机械公司工会委员会.xlsx”相同")
    assert any(second.name in p and "汇总的是本文件" in p for p in by[first.name].problems)
    assert len(result.included) == 2 and result.totals["members"] == 5
    # a later filed version wins over the order given
    refiled = dict(a, filed={"version": 2, "filed_on": "2026-01-09", "filed_by": "李会计", "head": "王建国"})
    (later,) = _files(tmp_path / "later", refiled)
    result = consolidate([first, later])
    assert [f.path for f in result.skipped] == [first] and [f.path for f in result.included] == [later]
    assert result.files[0].name == str(Path("收到") / first.name)  # the same file name in two folders


def test_failing_checks_and_missing_figures_are_reported_and_consolidated(two_ledgers, tmp_path):
    a, _ = two_ledgers
    bad = varied(a, 1, members_female=50, cadres_full=None)
    (path,) = _files(tmp_path, bad)
    result = consolidate([path])
    f = result.files[0]
    assert f.included and f.status == "已汇总（有问题）"
    assert any(p.startswith("校验未通过：女会员人数不能多于会员人数（女会员 50 ＞ 会员人数 6）") for p in f.problems)
    assert any("数字未填写：是否独立建会、工会专职干部" in p for p in f.problems)
    assert result.totals["members_female"] == 50 and result.totals["cadres_full"] is None


def test_another_year_is_skipped(two_ledgers, tmp_path):
    a, b = two_ledgers
    files = _files(tmp_path, a, b, dict(varied(a, 5), year=2024))
    result, by = _result_of(files)
    assert result.year == 2025 and "年度为 2024 年，与汇总年度 2025 年不同" in by[files[2].name].skipped
    result, by = _result_of(files, year=2024)
    assert [f.name for f in result.included] == [files[2].name]


# ---------------------------------------------------------------- the CLI


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_codes(two_ledgers, tmp_path, capsys):
    a, b = two_ledgers
    good = _files(tmp_path, a, b)
    junk = tmp_path / "假的.xlsx"
    junk.write_text("x", encoding="utf-8")
    out = tmp_path / "汇总.xlsx"
    code, stdout, err = _run(capsys, "consolidate", *map(str, good), str(junk), "-o", str(out))
    assert code == 0 and out.exists()
    assert "共读取 3 个文件：汇总 2 个" in stdout and "已生成汇总表" in stdout
    assert "已跳过 假的.xlsx：已损坏或不是有效的 Excel 文件" in err and "有问题 1-甲机械公司工会委员会.xlsx：有" in err
    assert load_workbook(out)["汇总表"]["A1"].value == "基层工会统计年报汇总表（2025年度）"
    nothing = tmp_path / "无.xlsx"
    code, _, err = _run(capsys, "consolidate", str(junk), "-o", str(nothing))
    assert code == 1 and "没有可以汇总的年报" in err and not nothing.exists()
    code, _, err = _run(capsys, "consolidate", str(good[0]), "-o", str(tmp_path / "汇总.pdf"))
    assert code == 1 and "须以 .xlsx 结尾" in err
    code, _, err = _run(capsys, "consolidate", str(good[0]), "-o", str(good[0]))
    assert code == 1 and "是要汇总的文件之一" in err
    with pytest.raises(SystemExit) as info:
        main.main(["consolidate", str(good[0])])
    assert info.value.code == 2 and "缺少必需的参数" in capsys.readouterr().err
    code, stdout, _ = _run(capsys, "consolidate", str(tmp_path / "收到"), "--year", "2025", "-o", str(out))
    assert code == 0 and "共读取 2 个文件：汇总 2 个" in stdout


def test_a_confidential_filing_marks_the_result(two_ledgers, tmp_path):
    a, b = two_ledgers
    files = _files(tmp_path, dict(a, confidential="内部资料 注意保密"), b)
    result = consolidate(files)
    assert result.confidential and result.files[0].marker["confidential"] == "内部资料 注意保密"
    ws = load_workbook(write_consolidation(result, tmp_path / "汇总.xlsx"))["汇总表"]
    assert ws["A2"].value.startswith("内部资料 注意保密    汇总单位：2 个") and ws["A2"].font.color.rgb[-6:] == "C00000"  # ARGB: the writer says FF (opaque) where openpyxl said 00
    assert not consolidate(files[1:]).confidential


def test_progress_and_cancel(two_ledgers, tmp_path):
    from models.tasks import Cancelled

    a, _ = two_ledgers
    paths = write_copies(a, tmp_path / "many", 3)
    seen: list[tuple[int, int]] = []
    consolidate(paths, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3) and (2, 3) in seen

    def stop_at_second(done: int, total: int) -> None:
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        consolidate(paths, progress=stop_at_second)


def test_shown_values_read_back_as_the_data_holds_them():
    from models.consolidate_read import shown_value
    from models.filing_form import BY_CODE

    money, count, yes = BY_CODE["aid_money"], BY_CODE["members"], BY_CODE["contract"]
    assert shown_value(money, "1,234.50") == (True, 123450) and shown_value(money, 1234.5) == (True, 123450)
    assert shown_value(money, "1.234") == (False, None) and shown_value(count, "Infinity") == (False, None)
    assert shown_value(count, "3") == (True, 3) and shown_value(count, 3.0) == (True, 3) and shown_value(count, "三") == (False, None)
    assert shown_value(yes, "是") == (True, 1) and shown_value(yes, "否") == (True, 0) and shown_value(yes, "1") == (False, None)
    assert shown_value(count, "") == (True, None)
