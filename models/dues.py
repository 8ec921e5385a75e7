"""Union dues (会费): payments per member and month, and who has not paid.

Dues are 0.5% of the monthly wage, ignoring the part under ten yuan:
floor(wage / 10) × 10 × 0.005 — how the result is rounded is local practice
(a setting: codes.DUES_ROUNDING). Retained members (保留会籍) pay no dues for a
month they were retained on the first day of.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from sqlite_utils import Database

from models import audit, codes, field_rules
from models import membership
from models.membership import parse_past_date
from models.validation import (
    ValidationError,
    check_choice,
    check_fen,
    check_text,
    clean_search,
    parse_period,
    type_name,
)

MAX_MONTHLY_DUES_FEN = 100_000_00  # one month's dues above ¥100,000 is a typo
MAX_WAGE_FEN = 1_000_000_00  # as for members: a monthly wage above ¥1,000,000 is a typo


@dataclass
class DuesPayment:
    id: int
    member_id: int
    period: str  # 'YYYY-MM'
    amount_fen: int
    wage_fen: int | None
    paid_on: str
    note: str
    created_at: str
    voided_at: str | None
    void_reason: str | None


def monthly_dues(wage_fen: int, rounding: str = "fen") -> int:
    """Dues in fen for a monthly wage in fen: floor(wage/10 yuan) × 10 yuan × 0.5%."""
    # Any sane amount: the wage's own limit is the member form's to enforce, and the
    # form's dues hint calls this on every keystroke.
    wage_fen = check_fen("月工资", wage_fen, key="monthly_wage_fen")
    check_choice(codes.DUES_ROUNDING.name, rounding, codes.DUES_ROUNDING, key="dues_rounding")
    tens_of_yuan = wage_fen // 1000
    exact = tens_of_yuan * 5  # 10 yuan × 0.5% = 5 fen
    if rounding == "jiao":
        return (exact + 5) // 10 * 10
    if rounding == "yuan":
        return (exact + 50) // 100 * 100
    return exact


def periods_between(first: str, last: str) -> list[str]:
    """Months from first to last inclusive: '2024-11', '2025-02' → 4 months."""
    first = parse_period("起始月份", first, key="first")
    last = parse_period("截止月份", last, key="last")
    if last < first:
        raise ValidationError("截止月份", "早于起始月份")
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        if len(out) > 120:
            raise ValidationError("截止月份", "一次最多登记120个月")
    return out


def record_payment(
    db: Database,
    member_id: int,
    periods: list[str],
    amount_fen: int,
    paid_on: str,
    *,
    wage_fen: int | None = None,
    note: str = "",
) -> list[int]:
    """Record dues of `amount_fen` for each month in `periods`; one transaction.

    A month already paid (and not voided) is refused, naming the month.
    """
    if isinstance(periods, (str, bytes)) or not isinstance(periods, (list, tuple)):
        raise ValidationError("所属月份", f"应为月份的列表，不能是{type_name(periods)}", key="period")
    if not periods:
        raise ValidationError("所属月份", "不能为空", key="period")
    if len(periods) > 120:
        raise ValidationError("所属月份", "一次最多登记120个月", key="period")
    amount_fen = check_fen("金额", amount_fen, key="amount_fen", allow_zero=False, maximum=MAX_MONTHLY_DUES_FEN)
    if wage_fen is not None:
        wage_fen = check_fen("月工资", wage_fen, key="wage_fen", maximum=MAX_WAGE_FEN)
    paid_on = parse_past_date("缴费日期", paid_on, key="paid_on")
    if not paid_on:
        raise ValidationError("缴费日期", "不能为空", key="paid_on")
    longest, multiline = field_rules.text_rule("dues_payments", "note")
    note = check_text("备注", note, key="note", longest=longest, multiline=multiline)
    periods = [parse_period("所属月份", p, key="period") for p in periods]
    with db.atomic():
        from models.member_void import refuse_if_voided

        refuse_if_voided(db, member_id)
        status = db.execute("SELECT status, name FROM members WHERE id = ?", (member_id,)).fetchone()
        # The month's status, not today's: a month before retirement may be paid late,
        # a month of 保留会籍 may not even after the membership is restored.
        retained = [p for p in periods if membership.status_on(db, member_id, f"{p}-01") == "retained"]
        if retained:
            raise ValidationError("会员", f"{status[1]}在 {'、'.join(retained)} 为保留会籍，保留会籍期间不缴纳会费")
        marks = ",".join("?" for _ in periods)
        paid = [
            r[0]
            for r in db.execute(
                f"SELECT period FROM dues_payments WHERE member_id = ? AND voided_at IS NULL AND period IN ({marks}) ORDER BY period",
                (member_id, *periods),
            )
        ]
        if paid:
            raise ValidationError("所属月份", f"{status[1]}已缴过 {'、'.join(paid)} 的会费")
        stamp = audit.now()
        return [
            audit.insert_row(
                db,
                "dues_payments",
                {
                    "member_id": member_id,
                    "period": p,
                    "amount_fen": amount_fen,
                    "wage_fen": wage_fen,
                    "paid_on": paid_on,
                    "note": note,
                    "created_at": stamp,
                },
            )
            for p in periods
        ]


def payments(db: Database, member_id: int) -> list[DuesPayment]:
    return [
        DuesPayment(**r)
        for r in db.query("SELECT * FROM dues_payments WHERE member_id = ? ORDER BY period DESC, id DESC", (member_id,))
    ]


def void_payment(db: Database, payment_id: int, reason: str) -> None:
    audit.void_row(db, "dues_payments", payment_id, reason)


# The parts of the rule in SQL, shared by the list and the count: a member on the books by
# the day; those something happened to after it; who paid the month (dues_payments_paid).
# (+voided_at, +status below: one pass over the table beats an index's lookups row by row: at
# 100,000 members the status index in name order took 300 ms, the (voided_at, department) one
# 380, the pass 110.)
_ON_BOOKS = "join_date <> '' AND join_date <= ? AND +voided_at IS NULL"
_CHANGED_AFTER = "SELECT member_id FROM membership_events WHERE voided_at IS NULL AND date > ?"
_PAID = "SELECT member_id FROM dues_payments WHERE period = ? AND voided_at IS NULL"


def _owing(db: Database, period: str, department: str | None, columns: str, *, changed_only: bool = False) -> Iterator[tuple]:
    """The one rule of who owes a month's dues and has not paid it: 在会 on the month's first
    day (as record_payment judges a month), with no valid payment for it. Yields
    (id, department that day, *columns) — `columns` are more columns of `members`.
    `changed_only`: only the members something happened to after that day."""
    from models import member_time

    period = parse_period("所属月份", period, key="period")
    department = clean_search(department, "部门", limit=field_rules.SHORT)
    day = f"{period}-01"
    # Only members something happened to since that day stood otherwise than `members` says.
    statuses, then = member_time.changed_after(db, day, ["department"])
    paid = {r[0] for r in db.execute(_PAID, (period,))}
    which = f"id IN ({_CHANGED_AFTER})" if changed_only else f"(+status = 'active' OR id IN ({_CHANGED_AFTER}))"
    for row in db.execute(f"SELECT id, department, status{columns} FROM members WHERE {_ON_BOOKS} AND {which}", (day, day)):
        mid, dept, status = row[0], row[1], row[2]
        if mid in paid or statuses.get(mid, status) != "active":
            continue
        dept = then[mid].get("department", dept) if mid in then else dept
        if department and dept != department:
            continue
        yield (mid, dept, *row[3:])


def count_unpaid(db: Database, period: str) -> int:
    """How many members unpaid_members lists (the 首页's figure), without reading them: those
    nothing happened to since the month's first day stand as `members` says and are counted
    by SQL alone (~30 ms at 100,000 members, against ~150 to read them); the few something
    happened to are judged by _owing itself."""
    period = parse_period("所属月份", period, key="period")
    day = f"{period}-01"
    unchanged = db.execute(
        f"SELECT count(*) FROM members WHERE {_ON_BOOKS} AND +status = 'active' AND id NOT IN ({_CHANGED_AFTER}) AND id NOT IN ({_PAID})",
        (day, day, period),
    ).fetchone()[0]
    return unchanged + sum(1 for _ in _owing(db, period, None, "", changed_only=True))


def unpaid_members(db: Database, period: str, department: str | None = None) -> list[dict]:
    """Members who owed the month's dues and have no valid payment for it, by department
    then name: 在会 on the month's first day (as record_payment judges a month), under
    the department they were in that day.

    Each row carries `due_fen`: the month's dues from the member's wage, rounded as
    the dues rounding setting says (None when no wage is on file) — the one rule,
    so the unpaid list and the payment form never disagree.
    """
    from models.org import get_setting

    rounding = get_setting(db, "dues_rounding")
    rows = []
    due_by_wage: dict[int, int] = {}  # wages repeat: the rule runs once for each
    for mid, dept, name, phone, wage, pinyin in _owing(db, period, department, ", name, phone, monthly_wage_fen, name_pinyin"):
        if wage is not None and wage not in due_by_wage:
            due_by_wage[wage] = monthly_dues(wage, rounding)
        due = due_by_wage[wage] if wage is not None else None
        rows.append((dept, pinyin, {"id": mid, "name": name, "department": dept, "phone": phone, "monthly_wage_fen": wage, "due_fen": due}))
    rows.sort(key=lambda r: (r[0], r[1], r[2]["id"]))
    return [r[2] for r in rows]


def period_summary(db: Database, period: str) -> dict:
    """Count and total of valid payments for a month."""
    period = parse_period("所属月份", period, key="period")
    count, total = db.execute(
        "SELECT count(*), coalesce(sum(amount_fen), 0) FROM dues_payments WHERE period = ? AND voided_at IS NULL",
        (period,),
    ).fetchone()
    return {"period": period, "count": count, "total_fen": total}


def unpaid_list(db: Database, first: str, last: str | None = None, department: str | None = None) -> dict:
    """未缴会费名单 for a month or a run of months (first..last): each member who owed one
    of them (在会 on its first day, as unpaid_members judges) and has not paid it, with the
    months missing and what they come to. The department is the member's on the first day
    of the latest month missing. Plain data for the printed list and the xlsx."""
    periods = periods_between(first, last or first)
    if len(periods) > 24:
        raise ValidationError("截止月份", "一次最多查询24个月")
    by_id: dict[int, dict] = {}
    for period in periods:
        for r in unpaid_members(db, period, department):
            row = by_id.setdefault(r["id"], {**r, "months": [], "due_fen": 0, "no_wage": False})
            row["months"].append(period)
            row["department"] = r["department"]
            if r["due_fen"] is None:
                row["no_wage"] = True
            else:
                row["due_fen"] += r["due_fen"]
    from models.pinyin import spelled

    # By department, then name as the member list sorts it (pinyin).
    rows = sorted(by_id.values(), key=lambda r: (r["department"], spelled(r["name"]), r["id"]))
    for r in rows:
        if r["no_wage"]:
            r["due_fen"] = None
    return {
        "periods": periods,
        "department": department or "",
        "rows": rows,
        "total_fen": sum(r["due_fen"] or 0 for r in rows),
        "no_wage": sum(1 for r in rows if r["no_wage"]),
    }
