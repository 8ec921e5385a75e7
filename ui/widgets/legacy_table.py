"""The part of QTableWidget's API that callers not yet moved to RowsTable still use.

ui/dialogs/aid_batch.py, ui/dialogs/aid_case.py and ui/pages/congress_tabs.py fill
tables from ui.dialogs.member_tabs.make_table with setRowCount(0), insertRow, setItem,
item(row, col).text()/.data(256)/.setText()/.setCheckState() and itemChanged. This
class answers those on top of a RowsModel, so they keep working while their owners
switch to RowsTable.set_rows(). Delete this module when nothing calls make_table's
QTableWidget-style methods any more.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from ui.widgets.rows_model import KEY_ROLE, RowsTable


class CellRef:
    """Stands in for the QTableWidgetItem at (row, column): reads and writes go to the model."""

    __slots__ = ("table", "_row", "_column")

    def __init__(self, table: "LegacyTable", row: int, column: int) -> None:
        self.table, self._row, self._column = table, row, column

    def row(self) -> int:
        return self._row

    def column(self) -> int:
        return self._column

    def text(self) -> str:
        return self.table.rows.text(self._row, self._column)

    def setText(self, text: str) -> None:  # noqa: N802
        self.table.rows.set_text(self._row, self._column, text)

    def data(self, role: int) -> Any:
        role = int(role)
        if role == KEY_ROLE:
            return self.table.rows.key(self._row)
        if role in (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)):
            return self.text()
        return self.table.rows.data(self.table.rows.index(self._row, self._column), role)

    def setData(self, role: int, value: Any) -> None:  # noqa: N802
        if int(role) == KEY_ROLE:
            self.table.rows.set_key(self._row, value)
        else:
            self.setText(value)

    def checkState(self) -> Qt.CheckState:  # noqa: N802
        return Qt.CheckState.Checked if self.table.rows.is_checked(self._row) else Qt.CheckState.Unchecked

    def setCheckState(self, state: Qt.CheckState) -> None:  # noqa: N802
        self.table.rows.set_checked(self._row, state == Qt.CheckState.Checked)


class LegacyTable(RowsTable):
    itemChanged = Signal(object)  # a CellRef, as QTableWidget.itemChanged gives the item  # noqa: N815

    def __init__(self, headers: Sequence[str], *, alignments: Mapping[int, Qt.AlignmentFlag] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(headers, alignments=alignments, parent=parent)
        self.rows.dataChanged.connect(self._cells_changed)

    def _cells_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = None) -> None:
        for row in range(top.row(), bottom.row() + 1):
            for col in range(top.column(), bottom.column() + 1):
                self.itemChanged.emit(CellRef(self, row, col))

    def setRowCount(self, count: int) -> None:  # noqa: N802
        rows = self.rows
        if count < len(rows):
            if count == 0:
                rows.clear()
            else:
                rows.truncate(count)
        elif count > len(rows):
            rows.append_rows([[]] * (count - len(rows)))

    def insertRow(self, row: int) -> None:  # noqa: N802
        self.rows.insert_row(row)

    def item(self, row: int, column: int) -> CellRef | None:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows.headers):
            return CellRef(self, row, column)
        return None

    def setItem(self, row: int, column: int, item: QTableWidgetItem) -> None:  # noqa: N802
        """Copies what the item carries (text, key, check box, editability) into the model."""
        model = self.rows
        model.flush()
        flags = item.flags()
        if column == 0 and flags & Qt.ItemFlag.ItemIsUserCheckable:
            model.checkable = True
            model._checked[row] = item.checkState() == Qt.CheckState.Checked
        if flags & Qt.ItemFlag.ItemIsEditable:
            model.editable.add(column)
        else:
            model.editable.discard(column)
        key = item.data(KEY_ROLE)
        if key is not None:
            model.set_key(row, key)
        model._values[row][column] = item.text()
        index = model.index(row, column)
        model.dataChanged.emit(index, index)
