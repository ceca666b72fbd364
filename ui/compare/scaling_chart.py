"""The scaling chart: throughput, context switches per task and memory against the task count, per model.

Owns `draw_scaling(painter, rect, results, theme)` (pure; three small charts side by side
sharing a logarithmic task axis 1..10,000, logarithmic values, text at the theme's
scale) and the `ScalingChart` widget. Each model is a line with its own colour, dash
and marker shape. Where text would collide it gives up detail (every other task-axis
label, a legend on two rows) and reports any essential text it had to shorten to
ui.render.fit. Never simulates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.compare import ModelResult
from ui.compare.style import MODEL_ORDER, draw_marker, format_bytes, format_count, model_style
from ui.render import fit
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
        (translate("Compare", "OS context switches per task"), lambda r: r.context_switches / max(1, r.tasks),
         format_count),
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
    gap = 12
    legend_rows = _legend_rows(rect.width() - 2 * gap, theme)
    legend_h = _legend_height(legend_rows, theme)
    charts = metrics()
    per_row = columns(rect.width(), theme)
    rows = -(-len(charts) // per_row)
    width = (rect.width() - gap * (per_row + 1)) / per_row
    height = (rect.height() - legend_h - 6 - 6 * rows) / rows
    by_model: dict[str, list[ModelResult]] = defaultdict(list)
    for r in results:
        by_model[r.name].append(r)
    for i, (title, value, label) in enumerate(charts):
        row, col = divmod(i, per_row)
        area = QRectF(rect.x() + gap + col * (width + gap), rect.y() + 6 + row * (height + 6), width, height)
        _chart(painter, area, title, by_model, value, label, theme)
    _legend(painter, QRectF(rect.x() + gap, rect.bottom() - legend_h, rect.width() - 2 * gap, legend_h),
            legend_rows, theme)
    painter.restore()


def _min_chart_width(theme: Theme) -> int:
    """Room for the widest value label and the five task-axis labels side by side."""
    fm = QFontMetrics(_font(theme))
    return fm.horizontalAdvance("100 MB") + 10 + 5 * fm.horizontalAdvance("10k  ") + 10


def columns(width: int, theme: Theme) -> int:
    """How many charts sit side by side at `width`: three, or one above the other when they would cramp."""
    gap = 12
    for n in (3, 1):
        if (width - gap * (n + 1)) / n >= _min_chart_width(theme):
            return n
    return 1


def _legend_height(rows: list[list[tuple[str | None, str]]], theme: Theme) -> int:
    return (QFontMetrics(_font(theme)).height() + 6) * len(rows) + 6


def scaling_height(width: int, theme: Theme) -> int:
    """The height the charts need at `width` for their axes and legend to read."""
    rows = -(-3 // columns(width, theme))
    chart_h = int(170 * theme.font_scale)
    return rows * (chart_h + 6) + _legend_height(_legend_rows(width - 24, theme), theme) + 12


def _chart(
    painter: QPainter, area: QRectF, title: str, by_model: dict[str, list[ModelResult]],
    value: Callable[[ModelResult], float], label: Callable[[float], str], theme: Theme,
) -> None:
    font = _font(theme)
    fm = QFontMetrics(font)
    title_font = _font(theme, 9, bold=True)
    painter.setFont(title_font)
    painter.setPen(theme.text)
    shown = QFontMetrics(title_font).elidedText(title, Qt.TextElideMode.ElideRight, int(area.width()))
    if shown != title:
        fit.report("compare", title, shown)
    painter.drawText(QPointF(area.x(), area.y() + fm.ascent()), shown)
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
    ticks = decades(t_lo, t_hi)
    # the labels that fit without touching: first and last always, the ones between where there is room
    placed: list[tuple[float, str]] = []
    for k, n in enumerate(ticks):
        x = plot.left() + log_position(n, t_lo, t_hi) * plot.width()
        painter.setPen(QPen(theme.grid, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        text = format_count(n)
        width = fm.horizontalAdvance(text)
        x_text = max(area.x(), min(x - width / 2, area.right() - width))  # end labels stay inside the chart
        if placed and x_text < placed[-1][0] + fm.horizontalAdvance(placed[-1][1]) + fm.horizontalAdvance(" "):
            if k != len(ticks) - 1:
                continue  # an inner label gives way
            placed.pop()  # the last label wins over the inner one before it
        placed.append((x_text, text))
    painter.setPen(theme.text_dim)
    for x_text, text in placed:
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


def _legend_items(theme: Theme) -> list[tuple[str | None, str]]:
    """(model or None for the note, text) in drawing order."""
    items: list[tuple[str | None, str]] = [(name, model_style(name, theme).label) for name in MODEL_ORDER]
    items.append((None, translate("Compare", "x axis: tasks; both axes logarithmic")))
    return items


def _item_width(item: tuple[str | None, str], fm: QFontMetrics) -> float:
    return (34 if item[0] else 0) + fm.horizontalAdvance(item[1]) + 24


def _legend_rows(width: float, theme: Theme) -> list[list[tuple[str | None, str]]]:
    """The legend's items wrapped into rows that fit `width` (a lone item wider than that is elided)."""
    fm = QFontMetrics(_font(theme))
    rows: list[list[tuple[str | None, str]]] = [[]]
    used = 0.0
    for item in _legend_items(theme):
        w = _item_width(item, fm)
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(item)
        used += w
    return rows


def _legend(painter: QPainter, area: QRectF, rows: list[list[tuple[str | None, str]]], theme: Theme) -> None:
    font = _font(theme)
    fm = QFontMetrics(font)
    painter.setFont(font)
    line_h = fm.height() + 6
    for r, row in enumerate(rows):
        x = area.x()
        y = area.y() + 3 + line_h * r + line_h / 2
        for name, text in row:
            room = int(area.right() - x - (34 if name else 0))
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
            if shown != text:
                fit.report("compare", text, shown)
            if name is None:
                painter.setPen(theme.text_dim)
                painter.drawText(QPointF(x, y + fm.ascent() / 2 - 1), shown)
                continue
            style = model_style(name, theme)
            pen = QPen(style.colour, 2)
            pen.setStyle(style.dash)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + 28, y))
            painter.setPen(QPen(style.colour, 1))
            painter.setBrush(style.colour)
            draw_marker(painter, QPointF(x + 14, y), style.marker, 7 * theme.font_scale)
            painter.setPen(theme.text)
            painter.drawText(QPointF(x + 34, y + fm.ascent() / 2 - 1), shown)
            x += _item_width((name, text), fm)


class ScalingChart(QWidget):
    """Shows a sweep's results as they arrive."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self._theme = theme
        self._results: list[ModelResult] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(translate("Compare", "How each model scales from 1 to 10,000 tasks (both axes logarithmic)"))

    def sizeHint(self) -> QSize:
        return QSize(900, max(int(300 * self._theme.font_scale), scaling_height(900, self._theme)))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return scaling_height(width, self._theme)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(scaling_height(self.width(), self._theme))

    def set_results(self, results: Sequence[ModelResult]) -> None:
        self._results = list(results)
        self.update()

    def results(self) -> list[ModelResult]:
        return list(self._results)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setMinimumHeight(scaling_height(self.width(), self._theme))
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_scaling(painter, self.rect(), self._results, self._theme)
        painter.end()
