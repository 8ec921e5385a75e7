"""Long work off the GUI thread, with a Chinese progress dialog and a working 取消.

`run_task(parent, title, fn)` runs fn(progress) in a worker thread and waits in a
local event loop, so the window keeps repainting. fn must open its own database
connection (models.db.connect(path)): sqlite connections do not cross threads.
When the user cancels, the next progress() call inside the worker raises
models.tasks.Cancelled; the worker's transaction rolls back and run_task raises
Cancelled too.

The worker never touches Qt: it only writes its progress into plain Python
state, which the GUI thread reads on a timer. (Emitting Qt signals from a Python
thread at a high rate has crashed PySide6.)

Workers are Python threads, never QThreads, and every one is joined before Qt goes
away: run_task joins its own (cancelling it if the application is quitting), and
start_background() threads are joined on QApplication.aboutToQuit (see
join_background), so no thread is still inside SQLite or Python when the
interpreter and Qt tear down.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from models.tasks import Cancelled

T = TypeVar("T")
POLL_MS = 50
_background: set[threading.Thread] = set()
_background_lock = threading.Lock()


def start_background(name: str, fn: Callable[[], None]) -> threading.Thread:
    """Run fn on a Python thread that the application waits for when it quits.
    fn must not touch Qt and must catch its own errors (they are logged by the hook)."""

    def run() -> None:
        try:
            fn()
        finally:
            with _background_lock:
                _background.discard(threading.current_thread())

    thread = threading.Thread(target=run, name=name, daemon=True)
    with _background_lock:
        _background.add(thread)
    thread.start()
    return thread


def join_background(timeout: float | None = None) -> list[str]:
    """Wait for the background threads; returns the names of any still running after timeout."""
    with _background_lock:
        threads = list(_background)
    for thread in threads:
        thread.join(timeout)
    return [t.name for t in threads if t.is_alive()]


class ProgressWindow(QDialog):
    """正在…/取消 while a task runs. Not a QProgressDialog: that one shows itself from a timer
    of its own (4 s after it is made, whatever minimumDuration says before a value is set)
    and so came back over the print preview long after its task had ended, window-modal,
    leaving the preview deaf to clicks. This window shows only when run_task says so."""

    canceled = Signal()

    def __init__(self, label: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until a total is known
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(320)
        self.was_canceled = False

    def cancel(self) -> None:
        if not self.was_canceled:
            self.was_canceled = True
            self.label.setText("正在取消，请稍候…")
            self.cancel_button.setEnabled(False)
            self.canceled.emit()

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def reject(self) -> None:  # Esc: cancel the work, never hide the window while it runs
        self.cancel()

    def closeEvent(self, event) -> None:  # noqa: N802 - the title bar's ×: the same as 取消
        event.ignore()
        self.cancel()


def _discard(dialog: ProgressWindow) -> None:
    """Hide the window now and delete it when the event loop next gets control (deleting
    it on the spot once crashed a later event loop in the test suite)."""
    dialog.hide()
    dialog.deleteLater()


def run_task(parent: QWidget | None, title: str, fn: Callable[..., T], *, label: str = "", delay_ms: int = 300) -> T:
    cancel = threading.Event()
    done = threading.Event()
    state = {"done": 0, "total": 0}
    outcome: dict = {}

    def progress(count: int, total: int) -> None:
        if cancel.is_set():
            raise Cancelled()
        state["done"], state["total"] = int(count), int(total)

    def work() -> None:
        try:
            outcome["value"] = fn(progress)
        except BaseException as exc:  # handed to the GUI thread below
            outcome["error"] = exc
        finally:
            done.set()

    dialog = ProgressWindow(label or f"正在{title}…", title, parent)
    dialog.canceled.connect(cancel.set)

    loop = QEventLoop()
    elapsed = {"ms": 0}

    def poll() -> None:
        if done.is_set():
            loop.quit()
            return
        elapsed["ms"] += POLL_MS
        if elapsed["ms"] >= delay_ms and not dialog.isVisible() and not cancel.is_set():
            dialog.show()
        dialog.set_progress(state["done"], state["total"])

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    thread = threading.Thread(target=work, name=f"task-{title}", daemon=True)
    thread.start()
    timer.start()
    loop.exec()
    timer.stop()
    if not done.is_set():
        # The loop ended without the work: the application is quitting (exit() ends every
        # event loop). Stop the worker at its next progress() rather than wait it out.
        cancel.set()
    thread.join()
    # Hidden now, before the caller shows the result (the print preview, the print dialog).
    dialog.canceled.disconnect()
    _discard(dialog)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
