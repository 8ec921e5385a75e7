"""Starting the GUI: Chinese Qt dialogs, a Simplified Chinese font, one stylesheet,
one instance per database file, and an exception hook that logs and explains
instead of dying. Heavy modules are imported only when a page needs them.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLockFile, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# Qt picks Japanese glyph shapes for shared Han characters unless told otherwise.
CJK_FAMILIES = ("Microsoft YaHei", "Microsoft YaHei UI", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimSun", "PingFang SC")
log = logging.getLogger("union_ledger")


def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("工会台账")
    app.setOrganizationName("UnionLedger")
    app.setApplicationDisplayName("工会台账")
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        app._translator = translator  # type: ignore[attr-defined]  # keep it alive
    families = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in families), None)
    font = QFont(family) if family else app.font()
    font.setPointSizeF(10.5)
    app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    app.setWindowIcon(icon("members"))
    return app


def install_exception_hook(log_dir: Path) -> Path:
    """Log every uncaught exception to error.log and tell the user in Chinese."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "error.log"
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

    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的异常\n%s", text)
        app = QApplication.instance()
        if threading.current_thread() is threading.main_thread():
            show(text)
        elif app is not None:
            # With the application as context the call runs on the GUI thread (a timer made
            # on a worker thread, which has no event loop, would never fire).
            QTimer.singleShot(0, app, lambda: show(text))

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
    return log_file


def instance_lock(db_path: Path, lock_dir: Path) -> QLockFile | None:
    """A lock per database file; None when another instance holds it."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    lock = QLockFile(str(lock_dir / f"instance-{key}.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        return None
    return lock


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
    opened: dict = {}
    # Background work (the daily backup) ends before Qt and the connection go.
    app.aboutToQuit.connect(join_background)

    def open_db() -> None:
        # After the first paint: importing the database libraries takes a moment.
        from models.db import DatabaseError, open_database
        from ui.context import AppContext

        try:
            opened["db"] = open_database(db_path)
        except DatabaseError as exc:
            QMessageBox.critical(window, "无法打开数据文件", str(exc))
            app.exit(2)
            return
        window.attach(AppContext(opened["db"], db_path))
        QTimer.singleShot(1500, window, lambda: start_daily_backup(db_path))

    QTimer.singleShot(0, window, open_db)
    try:
        code = app.exec()
    finally:
        join_background()
        close_windows(app, window)
        if "db" in opened:
            opened["db"].close()
        lock.unlock()
    return code


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
