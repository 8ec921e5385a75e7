"""设置 › 关于与文件夹: the version, and the data folder and error log one click away."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import db as dbmod
from models.version import VERSION


@pytest.fixture
def page(qapp, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    import models.paths as paths
    from ui.main_window import MainWindow

    opened: list[str] = []
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: told.append((title, text)))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append((title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append((title, text)))
    monkeypatch.setattr(paths, "user_data_dir", lambda *a, **k: str(tmp_path / "userdata"), raising=False)
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "userdata"))
    path = tmp_path / "台账" / "本单位.db"
    path.parent.mkdir()
    w = MainWindow(db_path=path)
    qtbot.addWidget(w)
    w.open_ledger(dbmod.open_database(path), path)
    p = w.go("settings")
    p.opened, p.told, p.ledger = opened, told, path
    yield p
    w.close_ledger()


def _button(page, text: str):
    from PySide6.QtWidgets import QPushButton

    found = [b for b in page.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, text
    return found[0]


def test_the_version_shows_and_about_names_the_files(page):
    assert VERSION in page.about.version_label.text()
    _button(page, "关于工会台账…").click()
    title, text = page.told[-1]
    assert title == "关于工会台账"
    assert f"工会台账 {VERSION}" in text
    assert str(page.ledger) in text
    assert str(page.ledger.parent / "备份") in text
    assert "error.log" in text


def test_the_data_folder_opens_in_one_click(page):
    _button(page, "打开数据文件夹").click()
    assert Path(page.opened[-1]) == page.ledger.parent


def test_the_backups_folder_opens_in_one_click(page):
    _button(page, "打开备份文件夹").click()
    assert Path(page.opened[-1]) == page.ledger.parent / "备份"


def test_the_error_log_opens_or_its_folder_when_there_is_none(page, tmp_path):
    _button(page, "打开错误日志").click()
    log = tmp_path / "userdata" / "logs" / "error.log"
    assert Path(page.opened[-1]) == log.parent
    assert "没有错误记录" in page.told[-1][1]
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("2026-12-04 程序出错\n", encoding="utf-8")
    _button(page, "打开错误日志").click()
    assert Path(page.opened[-1]) == log


def test_a_folder_the_system_cannot_open_is_named(page, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    _button(page, "打开数据文件夹").click()
    title, text = page.told[-1]
    assert title == "无法打开" and str(page.ledger.parent) in text
