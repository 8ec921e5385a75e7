"""The yearly filing (基层工会统计年报) in the print registry: the 报表 page's 打印… previews it like
every other form, and the CLI prints it with `print filing --year Y` (the same PDF as `filing -o F.pdf`)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def _load(db: Database, year: int, options: dict) -> dict:
    from models import filing_store
    from models.org import get_setting

    return {"data": filing_store.export_data(db, year), "font": get_setting(db, "pdf_font_path") or ""}


def _build(data: dict, out: Any, options: dict) -> None:
    from reports.filing_forms import build_filing

    build_filing(data["data"], out, font_path=data["font"])


def specs() -> list:
    from reports.registry import FormSpec

    return [FormSpec("filing", "基层工会统计年报", "year", _load, _build, lambda db, year: f"{year}年度基层工会统计年报.pdf")]
