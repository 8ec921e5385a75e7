"""The main window: a navigation column and one page per module, built on first visit."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.app import icon
from ui.context import AppContext
from ui.widgets.screen_fit import fit_to_screen

# Qt.ItemDataRole.UserRole. Not spelled so here: the first use of PySide6's `Qt` namespace
# builds its ~100 Python enum classes (Qt.Key alone has 471 members), a fifth of the time
# to the first show; the pages use it once the window is up.
USER_ROLE = 0x0100


class PageSpec(NamedTuple):  # not a dataclass: `dataclasses` is not imported before the first show
    key: str
    label: str
    factory: Callable[[AppContext, "MainWindow"], QWidget] | None  # None: not built yet


def _home(ctx, window):
    from ui.pages.home import HomePage

    return HomePage(ctx, window)


def _members(ctx, window):
    from ui.pages.members import MembersPage

    return MembersPage(ctx, window)


def _congress(ctx, window):
    from ui.pages.congress import CongressPage

    return CongressPage(ctx, window)


def _disclosure(ctx, window):
    from ui.pages.disclosure import DisclosurePage

    return DisclosurePage(ctx, window)


def _aid(ctx, window):
    from ui.pages.aid import AidPage

    return AidPage(ctx, window)


def _innovation(ctx, window):
    from ui.pages.innovation import InnovationPage

    return InnovationPage(ctx, window)


def _reports(ctx, window):
    from ui.pages.filing import FilingPage

    return FilingPage(ctx, window)


def _settings(ctx, window):
    from ui.pages.settings import SettingsPage

    return SettingsPage(ctx, window)


PAGES: list[PageSpec] = [
    PageSpec("home", "首页", _home),
    PageSpec("members", "会员", _members),
    PageSpec("congress", "职代会", _congress),
    PageSpec("disclosure", "厂务公开", _disclosure),
    PageSpec("aid", "困难帮扶", _aid),
    PageSpec("innovation", "创新项目", _innovation),
    PageSpec("reports", "报表", _reports),
    PageSpec("settings", "设置", _settings),
]


class Placeholder(QWidget):
    def __init__(self, label: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(label)
        title.setObjectName("pageTitle")
        hint = QLabel("本模块将在后续版本提供。")
        hint.setObjectName("hint")
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """Shown at once; pages are built when a database is attached (attach(ctx)),
    so the window appears before the database libraries have even loaded."""

    def __init__(self, ctx: AppContext | None = None, *, db_path=None) -> None:
        super().__init__()
        self.ctx: AppContext | None = None
        self.hold = None  # ui.app.LedgerHold: the instance lock of the file shown (set by run_gui)
        path = ctx.db_path if ctx else db_path
        self.setWindowTitle(path.name if path else "工会台账")  # Qt adds " — 工会台账" (the display name)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for spec in PAGES:
            item = QListWidgetItem(spec.label)
            item.setData(USER_ROLE, spec.key)
            self.nav.addItem(item)
        # The SVG icons (and Qt's SVG engine) right after the first show, not before it.
        QTimer.singleShot(0, self, self._nav_icons)
        self.nav.setEnabled(False)
        title = QLabel("工会台账")
        title.setObjectName("appTitle")
        side = QWidget()
        side.setObjectName("navigation")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(title)
        side_layout.addWidget(self.nav, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; color: #5c4400; padding: 6px 12px; border-bottom: 1px solid #e0c97f;")
        self.banner.setVisible(False)
        outer = QWidget()
        outer_layout = QVBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.setSpacing(0)
        outer_layout.addWidget(self.banner)
        outer_layout.addWidget(central, 1)
        self.setCentralWidget(outer)
        self._nav_connected = False
        self.statusBar().showMessage(f"正在打开数据文件 {path} …" if path else "")
        for keys, method in (("Ctrl+F", "focus_search"), ("Ctrl+N", "new_record"), ("Ctrl+P", "print_current")):
            QShortcut(QKeySequence(keys), self, lambda m=method: self._forward(m))
        self._restore_geometry()
        if ctx is not None:
            self.attach(ctx)

    def _nav_icons(self) -> None:
        for row, spec in enumerate(PAGES):
            self.nav.item(row).setIcon(icon(f"nav_{spec.key}"))

    def open_ledger(self, db, path) -> AppContext:
        """Show the ledger just opened (models.db.open_database) on every page."""
        from models.ledger import Ledger

        ledger = Ledger(db, path, read_only=bool(getattr(db, "readonly", False)))
        ctx = AppContext(ledger, path)
        self.attach(ctx)
        return ctx

    def attach(self, ctx: AppContext) -> None:
        """Open the pages on a database."""
        from ui.widgets.file_dialogs import protect_file

        self.ctx = ctx
        self.setWindowTitle(ctx.db_path.name + ("（只读）" if ctx.read_only else ""))  # shown as "名称 — 工会台账"
        protect_file(ctx.db_path)  # no file dialog may hand back the live database
        self.statusBar().showMessage(f"数据文件：{ctx.db_path}")
        message = getattr(ctx.db, "readonly_message", "") if ctx.read_only else ""
        self.banner.setText(message or "此数据文件以只读方式打开：可以查看和打印，不能修改。")
        self.banner.setVisible(ctx.read_only)
        self.nav.setEnabled(True)
        if not self._nav_connected:
            self.nav.currentRowChanged.connect(self._show_row)
            self._nav_connected = True
        if ctx.news is not None:
            ctx.news.changed.connect(self._on_changes)
        if self.nav.currentRow() == 0:
            self._show_row(0)
        else:
            self.nav.setCurrentRow(0)

    def close_ledger(self) -> None:
        """Drop every page and close the database (before a restore replaces the file, and at exit)."""
        if self.ctx is None:
            return
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self.nav.setEnabled(False)
        ctx, self.ctx = self.ctx, None
        ctx.close()

    def restore_from_backup(self) -> bool:
        """Close the ledger, let the chair restore a backup over it, and open it again.

        The file is only replaced while no connection of ours is open: restoring under
        an open connection left the window on the old schema ("no such table")."""
        from ui.opening import open_interactively, restore_interactively

        if self.ctx is None:
            return False
        path = self.ctx.db_path
        self.close_ledger()
        restored = False
        try:
            restored = restore_interactively(self, path)
        finally:
            opened = open_interactively(self, path, choose_file=lambda parent, start: None)
            if opened is not None:
                self.open_ledger(*opened)
        return restored

    def open_other_ledger(self, chosen: Path | None = None) -> bool:
        """设置 → 打开其他数据文件: the other file is opened first, and only then is this one
        closed, so a file that cannot be used (not a ledger, damaged, in another window)
        leaves the chair where they were, with the reason."""
        from PySide6.QtWidgets import QMessageBox

        from models import db as dbmod
        from models.paths import data_dir, file_identity
        from ui.app import choose_ledger, instance_lock, start_daily_backup

        if self.ctx is None or not self._leave_ok(self.stack.currentWidget()):
            return False
        if chosen is None:
            chosen = choose_ledger(self, self.ctx.db_path.parent)
            if chosen is None:
                return False
        if file_identity(chosen) == file_identity(self.ctx.db_path):
            QMessageBox.information(self, "打开数据文件", f"“{chosen.name}”就是当前打开的数据文件。")
            return False
        lock = None
        if self.hold is not None:
            lock = instance_lock(chosen, data_dir())
            if lock is None:
                QMessageBox.information(self, "打开数据文件", f"工会台账已经在另一个窗口打开了这个数据文件（{chosen.name}）。\n请切换到那个窗口。")
                return False
        try:
            db = dbmod.open_database(chosen, allow_readonly=True)
        except dbmod.DatabaseError as exc:
            if lock is not None:
                lock.unlock()
            QMessageBox.warning(self, "无法打开数据文件", f"{exc}\n\n当前数据文件（{self.ctx.db_path.name}）仍然打开着。")
            return False
        self.close_ledger()
        if self.hold is not None:
            self.hold.move(lock, chosen)
        QApplication.instance().ledger_path = chosen  # type: ignore[attr-defined]  # names the file in messages
        self.open_ledger(db, chosen)
        if not db.readonly and self.hold is not None:
            QTimer.singleShot(1500, self, lambda: start_daily_backup(chosen))
        return True

    def _on_changes(self, changes) -> None:
        """The ledger changed: the page on screen refreshes if it shows those tables.

        Pages name what they show in `watches`; hidden pages refresh when shown.
        """
        widget = self.stack.currentWidget()
        watches = getattr(widget, "watches", ())
        refresh = getattr(widget, "refresh", None)
        if watches and callable(refresh) and changes.touches(*watches):
            refresh()

    def page(self, key: str) -> QWidget:
        """The page for a key, built the first time it is needed."""
        if key not in self.pages:
            spec = next(s for s in PAGES if s.key == key)
            widget = spec.factory(self.ctx, self) if spec.factory else Placeholder(spec.label)
            from ui.widgets.wheel_guard import guard

            guard(widget)  # its combo and spin boxes take the wheel only when focused
            widget.setContentsMargins(16, 12, 16, 8)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def go(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(PAGES) if s.key == key)
        self.nav.setCurrentRow(row)
        return self.pages[key]

    def _leave_ok(self, widget: QWidget | None) -> bool:
        """A page holding unsaved edits (设置, the minutes) asks 保存/不保存/取消 before it goes."""
        leave_ok = getattr(widget, "leave_ok", None)
        return not callable(leave_ok) or bool(leave_ok())

    def _show_row(self, row: int) -> None:
        if self.ctx is None or row < 0:
            return
        current = self.stack.currentWidget()
        if current is not None and current is not self.pages.get(PAGES[row].key) and not self._leave_ok(current):
            back = next((i for i, s in enumerate(PAGES) if self.pages.get(s.key) is current), -1)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(back)
            self.nav.blockSignals(False)
            return
        widget = self.page(PAGES[row].key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh) and getattr(widget, "_shown_once", False):
            refresh()
        widget._shown_once = True  # type: ignore[attr-defined]

    def _forward(self, method: str) -> None:
        action = getattr(self.stack.currentWidget(), method, None)
        if callable(action):
            action()

    def _restore_geometry(self) -> None:
        screen = self.screen().availableGeometry()
        geometry = QSettings().value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            size = self.size()
            fits = size.width() <= screen.width() and size.height() <= screen.height()
            if fits and size.width() >= 1000 and size.height() >= 600:
                return
        # First start, or a remembered size that no longer suits this screen.
        fit_to_screen(self, 1280, 800)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not all(self._leave_ok(page) for page in list(self.pages.values())):
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        for page in self.pages.values():  # work queued for later (the 首页 figures) must not outlive the ledger
            stop = getattr(page, "stop_pending", None)
            if stop is not None:
                stop()
        super().closeEvent(event)
