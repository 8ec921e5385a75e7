"""厂务公开 forms in the registry: the year's register, a notice for the board, the
feedback register and the inspection records (CLI: print disclosure-ledger --year Y …)."""

from __future__ import annotations

from typing import Any, Callable

from sqlite_utils import Database

from models import clock


def _load(kind: str) -> Callable[[Database, Any, dict], dict]:
    def load(db: Database, ident: int, options: dict) -> dict:
        from models import disclosure as dc
        from models import disclosure_feedback as fb
        from models import disclosure_files as files
        from models import disclosure_schedule as sched
        from models.org import get_profile, get_setting
        from reports.disclosure_forms import timeliness_text

        org = get_profile(db)
        on = options.get("on") or clock.today_iso()
        data: dict = {"org": org, "font": get_setting(db, "pdf_font_path") or "", "on": on}
        if kind == "notice":
            item = dc.get_item(db, ident)
            rows = dc.register(db, int((item.disclosed_on or item.arose_on or item.period_end_date or on)[:4]), on="2100-12-31")
            period = next((r["period"] for r in rows if r["item"].id == ident), "") or sched.period_label(None, item.period_start_date, item.period_end_date)
            posted = f"{item.posted_days} 天" if item.posted_days else "长期公开"
            if item.posted_days and item.disclosed_on:
                import datetime as _dt

                until = _dt.date.fromisoformat(item.disclosed_on) + _dt.timedelta(days=item.posted_days - 1)
                posted += f"（至{until.year}年{until.month}月{until.day}日）"
            data["item"] = {
                "title": item.title, "category": dc.category_text(item), "period": period, "disclosed_on": item.disclosed_on,
                "posted": posted, "audience": dc.audience_text(item), "channels": dc.channel_text(item), "summary": item.summary,
                "contact": item.contact or (f"{org.union_name}（电话 {org.phone}）" if org.phone else org.union_name or "工会"),
                "issuer": f"{org.unit_name}厂务公开领导小组办公室" if org.unit_name else (org.union_name or "厂务公开领导小组办公室"),
            }
            data["attachments"] = [a["file_name"] for a in files.attachments(db, ident) if not a["voided_at"] and not a["replaced_by"]]
            return data
        data["year"] = ident
        if kind == "ledger":
            feedback: dict[int, list[str]] = {}
            for r in fb.feedback_list(db, year=None, on=on):
                if r["feedback"].item_id is not None:
                    feedback.setdefault(r["feedback"].item_id, []).append(r["state"])
            rows = []
            for r in dc.register(db, ident, on=on):
                i = r["item"]
                states = feedback.get(i.id, [])  # type: ignore[arg-type]
                said = f"反馈 {len(states)} 件，已办结 {states.count('closed')} 件" if states else "无"
                rows.append({
                    "disclosed_on": i.disclosed_on if i.disclosed_on and i.disclosed_on <= on else None, "title": i.title,
                    "category": dc.category_text(i), "period": r["period"], "summary": i.summary, "channels": dc.channel_text(i),
                    "audience": dc.audience_text(i), "responsible": "/".join(x for x in (i.department, i.person) if x),
                    "feedback": said, "timeliness": timeliness_text(r["state"], r["due_on"]),
                })
            data["rows"] = rows
            data["counts"] = dc.year_counts(db, ident)
            data["pending"] = [f"{o['title']}（{o['period_label']}，应于{o['due_on']}前）" for o in sched.due_now(db, on)
                               if o["period_end"][:4] == str(ident) and o["item_id"] is None and o["period_kind"] != "as_arises"]
        elif kind == "feedback":
            data["rows"] = fb.feedback_list(db, year=ident, on=on)
        else:
            data["rows"] = fb.inspections(db, year=ident, on=on)
        return data

    return load


def _build(kind: str) -> Callable[[Any, Any, dict], None]:
    def build(data: dict, out, options: dict) -> None:
        from reports import disclosure_forms as df

        {"ledger": df.build_ledger, "notice": df.build_notice, "feedback": df.build_feedback, "inspections": df.build_inspections}[kind](
            data, out, font_path=data["font"]
        )

    return build


def specs() -> list:
    from reports.registry import FormSpec

    def name_of(title: str, param: str) -> Callable[[Database, int], str]:
        def filename(db: Database, ident: int) -> str:
            if param == "item":
                from models.disclosure import get_item

                return f"厂务公开-{get_item(db, ident).title[:60]}.pdf"  # a file name has its limits
            return f"{ident}年度{title}.pdf"

        return filename

    table = [
        ("disclosure-ledger", "厂务公开登记台账", "year", "ledger"),
        ("disclosure-notice", "厂务公开栏公告", "item", "notice"),
        ("disclosure-feedback", "职工反馈意见登记表", "year", "feedback"),
        ("disclosure-inspections", "厂务公开监督检查记录表", "year", "inspections"),
    ]
    return [FormSpec(name, title, param, _load(kind), _build(kind), name_of(title, param)) for name, title, param, kind in table]
