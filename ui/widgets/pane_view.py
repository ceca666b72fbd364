"""A pane on screen: holds its current model and paints it with its render function.

Owns nothing but the hand-off from Qt's paint event to `draw(painter, rect, model, theme)`.
The window sets models; this widget never computes one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import LIGHT, Theme

DrawFunction = Callable[[QPainter, QRectF, Any, Theme], None]


class PaneView(QWidget):
    """Paints one pane's model."""

    def __init__(self, draw: DrawFunction, minimum: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draw = draw
        self.model: Any = None
        self.theme: Theme = LIGHT
        self.paint_count = 0  # benchmarks and tests watch this to know a frame reached the screen
        self.setMinimumSize(minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_model(self, model: Any) -> None:
        if model != self.model:
            self.model = model
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self.model is None:
                painter.fillRect(self.rect(), self.theme.background)
            else:
                self._draw(painter, QRectF(self.rect()), self.model, self.theme)
        finally:
            painter.end()
        self.paint_count += 1
