"""The tabs of the 职代会 page. Each reads the page's current term and session and asks
the models; every change goes through a FormDialog so the model's message shows beside its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import codes
from models import congress as cg
from models import congress_meeting as mt
from models import proposals as pr
from models.congress_votes import TALLY_RESULT, VOTE_RESULT
from models.validation import ValidationError
from models import clock
from ui.widgets import void_dialog
from ui.widgets.page_preview import PagePreview
from ui.widgets.unsaved import confirm_leave
from ui.dialogs import congress_dialogs as dlg
from ui.widgets.form import FormGrid, line, text_edit
from ui.widgets.rows_model import RowsTable


def fill_table(table: RowsTable, rows: list[tuple[list[str], int | None, bool]], *, tips: dict[int, str] | None = None) -> None:
    """Replace a table's rows: (texts, key, voided) each, `tips` a whole row's tooltip.
    One model reset whatever the count (a QTableWidget filled cell by cell wore down
    None's refcount under PySide6 6.12 on Python 3.10; see ui.widgets.rows_model)."""
    table.set_rows([values for values, _, _ in rows], keys=[key for _, key, _ in rows], voided=[voided for _, _, voided in rows], tips=tips)


class _Tab(QWidget):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.db = page.db
        self.bar = QHBoxLayout()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.bar)

    def button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        self.bar.addWidget(b)
        return b

    def menu_button(self, text: str, actions: list[tuple[str, object]]) -> QToolButton:
        """The rarer actions (corrections, voids) behind one button, so a tab's bar fits 1366 px."""
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in actions:
            menu.addAction(label, slot)
        button.setMenu(menu)
        self.bar.addWidget(button)
        return button

    def selected_key(self, table: RowsTable) -> int | None:
        return table.selected_key()

    def run(self, dialog) -> bool:
        if dialog is not None and dialog.exec():
            self.page.update_figures()
            self.refresh()
            return True
        return False


class DelegatesTab(_Tab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.info = QLabel()
        self.bar.addWidget(self.info)
        self.bar.addStretch(1)
        self.button("添加代表…", self.add)
        self.button("终止代表资格…", self.end)
        self.menu_button("更正", [("作废（误录）…", self.void)])
        self.show_ended = QPushButton("显示已终止的代表")
        self.show_ended.setCheckable(True)
        self.show_ended.toggled.connect(lambda _: self.refresh())
        self.bar.addWidget(self.show_ended)
        self.table = RowsTable(["姓名", "代表团（组）", "代表类别", "性别", "部门", "劳务派遣", "产生方式", "资格终止"])
        self.checks = RowsTable(["构成要求", "实际情况", "结论"])
        self.checks.setMaximumHeight(190)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(QLabel("代表构成检查（不符合的只作提示，不影响登记）"))
        self.layout_.addWidget(self.checks)

    def refresh(self) -> None:
        self.table.rows.clear()
        self.checks.rows.clear()
        tid = self.page.term_id()
        if tid is None:
            self.info.setText("")
            return
        ds = cg.delegates(self.db, tid, include_ended=self.show_ended.isChecked())
        rows = []
        for d in sorted(ds, key=lambda d: (cg.group_order(d.group_name), d.end_date is not None)):
            ended = f"{codes.DELEGATE_END.label(d.end_how)}（{d.end_date}）" if d.end_date else ""
            rows.append(([d.name, d.group_name, d.category_label, codes.GENDER.label(d.gender), d.department,
                          "是" if d.is_dispatched else "", f"{codes.DELEGATE_START.label(d.start_how)}（{d.start_date}）", ended],
                         d.id, bool(d.end_date)))
        fill_table(self.table, rows)
        self.table.resizeColumnsToContents()
        self.info.setText(f"现有代表 {len(cg.delegates(self.db, tid))} 人")
        fill_table(self.checks, [([c.rule, c.figure + (f"（{c.note}）" if c.note else ""), "符合" if c.passed else "不符合"], None, False)
                                 for c in cg.composition(self.db, tid)])
        self.checks.resizeColumnsToContents()

    def add(self) -> None:
        if self.page.term_id() is None:
            QMessageBox.information(self, "添加代表", "请先新建届次。")
            return
        self.run(dlg.delegate_dialog(self.db, self.page.term_id(), self))

    def end(self) -> None:
        key = self.selected_key(self.table)
        if key is None:
            QMessageBox.information(self, "终止代表资格", "请先选择一名代表。")
            return
        self.run(dlg.end_delegate_dialog(self.db, key, self))

    def void(self) -> None:
        """A delegate entered by mistake never served: voided with a reason (终止 is for a service that ended)."""
        key = self.selected_key(self.table)
        if key is None:
            QMessageBox.information(self, "作废代表", "请先选择一名代表。")
            return
        d = cg.get_delegate(self.db, key)
        what = f"职工代表 {d.name}（{d.group_name or '未分组'}，{d.category_label}，{d.start_date} 起）"
        reason = void_dialog.ask_void_reason(self, "作废代表（误录）", what, "误录的代表视为从未担任代表，不计入应到人数和代表构成；任期中离任请用“终止代表资格”。")
        if reason is not None:
            try:
                cg.void_delegate(self.db, key, reason)
            except ValidationError as exc:
                QMessageBox.warning(self, "不能作废", str(exc))
            self.page.update_figures()
            self.refresh()


class SignInTab(_Tab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.button("全部出席", self.all_present)
        self.button("出席", lambda: self.mark("present"))
        self.button("请假…", lambda: self.mark("leave"))
        self.button("缺席", lambda: self.mark("absent"))
        self.bar.addStretch(1)
        self.table = RowsTable(["姓名", "代表团（组）", "部门", "出席情况", "请假原因"], multi=True)  # Ctrl/Shift pick several
        self.layout_.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.table.rows.clear()
        sid = self.page.session_id()
        if sid is None:
            return
        rows = []
        for r in sorted(mt.attendance_list(self.db, sid), key=lambda r: cg.group_order(r["delegate"].group_name)):
            d = r["delegate"]
            rows.append(([d.name, d.group_name, d.department, codes.ATTENDANCE.label(r["status"]) or "未签到", r["reason"]], d.id, False))
        fill_table(self.table, rows)
        self.table.resizeColumnsToContents()

    def all_present(self) -> None:
        sid = self.page.session_id()
        if sid is not None:
            self._change(lambda void_reason: mt.sign_in_all_present(self.db, sid, void_votes_reason=void_reason))

    def mark(self, status: str) -> None:
        sid = self.page.session_id()
        delegates = self.table.selected_keys()
        if sid is None or not delegates:
            QMessageBox.information(self, "签到", "请先选择代表（可按住 Ctrl 多选）。")
            return
        reason = ""
        if status == "leave":
            reason, ok = QInputDialog.getText(self, "请假", "请假原因：")
            if not ok:
                return

        def write(void_reason: str | None) -> None:
            with self.db.atomic():
                for delegate_id in delegates:
                    mt.sign_in(self.db, sid, delegate_id, status, reason, void_votes_reason=void_reason)

        self._change(write)

    def _change(self, write) -> None:
        """Apply a sign-in change; when votes stand, say so and void them only if the user confirms with a reason."""
        try:
            try:
                write(None)
            except mt.VotesRecorded as exc:
                answer = QMessageBox.question(
                    self, "修改签到", exc.message + "\n\n是否作废这些表决结果并修改签到？（作废的结果仍可查看和打印）"
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
                void_reason = void_dialog.ask_void_reason(self, "作废表决结果", "本次会议已登记的表决结果", exc.message)
                if void_reason is None:
                    return
                write(void_reason)
        except ValidationError as exc:
            QMessageBox.warning(self, "签到", str(exc))
            return
        self.page.update_figures()
        self.refresh()


class AgendaTab(_Tab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.button("添加议程…", self.add_item)
        self.button("编辑议程…", self.edit_item)
        self.bar.addStretch(1)
        self.button("添加表决事项…", self.add_resolution)
        self.button("登记表决结果…", self.vote)
        self.menu_button("更正/作废", [
            ("更正表决结果…", self.correct_vote),
            ("作废表决结果…", self.void_vote),
            ("作废表决事项…", self.void_resolution),
            ("作废议程…", self.void_item),
        ])
        self.items = RowsTable(["序号", "议程", "审议文件", "汇报人"])
        self.resolutions = RowsTable(["表决事项", "类型", "同意", "不同意", "弃权", "结果"])
        split = QSplitter()
        split.setOrientation(Qt.Orientation.Vertical)
        split.addWidget(self.items)
        split.addWidget(self.resolutions)
        self.rule = QLabel("表决规则：以全体职工代表的过半数同意为通过（不是出席人数的过半数）；实到人数须达全体代表的三分之二。")
        self.rule.setObjectName("hint")
        self.layout_.addWidget(split, 1)
        self.layout_.addWidget(self.rule)

    def refresh(self) -> None:
        self.items.rows.clear()
        self.resolutions.rows.clear()
        sid = self.page.session_id()
        if sid is None:
            return
        self._agenda = {a.id: a for a in mt.agenda(self.db, sid)}
        fill_table(self.items, [([str(a.seq), a.title, a.report_title, a.presenter], a.id, False) for a in self._agenda.values()])
        rows, tips = [], {}
        for n, r in enumerate(mt.resolutions(self.db, sid)):
            kind = codes.RESOLUTION_KIND.label(r.kind) + ("（无记名）" if r.is_secret else "")
            rows.append(([r.title, kind, *_counts(r), _verdict(r)], r.id, False))
            voided = [v for v in mt.votes(self.db, r.id) if v.voided_at]
            if voided:
                rows[-1][0][-1] += f"（已作废 {len(voided)} 次）"
                tips[n] = "\n".join(f"已作废 {v.voided_at[:10]}，原因：{v.void_reason}\n原结果：{v.statement()}" for v in voided)
        fill_table(self.resolutions, rows, tips=tips)
        self.items.resizeColumnsToContents()
        self.resolutions.resizeColumnsToContents()
    def add_item(self) -> None:
        if self.page.session_id() is not None:
            self.run(dlg.agenda_dialog(self.db, self.page.session_id(), None, self))

    def edit_item(self) -> None:
        key = self.selected_key(self.items)
        if key is not None:
            self.run(dlg.agenda_dialog(self.db, self.page.session_id(), self._agenda[key], self))

    def void_item(self) -> None:
        """An agenda item entered by mistake: voided with its vote items and their votes."""
        key = self.selected_key(self.items)
        if key is None:
            QMessageBox.information(self, "作废议程", "请先选择一项议程。")
            return
        a = self._agenda[key]
        tied = [r for r in mt.resolutions(self.db, a.session_id) if r.agenda_item_id == key]
        note = f"其下的表决事项（{'、'.join(r.title for r in tied)}）及已登记的表决结果一并作废。" if tied else ""
        reason = void_dialog.ask_void_reason(self, "作废议程", f"议程（{a.seq}）{a.title}", note)
        if reason is not None:
            try:
                mt.void_agenda_item(self.db, key, reason)
            except ValidationError as exc:
                QMessageBox.warning(self, "不能作废", str(exc))
            self.page.update_figures()
            self.refresh()

    def void_resolution(self) -> None:
        """A vote item entered by mistake: voided with its standing result."""
        key = self.selected_key(self.resolutions)
        if key is None:
            QMessageBox.information(self, "作废表决事项", "请先选择一个表决事项。")
            return
        r = mt.get_resolution(self.db, key)
        note = "已登记的表决结果一并作废。" if r.vote is not None else ""
        reason = void_dialog.ask_void_reason(self, "作废表决事项", f"表决事项“{r.title}”", note)
        if reason is not None:
            try:
                mt.void_resolution(self.db, key, reason)
            except ValidationError as exc:
                QMessageBox.warning(self, "不能作废", str(exc))
            self.page.update_figures()
            self.refresh()

    def add_resolution(self) -> None:
        if self.page.session_id() is not None:
            self.run(dlg.resolution_dialog(self.db, self.page.session_id(), self))

    def vote(self) -> None:
        key = self.selected_key(self.resolutions)
        if key is None:
            QMessageBox.information(self, "登记表决结果", "请先选择一个表决事项。")
            return
        if mt.get_resolution(self.db, key).vote is not None:
            QMessageBox.information(self, "登记表决结果", "该事项已有表决结果，不能直接修改。如登记有误，请用“更正表决结果”：原结果作废（仍可查看和打印），再登记新的结果。")
            return
        self.run(dlg.vote_dialog(self.db, key, self))

    def correct_vote(self) -> None:
        """Void the standing result with a reason and record the right one, in one step."""
        r = self._voted("更正表决结果")
        if r is None:
            return
        reason = void_dialog.ask_void_reason(self, "更正表决结果", _vote_name(r), "原结果作废后，接着登记正确的结果。")
        if reason is not None:
            self.run(dlg.vote_dialog(self.db, r.id, self, replace_reason=reason))

    def void_vote(self) -> None:
        r = self._voted("作废表决结果")
        if r is None:
            return
        reason = void_dialog.ask_void_reason(self, "作废表决结果", _vote_name(r))
        if reason is not None:
            try:
                mt.void_vote(self.db, r.vote_id, reason)
            except ValidationError as exc:
                QMessageBox.warning(self, "不能作废", str(exc))
            self.page.update_figures()
            self.refresh()

    def _voted(self, title: str) -> mt.Resolution | None:
        key = self.selected_key(self.resolutions)
        if key is None:
            QMessageBox.information(self, title, "请先选择一个表决事项。")
            return None
        r = mt.get_resolution(self.db, key)
        if r.vote is None:
            QMessageBox.information(self, title, "该事项还没有表决结果。")
            return None
        return r


def _vote_name(r: mt.Resolution) -> str:
    """What a void of this result voids, in words: the item and its standing result."""
    return f"{r.title} 的表决结果（{r.vote.statement()}）" if r.vote is not None else f"{r.title} 的表决结果"


def _counts(r: mt.Resolution) -> list[str]:
    if r.kind == "election" or r.vote is None:
        return ["", "", ""]
    return [str(r.vote.yes), str(r.vote.no), str(r.vote.abstain)]


def _verdict(r: mt.Resolution) -> str:
    """The stored result with the figures it was decided on (never recomputed)."""
    v = r.vote
    if v is None:
        return "尚未表决" + (f"（应选 {r.seats} 人）" if r.kind == "election" and r.seats else "")
    basis = f"应到 {v.expected}，实到 {v.present}，需同意 {v.needed} 票"
    if v.kind == "election":
        seats = f"应选 {v.seats} 人：" if v.seats is not None else ""
        tallies = "；".join(f"{t.name} {t.votes} 票，{TALLY_RESULT.label(t.result)}" for t in v.tallies)
        return f"{seats}{tallies}（{basis}）" + (f" {v.note}" if v.note else "")
    return f"{VOTE_RESULT.label(v.result)}（{basis}）"


class MinutesTab(_Tab):
    """The chair writes the opening, closing and each item's discussion; the page beside shows
    the printed minutes as they will come out (re-rendered a moment after typing stops)."""

    def __init__(self, page) -> None:
        super().__init__(page)
        self.bar.addWidget(QLabel("出席情况和表决结果自动取自签到和表决记录，无需重复填写。"))
        self.bar.addStretch(1)
        self.button("保存", self.save)
        self.button("打印会议记录…", lambda: self.page.print_form("minutes"))
        self.form = FormGrid(columns=1)
        self.form.add("opening", "会议开始", text_edit(60))
        self.items = QListWidget()
        self.items.setMaximumHeight(110)
        self.items.currentRowChanged.connect(self._load_item)
        self.form.add("item", "议程", self.items)
        self.form.add("speakers", "发言人", line("用“、”分隔"))
        self.form.add("discussion", "讨论记录", text_edit(150))
        self.form.add("closing", "会议结束", text_edit(50))
        # The printed minutes as they will come out, readable: page through, zoom, scroll.
        self.preview_panel = PagePreview()
        self.preview_panel.setMinimumWidth(420)
        self.preview = self.preview_panel.label
        split = QSplitter()
        split.addWidget(self.form)
        split.addWidget(self.preview_panel)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.layout_.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(600)
        self._timer.timeout.connect(self.render_preview)
        for key in ("opening", "discussion", "closing"):
            self.form.editors[key].textChanged.connect(self._timer.start)
        self.form.editors["speakers"].textChanged.connect(lambda _: self._timer.start())
        self._agenda: list[mt.AgendaItem] = []
        self._current = -1
        self._session: int | None = None
        self._stored: tuple | None = None  # the texts as loaded or last saved (see has_unsaved)

    def refresh(self) -> None:
        sid = self.page.session_id()
        # The same session reloaded (after a save, or news of a write): stay on the item being written.
        row = self.items.currentRow() if sid == self._session else 0
        self._current = -1
        self._session = sid
        self._stored = None
        self.items.clear()
        if sid is None:
            return
        s = cg.get_session(self.db, sid)
        self.form.set_value("opening", s.opening)
        self.form.set_value("closing", s.closing)
        self._agenda = mt.agenda(self.db, sid)
        for a in self._agenda:
            self.items.addItem(QListWidgetItem(f"（{a.seq}）{a.title}"))
        if self._agenda:
            self.items.setCurrentRow(row if 0 <= row < len(self._agenda) else 0)
        self._stored = self._texts()
        self.render_preview()

    def _texts(self) -> tuple:
        """Everything typed here: the opening, the closing and each item's speakers and discussion."""
        self._keep_item()
        items = tuple((a.id, a.speakers, a.discussion) for a in self._agenda)
        return (self._session, self.form.value("opening"), self.form.value("closing"), items)

    def leave_ok(self) -> bool:
        """保存/不保存/取消 when typed text would be lost; True when the tab may be left."""
        if confirm_leave(self, self.has_unsaved(), self.save, "会议记录"):
            self._stored = None  # saved or dropped: the next refresh loads what is stored
            return True
        return False

    def has_unsaved(self) -> bool:
        """Typed and not saved: a refresh would lose it."""
        return self._stored is not None and self._texts() != self._stored

    def _load_item(self, row: int) -> None:
        self._keep_item()
        self._current = row
        if 0 <= row < len(self._agenda):
            self.form.set_value("speakers", self._agenda[row].speakers)
            self.form.set_value("discussion", self._agenda[row].discussion)

    def _keep_item(self) -> None:
        if 0 <= self._current < len(self._agenda):
            a = self._agenda[self._current]
            a.speakers, a.discussion = self.form.value("speakers"), self.form.value("discussion")

    def save(self) -> bool:
        sid = self.page.session_id()
        if sid is None:
            return False
        self._keep_item()
        try:
            with self.db.atomic():
                s = cg.get_session(self.db, sid)
                s.opening, s.closing = self.form.value("opening"), self.form.value("closing")
                cg.update_session(self.db, s)
                for a in self._agenda:
                    mt.update_agenda_item(self.db, a)
        except ValidationError as exc:
            QMessageBox.warning(self, "无法保存", str(exc))
            return False
        self._stored = self._texts()
        self.render_preview()
        return True

    def render_preview(self) -> None:
        """The minutes with what is typed now (nothing is saved for it), on the page being read."""
        sid = self.page.session_id()
        if sid is None or not self.isVisible():
            return
        self._keep_item()
        try:
            import PySide6.QtPdf  # noqa: F401
        except ImportError:
            self.preview.setText("（本机未安装 PDF 预览组件，可点“打印会议记录”查看）")
            return
        import io

        from models.minutes import minutes
        from reports.congress_forms import build_minutes

        m = minutes(self.db, sid)
        m.opening, m.closing = self.form.value("opening"), self.form.value("closing")
        by_id = {a.id: a for a in self._agenda}
        for item, a in zip(m.items, self._agenda):
            item.speakers, item.discussion = by_id[a.id].speakers, by_id[a.id].discussion
        buf = io.BytesIO()
        build_minutes(m, buf)
        self.preview_panel.show_pdf(buf.getvalue())
