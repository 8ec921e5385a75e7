"""Every printable form by name: its title, the record it needs, how to load and build it.

The CLI `print NAME --PARAM ID -o FILE.pdf` and the GUI's print actions both go
through render(), so a form added here is printable everywhere.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from sqlite_utils import Database


@dataclass(frozen=True)
class FormSpec:
    name: str
    title: str
    param: str | None  # the id the form needs: "member", "session", … (None: whole database)
    load: Callable[[Database, Any, dict], Any]  # (db, ident, options) → plain data
    build: Callable[[Any, Any, dict], None]  # (data, out path or file, options)
    filename: Callable[[Database, Any], str] | None = None  # (db, ident) → a Chinese file name
    maskable: bool = False  # offers --mask-id


# ---------------------------------------------------------------- members

def _font(db: Database) -> str:
    from models.org import get_setting

    return get_setting(db, "pdf_font_path") or ""


def _load_member_form(db: Database, ident: int, options: dict) -> dict:
    from models import members, membership
    from models.org import get_profile

    return {
        "org": get_profile(db),
        "member": members.get_member(db, ident),
        "events": membership.events(db, ident),
        "font": _font(db),
    }


def _build_member_form(data: dict, out, options: dict) -> None:
    from reports.member_forms import build_member_form

    build_member_form(data["org"], data["member"], data["events"], out, font_path=data["font"])


def _load_roster(db: Database, ident: None, options: dict) -> dict:
    from models.member_list import MemberFilter, iter_members
    from models.org import get_profile
    from reports.member_forms import ROSTER_KEYS

    f = options.get("filter") or MemberFilter(status=options.get("status"))
    rows = list(iter_members(db, f, ["id", *ROSTER_KEYS]))
    return {"org": get_profile(db), "rows": rows, "font": _font(db)}


def _build_roster(data: dict, out, options: dict) -> None:
    from reports.member_forms import build_roster

    build_roster(
        data["org"], data["rows"], out, mask_id=bool(options.get("mask_id")), font_path=data["font"],
        progress=options.get("progress"), total=len(data["rows"]),
    )


def _member_name(db: Database, ident: int) -> str:
    from models.members import get_member

    return get_member(db, ident).name


FORMS: dict[str, FormSpec] = {}


def register(*specs: FormSpec) -> None:
    for spec in specs:
        FORMS[spec.name] = spec


register(
    FormSpec("member-form", "会员登记表", "member", _load_member_form, _build_member_form, lambda db, i: f"会员登记表-{_member_name(db, i)}.pdf"),
    FormSpec("roster", "会员花名册", None, _load_roster, _build_roster, lambda db, i: f"会员花名册-{_dt.date.today().isoformat()}.pdf", maskable=True),
)


def render(db: Database, name: str, out_path: str | os.PathLike, *, ident: int | None = None, **options: Any) -> Path:
    """Build form `name` for record `ident` into `out_path` (written whole or not at all)."""
    spec = FORMS[name]
    if spec.param and ident is None:
        raise ValueError(f"form {name} needs --{spec.param}")
    data = spec.load(db, ident, options)
    spec.build(data, str(out_path), options)
    return Path(out_path)


def suggested_filename(db: Database, name: str, ident: int | None = None) -> str:
    """A Chinese file name to offer in the save dialog."""
    spec = FORMS[name]
    if spec.filename is None:
        return f"{spec.title}.pdf"
    try:
        return _safe(spec.filename(db, ident))
    except Exception:
        return f"{spec.title}.pdf"


def _safe(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)
