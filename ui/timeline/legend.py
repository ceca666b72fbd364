"""The timeline's legend: each thread state by its colour AND its pattern, and what a switch mark means.

Owns the legend's items (their words, through Qt's translation), their flow into rows
that fit the pane's width (so a label is never cut: an item that does not fit starts a
new row), its height for the layout, its painting, and which item is under the mouse
(for a tooltip). Swatches are painted by `patterns.lane_image`, the very pixels a lane
shows, so the legend cannot drift from the lanes. Never decides the rest of the layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from simulator.kinds import ThreadState
from ui.render import fit
from ui.theme import Theme
from ui.timeline.patterns import lane_image

translate = QCoreApplication.translate
PANE = "timeline"
SWITCH = "switch"  # the legend item for a context-switch mark
COST = "cost"  # the legend item for a switch's cost band
_STATES = (ThreadState.RUNNING, ThreadState.READY, ThreadState.BLOCKED_IO, ThreadState.WAITING_LOCK, ThreadState.NEW)


def legend_font(theme: Theme) -> QFont:
    font = QFont()
    font.setPointSizeF(8.5 * theme.font_scale)
    return font


def _label(item: ThreadState | str) -> str:
    from ui.timeline.describe import state_name  # describe imports the index; keep this module light

    if item == SWITCH:
        return translate("Timeline", "context switch")
    if item == COST:
        return translate("Timeline", "its cost")
    assert isinstance(item, ThreadState)
    return state_name(item)


def item_tooltip(item: ThreadState | str) -> str:
    """What a legend item means, in a sentence."""
    return {
        ThreadState.RUNNING: translate("Timeline", "Running: the thread has a CPU and executes (a solid bar)."),
        ThreadState.READY: translate("Timeline", "Ready: it could run but waits for a free CPU (a thin bar)."),
        ThreadState.BLOCKED_IO: translate("Timeline", "Blocked on IO: it waits for the disk or the network "
                                                      "and uses no CPU (diagonal stripes)."),
        ThreadState.WAITING_LOCK: translate("Timeline", "Waiting for a lock another thread holds (a framed "
                                                        "cross-hatch)."),
        ThreadState.NEW: translate("Timeline", "New: created, not started yet (a dotted line)."),
        SWITCH: translate("Timeline", "A context switch: the CPU saves one thread and loads another. Hover a mark "
                                      "for who, why and its cost."),
        COST: translate("Timeline", "The time a switch costs (the kernel's work and refilling caches), drawn to "
                                    "scale and written on it when you zoom in."),
    }[item]


@dataclass(frozen=True)
class LegendItem:
    key: ThreadState | str
    label: str
    rect: QRectF  # the whole item: swatch and label
    swatch: QRectF


def _metrics(theme: Theme) -> tuple[QFontMetrics, float, float, float]:
    fm = QFontMetrics(legend_font(theme))
    swatch_w = 1.8 * fm.height()
    gap = fm.horizontalAdvance(" ")
    row_h = fm.height() + 4
    return fm, swatch_w, gap, row_h


def legend_items(width: float, theme: Theme, origin: QPointF | None = None) -> list[LegendItem]:
    """The items flowed into rows `width` wide, from `origin` (0, 0 by default)."""
    fm, swatch_w, gap, row_h = _metrics(theme)
    x0, y0 = (origin.x(), origin.y()) if origin is not None else (0.0, 0.0)
    x, y = x0 + 4, y0 + 3
    out: list[LegendItem] = []
    for key in (*_STATES, SWITCH, COST):
        label = _label(key)
        item_w = swatch_w + 4 + fm.horizontalAdvance(label) + 2
        if x > x0 + 4 and x + item_w > x0 + width - 4:
            x, y = x0 + 4, y + row_h
        rect = QRectF(x, y, min(item_w, width - 8), row_h - 4)
        out.append(LegendItem(key, label, rect, QRectF(x, y + 1, swatch_w, row_h - 6)))
        x += item_w + gap * 2
    return out


_CACHE: dict[tuple[object, ...], object] = {}  # heights and pictures: the legend changes with size, theme, language


def _theme_key(theme: Theme) -> tuple[object, ...]:
    """A hashable stand-in for a theme (its colours are QColors)."""
    values = (getattr(theme, f.name) for f in fields(theme))
    return tuple(v.rgba() if isinstance(v, QColor) else v for v in values)


def _cached(key: tuple[object, ...], make: Callable[[], object]) -> object:
    full = (translate("Timeline", "context switch"), *key)  # the language is part of the key
    hit = _CACHE.get(full)
    if hit is None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        hit = _CACHE[full] = make()
    return hit


def legend_height(width: float, theme: Theme) -> int:
    """Pixels the legend needs at this width (every label whole, in as many rows as it takes)."""
    def measure() -> int:
        items = legend_items(width, theme)
        _, _, _, row_h = _metrics(theme)
        return int(items[-1].rect.top() + row_h + 3) if items else 0

    return int(_cached(("height", width, _theme_key(theme)), measure))  # type: ignore[call-overload]


def item_at(rect: QRect, theme: Theme, pos: QPoint) -> ThreadState | str | None:
    """The legend item under `pos` in a legend drawn into `rect`, if any."""
    for item in legend_items(rect.width(), theme, QPointF(rect.topLeft())):
        if item.rect.contains(QPointF(pos)):
            return item.key
    return None


def draw_legend(painter: QPainter, rect: QRect, theme: Theme) -> None:
    """The legend, flowed into `rect`: a lane-true swatch and a label per state, then the switch mark and cost.

    Painted once per size, theme and language and then copied (a fit check paints it afresh, to hear about cuts).
    """
    if fit.collecting_now():
        _paint_legend(painter, rect, theme)
        return

    def picture() -> QImage:
        image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
        inner = QPainter(image)
        _paint_legend(inner, QRect(QPoint(0, 0), rect.size()), theme)
        inner.end()
        return image

    image = _cached(("picture", rect.width(), rect.height(), _theme_key(theme)), picture)
    assert isinstance(image, QImage)
    painter.drawImage(rect.topLeft(), image)


def _paint_legend(painter: QPainter, rect: QRect, theme: Theme) -> None:
    painter.save()
    painter.fillRect(rect, theme.surface)
    font = legend_font(theme)
    fm = QFontMetrics(font)
    painter.setFont(font)
    for item in legend_items(rect.width(), theme, QPointF(rect.topLeft())):
        if item.rect.bottom() > rect.bottom() + 1:  # a pane too short for the whole legend
            fit.report(PANE, item.label, "", "clipped")
            continue
        sw = item.swatch.toRect()
        if isinstance(item.key, ThreadState):
            raster = np.full((1, max(1, sw.width())), int(item.key) + 1, dtype=np.uint8)
            pixels = lane_image(raster, 0, max(1, sw.height()), theme)
            image = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.shape[1] * 4,
                           QImage.Format.Format_RGB32)
            painter.drawImage(sw.topLeft(), image)
        else:
            _draw_switch_swatch(painter, sw, theme, cost=item.key == COST)
        painter.setPen(theme.grid)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(sw)
        text_rect = QRectF(item.swatch.right() + 4, item.rect.top(), item.rect.right() - item.swatch.right() - 4,
                           item.rect.height())
        shown = item.label
        if fm.horizontalAdvance(item.label) > text_rect.width() + 0.5:  # one item wider than the whole pane
            shown = fm.elidedText(item.label, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            fit.report(PANE, item.label, shown)
        painter.setPen(theme.text)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                         | int(Qt.TextFlag.TextDontClip), shown)
    painter.restore()


def _draw_switch_swatch(painter: QPainter, r: QRect, theme: Theme, cost: bool) -> None:
    """A switch tick (the lanes' dark mark) or a cost band, on the running colour as in a lane."""
    painter.fillRect(r, theme.running)
    mark_h = max(2, round(r.height() * 0.45))
    if cost:
        band = QColor(theme.text)
        band.setAlpha(170)
        painter.fillRect(QRect(r.x() + r.width() // 3, r.bottom() - mark_h + 1, r.width() // 3, mark_h), band)
    else:
        painter.fillRect(QRect(r.x() + r.width() // 2, r.y(), 2, mark_h), theme.text)
