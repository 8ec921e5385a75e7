"""The member register (会员实名制): the record, its checks, adding and editing.

The status of a member and 入会日期 are not fields one edits: they follow from the
membership history (models.membership). Adding a member writes the member and its
first history event (入会 or 转入) in one transaction. The row holds today's values;
the attributes that change in the world keep their dated past (models.member_time),
written by update_member in the same transaction as the row.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields, replace
from typing import Any, Collection

from sqlite_utils import Database

from models import audit, clock, codes, field_rules, member_time, membership
from models.validation import (
    DuplicateError,
    ValidationError,
    Warning_,
    check_fen,
    check_flag,
    check_text,
    id_birth_date,
    id_gender,
    normalize_id_number,
    format_money,
    normalize_phone,
    parse_money,
)


# Slots: an import holds a member for every row it checked (100,000 of them took
# 40 MB more as dicts).
@dataclass(slots=True)
class Member:
    name: str = ""
    gender: str = ""  # codes.GENDER
    ethnicity: str = "01"  # codes.ETHNICITY
    birth_date: str = ""
    id_type: str = "ric"  # codes.ID_TYPE
    id_number: str = ""
    phone: str = ""
    political_status: str = "13"  # codes.POLITICAL_STATUS
    education: str = ""  # codes.EDUCATION
    skill_level: str = ""  # codes.SKILL_LEVEL
    hukou_type: str = ""  # codes.HUKOU_TYPE
    hukou_place: str = ""
    native_place: str = ""
    is_migrant_worker: bool = False
    is_dispatched: bool = False
    employment_status: str = "employed"  # codes.EMPLOYMENT
    workplace: str = ""
    department: str = ""
    post: str = ""
    job_title: str = ""  # 职务
    pro_title: str = ""  # 职称
    employee_no: str = ""
    join_date: str = ""
    card_number: str = ""
    card_issued_on: str = ""  # 发卡日期: '' not known (then the card counts in no year's 会员卡发放数)
    member_no: str = ""
    monthly_wage_fen: int | None = None
    note: str = ""
    id: int | None = None
    status: str | None = None  # derived, read-only


# Chinese labels, in the order of the national real-name collection form.
LABELS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_type": "证件类别",
    "id_number": "公民身份号码",
    "phone": "手机号码",
    "political_status": "政治面貌",
    "education": "学历",
    "skill_level": "技术等级",
    "hukou_type": "户籍类型",
    "hukou_place": "户籍所在地",
    "native_place": "籍贯",
    "is_migrant_worker": "是否农民工",
    "is_dispatched": "是否劳务派遣",
    "employment_status": "就业状况",
    "workplace": "工作单位",
    "department": "部门",
    "post": "岗位",
    "job_title": "职务",
    "pro_title": "职称",
    "employee_no": "工号",
    "join_date": "入会日期",
    "card_number": "会员卡号",
    "card_issued_on": "发卡日期",
    "member_no": "工会会员号",
    "monthly_wage_fen": "月工资（元）",
    "note": "备注",
    "status": "会籍状态",
}

# Which code list each coded field uses.
CODED_FIELDS: dict[str, codes.CodeList] = {
    "gender": codes.GENDER,
    "ethnicity": codes.ETHNICITY,
    "id_type": codes.ID_TYPE,
    "political_status": codes.POLITICAL_STATUS,
    "education": codes.EDUCATION,
    "skill_level": codes.SKILL_LEVEL,
    "hukou_type": codes.HUKOU_TYPE,
    "employment_status": codes.EMPLOYMENT,
    "status": codes.MEMBER_STATUS,
}

EDITABLE = [f.name for f in fields(Member) if f.name not in ("id", "status")]
FLAGS = ("is_migrant_worker", "is_dispatched")
# Free text; dates, the ID number and the phone have normalisers of their own that
# also read what a spreadsheet stores (serial numbers, floats).
TEXT_FIELDS = [k for k in EDITABLE if k not in (*FLAGS, "monthly_wage_fen", "birth_date", "join_date", "card_issued_on", "id_number", "phone")]
MAX_WAGE_FEN = 1_000_000_00  # a monthly wage above ¥1,000,000 is a typo
field_rules.register_labels("members", LABELS)
# (key, label, longest, multi-line) of each free-text field, looked up once: validate()
# runs 10,000 times in an import.
_TEXT_CHECKS = [(k, LABELS[k], *field_rules.text_rule("members", k)) for k in TEXT_FIELDS]


def _err(key: str, message: str) -> ValidationError:
    return ValidationError(LABELS[key], message, key=key)


def validate(member: Member) -> Member:
    """A cleaned copy of `member`, or ValidationError naming the first bad field.

    Derives birth date and sex from a 身份证 number and refuses what contradicts it.
    """
    # A shallow copy is a full one (every field is a str, int, bool or None); asdict()
    # deep-copied field by field and was a quarter of a 5,000-row import's time, and
    # replace() still cost 7 µs a member (it calls __init__ with every field by name).
    m = _copy(member)
    for key, label, longest, multiline in _TEXT_CHECKS:
        # Type, length and control characters as the column allows, so an import
        # names the row and column instead of the write refusing the whole batch.
        value = getattr(m, key)
        if value != "" or value.__class__ is not str:  # an empty text is valid as it is
            setattr(m, key, check_text(label, value, key=key, longest=longest, multiline=multiline))
    m.name = m.name.replace(" ", "")
    if not m.name:
        raise _err("name", "不能为空")
    if len(m.name) > 30:
        raise _err("name", "过长（最多30个字）")
    for key, code_list in CODED_FIELDS.items():
        if key == "status":
            continue
        value = getattr(m, key)
        if value and value not in code_list:
            parsed = code_list.parse(value)
            if parsed is None:
                raise _err(key, f"“{value}”不在{code_list.name}列表中")
            setattr(m, key, parsed)
    if not m.id_type:
        m.id_type = "ric"
    if m.id_type == "ric":
        m.id_number = normalize_id_number(LABELS["id_number"], m.id_number, key="id_number")
        birth = id_birth_date(m.id_number).isoformat()
        sex = id_gender(m.id_number)
        if m.birth_date:
            typed = membership.parse_past_date(LABELS["birth_date"], m.birth_date, key="birth_date")
            if typed != birth:
                raise _err("birth_date", f"与身份证号中的出生日期（{birth}）不一致")
        m.birth_date = birth
        if m.gender and m.gender != sex:
            raise _err("gender", f"与身份证号不一致（号码显示为{codes.GENDER.label(sex)}）")
        m.gender = sex
    else:
        m.id_number = m.id_number.replace(" ", "").upper()
        if not m.id_number:
            raise _err("id_number", "不能为空")
        m.birth_date = membership.parse_past_date(LABELS["birth_date"], m.birth_date, key="birth_date")
        if not m.birth_date:
            raise _err("birth_date", "不能为空")
        if not m.gender:
            raise _err("gender", "不能为空")
    age = _age(m.birth_date)
    if age < 16:
        raise _err("birth_date", f"年龄只有{age}岁，不满16周岁不能入会")
    m.phone = normalize_phone(LABELS["phone"], m.phone, key="phone")
    m.join_date = membership.parse_past_date(LABELS["join_date"], m.join_date, key="join_date")
    if not m.join_date:
        raise _err("join_date", "不能为空")
    if m.join_date < m.birth_date:
        raise _err("join_date", "早于出生日期")
    if m.monthly_wage_fen is not None:
        if not isinstance(m.monthly_wage_fen, int) or isinstance(m.monthly_wage_fen, bool):
            m.monthly_wage_fen = parse_money(LABELS["monthly_wage_fen"], m.monthly_wage_fen, key="monthly_wage_fen", allow_zero=True)
        if m.monthly_wage_fen < 0:
            raise _err("monthly_wage_fen", "不能为负数")
        if m.monthly_wage_fen > MAX_WAGE_FEN:
            raise _err("monthly_wage_fen", "超出合理范围（月工资超过100万元），请核对")
        m.monthly_wage_fen = check_fen(LABELS["monthly_wage_fen"], m.monthly_wage_fen, key="monthly_wage_fen", maximum=MAX_WAGE_FEN)
    for key in FLAGS:
        setattr(m, key, check_flag(LABELS[key], getattr(m, key), key=key))
    if m.card_number:
        m.card_number = m.card_number.replace(" ", "")
    m.card_issued_on = membership.parse_past_date(LABELS["card_issued_on"], m.card_issued_on, key="card_issued_on")
    if m.card_issued_on and not m.card_number:
        raise _err("card_issued_on", "没有会员卡号时不能填写发卡日期")
    if m.card_issued_on and m.card_issued_on < m.birth_date:
        raise _err("card_issued_on", "早于出生日期")
    return m


def _copy(member: Member) -> Member:
    """A shallow copy of a member (every field is a str, int, bool or None)."""
    return Member(*map(member.__getattribute__, _FIELDS))


def _age(birth_iso: str, on: _dt.date | None = None) -> int:
    on = on or clock.today()
    b = _dt.date.fromisoformat(birth_iso)
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def _live(db: Database) -> str:
    """' AND voided_at IS NULL': a voided member's ID number is free again (migration 12).
    Asked of the file because tests build ledgers of older versions with add_member."""
    has = any(r[1] == "voided_at" for r in db.execute("PRAGMA table_info(members)"))
    return " AND voided_at IS NULL" if has else ""


def find_by_id_number(db: Database, id_number: str, id_type: str = "ric") -> dict | None:
    row = db.execute(
        f"SELECT id, name, department, status FROM members WHERE id_type = ? AND id_number = ?{_live(db)}",
        (id_type, id_number),
    ).fetchone()
    return dict(zip(("id", "name", "department", "status"), row)) if row else None


def warnings_for(db: Database, member: Member) -> list[Warning_]:
    """Things to confirm before saving a valid member (same name and birth date)."""
    rows = db.execute(
        "SELECT id, department FROM members WHERE name = ? AND birth_date = ? AND id IS NOT ? AND voided_at IS NULL",
        (member.name, member.birth_date, member.id),
    ).fetchall()
    if not rows:
        return []
    where = "、".join(f"{member.name}（{dept or '未填部门'}）" for _, dept in rows[:3])
    return [Warning_("same_name_birth", f"已有同名且出生日期相同的会员：{where}。确认不是同一人吗？")]


def _check_unique(db: Database, m: Member) -> None:
    existing = find_by_id_number(db, m.id_number, m.id_type)
    if existing and existing["id"] != m.id:
        dept = f"，{existing['department']}" if existing["department"] else ""
        raise DuplicateError(
            LABELS["id_number"],
            f"该号码已属于会员“{existing['name']}”（编号 {existing['id']}{dept}），不能重复登记",
            key="id_number",
            existing_id=existing["id"],
        )


def _row_values(m: Member) -> dict[str, Any]:
    from models.pinyin import initials, spelled

    values = {k: getattr(m, k) for k in EDITABLE}
    values["is_migrant_worker"] = int(m.is_migrant_worker)
    values["is_dispatched"] = int(m.is_dispatched)
    values["id_number"] = m.id_number or None
    values["name_pinyin"] = spelled(m.name)
    values["name_initials"] = initials(m.name)
    values["search_key"] = " ".join(
        v for v in (m.name, values["name_initials"], m.id_number, m.phone, m.card_number, m.employee_no) if v
    ).lower()
    return values


def add_member(
    db: Database,
    member: Member,
    *,
    how: str = "join",
    event_date: str | None = None,
    other_union: str = "",
    validated: bool = False,
) -> int:
    """Add a member and the first event of its history (入会 or 转入); returns the id.

    The event is dated `event_date` if given, else the member's join_date; either way
    that day is the member's 入会日期 (the day membership of this union began: one fact,
    kept by the membership history). Raises ValidationError / DuplicateError and
    writes nothing on bad input. Warnings (warnings_for) are the caller's to show
    before calling this.
    """
    m = member if validated else validate(member)
    if not isinstance(how, str) or how not in ("join", "transfer_in"):
        raise ValidationError("会籍变动类型", "新会员只能是入会或转入")
    if event_date is not None:
        day = membership.parse_past_date("入会日期" if how == "join" else "转入日期", event_date, key="join_date")
        if day:
            if day < m.birth_date:
                raise _err("join_date", "早于出生日期")
            m = replace(m, join_date=day)
    with audit.transaction(db):
        _check_unique(db, m)
        stamp = audit.now()
        values = _row_values(m) | {"created_at": stamp, "updated_at": stamp}
        member_id = audit.insert_row(db, "members", values)
        membership.first_event(db, member_id, how, m.join_date, other_union=other_union)
    return member_id


def add_members(db: Database, validated: list[Member]) -> list[int]:
    """Add many already validated members (入会 on their join date) in one transaction.

    The bulk path of an import: the same rows and audit entries as add_member,
    written with a handful of statements. Raises DuplicateError naming the first
    ID number already registered; then nothing is written.
    """
    if not validated:
        return []
    stamp = audit.now()
    with audit.transaction(db):
        numbers = [m.id_number for m in validated]
        live = _live(db)
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            clash = db.execute(
                f"SELECT id_number FROM members WHERE id_type = 'ric'{live} AND id_number IN ({','.join('?' * len(chunk))}) LIMIT 1", chunk
            ).fetchone()
            if clash:
                m = next(x for x in validated if x.id_number == clash[0])
                _check_unique(db, m)
        ids = audit.insert_rows(db, "members", [_row_values(m) | {"created_at": stamp, "updated_at": stamp} for m in validated])
        audit.insert_rows(
            db,
            "membership_events",
            [
                {"member_id": i, "kind": "join", "date": m.join_date, "reason": "", "other_union": "", "note": "新增会员", "created_at": stamp}
                for i, m in zip(ids, validated)
            ],
        )
    return ids


def update_member(
    db: Database,
    member: Member,
    *,
    effective: object = None,
    corrected: bool | Collection[str] = False,
    note: str = "",
) -> bool:
    """Save edits to an existing member; returns False if nothing changed.

    The attributes that change in the world (member_time.HISTORY_FIELDS: 部门, 岗位,
    学历, 政治面貌, 农民工 …) keep their past: a new value takes effect on `effective`
    (default: the ledger's today, never before 入会日期), so the member counts as before
    until the day before.
    A field named in `corrected` (every field when True) was mistyped: its value is
    rewritten for the whole time the wrong one stood, and no change is dated. Editing
    入会日期 moves the 入会/转入 it comes from (membership.move_join). Other fields are
    overwritten. One transaction; the import's updates go through here too.
    """
    if member.id is None:
        raise ValueError("update_member needs a member with an id")
    m = validate(member)
    on = clock.today_iso() if effective is None else membership.parse_past_date("生效日期", effective, key="effective")
    if not on:
        raise ValidationError("生效日期", "不能为空", key="effective")
    fixed = _corrected_fields(corrected)
    note = check_text("变动说明", note, key="note")
    with db.atomic():
        from models.member_void import refuse_if_voided

        refuse_if_voided(db, m.id)
        _check_unique(db, m)
        values = _row_values(m)
        before = audit.get_row(db, "members", m.id)
        if all(before.get(k) == v for k, v in values.items()):
            return False
        _card_follows_number(before, values, fixed, on)
        changed = {k for k, v in values.items() if before.get(k) != v}
        dated = [f for f in member_time.HISTORY_FIELDS if f in changed and f not in fixed]
        if dated and on < values["join_date"]:
            # Before 入会 the member is in no count: a change dated then is a wrong day, not history.
            raise ValidationError("生效日期", f"不能早于入会日期（{values['join_date']}）", key="effective")
        membership.move_join(db, m.id, values["join_date"])
        member_time.apply_edit(db, m.id, before, values, on=on, corrected=fixed, note=note)
        # The change log says which edits took effect when, and which were corrections.
        notes = [f"{on} 起生效"] if any(f in changed and f not in fixed for f in member_time.HISTORY_FIELDS) else []
        notes += [member_time.CORRECTION_NOTE] if changed & fixed else []
        values["updated_at"] = audit.now()
        return audit.update_row(db, "members", m.id, values, note="；".join([*notes, note] if note else notes))


def _card_follows_number(before: dict[str, Any], values: dict[str, Any], fixed: set[str], on: str) -> None:
    """A new card number given without its 发卡日期 was issued on the day the change takes
    effect; a card number taken away takes its day with it (the past keeps both in
    member_changes). A corrected number (a typo) is the same card: its day stays."""
    if "card_issued_on" not in values or values["card_number"] == before.get("card_number") or "card_number" in fixed:
        return  # (an older schema without the column is written only by the upgrade tests)
    if values["card_issued_on"] != (before.get("card_issued_on") or ""):
        return  # typed by the chair
    values["card_issued_on"] = on if values["card_number"] else ""


def _corrected_fields(corrected: object) -> set[str]:
    if corrected is True:
        return set(member_time.HISTORY_FIELDS)
    if corrected is False or corrected is None:
        return set()
    if isinstance(corrected, (str, bytes)) or not isinstance(corrected, (list, tuple, set, frozenset)):
        raise ValidationError("更正项目", "应为信息项的列表", key="corrected")
    unknown = [f for f in corrected if f not in EDITABLE]
    if unknown:
        raise ValidationError("更正项目", f"“{str(unknown[0])[:20]}”不是会员信息项", key="corrected")
    return set(corrected)


def get_member(db: Database, member_id: int) -> Member:
    row = audit.get_row(db, "members", member_id)
    return _member_of({f: row[f] for f in _FIELDS})


_FIELDS = tuple(f.name for f in fields(Member))


def _member_of(data: dict[str, Any]) -> Member:
    data["is_migrant_worker"] = bool(data["is_migrant_worker"])
    data["is_dispatched"] = bool(data["is_dispatched"])
    data["id_number"] = data["id_number"] or ""
    return Member(**data)


def live_members_by_id_number(db: Database, id_numbers: Collection[str]) -> dict[str, Member]:
    """The members not voided who hold these 身份证 numbers, read with one query per 500
    numbers through the unique index (an import checking 100,000 known members asked for
    them one by one)."""
    found: dict[str, Member] = {}
    wanted = list(id_numbers)
    columns = ", ".join(f"[{f}]" for f in _FIELDS)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {columns} FROM members WHERE id_type = 'ric' AND id_number IN ({marks}){_live(db)}", chunk):
            m = _member_of(dict(zip(_FIELDS, row)))
            found[m.id_number] = m
    return found


# One index seek per department (members_department: voided_at, department) instead of
# DISTINCT over every member's entry: 100,000 members, a dozen departments, well under 1 ms.
DEPARTMENTS_SQL = """WITH RECURSIVE d(name) AS (
    SELECT min(department) FROM members WHERE voided_at IS NULL AND department > ''
    UNION ALL
    SELECT (SELECT min(department) FROM members WHERE voided_at IS NULL AND department > d.name)
    FROM d WHERE d.name IS NOT NULL)
SELECT name FROM d WHERE name IS NOT NULL"""


def departments(db: Database) -> list[str]:
    """The departments in use, for the filter and the edit dialog's completer."""
    return [r[0] for r in db.execute(DEPARTMENTS_SQL)]


def count_members(db: Database, status: str | None = None) -> int:
    if status:
        return db.execute("SELECT count(*) FROM members WHERE status = ? AND voided_at IS NULL", (status,)).fetchone()[0]
    return db.execute("SELECT count(*) FROM members WHERE voided_at IS NULL").fetchone()[0]


def display_value(key: str, value: Any) -> str:
    """How a stored member value reads to people (labels for codes, 是/否, yuan)."""
    if value is None or value == "":
        return ""
    if key in CODED_FIELDS:
        return CODED_FIELDS[key].label(value)
    if key in ("is_migrant_worker", "is_dispatched"):
        return "是" if value else "否"
    if key.endswith("_fen"):
        return format_money(value)
    return value if isinstance(value, str) else str(value)
