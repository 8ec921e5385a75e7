"""报表: the yearly statistics filing (基层工会统计年报) of a chosen year.

The indicator table shows each figure as computed now from the records (as of 31
December), the manual entries (typed in place, saved with 保存手填数; leaving with
unsaved entries asks), and what was filed; the checks, the filed versions and their
differences sit beside it. A double-click on a computed figure lists its records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import clock, filing, filing_store
from models.filing_checks import failing, run_checks
from models.filing_form import BY_CODE, INDICATORS
from models.filing_records import has_records, records
from models.validation import ValidationError
from ui.context import AppContext
from ui.pages.filing_dialogs import RecordsDialog, freeze_dialog
from ui.widgets.file_dialogs import get_save_file_name
from ui.widgets.form_dialog import run_modal
from ui.widgets.rows_model import RowsModel, RowsTable
from ui.widgets.unsaved import confirm_leave

VALUE_COLUMN = 3
HEADERS = ["代码", "指标", "单位", "本年数值", "来源", "已报送", "上年"]
SOURCE_LABELS = {"computed": "台账计算", "manual": "手填", "profile": "单位信息"}


class FilingRows(RowsModel):
    """The indicator rows: only a manual figure's value cell is editable."""

    manual_rows: set[int] = set()

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:  # type: ignore[override]
        flags = super().flags(index)
        if index.isValid() and index.column() == VALUE_COLUMN and index.row() not in self.manual_rows:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags


class IndicatorTable(RowsTable):
    def __init__(self) -> None:
        super().__init__(HEADERS, editable=[VALUE_COLUMN], alignments={VALUE_COLUMN: Qt.AlignmentFlag.AlignRight})
        self.rows = FilingRows(HEADERS, editable=[VALUE_COLUMN], alignments={VALUE_COLUMN: Qt.AlignmentFlag.AlignRight}, parent=self)
        self.setModel(self.rows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.AnyKeyPressed
        )


class FilingPage(QWidget):
    watches = (
        "members", "membership_events", "member_changes", "org_profile", "org_workforce", "congress_terms", "congress_sessions",
        "session_attendance", "delegates", "proposals", "proposal_events", "aid_cases", "aid_case_events", "aid_payments",
        "filing_manual", "filings",
    )

    def __init__(self, ctx: AppContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.db = ctx.db
        self.loaded_manual: dict[str, str] = {}  # code → the manual value as shown when loaded
        title = QLabel("报表 · 基层工会统计年报")
        title.setObjectName("pageTitle")
        self.year = QSpinBox()
        self.year.setRange(1950, clock.today().year)
        self.year.setValue(clock.today().year - 1 if clock.today().month < 12 else clock.today().year)
        self.year.setSuffix(" 年度")
        self.year.setObjectName("filingYear")
        self._year_shown = self.year.value()
        self.year.valueChanged.connect(self._year_changed)
        self.status = QLabel()
        self.status.setObjectName("filingStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: bold;")
        self.save_button = QPushButton("保存手填数")
        self.save_button.clicked.connect(self.save_manual)
        self.freeze_button = QPushButton("报送（冻结）…")
        self.freeze_button.clicked.connect(self.freeze)
        self.xlsx_button = QPushButton("导出 xlsx…")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton("导出 PDF…")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.print_button = QPushButton("打印…")
        self.print_button.setToolTip("预览并打印本年度的年报（与导出的 PDF 相同）")
        self.print_button.clicked.connect(self.print_filing)
        self.report_button = QPushButton("年度工作总结…")
        self.report_button.setToolTip("生成本年度工会工作总结的初稿（docx，数字已按年末情况填好，可在 WPS/Word 中修改）")
        self.report_button.clicked.connect(self.export_annual_report)
        self.consolidate_button = QPushButton("汇总下级工会年报…")  # reads files only: open in read-only mode too
        self.consolidate_button.clicked.connect(self.open_consolidate)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(QLabel("年度："))
        bar.addWidget(self.year)
        bar.addStretch(1)
        for button in (self.save_button, self.freeze_button, self.xlsx_button, self.pdf_button, self.print_button, self.consolidate_button):
            bar.addWidget(button)
        self.warnings = QLabel()
        self.warnings.setObjectName("hint")
        self.warnings.setWordWrap(True)
        self.table = IndicatorTable()
        if ctx.read_only:  # browsing and exporting only
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self._open_records)
        self.table.rows.dataChanged.connect(lambda *_: self._mark_unsaved())
        self.checks = RowsTable(["结果", "校验（规则与数字）"])
        self.checks.setWordWrap(True)
        self.versions = RowsTable(["版本", "报送日期", "填报人", "负责人", "重新报送原因"])
        self.versions.selectionModel().selectionChanged.connect(lambda *_: self._show_version_differences())
        self.differences = RowsTable(["指标", "报送值", "对比值"])
        self.differences_label = QLabel()
        self.differences_label.setWordWrap(True)
        versions_tab = QWidget()
        vl = QVBoxLayout(versions_tab)
        vl.setContentsMargins(0, 4, 0, 0)
        vl.addWidget(self.versions, 2)
        vl.addWidget(self.differences_label)
        vl.addWidget(self.differences, 3)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.checks, "校验")
        self.tabs.addTab(versions_tab, "报送版本与差异")
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([860, 320])
        hint = QLabel("双击计算得出的数字，可查看它所统计的记录；“手填”项直接在“本年数值”中填写（是否项填“是”或“否”，模范职工之家填“全国”“省级”“市级”“县级”或“未获评”），再点“保存手填数”。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        status_row = QHBoxLayout()  # the work report is the year's other document: beside the status, not in the filing's bar
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.report_button)
        layout.addLayout(status_row)
        layout.addWidget(self.warnings)
        layout.addWidget(split, 1)
        layout.addWidget(hint)
        self.refresh()

    # ------------------------------------------------------------ loading

    def current_year(self) -> int:
        return self._year_shown

    def refresh(self) -> None:
        pending = self.pending_edits()
        year = self.current_year()
        try:
            table = filing.compute(self.db, year)
        except ValidationError as exc:
            self.warnings.setText(str(exc))
            return
        self.table_now = table
        filed = filing_store.latest(self.db, year)
        self.filed = filed
        last = filing_store.latest(self.db, year - 1)
        last_values = last.values if last else (filing.compute(self.db, year - 1).values if year - 1 >= 1950 else {})
        filed_values = filed.values if filed else {}
        rows, manual_rows, tips = [], set(), {}
        self.loaded_manual = {}
        for i, ind in enumerate(INDICATORS):
            kind = table.kinds[ind.code]
            shown = filing.display(ind, table.values[ind.code])
            if kind == "manual":
                manual_rows.add(i)
                self.loaded_manual[ind.code] = shown
            was = filing.display(ind, filed_values.get(ind.code)) if filed else ""
            if filed and ind.code in filed_values and filed_values[ind.code] != table.values[ind.code]:
                was += "（有差异）"
                tips[i] = f"已报送：{filing.display(ind, filed_values[ind.code])}；按当前记录：{shown}"
            rows.append([f"{i + 1:02d}", ind.label, ind.unit, shown, SOURCE_LABELS[kind], was, filing.display(ind, last_values.get(ind.code))])
        self.table.rows.manual_rows = manual_rows
        self.table.set_rows(rows, keys=[ind.code for ind in INDICATORS], tips=tips)
        for code, text in pending.items():  # typed entries survive a refresh
            self.table.rows.set_text(self.table.rows.row_of_key(code), VALUE_COLUMN, text)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 220))
        for column in (VALUE_COLUMN, 5, 6):  # a long union name must not push 上年 off the screen
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 130))
        self.table.verticalHeader().setDefaultSectionSize(24)
        if filed:
            diffs = filing_store.differences(filed, table)
            self.status.setText(f"已报送 {filed.filed_on}（第 {filed.version} 版）" + (f"；与当前记录有 {len(diffs)} 处差异" if diffs else "；与当前记录一致"))
        else:
            self.status.setText("未报送")
        self.warnings.setText("\n".join(table.warnings))
        self.warnings.setVisible(bool(table.warnings))
        results = run_checks(table.values)
        self.checks.set_rows([[r.status, f"{r.message}\n{r.detail}"] for r in results], keys=[r.code for r in results],
                             tips={i: f"{r.message}：{r.detail}" for i, r in enumerate(results)})
        self.checks.resizeColumnsToContents()
        self.checks.resizeRowsToContents()
        self._load_versions()
        self._mark_unsaved()
        self.freeze_button.setEnabled(not self.ctx.read_only and filing.year_is_over(year))
        self.save_button.setEnabled(not self.ctx.read_only)

    def _load_versions(self) -> None:
        self.version_list = filing_store.versions(self.db, self.current_year())
        self.versions.set_rows(
            [[f"第 {v.version} 版", v.filed_on, v.filed_by, v.head, v.reason] for v in reversed(self.version_list)],
            keys=[v.version for v in reversed(self.version_list)],
        )
        self.versions.resizeColumnsToContents()
        if self.version_list:
            self.versions.selectRow(0)
        self._show_version_differences()

    def _show_version_differences(self) -> None:
        """The chosen version against the one before it; the latest also against the records now."""
        chosen = self.versions.selected_key()
        if not self.version_list or chosen is None:
            self.differences_label.setText("本年度尚未报送。")
            self.differences.set_rows([])
            return
        version = next(v for v in self.version_list if v.version == chosen)
        if version is self.version_list[-1]:
            diffs = filing_store.differences(version, self.table_now)
            what = f"第 {version.version} 版（已报送）与当前记录重新计算的差异："
        else:
            newer = next(v for v in self.version_list if v.version == chosen + 1)
            diffs = filing_store.version_differences(version, newer)
            what = f"第 {version.version} 版与第 {newer.version} 版的差异："
        self.differences_label.setText(what + ("无" if not diffs else f"{len(diffs)} 处"))
        self.differences.set_rows([[d.label, d.filed, d.now] for d in diffs])
        self.differences.resizeColumnsToContents()

    # ------------------------------------------------------------ manual entries

    def pending_edits(self) -> dict[str, str]:
        """Manual values typed but not saved: {code: text}."""
        model = self.table.rows
        out = {}
        for code, loaded in self.loaded_manual.items():
            row = model.row_of_key(code)
            if row >= 0 and model.text(row, VALUE_COLUMN) != loaded:
                out[code] = model.text(row, VALUE_COLUMN)
        return out

    def has_unsaved(self) -> bool:
        return bool(self.pending_edits())

    def _mark_unsaved(self) -> None:
        n = len(self.pending_edits())
        self.save_button.setText(f"保存手填数（{n} 项未保存）" if n else "保存手填数")

    def save_manual(self) -> bool:
        edits = self.pending_edits()
        if not edits:
            return True
        try:
            filing.save_manual(self.db, self.current_year(), edits)
        except ValidationError as exc:
            row = self.table.rows.row_of_key(exc.key) if exc.key else -1
            if row >= 0:
                self.table.setCurrentIndex(self.table.rows.index(row, VALUE_COLUMN))
            QMessageBox.warning(self, "未保存", f"{exc}\n\n手填数字均未保存，请改正后再保存。")
            return False
        if self.ctx.news is not None:
            self.ctx.news.check()
        self.loaded_manual.update(edits)
        self.refresh()
        return True

    def leave_ok(self) -> bool:
        return confirm_leave(self, self.has_unsaved(), self.save_manual, f"{self.current_year()} 年度年报的手填数字")

    def _year_changed(self, year: int) -> None:
        if year == self._year_shown:
            return
        if not self.leave_ok():
            self.year.blockSignals(True)
            self.year.setValue(self._year_shown)
            self.year.blockSignals(False)
            return
        self._year_shown = year
        self.loaded_manual = {}
        self.table.set_rows([])
        self.refresh()

    # ------------------------------------------------------------ actions

    def _open_records(self, index: QModelIndex) -> None:
        code = self.table.rows.key(index.row())
        if not has_records(code):
            return
        headers, rows = records(self.db, self.current_year(), code)
        ind = BY_CODE[code]
        dialog = RecordsDialog(self, f"{self.current_year()} 年 {ind.label}：{filing.display(ind, self.table_now.values[code])}{ind.unit}", headers, rows)
        run_modal(dialog)

    def freeze(self) -> None:
        if self.has_unsaved() and not confirm_leave(self, True, self.save_manual, "手填数字"):
            return
        from models.org import get_profile

        year = self.current_year()
        failed = failing(run_checks(filing.compute(self.db, year).values))
        dialog = freeze_dialog(self, self.db, year, get_profile(self.db).chair, failed, filing_store.latest(self.db, year))
        if run_modal(dialog):
            filed = dialog.value
            if self.ctx.news is not None:
                self.ctx.news.check()
            self.refresh()
            QMessageBox.information(self, "已报送", f"{year} 年度年报已报送（第 {filed.version} 版，{filed.filed_on}）。")

    def open_consolidate(self) -> None:
        from ui.pages.filing_consolidate import ConsolidateDialog

        run_modal(ConsolidateDialog(self))

    def export(self, kind: str) -> None:
        year = self.current_year()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{year}年度基层工会统计年报.{kind}"
        filters = "Excel 文件 (*.xlsx)" if kind == "xlsx" else "PDF 文件 (*.pdf)"
        path, _ = get_save_file_name(self, f"导出 {year} 年度年报", str(Path(folder) / name), filters)
        if not path:
            return
        if self.has_unsaved():
            QMessageBox.information(self, "导出", "有手填数字尚未保存：导出的是已保存的数字。")
        try:
            write_export(self.db, year, path, kind)
        except Exception as exc:  # noqa: BLE001 - the chair sees why (disk full, file open in Excel …)
            QMessageBox.warning(self, "导出失败", str(exc))
            return
        QMessageBox.information(self, "导出完成", f"已导出到：\n{path}")


    def print_filing(self) -> None:
        from ui.widgets.printing import print_form

        if self.has_unsaved():
            QMessageBox.information(self, "打印", "有手填数字尚未保存：打印的是已保存的数字。")
        print_form(self, self.ctx, "filing", self.current_year())

    def export_annual_report(self) -> None:
        """The year's work report draft (.docx; .pdf when the name says so), written off the GUI thread."""
        from models.annual_report import default_filename, write_report
        from models.db import connect
        from models.tasks import Cancelled
        from ui.widgets.printing import confirm_saved
        from ui.widgets.tasks import run_task

        year = self.current_year()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = get_save_file_name(self, f"生成 {year} 年度工会工作总结", str(Path(folder) / default_filename(year)),
                                     "Word 文档 (*.docx);;PDF 文件 (*.pdf)")
        if not path:
            return

        def work(progress):
            db = connect(self.ctx.db_path)
            try:
                return write_report(db, year, path)
            finally:
                db.close()

        try:
            run_task(self, "生成年度工作总结", work)
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - the chair sees why (file open in WPS, disk full …)
            QMessageBox.warning(self, "生成失败", str(exc))
            return
        confirm_saved(self, Path(path))


def write_export(db: Any, year: int, path: str, kind: str) -> None:
    data = filing_store.export_data(db, year)
    if kind == "pdf":
        from models.org import get_setting
        from reports.filing_forms import build_filing

        build_filing(data, path, font_path=get_setting(db, "pdf_font_path") or "")
    else:
        from reports.filing_xlsx import write_filing

        write_filing(data, path)
