"""The `filing` command's work, kept out of main.py: export the year's table and/or file it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from models.validation import ValidationError

EXTENSIONS = (".xlsx", ".pdf")


def run_filing(
    db: Database, year: object, *, out: str | None = None, freeze: bool = False, reason: str = "", by: str = "", head: str = ""
) -> Iterator[str]:
    """Lines to print. Freezing happens before exporting, so the file shows what was filed."""
    from models import filing, filing_store
    from models.filing_checks import failing, run_checks
    from models.org import get_profile

    year = filing.check_year(year)
    if out is None and not freeze:
        raise ValidationError("输出文件", "请用 -o 指定导出文件（.xlsx 或 .pdf），或用 --freeze 报送")
    if out is not None and Path(out).suffix.lower() not in EXTENSIONS:
        raise ValidationError("输出文件", f"文件名须以 .xlsx 或 .pdf 结尾：{Path(out).name}")
    if freeze:
        chair = get_profile(db).chair
        filed = filing_store.freeze(db, year, filed_by=by or chair, head=head or chair, reason=reason, check_reason=reason)
        yield f"已报送 {filed.filed_on}：{year} 年度基层工会统计年报（第 {filed.version} 版，填报人 {filed.filed_by}）。"
    else:
        table = filing.compute(db, year)
        for warning in table.warnings:
            yield f"注意：{warning}"
        for r in failing(run_checks(table.values)):
            yield f"校验未通过：{r.message}（{r.detail}）"
    if out is not None:
        data = filing_store.export_data(db, year)
        if Path(out).suffix.lower() == ".pdf":
            from models.org import get_setting
            from reports.filing_forms import build_filing

            build_filing(data, out, font_path=get_setting(db, "pdf_font_path") or "")
        else:
            from reports.filing_xlsx import write_filing

            write_filing(data, out)
        yield f"已导出 {year} 年度基层工会统计年报：{out}"
