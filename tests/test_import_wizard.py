"""The import wizard's background work: 取消 while the file is checked and while it is imported."""

from __future__ import annotations

import csv
import time

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from models import members
from models.org import get_profile, save_profile
from tests.conftest import make_id


@pytest.fixture
def ctx(qapp, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext

    make_app()
    p = get_profile(db)
    p.union_name = "测试工会"
    save_profile(db, p)
    yield AppContext(db, db_path)
    # Delete what the wizard left for later now: a later test's make_app() restyles every
    # widget, and restyling one half deleted has crashed the run (seen with test_ui's wizard test too).
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def press_cancel_when_shown(pressed: list[bool]) -> None:
    """Click 取消 on the progress dialog as soon as it shows, as the chair would."""

    def poll() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            dialogs[0].findChild(QPushButton).click()
            pressed.append(True)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_wizard_cancel_while_checking_and_while_importing(ctx, qtbot, tmp_path, monkeypatch):
    import models.member_import as member_import
    from ui.dialogs.import_wizard import ImportWizard

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]) or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]) or QMessageBox.StandardButton.Ok)
    path = tmp_path / "r.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "入会日期"])
        w.writerows([f"会员{i}", make_id(f"19{70 + i // 400}0101", seq=i % 400 + 1), "2010-05-01"] for i in range(4_000))

    # Slow each row down a little, so the work is surely under way when 取消 is pressed.
    checked: list[int] = []
    check_row = member_import._check_row

    def slow_check(*args):
        checked.append(1)
        time.sleep(0.001)
        return check_row(*args)

    monkeypatch.setattr(member_import, "_check_row", slow_check)
    w = ImportWizard(ctx.db, ctx.db_path)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(path))
    pressed: list[bool] = []
    press_cancel_when_shown(pressed)
    w.next()
    assert pressed and w.currentPage() is w.file_page and w.plan is None
    assert len(checked) < 4_000  # the check stopped at the next row it looked at 取消

    monkeypatch.setattr(member_import, "_check_row", check_row)
    w.next()
    w.next()
    assert w.currentPage() is w.check_page and w.plan.counts["added"] == 4_000

    add_members = members.add_members

    def slow_add(db, batch):
        time.sleep(0.02)
        return add_members(db, batch)

    monkeypatch.setattr(members, "add_members", slow_add)
    pressed.clear()
    press_cancel_when_shown(pressed)
    w.next()
    assert pressed and w.currentPage() is w.check_page
    assert told and "没有写入任何数据" in told[-1]
    assert members.count_members(ctx.db) == 0
    assert ctx.db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'members'").fetchone()[0] == 0
