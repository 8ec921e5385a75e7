"""A scripted GUI session in its own process, for tests/test_gui_exit.py:

    python -m tests.gui_session LEDGER.db

Starts the program the way main.py does (ui.app.run_gui), opens a difficult-worker
file, previews its 打印审批表 (opening and cancelling the print dialog too) and prints
its 档案登记表 to a PDF file, previews the roster from the members page, then on the
职代会 page renders the minutes tab's live preview, prints the minutes to a file and
previews a proposal form, closes the window and lets the program quit. Prints
the steps it took; the exit code is run_gui's. Timers drive every modal dialog, as a
user's clicks would.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

steps: list[str] = []


def step(text: str) -> None:
    steps.append(text)


def when_modal(kind: str, then) -> None:
    """Call then(dialog) once a modal dialog whose class is named `kind` is on top."""

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is not None and type(w).__name__ == kind:
            then(w)
        else:
            QTimer.singleShot(30, poll)

    QTimer.singleShot(30, poll)


def in_preview(preview) -> None:
    step("preview shown")
    when_modal("QPrintDialog", lambda d: (step("print dialog cancelled"), d.reject()))
    preview.print_document()  # nested modal: returns once the print dialog is cancelled
    preview.reject()


def print_to_file(preview) -> None:
    """Print for real, to a PDF file: the pages are rendered from the preview's document."""
    from PySide6.QtPrintSupport import QPrinter

    step("preview shown")
    out = Path(os.environ["HOME"]) / f"printed-{len(steps)}.pdf"
    # Screen resolution: the same calls and lifetimes as a real printout, without rendering
    # each A4 page as a 1200-dpi image (half a gigabyte, several seconds a page).
    preview.printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    preview.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    preview.printer.setOutputFileName(str(out))
    when_modal("QPrintDialog", lambda d: d.accept())
    preview.print_document()
    if out.is_file() and out.stat().st_size > 1000:
        step("printed to file")
    preview.reject()


def session() -> None:
    from models import aid_payments as ap
    from models.member_list import MemberFilter
    from ui.dialogs.aid_case import CaseWindow
    from ui.main_window import MainWindow
    from ui.widgets.printing import print_form

    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or window.ctx is None:
        QTimer.singleShot(30, session)  # the database opens just after the first paint
        return
    db = window.ctx.db
    page = window.go("aid")
    case_id = next(k for k in page.table.rows.keys() if any(not p.voided_at for p in ap.payments(db, k)))
    case = CaseWindow(window.ctx, case_id, page)

    def approval() -> None:
        row = next(r for r in range(case.payments.rowCount()) if not case.payments.rows.is_voided(r))
        case.payments.selectRow(row)
        when_modal("PdfPreview", in_preview)
        case.print_approval()  # 打印审批表
        step("approval form printed")
        when_modal("PdfPreview", print_to_file)
        case._print("aid-file", case.case_id)  # 打印档案登记表
        step("case file printed")
        case.reject()

    QTimer.singleShot(0, approval)
    case.exec()
    step("case window closed")
    window.go("members")
    when_modal("PdfPreview", in_preview)
    print_form(window, window.ctx, "roster", None, filter=MemberFilter(status="active"), mask_id=True)
    step("roster printed")
    congress(window)


def congress(window) -> None:
    """The 职代会 page: the minutes tab's live preview (a QPdfDocument per render), the
    minutes previewed and printed to a file, a proposal form previewed."""
    page = window.go("congress")
    page.tabs.setCurrentWidget(page.minutes_tab)
    tab = page.minutes_tab
    tab.form.editors["opening"].setPlainText("大会开始。")  # the preview re-renders a moment later
    tab.render_preview()
    if tab.preview.pixmap() is not None and not tab.preview.pixmap().isNull():
        step("minutes preview rendered")
    when_modal("PdfPreview", print_to_file)
    page.print_form("minutes")
    step("minutes printed")
    page.tabs.setCurrentWidget(page.proposals_tab)
    page.proposals_tab.table.selectRow(0)
    when_modal("PdfPreview", in_preview)
    page.proposals_tab.print_one()
    step("proposal printed")
    tab.form.editors["opening"].setPlainText("大会开始，主持人宣布。")  # a render may still be due as the window closes
    QTimer.singleShot(0, window.close)


def main() -> int:
    from ui.app import make_app, run_gui

    make_app()
    QTimer.singleShot(0, session)
    code = run_gui(Path(sys.argv[1]))
    print("; ".join(steps), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
