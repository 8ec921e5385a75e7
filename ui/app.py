"""Starting the GUI: Chinese Qt dialogs, a Simplified Chinese font, one stylesheet,
one instance per database file, and an exception hook that logs and explains
instead of dying. Heavy modules are imported only when a page needs them.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QLockFile, QTimer, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# Qt picks Japanese glyph shapes for shared Han characters unless told otherwise.
CJK_FAMILIES = ("Microsoft YaHei", "Microsoft YaHei UI", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimSun", "PingFang SC")
log = logging.getLogger("union_ledger")


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    # Fusion named on the command line: app.setStyle() hands back a QStyle, whose Python
    # wrapper builds QStyle's enums (a few ms) before the first show.
    app = existing or QApplication([*(argv or sys.argv[:1]), "-style", "Fusion"])
    app.setApplicationName("工会台账")
    app.setOrganizationName("UnionLedger")
    app.setApplicationDisplayName("工会台账")
    # Calendars, month and day names, Qt's own dialogs: Chinese whatever the system locale
    # (an English Windows or LANG=C showed "March" and "Cancel"). Every widget made from here
    # on takes the default locale.
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        app._translator = translator  # type: ignore[attr-defined]  # keep it alive
    families = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in families), None)
    font = QFont(family) if family else app.font()
    font.setPointSizeF(10.5)
    app.setFont(font)
    # The text colour every widget had from a `QWidget { … }` style-sheet rule, given by the
    # palette instead: a rule that matches every widget made Qt's style-sheet engine work on
    # each one as it was built (a member's window opened in 240 ms instead of 180).
    palette = app.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Active, role, QColor("#222"))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor("#222"))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):  # as Qt derives it from #222
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(0x22, 0x22, 0x22, 128))
    app.setPalette(palette)
    if existing is not None:
        app.setStyle("Fusion")
    app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    app.setWindowIcon(icon("app"))
    return app


def install_exception_hook(log_dir: Path) -> Path:
    """Log every uncaught exception to error.log and tell the user in Chinese."""
    log_dir.mkdir(parents=True, exist_ok=True)
    from models.paths import ERROR_LOG_NAME

    log_file = log_dir / ERROR_LOG_NAME
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)

    def show(text: str) -> None:
        app = QApplication.instance()
        if app is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "程序出错", "很抱歉，程序遇到了意外错误。刚才的操作可能没有完成，但已保存的数据不受影响。")
        box.setInformativeText(f"错误详情已记录到：\n{log_file}\n如问题反复出现，请把该文件发给技术支持。")
        box.setDetailedText(text)
        box.exec()

    def show_file_problem(message: str) -> None:
        # Locked, read-only, full disk, corrupt: each says what it is and what to do;
        # not "程序出错", and never advice to restore a healthy file.
        if QApplication.instance() is not None:
            QMessageBox.warning(QApplication.activeWindow(), "数据未保存", message)

    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        problem = file_problem(exc)
        if problem is not None:
            log.warning("数据文件问题：%s\n%s", problem, text)
            run = lambda: show_file_problem(problem)  # noqa: E731
        else:
            log.error("未处理的异常\n%s", text)
            run = lambda: show(text)  # noqa: E731
        app = QApplication.instance()
        if threading.current_thread() is threading.main_thread():
            run()
        elif app is not None:
            # With the application as context the call runs on the GUI thread (a timer made
            # on a worker thread, which has no event loop, would never fire).
            QTimer.singleShot(0, app, run)

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
    return log_file


def file_problem(exc: BaseException) -> str | None:
    """The Chinese message for an error about the database file itself, else None."""
    import sqlite3

    from models.db import DatabaseError, translate_error

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        path = getattr(QApplication.instance(), "ledger_path", None) or Path("数据文件")
        translated = translate_error(exc, path)
        return str(translated) if translated is not None else None
    return None


def instance_lock(db_path: Path, lock_dir: Path) -> QLockFile | None:
    """A lock per database file, keyed on the file's identity (device and inode), not
    on how its path is spelled: a hard link, a symlink or another spelling of the same
    file finds the same lock. None when another instance holds it.
    """
    import hashlib

    from models.paths import file_identity, name_identity

    def lock_for(key: str) -> QLockFile:
        lock = QLockFile(str(lock_dir / f"instance-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}.lock"))
        lock.setStaleLockTime(0)
        return lock

    lock_dir.mkdir(parents=True, exist_ok=True)
    lock = lock_for(file_identity(db_path))
    if not lock.tryLock(100):
        return None
    if db_path.exists():
        # An instance that started before the file existed holds the lock by folder and name.
        by_name = lock_for(name_identity(db_path))
        if not by_name.tryLock(0):
            lock.unlock()
            return None
        by_name.unlock()
    return lock


class LedgerHold:
    """The instance lock of the ledger the window shows; it moves when the chair opens another file."""

    def __init__(self, lock: QLockFile, path: Path) -> None:
        self.lock, self.path = lock, path

    def move(self, lock: QLockFile | None, path: Path) -> None:
        """Hold `lock` (already taken for `path`) and let the old file's lock go."""
        if lock is None:
            return
        self.lock.unlock()
        self.lock, self.path = lock, path


def run_gui(db_path: Path) -> int:
    from models.paths import data_dir, log_dir

    app = make_app()
    install_exception_hook(log_dir())
    lock = instance_lock(db_path, data_dir())
    if lock is None:
        QMessageBox.information(None, "工会台账", f"工会台账已经在运行（数据文件：{db_path.name}）。\n请切换到已打开的窗口。")
        return 1
    from ui.main_window import MainWindow
    from ui.widgets.tasks import join_background

    window = MainWindow(db_path=db_path)
    window.show()
    held = window.hold = LedgerHold(lock, db_path)
    # Background work (the daily backup) ends before Qt and the connection go.
    app.aboutToQuit.connect(join_background)

    def open_db() -> None:
        # After the first paint: importing the database libraries takes a moment.
        from ui.opening import open_interactively

        shown = time.monotonic()
        opened = open_interactively(window, held.path, choose_file=choose_ledger)
        if opened is None:
            app.exit(2)
            return
        db, path = opened
        if path != held.path:  # the chair turned to another file: it needs its own lock
            other = instance_lock(path, data_dir())
            if other is None:
                db.close()
                QMessageBox.information(window, "工会台账", f"工会台账已经打开了这个数据文件（{path.name}）。\n请切换到已打开的窗口。")
                app.exit(1)
                return
            held.move(other, path)
        app.ledger_path = path  # type: ignore[attr-defined]  # names the file in messages
        window.open_ledger(db, path)
        if os.environ.get(STARTED_ENV):
            report_started(window, shown, Path(os.environ[STARTED_ENV]))
            return
        if not db.readonly:
            QTimer.singleShot(1500, window, lambda: start_daily_backup(path))
        QTimer.singleShot(3000, window, start_font_warmup)

    QTimer.singleShot(0, window, open_db)
    try:
        code = app.exec()
    finally:
        join_background()
        window.close_ledger()
        close_windows(app, window)
        held.lock.unlock()
    return code


STARTED_ENV = "UNION_LEDGER_STARTED_FILE"


def report_started(window, shown: float, out: Path) -> None:
    """With UNION_LEDGER_STARTED_FILE set: write what the window shows (title, page, members)
    and when (time.monotonic(): the system-wide monotonic clock on Linux and Windows, so the
    process that started this one can time its start; not the ledger's clock), save a picture of it
    beside, and quit. tests/test_packaging.py checks the built program with it and
    tests/bench.py times its start-up; there is no other way to ask a window on an
    offscreen screen what it shows."""
    import json

    app = QApplication.instance()
    app.processEvents()
    page = window.stack.currentWidget()  # the 首页 fills its figures after the window is painted
    while not getattr(page, "ready", True) and time.monotonic() - shown < 60:
        app.processEvents()
    ready = time.monotonic()
    from models.members import count_members

    members = count_members(window.ctx.db)
    window.grab().save(str(out.with_suffix(".png")))
    facts = {"shown": shown, "ready": ready, "title": window.windowTitle(), "visible": window.isVisible(),
             "page": type(window.stack.currentWidget()).__name__, "members": members, "frozen": bool(getattr(sys, "frozen", False))}
    out.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    app.exit(0)


def choose_ledger(parent, start: Path) -> Path | None:
    from ui.widgets.file_dialogs import get_open_file_name

    path, _ = get_open_file_name(parent, "打开数据文件", str(start), "工会台账数据文件 (*.db);;所有文件 (*)")
    return Path(path) if path else None


def close_windows(app: QApplication, window) -> None:
    """Close every top-level window and delete the main window (and with it every page and
    dialog parented to it) while QApplication still exists.

    Left alone, the main window was deleted during interpreter exit, after or while
    PySide destroyed QApplication, in an order nobody chose; after a session that
    printed, that crashed in libQt6Core ("shared QObject was deleted directly")."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import Shiboken

    for widget in [window, *app.topLevelWidgets()]:
        if Shiboken.isValid(widget) and widget.parent() is None:
            widget.close()
    if Shiboken.isValid(window):
        Shiboken.delete(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleteLater()s still queued


def start_font_warmup() -> None:
    """The printing font found before the first print: on a machine with only CFF Chinese
    fonts it is converted once (minutes of work, reports/font_convert.py). A daemon thread:
    quitting never waits for it; a conversion cut short is redone next time."""
    import threading

    from reports.fonts import warm_cache

    threading.Thread(target=warm_cache, name="font-cache", daemon=True).start()


def start_daily_backup(db_path: Path) -> None:
    """Once a day, a backup in the background on its own connection."""

    def work() -> None:
        from models.db import connect, daily_backup

        try:
            db = connect(db_path)
            try:
                made = daily_backup(db, db_path)
            finally:
                db.close()
            if made:
                log.info("自动备份：%s", made)
        except Exception:  # a failed backup must not stop the chair's work; it is logged
            log.exception("自动备份失败")

    from ui.widgets.tasks import start_background

    start_background("daily-backup", work)
