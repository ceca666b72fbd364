"""The scaling chart: throughput, context switches and memory against the task count, per model.

Owns `draw_scaling(painter, rect, results, theme)` (pure; three small charts side by side
sharing a logarithmic task axis 1..10,000, logarithmic values) and the `ScalingChart`
widget. Each model is a line with its own colour, dash and marker shape.
Never simulates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.compare import ModelResult
from ui.compare.style import MODEL_ORDER, draw_marker, format_bytes, format_count, model_style
from ui.theme import LIGHT, Theme

translate = QCoreApplication.translate

TASK_RANGE = (1, 10_000)


def _font(theme: Theme, size: float = 8.5, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size * theme.font_scale)
    font.setBold(bold)
    return font


def metrics() -> list[tuple[str, Callable[[ModelResult], float], Callable[[float], str]]]:
    """The three charts: title, value of a result, label of a value."""
    return [
        (translate("Compare", "throughput (tasks/s)"), lambda r: r.throughput_per_s, format_count),
        (translate("Compare", "context switches"), lambda r: float(r.context_switches), format_count),
        (translate("Compare", "memory"), lambda r: float(r.memory_bytes), format_bytes),
    ]


def log_position(value: float, lo: float, hi: float) -> float:
    """0..1 position of value on a log axis over [lo, hi] (values below lo sit at 0)."""
    if value <= lo:
        return 0.0
    return (math.log10(value) - math.log10(lo)) / max(1e-12, math.log10(hi) - math.log10(lo))


def decades(lo: float, hi: float) -> list[float]:
    return [10.0**k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def draw_scaling(painter: QPainter, rect: QRect, results: Sequence[ModelResult], theme: Theme) -> None:
    """Three charts (throughput, switches, memory) over tasks 1..10,000, with a legend underneath."""
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fm = QFontMetrics(_font(theme))
    legend_h = fm.height() + 12
    gap = 12
    charts = metrics()
    width = (rect.width() - gap * (len(charts) + 1)) / len(charts)
    by_model: dict[str, list[ModelResult]] = defaultdict(list)
    for r in results:
        by_model[r.name].append(r)
    for i, (title, value, label) in enumerate(charts):
        area = QRectF(rect.x() + gap + i * (width + gap), rect.y() + 6, width, rect.height() - legend_h - 12)
        _chart(painter, area, title, by_model, value, label, theme)
    _legend(painter, QRectF(rect.x() + gap, rect.bottom() - legend_h, rect.width() - 2 * gap, legend_h), theme)
    painter.restore()


def _chart(
    painter: QPainter, area: QRectF, title: str, by_model: dict[str, list[ModelResult]],
    value: Callable[[ModelResult], float], label: Callable[[float], str], theme: Theme,
) -> None:
    font = _font(theme)
    fm = QFontMetrics(font)
    painter.setFont(_font(theme, 9, bold=True))
    painter.setPen(theme.text)
    painter.drawText(QPointF(area.x(), area.y() + fm.ascent()), title)
    values = [value(r) for rs in by_model.values() for r in rs if value(r) > 0]
    lo = 10.0 ** math.floor(math.log10(min(values))) if values else 1.0
    hi = 10.0 ** math.ceil(math.log10(max(values))) if values else 10.0
    hi = max(hi, lo * 10)
    has_zero = any(value(r) <= 0 for rs in by_model.values() for r in rs)
    if has_zero:
        lo /= 10  # the floor decade stands for zero, so "0 switches" never reads as "10"
    painter.setFont(font)
    y_labels = [label(v) for v in decades(lo, hi)]
    if has_zero:
        y_labels[0] = "0"
    left = area.x() + max(fm.horizontalAdvance(t) for t in y_labels) + 6
    plot = QRectF(left, area.y() + fm.height() + 8, area.right() - left - 4, area.height() - 2 * fm.height() - 14)
    painter.setPen(QPen(theme.grid, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(plot)
    for v, text in zip(decades(lo, hi), y_labels, strict=True):
        y = plot.bottom() - log_position(v, lo, hi) * plot.height()
        painter.setPen(QPen(theme.grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(theme.text_dim)
        painter.drawText(QPointF(area.x(), y + fm.ascent() / 2 - 1), text)
    t_lo, t_hi = TASK_RANGE
    for n in decades(t_lo, t_hi):
        x = plot.left() + log_position(n, t_lo, t_hi) * plot.width()
        painter.setPen(QPen(theme.grid, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(theme.text_dim)
        text = format_count(n)
        width = fm.horizontalAdvance(text)
        x_text = min(x - width / 2, area.right() - width)  # the last label stays inside its chart
        painter.drawText(QPointF(x_text, plot.bottom() + fm.ascent() + 3), text)
    for name in sorted(by_model, key=lambda n: MODEL_ORDER.index(n) if n in MODEL_ORDER else 99):
        style = model_style(name, theme)
        points = [
            QPointF(plot.left() + log_position(r.tasks, t_lo, t_hi) * plot.width(),
                    plot.bottom() - log_position(value(r), lo, hi) * plot.height())
            for r in sorted(by_model[name], key=lambda r: r.tasks)
        ]
        pen = QPen(style.colour, 2 * max(1.0, theme.font_scale * 0.8))
        pen.setStyle(style.dash)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        for k, p in enumerate(points):
            path.lineTo(p) if k else path.moveTo(p)
        painter.drawPath(path)
        painter.setPen(QPen(style.colour, 1))
        painter.setBrush(style.colour)
        for p in points:
            draw_marker(painter, p, style.marker, 7 * theme.font_scale)


def _legend(painter: QPainter, area: QRectF, theme: Theme) -> None:
    font = _font(theme)
    fm = QFontMetrics(font)
    painter.setFont(font)
    x = area.x()
    y = area.center().y()
    for name in MODEL_ORDER:
        style = model_style(name, theme)
        pen = QPen(style.colour, 2)
        pen.setStyle(style.dash)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + 28, y))
        painter.setPen(QPen(style.colour, 1))
        painter.setBrush(style.colour)
        draw_marker(painter, QPointF(x + 14, y), style.marker, 7 * theme.font_scale)
        painter.setPen(theme.text)
        painter.drawText(QPointF(x + 34, y + fm.ascent() / 2 - 1), style.label)
        x += 34 + fm.horizontalAdvance(style.label) + 24
    painter.setPen(theme.text_dim)
    painter.drawText(
        QPointF(x + 12, y + fm.ascent() / 2 - 1), translate("Compare", "x axis: tasks; both axes logarithmic"))


class ScalingChart(QWidget):
    """Shows a sweep's results as they arrive."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self._theme = theme
        self._results: list[ModelResult] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(translate("Compare", "How each model scales from 1 to 10,000 tasks (both axes logarithmic)"))

    def sizeHint(self) -> QSize:
        return QSize(900, 300)

    def set_results(self, results: Sequence[ModelResult]) -> None:
        self._results = list(results)
        self.update()

    def results(self) -> list[ModelResult]:
        return list(self._results)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_scaling(painter, self.rect(), self._results, self._theme)
        painter.end()
