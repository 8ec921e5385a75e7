"""A congress meeting: sign-in and quorum, agenda, resolutions, votes and elections.

A meeting needs two thirds of all delegates present (三分之二以上, counted as ≥ 2/3);
a resolution or a candidate passes only with more than half of ALL delegates of
the term voting 同意 — not half of those present. Votes are never deleted: a
wrong count is voided with a reason and entered again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from models import audit, codes
from models.congress import get_session, session_delegates
from models.validation import ValidationError, clean_text

audit.TABLE_LABELS.update(
    {
        "session_attendance": "签到记录",
        "agenda_items": "议程",
        "resolutions": "表决事项",
        "resolution_votes": "表决结果",
        "election_candidates": "候选人",
    }
)


# ---------------------------------------------------------------- sign-in

@dataclass
class Attendance:
    expected: int  # 应到: all delegates of the term on the day
    present: int  # 实到
    leave: int  # 请假
    absent: int  # 缺席 (including those not signed in)

    @property
    def quorum(self) -> bool:
        return self.expected > 0 and self.present * 3 >= self.expected * 2

    @property
    def quorum_needed(self) -> int:
        return -(-self.expected * 2 // 3)

    def statement(self) -> str:
        """The quorum sentence of the minutes."""
        base = f"应到代表 {self.expected} 人，实到 {self.present} 人，请假 {self.leave} 人，缺席 {self.absent} 人"
        if self.quorum:
            return base + "，实到人数超过应到人数的三分之二，符合规定，会议有效。"
        return base + f"，实到人数不足应到人数的三分之二（需 {self.quorum_needed} 人），不能进行表决。"


def sign_in(db: Database, session_id: int, delegate_id: int, status: str, reason: str = "") -> None:
    """Record one delegate as 出席 / 请假 (with reason) / 缺席; re-signing overwrites with audit."""
    if status not in codes.ATTENDANCE:
        raise ValidationError("出席情况", "请选择出席、请假或缺席")
    reason = clean_text(reason)
    if status == "leave" and not reason:
        raise ValidationError("请假原因", "请假须填写原因")
    with db.atomic():
        s = get_session(db, session_id)
        if s.voided_at:
            raise ValidationError("会议", "该会议已作废")
        if delegate_id not in {d.id for d in session_delegates(db, session_id)}:
            raise ValidationError("代表", "该代表在会议当天不是本届职工代表")
        row = db.execute(
            "SELECT id FROM session_attendance WHERE session_id = ? AND delegate_id = ?", (session_id, delegate_id)
        ).fetchone()
        values = {"status": status, "reason": reason if status != "present" else ""}
        if row:
            audit.update_row(db, "session_attendance", row[0], values)
        else:
            audit.insert_row(db, "session_attendance", {"session_id": session_id, "delegate_id": delegate_id, **values})


def sign_in_all_present(db: Database, session_id: int) -> int:
    """Mark every delegate not yet signed in as present; returns how many."""
    with db.atomic():
        signed = {r[0] for r in db.execute("SELECT delegate_id FROM session_attendance WHERE session_id = ?", (session_id,))}
        todo = [d.id for d in session_delegates(db, session_id) if d.id not in signed]
        for delegate_id in todo:
            sign_in(db, session_id, delegate_id, "present")
    return len(todo)


def attendance_list(db: Database, session_id: int) -> list[dict]:
    """Every delegate of the session with status ('' if not signed in) and reason."""
    marks = {
        r[0]: (r[1], r[2])
        for r in db.execute("SELECT delegate_id, status, reason FROM session_attendance WHERE session_id = ?", (session_id,))
    }
    out = []
    for d in session_delegates(db, session_id):
        status, reason = marks.get(d.id, ("", ""))
        out.append({"delegate": d, "status": status, "reason": reason})
    return out


def attendance(db: Database, session_id: int) -> Attendance:
    rows = attendance_list(db, session_id)
    present = sum(1 for r in rows if r["status"] == "present")
    leave = sum(1 for r in rows if r["status"] == "leave")
    return Attendance(len(rows), present, leave, len(rows) - present - leave)


# ---------------------------------------------------------------- agenda

@dataclass
class AgendaItem:
    session_id: int
    title: str
    report_title: str = ""
    presenter: str = ""
    speakers: str = ""
    discussion: str = ""
    seq: int = 0
    id: int | None = None


def add_agenda_item(db: Database, item: AgendaItem) -> int:
    title = clean_text(item.title)
    if not title:
        raise ValidationError("议程", "不能为空", key="title")
    with db.atomic():
        get_session(db, item.session_id)
        seq = item.seq or (db.execute("SELECT coalesce(max(seq), 0) + 1 FROM agenda_items WHERE session_id = ?", (item.session_id,)).fetchone()[0])
        return audit.insert_row(
            db,
            "agenda_items",
            {
                "session_id": item.session_id,
                "seq": seq,
                "title": title,
                "report_title": clean_text(item.report_title),
                "presenter": clean_text(item.presenter),
                "speakers": clean_text(item.speakers),
                "discussion": (item.discussion or "").strip(),
                "created_at": audit.now(),
            },
        )


def update_agenda_item(db: Database, item: AgendaItem) -> bool:
    if item.id is None:
        raise ValueError("needs an id")
    title = clean_text(item.title)
    if not title:
        raise ValidationError("议程", "不能为空", key="title")
    return audit.update_row(
        db,
        "agenda_items",
        item.id,
        {
            "title": title,
            "report_title": clean_text(item.report_title),
            "presenter": clean_text(item.presenter),
            "speakers": clean_text(item.speakers),
            "discussion": (item.discussion or "").strip(),
        },
    )


def agenda(db: Database, session_id: int) -> list[AgendaItem]:
    return [
        AgendaItem(r["session_id"], r["title"], r["report_title"], r["presenter"], r["speakers"], r["discussion"], r["seq"], r["id"])
        for r in db.query("SELECT * FROM agenda_items WHERE session_id = ? ORDER BY seq, id", (session_id,))
    ]


# ---------------------------------------------------------------- resolutions and votes

@dataclass
class Candidate:
    name: str
    votes_for: int | None = None
    member_id: int | None = None
    id: int | None = None


@dataclass
class Resolution:
    id: int
    session_id: int
    agenda_item_id: int | None
    kind: str
    title: str
    text: str
    voided_at: str | None
    void_reason: str | None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    vote_id: int | None = None
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class VoteResult:
    total_delegates: int
    yes: int
    no: int
    abstain: int
    not_voted: int
    needed: int  # 同意 must reach this: more than half of all delegates
    passed: bool

    def statement(self) -> str:
        verdict = "通过" if self.passed else "未通过"
        return (
            f"同意 {self.yes} 票，不同意 {self.no} 票，弃权 {self.abstain} 票，未投票 {self.not_voted} 人；"
            f"同意票{'超过' if self.passed else '未超过'}全体代表（{self.total_delegates} 人）的半数，{verdict}。"
        )


def majority_needed(total_delegates: int) -> int:
    """The smallest 同意 count that is more than half of all delegates."""
    return total_delegates // 2 + 1


def add_resolution(db: Database, session_id: int, title: str, *, text: str = "", kind: str = "resolution", agenda_item_id: int | None = None, candidates: list[str] | None = None) -> int:
    title = clean_text(title)
    if not title:
        raise ValidationError("表决事项", "标题不能为空", key="title")
    if kind not in codes.RESOLUTION_KIND:
        raise ValidationError("类型", "无效")
    names = [clean_text(n) for n in (candidates or []) if clean_text(n)]
    if kind == "election" and not names:
        raise ValidationError("候选人", "选举事项须至少有一名候选人")
    if len(set(names)) != len(names):
        raise ValidationError("候选人", "候选人名单有重复")
    with db.atomic():
        get_session(db, session_id)
        rid = audit.insert_row(
            db,
            "resolutions",
            {"session_id": session_id, "agenda_item_id": agenda_item_id, "kind": kind, "title": title, "text": (text or "").strip(), "created_at": audit.now()},
        )
        for name in names:
            audit.insert_row(db, "election_candidates", {"resolution_id": rid, "name": name, "created_at": audit.now()})
    return rid


def resolutions(db: Database, session_id: int, *, include_void: bool = False) -> list[Resolution]:
    sql = """
        SELECT r.id, r.session_id, r.agenda_item_id, r.kind, r.title, r.text, r.voided_at, r.void_reason,
               v.yes, v.no, v.abstain, v.id
        FROM resolutions r LEFT JOIN resolution_votes v ON v.resolution_id = r.id AND v.voided_at IS NULL
        WHERE r.session_id = ?"""
    if not include_void:
        sql += " AND r.voided_at IS NULL"
    out = [Resolution(*row) for row in db.execute(sql + " ORDER BY r.id", (session_id,))]
    for r in out:
        r.candidates = [
            Candidate(c[0], c[1], c[2], c[3])
            for c in db.execute("SELECT name, votes_for, member_id, id FROM election_candidates WHERE resolution_id = ? ORDER BY id", (r.id,))
        ]
    return out


def get_resolution(db: Database, resolution_id: int) -> Resolution:
    row = audit.get_row(db, "resolutions", resolution_id)
    for r in resolutions(db, row["session_id"], include_void=True):
        if r.id == resolution_id:
            return r
    raise audit.NotFound(f"表决事项不存在（编号 {resolution_id}）")


def _require_vote_allowed(db: Database, r: Resolution, counts: list[int]) -> Attendance:
    if r.voided_at:
        raise ValidationError("表决", "该表决事项已作废")
    if any((not isinstance(c, int)) or c < 0 for c in counts):
        raise ValidationError("票数", "票数应为不小于零的整数")
    att = attendance(db, r.session_id)
    if not att.quorum:
        raise ValidationError(
            "表决", f"实到代表 {att.present} 人，不足应到 {att.expected} 人的三分之二（需 {att.quorum_needed} 人），不能进行表决"
        )
    return att


def record_vote(db: Database, resolution_id: int, yes: int, no: int, abstain: int) -> int:
    """Record the counts of a resolution; refused without quorum or when votes exceed 实到."""
    with db.atomic():
        r = get_resolution(db, resolution_id)
        if r.kind != "resolution":
            raise ValidationError("表决", "选举事项请按候选人登记得票")
        att = _require_vote_allowed(db, r, [yes, no, abstain])
        if yes + no + abstain > att.present:
            raise ValidationError("票数", f"同意、不同意、弃权合计 {yes + no + abstain} 票，超过实到代表 {att.present} 人")
        if r.vote_id is not None:
            raise ValidationError("表决", "该事项已有表决结果；如登记有误，请先作废原结果并说明原因")
        return audit.insert_row(
            db, "resolution_votes", {"resolution_id": resolution_id, "yes": yes, "no": no, "abstain": abstain, "created_at": audit.now()}
        )


def void_vote(db: Database, vote_id: int, reason: str) -> None:
    audit.void_row(db, "resolution_votes", vote_id, reason)


def void_resolution(db: Database, resolution_id: int, reason: str) -> None:
    audit.void_row(db, "resolutions", resolution_id, reason)


def record_election(db: Database, resolution_id: int, votes: dict[int, int]) -> None:
    """Votes per candidate (candidate id → 同意票); each may not exceed 实到."""
    with db.atomic():
        r = get_resolution(db, resolution_id)
        if r.kind != "election":
            raise ValidationError("表决", "这不是选举事项")
        att = _require_vote_allowed(db, r, list(votes.values()))
        known = {c.id: c for c in r.candidates}
        for cid, count in votes.items():
            if cid not in known:
                raise ValidationError("候选人", "候选人不属于该选举")
            if count > att.present:
                raise ValidationError("票数", f"{known[cid].name}得票 {count} 票，超过实到代表 {att.present} 人")
        for cid, count in votes.items():
            audit.update_row(db, "election_candidates", cid, {"votes_for": count})


def vote_result(db: Database, resolution: Resolution) -> VoteResult | None:
    """The result of a resolution's vote against ALL delegates of the term; None if not voted."""
    if resolution.yes is None:
        return None
    total = len(session_delegates(db, resolution.session_id))
    voted = resolution.yes + resolution.no + resolution.abstain
    needed = majority_needed(total)
    return VoteResult(total, resolution.yes, resolution.no, resolution.abstain, max(0, total - voted), needed, resolution.yes >= needed)


def election_results(db: Database, resolution: Resolution) -> list[tuple[Candidate, bool]]:
    total = len(session_delegates(db, resolution.session_id))
    needed = majority_needed(total)
    return [(c, c.votes_for is not None and c.votes_for >= needed) for c in resolution.candidates]
