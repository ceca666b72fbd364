"""The thread twin in the window and in screenshots: the seed and an asyncio program get their threaded twin."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from simulator.runner import run_program
from simulator.scenarios import get_scenario
from simulator.trace import Trace
from simulator.twin import GENERATOR_LANE, LOOP_LANE, thread_twin
from ui.theme import LIGHT
from ui.timeline.index import index_of
from ui.timeline.render import draw_timeline, timeline_layout
from ui.timeline.screenshot import render_view
from ui.timeline.view import initial_view


@pytest.fixture(scope="module")
def fetch_trace() -> Trace:
    return run_program(get_scenario("fetch-hosts").path, echo=False).trace


def test_an_asyncio_program_shows_its_workload_as_threads_under_the_loop_lane(side_window, qtbot, fetch_trace) -> None:
    win, views = side_window
    with qtbot.waitSignal(views.loader.loaded, timeout=20_000):
        win.load_trace(fetch_trace)
    index = views.timeline.index()
    assert index is not None
    names = [ln.name for ln in index.lanes]
    assert names[0] == LOOP_LANE and names[1:6] == ["Task-1", "Task-2", "Task-3", "Task-4", "Task-5"]
    assert views.export_action.isEnabled()


def test_the_seed_shows_the_threaded_producer_consumer_traced_in_a_child(side_window, qtbot, seed_trace) -> None:
    win, views = side_window
    with qtbot.waitSignal(views.loader.loaded, timeout=60_000):
        win.load_trace(seed_trace)
    index = views.timeline.index()
    assert index is not None
    assert [ln.name for ln in index.lanes] == [GENERATOR_LANE, "MainThread", "consumer", "CPU 0"]
    assert len(index.sw_t) >= 10  # the hand-offs cost context switches
    # the playhead runs on the generator version's clock, which starts with the twin's at 0
    win.player.seek(len(seed_trace) - 1)
    assert views.timeline.playhead_ns() == seed_trace.t[-1]


def test_a_rule_parts_the_coroutine_thread_from_the_thread_twin(qapp: object, fetch_trace) -> None:
    twin = thread_twin(fetch_trace)
    assert twin is not None
    rect = QRect(0, 0, 1000, 400)
    image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
    body = timeline_layout(rect, LIGHT, index_of(twin)).body
    view = initial_view(len(twin.lanes), twin.end_ns, body.width(), body.height())
    painter = QPainter(image)
    draw_timeline(painter, rect, view, twin, LIGHT, None)
    painter.end()
    dim = LIGHT.text_dim.rgb() & 0xFFFFFF
    rule_y = body.y() + view.y_of_lane(1)
    row = [image.pixel(x, rule_y) & 0xFFFFFF for x in range(0, rect.width(), 7)]
    assert row.count(dim) > 0.9 * len(row)  # across gutter and lanes
    below = body.y() + view.y_of_lane(2)  # between two thread lanes: no rule
    assert [image.pixel(x, below) & 0xFFFFFF for x in range(0, rect.width(), 7)].count(dim) < 0.1 * len(row)


def test_the_screenshot_of_the_seed_draws_its_twin(qapp: object, seed_trace) -> None:
    image = render_view("timeline", seed_trace, (1000, 300), LIGHT, step=0)
    twin = thread_twin(seed_trace)
    assert twin is not None
    body = timeline_layout(QRect(0, 0, 1000, 300), LIGHT, index_of(twin)).body
    view = initial_view(len(twin.lanes), twin.end_ns, body.width(), body.height())
    # the generator lane runs from 0 until the seed's end, then nothing: green first, background after
    y = body.y() + view.y_of_lane(0) + view.lane_px // 2
    assert image.pixel(body.x() + 4, y) & 0xFFFFFF == LIGHT.running.rgb() & 0xFFFFFF  # (the playhead is at 0)
    after = body.x() + round(view.x_of(seed_trace.duration_ns)) + 5
    assert image.pixel(after, y) & 0xFFFFFF != LIGHT.running.rgb() & 0xFFFFFF
