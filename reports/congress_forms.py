"""The worker congress's paper: minutes, sign-in sheet, ballots, resolutions, proposal forms,
the proposal summary and the delegate roster — each drawn with the form kit."""

from __future__ import annotations

from typing import BinaryIO

from models import codes
from models.minutes import Minutes
from models import clock
from reports.kit import Cell, Column, Form, cn_date


# ---------------------------------------------------------------- minutes

def build_minutes(m: Minutes, out: str | BinaryIO, *, font_path: str = "") -> None:
    f = Form(out, title=m.document_title, union_name=m.org.union_name, font_path=font_path)
    f.heading()
    when = cn_date(m.date) + (f" {m.start_time}" if m.start_time else "") + (f"—{m.end_time}" if m.end_time else "")
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
            f.paragraph(f"表决事项：{d.title}。{d.how}表决结果：{d.result}", indent=21)
            _voided(f, d)
    if m.other_decisions:
        f.space(4)
        f.paragraph("其他表决事项", size=11)
        for d in m.other_decisions:
            f.paragraph(f"{d.title}。{d.how}表决结果：{d.result}", indent=21)
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
    f = _GroupedForm(out, title=f"{data['title']}签到表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"会议时间：{cn_date(data['date'])}    地点：{data['place']}")
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
        f.group = group
        f.table(columns, rows, size=10.5, min_row_height=26)
        f.group = ""
    f.space(8)
    f.paragraph(f"应到代表 {n} 人，实到代表＿＿＿人，请假＿＿＿人，缺席＿＿＿人。", size=11)
    f.signatures(["签到统计人", "核对人"], with_date=False)
    f.save()


class _GroupedForm(Form):
    """A Form whose table, when it runs on to a new page, first repeats the group's heading.

    Built around the kit: its table re-draws the column header from `_repeat` in
    new_page(); the group heading has to come before that header."""

    group: str = ""

    def new_page(self) -> None:
        repeat = getattr(self, "_repeat", None)
        if not self.group or repeat is None:
            super().new_page()
            return
        self._repeat = None
        super().new_page()
        self.paragraph(f"{self.group}（续）", size=11)
        self._repeat = repeat
        self._draw_header(*repeat)


# ---------------------------------------------------------------- ballots

from reports.ballots import BALLOT_RULE, build_ballots  # noqa: E402,F401  (their own module)


# ---------------------------------------------------------------- resolutions

def build_resolutions(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """Only what the meeting adopted; signed by the presidium with the meeting and its date.
    A voided session's document says so on every page, with the date and the reason."""
    doc = data["doc"]
    stamp = f"已作废（{doc.voided_at[:10]}）" if doc.voided_at else ""
    f = _StampedForm(out, title=f"{doc.session_name}决议", union_name=data["org"].union_name, font_path=font_path, stamp=stamp)
    f.heading(f"（{cn_date(doc.date)}{doc.session_name}通过）")
    if doc.voided_at:
        f.paragraph(f"【已作废】本次会议已于{cn_date(doc.voided_at[:10])}作废，原因：{doc.void_reason}。本决议随之无效，仅供存档。", size=11)
        f.space(4)
    if not doc.adopted:
        f.paragraph("本次会议没有通过的决议事项。", first_indent=True)
    for n, d in enumerate(doc.adopted, start=1):
        f.ensure(80)
        f.space(6)
        f.paragraph(f"{_cn_ordinal(n)}、{d.title}", size=12)
        if d.kind == "election":
            f.paragraph(f"大会选举{'、'.join(d.elected)}当选。", first_indent=True)
        elif d.text:
            f.paragraph(d.text, first_indent=True)
        else:
            f.paragraph(f"大会审议通过{d.title}。", first_indent=True)
        f.paragraph(("表决结果（无记名投票）：" if d.secret else "表决结果：") + d.statement, indent=21, size=10)
    f.ensure(90)
    f.space(24)
    _right_block(f, [doc.signer, doc.session_name, cn_date(doc.date)])
    f.save()


def _right_block(f: Form, lines: list[str], size: float = 11) -> None:
    """Lines centred on one another at the right, as a signature block is set."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [stringWidth(t, f.font, size) for t in lines]
    base = max(0.0, f.content_width - max(widths) - 12)
    for t, w in zip(lines, widths):
        f.paragraph(t, size=size, indent=base + (max(widths) - w) / 2)


def _cn_ordinal(n: int) -> str:
    from models.congress import chinese_number

    return chinese_number(n)


class _StampedForm(Form):
    """A Form that writes a stamp (e.g. 已作废) across every page it draws."""

    def __init__(self, *args, stamp: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stamp = stamp
        self._draw_stamp()

    def new_page(self) -> None:
        super().new_page()
        self._draw_stamp()

    def _draw_stamp(self) -> None:
        if not self.stamp:
            return
        c = self.c
        c.saveState()
        c.setFillColorRGB(0.8, 0.1, 0.1)
        c.setStrokeColorRGB(0.8, 0.1, 0.1)
        c.translate(self.width / 2, self.height / 2)
        c.rotate(30)
        c.setFont(self.font, 40)
        c.drawCentredString(0, 0, self.stamp)
        c.restoreState()


# ---------------------------------------------------------------- proposals

def build_proposal(data: dict, out: str | BinaryIO, *, font_path: str = "") -> None:
    """One proposal on one page, with the handling boxes filled as far as it has gone."""
    p = data["proposal"]
    f = Form(out, title="职工代表提案表", union_name=data["org"].union_name, font_path=font_path)
    f.heading(f"{data['title']}    编号：{p.number}")
    if p.voided_at:
        f.paragraph(f"【已作废】本提案于{cn_date(p.voided_at[:10])}作废（误录），原因：{p.void_reason}。仅供存档。", size=11)
    L = lambda t: Cell(t, label=True)  # noqa: E731
    ratings = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}
    reply = p.reply + (f"\n（答复人：{p.replied_by}，{cn_date(p.replied_on or '')}）" if p.reply else "")
    f.grid(
        [
            [L("案由"), Cell(p.title, span=3)],
            [L("提案人"), Cell(data["proposer"]), L("代表团（组）"), Cell(data["group"])],
            [L("附议人"), Cell("、".join(data["cosigners"]), span=3)],
            [L("附议人签名"), Cell("    ".join(f"{k}.＿＿＿＿＿＿" for k in range(1, max(2, len(data["cosigners"])) + 1)), span=3, height=30)],
            [L("提案类别"), Cell(codes.PROPOSAL_CATEGORY.label(p.category)), L("提案日期"), Cell(cn_date(p.submitted_on))],
            [L("提案内容"), Cell(p.content, span=3, height=60)],
            [L("提案理由"), Cell(p.reason, span=3, height=60)],
            [L("具体建议\n及办法"), Cell(p.measures, span=3, height=70)],
            [L("审查意见\n（提案委员会）"), Cell(_review(p), span=3, height=50)],
            [L("承办部门"), Cell(p.department), L("办理期限"), Cell(cn_date(p.deadline) if p.deadline else "")],
            [L("办理结果\n及答复"), Cell(reply, span=3, height=70)],
            [L("承办部门\n负责人签字"), Cell(""), L("答复日期\n及盖章"), Cell("\n        年    月    日\n（承办部门盖章）", height=60)],
            [L("提案人意见"), Cell(("□满意  □基本满意  □不满意" if not p.rating else f"{ratings[p.rating]}"), span=3, height=36)],
        ],
        [1.3, 3, 1.3, 3],
        pad=6,
    )
    f.signatures(["提案人（签字）", "提案委员会负责人（签字）"])
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
    """Every delegate of the term with age, 政治面貌, 文化程度 and 职务 as of the roster's day,
    then the composition figures the congress page shows, as of the same day."""
    from models.congress import group_order

    f = Form(out, title=f"{data['title']}职工代表名册", union_name=data["org"].union_name, landscape=True, font_path=font_path)
    as_of = data.get("as_of") or clock.today_iso()
    current = [d for d in data["delegates"] if not d.end_date or d.end_date > as_of]
    f.heading(f"代表名额 {data['quota'] or '—'} 人，{cn_date(as_of)}在任代表 {len(current)} 人    制表日期：{cn_date(clock.today_iso())}")
    details = data.get("details", {})
    rows = []
    for n, d in enumerate(sorted(data["delegates"], key=lambda d: (group_order(d.group_name), d.end_date is not None, d.name)), start=1):
        x = details.get(d.id, {})
        change = f"{codes.DELEGATE_END.label(d.end_how)}\n{d.end_date}" if d.end_date else ""
        rows.append([str(n), d.group_name, d.name, codes.GENDER.label(d.gender), x.get("age", ""), x.get("political", ""),
                     x.get("education", ""), d.department, x.get("job_title") or x.get("post", ""), d.category_label,
                     "是" if d.is_dispatched else "", f"{codes.DELEGATE_START.label(d.start_how)}\n{d.start_date}", change])
    f.table(
        [Column("序号", 0.55, "center"), Column("代表团（组）", 1.3), Column("姓名", 0.9, "center"), Column("性别", 0.5, "center"),
         Column("年龄", 0.5, "center"), Column("政治面貌", 1.0, "center"), Column("文化程度", 1.0, "center"), Column("部门", 1.4),
         Column("职务/岗位", 1.1), Column("代表类别", 1.1, "center"), Column("劳务派遣", 0.75, "center"), Column("产生方式", 1.6), Column("资格终止", 1.6)],
        rows,
        size=9,
    )
    checks = data.get("composition") or []
    if checks:
        f.space(8)
        f.ensure(40)
        f.paragraph(f"代表构成（{cn_date(as_of)}）", size=11)
        f.table(
            [Column("要求", 4), Column("情况", 3), Column("是否符合", 1, "center"), Column("说明", 3)],
            [[c.rule, c.figure, "符合" if c.passed else "不符合", c.note] for c in checks],
            size=9.5,
        )
    f.signatures(["制表人", "审核人"], with_date=False)
    f.save()
