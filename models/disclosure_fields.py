"""The disclosure tables' field labels and text rules, registered with the one write path.

Imported by every disclosure module (and models.demo), so a refusal from audit.py or a
trigger names the field as the forms do ("公开渠道：…"). The checks field_rules caches
per table are dropped here, in case a table was read before these rules arrived.
"""

from __future__ import annotations

from sqlite_utils import Database

from models import audit, field_rules
from models.field_rules import ID_MAX, LONG, NOTE
from models.validation import ValidationError

TABLES = ("disclosure_subjects", "disclosure_items", "disclosure_attachments", "disclosure_feedback", "disclosure_inspections")

audit.TABLE_LABELS.update(
    {
        "disclosure_subjects": "定期公开事项",
        "disclosure_items": "厂务公开事项",
        "disclosure_attachments": "附件",
        "disclosure_feedback": "职工反馈",
        "disclosure_inspections": "监督检查记录",
    }
)

_COMMON = {"category": "公开类别", "subcategory": "具体内容", "title": "公开事项", "department": "责任部门", "person": "责任人"}

field_rules.register_labels("disclosure_subjects", _COMMON | {
    "period_kind": "公开周期",
    "start_date": "开始执行日期",
    "end_date": "停止日期",
})
field_rules.register_labels("disclosure_items", _COMMON | {
    "subject_id": "定期公开事项",
    "summary": "公开内容摘要",
    "period_start_date": "所属期间",
    "period_end_date": "所属期间结束",
    "arose_on": "事项发生日期",
    "disclosed_on": "公开日期",
    "channels": "公开渠道",
    "channel_note": "其他渠道说明",
    "is_all_staff": "公开范围",
    "audience": "公开范围（部门）",
    "posted_days": "公开时长（天）",
    "contact": "反馈联系方式",
})
field_rules.register_labels("disclosure_attachments", {
    "item_id": "厂务公开事项",
    "file_name": "附件名称",
    "sha256": "内容校验码",
    "stored_name": "存储文件名",
    "size": "文件大小",
    "added_on": "添加日期",
    "replaces_id": "替换的附件",
})
field_rules.register_labels("disclosure_feedback", {
    "item_id": "相关公开事项",
    "received_on": "反馈日期",
    "channel": "反馈渠道",
    "person": "反映人",
    "department": "部门",
    "content": "反馈内容",
    "answered_by": "答复人",
    "reply": "答复内容",
    "replied_on": "答复日期",
    "closed_on": "办结日期",
})
field_rules.register_labels("disclosure_inspections", {
    "date": "检查日期",
    "inspectors": "检查人员",
    "aspects": "检查项目",
    "scope": "检查范围",
    "findings": "发现的问题",
    "rectification": "整改要求",
    "rectify_due_on": "整改期限",
    "rectified_on": "整改完成日期",
    "rectify_note": "整改情况",
})

field_rules.TEXT_RULES.update(
    {
        ("disclosure_items", "summary"): (LONG, True),
        ("disclosure_items", "audience"): (NOTE, False),
        ("disclosure_feedback", "content"): (LONG, True),
        ("disclosure_feedback", "reply"): (LONG, True),
        ("disclosure_inspections", "inspectors"): (NOTE, False),
        ("disclosure_inspections", "scope"): (NOTE, True),
        ("disclosure_inspections", "findings"): (LONG, True),
        ("disclosure_inspections", "rectification"): (NOTE, True),
        ("disclosure_inspections", "rectify_note"): (NOTE, True),
    }
)

field_rules.NUMBER_RANGES[("disclosure_attachments", "size")] = (0, 50 * 1024 * 1024)  # disclosure_files.MAX_BYTES

for _table in TABLES:
    field_rules._CHECKS.pop(_table, None)  # built before these rules: read again on next use


def existing_row(db: Database, table: str, row_id: object, field: str, key: str) -> dict:
    """The row a chosen id names, or a ValidationError naming the field (a wrong type, an
    id out of range or of no record: a list that went stale, or a typo in a script)."""
    if isinstance(row_id, bool) or not isinstance(row_id, int) or not 1 <= row_id <= ID_MAX:
        raise ValidationError(field, "请从列表中选择", key=key)
    try:
        return audit.get_row(db, table, row_id)
    except audit.NotFound:
        raise ValidationError(field, f"不存在（编号 {row_id}），请刷新后从列表中选择", key=key) from None
