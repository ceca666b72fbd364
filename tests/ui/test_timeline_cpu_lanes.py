"""CPU lanes say which thread ran there: in the tooltip, and written on the spans wide enough to hold a name."""

from __future__ import annotations

from array import array
from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from simulator.costs import MS, REALISTIC
from simulator.threads import replay, timeline_from_trace
from simulator.timeline import Timeline
from simulator.trace import TraceBuilder
from simulator.workload import Burst, BurstKind, TaskProfile, Workload
from tests.ui.timeline_data import producer_consumer
from ui.theme import LIGHT
from ui.timeline.describe import segment_tooltip
from ui.timeline.index import TimelineIndex, index_of
from ui.timeline.render import draw_timeline, timeline_layout
from ui.timeline.view import TimelineView

ONE_CPU = REALISTIC.with_overrides(cpus=1, switch_ns=MS, cache_refill_ns=0, wakeup_ns=0, thread_create_ns=0)


def two_threads() -> Timeline:
    """On one CPU: producer runs 0-2 ms then waits 5 ms; consumer runs 3-6 ms; producer again 7-8 ms."""
    a = TaskProfile("Thread-1 (producer)",
                    (Burst(BurstKind.CPU, 2 * MS), Burst(BurstKind.IO, 5 * MS), Burst(BurstKind.CPU, MS)))
    b = TaskProfile("Thread-3 (consumer)", (Burst(BurstKind.CPU, 3 * MS),))
    builder = TraceBuilder()
    replay(Workload((a, b)), ONE_CPU, builder)
    return timeline_from_trace(builder.build())


def test_a_cpu_lane_tooltip_names_the_thread_running_there(qapp: object) -> None:
    index = TimelineIndex(two_threads())
    cpu = [ln.name for ln in index.lanes].index("CPU 0")
    seg = index.segment_at(cpu, 4 * MS)
    assert segment_tooltip(index, seg).splitlines()[0] == "CPU 0: running Thread-3 (consumer)"
    seg = index.segment_at(cpu, 1 * MS)
    assert segment_tooltip(index, seg).splitlines()[0] == "CPU 0: running Thread-1 (producer)"
    # a thread lane still tells its own state and CPU
    assert segment_tooltip(index, index.segment_at(1, 4 * MS)).splitlines()[0] == (
        "Thread-3 (consumer): running on CPU 0")


def test_a_timeline_that_does_not_know_its_threads_keeps_the_plain_tooltip(qapp: object) -> None:
    index = TimelineIndex(producer_consumer())  # built by hand without seg_actor
    assert index.thread_lane(index.segment_at(2, 500)) == -1
    assert segment_tooltip(index, index.segment_at(2, 500)).splitlines()[0] == "CPU 0: running"


def _paint(timeline: Timeline, lane_px: int) -> tuple[QImage, QRect, TimelineView]:
    rect = QRect(0, 0, 900, 200)
    body = timeline_layout(rect, LIGHT, index_of(timeline)).body
    view = TimelineView(0.0, 8.0 * MS, body.width(), body.height(), lane_px=lane_px, lanes=3, end_ns=8 * MS)
    image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    draw_timeline(painter, rect, view, timeline, LIGHT, None)
    painter.end()
    return image, body, view


def _without_threads(timeline: Timeline) -> Timeline:
    return replace(timeline, seg_actor=array("i"))


def _differing(a: QImage, b: QImage, body: QRect, view: TimelineView, lane: int) -> int:
    """Pixels of a lane that differ between two pictures."""
    y0 = body.y() + view.y_of_lane(lane)
    return sum(1 for y in range(y0, y0 + view.lane_px) for x in range(body.x(), body.right())
               if a.pixel(x, y) != b.pixel(x, y))


def test_wide_cpu_spans_carry_the_thread_name_and_thin_lanes_stay_clean(qapp: object) -> None:
    timeline = two_threads()
    named, body, view = _paint(timeline, lane_px=30)
    plain, _, _ = _paint(_without_threads(timeline), lane_px=30)
    assert _differing(named, plain, body, view, 2) > 50  # the names are written on the CPU lane...
    assert _differing(named, plain, body, view, 0) == _differing(named, plain, body, view, 1) == 0  # ...only
    # each label starts inside its span: producer 0-2 ms, consumer 3-6 ms, none in the switch between
    y = body.y() + view.y_of_lane(2)
    inked = {x - body.x() for x in range(body.x(), body.right()) for yy in range(y, y + 30)
             if named.pixel(x, yy) != plain.pixel(x, yy)}
    assert any(view.x_of(0) < x < view.x_of(1 * MS) for x in inked)
    assert any(view.x_of(3 * MS) < x < view.x_of(4 * MS) for x in inked)
    assert not any(view.x_of(2 * MS) <= x <= view.x_of(3 * MS) for x in inked)
    thin, body, view = _paint(timeline, lane_px=8)  # too thin to write in: nothing but the bar
    thin_plain, _, _ = _paint(_without_threads(timeline), lane_px=8)
    assert _differing(thin, thin_plain, body, view, 2) == 0
