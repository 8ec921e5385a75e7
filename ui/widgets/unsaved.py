"""Never drop what the chair typed: one way for every editor to notice unsaved edits and ask
保存 / 不保存 / 取消 before they go (a dialog closed, Esc, a page or tab left, the window closed).

An editor's state is a snapshot of the values of its input widgets, taken when it is shown
or saved; it holds unsaved edits while a fresh snapshot differs. No signal wiring per field,
so a field added later is covered too. A widget whose value is not the record's (a search
box, a "show full ID" switch) is left out with `ignore(widget)`.

    class MyDialog(UnsavedDialogMixin, QDialog): ...   # reject()/Esc/close ask; accept() saves

Pages and tabs call `confirm_leave(parent, has_unsaved, save)` before they are left.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
IGNORE = "unsaved_ignore"


def ignore(widget: QWidget) -> QWidget:
    """Leave this widget (and what it holds) out of the unsaved-edits snapshot."""
    widget.setProperty(IGNORE, True)
    return widget


def _ignored(widget: QWidget, root: QWidget) -> bool:
    # A calendar's own spin boxes and buttons, an item view's cell editors and marked
    # widgets are not the record's values.
    if isinstance(widget, QAbstractItemView):  # the view itself counts (its selection), not its insides
        return _ignored(widget.parentWidget(), root) if widget.parentWidget() is not None and widget is not root else False
    w: QWidget | None = widget
    while w is not None and w is not root:
        if w.property(IGNORE) or isinstance(w, (QCalendarWidget, QAbstractItemView)):
            return True
        w = w.parentWidget()
    return False


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QAbstractItemView) and widget.selectionModel() is not None:
        # A picker's choice (members picked, co-signers ticked) is typed work too.
        return tuple(sorted(i.row() for i in widget.selectionModel().selectedRows()))
    return None


def snapshot(root: QWidget) -> tuple:
    """The values of every input widget under root, in a stable order."""
    values = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # an editable combo's or spin box's own line edit: the owner is read
        value = _value(widget)
        if value is not None and not _ignored(widget, root):
            values.append((widget.objectName(), type(widget).__name__, value))
    return tuple(values)


def ask_unsaved(parent: QWidget | None, what: str = "") -> str:
    """保存 / 不保存 / 取消: SAVE, DISCARD or CANCEL. (Tests replace this function.)"""
    box = QMessageBox(QMessageBox.Icon.Question, "尚未保存", f"{what or '所做的修改'}尚未保存。要保存吗？", parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def confirm_leave(parent: QWidget | None, has_unsaved: bool, save: Callable[[], bool], what: str = "") -> bool:
    """True when the editor may be left: nothing unsaved, saved now, or dropped on purpose."""
    if not has_unsaved:
        return True
    choice = ask_unsaved(parent, what)
    if choice == SAVE:
        return bool(save())
    return choice == DISCARD


class UnsavedDialogMixin:
    """For QDialog subclasses (listed before QDialog): the fields as first shown are the
    baseline; reject() — 取消/关闭, Esc, the title bar's close — asks when they changed.
    `unsaved_what` names the record in the question."""

    unsaved_what = ""
    _baseline: tuple | None = None

    def mark_clean(self) -> None:
        self._baseline = snapshot(self)  # type: ignore[arg-type]

    def has_unsaved(self) -> bool:
        return self._baseline is not None and snapshot(self) != self._baseline  # type: ignore[arg-type]

    def save_on_leave(self) -> None:
        """The dialog's own save (which closes it when it succeeds), else accept()."""
        save = getattr(self, "save", None)
        (save if callable(save) else self.accept)()  # type: ignore[attr-defined]

    def showEvent(self, event) -> None:  # noqa: N802
        if self._baseline is None:
            self.mark_clean()
        super().showEvent(event)  # type: ignore[misc]

    def reject(self) -> None:
        if self.has_unsaved():
            choice = ask_unsaved(self, self.unsaved_what)  # type: ignore[arg-type]
            if choice == CANCEL:
                return
            if choice == SAVE:
                self.save_on_leave()  # closes when saved; stays open beside the error otherwise
                return
        self._baseline = None
        super().reject()  # type: ignore[misc]

