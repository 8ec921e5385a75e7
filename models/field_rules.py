"""What any stored value may look like, checked at the one write path (models.audit).

Every insert and update of the books goes through audit.insert_row / insert_rows /
update_row / void_row; there each value is checked against its column, so a value
a domain module forgot to check still cannot reach the file:

- text: a str (or NULL where the column allows it); no control characters — they
  make openpyxl refuse the whole roster export — except newline and tab in
  columns declared multi-line (\\r\\n is normalised to \\n there); at most
  200 characters unless declared longer below; dates and months in ISO form with
  a sane year;
- integer: an int, never a bool (except 0/1 flag columns), within a range by
  kind: money in fen, ids, counts;
- real: a finite number within a range.

The message names the field in Chinese (LABELS below, plus the label tables the
domain modules register), so a dialog can show it beside the field. The rules
are plain data keyed by column name, with (table, column) entries overriding a
name; the column types come from the schema, read once per table.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any, Callable

from sqlite_utils import Database

from models.validation import (
    BAD_MULTI_LINE,
    BAD_ONE_LINE,
    COUNT_MAX,
    EARLIEST_DATE,
    EARLIEST_PERIOD_YEAR,
    LATEST_DATE,
    MONEY_CEILING_FEN,
    SHORT_TEXT,
    ValidationError,
    check_text,
    control_char_message,
    format_money,
    type_name,
)

# ---------------------------------------------------------------- text lengths and line breaks

SHORT = SHORT_TEXT  # names, places, codes and every other one-line field
NOTE = 2_000  # notes, reasons, lists of people
LONG = 20_000  # proposal text, discussion records, minutes

# column name or (table, column) → (longest length, newlines and tabs allowed)
TEXT_RULES: dict[str | tuple[str, str], tuple[int, bool]] = {
    "note": (NOTE, True),
    "void_reason": (NOTE, True),
    "review_note": (NOTE, True),
    "end_note": (NOTE, True),
    "tier_reason": (NOTE, True),
    "close_measure": (NOTE, True),
    "nonvoting": (NOTE, True),
    "speakers": (NOTE, True),
    "people": (NOTE, False),
    ("members", "name_pinyin"): (NOTE, False),  # derived from the name: longer than it
    ("members", "name_initials"): (NOTE, False),
    ("members", "search_key"): (NOTE, False),  # name, initials, ID, phone, card and staff numbers
    ("proposals", "content"): (LONG, True),
    ("proposals", "reason"): (LONG, True),
    ("proposals", "measures"): (LONG, True),
    ("proposals", "reply"): (LONG, True),
    ("agenda_items", "discussion"): (LONG, True),
    ("resolutions", "text"): (LONG, True),
    ("congress_sessions", "opening"): (LONG, True),
    ("congress_sessions", "closing"): (LONG, True),
    ("aid_case_events", "findings"): (LONG, True),
    # a filed yearly table as JSON (models/filing_store.py): the whole table, never typed
    ("filings", "figures"): (1_000_000, True),
    ("filings", "manual"): (1_000_000, True),
    ("filings", "checks"): (1_000_000, True),
    ("filings", "reason"): (NOTE, True),
    ("app_settings", "value"): (NOTE, False),
    **{("innovation_projects", c): (LONG, True) for c in ("problem", "content", "measures", "expected", "indicators", "results")},
    **{(t, "evidence"): (NOTE, True) for t in ("innovation_tasks", "innovation_task_reports", "innovation_recognitions")},
}

# Text columns holding an ISO date 'YYYY-MM-DD' (or '' / NULL), and months 'YYYY-MM'.
DATE_COLUMN = re.compile(r"^(date|.+_date|.+_on|deadline|notice_start|notice_end)$")
MONTH_COLUMNS = {("dues_payments", "period")}
EARLIEST_YEAR, LATEST_YEAR = EARLIEST_DATE.year, LATEST_DATE.year

# ---------------------------------------------------------------- number ranges

ID_MAX = 2**63 - 1
FLAG_COLUMNS = {"signed", "reopened"}  # besides every is_* column: 0/1, True/False accepted
# (table, column) → (lowest, highest) for numbers whose sane range is narrower or wider
NUMBER_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("aid_cases", "housing_area"): (0, 10_000),  # square metres
}

# ---------------------------------------------------------------- labels

# Chinese field labels by column name, (table, column) overriding; members and the
# union's profile register their own tables (register_labels) so each is spelled once.
LABELS: dict[str | tuple[str, str], str] = {
    "id": "编号",
    "note": "备注",
    "created_at": "创建时间",
    "updated_at": "修改时间",
    "voided_at": "作废时间",
    "void_reason": "作废原因",
    "date": "日期",
    "member_id": "会员",
    "case_id": "困难职工档案",
    "session_id": "会议",
    "term_id": "届次",
    "delegate_id": "代表",
    "resolution_id": "表决事项",
    "proposal_id": "提案",
    "round_id": "帮扶批次",
    "agenda_item_id": "对应议程",
    "proposer_id": "提案人",
    "name": "姓名",
    "gender": "性别",
    "phone": "联系电话",
    "department": "部门",
    "id_number": "身份证号",
    "birth_date": "出生日期",
    "state": "状态",
    "start_date": "开始日期",
    "end_date": "结束日期",
    ("app_settings", "key"): "设置项",
    ("import_batches", "file_name"): "导入文件",
    ("import_batches", "added"): "新增人数",
    ("import_batches", "updated"): "更新人数",
    ("import_batch_rows", "batch_id"): "导入记录",
    ("import_batch_rows", "action"): "导入操作",
    ("import_batch_rows", "audit_id"): "变更记录",
    ("import_batch_rows", "row_no"): "行号",
    ("audit_log", "action"): "操作",
    ("column_codes", "table_name"): "表名",
    ("column_codes", "column_name"): "字段名",
    ("column_codes", "code"): "代码",
    ("app_settings", "value"): "设置值",
    ("filings", "year"): "年度",
    ("filings", "version"): "版本",
    ("filings", "form"): "表式版本",
    ("filings", "reference_date"): "统计截止日期",
    ("filings", "filed_on"): "报送日期",
    ("filings", "filed_by"): "填报人",
    ("filings", "head"): "负责人",
    ("filings", "reason"): "重新报送原因",
    ("filings", "figures"): "年报数字",
    ("filings", "manual"): "手填数字",
    ("filings", "checks"): "校验结果",
    ("filing_manual", "year"): "年度",
    ("filing_manual", "code"): "年报指标",
    ("filing_manual", "value"): "数值",
    ("members", "name_pinyin"): "姓名拼音",
    ("members", "name_initials"): "姓名首字母",
    ("members", "search_key"): "检索信息",
    ("membership_events", "kind"): "会籍变动类型",
    ("membership_events", "date"): "变动日期",
    ("membership_events", "reason"): "变动原因",
    ("membership_events", "other_union"): "转往/来自工会",
    ("member_changes", "field"): "变动项目",
    ("member_changes", "date"): "生效日期",
    ("member_changes", "value"): "变动后的内容",
    ("dues_payments", "period"): "所属月份",
    ("dues_payments", "amount_fen"): "金额",
    ("dues_payments", "wage_fen"): "月工资",
    ("dues_payments", "paid_on"): "缴费日期",
    ("congress_terms", "number"): "届次",
    ("congress_terms", "start_date"): "任期开始",
    ("congress_terms", "end_date"): "任期结束",
    ("congress_terms", "delegate_quota"): "代表名额",
    ("congress_terms", "is_assembly"): "会议形式",
    ("congress_sessions", "number"): "会次",
    ("congress_sessions", "date"): "会议日期",
    ("congress_sessions", "start_time"): "开始时间",
    ("congress_sessions", "end_time"): "结束时间",
    ("congress_sessions", "place"): "地点",
    ("congress_sessions", "kind"): "会议类型",
    ("congress_sessions", "host"): "主持人",
    ("congress_sessions", "recorder"): "记录人",
    ("congress_sessions", "executive_chair"): "执行主席",
    ("congress_sessions", "nonvoting"): "列席人员",
    ("congress_sessions", "opening"): "会议开始",
    ("congress_sessions", "closing"): "会议结束",
    ("delegates", "group_name"): "代表团（组）",
    ("delegates", "category"): "代表类别",
    ("delegates", "start_date"): "任职日期",
    ("delegates", "start_how"): "产生方式",
    ("delegates", "end_date"): "终止日期",
    ("delegates", "end_how"): "终止原因",
    ("delegates", "end_note"): "终止说明",
    ("session_attendance", "status"): "出席情况",
    ("session_attendance", "reason"): "请假原因",
    ("agenda_items", "seq"): "议程序号",
    ("agenda_items", "title"): "议程",
    ("agenda_items", "report_title"): "审议文件",
    ("agenda_items", "presenter"): "汇报人",
    ("agenda_items", "speakers"): "发言人",
    ("agenda_items", "discussion"): "讨论记录",
    ("resolutions", "kind"): "表决事项类型",
    ("resolutions", "title"): "表决事项",
    ("resolutions", "text"): "决议内容",
    ("resolution_votes", "yes"): "同意票数",
    ("resolution_votes", "no"): "不同意票数",
    ("resolution_votes", "abstain"): "弃权票数",
    ("election_candidates", "name"): "候选人",
    ("election_candidates", "votes_for"): "得票数",
    ("proposals", "number"): "提案编号",
    ("proposals", "state"): "提案状态",
    ("proposals", "title"): "案由",
    ("proposals", "category"): "提案类别",
    ("proposals", "content"): "提案内容",
    ("proposals", "reason"): "提案理由",
    ("proposals", "measures"): "具体建议及办法",
    ("proposals", "submitted_on"): "提案日期",
    ("proposals", "review_note"): "审查意见",
    ("proposals", "department"): "承办部门",
    ("proposals", "deadline"): "办理期限",
    ("proposals", "reply"): "答复内容",
    ("proposals", "replied_on"): "答复日期",
    ("proposals", "replied_by"): "答复人",
    ("proposals", "rating"): "代表评价",
    ("proposals", "reopened"): "是否重新办理",
    ("proposal_events", "action"): "办理步骤",
    ("proposal_events", "from_state"): "原状态",
    ("proposal_events", "to_state"): "新状态",
    ("proposal_events", "note"): "意见/说明",
    ("aid_cases", "file_no"): "档案编号",
    ("aid_cases", "state"): "档案状态",
    ("aid_cases", "worker_name"): "职工姓名",
    ("aid_cases", "worker_id_number"): "身份证号",
    ("aid_cases", "work_status"): "工作状态",
    ("aid_cases", "model_worker"): "劳模类型",
    ("aid_cases", "marriage"): "婚姻状况",
    ("aid_cases", "is_single_parent"): "是否单亲",
    ("aid_cases", "is_zero_employment"): "是否零就业家庭",
    ("aid_cases", "housing_type"): "住房类型",
    ("aid_cases", "housing_area"): "住房面积",
    ("aid_cases", "self_help"): "自救能力",
    ("aid_payments", "proxy_name"): "代领人",
    ("aid_payments", "proxy_relation"): "代领人与本人关系",
    ("resolutions", "is_secret"): "无记名投票",
    ("agenda_items", "void_reason"): "作废原因",
    ("delegates", "void_reason"): "作废原因",
    ("aid_cases", "address"): "家庭住址",
    ("aid_cases", "bank_name"): "开户银行",
    ("aid_cases", "bank_account"): "银行账号",
    ("aid_cases", "main_cause"): "主要致困原因",
    ("aid_cases", "secondary_causes"): "次要致困原因",
    ("aid_cases", "hardship_spending_fen"): "因困支出",
    ("aid_cases", "suggested_tier"): "建议困难类别",
    ("aid_cases", "tier"): "困难类别",
    ("aid_cases", "tier_reason"): "调整理由",
    ("aid_cases", "opened_on"): "建档日期",
    ("aid_cases", "closed_on"): "退出日期",
    ("aid_cases", "close_reason"): "退出原因",
    ("aid_cases", "close_measure"): "脱困措施",
    ("aid_cases", "created_by"): "建档人",
    ("aid_cases", "reviewed_by"): "审核人",
    ("aid_cases", "entered_by"): "录入人",
    ("aid_cases", "updated_on"): "更新日期",
    ("aid_household", "name"): "家庭成员姓名",
    ("aid_household", "relation"): "与申请人关系",
    ("aid_household", "id_number"): "家庭成员身份证号",
    ("aid_household", "health"): "健康状况",
    ("aid_household", "occupation"): "职业或就读学校",
    ("aid_household", "monthly_income_fen"): "月收入",
    ("aid_household", "medical_insurance"): "医保情况",
    ("aid_case_events", "kind"): "档案事项",
    ("resolutions", "seats"): "应选人数",
    ("resolution_votes", "kind"): "表决类型",
    ("resolution_votes", "expected"): "应到人数",
    ("resolution_votes", "present"): "实到人数",
    ("resolution_votes", "needed"): "通过所需同意票数",
    ("resolution_votes", "result"): "表决结果",
    ("resolution_votes", "seats"): "应选人数",
    ("resolution_votes", "ballots"): "收回选票数",
    ("election_tallies", "vote_id"): "所属表决",
    ("election_tallies", "candidate_id"): "候选人",
    ("election_tallies", "votes"): "得票数",
    ("election_tallies", "against"): "反对票数",
    ("election_tallies", "abstain"): "弃权票数",
    ("election_tallies", "result"): "当选结果",
    ("aid_case_events", "from_state"): "原档案状态",
    ("aid_case_events", "to_state"): "新档案状态",
    ("aid_case_events", "from_tier"): "原困难类别",
    ("aid_case_events", "to_tier"): "新困难类别",
    ("aid_household", "joined_on"): "计入家庭日期",
    ("aid_household", "left_on"): "移出家庭日期",
    ("aid_household", "left_reason"): "移出原因",
    ("aid_case_events", "end_date"): "公示结束日期",
    ("aid_case_events", "people"): "调查人员",
    ("aid_case_events", "findings"): "调查情况",
    ("aid_case_events", "outcome"): "结论",
    ("aid_rounds", "name"): "批次名称",
    ("aid_rounds", "aid_type"): "帮扶类型",
    ("aid_rounds", "date"): "发放日期",
    ("aid_rounds", "notice_start"): "公示开始",
    ("aid_rounds", "notice_end"): "公示结束",
    ("aid_rounds", "contact"): "异议联系方式",
    ("aid_payments", "aid_type"): "帮扶类型",
    ("aid_payments", "date"): "发放日期",
    ("aid_payments", "amount_fen"): "金额",
    ("aid_payments", "funding_source"): "资金来源",
    ("aid_payments", "approved_by"): "批准人",
    ("aid_payments", "signed"): "领取人签收",
    ("aid_payments", "student_name"): "学生姓名",
    ("aid_payments", "student_school"): "学校",
    ("aid_payments", "student_grade"): "年级/入学年份",
}


def register_labels(table: str, labels: dict[str, str]) -> None:
    """A domain module's own field labels for its table (members.LABELS, org.ORG_LABELS)."""
    for column, label in labels.items():
        LABELS[(table, column)] = label


# The modules that register labels or text rules of their own tables when imported. A label
# or rule asked for before its module was imported (a CLI `check`, a test run alone) would
# otherwise read "记录中的一项" or the short default: they are imported on first need.
_REGISTERING = (
    "models.members", "models.org", "models.aid", "models.aid_payments", "models.congress", "models.congress_meeting",
    "models.proposals", "models.disclosure_fields", "models.innovation", "models.innovation_plan",
    "models.innovation_recognition", "models.filing",
)
_registered = False


def _load_registrations() -> None:
    global _registered
    if not _registered:
        _registered = True
        import importlib

        for name in _REGISTERING:
            importlib.import_module(name)


def label(table: str, column: str) -> str:
    found = LABELS.get((table, column)) or LABELS.get(column)
    if found:
        return found
    _load_registrations()
    found = LABELS.get((table, column)) or LABELS.get(column)
    if found:
        return found
    from models.audit import TABLE_LABELS

    return f"{TABLE_LABELS.get(table, '记录')}中的一项"


def text_rule(table: str, column: str) -> tuple[int, bool]:
    """(longest length, multi-line) of a text column."""
    _load_registrations()
    return TEXT_RULES.get((table, column)) or TEXT_RULES.get(column) or (SHORT, False)


def check_column_text(
    table: str, column: str, value: object, *, required: bool = False, field: str | None = None, key: str | None = None
) -> str:
    """Typed text for one column, checked by that column's own rule before any query or
    write, so a refusal names the field (its label, or `field` where the form says it
    differently; `key` where the form's widget is not named after the column) and a
    wrong type never reaches the module's own code."""
    longest, multiline = text_rule(table, column)
    return check_text(field or label(table, column), value, key=key or column, longest=longest, multiline=multiline, required=required)


# ---------------------------------------------------------------- the checks, one closure per column

Check = Callable[[Any], Any]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")


def _text_check(table: str, column: str, notnull: bool) -> Check:
    name = label(table, column)
    longest, multiline = text_rule(table, column)
    bad = BAD_MULTI_LINE if multiline else BAD_ONE_LINE
    is_date = bool(DATE_COLUMN.match(column))
    is_month = (table, column) in MONTH_COLUMNS

    def check(value: Any) -> Any:
        if type(value) is str:
            if len(value) > longest:
                raise ValidationError(name, f"过长（{len(value)}个字，最多{longest}个字）", key=column)
            if not value.isprintable():  # the fast path: nearly every value is printable
                if multiline and "\r" in value:
                    value = value.replace("\r\n", "\n").replace("\r", "\n")
                found = bad.search(value)
                if found:
                    raise ValidationError(name, control_char_message(value, found.start(), multiline), key=column)
            if is_date and value:
                _check_date(name, column, value)
            elif is_month:
                _check_month(name, column, value)
            return value
        if value is None:
            if notnull:
                raise ValidationError(name, "不能为空", key=column)
            return None
        if isinstance(value, str):  # a str subclass: store the plain text
            return check(str(value))
        raise ValidationError(name, f"应为文字，不能是{type_name(value)}", key=column)

    return check


def _check_date(name: str, column: str, value: str) -> None:
    if _ISO_DATE.fullmatch(value):
        try:
            year = _dt.date.fromisoformat(value).year
        except ValueError:
            year = 0
        if EARLIEST_YEAR <= year <= LATEST_YEAR:
            return
    raise ValidationError(name, f"不是有效的日期（应为 {EARLIEST_YEAR} 至 {LATEST_YEAR} 年间的日期，如 2024-03-05）", key=column)


def _check_month(name: str, column: str, value: str) -> None:
    if _ISO_MONTH.fullmatch(value) and EARLIEST_PERIOD_YEAR <= int(value[:4]) <= LATEST_YEAR and 1 <= int(value[5:]) <= 12:
        return
    raise ValidationError(name, f"不是有效的月份（应为 {EARLIEST_PERIOD_YEAR} 至 {LATEST_YEAR} 年间的月份，如 2024-03）", key=column)


def _int_check(table: str, column: str, notnull: bool) -> Check:
    name = label(table, column)
    flag = column.startswith("is_") or column in FLAG_COLUMNS
    money = column.endswith("_fen")
    if flag:
        low, high = 0, 1
    elif column == "id" or column.endswith("_id"):
        low, high = 1, ID_MAX
    elif money:
        low, high = 0, MONEY_CEILING_FEN
    else:
        low, high = 0, COUNT_MAX
    low, high = NUMBER_RANGES.get((table, column), (low, high))

    def check(value: Any) -> Any:
        if type(value) is int:
            if low <= value <= high:
                return value
            if flag:
                raise ValidationError(name, "应为“是”或“否”", key=column)
            if value < low:
                raise ValidationError(name, "不能为负数" if low == 0 else f"应不小于{low}", key=column)
            if money:
                raise ValidationError(name, f"超出合理范围（最多 {format_money(high)} 元），请核对", key=column)
            raise ValidationError(name, f"超出合理范围（最大 {high}），请核对", key=column)
        if value is None:
            if notnull:
                raise ValidationError(name, "不能为空", key=column)
            return None
        if isinstance(value, bool):
            if flag:
                return int(value)
            raise ValidationError(name, "应为数字，不能是“是/否”", key=column)
        if isinstance(value, int):  # an int subclass (IntEnum): store the plain number
            return check(int(value))
        raise ValidationError(name, f"应为整数，不能是{type_name(value)}", key=column)

    return check


def _real_check(table: str, column: str, notnull: bool) -> Check:
    name = label(table, column)
    low, high = NUMBER_RANGES.get((table, column), (0, COUNT_MAX))

    def check(value: Any) -> Any:
        if value is None:
            if notnull:
                raise ValidationError(name, "不能为空", key=column)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError(name, f"应为数字，不能是{type_name(value)}", key=column)
        if not math.isfinite(value):
            raise ValidationError(name, "不是有效的数字", key=column)
        if value < low:
            raise ValidationError(name, "不能为负数" if low == 0 else f"应不小于{low}", key=column)
        if value > high:
            raise ValidationError(name, f"超出合理范围（最大 {high}），请核对", key=column)
        return float(value)

    return check


def _any_check(value: Any) -> Any:
    return value


# table → column → check; read from the schema once per table (the schema is the
# code's migrations, the same for every file this program opens)
_CHECKS: dict[str, dict[str, Check]] = {}


def checks_for(db: Database, table: str, columns: list[str] | tuple[str, ...] | Any) -> list[Check]:
    """One check per column, in order; the table's columns are read once and cached."""
    known = _CHECKS.get(table)
    if known is None or any(c not in known for c in columns):
        known = _CHECKS[table] = _read_checks(db, table)
    # A column the table does not have is left to SQLite, which names it.
    return [known.get(c, _any_check) for c in columns]


def _read_checks(db: Database, table: str) -> dict[str, Check]:
    out: dict[str, Check] = {}
    for _, column, declared, notnull, _, _ in db.execute(f"PRAGMA table_info([{table}])").fetchall():
        kind = (declared or "").upper()
        if "INT" in kind:
            out[column] = _int_check(table, column, bool(notnull))
        elif "REAL" in kind or "FLOA" in kind or "DOUB" in kind:
            out[column] = _real_check(table, column, bool(notnull))
        elif "TEXT" in kind or "CHAR" in kind or "CLOB" in kind:
            out[column] = _text_check(table, column, bool(notnull))
        else:
            out[column] = _any_check
    return out


def check_row(db: Database, table: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values as they may be stored (line endings normalised), or ValidationError naming the field."""
    return dict(zip(values, (check(v) for check, v in zip(checks_for(db, table, list(values)), values.values()))))


def find_bad_values(db: Database, *, limit: int = 1_000) -> list[dict[str, Any]]:
    """Stored values today's checks would refuse (a file written before they existed).

    One control character in a name stops every roster export; this finds them so
    they can be corrected. Each item: table, id, column, field (Chinese), message.
    """
    out: list[dict[str, Any]] = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        if table in ("audit_log", "app_settings"):  # written by the program itself, as JSON
            continue
        cursor = db.execute(f"SELECT * FROM [{table}]")
        columns = [c[0] for c in cursor.description]
        checks = checks_for(db, table, columns)
        for row in cursor:
            for check, column, value in zip(checks, columns, row):
                try:
                    check(value)
                except ValidationError as exc:
                    row_id = row[columns.index("id")] if "id" in columns else None
                    out.append({"table": table, "id": row_id, "column": column, "field": exc.field, "message": exc.message})
                    if len(out) >= limit:
                        return out
    return out
