"""The 困难帮扶 page offscreen: lists with masked IDs, the case window, dialogs and the batch round."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import clock
from models import aid
from models import aid_payments as ap
from models.demo_aid import fill_aid
from models.members import add_member
from models.validation import format_money
from models.org import get_profile, save_profile
from tests.conftest import make_id, member


@pytest.fixture
def ctx(qapp, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext

    make_app()
    p = get_profile(db)
    p.union_name, p.min_living_fen = "测试工会", 93000
    save_profile(db, p)
    for i in range(40):
        add_member(db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 2 == 0)))
    fill_aid(db, seed=3)
    return AppContext(db, db_path)


def test_lists_mask_ids_unless_revealed(ctx, qtbot):
    from ui.pages.aid import AidPage

    page = AidPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 10
    assert all("********" in page.table.rows.text(r, 2) for r in range(page.table.rowCount()))
    page.table.selectRow(0)
    page.reveal()
    revealed = [r for r in range(page.table.rowCount()) if "********" not in page.table.rows.text(r, 2)]
    assert len(revealed) == 1
    for view, count in (("out_of_hardship", 1), ("cancelled", 1)):
        page.view.setCurrentIndex(page.view.findData(view))
        assert page.table.rowCount() == count


def test_case_window_and_payment_dialog(ctx, qtbot, monkeypatch):
    from ui.dialogs.aid_case import CaseWindow, payment_dialog

    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'active' LIMIT 1").fetchone()[0]
    w = CaseWindow(ctx, case_id)
    qtbot.addWidget(w)
    assert w.household.rowCount() >= 3 and w.payments.rowCount() >= 1 and w.timeline.rowCount() >= 5
    assert "人均月收入" in w.figures.text() and not w.step_buttons["visit"].isEnabled()
    d = payment_dialog(ctx.db, case_id, w)
    d.form.editors["amount_fen"].setText("-5")
    d.accept()
    assert "负数" in d.form.errors["amount_fen"].text()
    d.form.editors["amount_fen"].setText("1,200")
    assert d.form.editors["words"].text() == "壹仟贰佰元整"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    before = len(ap.payments(ctx.db, case_id))
    d.accept()
    assert len(ap.payments(ctx.db, case_id)) == before + 1


def test_early_approval_needs_reason_in_dialog(ctx, qtbot):
    from ui.dialogs.aid_case import step_dialog

    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'notice'").fetchone()[0]
    d = step_dialog(ctx.db, case_id, "approve", None)
    qtbot.addWidget(d)
    notice_end = ctx.db.execute("SELECT end_date FROM aid_case_events WHERE case_id = ? AND kind = 'notice'", (case_id,)).fetchone()[0]
    d.form.set_value("date", notice_end)
    d.accept()
    assert "提前审批" in d.form.errors["reason"].text()
    assert aid.get_case(ctx.db, case_id).state == "notice"


def test_batch_bad_row_writes_nothing(ctx, qtbot):
    from ui.dialogs.aid_batch import BatchDialog

    d = BatchDialog(ctx.db)
    qtbot.addWidget(d)
    n = d.table.rowCount()
    assert n == 8
    before = ctx.db.execute("SELECT count(*) FROM aid_payments").fetchone()[0]
    m = d.table.rows
    assert m.setData(m.index(2, 5), "-10")  # typed into the cell, as the view's editor does
    d.save()
    assert "第 3 行" in d.error.text()
    assert ctx.db.execute("SELECT count(*) FROM aid_payments").fetchone()[0] == before
    assert m.setData(m.index(2, 5), "600")
    assert m.setData(m.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert d.total.text().startswith(f"共 {n - 1} 户")
    d.form.editors["amount"].set_value(30000)
    d.apply_default()  # ticked rows only
    assert m.text(0, 5) == "500.00" and {m.text(r, 5) for r in range(1, n)} == {"300.00"}
    assert f"合计 {format_money(30000 * (n - 1))} 元" in d.total.text()
    d.save()
    assert ctx.db.execute("SELECT count(*) FROM aid_payments").fetchone()[0] == before + n - 1


def test_aid_tables_are_filled_without_insert_row(ctx, qtbot, monkeypatch):
    """QTableWidget.insertRow leaks under PySide6 6.12 on Python 3.10 and aborts after thousands of rows."""
    from PySide6.QtWidgets import QTableWidget

    from ui.dialogs.aid_batch import BatchDialog
    from ui.dialogs.aid_case import CaseWindow
    from ui.pages.aid import AidPage

    def refuse(*_):
        raise AssertionError("insertRow")

    monkeypatch.setattr(QTableWidget, "insertRow", refuse)
    page = AidPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 10 and page.table.rows.key(0)
    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'active' LIMIT 1").fetchone()[0]
    w = CaseWindow(ctx, case_id)
    qtbot.addWidget(w)
    assert w.household.rowCount() >= 3 and w.timeline.rowCount() >= 5 and w.audit.rowCount() >= 1
    d = BatchDialog(ctx.db)
    qtbot.addWidget(d)
    assert d.table.rowCount() == 8


def test_batch_offers_the_files_active_on_the_round_date(ctx, qtbot):
    import datetime as dt

    from ui.dialogs.aid_batch import BatchDialog

    d = BatchDialog(ctx.db)
    qtbot.addWidget(d)
    assert d.table.rowCount() == 8
    d.date.set_value(f"{clock.today().year - 1}-01-18")  # the closed files were still active then
    d.date.edit.editingFinished.emit()
    assert d.table.rowCount() == 10
    assert "共 10 户" in d.total.text()


def test_tier_dialog_dates_a_change_or_marks_a_correction(ctx, qtbot):
    from ui.dialogs.aid_case import tier_dialog

    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'active' AND tier = 'relative' LIMIT 1").fetchone()[0]
    events = lambda: ctx.db.execute("SELECT count(*) FROM aid_case_events WHERE case_id = ?", (case_id,)).fetchone()[0]  # noqa: E731
    before = events()
    d = tier_dialog(ctx.db, case_id, None)
    qtbot.addWidget(d)
    d.form.set_value("tier", "accident")
    d.form.set_value("tier_reason", "录错了")
    d.form.editors["correction"].setChecked(True)
    d.accept()
    assert d.result() and aid.get_case(ctx.db, case_id).tier == "accident" and events() == before
    d = tier_dialog(ctx.db, case_id, None)
    qtbot.addWidget(d)
    d.form.set_value("tier", "deep")
    d.form.set_value("tier_reason", "病情加重")
    d.form.set_value("on", "")
    d.accept()
    assert "生效的日期" in d.form.errors["on"].text()
    today = ctx.db.execute("SELECT max(date) FROM aid_case_events WHERE case_id = ?", (case_id,)).fetchone()[0]
    d.form.set_value("on", today)
    d.accept()
    last = ctx.db.execute("SELECT kind, date, from_tier, to_tier FROM aid_case_events WHERE case_id = ? ORDER BY id DESC LIMIT 1", (case_id,)).fetchone()
    assert tuple(last) == ("tier_change", today, "accident", "deep") and events() == before + 1


def test_remove_member_dialog_takes_the_date(ctx, qtbot):
    from ui.dialogs.aid_case import remove_member_dialog

    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'active' LIMIT 1").fetchone()[0]
    member = aid.household_members(ctx.db, case_id)[1]
    d = remove_member_dialog(ctx.db, member.id, None)
    qtbot.addWidget(d)
    d.form.set_value("reason", "分户")
    d.accept()
    assert d.result() and member.id not in {h.id for h in aid.household_members(ctx.db, case_id)}


def test_change_log_names_every_audit_action(ctx, qtbot):
    """The trail also holds 'event' (done to the ledger as a whole) and 'delete' entries; the
    case window's 变更记录 names them with the code table's labels instead of failing."""
    from models import audit, codes
    from ui.dialogs.aid_case import CaseWindow

    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'active' LIMIT 1").fetchone()[0]
    payment = next(p for p in ap.payments(ctx.db, case_id) if not p.voided_at)
    audit.log_event(ctx.db, "aid_cases", case_id, "从备份恢复了账本")
    audit.log_event(ctx.db, "aid_payments", payment.id, "核对了发放记录")
    w = CaseWindow(ctx, case_id)
    qtbot.addWidget(w)
    actions = [w.audit.rows.text(r, 2) for r in range(w.audit.rowCount())]
    assert actions.count(codes.AUDIT_ACTION.label("event")) == 2
    assert set(actions) <= set(codes.AUDIT_ACTION.labels())
    notes = [w.audit.rows.text(r, 3) for r in range(w.audit.rowCount())]
    assert "从备份恢复了账本" in notes and "核对了发放记录" in notes


def test_new_case_picks_a_member_and_causes_from_lists(ctx, qtbot):
    """The member picker and the secondary causes are lists over plain rows (RowsList):
    picking a member fills the form, the ticked causes are saved by their codes."""
    from models import codes
    from ui.dialogs.aid_case import new_case_dialog

    member_id = add_member(ctx.db, member(name="欧阳新档", id_number=make_id("19900101", seq=77), phone="13912345678", department="质检部"))
    d = new_case_dialog(ctx.db, None)
    qtbot.addWidget(d)
    picker = d.form.editors["member"]
    picker.search.setText("欧阳新档")
    picker.search.flush()
    assert picker.list.count() == 1 and "质检部" in picker.list.rows.text(0, 0)
    assert picker.list.select_key(member_id)
    assert d.form.value("worker_name") == "欧阳新档" and d.form.value("phone") == "13912345678"
    causes = d.form.editors["secondary_causes"]
    assert causes.count() == len(codes.HARDSHIP_CAUSE.codes())
    causes.select_key("schooling")
    causes.select_key("accident")
    d.form.set_value("main_cause", "major_illness")
    d.accept()
    case = aid.get_case(ctx.db, d.value)
    assert case.member_id == member_id and sorted(case.secondary_causes) == ["accident", "schooling"]
