"""Reading one grassroots union's filing .xlsx for consolidation, and checking it on its own.

Each file is checked by models/xlsx_stream.py before python-calamine sees it (a tiny
crafted .xlsx can make calamine allocate gigabytes and abort the process): the hidden
data sheet 说明 and the visible sheet 年报 each have to pass its limits and be small
enough for calamine's block of cells. Then, in order:

- it is our filing export (the marker of models/filing_marker.py), else skipped;
- no newer form or program version wrote it, else skipped;
- its hidden data is as exported (the digest), else skipped;
- the visible table says what the hidden data says, indicator by indicator, and its
  title names the same union, credit code and year: a figure changed in Excel after
  export is named and the file skipped;
- a sum that adds up by construction still adds up (帮扶资金合计 = its five kinds, since
  every payment has exactly one kind and the five groups cover every kind), else skipped;
- the form's own logic checks (models/filing_checks.py) and figures not entered are
  reported, and the file is consolidated anyway (a filing may be filed with a reason).

What is not checkable: a file whose visible table, hidden data and digest were all
rewritten consistently (the digest is public arithmetic, not a seal), and the 同比
sheet (not read).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

from models.filing import AID_MONEY_GROUPS, display
from models.filing_checks import failing, run_checks
from models.filing_form import BY_CODE, FORM_NAME, INDICATORS, MONEY, YES_NO, Indicator
from models.filing_marker import DATA_SHEET, TABLE_SHEET, Marker, NotOurs, Value, clean, newer_than_ours, read_marker

CheckFn = Callable[[], None]

MAX_FILE_BYTES = 50 * 1024 * 1024  # a filing is ~15 KB; a pasted seal picture may add a few MB
MAX_SHEET_ROWS = 1_000  # the table has ~70 rows, the data sheet ~70: anything longer is not ours
LIMITS = {"columns": 60, "cell_chars": 32_767, "sheet_rows": 10_000}
# The sums that hold by construction (models.filing._aid): the total against its parts.
SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (("aid_money", tuple(f"aid_{key}" for key in AID_MONEY_GROUPS)),)
SHOWN_AT_MOST = 5  # indicators named in one message; the rest are counted


@dataclass
class FileResult:
    """One input file: what was read and what is wrong with it."""

    path: Path
    name: str  # as shown to the user (the file name, or a path when names repeat)
    problems: list[str] = field(default_factory=list)
    skipped: str = ""  # why it is not consolidated ('' when it is)
    marker: Marker | None = None

    @property
    def included(self) -> bool:
        return not self.skipped

    @property
    def year(self) -> int | None:
        year = self.marker["year"] if self.marker else None
        return year if isinstance(year, int) else None

    @property
    def credit_code(self) -> str:
        return str(self.marker["credit_code"] or "") if self.marker else ""

    @property
    def union_name(self) -> str:
        return str(self.marker["union_name"] or "") if self.marker else ""

    @property
    def values(self) -> dict[str, Value]:
        return self.marker.values if self.marker else {}

    def skip(self, reason: str) -> "FileResult":
        self.skipped = reason
        return self

    @property
    def status(self) -> str:
        if self.skipped:
            return "已跳过"
        return "已汇总（有问题）" if self.problems else "已汇总"


def _names(labels: list[str], limit: int = SHOWN_AT_MOST) -> str:
    shown = "、".join(labels[:limit])
    return shown + (f" 等 {len(labels)} 项" if len(labels) > limit else "")


# ---------------------------------------------------------------- the package

def _load(path: Path, check: CheckFn) -> tuple[list[list[object]], list[list[object]]]:
    """(data sheet rows, table sheet rows), each checked by xlsx_stream first; NotOurs with the reason."""
    from python_calamine import CalamineWorkbook

    from models.xlsx_stream import XlsxCorrupt, XlsxLimitError, XlsxNoSheet, XlsxSheet

    with open(path, "rb") as f:
        head = f.read(4)
    if head != b"PK\x03\x04":
        raise NotOurs("已损坏或不是有效的 Excel 文件")
    try:
        book = XlsxSheet(str(path), check, LIMITS, sheet=DATA_SHEET)
        try:
            sizes = {DATA_SHEET: (book.estimated_rows, book.fast), TABLE_SHEET: book.check_other_sheet(TABLE_SHEET)}
        finally:
            book.close()
    except XlsxNoSheet as exc:
        missing_table = TABLE_SHEET in str(exc)
        raise NotOurs("文件中没有“年报”工作表，不是完整的年报" if missing_table else "不是基层工会统计年报（文件中没有年报数据）") from None
    except XlsxLimitError as exc:
        raise NotOurs(str(exc)) from None
    except (XlsxCorrupt, zipfile.BadZipFile, OSError):
        raise NotOurs("已损坏或不是有效的 Excel 文件") from None
    for sheet, (rows, fast) in sizes.items():
        if not fast or rows > MAX_SHEET_ROWS:
            raise NotOurs(f"“{sheet}”工作表的结构不是工会台账导出的年报（行数或单元格异常）")
    try:
        wb = CalamineWorkbook.from_path(str(path))
        return wb.get_sheet_by_name(DATA_SHEET).to_python(), wb.get_sheet_by_name(TABLE_SHEET).to_python()
    except Exception:  # noqa: BLE001 - calamine's own errors: the file is not readable as ours
        raise NotOurs("已损坏或不是有效的 Excel 文件") from None


# ---------------------------------------------------------------- the visible table

def shown_value(ind: Indicator, cell: object) -> tuple[bool, Value]:
    """A visible cell read back as the data holds it: (understood, value)."""
    if cell is None or cell == "":
        return True, None
    if ind.unit == "":
        return True, clean(cell)
    if ind.unit == YES_NO:
        text = str(cell).strip()
        return (True, 1 if text == "是" else 0) if text in ("是", "否") else (False, None)
    try:
        number = Decimal(str(cell).strip().replace(",", ""))
    except InvalidOperation:
        return False, None
    if not number.is_finite():  # "NaN", "Infinity" typed into a cell
        return False, None
    if ind.unit == MONEY:
        number *= 100
    if number != number.to_integral_value():
        return False, None
    return True, int(number)


def _table_rows(rows: list[list[object]]) -> list[tuple[int, list[str | object]]]:
    """(Excel row number, [code, label, unit, value]) of the indicator rows: those numbered 01, 02 …"""
    out = []
    for i, row in enumerate(rows, start=1):
        cells = (list(row) + ["", "", "", ""])[:4]
        number = clean(cells[0])
        if isinstance(number, int) or (isinstance(number, str) and re.fullmatch(r"\d{1,3}", number)):
            out.append((i, cells))
    return out


def _title_problems(rows: list[list[object]], marker: Marker) -> list[str]:
    def cell(r: int) -> str:
        return str(rows[r][0]) if len(rows) > r and rows[r] else ""

    out = []
    if cell(0) != f"{FORM_NAME}（{marker['year']}年度）":
        out.append(f"标题应为“{FORM_NAME}（{marker['year']}年度）”，表中为“{cell(0)}”")
    if cell(1) != f"填报单位（盖章）：{marker['union_name'] or ''}":
        out.append(f"填报单位应为“{marker['union_name'] or ''}”，表中为“{cell(1).removeprefix('填报单位（盖章）：')}”")
    if not cell(2).startswith(f"统一社会信用代码：{marker['credit_code'] or ''} "):
        out.append(f"表头的统一社会信用代码与文件内数据（{marker['credit_code'] or '未填写'}）不同")
    return out


def table_differences(rows: list[list[object]], marker: Marker) -> list[str]:
    """Where the visible sheet 年报 disagrees with the hidden data (after an edit in Excel)."""
    out = _title_problems(rows, marker)
    found = _table_rows(rows)
    if len(found) != len(marker.order):
        return out + [f"表中有 {len(found)} 行指标，文件内数据有 {len(marker.order)} 项：表格的行被增删过"]
    changed = []
    for (row_no, (_number, label, _unit, cell)), code in zip(found, marker.order):
        ind = BY_CODE.get(code)
        if ind is None:  # a code of an older form that this one dropped: its unit, and so its shown form, is unknown
            continue
        if clean(label) != ind.label:
            out.append(f"第 {row_no} 行应为“{ind.label}”，表中为“{label}”：表格的行被改动过")
            continue
        ok, value = shown_value(ind, cell)
        if not ok or value != marker.values[code]:
            changed.append(f"“{ind.label}”表中为“{cell}”（导出时为“{display(ind, marker.values[code]) or '未填'}”）")
    if changed:
        out.append(f"{len(changed)} 项数字与导出时不同：{_names(changed, 3)}")
    return out


# ---------------------------------------------------------------- the figures

def sum_problems(values: dict[str, Value]) -> list[str]:
    out = []
    for total, parts in SUMS:
        numbers = [values.get(c) for c in (total, *parts)]
        if not all(isinstance(n, int) for n in numbers):
            continue
        if sum(numbers[1:]) != numbers[0]:  # type: ignore[arg-type]
            ind = BY_CODE[total]
            out.append(f"“{ind.label}”为 {display(ind, numbers[0])}，而各类之和为 {display(ind, sum(numbers[1:]))}（不相等）")  # type: ignore[arg-type]
    return out


def missing_figures(values: dict[str, Value]) -> list[str]:
    """Labels of the form's figures (not the profile's text) that are not entered."""
    return [i.label for i in INDICATORS if i.kind != "profile" and values.get(i.code) is None]


def check_problems(values: dict[str, Value]) -> list[str]:
    """The form's logic checks that fail (models.filing_checks: the same rules as before filing)."""
    return [f"校验未通过：{r.message}（{r.detail}）" for r in failing(run_checks(values))]


def _bad_types(values: dict[str, Value]) -> list[str]:
    """Figures of the form that are not whole numbers (or 是否 not 0/1) in the hidden data."""
    bad = []
    for code, value in values.items():
        ind = BY_CODE.get(code)
        if ind is None or ind.unit == "" or value is None:
            continue
        if not isinstance(value, int) or value < 0 or (ind.unit == YES_NO and value not in (0, 1)):
            bad.append(ind.label)
    return bad


# ---------------------------------------------------------------- one file

def read_filing(path: Path, name: str, check: CheckFn = lambda: None) -> FileResult:
    """Read and check one file on its own (the checks across files are in models.consolidate)."""
    result = FileResult(path, name)
    if not path.is_file():
        return result.skip("找不到文件")
    if path.suffix.lower() != ".xlsx":
        return result.skip(f"不是 .xlsx 文件（{path.suffix or '无扩展名'}），不是工会台账导出的年报")
    size = path.stat().st_size
    if size == 0:
        return result.skip("文件是空的")
    if size > MAX_FILE_BYTES:
        return result.skip(f"文件有 {size / 1024 / 1024:.0f} MB，不是工会台账导出的年报（年报文件不到 1 MB）")
    try:
        data_rows, table_rows = _load(path, check)
        marker = read_marker(data_rows)
    except NotOurs as exc:
        return result.skip(str(exc))
    except OSError as exc:
        return result.skip(f"无法读取：{exc.strerror or exc}")
    result.marker = marker
    newer = newer_than_ours(marker)
    if newer:
        return result.skip(newer)
    if not marker.digest_ok:
        return result.skip("隐藏的年报数据在导出后被改动过（校验码不符），未汇总：请对方在工会台账中重新导出")
    if not isinstance(marker["year"], int):
        return result.skip("文件内数据没有年度，文件可能被改动过")
    differences = table_differences(table_rows, marker)
    if differences:
        return result.skip("导出后表格被改动过，与文件内数据不符：" + "；".join(differences) + "。未汇总，请对方在工会台账中改正后重新导出")
    bad = _bad_types(marker.values)
    if bad:
        return result.skip(f"文件内数据有不是整数的数字：{_names(bad)}，文件可能被改动过")
    sums = sum_problems(marker.values)
    if sums:
        return result.skip("合计数与分项之和不符，文件可能被改动过，未汇总：" + "；".join(sums))
    if not result.credit_code:
        result.problems.append("未填写统一社会信用代码：无法核对是否与其他文件重复")
    result.problems += check_problems(marker.values)
    missing = missing_figures(marker.values)
    if missing:
        result.problems.append(f"有 {len(missing)} 项数字未填写：{_names(missing)}（合计中不计）")
    return result
