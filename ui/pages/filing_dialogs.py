"""Dialogs of the 报表 page: the records behind a figure, and 报送（冻结） with its reasons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from models import filing_store
from models.filing_checks import CheckResult
from models.filing_store import Filed
from ui.widgets.form import line, text_edit
from ui.widgets.form_dialog import FormDialog
from ui.widgets.rows_model import RowsTable
from ui.widgets.screen_fit import fit_to_screen


class RecordsDialog(QDialog):
    """The list a figure counts (models.filing_records.records)."""

    def __init__(self, parent: QWidget | None, title: str, headers: list[str], rows: list[list[str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table = RowsTable(headers)
        self.table.set_rows(rows)
        self.table.resizeColumnsToContents()
        count = QLabel(f"共 {len(rows)} 条记录（按统计截止日的情况）")
        count.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 560)


def freeze_dialog(parent: QWidget | None, db, year: int, chair: str, failed: list[CheckResult], before: Filed | None) -> FormDialog:
    """填报人, 负责人; a reason for the failing checks and for filing again, each asked only when needed.
    Accepting files the table (the dialog's value is the Filed version)."""
    d = FormDialog(f"报送 {year} 年度年报（冻结）", parent, ok_text="报送")
    note = QLabel("报送后，本年度年报的数字将冻结保存；之后修改记录不会改变已报送的数字，只会显示为差异。")
    note.setWordWrap(True)
    d.form.add("note", "说明", note)
    d.form.add("filed_by", "填报人", line("填报人姓名"), required=True)
    d.form.add("head", "负责人", line("工会负责人姓名"))
    d.form.set_value("filed_by", chair)
    d.form.set_value("head", chair)
    if failed:
        listing = QLabel("以下校验未通过：\n" + "\n".join(f"· {r.message}（{r.detail}）" for r in failed))
        listing.setWordWrap(True)
        listing.setObjectName("fieldError")
        d.form.add("failed", "校验", listing)
        d.form.add("check_reason", "校验说明", text_edit(60), required=True)
    if before is not None:
        d.form.add("reason", "重新报送原因", text_edit(60), required=True)

    def save(form) -> Filed:
        return filing_store.freeze(
            db,
            year,
            filed_by=form.value("filed_by"),
            head=form.value("head"),
            reason=form.value("reason") if before is not None else "",
            check_reason=form.value("check_reason") if failed else "",
        )

    d.saver = save
    d.field_of = {"重新报送原因": "reason", "校验说明": "check_reason", "填报人": "filed_by", "负责人": "head"}
    return d
