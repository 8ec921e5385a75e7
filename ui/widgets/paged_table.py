"""A table model over models.paging.PagedRows: rows are read from SQL a block at a time.

Sorting is asked of the page (which re-queries SQL); there is no proxy model, so
100,000 rows cost no more than the screenful being painted.

With `checkable`, the first column carries a tick box. What is ticked is held as row ids
(`checked`), not positions: it survives paging, a new search, a new sort or filter, and
a 全选 of a filtered list adds the filter's ids (read in SQL) without reading any row.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from models.paging import PagedRows

Formatter = Callable[[str, object], str]

# Looked up once: a screenful of cells asks flags() and data() a few thousand times, and each
# enum attribute or `|` of PySide enums is a Python-level call (half the time of a repaint).
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DISPLAY_VALUE = _DISPLAY.value
_CHECK_ROLE = Qt.ItemDataRole.CheckStateRole
_CHECK_VALUE = _CHECK_ROLE.value
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_FLAGS_CHECKABLE = _FLAGS | Qt.ItemFlag.ItemIsUserCheckable


class PagedTableModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # column key, descending
    completed = Signal(int)  # the whole list is in: its length
    checked_changed = Signal(int)  # how many ids are ticked

    def __init__(self, keys: Sequence[str], headers: Sequence[str], formatter: Formatter, parent=None) -> None:
        super().__init__(parent)
        self.keys = list(keys)
        self.headers = list(headers)
        self.formatter = formatter
        self.rows: PagedRows | None = None
        self._offset = 1  # the rows carry the id first
        self._text: dict[int, list[str]] = {}  # formatted rows: a cell is painted many times
        self.checkable = False
        self.checked: set[int] = set()  # ticked row ids, whatever list is shown

    def set_rows(self, rows: PagedRows) -> None:
        self.beginResetModel()
        self.rows = rows
        self._text.clear()
        self.endResetModel()
        if rows.complete:
            self.completed.emit(len(rows))
        else:  # the first screenfuls are painted first; the rest follows at once
            QTimer.singleShot(0, self, lambda r=rows: self._complete(r))  # dropped if the model is gone first

    def _complete(self, rows: PagedRows) -> None:
        if rows is not self.rows or rows.complete:
            return  # a newer search has replaced it
        ids = rows.more_ids()
        if ids is None:  # read a few ms at a time: a key pressed meanwhile comes first
            QTimer.singleShot(0, self, lambda r=rows: self._complete(r))
            return
        start = len(rows)
        if len(ids) > start:
            self.beginInsertRows(QModelIndex(), start, len(ids) - 1)
            rows.extend_to(ids)
            self.endInsertRows()
        else:
            rows.extend_to(ids)
        self.completed.emit(len(rows))

    def reformat(self) -> None:
        """Format again (e.g. after switching ID masking) without re-reading rows."""
        self._text.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def id_at(self, row: int) -> int | None:
        if self.rows is None or not 0 <= row < len(self.rows):
            return None
        return self.rows.id_at(row)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.rows is None else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.keys)

    def set_checked(self, ids, on: bool) -> None:
        """Tick (or untick) these ids; rows not on screen keep their state for later."""
        if on:
            self.checked.update(ids)
        else:
            self.checked.difference_update(ids)
        self._checks_changed()

    def clear_checked(self) -> None:
        self.checked.clear()
        self._checks_changed()

    def _checks_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0), [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit(len(self.checked))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.checkable and index.column() == 0 and index.isValid():
            return _FLAGS_CHECKABLE
        return _FLAGS

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (self.checkable and index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole):
            return False
        row_id = self.id_at(index.row())
        if row_id is None:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        if state == Qt.CheckState.Checked.value:
            self.checked.add(row_id)
        else:
            self.checked.discard(row_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit(len(self.checked))
        return True

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        role = role if type(role) is int else role.value  # noqa: E721 - ints from Qt, enums from Python callers
        if role == _DISPLAY_VALUE:
            if self.rows is None:
                return None
            row = index.row()
            text = self._text.get(row)
            if text is None:
                if len(self._text) > 5000:
                    self._text.clear()
                values = self.rows.row(row)
                fmt, off = self.formatter, self._offset
                text = self._text[row] = [fmt(key, values[i + off]) for i, key in enumerate(self.keys)]
            return text[index.column()]
        if role == _CHECK_VALUE and self.checkable and self.rows is not None and index.column() == 0:
            return _CHECKED if self.id_at(index.row()) in self.checked else _UNCHECKED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(self.keys[column], order == Qt.SortOrder.DescendingOrder)
