"""What a congress's 决议 says: only the items the meeting adopted, as the books state them.

A resolution document lists what passed (an election: who was elected); items that
failed, were not voted on, or whose vote was voided appear only in the minutes. A
voided session's document is still printable but says it is void, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from models.congress import full_session_name, get_session, get_term
from models.congress_meeting import resolutions


@dataclass
class Adopted:
    title: str
    kind: str  # 'resolution' | 'election'
    text: str
    statement: str  # the vote sentence as recorded
    elected: list[str] = field(default_factory=list)
    secret: bool = False  # adopted by secret ballot (无记名投票)


@dataclass
class ResolutionsDoc:
    session_name: str  # 第X届职工代表大会第Y次会议
    term_name: str  # 第X届职工代表大会
    date: str
    adopted: list[Adopted]
    not_adopted: int  # items of the meeting that are not resolutions (failed, unvoted, tied)
    voided_at: str | None = None
    void_reason: str | None = None

    @property
    def signer(self) -> str:
        """Who signs: the congress's presidium (an all-worker assembly has one too)."""
        return "职工大会主席团" if self.term_name.endswith("职工大会") else "职工代表大会主席团"


def resolutions_doc(db: Database, session_id: int) -> ResolutionsDoc:
    s = get_session(db, session_id)
    term = get_term(db, s.term_id)
    adopted: list[Adopted] = []
    others = 0
    for r in resolutions(db, session_id):
        if r.vote is None or not r.vote.passed:
            others += 1
            continue
        adopted.append(Adopted(r.title, r.kind, r.text, r.vote.statement(), r.vote.elected if r.kind == "election" else [], r.is_secret))
    return ResolutionsDoc(full_session_name(db, session_id), term.name, s.date, adopted, others, s.voided_at, s.void_reason)
