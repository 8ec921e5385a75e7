"""Membership history (会籍变化): an append-only list of dated changes per member.

The member's status (在会 / 保留会籍 / 已离会) is derived from the latest change
that is not voided, and 入会日期 is the date of the first 入会/转入 that is not
voided: database triggers keep members.status and members.join_date in step,
refuse any other write of join_date, and forbid editing or deleting history. A
mistaken entry is voided with a reason; a wrong 入会日期 is corrected by editing
it (move_join: the 入会 is voided and stated again on the right day).
The status on any past day is that after the last change up to it (status_on;
models.member_time.members_as_of for the whole register).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlite_utils import Database

from models import audit, clock, codes, field_rules
from models.validation import ValidationError, check_choice, check_text, parse_date


def parse_past_date(field: str, value: object, *, key: str | None = None) -> str:
    """A date as parse_date reads it ('' if empty), refused when after the ledger's today.

    The ledger's today comes from models.clock, not the machine: a chair back-filling
    last year's books (and every test) sets it.
    """
    # The machine's date is not asked (allow_future); the ledger's today bounds it instead.
    date = parse_date(field, value, key=key, allow_future=True, latest=_dt.date.max)
    if date and date > clock.today_iso():
        raise ValidationError(field, f"{date} 晚于今天", key=key)
    return date


def _text(column: str, label: str, value: object) -> str:
    longest, multiline = field_rules.text_rule("membership_events", column)
    return check_text(label, value, key=column, longest=longest, multiline=multiline)


@dataclass
class MembershipEvent:
    id: int
    member_id: int
    kind: str  # codes.MEMBERSHIP_EVENT
    date: str
    reason: str  # codes.MEMBERSHIP_REASON or free text
    other_union: str  # the union transferred from / to
    note: str
    created_at: str
    voided_at: str | None
    void_reason: str | None

    @property
    def kind_label(self) -> str:
        return codes.MEMBERSHIP_EVENT.label(self.kind)

    @property
    def reason_label(self) -> str:
        return codes.MEMBERSHIP_REASON.label(self.reason)


def events(db: Database, member_id: int, *, include_void: bool = True) -> list[MembershipEvent]:
    """A member's history, oldest first."""
    sql = "SELECT * FROM membership_events WHERE member_id = ?"
    if not include_void:
        sql += " AND voided_at IS NULL"
    return [MembershipEvent(**row) for row in db.query(sql + " ORDER BY date, id", (member_id,))]


def current_status(db: Database, member_id: int) -> str | None:
    row = db.execute("SELECT status FROM members WHERE id = ?", (member_id,)).fetchone()
    if row is None:
        raise audit.NotFound(f"会员不存在（编号 {member_id}）")
    return row[0]


def allowed_kinds(db: Database, member_id: int) -> list[str]:
    """The kinds of change that may be recorded next, given the current status."""
    return list(codes.EVENTS_ALLOWED_FROM[current_status(db, member_id)])


def record_event(
    db: Database,
    member_id: int,
    kind: str,
    date: str,
    *,
    reason: str = "",
    other_union: str = "",
    note: str = "",
) -> int:
    """Append a change to the history; refuses changes that make no sense.

    A change must follow from the current status (only a member 在会 can be
    transferred out; only a retained one restored), may not predate the latest
    change, and a transfer out names the receiving union.
    """
    check_choice("会籍变动类型", kind, codes.MEMBERSHIP_EVENT, key="kind")
    date = parse_past_date("变动日期", date, key="date")
    if not date:
        raise ValidationError("变动日期", "不能为空", key="date")
    other_union = _text("other_union", "转往工会" if kind == "transfer_out" else "来自工会", other_union)
    reason = _text("reason", "变动原因", reason)
    note = _text("note", "备注", note)
    label = codes.MEMBERSHIP_EVENT.label(kind)
    if kind == "transfer_out" and not other_union:
        raise ValidationError("转往工会", "转出时须填写接收会籍的工会")
    with db.atomic():
        from models.member_void import refuse_if_voided

        refuse_if_voided(db, member_id)
        status = current_status(db, member_id)
        if kind not in codes.EVENTS_ALLOWED_FROM[status]:
            now_label = codes.MEMBER_STATUS.label(status) if status else "尚无会籍记录"
            raise ValidationError("会籍变动类型", f"会员当前为“{now_label}”，不能办理“{label}”")
        last = db.execute(
            "SELECT max(date) FROM membership_events WHERE member_id = ? AND voided_at IS NULL", (member_id,)
        ).fetchone()[0]
        if last and date < last:
            raise ValidationError("变动日期", f"不能早于上一次会籍变动（{last}）")
        return audit.insert_row(
            db,
            "membership_events",
            {
                "member_id": member_id,
                "kind": kind,
                "date": date,
                "reason": reason,
                "other_union": other_union,
                "note": note,
                "created_at": audit.now(),
            },
        )


def first_event(db: Database, member_id: int, kind: str, date: str, *, other_union: str = "") -> int:
    """The 入会/转入 that starts a new member's history (no status checks: there is none yet)."""
    date = parse_past_date("入会日期" if kind == "join" else "转入日期", date, key="join_date")
    return audit.insert_row(
        db,
        "membership_events",
        {
            "member_id": member_id,
            "kind": kind,
            "date": date,
            "other_union": _text("other_union", "原工会", other_union),
            "note": "新增会员" if kind == "join" else "",
            "created_at": audit.now(),
        },
    )


JOIN_KINDS = ("join", "transfer_in")  # the kinds a membership here begins with


def _first_join(db: Database, member_id: int) -> dict | None:
    """The live 入会/转入 that 入会日期 comes from."""
    rows = list(
        db.query(
            "SELECT * FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND kind IN ('join', 'transfer_in')"
            " ORDER BY date, id LIMIT 1",
            (member_id,),
        )
    )
    return rows[0] if rows else None


def void_event(db: Database, event_id: int, reason: str) -> None:
    """Void a mistaken history entry; the status is derived again from the rest.

    The 入会/转入 that 入会日期 comes from is voided only if another stays: a wrong
    入会日期 is corrected by editing it (move_join), not by leaving no 入会 at all.
    """
    with db.atomic():
        row = audit.get_row(db, "membership_events", event_id)
        remaining = db.execute(
            "SELECT count(*) FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND id <> ?",
            (row["member_id"], event_id),
        ).fetchone()[0]
        if remaining == 0:
            raise ValidationError("作废", "这是该会员唯一的会籍记录，不能作废")
        first = _first_join(db, row["member_id"])
        if first is not None and first["id"] == event_id:
            others = db.execute(
                "SELECT count(*) FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND id <> ? AND kind IN ('join', 'transfer_in')",
                (row["member_id"], event_id),
            ).fetchone()[0]
            if not others:
                raise ValidationError("作废", "入会日期来自这条入会（转入）记录，不能作废；入会日期有误请在会员信息中修改入会日期")
        audit.void_row(db, "membership_events", event_id, reason)


def move_join(db: Database, member_id: int, date: str) -> int | None:
    """Put 入会日期 on `date` (already checked): the 入会/转入 it comes from is voided with
    a reason saying so and stated again on that day; returns the new event's id (None
    when the date is already right). Refused when a later change would then come first.
    Call inside a transaction; the triggers set members.join_date.
    """
    first = _first_join(db, member_id)
    if first is None or first["date"] == date:
        return None
    following = db.execute(
        "SELECT date, kind FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND id <> ?"
        " AND (date > ? OR (date = ? AND id > ?)) ORDER BY date, id LIMIT 1",
        (member_id, first["id"], first["date"], first["date"], first["id"]),
    ).fetchone()
    if following and date >= following[0]:
        label = codes.MEMBERSHIP_EVENT.label(following[1])
        raise ValidationError("入会日期", f"须早于之后的会籍变动（{following[0]} {label}）", key="join_date")
    audit.void_row(db, "membership_events", first["id"], f"入会日期更正为 {date}")
    keep = ("member_id", "kind", "reason", "other_union", "note")
    return audit.insert_row(db, "membership_events", {k: first[k] for k in keep} | {"date": date, "created_at": audit.now()})


def status_on(db: Database, member_id: int, on: str) -> str | None:
    """The status on day `on` (ISO): after the last change up to it; None before the first."""
    row = db.execute(
        "SELECT kind FROM membership_events WHERE member_id = ? AND voided_at IS NULL AND date <= ? ORDER BY date DESC, id DESC LIMIT 1",
        (member_id, on),
    ).fetchone()
    return codes.STATUS_AFTER_EVENT[row[0]] if row else None


def joined_between(db: Database, first: str, last: str, *, kinds: tuple[str, ...] = ("join",)) -> list[int]:
    """Members with a live change of `kinds` from `first` to `last` (ISO days, inclusive), by id:
    入会 alone by default (本年新发展会员: a transfer in is not a new member for the movement)."""
    marks = ",".join("?" for _ in kinds)
    return [
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT member_id FROM membership_events WHERE voided_at IS NULL AND kind IN ({marks})"
            " AND date BETWEEN ? AND ? ORDER BY member_id",
            (*kinds, first, last),
        )
    ]
