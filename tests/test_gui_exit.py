"""The program ends cleanly after printing: each session runs in a child process, so a
crash (it was a segfault in libQt6Core at exit) fails the test instead of killing pytest."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CRASH_SIGNS = ("Fatal", "Segmentation", "shared QObject was deleted directly", "malloc", "munmap", "Aborted")


def child_env(tmp_path: Path) -> dict[str, str]:
    """Offscreen, with the program's data, logs, settings and lock files under tmp_path."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.db"
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(path), "demo", "--members", "80"],
        cwd=ROOT, env=child_env(folder), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("run", range(3))
def test_session_that_printed_exits_cleanly(demo_db, tmp_path, run):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "gui_session.py"), str(demo_db)],
        cwd=ROOT, env=child_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    signs = [s for s in CRASH_SIGNS if s in result.stderr]
    assert result.returncode == 0 and not signs, f"exit code {result.returncode}, {signs}\n{result.stderr[-3000:]}"
    assert result.stdout.strip() == (
        "preview shown; print dialog cancelled; approval form printed; preview shown; printed to file; case file printed; "
        "case window closed; preview shown; print dialog cancelled; roster printed; "
        "minutes preview rendered; preview shown; printed to file; minutes printed; "
        "preview shown; print dialog cancelled; proposal printed"
    )


def test_quitting_during_a_task_cancels_it(tmp_path):
    """exit() ends every event loop, run_task's too: the worker is told to stop and joined,
    rather than the program hanging until it finishes (or returning without its result)."""
    code = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from models.tasks import Cancelled
        from ui.widgets.tasks import run_task

        app = QApplication([])
        steps = []

        def work(progress):
            for i in range(300):  # six seconds unless cancelled
                progress(i, 300)
                time.sleep(0.02)
            return "finished"

        def go():
            try:
                steps.append(run_task(None, "长任务", work))
            except Cancelled:
                steps.append("cancelled")

        QTimer.singleShot(0, go)
        QTimer.singleShot(200, app.quit)
        app.exec()
        print(steps)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "['cancelled']"


def test_background_threads_are_joined(qapp):
    import threading

    from ui.widgets.tasks import join_background, start_background

    release = threading.Event()
    seen = []
    thread = start_background("test-background", lambda: (release.wait(), seen.append("done")))
    assert join_background(timeout=0.05) == ["test-background"]
    release.set()
    assert join_background() == [] and seen == ["done"] and not thread.is_alive()
