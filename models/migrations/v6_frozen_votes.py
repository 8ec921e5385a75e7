"""Version 6: votes frozen when recorded."""

from __future__ import annotations

from sqlite_utils import Database

from models import clock
from models.migrations._helpers import _log, _run


def m006_frozen_votes(db: Database) -> None:
    """Votes keep what was stated on the day: 应到, 实到, counts and result, and elections their seats.

    Before, the number of delegates behind a vote was recomputed whenever its result
    was read, so a back-dated by-election could turn 通过 into 未通过, and election
    counts were overwritten in place. Now:
    - resolution_votes holds the frozen values (election rows too; for them yes/no/
      abstain stay 0: their counts are per candidate, in election_tallies);
    - a recorded vote can only be voided, never edited (trigger);
    - the sign-in of a meeting with votes is its roll: every delegate serving that day
      has a row (unsigned ones as 缺席), so a back-dated by-election does not join it.
    Existing votes are frozen with the values the code computed until now, i.e. from
    today's tables (delegates serving on the meeting's date, signed-in 出席), so old
    minutes keep printing exactly what they printed.
    """
    _run(
        db,
        """
ALTER TABLE resolutions ADD COLUMN seats INTEGER;  -- elections: 应选 N 人
ALTER TABLE resolution_votes ADD COLUMN kind TEXT NOT NULL DEFAULT 'resolution';
ALTER TABLE resolution_votes ADD COLUMN expected INTEGER;  -- 应到 when recorded
ALTER TABLE resolution_votes ADD COLUMN present INTEGER;  -- 实到 when recorded
ALTER TABLE resolution_votes ADD COLUMN needed INTEGER;  -- 同意 needed: more than half of expected
ALTER TABLE resolution_votes ADD COLUMN result TEXT;
ALTER TABLE resolution_votes ADD COLUMN seats INTEGER;  -- elections: 应选 N 人 (NULL: recorded before seats were kept)
ALTER TABLE resolution_votes ADD COLUMN ballots INTEGER;  -- elections: 收回选票, when stated

CREATE TABLE election_tallies (
    id INTEGER PRIMARY KEY,
    vote_id INTEGER NOT NULL REFERENCES resolution_votes (id),
    candidate_id INTEGER NOT NULL REFERENCES election_candidates (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    against INTEGER CHECK (against IS NULL OR against >= 0),
    abstain INTEGER CHECK (abstain IS NULL OR abstain >= 0),
    result TEXT NOT NULL CHECK (result IN ('elected', 'not_elected', 'tie')),
    created_at TEXT NOT NULL,
    UNIQUE (vote_id, candidate_id)
);
CREATE INDEX IF NOT EXISTS resolution_votes_resolution ON resolution_votes (resolution_id);
CREATE INDEX IF NOT EXISTS session_attendance_delegate ON session_attendance (delegate_id);
CREATE INDEX IF NOT EXISTS election_tallies_candidate ON election_tallies (candidate_id)
""",
    )
    stamp = clock.now_iso()
    note = "升级数据：冻结表决时的应到、实到和结果"

    def serving(session_id: int) -> tuple[str, list[int]]:
        # As models.congress.session_delegates computed it: serving on the meeting's date.
        date = db.execute("SELECT date FROM congress_sessions WHERE id = ?", (session_id,)).fetchone()[0]
        ids = [
            r[0]
            for r in db.execute(
                "SELECT d.id FROM delegates d JOIN congress_sessions s ON s.term_id = d.term_id WHERE s.id = ?"
                " AND d.start_date <= s.date AND (d.end_date IS NULL OR d.end_date > s.date)",
                (session_id,),
            )
        ]
        return date, ids

    def frozen(session_id: int) -> tuple[int, int, int]:
        _, ids = serving(session_id)
        present = db.execute(
            f"SELECT count(*) FROM session_attendance WHERE session_id = ? AND status = 'present'"
            f" AND delegate_id IN ({','.join('?' * len(ids)) or 'NULL'})",
            (session_id, *ids),
        ).fetchone()[0]
        return len(ids), present, len(ids) // 2 + 1

    for vote_id, session_id, yes in db.execute(
        "SELECT v.id, r.session_id, v.yes FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id"
    ).fetchall():
        expected, present, needed = frozen(session_id)
        values = {"expected": expected, "present": present, "needed": needed, "result": "passed" if yes >= needed else "failed"}
        db.execute(
            "UPDATE resolution_votes SET expected = ?, present = ?, needed = ?, result = ? WHERE id = ?",
            (*values.values(), vote_id),
        )
        _log(db, "resolution_votes", vote_id, "update", values, stamp, note)

    # Elections kept their counts on the candidates (overwritable); each becomes one
    # recorded vote with a tally per candidate. Seats were not kept: every candidate
    # over the majority was elected, so that is what is frozen (a missing count
    # printed as 0 and 未当选, and still does).
    elections = db.execute(
        "SELECT r.id, r.session_id, r.created_at FROM resolutions r WHERE r.kind = 'election'"
        " AND EXISTS (SELECT 1 FROM election_candidates c WHERE c.resolution_id = r.id AND c.votes_for IS NOT NULL)"
    ).fetchall()
    for resolution_id, session_id, created_at in elections:
        expected, present, needed = frozen(session_id)
        candidates = db.execute(
            "SELECT id, coalesce(votes_for, 0) FROM election_candidates WHERE resolution_id = ? ORDER BY id", (resolution_id,)
        ).fetchall()
        elected = any(votes >= needed for _, votes in candidates)
        when = db.execute(
            "SELECT max(at) FROM audit_log WHERE table_name = 'election_candidates' AND row_id IN"
            " (SELECT id FROM election_candidates WHERE resolution_id = ?) AND after LIKE '%votes_for%'",
            (resolution_id,),
        ).fetchone()[0] or created_at
        values = {
            "resolution_id": resolution_id, "kind": "election", "yes": 0, "no": 0, "abstain": 0, "expected": expected,
            "present": present, "needed": needed, "result": "filled" if elected else "unfilled", "created_at": when,
        }
        vote_id = db.execute(
            f"INSERT INTO resolution_votes ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})", tuple(values.values())
        ).lastrowid
        _log(db, "resolution_votes", vote_id, "insert", values, stamp, note)
        for candidate_id, votes in candidates:
            tally = {"vote_id": vote_id, "candidate_id": candidate_id, "votes": votes,
                     "result": "elected" if votes >= needed else "not_elected", "created_at": when}
            tally_id = db.execute(
                f"INSERT INTO election_tallies ({', '.join(tally)}) VALUES ({', '.join('?' * len(tally))})", tuple(tally.values())
            ).lastrowid
            _log(db, "election_tallies", tally_id, "insert", tally, stamp, note)

    # Close the roll of every meeting with a standing vote: delegates serving that day
    # who never signed in were counted as 缺席; write it down so it stays so.
    voted = db.execute(
        "SELECT DISTINCT r.session_id FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id"
        " WHERE v.voided_at IS NULL AND r.voided_at IS NULL"
    ).fetchall()
    for (session_id,) in voted:
        _, ids = serving(session_id)
        signed = {r[0] for r in db.execute("SELECT delegate_id FROM session_attendance WHERE session_id = ?", (session_id,))}
        for delegate_id in ids:
            if delegate_id not in signed:
                row = {"session_id": session_id, "delegate_id": delegate_id, "status": "absent", "reason": ""}
                row_id = db.execute(
                    "INSERT INTO session_attendance (session_id, delegate_id, status, reason) VALUES (?, ?, ?, ?)", tuple(row.values())
                ).lastrowid
                _log(db, "session_attendance", row_id, "insert", row, stamp, note)

    _run(
        db,
        """
-- A stated vote is never edited: only voided (once), then recorded anew.
CREATE TRIGGER resolution_votes_frozen BEFORE UPDATE ON resolution_votes
WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
  OR NEW.resolution_id IS NOT OLD.resolution_id OR NEW.kind IS NOT OLD.kind
  OR NEW.yes IS NOT OLD.yes OR NEW.no IS NOT OLD.no OR NEW.abstain IS NOT OLD.abstain
  OR NEW.expected IS NOT OLD.expected OR NEW.present IS NOT OLD.present OR NEW.needed IS NOT OLD.needed
  OR NEW.result IS NOT OLD.result OR NEW.seats IS NOT OLD.seats OR NEW.ballots IS NOT OLD.ballots
  OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, '表决结果不能修改，只能作废后重新登记'); END;

CREATE TRIGGER resolution_votes_codes BEFORE INSERT ON resolution_votes
WHEN NOT (
    (NEW.kind = 'resolution' AND NEW.result IN ('passed', 'failed'))
 OR (NEW.kind = 'election' AND NEW.result IN ('filled', 'unfilled', 'runoff')))
  OR NEW.expected IS NULL OR NEW.present IS NULL OR NEW.needed IS NULL
  OR NEW.kind IS NOT (SELECT kind FROM resolutions WHERE id = NEW.resolution_id)
BEGIN SELECT RAISE(ABORT, '表决结果的类型或结果代码无效'); END;

CREATE TRIGGER election_tallies_no_edit BEFORE UPDATE ON election_tallies
BEGIN SELECT RAISE(ABORT, '选举计票结果不能修改，只能作废后重新登记'); END;
CREATE TRIGGER election_tallies_no_delete BEFORE DELETE ON election_tallies
BEGIN SELECT RAISE(ABORT, '选举计票结果不能删除，只能作废'); END;

-- The old place of election counts is read-only now (kept for history).
CREATE TRIGGER election_candidates_votes_frozen BEFORE UPDATE OF votes_for ON election_candidates
WHEN NEW.votes_for IS NOT OLD.votes_for
BEGIN SELECT RAISE(ABORT, '选举得票请作为新的表决结果登记'); END;

CREATE TRIGGER resolutions_kind_insert BEFORE INSERT ON resolutions
WHEN NEW.kind NOT IN ('resolution', 'election') OR (NEW.seats IS NOT NULL AND NEW.seats < 1)
BEGIN SELECT RAISE(ABORT, '表决事项类型无效'); END;
CREATE TRIGGER resolutions_kind_update BEFORE UPDATE OF kind, seats ON resolutions
WHEN NEW.kind NOT IN ('resolution', 'election') OR (NEW.seats IS NOT NULL AND NEW.seats < 1)
BEGIN SELECT RAISE(ABORT, '表决事项类型无效'); END
""",
    )
