"""A refusal names the field as the form labels it, for congress, proposals and aid.

tests/test_bad_input.py requires some field to be named; this pins which one: a
wrong type and a control character typed into each text field, and a wrong value
in each flag, count and choice these modules check themselves, must come back
with the field's Chinese label (the one field_rules.LABELS or the dialog uses),
so the dialog can show the message beside that field and not just somewhere.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_bad_input import SITES, Ledger, Site

BY_NAME = {s.name: s for s in SITES}

# site → the label its refusal must carry
TEXT_LABELS: dict[str, str] = {
    "add_term.note": "备注",
    "add_session.place": "地点",
    "add_session.host": "主持人",
    "add_session.recorder": "记录人",
    "add_session.executive_chair": "执行主席",
    "add_session.start_time": "开始时间",
    "add_session.nonvoting": "列席人员",
    "add_session.opening": "会议开始",
    "add_session.closing": "会议结束",
    "add_session.note": "备注",
    "update_session.place": "地点",
    "update_session.closing": "会议结束",
    "add_delegate.group_name": "代表团（组）",
    "update_delegate.group_name": "代表团（组）",
    "end_delegate.note": "终止说明",
    "sign_in.reason": "请假原因",
    "add_agenda_item.title": "议程",
    "add_agenda_item.report_title": "审议文件",
    "add_agenda_item.presenter": "汇报人",
    "add_agenda_item.speakers": "发言人",
    "add_agenda_item.discussion": "讨论记录",
    "update_agenda_item.discussion": "讨论记录",
    "add_resolution.title": "表决事项",
    "add_resolution.text": "决议内容",
    "add_resolution.candidate": "候选人",
    "void_vote.reason": "作废原因",
    "add_proposal.number": "提案编号",
    "add_proposal.title": "案由",
    "add_proposal.content": "提案内容",
    "add_proposal.reason": "提案理由",
    "add_proposal.measures": "具体建议及办法",
    "proposal_advance.note": "意见/说明",
    "proposal_advance.department": "承办部门",
    "proposal_advance.reply": "答复内容",
    "proposal_advance.replied_by": "答复人",
    "open_file.worker_name": "职工姓名",
    "open_file.department": "部门",
    "open_file.address": "家庭住址",
    "open_file.bank_name": "开户银行",
    "open_file.bank_account": "银行账号",
    "open_file.file_no": "档案编号",
    "open_file.created_by": "建档人",
    "open_file.reviewed_by": "审核人",
    "open_file.entered_by": "录入人",
    "open_file.note": "备注",
    "update_file.address": "家庭住址",
    "add_household_member.name": "家庭成员姓名",
    "add_household_member.occupation": "职业或就读学校",
    "add_household_member.medical_insurance": "医保情况",
    "aid_advance.people": "调查人员",
    "aid_advance.findings": "调查情况",
    "aid_advance.note": "说明",
    "close_file.measure": "脱困措施",
    "aid_payment.approved_by": "批准人",
    "aid_payment.student_name": "学生姓名",
    "aid_payment.student_school": "学校",
    "aid_payment.student_grade": "年级/入学年份",
    "aid_payment.note": "备注",
    "add_round.name": "批次名称",
    "add_round.contact": "异议联系方式",
}

# site → (label, a value of the right shape for the site but wrong)
OTHER_LABELS: dict[str, tuple[str, Any]] = {
    "add_term.number": ("届次", 10**20),
    "add_term.delegate_quota": ("代表名额", "一百"),
    "add_term.is_assembly": ("会议形式", "否"),
    "add_session.number": ("会次", 10**20),
    "add_agenda_item.seq": ("议程序号", False),
    "proposal_advance.action": ("办理步骤", ["accept"]),
    "list_proposals.state": ("提案状态", ["submitted"]),
    "list_proposals.department": ("承办部门", ["后勤部"]),
    "open_file.is_single_parent": ("是否单亲", "否"),
    "open_file.housing_area": ("住房面积", "六十"),
    "open_file.hardship_spending_fen": ("因困支出", 1.5),
    "open_file.secondary_cause": ("次要致困原因", ["illness"]),
    "aid_payment.signed": ("领取人签收", "否"),
    "list_cases.view": ("档案名单", "all"),
    "list_cases.tier": ("困难类别", ["deep"]),
    "list_cases.today": ("今天的日期", "2026-13-01"),
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Ledger:
    return Ledger(tmp_path_factory.mktemp("field_names"))


def test_every_named_site_exists():
    missing = [name for name in (*TEXT_LABELS, *OTHER_LABELS) if name not in BY_NAME]
    assert not missing


def _named(ledger: Ledger, site: Site, label: str, value: Any) -> str | None:
    exc = ledger.refusal(site, value)
    if exc is None:
        return f"{value!r:.30} was taken"
    if exc.field != label:
        return f"{value!r:.30} refused naming “{exc.field}”, not “{label}”: {exc.message[:80]}"
    return None


@pytest.mark.parametrize("name", list(TEXT_LABELS))
def test_a_text_field_is_named_in_its_refusal(ledger: Ledger, name: str):
    site, label = BY_NAME[name], TEXT_LABELS[name]
    # A list (never text) and a control character (openpyxl refuses it in an export).
    problems = [p for value in (["张三"], "张\x00三") if (p := _named(ledger, site, label, value))]
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", list(OTHER_LABELS))
def test_a_flag_count_or_choice_is_named_in_its_refusal(ledger: Ledger, name: str):
    label, value = OTHER_LABELS[name]
    assert (problem := _named(ledger, BY_NAME[name], label, value)) is None, f"{name}: {problem}"
