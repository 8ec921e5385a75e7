"""What a filing .xlsx says about itself: the hidden sheet 说明 that a consolidation reads.

The visible table (sheet 年报) is for people; an upper-level union's consolidation
(models.consolidate) reads the figures by indicator code from the hidden sheet
instead of by cell position, so a reworded label or a new row in next year's form
does not shift what is read. The sheet holds, as key/value rows:

    form, form_version   the form (models.filing_form.FORM_NAME / FORM_VERSION)
    year, credit_code, union_name, filed_version
    format               FORMAT: the mark that this file is our filing export
    program, program_version   who wrote it (models.version.VERSION)
    confidential         a 内部资料 mark, if the filing carries one
    digest               a SHA-256 over everything above and every value

then a "code | value" header and one row per indicator (money in fen, 是/否 as 1/0,
blank for a figure not entered). The digest is no seal (anyone can recompute it):
it tells a file whose hidden data was edited by hand from one as exported.

Kept apart from reports/filing_xlsx.py (written through reports/xlsx_writer.py) so any
writer of the filing writes the same rows, and the reader checks them here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from models.filing_form import FORM_NAME, FORM_VERSION
from models.version import APP_TITLE, VERSION

FORMAT = "union-ledger-filing"
DATA_SHEET = "说明"
TABLE_SHEET = "年报"
HEAD_KEYS = ("form", "form_version", "year", "credit_code", "union_name", "filed_version",
             "format", "program", "program_version", "confidential")
VALUES_HEADER = ("code", "value")

Value = int | str | None


def clean(value: object) -> Value:
    """A cell as the data means it: '' → None, 3.0 → 3 (calamine reads numbers as float), text as text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value)
    if isinstance(value, int):
        return value
    return str(value)


def digest(head: Mapping[str, Value], values: Iterable[tuple[str, Value]]) -> str:
    body = {"head": {k: head.get(k) for k in HEAD_KEYS}, "values": [[c, v] for c, v in values]}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def marker_rows(data: Mapping[str, Any]) -> list[list[Any]]:
    """The rows of the hidden sheet for a filing's export data (models.filing_store.export_data)."""
    head: dict[str, Value] = {
        "form": data["form"],
        "form_version": data["form_version"],
        "year": data["year"],
        "credit_code": data["credit_code"],
        "union_name": data["union_name"],
        "filed_version": (data["filed"] or {}).get("version"),
        "format": FORMAT,
        "program": APP_TITLE,
        "program_version": VERSION,
        "confidential": data.get("confidential") or None,
    }
    head = {k: clean(v) for k, v in head.items()}
    values = [(code, clean(value)) for code, value in data["values"].items()]
    rows: list[list[Any]] = [[k, "" if v is None else v] for k, v in head.items()]
    rows.append(["digest", digest(head, values)])
    rows.append([])
    rows.append(list(VALUES_HEADER))
    rows.extend([code, "" if value is None else value] for code, value in values)
    return rows


class NotOurs(Exception):
    """The sheet is not our filing's data; the message (Chinese) says why."""


@dataclass
class Marker:
    """The hidden sheet as read back."""

    head: dict[str, Value]
    values: dict[str, Value] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # the codes in the file's order
    digest_ok: bool = False

    def __getitem__(self, key: str) -> Value:
        return self.head.get(key)


def read_marker(rows: list[list[object]]) -> Marker:
    """The hidden sheet's rows (as calamine gives them) → Marker; NotOurs when it is not ours."""
    head: dict[str, Value] = {}
    stated_digest: Value = None
    marker = Marker(head)
    in_values = False
    for row in rows:
        cells = [clean(c) for c in row[:2]] + [None] * (2 - len(row[:2]))
        key, value = cells
        if key is None:
            continue
        if not in_values:
            if (key, value) == VALUES_HEADER:
                in_values = True
            elif key == "digest":
                stated_digest = value
            elif isinstance(key, str):
                head[key] = value
            continue
        code = str(key)
        if code in marker.values:
            raise NotOurs(f"年报数据中指标代码“{code}”出现了两次，文件可能被改动过")
        marker.values[code] = value
        marker.order.append(code)
    if head.get("format") != FORMAT or head.get("form") != FORM_NAME:
        if head.get("form") == FORM_NAME:
            raise NotOurs("由较早版本的工会台账导出，缺少汇总所需的标记，请用新版本重新导出")
        raise NotOurs("不是工会台账导出的基层工会统计年报")
    if not in_values:
        raise NotOurs("年报数据不完整（缺少指标数值），文件可能被改动过")
    marker.digest_ok = stated_digest == digest(head, [(c, marker.values[c]) for c in marker.order])
    return marker


def version_tuple(text: Value) -> tuple[int, ...] | None:
    """'2026.1' → (2026, 1); '0.1.0' → (0, 1, 0); None when it is not a dotted number."""
    if not isinstance(text, (str, int)) or not re.fullmatch(r"\d+(\.\d+)*", str(text)):
        return None
    return tuple(int(p) for p in str(text).split("."))


def newer_than_ours(marker: Marker) -> str:
    """Why this program cannot read the file ('' when it can): a newer form or program wrote it."""
    form, program = version_tuple(marker["form_version"]), version_tuple(marker["program_version"])
    if form is None or program is None:
        return "文件中的版本信息无法识别，不是本程序导出的年报格式"
    if form > version_tuple(FORM_VERSION):  # type: ignore[operator]
        return f"年报格式为 {marker['form_version']} 版，比本程序所知的 {FORM_VERSION} 版新：请升级工会台账后再汇总"
    if program > version_tuple(VERSION):  # type: ignore[operator]
        return f"由较新版本的工会台账（{marker['program_version']}）导出，本程序为 {VERSION}：请升级工会台账后再汇总"
    return ""
