"""The member list: search as you type, filters and sorting, all done in SQL."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from models import codes
from models.paging import PagedRows
from models.validation import SHORT_TEXT, check_choice, clean_search

# Column key → (Chinese header, SQL sort expression). The order is the default
# column order of the table on screen and of the roster export.
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "name_pinyin"),
    "gender": ("性别", "gender"),
    "birth_date": ("出生日期", "birth_date"),
    "id_number": ("公民身份号码", "id_number"),
    "phone": ("手机号码", "phone"),
    "department": ("部门", "department"),
    "post": ("岗位", "post"),
    "political_status": ("政治面貌", "political_status"),
    "education": ("学历", "education"),
    "ethnicity": ("民族", "ethnicity"),
    "employment_status": ("就业状况", "employment_status"),
    "is_migrant_worker": ("农民工", "is_migrant_worker"),
    "join_date": ("入会日期", "join_date"),
    "card_number": ("会员卡号", "card_number"),
    "status": ("会籍状态", "status"),
}
DEFAULT_COLUMNS = ["name", "gender", "birth_date", "id_number", "phone", "department", "post", "political_status", "join_date", "card_number", "status"]


@dataclass
class MemberFilter:
    text: str = ""
    status: str | None = None  # codes.MEMBER_STATUS, None for all
    department: str | None = None
    sort: str = "name"
    descending: bool = False
    voided: bool = False  # True: only the members voided as entered by mistake (显示已作废)


def search_needle(text: str) -> str:
    """The typed text as it is looked for in members.search_key (stored lower-case)."""
    return clean_search(text).lower().replace(" ", "")


def where_clause(f: MemberFilter) -> tuple[str, list]:
    """The WHERE of a filter. Search text is cut to a sane length and stripped of control
    characters, silently (see validation.clean_search); a status or department that is
    not text is a ValidationError."""
    parts: list[str] = []
    params: list = []
    text = search_needle(f.text)
    if f.status:
        check_choice("会籍状态", f.status, codes.MEMBER_STATUS, key="status")
    department = clean_search(f.department, "部门", limit=SHORT_TEXT) if f.department else ""
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        parts.append("search_key LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    if f.voided:
        # Voided members have no status (their events are voided too): the status filter
        # does not apply to them.
        parts.append("voided_at IS NOT NULL")
    else:
        parts.append("voided_at IS NULL")
        if f.status:
            parts.append("status = ?")
            params.append(f.status)
    if department:
        parts.append("department = ?")
        params.append(department)
    return " AND ".join(parts), params


def order_clause(f: MemberFilter) -> str:
    expr = COLUMNS.get(f.sort if isinstance(f.sort, str) else "name", COLUMNS["name"])[1]
    direction = "DESC" if f.descending else "ASC"
    # Name order continues with search_key and id so that the (status, name_pinyin,
    # search_key) indexes deliver rows already sorted: no sort of 100,000 rows.
    keys = [expr] if expr == "name_pinyin" else [expr, "name_pinyin"]
    return ", ".join(f"{k} {direction}" for k in [*keys, "search_key", "id"])


def list_members(db: Database, f: MemberFilter, columns: list[str] | None = None, *, first: int | None = None) -> PagedRows:
    """The filtered, sorted member list, read a block at a time; columns: id + keys.

    `first`: read only that many ids now and the rest with load_rest() (see PagedRows).
    """
    where, params = where_clause(f)
    keys = ["id", *(columns or DEFAULT_COLUMNS)]
    index = _search_index(db, f)
    if index is not None:
        # Typed text in the list's own order, from memory (models.member_search): the same
        # members in the same order as the SQL below; the SQL stays as the fallback.
        return PagedRows.of_search(db, table="members", columns=keys, where=where, params=params, order_by=order_clause(f),
                                   index=index, needle=search_needle(f.text), descending=f.descending, first=first)
    return PagedRows(db, table="members", columns=keys, where=where, params=params, order_by=order_clause(f), first=first)


def _search_index(db: Database, f: MemberFilter):
    """The in-memory index that can answer this filter, if one is built and current."""
    needle = search_needle(f.text) if isinstance(f.text, str) else ""
    if not needle or "\n" in needle or f.sort != "name" or f.voided or f.department:
        return None
    if f.status:
        check_choice("会籍状态", f.status, codes.MEMBER_STATUS, key="status")
    from models.member_search import ready_index

    return ready_index(db, f.status or None)


def matches_by_status(db: Database, f: MemberFilter) -> dict[str, int]:
    """How many members the filter's search finds in each status, the status filter aside:
    a search that finds nobody 在会 says where the member is (已离会 …) instead of 共 0 人."""
    where, params = where_clause(replace(f, status=None))
    clause = f" WHERE {where}" if where else ""
    return dict(db.execute(f"SELECT status, count(*) FROM members{clause} GROUP BY status", params).fetchall())


def ids_matching(db: Database, f: MemberFilter) -> list[int]:
    """The ids of every member the filter finds, in list order: what 全选 selects, read
    by the filter in SQL (ids only, not rows)."""
    where, params = where_clause(f)
    clause = f" WHERE {where}" if where else ""
    return [r[0] for r in db.execute(f"SELECT id FROM members{clause} ORDER BY {order_clause(f)}", params)]


def iter_members(db: Database, f: MemberFilter, columns: list[str]):
    """All matching rows as dicts in order, for exports and printed rosters."""
    where, params = where_clause(f)
    clause = f" WHERE {where}" if where else ""
    sql = f"SELECT {', '.join(columns)} FROM members{clause} ORDER BY {order_clause(f)}"
    yield from db.query(sql, params)
