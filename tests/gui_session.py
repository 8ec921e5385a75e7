"""A scripted GUI session in its own process, for tests/test_gui_exit.py:

    python -m tests.gui_session LEDGER.db

Starts the program the way main.py does (ui.app.run_gui), opens a difficult-worker
file, previews its 打印审批表 (opening and cancelling the print dialog too), previews
the roster from the members page, closes the window and lets the program quit. Prints
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
        case.reject()

    QTimer.singleShot(0, approval)
    case.exec()
    step("case window closed")
    window.go("members")
    when_modal("PdfPreview", in_preview)
    print_form(window, window.ctx, "roster", None, filter=MemberFilter(status="active"), mask_id=True)
    step("roster printed")
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
