"""Every printable form by name: its title, the record it needs, how to load and build it.

The CLI `print NAME --PARAM ID -o FILE.pdf` and the GUI's print actions both go
through render(), so a form added here is printable everywhere.
"""

from __future__ import annotations

import os
from models import clock
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

    from models.codes import MEMBER_STATUS
    from reports.member_forms import describe_filter

    f = options.get("filter") or MemberFilter(status=options.get("status"), department=options.get("department") or None)
    rows = list(iter_members(db, f, ["id", *ROSTER_KEYS]))
    scope = describe_filter(MEMBER_STATUS.label(f.status) if f.status else "", f.department or "", f.text or "")
    if getattr(f, "voided", False):
        scope = "范围：已作废的会员（误录）" + (f"，{scope}" if scope else "")
    return {"org": get_profile(db), "rows": rows, "font": _font(db), "scope": scope}


def _build_roster(data: dict, out, options: dict) -> None:
    from reports.member_forms import build_roster

    build_roster(
        data["org"], data["rows"], out, mask_id=bool(options.get("mask_id")), font_path=data["font"], scope=data.get("scope", ""),
        progress=options.get("progress"), total=len(data["rows"]),
    )


def _load_member_forms(db: Database, ident: None, options: dict) -> dict:
    from models import members, membership
    from models.org import get_profile

    ids = list(options.get("members") or [])
    if not ids:
        raise ValueError("form member-forms needs the members (--members ID,ID,…)")
    # Read one at a time as the PDF is drawn: 3,000 登记表 need not sit in memory together.
    items = ((members.get_member(db, i), membership.events(db, i)) for i in ids)
    return {"org": get_profile(db), "items": items, "count": len(ids), "font": _font(db)}


def _build_member_forms(data: dict, out, options: dict) -> None:
    from reports.member_forms import build_member_forms

    build_member_forms(data["org"], data["items"], out, font_path=data["font"], progress=options.get("progress"), total=data["count"])


def _member_name(db: Database, ident: int) -> str:
    from models.members import get_member

    return get_member(db, ident).name


FORMS: dict[str, FormSpec] = {}


def register(*specs: FormSpec) -> None:
    for spec in specs:
        FORMS[spec.name] = spec


register(
    FormSpec("member-form", "会员登记表", "member", _load_member_form, _build_member_form, lambda db, i: f"会员登记表-{_member_name(db, i)}.pdf"),
    FormSpec("member-forms", "会员登记表（批量）", None, _load_member_forms, _build_member_forms, lambda db, i: f"会员登记表-批量-{clock.today_iso()}.pdf"),
    FormSpec("roster", "会员花名册", None, _load_roster, _build_roster, lambda db, i: f"会员花名册-{clock.today_iso()}.pdf", maskable=True),
)


def _load_unpaid(db: Database, ident: None, options: dict) -> dict:
    from models.dues import unpaid_list
    from models.org import get_profile

    if not options.get("period"):
        raise ValueError("form dues-unpaid needs --month")
    data = unpaid_list(db, options["period"], options.get("last") or None, options.get("department") or None)
    return {"org": get_profile(db), "font": _font(db), "list": data}


def _build_unpaid(data: dict, out, options: dict) -> None:
    from reports.dues_forms import build_unpaid

    build_unpaid(data["org"], data["list"], out, font_path=data["font"])


register(FormSpec("dues-unpaid", "未缴会费名单", None, _load_unpaid, _build_unpaid, lambda db, i: f"未缴会费名单-{clock.today_iso()}.pdf"))


# ---------------------------------------------------------------- worker congress

def _session_title(db: Database, session_id: int) -> str:
    from models.congress import full_session_name

    return full_session_name(db, session_id)


def _congress_loader(kind: str) -> Callable[[Database, Any, dict], dict]:
    def load(db: Database, ident: int, options: dict) -> dict:
        from models import congress, congress_meeting, minutes, proposals
        from models.org import get_profile

        data: dict = {"org": get_profile(db), "font": _font(db)}
        if kind == "minutes":
            data["minutes"] = minutes.minutes(db, ident)
        elif kind in ("signin", "ballots", "resolutions", "proposals"):
            s = congress.get_session(db, ident)
            data |= {"title": _session_title(db, ident), "date": s.date, "place": s.place}
            if kind == "signin":
                data["delegates"] = congress.session_delegates(db, ident)
            elif kind == "ballots":
                items = [
                    {"title": r.title, "kind": r.kind, "seats": r.seats, "candidates": [c.name for c in r.candidates], "secret": r.is_secret}
                    for r in congress_meeting.resolutions(db, ident)
                ]
                data |= {"items": items or [{"title": "（本次会议尚未设置表决事项）"}], "copies": len(congress.session_delegates(db, ident)),
                         "term": congress.get_term(db, s.term_id).name}
            elif kind == "resolutions":
                from models.congress_resolutions import resolutions_doc

                data["doc"] = resolutions_doc(db, ident)
            else:
                data["summary"] = proposals.summary(db, ident)
        elif kind == "proposal":
            p = proposals.get_proposal(db, ident)
            proposer = congress.get_delegate(db, p.proposer_id)
            data |= {"proposal": p, "title": _session_title(db, p.session_id), "proposer": proposer.name,
                     "group": proposer.group_name, "cosigners": proposals.cosigner_names(db, ident)}
        elif kind == "delegates":
            t = congress.get_term(db, ident)
            from models.congress_roster import roster

            data |= {"title": t.name, "quota": t.delegate_quota, "delegates": congress.delegates(db, ident, include_ended=True)}
            data |= roster(db, ident)
        return data

    return load


def _congress_builder(kind: str) -> Callable[[Any, Any, dict], None]:
    def build(data: dict, out, options: dict) -> None:
        from reports import congress_forms as cf

        if kind == "minutes":
            cf.build_minutes(data["minutes"], out, font_path=data["font"])
            return
        builder = {
            "signin": cf.build_signin,
            "ballots": cf.build_ballots,
            "resolutions": cf.build_resolutions,
            "proposal": cf.build_proposal,
            "proposals": cf.build_proposal_summary,
            "delegates": cf.build_delegates,
        }[kind]
        builder(data, out, font_path=data["font"])

    return build


def _congress(name: str, title: str, param: str, kind: str) -> FormSpec:
    def filename(db: Database, ident: int) -> str:
        if kind == "minutes":
            from models.minutes import minutes_title

            return f"{minutes_title(_session_title(db, ident))}.pdf"
        if param == "session":
            return f"{_session_title(db, ident)}{title}.pdf"
        if param == "term":
            from models.congress import get_term

            return f"{get_term(db, ident).name}{title}.pdf"
        from models.proposals import get_proposal

        return f"提案表-{get_proposal(db, ident).number}.pdf"

    return FormSpec(name, title, param, _congress_loader(kind), _congress_builder(kind), filename)


register(
    _congress("minutes", "会议记录", "session", "minutes"),
    _congress("signin", "签到表", "session", "signin"),
    _congress("ballots", "表决票", "session", "ballots"),
    _congress("resolutions", "决议", "session", "resolutions"),
    _congress("proposal", "提案表", "proposal", "proposal"),
    _congress("proposals", "提案处理情况汇总表", "session", "proposals"),
    _congress("delegates", "职工代表名册", "term", "delegates"),
)


# ---------------------------------------------------------------- difficult-worker aid

def _aid_loader(kind: str) -> Callable[[Database, Any, dict], dict]:
    def load(db: Database, ident: int, options: dict) -> dict:
        from models import aid, aid_paper, codes
        from models import aid_payments as ap
        from models.org import get_profile

        data: dict = {"org": get_profile(db), "font": _font(db)}
        if kind == "file":
            data |= {"case": aid.get_case(db, ident), "assessment": aid.assess(db, ident), "household": aid.household_members(db, ident),
                     "facts": aid_paper.case_facts(db, ident), "identity": aid_paper.worker_identity(db, ident)}
        elif kind == "approval":
            payment = ap.get_payment(db, ident)
            then = aid.case_as_of(db, payment.case_id, payment.date)  # the tier on the day of payment, not today's
            apply = aid_paper.case_facts(db, payment.case_id)["apply"]
            data |= {"payment": payment, "case": aid.get_case(db, payment.case_id), "applied_on": apply["date"] if apply else None}
            if then is not None and then.tier:
                data["tier"] = then.tier
        elif kind == "application":  # before any money: from the file, approval boxes empty
            apply = aid_paper.case_facts(db, ident)["apply"]
            data |= {"payment": None, "case": aid.get_case(db, ident), "applied_on": apply["date"] if apply else None}
        elif kind in ("receipts", "notice"):
            data["round"] = ap.get_round(db, ident)
            data["rows"] = ap.round_rows(db, ident) if kind == "receipts" else ap.notice_rows(db, ident, show_id=not options.get("hide_id"))
        elif kind == "payment-receipt":  # aid recorded on its own, outside any round
            row = aid_paper.payment_receipt_row(db, ident)
            data |= {"round": {"id": None, "name": "", "aid_type": row["aid_type"], "date": row["date"]}, "rows": [row],
                     "payment": {"voided_at": row["voided_at"], "void_reason": row["void_reason"]}}
        elif kind == "case-notice":
            case = aid.get_case(db, ident)
            notice = aid_paper.case_facts(db, ident)["notice"]
            data["notice"] = {
                "start": notice["date"] if notice else None,
                "end": notice["end_date"] if notice else None,
                "rows": [{"name": ap.mask_name(case.worker_name), "department": case.department,
                          "tier": codes.AID_TIER.label(case.tier) if case.tier else "待定"}],
            }
        else:
            data |= {"totals": ap.totals(db, ident), "files": ap.file_counts(db, ident)}
        return data

    return load


def _aid_builder(kind: str) -> Callable[[Any, Any, dict], None]:
    def build(data: dict, out, options: dict) -> None:
        from reports import aid_forms as af
        from reports import aid_round_forms as arf

        builder = {"file": af.build_case_file, "approval": af.build_approval, "application": af.build_approval,
                   "receipts": arf.build_receipts, "payment-receipt": arf.build_receipts, "notice": arf.build_notice,
                   "case-notice": arf.build_case_notice, "summary": arf.build_summary}[kind]
        builder(data, out, font_path=data["font"])

    return build


def _aid(name: str, title: str, param: str, kind: str) -> FormSpec:
    def filename(db: Database, ident: int) -> str:
        if param == "round":
            from models.aid_payments import get_round

            r = get_round(db, ident)
            return f"{r['name']}{title}-{r['date']}-批次{ident}.pdf"  # two rounds of one name get two files
        if param == "year":
            return f"{ident}年度帮扶情况汇总表.pdf"
        if param == "case":
            from models.aid import get_case

            return f"{title}-{get_case(db, ident).file_no}.pdf"  # no name in the file name: it is sensitive
        return f"{title}-{ident}.pdf"

    return FormSpec(name, title, param, _aid_loader(kind), _aid_builder(kind), filename)


register(
    _aid("aid-file", "困难职工档案登记表", "case", "file"),
    _aid("aid-approval", "帮扶救助申请审批表", "aid", "approval"),
    _aid("aid-application", "帮扶救助申请审批表（申请用）", "case", "application"),
    _aid("aid-receipts", "救助金发放签收表", "round", "receipts"),
    _aid("aid-payment-receipt", "救助金发放签收表（单笔）", "aid", "payment-receipt"),
    _aid("aid-notice", "公示名单", "round", "notice"),
    _aid("aid-case-notice", "困难职工建档公示", "case", "case-notice"),
    _aid("aid-summary", "年度帮扶情况汇总表", "year", "summary"),
)


# ---------------------------------------------------------------- factory-affairs disclosure

def _disclosure_forms() -> None:
    from reports.registry_disclosure import specs

    register(*specs())


_disclosure_forms()


import reports.registry_innovation  # noqa: E402,F401  (registers the innovation project forms)

from reports.registry_filing import specs as _filing_specs  # noqa: E402

register(*_filing_specs())


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
