"""Long work off the GUI thread, with a Chinese progress dialog and a working 取消.

`run_task(parent, title, fn)` runs fn(progress) in a worker thread and waits in a
local event loop, so the window keeps repainting. fn must open its own database
connection (models.db.connect(path)): sqlite connections do not cross threads.
When the user cancels, the next progress() call inside the worker raises
models.tasks.Cancelled; the worker's transaction rolls back and run_task raises
Cancelled too.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.tasks import Cancelled

T = TypeVar("T")


class _Bridge(QObject):
    progressed = Signal(int, int)
    finished = Signal()


def run_task(parent: QWidget | None, title: str, fn: Callable[..., T], *, label: str = "", delay_ms: int = 300) -> T:
    cancel = threading.Event()
    bridge = _Bridge()
    outcome: dict = {}

    def progress(done: int, total: int) -> None:
        if cancel.is_set():
            raise Cancelled()
        bridge.progressed.emit(int(done), int(total))

    def work() -> None:
        try:
            outcome["value"] = fn(progress)
        except BaseException as exc:  # handed to the GUI thread below
            outcome["error"] = exc
        finally:
            bridge.finished.emit()

    dialog = QProgressDialog(label or f"正在{title}…", "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel.set)
    dialog.canceled.connect(lambda: dialog.setLabelText("正在取消，请稍候…"))

    def on_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    loop = QEventLoop()
    bridge.progressed.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    bridge.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    thread = threading.Thread(target=work, name=f"task-{title}", daemon=True)
    thread.start()
    loop.exec()  # `finished` is queued, so it arrives even if the work is already done
    thread.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if cancel.is_set() and "value" not in outcome:
        raise Cancelled()
    return outcome["value"]
