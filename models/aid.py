"""Difficult-worker case files (困难职工档案): one household, one file, a timeline.

The measure of hardship (domain §4): (household yearly income − spending forced by
the hardship) ÷ 12 ÷ household size, compared with the local minimum living
standard (低保, in 设置). 深度困难: ≤ 低保 with a cause; 相对困难: ≤ multiplier × 低保
with a cause; 意外致困: a sudden cause (illness, accident, disaster) whatever the
income. The program suggests; the chair confirms or overrides with a reason, and
both are kept. The life of a file is a list of dated events; files are closed,
never deleted, and closed files stay in their own lists.

Time: every change of state or tier is a dated event with coded from/to values,
written through models.aid_history (which explains the mechanism); the file, its
tier and its household can be read as of any date (case_as_of, cases_as_of).
Household members carry the dates they joined and left the household.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict, dataclass, field

from sqlite_utils import Database

from models import audit, codes
from models.aid_measure import NO_INCOME, has_income, per_capita_monthly_fen, suggest_tier, suggestion_text  # noqa: F401
from models.aid_history import CLOSED_STATES, KEEP, OPEN_STATES, PENDING_STATES, cases_as_of, record, rewrite_tier
from models.org import get_profile, get_setting
from models.field_rules import NOTE, check_column_text
from models.field_rules import label as field_label
from models.validation import MAX_MONEY_FEN, ValidationError, check_choice, check_fen, check_flag, check_number, check_text
from models.validation import normalize_id_number, normalize_phone, parse_date, quote

audit.TABLE_LABELS.update({"aid_cases": "困难职工档案", "aid_household": "家庭成员", "aid_case_events": "档案事项"})


# event kind → (states it may follow, state it leads to)
CASE_FLOW: dict[str, tuple[tuple[str, ...], str]] = {
    "visit": (("applied",), "visited"),
    "review": (("visited",), "reviewed"),
    "notice": (("reviewed",), "notice"),
    "approve": (("notice",), "active"),
}


class NeedsReason(ValidationError):
    """A step that is allowed only with a written reason (e.g. approval before the notice ends)."""


@dataclass
class HouseholdMember:
    name: str
    relation: str  # codes.RELATION
    monthly_income_fen: int = 0
    gender: str = ""
    id_number: str = ""
    birth_date: str = ""
    health: str = "good"  # codes.HEALTH
    occupation: str = ""  # job or school
    medical_insurance: str = ""
    id: int | None = None
    joined_on: str = ""  # the day they joined the household (for a file being applied for: the application day)
    left_on: str | None = None  # the day they left it (moved out, died)
    left_reason: str = ""


HOUSEHOLD_EDITABLE = ["name", "relation", "monthly_income_fen", "gender", "id_number", "birth_date", "health", "occupation", "medical_insurance"]


@dataclass
class CaseAsOf:
    """A file as it stood on a day: its state, the tier in effect (None before approval) and the household."""

    case_id: int
    on: str
    state: str
    tier: str | None
    last_event_on: str  # the date of the last event on or before `on`
    household: list[HouseholdMember]


@dataclass
class Case:
    worker_name: str
    worker_id_number: str
    main_cause: str  # codes.HARDSHIP_CAUSE
    opened_on: str
    member_id: int | None = None
    secondary_causes: list[str] = field(default_factory=list)
    gender: str = ""
    phone: str = ""
    department: str = ""
    work_status: str = "employed"
    model_worker: str = "none"
    marriage: str = ""
    is_single_parent: bool = False
    is_zero_employment: bool = False
    housing_type: str = ""
    self_help: str = ""  # codes.SELF_HELP (自救能力)
    housing_area: float | None = None
    address: str = ""
    bank_name: str = ""
    bank_account: str = ""
    hardship_spending_fen: int = 0  # 因困支出, per year
    file_no: str = ""
    created_by: str = ""
    reviewed_by: str = ""
    entered_by: str = ""
    note: str = ""
    id: int | None = None
    state: str = "applied"
    suggested_tier: str | None = None
    tier: str | None = None
    tier_reason: str = ""
    closed_on: str | None = None
    close_reason: str | None = None
    close_measure: str = ""


CASE_EDITABLE = [
    "worker_name", "worker_id_number", "main_cause", "member_id", "gender", "phone", "department",
    "work_status", "model_worker", "marriage", "is_single_parent", "is_zero_employment", "housing_type", "self_help",
    "housing_area", "address", "bank_name", "bank_account", "hardship_spending_fen", "file_no",
    "created_by", "reviewed_by", "entered_by", "note",
]


# ---------------------------------------------------------------- income and tier

def _causes(case: Case) -> list[str]:
    return [case.main_cause, *case.secondary_causes]


def assess(db: Database, case_id: int) -> dict:
    """Household size, income figures and the suggested tier of a file, as plain data.

    "suggestion" is what the forms and the case window print: the suggested tier's label,
    缺少收入数据… when no income is entered (then no tier is suggested), or 不符合建档条件."""
    case = get_case(db, case_id)
    household = household_members(db, case_id)
    min_living = get_profile(db).min_living_fen
    multiplier = float(get_setting(db, "aid_relative_multiplier"))
    per_capita = per_capita_monthly_fen(household, case.hardship_spending_fen)
    missing = not has_income(household)
    tier = None if missing else suggest_tier(per_capita, min_living, multiplier, _causes(case))
    return {
        "size": len(household),
        "household_monthly_fen": sum(h.monthly_income_fen for h in household),
        "household_yearly_fen": sum(h.monthly_income_fen for h in household) * 12,
        "per_capita_fen": per_capita,
        "min_living_fen": min_living,
        "multiplier": multiplier,
        "income_missing": missing,
        "suggested_tier": tier,
        "suggestion": suggestion_text(tier, income_missing=missing),
    }


# ---------------------------------------------------------------- the file

_CASE_TEXT = ("department", "address", "bank_name", "bank_account", "file_no", "created_by", "reviewed_by", "entered_by", "note")
_CASE_CODES = (("work_status", codes.WORK_STATUS), ("model_worker", codes.MODEL_WORKER), ("marriage", codes.MARRIAGE), ("housing_type", codes.HOUSING), ("self_help", codes.SELF_HELP))
_CASE_FLAGS = ("is_single_parent", "is_zero_employment")


def _validate_case(c: Case) -> Case:
    """The file's particulars, every one checked and named before anything reads them."""
    c = Case(**asdict(c))
    c.worker_name = check_column_text("aid_cases", "worker_name", c.worker_name, required=True).replace(" ", "")
    if not c.worker_name:
        raise ValidationError("职工姓名", "不能为空", key="worker_name")
    c.worker_id_number = normalize_id_number("身份证号", c.worker_id_number, key="worker_id_number")
    from models.validation import id_gender

    c.gender = id_gender(c.worker_id_number)
    if c.main_cause not in codes.HARDSHIP_CAUSE:
        raise ValidationError("主要致困原因", "请选择一项主要致困原因", key="main_cause")
    c.secondary_causes = _secondary_causes(c.secondary_causes, c.main_cause)
    c.phone = normalize_phone("联系电话", c.phone, key="phone")
    c.opened_on = parse_date("建档日期", c.opened_on, key="opened_on")
    if not c.opened_on:
        raise ValidationError("建档日期", "不能为空", key="opened_on")
    c.hardship_spending_fen = check_fen("因困支出", c.hardship_spending_fen, key="hardship_spending_fen", maximum=MAX_MONEY_FEN)
    if c.housing_area is not None:
        c.housing_area = check_number("住房面积", c.housing_area, key="housing_area", minimum=0, maximum=10_000)
    for key in _CASE_FLAGS:  # bool("否") would be True
        setattr(c, key, check_flag(field_label("aid_cases", key), getattr(c, key), key=key))
    for key, code_list in _CASE_CODES:
        value = getattr(c, key)
        if value:
            check_choice(code_list.name, value, code_list, key=key)
    for key in _CASE_TEXT:
        setattr(c, key, check_column_text("aid_cases", key, getattr(c, key)))
    return c


def _secondary_causes(causes: object, main_cause: str) -> list[str]:
    """Up to three codes besides the main cause, each checked before dict.fromkeys() hashes it."""
    label = "次要致困原因"
    if not isinstance(causes, (list, tuple)):
        raise ValidationError(label, "应为所选原因的列表", key="secondary_causes")
    for x in causes:
        if x:
            check_choice(label, x, codes.HARDSHIP_CAUSE, key="secondary_causes")
    secondary = list(dict.fromkeys(x for x in causes if x))
    if len(secondary) > 3:
        raise ValidationError(label, "最多选择三项", key="secondary_causes")
    if main_cause in secondary:
        raise ValidationError(label, "不能与主要致困原因相同", key="secondary_causes")
    return secondary


def _case_values(c: Case) -> dict:
    values = {k: getattr(c, k) for k in CASE_EDITABLE}
    values["secondary_causes"] = json.dumps(c.secondary_causes, ensure_ascii=False)
    for key in _CASE_FLAGS:  # already checked flags (see _validate_case)
        values[key] = int(getattr(c, key))
    return values


def open_file(db: Database, case: Case) -> int:
    """Open a file (申请): refused when the worker already has an open one, naming it."""
    c = _validate_case(case)
    with db.atomic():
        existing = db.execute(
            f"SELECT id, file_no, opened_on FROM aid_cases WHERE worker_id_number = ? AND state IN ({','.join('?' * len(OPEN_STATES))})",
            (c.worker_id_number, *OPEN_STATES),
        ).fetchone()
        if existing:
            label = existing[1] or f"编号 {existing[0]}"
            raise ValidationError(
                "困难职工档案", f"{c.worker_name}已有未关闭的档案（{label}，{existing[2]} 建档），一户只能建一档", key="worker_id_number"
            )
        if c.member_id is not None:
            audit.get_row(db, "members", c.member_id)
        stamp = audit.now()
        values = _case_values(c) | {"state": "applied", "opened_on": c.opened_on, "updated_on": c.opened_on, "created_at": stamp}
        case_id = audit.insert_row(db, "aid_cases", values)
        if not c.file_no:
            audit.update_row(db, "aid_cases", case_id, {"file_no": f"KN{c.opened_on[:4]}{case_id:04d}"})
        record(db, case_id, "apply", c.opened_on, to_state="applied", note="提出申请")
        add_household_member(db, case_id, HouseholdMember(name=c.worker_name, relation="self", id_number=c.worker_id_number), on=c.opened_on)
    return case_id


def update_file(db: Database, case: Case, *, on: str) -> bool:
    """Edit the file's particulars (name, phone, bank …); `on` is the day of the edit (the ledger's today)."""
    if case.id is None:
        raise ValueError("needs an id")
    c = _validate_case(case)
    on = parse_date("更新日期", on, key="updated_on", allow_future=True)
    if not on:
        raise ValidationError("更新日期", "不能为空", key="updated_on")
    with db.atomic():
        current = get_case(db, c.id)
        if current.state in CLOSED_STATES:
            raise ValidationError("困难职工档案", "档案已关闭，不能修改")
        return audit.update_row(db, "aid_cases", c.id, _case_values(c) | {"updated_on": on})


def get_case(db: Database, case_id: int) -> Case:
    r = audit.get_row(db, "aid_cases", case_id)
    data = {k: r[k] for k in Case.__dataclass_fields__ if k in r}
    data["secondary_causes"] = json.loads(r["secondary_causes"] or "[]")
    data["is_single_parent"] = bool(r["is_single_parent"])
    data["is_zero_employment"] = bool(r["is_zero_employment"])
    return Case(**data)


# ---------------------------------------------------------------- household

def _validate_household(h: HouseholdMember) -> HouseholdMember:
    h = HouseholdMember(**asdict(h))
    h.name = check_column_text("aid_household", "name", h.name).replace(" ", "")
    if not h.name:
        raise ValidationError("家庭成员姓名", "不能为空", key="name")
    if h.relation not in codes.RELATION:
        raise ValidationError("与申请人关系", "请选择关系", key="relation")
    # ¥100,000 a month: more is a typo (and no household with it is in hardship).
    h.monthly_income_fen = check_fen("月收入", h.monthly_income_fen, key="monthly_income_fen", maximum=10_000_000)
    if h.health and h.health not in codes.HEALTH:
        raise ValidationError("健康状况", "无效", key="health")
    if check_column_text("aid_household", "id_number", h.id_number):
        from models.validation import id_birth_date, id_gender

        h.id_number = normalize_id_number("家庭成员身份证号", h.id_number, key="id_number")
        h.birth_date = id_birth_date(h.id_number).isoformat()
        h.gender = id_gender(h.id_number)
    else:
        h.id_number = ""
        h.birth_date = parse_date("出生日期", h.birth_date, key="birth_date")
    h.occupation = check_column_text("aid_household", "occupation", h.occupation)
    h.medical_insurance = check_column_text("aid_household", "medical_insurance", h.medical_insurance)
    return h


def add_household_member(db: Database, case_id: int, member: HouseholdMember, *, on: str | None = None) -> int:
    """Add someone to the household from `on` (the day they joined: a birth, a marriage).

    While the file is being applied for, the household is the one declared in the
    application, so `on` defaults to the application day; on an approved file it is required.
    """
    h = _validate_household(member)
    on = parse_date("加入家庭日期", on, key="joined_on")
    with db.atomic():
        case = get_case(db, case_id)
        if case.state in CLOSED_STATES:
            raise ValidationError("困难职工档案", "档案已关闭，不能修改")
        if not on:
            if case.state not in PENDING_STATES:
                raise ValidationError("加入家庭日期", "在档档案增加家庭成员，请填写加入家庭的日期", key="joined_on")
            on = case.opened_on
        if h.relation == "self" and any(x.relation == "self" for x in household_members(db, case_id)):
            raise ValidationError("与申请人关系", "“本人”已登记", key="relation")
        values = {k: getattr(h, k) for k in HOUSEHOLD_EDITABLE} | {"case_id": case_id, "joined_on": on, "created_at": audit.now()}
        return audit.insert_row(db, "aid_household", values)


def update_household_member(db: Database, member: HouseholdMember) -> bool:
    """Correct or update a member's particulars; the dates of joining and leaving are not edited here."""
    if member.id is None:
        raise ValueError("needs an id")
    h = _validate_household(member)
    return audit.update_row(db, "aid_household", h.id, {k: getattr(h, k) for k in HOUSEHOLD_EDITABLE})


def remove_household_member(db: Database, member_id: int, reason: str, *, on: str) -> None:
    """Someone left the household (moved out, died) on `on`: a dated fact, so earlier
    views of the household still show them; the row stays in the books."""
    reason = check_column_text("aid_household", "left_reason", reason, required=True, key="reason")
    on = parse_date("移出日期", on, key="left_on")
    if not on:
        raise ValidationError("移出日期", "不能为空", key="left_on")
    with db.atomic():
        row = audit.get_row(db, "aid_household", member_id)
        if row["relation"] == "self":
            raise ValidationError("家庭成员", "不能移除申请人本人")
        if row["left_on"] or row["voided_at"]:
            raise ValidationError("家庭成员", f"{row['name']}已移出家庭")
        if on < row["joined_on"]:
            raise ValidationError("移出日期", f"早于加入家庭的日期（{row['joined_on']}）", key="left_on")
        audit.update_row(db, "aid_household", member_id, {"left_on": on, "left_reason": reason})


def _household_member(r: dict) -> HouseholdMember:
    return HouseholdMember(**{k: r[k] for k in HouseholdMember.__dataclass_fields__})


def household_members(db: Database, case_id: int, *, on: str | None = None) -> list[HouseholdMember]:
    """The household now, or as it was on `on`.

    A row voided without a leaving date was entered by mistake and never belonged;
    voided rows with one are departures recorded by the previous release.
    """
    if on is None:
        where, params = "voided_at IS NULL AND left_on IS NULL", (case_id,)
    else:
        where = "joined_on <= ? AND (left_on IS NULL OR left_on > ?) AND (voided_at IS NULL OR left_on IS NOT NULL)"
        params = (case_id, on, on)
    return [_household_member(r) for r in db.query(f"SELECT * FROM aid_household WHERE case_id = ? AND {where} ORDER BY relation <> 'self', id", params)]


# ---------------------------------------------------------------- life cycle

def working_days_between(start: str, end: str) -> int:
    """Mondays to Fridays from start to end inclusive (public holidays are not known here)."""
    a, b = _dt.date.fromisoformat(start), _dt.date.fromisoformat(end)
    days = 0
    while a <= b:
        days += a.weekday() < 5
        a += _dt.timedelta(days=1)
    return days


def allowed_steps(db: Database, case_id: int) -> dict[str, bool]:
    """Which steps a file may take next (the case window enables its buttons from this).

    Keys: the flow's steps (visit, review, notice, approve), 'tier' (confirm or change
    the tier), 'annual_review' and 'close'.
    """
    state = get_case(db, case_id).state
    steps = {kind: state in allowed for kind, (allowed, _) in CASE_FLOW.items()}
    return steps | {"tier": state in OPEN_STATES, "annual_review": state == "active", "close": state in OPEN_STATES}


def advance(
    db: Database,
    case_id: int,
    kind: str,
    date: str,
    *,
    end_date: str = "",
    people: str = "",
    findings: str = "",
    note: str = "",
    reason: str = "",
) -> str:
    """Record the next step of 申请 → 入户调查 → 审核 → 公示 → 审批 (在档) on `date`.

    A home visit names two visitors; a notice gives start and end dates covering
    the notice period in working days; approving before the notice has ended
    raises NeedsReason unless a reason is given (and then keeps it). Approval makes
    the confirmed tier take effect.
    """
    if not isinstance(kind, str) or kind not in CASE_FLOW:
        raise ValidationError("档案事项", f"“{quote(codes.CASE_EVENT.label(kind) if isinstance(kind, str) else kind)}”不是审批流程中的步骤")
    allowed, to_state = CASE_FLOW[kind]
    date = parse_date("日期", date, key="date", allow_future=(kind == "notice"))
    if not date:
        raise ValidationError("日期", "不能为空", key="date")
    people = check_column_text("aid_case_events", "people", people)
    findings = check_column_text("aid_case_events", "findings", findings)
    note = check_column_text("aid_case_events", "note", note, field="说明")
    reason = check_text("提前审批原因", reason, key="reason", longest=NOTE)
    with db.atomic():
        case = get_case(db, case_id)
        if case.state not in allowed:
            raise ValidationError(
                "档案事项", f"档案当前为“{codes.CASE_STATE.label(case.state)}”，不能办理“{codes.CASE_EVENT.label(kind)}”"
            )
        end = None
        if kind == "visit":
            visitors = [p for p in people.replace("，", "、").replace(",", "、").split("、") if p.strip()]
            if len(visitors) < 2:
                raise ValidationError("调查人员", "入户调查须由两人进行，请填写两名调查人员（用“、”分隔）", key="people")
            if len({v.strip() for v in visitors}) < len(visitors):
                raise ValidationError("调查人员", "同一人填写了两次：入户调查须由两名不同的人员进行", key="people")
        if kind == "notice":
            end = parse_date("公示结束日期", end_date, key="end_date", allow_future=True)
            if not end:
                raise ValidationError("公示结束日期", "不能为空", key="end_date")
            if end < date:
                raise ValidationError("公示结束日期", "早于公示开始日期", key="end_date")
            need = int(get_setting(db, "aid_notice_days"))
            have = working_days_between(date, end)
            if have < need:
                raise ValidationError("公示结束日期", f"公示期只有{have}个工作日，应不少于{need}个工作日", key="end_date")
        tier: object = KEEP
        if kind == "approve":
            notice_end = db.execute(
                "SELECT end_date FROM aid_case_events WHERE case_id = ? AND kind = 'notice' ORDER BY id DESC LIMIT 1", (case_id,)
            ).fetchone()[0]
            if notice_end and date <= notice_end and not reason:
                raise NeedsReason("审批日期", f"公示期至 {notice_end} 才结束，提前审批须说明原因", key="reason")
            if not has_income(household_members(db, case_id)):
                raise ValidationError(
                    "家庭收入", "尚未填写家庭收入（家庭成员月收入合计为 0），无法测算人均收入，不能审批；请先在“家庭成员”中填写每人的月收入",
                    key="monthly_income_fen",
                )
            if not case.tier:
                raise ValidationError("困难类别", "审批前请先确认困难类别", key="tier")
            if reason:
                note = f"{note}（提前审批原因：{reason}）".strip()
            tier = case.tier
        record(db, case_id, kind, date, to_state=to_state, to_tier=tier, end_date=end, people=people, findings=findings, note=note)
    return to_state


def confirm_tier(db: Database, case_id: int, tier: str, reason: str = "", *, on: str | None = None) -> None:
    """The chair's tier; differing from the suggestion needs a reason. Both are kept.

    While the file is being applied for, this sets the tier the approval will make
    effective: nothing has changed in the world yet, so no event is written. On an
    approved file a different tier is a change in the world: an event on `on`, the
    day it took effect (required). A tier typed wrongly is fixed with correct_tier.
    """
    if tier not in codes.AID_TIER:
        raise ValidationError("困难类别", "请选择困难类别", key="tier")
    on = parse_date("生效日期", on, key="on")
    reason = check_column_text("aid_cases", "tier_reason", reason)
    with db.atomic():
        suggested = assess(db, case_id)["suggested_tier"]
        if tier != suggested and not reason:
            if not has_income(household_members(db, case_id)):
                raise ValidationError("调整理由", f"{NO_INCOME}：不按测算确定类别须说明理由（或先填写家庭成员月收入）", key="tier_reason")
            raise ValidationError("调整理由", f"按收入测算建议为“{suggestion_text(suggested)}”，选择其他类别须说明理由", key="tier_reason")
        case = get_case(db, case_id)
        if case.state in CLOSED_STATES:
            raise ValidationError("困难职工档案", "档案已关闭，不能修改")
        if case.state == "active" and tier != case.tier:
            if not on:
                raise ValidationError("生效日期", "在档档案调整困难类别，请填写调整生效的日期", key="on")
            record(db, case_id, "tier_change", on, to_state="active", to_tier=tier, field="生效日期", note=reason)
            audit.update_row(db, "aid_cases", case_id, {"suggested_tier": suggested, "tier_reason": reason})
        else:
            audit.update_row(db, "aid_cases", case_id, {"suggested_tier": suggested, "tier": tier, "tier_reason": reason})


def correct_tier(db: Database, case_id: int, tier: str, reason: str) -> None:
    """Fix a tier that was typed wrongly: not a change in the world, so no event and no date.

    The tier set by the event that made the current tier effective (approval, a
    review or a change) and carried by the events since is rewritten, each row
    through the audit trail with a note marking it as a correction: every view of
    the past from that event on shows the corrected tier, and the old value stays
    readable in the trail.
    """
    if tier not in codes.AID_TIER:
        raise ValidationError("困难类别", "请选择困难类别", key="tier")
    reason = check_text("更正原因", reason, key="reason", longest=NOTE)
    if not reason:
        raise ValidationError("更正原因", "请说明为什么更正（例如录入时选错）", key="reason")
    note = f"更正困难类别：{reason}"
    with db.atomic():
        case = get_case(db, case_id)
        if case.state in CLOSED_STATES:
            raise ValidationError("困难职工档案", "档案已关闭，不能修改")
        if case.state in PENDING_STATES:
            audit.update_row(db, "aid_cases", case_id, {"tier": tier}, note=note)
            return
        rewrite_tier(db, case_id, tier, note)


def annual_review(db: Database, case_id: int, date: str, outcome: str, *, findings: str = "", people: str = "", new_tier: str = "", reason: str = "", close_reason: str = "", measure: str = "") -> None:
    """年度复核 on `date`: keep the tier, change it (with a reason; the event stores both
    tiers) or close the file (the review, then the closing, both on that day)."""
    if outcome not in codes.REVIEW_OUTCOME:
        raise ValidationError("复核结论", "请选择维持、调整类别或退出", key="outcome")
    date = parse_date("复核日期", date, key="date")
    if not date:
        raise ValidationError("复核日期", "不能为空", key="date")
    people = check_column_text("aid_case_events", "people", people, field="复核人员")
    findings = check_column_text("aid_case_events", "findings", findings, field="复核情况")
    reason = check_column_text("aid_cases", "tier_reason", reason)
    with db.atomic():
        case = get_case(db, case_id)
        if case.state != "active":
            raise ValidationError("年度复核", "只有在档的档案才能复核")
        tier = case.tier
        if outcome == "tier_changed":
            if new_tier not in codes.AID_TIER or new_tier == case.tier:
                raise ValidationError("困难类别", "请选择新的困难类别", key="tier")
            if not reason:
                raise ValidationError("调整理由", "调整类别须说明理由", key="tier_reason")
            tier = new_tier
        record(db, case_id, "annual_review", date, to_state="active", to_tier=tier, field="复核日期", people=people, findings=findings, outcome=outcome, note=reason)
        if outcome == "tier_changed":
            audit.update_row(db, "aid_cases", case_id, {"tier_reason": reason})
        if outcome == "closed":
            close_file(db, case_id, date, close_reason, measure=measure, note=reason)


def close_file(db: Database, case_id: int, date: str, reason: str, *, measure: str = "", note: str = "") -> None:
    """Close a file on `date`: 解困脱困 (with the measure that lifted them out) goes to 脱困档案,
    退休/调离/死亡/其他 to 注销档案."""
    if reason not in codes.CASE_CLOSE_REASON:
        raise ValidationError("退出原因", "请选择退出原因", key="close_reason")
    measure = check_column_text("aid_cases", "close_measure", measure)
    note = check_column_text("aid_case_events", "note", note, field="说明")
    if reason == "out_of_hardship" and not measure:
        raise ValidationError("脱困措施", "解困脱困须填写使其脱困的帮扶措施", key="close_measure")
    date = parse_date("退出日期", date, key="date")
    if not date:
        raise ValidationError("退出日期", "不能为空", key="date")
    with db.atomic():
        case = get_case(db, case_id)
        if case.state in CLOSED_STATES:
            raise ValidationError("困难职工档案", "档案已关闭")
        state = "out_of_hardship" if reason == "out_of_hardship" else "cancelled"
        record(
            db, case_id, "close", date, to_state=state, field="退出日期", outcome=reason, note=note or codes.CASE_CLOSE_REASON.label(reason),
            also={"closed_on": date, "close_reason": reason, "close_measure": measure},
        )


# ---------------------------------------------------------------- as of a date

def case_as_of(db: Database, case_id: int, on: str) -> CaseAsOf | None:
    """One file as it stood on `on` (state, tier, household), or None if not yet opened."""
    get_case(db, case_id)  # NotFound for a wrong id, rather than None
    rows = cases_as_of(db, on, case_id=case_id)
    if not rows:
        return None
    r = rows[0]
    return CaseAsOf(case_id, on, r["state"], r["tier"], r["last_event_on"], household_members(db, case_id, on=on))


def timeline(db: Database, case_id: int) -> list[dict]:
    """Events and aid payments of a household in date order (entry: 'event' or 'payment')."""
    rows = [
        {**r, "entry": "event", "label": codes.CASE_EVENT.label(r["kind"])}
        for r in db.query("SELECT * FROM aid_case_events WHERE case_id = ? ORDER BY date, id", (case_id,))
    ]
    for r in db.query("SELECT * FROM aid_payments WHERE case_id = ? ORDER BY date, id", (case_id,)):
        rows.append({**r, "entry": "payment", "label": codes.AID_TYPE.label(r["aid_type"])})
    return sorted(rows, key=lambda r: (r["date"], r["entry"] != "event", r["id"]))
