"""Importing a roster, step by step: choose the file, check the columns, see every
problem before anything is written, import the valid rows, save the bad ones."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlite_utils import Database

from models.member_import import FIELD_HEADERS, ImportPlan, change_lines, label_of
from models.tasks import Cancelled
from ui.widgets.file_dialogs import get_open_file_name, get_save_file_name
from ui.widgets.rows_model import RowsTable
from ui.widgets.tasks import run_task
from ui.widgets.screen_fit import fit_to_screen

CHOOSABLE = [k for k in FIELD_HEADERS]


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class ImportWizard(QWizard):
    def __init__(self, db: Database, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.db_path = db, db_path
        self.plan: ImportPlan | None = None
        self.result: dict | None = None
        self.setWindowTitle("导入会员花名册")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # After 导入 nothing is left to cancel: the last page shows 完成 only (上一步 is disabled there).
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, "上一步"),
            (QWizard.WizardButton.NextButton, "下一步"),
            (QWizard.WizardButton.FinishButton, "完成"),
            (QWizard.WizardButton.CancelButton, "取消"),
            (QWizard.WizardButton.CommitButton, "导入有效行"),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)
        fit_to_screen(self, 900, 640)

    def make_plan(self, mapping: dict[int, str] | None = None) -> bool:
        """Read and check the file off the GUI thread; False (after a message) if it failed."""
        from models.db import connect
        from models.member_import import plan_import

        path = self.file_page.path.text().strip()

        def work(progress):
            db = connect(self.db_path)
            try:
                return plan_import(db, path, mapping, progress)
            finally:
                db.close()

        try:
            self.plan = run_task(self, "检查花名册", work)
        except Cancelled:
            return False
        except Exception as exc:  # noqa: BLE001 - SpreadsheetError, RosterError, OSError: the chair sees why
            QMessageBox.warning(self, "无法导入", str(exc))
            return False
        return True

    def write_errors(self) -> None:
        """Save the listed bad rows (the check page's button and, after 导入, the last page's)."""
        from models.member_import import write_error_file

        plan = self.plan
        source = Path(plan.path) if plan else Path("花名册")
        path, _ = get_save_file_name(self, "保存错误行", str(source.with_name(f"{source.stem}-错误行.xlsx")), "Excel 文件 (*.xlsx)")
        if not path:
            return
        try:
            write_error_file(plan, path)
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, "保存失败", str(exc))
            return
        QMessageBox.information(self, "已保存", f"错误行已保存到：\n{path}\n改正后可再次导入。")


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("第一步：选择花名册文件")
        self.setSubTitle("支持 Excel（.xlsx、.xls）和 CSV 文件。表格中应有一行列名（表头），如“姓名”“身份证号”。")
        self.path = QLineEdit()
        self.path.setPlaceholderText("请选择文件")
        self.path.textChanged.connect(lambda _: self.completeChanged.emit())
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        template = QPushButton("下载空白导入模板…")
        template.clicked.connect(self.save_template)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addWidget(QLabel("还没有花名册？可以先下载模板，按模板填写后再导入："))
        layout.addWidget(template)
        layout.addStretch(1)

    def browse(self) -> None:
        path, _ = get_open_file_name(self, "选择花名册", _documents(), "花名册 (*.xlsx *.xls *.csv);;所有文件 (*)")
        if path:
            self.path.setText(path)

    def save_template(self) -> None:
        from models.member_export import write_template

        path, _ = get_save_file_name(self, "保存导入模板", str(Path(_documents()) / "会员信息导入模板.xlsx"), "Excel 文件 (*.xlsx)")
        if not path:
            return
        try:
            write_template(path)
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, "保存失败", str(exc))
            return
        QMessageBox.information(self, "已保存", f"模板已保存到：\n{path}")

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        if not Path(self.path.text().strip()).is_file():
            QMessageBox.warning(self, "找不到文件", "请选择一个存在的文件。")
            return False
        return self.w.make_plan()


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("第二步：核对列的对应关系")
        self.setSubTitle("左边是文件中的列名，右边是程序中的项目。识别有误时请在右边改正；不需要的列选“（不导入）”。")
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.combos: dict[int, QComboBox] = {}

    def initializePage(self) -> None:  # noqa: N802
        plan = self.w.plan
        assert plan is not None
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = {}
        self.grid.addWidget(QLabel(f"<b>文件中的列（表头在第 {plan.header_row} 行）</b>"), 0, 0)
        self.grid.addWidget(QLabel("<b>导入为</b>"), 0, 1)
        for col, header in enumerate(plan.headers):
            combo = QComboBox()
            combo.addItem("（不导入）", "")
            for key in CHOOSABLE:
                combo.addItem(label_of(key), key)
            combo.setCurrentIndex(max(0, combo.findData(plan.mapping.get(col, ""))))
            self.grid.addWidget(QLabel(header or f"（第 {col + 1} 列，无列名）"), col + 1, 0)
            self.grid.addWidget(combo, col + 1, 1)
            self.combos[col] = combo
        self.grid.setRowStretch(len(plan.headers) + 1, 1)  # rows stay together at the top

    def mapping(self) -> dict[int, str]:
        return {col: combo.currentData() for col, combo in self.combos.items() if combo.currentData()}

    def validatePage(self) -> bool:  # noqa: N802
        chosen = [k for k in self.mapping().values()]
        duplicated = {k for k in chosen if chosen.count(k) > 1}
        if duplicated:
            QMessageBox.warning(self, "对应关系有误", "以下项目对应了多列：" + "、".join(label_of(k) for k in duplicated))
            return False
        if "name" not in chosen:
            QMessageBox.warning(self, "对应关系有误", "请为“姓名”指定一列。")
            return False
        plan = self.w.plan
        if plan is not None and self.mapping() != plan.mapping:
            return self.w.make_plan(self.mapping())
        return True


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("第三步：检查结果（尚未写入任何数据）")
        self.setCommitPage(True)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.table = RowsTable(["行", "列", "问题"])
        # What the file changes in members already registered, field by field, and what was
        # read with a guess (a year-month 入会时间 dated the 1st): both before anything is written.
        self.changes = RowsTable(["行", "姓名", "项目", "原来", "导入后"])
        self.notes = RowsTable(["行", "列", "提示"])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "问题")
        self.tabs.addTab(self.changes, "将更新的内容")
        self.tabs.addTab(self.notes, "提示")
        # Under the list: how many problems it does not show (models.member_import lists
        # the first MAX_LISTED_PROBLEMS); hidden when it shows them all.
        self.unlisted = QLabel()
        self.unlisted.setObjectName("fieldError")
        self.unlisted.setWordWrap(True)
        self.unlisted.hide()
        self.save_errors = QPushButton("把有错误的行保存为 Excel…")
        self.save_errors.clicked.connect(wizard.write_errors)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.unlisted)
        layout.addWidget(self.save_errors)

    def initializePage(self) -> None:  # noqa: N802
        plan = self.w.plan
        assert plan is not None
        c = plan.counts
        self.counts.setText(f"将新增 <b>{c['added']}</b> 人，将更新 <b>{c['updated']}</b> 人，无变化 {c['unchanged']} 人，"
                            f"有错误 <b style='color:#c0392b'>{c['errors']}</b> 行（有错误的行不会导入）。")
        self.table.set_rows([[f"第 {p.row} 行", p.column, p.message] for p in plan.problems])
        self.table.resizeColumnsToContents()
        lines = change_lines(plan)
        self.changes.set_rows([[f"第 {row} 行", name, field, old, new] for row, name, field, old, new in lines])
        self.changes.resizeColumnsToContents()
        self.notes.set_rows([[f"第 {n.row} 行", n.column, n.message] for n in plan.notes])
        self.notes.resizeColumnsToContents()
        self.tabs.setTabText(0, f"问题（{len(plan.problems):,}）")
        self.tabs.setTabText(1, f"将更新的内容（{c['updated']:,} 人，{len(lines):,} 项）")
        self.tabs.setTabText(2, f"提示（{len(plan.notes):,}）")
        # Open on what needs the chair's eyes first: problems, else the updates, else the notes.
        self.tabs.setCurrentIndex(0 if plan.problems or not (lines or plan.notes) else 1 if lines else 2)
        note = plan.unlisted_note
        # The error file holds the listed rows only (write_error_file): say so, and how to see the rest.
        self.unlisted.setText(f"{note}。保存的错误行文件只含以上列出的行；改正后再次导入，会列出其余的问题。" if note else "")
        self.unlisted.setVisible(bool(note))
        self.save_errors.setEnabled(bool(plan.problems))


    def validatePage(self) -> bool:  # noqa: N802
        from models.db import connect
        from models.member_import import apply_import

        plan = self.w.plan
        if plan is None or not plan.rows:
            QMessageBox.information(self, "没有可导入的行", "没有可以导入的有效行。请改正错误后重新导入。")
            return False

        def work(progress):
            db = connect(self.w.db_path)
            try:
                return apply_import(db, plan, progress)
            finally:
                db.close()

        try:
            self.w.result = run_task(self, "导入会员", work)
        except Cancelled:
            QMessageBox.information(self, "已取消", "导入已取消，没有写入任何数据。")
            return False
        except Exception as exc:  # noqa: BLE001
            QMessageBox.warning(self, "导入失败", f"{exc}\n\n没有写入任何数据。")
            return False
        return True


class DonePage(QWizardPage):
    """After 导入 there is no way back (the check page commits): what the chair may still
    want from it, the bad rows, is a button here."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("导入完成")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.save_errors = QPushButton("把有错误的行保存为 Excel…")
        self.save_errors.clicked.connect(wizard.write_errors)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.save_errors)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        r = self.w.result or {}
        errors = self.w.plan.counts["errors"] if self.w.plan else 0
        tail = f"\n有 {errors} 行因错误未导入：可点下面的按钮把这些行保存为 Excel，改正后再次导入。" if errors else ""
        overwritten = r.get("overwritten", 0)
        # Members edited by someone between the check and 导入: the file's values won (the
        # chair chose to import them); the change log names the fields replaced.
        told = (f"\n其中 {overwritten} 人的信息在检查之后又被修改过，已按导入文件覆盖；"
                "被覆盖的项目记在这些会员的变更记录里。") if overwritten else ""
        undo = (f"\n这次导入记为导入记录 {r['batch']}：如导错了文件，可在“会员”页“更多”菜单的“导入记录”中撤销此次导入"
                "（作废新增的会员，把更新的信息恢复为导入前的值）。") if r.get("batch") else ""
        self.text.setText(f"新增 {r.get('added', 0)} 人，更新 {r.get('updated', 0)} 人，无变化 {r.get('unchanged', 0)} 人。{told}{tail}{undo}")
        self.save_errors.setVisible(bool(errors and self.w.plan and self.w.plan.problems))
