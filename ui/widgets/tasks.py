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
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.tasks import Cancelled

T = TypeVar("T")
POLL_MS = 50


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
    thread.join()
    dialog.hide()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
