"""The rules of a congress vote and the words the minutes use for it; no database here.

A vote is a fact stated on the day: 应到 (delegates serving on the meeting's
date), 实到 (signed in), the counts and the result are decided once, when the vote
is recorded, and stored (models/congress_meeting.py). Nothing here is ever
recomputed from today's delegate list or sign-in.

Rules (企业民主管理规定): a resolution passes, and a candidate can be elected, only
with more than half of ALL delegates (全体职工代表的过半数), not of those present.
An election has N seats (应选 N 人): candidates over that majority are ranked by
votes and fill the seats; when candidates tie for the last seat nobody takes it
and the tied candidates must be voted on again (再次投票).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.codes import Code, CodeList

# The result stored with a vote. (These lists belong beside the others in
# models/codes.py; they live here until that file can take them.)
VOTE_RESULT = CodeList(
    "表决结果",
    (
        Code("passed", "通过"),
        Code("failed", "未通过"),
        Code("filled", "名额选满"),
        Code("unfilled", "名额未选满"),
        Code("runoff", "末位得票相同，需再次投票"),
    ),
)
TALLY_RESULT = CodeList("选举结果", (Code("elected", "当选"), Code("not_elected", "未当选"), Code("tie", "得票相同，需再次投票")))


def majority_needed(total_delegates: int) -> int:
    """The smallest 同意 count that is more than half of all delegates."""
    return total_delegates // 2 + 1


@dataclass(frozen=True)
class Tally:
    """One candidate's count in one recorded election, with the result decided then."""

    candidate_id: int
    name: str
    votes: int  # 同意 (得票)
    against: int | None  # 不同意, None when not stated
    abstain: int | None  # 弃权, None when not stated
    result: str  # TALLY_RESULT

    def phrase(self) -> str:
        others = ""
        if self.against is not None or self.abstain is not None:
            others = f"（不同意 {self.against or 0} 票，弃权 {self.abstain or 0} 票）"
        return f"{self.name} 得票 {self.votes} 票{others}，{TALLY_RESULT.label(self.result)}"


@dataclass(frozen=True)
class Vote:
    """One recorded vote exactly as stated; voided ones stay readable."""

    id: int
    resolution_id: int
    kind: str  # 'resolution' | 'election'
    expected: int  # 应到: delegates serving on the meeting's date, when recorded
    present: int  # 实到 when recorded
    needed: int  # 同意 needed: more than half of `expected`
    result: str  # VOTE_RESULT
    yes: int = 0
    no: int = 0
    abstain: int = 0
    seats: int | None = None  # elections: 应选 N 人 (None: recorded before seats were kept)
    ballots: int | None = None  # elections: 收回选票, when stated
    tallies: tuple[Tally, ...] = field(default_factory=tuple)
    recorded_at: str = ""
    voided_at: str | None = None
    void_reason: str | None = None

    @property
    def passed(self) -> bool:
        """A resolution passed; an election elected somebody."""
        if self.kind == "election":
            return any(t.result == "elected" for t in self.tallies)
        return self.result == "passed"

    @property
    def not_voted(self) -> int:
        return max(0, self.expected - self.yes - self.no - self.abstain)

    @property
    def elected(self) -> list[str]:
        return [t.name for t in self.tallies if t.result == "elected"]

    @property
    def note(self) -> str:
        """Why seats stay empty: the run-off message, or ''."""
        tied = [t for t in self.tallies if t.result == "tie"]
        if self.result != "runoff" or not tied or self.seats is None:
            return ""
        left = self.seats - len(self.elected)
        return (
            f"{'、'.join(t.name for t in tied)}得票相同（各 {tied[0].votes} 票），"
            f"剩余 {left} 个名额暂无人当选，需对得票相同的候选人再次投票。"
        )

    def statement(self) -> str:
        """The sentence of the minutes for this vote."""
        if self.kind == "election":
            return self._election_statement()
        verdict = VOTE_RESULT.label(self.result)
        return (
            f"同意 {self.yes} 票，不同意 {self.no} 票，弃权 {self.abstain} 票，未投票 {self.not_voted} 人；"
            f"同意票{'超过' if self.passed else '未超过'}全体代表（{self.expected} 人）的半数，{verdict}。"
        )

    def _election_statement(self) -> str:
        parts = "；".join(t.phrase() for t in self.tallies) + "。"
        if self.seats is None:
            # Elections recorded before seats were kept print as they always did.
            return parts
        head = f"应选 {self.seats} 人"
        if self.ballots is not None:
            head += f"，收回选票 {self.ballots} 张"
        head += f"；当选须获全体代表（{self.expected} 人）过半数即不少于 {self.needed} 票的同意。"
        if self.result == "runoff":
            tail = self.note
        elif self.result == "unfilled":
            tail = f"共 {len(self.elected)} 人当选，名额未选满（尚缺 {self.seats - len(self.elected)} 名）。"
        else:
            tail = f"共 {len(self.elected)} 人当选。"
        return head + parts + tail


def decide_election(expected: int, seats: int, counts: list[tuple[int, int]]) -> tuple[dict[int, str], str]:
    """Who is elected: (candidate id → TALLY_RESULT, election result) from (candidate id, votes).

    Over the majority of all delegates, ranked by votes, until the seats are full;
    candidates tied for the last seat are all flagged 'tie' and none takes it.
    """
    needed = majority_needed(expected)
    outcome = {cid: "not_elected" for cid, _ in counts}
    eligible = sorted((c for c in counts if c[1] >= needed), key=lambda c: -c[1])
    if len(eligible) <= seats:
        for cid, _ in eligible:
            outcome[cid] = "elected"
        return outcome, "filled" if len(eligible) == seats else "unfilled"
    last = eligible[seats - 1][1]
    if eligible[seats][1] != last:
        for cid, _ in eligible[:seats]:
            outcome[cid] = "elected"
        return outcome, "filled"
    for cid, votes in eligible:
        if votes > last:
            outcome[cid] = "elected"
        elif votes == last:
            outcome[cid] = "tie"
    return outcome, "runoff"
