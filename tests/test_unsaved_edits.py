"""Typed work is never dropped silently: every editor asks 保存/不保存/取消 (ui/widgets/unsaved.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import congress as cg
from models import congress_meeting as mt
from models import members
from models.demo_congress import fill_congress
from models.members import add_member
from models.org import get_profile, save_profile
from tests.conftest import make_id, member


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Every unsaved-edits question is recorded and answered with `asked.answer` (a modal
    box would block offscreen). Other message boxes are answered too."""
    from ui.widgets import unsaved

    class Asked(list):
        answer = ""

    questions = Asked()
    questions.answer = unsaved.CANCEL  # type: ignore[attr-defined]

    def ask(parent, what=""):
        questions.append(what)
        return questions.answer  # type: ignore[attr-defined]

    monkeypatch.setattr(unsaved, "ask_unsaved", ask)
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return questions


@pytest.fixture
def ctx(qapp, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext

    make_app()
    p = get_profile(db)
    p.union_name, p.workers_total = "测试工会", 500
    save_profile(db, p)
    return AppContext(db, db_path)


def test_new_member_dialog_asks_on_cancel_and_esc(ctx, qtbot, asked):
    from ui.dialogs.member_dialog import MemberDialog

    d = MemberDialog(ctx.db)
    qtbot.addWidget(d)
    d.show()
    d.reject()  # nothing typed: closes without a question
    assert asked == [] and not d.isVisible()
    d.show()
    d.form.set_value("name", "张三")
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert len(asked) == 1 and d.isVisible()  # 取消: stays, the name kept
    assert d.form.value("name") == "张三"
    asked.answer = "save"
    d.reject()  # 保存: the save runs; an incomplete member stays open with the error beside the field
    assert d.isVisible() and d.form.errors["id_number"].isVisible()
    asked.answer = "discard"
    d.reject()
    assert not d.isVisible()


def test_member_dialog_close_asks_and_saves(ctx, qtbot, asked):
    from ui.dialogs.member_dialog import MemberDialog

    mid = add_member(ctx.db, member(name="李四", id_number=make_id(seq=1)))
    d = MemberDialog(ctx.db, mid)
    qtbot.addWidget(d)
    d.show()
    d.form.set_value("political_status", "01")  # 中共党员
    asked.answer = "save"
    d.reject()  # 关闭
    assert asked and not d.isVisible()
    assert members.get_member(ctx.db, mid).political_status == "01"


def test_form_dialog_asks_before_dropping_typed_text(ctx, qtbot, asked):
    from ui.widgets.form import line
    from ui.widgets.form_dialog import FormDialog

    saved: list[str] = []
    d = FormDialog("添加议程")
    d.form.add("title", "议程", line())
    d.saver = lambda f: saved.append(f.value("title"))
    qtbot.addWidget(d)
    d.show()
    d.form.set_value("title", "审议报告")
    d.close()  # the title bar's close
    assert asked and d.isVisible()
    asked.answer = "save"
    d.reject()
    assert saved == ["审议报告"] and not d.isVisible()


@pytest.fixture
def congress(ctx, qtbot):
    from ui.pages.congress import CongressPage

    for i in range(60):
        add_member(ctx.db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 3 != 0)))
    fill_congress(ctx.db, seed=7)
    w = CongressPage(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    return w


def test_typed_minutes_survive_a_tab_switch_by_asking(congress, asked):
    page, tab = congress, congress.minutes_tab
    page.tabs.setCurrentIndex(4)
    tab.form.set_value("closing", "大会胜利闭幕。")
    page.tabs.setCurrentIndex(0)  # 取消: the minutes stay on screen with the text
    assert asked == ["会议记录"] and page.tabs.currentWidget() is tab
    assert tab.form.value("closing") == "大会胜利闭幕。"
    asked.answer = "save"
    page.tabs.setCurrentIndex(0)
    assert page.tabs.currentIndex() == 0
    assert cg.get_session(page.db, page.session_id()).closing == "大会胜利闭幕。"


def test_printing_minutes_prints_what_is_typed(congress, asked, monkeypatch):
    import ui.widgets.printing as printing

    printed: list = []
    monkeypatch.setattr(printing, "print_form", lambda parent, ctx, form, ident: printed.append(cg.get_session(ctx.db, ident).opening))
    congress.tabs.setCurrentIndex(4)
    congress.minutes_tab.form.set_value("opening", "上午九时，大会开幕。")
    congress.print_form("minutes")
    assert printed == ["上午九时，大会开幕。"]


def test_leaving_a_page_or_closing_the_window_asks(ctx, qtbot, asked):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    settings = w.go("settings")
    settings.form.set_value("chair", "王建国")
    w.go("home")  # 取消: 设置 stays
    assert asked == ["设置"] and w.stack.currentWidget() is settings
    assert w.nav.currentRow() == 7
    assert not w.close() and w.isVisible()  # the window does not close over the edit either
    asked.answer = "save"
    w.go("home")
    assert w.stack.currentWidget() is w.pages["home"] and get_profile(ctx.db).chair == "王建国"
    assert w.close()


def test_a_proposal_step_shows_and_keeps_only_its_own_fields(congress, asked):
    from ui.dialogs import congress_dialogs as dlg

    db = congress.db
    d = dlg.proposal_dialog(db, congress.session_id(), congress)
    d.form.set_value("title", "关于增加班车的提案")
    cos = d.form.editors["cosigner_ids"]
    cos.select_key(cos.rows.key(1))
    cos.select_key(cos.rows.key(2))
    d.accept()
    pid = d.value
    step = dlg.advance_dialog(db, pid, congress)
    step.show()
    step.form.editors["action"].setCurrentIndex(step.form.editors["action"].findData("accept"))  # 立案
    assert not step.form.editors["department"].isVisible() and not step.form.labels["department"].isVisible()
    assert step.form.editors["note"].isVisible()
    step.form.set_value("note", "同意立案")
    step.form.set_value("department", "后勤部")  # not shown for 立案: never sent
    step.accept()
    p = pr_get(db, pid)
    assert p.state == "accepted" and p.review_note == "同意立案" and not p.department
    step2 = dlg.advance_dialog(db, pid, congress)
    step2.show()
    assert step2.form.editors["department"].isVisible() and step2.form.editors["deadline"].isVisible()  # 交办
    assert not step2.form.editors["reply"].isVisible()
    step2.deleteLater()


def pr_get(db, pid):
    from models import proposals as pr

    return pr.get_proposal(db, pid)


def test_the_void_prompt_names_the_record_and_refuses_an_empty_reason_in_place(ctx, qtbot):
    from ui.widgets.void_dialog import void_dialog

    d = void_dialog(None, "作废帮扶记录", "张三 2026-03-01 的 500.00 元临时救助")
    qtbot.addWidget(d)
    d.show()
    assert "作废“张三 2026-03-01 的 500.00 元临时救助”？" in d.form.editors["question"].text()
    d.accept()  # no reason: refused beside the field, the dialog stays
    assert d.isVisible() and "不能为空" in d.form.errors["reason"].text() and d.form.errors["reason"].isVisible()
    d.form.set_value("reason", "重复录入")
    d.accept()
    assert not d.isVisible() and d.value == "重复录入"


def test_voiding_aid_names_who_when_and_how_much(ctx, qtbot, monkeypatch):
    from models import aid
    from models.demo_aid import fill_aid
    from ui.dialogs.aid_case import CaseWindow
    from ui.widgets import void_dialog

    from models import aid_payments as ap

    for i in range(40):
        add_member(ctx.db, member(name=f"职工{i:02d}", id_number=make_id(seq=i + 1, male=i % 2 == 0)))
    fill_aid(ctx.db, seed=3)
    case_id = next(r["case_id"] for r in ctx.db["aid_payments"].rows_where("voided_at IS NULL AND case_id IS NOT NULL"))
    case = aid.get_case(ctx.db, case_id)
    assert ap.payments(ctx.db, case_id)
    w = CaseWindow(ctx, case.id)
    qtbot.addWidget(w)
    asked: list[str] = []
    monkeypatch.setattr(void_dialog, "ask_void_reason", lambda parent, title, what, *a, **k: asked.append(what))
    w.payments.selectRow(0)
    w.void_payment()
    cells = w.payments.model().row_values(0)
    assert asked == [f"{case.worker_name} {cells[0]} 的 {cells[2]} 元{cells[1]}"]


def test_a_pick_counts_as_an_edit_a_search_does_not(congress, asked):
    from ui.dialogs import congress_dialogs as dlg

    d = dlg.delegate_dialog(congress.db, congress.term_id(), congress)
    d.show()
    picker = next(w for w in d.form.editors.values() if isinstance(w, dlg.MemberPicker))
    picker.search.setText("职工")
    d.reject()  # only a search typed: closes without a question
    assert asked == [] and not d.isVisible()
    d.show()
    picker.list.selectRow(0) if hasattr(picker.list, "selectRow") else picker.list.setCurrentIndex(picker.list.model().index(0, 0))
    d.reject()
    assert len(asked) == 1 and d.isVisible()
    d.deleteLater()
