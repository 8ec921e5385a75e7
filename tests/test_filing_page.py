"""The 报表 page (pytest-qt): figures, manual entries edited in place, records on double-click, freezing, export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import clock, filing, filing_store
from models.members import add_member
from models.org import get_profile, save_profile, save_workforce
from tests.conftest import make_id, member


@pytest.fixture(autouse=True)
def _january_2026():
    with clock.frozen("2026-01-10T09:00:00"):
        yield


@pytest.fixture
def messages(monkeypatch) -> list[str]:
    said: list[str] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, **k: said.append(text) or QMessageBox.StandardButton.Ok)
    return said


@pytest.fixture
def page(qapp, qtbot, db, db_path):
    from ui.app import make_app
    from ui.context import AppContext
    from ui.pages.filing import FilingPage

    make_app()
    p = get_profile(db)
    p.union_name, p.credit_code, p.chair = "测试工会", "91410100MA9GTK3X0D", "王建国"
    save_profile(db, p, year=2025)
    save_workforce(db, 2025, workers_total=5, workers_female=2)
    for seq, (name, male) in enumerate((("王芳", False), ("李强", True), ("赵刚", True)), 1):
        add_member(db, member(name, id_number=make_id(seq=seq, male=male), join_date="2020-01-01"))
    w = FilingPage(AppContext(db, db_path, news=False))
    qtbot.addWidget(w)
    w.show()
    return w


def row_of(page, code: str) -> int:
    return page.table.rows.row_of_key(code)


def value(page, code: str) -> str:
    return page.table.rows.text(row_of(page, code), 3)


def type_in(page, code: str, text: str) -> None:
    model = page.table.rows
    assert model.setData(model.index(row_of(page, code), 3), text, Qt.ItemDataRole.EditRole)


def test_figures_and_editable_cells(page):
    assert page.current_year() == 2025 and page.status.text() == "未报送"
    assert (value(page, "members"), value(page, "members_female"), value(page, "workers"), value(page, "unit_name")) == ("3", "1", "5", "")
    model = page.table.rows
    assert not model.flags(model.index(row_of(page, "members"), 3)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(row_of(page, "cadres_full"), 3)) & Qt.ItemFlag.ItemIsEditable
    assert [model.text(row_of(page, "cadres_full"), c) for c in (1, 4)] == ["工会专职干部", "手填"]
    assert page.checks.rows.text(0, 0) == "通过"


def test_manual_entries_saved_refused_and_asked_about(page, db, messages, monkeypatch):
    from ui.widgets import unsaved

    asked: list[str] = []
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda parent, what="": asked.append(what) or unsaved.CANCEL)
    type_in(page, "cadres_full", "2")
    type_in(page, "cadres_part", "-1")
    assert page.has_unsaved() and "2 项未保存" in page.save_button.text()
    assert page.leave_ok() is False and "2025 年度年报的手填数字" in asked[0]
    page.year.setValue(2024)  # leaving the year asks too; cancelled: still 2025 with the typed values
    assert page.current_year() == 2025 and page.year.value() == 2025 and value(page, "cadres_full") == "2"
    assert page.save_manual() is False and "工会兼职干部：不能为负数" in messages[-1]
    assert filing.manual_values(db, 2025) == {}  # nothing saved, not even the good value
    type_in(page, "cadres_part", "是")
    assert page.save_manual() is False and "工会兼职干部" in messages[-1]
    type_in(page, "cadres_part", "3")
    type_in(page, "independent", "是")
    assert page.save_manual() is True and not page.has_unsaved()
    assert filing.manual_values(db, 2025) == {"cadres_full": 2, "cadres_part": 3, "independent": 1}
    assert value(page, "independent") == "是"


def test_double_click_lists_the_records(page, monkeypatch):
    import ui.pages.filing as filing_page

    shown = []
    monkeypatch.setattr(filing_page, "run_modal", lambda d: shown.append((d.windowTitle(), d.table.rows.keys(), [d.table.rows.text(r, 1) for r in range(d.table.rowCount())])))
    page.table.doubleClicked.emit(page.table.rows.index(row_of(page, "members_female"), 3))
    assert shown[0][0] == "2025 年 其中：女会员：1人" and shown[0][2] == ["王芳"]
    page.table.doubleClicked.emit(page.table.rows.index(row_of(page, "cadres_full"), 3))  # a manual figure: nothing to list
    assert len(shown) == 1


def test_freeze_then_differences_and_export(page, db, messages, monkeypatch, tmp_path):
    import ui.pages.filing as filing_page

    def fill(dialog):
        assert "check_reason" not in dialog.form.editors and "reason" not in dialog.form.editors
        assert dialog.form.value("filed_by") == "王建国"
        dialog.form.set_value("filed_by", "李会计")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(filing_page, "run_modal", fill)
    page.freeze()
    assert page.status.text() == "已报送 2026-01-10（第 1 版）；与当前记录一致" and "第 1 版" in messages[-1]
    assert value(page, "members") == page.table.rows.text(row_of(page, "members"), 5) == "3"
    add_member(db, member("孙丽", id_number=make_id(seq=9, male=False), join_date="2025-06-01"))
    page.refresh()
    assert page.status.text() == "已报送 2026-01-10（第 1 版）；与当前记录有 3 处差异"
    assert (value(page, "members"), page.table.rows.text(row_of(page, "members"), 5)) == ("4", "3（有差异）")
    diffs = {page.differences.rows.text(r, 0): (page.differences.rows.text(r, 1), page.differences.rows.text(r, 2)) for r in range(page.differences.rowCount())}
    assert diffs["会员人数"] == ("3", "4")

    refusals = []

    def refile(dialog):  # filing again: the reason is asked; an empty one is refused beside its field
        dialog.form.set_value("filed_by", "李会计")
        dialog.accept()
        refusals.append(dialog.form.errors["reason"].text())
        dialog.form.set_value("reason", "补录会员孙丽")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(filing_page, "run_modal", refile)
    page.freeze()
    assert "重新报送须写明原因" in refusals[0]
    assert [v.version for v in filing_store.versions(db, 2025)] == [1, 2]
    assert page.versions.rows.text(0, 0) == "第 2 版" and page.versions.rows.text(0, 4) == "补录会员孙丽"

    for kind in ("xlsx", "pdf"):
        out = tmp_path / f"年报.{kind}"
        monkeypatch.setattr(filing_page, "get_save_file_name", lambda *a, out=out, **k: (str(out), ""))
        page.export(kind)
        assert out.exists() and out.stat().st_size > 1000 and str(out) in messages[-1]


def test_freeze_asks_for_the_reason_of_a_failing_check(page, db, messages, monkeypatch):
    import ui.pages.filing as filing_page

    save_workforce(db, 2025, workers_total=2, workers_female=1)  # 3 members, 2 workers
    page.refresh()
    assert "不通过" in [page.checks.rows.text(r, 0) for r in range(page.checks.rowCount())]

    def fill(dialog):
        assert "会员人数多于职工人数" in dialog.form.editors["failed"].text()
        dialog.accept()
        assert dialog.result() == 0 and "须写明原因" in dialog.form.errors["check_reason"].text()
        dialog.form.set_value("check_reason", "3 名会员为返聘退休人员")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(filing_page, "run_modal", fill)
    page.freeze()
    filed = filing_store.latest(db, 2025)
    assert filed is not None and {c["reason"] for c in filed.checks if c["ok"] is False} == {"3 名会员为返聘退休人员"}
