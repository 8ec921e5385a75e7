"""The import wizard's background work: 取消 while the file is checked and while it is imported."""

from __future__ import annotations

import csv
import time

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ui.widgets.tasks import ProgressWindow

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
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressWindow) and w.isVisible()]
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
    check_row = member_import._read_row

    def slow_check(*args):
        checked.append(1)
        time.sleep(0.001)
        return check_row(*args)

    monkeypatch.setattr(member_import, "_read_row", slow_check)
    w = ImportWizard(ctx.db, ctx.db_path)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(path))
    pressed: list[bool] = []
    press_cancel_when_shown(pressed)
    w.next()
    assert pressed and w.currentPage() is w.file_page and w.plan is None
    assert len(checked) < 4_000  # the check stopped at the next row it looked at 取消

    monkeypatch.setattr(member_import, "_read_row", check_row)
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


def _roster(path, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "入会日期", "手机号码"])
        w.writerows(rows)


def test_problems_beyond_the_listed_ones_are_said_under_the_list(ctx, qtbot, tmp_path, monkeypatch):
    """More problems than the wizard lists: the page says how many are not listed."""
    import models.member_import as member_import
    from ui.dialogs.import_wizard import ImportWizard

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    limit = member_import.MAX_LISTED_PROBLEMS
    path = tmp_path / "bad.csv"
    # two problems a row (a wrong check digit, a month 13): the list is full after limit / 2 rows
    _roster(path, [[f"错{i}", "110105194912310021", "2011-13-01", ""] for i in range(limit // 2 + 100)])
    w = ImportWizard(ctx.db, ctx.db_path)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(path))
    w.next()
    w.next()
    page = w.check_page
    assert w.currentPage() is page and page.table.rowCount() == limit
    unlisted = w.plan.unlisted
    assert unlisted == 200
    assert page.unlisted.isVisible() and page.unlisted.text().startswith(f"还有 {unlisted} 处问题未列出")
    assert "错误行文件" in page.unlisted.text()


def test_a_short_problem_list_has_no_note(ctx, qtbot, tmp_path):
    from ui.dialogs.import_wizard import ImportWizard

    path = tmp_path / "r.csv"
    _roster(path, [["张伟", make_id(seq=1), "2010-05-01", ""], ["李娜", "110105194912310021", "2011-01-01", ""]])
    w = ImportWizard(ctx.db, ctx.db_path)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(path))
    w.next()
    w.next()
    assert w.check_page.table.rowCount() == 1 and not w.check_page.unlisted.isVisible()


def test_result_page_says_how_many_members_edited_since_the_check_were_overwritten(ctx, qtbot, tmp_path):
    from models.members import Member
    from ui.dialogs.import_wizard import ImportWizard

    ids = [members.add_member(ctx.db, Member(name=f"会员{i}", id_number=make_id(seq=i + 1), join_date="2010-05-01")) for i in range(3)]
    path = tmp_path / "r.csv"
    _roster(path, [[f"会员{i}", make_id(seq=i + 1), "2010-05-01", f"1390000000{i}"] for i in range(3)])
    w = ImportWizard(ctx.db, ctx.db_path)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(path))
    w.next()
    w.next()
    assert w.plan.counts["updated"] == 3
    for member_id in ids[:2]:  # someone types a phone number between the check and 导入
        m = members.get_member(ctx.db, member_id)
        m.phone = "13811112222"
        members.update_member(ctx.db, m)
    w.next()
    assert w.currentPage() is w.done_page and w.result["overwritten"] == 2
    text = w.done_page.text.text()
    assert "更新 3 人" in text and "其中 2 人" in text and "覆盖" in text
    assert members.get_member(ctx.db, ids[0]).phone == "13900000000"
