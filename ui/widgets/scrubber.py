"""The scrubber: the whole trace as a bar, with marks for chapters, hand-offs, IO completions, output and errors.

Owns `draw_scrubber` (pure) and a thin widget that turns clicks and drags into seeks.
Marks are binned per pixel column once per trace and width, so a million events
draw as fast as a hundred.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.navigation import StepUnit, TraceIndex
from ui.render.common import with_alpha
from ui.theme import LIGHT, Theme

MARK_ROWS = ("handoff", "io", "output", "error")
CHAPTER_ROW = "chapter"  # drawn across the whole bar: where each chapter begins (jump with the chapter keys)


@dataclass(frozen=True)
class ScrubberModel:
    length: int  # events in the trace
    position: float
    marks: dict[str, tuple[int, ...]]  # row -> event indices


def scrubber_marks(index: TraceIndex) -> dict[str, tuple[int, ...]]:
    """The marks to show, by row."""
    return {
        "handoff": tuple(index.by_unit[StepUnit.HANDOFF]),
        "io": tuple(index.by_unit[StepUnit.IO]),
        "output": tuple(index.output),
        "error": tuple(index.errors),
        CHAPTER_ROW: tuple(index.by_unit[StepUnit.CHAPTER]),
    }


_COLUMN_CACHE: dict[tuple[int, int, int], tuple[tuple[int, ...], frozenset[int]]] = {}


def _columns(indices: tuple[int, ...], length: int, width: int) -> frozenset[int]:
    """Pixel columns holding at least one mark; cached because playing repaints 60 times a second."""
    if length <= 1 or width <= 0:
        return frozenset()
    key = (id(indices), length, width)
    hit = _COLUMN_CACHE.get(key)
    if hit is not None and hit[0] is indices:
        return hit[1]
    scale = (width - 1) / (length - 1)
    columns = frozenset(int(i * scale) for i in indices)
    if len(_COLUMN_CACHE) > 64:
        _COLUMN_CACHE.clear()
    _COLUMN_CACHE[key] = (indices, columns)  # keeping `indices` alive keeps its id unique
    return columns


_MARKS_LAYER: dict[tuple[int, int, int, str, int, float], QPixmap] = {}


def draw_scrubber(painter: QPainter, rect: QRectF, model: ScrubberModel, theme: Theme) -> None:
    """The bar, its marks in rows (each row its own shape), and the playhead.

    The bar and its marks change only with the trace, the size or the theme: they are
    drawn once into a pixmap, and each frame adds just the playhead.
    """
    device = painter.device()
    dpr = device.devicePixelRatioF() if device is not None else 1.0  # sharp on high-DPI screens
    key = (id(model.marks), model.length, int(rect.width()) * 10_000 + int(rect.height()), theme.name, id(theme), dpr)
    layer = _MARKS_LAYER.get(key)
    if layer is None:
        layer = QPixmap(max(1, round(rect.width() * dpr)), max(1, round(rect.height() * dpr)))
        layer.setDevicePixelRatio(dpr)
        layer_painter = QPainter(layer)
        try:
            _draw_bar_and_marks(layer_painter, QRectF(0, 0, rect.width(), rect.height()), model, theme)
        finally:
            layer_painter.end()
        _MARKS_LAYER.clear()  # one trace on screen at a time
        _MARKS_LAYER[key] = layer
    painter.drawPixmap(rect.topLeft(), layer)
    if model.length <= 1:
        return
    track = rect.adjusted(6, 4, -6, -4)
    x = track.left() + track.width() * model.position / (model.length - 1)
    played = QRectF(track.left(), track.top(), x - track.left(), track.height())
    painter.fillRect(played, with_alpha(theme.accent, 0.12))
    painter.setPen(QPen(theme.accent, 3))
    painter.drawLine(QPointF(x, rect.top() + 1), QPointF(x, rect.bottom() - 1))


def _draw_bar_and_marks(painter: QPainter, rect: QRectF, model: ScrubberModel, theme: Theme) -> None:
    painter.fillRect(rect, theme.background)
    track = rect.adjusted(6, 4, -6, -4)
    painter.fillRect(track, theme.surface)
    painter.setPen(QPen(theme.grid, 1))
    painter.drawRect(track)
    if model.length <= 1:
        return
    # chapter starts first, full height and faint, so the rows' marks stay readable on top of them
    for column in _columns(model.marks.get(CHAPTER_ROW, ()), model.length, int(track.width())):
        x = track.left() + column
        painter.fillRect(QRectF(x, track.top(), 2.0, track.height()), with_alpha(theme.accent, 0.45))
    colours = {"handoff": theme.sent, "io": theme.completion, "output": theme.text_dim, "error": theme.error}
    row_h = track.height() / len(MARK_ROWS)
    width = int(track.width())
    for row, name in enumerate(MARK_ROWS):
        y = track.top() + row * row_h
        colour = colours[name]
        for column in _columns(model.marks.get(name, ()), model.length, width):
            x = track.left() + column
            # Errors are wider ticks: the row and the width tell them apart, not only the colour.
            width_px = 3.0 if name == "error" else 1.5
            painter.fillRect(QRectF(x, y + 1, width_px, row_h - 2), colour)


class Scrubber(QWidget):
    """Click or drag to put the playhead anywhere; `seekRequested(position)`."""

    seekRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ScrubberModel(0, 0.0, {})
        self.theme: Theme = LIGHT
        self.paint_count = 0  # benchmarks watch this: the playhead moving is a painted frame
        self.setMinimumSize(QSize(200, 30))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_model(self, model: ScrubberModel) -> None:
        if model != self.model:
            self.model = model
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def position_at(self, x: float) -> float:
        """The playhead position under pixel column `x` (whole events: scrubbing lands on steps)."""
        left, width = 6.0, max(1.0, self.width() - 12.0)
        fraction = min(1.0, max(0.0, (x - left) / width))
        return float(round(fraction * max(0, self.model.length - 1)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.seekRequested.emit(self.position_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.seekRequested.emit(self.position_at(event.position().x()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            draw_scrubber(painter, QRectF(self.rect()), self.model, self.theme)
        finally:
            painter.end()
        self.paint_count += 1
