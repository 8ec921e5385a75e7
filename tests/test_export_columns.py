"""The roster export's column chooser: every real-name field on offer, the list's columns
ticked first; the members page exports what was chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from models.member_import import apply_import, plan_import
from models.spreadsheet import read_rows
from tests.conftest import make_id
from tests.test_import_wizard import ctx  # noqa: F401 - the fixture


def test_dialog_ticks_listed_columns_and_all(qapp, qtbot):
    from models.member_export import ALL_EXPORT_COLUMNS
    from ui.dialogs.export_columns import ExportColumnsDialog

    d = ExportColumnsDialog(["name", "status"])
    qtbot.addWidget(d)
    assert d.chosen() == ["name", "status"]
    assert d.table.rows.rowCount() == len(ALL_EXPORT_COLUMNS)
    d._tick(lambda key: True)
    assert d.chosen() == ALL_EXPORT_COLUMNS


def test_members_page_exports_the_chosen_columns(ctx, qtbot, tmp_path, monkeypatch):  # noqa: F811
    from openpyxl import Workbook

    import ui.pages.members as members_page
    from ui.dialogs.export_columns import ExportColumnsDialog

    wb = Workbook()
    for row in (["姓名", "身份证号", "入会时间", "籍贯"], ["张伟", make_id("19850314"), "2012-07-01", "河南郑州"]):
        wb.active.append(row)
    wb.save(tmp_path / "r.xlsx")
    apply_import(ctx.db, plan_import(ctx.db, tmp_path / "r.xlsx"))
    offered: list[list[str]] = []

    def choose(dialog: ExportColumnsDialog) -> int:
        offered.append(dialog.chosen())
        dialog._tick(lambda key: key in ("name", "native_place", "status"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportColumnsDialog, "exec", choose)
    out = tmp_path / "out.xlsx"
    monkeypatch.setattr(members_page, "get_save_file_name", lambda *a, **k: (str(out), ""))
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page = members_page.MembersPage(ctx)
    qtbot.addWidget(page)
    page.export_roster()
    assert set(offered[0]) == set(page.keys)  # the list's own columns come ticked
    rows = [list(r) for r in read_rows(out)]
    assert ["姓名", "籍贯", "会籍状态"] in rows and ["张伟", "河南郑州", "在会"] in rows
