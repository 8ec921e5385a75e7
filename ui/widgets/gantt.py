"""A simple Gantt-like chart of a project's tasks, drawn with QPainter from plain data.

The data is models.innovation_plan.timeline(): the project's span, the day to mark
as today and one bar per task (label, stage, start, end, percent, status, overdue).
Each bar is the task's planned span; its done part is filled; an overdue task is
outlined in red; a red line marks today. Months are ruled along the top.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models import clock

STAGE_COLOURS = {
    "调查研究": "#5b8def",
    "宣传发动": "#f0a830",
    "组织实施": "#3aa776",
    "督导考核": "#9b6bd3",
    "总结提升": "#d3607a",
}
ROW_H = 30
AXIS_H = 38
LABEL_W = 300
MARGIN = 10


def _date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)


class GanttChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: dict[str, Any] = {"bars": []}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(720)
        self.painted = 0  # how many times the chart was drawn (tests look)

    def set_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, AXIS_H + ROW_H * max(1, len(self.data.get("bars", []))) + 2 * MARGIN + 24)

    # ------------------------------------------------------------- geometry

    def _span(self) -> tuple[_dt.date, _dt.date]:
        """The days shown: the project's span, widened to every bar and to today."""
        days = [_date(self.data[k]) for k in ("start", "end") if self.data.get(k)]
        for bar in self.data.get("bars", []):
            days += [_date(bar["start"]), _date(bar["end"])]
        if not days:
            today = _date(self.data.get("today") or clock.today_iso())
            return today, today + _dt.timedelta(days=30)
        first, last = min(days), max(days)
        return first.replace(day=1), last + _dt.timedelta(days=1)

    def x_of(self, day: _dt.date) -> float:
        first, last = self._span()
        left, right = LABEL_W + MARGIN, self.width() - MARGIN
        total = max(1, (last - first).days)
        return left + (right - left) * (day - first).days / total

    # ------------------------------------------------------------- drawing

    def paintEvent(self, event) -> None:  # noqa: N802
        self.painted += 1
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        bars = self.data.get("bars", [])
        metrics = QFontMetrics(self.font())
        if not bars:
            p.setPen(QColor("#666666"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "尚未制定计划：在“计划表”中添加任务后，这里显示进度图。")
            p.end()
            return
        self._axis(p, metrics)
        top = MARGIN + AXIS_H
        for i, bar in enumerate(bars):
            self._bar(p, metrics, bar, top + i * ROW_H)
        self._today(p, top + len(bars) * ROW_H)
        p.end()

    def _axis(self, p: QPainter, metrics: QFontMetrics) -> None:
        first, last = self._span()
        bottom = MARGIN + AXIS_H + ROW_H * len(self.data["bars"])
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(MARGIN, MARGIN, LABEL_W - 8, AXIS_H), Qt.AlignmentFlag.AlignVCenter, "任务（阶段）")
        month = first
        while month < last:
            nxt = (month.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
            x0, x1 = self.x_of(month), self.x_of(min(nxt, last))
            p.setPen(QPen(QColor("#dddddd"), 1))
            p.drawLine(int(x0), MARGIN + AXIS_H - 6, int(x0), bottom)
            label = f"{month.month}月" if month.month != 1 and month != first else f"{month.year}年{month.month}月"
            if metrics.horizontalAdvance(label) > x1 - x0 - 2:
                label = f"{month.month}"
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x0, MARGIN, x1 - x0, AXIS_H - 6), Qt.AlignmentFlag.AlignCenter, label)
            month = nxt
        p.setPen(QPen(QColor("#999999"), 1))
        p.drawLine(MARGIN, MARGIN + AXIS_H - 1, self.width() - MARGIN, MARGIN + AXIS_H - 1)

    def _bar(self, p: QPainter, metrics: QFontMetrics, bar: dict[str, Any], y: int) -> None:
        label = f"{bar['label']}（{bar['stage']}）"
        p.setPen(QColor("#c0392b") if bar["overdue"] else QColor("#222222"))
        p.drawText(QRectF(MARGIN, y, LABEL_W - 8, ROW_H), Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(label, Qt.TextElideMode.ElideRight, LABEL_W - 8))
        x0 = self.x_of(_date(bar["start"]))
        x1 = max(x0 + 3, self.x_of(_date(bar["end"]) + _dt.timedelta(days=1)))
        rect = QRectF(x0, y + 6, x1 - x0, ROW_H - 12)
        colour = QColor(STAGE_COLOURS.get(bar["stage"], "#7f8c8d"))
        light = QColor(colour)
        light.setAlpha(70)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(light)
        p.drawRoundedRect(rect, 3, 3)
        done = QRectF(rect.x(), rect.y(), rect.width() * bar["percent"] / 100, rect.height())
        p.setBrush(colour)
        p.drawRoundedRect(done, 3, 3)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor("#c0392b"), 2) if bar["overdue"] else QPen(colour.darker(130), 1))
        p.drawRoundedRect(rect, 3, 3)
        text = f"{bar['percent']}% {bar['status']}" + ("（逾期）" if bar["overdue"] else "")
        width = metrics.horizontalAdvance(text) + 6
        p.setPen(QColor("#c0392b") if bar["overdue"] else QColor("#222222"))
        if x1 + width < self.width() - MARGIN:
            p.drawText(QRectF(x1 + 4, y, width, ROW_H), Qt.AlignmentFlag.AlignVCenter, text)
        else:
            p.drawText(QRectF(x0 - width - 2, y, width, ROW_H), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)

    def _today(self, p: QPainter, bottom: int) -> None:
        today = self.data.get("today")
        if not today:
            return
        first, last = self._span()
        day = _date(today)
        if not first <= day <= last:
            return
        x = self.x_of(day)
        p.setPen(QPen(QColor("#e74c3c"), 2, Qt.PenStyle.DashLine))
        p.drawLine(int(x), MARGIN + AXIS_H - 4, int(x), bottom + 4)
        p.setPen(QColor("#e74c3c"))
        p.drawText(QRectF(x - 60, bottom + 4, 120, 18), Qt.AlignmentFlag.AlignCenter, f"今天 {day.month}月{day.day}日")
