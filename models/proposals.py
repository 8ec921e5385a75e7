"""Delegates' proposals (职工代表提案) and their handling, as a state machine with dated events.

已提交 → 审查: 立案 / 不立案 (reason) / 转意见建议 → 交办 (department, deadline) →
已答复 (reply, date, by) → 代表评价 (满意 / 基本满意 / 不满意; 不满意 may reopen
the proposal once, back to 交办) → 办结. Every change is an event with date and note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from models import audit, clock, codes
from models.congress import get_delegate, get_session, session_delegates
from models.field_rules import SHORT, check_column_text
from models.validation import ValidationError, check_choice, clean_search, parse_date

audit.TABLE_LABELS.update({"proposals": "提案", "proposal_cosigners": "附议人", "proposal_events": "提案办理记录"})

MIN_COSIGNERS = 2

# action → (states it may follow, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": (("submitted",), "accepted"),
    "reject": (("submitted",), "rejected"),
    "convert": (("submitted",), "converted"),
    "assign": (("accepted",), "assigned"),
    "reply": (("assigned",), "replied"),
    "rate": (("replied",), "rated"),
    "reopen": (("rated",), "assigned"),
    "close": (("rated", "rejected", "converted"), "closed"),
}
# The fields each step uses (advance() reads only these): the dialog shows just these.
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "accept": ("note",),
    "reject": ("note",),
    "convert": ("note",),
    "assign": ("department", "deadline", "note"),
    "reopen": ("department", "deadline", "note"),
    "reply": ("reply", "replied_by"),
    "rate": ("rating", "note"),
    "close": ("note",),
}
ACTION_LABELS = {
    "submit": "提交",
    "accept": "立案",
    "reject": "不立案",
    "convert": "转意见建议",
    "assign": "交办",
    "reply": "答复",
    "rate": "代表评价",
    "reopen": "重新办理",
    "close": "办结",
}


@dataclass
class Proposal:
    session_id: int
    number: str
    title: str
    proposer_id: int
    cosigner_ids: list[int] = field(default_factory=list)
    category: str = "other"
    content: str = ""
    reason: str = ""
    measures: str = ""
    submitted_on: str = ""
    id: int | None = None
    state: str = "submitted"
    review_note: str = ""
    department: str = ""
    deadline: str | None = None
    reply: str = ""
    replied_on: str | None = None
    replied_by: str = ""
    rating: str | None = None
    reopened: int = 0
    voided_at: str | None = None  # entered by mistake (void_proposal)
    void_reason: str | None = None


def add_proposal(db: Database, p: Proposal) -> int:
    """Submit a proposal: one proposer and at least two other delegates co-signing."""
    number = check_column_text("proposals", "number", p.number, required=True)
    title = check_column_text("proposals", "title", p.title, required=True)
    text = {k: check_column_text("proposals", k, getattr(p, k)) for k in ("content", "reason", "measures")}
    if p.category not in codes.PROPOSAL_CATEGORY:
        raise ValidationError("提案类别", "请选择类别", key="category")
    submitted = parse_date("提案日期", p.submitted_on, key="submitted_on")
    if not submitted:
        raise ValidationError("提案日期", "不能为空", key="submitted_on")
    # Delegates picked from a list: ids, never a name typed in (nor True, which is the id 1).
    if not isinstance(p.cosigner_ids, (list, tuple)) or not all(type(c) is int for c in p.cosigner_ids):
        raise ValidationError("附议人", "请从代表名单中选择附议人", key="cosigner_ids")
    cosigners = list(dict.fromkeys(p.cosigner_ids))
    if p.proposer_id in cosigners:
        raise ValidationError("附议人", "提案人不能为自己的提案附议", key="cosigner_ids")
    if len(cosigners) < MIN_COSIGNERS:
        raise ValidationError("附议人", f"至少需要{MIN_COSIGNERS}名其他代表附议，现有{len(cosigners)}名", key="cosigner_ids")
    with db.atomic():
        get_session(db, p.session_id)
        serving = {d.id for d in session_delegates(db, p.session_id)}
        if p.proposer_id not in serving:
            raise ValidationError("提案人", "提案人须为本届职工代表", key="proposer_id")
        for cid in cosigners:
            if cid not in serving:
                raise ValidationError("附议人", f"{get_delegate(db, cid).name}不是本届在任职工代表", key="cosigner_ids")
        if db.execute("SELECT 1 FROM proposals WHERE session_id = ? AND number = ?", (p.session_id, number)).fetchone():
            raise ValidationError("提案编号", f"本次会议已有编号为 {number} 的提案", key="number")
        pid = audit.insert_row(
            db,
            "proposals",
            {
                "session_id": p.session_id,
                "number": number,
                "title": title,
                "proposer_id": p.proposer_id,
                "category": p.category,
                **text,
                "submitted_on": submitted,
                "state": "submitted",
                "created_at": audit.now(),
            },
        )
        for cid in cosigners:
            audit.insert_row(db, "proposal_cosigners", {"proposal_id": pid, "delegate_id": cid})
        _event(db, pid, "submit", None, "submitted", submitted, "")
    return pid


def next_number(db: Database, session_id: int) -> str:
    """The next proposal number of a session: '<year>-NN'."""
    s = get_session(db, session_id)
    year = s.date[:4]
    count = db.execute("SELECT count(*) FROM proposals WHERE session_id = ?", (session_id,)).fetchone()[0]
    return f"{year}-{count + 1:02d}"


def _event(db: Database, pid: int, action: str, from_state: str | None, to_state: str, date: str, note: str) -> None:
    audit.insert_row(
        db,
        "proposal_events",
        {"proposal_id": pid, "action": action, "from_state": from_state, "to_state": to_state, "date": date, "note": note, "created_at": audit.now()},
    )


def advance(
    db: Database,
    proposal_id: int,
    action: str,
    date: str,
    *,
    note: str = "",
    department: str = "",
    deadline: str = "",
    reply: str = "",
    replied_by: str = "",
    rating: str = "",
) -> str:
    """Move a proposal on by one step; refuses steps out of order. Returns the new state."""
    check_choice("办理步骤", action, TRANSITIONS, key="action")
    allowed_from, to_state = TRANSITIONS[action]
    date = parse_date("日期", date, key="date")
    if not date:
        raise ValidationError("日期", "不能为空", key="date")
    # Every text checked up front, used or not by this step: a bad value is refused
    # naming its field, whatever the step.
    note = check_column_text("proposal_events", "note", note)
    department = check_column_text("proposals", "department", department)
    reply = check_column_text("proposals", "reply", reply)
    replied_by = check_column_text("proposals", "replied_by", replied_by)
    with db.atomic():
        p = get_proposal(db, proposal_id)
        _refuse_voided(p)
        if p.state not in allowed_from:
            raise ValidationError(
                "办理步骤",
                f"提案当前为“{codes.PROPOSAL_STATE.label(p.state)}”，不能“{ACTION_LABELS[action]}”",
            )
        last = db.execute("SELECT max(date) FROM proposal_events WHERE proposal_id = ?", (proposal_id,)).fetchone()[0]
        if last and date < last:
            raise ValidationError("日期", f"不能早于上一步的日期（{last}）", key="date")
        changes: dict = {"state": to_state}
        if action == "reject" and not note:
            raise ValidationError("不立案理由", "不立案须说明理由", key="note")
        if action in ("accept", "reject", "convert"):
            changes["review_note"] = note
        if action in ("assign", "reopen"):
            department = department or (p.department if action == "reopen" else "")
            if not department:
                raise ValidationError("承办部门", "不能为空", key="department")
            deadline = parse_date("办理期限", deadline, key="deadline", allow_future=True) if deadline else ""
            if not deadline:
                raise ValidationError("办理期限", "不能为空", key="deadline")
            if deadline < date:
                raise ValidationError("办理期限", "早于交办日期", key="deadline")
            changes |= {"department": department, "deadline": deadline}
        if action == "reopen":
            if p.rating != "unsatisfied":
                raise ValidationError("办理步骤", "只有代表评价为“不满意”的提案才能重新办理")
            if p.reopened:
                raise ValidationError("办理步骤", "该提案已重新办理过一次，不能再次重新办理")
            changes |= {"reopened": 1, "rating": None, "reply": "", "replied_on": None, "replied_by": ""}
        if action == "close" and p.rating == "unsatisfied" and not (note or "").strip():
            raise ValidationError("说明", "代表评价为“不满意”：请先重新办理，或在说明中写明办结理由", key="note")
        if action == "reply":
            if not reply:
                raise ValidationError("答复内容", "不能为空", key="reply")
            if not replied_by:
                raise ValidationError("答复人", "不能为空", key="replied_by")
            changes |= {"reply": reply, "replied_on": date, "replied_by": replied_by}
        if action == "rate":
            if rating not in codes.PROPOSAL_RATING:
                raise ValidationError("代表评价", "请选择满意、基本满意或不满意", key="rating")
            changes["rating"] = rating
        audit.update_row(db, "proposals", proposal_id, changes)
        if action == "rate" and not note:
            note = codes.PROPOSAL_RATING.label(rating)
        _event(db, proposal_id, action, p.state, to_state, date, note)
    return to_state


CORRECTABLE = ("title", "category", "content", "reason", "measures")


def _refuse_voided(p: Proposal) -> None:
    if p.voided_at:
        raise ValidationError("提案", f"提案 {p.number}“{p.title}”已作废（{p.void_reason}），不能再办理或修改")


def correct_proposal(db: Database, proposal_id: int, **changes: str) -> None:
    """Fix what was typed wrongly (案由, 类别, 内容, 理由, 建议): the proposal as submitted is
    corrected, not changed, and the change log keeps the old text. Who proposed and who
    co-signed are facts of the day: a proposal filed under the wrong names is voided and
    filed again."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValidationError("提案", f"不能更正：{'、'.join(sorted(unknown))}")
    values: dict[str, str] = {}
    for key, value in changes.items():
        if key == "category":
            if value not in codes.PROPOSAL_CATEGORY:
                raise ValidationError("提案类别", "请选择类别", key="category")
            values[key] = value
        else:
            values[key] = check_column_text("proposals", key, value, required=key == "title")
    with db.atomic():
        p = get_proposal(db, proposal_id)
        _refuse_voided(p)
        differ = {k: v for k, v in values.items() if getattr(p, k) != v}
        if differ:
            audit.update_row(db, "proposals", proposal_id, differ)


def void_proposal(db: Database, proposal_id: int, reason: str) -> None:
    """A proposal entered by mistake (twice, in the wrong session): voided with a reason, never
    deleted. It leaves the lists and every count; its number stays taken."""
    with db.atomic():
        p = get_proposal(db, proposal_id)
        if p.voided_at:
            raise ValidationError("提案", f"提案 {p.number} 已经作废")
        audit.void_row(db, "proposals", proposal_id, reason)


def get_proposal(db: Database, proposal_id: int) -> Proposal:
    r = audit.get_row(db, "proposals", proposal_id)
    cos = [c[0] for c in db.execute("SELECT delegate_id FROM proposal_cosigners WHERE proposal_id = ? ORDER BY id", (proposal_id,))]
    keep = {k: r[k] for k in Proposal.__dataclass_fields__ if k in r}
    return Proposal(**keep, cosigner_ids=cos)


def events(db: Database, proposal_id: int) -> list[dict]:
    rows = list(db.query("SELECT * FROM proposal_events WHERE proposal_id = ? ORDER BY date, id", (proposal_id,)))
    for r in rows:
        r["action_label"] = ACTION_LABELS.get(r["action"], r["action"])
    return rows


def list_proposals(
    db: Database,
    *,
    session_id: int | None = None,
    state: str | None = None,
    department: str | None = None,
    overdue_on: str | None = None,
    include_voided: bool = False,
) -> list[dict]:
    """Proposals with proposer name; filters by state, department, overdue (past deadline, no reply).
    Proposals voided as entered by mistake are left out unless asked for."""
    sql = """
        SELECT p.*, m.name AS proposer_name, d.group_name AS proposer_group
        FROM proposals p JOIN delegates d ON d.id = p.proposer_id JOIN members m ON m.id = d.member_id
        WHERE 1 = 1"""
    if not include_voided:
        sql += " AND p.voided_at IS NULL"
    params: list = []
    if session_id is not None:
        sql += " AND p.session_id = ?"
        params.append(session_id)
    if state not in (None, ""):
        sql += " AND p.state = ?"
        params.append(check_choice("提案状态", state, codes.PROPOSAL_STATE, key="state"))
    # A filter compares whole values: cut to the longest a department can be, not to a search's length.
    department = clean_search(department, "承办部门", limit=SHORT)
    if department:
        sql += " AND p.department = ?"
        params.append(department)
    overdue_on = parse_date("统计日期", overdue_on, key="overdue_on", allow_future=True)
    if overdue_on:
        sql += " AND p.state = 'assigned' AND p.deadline < ?"
        params.append(overdue_on)
    return list(db.query(sql + " ORDER BY p.number", params))


def cosigner_names(db: Database, proposal_id: int) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT m.name FROM proposal_cosigners c JOIN delegates d ON d.id = c.delegate_id JOIN members m ON m.id = d.member_id WHERE c.proposal_id = ? ORDER BY c.id",
            (proposal_id,),
        )
    ]


def summary(db: Database, session_id: int, on: str | None = None) -> dict:
    """Figures for the 提案落实情况报告: counts by state, rating, department and overdue."""
    on = parse_date("统计日期", on, key="on", allow_future=True) or clock.today_iso()
    rows = list_proposals(db, session_id=session_id)
    by_state = {code: 0 for code in codes.PROPOSAL_STATE.codes()}
    by_rating = {code: 0 for code in codes.PROPOSAL_RATING.codes()}
    by_department: dict[str, int] = {}
    for r in rows:
        by_state[r["state"]] += 1
        if r["rating"]:
            by_rating[r["rating"]] += 1
        if r["department"]:
            by_department[r["department"]] = by_department.get(r["department"], 0) + 1
    overdue = [r for r in rows if r["state"] == "assigned" and r["deadline"] and r["deadline"] < on]
    accepted = sum(1 for r in rows if r["state"] not in ("submitted", "rejected", "converted"))
    return {
        "total": len(rows),
        "accepted": accepted,
        "by_state": by_state,
        "by_rating": by_rating,
        "by_department": by_department,
        "overdue": len(overdue),
        "closed": by_state["closed"],
        "rows": rows,
    }
