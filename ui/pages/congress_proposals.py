"""The 提案 tab of the 职代会 page: proposals of the session, their handling, corrections of
what was typed wrongly and voids of proposals entered by mistake."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMessageBox

from models import clock, codes
from models import congress as cg
from models import proposals as pr
from models.validation import ValidationError
from ui.dialogs import congress_dialogs as dlg
from ui.pages.congress_tabs import _Tab, fill_table
from ui.widgets import void_dialog
from ui.widgets.rows_model import RowsTable


def _state(r: dict) -> str:
    state = codes.PROPOSAL_STATE.label(r["state"])
    return f"已作废（{state}）" if r["voided_at"] else state


class ProposalsTab(_Tab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.view = QComboBox()
        self.view.addItem("全部提案", "")
        for code, label in codes.PROPOSAL_STATE.pairs():
            self.view.addItem(label, code)
        self.view.addItem("逾期未答复", "overdue")
        self.view.currentIndexChanged.connect(lambda _: self.refresh())
        self.bar.addWidget(self.view)
        self.department = QComboBox()
        self.department.addItem("全部承办部门", "")
        self.department.currentIndexChanged.connect(lambda _: self.refresh())
        self.bar.addWidget(self.department)
        self.summary = QLabel()
        self.bar.addStretch(1)
        self.show_voided = QCheckBox("显示已作废")
        self.show_voided.toggled.connect(lambda _: self.refresh())
        self.bar.addWidget(self.show_voided)
        self.button("新建提案…", self.add)
        self.button("办理…", self.advance)
        self.button("打印提案表", self.print_one)
        self.menu_button("更正/作废", [("更正提案…", self.correct), ("作废（误录）…", self.void)])
        self.layout_.addWidget(self.summary)  # its own line: in the bar it squeezed to "共 9…"
        self.table = RowsTable(["编号", "案由", "提案人", "状态", "承办部门", "办理期限", "代表评价"])
        self.layout_.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.table.rows.clear()
        sid = self.page.session_id()
        if sid is None:
            return
        view = self.view.currentData()
        today = clock.today_iso()
        s = pr.summary(self.db, sid, today)
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem("全部承办部门", "")
        for name in sorted(s["by_department"]):
            self.department.addItem(f"{name}（{s['by_department'][name]}）", name)
        self.department.setCurrentIndex(max(0, self.department.findData(current or "")))
        self.department.blockSignals(False)
        rows = pr.list_proposals(
            self.db, session_id=sid, state=view if view not in ("", "overdue") else None,
            department=self.department.currentData() or None, overdue_on=today if view == "overdue" else None,
            include_voided=self.show_voided.isChecked(),
        )
        fill_table(self.table, [([r["number"], r["title"], r["proposer_name"], _state(r), r["department"],
                                  r["deadline"] or "", codes.PROPOSAL_RATING.label(r["rating"])], r["id"], bool(r["voided_at"])) for r in rows])
        self.table.resizeColumnsToContents()
        self.summary.setText(f"共 {s['total']} 件，立案 {s['accepted']} 件，办结 {s['closed']} 件，逾期 {s['overdue']} 件")

    def show_view(self, view: str) -> None:
        """Show one view ('' for all, a state, 'overdue'), every department, voided ones hidden."""
        self.department.setCurrentIndex(0)
        self.show_voided.setChecked(False)
        self.view.setCurrentIndex(max(0, self.view.findData(view)))

    def add(self) -> None:
        if self.page.session_id() is not None:
            self.run(dlg.proposal_dialog(self.db, self.page.session_id(), self))

    def advance(self) -> None:
        key = self.selected_key(self.table)
        if key is None:
            QMessageBox.information(self, "提案办理", "请先选择一件提案。")
            return
        dialog = dlg.advance_dialog(self.db, key, self)
        if dialog is None:
            QMessageBox.information(self, "提案办理", "该提案已办结。")
            return
        self.run(dialog)

    def _chosen(self, title: str) -> pr.Proposal | None:
        key = self.selected_key(self.table)
        if key is None:
            QMessageBox.information(self, title, "请先选择一件提案。")
            return None
        p = pr.get_proposal(self.db, key)
        if p.voided_at:
            QMessageBox.information(self, title, f"提案 {p.number} 已作废（{p.void_reason}）。")
            return None
        return p

    def correct(self) -> None:
        p = self._chosen("更正提案")
        if p is not None:
            self.run(dlg.correct_proposal_dialog(self.db, p, self))

    def void(self) -> None:
        p = self._chosen("作废提案")
        if p is None:
            return
        proposer = cg.get_delegate(self.db, p.proposer_id).name
        what = f"提案 {p.number}“{p.title}”（提案人：{proposer}，{codes.PROPOSAL_STATE.label(p.state)}）"
        reason = void_dialog.ask_void_reason(
            self, "作废提案（误录）", what,
            "误录的提案（重复登记、登记到了别的会议）作废后不再列入提案统计，编号保留；提案的正常办理请用“办理…”。",
        )
        if reason is None:
            return
        try:
            pr.void_proposal(self.db, p.id, reason)
        except ValidationError as exc:
            QMessageBox.warning(self, "不能作废", str(exc))
            return
        self.page.update_figures()
        self.refresh()

    def print_one(self) -> None:
        key = self.selected_key(self.table)
        if key is not None:
            from ui.widgets.printing import print_form

            print_form(self, self.page.ctx, "proposal", key)
