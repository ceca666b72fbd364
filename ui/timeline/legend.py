"""The timeline's legend: each thread state by its colour AND its pattern, and what a switch mark means.

Owns the legend's items (their words, through Qt's translation), their flow into rows
that fit the pane's width (so a label is never cut: an item that does not fit starts a
new row), its height for the layout, its painting, and which item is under the mouse
(for a tooltip), and its folded form: a key the layout puts in the pane's corner when
the legend has no room, whose tooltip is the whole legend with the same swatches.
Swatches are painted by `patterns.lane_image`, the very pixels a lane shows, so the
legend cannot drift from the lanes. Never decides the rest of the layout.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPoint, QPointF, QRect, QRectF, QSize, Qt
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
        _draw_swatch(painter, item.key, item.swatch.toRect(), theme)
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


def _draw_swatch(painter: QPainter, key: ThreadState | str, sw: QRect, theme: Theme) -> None:
    """One item's swatch, framed: a state as its lane shows it, or a switch mark or its cost band."""
    if isinstance(key, ThreadState):
        raster = np.full((1, max(1, sw.width())), int(key) + 1, dtype=np.uint8)
        pixels = lane_image(raster, 0, max(1, sw.height()), theme)
        image = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.shape[1] * 4,
                       QImage.Format.Format_RGB32)
        painter.drawImage(sw.topLeft(), image)
    else:
        _draw_switch_swatch(painter, sw, theme, cost=key == COST)
    painter.setPen(theme.grid)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(sw)


def key_label() -> str:
    return translate("Timeline", "Legend")


def draw_legend_key(painter: QPainter, rect: QRect, theme: Theme) -> None:
    """The legend folded into a key (where the whole legend has no room): a strip of the states and "Legend".

    Hovering it shows the whole legend (`legend_html`), so nothing of the legend is lost, only moved.
    """
    painter.save()
    painter.fillRect(rect, theme.surface)
    font = legend_font(theme)
    font.setBold(True)
    fm = QFontMetrics(font)
    h = max(4, min(rect.height() - 6, fm.height()))
    w = max(3, round(fm.height() * 0.45))
    x, y = rect.x() + 4, rect.y() + (rect.height() - h) // 2
    label = key_label()
    # running, ready, blocked on IO, waiting for a lock (what lanes mostly show), as many as leave the word room
    swatches = max(0, min(4, (rect.right() - x - 6 - fm.horizontalAdvance(label)) // (w + 1)))
    for state in _STATES[:swatches]:
        _draw_swatch(painter, state, QRect(x, y, w, h), theme)
        x += w + 1
    room = rect.right() - x - (6 if swatches else 0)
    shown = label if fm.horizontalAdvance(label) <= room else fm.elidedText(label, Qt.TextElideMode.ElideRight,
                                                                             max(0, room))
    if shown != label:  # the key must say what it is, or nobody will think to hover it
        fit.report(PANE, label, shown)
    painter.setFont(font)
    painter.setPen(theme.text)
    painter.drawText(QRect(rect.right() - room, rect.y(), max(0, room), rect.height()),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
    painter.restore()


def legend_text() -> str:
    """The whole legend in words, one item a line (the key's tooltip, as plain text)."""
    return "\n".join(f"{_label(key)}: {item_tooltip(key)}" for key in (*_STATES, SWITCH, COST))


def legend_html(theme: Theme, point_size: float) -> str:
    """The whole legend as rich text for a tooltip: each item's lane-true swatch, its name and what it means."""
    fm = QFontMetrics(legend_font(theme))
    size = QSize(round(1.8 * fm.height()), fm.height())
    rows = []
    for key in (*_STATES, SWITCH, COST):
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(theme.surface)
        painter = QPainter(image)
        _draw_swatch(painter, key, QRect(QPoint(0, 0), size - QSize(1, 1)), theme)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        src = "data:image/png;base64," + bytes(data.toBase64().data()).decode("ascii")
        rows.append(f"<tr><td><img src='{src}'></td><td><b>{html.escape(_label(key))}</b></td>"
                    f"<td>{html.escape(item_tooltip(key))}</td></tr>")
    return (f"<div style='font-size:{point_size:.1f}pt'><table cellspacing='4'>{''.join(rows)}</table></div>")


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
