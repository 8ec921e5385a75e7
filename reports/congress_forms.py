"""The worker congress's paper: minutes, sign-in sheet, ballots, resolutions, proposal forms,
the proposal summary and the delegate roster — each drawn with the form kit."""

from __future__ import annotations

import datetime as _dt
from typing import BinaryIO

from models import codes
from models.minutes import Minutes
from models import clock
from reports.kit import MM, Cell, Column, Form


def _date_cn(iso: str) -> str:
    if not iso:
        return "    年  月  日"
    d = _dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------- minutes

def build_minutes(m: Minutes, out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title=f"{m.title}会议记录", union_name=m.org.union_name, font_path=font_path)
    f.heading()
    when = _date_cn(m.date) + (f" {m.start_time}" if m.start_time else "") + (f"—{m.end_time}" if m.end_time else "")
    L = lambda t: Cell(t, label=True)  # noqa: E731
    rows = [
        [L("会议名称"), Cell(m.title, span=3)],
        [L("时间"), Cell(when), L("地点"), Cell(m.place)],
        [L("主持人"), Cell(m.host), L("记录人"), Cell(m.recorder)],
    ]
    if m.executive_chair or m.nonvoting:
        rows.append([L("执行主席"), Cell(m.executive_chair), L("列席人员"), Cell(m.nonvoting)])
    a = m.attendance
    rows.append([L("出席情况"), Cell(a.statement(), span=3)])
    if m.leave_names:
        rows.append([L("请假"), Cell("、".join(m.leave_names), span=3)])
    if m.absent_names:
        rows.append([L("缺席"), Cell("、".join(m.absent_names), span=3)])
    f.grid(rows, [1.2, 3, 1.2, 3], pad=6)
    if m.voided:
        f.space(6)
        f.paragraph("（本次会议已作废）", size=11)
    f.space(10)
    if m.opening:
        f.paragraph("一、会议开始", size=12)
        f.paragraph(m.opening, first_indent=True)
        f.space(4)
    f.paragraph("二、会议议程及记录" if m.opening else "一、会议议程及记录", size=12)
    for item in m.items:
        f.space(4)
        f.paragraph(f"（{item.seq}）{item.title}", size=11)
        details = []
        if item.report_title:
            details.append(f"审议文件：{item.report_title}")
        if item.presenter:
            details.append(f"汇报人：{item.presenter}")
        if item.speakers:
            details.append(f"发言人：{item.speakers}")
        if details:
            f.paragraph("；".join(details) + "。", indent=21)
        if item.discussion:
            f.paragraph(item.discussion, indent=21, first_indent=True)
        for d in item.decisions:
            f.paragraph(f"表决事项：{d.title}。表决结果：{d.result}", indent=21)
            _voided(f, d)
    if m.other_decisions:
        f.space(4)
        f.paragraph("其他表决事项", size=11)
        for d in m.other_decisions:
            f.paragraph(f"{d.title}。表决结果：{d.result}", indent=21)
            _voided(f, d)
    if m.closing:
        f.space(6)
        f.paragraph(("三、" if m.opening else "二、") + "会议结束", size=12)
        f.paragraph(m.closing, first_indent=True)
    f.signatures(["主持人（签字）", "记录人（签字）"])
    f.save()


def _voided(f: Form, d) -> None:
    """Results recorded earlier and voided stay on paper, marked, as the books keep them."""
    for line in d.voided:
        f.paragraph(line, indent=42, size=9.5)


# ---------------------------------------------------------------- sign-in

def build_signin(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """Delegates by delegation group, a box each for the signature; 应到/实到 at the end."""
    f = Form(out, title=f"{data['title']}签到表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"会议时间：{_date_cn(data['date'])}    地点：{data['place']}")
    from models.congress import group_order

    groups: dict[str, list] = {}
    for d in sorted(data["delegates"], key=lambda d: group_order(d.group_name)):
        groups.setdefault(d.group_name or "未分组", []).append(d)
    columns = [Column("序号", 0.6, "center"), Column("姓名", 1.2, "center"), Column("部门", 1.8), Column("代表类别", 1.2, "center"), Column("本人签名", 2.4), Column("备注", 1.2)]
    n = 0
    for group, members in groups.items():
        f.ensure(60)
        f.space(6)
        f.paragraph(f"{group}（{len(members)} 人）", size=11)
        rows = []
        for d in members:
            n += 1
            rows.append([str(n), d.name, d.department, d.category_label, "", ""])
        f.table(columns, rows, size=10.5, min_row_height=26)
    f.space(8)
    f.paragraph(f"应到代表 {n} 人，实到代表＿＿＿人，请假＿＿＿人，缺席＿＿＿人。", size=11)
    f.signatures(["签到统计人", "核对人"], with_date=False)
    f.save()


# ---------------------------------------------------------------- ballots

BALLOT_RULE = "说明：请在每个表决事项后相应的栏内划“√”，每项只能划一个“√”；多划、不划或划其他符号的，该项视为弃权。"


def build_ballots(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """One ballot per delegate, all items of the session, several per A4 sheet with cut lines."""
    from reports.kit import wrap

    f = Form(out, title=f"{data['title']}表决票", union_name=data["org"].union_name, font_path=font_path, page_numbers=False, running_title=False, margin_mm=10)
    c, font = f.c, f.font
    items = data["items"]
    row_h = 22
    width = f.content_width
    name_w = width * 0.55
    rule_lines = wrap(BALLOT_RULE, font, 8.5, width)
    # Rows of a ballot: (lines, height, is an item's own row, is an election)
    rows: list[tuple[list[str], float, bool, bool]] = []
    for item in items:
        lines = wrap(item["title"], font, 10.5, name_w - 8)
        candidates = item.get("candidates", [])
        rows.append((lines, max(row_h, len(lines) * 14 + 8), True, bool(candidates)))
        rows += [([f"候选人：{name}"], row_h, False, False) for name in candidates]
    ballot_h = 52 + 20 + sum(r[1] for r in rows) + 6 + len(rule_lines) * 11
    gap = 28
    per_page = max(1, int((f.top - f.bottom + gap) // (ballot_h + gap)))
    count = max(1, data["copies"])
    xs = [f.left, f.left + name_w, f.left + name_w + (width - name_w) / 3, f.left + name_w + 2 * (width - name_w) / 3, f.right]
    for i in range(count):
        if i and i % per_page == 0:
            f.new_page()
        top = f.top - (i % per_page) * (ballot_h + gap)
        if i % per_page:
            c.setDash(4, 3)
            c.line(f.left - 5 * MM, top + gap / 2, f.right + 5 * MM, top + gap / 2)
            c.setDash()
            c.setFont(font, 7)
            c.drawString(f.left - 5 * MM, top + gap / 2 + 2, "（沿虚线剪开）")
        c.setFont(font, 14)
        c.drawCentredString(f.width / 2, top - 16, f"{data['title']}")
        c.setFont(font, 16)
        c.drawCentredString(f.width / 2, top - 36, "表  决  票")
        c.setFont(font, 9)
        c.drawRightString(f.right, top - 36, f"No. {i + 1:03d}")
        y = top - 52
        c.setFillGray(0.92)
        c.rect(xs[0], y - 20, width, 20, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(font, 10.5)
        for j, head in enumerate(("表决事项", "同意", "不同意", "弃权")):
            c.drawCentredString((xs[j] + xs[j + 1]) / 2, y - 14, head)
        c.rect(xs[0], y - 20, width, 20)
        y -= 20
        for lines, h, main, election in rows:
            c.rect(xs[0], y - h, width, h)
            if election:  # an election's own row: the votes are per candidate below
                c.line(xs[1], y, xs[1], y - h)
                c.setFont(font, 8.5)
                c.drawCentredString((xs[1] + xs[-1]) / 2, y - h / 2 - 3, "请对下列每位候选人分别表决")
            else:
                for x in xs[1:-1]:
                    c.line(x, y, x, y - h)
            c.setFont(font, 10.5 if main else 10)
            ty = y - (h - len(lines) * 14) / 2 - 11
            for line in lines:
                c.drawString(xs[0] + 4 + (0 if main else 14), ty, line)
                ty -= 14
            y -= h
        y -= 6
        c.setFont(font, 8.5)
        for line in rule_lines:
            c.drawString(f.left, y - 9, line)
            y -= 11
    f.save()


# ---------------------------------------------------------------- resolutions

def build_resolutions(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title=f"{data['title']}决议", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"（{_date_cn(data['date'])}通过）")
    if not data["decisions"]:
        f.paragraph("本次会议没有表决事项。")
    for n, d in enumerate(data["decisions"], start=1):
        f.ensure(80)
        f.space(6)
        f.paragraph(f"{n}. {d.title}", size=12)
        if d.text:
            f.paragraph(d.text, first_indent=True)
        f.paragraph(f"表决结果：{d.result}", indent=21)
    f.space(20)
    f.paragraph(data["org"].union_name or "", align="center")
    f.paragraph(_date_cn(data["date"]), align="center")
    f.save()


# ---------------------------------------------------------------- proposals

def build_proposal(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """One proposal on one page, with the handling boxes filled as far as it has gone."""
    p = data["proposal"]
    f = Form(out, title="职工代表提案表", union_name=data["org"].union_name, font_path=font_path, page_numbers=False)
    f.heading(f"{data['title']}    编号：{p.number}")
    L = lambda t: Cell(t, label=True)  # noqa: E731
    ratings = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}
    reply = p.reply + (f"\n（答复人：{p.replied_by}，{_date_cn(p.replied_on or '')}）" if p.reply else "")
    f.grid(
        [
            [L("案由"), Cell(p.title, span=3)],
            [L("提案人"), Cell(data["proposer"]), L("代表团（组）"), Cell(data["group"])],
            [L("附议人"), Cell("、".join(data["cosigners"]), span=3)],
            [L("提案类别"), Cell(codes.PROPOSAL_CATEGORY.label(p.category)), L("提案日期"), Cell(_date_cn(p.submitted_on))],
            [L("提案内容"), Cell(p.content, span=3, height=60)],
            [L("提案理由"), Cell(p.reason, span=3, height=60)],
            [L("具体建议\n及办法"), Cell(p.measures, span=3, height=70)],
            [L("审查意见\n（提案委员会）"), Cell(_review(p), span=3, height=50)],
            [L("承办部门"), Cell(p.department), L("办理期限"), Cell(_date_cn(p.deadline) if p.deadline else "")],
            [L("办理结果\n及答复"), Cell(reply, span=3, height=70)],
            [L("提案人意见"), Cell(("□满意  □基本满意  □不满意" if not p.rating else f"{ratings[p.rating]}"), span=3, height=36)],
        ],
        [1.3, 3, 1.3, 3],
        pad=6,
    )
    f.signatures(["提案人（签字）", "承办部门负责人（签字）"])
    f.save()


def _review(p) -> str:
    if p.state == "submitted":
        return ""
    verdict = {"rejected": "不立案", "converted": "转为意见建议"}.get(p.state, "立案")
    return verdict + (f"：{p.review_note}" if p.review_note else "")


def build_proposal_summary(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    s = data["summary"]
    f = Form(out, title=f"{data['title']}提案处理情况汇总表", union_name=data["org"].union_name, landscape=True, font_path=font_path)
    by = s["by_state"]
    f.heading(
        f"共收到提案 {s['total']} 件，立案 {s['accepted']} 件，不立案 {by['rejected']} 件，转意见建议 {by['converted']} 件；"
        f"已答复 {by['replied'] + by['rated'] + by['closed']} 件，办结 {s['closed']} 件，逾期未答复 {s['overdue']} 件。"
    )
    ratings = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意", None: ""}
    rows = [
        [r["number"], r["title"], r["proposer_name"], codes.PROPOSAL_STATE.label(r["state"]), r["department"], r["deadline"] or "", r["reply"], ratings[r["rating"]]]
        for r in s["rows"]
    ]
    f.table(
        [Column("编号", 1, "center"), Column("案由", 3.2), Column("提案人", 1, "center"), Column("状态", 1, "center"), Column("承办部门", 1.4), Column("办理期限", 1.2, "center"), Column("答复情况", 3.4), Column("代表评价", 1, "center")],
        rows,
        size=9.5,
        max_lines=3,
    )
    f.signatures(["提案工作委员会（盖章）", "制表人"], with_date=True)
    f.save()


def build_delegates(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title=f"{data['title']}职工代表名册", union_name=data["org"].union_name, landscape=True, font_path=font_path)
    current = [d for d in data["delegates"] if not d.end_date]
    f.heading(f"代表名额 {data['quota'] or '—'} 人，现有代表 {len(current)} 人    制表日期：{_date_cn(clock.today_iso())}")
    rows = []
    from models.congress import group_order

    for n, d in enumerate(sorted(data["delegates"], key=lambda d: (group_order(d.group_name), d.end_date is not None, d.name)), start=1):
        change = f"{codes.DELEGATE_END.label(d.end_how)}（{d.end_date}）" if d.end_date else ""
        rows.append([str(n), d.group_name, d.name, codes.GENDER.label(d.gender), d.department, d.category_label,
                     "是" if d.is_dispatched else "", f"{codes.DELEGATE_START.label(d.start_how)}（{d.start_date}）", change])
    f.table(
        [Column("序号", 0.6, "center"), Column("代表团（组）", 1.4), Column("姓名", 1, "center"), Column("性别", 0.6, "center"), Column("部门", 1.6),
         Column("代表类别", 1.2, "center"), Column("劳务派遣", 0.8, "center"), Column("产生方式", 1.8), Column("资格终止", 1.8)],
        rows,
        size=9.5,
    )
    f.signatures(["制表人", "审核人"], with_date=False)
    f.save()
