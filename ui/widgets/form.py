"""The form kit of every record dialog: labelled fields, each with its error beside it.

A FormGrid holds editors by attribute name; `show_error(ValidationError)` finds
the editor by `error.key`, shows the Chinese message in red under it and puts
the cursor there. Editors return plain values: text, ISO dates, codes, int fen.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from models.codes import CodeList
from models.validation import ValidationError, format_money, parse_date, parse_money
from ui.widgets.wheel_guard import guard


class DateEdit(QWidget):
    """A date typed the way people write it (2021-3-5, 2021年3月5日 …) or picked from a calendar."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, allow_future: bool = False) -> None:
        super().__init__(parent)
        self.allow_future = allow_future
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("例：2021-03-05")
        self.button = QToolButton(self)
        self.button.setText("日历")
        self.button.setObjectName("calendarButton")
        self.button.setToolTip("从日历中选择")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.calendar.clicked.connect(menu.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._normalise)
        self.edit.textChanged.connect(lambda _: self.changed.emit())

    def _picked(self, date: QDate) -> None:
        self.edit.setText(date.toString("yyyy-MM-dd"))

    def _normalise(self) -> None:
        try:
            value = parse_date("日期", self.edit.text(), allow_future=True)
        except ValidationError:
            return  # left as typed; saving reports it beside the field
        if value and value != self.edit.text():
            self.edit.setText(value)

    def value(self) -> str:
        return self.edit.text().strip()

    def set_value(self, iso: str | None) -> None:
        self.edit.setText(iso or "")
        if iso:
            self.calendar.setSelectedDate(QDate.fromString(iso, "yyyy-MM-dd"))


class MoneyEdit(QLineEdit):
    """Yuan as people type them ('1,234.5'); value() is int fen (None when empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("元")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self, label: str = "金额", key: str | None = None, *, allow_zero: bool = True) -> int | None:
        if not self.text().strip():
            return None
        return parse_money(label, self.text(), key=key, allow_zero=allow_zero)

    def set_value(self, fen: int | None) -> None:
        self.setText(format_money(fen) if fen is not None else "")


class CodeCombo(QComboBox):
    """Shows a code list's labels, returns its codes."""

    def __init__(self, codes: CodeList, parent: QWidget | None = None, *, empty: str | None = "") -> None:
        super().__init__(parent)
        if empty is not None:
            self.addItem(empty or "（未填）", "")
        for code, label in codes.pairs():
            self.addItem(label, code)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, code: str | None) -> None:
        index = self.findData(code or "")
        self.setCurrentIndex(max(0, index))


class FormGrid(QWidget):
    """Rows of 'label  editor' in `columns` pairs; each editor has an error line under it."""

    def __init__(self, parent: QWidget | None = None, *, columns: int = 2) -> None:
        super().__init__(parent)
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        for col in range(columns):  # editors share the width; labels take what they need
            self.grid.setColumnStretch(col * 2 + 1, 1)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._row = 0
        self._col = 0

    def add(self, key: str, label: str, editor: QWidget, *, span: int = 1, required: bool = False) -> QWidget:
        if self._col + span > self.columns:
            self._next_row()
        text = QLabel(("<span style='color:#c0392b'>*</span>" if required else "") + label + "：")
        text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        text.setBuddy(editor)
        error = QLabel("")
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        guard(editor)  # rows added after the dialog was fitted too
        col = self._col * 2
        self.grid.addWidget(text, self._row * 2, col)
        self.grid.addWidget(editor, self._row * 2, col + 1, 1, span * 2 - 1)
        self.grid.addWidget(error, self._row * 2 + 1, col + 1, 1, span * 2 - 1)
        self.editors[key] = editor
        self.errors[key] = error
        self.labels[key] = text
        self._col += span
        if self._col >= self.columns:
            self._next_row()
        return editor

    def add_section(self, title: str) -> None:
        if self._col:
            self._next_row()
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        self.grid.addWidget(label, self._row * 2, 0, 1, self.columns * 2)
        self._row += 1

    def _next_row(self) -> None:
        self._row += 1
        self._col = 0

    def set_row_visible(self, key: str, visible: bool) -> None:
        """Show or hide a field with its label (and its error): a field a step does not use is
        not shown at all, so nothing can be typed where it would not be kept."""
        self.labels[key].setVisible(visible)
        self.editors[key].setVisible(visible)
        if not visible:
            self.errors[key].hide()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.setText("")

    def show_error(self, error: ValidationError) -> bool:
        """Show the message beside its field; False when no field has that key."""
        self.clear_errors()
        label = self.errors.get(error.key or "")
        if label is None:
            return False
        label.setText(error.message)
        label.show()
        editor = self.editors[error.key]  # type: ignore[index]
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(editor, QLineEdit):
            editor.selectAll()
        return True

    # Plain values of the common editors, so dialogs read fields one way.
    def value(self, key: str):
        editor = self.editors[key]
        if isinstance(editor, (DateEdit, CodeCombo)):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        raise TypeError(key)

    def set_value(self, key: str, value) -> None:
        editor = self.editors[key]
        if isinstance(editor, (DateEdit, CodeCombo, MoneyEdit)):
            editor.set_value(value)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(value or "")
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))


def text_edit(height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def line(placeholder: str = "", *, completions: Sequence[str] = ()) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if completions:
        from PySide6.QtWidgets import QCompleter

        edit.setCompleter(QCompleter(list(completions), edit))
    return edit
