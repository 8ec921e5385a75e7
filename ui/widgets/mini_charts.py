"""Small bar charts for the 首页, drawn with QPainter.

Not QtCharts: that module (and the QtQuick/QML parts it drags into a frozen build)
adds megabytes to the installed program for a few bars; a QPainter chart is a page of
code. Two shapes: horizontal bars for categories (Chinese labels read left of the bar,
however long), and columns for the twelve months. A click on a bar says which one
(`clicked(index)`); an empty chart says so in words instead of drawing an empty frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#3b7dd8")
BAR_HOVER = QColor("#1f5fb8")
TEXT = QColor("#333333")
MUTED = QColor("#888888")
GRID = QColor("#e3e3e3")


def short_number(value: int, unit: str) -> str:
    """How a bar's figure reads: people and items as counted; money (fen) in yuan, 万 past 10,000."""
    if unit != "元":
        return f"{value:,}"
    yuan = value / 100
    if yuan >= 10_000:
        return f"{yuan / 10_000:.1f}万".replace(".0万", "万")
    return f"{yuan:,.0f}"


class BarChart(QWidget):
    clicked = Signal(int)

    def __init__(self, *, columns: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns  # True: vertical columns (months); False: horizontal bars
        self.labels: list[str] = []
        self.values: list[int] = []
        self.unit = ""
        self.empty_text = "暂无数据"
        self.clickable: list[bool] = []
        self._hover = -1
        self._rects: list[QRectF] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 160)

    def set_bars(self, labels: list[str], values: list[int], unit: str, *, empty_text: str = "暂无数据", clickable: list[bool] | None = None) -> None:
        self.labels, self.values, self.unit, self.empty_text = list(labels), list(values), unit, empty_text
        self.clickable = list(clickable) if clickable is not None else [True] * len(values)
        # Every bar a line of text high at least: nine bars squeezed into a short chart overlapped.
        line = QFontMetrics(self.font()).height()
        self.setMinimumHeight(max(120, (line + 1) * len(values) if not self.columns else 0))
        self._hover = -1
        self._layout()
        self.update()

    def is_empty(self) -> bool:
        return not any(self.values)

    def bar_rect(self, index: int) -> QRectF:
        """Where bar `index` is drawn (its whole row or column: what a click hits)."""
        return self._rects[index]

    # ------------------------------------------------------------------ geometry

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._layout()
        super().resizeEvent(event)

    def _layout(self) -> None:
        self._rects = []
        n = len(self.values)
        if not n:
            return
        w, h = float(self.width()), float(self.height())
        fm = QFontMetrics(self.font())
        if self.columns:
            top, bottom = fm.height() + 2, fm.height() + 4
            step = w / n
            self._rects = [QRectF(i * step, top, step, h - top - bottom) for i in range(n)]
        else:
            step = min(max(h / n, fm.height() + 1), fm.height() * 2.0)
            self._rects = [QRectF(0, i * step, w, step) for i in range(n)]

    def _index_at(self, x: float, y: float) -> int:
        for i, r in enumerate(self._rects):
            if r.contains(x, y) and self.values[i] and self.clickable[i]:
                return i
        return -1

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.is_empty():
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        top = max(self.values) or 1
        if self.columns:
            self._paint_columns(p, top)
        else:
            self._paint_bars(p, top)

    def _paint_bars(self, p: QPainter, top: int) -> None:
        fm = QFontMetrics(self.font())
        label_w = min(max(fm.horizontalAdvance(t) for t in self.labels) + 8, self.width() * 0.4)
        figures = [short_number(v, self.unit) for v in self.values]
        value_w = max(fm.horizontalAdvance(t) for t in figures) + 8
        span = max(self.width() - label_w - value_w, 10)
        for i, r in enumerate(self._rects):
            p.setPen(TEXT)
            label = fm.elidedText(self.labels[i], Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(QRectF(0, r.top(), label_w - 8, r.height()), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
            length = span * self.values[i] / top
            bar = QRectF(label_w, r.top() + r.height() * 0.2, max(length, 2 if self.values[i] else 0), r.height() * 0.6)
            p.fillRect(bar, BAR_HOVER if i == self._hover else BAR)
            p.drawText(QRectF(bar.right() + 4, r.top(), value_w, r.height()), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, figures[i])

    def _paint_columns(self, p: QPainter, top: int) -> None:
        fm = QFontMetrics(self.font())
        base = self._rects[0].bottom()
        p.setPen(GRID)
        p.drawLine(0, int(base), self.width(), int(base))
        for i, r in enumerate(self._rects):
            height = r.height() * self.values[i] / top
            width = r.width() * 0.6
            bar = QRectF(r.center().x() - width / 2, base - height, width, height)
            p.fillRect(bar, BAR_HOVER if i == self._hover else BAR)
            p.setPen(MUTED)
            p.drawText(QRectF(r.left(), base + 2, r.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.labels[i])
            if self.values[i]:
                p.setPen(TEXT)
                figure = short_number(self.values[i], self.unit)
                if fm.horizontalAdvance(figure) <= r.width() or i == self._hover:
                    p.drawText(QRectF(r.left() - r.width(), bar.top() - fm.height() - 1, r.width() * 3, fm.height()), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, figure)

    # ------------------------------------------------------------------ mouse

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self._index_at(event.position().x(), event.position().y())
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
            if index >= 0:
                self.setToolTip(f"{self.labels[index]}：{short_number(self.values[index], self.unit)} {self.unit}（点击查看名单）")
            else:
                self.setToolTip("")
            self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            index = self._index_at(event.position().x(), event.position().y())
            if index >= 0:
                self.clicked.emit(index)
