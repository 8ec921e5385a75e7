"""Filing a year's table: a frozen snapshot per version, the differences with a fresh computation,
and the plain data the xlsx and PDF exports are drawn from.

A filed table is a statement on paper (docs/time-model.md, "frozen when stated"):
every row as filed (code, section, label, unit, kind, value), the manual entries,
the checks with the reasons given for failing ones, the day, who filed it and who
is responsible. Triggers refuse to change or delete it. Filing again makes a new
version, with its reason; the old versions stay readable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from models import audit, clock
from models.field_rules import check_column_text  # the filings columns' labels and rules are in field_rules
from models.filing import Table, Value, change, check_year, compute, display, manual_values, year_is_over
from models.filing_checks import CheckResult, failing, run_checks
from models.filing_form import BY_CODE, FORM_NAME, FORM_VERSION, INDICATORS, Indicator
from models.validation import ValidationError


@dataclass(frozen=True)
class Filed:
    """One filed version of a year's table."""

    id: int
    year: int
    version: int
    form: str
    reference_date: str
    filed_on: str
    filed_by: str
    head: str
    reason: str
    rows: list[list[Any]]  # [code, section, label, unit, kind, value] as filed
    manual: dict[str, Any]
    checks: list[dict[str, Any]]  # CheckResult fields and the reason given ("reason")
    created_at: str

    @property
    def values(self) -> dict[str, Value]:
        return {r[0]: r[5] for r in self.rows}


def _filed(row: dict) -> Filed:
    values = dict(row)
    for key in ("figures", "manual", "checks"):
        values[key] = json.loads(values[key])
    values["rows"] = values.pop("figures")
    return Filed(**values)


def versions(db: Database, year: int) -> list[Filed]:
    """Every filed version of a year, oldest first (none is ever deleted)."""
    return [_filed(r) for r in db.query("SELECT * FROM filings WHERE year = ? ORDER BY version", (year,))]


def latest(db: Database, year: int) -> Filed | None:
    rows = list(db.query("SELECT * FROM filings WHERE year = ? ORDER BY version DESC LIMIT 1", (year,)))
    return _filed(rows[0]) if rows else None


def freeze(
    db: Database,
    year: object,
    *,
    filed_by: str,
    head: str = "",
    reason: str = "",
    check_reason: str = "",
) -> Filed:
    """File the year's table as it computes now: a new version, frozen.

    Refused (ValidationError naming the field, nothing written): a year not over yet;
    no 填报人; a failing check without `check_reason`; a year already filed without
    `reason` (why it is filed again).
    """
    year = check_year(year)
    if not year_is_over(year):
        raise ValidationError("年度", f"{year} 年尚未结束（统计截止日 {year}-12-31），年末之后才能报送", key="year")
    filed_by = check_column_text("filings", "filed_by", filed_by, required=True)
    head = check_column_text("filings", "head", head)
    reason = check_column_text("filings", "reason", reason)
    check_reason = check_column_text("filings", "reason", check_reason, field="校验说明", key="check_reason")
    with db.atomic():
        before = latest(db, year)
        if before is not None and not reason:
            raise ValidationError(
                "重新报送原因", f"{year} 年已于 {before.filed_on} 报送（第 {before.version} 版）：重新报送须写明原因", key="reason"
            )
        table = compute(db, year)
        results = run_checks(table.values)
        bad = failing(results)
        if bad and not check_reason:
            names = "；".join(r.message for r in bad[:3])
            raise ValidationError("校验说明", f"有 {len(bad)} 项校验未通过（{names}）：须写明原因才能报送", key="check_reason")
        checks = [r.as_dict() | {"reason": check_reason if r.ok is False else ""} for r in results]
        rows = [[i.code, i.section, i.label, i.unit, table.kinds[i.code], table.values[i.code]] for i in INDICATORS]
        filing_id = audit.insert_row(
            db,
            "filings",
            {
                "year": year,
                "version": (before.version + 1) if before else 1,
                "form": FORM_VERSION,
                "reference_date": table.reference_date,
                "filed_on": clock.today_iso(),
                "filed_by": filed_by,
                "head": head,
                "reason": reason,
                "figures": json.dumps(rows, ensure_ascii=False),
                "manual": json.dumps(manual_values(db, year), ensure_ascii=False),
                "checks": json.dumps(checks, ensure_ascii=False),
                "created_at": audit.now(),
            },
        )
    return _filed(audit.get_row(db, "filings", filing_id))


@dataclass(frozen=True)
class Difference:
    code: str
    label: str
    filed: str
    now: str


def differences(filed: Filed, table: Table) -> list[Difference]:
    """Where a fresh computation differs from what was filed (a record corrected since)."""
    out = []
    now = table.values
    for code, _section, label, unit, _kind, value in filed.rows:
        ind = BY_CODE.get(code) or Indicator(code, "", label, unit, "computed")
        if code in now and now[code] != value:
            out.append(Difference(code, label, display(ind, value), display(ind, now[code])))
    return out


def version_differences(older: Filed, newer: Filed) -> list[Difference]:
    """What changed from one filed version to the next."""
    new_values = newer.values
    out = []
    for code, _section, label, unit, _kind, value in older.rows:
        ind = BY_CODE.get(code) or Indicator(code, "", label, unit, "computed")
        if code in new_values and new_values[code] != value:
            out.append(Difference(code, label, display(ind, value), display(ind, new_values[code])))
    return out


# ---------------------------------------------------------------- what the exports print

def _last_year_values(db: Database, year: int) -> dict[str, Value] | None:
    """Last year's figures as stated (its latest filing), else as they compute now."""
    try:
        last = check_year(year - 1)
    except ValidationError:
        return None
    filed = latest(db, last)
    return filed.values if filed else compute(db, last).values


def export_data(db: Database, year: object) -> dict[str, Any]:
    """Everything the paper table shows, as plain data for reports/filing_*.py.

    A filed year prints what was filed (its latest version); one not filed prints the
    table as it computes now, marked 未报送. Last year is what it filed, if it did."""
    from models.org import get_profile

    year = check_year(year)
    filed = latest(db, year)
    table = compute(db, year)
    values = filed.values if filed else table.values
    checks = filed.checks if filed else [r.as_dict() | {"reason": ""} for r in run_checks(values)]
    last = _last_year_values(db, year)
    rows, comparison = [], []
    for ind in INDICATORS:
        value = values.get(ind.code)
        rows.append({"code": ind.code, "section": ind.section, "label": ind.label, "unit": ind.unit, "value": display(ind, value)})
        if ind.kind != "profile":
            before = last.get(ind.code) if last else None
            comparison.append(
                {"code": ind.code, "section": ind.section, "label": ind.label, "unit": ind.unit, "this": display(ind, value),
                 "last": display(ind, before), "change": change(ind, value, before)}
            )
    profile = get_profile(db, on=table.reference_date)
    return {
        "form": FORM_NAME,
        "form_version": FORM_VERSION,
        "year": year,
        "reference_date": table.reference_date,
        "union_name": profile.union_name,
        "credit_code": profile.credit_code,
        "chair": profile.chair,
        "filed": None if filed is None else {"version": filed.version, "filed_on": filed.filed_on, "filed_by": filed.filed_by, "head": filed.head},
        "rows": rows,
        "comparison": comparison,
        "checks": checks,
        "warnings": [] if filed else table.warnings,
        "values": {k: v for k, v in values.items()},
    }


def check_results(table: Table) -> list[CheckResult]:
    return run_checks(table.values)
