"""困难帮扶: the case lists (在档 / 待复核 / 脱困 / 注销 …), a case window per household,
送温暖 rounds, the aid forms and a masked export. ID numbers are masked on screen
unless the chair reveals one row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import aid_paper
from models import aid_payments as ap
from models import clock, codes
from models.validation import format_money, mask_id_number
from ui.app import icon
from ui.context import AppContext
from ui.widgets.file_dialogs import get_save_file_name
from ui.widgets.form_dialog import run_modal
from ui.widgets.rows_model import RowsTable

VIEWS = [("active", "在档（含审批中）"), ("review_due", "待年度复核"), ("out_of_hardship", "脱困档案"), ("cancelled", "注销档案"), ("stale", "一年未更新"), ("never_aided", "从未帮扶")]


class AidPage(QWidget):
    # The case list, its totals and the year line.
    watches = ("aid_cases", "aid_case_events", "aid_household", "aid_payments", "aid_rounds")

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.db = ctx.db
        self.revealed: set[int] = set()
        title = QLabel("困难帮扶")
        title.setObjectName("pageTitle")
        self.view = QComboBox()
        for code, label in VIEWS:
            self.view.addItem(label, code)
        self.view.currentIndexChanged.connect(lambda _: self.refresh())
        self.tier = QComboBox()
        self.tier.addItem("全部困难类别", "")
        for code, label in codes.AID_TIER.pairs():
            self.tier.addItem(label, code)
        self.tier.currentIndexChanged.connect(lambda _: self.refresh())
        self.count = QLabel()
        self.count.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(self.view)
        bar.addWidget(self.tier)
        bar.addWidget(self.count)
        bar.addStretch(1)
        for text, slot in (("新建档案…", self.new_record), ("打开档案", self.open_selected), ("显示本行身份证号", self.reveal), ("送温暖/批量发放…", self.batch)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
        print_button = QToolButton()
        print_button.setText("打印/导出")
        print_button.setIcon(icon("print"))
        print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        menu.addAction("困难职工档案登记表（选中的档案）", lambda: self._print_case("aid-file"))
        menu.addAction("帮扶救助申请审批表（选中的档案，审批栏空白）", lambda: self._print_case("aid-application"))
        menu.addAction("困难职工建档公示（选中的档案）", lambda: self._print_case("aid-case-notice"))
        menu.addAction("公示名单（选择批次）…", lambda: self._print_round("aid-notice"))
        menu.addAction("救助金发放签收表（选择批次）…", lambda: self._print_round("aid-receipts"))
        menu.addAction("年度帮扶情况汇总表…", self._print_summary)
        menu.addSeparator()
        menu.addAction("导出档案名单（Excel）…", self.export_cases)
        print_button.setMenu(menu)
        bar.addWidget(print_button)
        self.year_line = QLabel()
        self.year_line.setObjectName("hint")
        self.table = RowsTable(["档案编号", "姓名", "身份证号", "部门", "困难类别", "状态", "建档日期", "最近复核", "累计帮扶（元）"], alignments={8: Qt.AlignmentFlag.AlignRight})
        self.table.activated.connect(lambda _: self.open_selected())  # double-click or Enter
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.year_line)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        rows = ap.list_cases(self.db, self.view.currentData(), today=clock.today_iso(), tier=self.tier.currentData() or None)
        selected = self.selected_case()
        self.table.set_rows(
            [[r["file_no"], r["worker_name"], r["worker_id_number"] if r["id"] in self.revealed else mask_id_number(r["worker_id_number"]),
              r["department"], codes.AID_TIER.label(r["tier"]) or "未确定", codes.CASE_STATE.label(r["state"]), r["opened_on"],
              r["last_review"] or "", format_money(r["aid_total_fen"])] for r in rows],
            keys=[r["id"] for r in rows],
        )
        if selected is not None:
            self.table.select_key(selected)  # 显示本行身份证号 keeps the chair on the same row
        self.table.resizeColumnsToContents()
        self.count.setText(f"共 {len(rows)} 户")
        year = clock.today().year
        t = ap.totals(self.db, year)
        by_type = "，".join(f"{codes.AID_TYPE.label(k)} {format_money(v['total_fen'])} 元" for k, v in sorted(t["by_type"].items()))
        self.year_line.setText(f"{year}年已帮扶 {t['count']} 人次、{t['households']} 户，合计 {format_money(t['total_fen'])} 元" + (f"（{by_type}）" if by_type else ""))

    def show_view(self, view: str) -> None:
        """One of the case lists (VIEWS), every 困难类别: the 首页 opens 待年度复核 here."""
        self.tier.setCurrentIndex(0)
        self.view.setCurrentIndex(max(0, self.view.findData(view)))

    def selected_case(self) -> int | None:
        return self.table.selected_key()

    def reveal(self) -> None:
        case_id = self.selected_case()
        if case_id is None:
            QMessageBox.information(self, "显示身份证号", "请先选择一户档案。")
            return
        self.revealed ^= {case_id}
        self.refresh()

    def new_record(self) -> None:
        from ui.dialogs.aid_case import new_case_dialog

        d = new_case_dialog(self.db, self)
        if run_modal(d):
            self.refresh()
            self._open(d.value)

    def open_selected(self) -> None:
        case_id = self.selected_case()
        if case_id is None:
            QMessageBox.information(self, "打开档案", "请先选择一户档案。")
            return
        self._open(case_id)

    def _open(self, case_id: int) -> None:
        from ui.dialogs.aid_case import CaseWindow

        run_modal(CaseWindow(self.ctx, case_id, self))
        self.refresh()

    def batch(self) -> None:
        from ui.dialogs.aid_batch import BatchDialog

        d = BatchDialog(self.db, self)
        if run_modal(d):
            self.refresh()
            self._offer_round_forms(d.round_id)

    def _offer_round_forms(self, round_id: int) -> None:
        """Right after a round is recorded: its notice and receipt sheet, one click each."""
        from ui.widgets.printing import print_form

        while True:
            box = QMessageBox(QMessageBox.Icon.Question, "已登记", "本批次已登记。现在打印本批次的表格吗？", parent=self)
            notice = box.addButton("打印公示名单…", QMessageBox.ButtonRole.ActionRole)
            receipts = box.addButton("打印签收表…", QMessageBox.ButtonRole.ActionRole)
            box.addButton("以后再说", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            clicked = box.clickedButton()
            if clicked is notice:
                print_form(self, self.ctx, "aid-notice", round_id)
            elif clicked is receipts:
                print_form(self, self.ctx, "aid-receipts", round_id)
            else:
                return

    def _print_case(self, form: str) -> None:
        case_id = self.selected_case()
        if case_id is None:
            QMessageBox.information(self, "打印", "请先选择一户档案。")
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, form, case_id)

    def _print_round(self, form: str) -> None:
        rounds = aid_paper.round_choices(self.db)
        if not rounds:
            QMessageBox.information(self, "打印", "还没有发放批次。请先用“送温暖/批量发放”登记一批。")
            return
        # Date, people and total tell apart two rounds of the same default name; the
        # choice is taken by position, so each round prints its own.
        labels = [aid_paper.round_label(r) for r in rounds]
        choice, ok = QInputDialog.getItem(self, "选择批次", "发放批次（日期、名称、人数、金额）：", labels, 0, False)
        if ok and choice in labels:
            from ui.widgets.printing import print_form

            print_form(self, self.ctx, form, rounds[labels.index(choice)]["id"])

    def _print_summary(self) -> None:
        year, ok = QInputDialog.getInt(self, "年度帮扶情况汇总表", "年度：", clock.today().year, 2000, 2100)
        if ok:
            from ui.widgets.printing import print_form

            print_form(self, self.ctx, "aid-summary", year)

    def export_cases(self) -> None:
        from reports.aid_xlsx import write_case_list

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = get_save_file_name(self, "导出档案名单", str(Path(folder) / f"困难职工档案名单-{clock.today_iso()}.xlsx"), "Excel 文件 (*.xlsx)")
        if not path:
            return
        mask = QMessageBox.question(self, "导出", "是否隐藏身份证号的中间部分（建议隐藏）？") == QMessageBox.StandardButton.Yes
        rows = ap.list_cases(self.db, self.view.currentData(), today=clock.today_iso(), tier=self.tier.currentData() or None)
        try:
            n = write_case_list(path, self.view.currentText(), rows, mask_id=mask)
        except Exception as exc:  # noqa: BLE001 - the chair sees why
            QMessageBox.warning(self, "导出失败", str(exc))
            return
        QMessageBox.information(self, "导出完成", f"已导出 {n} 户到：\n{path}")

    def print_current(self) -> None:
        self._print_case("aid-file")
