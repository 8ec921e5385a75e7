"""Printing: no progress window is left over the preview; 另存为 says where the file went."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from models.org import get_profile, save_profile


def _visible_progress() -> list:
    """Any 生成《…》 window on screen, whatever its class."""
    return [w for w in QApplication.topLevelWidgets() if w.windowTitle().startswith("生成") and w.isVisible()]


def test_no_progress_window_stays_over_the_preview(qapp, qtbot, db, db_path, monkeypatch):
    from ui.app import make_app
    from ui.context import AppContext
    from ui.widgets import printing, tasks

    make_app()
    p = get_profile(db)
    p.union_name = "测试工会"
    save_profile(db, p)
    ctx = AppContext(db, db_path)
    real = tasks.run_task

    def slow(parent, title, fn, **k):  # long enough for the progress window to show
        return real(parent, title, lambda progress: (time.sleep(0.5), fn(progress))[1], delay_ms=0)

    monkeypatch.setattr(printing, "run_task", slow)
    seen: dict = {}

    def exec_(self):
        seen["progress"] = _visible_progress()
        seen["shown"] = True
        return 0

    monkeypatch.setattr(printing.PdfPreview, "exec", exec_)
    printing.print_form(None, ctx, "roster", None)
    assert seen.get("shown") and seen["progress"] == []


def test_a_quick_task_never_shows_its_window_later(qapp, qtbot):
    """QProgressDialog showed itself from its own timer 4 s after it was made: a form built in
    0.2 s (the minutes report no progress) got its 正在生成 window back over the preview,
    window-modal, and the preview took no more clicks. Here a quick task runs from a slot, as
    the 打印 button's does, and the next dialog stays open for 4.5 s, watched."""
    from PySide6.QtWidgets import QDialog

    from ui.widgets.tasks import ProgressWindow, run_task

    seen: list = []

    def slot() -> None:
        run_task(None, "生成《会议记录》", lambda progress: "pdf")
        preview = QDialog()
        QTimer.singleShot(4500, lambda: (seen.append(_visible_progress()), preview.reject()))
        preview.exec()
        preview.deleteLater()
        loop.quit()

    loop = QEventLoop()
    QTimer.singleShot(0, slot)
    loop.exec()
    assert seen == [[]]
    window = ProgressWindow("正在生成…", "生成", None)
    assert not window.findChildren(QTimer)  # nothing inside it can show it later
    window.deleteLater()


def test_save_as_confirms_with_the_path_and_offers_the_folder(qapp, tmp_path, monkeypatch):
    from ui.widgets import printing

    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    target = tmp_path / "out" / "花名册.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(printing, "get_save_file_name", lambda *a, **k: (str(target), ""))
    told: list[Path] = []
    monkeypatch.setattr(printing, "confirm_saved", lambda parent, path: told.append(path))
    assert printing.save_copy(None, source, "花名册.pdf") == target
    assert told == [target] and target.read_bytes() == b"%PDF-1.4\n"
    box = printing.saved_box(None, target)
    assert str(target) in box.text() and box.open_folder.text() == "打开所在文件夹"
    box.deleteLater()
