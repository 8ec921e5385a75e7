"""Worker congress (职工代表大会): terms, sessions, delegates and the composition check.

Rules (企业民主管理规定, 2012): delegates are at least 5% of workers and at least
30 (a union under 100 workers may hold an all-worker assembly, 职工大会, instead);
middle managers and company leaders together at most 20%; women and dispatched
workers present in proportion. Delegates serve the whole term (常任制) unless
recalled or replaced: each delegate row has a start and an optional end, so who
was a delegate on any date stays answerable.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlite_utils import Database

from models import audit, clock, codes
from models.field_rules import check_column_text, label as field_label
from models.validation import ValidationError, check_choice, check_count, check_flag, parse_date

audit.TABLE_LABELS.update(
    {
        "congress_terms": "职代会届次",
        "congress_sessions": "职代会会议",
        "delegates": "职工代表",
    }
)

_DIGITS = "零一二三四五六七八九"
# Terms and sessions are numbered from one; nothing past this is a real 第N届/第N次.
MAX_NUMBER = 999


def chinese_number(n: int) -> str:
    """Chinese numerals as used in meeting names: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    import cn2an

    return cn2an.an2cn(n)


def session_name(term_number: int, session_number: int, *, assembly: bool = False) -> str:
    body = "职工大会" if assembly else "职工代表大会"
    return f"第{chinese_number(term_number)}届{body}第{chinese_number(session_number)}次会议"


# ---------------------------------------------------------------- terms

@dataclass
class Term:
    number: int
    start_date: str
    end_date: str
    delegate_quota: int = 0
    is_assembly: bool = False
    note: str = ""
    id: int | None = None

    @property
    def name(self) -> str:
        return f"第{chinese_number(self.number)}届{'职工大会' if self.is_assembly else '职工代表大会'}"


def _validate_term(t: Term) -> Term:
    # Every value is checked before add_term queries with it (an int past 64 bits
    # would reach SQLite as OverflowError) and before bool() could read “否” as yes.
    number = check_count("届次", t.number, key="number", minimum=1, maximum=MAX_NUMBER)
    start = parse_date("任期开始", t.start_date, key="start_date", allow_future=True)
    end = parse_date("任期结束", t.end_date, key="end_date", allow_future=True)
    if not start:
        raise ValidationError("任期开始", "不能为空", key="start_date")
    if not end:
        raise ValidationError("任期结束", "不能为空", key="end_date")
    if end <= start:
        raise ValidationError("任期结束", "应晚于任期开始", key="end_date")
    years = (_dt.date.fromisoformat(end) - _dt.date.fromisoformat(start)).days / 365.25
    if not 2.9 <= years <= 5.1:
        raise ValidationError("任期结束", f"职代会每届任期为3至5年，现为{years:.1f}年", key="end_date")
    quota = check_count("代表名额", t.delegate_quota, key="delegate_quota")
    assembly = check_flag("会议形式", t.is_assembly, key="is_assembly")
    note = check_column_text("congress_terms", "note", t.note)
    return Term(number, start, end, quota, assembly, note, t.id)


def add_term(db: Database, term: Term) -> int:
    t = _validate_term(term)
    with db.atomic():
        if db.execute("SELECT 1 FROM congress_terms WHERE number = ?", (t.number,)).fetchone():
            raise ValidationError("届次", f"第{chinese_number(t.number)}届已存在", key="number")
        overlap = db.execute(
            "SELECT number FROM congress_terms WHERE start_date < ? AND end_date > ?", (t.end_date, t.start_date)
        ).fetchone()
        if overlap:
            raise ValidationError("任期开始", f"与第{chinese_number(overlap[0])}届的任期重叠", key="start_date")
        return audit.insert_row(
            db,
            "congress_terms",
            {
                "number": t.number,
                "start_date": t.start_date,
                "end_date": t.end_date,
                "delegate_quota": t.delegate_quota,
                "is_assembly": int(t.is_assembly),
                "note": t.note,
                "created_at": audit.now(),
            },
        )


def add_delegates(db: Database, term_id: int, member_ids: list[int], **details) -> list[int]:
    """Several members made delegates at once (all or none): a refusal names the member."""
    if not member_ids:
        raise ValidationError("会员", "请从列表中选择会员（可多选）", key="member")
    with db.atomic():
        return [add_delegate(db, term_id, member_id, **details) for member_id in member_ids]


def get_term(db: Database, term_id: int) -> Term:
    r = audit.get_row(db, "congress_terms", term_id)
    return Term(r["number"], r["start_date"], r["end_date"], r["delegate_quota"], bool(r["is_assembly"]), r["note"], r["id"])


def terms(db: Database) -> list[Term]:
    return [get_term(db, r[0]) for r in db.execute("SELECT id FROM congress_terms ORDER BY number DESC")]


# ---------------------------------------------------------------- sessions

@dataclass
class Session:
    term_id: int
    number: int
    date: str
    place: str = ""
    kind: str = "regular"  # codes.SESSION_KIND
    host: str = ""
    recorder: str = ""
    start_time: str = ""
    end_time: str = ""
    executive_chair: str = ""
    nonvoting: str = ""  # 列席人员
    opening: str = ""
    closing: str = ""
    note: str = ""
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None


SESSION_FIELDS = [
    "term_id", "number", "date", "place", "kind", "host", "recorder", "start_time", "end_time",
    "executive_chair", "nonvoting", "opening", "closing", "note",
]


def _validate_session(db: Database, s: Session) -> Session:
    term = get_term(db, s.term_id)
    number = check_count("会次", s.number, key="number", minimum=1, maximum=MAX_NUMBER)
    date = parse_date("会议日期", s.date, key="date", allow_future=True)
    if not date:
        raise ValidationError("会议日期", "不能为空", key="date")
    if not term.start_date <= date <= term.end_date:
        raise ValidationError("会议日期", f"不在{term.name}任期内（{term.start_date} 至 {term.end_date}）", key="date")
    check_choice("会议类型", s.kind, codes.SESSION_KIND, key="kind")
    # Every text field by its column's rule, so a list or a stray control character is
    # refused naming the field before _is_time() or a query sees it.
    values = {k: check_column_text("congress_sessions", k, getattr(s, k)) for k in _SESSION_TEXT}
    for key in ("start_time", "end_time"):
        if values[key] and not _is_time(values[key]):
            raise ValidationError(field_label("congress_sessions", key), "请写成 09:00 这样的时间", key=key)
    return Session(term_id=s.term_id, number=number, date=date, kind=s.kind, **values, id=s.id)


_SESSION_TEXT = [k for k in SESSION_FIELDS if k not in ("term_id", "number", "date", "kind")]


def _is_time(text: str) -> bool:
    try:
        _dt.time.fromisoformat(text if len(text) > 4 else "0" + text)
        return True
    except ValueError:
        return False


def add_session(db: Database, session: Session) -> int:
    with db.atomic():
        s = _validate_session(db, session)
        if db.execute("SELECT 1 FROM congress_sessions WHERE term_id = ? AND number = ?", (s.term_id, s.number)).fetchone():
            raise ValidationError("会次", f"本届第{chinese_number(s.number)}次会议已存在", key="number")
        values = {k: getattr(s, k) for k in SESSION_FIELDS} | {"created_at": audit.now()}
        return audit.insert_row(db, "congress_sessions", values)


def update_session(db: Database, session: Session) -> bool:
    if session.id is None:
        raise ValueError("update_session needs an id")
    with db.atomic():
        s = _validate_session(db, session)
        clash = db.execute(
            "SELECT 1 FROM congress_sessions WHERE term_id = ? AND number = ? AND id <> ?", (s.term_id, s.number, s.id)
        ).fetchone()
        if clash:
            raise ValidationError("会次", f"本届第{chinese_number(s.number)}次会议已存在", key="number")
        before = get_session(db, s.id)
        if (s.date, s.term_id) != (before.date, before.term_id) and standing_votes(db, s.id):
            # Who was a delegate "that day" is the roll the votes were taken on.
            raise ValidationError(
                "会议日期", "该会议已有表决结果，会议日期不能修改；如日期确有错误，请先作废表决结果并说明原因", key="date"
            )
        return audit.update_row(db, "congress_sessions", s.id, {k: getattr(s, k) for k in SESSION_FIELDS})


def get_session(db: Database, session_id: int) -> Session:
    r = audit.get_row(db, "congress_sessions", session_id)
    return Session(**{k: r[k] for k in SESSION_FIELDS}, id=r["id"], voided_at=r["voided_at"], void_reason=r["void_reason"])


def sessions(db: Database, term_id: int) -> list[Session]:
    return [get_session(db, r[0]) for r in db.execute("SELECT id FROM congress_sessions WHERE term_id = ? ORDER BY number", (term_id,))]


def full_session_name(db: Database, session_id: int) -> str:
    s = get_session(db, session_id)
    t = get_term(db, s.term_id)
    return session_name(t.number, s.number, assembly=t.is_assembly)


def standing_votes(db: Database, session_id: int) -> list[int]:
    """Ids of the meeting's recorded votes that stand (neither they nor their item voided)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT v.id FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id"
            " WHERE r.session_id = ? AND v.voided_at IS NULL AND r.voided_at IS NULL ORDER BY v.id",
            (session_id,),
        )
    ]


def void_session(db: Database, session_id: int, reason: str) -> None:
    """Sessions with votes are never deleted: they are voided with a reason."""
    audit.void_row(db, "congress_sessions", session_id, reason)


def delete_session(db: Database, session_id: int) -> None:
    """Delete a session entered by mistake; refused once it has votes, sign-in or proposals."""
    with db.atomic():
        audit.get_row(db, "congress_sessions", session_id)
        for table, what in (("resolutions", "表决事项"), ("session_attendance", "签到记录"), ("proposals", "提案"), ("agenda_items", "议程")):
            if db.execute(f"SELECT 1 FROM {table} WHERE session_id = ? LIMIT 1", (session_id,)).fetchone():
                raise ValidationError("删除会议", f"该会议已有{what}，不能删除；如需撤销请“作废”并填写原因")
        audit.delete_row(db, "congress_sessions", session_id, "删除误录的会议")


# ---------------------------------------------------------------- delegates

@dataclass
class Delegate:
    id: int
    term_id: int
    member_id: int
    name: str
    gender: str
    department: str
    is_dispatched: bool
    group_name: str
    category: str
    start_date: str
    start_how: str
    end_date: str | None
    end_how: str | None
    end_note: str

    @property
    def category_label(self) -> str:
        return codes.DELEGATE_CATEGORY.label(self.category)


_DELEGATE_SQL = """
    SELECT d.id, d.term_id, d.member_id, m.name, m.gender, m.department, m.is_dispatched,
           d.group_name, d.category, d.start_date, d.start_how, d.end_date, d.end_how, d.end_note
    FROM delegates d JOIN members m ON m.id = d.member_id
"""


def _delegate(row: tuple) -> Delegate:
    d = Delegate(*row)
    d.is_dispatched = bool(d.is_dispatched)
    return d


def add_delegate(
    db: Database,
    term_id: int,
    member_id: int,
    *,
    category: str,
    group_name: str = "",
    start_date: str | None = None,
    start_how: str = "elected",
) -> int:
    """Make a member a delegate of a term; refuses non-active members and doubles."""
    if category not in codes.DELEGATE_CATEGORY:
        raise ValidationError("代表类别", "请选择代表类别", key="category")
    if start_how not in codes.DELEGATE_START:
        raise ValidationError("产生方式", "无效", key="start_how")
    group_name = check_column_text("delegates", "group_name", group_name)
    with db.atomic():
        term = get_term(db, term_id)
        start = parse_date("任职日期", start_date or term.start_date, key="start_date", allow_future=True)
        if not term.start_date <= start <= term.end_date:
            raise ValidationError("任职日期", f"不在{term.name}任期内", key="start_date")
        row = db.execute("SELECT name, status FROM members WHERE id = ?", (member_id,)).fetchone()
        if row is None:
            raise audit.NotFound(f"会员不存在（编号 {member_id}）")
        name, status = row
        if status != "active":
            raise ValidationError("代表", f"{name}的会籍状态为“{codes.MEMBER_STATUS.label(status)}”，只有在会会员才能当选职工代表")
        existing = db.execute("SELECT id, voided_at FROM delegates WHERE term_id = ? AND member_id = ?", (term_id, member_id)).fetchone()
        if existing and not existing[1]:
            raise ValidationError("代表", f"{name}已是{term.name}的代表，同一届不能重复登记")
        if existing:
            # Voided as entered by mistake, now entered rightly: the one row per member and
            # term is stated again (the audit trail keeps the void and this).
            audit.update_row(
                db, "delegates", existing[0],
                {"group_name": group_name, "category": category, "start_date": start, "start_how": start_how, "end_date": None,
                 "end_how": None, "end_note": "", "voided_at": None, "void_reason": None},
                note="重新登记（此前误录已作废）",
            )
            return existing[0]
        return audit.insert_row(
            db,
            "delegates",
            {
                "term_id": term_id,
                "member_id": member_id,
                "group_name": group_name,
                "category": category,
                "start_date": start,
                "start_how": start_how,
                "created_at": audit.now(),
            },
        )


def end_delegate(db: Database, delegate_id: int, date: str, how: str, note: str = "") -> None:
    """End a delegate's service (罢免, 调离 …); the row stays as history."""
    if how not in codes.DELEGATE_END:
        raise ValidationError("终止原因", "请选择终止原因", key="end_how")
    note = check_column_text("delegates", "end_note", note)
    with db.atomic():
        d = get_delegate(db, delegate_id)
        if d.end_date:
            raise ValidationError("终止日期", f"{d.name}的代表资格已于 {d.end_date} 终止")
        term = get_term(db, d.term_id)
        end = parse_date("终止日期", date, key="end_date")
        if not end:
            raise ValidationError("终止日期", "不能为空", key="end_date")
        if end < d.start_date or end > term.end_date:
            raise ValidationError("终止日期", f"应在 {d.start_date} 至 {term.end_date} 之间", key="end_date")
        voted = db.execute(
            """SELECT s.id, s.date FROM session_attendance a JOIN congress_sessions s ON s.id = a.session_id
               WHERE a.delegate_id = ? AND s.date >= ? AND s.voided_at IS NULL AND EXISTS (
                   SELECT 1 FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id
                   WHERE r.session_id = s.id AND v.voided_at IS NULL AND r.voided_at IS NULL)
               ORDER BY s.date LIMIT 1""",
            (delegate_id, end),
        ).fetchone()
        if voted:
            # The delegate is on the roll of a meeting whose votes stand; ending the
            # service on or before that day would change the 应到 those votes state.
            raise ValidationError(
                "终止日期",
                f"{d.name}是 {voted[1]} {full_session_name(db, voted[0])}的应到代表，该会议已有表决结果，终止日期应晚于 {voted[1]}。"
                "如代表资格确在会前已终止，请先作废该会议的表决结果。",
                key="end_date",
            )
        audit.update_row(db, "delegates", delegate_id, {"end_date": end, "end_how": how, "end_note": note})


def void_delegate(db: Database, delegate_id: int, reason: str) -> None:
    """A delegate entered by mistake (wrong person, wrong term): voided with a reason, never
    deleted. Unlike 终止代表资格 (a service that ended on a day) a voided delegate never
    served: they leave every roll, count and form. Refused while a meeting whose votes
    stand has them on its roll (its 应到 was stated with them), or while they proposed or
    co-signed a proposal."""
    with db.atomic():
        d = get_delegate(db, delegate_id)
        voted = db.execute(
            """SELECT s.id, s.date FROM session_attendance a JOIN congress_sessions s ON s.id = a.session_id
               WHERE a.delegate_id = ? AND s.voided_at IS NULL AND EXISTS (
                   SELECT 1 FROM resolution_votes v JOIN resolutions r ON r.id = v.resolution_id
                   WHERE r.session_id = s.id AND v.voided_at IS NULL AND r.voided_at IS NULL)
               ORDER BY s.date LIMIT 1""",
            (delegate_id,),
        ).fetchone()
        if voted:
            raise ValidationError(
                "作废代表",
                f"{d.name}是 {voted[1]} {full_session_name(db, voted[0])}的应到代表，该会议已有表决结果；请先作废该会议的表决结果，再作废这名代表。",
            )
        proposal = db.execute(
            """SELECT number, title FROM proposals WHERE proposer_id = ? AND voided_at IS NULL
               UNION ALL SELECT p.number, p.title FROM proposal_cosigners c JOIN proposals p ON p.id = c.proposal_id
               WHERE c.delegate_id = ? AND p.voided_at IS NULL
               LIMIT 1""",
            (delegate_id, delegate_id),
        ).fetchone()
        if proposal:
            raise ValidationError("作废代表", f"{d.name}提出或附议了提案“{proposal[1]}”（{proposal[0] or '未编号'}），不能作废；若该提案也是误录，请先作废该提案。")
        audit.void_row(db, "delegates", delegate_id, reason)


def update_delegate(db: Database, delegate_id: int, *, category: str, group_name: str) -> bool:
    if category not in codes.DELEGATE_CATEGORY:
        raise ValidationError("代表类别", "请选择代表类别", key="category")
    group_name = check_column_text("delegates", "group_name", group_name)
    return audit.update_row(db, "delegates", delegate_id, {"category": category, "group_name": group_name})


def get_delegate(db: Database, delegate_id: int) -> Delegate:
    row = db.execute(_DELEGATE_SQL + " WHERE d.id = ?", (delegate_id,)).fetchone()
    if row is None:
        raise audit.NotFound(f"职工代表不存在（编号 {delegate_id}）")
    return _delegate(row)


def delegates(db: Database, term_id: int, *, on: str | None = None, include_ended: bool = False) -> list[Delegate]:
    """Delegates of a term, by group then name; `on` a date: those serving that day."""
    sql = _DELEGATE_SQL + " WHERE d.term_id = ? AND d.voided_at IS NULL"  # a delegate entered by mistake never served
    params: list = [term_id]
    if on:
        sql += " AND d.start_date <= ? AND (d.end_date IS NULL OR d.end_date > ?)"
        params += [on, on]
    elif not include_ended:
        sql += " AND d.end_date IS NULL"
    sql += " ORDER BY d.group_name, m.name_pinyin"
    return [_delegate(r) for r in db.execute(sql, params)]


def group_order(name: str) -> tuple:
    """Sort key for delegation groups: 第二代表团 before 第十代表团, as people count."""
    import re

    match = re.search(r"第([一二三四五六七八九十百零〇\d]+)", name or "")
    if match:
        text = match.group(1)
        try:
            import cn2an

            return (0, int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart")), name)
        except (ValueError, KeyError):
            pass
    return (1, 0, name or "")


def session_delegates(db: Database, session_id: int) -> list[Delegate]:
    """All delegates of the term on the session's date (the base of 应到 and of majorities)."""
    s = get_session(db, session_id)
    return delegates(db, s.term_id, on=s.date)


# ---------------------------------------------------------------- composition

@dataclass
class RuleCheck:
    rule: str
    figure: str
    passed: bool
    note: str = ""


def _workforce_basis(db: Database, on: str, workers: int) -> str:
    """Which year's statement the worker count comes from, when not the date's own year."""
    from models.org import workforce_as_of

    stated = workforce_as_of(db, on)
    if stated is None:
        return "未填写职工人数，请在设置页填写"
    if stated.year != int(on[:4]):
        return f"{on[:4]}年未填写职工人数，按{stated.year}年的 {workers} 人计"
    return ""


def composition(db: Database, term_id: int, on: str | None = None) -> list[RuleCheck]:
    """The composition rules for a term with figures and pass/fail; failing rules warn only."""
    from models.org import get_profile

    term = get_term(db, term_id)
    on = on or min(max(clock.today_iso(), term.start_date), term.end_date)
    org = get_profile(db, on=on)  # the workforce of that date, not today's
    ds = delegates(db, term_id, on=on)
    total = len(ds)
    workers = org.workers_total
    checks: list[RuleCheck] = []
    if workers and workers < 100:
        checks.append(
            RuleCheck(
                "职工人数不足100人，可召开职工大会",
                f"职工 {workers} 人",
                term.is_assembly,
                "全体职工参加" if term.is_assembly else "建议将本届设为职工大会",
            )
        )
    if not term.is_assembly:
        needed = max(30, -(-workers * 5 // 100)) if workers else 30
        checks.append(RuleCheck("代表人数不少于职工总数的5%，且不少于30人", f"{total} 人（应不少于 {needed} 人）", total >= needed,
                                _workforce_basis(db, on, workers)))
    if term.delegate_quota:
        checks.append(RuleCheck("代表人数不超过本届名额", f"{total} / {term.delegate_quota}", total <= term.delegate_quota))
    if total:
        managers = sum(1 for d in ds if d.category in ("management", "leader"))
        checks.append(
            RuleCheck("中层以上管理人员和领导人员不超过20%", f"{managers} 人，占 {managers / total:.1%}", managers * 5 <= total)
        )
        frontline = sum(1 for d in ds if d.category == "frontline")
        checks.append(RuleCheck("一线职工不少于50%（各地要求不同，供参考）", f"{frontline} 人，占 {frontline / total:.1%}", frontline * 2 >= total))
        women = sum(1 for d in ds if d.gender == "2")
        if org.workers_female and workers:
            share = org.workers_female / workers
            ok = women / total >= share * 0.8 if share else True
            checks.append(
                RuleCheck("女职工代表比例与女职工比例相适应", f"{women} 人，占 {women / total:.1%}（女职工占 {share:.1%}）", ok)
            )
        else:
            checks.append(RuleCheck("应有女职工代表", f"{women} 人", women > 0))
        dispatched = sum(1 for d in ds if d.is_dispatched)
        if org.workers_dispatched:
            checks.append(RuleCheck("有劳务派遣工的，应有劳务派遣工代表", f"{dispatched} 人", dispatched > 0))
    return checks
