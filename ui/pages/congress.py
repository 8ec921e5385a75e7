"""职代会: terms and sessions on the left; the session's delegates, sign-in, agenda and votes,
proposals and minutes in tabs; the quorum and composition figures always in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import codes
from models import congress as cg
from models import congress_meeting as mt
from models.validation import ValidationError
from ui.app import icon
from ui.context import AppContext
from ui.dialogs import congress_dialogs as dlg
from ui.widgets import void_dialog
from ui.widgets.elided_label import ElidedLabel

PRINTS = [("会议记录", "minutes"), ("签到表", "signin"), ("表决票", "ballots"), ("决议", "resolutions"), ("提案处理情况汇总表", "proposals"), ("职工代表名册", "delegates")]


class CongressPage(QWidget):
    # Terms, sessions and every tab; delegates show members' names and departments, and the
    # composition checks read the year's worker counts.
    watches = (
        "congress_terms", "congress_sessions", "delegates", "session_attendance", "agenda_items", "resolutions",
        "resolution_votes", "election_candidates", "election_tallies", "proposals", "proposal_events",
        "proposal_cosigners", "members", "member_changes", "org_workforce",
    )

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.db = ctx.db
        title = QLabel("职代会")
        title.setObjectName("pageTitle")
        self.term = QComboBox()
        self.term.currentIndexChanged.connect(self._term_changed)
        new_term = QPushButton("新建届次…")
        new_term.clicked.connect(self.new_term)
        self.sessions = QListWidget()
        self._session_row = -1
        self.sessions.currentRowChanged.connect(self._session_changed)
        self.sessions.itemDoubleClicked.connect(lambda _: self.edit_session())
        new_session = QPushButton("新建会议…")
        new_session.clicked.connect(self.new_session)
        buttons = QHBoxLayout()
        for text, slot in (("编辑会议…", self.edit_session), ("作废会议…", self.void_session)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        left = QVBoxLayout()
        left.addWidget(QLabel("届次"))
        left.addWidget(self.term)
        left.addWidget(new_term)
        left.addSpacing(8)
        left.addWidget(QLabel("会议"))
        left.addWidget(self.sessions, 1)
        left.addWidget(new_session)
        left.addLayout(buttons)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setFixedWidth(280)

        self.quorum = QLabel()
        self.quorum.setObjectName("hint")
        self.quorum.setWordWrap(True)
        # One line whatever it says (a long hint wrapped and pushed the tabs down); the whole
        # text is in the tooltip.
        self.composition_note = ElidedLabel()
        self.composition_note.setObjectName("hint")
        print_button = QToolButton()
        print_button.setText("打印")
        print_button.setIcon(icon("print"))
        print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        for label, form in PRINTS:
            menu.addAction(label, lambda f=form: self.print_form(f))
        print_button.setMenu(menu)

        from ui.pages.congress_proposals import ProposalsTab
        from ui.pages.congress_tabs import AgendaTab, DelegatesTab, MinutesTab, SignInTab

        self.tabs = QTabWidget()
        self.delegates_tab = DelegatesTab(self)
        self.signin_tab = SignInTab(self)
        self.agenda_tab = AgendaTab(self)
        self.proposals_tab = ProposalsTab(self)
        self.minutes_tab = MinutesTab(self)
        for tab, label in ((self.delegates_tab, "代表"), (self.signin_tab, "签到"), (self.agenda_tab, "议程与表决"), (self.proposals_tab, "提案"), (self.minutes_tab, "会议记录")):
            self.tabs.addTab(tab, label)
        self._tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.quorum, 1)
        head.addWidget(print_button)
        right = QVBoxLayout()
        right.addLayout(head)
        right.addWidget(self.composition_note)
        right.addWidget(self.tabs, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(left_box)
        layout.addLayout(right, 1)
        self.reload()

    # -------------------------------------------------------------- selection

    def _tab_changed(self, index: int) -> None:
        # Leaving the minutes with typed text asks first (coming back reloads what is stored).
        if index != self._tab and self.tabs.widget(self._tab) is self.minutes_tab and not self.minutes_tab.leave_ok():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._tab)
            self.tabs.blockSignals(False)
            return
        self._tab = index
        self.tabs.currentWidget().refresh()

    def _session_changed(self, row: int) -> None:
        if row != self._session_row and self._session_row >= 0 and not self.minutes_tab.leave_ok():
            self.sessions.blockSignals(True)
            self.sessions.setCurrentRow(self._session_row)
            self.sessions.blockSignals(False)
            return
        self._session_row = row
        self.refresh_session()

    def leave_ok(self) -> bool:
        """The main window asks before another page is shown or the window closes."""
        return self.minutes_tab.leave_ok()

    def term_id(self) -> int | None:
        return self.term.currentData()

    def session_id(self) -> int | None:
        item = self.sessions.currentItem()
        return item.data(256) if item else None

    def refresh(self) -> None:
        """Show what the ledger holds now (MainWindow calls this when it changed, or when the
        page is shown again). Minutes being typed are kept: until they are saved only the
        figures follow, since reloading would put the stored text over the typed."""
        if self.minutes_tab.has_unsaved():
            self.update_figures()
            return
        self.reload()

    def reload(self) -> None:
        current = self.term_id()
        self.term.blockSignals(True)
        self.term.clear()
        for t in cg.terms(self.db):
            self.term.addItem(f"{t.name}（{t.start_date[:4]}—{t.end_date[:4]}）", t.id)
        if current is not None and self.term.findData(current) >= 0:
            self.term.setCurrentIndex(self.term.findData(current))
        self.term.blockSignals(False)
        self._term_changed()

    def _term_changed(self) -> None:
        current = self.session_id()
        self.sessions.blockSignals(True)
        self.sessions.clear()
        term_id = self.term_id()
        if term_id is not None:
            t = cg.get_term(self.db, term_id)
            for s in cg.sessions(self.db, term_id):
                name = cg.session_name(t.number, s.number, assembly=t.is_assembly)
                item = QListWidgetItem(f"{name}\n{s.date}  {codes.SESSION_KIND.label(s.kind)}" + ("  【已作废】" if s.voided_at else ""))
                item.setData(256, s.id)
                self.sessions.addItem(item)
                if s.id == current:
                    self.sessions.setCurrentItem(item)
            if self.sessions.currentRow() < 0 and self.sessions.count():
                self.sessions.setCurrentRow(self.sessions.count() - 1)
        self.sessions.blockSignals(False)
        self._session_row = self.sessions.currentRow()
        self.refresh_session()

    def refresh_session(self) -> None:
        self.update_figures()
        self.tabs.currentWidget().refresh()

    def update_figures(self) -> None:
        """The quorum line and the composition summary, always visible."""
        sid, tid = self.session_id(), self.term_id()
        if sid is None:
            self.quorum.setText("请先新建届次和会议。" if tid is None else "请选择或新建一次会议。")
        else:
            a = mt.attendance(self.db, sid)
            if a.quorum:
                flag = "✔ 符合法定人数，可以表决"
            elif a.unsigned == a.expected:
                flag = f"尚未签到（实到 {a.quorum_needed} 人方可表决）"
            else:
                flag = f"✘ 未达法定人数（需实到 {a.quorum_needed} 人）"
            if mt.roll_closed(self.db, sid):
                flag += "　（已有表决结果，签到已锁定）"
            self.quorum.setText(f"{a.roll_line()}　{flag}")
        if tid is None:
            self.composition_note.setText("")
            return
        checks = cg.composition(self.db, tid)
        failed = [c for c in checks if not c.passed]
        self.composition_note.setText(
            "代表构成：全部符合要求" if not failed else "代表构成提示：" + "；".join(f"{c.rule}（{c.figure}）" for c in failed)
        )

    # -------------------------------------------------------------- actions

    def new_term(self) -> None:
        d = dlg.term_dialog(self.db, self)
        if d.exec():
            self.reload()
            self.term.setCurrentIndex(self.term.findData(d.value))

    def new_session(self) -> None:
        if self.term_id() is None:
            QMessageBox.information(self, "新建会议", "请先新建届次。")
            return
        d = dlg.session_dialog(self.db, self.term_id(), None, self)
        if d.exec():
            self._term_changed()
            self._select_session(d.value)

    def new_record(self) -> None:  # Ctrl+N
        self.new_session()

    def edit_session(self) -> None:
        if self.session_id() is None:
            return
        d = dlg.session_dialog(self.db, self.term_id(), self.session_id(), self)
        if d.exec():
            self._term_changed()

    def void_session(self) -> None:
        sid = self.session_id()
        if sid is None:
            return
        s = cg.get_session(self.db, sid)
        t = cg.get_term(self.db, s.term_id)
        name = f"{cg.session_name(t.number, s.number, assembly=t.is_assembly)}（{s.date}）"
        reason = void_dialog.ask_void_reason(self, "作废会议", name)
        if reason is None:
            return
        try:
            cg.void_session(self.db, sid, reason)
        except ValidationError as exc:
            QMessageBox.warning(self, "不能作废", str(exc))
            return
        self._term_changed()

    def show_session(self, session_id: int | None, tab: QWidget | None = None) -> None:
        """Select a session (its term first) and a tab: the 首页 opens what it counted here."""
        if session_id is not None:
            index = self.term.findData(cg.get_session(self.db, session_id).term_id)
            if index >= 0 and index != self.term.currentIndex():
                self.term.setCurrentIndex(index)
            self._select_session(session_id)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    def show_proposals(self, session_id: int | None, view: str = "") -> None:
        """The 提案 tab of a session, showing one view (a state, or 'overdue' for 逾期未答复)."""
        self.show_session(session_id, self.proposals_tab)
        self.proposals_tab.show_view(view)

    def _select_session(self, session_id: int) -> None:
        for row in range(self.sessions.count()):
            if self.sessions.item(row).data(256) == session_id:
                self.sessions.setCurrentRow(row)

    def print_form(self, form: str) -> None:
        from ui.widgets.printing import print_form

        ident = self.term_id() if form == "delegates" else self.session_id()
        if ident is None:
            QMessageBox.information(self, "打印", "请先选择届次和会议。")
            return
        if form == "minutes" and self.minutes_tab.has_unsaved() and not self.minutes_tab.save():
            return  # the printout is what the preview shows: the typed text is saved first
        print_form(self, self.ctx, form, ident)

    def print_current(self) -> None:  # Ctrl+P
        self.print_form("minutes")
