"""A small record dialog built from the form kit: fields, 确定/取消, errors beside the field.

    dialog = FormDialog("新建届次", parent)
    dialog.form.add("number", "届次", QSpinBox(), required=True)
    dialog.saver = lambda form: congress.add_term(db, ...)
    if dialog.exec(): new_id = dialog.value
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from models.validation import ValidationError
from ui.widgets.form import FormGrid
from ui.widgets.unsaved import UnsavedDialogMixin


def run_modal(dialog: QDialog) -> int:
    """exec() the dialog, then have Qt delete it. A dialog parented to a page otherwise
    lives (with its tables and documents) until the page dies, i.e. until exit, where
    nothing chooses the order things are torn down in. Read what you need from the
    dialog right after: the deletion happens on the next pass of the event loop."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


class FormDialog(UnsavedDialogMixin, QDialog):
    """取消, Esc or closing with edits asks 保存/不保存/取消 (ui/widgets/unsaved.py)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, columns: int = 1, ok_text: str = "确定") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = FormGrid(self, columns=columns)
        self.saver: Callable[[FormGrid], Any] | None = None
        self.field_of: dict[str, str] = {}  # error.field (Chinese label) → form key, for models that name no key
        self.value: Any = None
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480 if columns == 1 else 860)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.message.hide()
        self.form.clear_errors()
        try:
            self.value = self.saver(self.form) if self.saver else None
        except ValidationError as exc:
            key = exc.key if exc.key in self.form.editors else self.field_of.get(exc.field)
            if not (key and self.form.show_error(ValidationError(exc.field, exc.message, key=key))):
                self.message.setText(str(exc))
                self.message.show()
            return
        super().accept()
