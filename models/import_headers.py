"""The headers a member roster may use for each field, and how a header cell is read.

Kept apart from models.member_import (the import itself): the list grows with every
roster format met in the wild, the import's logic does not."""

from __future__ import annotations

import re

from models.members import LABELS
from models.validation import to_ascii

FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "会员姓名", "职工姓名", "名字"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "id_type": ("有效证件类别", "证件类别", "证件类型"),
    "id_number": ("公民身份号码", "身份证号", "身份证号码", "证件号码", "身份证", "身份证件号码"),
    "phone": ("手机号码", "手机号", "手机", "联系电话", "电话", "联系方式", "电话号码"),
    "political_status": ("政治面貌",),
    "education": ("学历", "文化程度", "最高学历"),
    "skill_level": ("技术等级", "职业技能等级", "技能等级"),
    "hukou_type": ("户籍类型", "户口性质", "户口类型", "户籍性质"),
    "hukou_place": ("户籍所在地", "户口所在地", "户籍地址", "户籍地"),
    "native_place": ("籍贯",),
    "is_migrant_worker": ("是否农民工", "农民工"),
    "is_dispatched": ("是否劳务派遣", "劳务派遣", "是否劳务派遣工"),
    "employment_status": ("就业状况", "就业状态"),
    "workplace": ("工作单位", "单位名称", "所在单位"),
    "department": ("部门", "所在部门", "车间", "部门/车间", "科室"),
    "post": ("岗位", "工种", "岗位/职务"),
    # 职务 (a position: 科长, 班组长) and 职称 (a professional title: 工程师) are columns of their own.
    "job_title": ("职务", "行政职务", "现任职务", "职务/职级"),
    "pro_title": ("职称", "专业技术职称", "技术职称", "专业技术职务"),
    "employee_no": ("工号", "员工编号", "企业工号", "职工编号"),
    "join_date": ("入会日期", "入会时间"),
    "card_number": ("会员卡号", "工会卡号", "工会会员卡号", "卡号"),
    "card_issued_on": ("发卡日期", "会员卡发放日期", "发卡时间", "办卡日期"),
    "member_no": ("工会会员号", "会员编号", "会员号"),
    "monthly_wage_fen": ("月工资", "月工资(元)", "工资", "月收入"),
    "note": ("备注", "说明"),
    # Not member fields: the status and the change it follows from (what an export writes).
    "status": ("会籍状态", "会员状态"),
    "change_kind": ("会籍变动", "会籍变动类型", "最近会籍变动"),
    "change_date": ("会籍变动日期", "离会日期", "变动日期"),
    "change_reason": ("会籍变动原因", "变动原因", "离会原因"),
    "change_union": ("转往工会", "接收工会"),
}
HISTORY_FIELDS = ("status", "change_kind", "change_date", "change_reason", "change_union")
_HISTORY_SET = frozenset(HISTORY_FIELDS)
_HISTORY_LABELS = {"change_kind": "会籍变动", "change_date": "会籍变动日期", "change_reason": "会籍变动原因", "change_union": "转往工会"}


def label_of(key: str) -> str:
    """The Chinese name of an importable column (a member field or a history column)."""
    return _HISTORY_LABELS.get(key) or LABELS.get(key, key)


def _fold_header(text: object) -> str:
    t = to_ascii(text).replace(" ", "").replace("*", "").replace("＊", "")
    t = re.sub(r"\((必填|选填|必须|可选)\)$", "", t).rstrip(":：")
    return t


_HEADER_INDEX = {_fold_header(h): key for key, names in FIELD_HEADERS.items() for h in names}
