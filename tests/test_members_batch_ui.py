"""The members page, offscreen: ticks held as member ids survive paging, search and a new
filter; 全选 ticks a filtered list by its SQL filter; batch status and dues dialogs write all
or none; a member is voided from the page and shown again with 显示已作废; the 导入记录
dialog undoes an import; the unpaid list exports to xlsx."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import clock, dues, member_list, members, membership
from models.member_list import MemberFilter
from models.members import Member
from tests.conftest import make_id, member
from ui.widgets import void_dialog


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2026-06-30T10:00:00"):
        yield


@pytest.fixture
def ctx(qapp, db, db_path):
    from ui.context import AppContext

    return AppContext(db, db_path, news=False)


@pytest.fixture
def quiet(monkeypatch):
    said: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: said.append(text) or QMessageBox.StandardButton.Ok)
    return said


def many(db, n: int) -> list[int]:
    """n members, every third in 设备部, the rest in 生产部."""
    import datetime as dt

    born = lambda i: (dt.date(1970, 1, 1) + dt.timedelta(days=i // 100)).strftime("%Y%m%d")  # noqa: E731
    batch = [members.validate(Member(name=f"会员{i:04d}", id_number=make_id(born(i), seq=i % 100 + 1), join_date="2010-05-01",
                                     department="设备部" if i % 3 == 0 else "生产部", monthly_wage_fen=400000)) for i in range(n)]
    return members.add_members(db, batch)


def page_of(qtbot, ctx):
    from ui.pages.members import MembersPage

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    return page


def ticked_on_screen(page) -> set[int]:
    m = page.model
    return {m.id_at(r) for r in range(m.rowCount()) if m.data(m.index(r, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked}


def test_ticks_survive_paging_search_and_filter(qtbot, ctx, db):
    ids = many(db, 700)
    page = page_of(qtbot, ctx)
    m = page.model
    qtbot.waitUntil(lambda: m.rowCount() == 700)  # the first 300, then the rest once painted
    m.setData(m.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    m.setData(m.index(650, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    first, late = m.id_at(0), m.id_at(650)
    assert page.ticked.text() == "已勾选 2 人"
    page.search.setText(members.get_member(db, late).name)
    page.search.flush()
    assert m.rowCount() == 1 and ticked_on_screen(page) == {late}
    page.search.setText("")
    page.search.flush()
    page.department.setCurrentIndex(page.department.findData("设备部"))
    page.tick_all()  # by the SQL filter: every 设备部 member, loaded on screen or not
    in_dept = set(member_list.ids_matching(db, MemberFilter(status="active", department="设备部")))
    assert len(in_dept) == 234 and set(m.checked) == in_dept | {first, late}
    page.department.setCurrentIndex(0)
    qtbot.waitUntil(lambda: m.rowCount() == 700)
    assert ticked_on_screen(page) == in_dept | {first, late}
    # Shift-selected rows ticked with one press (勾选选中行 / Space), and unticked again.
    page.model.clear_checked()
    page.table.selectRow(3)
    page.table.selectionModel().select(m.index(5, 0), page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows)
    page.tick_selected_rows()
    assert m.checked == {m.id_at(3), m.id_at(5)}
    assert set(ids) >= m.checked


def test_batch_status_dialog_all_or_none(qtbot, ctx, db, quiet):
    from ui.dialogs.member_batch import status_dialog

    a = members.add_member(db, member("甲一", id_number=make_id(seq=1)))
    b = members.add_member(db, member("乙二", id_number=make_id(seq=2)))
    membership.record_event(db, b, "withdraw", "2026-01-01", reason="own_request")
    d = status_dialog(db, [a, b], None)
    qtbot.addWidget(d)
    d.form.editors["kind"].setCurrentIndex(d.form.editors["kind"].findData("withdraw"))
    d.form.set_value("date", "2026-06-01")
    d.accept()
    assert d.result() != d.DialogCode.Accepted
    assert "乙二" in d.message.text() and "全部未办理" in d.message.text()
    assert members.get_member(db, a).status == "active"
    d2 = status_dialog(db, [a], None)
    qtbot.addWidget(d2)
    d2.form.editors["kind"].setCurrentIndex(d2.form.editors["kind"].findData("retain"))
    d2.form.set_value("date", "2026-06-01")
    d2.accept()
    assert d2.result() == d2.DialogCode.Accepted and members.get_member(db, a).status == "retained"


def test_dues_by_department_preview_then_write(qtbot, ctx, db):
    from ui.dialogs.member_batch import DuesBatchDialog

    many(db, 9)
    d = DuesBatchDialog(db, None)
    qtbot.addWidget(d)
    d.department.setCurrentIndex(d.department.findData("设备部"))
    d.first.setText("2026-04")
    d.last.setText("2026-05")
    assert d.preview()
    assert d.table.rowCount() == 6 and "3 人 6 笔，合计 120.00 元" in d.summary.text()
    d.save()
    assert d.result() == d.DialogCode.Accepted and d.written == 6
    assert dues.unpaid_list(db, "2026-04", "2026-05", "设备部")["rows"] == []
    again = DuesBatchDialog(db, None, member_ids=[1, 2])  # 会员0000 (设备部, paid) and 会员0001
    qtbot.addWidget(again)
    again.first.setText("2026-05")
    again.last.setText("2026-05")
    assert again.preview() and again.table.rowCount() == 1 and "已缴" in again.skipped.text()


def test_void_from_the_page_and_show_voided(qtbot, ctx, db, quiet, monkeypatch):
    keep = members.add_member(db, member("王芳", id_number=make_id(seq=1)))
    wrong = members.add_member(db, member("李误", id_number=make_id(seq=2), member_no="A002"))
    asked: list[str] = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda _p, _t, what, note="": asked.append(what) or "录入错误")
    page = page_of(qtbot, ctx)
    page.table.selectRow(page.model.rows.index_of(wrong))
    page.void_selected()
    assert asked and "李误" in asked[0] and "A002" in asked[0] and "********" in asked[0]
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [keep]
    page.status.setCurrentIndex(0)  # all statuses: still not there
    assert page.model.rowCount() == 1
    page.show_void.setChecked(True)
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [wrong]
    assert page.model.data(page.model.index(0, page.keys.index("status"))) == "已作废"
    assert not page.status.isEnabled()


def test_import_batches_dialog_undoes(qtbot, ctx, db, tmp_path, monkeypatch, quiet):
    from models.member_import import apply_import, plan_import
    from tests.test_import_friction import xlsx
    from ui.dialogs.import_batches import ImportBatchesDialog

    apply_import(db, plan_import(db, xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "入会时间"], ["张伟", make_id(seq=1), "2012-07-01"]])))
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda *a, **k: "导错了")
    d = ImportBatchesDialog(db, None)
    qtbot.addWidget(d)
    assert d.table.rowCount() == 1 and d.undo.isEnabled()
    d.undo_selected()
    assert members.count_members(db) == 0 and d.undone == 1
    assert "已撤销" in d.table.model().text(0, 5) and not d.undo.isEnabled()


def test_unpaid_dialog_exports_xlsx(qtbot, ctx, db, tmp_path, monkeypatch, quiet):
    import ui.widgets.file_dialogs as fd
    from ui.dialogs.dues_dialog import UnpaidDuesDialog

    many(db, 4)
    out = tmp_path / "u.xlsx"
    monkeypatch.setattr(fd, "get_save_file_name", lambda *a, **k: (str(out), ""))
    d = UnpaidDuesDialog(db, None, ctx)
    qtbot.addWidget(d)
    d.period.setText("2026-05")
    d.export_list()
    from openpyxl import load_workbook

    assert out.exists() and load_workbook(out).active.cell(4, 2).value == "会员0001"  # 生产部 first
    assert "已导出 4 人" in quiet[-1]


def test_a_voided_member_opens_read_only(qtbot, ctx, db):
    from models.member_void import void_member
    from ui.dialogs.member_dialog import MemberDialog

    wrong = members.add_member(db, member("李误", id_number=make_id(seq=2)))
    void_member(db, wrong, "重复录入")
    d = MemberDialog(db, wrong)
    qtbot.addWidget(d)
    assert "已作废" in d.windowTitle() and "重复录入" in d.message.text() and not d.form.isEnabled()
