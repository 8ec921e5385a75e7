"""Importing a member roster: find the header, map columns, normalise, dry run, apply.

Messy cells are normalised, not rejected (Excel date serials, 2021.3.5, full-width
digits, spaces, a lowercase x, 15-digit IDs stored as numbers, phones with dashes and
extensions); what cannot be normalised is a Problem naming the row (as Excel numbers
it) and the column. A 入会时间 with only a year and month (1985.03) is dated the 1st and
noted (ImportPlan.notes); a name with a "?" (a GBK/WPS save lost a rare character) is
a Problem, never written over a good name. The status columns an export writes
(会籍状态, 会籍变动, 会籍变动日期 …) give a new member its change after 入会, so an export
imports back with every status; a known member's status is never changed by an import. Nothing is written until apply_import,
which writes every valid row in one transaction: killed or cancelled half-way,
the database holds none of them. Re-importing updates members matched by ID
number — only the columns the file has — instead of duplicating them.

The file is read as a stream (models.spreadsheet), with limits: at most
MAX_DATA_ROWS rows of data (a longer file is refused before any row is checked,
from the reader's row estimate), and the problems listed stop at
MAX_LISTED_PROBLEMS (the rest are counted, not listed; the error file holds the
listed rows). Both functions take `progress(done, total)`; it is called every few
hundred rows and at every chunk of the file read, and raising Cancelled from it
stops the work (nothing is written).

The register may change between the dry run and 导入 (the chair edits a phone
number in the meantime). apply_import therefore compares and writes in one
transaction: for each member the file updates, it re-reads the member and
writes only the fields that the file changes (those where the file differed from
the register at the dry run) and that still differ now; fields the file leaves
as they were, and members the file does not name, are never written. When a
field the file changes was also changed by someone after the dry run, the file
wins — that is what the chair chose to import — and the audit entry of the
update says which fields it overwrote; apply_import counts such members in
"overwritten" so the caller can tell the chair.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from itertools import chain
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from models import audit, codes, members, membership
from models.members import LABELS, Member
from models.tasks import EVERY, ProgressFn, Ticker
from models.import_headers import _HEADER_INDEX, _HISTORY_LABELS, _HISTORY_SET, FIELD_HEADERS, HISTORY_FIELDS, _fold_header, label_of  # noqa: F401
from models.validation import DuplicateError, ValidationError, clean_text, to_ascii, year_month

HEADER_SCAN_ROWS = 20
MAX_DATA_ROWS = 200_000  # far beyond any grassroots union; a longer file is split by the chair
MAX_LISTED_PROBLEMS = 5_000  # a list longer than this is read by nobody; the rest are counted
_BOOL_FIELDS = ("is_migrant_worker", "is_dispatched")


class RosterError(ValidationError):
    """The file as a whole cannot be imported (no header row)."""


@dataclass
class Problem:
    row: int  # the row number as Excel shows it (1-based)
    column: str  # the original header text
    message: str


@dataclass(slots=True)
class PlannedRow:
    row: int
    action: str  # "add" | "update" | "unchanged"
    member: Member  # as the file makes it (for an update: the register at the dry run plus the file; unchanged: the register)
    existing_id: int | None = None
    changed: list[str] = field(default_factory=list)  # fields the file supplies that differ from the register
    base: dict[str, object] = field(default_factory=dict)  # those fields' values in the register at the dry run
    event: dict[str, str] | None = None  # a new member's status change after 入会 (kind, date, reason, other_union)


@dataclass
class ImportPlan:
    path: str
    header_row: int  # 1-based
    headers: list[str]  # the header texts as the file has them
    mapping: dict[int, str]  # column index → Member field
    rows: list[PlannedRow]
    problems: list[Problem]  # the first MAX_LISTED_PROBLEMS problems
    raw: dict[int, list[object]]  # row number → original cells of the listed bad rows, for the error file
    error_rows: int = 0  # rows with a problem, listed or not
    notes: list[Problem] = field(default_factory=list)  # what was read with a guess the chair should know (row, column, note)
    unlisted: int = 0  # problems counted but not listed

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": sum(1 for r in self.rows if r.action == "add"),
            "updated": sum(1 for r in self.rows if r.action == "update"),
            "unchanged": sum(1 for r in self.rows if r.action == "unchanged"),
            "errors": self.error_rows,
        }

    @property
    def unlisted_note(self) -> str:
        """'还有 N 处问题未列出…' when the list was cut short, else ''."""
        if not self.unlisted:
            return ""
        return f"还有 {self.unlisted:,} 处问题未列出（只列出前 {len(self.problems):,} 处；有错误的行共 {self.error_rows:,} 行，均不会导入）"

    def add_problems(self, row: int, cells: list[object], problems: list[Problem]) -> None:
        """Count a bad row; list its problems (and keep its cells) while there is room."""
        self.error_rows += 1
        room = MAX_LISTED_PROBLEMS - len(self.problems)
        if room <= 0:
            self.unlisted += len(problems)
            return
        self.problems += problems[:room]
        self.unlisted += max(0, len(problems) - room)
        self.raw[row] = cells

    def bad_rows(self) -> list[tuple[int, list[object], str]]:
        """(row, original cells, reasons) of every listed row with a problem, in order."""
        reasons: dict[int, list[str]] = {}
        for p in self.problems:
            reasons.setdefault(p.row, []).append(f"{p.column}：{p.message}" if p.column else p.message)
        return [(row, self.raw.get(row, []), "；".join(msgs)) for row, msgs in sorted(reasons.items())]


def change_lines(plan: ImportPlan, limit: int = MAX_LISTED_PROBLEMS) -> list[tuple[int, str, str, str, str]]:
    """(row, name, field, old, new) of every field the import changes in a known member,
    as people read the values (labels for codes, 是/否, yuan); the first `limit` of them."""
    lines: list[tuple[int, str, str, str, str]] = []
    for r in plan.rows:
        if r.action != "update":
            continue
        for key in r.changed:
            old = members.display_value(key, r.base.get(key))
            lines.append((r.row, r.member.name, LABELS.get(key, key), old or "（空）", members.display_value(key, getattr(r.member, key)) or "（空）"))
            if len(lines) >= limit:
                return lines
    return lines


def detect_header(rows: list[list[object]]) -> tuple[int, dict[int, str]]:
    """The index of the header row and its mapping; RosterError if none is recognisable."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = {}
        for col, cell in enumerate(row):
            key = _HEADER_INDEX.get(_fold_header(cell))
            if key and key not in mapping.values():
                mapping[col] = key
        if "name" in mapping.values() and len(mapping) >= 2:
            return index, mapping
    raise RosterError("表头", "未找到表头：表格前20行中应有一行列名，包含“姓名”以及“身份证号”“性别”等列")


def _caption(cell: object) -> str:
    """A header cell as text: a caption is only shown, so a TRUE typed above some
    unrelated column reads as Excel shows it instead of stopping the whole import."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    return clean_text(cell, "表头")


@contextmanager
def long_lived_kept_out_of_gc() -> Iterator[Callable[[], None]]:
    """While a plan of 100,000 rows is built or written, Python's cyclic garbage collector
    would walk all of it again and again (full collections of up to 0.14 s each, 0.7 s in
    all): 取消 waited on them. The objects made so far are set aside (gc.freeze) at each
    call of the function given, and handed back to the collector at the end."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def plan_import(db: Database, path: str | Path, mapping: dict[int, str] | None = None, progress: ProgressFn = None) -> ImportPlan:
    """Read and check a roster without writing anything."""
    with long_lived_kept_out_of_gc() as set_aside:
        return _plan_import(db, path, mapping, progress, set_aside)


def _plan_import(db: Database, path: str | Path, mapping: dict[int, str] | None, progress: ProgressFn, set_aside: Callable[[], None]) -> ImportPlan:
    from models.spreadsheet import SpreadsheetError, open_sheet

    ticker = Ticker(progress)
    with open_sheet(path, ticker.check) as sheet:
        if sheet.estimated_rows > MAX_DATA_ROWS + HEADER_SCAN_ROWS:
            raise RosterError(
                "行数",
                f"文件约有 {sheet.estimated_rows:,} 行，超过导入上限 {MAX_DATA_ROWS:,} 行。请把花名册分成几个文件，每个不超过 {MAX_DATA_ROWS:,} 行",
            )
        ticker.total = sheet.estimated_rows
        rows = sheet.rows()
        top: list[list[object]] = [[] for _ in range(HEADER_SCAN_ROWS)]  # the rows the header may be in
        after_top: list[tuple[int, list[object]]] = []
        any_rows = False
        for row_no, cells in rows:
            any_rows = True
            if row_no > HEADER_SCAN_ROWS:
                after_top.append((row_no, cells))  # counted with the rows below
                break
            ticker.step()
            top[row_no - 1] = cells
        if not any_rows:
            raise SpreadsheetError(f"文件 {sheet.name} 的第一个工作表是空的")
        header_index, detected = detect_header(top)
        if mapping is not None:
            detected = {int(c): k for c, k in mapping.items() if k}
            if "name" not in detected.values():
                raise RosterError("表头", "请为“姓名”指定一列")
        headers = [_caption(h) for h in top[header_index]]
        plan = ImportPlan(str(path), header_index + 1, headers, detected, [], [], {})
        column_of = {k: (headers[c] if c < len(headers) and headers[c] else label_of(k)) for c, k in detected.items()}
        seen: dict[str, int] = {}
        width = len(headers)
        data_rows = 0
        below_header = ((n, c) for n, c in enumerate(top[header_index + 1 :], start=header_index + 2) if c)
        # Rows are read a chunk at a time, so the known members a chunk names are fetched
        # with one query (one query a row was a fifth of checking 100,000 known members;
        # reading every ID number of the register first held 100,000 of them in memory).
        pending: list[tuple[int, list[object], _Read]] = []
        pool: dict[str, str] = {}  # one copy of each repeated text the plan keeps (see _share)

        def judge() -> None:
            known = members.live_members_by_id_number(db, {r.id_key for _, _, r in pending if r.id_key})
            for row_no, cells, read in pending:
                m, current, problems, supplied, noted, event = _judge_row(read, known.get(read.id_key))  # type: ignore[arg-type]
                if problems:
                    plan.add_problems(row_no, cells, [Problem(row_no, column_of.get(e.key or "", e.field), e.message) for e in problems])
                    continue
                if m.id_number in seen:
                    plan.add_problems(row_no, cells, [Problem(row_no, column_of.get("id_number", "公民身份号码"), f"与第 {seen[m.id_number]} 行的身份证号重复")])
                    continue
                seen[m.id_number] = row_no
                plan.rows.append(_planned(row_no, m, current, supplied))
                _share(plan.rows[-1].member, pool)
                plan.rows[-1].event = event
                if noted and len(plan.notes) < MAX_LISTED_PROBLEMS:
                    plan.notes += [Problem(row_no, column_of.get(k, label_of(k)), message) for k, message in noted]
            pending.clear()
            set_aside()

        for row_no, cells in chain(below_header, after_top, rows):
            if row_no > HEADER_SCAN_ROWS:
                ticker.step()
            if not any(str(c).strip() for c in cells if c is not None):
                continue
            data_rows += 1
            if data_rows > MAX_DATA_ROWS:
                raise RosterError("行数", f"数据超过 {MAX_DATA_ROWS:,} 行（导入上限），请把花名册分成几个文件导入")
            width = max(width, len(cells))
            pending.append((row_no, cells, _read_row(cells, detected)))
            if len(pending) >= EVERY:
                judge()
        judge()
    # Columns past the header's last name can still be chosen on the mapping page.
    plan.headers += [""] * (width - len(plan.headers))
    ticker.finish()
    return plan


# Stand-ins for a bad value, so the rest of the row can still be checked.
_STAND_INS = {"name": "某", "id_number": "11010519491231002X", "join_date": "2000-01-01", "monthly_wage_fen": None}


_MEMBER_FIELDS = tuple(f.name for f in fields(Member))
# Fields where a year and month are enough: dated the first of the month, with a note.
# Not the birth date: it comes from the ID number, and a guessed day would contradict it.
MONTH_ENOUGH = ("join_date",)
_NOTES = {"join_date": "入会日期只有年月，按当月1日记"}
# A GBK/WPS save turns a character it cannot encode into "?"; U+FFFD is a bad decode.
_LOST_CHAR = re.compile(r"[?？\ufffd]")
_CJK_NEXT_TO_LOST = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f][?？\ufffd]|[?？\ufffd][\u3400-\u9fff\U00020000-\U0003134f]")
# Text fields where "?" beside a Chinese character is a lost character, not punctuation (备注 may ask questions).
_PLACE_FIELDS = ("workplace", "department", "post", "job_title", "pro_title", "hukou_place", "native_place")
_LOST_CHECKED = ("name", *_PLACE_FIELDS)


def _check_lost(key: str, text: str) -> None:
    """A name (or place) whose rare character the file lost: never imported over a good one."""
    lost = _LOST_CHAR.search(text) if key == "name" else _CJK_NEXT_TO_LOST.search(text)
    if lost:
        raise ValidationError(
            LABELS[key],
            f"“{text}”中有问号：多半是文件另存为 GBK/WPS 格式时生僻字变成了“?”，请对照原表填上正确的字（或把文件存为 UTF-8 / xlsx 后重新导入）",
            key=key,
        )


@dataclass
class _Read:
    """A row's cells as values (models.member_import._value), before the register is consulted."""

    values: dict
    problems: list[ValidationError]
    noted: list[tuple[str, str]]
    history: dict | None
    supplied: tuple[str, ...]
    id_key: str | None  # the ID number that names a known member, if the row has a readable one


def _read_row(cells: list[object], mapping: dict[int, str]) -> _Read:
    """Every mapped cell read (what cannot even be read is a problem, with a stand-in value)."""
    problems: list[ValidationError] = []
    values: dict = {}
    noted: list[tuple[str, str]] = []
    width = len(cells)
    for col, key in mapping.items():  # every cell that cannot even be read is a problem
        raw = cells[col] if col < width else None
        if raw is None or (raw.__class__ is str and not raw.strip()):
            continue
        try:
            values[key] = _value(key, raw, noted)
        except ValidationError as exc:
            problems.append(exc)
            values[key] = _STAND_INS.get(key, "")
    history = {k: values.pop(k) for k in HISTORY_FIELDS if k in values} if values.keys() & _HISTORY_SET else None
    return _Read(values, problems, noted, history, tuple(values), _id_or_none(values))


def _judge_row(
    read: _Read, current: Member | None
) -> tuple[Member | None, Member | None, list[ValidationError], tuple[str, ...], list[tuple[str, str]], dict | None]:
    """The validated member of a row, or every problem the row has (not only the first);
    the fields the row supplies (its non-empty mapped cells); (field, note) of what was read
    with a note; a new member's status change after 入会. `current`: the known member the
    row's ID number names."""
    problems, values, noted, history, supplied = read.problems, read.values, read.noted, read.history, read.supplied
    # A known member keeps what the file omits. Its fields are read one by one, not by asdict(),
    # whose deep copy was a quarter of re-importing 5,000 known members.
    base = {**{f: getattr(current, f) for f in _MEMBER_FIELDS}, **values} if current else dict(values)
    m = None
    while True:
        if any(p.key == "id_number" for p in problems):
            # The birth date and sex are checked against the number: not against a stand-in.
            base.pop("birth_date", None)
            base.pop("gender", None)
        try:
            m = members.validate(Member(**base))
            break
        except ValidationError as exc:
            repeated = exc.key is not None and any(p.key == exc.key for p in problems)
            if not repeated:
                problems.append(exc)
            if exc.key is None or repeated:
                break
            base[exc.key] = _STAND_INS.get(exc.key, "")
    event = None
    if history:
        event, wrong, said = _history(history, m, current)
        problems += wrong
        noted += said
    if problems:
        return None, current, problems, supplied, [], None
    return m, current, [], supplied, noted, event


def _history(
    raw: dict, m: Member | None, current: Member | None
) -> tuple[dict | None, list[ValidationError], list[tuple[str, str]]]:
    """The status columns of a row: for a new member, the change after 入会 that gives it the
    file's status (a retained or departed member never comes in as 在会); for a known one,
    a note when the file's status differs (an import does not change membership: that is a
    dated change with a reason, made in the member's history)."""
    from models.validation import check_text, clean_text, quote

    problems: list[ValidationError] = []

    def wrong(key: str, message: str) -> None:
        problems.append(ValidationError(label_of(key), message, key=key))

    status = kind = None
    if "status" in raw:
        status = codes.MEMBER_STATUS.parse(clean_text(raw["status"], label_of("status"), key="status"))
        if status in (None, "unknown"):
            wrong("status", f"“{quote(raw['status'])}”应为在会、保留会籍或已离会")
    if "change_kind" in raw:
        kind = codes.MEMBERSHIP_EVENT.parse(clean_text(raw["change_kind"], label_of("change_kind"), key="change_kind"))
        if kind is None:
            wrong("change_kind", f"“{quote(raw['change_kind'])}”不在{codes.MEMBERSHIP_EVENT.name}列表中（如保留会籍、转出、退会）")
    date = reason = union = ""
    try:
        if "change_date" in raw:
            date = membership.parse_past_date(label_of("change_date"), raw["change_date"], key="change_date")
        if "change_reason" in raw:
            text = check_text(label_of("change_reason"), raw["change_reason"], key="change_reason")
            reason = codes.MEMBERSHIP_REASON.parse(text) or text
        if "change_union" in raw:
            union = check_text(label_of("change_union"), raw["change_union"], key="change_union")
    except ValidationError as exc:
        problems.append(exc)
    if problems:
        return None, problems, []
    if current is not None:
        if status and status != current.status:
            said = (f"会籍状态与台账不同（台账：{codes.MEMBER_STATUS.label(current.status)}，文件：{codes.MEMBER_STATUS.label(status)}），"
                    "导入不改变会籍；如需办理，请在该会员的“会籍变化”中登记")
            return None, [], [("status", said)]
        return None, [], []
    if kind in (None, "join", "transfer_in", "restore"):
        if status in (None, "active"):
            return None, [], []
        if status == "left":
            wrong("status", "已离会的会员请同时填写“会籍变动”（转出、除名、退会或去世）和“会籍变动日期”")
            return None, problems, []
        kind = "retain"
    after = codes.STATUS_AFTER_EVENT[kind]
    name = codes.MEMBERSHIP_EVENT.label(kind)
    if status and status != after:
        wrong("change_kind", f"“{name}”之后应为“{codes.MEMBER_STATUS.label(after)}”，与会籍状态“{codes.MEMBER_STATUS.label(status)}”不符")
    if not date:
        wrong("change_date", f"办理“{name}”须填写日期")
    elif m is not None and date < m.join_date:
        wrong("change_date", f"{date} 早于入会日期（{m.join_date}）")
    if kind == "transfer_out" and not union:
        wrong("change_union", "转出须填写接收会籍的工会")
    if problems:
        return None, problems, []
    return {"kind": kind, "date": date, "reason": reason, "other_union": union}, [], []


def _values(cells: list[object], mapping: dict[int, str], noted: list[tuple[str, str]] | None = None) -> dict:
    """The row's non-empty mapped cells as values (ValidationError at the first unreadable one)."""
    values: dict = {}
    for col, key in mapping.items():
        raw = cells[col] if col < len(cells) else None
        if raw is not None and not (raw.__class__ is str and not raw.strip()):
            values[key] = _value(key, raw, noted)
    return values


# Keys whose text cell is taken as it is (members.validate cleans it).
_PLAIN = frozenset(FIELD_HEADERS) - {"id_number", *_BOOL_FIELDS, "monthly_wage_fen", "birth_date", "join_date", "card_issued_on", "change_date"}


def _value(key: str, raw: object, noted: list[tuple[str, str]] | None) -> object:
    """One non-empty cell as the value members.validate takes; ValidationError if unreadable."""
    if raw.__class__ is str and key in _PLAIN:  # nearly every cell
        if key in _LOST_CHECKED and ("?" in raw or "？" in raw or "\ufffd" in raw):  # type: ignore[operator]
            _check_lost(key, raw)  # type: ignore[arg-type]
        return raw
    if key == "id_number":
        return _id_cell(raw)
    if key in _BOOL_FIELDS:
        parsed = codes.YES_NO.parse(str(raw))
        if parsed is None:
            raise ValidationError(LABELS[key], f"“{raw}”应填“是”或“否”", key=key)
        return parsed == "1"
    if key == "monthly_wage_fen":
        from models.validation import parse_money

        return parse_money(LABELS[key], raw, key=key, allow_zero=True)
    if key in MONTH_ENOUGH and not (isinstance(raw, str) and len(raw) > 10) and (month := year_month(LABELS[key], raw, key=key)):
        # The first of the month; its range and the future are members.validate's to check.
        if noted is not None:
            noted.append((key, _NOTES[key]))
        return f"{month[0]:04d}-{month[1]:02d}-01"
    if key in ("birth_date", "join_date", "card_issued_on", "change_date"):
        return raw  # members.validate parses dates, serials and date objects
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # phones and card numbers stored as numbers
    return raw if isinstance(raw, str) else str(raw)


def _id_cell(raw: object) -> object:
    # An int cell keeps every digit; a float cell has lost some (4.10105E+17) and
    # is passed on as a float so validation refuses it rather than guess.
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int):
        return str(raw)
    return raw


def _id_or_none(values: dict) -> str | None:
    from models.validation import normalize_id_number

    if values.get("id_type", "ric") not in ("ric", "居民身份证", "身份证") or "id_number" not in values:
        return None
    try:
        return normalize_id_number(LABELS["id_number"], values["id_number"], key="id_number")
    except ValidationError:
        return None  # validate() reports it with the right message


# Texts that repeat from member to member (codes, departments, dates): the plan of a
# 100,000-row import keeps one copy of each instead of one a member (60 MB less).
_SHARED_FIELDS = (*members.CODED_FIELDS.keys() - {"status"}, "status", "department", "post", "workplace",
                  "job_title", "pro_title", "hukou_place", "native_place", "birth_date", "join_date")


def _share(m: Member, pool: dict[str, str]) -> None:
    for key in _SHARED_FIELDS:
        value = getattr(m, key)
        if value.__class__ is str:
            setattr(m, key, pool.setdefault(value, value))


def _planned(row_no: int, m: Member, current: Member | None, supplied: tuple[str, ...]) -> PlannedRow:
    if current is None:
        return PlannedRow(row_no, "add", m)
    # Only what the file supplies counts as a change: the register's other fields stay as they are,
    # even where validate() would have normalised them.
    changed = [k for k in members.EDITABLE if k in supplied and getattr(m, k) != getattr(current, k)]
    if not changed:  # the register as it is: the file's copy of it need not be kept
        return PlannedRow(row_no, "unchanged", current, current.id)
    m.id = current.id
    base = {k: getattr(current, k) for k in changed}
    return PlannedRow(row_no, "update", m, current.id, changed, base)


def apply_import(db: Database, plan: ImportPlan, progress: ProgressFn = None) -> dict[str, int]:
    """Write every valid row of the plan in one transaction and record the batch
    (models.member_import_apply, which says how); returns the counts and the batch id."""
    from models.member_import_apply import apply_import as apply

    return apply(db, plan, progress)


def write_error_file(plan: ImportPlan, out_path: str | Path) -> Path:
    """The bad rows with their original columns and a 错误原因 column, to fix and re-import."""
    from reports.member_xlsx import TEXT_FIELDS, write_error_rows

    text = {i for i, key in plan.mapping.items() if key in TEXT_FIELDS}  # ID/phone columns stay text
    return write_error_rows(plan.headers, plan.bad_rows(), out_path, text_columns=text)
