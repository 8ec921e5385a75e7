"""Dialogs of the 职代会 page: terms, sessions, delegates, votes, proposals and their handling.

Each is a FormDialog whose saver calls one models/ function, so every rule and
every Chinese message comes from the model and shows beside its field.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QWidget
from sqlite_utils import Database

from models import codes
from models import congress as cg
from models import congress_meeting as mt
from models import proposals as pr
from models.member_list import MemberFilter, list_members
from models.validation import ValidationError
from models import clock
from ui.widgets.form import CodeCombo, DateEdit, FormGrid, line, text_edit
from ui.widgets.form_dialog import FormDialog
from ui.widgets.rows_model import RowsList
from ui.widgets.search_box import SearchBox


def _spin(value: int = 1, maximum: int = 100000) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setValue(value)
    return spin


def _today() -> str:
    return clock.today_iso()


def term_dialog(db: Database, parent: QWidget | None) -> FormDialog:
    d = FormDialog("新建届次", parent)
    existing = [t.number for t in cg.terms(db)]
    d.form.add("number", "届次（第几届）", _spin(max(existing, default=0) + 1, 99), required=True)
    start, end = DateEdit(allow_future=True), DateEdit(allow_future=True)
    start.set_value(_today())
    end.set_value((clock.today().replace(year=clock.today().year + 5) - _dt.timedelta(days=1)).isoformat())
    d.form.add("start_date", "任期开始", start, required=True)
    d.form.add("end_date", "任期结束", end, required=True)
    d.form.add("delegate_quota", "代表名额", _spin(0))
    d.form.add("is_assembly", "会议形式", QCheckBox("职工大会（职工不足100人，全体职工参加）"))
    d.saver = lambda f: cg.add_term(
        db, cg.Term(f.editors["number"].value(), f.value("start_date"), f.value("end_date"), f.editors["delegate_quota"].value(), f.value("is_assembly"))
    )
    return d


def session_dialog(db: Database, term_id: int, session_id: int | None, parent: QWidget | None) -> FormDialog:
    s = cg.get_session(db, session_id) if session_id else None
    d = FormDialog("会议信息" if s else "新建会议", parent, columns=2)
    f = d.form
    numbers = [x.number for x in cg.sessions(db, term_id)]
    f.add("number", "第几次会议", _spin(s.number if s else max(numbers, default=0) + 1, 99), required=True)
    f.add("kind", "会议类型", CodeCombo(codes.SESSION_KIND, empty=None))
    f.add("date", "会议日期", DateEdit(allow_future=True), required=True)
    f.add("place", "地点", line())
    f.add("start_time", "开始时间", line("例：09:00"))
    f.add("end_time", "结束时间", line("例：11:30"))
    f.add("host", "主持人", line())
    f.add("recorder", "记录人", line())
    f.add("executive_chair", "执行主席", line())
    f.add("nonvoting", "列席人员", line())
    if s:
        for key in ("kind", "date", "place", "start_time", "end_time", "host", "recorder", "executive_chair", "nonvoting"):
            f.set_value(key, getattr(s, key))
    else:
        f.set_value("date", _today())

    def save(form: FormGrid):
        values = {k: form.value(k) for k in ("kind", "date", "place", "start_time", "end_time", "host", "recorder", "executive_chair", "nonvoting")}
        number = form.editors["number"].value()
        if s:
            s2 = cg.Session(**{**{k: getattr(s, k) for k in cg.SESSION_FIELDS}, **values, "number": number}, id=s.id)
            cg.update_session(db, s2)
            return s.id
        return cg.add_session(db, cg.Session(term_id=term_id, number=number, **values))

    d.saver = save
    return d


class MemberPicker(QWidget):
    """Search the register and pick one active member (or several)."""

    SHOWN = 5000  # matches listed for one search; past that the count line says so
    selection_changed = Signal()

    def __init__(self, db: Database, *, multiple: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        self.db = db
        self.search = SearchBox("输入姓名、拼音首字母或工号查找在会会员")
        # A list over plain rows, not QListWidget: addItem + setData per member on every
        # keystroke wore down None's refcount (see ui.widgets.rows_model).
        self.list = RowsList(multi=multiple)
        self.list.setMinimumHeight(200)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.count = QLabel()
        self.count.setObjectName("hint")
        layout.addWidget(self.count)
        self.search.search.connect(self.refresh)
        self.refresh("")

    def refresh(self, text: str) -> None:
        rows = list_members(self.db, MemberFilter(text=text, status="active"), ["name", "department", "post"])
        shown = [rows.row(i) for i in range(min(len(rows), self.SHOWN))]
        self.list.set_items([f"{name}　{dept}　{post}" for _, name, dept, post in shown], keys=[member_id for member_id, *_ in shown])
        total = len(rows)
        tip = "可多选（点击选中，再点取消）；" if self.list.selectionMode() != self.list.SelectionMode.SingleSelection else ""
        self.count.setText(
            f"{tip}共 {total} 人" if total <= len(shown) else f"{tip}共 {total} 人，只列出前 {len(shown)} 人：请输入姓名或部门缩小范围"
        )

    def selected(self) -> list[int]:
        return self.list.selected_keys()


def delegate_dialog(db: Database, term_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("添加职工代表", parent)
    picker = MemberPicker(db, multiple=True)  # a whole 代表团 is entered at once
    d.form.add("member", "会员", picker, required=True)
    d.form.add("category", "代表类别", CodeCombo(codes.DELEGATE_CATEGORY, empty=None), required=True)
    groups = QComboBox()
    groups.setEditable(True)
    groups.addItems(sorted({x.group_name for x in cg.delegates(db, term_id, include_ended=True) if x.group_name}, key=cg.group_order))
    d.form.add("group_name", "代表团（组）", groups)
    d.form.add("start_how", "产生方式", CodeCombo(codes.DELEGATE_START, empty=None))
    start = DateEdit(allow_future=True)
    start.set_value(cg.get_term(db, term_id).start_date)
    d.form.add("start_date", "任职日期", start)

    def save(form: FormGrid):
        return cg.add_delegates(db, term_id, picker.selected(), category=form.value("category"), group_name=form.value("group_name"),
                                start_date=form.value("start_date"), start_how=form.value("start_how"))

    d.saver = save
    d.field_of = {"代表": "member"}
    return d


def end_delegate_dialog(db: Database, delegate_id: int, parent: QWidget | None) -> FormDialog:
    delegate = cg.get_delegate(db, delegate_id)
    d = FormDialog(f"终止代表资格 — {delegate.name}", parent)
    date = DateEdit()
    date.set_value(_today())
    d.form.add("end_date", "终止日期", date, required=True)
    d.form.add("end_how", "原因", CodeCombo(codes.DELEGATE_END, empty="（请选择）"), required=True)  # no default: 罢免 was preselected
    d.form.add("note", "说明", line())
    d.saver = lambda f: cg.end_delegate(db, delegate_id, f.value("end_date"), f.value("end_how"), f.value("note"))
    return d


def resolution_dialog(db: Database, session_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("添加表决事项", parent)
    kind = CodeCombo(codes.RESOLUTION_KIND, empty=None)
    d.form.add("kind", "类型", kind)
    d.form.add("title", "表决事项", line("例：关于通过《集体合同》的决议"), required=True)
    items = QComboBox()
    items.addItem("（不对应具体议程）", None)
    for a in mt.agenda(db, session_id):
        items.addItem(f"（{a.seq}）{a.title}", a.id)
    d.form.add("agenda_item", "对应议程", items)
    d.form.add("text", "决议内容", text_edit(80))
    d.form.add("candidates", "候选人", line("选举事项填写，用“、”分隔"))
    seats = _spin(1, 99)
    seats.setMinimum(1)
    d.form.add("seats", "应选人数", seats)
    secret = QCheckBox("无记名投票（表决票、选票印流水号）")
    d.form.add("secret", "表决方式", secret)

    def kind_changed() -> None:
        election = kind.value() == "election"
        d.form.editors["candidates"].setEnabled(election)
        seats.setEnabled(election)
        secret.setChecked(election)  # elections are held by secret ballot unless the chair says otherwise

    kind.currentIndexChanged.connect(lambda _: kind_changed())
    kind_changed()
    d.field_of = {"表决事项": "title", "候选人": "candidates", "应选人数": "seats"}

    def save(f: FormGrid) -> int:
        election = f.value("kind") == "election"
        names = [x for x in f.value("candidates").replace("，", "、").replace(",", "、").split("、") if x.strip()]
        return mt.add_resolution(
            db, session_id, f.value("title"), text=f.value("text"), kind=f.value("kind"), agenda_item_id=items.currentData(),
            candidates=names if election else None, seats=seats.value() if election else None, secret=secret.isChecked(),
        )

    d.saver = save
    return d


class CandidateCounts(QWidget):
    """One candidate's 同意 / 不同意 / 弃权 on one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout, QLabel

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes, self.no, self.abstain = _spin(0), _spin(0), _spin(0)
        for label, spin in (("同意", self.yes), ("不同意", self.no), ("弃权", self.abstain)):
            layout.addWidget(QLabel(label))
            layout.addWidget(spin, 1)

    def value(self) -> int | tuple[int, int, int]:
        # Only 得票 is stated when 不同意 and 弃权 are left at 0: the form cannot tell
        # "none" from "not counted", and the minutes should not claim a count.
        if not self.no.value() and not self.abstain.value():
            return self.yes.value()
        return (self.yes.value(), self.no.value(), self.abstain.value())


def vote_dialog(db: Database, resolution_id: int, parent: QWidget | None, *, replace_reason: str | None = None) -> FormDialog:
    """Record a vote; with `replace_reason`, the standing one is voided and this one recorded, together."""
    from PySide6.QtWidgets import QLabel

    r = mt.get_resolution(db, resolution_id)
    att = mt.attendance(db, r.session_id)
    d = FormDialog(f"{'更正' if replace_reason is not None else '登记'}表决结果 — {r.title}", parent)
    info = QLabel(
        f"应到 {att.expected} 人，实到 {att.present} 人；{'当选' if r.kind == 'election' else '通过'}需同意票不少于 "
        f"{mt.majority_needed(att.expected)} 票（全体代表过半数）。登记后不能修改，只能作废后重新登记。"
    )
    info.setWordWrap(True)
    d.form.add("info", "出席情况", info)
    if not att.quorum:
        # Said before any number is typed: recording would be refused anyway.
        below = QLabel(f"未达法定人数：实到 {att.present} 人，需实到 {att.quorum_needed} 人（应到人数的三分之二）才能表决。请先完成签到。")
        below.setObjectName("fieldError")
        below.setWordWrap(True)
        d.form.add("below_quorum", "不能表决", below)
    if replace_reason is not None and r.vote is not None:
        old = QLabel(f"{r.vote.statement()}\n（确定后，原结果作废，原因：{replace_reason.strip() or '未填写'}）")
        old.setWordWrap(True)
        d.form.add("old", "原表决结果", old)
    if r.kind == "election":
        seats = _spin(r.seats or 1, 99)
        seats.setMinimum(1)
        d.form.add("seats", "应选人数", seats, required=True)
        d.form.add("ballots", "收回选票", _spin(att.present, 100000), required=True)
        for c in r.candidates:
            d.form.add(f"c{c.id}", c.name, CandidateCounts())
        d.saver = lambda f: mt.record_election(
            db, resolution_id, {c.id: f.editors[f"c{c.id}"].value() for c in r.candidates}, seats=f.editors["seats"].value(),
            ballots=f.editors["ballots"].value(), replace_reason=replace_reason,
        )
        d.field_of = {"应选人数": "seats", "收回选票": "ballots"}
    else:
        for key, label in (("yes", "同意"), ("no", "不同意"), ("abstain", "弃权")):
            d.form.add(key, label, _spin(0, 100000))
        d.saver = lambda f: mt.record_vote(
            db, resolution_id, f.editors["yes"].value(), f.editors["no"].value(), f.editors["abstain"].value(), replace_reason=replace_reason
        )
        d.field_of = {"票数": "yes", "表决": "yes"}
    return d


def agenda_dialog(db: Database, session_id: int, item: mt.AgendaItem | None, parent: QWidget | None) -> FormDialog:
    d = FormDialog("议程" if item else "添加议程", parent)
    d.form.add("title", "议程", line("例：审议总经理工作报告"), required=True)
    d.form.add("report_title", "审议文件", line())
    d.form.add("presenter", "汇报人", line())
    d.form.add("speakers", "发言人", line("用“、”分隔"))
    d.form.add("discussion", "讨论记录", text_edit(160))
    if item:
        for key in ("title", "report_title", "presenter", "speakers", "discussion"):
            d.form.set_value(key, getattr(item, key))
    d.field_of = {"议程": "title"}

    def save(f: FormGrid):
        values = {k: f.value(k) for k in ("title", "report_title", "presenter", "speakers", "discussion")}
        if item:
            return mt.update_agenda_item(db, mt.AgendaItem(session_id, **values, seq=item.seq, id=item.id))
        return mt.add_agenda_item(db, mt.AgendaItem(session_id, **values))

    d.saver = save
    return d


def proposal_dialog(db: Database, session_id: int, parent: QWidget | None) -> FormDialog:
    d = FormDialog("新建提案", parent, columns=2)
    f = d.form
    serving = cg.session_delegates(db, session_id)
    f.add("number", "编号", line(), required=True)
    f.set_value("number", pr.next_number(db, session_id))
    proposer = QComboBox()
    for x in serving:
        proposer.addItem(f"{x.name}（{x.group_name}）", x.id)
    f.add("proposer", "提案人", proposer, required=True)
    f.add("title", "案由", line("一事一案，例：关于改善职工食堂伙食的提案"), span=2, required=True)
    f.add("category", "类别", CodeCombo(codes.PROPOSAL_CATEGORY, empty=None))
    date = DateEdit()
    date.set_value(_today())
    f.add("submitted_on", "提案日期", date, required=True)
    cos = RowsList(multi=True)
    cos.setMaximumHeight(120)
    cos.set_items([f"{x.name}（{x.group_name}）" for x in serving], keys=[x.id for x in serving])
    f.add("cosigner_ids", "附议人（至少2人）", cos, span=2, required=True)
    f.add("content", "提案内容", text_edit(60), span=2)
    f.add("reason", "提案理由", text_edit(60), span=2)
    f.add("measures", "具体建议及办法", text_edit(60), span=2)
    d.field_of = {"案由": "title", "提案编号": "number", "提案人": "proposer"}
    d.saver = lambda g: pr.add_proposal(
        db,
        pr.Proposal(
            session_id, g.value("number"), g.value("title"), proposer.currentData(), cos.selected_keys(),
            g.value("category"), g.value("content"), g.value("reason"), g.value("measures"), g.value("submitted_on"),
        ),
    )
    return d


def correct_proposal_dialog(db: Database, p: pr.Proposal, parent: QWidget | None) -> FormDialog:
    """更正 what was typed wrongly; 提案人 and 附议人 are facts of the day (a proposal filed under
    the wrong names is voided and filed again)."""
    d = FormDialog(f"更正提案 — {p.number}", parent, columns=2)
    f = d.form
    f.add("title", "案由", line(), span=2, required=True)
    f.add("category", "类别", CodeCombo(codes.PROPOSAL_CATEGORY, empty=None))
    f.add("content", "提案内容", text_edit(60), span=2)
    f.add("reason", "提案理由", text_edit(60), span=2)
    f.add("measures", "具体建议及办法", text_edit(60), span=2)
    for key in pr.CORRECTABLE:
        f.set_value(key, getattr(p, key))
    d.field_of = {"案由": "title", "提案类别": "category"}
    d.saver = lambda g: pr.correct_proposal(db, p.id, **{key: g.value(key) for key in pr.CORRECTABLE})
    return d


NEXT_ACTIONS = {state: [a for a, (froms, _) in pr.TRANSITIONS.items() if state in froms] for state in codes.PROPOSAL_STATE.codes()}


def advance_dialog(db: Database, proposal_id: int, parent: QWidget | None) -> FormDialog | None:
    p = pr.get_proposal(db, proposal_id)
    actions = NEXT_ACTIONS.get(p.state, [])
    if not actions:
        return None
    d = FormDialog(f"提案办理 — {p.number} {p.title}", parent)
    f = d.form
    action = QComboBox()
    for a in actions:
        action.addItem(pr.ACTION_LABELS[a], a)
    f.add("action", "办理步骤", action, required=True)
    date = DateEdit()
    date.set_value(_today())
    f.add("date", "日期", date, required=True)
    f.add("note", "意见/说明", line("不立案须说明理由"))
    f.add("department", "承办部门", line(p.department or ""))
    deadline = DateEdit(allow_future=True)
    f.add("deadline", "办理期限", deadline)
    f.add("reply", "答复内容", text_edit(80))
    f.add("replied_by", "答复人", line())
    f.add("rating", "代表评价", CodeCombo(codes.PROPOSAL_RATING))
    fields = ("note", "department", "deadline", "reply", "replied_by", "rating")

    def show_fields() -> None:
        # Only the step's own fields are shown: a greyed field was taken for a live one, and
        # what was typed "into" it went to the field that had the focus (意见).
        wanted = pr.STEP_FIELDS[action.currentData()]
        for key in fields:
            f.set_row_visible(key, key in wanted)
        d.adjustSize()

    action.currentIndexChanged.connect(lambda _: show_fields())
    show_fields()
    d.field_of = {"不立案理由": "note", "承办部门": "department", "办理期限": "deadline", "答复内容": "reply", "答复人": "replied_by", "代表评价": "rating", "日期": "date"}

    def save(g: FormGrid) -> str:
        wanted = pr.STEP_FIELDS[action.currentData()]
        values = {key: g.value(key) for key in fields if key in wanted}  # a hidden field is never sent
        return pr.advance(db, proposal_id, action.currentData(), g.value("date"), **values)

    d.saver = save
    return d
