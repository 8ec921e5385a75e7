"""The records behind a figure of the yearly table (click a figure → the list it counts).

records(db, year, code) returns (headers, rows) of plain text: the members counted
(as they stood on the reference date), the sessions held, the proposals, the aid
files or payments. A computed figure equals the number of its rows (money: their
sum), which the tests check indicator by indicator.
"""

from __future__ import annotations

from typing import Callable

from sqlite_utils import Database

from models import codes
from models.filing import AID_MONEY_GROUPS, check_year, effective_kind, proposals_of_year, reference_date, sessions_held
from models.filing_form import BY_CODE
from models.validation import ValidationError, format_money, mask_id_number, quote

Rows = tuple[list[str], list[list[str]]]

_MEMBER_HEADERS = ["编号", "姓名", "性别", "部门", "是否农民工", "会员卡号", "入会日期", "会籍状态（当日）"]


def _members(db: Database, year: int, end: str, key: str) -> Rows:
    from models.member_time import members_as_of
    from models.membership import joined_between

    if key == "cards":
        return _cards(db, year, end)

    rows = members_as_of(db, end, keys=("name", "gender", "department", "is_migrant_worker", "card_number", "join_date"))
    if key == "new":
        ids = set(joined_between(db, f"{year:04d}-01-01", end))
        chosen = [r for r in rows if r["id"] in ids]
    elif key == "retained":
        chosen = [r for r in rows if r["status"] == "retained"]
    else:
        active = [r for r in rows if r["status"] == "active"]
        keep: dict[str, Callable[[dict], bool]] = {
            "active": lambda r: True,
            "female": lambda r: r["gender"] == "2",
            "migrant": lambda r: bool(r["is_migrant_worker"]),
        }
        chosen = [r for r in active if keep[key](r)]
    body = [
        [str(r["id"]), r["name"], codes.GENDER.label(r["gender"]) if r["gender"] else "", r["department"] or "",
         "是" if r["is_migrant_worker"] else "否", r["card_number"] or "", r["join_date"], codes.MEMBER_STATUS.label(r["status"])]
        for r in chosen
    ]
    return _MEMBER_HEADERS, body


def _cards(db: Database, year: int, end: str) -> Rows:
    """Each card issued in the year: the member as of the reference date and the day of issue."""
    from models.filing import cards_issued
    from models.member_time import members_as_of

    issued = cards_issued(db, year, end)
    wanted = {i for i, _ in issued}
    # members_as_of lists only those who had joined by then; a card before 入会 is still shown
    known = {r["id"]: r for r in members_as_of(db, end, keys=("name", "department", "card_number")) if r["id"] in wanted}
    body = []
    for member_id, day in issued:
        r = known.get(member_id) or {"name": db.execute("SELECT name FROM members WHERE id = ?", (member_id,)).fetchone()[0],
                                     "department": "", "card_number": "", "status": None}
        body.append([str(member_id), r["name"], r["department"] or "", r["card_number"] or "", day,
                     codes.MEMBER_STATUS.label(r["status"]) if r["status"] else ""])
    return ["编号", "姓名", "部门", "会员卡号（年末）", "发卡日期", "会籍状态（当日）"], body


def _workforce(db: Database, year: int, end: str, key: str) -> Rows:
    from models.org import workforce_as_of

    w = workforce_as_of(db, end)
    headers = ["填写的年度", "职工总数", "其中女职工", "其中农民工", "其中劳务派遣", "备注"]
    if w is None:
        return headers, []
    return headers, [[str(w.year), str(w.workers_total), str(w.workers_female), str(w.workers_migrant), str(w.workers_dispatched), w.note]]


def _congress(db: Database, year: int, end: str, key: str) -> Rows:
    from models.congress import session_name
    from models.congress_meeting import attendance

    if key == "system":
        rows = db.execute(
            "SELECT number, start_date, end_date, is_assembly FROM congress_terms WHERE start_date <= ? AND end_date >= ? ORDER BY number",
            (end, f"{year:04d}-01-01"),
        ).fetchall()
        return ["届次", "任期开始", "任期结束", "形式"], [
            [f"第{n}届", s, e, "职工大会" if a else "职工代表大会"] for n, s, e, a in rows
        ]
    body = []
    for s in sessions_held(db, year, end):
        a = attendance(db, s["id"])
        body.append([session_name(s["term_number"], s["number"], assembly=bool(s["is_assembly"])), s["date"], str(a.expected), str(a.present)])
    return ["会议", "日期", "应到", "实到"], body


def _proposals(db: Database, year: int, end: str, key: str) -> Rows:
    rows = proposals_of_year(db, year, end)
    if key == "accepted":
        rows = [r for r in rows if r["accepted_on"]]
    elif key == "closed":
        rows = [r for r in rows if r["closed_on"]]
    return ["编号", "案由", "提案日期", "立案日期", "办结日期"], [
        [r["number"], r["title"], r["submitted_on"], r["accepted_on"] or "", r["closed_on"] or ""] for r in rows
    ]


def _aid(db: Database, year: int, end: str, key: str) -> Rows:
    from models.aid_history import cases_as_of

    start = f"{year:04d}-01-01"
    if key.startswith("files"):
        tier = key.removeprefix("files").lstrip("_")
        rows = [r for r in cases_as_of(db, end) if r["state"] == "active" and (not tier or r["tier"] == tier)]
        return ["档案编号", "姓名", "身份证号", "部门", "困难类别（当日）"], [
            [r["file_no"], r["worker_name"], mask_id_number(r["worker_id_number"]), r["department"], codes.AID_TIER.label(r["tier"])] for r in rows
        ]
    if key == "out":
        rows = db.execute(
            "SELECT c.file_no, c.worker_name, c.department, e.date FROM aid_case_events e JOIN aid_cases c ON c.id = e.case_id"
            " WHERE e.kind = 'close' AND e.to_state = 'out_of_hardship' AND e.date BETWEEN ? AND ? ORDER BY e.date, c.id",
            (start, end),
        ).fetchall()
        return ["档案编号", "姓名", "部门", "脱困日期"], [[a or "", b, c, d] for a, b, c, d in rows]
    kinds: tuple[str, ...] = AID_MONEY_GROUPS.get(key, ())
    if key == "autumn":
        kinds = ("autumn_education",)
    where = f" AND p.aid_type IN ({', '.join('?' * len(kinds))})" if kinds else ""
    rows = db.execute(
        "SELECT p.date, c.worker_name, p.aid_type, p.amount_fen, p.student_name, p.student_school FROM aid_payments p"
        f" JOIN aid_cases c ON c.id = p.case_id WHERE p.voided_at IS NULL AND p.date BETWEEN ? AND ?{where} ORDER BY p.date, p.id",
        (start, end, *kinds),
    ).fetchall()
    if key == "autumn":
        seen: dict[tuple, list[str]] = {}
        for date, name, _kind, _fen, student, school in rows:
            seen.setdefault((name, student), [student, school, name, date])
        return ["学生姓名", "学校", "困难职工", "发放日期"], list(seen.values())
    return ["发放日期", "困难职工", "帮扶类型", "金额（元）"], [
        [date, name, codes.AID_TYPE.label(kind), format_money(fen)] for date, name, kind, fen, _s, _sc in rows
    ]


DRILLS: dict[str, Callable[[Database, int, str, str], Rows]] = {
    "workforce": _workforce,
    "members": _members,
    "congress": _congress,
    "proposals": _proposals,
    "aid": _aid,
}


def has_records(code: str) -> bool:
    ind = BY_CODE.get(code)
    return ind is not None and effective_kind(ind) == "computed" and ind.source.split(":")[0] in DRILLS


def records(db: Database, year: object, code: str) -> Rows:
    """The records a computed figure counts, as (headers, rows). A manual or profile
    figure has none: ValidationError naming it."""
    year = check_year(year)
    ind = BY_CODE.get(code) if isinstance(code, str) else None
    if ind is None:
        raise ValidationError("年报指标", f"没有代码为“{quote(code)}”的指标", key="code")
    if not has_records(code):
        raise ValidationError(ind.label, "此项是手填或单位信息，没有对应的记录明细", key=code)
    group, key = ind.source.split(":")
    return DRILLS[group](db, year, reference_date(year), key)
