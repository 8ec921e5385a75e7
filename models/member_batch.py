"""Work on many members at once: a membership change for the selected members, and dues for
the selected members, a department or the whole union for one or more months.

Every batch is all or none: one transaction, and a refusal names the member (and the
month) it stopped at, so the chair fixes that one and runs the batch again.

Dues in a batch follow the unpaid list (models.dues.unpaid_members): a month is due from
the members 在会 on its first day (in the department they were in then), who have not paid
it. The preview (plan_dues) lists who pays what; months already paid and members not due
are listed as skipped, never written twice; a member without a wage on file has no amount
unless the chair gives one amount for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from models import audit, codes, dues, membership
from models.validation import ValidationError, check_fen, format_money, parse_period

MAX_BATCH = 100_000  # the selection of a whole register


def _names(db: Database, ids: list[int]) -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for mid, name, dept in db.execute(f"SELECT id, name, department FROM members WHERE id IN ({marks})", chunk):
            out[mid] = (name, dept)
    return out


def _who(names: dict[int, tuple[str, str]], member_id: int) -> str:
    name, dept = names.get(member_id, (f"编号 {member_id}", ""))
    return f"{name}（{dept}）" if dept else name


def _ids(member_ids: object) -> list[int]:
    if isinstance(member_ids, (str, bytes)) or not isinstance(member_ids, (list, tuple, set, frozenset)):
        raise ValidationError("会员", "应为会员的列表", key="members")
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        raise ValidationError("会员", "请先选择会员", key="members")
    if len(ids) > MAX_BATCH or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ValidationError("会员", "会员选择无效", key="members")
    return ids


def change_status(
    db: Database,
    member_ids: list[int],
    kind: str,
    date: str,
    *,
    reason: str = "",
    other_union: str = "",
    note: str = "",
) -> int:
    """One membership change (转出, 退会, 保留会籍 …) with one date and reason for every
    selected member; all or none. Returns how many were changed."""
    ids = _ids(member_ids)
    names = _names(db, ids)
    with db.atomic():
        for mid in ids:
            try:
                membership.record_event(db, mid, kind, date, reason=reason, other_union=other_union, note=note)
            except ValidationError as exc:
                # The batch stops here and nothing is written: name the member it stopped at.
                raise ValidationError(exc.field, f"{_who(names, mid)}：{exc.message}（全部未办理）", key=exc.key) from None
            except audit.NotFound:
                raise ValidationError("会员", f"编号 {mid} 的会员不存在（全部未办理）") from None
    return len(ids)


@dataclass
class DuesLine:
    member_id: int
    name: str
    department: str
    period: str
    amount_fen: int | None  # None: no wage on file and no amount given
    wage_fen: int | None


@dataclass
class DuesPlan:
    periods: list[str]
    lines: list[DuesLine] = field(default_factory=list)  # what will be written
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (who, period, why) of selected members not due
    department: str | None = None

    @property
    def missing(self) -> list[DuesLine]:
        """Lines without an amount (no wage on file): the write is refused while there are any."""
        return [line for line in self.lines if line.amount_fen is None]

    @property
    def members(self) -> int:
        return len({line.member_id for line in self.lines})

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen or 0 for line in self.lines)

    def summary(self) -> str:
        months = "、".join(self.periods) if len(self.periods) <= 3 else f"{self.periods[0]} 至 {self.periods[-1]}（{len(self.periods)} 个月）"
        text = f"{months}：{self.members} 人 {len(self.lines)} 笔，合计 {format_money(self.total_fen)} 元"
        if self.skipped:
            text += f"；跳过 {len(self.skipped)} 项（已缴或不需缴）"
        if self.missing:
            text += f"；{len({m.member_id for m in self.missing})} 人未登记月工资，请填写统一金额或先登记工资"
        return text


def plan_dues(
    db: Database,
    periods: list[str],
    *,
    member_ids: list[int] | None = None,
    department: str | None = None,
    amount_fen: int | None = None,
) -> DuesPlan:
    """Who pays what for `periods`: the selected members, or everyone (of a department) who
    owes each month. `amount_fen`: one amount for every line, instead of the dues from each
    member's wage. Nothing is written."""
    if isinstance(periods, (str, bytes)) or not isinstance(periods, (list, tuple)) or not periods:
        raise ValidationError("所属月份", "请至少选择一个月", key="period")
    if len(periods) > 24:
        raise ValidationError("所属月份", "一次最多登记24个月", key="period")
    periods = sorted({parse_period("所属月份", p, key="period") for p in periods})
    if amount_fen is not None:
        amount_fen = check_fen("统一金额", amount_fen, key="amount_fen", allow_zero=False, maximum=dues.MAX_MONTHLY_DUES_FEN)
    wanted = set(_ids(member_ids)) if member_ids is not None else None
    names = _names(db, sorted(wanted)) if wanted else {}
    plan = DuesPlan(periods, department=department)
    for period in periods:
        owed = dues.unpaid_members(db, period, department)
        found = set()
        for r in owed:
            if wanted is not None and r["id"] not in wanted:
                continue
            found.add(r["id"])
            amount = amount_fen if amount_fen is not None else r["due_fen"]
            plan.lines.append(DuesLine(r["id"], r["name"], r["department"], period, amount, r["monthly_wage_fen"]))
        for mid in sorted((wanted or set()) - found):
            plan.skipped.append((_who(names, mid), period, _why_not_due(db, mid, period)))
    return plan


def _why_not_due(db: Database, member_id: int, period: str) -> str:
    row = db.execute("SELECT voided_at FROM members WHERE id = ?", (member_id,)).fetchone()
    if row is None:
        return "会员不存在"
    if row[0]:
        return "已作废"
    if db.execute("SELECT 1 FROM dues_payments WHERE member_id = ? AND period = ? AND voided_at IS NULL", (member_id, period)).fetchone():
        return "已缴"
    status = membership.status_on(db, member_id, f"{period}-01")
    return f"当月1日{codes.MEMBER_STATUS.label(status)}，不需缴" if status else "当月1日尚未入会"


def record_dues(db: Database, plan: DuesPlan, paid_on: str, *, note: str = "") -> int:
    """Write every line of a plan in one transaction; returns the payments written.

    Refused, writing nothing, while a line has no amount, or when a line cannot be
    written (paid meanwhile, …): the message names the member and month.
    """
    if not plan.lines:
        raise ValidationError("会费", "没有需要登记的会费")
    if plan.missing:
        first = plan.missing[0]
        raise ValidationError("金额", f"{first.name}（{first.department}）未登记月工资，无法计算 {first.period} 的会费；请填写统一金额或先登记工资", key="amount_fen")
    by_member: dict[tuple[int, int, int | None], list[DuesLine]] = {}
    for line in plan.lines:
        by_member.setdefault((line.member_id, line.amount_fen or 0, line.wage_fen), []).append(line)
    written = 0
    with db.atomic():
        for (mid, amount, wage), lines in by_member.items():
            try:
                written += len(dues.record_payment(db, mid, [x.period for x in lines], amount, paid_on, wage_fen=wage, note=note))
            except ValidationError as exc:
                who = f"{lines[0].name}（{lines[0].department}）" if lines[0].department else lines[0].name
                message = exc.message if lines[0].name in exc.message else f"{who}：{exc.message}"
                raise ValidationError(exc.field, f"{message}（全部未登记）", key=exc.key) from None
    return written
