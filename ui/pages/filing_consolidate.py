"""汇总下级工会年报: the upper-level union's consolidation of many grassroots filings (models/consolidate.py).

Files (or whole folders) are chosen through the project's file dialogs (they never open
the files they list, and never hand back the open database); the reading and checking
run in the task runner with progress and 取消; each file's result and problems show in
the table, the selected file's in full below it; 保存汇总表 writes the consolidated xlsx.
Nothing here touches the ledger: the dialog reads and writes plain files only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.consolidate import Consolidation, consolidate, expand
from models.tasks import Cancelled
from ui.widgets.file_dialogs import get_existing_directory, get_open_file_names, get_save_file_name
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.tasks import run_task

HEADERS = ["文件", "工会名称", "统一社会信用代码", "结果", "原因或问题"]
XLSX_FILTER = "Excel 文件 (*.xlsx)"
HINT = (
    "选择下级工会用工会台账导出的年报 xlsx（可一次选多个文件，或选择放有这些文件的文件夹）。"
    "每个文件都会检查：是否本程序导出的年报及其版本，导出后是否被改动，统一社会信用代码是否重复，"
    "逻辑校验是否通过，有无未填写的数字。不能汇总的文件会注明原因并跳过。"
)


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class ConsolidateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总下级工会年报")
        self.paths: list[Path] = []
        self.result: Consolidation | None = None
        self.folder = _documents()
        hint = QLabel(HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.add_files_button = QPushButton("添加文件…")
        self.add_files_button.clicked.connect(self.add_files)
        self.add_folder_button = QPushButton("添加文件夹…")
        self.add_folder_button.clicked.connect(self.add_folder)
        self.remove_button = QPushButton("移除所选")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton("清空")
        self.clear_button.clicked.connect(self.clear)
        self.run_button = QPushButton("开始汇总")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        bar = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button, self.clear_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.run_button)
        self.table = RowsTable(HEADERS, multi=True)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.summary = QLabel()
        self.summary.setObjectName("consolidateSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一个文件，可在这里查看它的全部问题。")
        self.detail.setMaximumHeight(96)
        self.save_button = QPushButton("保存汇总表…")
        self.save_button.clicked.connect(self.save)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bottom)
        fit_to_screen(self, 1100, 640)
        self._fill()

    # ------------------------------------------------------------ the list of files

    def add_paths(self, given: list[str | Path]) -> None:
        """Files and folders (a folder stands for the .xlsx in it); a file already listed is not added again."""
        known = {p.resolve() for p in self.paths}
        for path in expand(given):
            if path.resolve() not in known:
                known.add(path.resolve())
                self.paths.append(path)
        self.result = None
        self._fill()

    def add_files(self) -> None:
        chosen, _ = get_open_file_names(self, "选择下级工会的年报文件", self.folder, XLSX_FILTER)
        if chosen:
            self.folder = str(Path(chosen[0]).parent)
            self.add_paths(chosen)

    def add_folder(self) -> None:
        folder = get_existing_directory(self, "选择放有年报文件的文件夹", self.folder)
        if folder:
            self.folder = folder
            before = len(self.paths)
            self.add_paths([folder])
            if len(self.paths) == before:
                QMessageBox.information(self, "添加文件夹", f"文件夹“{Path(folder).name}”中没有新的 .xlsx 文件。")

    def remove_selected(self) -> None:
        drop = set(self.table.selected_keys())
        self.paths = [p for p in self.paths if str(p) not in drop]
        self.result = None
        self._fill()

    def clear(self) -> None:
        self.paths = []
        self.result = None
        self._fill()

    # ------------------------------------------------------------ showing

    def _fill(self) -> None:
        r = self.result
        if r is None:
            rows = [[p.name, "", "", "待汇总", ""] for p in self.paths]
            tips = {i: str(p) for i, p in enumerate(self.paths)}
            keys = [str(p) for p in self.paths]
            self.summary.setText(f"已选择 {len(self.paths)} 个文件。" if self.paths else "尚未选择文件。")
        else:
            rows = [[f.name, f.union_name, f.credit_code, f.status, "；".join(self._notes(f))] for f in r.files]
            tips = {i: "\n".join([str(f.path), *self._notes(f)]) for i, f in enumerate(r.files)}
            keys = [str(f.path) for f in r.files]
            year = f"{r.year} 年度：" if r.year else ""
            self.summary.setText(year + r.counts_line())
        self.table.set_rows(rows, keys=keys, tips=tips)
        self.table.resizeColumnsToContents()
        for column, most in ((0, 260), (1, 240), (4, 900)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        self.run_button.setEnabled(bool(self.paths))
        self.remove_button.setEnabled(bool(self.paths))
        self.clear_button.setEnabled(bool(self.paths))
        self.save_button.setEnabled(bool(r and r.included))
        self._show_detail()

    @staticmethod
    def _notes(f) -> list[str]:
        return ([f"跳过原因：{f.skipped}"] if f.skipped else []) + f.problems

    def _show_detail(self) -> None:
        rows = self.table.selected_rows()
        if not rows or self.result is None:
            self.detail.setPlainText("")
            return
        f = self.result.files[rows[0]]
        notes = self._notes(f)
        self.detail.setPlainText(f"{f.name}：{f.status}\n" + ("\n".join(f"· {n}" for n in notes) if notes else "· 没有发现问题"))

    # ------------------------------------------------------------ work

    def run(self) -> None:
        paths = list(self.paths)
        if not paths:
            return
        try:
            self.result = run_task(self, "汇总年报", lambda progress: consolidate(paths, progress=progress),
                                   label=f"正在读取并检查 {len(paths)} 个年报文件…")
        except Cancelled:
            self.result = None
            self._fill()
            self.summary.setText("已取消汇总。")
            return
        self._fill()
        if not self.result.included:
            QMessageBox.warning(self, "无法汇总", "没有可以汇总的年报：每个文件的原因见表中“原因或问题”一列。")

    def save(self) -> None:
        from reports.consolidate_xlsx import write_consolidation

        result = self.result
        if result is None or not result.included:
            return
        suggested = str(Path(_documents()) / f"{result.year}年度基层工会统计年报汇总表.xlsx")
        path, _ = get_save_file_name(self, "保存汇总表", suggested, XLSX_FILTER)
        if not path:
            return
        if any(Path(path).resolve() == f.path.resolve() for f in result.files):
            QMessageBox.warning(self, "不能保存到此文件", f"{Path(path).name} 是要汇总的文件之一，不能覆盖。请换一个文件名。")
            return
        try:
            run_task(self, "保存汇总表", lambda progress: write_consolidation(result, path))
        except Exception as exc:  # noqa: BLE001 - the chair sees why (disk full, file open in WPS …)
            QMessageBox.warning(self, "保存失败", str(exc))
            return
        QMessageBox.information(self, "保存完成", f"汇总表已保存到：\n{path}")
