"""Innovation project forms: the declaration (工会工作创新项目申报表), the plan
(项目推进计划表) and the progress report (项目进展情况报告).

Each builder takes the plain data reports/registry_innovation.py loads (dicts and
the models' dataclasses) and draws through the form kit, so long texts flow onto the
next page with （续）, tables grow, and every page past the first is numbered.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from models import innovation_codes as ic
from models.validation import format_money, money_in_words
from reports.kit import Cell, Column, Form, cn_date

SEAL_BOX = "\n\n\n负责人签字：                （盖章）\n                                        年    月    日"


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{format_money(fen)} 元"


def _yuan_words(fen: int | None) -> str:
    return "" if not fen else f"¥{format_money(fen)}（{money_in_words(fen)}）"


def _L(text: str) -> Cell:
    return Cell(text, label=True)


def _lead(team: list) -> Any:
    return next((t for t in team if t.role == "lead"), None)


def _recognition_rows(recognitions: list) -> list[list[str]]:
    return [
        [ic.RECOGNITION_KIND.label(r.kind), ic.RECOGNITION_LEVEL.label(r.level) + (f"（{ic.PROMOTION_CHANNEL.label(r.channel)}）" if r.channel else ""),
         r.date, r.title, r.evidence]
        for r in recognitions
    ]


RECOGNITION_COLUMNS = [Column("类型", 1.2, "center"), Column("级别", 1.8, "center"), Column("日期", 1.1, "center"), Column("事项", 2.4), Column("佐证材料", 2.2)]


def _priority_line(priority: list[str]) -> str:
    if priority:
        return "优先推荐：符合。依据：" + "；".join(priority) + "。"
    return "优先推荐：暂无符合条件的表彰推广记录（领导批示肯定、典型发言、推广、市级以上主流媒体报道）。"


def build_declaration(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """工会工作创新项目申报表: all sections, the team, the plan in brief, recognition
    evidence and the priority criterion, then 意见 boxes with seal lines."""
    p, team, org = data["project"], data["team"], data["org"]
    f = Form(out, title="工会工作创新项目申报表", union_name=org.union_name, font_path=font_path)
    f.heading(f"申报年度：{p.year}年    项目编号：CX{p.year}{p.id:03d}    填报日期：{cn_date(p.declared_on)}")
    lead = _lead(team)
    widths = [1.3, 1.7, 1.2, 1.5, 1.1, 1.6]
    f.grid(
        [
            [_L("项目名称"), Cell(p.name, span=5)],
            [_L("申报单位"), Cell(p.applicant_name or org.union_name, span=3), _L("单位类型"), Cell(ic.APPLICANT_KIND.label(p.applicant_kind))],
            [_L("项目负责人"), Cell(lead.name if lead else ""), _L("单位/部门"), Cell(lead.unit if lead else ""), _L("联系电话"), Cell((lead.phone if lead else "") or p.contact_phone)],
            [_L("实施时间"), Cell(f"{cn_date(p.start_on)}至{cn_date(p.end_on)}", span=3), _L("项目状态"), Cell(ic.PROJECT_STATE.label(p.state))],
            [_L("项目预算"), Cell(_yuan_words(p.budget_fen) or "0.00 元", span=2), _L("申请补助"), Cell(_yuan_words(p.subsidy_requested_fen) or "0.00 元", span=2)],
            [_L("针对解决的问题"), Cell(p.problem, span=5, height=48)],
            [_L("项目内容"), Cell(p.content, span=5, height=60)],
            [_L("主要措施"), Cell(p.measures, span=5, height=60)],
            [_L("预期成效"), Cell(p.expected, span=5, height=40)],
            [_L("可量化指标"), Cell(p.indicators, span=5, height=40)],
        ],
        widths,
        size=10,
        pad=5,
    )
    f.space(8)
    f.paragraph("项目团队（人员及分工）", size=11)
    f.space(2)
    f.table(
        [Column("姓名", 1, "center"), Column("分工", 1.1, "center"), Column("单位/部门", 1.6), Column("职责", 2.6), Column("联系电话", 1.4, "center")],
        [[t.name, ic.TEAM_ROLE.label(t.role), t.unit, t.duty, t.phone] for t in team] or [["（未填写）", "", "", "", ""]],
        size=9,
        max_lines=6,
    )
    f.space(8)
    f.paragraph("推进计划（详见项目推进计划表）", size=11)
    f.space(2)
    f.table(
        [Column("序号", 0.5, "center"), Column("推进阶段", 1.1, "center"), Column("任务内容", 3.2), Column("责任人", 1, "center"), Column("起止日期", 2, "center")],
        [[str(t["seq"]), ic.TASK_STAGE.label(t["stage"]), t["title"], t["owner"], f"{t['start_on']} 至 {t['due_on']}"] for t in data["tasks"]]
        or [["", "", "（尚未制定）", "", ""]],
        size=9,
        max_lines=6,
    )
    f.space(8)
    f.paragraph("表彰推广情况（领导批示肯定、典型发言、推广、主流媒体报道）", size=11)
    f.space(2)
    f.table(RECOGNITION_COLUMNS, _recognition_rows(data["recognitions"]) or [["（无）", "", "", "", ""]], size=9, max_lines=6)
    f.space(4)
    f.paragraph(_priority_line(data["priority"]), size=10)
    f.space(6)
    f.keep_together(130)
    f.grid(
        [[Cell("申报单位工会意见：" + SEAL_BOX, height=120), Cell("市总工会意见：" + SEAL_BOX, height=120)]],
        [1, 1],
        size=10,
    )
    f.save()


PLAN_COLUMNS = [
    Column("序号", 0.45, "center"), Column("推进阶段", 0.9, "center"), Column("任务内容", 2.4), Column("责任人", 0.8, "center"),
    Column("开始日期", 0.95, "center"), Column("计划完成", 0.95, "center"), Column("状态", 1.05, "center"), Column("完成", 0.55, "center"),
    Column("佐证材料", 1.9),
]


def _task_row(t: dict) -> list[str]:
    status = ic.TASK_STATUS.label(t["status"]) + ("（逾期）" if t["overdue"] else "")
    return [str(t["seq"]), ic.TASK_STAGE.label(t["stage"]), t["title"], t["owner"], t["start_on"], t["due_on"], status, f"{t['percent']}%", t["evidence"]]


def build_plan(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """项目推进计划表: the tasks in order, each with its stage, owner, dates, status and evidence."""
    p, org = data["project"], data["org"]
    f = Form(out, title="项目推进计划表", union_name=org.union_name, landscape=True, font_path=font_path)
    lead = _lead(data["team"])
    f.heading(
        f"项目名称：{p.name}    项目负责人：{lead.name if lead else '（未指定）'}    实施时间：{cn_date(p.start_on)}至{cn_date(p.end_on)}"
        f"    截至{cn_date(data['on'])}，总体进度：{data['progress']}%"
    )
    rows = [_task_row(t) for t in data["tasks"]]  # in the plan's own order (序号)
    f.table(PLAN_COLUMNS, rows or [["", "", "（尚未制定计划）", "", "", "", "", "", ""]], size=9, max_lines=4)
    f.space(4)
    f.paragraph("说明：总体进度按各任务计划天数加权计算；截止日期已过而未完成的任务标注“逾期”。", size=9)
    f.signatures(["项目负责人", "填表人"])
    f.save()


def build_progress(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """项目进展情况报告: where the project stands on a day — state, progress, tasks,
    overdue tasks, recognitions and the results achieved."""
    p, org = data["project"], data["org"]
    f = Form(out, title="项目进展情况报告", union_name=org.union_name, font_path=font_path)
    f.heading(f"项目名称：{p.name}    报告日期：{cn_date(data['on'])}")
    lead = _lead(data["team"])
    events = data["events"]
    decided = next((e for e in reversed(events) if e["kind"] in ("select", "reject")), None)
    f.grid(
        [
            [_L("申报年度"), Cell(f"{p.year}年"), _L("项目状态"), Cell(ic.PROJECT_STATE.label(data["state"])), _L("项目负责人"), Cell(lead.name if lead else "")],
            [_L("申报日期"), Cell(cn_date(p.declared_on) if p.declared_on else "未申报"), _L("评审结果"),
             Cell(f"{ic.PROJECT_EVENT.label(decided['kind'])}（{cn_date(decided['date'])}）" if decided else "尚未评审", span=3)],
            [_L("实施时间"), Cell(f"{cn_date(p.start_on)}至{cn_date(p.end_on)}", span=3), _L("总体进度"), Cell(f"{data['progress']}%")],
            [_L("项目预算"), Cell(_yuan(p.budget_fen)), _L("申请补助"), Cell(_yuan(p.subsidy_requested_fen)), _L("补助到位"), Cell(_yuan(data["subsidy_fen"]))],
        ],
        [1.2, 1.6, 1.1, 1.7, 1.2, 1.4],
        size=10,
        pad=5,
    )
    f.space(8)
    f.paragraph("一、任务推进情况", size=11)
    f.space(2)
    f.table(
        [Column("序号", 0.5, "center"), Column("阶段", 0.9, "center"), Column("任务内容", 2.4), Column("责任人", 0.9, "center"),
         Column("计划完成", 1.1, "center"), Column("状态", 1.35, "center"), Column("完成", 0.6, "center")],
        [[str(t["seq"]), ic.TASK_STAGE.label(t["stage"]), t["title"], t["owner"], t["due_on"],
          ic.TASK_STATUS.label(t["status"]) + ("（逾期）" if t["overdue"] else ""), f"{t['percent']}%"] for t in data["tasks"]]
        or [["", "", "（尚未制定计划）", "", "", "", ""]],
        size=9,
        max_lines=6,
    )
    f.space(8)
    f.paragraph("二、逾期未完成任务", size=11)
    overdue = data["overdue"]
    if overdue:
        for t in overdue:
            f.paragraph(f"{t['seq']}. {t['title']}（责任人：{t['owner'] or '未指定'}，应于 {t['due_on']} 完成，已逾期 {t['days_late']} 天，完成 {t['percent']}%）", size=10, indent=12)
    else:
        f.paragraph("无。", size=10, indent=12)
    f.space(6)
    f.paragraph("三、表彰推广情况", size=11)
    f.space(2)
    f.table(RECOGNITION_COLUMNS, _recognition_rows(data["recognitions"]) or [["（无）", "", "", "", ""]], size=9, max_lines=6)
    f.space(4)
    f.paragraph(_priority_line(data["priority"]), size=10)
    f.space(6)
    f.paragraph("四、取得成效", size=11)
    f.paragraph(p.results or "（尚未填写）", size=10.5, first_indent=True)
    f.space(4)
    f.paragraph("五、预期成效与可量化指标", size=11)
    f.paragraph(p.indicators or p.expected or "（未填写）", size=10.5, first_indent=True)
    f.signatures(["项目负责人", "申报单位工会（盖章）"])
    f.save()
