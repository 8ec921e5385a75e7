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

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

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


def _discard(dialog: QProgressDialog) -> None:
    """Close the dialog and destroy its native window now.

    A dialog shown by the timer just before the work ends can be hidden before the window
    manager has mapped it; the WM then maps it after Qt's unmap, and the window stays on
    screen over whatever comes next (seen over the print preview under openbox: X said
    IsViewable, Qt said hidden) until something is clicked. Destroying the native window
    removes it whatever the WM's state. The QObject itself goes with deleteLater: deleting it
    on the spot (shiboken) once crashed a later event loop in the test suite."""
    dialog.close()
    dialog.destroy(True, True)  # the platform window, now
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

    dialog = QProgressDialog(label or f"正在{title}…", "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(2**31 - 1)  # shown by our own timer: quick work never flashes a dialog
    dialog.canceled.connect(cancel.set)
    dialog.canceled.connect(lambda: dialog.setLabelText("正在取消，请稍候…"))
    dialog.hide()

    loop = QEventLoop()
    elapsed = {"ms": 0}

    def poll() -> None:
        if done.is_set():
            loop.quit()
            return
        elapsed["ms"] += POLL_MS
        if elapsed["ms"] >= delay_ms and not dialog.isVisible() and not cancel.is_set():
            dialog.show()
        if state["total"] > 0:
            dialog.setMaximum(state["total"])
            dialog.setValue(min(state["done"], state["total"]))

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
    # Closed and unmapped now, before the caller shows the result: a progress window left
    # mapped sat over the print preview and the print dialog.
    dialog.canceled.disconnect()
    _discard(dialog)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
