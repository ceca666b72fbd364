"""The timeline painter: lanes, states, context switches and their cost, wake-up arrow, axis, legend, playhead.

Owns `draw_timeline(painter, rect, view, timeline, theme, playhead_ns)`, a pure function
of its arguments (the pane, screenshots and the benchmark all call it), and the pane
geometry (`timeline_layout`: axis on top, lane names on the left, then under the lanes
a line that describes the selected segment and the legend, so no label ever lies over a
lane; in a short pane the lanes and their names come first, and the legend shares its
place with the selection's words or folds into a key above the lane names). Lane bodies
go through the level-of-detail raster (lod.py) into one image, so the cost follows the
screen size, not the segment count; only the few things that need vectors (switch marks
and their cost written on them when zoomed in, labels, the arrow) are drawn as such.
Lane names, the selected segment's description, the legend (or its key) and the count
of lanes scrolled out of view are essential text: what cannot be shown whole is
reported to `ui.render.fit`. Never holds state between calls and never decides the view.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPolygonF

from simulator.timeline import Timeline
from ui.render import fit
from ui.theme import Theme
from ui.timeline.axis import format_ns, nice_step
from ui.timeline.describe import lane_name, lane_short_name, selection_text, widest_selection_text
from ui.timeline.index import TimelineIndex, index_of
from ui.timeline.legend import draw_legend, draw_legend_key, legend_height
from ui.timeline.lod import state_raster
from ui.timeline.patterns import lane_image
from ui.timeline.view import FIT_MAX_LANE_PX, SCROLL_LANES, TimelineView, initial_view

MAX_COST_BANDS = 4000  # switch costs drawn as bands; past this many they are thinner than a pixel anyway
MAX_COST_LABELS = 300  # switch costs written as numbers; only where a label has room beside its mark
MAX_CPU_LABELS = 400  # thread names written on CPU lanes; more would be unreadable confetti
PANE = "timeline"  # the name this pane reports misfits under


FULL = "full"  # the selection line and the whole legend under the lanes
SHARED = "shared"  # one footer: the legend, or the selected segment's words (the legend key then stands in)
KEY = "key"  # only the legend key, in the corner above the lane names; hovering it shows the whole legend


@dataclass(frozen=True)
class TimelineLayout:
    """Where the parts of the pane go inside its rect."""

    axis: QRect  # the time axis, above the body
    gutter: QRect  # lane names, left of the body
    body: QRect  # the lanes
    info: QRect  # under the lanes: the selected segment in words (or how to select one)
    legend: QRect  # at the bottom: states by colour and pattern, the switch mark
    key: QRect  # the corner above the lane names, where the legend key goes when the legend gives way
    more: QRect  # under the lanes: how many lanes are scrolled out of view (empty when all fit)
    mode: str  # how the legend is shown: FULL, SHARED or KEY


def legend_shown(layout: TimelineLayout, selected: int) -> bool:
    """Whether the whole legend is drawn (in SHARED mode it makes way for a selection's words)."""
    return layout.legend.height() > 0 and (layout.mode == FULL or (layout.mode == SHARED and selected < 0))


def key_shown(layout: TimelineLayout, selected: int) -> bool:
    """Whether the legend key stands in the corner (the legend is not on screen)."""
    return layout.mode == KEY or (layout.mode == SHARED and selected >= 0)


def _font(theme: Theme, size: float = 9.0) -> QFont:
    font = QFont()
    font.setPointSizeF(size * theme.font_scale)
    return font


GUTTER_SHARE = 0.45  # lane names may take up to this much of the pane's width before they shrink
NAME_MIN_SHRINK = 0.8  # then their type shrinks down to this before a name is cut


def _lane_font(theme: Theme, loop: bool, shrink: float = 1.0) -> QFont:
    font = _font(theme, 8.5 * shrink)
    font.setBold(loop)  # the coroutine model's own thread stands out from the twin's
    return font


_MEASURED: dict[tuple[object, ...], int] = {}  # text widths and heights per (index, size, language): paints repeat


def _measured(key: tuple[object, ...], index: TimelineIndex, measure: Callable[[], int]) -> int:
    """`measure()` once per timeline, text size and language (a thousand lane names cost milliseconds)."""
    full = (id(index), len(index.lanes), QCoreApplication.translate("Timeline", "event loop (coroutines)"), *key)
    hit = _MEASURED.get(full)
    if hit is None:
        if len(_MEASURED) > 256:
            _MEASURED.clear()
        hit = _MEASURED[full] = measure()
    return hit


def _widest_name(index: TimelineIndex, theme: Theme, shrink: float = 1.0) -> int:
    def measure() -> int:
        plain, bold = QFontMetrics(_lane_font(theme, False, shrink)), QFontMetrics(_lane_font(theme, True, shrink))
        return max((bold if ln.kind == "loop" else plain).horizontalAdvance(lane_name(index, k))
                   for k, ln in enumerate(index.lanes)) + 12

    return _measured(("widest", theme.font_scale, shrink), index, measure)


def _gutter_width(rect: QRect, theme: Theme, index: TimelineIndex | None) -> int:
    """Wide enough for the longest lane name (bold for the loop's lane), up to GUTTER_SHARE of the pane."""
    widest = QFontMetrics(_font(theme, 8.5)).horizontalAdvance("M") * 17  # "event loop (coroutines)" fits
    if index is not None and index.lanes:
        widest = _widest_name(index, theme)
    return max(min(60, rect.width()), min(widest, int(rect.width() * GUTTER_SHARE)))


def _name_shrink(gutter_w: int, index: TimelineIndex, theme: Theme) -> float:
    """How much smaller lane names are set so that the longest fits the gutter (at least NAME_MIN_SHRINK)."""
    widest = _widest_name(index, theme)
    if widest <= gutter_w:
        return 1.0
    return max(NAME_MIN_SHRINK, gutter_w / widest)


def timeline_layout(rect: QRect, theme: Theme, index: TimelineIndex | None = None) -> TimelineLayout:
    """Split the pane: axis on top, lane names on the left, lanes, then the selection line and the legend.

    The lanes and their names come first. A few lanes (up to SCROLL_LANES) keep at least the
    height their names need; the rest of the pane goes, in this order of preference, to the
    selection line and the whole legend under the lanes (FULL), to one footer the legend
    shares with the selection's words (SHARED), or to the selection line alone with the legend
    folded into a key in the corner above the lane names (KEY). Lanes that still do not fit
    scroll, and a line under them says how many are out of view.
    """
    fm = QFontMetrics(_font(theme))
    axis_h = fm.height() + 10
    gutter_w = _gutter_width(rect, theme, index)
    info_fm = QFontMetrics(_font(theme, 8.5))
    line = info_fm.lineSpacing()
    lines = 2
    if index is not None:  # room for the longest description this timeline can have (it wraps)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        wrapped = _measured(("selection", theme.font_scale, rect.width()), index, lambda: info_fm.boundingRect(
            QRect(0, 0, max(1, rect.width() - 12), 10_000), flags, widest_selection_text(index)).height())
        most = max(1, int(rect.height() * 0.2) // line)  # the lanes and the legend come first
        lines = max(1, min(most, -(-wrapped // line)))
    info_h = line * lines + 6
    legend_h = legend_height(rect.width(), theme)
    free = rect.height() - axis_h
    lanes = len(index.lanes) if index is not None else 0
    mode, more_h = FULL, 0
    if 0 < lanes <= SCROLL_LANES:
        named, comfortable = lanes * least_lane_px(theme), lanes * readable_lane_px(theme)
        footers = {FULL: info_h + legend_h, SHARED: max(info_h, legend_h)}
        choice = next(((m, footers[m]) for need in (comfortable, named) for m in (FULL, SHARED)
                       if free - footers[m] >= need), None)
        if choice is not None:
            mode, footer = choice
            if mode == SHARED:
                info_h = legend_h = footer
        else:  # the legend folds into its key; the selection line stays if the named lanes leave room for it
            mode, legend_h = KEY, 0
            kept = min(lines, max(0, (free - named - 6) // line))
            info_h = kept * line + 6 if kept else 0
            if free < named:  # not even the named lanes fit: they scroll, and a line says so
                info_h, more_h = 0, line + 6
        footer = info_h + (legend_h if mode == FULL else 0) + more_h
    else:  # many lanes (an overview) or none: the lanes keep at least 40 % of the pane
        footer = min(info_h + legend_h, max(0, int(rect.height() * 0.6) - axis_h))
        if footer < info_h + legend_h:  # the legend keeps its rows first; the description wraps less
            legend_h = min(legend_h, footer)
            info_h = footer - legend_h
    body_h = max(0, free - footer)
    bottom = rect.y() + axis_h + body_h
    return TimelineLayout(
        axis=QRect(rect.x() + gutter_w, rect.y(), rect.width() - gutter_w, axis_h),
        gutter=QRect(rect.x(), rect.y() + axis_h, gutter_w, body_h),
        body=QRect(rect.x() + gutter_w, rect.y() + axis_h, rect.width() - gutter_w, body_h),
        info=QRect(rect.x(), bottom + more_h, rect.width(), info_h),
        legend=QRect(rect.x(), bottom + more_h + (info_h if mode == FULL else 0), rect.width(), legend_h),
        key=QRect(rect.x(), rect.y(), gutter_w, axis_h),
        more=QRect(rect.x(), bottom, rect.width(), more_h),
        mode=mode,
    )


def readable_lane_px(theme: Theme) -> int:
    """The lane height at which every lane's name can be written (fit-all makes lanes up to this tall)."""
    return max(FIT_MAX_LANE_PX, QFontMetrics(_lane_font(theme, True)).height() + 4)


def least_lane_px(theme: Theme) -> int:
    """The thinnest lane whose name is still written (its type shrunk to NAME_MIN_SHRINK): a few lanes keep this."""
    return QFontMetrics(_lane_font(theme, True, NAME_MIN_SHRINK)).height() + 2


def opening_view(rect: QRect, theme: Theme, index: TimelineIndex) -> TimelineView:
    """The view a timeline opens with in a pane of `rect`: all of it, every lane named that can be."""
    body = timeline_layout(rect, theme, index).body
    return initial_view(len(index.lanes), index.end_ns, body.width(), body.height(), readable_lane_px(theme),
                        least_lane_px(theme))


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
        draw_playhead(painter, rect, view, theme, playhead_ns, index_of(timeline))


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
    layout = timeline_layout(rect, theme, index)
    view = fit_view(view, layout)
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setClipRect(layout.body)
    _draw_lanes(painter, layout.body, view, index, theme)
    _draw_cost_labels(painter, layout.body, view, index, theme)
    _draw_grid(painter, layout.body, view, theme)
    _draw_cpu_labels(painter, layout.body, view, index, theme)
    if 0 <= selected < len(index):
        _draw_selection(painter, layout.body, view, index, theme, selected)
    painter.setClipping(False)
    _draw_gutter(painter, layout.gutter, view, index, theme)
    _draw_model_divider(painter, layout.gutter.united(layout.body), view, index, theme)
    _draw_axis(painter, layout.axis, view, theme)
    _draw_more(painter, layout.more, view, theme)
    if layout.mode != SHARED or 0 <= selected < len(index):  # a shared footer shows the legend until a selection
        _draw_info(painter, layout.info, index, theme, selected)
    if legend_shown(layout, selected):
        painter.setClipRect(layout.legend)
        draw_legend(painter, layout.legend, theme)
        painter.setClipping(False)
    if key_shown(layout, selected):
        draw_legend_key(painter, layout.key, theme)
    painter.restore()


def draw_empty(painter: QPainter, rect: QRect, theme: Theme, message: str) -> None:
    """The pane with nothing to show: a sentence saying why."""
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setFont(_font(theme, 10))
    painter.setPen(theme.text_dim)
    painter.drawText(rect.adjusted(16, 16, -16, -16), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
    painter.restore()


def draw_playhead(
    painter: QPainter, rect: QRect, view: TimelineView, theme: Theme, playhead_ns: int,
    index: TimelineIndex | None = None,
) -> None:
    """The shared playhead: a line across axis and lanes, with a marker on the axis."""
    layout = timeline_layout(rect, theme, index)
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


def axis_ticks(view: TimelineView, theme: Theme) -> tuple[float, list[float], list[tuple[int, str]]]:
    """The tick step and times, and the labels written (x from the axis' left, text): the finest step that fits.

    Each label goes right of its tick; one the edge would cut is not written (it would misread),
    except the last, which may end at its tick instead. A step is taken when the labels it writes
    leave a gap between them; spacing ticks by the widest label any step could have (as before)
    left a narrow pane at 3x text with one label and no scale to read.
    """
    fm = QFontMetrics(_font(theme, 8.5))
    gap = 8 + 4 * theme.font_scale
    step = nice_step(view.span, view.width, 30.0)
    chosen: tuple[float, list[float], list[tuple[int, str]]] | None = None
    for _ in range(24):
        first, last = math.ceil(view.t0 / step), math.floor(view.t1 / step)
        times = [k * step for k in range(first, last + 1)]
        labels: list[tuple[int, str]] = []
        end = -gap  # where the last label written ends
        fits = True
        for k, t in enumerate(times):
            x = round(view.x_of(t))
            label = format_ns(t, step)
            w = fm.horizontalAdvance(label)
            left = x + 3 if x + 3 + w <= view.width else x - 3 - w if k == len(times) - 1 else None
            if left is None or left < 0:
                continue
            if left < end + gap:
                fits = False
                break
            labels.append((left, label))
            end = left + w
        if fits:
            chosen = (step, times, labels)
            if len(labels) >= 2 or len(times) <= 1:
                break
        step = nice_step(view.span, view.width, step * view.width / max(1.0, view.span) * 1.5)
    if chosen is None:
        return step, [], []
    return chosen


def _draw_grid(painter: QPainter, body: QRect, view: TimelineView, theme: Theme) -> None:
    _, times, _ = axis_ticks(view, theme)
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


def _draw_cost_labels(painter: QPainter, body: QRect, view: TimelineView, index: TimelineIndex, theme: Theme) -> None:
    """Write each switch's cost ("3 µs") just after its mark, where its lane has room before the next mark.

    Zoomed out, marks crowd and nothing is written (the tooltip still tells); zoomed in
    enough, every switch carries its cost as a number.
    """
    font = _font(theme, 7.5)
    fm = QFontMetrics(font)
    if view.lane_px < fm.height() + 2:
        return
    lo, hi = index.switches_in(view.t0 - view.span, view.t1)  # marks left of the view still bound the room
    if hi <= lo or hi - lo > 20 * MAX_COST_LABELS:
        return
    first, last = view.lane_range()
    scale = view.width / view.span
    cpu_lanes = _cpu_lanes(index)
    cpu = index.sw_cpu[lo:hi].astype(np.int64)
    on_cpu = np.where((cpu >= 0) & (cpu < len(cpu_lanes)), cpu_lanes[np.clip(cpu, 0, len(cpu_lanes) - 1)], -1)
    lanes = np.concatenate([index.sw_to[lo:hi].astype(np.int64), on_cpu])
    x = np.concatenate([(index.sw_t[lo:hi] - view.t0) * scale] * 2)
    cost = np.concatenate([index.sw_cost[lo:hi]] * 2)
    order = np.lexsort((x, lanes))
    lanes, x, cost = lanes[order], x[order], cost[order]
    nxt = np.full(len(x), float(view.width))
    same = lanes[1:] == lanes[:-1]
    nxt[:-1] = np.where(same, x[1:], float(view.width))
    labels: list[tuple[QRectF, str]] = []
    for k in np.flatnonzero((lanes >= first) & (lanes < last) & (x < view.width) & (cost > 0)).tolist():
        text = format_ns(int(cost[k]))
        start = float(x[k]) + max(2.0, float(cost[k]) * scale) + 2
        w = fm.horizontalAdvance(text) + 6
        if start < 0 or start + w + 2 > nxt[k]:
            continue
        y = body.y() + view.y_of_lane(int(lanes[k])) + (view.lane_px - fm.height() - 2) / 2
        labels.append((QRectF(body.x() + start, y, w, fm.height() + 1), text))
        if len(labels) >= MAX_COST_LABELS:
            break
    if not labels:
        return
    painter.save()
    painter.setFont(font)
    painter.setPen(QPen(theme.text, 1))
    painter.setBrush(theme.surface)
    for box, text in labels:
        painter.drawRect(box)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


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
    painter.restore()  # the words go on the line under the lanes (_draw_info), never over a lane


def _draw_info(painter: QPainter, rect: QRect, index: TimelineIndex, theme: Theme, selected: int) -> None:
    """The selected segment in words (who woke it), or how to select one, on its own line under the lanes."""
    chosen = 0 <= selected < len(index)
    if rect.height() <= 0:
        if chosen:  # the lanes took every line: the selection's words are not on screen (its tooltip has them)
            fit.report(PANE, selection_text(index, selected), "", "omitted")
        return
    painter.fillRect(rect, theme.background)
    font = _font(theme, 8.5)
    text = selection_text(index, selected) if chosen else QCoreApplication.translate(
        "Timeline", "Click a segment to see who woke it; hover for details.")
    fm = QFontMetrics(font)
    inner = rect.adjusted(6, 3, -6, -3)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    if not chosen and fm.boundingRect(inner, flags, text).height() > inner.height():
        text = QCoreApplication.translate("Timeline", "Click a segment to see who woke it.")  # the hint, shorter
    if fm.boundingRect(inner, flags, text).height() > inner.height():
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
        if chosen:
            fit.report(PANE, text, shown)
        text, flags = shown, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    painter.setFont(font)
    painter.setPen(theme.text if chosen else theme.text_dim)
    painter.drawText(inner, flags, text)


def more_lanes_text(view: TimelineView) -> tuple[str, str]:
    """How many lanes are scrolled out of view ("▲ 1 lane above · ▼ 2 lanes below"), and how to scroll to them."""
    px = max(1, view.lane_px)
    first = -(-view.top_px // px)  # a lane cut by either edge counts as out of view
    last = min(view.lanes, (view.top_px + view.height) // px)
    translate = QCoreApplication.translate
    parts = []
    above, below = first, view.lanes - last
    if above > 0:
        text = translate("Timeline", "▲ 1 lane above") if above == 1 else translate("Timeline", "▲ {n} lanes above")
        parts.append(text.format(n=above))
    if below > 0:
        text = translate("Timeline", "▼ 1 lane below") if below == 1 else translate("Timeline", "▼ {n} lanes below")
        parts.append(text.format(n=below))
    return " · ".join(parts), translate("Timeline", "scroll: Shift+wheel or drag")


def _draw_more(painter: QPainter, rect: QRect, view: TimelineView, theme: Theme) -> None:
    """Under lanes that do not all fit: how many are out of view, so none is left out silently."""
    if rect.height() <= 0:
        return
    painter.fillRect(rect, theme.surface)
    counts, how = more_lanes_text(view)
    if not counts:
        return
    font = _font(theme, 8.5)
    font.setBold(True)
    fm = QFontMetrics(font)
    inner = rect.adjusted(6, 0, -6, 0)
    text = f"{counts} ({how})"
    if fm.horizontalAdvance(text) > inner.width():
        text = counts  # the way to scroll is detail; the counts are what must be read
        if fm.horizontalAdvance(text) > inner.width():
            text = fm.elidedText(counts, Qt.TextElideMode.ElideRight, inner.width())
            fit.report(PANE, counts, text)
    painter.setFont(font)
    painter.setPen(theme.text)
    painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


def _arrow(painter: QPainter, a: QPointF, b: QPointF, colour: QColor) -> None:
    painter.setPen(QPen(colour, 2))
    painter.drawLine(a, b)
    back = b.y() - (9.0 if b.y() >= a.y() else -9.0)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([b, QPointF(b.x() - 5, back), QPointF(b.x() + 5, back)]))


def _height_shrink(lane_px: int, theme: Theme) -> float | None:
    """The largest type size (1 down to NAME_MIN_SHRINK) whose bold line fits a lane; None if lanes are thinner."""
    for shrink in (1.0, 0.95, 0.9, 0.85, NAME_MIN_SHRINK):
        if QFontMetrics(_lane_font(theme, True, shrink)).height() + 2 <= lane_px:
            return shrink
    return None


def _draw_gutter(painter: QPainter, gutter: QRect, view: TimelineView, index: TimelineIndex, theme: Theme) -> None:
    painter.fillRect(gutter, theme.surface)
    shrink = _name_shrink(gutter.width(), index, theme) if index.lanes else 1.0
    fits_height = _height_shrink(view.lane_px, theme)
    if fits_height is not None:
        shrink = min(shrink, fits_height)
    font = _lane_font(theme, False, shrink)
    fm = QFontMetrics(font)
    first, last = view.lane_range()
    every = max(1, -(-fm.height() // max(1, view.lane_px)))  # label every n-th lane so labels never overlap
    if every > 1 and len(index.lanes) * least_lane_px(theme) <= gutter.height():
        # taller lanes would have named every one (a few lanes, larger text): say which names are missing
        for lane in range(first, last):
            if lane % every:
                fit.report(PANE, lane_name(index, lane), "", "omitted")
    painter.setFont(font)
    painter.setClipRect(gutter)
    fonts = {False: (font, fm), True: (bold := _lane_font(theme, True, shrink), QFontMetrics(bold))}
    room = gutter.width() - 8
    for lane in range(first - first % every, last, every):
        if lane < first:
            continue
        info = index.lanes[lane]
        y = gutter.y() + view.y_of_lane(lane) + view.lane_px / 2
        painter.setPen(theme.text if info.kind != "cpu" else theme.text_dim)
        lane_font, lane_fm = fonts[info.kind == "loop"]
        painter.setFont(lane_font)
        name = lane_name(index, lane)
        text = name
        if lane_fm.horizontalAdvance(name) > room:
            # the model's own lanes have a short name ("generators"); the whole one is the gutter's tooltip
            text = lane_short_name(index, lane)
            if lane_fm.horizontalAdvance(text) > room:
                text = lane_fm.elidedText(name, Qt.TextElideMode.ElideRight, room)
                fit.report(PANE, name, text)
        painter.drawText(QPointF(gutter.x() + 4, y + fm.ascent() / 2 - 1), text)
    painter.setClipping(False)
    painter.setPen(theme.grid)
    painter.drawLine(gutter.topRight(), gutter.bottomRight())


def _draw_axis(painter: QPainter, axis: QRect, view: TimelineView, theme: Theme) -> None:
    painter.fillRect(axis, theme.surface)
    font = _font(theme, 8.5)
    painter.setFont(font)
    fm = QFontMetrics(font)
    painter.setPen(theme.text)
    _, times, labels = axis_ticks(view, theme)
    for t in times:
        x = axis.x() + round(view.x_of(t))
        painter.drawLine(x, axis.bottom() - 5, x, axis.bottom())
    for x, label in labels:
        painter.drawText(QPointF(axis.x() + x, axis.y() + fm.ascent() + 2), label)
    painter.setPen(theme.grid)
    painter.drawLine(axis.bottomLeft(), axis.bottomRight())
