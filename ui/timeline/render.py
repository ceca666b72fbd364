"""The timeline painter: lanes, states, context switches, wake-up arrow, time axis, playhead.

Owns `draw_timeline(painter, rect, view, timeline, theme, playhead_ns)`, a pure function
of its arguments (the pane, screenshots and the benchmark all call it), and the pane
geometry (`timeline_layout`). Lane bodies go through the level-of-detail raster
(lod.py) into one image, so the cost follows the screen size, not the segment count;
only the few things that need vectors (switch marks, labels, the arrow) are drawn as
such. Never holds state between calls and never decides the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPolygonF

from simulator.timeline import Timeline
from ui.theme import Theme
from ui.timeline.axis import format_ns, ticks
from ui.timeline.describe import lane_name, waker_text
from ui.timeline.index import TimelineIndex, index_of
from ui.timeline.lod import state_raster
from ui.timeline.patterns import lane_image
from ui.timeline.view import TimelineView

MAX_COST_BANDS = 4000  # switch costs drawn as bands; past this many they are thinner than a pixel anyway
MAX_CPU_LABELS = 400  # thread names written on CPU lanes; more would be unreadable confetti


@dataclass(frozen=True)
class TimelineLayout:
    """Where the parts of the pane go inside its rect."""

    axis: QRect  # the time axis, above the body
    gutter: QRect  # lane names, left of the body
    body: QRect  # the lanes


def _font(theme: Theme, size: float = 9.0) -> QFont:
    font = QFont()
    font.setPointSizeF(size * theme.font_scale)
    return font


def timeline_layout(rect: QRect, theme: Theme) -> TimelineLayout:
    """Split the pane: an axis band on top, a gutter of lane names on the left, lanes in the rest."""
    fm = QFontMetrics(_font(theme))
    axis_h = fm.height() + 10
    gutter_w = min(max(60, rect.width() // 3), fm.horizontalAdvance("M") * 17)  # "event loop (coroutines)" fits
    return TimelineLayout(
        axis=QRect(rect.x() + gutter_w, rect.y(), rect.width() - gutter_w, axis_h),
        gutter=QRect(rect.x(), rect.y() + axis_h, gutter_w, rect.height() - axis_h),
        body=QRect(rect.x() + gutter_w, rect.y() + axis_h, rect.width() - gutter_w, rect.height() - axis_h),
    )


def fit_view(view: TimelineView, layout: TimelineLayout) -> TimelineView:
    """The view sized to the layout's body (same time span and scroll)."""
    body = layout.body
    if view.width == body.width() and view.height == body.height():
        return view
    return view.resized(body.width(), body.height())


def draw_timeline(
    painter: QPainter,
    rect: QRect,
    view: TimelineView,
    timeline: Timeline | TimelineIndex,
    theme: Theme,
    playhead_ns: int | None,
    selected: int = -1,
) -> None:
    """Paint the whole pane into `rect`: lanes, switches, the selected segment's arrow, axis, playhead."""
    draw_timeline_base(painter, rect, view, timeline, theme, selected)
    if playhead_ns is not None:
        draw_playhead(painter, rect, view, theme, playhead_ns)


def draw_timeline_base(
    painter: QPainter,
    rect: QRect,
    view: TimelineView,
    timeline: Timeline | TimelineIndex,
    theme: Theme,
    selected: int = -1,
) -> None:
    """Everything but the playhead (the pane caches this and draws the moving playhead on top)."""
    index = index_of(timeline)
    layout = timeline_layout(rect, theme)
    view = fit_view(view, layout)
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setClipRect(layout.body)
    _draw_lanes(painter, layout.body, view, index, theme)
    _draw_grid(painter, layout.body, view, theme)
    _draw_cpu_labels(painter, layout.body, view, index, theme)
    if 0 <= selected < len(index):
        _draw_selection(painter, layout.body, view, index, theme, selected)
    painter.setClipping(False)
    _draw_gutter(painter, layout.gutter, view, index, theme)
    _draw_model_divider(painter, layout.gutter.united(layout.body), view, index, theme)
    _draw_axis(painter, layout.axis, view, theme)
    painter.restore()


def draw_empty(painter: QPainter, rect: QRect, theme: Theme, message: str) -> None:
    """The pane with nothing to show: a sentence saying why."""
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setFont(_font(theme, 10))
    painter.setPen(theme.text_dim)
    painter.drawText(rect.adjusted(16, 16, -16, -16), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
    painter.restore()


def draw_playhead(painter: QPainter, rect: QRect, view: TimelineView, theme: Theme, playhead_ns: int) -> None:
    """The shared playhead: a line across axis and lanes, with a marker on the axis."""
    layout = timeline_layout(rect, theme)
    view = fit_view(view, layout)
    x = layout.body.x() + view.x_of(playhead_ns)
    if not layout.body.x() <= x <= layout.body.right():
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(theme.accent, 2))
    painter.drawLine(QLineF(x, layout.axis.y(), x, layout.body.bottom()))
    a = layout.axis.bottom()
    painter.setBrush(theme.accent)
    painter.drawPolygon(QPolygonF([QPointF(x - 6, a - 8), QPointF(x + 6, a - 8), QPointF(x, a)]))
    painter.restore()


def _draw_lanes(painter: QPainter, body: QRect, view: TimelineView, index: TimelineIndex, theme: Theme) -> None:
    """States (level-of-detail raster) and switch ticks, as one image; then the cost bands on top."""
    raster, first = state_raster(index, view)
    if raster.size == 0:
        return
    pixels = lane_image(raster, first, view.lane_px, theme)
    bands = _burn_switch_marks(pixels, first, view, index, theme)
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, w * 4, QImage.Format.Format_RGB32)
    top = body.y() + view.y_of_lane(first)
    painter.drawImage(body.x(), top, image)
    if bands:
        band = QColor(theme.text)
        band.setAlpha(170)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(band)
        painter.drawRects([r.translated(body.x(), top) for r in bands])


def _tick_spacing(theme: Theme) -> float:
    """Pixels between time ticks: larger text needs wider gaps, or the labels run into each other."""
    return 90.0 * theme.font_scale


def _draw_grid(painter: QPainter, body: QRect, view: TimelineView, theme: Theme) -> None:
    _, times = ticks(view.t0, view.t1, view.width, _tick_spacing(theme))
    grid = QColor(theme.grid)
    grid.setAlpha(140)
    painter.setPen(QPen(grid, 1))
    xs = [body.x() + round(view.x_of(t)) for t in times]
    painter.drawLines([QLineF(x, body.top(), x, body.bottom()) for x in xs])


def _cpu_lanes(index: TimelineIndex) -> np.ndarray:
    """Lane of CPU k at position k (the k-th lane of kind "cpu"), -1 padding."""
    return np.array(index.cpu_lane_indices or [-1], dtype=np.int64)


def _burn_switch_marks(
    pixels: np.ndarray, first: int, view: TimelineView, index: TimelineIndex, theme: Theme
) -> list[QRectF]:
    """Tick every context switch into the lane image (on the lane switched in, and on its CPU's lane).

    Ticks go straight into the pixels, so a hundred thousand cost no more than the
    screen. Returns the switch-cost bands wide enough to see (drawn by the caller).
    """
    if view.lane_px < 4:
        return []  # lanes this thin show states only; ticks would hide them
    lo, hi = index.switches_in(view.t0 - view.ns_per_px, view.t1)
    if hi <= lo:
        return []
    last = view.lane_range()[1]
    cpu_lanes = _cpu_lanes(index)
    cpu = index.sw_cpu[lo:hi].astype(np.int64)
    on_cpu = np.where((cpu >= 0) & (cpu < len(cpu_lanes)), cpu_lanes[np.clip(cpu, 0, len(cpu_lanes) - 1)], -1)
    lanes = np.concatenate([index.sw_to[lo:hi].astype(np.int64), on_cpu])
    times = np.concatenate([index.sw_t[lo:hi], index.sw_t[lo:hi]])
    costs = np.concatenate([index.sw_cost[lo:hi], index.sw_cost[lo:hi]])
    scale = view.width / view.span
    x = np.floor((times - view.t0) * scale).astype(np.int64)
    keep = (lanes >= first) & (lanes < last) & (x >= 0) & (x < view.width)
    lanes, x, costs = lanes[keep], x[keep], costs[keep]
    if len(lanes) == 0:
        return []
    mark_h = max(2, round(view.lane_px * 0.45))
    ys = ((lanes - first) * view.lane_px)[:, None] + np.arange(mark_h)[None, :]
    pixels[ys, np.repeat(x[:, None], mark_h, axis=1)] = 0xFF000000 | (theme.text.rgb() & 0xFFFFFF)
    cost_px = costs * scale
    wide = np.flatnonzero(cost_px >= 2)[:MAX_COST_BANDS]
    gap = 1 if view.lane_px >= 4 else 0
    band_y = view.lane_px - gap - mark_h
    return [
        QRectF(float(x[i]), float((lanes[i] - first) * view.lane_px + band_y), float(cost_px[i]), float(mark_h))
        for i in wide.tolist()
    ]


def _draw_cpu_labels(painter: QPainter, body: QRect, view: TimelineView, index: TimelineIndex, theme: Theme) -> None:
    """Write on each CPU lane's running spans the name of the thread running there, where it fits."""
    font = _font(theme, 8)
    fm = QFontMetrics(font)
    if view.lane_px < fm.height():
        return
    first, last = view.lane_range()
    cpu_lanes = [k for k in index.cpu_lane_indices if first <= k < last]
    if not cpu_lanes:
        return
    min_px = fm.horizontalAdvance("Thread…")  # narrower, a name is too clipped to tell threads apart
    scale = view.width / view.span
    labels: list[tuple[QRectF, str]] = []
    for lane in cpu_lanes:
        segs = index.visible(lane, lane + 1, view.t0, view.t1)
        x0 = np.maximum((index.seg_start[segs] - view.t0) * scale, 0.0)
        x1 = np.minimum((index.seg_end[segs] - view.t0) * scale, float(view.width))
        wide = np.flatnonzero((x1 - x0) >= min_px)[: MAX_CPU_LABELS - len(labels)]
        y = body.y() + view.y_of_lane(lane)
        for k in wide.tolist():
            thread = index.thread_lane(int(segs[k]))
            if thread >= 0:
                box = QRectF(body.x() + float(x0[k]) + 3, y, float(x1[k] - x0[k]) - 6, view.lane_px - 1)
                labels.append((box, lane_name(index, thread)))
    if not labels:
        return
    painter.save()
    painter.setFont(font)
    painter.setPen(_readable_on(theme.running))
    for box, name in labels:
        text = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(box.width()))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
    painter.restore()


def _draw_model_divider(painter: QPainter, area: QRect, view: TimelineView, index: TimelineIndex, theme: Theme) -> None:
    """A rule under the coroutine model's single-thread lane(s), so the thread twin below reads as another model."""
    below = index.model_breaks
    if not below:
        return
    painter.save()
    painter.setClipRect(area)
    painter.setPen(QPen(theme.text_dim, 2))
    for lane in below:
        y = area.y() + view.y_of_lane(lane)
        if area.top() < y < area.bottom():
            painter.drawLine(QLineF(area.left(), y, area.right(), y))
    painter.restore()


def _readable_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on `colour` (by its relative luminance)."""
    luminance = 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
    return QColor("#000000") if luminance > 0.4 else QColor("#FFFFFF")


def _lane_mid(body: QRect, view: TimelineView, lane: int) -> float:
    return body.y() + view.y_of_lane(lane) + view.lane_px / 2


def _draw_selection(
    painter: QPainter, body: QRect, view: TimelineView, index: TimelineIndex, theme: Theme, seg: int
) -> None:
    """Outline the selected segment and draw the arrow from whoever woke it (or ends its wait)."""
    lane = int(index.seg_lane[seg])
    x0 = body.x() + view.x_of(float(index.seg_start[seg]))
    x1 = body.x() + view.x_of(float(index.seg_end[seg]))
    y = body.y() + view.y_of_lane(lane)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(theme.accent, 2))
    painter.drawRect(QRectF(x0 - 1, y - 1, max(2.0, x1 - x0 + 2), view.lane_px + 1))
    wake = index.waker_of(seg)
    if wake is not None:
        xw = body.x() + view.x_of(wake.t)
        yt = _lane_mid(body, view, lane)
        if wake.waker >= 0:
            ys = min(max(_lane_mid(body, view, wake.waker), body.top() + 2), body.bottom() - 2)
        else:
            ys = body.top() + 2  # an IO completion comes from outside: from the top edge
        _arrow(painter, QPointF(xw, ys), QPointF(xw, yt), theme.accent)
        painter.setFont(_font(theme, 8.5))
        fm = QFontMetrics(painter.font())
        label_y = ys - 4 if ys > yt else ys + fm.ascent() + 2
        painter.fillRect(QRectF(xw + 3, label_y - fm.ascent(), fm.horizontalAdvance(text := waker_text(index, seg)) + 4,
                                fm.height()), theme.surface)
        painter.setPen(theme.text)
        painter.drawText(QPointF(xw + 5, label_y), text)
    painter.restore()


def _arrow(painter: QPainter, a: QPointF, b: QPointF, colour: QColor) -> None:
    painter.setPen(QPen(colour, 2))
    painter.drawLine(a, b)
    back = b.y() - (9.0 if b.y() >= a.y() else -9.0)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([b, QPointF(b.x() - 5, back), QPointF(b.x() + 5, back)]))


def _draw_gutter(painter: QPainter, gutter: QRect, view: TimelineView, index: TimelineIndex, theme: Theme) -> None:
    painter.fillRect(gutter, theme.surface)
    font = _font(theme, 8.5)
    fm = QFontMetrics(font)
    first, last = view.lane_range()
    every = max(1, -(-fm.height() // max(1, view.lane_px)))  # label every n-th lane so labels never overlap
    painter.setFont(font)
    painter.setClipRect(gutter)
    for lane in range(first - first % every, last, every):
        if lane < first:
            continue
        info = index.lanes[lane]
        y = gutter.y() + view.y_of_lane(lane) + view.lane_px / 2
        painter.setPen(theme.text if info.kind != "cpu" else theme.text_dim)
        font.setBold(info.kind == "loop")  # the coroutine model's own thread stands out from the twin's
        painter.setFont(font)
        text = QFontMetrics(font).elidedText(lane_name(index, lane), Qt.TextElideMode.ElideRight, gutter.width() - 8)
        painter.drawText(QPointF(gutter.x() + 4, y + fm.ascent() / 2 - 1), text)
    painter.setClipping(False)
    painter.setPen(theme.grid)
    painter.drawLine(gutter.topRight(), gutter.bottomRight())


def _draw_axis(painter: QPainter, axis: QRect, view: TimelineView, theme: Theme) -> None:
    painter.fillRect(axis, theme.surface)
    step, times = ticks(view.t0, view.t1, view.width, _tick_spacing(theme))
    font = _font(theme, 8.5)
    painter.setFont(font)
    fm = QFontMetrics(font)
    painter.setPen(theme.text)
    for t in times:
        x = axis.x() + round(view.x_of(t))
        painter.drawLine(x, axis.bottom() - 5, x, axis.bottom())
        label = format_ns(t, step)
        if x + 3 + fm.horizontalAdvance(label) <= axis.right():  # a label cut by the edge would misread
            painter.drawText(QPointF(x + 3, axis.y() + fm.ascent() + 2), label)
    painter.setPen(theme.grid)
    painter.drawLine(axis.bottomLeft(), axis.bottomRight())
