"""The 汇总下级工会年报 dialog (pytest-qt): files and folders chosen, consolidated in the task
runner, problems per file in the table and in full below it, the result saved; its button on 报表."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from models import clock
from models.tasks import Cancelled
from tests.filing_copies import credit_code, varied, write_copies
from tests.test_consolidate import _files, _ledger


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
def received(tmp_path):
    """Two good filings, one edited after export, and a folder of three copies."""
    data = _ledger(tmp_path / "a.db", "甲机械公司工会委员会", credit_code(1000), [("王芳", False, "2010-01-01"), ("李强", True, "2025-04-01")], 5,
                   {"cadres_full": 1})
    good, other, edited = _files(tmp_path, data, varied(data, 2), varied(data, 3))
    wb = load_workbook(edited)
    ws = wb["年报"]
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 2).value == "会员人数")
    ws.cell(row, 4).value = "99"
    wb.save(edited)
    folder = tmp_path / "文件夹"
    write_copies(data, folder, 3, start=10)
    return good, other, edited, folder


@pytest.fixture
def dialog(qapp, qtbot):
    from ui.app import make_app
    from ui.pages.filing_consolidate import ConsolidateDialog

    make_app()
    d = ConsolidateDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def test_choose_consolidate_and_save(dialog, received, monkeypatch, messages, tmp_path):
    from ui.pages import filing_consolidate as module

    good, other, edited, folder = received
    assert not dialog.run_button.isEnabled() and not dialog.save_button.isEnabled() and dialog.summary.text() == "尚未选择文件。"
    monkeypatch.setattr(module, "get_open_file_names", lambda *a, **k: ([str(good), str(other), str(edited)], ""))
    dialog.add_files_button.click()
    monkeypatch.setattr(module, "get_existing_directory", lambda *a, **k: str(folder))
    dialog.add_folder_button.click()
    dialog.add_folder_button.click()  # the same folder again adds nothing, and says so
    assert dialog.table.rowCount() == 6 and messages[-1].startswith("文件夹“文件夹”中没有新的 .xlsx 文件")
    assert [dialog.table.rows.text(r, 3) for r in range(6)] == ["待汇总"] * 6 and dialog.summary.text() == "已选择 6 个文件。"
    dialog.run_button.click()
    result = dialog.result
    assert result is not None and len(result.included) == 5
    texts = {dialog.table.rows.text(r, 0): [dialog.table.rows.text(r, c) for c in range(1, 5)] for r in range(6)}
    assert texts[edited.name][2] == "已跳过" and "会员人数”表中为“99”" in texts[edited.name][3]
    assert texts[good.name][:3] == ["甲机械公司工会委员会", credit_code(1000), "已汇总（有问题）"]  # manual figures not entered
    assert dialog.summary.text() == "2025 年度：共读取 6 个文件：汇总 5 个（其中 5 个有问题，需核对），跳过 1 个。"
    dialog.table.selectRow(2)
    assert dialog.detail.toPlainText().startswith(f"{edited.name}：已跳过\n· 跳过原因：导出后表格被改动过")
    # saving over one of the files read is refused; elsewhere it is written
    monkeypatch.setattr(module, "get_save_file_name", lambda *a, **k: (str(good), ""))
    dialog.save_button.click()
    assert "是要汇总的文件之一" in messages[-1]
    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(module, "get_save_file_name", lambda *a, **k: (str(out), ""))
    dialog.save_button.click()
    assert messages[-1] == f"汇总表已保存到：\n{out}"
    ws = load_workbook(out)["汇总表"]
    assert ws["A1"].value == "基层工会统计年报汇总表（2025年度）" and ws.cell(10, 1).value == "合计（5 个单位）"
    # the list changed: the result is gone until run again
    dialog.table.selectRow(2)
    dialog.remove_button.click()
    assert dialog.table.rowCount() == 5 and dialog.result is None and not dialog.save_button.isEnabled()
    dialog.clear_button.click()
    assert dialog.table.rowCount() == 0 and not dialog.run_button.isEnabled()


def test_nothing_to_consolidate_and_cancel(dialog, tmp_path, monkeypatch, messages):
    from ui.pages import filing_consolidate as module

    junk = tmp_path / "假的.xlsx"
    junk.write_text("x", encoding="utf-8")
    dialog.add_paths([junk])
    dialog.run_button.click()
    assert "没有可以汇总的年报" in messages[-1] and not dialog.save_button.isEnabled()
    assert dialog.table.rows.text(0, 3) == "已跳过" and "不是有效的 Excel 文件" in dialog.table.rows.text(0, 4)

    def cancelled(*a, **k):
        raise Cancelled()

    monkeypatch.setattr(module, "run_task", cancelled)
    dialog.run_button.click()
    assert dialog.summary.text() == "已取消汇总。" and dialog.result is None


def test_the_filing_page_opens_it(qapp, qtbot, db, db_path, monkeypatch):
    from ui.app import make_app
    from ui.context import AppContext
    from ui.pages.filing import FilingPage
    from ui.pages.filing_consolidate import ConsolidateDialog

    make_app()
    page = FilingPage(AppContext(db, db_path, news=False))
    qtbot.addWidget(page)
    opened = []
    monkeypatch.setattr(ConsolidateDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    assert page.consolidate_button.text() == "汇总下级工会年报…" and page.consolidate_button.isEnabled()
    page.consolidate_button.click()
    assert opened == ["汇总下级工会年报"]
