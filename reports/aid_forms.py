"""Difficult-worker aid forms of one household: the file (困难职工档案登记表) and the
application/approval form (帮扶救助申请审批表), printable before any money is paid.
The forms of a round, the notices and the yearly summary are in reports/aid_round_forms.py."""

from __future__ import annotations

from typing import BinaryIO

from models import codes
from models.validation import format_money, money_in_words
from reports.kit import BLANK_DATE, Cell, Column, Form, cn_date

CONFIDENTIAL = "内部资料 注意保密"


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{format_money(fen)} 元"


def _label(t: str) -> Cell:
    return Cell(t, label=True)


def per_capita_line(a: dict, spending_fen: int) -> str:
    """The per-capita measure written out, so a figure far below the household income
    shows where the difference went (models.aid.per_capita_monthly_fen)."""
    size, monthly = a["size"], a["household_monthly_fen"]
    if not size:
        return "家庭人口为 0，无法测算人均月收入。"
    if spending_fen:
        line = (f"（家庭月收入 {format_money(monthly)} 元 － 因困刚性支出 {format_money(spending_fen)} 元/年 ÷ 12）"
                f" ÷ {size} 人 = {format_money(a['per_capita_fen'])} 元/人·月")
        if monthly * 12 < spending_fen:
            line += "（支出大于收入，按 0 计）"
        return line
    return f"家庭月收入 {format_money(monthly)} 元 ÷ {size} 人 = {format_money(a['per_capita_fen'])} 元/人·月（无因困刚性支出）"


def void_mark(f: Form, voided_at: str | None, reason: str | None) -> None:
    """A voided record prints as one: a red stamp-like box across the top and a line
    saying when and why, so the paper cannot pass for a valid approval or receipt."""
    if not voided_at:
        return
    c = f.c
    c.saveState()
    c.setStrokeColorRGB(0.8, 0.1, 0.1)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.setLineWidth(2.5)
    w, h = 150, 46
    x = f.right - w - 4
    y = f.y - h - 2
    c.rect(x, y, w, h)
    c.setFont(f.font, 30)
    c.drawCentredString(x + w / 2, y + 10, "已 作 废")
    c.restoreState()
    f.space(h + 8)
    f.paragraph(f"【已作废】本笔记录已于{cn_date(voided_at)}作废，作废原因：{reason or '（未填写）'}。本表不作为审批或发放凭证。", size=11)
    f.space(4)


def build_case_file(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    c, a, facts = data["case"], data["assessment"], data.get("facts") or {}
    f = Form(out, title="困难职工档案登记表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"档案编号：{c.file_no}    建档日期：{cn_date(c.opened_on)}    档案状态：{codes.CASE_STATE.label(c.state)}    {CONFIDENTIAL}")
    L = _label
    causes = "、".join(codes.HARDSHIP_CAUSE.label(x) for x in c.secondary_causes) or "无"
    tier = codes.AID_TIER.label(c.tier) if c.tier else "未确定"
    suggested = a["suggestion"]
    close = facts.get("close")
    ident = data.get("identity") or {}
    own = next((h for h in data["household"] if h.relation == "self"), None)
    out_category = c.close_measure if c.state == "out_of_hardship" else ""
    f.grid(
        [
            [L("姓名"), Cell(c.worker_name), L("性别"), Cell(codes.GENDER.label(c.gender)), L("民族"), Cell(ident.get("ethnicity", ""))],
            [L("身份证号"), Cell(c.worker_id_number, span=3), L("政治面貌"), Cell(ident.get("political_status", ""))],
            [L("婚姻状况"), Cell(codes.MARRIAGE.label(c.marriage)), L("户口类型"), Cell(ident.get("hukou_type", "")), L("联系电话"), Cell(c.phone)],
            [L("工作单位及部门"), Cell(f"{data['org'].unit_name} {c.department}".strip(), span=3), L("工作状态"), Cell(codes.WORK_STATUS.label(c.work_status))],
            [L("劳模类型"), Cell(codes.MODEL_WORKER.label(c.model_worker)), L("单亲家庭"), Cell("是" if c.is_single_parent else "否"), L("零就业家庭"), Cell("是" if c.is_zero_employment else "否")],
            [L("医保状况"), Cell(own.medical_insurance if own else ""), L("自救能力"), Cell(codes.SELF_HELP.label(c.self_help) if c.self_help else ""), L("家庭人口"), Cell(f"{a['size']} 人")],
            [L("家庭住址"), Cell(c.address, span=5)],
            [L("住房类型"), Cell(codes.HOUSING.label(c.housing_type)), L("住房面积"), Cell(f"{c.housing_area:g} 平方米" if c.housing_area else ""), L("年收入"), Cell(_yuan(a["household_yearly_fen"]))],
            [L("家庭月收入"), Cell(_yuan(a["household_monthly_fen"])), L("因困刚性支出（年）"), Cell(_yuan(c.hardship_spending_fen)), L("人均月收入"), Cell(_yuan(a["per_capita_fen"]))],
            [L("人均月收入测算"), Cell(per_capita_line(a, c.hardship_spending_fen), span=5)],
            [L("低保标准"), Cell(_yuan(a["min_living_fen"]) + "/月"), L("相对困难倍数"), Cell(f"{a['multiplier']:g} 倍"), L("测算建议"), Cell(suggested)],
            [L("致困原因类别（主要）"), Cell(codes.HARDSHIP_CAUSE.label(c.main_cause)), L("次要致困原因"), Cell(causes, span=3)],
            [L("困难类别"), Cell(tier), L("调整理由"), Cell(c.tier_reason, span=3)],
            [L("开户银行"), Cell(c.bank_name, span=2), L("账号"), Cell(c.bank_account, span=2)],
        ],
        [1.3, 1.5, 1.2, 1.4, 1.2, 1.4],
        size=9.5,
        pad=5,
    )
    f.space(8)
    f.paragraph("家庭成员情况", size=11)
    f.space(2)
    rows = [
        [h.name, codes.RELATION.label(h.relation), codes.GENDER.label(h.gender), h.id_number, h.birth_date, codes.HEALTH.label(h.health),
         h.occupation, h.medical_insurance, _yuan(h.monthly_income_fen)]
        for h in data["household"]
    ]
    f.table(
        [Column("姓名", 1, "center"), Column("关系", 0.7, "center"), Column("性别", 0.5, "center"), Column("身份证号", 2.1, "center"),
         Column("出生日期", 1.1, "center"), Column("健康状况", 0.9, "center"), Column("职业或就读学校", 1.6), Column("医保", 0.8, "center"),
         Column("月收入", 1.1, "right")],
        rows,
        size=8.5,
        max_lines=6,
    )
    f.space(8)
    f.paragraph("办理经过", size=11)
    f.space(2)
    visit, review, notice, approve = (facts.get(k) for k in ("visit", "review", "notice", "approve"))
    notice_period = f"{cn_date(notice['date'])}至{cn_date(notice['end_date'])}" if notice else f"{BLANK_DATE}至{BLANK_DATE}"
    notice_result = "；".join(x for x in ((notice or {}).get("findings", ""), (notice or {}).get("note", "")) if x)
    steps = [
        [L("入户调查日期"), Cell(cn_date(visit["date"]) if visit else BLANK_DATE), L("调查人员"), Cell(visit["people"] if visit else "", span=3)],
        [L("调查情况"), Cell((visit or {}).get("findings", "") or "", span=5, height=36)],
        [L("工会审核日期"), Cell(cn_date(review["date"]) if review else BLANK_DATE), L("公示期"), Cell(notice_period, span=3)],
        [L("公示结果"), Cell(notice_result, span=5, height=24)],
        [L("审批日期"), Cell(cn_date(approve["date"]) if approve else BLANK_DATE), L("审批说明"), Cell((approve or {}).get("note", "") if approve else "", span=3)],
    ]
    for r in facts.get("reviews", []):
        what = codes.CASE_EVENT.label(r["kind"])
        detail = "；".join(x for x in (codes.CASE_EVENT_OUTCOME.label(r["outcome"]) if r["outcome"] else "", r["findings"], r["note"]) if x)
        steps.append([L(what), Cell(cn_date(r["date"])), L("情况"), Cell(detail, span=3)])
    steps += [
        [L("退出日期"), Cell(cn_date(close["date"]) if close else ""), L("退出原因"), Cell(codes.CASE_CLOSE_REASON.label(c.close_reason) if c.close_reason else ""),
         L("解困脱困类别"), Cell(out_category)],
        [L("退出说明"), Cell(" ".join(x for x in ((close or {}).get("findings", ""), (close or {}).get("note", "")) if x), span=5)],
    ]
    f.grid(steps, [1.3, 1.5, 1.2, 1.4, 1.2, 1.4], size=9.5, pad=5)
    f.space(6)
    f.grid(
        [
            [Cell("申请人承诺：以上所填情况属实，如有虚假，愿承担相应责任。\n\n申请人签字：                        年    月    日", span=3, height=56)],
            [Cell("建档人：" + c.created_by), Cell("审核人：" + c.reviewed_by), Cell("录入人：" + c.entered_by)],
            [Cell("基层工会意见：\n\n\n（盖章）        年    月    日", height=90), Cell("上级工会意见：\n\n\n（盖章）        年    月    日", height=90, span=2)],
        ],
        [1, 1, 1],
        size=10,
    )
    f.save()


def build_approval(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """The application/approval form. With data["payment"] it records a payment (the
    tier being data["tier"], the one on the day of payment, when given); without one it
    is the blank application of a file: type, amount and date left for the hand, the
    approval boxes empty. A voided payment prints 已作废 with its reason and date."""
    p, c = data.get("payment"), data["case"]
    f = Form(out, title="困难职工帮扶救助申请审批表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"档案编号：{c.file_no}    申请日期：{cn_date(data.get('applied_on'))}")
    if p is not None:
        void_mark(f, p.voided_at, p.void_reason)
    L = _label
    tier = codes.AID_TIER.label(data.get("tier", c.tier)) if data.get("tier", c.tier) else ""
    rows = [
        [L("申请人"), Cell(c.worker_name), L("部门"), Cell(c.department), L("困难类别"), Cell(tier)],
        [L("救助类型"), Cell(codes.AID_TYPE.label(p.aid_type) if p else ""), L("资金来源"), Cell(codes.FUNDING_SOURCE.label(p.funding_source) if p else ""),
         L("发放日期"), Cell(cn_date(p.date) if p else BLANK_DATE)],
        [L("主要致困原因"), Cell(codes.HARDSHIP_CAUSE.label(c.main_cause), span=5)],
    ]
    if p is not None and p.student_name:
        rows.append([L("受助学生"), Cell(f"{p.student_name}，{p.student_school}，{p.student_grade}", span=5)])
    rows += [
        [L("申请理由"), Cell((p.note if p else "") or "", span=5, height=70)],
        [L("救助金额（小写）"), Cell(f"¥{format_money(p.amount_fen)}" if p else "¥", span=2), L("救助金额（大写）"), Cell(money_in_words(p.amount_fen) if p else "", span=2)],
        [L("基层工会意见"), Cell("\n\n负责人签字：              （盖章）        年    月    日", span=5, height=90)],
        [L("上级工会意见"), Cell("\n\n负责人签字：              （盖章）        年    月    日", span=5, height=90)],
    ]
    f.grid(rows, [1.5, 1.5, 1.1, 1.3, 1.5, 1.5], pad=6)
    f.signatures(["申请人签字", "经办人"])
    f.save()
