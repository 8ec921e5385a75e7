"""Which Qt calls, as PySide6 binds them here, lower the refcount of None/True/False?

On Python < 3.12 None, True and False are ordinary objects with a refcount; a
binding that returns or stores one of them without taking a reference lowers
that count by one per call, and after a few thousand calls CPython aborts with
"Fatal Python error: none_dealloc" (or bool_dealloc at exit). 3.12+ made them
immortal, so the fault only shows on 3.10/3.11.

Run `uv run python -m tests.qt_refcount_probe` to print, for every call pattern
found under ui/, how much each count moved over N calls. tests/test_qt_refcounts.py
uses PATTERNS and `measure` to keep the safe ones safe.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N = 1000


def counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def measure(fn: Callable[[int], object], n: int = N) -> tuple[int, int, int]:
    """How far each of None/True/False's refcounts moved over fn(n) (negative: a leak).

    What fn returns is kept alive until after the second reading, so objects it
    made cannot hand back references they legitimately took."""
    fn(10)  # warm up: first calls cache enums, signatures, type objects
    with quiet_gc():
        before = counts()
        keep = fn(n)
        after = counts()
    del keep
    return after[0] - before[0], after[1] - before[1], after[2] - before[2]


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while counting: freeing unrelated garbage that held
    None (a dict of a widget from an earlier test) would look like a leak."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def leaks(delta: tuple[int, int, int], n: int = N) -> bool:
    """A drop of at least half a count per call: a true per-call leak, not noise."""
    return min(delta) <= -n // 2


def binding_leaks() -> bool:
    """Whether this PySide6/Python drops a reference to None on a void call (6.12 on < 3.12 does)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(100):
        label.setText("x")
    return sys.getrefcount(None) - before <= -50


# ---------------------------------------------------------------- the patterns
# Each takes n and does one call pattern n times; the Qt imports stay inside so the
# module imports without Qt loaded.


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def p_table_insert_row(n):
    from PySide6.QtWidgets import QTableWidget

    t = QTableWidget(0, 3)
    for i in range(n):
        t.insertRow(i)
    return t


def p_table_set_row_count(n):
    from PySide6.QtWidgets import QTableWidget

    t = QTableWidget(0, 3)
    for i in range(n):
        t.setRowCount(i + 1)
    t.setRowCount(0)
    return t


def p_table_widget_item_new(n):
    from PySide6.QtWidgets import QTableWidgetItem

    return [QTableWidgetItem("张伟") for _ in range(n)]


def p_table_widget_item_empty(n):
    from PySide6.QtWidgets import QTableWidgetItem

    return [QTableWidgetItem() for _ in range(n)]


def p_table_set_item(n):
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    t = QTableWidget(n, 1)
    items = [QTableWidgetItem("x") for _ in range(n)]
    before = counts()  # only setItem is measured by the caller's difference below
    for i, item in enumerate(items):
        t.setItem(i, 0, item)
    return t, before


def p_item_set_data(n):
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem("x")
    for i in range(n):
        item.setData(256, i)
    return item


def p_item_data(n):
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem("x")
    item.setData(256, 7)
    return [item.data(256) for _ in range(n)]


def p_item_text(n):
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem("x")
    return [item.text() for _ in range(n)]


def p_item_set_text(n):
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem("x")
    for _ in range(n):
        item.setText("y")
    return item


def p_item_set_check_state(n):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem()
    for _ in range(n):
        item.setCheckState(Qt.CheckState.Checked)
    return item


def p_item_check_state(n):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem()
    item.setCheckState(Qt.CheckState.Checked)
    return [item.checkState() for _ in range(n)]


def p_item_set_flags(n):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem()
    for _ in range(n):
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def p_item_set_foreground(n):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem()
    for _ in range(n):
        item.setForeground(QColor("#888888"))
    return item


def p_item_set_font(n):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem()
    for _ in range(n):
        font = QFont(item.font())
        font.setStrikeOut(True)
        item.setFont(font)
    return item


def p_item_set_tooltip(n):
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem()
    for _ in range(n):
        item.setToolTip("提示")
    return item


def p_table_item_lookup(n):
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    t = QTableWidget(1, 1)
    t.setItem(0, 0, QTableWidgetItem("x"))
    return t, [t.item(0, 0) for _ in range(n)]


def p_table_item_missing(n):
    from PySide6.QtWidgets import QTableWidget

    t = QTableWidget(1, 1)
    return t, [t.item(0, 0) for _ in range(n)]  # None: no item there


def p_table_resize_columns(n):
    from PySide6.QtWidgets import QTableWidget

    t = QTableWidget(3, 3)
    for _ in range(n):
        t.resizeColumnsToContents()
    return t


def p_table_selected_rows(n):
    from PySide6.QtWidgets import QTableWidget

    t = QTableWidget(3, 3)
    t.selectRow(1)
    return t, [t.selectionModel().selectedRows() for _ in range(n)]


def p_list_widget_add_item(n):
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    w = QListWidget()
    for i in range(n):
        w.addItem(QListWidgetItem(f"第{i}项"))
    return w


def p_list_widget_add_text(n):
    from PySide6.QtWidgets import QListWidget

    w = QListWidget()
    for i in range(n):
        w.addItem(f"第{i}项")
    return w


def p_list_widget_item_set_data(n):
    from PySide6.QtWidgets import QListWidgetItem

    items = []
    for i in range(n):
        item = QListWidgetItem("x")
        item.setData(256, i)
        items.append(item)
    return items


def p_list_widget_clear(n):
    from PySide6.QtWidgets import QListWidget

    w = QListWidget()
    for _ in range(n):
        w.addItem("x")
        w.clear()
    return w


def p_list_widget_current_row(n):
    from PySide6.QtWidgets import QListWidget

    w = QListWidget()
    w.addItems(["a", "b"])
    for i in range(n):
        w.setCurrentRow(i % 2)
    return w, [w.currentRow() for _ in range(n)]


def p_standard_item(n):
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    m = QStandardItemModel(0, 1)
    for i in range(n):
        m.appendRow(QStandardItem(f"{i}"))
    return m


def p_combo_add_item_data(n):
    from PySide6.QtWidgets import QComboBox

    c = QComboBox()
    for i in range(n):
        c.addItem(f"第{i}项", f"code{i}")
    return c


def p_combo_add_item_none(n):
    from PySide6.QtWidgets import QComboBox

    c = QComboBox()
    for i in range(n):
        c.addItem(f"第{i}项", None)  # as congress_dialogs does
    return c


def p_combo_current_data(n):
    from PySide6.QtWidgets import QComboBox

    c = QComboBox()
    c.addItem("a", "")
    c.addItem("b", None)
    out = []
    for i in range(n):
        c.setCurrentIndex(i % 2)
        out.append(c.currentData())
    return c, out


def p_combo_find_data(n):
    from PySide6.QtWidgets import QComboBox

    c = QComboBox()
    c.addItem("a", "x")
    return c, [c.findData("x") for _ in range(n)]


def p_combo_block_signals(n):
    from PySide6.QtWidgets import QComboBox

    c = QComboBox()
    return c, [c.blockSignals(i % 2 == 0) for i in range(n)]


def p_action_set_tooltip(n):
    from PySide6.QtGui import QAction

    a = QAction("x")
    for _ in range(n):
        a.setToolTip("提示")
    return a


def p_label_set_text(n):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    for i in range(n):
        label.setText(f"共 {i} 人")
    return label


def p_widget_set_enabled_visible(n):
    from PySide6.QtWidgets import QPushButton

    b = QPushButton()
    for i in range(n):
        b.setEnabled(i % 2 == 0)
        b.setVisible(False)
    return b


def p_checkbox_is_checked(n):
    from PySide6.QtWidgets import QCheckBox

    c = QCheckBox()
    return c, [c.isChecked() for _ in range(n)]


def _python_model(rows: int):
    """A QAbstractTableModel written in Python, like PagedTableModel and RowsModel."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

    class M(QAbstractTableModel):
        changed = Signal()
        text = Signal(str)
        pair = Signal(str, bool)
        anything = Signal(object)

        def __init__(self) -> None:
            super().__init__()
            self.n = rows

        def rowCount(self, parent=QModelIndex()):  # noqa: N802
            return 0 if parent.isValid() else self.n

        def columnCount(self, parent=QModelIndex()):  # noqa: N802
            return 0 if parent.isValid() else 3

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row()}"
            return None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
            return "列" if role == Qt.ItemDataRole.DisplayRole else None

    return M()


def p_model_index_data(n):
    m = _python_model(10)
    return m, [m.data(m.index(1, 1)) for _ in range(n)]


def p_model_data_none_role_via_qt(n):
    """C++ asking a Python model for a role it does not serve (the view does this on every paint)."""
    from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

    m = _python_model(10)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(m)
    idx = proxy.index(1, 1, QModelIndex())
    return m, proxy, [proxy.data(idx, 1234) for _ in range(n)]


def p_model_begin_end_reset(n):
    m = _python_model(10)
    for _ in range(n):
        m.beginResetModel()
        m.endResetModel()
    return m


def p_model_begin_end_insert(n):
    from PySide6.QtCore import QModelIndex

    m = _python_model(0)
    for i in range(n):
        m.beginInsertRows(QModelIndex(), i, i)
        m.n += 1
        m.endInsertRows()
    return m


def p_model_data_changed_emit(n):
    m = _python_model(10)
    for _ in range(n):
        m.dataChanged.emit(m.index(0, 0), m.index(9, 2))
    return m


def p_model_is_valid(n):
    from PySide6.QtCore import QModelIndex

    return [QModelIndex().isValid() for _ in range(n)]


def p_signal_emit_noargs(n):
    m = _python_model(0)
    got = []
    m.changed.connect(lambda: got.append(1))
    for _ in range(n):
        m.changed.emit()
    return m, got


def p_signal_emit_str_bool(n):
    m = _python_model(0)
    got = []
    m.pair.connect(lambda a, b: got.append(b))
    for i in range(n):
        m.pair.emit("name", i % 2 == 0)
    return m, got


def p_signal_emit_none(n):
    m = _python_model(0)
    got = []
    m.anything.connect(got.append)
    for _ in range(n):
        m.anything.emit(None)
    return m, got


def p_view_paint_python_model(n):
    """A QTableView painting a Python model: Qt calls data() for ~10 roles per cell."""
    from PySide6.QtWidgets import QTableView

    m = _python_model(max(1, n // 30))
    v = QTableView()
    v.setModel(m)
    v.resize(400, 20000)
    v.grab()
    return m, v


PATTERNS: dict[str, Callable[[int], object]] = {
    name[2:]: fn for name, fn in sorted(globals().items()) if name.startswith("p_") and callable(fn)
}


def main() -> None:
    from ui.refcounts import pin_singletons

    pin_singletons()  # so that one process survives every leaking pattern; deltas are unchanged
    _app()
    print(f"Python {sys.version.split()[0]}; PySide6 {__import__('PySide6').__version__}; {N} calls each")
    print(f"{'pattern':34} {'None':>7} {'True':>7} {'False':>7}")
    for name, fn in PATTERNS.items():
        delta = measure(fn)
        print(f"{name:34} {delta[0]:>7} {delta[1]:>7} {delta[2]:>7}  {'LEAKS' if leaks(delta) else ''}")


if __name__ == "__main__":
    main()
