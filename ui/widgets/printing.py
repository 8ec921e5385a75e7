"""Printing a form: build the PDF off the GUI thread, preview it, then print or save it.

The preview uses QtPdf where it is installed; otherwise the PDF opens in the
system's viewer. Printing renders each page at the printer's resolution, so the
printout matches the PDF exactly.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.widgets.file_dialogs import get_save_file_name
from ui.widgets.tasks import run_task
from ui.widgets.screen_fit import fit_to_screen


def build_pdf(parent: QWidget | None, ctx: AppContext, form_name: str, ident: int | None = None, **options) -> Path | None:
    """The form as a PDF in a temporary folder; None (after a message) when it failed."""
    from models.db import connect
    from models.tasks import Cancelled
    from reports.registry import FORMS, render

    spec = FORMS[form_name]
    out = Path(tempfile.mkdtemp(prefix="ul-print-")) / f"{spec.title}.pdf"

    def work(progress):
        db = connect(ctx.db_path)
        try:
            return render(db, form_name, out, ident=ident, progress=progress, **options)
        finally:
            db.close()

    try:
        return run_task(parent, f"生成《{spec.title}》", work)
    except Cancelled:
        return None
    except Exception as exc:  # noqa: BLE001 - shown to the user, never swallowed silently
        QMessageBox.warning(parent, "无法生成表格", f"生成《{spec.title}》时出错：\n{exc}")
        return None


def print_form(parent: QWidget | None, ctx: AppContext, form_name: str, ident: int | None = None, **options) -> None:
    from reports.registry import FORMS, suggested_filename

    path = build_pdf(parent, ctx, form_name, ident, **options)
    if path is None:
        return
    name = suggested_filename(ctx.db, form_name, ident)
    try:
        dialog = PdfPreview(path, FORMS[form_name].title, name, parent)
    except ImportError:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))  # the viewer reads the file later: it stays
        return
    try:
        dialog.exec()
    finally:
        # Gone now, not when the parent page dies (at exit, in whatever order Python
        # and Qt tear things down): that late teardown crashed libQt6Core.
        dialog.release()
        dialog.deleteLater()
        remove_temp(path)


def save_copy(parent: QWidget | None, source: Path, suggested: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    target, _ = get_save_file_name(parent, "另存为 PDF", str(Path(folder) / suggested), "PDF 文件 (*.pdf)")
    if not target:
        return None
    from reports.kit import SaveError, write_atomic

    try:
        write_atomic(Path(target), source.read_bytes())
    except SaveError as exc:
        QMessageBox.warning(parent, "保存失败", str(exc))
        return None
    confirm_saved(parent, Path(target))
    return Path(target)


def saved_box(parent: QWidget | None, target: Path) -> QMessageBox:
    """已保存, with the full path and a button to open the folder it went to."""
    box = QMessageBox(QMessageBox.Icon.Information, "已保存", f"已保存到：\n{target}", parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)  # type: ignore[attr-defined]
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    return box


def confirm_saved(parent: QWidget | None, target: Path) -> None:
    box = saved_box(parent, target)
    box.exec()
    if box.clickedButton() is box.open_folder:  # type: ignore[attr-defined]
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))
    box.deleteLater()


class PdfPreview(QDialog):
    """Pages of a PDF with 打印… and 另存为…; raises ImportError without QtPdf.

    QPdfView renders pages on its own thread (a multi-threaded QPdfPageRenderer), so
    the document must outlive the view's use of it: the view is created first (Qt
    deletes children in creation order, so the view and its thread go first) and
    release() closes the document before the dialog goes."""

    def __init__(self, path: Path, title: str, suggested: str, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.path = path
        self.suggested = suggested
        self.printer = None  # made on first 打印…; outlives every QPrintDialog that points at it
        self.setWindowTitle(f"打印预览 — {title}")
        self.view = QPdfView(self)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pages = QLabel(f"共 {self.document.pageCount()} 页")
        print_button = QPushButton("打印…")
        print_button.setDefault(True)
        save_button = QPushButton("另存为…")
        close_button = QPushButton("关闭")
        print_button.clicked.connect(self.print_document)
        save_button.clicked.connect(lambda: save_copy(self, self.path, self.suggested))
        close_button.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(pages)
        bar.addStretch(1)
        for b in (print_button, save_button, close_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        fit_to_screen(self, 900, 760)

    def release(self) -> None:
        """Close the document (and its file) now, and let the printer go. Idempotent.
        close() waits for a page the view's thread may be rendering (pdfium is behind one
        lock), and the view then shows nothing. (view.setDocument(None) would too, but
        Qt 6.12 warns about it.) The QPrinter is ours alone (not a QObject): dropped
        here, it is freed now, not whenever this wrapper is, perhaps after QApplication."""
        from shiboken6 import Shiboken

        if Shiboken.isValid(self.document):
            self.document.close()
        self.printer = None

    def done(self, result: int) -> None:
        self.release()
        super().done(result)

    def print_document(self) -> None:
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QPainter, QPageSize
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer = self.printer
        printer.setDocName(self.suggested)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()  # not left as a child of the preview, holding a pointer to the printer
        if not accepted:
            return
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "打印失败", "无法连接打印机，请检查打印机是否开启。")
            return
        try:
            first = max(0, printer.fromPage() - 1)
            last = (printer.toPage() or self.document.pageCount()) - 1
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                area = painter.viewport()
                dpi = printer.resolution()
                size = self.document.pagePointSize(number)
                pixels = QSize(int(size.width() / 72 * dpi), int(size.height() / 72 * dpi))
                image = self.document.render(number, pixels)
                scaled = pixels.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(area.x(), area.y(), image.scaled(scaled))
        finally:
            painter.end()


def remove_temp(path: Path) -> None:
    shutil.rmtree(path.parent, ignore_errors=True)
