"""Version 7: records that know time — a trail nobody edits, codes the file enforces, the workforce by year."""

from __future__ import annotations

import json

from sqlite_utils import Database

from models import clock
from models.migrations._helpers import CodedColumn, _log, _run, code_checks

NOTE = "升级数据"

# The code lists as they stand at this version, frozen here (models/codes.py may grow;
# a later code is added by a later migration, see models/coded_columns.py).
_GENDER = ("1", "2")
_ETHNICITY = tuple(f"{i:02d}" for i in range(1, 57))  # GB 3304
_ID_TYPE = ("ric", "passport", "hk_mo", "tw", "other")
_POLITICAL_STATUS = tuple(f"{i:02d}" for i in range(1, 14))  # GB/T 4762
_EDUCATION = ("postgrad", "bachelor", "college", "vocational", "high", "junior", "primary")
_SKILL_LEVEL = ("none", "l1", "l2", "l3", "l4", "l5")
_HUKOU_TYPE = ("urban", "rural", "converted")
_EMPLOYMENT = ("employed", "laid_off", "unemployed", "retired", "veteran_retired", "resigned", "early_retired", "sick_leave", "flexible", "other")
_MEMBER_STATUS = ("active", "retained", "left", "unknown")
_MEMBERSHIP_EVENT = ("join", "transfer_in", "retain", "restore", "transfer_out", "expel", "withdraw", "death")
_MEMBERSHIP_REASON = ("labour_change", "laid_off", "unemployed", "bankrupt", "retired", "own_request", "crime", "death", "other")
_SESSION_KIND = ("regular", "special")
_DELEGATE_CATEGORY = ("frontline", "technical", "management", "leader", "other")
_DELEGATE_START = ("elected", "by_election")
_DELEGATE_END = ("recalled", "transferred", "resigned", "retired", "deceased", "other")
_ATTENDANCE = ("present", "leave", "absent")
_RESOLUTION_KIND = ("resolution", "election")
_VOTE_RESULT = ("passed", "failed", "filled", "unfilled", "runoff")
_TALLY_RESULT = ("elected", "not_elected", "tie")
_PROPOSAL_CATEGORY = ("operations", "wages", "safety", "welfare", "training", "management", "other")
_PROPOSAL_STATE = ("submitted", "accepted", "rejected", "converted", "assigned", "replied", "rated", "closed")
_PROPOSAL_RATING = ("satisfied", "basically", "unsatisfied")
_PROPOSAL_ACTION = ("submit", "accept", "reject", "convert", "assign", "reply", "rate", "reopen", "close")
_WORK_STATUS = ("employed", "laid_off", "unemployed", "retired", "sick_leave", "early_retired", "migrant")
_MODEL_WORKER = ("none", "national", "provincial", "city", "other")
_MARRIAGE = ("married", "single", "divorced", "widowed")
_HOUSING = ("owned", "rented", "unit_public", "low_rent", "self_built", "none", "other")
_HARDSHIP_CAUSE = (
    "no_ability", "unemployed_able", "laid_off", "no_insurance", "insurance_gap", "major_illness",
    "disaster", "accident", "schooling", "disability", "single_parent", "other",
)
_AID_TIER = ("deep", "relative", "accident")
_CASE_STATE = ("applied", "visited", "reviewed", "notice", "active", "out_of_hardship", "cancelled")
_CASE_CLOSE_REASON = ("out_of_hardship", "retired", "transferred", "deceased", "other")
_RELATION = ("self", "spouse", "child", "parent", "parent_in_law", "grandchild", "sibling", "other")
_HEALTH = ("good", "minor", "chronic", "major", "disabled")
_CASE_EVENT = ("apply", "visit", "review", "notice", "approve", "annual_review", "tier_change", "close")
_CASE_EVENT_OUTCOME = ("kept", "tier_changed", "closed", *_CASE_CLOSE_REASON)
_AID_TYPE = ("living", "medical", "education", "autumn_education", "warmth", "employment", "temporary", "other")
_FUNDING_SOURCE = ("own", "upper", "donation", "company", "other")
_AUDIT_ACTION = ("insert", "update", "void", "delete", "event")

# (table, column, label in the message, '' allowed, codes, JSON list)
CODED: list[CodedColumn] = [
    ("members", "gender", "性别", True, _GENDER, False),
    ("members", "ethnicity", "民族", True, _ETHNICITY, False),
    ("members", "id_type", "证件类别", False, _ID_TYPE, False),
    ("members", "political_status", "政治面貌", True, _POLITICAL_STATUS, False),
    ("members", "education", "学历", True, _EDUCATION, False),
    ("members", "skill_level", "技术等级", True, _SKILL_LEVEL, False),
    ("members", "hukou_type", "户籍类型", True, _HUKOU_TYPE, False),
    ("members", "employment_status", "就业状况", True, _EMPLOYMENT, False),
    ("members", "status", "会籍状态", False, _MEMBER_STATUS, False),
    ("membership_events", "kind", "会籍变动类型", False, _MEMBERSHIP_EVENT, False),
    ("membership_events", "reason", "变动原因", True, _MEMBERSHIP_REASON, False),
    ("congress_sessions", "kind", "会议类型", False, _SESSION_KIND, False),
    ("delegates", "category", "代表类别", False, _DELEGATE_CATEGORY, False),
    ("delegates", "start_how", "产生方式", False, _DELEGATE_START, False),
    ("delegates", "end_how", "终止原因", False, _DELEGATE_END, False),
    ("session_attendance", "status", "出席情况", False, _ATTENDANCE, False),
    ("resolutions", "kind", "表决事项类型", False, _RESOLUTION_KIND, False),
    ("resolution_votes", "kind", "表决类型", False, _RESOLUTION_KIND, False),
    ("resolution_votes", "result", "表决结果", False, _VOTE_RESULT, False),
    ("election_tallies", "result", "当选结果", False, _TALLY_RESULT, False),
    ("proposals", "category", "提案类别", False, _PROPOSAL_CATEGORY, False),
    ("proposals", "state", "提案状态", False, _PROPOSAL_STATE, False),
    ("proposals", "rating", "代表评价", False, _PROPOSAL_RATING, False),
    ("proposal_events", "action", "办理步骤", False, _PROPOSAL_ACTION, False),
    ("proposal_events", "from_state", "原状态", False, _PROPOSAL_STATE, False),
    ("proposal_events", "to_state", "新状态", False, _PROPOSAL_STATE, False),
    ("aid_cases", "gender", "性别", True, _GENDER, False),
    ("aid_cases", "work_status", "工作状态", True, _WORK_STATUS, False),
    ("aid_cases", "model_worker", "劳模类型", True, _MODEL_WORKER, False),
    ("aid_cases", "marriage", "婚姻状况", True, _MARRIAGE, False),
    ("aid_cases", "housing_type", "住房类型", True, _HOUSING, False),
    ("aid_cases", "main_cause", "主要致困原因", False, _HARDSHIP_CAUSE, False),
    ("aid_cases", "secondary_causes", "次要致困原因", False, _HARDSHIP_CAUSE, True),
    ("aid_cases", "suggested_tier", "建议困难类别", False, _AID_TIER, False),
    ("aid_cases", "tier", "困难类别", False, _AID_TIER, False),
    ("aid_cases", "state", "档案状态", False, _CASE_STATE, False),
    ("aid_cases", "close_reason", "退出原因", False, _CASE_CLOSE_REASON, False),
    ("aid_household", "relation", "与申请人关系", False, _RELATION, False),
    ("aid_household", "gender", "性别", True, _GENDER, False),
    ("aid_household", "health", "健康状况", True, _HEALTH, False),
    ("aid_case_events", "kind", "档案事项", False, _CASE_EVENT, False),
    ("aid_case_events", "outcome", "结论", False, _CASE_EVENT_OUTCOME, False),
    ("aid_case_events", "from_state", "原档案状态", False, _CASE_STATE, False),
    ("aid_case_events", "to_state", "新档案状态", False, _CASE_STATE, False),
    ("aid_case_events", "from_tier", "原困难类别", False, _AID_TIER, False),
    ("aid_case_events", "to_tier", "新困难类别", False, _AID_TIER, False),
    ("aid_rounds", "aid_type", "帮扶类型", False, _AID_TYPE, False),
    ("aid_payments", "aid_type", "帮扶类型", False, _AID_TYPE, False),
    ("aid_payments", "funding_source", "资金来源", False, _FUNDING_SOURCE, False),
    ("audit_log", "action", "操作", False, _AUDIT_ACTION, False),
]


def m007_trail_codes_workforce(db: Database) -> None:
    """Records that know time (issue 8, foundations).

    - The audit trail is append-only: triggers refuse any UPDATE or DELETE of
      audit_log. Its action is checked like every code (below) instead of by a CHECK,
      so two actions could join: 'delete' (a record entered by mistake, removed with
      what it held) and 'event' (done to the ledger as a whole, e.g. a restore).
    - The member status trigger no longer counts a change of unknown kind as 已离会:
      such a member is 'unknown' (未知), and members already marked so are corrected.
    - Every coded column accepts only its codes (models/coded_columns.py); rows
      written before keep what they hold and are listed by find_unknown_codes().
    - The union's worker counts (职工总数, 女职工, 农民工, 劳务派遣) are kept per year
      in org_workforce; those of org_profile move there (see _workforce_by_year).
    """
    stamp = clock.now_iso()
    _append_only_trail(db)
    _status_never_guessed(db, stamp)
    code_checks(db, CODED)
    _workforce_by_year(db, stamp)


def _append_only_trail(db: Database) -> None:
    # The 12-step rebuild drops the CHECK on action; ids (which Ledger.poll follows) are kept.
    _run(
        db,
        """
CREATE TABLE audit_log_v7 (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL,  -- codes.AUDIT_ACTION, checked by its code triggers
    before TEXT,
    after TEXT,
    note TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_log_v7 (id, at, table_name, row_id, action, before, after, note)
    SELECT id, at, table_name, row_id, action, before, after, note FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_v7 RENAME TO audit_log;
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '变更记录不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '变更记录不能删除'); END
""",
    )


_STATUS_OF_LATEST = """(
    SELECT CASE e.kind
      WHEN 'join' THEN 'active' WHEN 'transfer_in' THEN 'active' WHEN 'restore' THEN 'active'
      WHEN 'retain' THEN 'retained'
      WHEN 'transfer_out' THEN 'left' WHEN 'expel' THEN 'left' WHEN 'withdraw' THEN 'left' WHEN 'death' THEN 'left'
      ELSE 'unknown' END
    FROM membership_events e
    WHERE e.member_id = {member} AND e.voided_at IS NULL
    ORDER BY e.date DESC, e.id DESC LIMIT 1)"""


def _status_never_guessed(db: Database, stamp: str) -> None:
    status = _STATUS_OF_LATEST.format(member="NEW.member_id")
    _run(
        db,
        f"""
DROP TRIGGER membership_events_status_ai;
DROP TRIGGER membership_events_status_au;
CREATE TRIGGER membership_events_status_ai AFTER INSERT ON membership_events
BEGIN
  UPDATE members SET status = {status} WHERE id = NEW.member_id;
END;
CREATE TRIGGER membership_events_status_au AFTER UPDATE OF voided_at ON membership_events
BEGIN
  UPDATE members SET status = {status} WHERE id = NEW.member_id;
END
""",
    )
    latest = _STATUS_OF_LATEST.format(member="m.id")
    wrong = db.execute(f"SELECT m.id, m.status FROM members m WHERE m.status = 'left' AND {latest} = 'unknown'").fetchall()
    for member_id, _ in wrong:
        db.execute("UPDATE members SET status = 'unknown' WHERE id = ?", (member_id,))
        _log(db, "members", member_id, "update", {"status": "unknown"}, stamp, f"{NOTE}：最近一次会籍变动的类型无法识别，会籍状态由“已离会”改为“未知”")


_COUNTS = ("workers_total", "workers_female", "workers_migrant", "workers_dispatched")


def _workforce_by_year(db: Database, stamp: str) -> None:
    """Worker counts per year, from the profile's audit trail.

    The counts were one current row, overwritten whenever the profile was saved;
    the audit trail logged each save with its time. Replaying it gives the counts
    as they stood at the end of each year in which they were saved, which is what
    that year's figures were. A file whose current counts the trail does not end on
    (edited outside the program) gets them for this year.
    """
    _run(
        db,
        """
CREATE TABLE org_workforce (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2100),
    workers_total INTEGER NOT NULL DEFAULT 0 CHECK (workers_total >= 0),
    workers_female INTEGER NOT NULL DEFAULT 0 CHECK (workers_female >= 0),
    workers_migrant INTEGER NOT NULL DEFAULT 0 CHECK (workers_migrant >= 0),
    workers_dispatched INTEGER NOT NULL DEFAULT 0 CHECK (workers_dispatched >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
)
""",
    )
    current = dict(zip(_COUNTS, db.execute(f"SELECT {', '.join(_COUNTS)} FROM org_profile WHERE id = 1").fetchone() or (0,) * 4))
    counts = dict.fromkeys(_COUNTS, 0)  # the row was created with zeros, unlogged
    by_year: dict[int, dict[str, int]] = {}
    for at, after in db.execute(
        "SELECT at, after FROM audit_log WHERE table_name = 'org_profile' AND row_id = 1 AND action IN ('insert', 'update') ORDER BY id"
    ).fetchall():
        try:
            values = json.loads(after or "{}")
            year = int(at[:4])
        except (TypeError, ValueError):
            continue
        changed = {k: values[k] for k in _COUNTS if k in values and isinstance(values[k], int)}
        if changed and 1900 <= year <= 2100:
            counts.update(changed)
            by_year[year] = dict(counts)
    last = by_year[max(by_year)] if by_year else dict.fromkeys(_COUNTS, 0)
    if last != current:
        by_year[clock.today().year] = current
    for year, values in sorted(by_year.items()):
        row = {"year": year, **values, "created_at": stamp}
        row_id = db.execute(
            f"INSERT INTO org_workforce ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
        ).lastrowid
        _log(db, "org_workforce", row_id, "insert", row, stamp, f"{NOTE}：职工人数按年度保存")
    _run(
        db,
        """
CREATE TABLE org_profile_v7 (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    union_name TEXT NOT NULL DEFAULT '',
    unit_name TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    unit_nature TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    vice_chair TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    parent_union TEXT NOT NULL DEFAULT '',
    founded_on TEXT NOT NULL DEFAULT '',
    min_living_fen INTEGER NOT NULL DEFAULT 0 CHECK (min_living_fen >= 0)
);
INSERT INTO org_profile_v7 (id, union_name, unit_name, credit_code, unit_nature, industry, chair, vice_chair, phone, address,
                            parent_union, founded_on, min_living_fen)
    SELECT id, union_name, unit_name, credit_code, unit_nature, industry, chair, vice_chair, phone, address,
           parent_union, founded_on, min_living_fen FROM org_profile;
DROP TABLE org_profile;
ALTER TABLE org_profile_v7 RENAME TO org_profile
""",
    )
