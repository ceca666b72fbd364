"""Headless pictures of the thread timeline and of the model comparison, for `coroscope screenshot --view`.

Owns `render_view(view, trace, size, theme, step)`: the thread twin of a trace
(`simulator.twin.thread_twin`) at a step (playhead and all), or the comparison (metrics
at `tasks`, the 1..10,000 sweep), computed synchronously, painted by the same render functions as the window. The
window's screenshot command calls it; never touches a window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QImage, QPainter

from simulator.costs import REALISTIC, CostModel
from simulator.trace import Trace
from ui.theme import Theme
from ui.timeline.index import TimelineIndex
from ui.timeline.render import draw_empty, draw_timeline, opening_view
from ui.timeline.side_view import playhead_ns

VIEWS = ("timeline", "compare")


def render_view(
    view: str, trace: Trace | None, size: tuple[int, int], theme: Theme, step: int = 0,
    costs: CostModel = REALISTIC, tasks: int = 100,
) -> QImage:
    """One of VIEWS as an image of `size`; raises ValueError for an unknown view."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRect(0, 0, width, height)
    painter = QPainter(image)
    try:
        if view == "timeline":
            _timeline(painter, rect, trace, theme, step)
        elif view == "compare":  # the compare view itself (form, heading, reading, metrics, chart)
            from ui.compare.screenshot import render_compare

            painter.drawImage(0, 0, render_compare(size, theme, preset=costs.name))
        else:
            raise ValueError(f"unknown view {view!r} (choose {', '.join(VIEWS)})")
    finally:
        painter.end()
    return image


def _timeline(painter: QPainter, rect: QRect, trace: Trace | None, theme: Theme, step: int) -> None:
    from simulator.twin import thread_twin

    twin = thread_twin(trace) if trace is not None else None  # headless: the seed's twin is traced here
    if trace is None or twin is None:
        draw_empty(painter, rect, theme, QCoreApplication.translate(
            "Timeline", "No threads in this run. Open a threaded program, or compare the models."))
        return
    index = TimelineIndex(twin)
    draw_timeline(painter, rect, opening_view(rect, theme, index), index, theme, playhead_ns(trace, step, 0.0))
