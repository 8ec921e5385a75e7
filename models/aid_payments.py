"""Aid given (帮扶记录), rounds of aid (送温暖 batches, approval rounds) and the aid lists.

Every yuan is traceable: payments are voided with a reason, never deleted, and
a void shows on lists and in the audit trail. A batch is written in one
transaction: one bad row writes nothing and is named.

A void says the payment never happened as recorded (a duplicate, a wrong
amount): it is a correction, so it counts in no year, whenever it was made. A
year's figures of files are read as of 31 December of that year (models.aid's
dated events); money by the date it was paid.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass

from sqlite_utils import Database

from models import audit, codes
from models.aid import PENDING_STATES, cases_as_of, get_case
from models.org import get_setting
from models.field_rules import check_column_text
from models.validation import EARLIEST_DATE, LATEST_DATE, ValidationError, check_choice, check_count, check_flag, clean_text, parse_date

audit.TABLE_LABELS.update({"aid_payments": "帮扶记录", "aid_rounds": "帮扶批次"})

ABSURD_FEN = 100_000_000  # ¥1,000,000: never a single aid payment


class NeedsConfirmation(ValidationError):
    """An amount above the cap in 设置: allowed only when the user confirms."""


@dataclass
class Payment:
    case_id: int
    aid_type: str  # codes.AID_TYPE
    date: str
    amount_fen: int
    funding_source: str  # codes.FUNDING_SOURCE
    approved_by: str = ""
    signed: bool = False
    student_name: str = ""
    student_school: str = ""
    student_grade: str = ""
    note: str = ""
    proxy_name: str = ""  # 代领人: who collected the money when the worker could not
    proxy_relation: str = ""  # 与本人关系
    round_id: int | None = None
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None


_PAYMENT_TEXT = ("approved_by", "student_name", "student_school", "student_grade", "note", "proxy_name", "proxy_relation")


def _validate(db: Database, p: Payment, *, confirmed: bool) -> dict:
    if p.aid_type not in codes.AID_TYPE:
        raise ValidationError("帮扶类型", "请选择帮扶类型", key="aid_type")
    if p.funding_source not in codes.FUNDING_SOURCE:
        raise ValidationError("资金来源", "请选择资金来源", key="funding_source")
    if not isinstance(p.amount_fen, int) or isinstance(p.amount_fen, bool):
        raise ValidationError("金额", "金额无效", key="amount_fen")
    if p.amount_fen <= 0:
        raise ValidationError("金额", "应大于零", key="amount_fen")
    if p.amount_fen >= ABSURD_FEN:
        raise ValidationError("金额", "超出合理范围，请核对", key="amount_fen")
    cap = int(get_setting(db, "aid_payment_cap_fen"))
    if p.amount_fen > cap and not confirmed:
        from models.validation import format_money

        raise NeedsConfirmation("金额", f"{format_money(p.amount_fen)} 元超过单笔上限 {format_money(cap)} 元，请确认", key="amount_fen")
    date = parse_date("发放日期", p.date, key="date")
    if not date:
        raise ValidationError("发放日期", "不能为空", key="date")
    case = get_case(db, p.case_id)
    # Aid given before a file closed may be entered later (last year's paper records).
    if case.closed_on and date >= case.closed_on:
        raise ValidationError("困难职工档案", f"{case.worker_name}的档案已于 {case.closed_on} 关闭，不能登记此后的帮扶", key="case_id")
    if date < case.opened_on:
        raise ValidationError("发放日期", f"早于建档日期（{case.opened_on}）", key="date")
    text = {k: check_column_text("aid_payments", k, getattr(p, k)) for k in _PAYMENT_TEXT}
    text["proxy_name"] = text["proxy_name"].replace(" ", "")
    _check_approved(db, case, date, text["note"])
    _check_proxy(case.worker_name, text["proxy_name"], text["proxy_relation"])
    if p.aid_type == "autumn_education" and not text["student_name"]:
        raise ValidationError("学生姓名", "金秋助学须填写学生姓名、学校和年级", key="student_name")
    return {
        "case_id": p.case_id,
        "round_id": p.round_id,
        "aid_type": p.aid_type,
        "date": date,
        "amount_fen": p.amount_fen,
        "funding_source": p.funding_source,
        "signed": int(check_flag("领取人签收", p.signed, key="signed")),  # bool("否") would be True
        **text,
        "created_at": audit.now(),
    }


def _check_approved(db: Database, case, on: str, note: str) -> None:
    """Only a file approved by the payment date receives aid; a file whose cause is sudden
    (重大疾病, 灾害, 意外) may get emergency aid before approval, with the reason written."""
    approved = db.execute(
        "SELECT min(date) FROM aid_case_events WHERE case_id = ? AND kind = 'approve' AND date <= ?", (case.id, on)
    ).fetchone()[0]
    if approved:
        return
    sudden = any(c in codes.SUDDEN_CAUSES for c in (case.main_cause, *case.secondary_causes))
    if not sudden:
        raise ValidationError(
            "困难职工档案",
            f"{case.worker_name}的档案在 {on} 尚未审批，不能登记帮扶；只有审批通过的档案才能发放（意外致困的应急救助除外）",
            key="case_id",
        )
    if not note.strip():
        raise ValidationError("备注", f"{case.worker_name}的档案尚未审批：应急救助须在备注中写明原因", key="note")


def _check_proxy(worker: str, name: str, relation: str) -> None:
    """代领人 and 与本人关系 go together, and the worker does not collect as their own proxy."""
    name = name.replace(" ", "")
    if name and name == worker:
        raise ValidationError("代领人", f"{worker}本人领取时不填代领人", key="proxy_name")
    if name and not relation:
        raise ValidationError("代领人与本人关系", f"请填写代领人{name}与{worker}的关系（如 配偶、子女）", key="proxy_relation")
    if relation and not name:
        raise ValidationError("代领人", "填写了与本人关系，请同时填写代领人姓名", key="proxy_name")


def default_round_name(today: _dt.date, aid_type: str = "warmth") -> str:
    """The name a new round is offered: 送温暖 is for the coming Spring Festival, so from
    March on it is next year's (a round prepared in November 2026 is 2027年春节送温暖)."""
    if aid_type != "warmth":
        return f"{today.year}年{codes.AID_TYPE.label(aid_type)}"
    return f"{today.year + 1 if today.month >= 3 else today.year}年春节送温暖"


def record_payment(db: Database, payment: Payment, *, confirmed: bool = False) -> int:
    with db.atomic():
        values = _validate(db, payment, confirmed=confirmed)
        pid = audit.insert_row(db, "aid_payments", values)
        audit.update_row(db, "aid_cases", payment.case_id, {"updated_on": values["date"]})
    return pid


def void_payment(db: Database, payment_id: int, reason: str) -> None:
    audit.void_row(db, "aid_payments", payment_id, reason)


def set_signed(db: Database, payment_id: int, signed: bool) -> None:
    audit.update_row(db, "aid_payments", payment_id, {"signed": int(check_flag("领取人签收", signed, key="signed"))})


def record_receipt(db: Database, payment_id: int, *, signed: bool, proxy_name: str = "", proxy_relation: str = "") -> bool:
    """签收 ticked later, with who collected the money (代领人 and relation) when not the worker."""
    name = check_column_text("aid_payments", "proxy_name", proxy_name).replace(" ", "")
    relation = check_column_text("aid_payments", "proxy_relation", proxy_relation)
    flag = int(check_flag("领取人签收", signed, key="signed"))
    with db.atomic():
        p = get_payment(db, payment_id)
        if p.voided_at:
            raise ValidationError("帮扶记录", "该记录已作废，不能登记签收")
        _check_proxy(get_case(db, p.case_id).worker_name, name, relation)
        return audit.update_row(db, "aid_payments", payment_id, {"signed": flag, "proxy_name": name, "proxy_relation": relation})


def get_payment(db: Database, payment_id: int) -> Payment:
    r = audit.get_row(db, "aid_payments", payment_id)
    r.pop("created_at")
    r["signed"] = bool(r["signed"])
    return Payment(**r)


def file_summary(db: Database, year: int) -> dict:
    """The files of a year as of 31 December: active by tier and still in application
    on that day; applied for, approved and closed (脱困, 注销) during the year."""
    start, end = _year_bounds(year)
    then = cases_as_of(db, end)
    active = Counter(r["tier"] for r in then if r["state"] == "active")
    during = dict(
        db.execute(
            """SELECT CASE WHEN kind = 'close' THEN to_state ELSE kind END, count(*) FROM aid_case_events
               WHERE kind IN ('apply', 'approve', 'close') AND date BETWEEN ? AND ? GROUP BY 1""",
            (start, end),
        ).fetchall()
    )
    return {
        "on": end,
        "active": {code: active.get(code, 0) for code in codes.AID_TIER.codes()} | ({None: active[None]} if active.get(None) else {}),
        "pending": sum(r["state"] in PENDING_STATES for r in then),
        "applied": during.get("apply", 0),
        "approved": during.get("approve", 0),
        "out_of_hardship": during.get("out_of_hardship", 0),
        "cancelled": during.get("cancelled", 0),
    }


def _year_bounds(year: object) -> tuple[str, str]:
    """The first and last day of a year asked about; a typo must not become a text range."""
    year = check_count("年度", year, key="year", minimum=EARLIEST_DATE.year, maximum=LATEST_DATE.year)
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def file_counts(db: Database, year: int) -> list[tuple[str, int]]:
    """The yearly summary's table of files: (label, households), as of 31 December of `year`."""
    s = file_summary(db, year)
    out = [(f"年末在档：{codes.AID_TIER.label(code) if code else '未确定类别'}", n) for code, n in s["active"].items()]
    return out + [("年末审批中", s["pending"]), ("本年新申请", s["applied"]), ("本年审批建档", s["approved"]),
                  ("本年解困脱困", s["out_of_hardship"]), ("本年注销", s["cancelled"])]


def payments(db: Database, case_id: int, *, include_void: bool = True) -> list[Payment]:
    sql = "SELECT * FROM aid_payments WHERE case_id = ?" + ("" if include_void else " AND voided_at IS NULL")
    out = []
    for r in db.query(sql + " ORDER BY date DESC, id DESC", (case_id,)):
        r.pop("created_at")
        r["signed"] = bool(r["signed"])
        out.append(Payment(**r))
    return out


# ---------------------------------------------------------------- rounds and batches

def add_round(db: Database, name: str, aid_type: str, date: str, *, notice_start: str = "", notice_end: str = "", contact: str = "", note: str = "") -> int:
    name = check_column_text("aid_rounds", "name", name, required=True)
    contact = check_column_text("aid_rounds", "contact", contact)
    note = check_column_text("aid_rounds", "note", note)
    if aid_type not in codes.AID_TYPE:
        raise ValidationError("帮扶类型", "请选择帮扶类型", key="aid_type")
    date = parse_date("发放日期", date, key="date", allow_future=True)
    start = parse_date("公示开始", notice_start, key="notice_start", allow_future=True) or None
    end = parse_date("公示结束", notice_end, key="notice_end", allow_future=True) or None
    if start and end and end < start:
        raise ValidationError("公示结束", "早于公示开始日期", key="notice_end")
    if (start is None) != (end is None):
        raise ValidationError("公示结束" if start else "公示开始", "公示起止日期须同时填写", key="notice_end" if start else "notice_start")
    return audit.insert_row(
        db,
        "aid_rounds",
        {"name": name, "aid_type": aid_type, "date": date, "notice_start": start, "notice_end": end, "contact": contact, "note": note, "created_at": audit.now()},
    )


def rounds(db: Database) -> list[dict]:
    """All rounds, newest first."""
    return list(db.query("SELECT * FROM aid_rounds ORDER BY date DESC, id DESC"))


def get_round(db: Database, round_id: int) -> dict:
    return audit.get_row(db, "aid_rounds", round_id)


def round_candidates(db: Database, on: str) -> list[dict]:
    """The files a round on `on` is for: those active (approved, not closed) that day,
    with the tier they had then, ordered by tier and name like the case lists."""
    rows = [r for r in cases_as_of(db, on) if r["state"] == "active"]
    return sorted(rows, key=lambda r: (r["tier"] or "", r["worker_name"], r["id"]))


def record_round(
    db: Database,
    name: str,
    aid_type: str,
    date: str,
    rows: list[tuple[int, int]],
    *,
    funding_source: str,
    approved_by: str = "",
    notice_start: str = "",
    notice_end: str = "",
    contact: str = "",
    signed: bool = False,
    confirmed: bool = False,
) -> tuple[int, list[int]]:
    """A whole round (送温暖 for many files): the round and one payment per (case id, fen),
    in one transaction. A bad row raises ValidationError naming it, and nothing is
    written, not even the round. Returns (round id, payment ids)."""
    with db.atomic():
        round_id = add_round(db, name, aid_type, date, notice_start=notice_start, notice_end=notice_end, contact=contact)
        payments = [Payment(case_id, aid_type, date, fen, funding_source, approved_by=approved_by, signed=signed) for case_id, fen in rows]
        return round_id, record_batch(db, round_id, payments, confirmed=confirmed)


def record_batch(db: Database, round_id: int, rows: list[Payment], *, confirmed: bool = False) -> list[int]:
    """Write a whole round (e.g. 送温暖 for many files) in one transaction.

    A bad row raises ValidationError naming the row (第 N 行, the worker) and nothing is written.
    """
    if not rows:
        raise ValidationError("批量发放", "没有选择任何档案")
    ids: list[int] = []
    with db.atomic():
        audit.get_row(db, "aid_rounds", round_id)
        seen: set[int] = set()
        for n, row in enumerate(rows, start=1):
            if row.case_id in seen:
                raise ValidationError("批量发放", f"第 {n} 行（{_name_or_id(db, row.case_id)}）：本批次已有这一户，同一户不能重复发放")
            seen.add(row.case_id)
            row.round_id = round_id
            try:
                ids.append(record_payment(db, row, confirmed=confirmed))
            except ValidationError as exc:
                who = _name_or_id(db, row.case_id)
                raise type(exc)(exc.field, f"第 {n} 行（{who}）：{exc.message}", key=exc.key) from None
    return ids


def _name_or_id(db: Database, case_id: int) -> str:
    row = db.execute("SELECT worker_name FROM aid_cases WHERE id = ?", (case_id,)).fetchone()
    return row[0] if row else f"档案 {case_id}"


def round_rows(db: Database, round_id: int) -> list[dict]:
    """The valid payments of a round with the worker's name, ID and the tier in effect
    on the day of payment (a 2024 receipt sheet printed later still shows 2024's tier)."""
    return list(
        db.query(
            """SELECT p.*, c.worker_name, c.worker_id_number, c.department, c.file_no,
                      (SELECT e.to_tier FROM aid_case_events e WHERE e.case_id = c.id AND e.to_state IS NOT NULL AND e.date <= p.date
                       ORDER BY e.date DESC, e.id DESC LIMIT 1) AS tier
               FROM aid_payments p JOIN aid_cases c ON c.id = p.case_id
               WHERE p.round_id = ? AND p.voided_at IS NULL ORDER BY c.department, c.worker_name""",
            (round_id,),
        )
    )


# ---------------------------------------------------------------- lists

CASE_VIEWS = ("active", "review_due", "out_of_hardship", "cancelled", "stale", "never_aided")


def list_cases(db: Database, view: str = "active", *, today: str, tier: str | None = None) -> list[dict]:
    """Case lists as they stand now: 'active' (在档 incl. in progress), 'review_due' (no
    review for a year), 'out_of_hardship' (脱困), 'cancelled' (注销), 'stale' (not updated
    for a year), 'never_aided' (open files with no valid payment). `today` is the
    ledger's today, from which "a year" is counted."""
    check_choice("档案名单", view, CASE_VIEWS, key="view")
    today = parse_date("今天的日期", today, key="today", allow_future=True)
    if not today:
        raise ValidationError("今天的日期", "不能为空", key="today")
    year_ago = (_dt.date.fromisoformat(today) - _dt.timedelta(days=365)).isoformat()
    base = """SELECT c.*, (SELECT coalesce(sum(amount_fen), 0) FROM aid_payments p WHERE p.case_id = c.id AND p.voided_at IS NULL) AS aid_total_fen,
                     (SELECT max(date) FROM aid_case_events e WHERE e.case_id = c.id AND e.kind IN ('approve', 'annual_review')) AS last_review
              FROM aid_cases c WHERE """
    params: list = []
    if view == "active":
        where = "c.state IN ('applied', 'visited', 'reviewed', 'notice', 'active')"
    elif view == "review_due":
        where = "c.state = 'active' AND coalesce((SELECT max(date) FROM aid_case_events e WHERE e.case_id = c.id AND e.kind IN ('approve', 'annual_review')), c.opened_on) <= ?"
        params.append(year_ago)
    elif view == "out_of_hardship":
        where = "c.state = 'out_of_hardship'"
    elif view == "cancelled":
        where = "c.state = 'cancelled'"
    elif view == "stale":
        where = "c.state IN ('applied', 'visited', 'reviewed', 'notice', 'active') AND c.updated_on <= ?"
        params.append(year_ago)
    elif view == "never_aided":
        where = "c.state IN ('applied', 'visited', 'reviewed', 'notice', 'active') AND NOT EXISTS (SELECT 1 FROM aid_payments p WHERE p.case_id = c.id AND p.voided_at IS NULL)"
    else:  # CASE_VIEWS and the branches above disagree: a bug here, not a user's value
        raise AssertionError(view)
    if tier not in (None, ""):
        where += " AND c.tier = ?"
        params.append(check_choice("困难类别", tier, codes.AID_TIER, key="tier"))
    return list(db.query(base + where + " ORDER BY c.tier, c.worker_name", params))


def totals(db: Database, year: int) -> dict:
    """Valid aid of a year by type and by source, with counts (人次) and the grand total."""
    start, end = _year_bounds(year)
    def grouped(column: str) -> dict:
        return {
            r[0]: {"count": r[1], "total_fen": r[2]}
            for r in db.execute(
                f"SELECT {column}, count(*), sum(amount_fen) FROM aid_payments WHERE voided_at IS NULL AND date BETWEEN ? AND ? GROUP BY {column}",
                (start, end),
            )
        }

    by_type, by_source = grouped("aid_type"), grouped("funding_source")
    count, total, households = db.execute(
        "SELECT count(*), coalesce(sum(amount_fen), 0), count(DISTINCT case_id) FROM aid_payments WHERE voided_at IS NULL AND date BETWEEN ? AND ?",
        (start, end),
    ).fetchone()
    voided = db.execute(
        "SELECT count(*), coalesce(sum(amount_fen), 0) FROM aid_payments WHERE voided_at IS NOT NULL AND date BETWEEN ? AND ?", (start, end)
    ).fetchone()
    students = db.execute(
        "SELECT count(*) FROM aid_payments WHERE voided_at IS NULL AND aid_type = 'autumn_education' AND date BETWEEN ? AND ?", (start, end)
    ).fetchone()[0]
    return {
        "year": year,
        "by_type": by_type,
        "by_source": by_source,
        "count": count,
        "total_fen": total,
        "households": households,
        "voided_count": voided[0],
        "voided_fen": voided[1],
        "autumn_students": students,
    }


def mask_name(name: str) -> str:
    """Names on public notices: 张*伟, two-character names 张*, longer ones keep first and last."""
    name = clean_text(name)
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def notice_rows(db: Database, round_id: int, *, show_id: bool = True) -> list[dict]:
    """What a public notice may show: masked name, masked ID (or none), department, tier, amount.

    Nothing else leaves this function: no income, illness or family details.
    """
    from models.validation import mask_id_number

    out = []
    for r in round_rows(db, round_id):
        out.append(
            {
                "name": mask_name(r["worker_name"]),
                "id_number": mask_id_number(r["worker_id_number"]) if show_id else "",
                "department": r["department"],
                "tier": codes.AID_TIER.label(r["tier"]),
                "amount_fen": r["amount_fen"],
            }
        )
    return out
