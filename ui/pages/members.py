"""会员: the register as a table — search as you type, filters and sorting in SQL."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import codes, members
from models.member_list import COLUMNS, DEFAULT_COLUMNS, MemberFilter, list_members, matches_by_status
from models.masking import MASKED_COLUMNS, mask_value
from models import clock
from ui.app import icon
from ui.context import AppContext
from ui.widgets.file_dialogs import get_save_file_name
from ui.widgets.form_dialog import run_modal
from ui.widgets.paged_table import PagedTableModel
from ui.widgets.search_box import SearchBox


FIRST_ROWS = 300


class MembersPage(QWidget):
    # The register's rows: edits, dated changes rewriting today's values, status from membership events.
    watches = ("members", "member_changes", "membership_events")

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.filter = MemberFilter(status="active")
        self.keys = list(DEFAULT_COLUMNS)
        self.show_full_id = False

        title = QLabel("会员")
        title.setObjectName("pageTitle")
        self.search = SearchBox("搜索姓名、拼音首字母、身份证号后几位、手机号、卡号（Ctrl+F）")
        self.search.search.connect(self._on_search)
        self.search.returnPressed.connect(self.search.flush)
        self.status = QComboBox()
        self.status.addItem("全部会籍状态", "")
        for code, label in codes.MEMBER_STATUS.pairs():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(self.status.findData("active"))
        self.status.currentIndexChanged.connect(self._on_filter)
        self.department = QComboBox()
        self.department.setMinimumContentsLength(8)
        self.department.currentIndexChanged.connect(self._on_filter)
        self.full_id = QCheckBox("显示完整身份证号")
        self.full_id.toggled.connect(self._on_full_id)
        self.count = QLabel()
        self.count.setObjectName("hint")

        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(icon("add"), "新增", self.new_record).setToolTip("新增会员（Ctrl+N）")
        bar.addAction(icon("edit"), "编辑", self.edit_selected).setToolTip("编辑选中的会员（回车）")
        bar.addSeparator()
        bar.addAction(icon("import"), "导入", self.import_roster).setToolTip("从 Excel/CSV 花名册导入")
        bar.addAction(icon("export"), "导出", self.export_roster).setToolTip("把当前列表导出为 Excel")
        print_button = QToolButton()
        print_button.setText("打印")
        print_button.setIcon(icon("print"))
        print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        menu.addAction("会员登记表（选中的会员）", self.print_member_form)
        menu.addAction("会员花名册（当前列表）", self.print_roster)
        print_button.setMenu(menu)
        bar.addWidget(print_button)
        bar.addAction(icon("dues"), "会费", self.show_dues).setToolTip("查看某月未缴会费的会员")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status)
        filters.addWidget(self.department)
        filters.addWidget(self.full_id)
        filters.addStretch(1)
        filters.addWidget(self.count)
        self.all_statuses = QPushButton("在全部会籍状态中查看")
        self.all_statuses.clicked.connect(self._show_all_statuses)
        self.all_statuses.hide()
        filters.addWidget(self.all_statuses)

        self.model = PagedTableModel(self.keys, [COLUMNS[k][0] for k in self.keys], self._format, self)
        self.model.completed.connect(self._show_count)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        # Connected only now: turning sorting on asks the model to sort at once.
        self.model.sort_requested.connect(self._on_sort)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().hide()
        for i, key in enumerate(self.keys):
            widths = {"gender": 56, "id_number": 180, "phone": 120, "department": 120, "post": 120, "political_status": 120, "card_number": 190}
            self.table.setColumnWidth(i, widths.get(key, 100))
        # activated covers both double-click and Enter (connecting doubleClicked too opened it twice)
        self.table.activated.connect(lambda _: self.edit_selected())

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(bar)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self._fill_departments()
        self.reload()

    # -------------------------------------------------------------- data

    def _format(self, key: str, value) -> str:
        if not self.show_full_id and key in MASKED_COLUMNS:
            # The screen follows the masking rule of every document: a full birth date beside
            # a masked ID would give the hidden digits back.
            return str(mask_value(key, value) or "")
        return members.display_value(key, value)

    def reload(self, keep_id: int | None = None) -> None:
        # A first screenful at once; the model reads the rest right after painting it.
        rows = list_members(self.ctx.db, self.filter, self.keys, first=None if keep_id else FIRST_ROWS)
        if not rows.complete:
            self.count.setText("正在统计…")
        self.model.set_rows(rows)
        if keep_id is not None:
            row = rows.index_of(keep_id)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))

    def refresh(self) -> None:
        self._fill_departments()
        self.reload(self.selected_id())

    def _fill_departments(self) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem("全部部门", "")
        for name in members.departments(self.ctx.db):
            self.department.addItem(name, name)
        self.department.setCurrentIndex(max(0, self.department.findData(current or "")))
        self.department.blockSignals(False)

    def _show_count(self, n: int) -> None:
        self.all_statuses.hide()
        if n or not self.filter.text.strip() or not self.filter.status:
            self.count.setText(f"共 {n} 人")
            return
        elsewhere = {s: c for s, c in matches_by_status(self.ctx.db, self.filter).items() if c}
        if not elsewhere:
            self.count.setText("共 0 人")
            return
        shown = codes.MEMBER_STATUS.label(self.filter.status)
        where = "、".join(f"{codes.MEMBER_STATUS.label(s)} {c} 人" for s, c in elsewhere.items())
        self.count.setText(f"“{shown}”中没有；{where}")
        self.all_statuses.show()

    def _show_all_statuses(self) -> None:
        self.status.setCurrentIndex(self.status.findData(""))

    def _on_search(self, text: str) -> None:
        self.filter.text = text
        self.reload()

    def _on_filter(self) -> None:
        self.filter.status = self.status.currentData() or None
        self.filter.department = self.department.currentData() or None
        self.reload()

    def _on_sort(self, key: str, descending: bool) -> None:
        self.filter.sort, self.filter.descending = key, descending
        self.reload(self.selected_id())

    def _on_full_id(self, on: bool) -> None:
        self.show_full_id = on
        self.model.reformat()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    # -------------------------------------------------------------- actions

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        from ui.dialogs.member_dialog import MemberDialog

        again = True
        while again:  # 保存并新增: the next blank form right after a save
            dialog = MemberDialog(self.ctx.db, None, self)
            saved = run_modal(dialog) and dialog.saved_id
            again = bool(saved and dialog.add_another)
            if saved:
                self._fill_departments()
                self.reload(dialog.saved_id)

    def edit_selected(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "编辑会员", "请先在列表中选择一名会员。")
            return
        from ui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.ctx.db, member_id, self)
        run_modal(dialog)
        self._fill_departments()
        self.reload(member_id)

    def import_roster(self) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        run_modal(ImportWizard(self.ctx.db, self.ctx.db_path, self))
        self._fill_departments()
        self.reload()

    def export_roster(self) -> None:
        from models.db import connect
        from models.member_export import export_members
        from models.tasks import Cancelled
        from ui.widgets.tasks import run_task

        from ui.dialogs.export_columns import choose_export_columns

        keys = choose_export_columns(self, list(self.keys))
        if keys is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"会员花名册-{clock.today_iso()}.xlsx")
        path, _ = get_save_file_name(self, "导出会员花名册", suggested, "Excel 文件 (*.xlsx)")
        if not path:
            return
        mask = QMessageBox.question(self, "导出", "是否隐藏身份证号的中间部分（只保留前6位和后4位）？") == QMessageBox.StandardButton.Yes
        f = MemberFilter(**vars(self.filter))

        def work(progress):
            db = connect(self.ctx.db_path)
            try:
                return export_members(db, f, keys, path, mask_id=mask, progress=progress)
            finally:
                db.close()

        try:
            n = run_task(self, "导出花名册", work)
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - the chair sees why
            QMessageBox.warning(self, "导出失败", str(exc))
            return
        QMessageBox.information(self, "导出完成", f"已导出 {n} 名会员到：\n{path}")

    def print_member_form(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "打印会员登记表", "请先在列表中选择一名会员。")
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, "member-form", member_id)

    def print_roster(self) -> None:
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, "roster", None, filter=MemberFilter(**vars(self.filter)), mask_id=not self.show_full_id)

    def print_current(self) -> None:
        if self.selected_id() is not None:
            self.print_member_form()
        else:
            self.print_roster()

    def show_dues(self) -> None:
        from ui.dialogs.dues_dialog import UnpaidDuesDialog

        run_modal(UnpaidDuesDialog(self.ctx.db, self))
