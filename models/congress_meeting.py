"""A congress meeting: sign-in and quorum, agenda, resolutions, votes and elections.

A meeting needs two thirds of all delegates present (三分之二以上, counted as ≥ 2/3);
a resolution or a candidate passes only with more than half of ALL delegates of
the term voting 同意 — not half of those present.

A recorded vote is a fact stated on the day (models/congress_votes.py): it keeps
its 应到, 实到, counts and result, and is never recomputed or edited; a wrong
count is voided with a reason and recorded again, the old one staying readable.
Its sign-in is the roll it was taken on: when the first vote is recorded every
delegate serving that day gets a row (unsigned ones as 缺席), and while votes
stand the sign-in cannot change, so the minutes never contradict themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from models import audit, codes
from models.congress import get_session, session_delegates, standing_votes
from models.congress_votes import Tally, Vote, decide_election, majority_needed
from models.field_rules import NOTE, check_column_text
from models.validation import ValidationError, check_choice, check_count, check_flag, check_text

audit.TABLE_LABELS.update(
    {
        "session_attendance": "签到记录",
        "agenda_items": "议程",
        "resolutions": "表决事项",
        "resolution_votes": "表决结果",
        "election_candidates": "候选人",
        "election_tallies": "选举计票结果",
    }
)


# ---------------------------------------------------------------- sign-in

@dataclass
class Attendance:
    expected: int  # 应到: all delegates of the term on the day
    present: int  # 实到
    leave: int  # 请假
    absent: int  # 缺席 (including those not signed in)
    unsigned: int = 0  # of the 缺席, those with no sign-in at all (未签到): none marked yet

    @property
    def marked_absent(self) -> int:
        return self.absent - self.unsigned

    def roll_line(self) -> str:
        """The sign-in as it stands, for the screen: delegates nobody has signed in yet are
        未签到, not 缺席 (before the sign-in starts, everyone is)."""
        line = f"应到 {self.expected}　实到 {self.present}　请假 {self.leave}　缺席 {self.marked_absent}"
        return line + (f"　未签到 {self.unsigned}" if self.unsigned else "")

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


class VotesRecorded(ValidationError):
    """The sign-in of a meeting whose votes stand cannot change (the minutes would contradict them)."""

    def __init__(self, count: int) -> None:
        super().__init__(
            "签到",
            f"本次会议已有表决结果（{count} 项），签到不能再修改，否则会议记录中的出席人数将与表决时不符。"
            "如签到确有错误，须说明原因，作废这些表决结果后再修改签到，并重新登记表决。",
        )
        self.count = count


def sign_in(
    db: Database, session_id: int, delegate_id: int, status: str, reason: str = "", *, void_votes_reason: str | None = None
) -> None:
    """Record one delegate as 出席 / 请假 (with reason) / 缺席; re-signing overwrites with audit.

    Once votes stand, a change is refused (VotesRecorded) unless `void_votes_reason`
    is given: then every standing vote of the meeting is voided with that reason, in
    the same transaction, and must be recorded again on the corrected sign-in.
    Signing a delegate in again exactly as recorded changes nothing and is allowed.
    """
    if status not in codes.ATTENDANCE:
        raise ValidationError("出席情况", "请选择出席、请假或缺席")
    reason = check_column_text("session_attendance", "reason", reason)
    if status == "leave" and not reason:
        raise ValidationError("请假原因", "请假须填写原因")
    values = {"status": status, "reason": reason if status != "present" else ""}
    with db.atomic():
        s = get_session(db, session_id)
        if s.voided_at:
            raise ValidationError("会议", "该会议已作废")
        if delegate_id not in {d.id for d in session_delegates(db, session_id)}:
            raise ValidationError("代表", "该代表在会议当天不是本届职工代表")
        row = db.execute(
            "SELECT id, status, reason FROM session_attendance WHERE session_id = ? AND delegate_id = ?", (session_id, delegate_id)
        ).fetchone()
        if row and (row[1], row[2]) == (values["status"], values["reason"]):
            return
        standing = standing_votes(db, session_id)
        if standing:
            if void_votes_reason is None:
                raise VotesRecorded(len(standing))
            for vote_id in standing:
                audit.void_row(db, "resolution_votes", vote_id, void_votes_reason)
        if row:
            audit.update_row(db, "session_attendance", row[0], values)
        else:
            audit.insert_row(db, "session_attendance", {"session_id": session_id, "delegate_id": delegate_id, **values})


def sign_in_all_present(db: Database, session_id: int, *, void_votes_reason: str | None = None) -> int:
    """Mark every delegate not yet signed in as present; returns how many (see sign_in for votes)."""
    with db.atomic():
        signed = {r[0] for r in db.execute("SELECT delegate_id FROM session_attendance WHERE session_id = ?", (session_id,))}
        todo = [d.id for d in session_delegates(db, session_id) if d.id not in signed]
        for delegate_id in todo:
            sign_in(db, session_id, delegate_id, "present", void_votes_reason=void_votes_reason)
    return len(todo)


def attendance_list(db: Database, session_id: int) -> list[dict]:
    """Every delegate on the meeting's roll with status ('' if not signed in) and reason.

    Before any vote the roll is the delegates serving on the meeting's date. Once
    votes stand it is those of them with a sign-in row (all of them, when the first
    vote was recorded): a delegate entered later with an earlier start date does not
    join a meeting that has already voted.
    """
    marks = {
        r[0]: (r[1], r[2])
        for r in db.execute("SELECT delegate_id, status, reason FROM session_attendance WHERE session_id = ?", (session_id,))
    }
    closed = bool(standing_votes(db, session_id))
    out = []
    for d in session_delegates(db, session_id):
        if closed and d.id not in marks:
            continue
        status, reason = marks.get(d.id, ("", ""))
        out.append({"delegate": d, "status": status, "reason": reason})
    return out


def roll_closed(db: Database, session_id: int) -> bool:
    """True while votes stand: the sign-in is then the roll they were taken on."""
    return bool(standing_votes(db, session_id))


def _close_roll(db: Database, session_id: int) -> None:
    """Before the first vote, write the roll down: serving delegates not signed in are 缺席."""
    if standing_votes(db, session_id):
        return
    signed = {r[0] for r in db.execute("SELECT delegate_id FROM session_attendance WHERE session_id = ?", (session_id,))}
    for d in session_delegates(db, session_id):
        if d.id not in signed:
            audit.insert_row(db, "session_attendance", {"session_id": session_id, "delegate_id": d.id, "status": "absent", "reason": ""})


def attendance(db: Database, session_id: int) -> Attendance:
    rows = attendance_list(db, session_id)
    present = sum(1 for r in rows if r["status"] == "present")
    leave = sum(1 for r in rows if r["status"] == "leave")
    unsigned = sum(1 for r in rows if not r["status"])
    return Attendance(len(rows), present, leave, len(rows) - present - leave, unsigned)


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
    voided_at: str | None = None
    void_reason: str | None = None


_AGENDA_TEXT = ("title", "report_title", "presenter", "speakers", "discussion")


def _agenda_text(item: AgendaItem) -> dict[str, str]:
    """The item's text fields, each checked by its column's rule (the title required)."""
    return {k: check_column_text("agenda_items", k, getattr(item, k), required=k == "title") for k in _AGENDA_TEXT}


def add_agenda_item(db: Database, item: AgendaItem) -> int:
    values = _agenda_text(item)
    # 0 means "next in line"; False is not a number, so it must not mean that too.
    seq = check_count("议程序号", item.seq, key="seq")
    with db.atomic():
        get_session(db, item.session_id)
        seq = seq or (db.execute("SELECT coalesce(max(seq), 0) + 1 FROM agenda_items WHERE session_id = ?", (item.session_id,)).fetchone()[0])
        return audit.insert_row(db, "agenda_items", {"session_id": item.session_id, "seq": seq, **values, "created_at": audit.now()})


def update_agenda_item(db: Database, item: AgendaItem) -> bool:
    if item.id is None:
        raise ValueError("needs an id")
    values = _agenda_text(item)
    with db.atomic():
        if audit.get_row(db, "agenda_items", item.id).get("voided_at"):
            raise ValidationError("议程", "该议程已作废，不能修改")
        return audit.update_row(db, "agenda_items", item.id, values)


def agenda(db: Database, session_id: int, *, include_void: bool = False) -> list[AgendaItem]:
    """The meeting's agenda in order; items voided as entered by mistake only when asked."""
    where = "" if include_void else " AND voided_at IS NULL"
    return [
        AgendaItem(r["session_id"], r["title"], r["report_title"], r["presenter"], r["speakers"], r["discussion"], r["seq"], r["id"],
                   r["voided_at"], r["void_reason"])
        for r in db.query(f"SELECT * FROM agenda_items WHERE session_id = ?{where} ORDER BY seq, id", (session_id,))
    ]


def void_agenda_item(db: Database, item_id: int, reason: str) -> int:
    """An agenda item entered by mistake: voided with a reason, never deleted, and with it
    the items put to the vote under it and their recorded votes (one transaction). The
    minutes, 决议 and ballots then leave it out; the trail keeps everything. Returns how
    many recorded votes were voided."""
    reason = check_text("作废原因", reason, key="void_reason", longest=NOTE, required=True)
    with db.atomic():
        item = audit.get_row(db, "agenda_items", item_id)
        audit.void_row(db, "agenda_items", item_id, reason)
        because = f"议程“{item['title']}”作废：{reason}"
        voided_votes = 0
        for rid, in db.execute("SELECT id FROM resolutions WHERE agenda_item_id = ? AND voided_at IS NULL ORDER BY id", (item_id,)).fetchall():
            for vote_id, in db.execute("SELECT id FROM resolution_votes WHERE resolution_id = ? AND voided_at IS NULL", (rid,)).fetchall():
                audit.void_row(db, "resolution_votes", vote_id, because)
                voided_votes += 1
            audit.void_row(db, "resolutions", rid, because)
    return voided_votes


# ---------------------------------------------------------------- resolutions

@dataclass
class Candidate:
    name: str
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
    seats: int | None = None  # elections: 应选 N 人
    is_secret: bool = False  # 无记名投票: its ballots carry serial numbers
    candidates: list[Candidate] = field(default_factory=list)
    vote: Vote | None = None  # the standing vote, as stated on the day

    @property
    def vote_id(self) -> int | None:
        return self.vote.id if self.vote else None

    @property
    def yes(self) -> int | None:
        return self.vote.yes if self.vote and self.kind == "resolution" else None

    @property
    def no(self) -> int | None:
        return self.vote.no if self.vote and self.kind == "resolution" else None

    @property
    def abstain(self) -> int | None:
        return self.vote.abstain if self.vote and self.kind == "resolution" else None


def _check_seats(seats: object, candidates: int) -> int:
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
        raise ValidationError("应选人数", "应为正整数", key="seats")
    if seats > candidates:
        raise ValidationError("应选人数", f"应选 {seats} 人，多于候选人数（{candidates} 人）", key="seats")
    return seats


def add_resolution(
    db: Database,
    session_id: int,
    title: str,
    *,
    text: str = "",
    kind: str = "resolution",
    agenda_item_id: int | None = None,
    candidates: list[str] | None = None,
    seats: int | None = None,
    secret: bool = False,
) -> int:
    """A resolution, or an election with its candidates and seats (应选 N 人); `secret`: put
    to a secret ballot (无记名投票)."""
    secret = check_flag("无记名投票", secret, key="is_secret")
    title = check_column_text("resolutions", "title", title, required=True)
    text = check_column_text("resolutions", "text", text)
    check_choice("表决事项类型", kind, codes.RESOLUTION_KIND, key="kind")
    if candidates is not None and not isinstance(candidates, (list, tuple)):
        raise ValidationError("候选人", "应为候选人名单", key="candidates")
    names = [n for n in (check_column_text("election_candidates", "name", c, key="candidates") for c in candidates or []) if n]
    if kind == "election":
        if not names:
            raise ValidationError("候选人", "选举事项须至少有一名候选人")
        if seats is None:
            raise ValidationError("应选人数", "选举事项须填写应选人数", key="seats")
        _check_seats(seats, len(names))
    elif names:
        # A candidate on an ordinary resolution would print "候选人" on every ballot.
        raise ValidationError("候选人", "决议事项不设候选人；选举请选择“选举”类型", key="candidates")
    elif seats is not None:
        raise ValidationError("应选人数", "决议事项不设应选人数；选举请选择“选举”类型", key="seats")
    if len(set(names)) != len(names):
        raise ValidationError("候选人", "候选人名单有重复")
    with db.atomic():
        get_session(db, session_id)
        if agenda_item_id is not None:
            item = audit.get_row(db, "agenda_items", agenda_item_id)
            if item["session_id"] != session_id or item["voided_at"]:
                raise ValidationError("议程", "所选议程已作废或不属于本次会议", key="agenda_item_id")
        rid = audit.insert_row(
            db,
            "resolutions",
            {"session_id": session_id, "agenda_item_id": agenda_item_id, "kind": kind, "title": title,
             "text": text, "seats": seats, "is_secret": int(secret), "created_at": audit.now()},
        )
        for name in names:
            audit.insert_row(db, "election_candidates", {"resolution_id": rid, "name": name, "created_at": audit.now()})
    return rid


def resolutions(db: Database, session_id: int, *, include_void: bool = False) -> list[Resolution]:
    sql = """
        SELECT id, session_id, agenda_item_id, kind, title, text, voided_at, void_reason, seats, is_secret
        FROM resolutions WHERE session_id = ?"""
    if not include_void:
        sql += " AND voided_at IS NULL"
    out = [Resolution(*row[:9], is_secret=bool(row[9])) for row in db.execute(sql + " ORDER BY id", (session_id,))]
    standing = _load_votes(db, "resolution_id IN (SELECT id FROM resolutions WHERE session_id = ?) AND voided_at IS NULL", (session_id,))
    by_resolution = {v.resolution_id: v for v in standing}
    for r in out:
        r.candidates = [
            Candidate(c[0], c[1], c[2])
            for c in db.execute("SELECT name, member_id, id FROM election_candidates WHERE resolution_id = ? ORDER BY id", (r.id,))
        ]
        r.vote = by_resolution.get(r.id)
    return out


def get_resolution(db: Database, resolution_id: int) -> Resolution:
    row = audit.get_row(db, "resolutions", resolution_id)
    for r in resolutions(db, row["session_id"], include_void=True):
        if r.id == resolution_id:
            return r
    raise audit.NotFound(f"表决事项不存在（编号 {resolution_id}）")


def void_resolution(db: Database, resolution_id: int, reason: str) -> None:
    """An item put to the vote by mistake: voided with its standing vote (one transaction)."""
    with db.atomic():
        for vote_id, in db.execute("SELECT id FROM resolution_votes WHERE resolution_id = ? AND voided_at IS NULL", (resolution_id,)).fetchall():
            audit.void_row(db, "resolution_votes", vote_id, reason)
        audit.void_row(db, "resolutions", resolution_id, reason)


def set_secret(db: Database, resolution_id: int, secret: bool) -> bool:
    """Change how an item is put to the vote (无记名投票 or not) while no vote stands."""
    secret = check_flag("无记名投票", secret, key="is_secret")
    with db.atomic():
        r = get_resolution(db, resolution_id)
        if r.voided_at:
            raise ValidationError("表决", "该表决事项已作废")
        if r.vote is not None and r.is_secret != secret:
            raise ValidationError("无记名投票", "该事项已按原方式表决，不能再改表决方式；如需重新表决，请先作废原结果", key="is_secret")
        return audit.update_row(db, "resolutions", resolution_id, {"is_secret": int(secret)})


# ---------------------------------------------------------------- recorded votes

def _load_votes(db: Database, where: str, params: tuple) -> list[Vote]:
    """Votes as stored, oldest first; nothing is recomputed."""
    tallies: dict[int, list[Tally]] = {}
    for vote_id, *t in db.execute(
        f"""SELECT t.vote_id, t.candidate_id, c.name, t.votes, t.against, t.abstain, t.result
            FROM election_tallies t JOIN election_candidates c ON c.id = t.candidate_id
            WHERE t.vote_id IN (SELECT id FROM resolution_votes WHERE {where}) ORDER BY t.id""",
        params,
    ):
        tallies.setdefault(vote_id, []).append(Tally(*t))
    return [
        Vote(
            id=r["id"], resolution_id=r["resolution_id"], kind=r["kind"], expected=r["expected"], present=r["present"],
            needed=r["needed"], result=r["result"], yes=r["yes"], no=r["no"], abstain=r["abstain"], seats=r["seats"],
            ballots=r["ballots"], tallies=tuple(tallies.get(r["id"], ())), recorded_at=r["created_at"],
            voided_at=r["voided_at"], void_reason=r["void_reason"],
        )
        for r in db.query(f"SELECT * FROM resolution_votes WHERE {where} ORDER BY id", params)
    ]


def votes(db: Database, resolution_id: int) -> list[Vote]:
    """Every vote recorded for an item, voided ones included, oldest first."""
    return _load_votes(db, "resolution_id = ?", (resolution_id,))


def void_vote(db: Database, vote_id: int, reason: str) -> None:
    """Void a recorded vote (reason required); it stays readable and printable as voided."""
    audit.void_row(db, "resolution_votes", vote_id, reason)


def _open_for_vote(db: Database, resolution_id: int, kind: str, replace_reason: str | None) -> tuple[Resolution, Attendance]:
    """The item, checked, with the roll the vote is taken on (written down by the first vote).

    A standing vote is never overwritten: recording again is refused unless
    `replace_reason` is given, which voids the standing one first (same transaction).
    """
    r = get_resolution(db, resolution_id)
    if r.voided_at:
        raise ValidationError("表决", "该表决事项已作废")
    if r.kind != kind:
        raise ValidationError("表决", "选举事项请按候选人登记得票" if r.kind == "election" else "这不是选举事项")
    if r.vote is not None:
        if replace_reason is None:
            raise ValidationError("表决", "该事项已有表决结果，不能直接修改；如登记有误，请作废原结果并说明原因后重新登记")
        void_vote(db, r.vote.id, replace_reason)
        r.vote = None
    if get_session(db, r.session_id).voided_at:
        raise ValidationError("表决", "该会议已作废")
    _close_roll(db, r.session_id)
    att = attendance(db, r.session_id)
    if not att.quorum:
        raise ValidationError(
            "表决", f"实到代表 {att.present} 人，不足应到 {att.expected} 人的三分之二（需 {att.quorum_needed} 人），不能进行表决"
        )
    return r, att


def _count(value: object, label: str = "票数") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(label, "票数应为不小于零的整数")
    return value


def record_vote(db: Database, resolution_id: int, yes: int, no: int, abstain: int, *, replace_reason: str | None = None) -> int:
    """Record a resolution's counts with 应到, 实到 and the result as they are now; returns the vote id.

    Refused without quorum, when the counts exceed 实到, or when a vote already
    stands (unless `replace_reason` voids it first).
    """
    for c in (yes, no, abstain):
        _count(c)
    with db.atomic():
        _, att = _open_for_vote(db, resolution_id, "resolution", replace_reason)
        if yes + no + abstain > att.present:
            raise ValidationError("票数", f"同意、不同意、弃权合计 {yes + no + abstain} 票，超过实到代表 {att.present} 人")
        needed = majority_needed(att.expected)
        result = "passed" if yes >= needed else "failed"
        return audit.insert_row(
            db,
            "resolution_votes",
            {"resolution_id": resolution_id, "kind": "resolution", "yes": yes, "no": no, "abstain": abstain,
             "expected": att.expected, "present": att.present, "needed": needed, "result": result, "created_at": audit.now()},
        )


def record_election(
    db: Database,
    resolution_id: int,
    counts: Mapping[int, int | Sequence[int]],
    *,
    seats: int | None = None,
    ballots: int | None = None,
    replace_reason: str | None = None,
) -> int:
    """Record an election: per candidate id its 得票, or (同意, 不同意, 弃权); returns the vote id.

    `seats` (应选 N 人) defaults to the item's; `ballots` is 收回选票 when known.
    Every candidate needs a count; a candidate's votes may not exceed the ballots
    (or 实到), nor the ballots 实到. Who is elected is decided now and stored.
    """
    with db.atomic():
        r, att = _open_for_vote(db, resolution_id, "election", replace_reason)
        seats = r.seats if seats is None else seats
        if seats is None:  # an election entered before seats were kept
            raise ValidationError("应选人数", "请填写应选人数", key="seats")
        _check_seats(seats, len(r.candidates))
        known = {c.id: c for c in r.candidates}
        if any(cid not in known for cid in counts):
            raise ValidationError("候选人", "候选人不属于该选举")
        if set(counts) != set(known):
            raise ValidationError("票数", "请填写每位候选人的得票")
        if ballots is not None:
            _count(ballots, "收回选票")
            if ballots > att.present:
                raise ValidationError("收回选票", f"收回选票 {ballots} 张，超过实到代表 {att.present} 人", key="ballots")
        limit, limit_text = (ballots, f"收回选票 {ballots} 张") if ballots is not None else (att.present, f"实到代表 {att.present} 人")
        rows: list[tuple[int, int, int | None, int | None]] = []
        for c in r.candidates:
            value = counts[c.id]
            if isinstance(value, int):
                triple: tuple = (value, None, None)
            elif isinstance(value, (list, tuple)):
                triple = tuple(value)
            else:  # a float (NaN), text …: not a count of ballots
                raise ValidationError("票数", f"{c.name}的票数应为整数")
            if len(triple) != 3:
                raise ValidationError("票数", f"{c.name}的票数应为得票数，或同意、不同意、弃权三个数")
            yes, against, abstain = triple
            _count(yes)
            for extra in (against, abstain):
                if extra is not None:
                    _count(extra)
            if yes > limit:
                raise ValidationError("票数", f"{c.name}得票 {yes} 票，超过{limit_text}")
            total = yes + (against or 0) + (abstain or 0)
            if total > limit:
                raise ValidationError("票数", f"{c.name}的同意、不同意、弃权合计 {total} 票，超过{limit_text}")
            rows.append((c.id, yes, against, abstain))
        outcome, result = decide_election(att.expected, seats, [(cid, yes) for cid, yes, _, _ in rows])
        if seats != r.seats:
            audit.update_row(db, "resolutions", resolution_id, {"seats": seats})
        vote_id = audit.insert_row(
            db,
            "resolution_votes",
            {"resolution_id": resolution_id, "kind": "election", "yes": 0, "no": 0, "abstain": 0, "expected": att.expected,
             "present": att.present, "needed": majority_needed(att.expected), "result": result, "seats": seats,
             "ballots": ballots, "created_at": audit.now()},
        )
        for cid, yes, against, abstain in rows:
            audit.insert_row(
                db,
                "election_tallies",
                {"vote_id": vote_id, "candidate_id": cid, "votes": yes, "against": against, "abstain": abstain,
                 "result": outcome[cid], "created_at": audit.now()},
            )
    return vote_id
