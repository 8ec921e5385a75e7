"""Filing exports of many unions, for the consolidation tests and the bench.

One real ledger's export data (models.filing_store.export_data) is varied per copy:
another union name and credit code, and every count scaled, and written by our own
exporter (reports/filing_xlsx.write_filing), so each copy is a file as a grassroots
union would send it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from models.filing import display
from models.filing_form import BY_CODE, YES_NO


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码, different for each n (stdnum computes the check character)."""
    from stdnum.cn import uscc

    body = f"91410100{n:09d}"
    return body + uscc.calc_check_digit(body)


def varied(data: dict[str, Any], n: int, **values: Any) -> dict[str, Any]:
    """A copy of export data as union number n would have it: its own name and credit code,
    counts and money multiplied by (n % 7 + 1), and any `values` given by code."""
    out = copy.deepcopy(data)
    factor = n % 7 + 1
    out["union_name"] = f"第{n}示例公司工会委员会"
    out["credit_code"] = credit_code(n)
    new = dict(out["values"])
    new["unit_name"], new["credit_code"] = f"第{n}示例公司", out["credit_code"]
    for code, value in new.items():
        ind = BY_CODE.get(code)
        if ind is not None and ind.unit not in ("", YES_NO) and isinstance(value, int):
            new[code] = value * factor
    new.update(values)
    out["values"] = new
    for row in out["rows"]:
        ind = BY_CODE[row["code"]]
        row["value"] = display(ind, new.get(row["code"]))
    return out


def write_copies(data: dict[str, Any], folder: Path, count: int, start: int = 1) -> list[Path]:
    from reports.filing_xlsx import write_filing

    folder.mkdir(parents=True, exist_ok=True)
    return [write_filing(varied(data, n), folder / f"{n:04d}-年报.xlsx") for n in range(start, start + count)]
