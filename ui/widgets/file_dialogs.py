"""Open/save file dialogs that never open the files they list.

SQLite's locks on Linux and macOS are POSIX fcntl locks, which belong to the process:
closing ANY descriptor of the database file drops all of them. Qt's file dialogs
(native GTK ones and Qt's own) open the files of the folder they show to guess
their type from the content (MIME sniffing for the icon and the 类型 column). Shown
on the database's folder, they silently took away the GUI's locks on the database
and its -shm; a CLI `backup`/`check` could then checkpoint and delete the -wal
under the running program, later saves went into a deleted file, and closing
corrupted the database.

So outside Windows (whose locks are not POSIX) these helpers use Qt's widget dialog
with an icon provider that decides icon and type by the file name alone, and no
custom folder icons (which read a .directory file). On Windows the native dialog
stays. The helpers also refuse to hand back the database file that is open (see
protect_file): importing it as a roster or exporting over it would read or
overwrite the live books.

The functions return (path, selected_filter) like QFileDialog's static ones; the
path is "" when the user cancels.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QStyle, QWidget

NATIVE = sys.platform == "win32"
_protected: set[tuple[int, int]] = set()  # (st_dev, st_ino) of files no dialog may return
_provider: "NameOnlyIconProvider | None" = None

# Type names for the detail view's 类型 column; anything else is "XLSX 文件" etc.
TYPE_NAMES = {
    "xlsx": "Excel 工作簿", "xls": "Excel 97-2003 工作簿", "csv": "CSV 文件", "pdf": "PDF 文件",
    "db": "数据文件", "ttf": "TrueType 字体", "ttc": "TrueType 字体集", "txt": "文本文件",
}


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name only: never opens a file (QAbstractFileIconProvider's
    own icon() and type() ask QMimeDatabase, which reads the file's first bytes).

    QFileSystemModel calls icon() on its gatherer thread, so the icons are made once,
    on the GUI thread, and only handed out here."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)
        style = QApplication.style()
        pixmap = QStyle.StandardPixmap
        self._icons = {
            QAbstractFileIconProvider.IconType.Folder: style.standardIcon(pixmap.SP_DirIcon),
            QAbstractFileIconProvider.IconType.File: style.standardIcon(pixmap.SP_FileIcon),
            QAbstractFileIconProvider.IconType.Drive: style.standardIcon(pixmap.SP_DriveHDIcon),
            QAbstractFileIconProvider.IconType.Computer: style.standardIcon(pixmap.SP_ComputerIcon),
            QAbstractFileIconProvider.IconType.Desktop: style.standardIcon(pixmap.SP_DesktopIcon),
            QAbstractFileIconProvider.IconType.Trashcan: style.standardIcon(pixmap.SP_TrashIcon),
            QAbstractFileIconProvider.IconType.Network: style.standardIcon(pixmap.SP_DriveNetIcon),
        }
        self._link = style.standardIcon(pixmap.SP_FileLinkIcon)

    def icon(self, what: QAbstractFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            # isDir/isRoot/isSymLink are stat() calls, not open()s.
            if what.isRoot():
                return self._icons[QAbstractFileIconProvider.IconType.Drive]
            if what.isDir():
                return self._icons[QAbstractFileIconProvider.IconType.Folder]
            if what.isSymLink():
                return self._link
            return self._icons[QAbstractFileIconProvider.IconType.File]
        return self._icons.get(what, self._icons[QAbstractFileIconProvider.IconType.File])

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return "驱动器"
        if info.isDir():
            return "文件夹"
        suffix = info.suffix().lower()
        return TYPE_NAMES.get(suffix, f"{suffix.upper()} 文件" if suffix else "文件")


def icon_provider() -> NameOnlyIconProvider:
    """One provider for the process: it must outlive every dialog's file-info thread."""
    global _provider
    if _provider is None:
        _provider = NameOnlyIconProvider()
    return _provider


def protect_file(path: str | os.PathLike) -> None:
    """No dialog may return this file (the open database)."""
    try:
        st = os.stat(path)
    except OSError:
        return
    _protected.add((st.st_dev, st.st_ino))


def is_protected(path: str | os.PathLike) -> bool:
    try:
        st = os.stat(path)  # stat, never open: opening the database here is what we avoid
    except OSError:
        return False
    return (st.st_dev, st.st_ino) in _protected


def _default_suffix(name_filter: str) -> str:
    """'Excel 文件 (*.xlsx)' -> 'xlsx', so a name typed without a suffix gets one."""
    start, end = name_filter.find("("), name_filter.find(")")
    patterns = name_filter[start + 1 : end].split() if 0 <= start < end else []
    first = patterns[0] if patterns else ""
    return first[2:] if first.startswith("*.") and "*" not in first[2:] else ""


def make_file_dialog(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "", *, save: bool = False) -> QFileDialog:
    """The dialog itself (not shown), for the helpers below and for tests. `directory` may
    name a file: its folder is shown and the name proposed."""
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if save:
        suffix = _default_suffix(name_filter)
        if suffix:
            dialog.setDefaultSuffix(suffix)
    if not NATIVE:
        dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons)
        dialog.setIconProvider(icon_provider())
        # Qt's zh_CN catalogue leaves "Look in:" and "Files of type:" in English.
        label = QFileDialog.DialogLabel
        dialog.setLabelText(label.LookIn, "查找范围：")
        dialog.setLabelText(label.FileType, "文件类型：")
        dialog.setLabelText(label.FileName, "文件名：")
        dialog.setLabelText(label.Accept, "保存" if save else "打开")
        dialog.setLabelText(label.Reject, "取消")
        dialog.resize(860, 520)  # the places column and the 名称 column whole
    return dialog


def _refuse(parent: QWidget | None, path: str, save: bool) -> None:
    name = Path(path).name
    if save:
        QMessageBox.warning(parent, "不能保存到此文件", f"{name} 是正在使用的工会台账数据文件，不能覆盖。请换一个文件名。")
    else:
        QMessageBox.warning(parent, "不能选择此文件", f"{name} 是正在使用的工会台账数据文件，不能在这里选择。请选择其他文件。")


def _run(dialog: QFileDialog, parent: QWidget | None) -> tuple[str, str]:
    save = dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    try:
        if not dialog.exec():
            return "", ""
        files = dialog.selectedFiles()
        chosen = files[0] if files else ""
        chosen_filter = dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
    if chosen and is_protected(chosen):
        _refuse(parent, chosen, save)
        return "", ""
    return chosen, chosen_filter


def get_open_file_name(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "") -> tuple[str, str]:
    if NATIVE:
        path, chosen = QFileDialog.getOpenFileName(parent, caption, directory, name_filter)
        if path and is_protected(path):
            _refuse(parent, path, False)
            return "", ""
        return path, chosen
    return _run(make_file_dialog(parent, caption, directory, name_filter), parent)


def get_open_file_names(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "") -> tuple[list[str], str]:
    """Several files at once (汇总: many unions' filings); the open database is never among them."""
    if NATIVE:
        paths, chosen = QFileDialog.getOpenFileNames(parent, caption, directory, name_filter)
    else:
        dialog = make_file_dialog(parent, caption, directory, name_filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        try:
            ok = dialog.exec()
            paths, chosen = (dialog.selectedFiles(), dialog.selectedNameFilter()) if ok else ([], "")
        finally:
            dialog.deleteLater()
    refused = [p for p in paths if is_protected(p)]
    if refused:
        _refuse(parent, refused[0], False)
    return [p for p in paths if not is_protected(p)], chosen


def get_save_file_name(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "") -> tuple[str, str]:
    if NATIVE:
        path, chosen = QFileDialog.getSaveFileName(parent, caption, directory, name_filter)
        if path and is_protected(path):
            _refuse(parent, path, True)
            return "", ""
        return path, chosen
    return _run(make_file_dialog(parent, caption, directory, name_filter, save=True), parent)


def get_existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    if NATIVE:
        return QFileDialog.getExistingDirectory(parent, caption, directory)
    dialog = make_file_dialog(parent, caption, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    try:
        return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
    finally:
        dialog.deleteLater()
