"""Difficult-worker aid forms: the household file, the application/approval form, the
receipt sheet of a round, the public notice (masked only) and the yearly summary."""

from __future__ import annotations

import datetime as _dt
from typing import BinaryIO

from models import codes
from models.validation import format_money, money_in_words
from models import clock
from reports.kit import Cell, Column, Form


def _cn_date(iso: str | None) -> str:
    if not iso:
        return "    年  月  日"
    d = _dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{format_money(fen)} 元"


def build_case_file(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    c, a = data["case"], data["assessment"]
    f = Form(out, title="困难职工档案登记表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"档案编号：{c.file_no}    建档日期：{_cn_date(c.opened_on)}    档案状态：{codes.CASE_STATE.label(c.state)}")
    L = lambda t: Cell(t, label=True)  # noqa: E731
    causes = "、".join(codes.HARDSHIP_CAUSE.label(x) for x in c.secondary_causes) or "无"
    tier = codes.AID_TIER.label(c.tier) if c.tier else "未确定"
    suggested = codes.AID_TIER.label(a["suggested_tier"]) if a["suggested_tier"] else "不符合建档条件"
    f.grid(
        [
            [L("姓名"), Cell(c.worker_name), L("性别"), Cell(codes.GENDER.label(c.gender)), L("婚姻状况"), Cell(codes.MARRIAGE.label(c.marriage))],
            [L("身份证号"), Cell(c.worker_id_number, span=3), L("联系电话"), Cell(c.phone)],
            [L("工作单位及部门"), Cell(f"{data['org'].unit_name} {c.department}".strip(), span=3), L("工作状态"), Cell(codes.WORK_STATUS.label(c.work_status))],
            [L("劳模类型"), Cell(codes.MODEL_WORKER.label(c.model_worker)), L("单亲家庭"), Cell("是" if c.is_single_parent else "否"), L("零就业家庭"), Cell("是" if c.is_zero_employment else "否")],
            [L("家庭住址"), Cell(c.address, span=5)],
            [L("住房类型"), Cell(codes.HOUSING.label(c.housing_type)), L("住房面积"), Cell(f"{c.housing_area:g} 平方米" if c.housing_area else ""), L("家庭人口"), Cell(f"{a['size']} 人")],
            [L("家庭月收入"), Cell(_yuan(a["household_monthly_fen"])), L("年收入"), Cell(_yuan(a["household_yearly_fen"])), L("人均月收入"), Cell(_yuan(a["per_capita_fen"]))],
            [L("因困支出（年）"), Cell(_yuan(c.hardship_spending_fen)), L("低保标准"), Cell(_yuan(a["min_living_fen"]) + "/月"), L("相对困难倍数"), Cell(f"{a['multiplier']:g} 倍")],
            [L("主要致困原因"), Cell(codes.HARDSHIP_CAUSE.label(c.main_cause)), L("次要致困原因"), Cell(causes, span=3)],
            [L("困难类别"), Cell(tier), L("测算建议"), Cell(suggested), L("调整理由"), Cell(c.tier_reason)],
            [L("开户银行"), Cell(c.bank_name, span=2), L("账号"), Cell(c.bank_account, span=2)],
        ],
        [1.3, 1.5, 1.1, 1.4, 1.2, 1.5],
        size=9.5,
        pad=5,
    )
    f.space(8)
    f.paragraph("家庭成员情况", size=11)
    f.space(2)
    rows = [
        [h.name, codes.RELATION.label(h.relation), codes.GENDER.label(h.gender), h.id_number, h.birth_date, codes.HEALTH.label(h.health), h.occupation, _yuan(h.monthly_income_fen)]
        for h in data["household"]
    ]
    f.table(
        [Column("姓名", 1, "center"), Column("关系", 0.8, "center"), Column("性别", 0.6, "center"), Column("身份证号", 2.2, "center"),
         Column("出生日期", 1.2, "center"), Column("健康状况", 1, "center"), Column("职业或就读学校", 1.8), Column("月收入", 1.2, "right")],
        rows,
        size=9,
    )
    f.space(6)
    f.grid(
        [
            [Cell("建档人：" + c.created_by), Cell("审核人：" + c.reviewed_by), Cell("录入人：" + c.entered_by)],
            [Cell("基层工会意见：\n\n\n（盖章）        年    月    日", height=90), Cell("上级工会意见：\n\n\n（盖章）        年    月    日", height=90, span=2)],
        ],
        [1, 1, 1],
        size=10,
    )
    f.save()


def build_approval(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """data["tier"], when given, is the tier on the day of payment (models.aid.case_as_of);
    without it the file's current tier is shown."""
    p, c = data["payment"], data["case"]
    f = Form(out, title="困难职工帮扶救助申请审批表", union_name=data["org"].union_name, font_path=font_path, page_numbers=False)
    f.heading(f"档案编号：{c.file_no}")
    L = lambda t: Cell(t, label=True)  # noqa: E731
    student = f"{p.student_name}，{p.student_school}，{p.student_grade}" if p.student_name else ""
    rows = [
        [L("申请人"), Cell(c.worker_name), L("部门"), Cell(c.department), L("困难类别"), Cell(codes.AID_TIER.label(data.get("tier", c.tier)))],
        [L("救助类型"), Cell(codes.AID_TYPE.label(p.aid_type)), L("资金来源"), Cell(codes.FUNDING_SOURCE.label(p.funding_source)), L("发放日期"), Cell(_cn_date(p.date))],
        [L("主要致困原因"), Cell(codes.HARDSHIP_CAUSE.label(c.main_cause), span=5)],
    ]
    if student:
        rows.append([L("受助学生"), Cell(student, span=5)])
    rows += [
        [L("申请理由"), Cell(p.note or "", span=5, height=70)],
        [L("救助金额（小写）"), Cell(f"¥{format_money(p.amount_fen)}", span=2), L("救助金额（大写）"), Cell(money_in_words(p.amount_fen), span=2)],
        [L("基层工会意见"), Cell("\n\n负责人签字：              （盖章）        年    月    日", span=5, height=90)],
        [L("上级工会意见"), Cell("\n\n负责人签字：              （盖章）        年    月    日", span=5, height=90)],
    ]
    f.grid(rows, [1.5, 1.5, 1.1, 1.3, 1.5, 1.5], pad=6)
    f.signatures(["申请人签字", "经办人"])
    f.save()


def build_receipts(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    r = data["round"]
    f = Form(out, title=f"{r['name']}救助金发放签收表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"救助类型：{codes.AID_TYPE.label(r['aid_type'])}    发放日期：{_cn_date(r['date'])}")
    rows = [[str(i), x["worker_name"], x["department"], codes.AID_TIER.label(x["tier"]), format_money(x["amount_fen"]), money_in_words(x["amount_fen"]), ""] for i, x in enumerate(data["rows"], start=1)]
    total = sum(x["amount_fen"] for x in data["rows"])
    f.table([Column("序号", 0.6, "center"), Column("姓名", 1, "center"), Column("部门", 1.5), Column("困难类别", 1, "center"),
             Column("金额（元）", 1.1, "right"), Column("金额（大写）", 2.2), Column("领取人签字", 1.6)], rows, size=10, min_row_height=26)
    f.space(8)
    f.paragraph(f"合计：{len(rows)} 人，金额 ¥{format_money(total)}（大写：{money_in_words(total)}）", size=11)
    f.signatures(["经办人", "审核人", "工会负责人"])
    f.save()


def build_notice(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """What a public notice may carry: masked name and ID, department, tier, amount. Nothing else."""
    r = data["round"]
    f = Form(out, title=f"{r['name']}公示名单", union_name=data["org"].union_name, font_path=font_path)
    period = f"公示期：{_cn_date(r['notice_start'])}至{_cn_date(r['notice_end'])}" if r["notice_start"] else ""
    f.heading(period)
    f.paragraph("经个人申请、入户调查、工会审核，拟对以下职工给予帮扶救助，现予公示。", first_indent=True)
    f.space(4)
    rows = [[str(i), x["name"], x["id_number"], x["department"], x["tier"], format_money(x["amount_fen"])] for i, x in enumerate(data["rows"], start=1)]
    f.table([Column("序号", 0.6, "center"), Column("姓名", 1, "center"), Column("身份证号", 2.2, "center"), Column("部门", 1.6),
             Column("困难类别", 1.2, "center"), Column("救助金额（元）", 1.4, "right")], rows, size=10.5, min_row_height=24)
    total = sum(x["amount_fen"] for x in data["rows"])
    f.space(4)
    f.paragraph(f"合计 {len(rows)} 人，金额 ¥{format_money(total)}（大写：{money_in_words(total)}）。")
    f.space(8)
    contact = r["contact"] or data["org"].phone
    f.paragraph(f"公示期间如有异议，请向工会反映。联系方式：{contact}。", first_indent=True)
    f.space(16)
    f.paragraph(data["org"].union_name, align="center")
    f.paragraph(_cn_date(r["notice_start"] or r["date"]), align="center")
    f.save()


def build_summary(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    t = data["totals"]
    f = Form(out, title=f"{t['year']}年度困难职工帮扶情况汇总表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"制表日期：{_cn_date(clock.today_iso())}")
    f.paragraph(
        f"全年帮扶 {t['count']} 人次、{t['households']} 户，发放帮扶资金 ¥{format_money(t['total_fen'])}（{money_in_words(t['total_fen'])}）；"
        f"金秋助学 {t['autumn_students']} 人。作废记录 {t['voided_count']} 笔（¥{format_money(t['voided_fen'])}，不计入合计）。",
        first_indent=True,
    )
    f.space(6)
    f.paragraph("一、按帮扶类型", size=11)
    f.table([Column("帮扶类型", 2), Column("人次", 1, "right"), Column("金额（元）", 1.6, "right")],
            [[codes.AID_TYPE.label(k), str(v["count"]), format_money(v["total_fen"])] for k, v in sorted(t["by_type"].items())] + [["合计", str(t["count"]), format_money(t["total_fen"])]], size=10.5)
    f.space(6)
    f.paragraph("二、按资金来源", size=11)
    f.table([Column("资金来源", 2), Column("人次", 1, "right"), Column("金额（元）", 1.6, "right")],
            [[codes.FUNDING_SOURCE.label(k), str(v["count"]), format_money(v["total_fen"])] for k, v in sorted(t["by_source"].items())], size=10.5)
    f.space(6)
    f.paragraph(f"三、困难职工档案（在档、审批中为{t['year']}年12月31日的情况）", size=11)
    f.table([Column("项目", 2), Column("户数", 1, "right")], [[label, str(n)] for label, n in data["files"]], size=10.5)
    f.signatures(["制表人", "工会负责人"])
    f.save()
