"""A table model over models.paging.PagedRows: rows are read from SQL a block at a time.

Sorting is asked of the page (which re-queries SQL); there is no proxy model, so
100,000 rows cost no more than the screenful being painted.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from models.paging import PagedRows

Formatter = Callable[[str, object], str]


class PagedTableModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # column key, descending

    def __init__(self, keys: Sequence[str], headers: Sequence[str], formatter: Formatter, parent=None) -> None:
        super().__init__(parent)
        self.keys = list(keys)
        self.headers = list(headers)
        self.formatter = formatter
        self.rows: PagedRows | None = None
        self._offset = 1  # the rows carry the id first

    def set_rows(self, rows: PagedRows) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        if self.rows is None or not 0 <= row < len(self.rows):
            return None
        return self.rows.id_at(row)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.rows is None else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if self.rows is None or not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows.row(index.row())[index.column() + self._offset]
            return self.formatter(self.keys[index.column()], value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(self.keys[column], order == Qt.SortOrder.DescendingOrder)
