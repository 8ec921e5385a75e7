"""A readable live preview of a PDF: one page at a time, 上一页/下一页, 放大/缩小, scrolling
when zoomed. It renders from bytes (nothing is written to disk) and keeps no document open:
each render loads, draws one page and closes and deletes its QPdfDocument at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

ZOOMS = (0.75, 1.0, 1.25, 1.5, 2.0)  # of the panel's width


class PagePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = 0
        self.pages = 0
        self.zoom = 1.0
        self._data = b""
        self.label = QLabel("预览")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #888; }")
        self.prev_button = QPushButton("上一页")
        self.next_button = QPushButton("下一页")
        self.where = QLabel()
        smaller, larger = QPushButton("缩小"), QPushButton("放大")
        self.prev_button.clicked.connect(lambda: self.go(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go(self.page + 1))
        smaller.clicked.connect(lambda: self.set_zoom(-1))
        larger.clicked.connect(lambda: self.set_zoom(+1))
        bar = QHBoxLayout()
        for w in (self.prev_button, self.where, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(smaller)
        bar.addWidget(larger)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._update_bar()

    def show_pdf(self, data: bytes) -> None:
        self._data = data
        self._render()

    def go(self, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        self._render()

    def set_zoom(self, step: int) -> None:
        i = min(range(len(ZOOMS)), key=lambda k: abs(ZOOMS[k] - self.zoom))
        self.zoom = ZOOMS[max(0, min(len(ZOOMS) - 1, i + step))]
        self._render()

    def _update_bar(self) -> None:
        self.where.setText(f"第 {self.page + 1} / {self.pages} 页" if self.pages else "")
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages - 1)

    def _render(self) -> None:
        if not self._data:
            return
        from PySide6.QtCore import QBuffer, QByteArray, QSize
        from PySide6.QtGui import QPixmap
        from PySide6.QtPdf import QPdfDocument
        from shiboken6 import Shiboken

        # Document and buffer live only for this render: the document is closed, then
        # deleted, then the buffer it read goes. (A document left to deleteLater() outlived
        # the buffer it pointed at, and was never closed.)
        device = QBuffer()
        device.setData(QByteArray(self._data))
        device.open(QBuffer.OpenModeFlag.ReadOnly)
        doc = QPdfDocument()
        try:
            doc.load(device)
            self.pages = doc.pageCount()
            self.page = max(0, min(self.page, self.pages - 1))
            width = int(max(300, self.scroll.viewport().width() - 16) * self.zoom)
            image = doc.render(self.page, QSize(width, int(width * 1.414)))
        finally:
            doc.close()
            Shiboken.delete(doc)
            device.close()
        self.label.setPixmap(QPixmap.fromImage(image))
        self.label.setToolTip(f"共 {self.pages} 页")
        self._update_bar()
