"""The one void prompt: it names what is voided (who, amount, date) and keeps asking, in
place, until a reason is given or the chair cancels.

    reason = void_dialog.ask_void_reason(self, "作废帮扶记录", "张三 2026-03-01 的 500.00 元临时救助")
    if reason is None: return            # cancelled

Callers use the module attribute (void_dialog.ask_void_reason) so tests can answer for the chair.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from models.validation import check_text
from ui.widgets.form import line
from ui.widgets.form_dialog import FormDialog, run_modal
from ui.widgets.unsaved import ignore


def void_dialog(parent: QWidget | None, title: str, what: str, note: str = "") -> FormDialog:
    d = FormDialog(title, parent, ok_text="作废")
    question = QLabel(f"作废“{what}”？" + (f"\n{note}" if note else "") + "\n作废的记录不会删除，仍可查看和打印。")
    question.setWordWrap(True)
    # A wrapped label in a dialog's grid is given one line's height (Qt sizes top-level windows
    # without height-for-width): fix its width and give it the height its lines need.
    question.ensurePolished()  # the style sheet's font, not the default one, decides the lines
    question.setFixedWidth(460)
    question.setMinimumHeight(question.heightForWidth(460) + 8)
    d.setMinimumWidth(600)
    d.form.add("question", "作废", question)
    reason = ignore(line("例：登记错误、重复录入"))
    d.form.add("reason", "作废原因", reason, required=True)
    # An empty reason is refused beside the field; the dialog stays open.
    d.saver = lambda f: check_text("作废原因", f.value("reason"), key="reason", required=True)
    reason.setFocus()
    return d


def ask_void_reason(parent: QWidget | None, title: str, what: str, note: str = "") -> str | None:
    """The reason given, or None when cancelled."""
    d = void_dialog(parent, title, what, note)
    return d.value if run_modal(d) else None
