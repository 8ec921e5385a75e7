"""Tables and lists over plain Python rows (lists of str), for every read-mostly list in the UI.

Why not QTableWidget/QListWidget/QStandardItemModel: with PySide6 6.12 on Python
3.10/3.11 every call into Qt that returns void (insertRow, setItem, setData,
setFlags, setForeground, addItem …) lowers the refcount of None by one, and
Signal.emit() lowers True's. Filling a table item by item costs several calls per
cell, so a few thousand rows made CPython abort with "none_dealloc". Here a whole
refresh is one beginResetModel/endResetModel pair whatever the number of rows, and
Qt reads the cells through data() (Python called from C++, which does not leak).
tests/qt_refcount_probe.py measures every call pattern; ui/refcounts.py keeps the
few calls per refresh that remain from ever reaching zero.

    view = RowsTable(["姓名", "部门"])
    view.set_rows([["张伟", "生产部"]], keys=[7])
    view.selected_key()  # -> 7 once the row is selected
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QListView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = int(Qt.ItemDataRole.UserRole)  # 256: where QTableWidget callers kept a row's key
VOID_COLOR = "#888888"
_CHECKED = Qt.CheckState.Checked.value
_UNCHECKED = Qt.CheckState.Unchecked.value
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_CHECK = int(Qt.ItemDataRole.CheckStateRole)
SIZE_SAMPLE_ROWS = 300
LONG_TEXT = 40  # cells longer than this also show in full as a tooltip (the column may cut them)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class RowsModel(QAbstractTableModel):
    """Rows of text with, per row, an optional key, a voided flag (grey, struck through)
    and, when `checkable`, a check box in the first column. Columns listed in
    `editable` may be edited in place (the text is kept as typed; the caller parses it)."""

    def __init__(
        self,
        headers: Sequence[str],
        *,
        checkable: bool = False,
        alignments: Mapping[int, Qt.AlignmentFlag] | None = None,
        editable: Iterable[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.checkable = checkable
        self.alignments = {col: flag | Qt.AlignmentFlag.AlignVCenter for col, flag in (alignments or {}).items()}
        self.editable = set(editable)
        self._values: list[list[str]] = []
        self._keys: list[Any] = []
        self._voided: list[bool] = []
        self._checked: list[bool] = []
        self._tips: dict[int, str] = {}  # row -> tooltip of every cell in it (set_rows(tips=...))
        self._void_font: QFont | None = None
        self._void_color: QColor | None = None
        # Rows queued by append_soon(): Qt sees them in one insertion at flush().
        self._pending: list[tuple[list[str], Any, bool]] = []

    # ------------------------------------------------------------ filling

    def _normalise(self, values: Iterable[Sequence[Any]]) -> list[list[str]]:
        width = len(self.headers)
        rows = []
        for row in values:
            cells = [_text(v) for v in row]
            if len(cells) > width:
                raise ValueError(f"a row has {len(cells)} cells; the table has {width} columns")
            rows.append(cells + [""] * (width - len(cells)))
        return rows

    @staticmethod
    def _column(given: Sequence[Any] | None, n: int, default: Any, what: str) -> list[Any]:
        if given is None:
            return [default] * n
        out = list(given)
        if len(out) != n:
            raise ValueError(f"{len(out)} {what} for {n} rows")
        return out

    def set_rows(
        self,
        rows: Iterable[Sequence[Any]],
        *,
        keys: Sequence[Any] | None = None,
        voided: Sequence[bool] | None = None,
        checked: Sequence[bool] | None = None,
        tips: Mapping[int, str] | None = None,
    ) -> None:
        """Replace every row (one model reset, whatever the count). `tips` ({row: text})
        gives whole rows a tooltip of their own (a voided vote's story, say)."""
        values = self._normalise(rows)
        n = len(values)
        self._pending.clear()
        new_keys = self._column(keys, n, None, "keys")
        new_voided = [bool(v) for v in self._column(voided, n, False, "voided flags")]
        new_checked = [bool(v) for v in self._column(checked, n, self.checkable, "check marks")]
        self.beginResetModel()
        self._values, self._keys, self._voided, self._checked = values, new_keys, new_voided, new_checked
        self._tips = {row: text for row, text in (tips or {}).items() if 0 <= row < n and text}
        self.endResetModel()

    def append_rows(
        self,
        rows: Iterable[Sequence[Any]],
        *,
        keys: Sequence[Any] | None = None,
        voided: Sequence[bool] | None = None,
        checked: Sequence[bool] | None = None,
    ) -> None:
        """Add rows at the end (one insertion, whatever the count)."""
        self.flush()
        values = self._normalise(rows)
        if not values:
            return
        n = len(values)
        start = len(self._values)
        self.beginInsertRows(QModelIndex(), start, start + n - 1)
        self._values += values
        self._keys += self._column(keys, n, None, "keys")
        self._voided += [bool(v) for v in self._column(voided, n, False, "voided flags")]
        self._checked += [bool(v) for v in self._column(checked, n, self.checkable, "check marks")]
        self.endInsertRows()

    def append_soon(self, values: Sequence[Any], *, key: Any = None, voided: bool = False) -> None:
        """Queue one row at the end. A loop of these costs Qt one insertion: at the next
        flush(), which every reading method here (and RowsTable) does first, or when
        control returns to the event loop."""
        if not self._pending:
            QTimer.singleShot(0, self, self.flush)  # the receiver `self`: never called once the model is gone
        self._pending.append((self._normalise([values])[0], key, voided))

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            self.append_rows([p[0] for p in pending], keys=[p[1] for p in pending], voided=[p[2] for p in pending])

    def insert_row(self, position: int, values: Sequence[Any] = (), *, key: Any = None, voided: bool = False, checked: bool | None = None) -> None:
        self.flush()
        position = max(0, min(position, len(self._values)))
        self._tips = {(r + 1 if r >= position else r): t for r, t in self._tips.items()}
        self.beginInsertRows(QModelIndex(), position, position)
        self._values.insert(position, self._normalise([values])[0])
        self._keys.insert(position, key)
        self._voided.insert(position, voided)
        self._checked.insert(position, self.checkable if checked is None else checked)
        self.endInsertRows()

    def truncate(self, count: int) -> None:
        """Keep only the first `count` rows."""
        self.flush()
        count = max(0, count)
        if count >= len(self._values):
            return
        self.beginRemoveRows(QModelIndex(), count, len(self._values) - 1)
        del self._values[count:], self._keys[count:], self._voided[count:], self._checked[count:]
        self._tips = {r: t for r, t in self._tips.items() if r < count}
        self.endRemoveRows()

    def clear(self) -> None:
        self._pending.clear()
        if self._values:
            self.set_rows([])

    # ------------------------------------------------------------ reading (no Qt calls once flushed)
    # rowCount()/data() below are what Qt reads: they never flush (Qt may be mid-paint),
    # so Qt only ever sees rows it was told about.

    def __len__(self) -> int:
        self.flush()
        return len(self._values)

    def key(self, row: int) -> Any:
        self.flush()
        return self._keys[row]

    def keys(self) -> list[Any]:
        self.flush()
        return list(self._keys)

    def row_of_key(self, key: Any) -> int:
        self.flush()
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def text(self, row: int, column: int) -> str:
        self.flush()
        return self._values[row][column]

    def row_values(self, row: int) -> list[str]:
        self.flush()
        return list(self._values[row])

    def is_voided(self, row: int) -> bool:
        self.flush()
        return self._voided[row]

    def is_checked(self, row: int) -> bool:
        self.flush()
        return self._checked[row]

    def checked_rows(self) -> list[int]:
        self.flush()
        return [r for r, on in enumerate(self._checked) if on] if self.checkable else []

    # ------------------------------------------------------------ changing cells

    def set_text(self, row: int, column: int, text: Any) -> None:
        self.flush()
        self._values[row][column] = _text(text)
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    def set_column(self, column: int, texts: Mapping[int, Any]) -> None:
        """Set many cells of one column ({row: text}) with one change notice."""
        self.flush()
        if not texts:
            return
        for row, text in texts.items():
            self._values[row][column] = _text(text)
        self.dataChanged.emit(self.index(min(texts), column), self.index(max(texts), column))

    def set_checked(self, row: int, on: bool) -> None:
        self.flush()
        self._checked[row] = bool(on)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def set_all_checked(self, on: bool) -> None:
        """Tick or untick every row with one change notice."""
        self.flush()
        if not self._values:
            return
        self._checked = [bool(on)] * len(self._values)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._values) - 1, 0))

    def set_key(self, row: int, key: Any) -> None:
        self.flush()
        self._keys[row] = key

    # ------------------------------------------------------------ Qt's side

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._values)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._values) and 0 <= col < len(self.headers)):
            return None
        role = int(role)
        if role in (_DISPLAY, _EDIT):
            return self._values[row][col]
        if role == KEY_ROLE:
            return self._keys[row]
        if role == _CHECK:
            if self.checkable and col == 0:
                return _CHECKED if self._checked[row] else _UNCHECKED
            return None
        if role == _ALIGN:
            return self.alignments.get(col)
        if role == _FOREGROUND and self._voided[row]:
            if self._void_color is None:
                self._void_color = QColor(VOID_COLOR)
            return self._void_color
        if role == _FONT and self._voided[row]:
            if self._void_font is None:
                self._void_font = QFont()
                self._void_font.setStrikeOut(True)
            return self._void_font
        if role == _TOOLTIP:
            if row in self._tips:
                return self._tips[row]
            text = self._values[row][col]
            return text if len(text) > LONG_TEXT else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if int(role) == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if not index.isValid():
            return flags
        col = index.column()
        if self.checkable and col == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if col in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, col, role = index.row(), index.column(), int(role)
        if role == _CHECK and self.checkable and col == 0:
            state = value.value if isinstance(value, Qt.CheckState) else int(value)
            self.set_checked(row, state == _CHECKED)
            return True
        if role == _EDIT and col in self.editable:
            self.set_text(row, col, value)
            return True
        return False


# ---------------------------------------------------------------- views


def configure_read_only(view: QTableView, *, multi: bool = False) -> QTableView:
    """The defaults every list table shares: whole rows selected, no editing,
    the last column stretched, no row numbers, alternating row colours."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    # resizeColumnsToContents asks data() ~8 roles per cell of the rows it samples (Qt's
    # default: 1,000); 300 rows plus the visible ones size the columns well enough and a
    # refresh of a long list stays quick.
    header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    view.verticalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    view.setAlternatingRowColors(True)
    return view


def make_read_only_view(model: RowsModel, parent: QWidget | None = None, *, multi: bool = False) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    return configure_read_only(view, multi=multi)


def make_list_view(model: RowsModel, parent: QWidget | None = None, *, multi: bool = False) -> QListView:
    """A one-column RowsModel shown as a list: the leak-free stand-in for QListWidget."""
    view = QListView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.MultiSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    return view


def selected_rows(view: QAbstractItemView) -> list[int]:
    model = view.selectionModel()
    return sorted({index.row() for index in model.selectedRows()}) if model is not None else []


class RowsTable(QTableView):
    """A read-only QTableView that owns its RowsModel (`.rows`), with the few conveniences
    pages need: set_rows/append_row, the selected row's key, row and column counts."""

    def __init__(
        self,
        headers: Sequence[str],
        *,
        checkable: bool = False,
        alignments: Mapping[int, Qt.AlignmentFlag] | None = None,
        editable: Iterable[int] = (),
        multi: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = RowsModel(headers, checkable=checkable, alignments=alignments, editable=editable, parent=self)
        self.setModel(self.rows)
        configure_read_only(self, multi=multi)

    def set_rows(self, rows: Iterable[Sequence[Any]], **kw: Any) -> None:
        self.rows.set_rows(rows, **kw)

    def append_row(self, values: Sequence[Any], *, key: Any = None, voided: bool = False) -> None:
        """One row at the end; a loop of these reaches Qt as one insertion (RowsModel.append_soon)."""
        self.rows.append_soon(values, key=key, voided=voided)

    # What Qt computes from the rows must see the queued ones too.
    def resizeColumnsToContents(self) -> None:  # noqa: N802
        self.rows.flush()
        super().resizeColumnsToContents()

    def resizeRowsToContents(self) -> None:  # noqa: N802
        self.rows.flush()
        super().resizeRowsToContents()

    def selectRow(self, row: int) -> None:  # noqa: N802
        self.rows.flush()
        super().selectRow(row)

    def rowCount(self) -> int:  # noqa: N802 - the QTableWidget name its callers already use
        return len(self.rows)

    def columnCount(self) -> int:  # noqa: N802
        return len(self.rows.headers)

    def selected_rows(self) -> list[int]:
        self.rows.flush()
        return selected_rows(self)

    def selected_key(self) -> Any:
        rows = self.selected_rows()
        return self.rows.key(rows[0]) if rows else None

    def selected_keys(self) -> list[Any]:
        return [self.rows.key(r) for r in self.selected_rows()]

    def select_key(self, key: Any) -> bool:
        row = self.rows.row_of_key(key)
        if row >= 0:
            self.selectRow(row)
        return row >= 0


class RowsList(QListView):
    """A read-only list that owns a one-column RowsModel (`.rows`): the stand-in for a
    QListWidget filled with addItem(QListWidgetItem(text)) and item.setData(256, key),
    which costs Qt several void calls per item. In multi mode a click toggles an item,
    as QListWidget's MultiSelection did."""

    def __init__(self, *, multi: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = RowsModel([""], parent=self)
        self.setModel(self.rows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.MultiSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
        )

    def set_items(self, texts: Iterable[str], *, keys: Sequence[Any] | None = None) -> None:
        """Replace every item (one model reset); the selection is cleared."""
        self.rows.set_rows([[text] for text in texts], keys=keys)

    def count(self) -> int:
        return len(self.rows)

    def selected_rows(self) -> list[int]:
        self.rows.flush()
        return selected_rows(self)

    def selected_keys(self) -> list[Any]:
        return [self.rows.key(r) for r in self.selected_rows()]

    def select_key(self, key: Any) -> bool:
        """Add the item with this key to the selection (what a click on it does)."""
        row = self.rows.row_of_key(key)
        if row >= 0:
            self.selectionModel().select(self.rows.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
        return row >= 0
