"""Meeting minutes (会议记录) as structured data, assembled from the session's records.

Nothing here is typed twice: attendance comes from sign-in, decisions and their
results from the votes; the chair writes only the discussion of each agenda item
and the opening and closing remarks. The printed minutes and the live preview
both read a Minutes.

Results are read as they were stated when recorded (应到, 实到, counts, result),
never recomputed from today's delegates; once votes stand the attendance is the
roll they were taken on. Voided results stay in the minutes, marked as voided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from models import codes
from models.congress import full_session_name, get_session, get_term
from models.congress_meeting import (
    AgendaItem,
    Attendance,
    Resolution,
    agenda,
    attendance,
    attendance_list,
    resolutions,
    votes,
)
from models.org import OrgProfile, get_profile


@dataclass
class Decision:
    title: str
    kind: str
    text: str
    result: str  # the vote sentence, or '尚未表决'
    passed: bool | None
    voided: list[str] = field(default_factory=list)  # results recorded earlier and voided, each with date and reason
    secret: bool = False  # put to a secret ballot (无记名投票)

    @property
    def how(self) -> str:
        """The way of voting the minutes state, where it was a secret ballot."""
        return "表决方式：无记名投票。" if self.secret else ""


@dataclass
class MinutesItem:
    seq: int
    title: str
    report_title: str
    presenter: str
    speakers: str
    discussion: str
    decisions: list[Decision] = field(default_factory=list)


@dataclass
class Minutes:
    org: OrgProfile
    title: str  # 第X届职工代表大会第Y次会议
    kind_label: str
    date: str
    start_time: str
    end_time: str
    place: str
    host: str
    recorder: str
    executive_chair: str
    nonvoting: str
    attendance: Attendance
    leave_names: list[str]
    absent_names: list[str]
    opening: str
    items: list[MinutesItem]
    other_decisions: list[Decision]  # resolutions not tied to an agenda item
    closing: str
    voided: bool

    @property
    def document_title(self) -> str:
        """第三届职工代表大会第二次会议记录 — not “…第二次会议会议记录”."""
        return minutes_title(self.title)


def minutes_title(session_name: str) -> str:
    return session_name + ("记录" if session_name.endswith("会议") else "会议记录")


def _decision(db: Database, r: Resolution) -> Decision:
    voided = [
        f"（已作废 {v.voided_at[:10]}，原因：{v.void_reason}）原表决结果：{v.statement()}"
        for v in votes(db, r.id)
        if v.voided_at
    ]
    if r.vote is None:
        return Decision(r.title, r.kind, r.text, "尚未表决", None, voided, r.is_secret)
    return Decision(r.title, r.kind, r.text, r.vote.statement(), r.vote.passed, voided, r.is_secret)


def minutes(db: Database, session_id: int) -> Minutes:
    s = get_session(db, session_id)
    get_term(db, s.term_id)
    items: dict[int, MinutesItem] = {}
    for a in agenda(db, session_id):
        items[a.id] = _item(a)
    others: list[Decision] = []
    for r in resolutions(db, session_id):
        d = _decision(db, r)
        if r.agenda_item_id in items:
            items[r.agenda_item_id].decisions.append(d)
        else:
            others.append(d)
    marks = attendance_list(db, session_id)
    return Minutes(
        org=get_profile(db),
        title=full_session_name(db, session_id),
        kind_label=codes.SESSION_KIND.label(s.kind),
        date=s.date,
        start_time=s.start_time,
        end_time=s.end_time,
        place=s.place,
        host=s.host,
        recorder=s.recorder,
        executive_chair=s.executive_chair,
        nonvoting=s.nonvoting,
        attendance=attendance(db, session_id),
        leave_names=[f"{m['delegate'].name}（{m['reason']}）" if m["reason"] else m["delegate"].name for m in marks if m["status"] == "leave"],
        absent_names=[m["delegate"].name for m in marks if m["status"] not in ("present", "leave")],
        opening=s.opening,
        items=list(items.values()),
        other_decisions=others,
        closing=s.closing,
        voided=bool(s.voided_at),
    )


def _item(a: AgendaItem) -> MinutesItem:
    return MinutesItem(a.seq, a.title, a.report_title, a.presenter, a.speakers, a.discussion)
