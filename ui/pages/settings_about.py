"""设置 › 关于与文件夹: the program's version, and the data folder, the backups folder and
the error log one click away (the chair's helper on the phone asks for exactly these)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from models.backups import backup_dir
from models.paths import error_log_path
from models.version import APP_TITLE, describe


def about_text(db_path: Path) -> str:
    """What 关于 says: version, where the data, backups and log are, and the runtime."""
    return "\n".join(
        (
            describe(),
            "基层工会会员实名制、职代会、困难帮扶等台账。",
            "",
            f"数据文件：{db_path}",
            f"备份文件夹：{backup_dir(db_path)}",
            f"错误日志：{error_log_path()}",
            "",
            f"Qt {qVersion()}，PySide6 {PYSIDE_VERSION}，Python {sys.version.split()[0]}",
        )
    )


def open_location(parent: QWidget, path: Path) -> bool:
    """Open a folder (or a file) in the system's file manager or viewer; says so when it cannot."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    QMessageBox.warning(parent, "无法打开", f"系统未能打开：\n{path}\n请在文件管理器中手动打开该位置。")
    return False


class AboutBox(QWidget):
    """The section at the foot of 设置 (打开备份文件夹 is in 数据与备份 above it); the page passes
    the ledger's path, and is rebuilt when another file is opened."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("关于与文件夹")
        title.setObjectName("sectionTitle")
        self.version_label = QLabel(describe())
        buttons = QHBoxLayout()
        for text, slot in (
            ("打开数据文件夹", self.open_data_folder),
            ("打开错误日志", self.open_log),
            (f"关于{APP_TITLE}…", self.show_about),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addLayout(buttons)

    def open_data_folder(self) -> bool:
        return open_location(self, self.db_path.parent)

    def open_log(self) -> bool:
        """The log file itself when there is one; else its folder, saying nothing went wrong yet."""
        log = error_log_path()
        if log.exists() and log.stat().st_size:
            return open_location(self, log)
        QMessageBox.information(self, "错误日志", f"目前没有错误记录。日志文件将保存在：\n{log}")
        return open_location(self, log.parent)

    def show_about(self) -> None:
        QMessageBox.about(self, f"关于{APP_TITLE}", about_text(self.db_path))
