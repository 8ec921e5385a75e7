"""Workers' feedback on disclosures (职工反馈) and the supervision group's checks (监督检查).

Feedback is registered (date, channel, who, what), answered (who answered, the reply,
the date) and closed; it is never closed without a reply. An inspection records what
was checked (真实 / 完整 / 及时 / 程序) and what was found; a finding comes with the
rectification required and the date it is due, and later the day it was done. Both
are read as of a day (open feedback, rectifications outstanding then) and voided
with a reason, never deleted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sqlite_utils import Database

from models import audit, clock, codes
from models import disclosure_fields  # noqa: F401  (labels and text rules of these tables)
from models.field_rules import check_column_text
from models.validation import ValidationError, check_choice, check_count, parse_date

FEEDBACK_STATE = {"open": "待答复", "replied": "已答复未办结", "closed": "已办结"}
INSPECTION_STATE = {"clean": "未发现问题", "rectifying": "整改中", "overdue": "整改逾期", "rectified": "已整改"}


def _date(label: str, key: str, value: object, *, required: bool = False, allow_future: bool = False) -> str | None:
    text = parse_date(label, value, key=key, allow_future=allow_future)
    if required and not text:
        raise ValidationError(label, "不能为空", key=key)
    return text or None


def _item_ref(db: Database, item_id: object) -> int | None:
    if item_id is None:
        return None
    disclosure_fields.existing_row(db, "disclosure_items", item_id, "相关公开事项", "item_id")
    return item_id  # type: ignore[return-value]


def _year(year: object) -> tuple[str, str]:
    y = check_count("年度", year, key="year", minimum=1949, maximum=2100)
    return f"{y}-01-01", f"{y}-12-31"


# ---------------------------------------------------------------- feedback

@dataclass
class Feedback:
    received_on: str
    channel: str
    content: str
    item_id: int | None = None
    person: str = ""  # may be left empty: anonymous
    department: str = ""
    answered_by: str = ""
    reply: str = ""
    replied_on: str | None = None
    closed_on: str | None = None
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None
    created_at: str = field(default="", compare=False)


def add_feedback(db: Database, fb: Feedback) -> int:
    """Register feedback as received (open). A reply given at once goes through answer_feedback."""
    received = _date("反馈日期", "received_on", fb.received_on, required=True)
    if not isinstance(fb.channel, str) or fb.channel not in codes.FEEDBACK_CHANNEL:
        raise ValidationError("反馈渠道", "请选择反馈渠道", key="channel")
    content = check_column_text("disclosure_feedback", "content", fb.content, required=True)
    person = check_column_text("disclosure_feedback", "person", fb.person)
    department = check_column_text("disclosure_feedback", "department", fb.department)
    with db.atomic():
        item_id = _item_ref(db, fb.item_id)
        values = {"item_id": item_id, "received_on": received, "channel": fb.channel, "person": person, "department": department,
                  "content": content, "created_at": audit.now()}
        return audit.insert_row(db, "disclosure_feedback", values)


def answer_feedback(db: Database, feedback_id: int, *, reply: str, answered_by: str, replied_on: str, closed_on: str | None = None) -> None:
    """The reply (who, what, when); with closed_on the feedback is closed on that day too."""
    reply = check_column_text("disclosure_feedback", "reply", reply, required=True)
    answered_by = check_column_text("disclosure_feedback", "answered_by", answered_by, required=True)
    replied = _date("答复日期", "replied_on", replied_on, required=True)
    closed = _date("办结日期", "closed_on", closed_on)
    with db.atomic():
        row = _open_row(db, feedback_id)
        if replied < row["received_on"]:  # type: ignore[operator]
            raise ValidationError("答复日期", f"早于反馈日期（{row['received_on']}）", key="replied_on")
        if closed and closed < replied:  # type: ignore[operator]
            raise ValidationError("办结日期", f"早于答复日期（{replied}）", key="closed_on")
        audit.update_row(db, "disclosure_feedback", feedback_id, {"reply": reply, "answered_by": answered_by, "replied_on": replied, "closed_on": closed})


def close_feedback(db: Database, feedback_id: int, closed_on: str) -> None:
    """Close answered feedback; feedback without a reply cannot be closed."""
    closed = _date("办结日期", "closed_on", closed_on, required=True)
    with db.atomic():
        row = _open_row(db, feedback_id)
        if not row["reply"]:
            raise ValidationError("答复内容", "尚未答复，不能办结：请先填写答复内容、答复人和答复日期", key="reply")
        if closed < row["replied_on"]:  # type: ignore[operator]
            raise ValidationError("办结日期", f"早于答复日期（{row['replied_on']}）", key="closed_on")
        audit.update_row(db, "disclosure_feedback", feedback_id, {"closed_on": closed})


def _open_row(db: Database, feedback_id: int) -> dict:
    row = audit.get_row(db, "disclosure_feedback", feedback_id)
    if row["voided_at"]:
        raise ValidationError("职工反馈", "已作废，不能办理")
    if row["closed_on"]:
        raise ValidationError("职工反馈", f"已于 {row['closed_on']} 办结")
    return row


def void_feedback(db: Database, feedback_id: int, reason: str) -> None:
    audit.void_row(db, "disclosure_feedback", feedback_id, reason)


def feedback_state(fb: Feedback, on: str) -> str:
    if fb.closed_on and fb.closed_on <= on:
        return "closed"
    if fb.replied_on and fb.replied_on <= on:
        return "replied"
    return "open"


def _feedback(r: dict) -> Feedback:
    return Feedback(**{k: r[k] for k in Feedback.__dataclass_fields__})


def get_feedback(db: Database, feedback_id: int) -> Feedback:
    return _feedback(audit.get_row(db, "disclosure_feedback", feedback_id))


def feedback_list(
    db: Database, *, year: int | None = None, item_id: int | None = None, open_only: bool = False, on: str | None = None, include_void: bool = False
) -> list[dict]:
    """Feedback received by `on` (default today): of a year, of an item, or still open then.
    Each row: feedback, state (open / replied / closed as of `on`), item_title."""
    on = parse_date("截至日期", on, key="on", allow_future=True) if on else clock.today_iso()
    where, params = ["f.received_on <= ?"], [on]
    if year is not None:
        where.append("f.received_on BETWEEN ? AND ?")
        params += list(_year(year))
    if item_id is not None:
        where.append("f.item_id = ?")
        params.append(item_id)
    if not include_void:
        where.append("f.voided_at IS NULL")
    out = []
    for r in db.query(
        f"SELECT f.*, i.title AS item_title FROM disclosure_feedback f LEFT JOIN disclosure_items i ON i.id = f.item_id "
        f"WHERE {' AND '.join(where)} ORDER BY f.received_on, f.id",
        params,
    ):
        fb = _feedback(r)
        state = feedback_state(fb, on)
        if open_only and state == "closed":
            continue
        out.append({"feedback": fb, "state": state, "item_title": r["item_title"] or ""})
    return out


# ---------------------------------------------------------------- supervision

@dataclass
class Inspection:
    date: str
    inspectors: str
    aspects: list[str]
    scope: str = ""
    findings: str = ""  # empty: nothing found
    rectification: str = ""
    rectify_due_on: str | None = None
    rectified_on: str | None = None
    rectify_note: str = ""
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None
    created_at: str = field(default="", compare=False)


def _aspects(value: object) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise ValidationError("检查项目", "应为所选项目的列表", key="aspects")
    for a in value:
        check_choice("检查项目", a, codes.INSPECTION_ASPECT, key="aspects")
    chosen = [a for a in codes.INSPECTION_ASPECT.codes() if a in value]
    if not chosen:
        raise ValidationError("检查项目", "请至少选择一项（真实、完整、及时、程序）", key="aspects")
    return chosen


def _validate_inspection(x: Inspection) -> Inspection:
    x = Inspection(**asdict(x))
    x.date = _date("检查日期", "date", x.date, required=True)  # type: ignore[assignment]
    x.inspectors = check_column_text("disclosure_inspections", "inspectors", x.inspectors, required=True)
    x.aspects = _aspects(x.aspects)
    for key in ("scope", "findings", "rectification", "rectify_note"):
        setattr(x, key, check_column_text("disclosure_inspections", key, getattr(x, key)))
    x.rectify_due_on = _date("整改期限", "rectify_due_on", x.rectify_due_on, allow_future=True)
    x.rectified_on = _date("整改完成日期", "rectified_on", x.rectified_on)
    if x.findings.strip():
        if not x.rectification.strip():
            raise ValidationError("整改要求", "发现了问题，请写明整改要求", key="rectification")
        if not x.rectify_due_on:
            raise ValidationError("整改期限", "发现了问题，请填写整改期限", key="rectify_due_on")
        if x.rectify_due_on < x.date:
            raise ValidationError("整改期限", f"早于检查日期（{x.date}）", key="rectify_due_on")
    elif x.rectification.strip() or x.rectify_due_on or x.rectified_on:
        raise ValidationError("发现的问题", "填写了整改要求或期限，请写明发现的问题", key="findings")
    if x.rectified_on and x.rectified_on < x.date:
        raise ValidationError("整改完成日期", f"早于检查日期（{x.date}）", key="rectified_on")
    return x


_INSPECTION_COLUMNS = ["date", "inspectors", "aspects", "scope", "findings", "rectification", "rectify_due_on", "rectified_on", "rectify_note"]


def _inspection_values(x: Inspection) -> dict:
    return {k: getattr(x, k) for k in _INSPECTION_COLUMNS} | {"aspects": json.dumps(x.aspects, ensure_ascii=False)}


def add_inspection(db: Database, inspection: Inspection) -> int:
    x = _validate_inspection(inspection)
    with db.atomic():
        return audit.insert_row(db, "disclosure_inspections", _inspection_values(x) | {"created_at": audit.now()})


def update_inspection(db: Database, inspection: Inspection) -> bool:
    if inspection.id is None:
        raise ValueError("needs an id")
    x = _validate_inspection(inspection)
    with db.atomic():
        if get_inspection(db, x.id).voided_at:  # type: ignore[arg-type]
            raise ValidationError("监督检查记录", "已作废，不能修改")
        return audit.update_row(db, "disclosure_inspections", x.id, _inspection_values(x))  # type: ignore[arg-type]


def record_rectified(db: Database, inspection_id: int, rectified_on: str, note: str = "") -> None:
    """The rectification was done on `rectified_on` (and how)."""
    done = _date("整改完成日期", "rectified_on", rectified_on, required=True)
    note = check_column_text("disclosure_inspections", "rectify_note", note)
    with db.atomic():
        x = get_inspection(db, inspection_id)
        if x.voided_at:
            raise ValidationError("监督检查记录", "已作废，不能办理")
        if not x.findings:
            raise ValidationError("整改完成日期", "本次检查未发现问题，无需整改", key="rectified_on")
        if x.rectified_on:
            raise ValidationError("整改完成日期", f"已于 {x.rectified_on} 整改完成", key="rectified_on")
        if done < x.date:  # type: ignore[operator]
            raise ValidationError("整改完成日期", f"早于检查日期（{x.date}）", key="rectified_on")
        audit.update_row(db, "disclosure_inspections", inspection_id, {"rectified_on": done, "rectify_note": note})


def void_inspection(db: Database, inspection_id: int, reason: str) -> None:
    audit.void_row(db, "disclosure_inspections", inspection_id, reason)


def inspection_state(x: Inspection, on: str) -> str:
    if not x.findings:
        return "clean"
    if x.rectified_on and x.rectified_on <= on:
        return "rectified"
    return "overdue" if x.rectify_due_on and x.rectify_due_on < on else "rectifying"


def _inspection(r: dict) -> Inspection:
    data = {k: r[k] for k in Inspection.__dataclass_fields__}
    data["aspects"] = json.loads(r["aspects"] or "[]")
    return Inspection(**data)


def get_inspection(db: Database, inspection_id: int) -> Inspection:
    return _inspection(audit.get_row(db, "disclosure_inspections", inspection_id))


def inspections(db: Database, *, year: int | None = None, on: str | None = None, include_void: bool = False) -> list[dict]:
    """Inspections held by `on` (default today), of a year; each with its state as of `on`."""
    on = parse_date("截至日期", on, key="on", allow_future=True) if on else clock.today_iso()
    where, params = ["date <= ?"], [on]
    if year is not None:
        where.append("date BETWEEN ? AND ?")
        params += list(_year(year))
    if not include_void:
        where.append("voided_at IS NULL")
    rows = db.query(f"SELECT * FROM disclosure_inspections WHERE {' AND '.join(where)} ORDER BY date, id", params)
    return [{"inspection": x, "state": inspection_state(x, on)} for x in map(_inspection, rows)]


def aspects_text(x: Inspection) -> str:
    return "、".join(codes.INSPECTION_ASPECT.label(a) for a in x.aspects)
