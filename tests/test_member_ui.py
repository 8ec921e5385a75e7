"""The member window and dated facts, offscreen: the editor asks when a 部门/学历 … change took
effect (or whether it was a typo), the 信息变动 tab voids and corrects, the change log reads
every action in Chinese."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from models import audit, clock, member_time, members
from models.members import get_member, update_member
from tests.conftest import member
from ui.widgets import void_dialog


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2026-06-30T10:00:00"):
        yield


@pytest.fixture
def mid(db) -> int:
    return members.add_member(db, member(name="李娜", department="生产部", education="college", join_date="2010-05-01"))


def dialog(qtbot, db, member_id: int | None):
    from ui.dialogs.member_dialog import MemberDialog

    d = MemberDialog(db, member_id)
    qtbot.addWidget(d)
    return d


def rows(table) -> list[list[str]]:
    model = table.model()
    return [model.row_values(r) for r in range(model.rowCount())]


# ---------------------------------------------------------------- the editor (task 1)

def test_editing_a_dated_field_asks_when_it_took_effect(qapp, qtbot, db, mid):
    d = dialog(qtbot, db, mid)
    assert d.change_box is not None and d.change_box.isHidden()
    d.form.set_value("phone", "13912345678")  # not a dated field: nothing to ask
    assert d.change_box.isHidden()
    d.form.set_value("department", "设备部")
    assert not d.change_box.isHidden() and "部门" in d.changed_fields.text()
    assert d.change_form.value("effective") == "2026-06-30"  # the ledger's today
    d.form.set_value("department", "生产部")  # back as it was
    assert d.change_box.isHidden()
    d.form.set_value("department", "设备部")
    d.change_form.set_value("effective", "2026-3-3")
    d.change_form.set_value("change_note", "调岗")
    d.save()
    assert d.result() == d.DialogCode.Accepted
    assert member_time.member_as_of(db, mid, "2026-03-02")["department"] == "生产部"
    assert member_time.member_as_of(db, mid, "2026-03-03")["department"] == "设备部"
    assert [(c.date, c.value, c.note) for c in member_time.changes(db, mid)][-1] == ("2026-03-03", "设备部", "调岗")
    assert get_member(db, mid).phone == "13912345678"


def test_a_future_day_or_one_before_joining_is_refused_beside_the_date(qapp, qtbot, db, mid):
    d = dialog(qtbot, db, mid)
    d.form.set_value("education", "bachelor")
    for day, message in (("2026-07-01", "晚于今天"), ("2009-12-31", "不能早于入会日期（2010-05-01）")):
        d.change_form.set_value("effective", day)
        d.save()
        error = d.change_form.errors["effective"]
        assert message in error.text() and not error.isHidden()
        assert d.result() != d.DialogCode.Accepted and get_member(db, mid).education == "college"
    assert member_time.changes(db, mid) == []


def test_a_typo_marked_as_such_rewrites_the_value_without_a_date(qapp, qtbot, db, mid):
    update_member(db, replace(get_member(db, mid), department="设被部"), effective="2026-03-03")  # 被 for 备
    d = dialog(qtbot, db, mid)
    d.form.set_value("department", "设备部")
    d.corrected.setChecked(True)
    assert not d.change_form.editors["effective"].isEnabled()
    d.change_form.set_value("effective", "not a date")  # not used for a correction
    d.save()
    assert d.result() == d.DialogCode.Accepted
    assert [(c.date, c.value) for c in member_time.changes(db, mid)] == [("", "生产部"), ("2026-03-03", "设备部")]


def test_a_new_member_is_not_asked_for_a_day(qapp, qtbot, db):
    d = dialog(qtbot, db, None)
    assert d.change_box is None
    assert "信息变动" not in [d.tabs.tabText(i) for i in range(d.tabs.count())]


# ---------------------------------------------------------------- the 信息变动 tab (task 2)

def test_the_changes_tab_lists_dated_values_in_words(qapp, qtbot, db, mid):
    update_member(db, replace(get_member(db, mid), department="设备部", education="bachelor"), effective="2026-03-03", note="调岗")
    d = dialog(qtbot, db, mid)
    assert "信息变动" in [d.tabs.tabText(i) for i in range(d.tabs.count())]
    shown = rows(d.changes_tab.table)
    assert [r[:4] for r in shown] == [
        ["起始值", "部门", "生产部", ""],
        ["2026-03-03", "部门", "设备部", "调岗"],
        ["起始值", "学历", "大学专科", ""],  # the code list's label, not 'college'
        ["2026-03-03", "学历", "大学本科", "调岗"],
    ]
    assert shown[1][4] == "2026-06-30 10:00"


def test_voiding_a_change_names_it_and_the_form_follows(qapp, qtbot, db, mid, monkeypatch):
    update_member(db, replace(get_member(db, mid), department="设备部"), effective="2026-03-05")
    d = dialog(qtbot, db, mid)
    tab = d.changes_tab
    tab.table.selectRow(0)  # the starting value: not a change
    assert not tab.void_button.isEnabled() and tab.correct_button.isEnabled()
    tab.table.selectRow(1)
    assert tab.void_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda parent, title, what, *a, **k: asked.append(f"作废“{what}”？") or "调岗未成行")
    tab.void_selected()
    assert "作废“部门：设备部（2026-03-05 起）”？" in asked[0]
    assert tab.table.model().is_voided(1) and "已作废：调岗未成行" in rows(tab.table)[1][3]
    assert get_member(db, mid).department == "生产部"
    assert d.form.value("department") == "生产部" and d.change_box.isHidden()  # saving now changes nothing back
    assert not tab.void_button.isEnabled() and not tab.correct_button.isEnabled()  # still selected, now void


def test_a_void_refused_by_the_model_says_why(qapp, qtbot, db, mid, monkeypatch):
    update_member(db, replace(get_member(db, mid), department="设备部"), effective="2026-03-05")
    d = dialog(qtbot, db, mid)
    d.changes_tab.table.selectRow(1)
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda *a, **k: "")  # no reason given
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    d.changes_tab.void_selected()
    assert warned and "作废原因" in warned[0]
    assert get_member(db, mid).department == "设备部"


def test_correcting_a_row_keeps_its_date_and_an_edit_in_progress(qapp, qtbot, db, mid, monkeypatch):
    from ui.dialogs import member_changes_tab

    update_member(db, replace(get_member(db, mid), department="设被部"), effective="2026-03-05")
    d = dialog(qtbot, db, mid)
    d.form.set_value("phone", "13912345678")  # an unsaved edit elsewhere in the form

    def fill(dialog):
        texts = [label.text() for label in dialog.findChildren(member_changes_tab.QLabel)]
        assert any("更正“部门：设被部（2026-03-05 起）”" in t for t in texts)
        assert dialog.form.value("department") == "设被部"
        dialog.form.set_value("department", "长" * 300)
        dialog.accept()  # refused by the model, its message beside the field
        assert not dialog.form.errors["department"].isHidden() and dialog.result() != dialog.DialogCode.Accepted
        dialog.form.set_value("department", "设备部")
        dialog.form.set_value("note", "错字")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(member_changes_tab, "run_modal", fill)
    d.changes_tab.table.selectRow(1)
    d.changes_tab.correct_selected()
    assert [(c.date, c.value) for c in member_time.changes(db, mid)] == [("", "生产部"), ("2026-03-05", "设备部")]
    assert d.form.value("department") == "设备部" and d.form.value("phone") == "13912345678"
    assert rows(d.changes_tab.table)[1][2] == "设备部"


# ---------------------------------------------------------------- the change log (task 3)

def test_the_change_log_names_deletes_and_events_in_chinese(qapp, qtbot, db, mid):
    from models import codes

    with db.atomic():
        audit.log_event(db, "members", mid, "从备份恢复后核对", details={"backup": "x.db"})
        audit._log(db, "members", mid, "delete", {"name": "李娜"}, None, "误录删除")
    d = dialog(qtbot, db, mid)
    shown = rows(d.audit_tab.table)
    actions = [r[1] for r in shown]
    assert codes.AUDIT_ACTION.label("event") in actions and codes.AUDIT_ACTION.label("delete") in actions
    assert "event" not in actions and "delete" not in actions
    by_action = {r[1]: r[2] for r in shown}
    assert "从备份恢复后核对" in by_action["其他操作"]
    assert "李娜" in by_action["删除"] and "误录删除" in by_action["删除"]


def test_voids_in_the_other_tabs_name_their_record(qapp, qtbot, db, mid, monkeypatch):
    from models import dues, membership

    dues.record_payment(db, mid, ["2026-01"], 2500, "2026-01-15")
    membership.record_event(db, mid, "retain", "2026-02-01", reason="retired")
    d = dialog(qtbot, db, mid)
    asked: list[str] = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda parent, title, what, *a, **k: asked.append(f"作废“{what}”？") or "登记错了")
    d.history_tab.table.selectRow(1)
    d.history_tab.void_selected()
    d.dues_tab.table.selectRow(0)
    d.dues_tab.void_selected()
    assert asked[0].startswith("作废“2026-02-01 保留会籍”？") and asked[1].startswith("作废“2026-01 会费 25.00 元”？")
    assert [p.voided_at is not None for p in dues.payments(db, mid)] == [True]
