"""A pane on screen: holds its current model and paints it with its render function.

Owns the hand-off from Qt's paint event to `draw(painter, rect, model, theme)`, and a
picture of the last drawing: when the whole window repaints but this pane's model,
theme and size are unchanged (a console while the baton moves), it shows the picture
instead of drawing again. A double-click asks the window to give this pane the whole
window (`maximiseRequested`). The window sets models; this widget never computes one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import LIGHT, Theme

DrawFunction = Callable[[QPainter, QRectF, Any, Theme], None]


class PaneView(QWidget):
    """Paints one pane's model."""

    maximiseRequested = Signal()  # double-clicked: this pane alone, or every pane again

    def __init__(self, draw: DrawFunction, minimum: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draw = draw  # the pane's render function (the fit check calls it too)
        self.model: Any = None
        self.theme: Theme = LIGHT
        self.paint_count = 0  # benchmarks and tests watch this to know a frame reached the screen
        self._picture: QPixmap | None = None
        self._picture_of: tuple[Any, Theme, QSize, float] | None = None
        self.setMinimumSize(minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_model(self, model: Any) -> None:
        if model != self.model:
            self.model = model
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.maximiseRequested.emit()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        dpr = self.devicePixelRatioF()
        key = (self.model, self.theme, self.size(), dpr)
        picture = self._picture
        if picture is None or self._picture_of is None or not _same(self._picture_of, key):
            picture = QPixmap(self.size() * dpr)
            picture.setDevicePixelRatio(dpr)
            painter = QPainter(picture)
            try:
                if self.model is None:
                    painter.fillRect(self.rect(), self.theme.background)
                else:
                    self.draw(painter, QRectF(self.rect()), self.model, self.theme)
            finally:
                painter.end()
            self._picture, self._picture_of = picture, key
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, picture)
        finally:
            painter.end()
        self.paint_count += 1


def _same(a: tuple[Any, Theme, QSize, float], b: tuple[Any, Theme, QSize, float]) -> bool:
    return a[1] is b[1] and a[2] == b[2] and a[3] == b[3] and (a[0] is b[0] or a[0] == b[0])
