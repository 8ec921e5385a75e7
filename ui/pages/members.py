"""会员: the register as a table — search as you type, filters and sorting in SQL."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
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

from models import codes, member_search, members
from models.member_list import COLUMNS, DEFAULT_COLUMNS, MemberFilter, ids_matching, list_members, matches_by_status
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
        self.search.focused.connect(self.prepare_search)
        # The in-memory search index (models.member_search) is read a step at a time
        # between key presses, from the moment the search box is used.
        self._index_timer = QTimer(self)
        self._index_timer.setInterval(0)
        self._index_timer.timeout.connect(self._index_step)
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
        dues_button = self._menu_button(bar, "会费", "dues", [
            ("未缴会费名单（查询、打印、导出）…", self.show_dues),
            ("按部门、月份登记会费…", self.dues_by_department),
        ])
        dues_button.setToolTip("未缴名单；按部门或月份一次登记会费")
        self._menu_button(bar, "更多", "edit", [
            ("作废此会员（误录）…", self.void_selected),
            ("导入记录（撤销导入）…", self.show_import_batches),
        ])

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status)
        filters.addWidget(self.department)
        filters.addWidget(self.full_id)
        self.show_void = QCheckBox("显示已作废")
        self.show_void.setToolTip("只列出作为误录而作废的会员（作废的会员不在任何名单和统计中）")
        self.show_void.toggled.connect(self._on_show_void)
        filters.addWidget(self.show_void)
        filters.addStretch(1)
        filters.addWidget(self.count)
        self.all_statuses = QPushButton("在全部会籍状态中查看")
        self.all_statuses.clicked.connect(self._show_all_statuses)
        self.all_statuses.hide()
        filters.addWidget(self.all_statuses)

        self.model = PagedTableModel(self.keys, [COLUMNS[k][0] for k in self.keys], self._format, self)
        self.model.checkable = True  # ticks are member ids: they survive paging, search and sort
        self.model.completed.connect(self._show_count)
        self.model.checked_changed.connect(self._show_ticked)
        picks = QHBoxLayout()
        tick_all = QPushButton("全选当前列表")
        tick_all.setToolTip("勾选当前筛选出的全部会员（含未滚动到的）")
        tick_all.clicked.connect(self.tick_all)
        tick_rows = QPushButton("勾选选中行")
        tick_rows.setToolTip("用 Shift/Ctrl 点选多行后，一次勾选（空格键也可）")
        tick_rows.clicked.connect(self.tick_selected_rows)
        self.untick = QPushButton("清除勾选")
        self.untick.clicked.connect(self.model.clear_checked)
        self.ticked = QLabel()
        self.ticked.setObjectName("hint")
        self.batch = self._menu_button(None, "批量操作", "edit", [
            ("打印会员登记表（已勾选）", self.print_ticked_forms),
            ("会籍变动（转出、退会…）…", self.batch_status),
            ("登记会费…", self.batch_dues),
        ])
        for w in (tick_all, tick_rows, self.untick, self.ticked):
            picks.addWidget(w)
        picks.addStretch(1)
        picks.addWidget(self.batch)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
            widths = {"name": 110, "gender": 56, "id_number": 180, "phone": 120, "department": 120, "post": 120, "political_status": 120, "card_number": 190}
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
        layout.addLayout(picks)
        layout.addWidget(self.table, 1)
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self.tick_selected_rows)
        self._fill_departments()
        self._show_ticked(0)
        self.reload()

    def _menu_button(self, bar: QToolBar | None, text: str, icon_name: str, actions) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in actions:
            menu.addAction(label, slot)
        button.setMenu(menu)
        if bar is not None:
            bar.addWidget(button)
        return button

    # -------------------------------------------------------------- data

    def _format(self, key: str, value) -> str:
        if key == "status" and self.filter.voided:
            return "已作废"
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
        self.prepare_search()
        self.reload()

    def prepare_search(self) -> None:
        """Get the in-memory search ready for the current status filter, a step at a time."""
        if not self._index_timer.isActive() and member_search.ready_index(self.ctx.db, self.filter.status or None) is None:
            self.search.set_delay(150)  # from SQL until then: wait for a pause in typing
            self._index_timer.start()

    def _index_step(self) -> None:
        if member_search.build_step(self.ctx.db, self.filter.status or None):
            self._index_timer.stop()
            self.search.set_delay(0)  # answers within a frame: at every key

    def _on_filter(self) -> None:
        self.filter.status = self.status.currentData() or None
        self.filter.department = self.department.currentData() or None
        if self.filter.text:
            self.prepare_search()
        self.reload()

    def _on_sort(self, key: str, descending: bool) -> None:
        self.filter.sort, self.filter.descending = key, descending
        self.reload(self.selected_id())

    def _on_full_id(self, on: bool) -> None:
        self.show_full_id = on
        self.model.reformat()

    def selected_id(self) -> int | None:
        current = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if current.isValid() and any(r.row() == current.row() for r in rows):
            return self.model.id_at(current.row())
        return self.model.id_at(rows[0].row()) if rows else None

    def _on_show_void(self, on: bool) -> None:
        self.filter.voided = on
        self.status.setEnabled(not on)  # voided members have no status
        self.reload()

    # -------------------------------------------------------------- ticks (multi-select)

    def ticked_ids(self) -> list[int]:
        return sorted(self.model.checked)

    def _show_ticked(self, n: int) -> None:
        self.ticked.setText(f"已勾选 {n} 人" if n else "未勾选（勾选姓名前的方框，可跨页、跨搜索勾选）")
        self.batch.setEnabled(bool(n))
        self.untick.setEnabled(bool(n))

    def tick_all(self) -> None:
        """Everyone the current filter finds, read as ids in SQL (not row by row)."""
        self.model.set_checked(ids_matching(self.ctx.db, self.filter), True)

    def tick_selected_rows(self) -> None:
        ids = [self.model.id_at(i.row()) for i in self.table.selectionModel().selectedRows()]
        ids = [i for i in ids if i is not None]
        if ids:
            self.model.set_checked(ids, not all(i in self.model.checked for i in ids))

    def _need_ticks(self, title: str) -> list[int] | None:
        ids = self.ticked_ids()
        if not ids:
            QMessageBox.information(self, title, "请先勾选会员（姓名前的方框，或“全选当前列表”）。")
            return None
        return ids

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

        run_modal(UnpaidDuesDialog(self.ctx.db, self, self.ctx))

    def dues_by_department(self) -> None:
        from ui.dialogs.member_batch import DuesBatchDialog

        run_modal(DuesBatchDialog(self.ctx.db, self))

    # -------------------------------------------------------------- batch actions (ticked members)

    def print_ticked_forms(self) -> None:
        ids = self._need_ticks("打印会员登记表")
        if ids is None:
            return
        from ui.widgets.printing import print_form

        print_form(self, self.ctx, "member-forms", None, members=ids)

    def batch_status(self) -> None:
        ids = self._need_ticks("批量会籍变动")
        if ids is None:
            return
        from ui.dialogs.member_batch import status_dialog

        d = status_dialog(self.ctx.db, ids, self)
        if run_modal(d):
            QMessageBox.information(self, "批量会籍变动", f"已为 {d.value} 人办理。")
            self.model.clear_checked()
            self.reload()

    def batch_dues(self) -> None:
        ids = self._need_ticks("登记会费")
        if ids is None:
            return
        from ui.dialogs.member_batch import DuesBatchDialog

        d = DuesBatchDialog(self.ctx.db, self, member_ids=ids)
        if run_modal(d):
            QMessageBox.information(self, "登记会费", f"已登记 {d.written} 笔会费。")

    # -------------------------------------------------------------- corrections

    def void_selected(self) -> None:
        from models import member_void
        from models.validation import ValidationError
        from ui.widgets import void_dialog

        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "作废会员", "请先在列表中选择一名会员。")
            return
        who = member_void.target(self.ctx.db, member_id)
        why = member_void.refusals(self.ctx.db, member_id)
        if who.voided_at or why:
            QMessageBox.warning(self, "不能作废", f"{who.describe()}" + ("已作废。" if who.voided_at else f"不能作废：\n" + "\n".join(why)))
            return
        count, total = member_void.dues_on_file(self.ctx.db, member_id)
        note = "作废后该会员不再出现在任何名单、统计和表格中，但记录和变更日志保留，可用“显示已作废”查看。"
        if count:
            from models.validation import format_money

            note = f"注意：该会员有 {count} 笔会费记录（合计 {format_money(total)} 元），将一并作废。\n" + note
        reason = void_dialog.ask_void_reason(self, "作废会员（误录）", who.describe(), note)
        if reason is None:
            return
        try:
            member_void.void_member(self.ctx.db, member_id, reason, void_dues=bool(count))
        except ValidationError as exc:
            QMessageBox.warning(self, "不能作废", str(exc))
            return
        self.model.set_checked([member_id], False)
        self._fill_departments()
        self.reload()

    def show_import_batches(self) -> None:
        from ui.dialogs.import_batches import ImportBatchesDialog

        d = ImportBatchesDialog(self.ctx.db, self)
        run_modal(d)
        if d.undone:
            self._fill_departments()
            self.reload()
