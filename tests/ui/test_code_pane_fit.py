"""The code pane squeezed narrow at large text: the running line still shown whole (the gutter gives way first)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from simulator.scenarios import get_scenario
from ui.render import fit
from ui.render.code_pane import build_code_model, draw_code
from ui.scene import SceneCache
from ui.theme import PROJECTOR
from ui.tracing import TraceRequest, trace_synchronously


@pytest.mark.parametrize("scenario", ["fetch-hosts", "blocking-call"])
def test_a_long_docstring_line_running_in_a_narrow_pane_at_3x_is_whole(qapp, scenario: str) -> None:  # type: ignore[no-untyped-def]
    # the code pane's share of 1024x768 presenting at text 3x beside a wide timeline (measured): its
    # running line (the module docstring, over 80 characters) wraps onto six rows or more
    trace = trace_synchronously(TraceRequest(get_scenario(scenario).path))
    model = build_code_model(SceneCache(trace).scene(1))
    assert round(model.band_line) == 1 and len(model.source.splitlines()[0]) > 80
    image = QImage(372, 353, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_code(painter, QRectF(0, 0, 372, 353), model, PROJECTOR.scaled(3.0))
    painter.end()
    assert cut == []


def test_with_no_running_line_the_line_kept_in_view_first_is_whole(qapp) -> None:  # type: ignore[no-untyped-def]
    # a thread switch in the deadlock scenario: no line runs; the line where the run will stop (28, marked
    # from the start) is the one kept in view
    trace = trace_synchronously(TraceRequest(get_scenario("deadlock").path))
    model = build_code_model(SceneCache(trace).scene(20))
    assert model.band_line < 0 and model.error_line == 28
    image = QImage(372, 256, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_code(painter, QRectF(0, 0, 372, 256), model, PROJECTOR.scaled(3.0))
    painter.end()
    assert cut == []


def test_an_indented_running_line_with_a_comment_in_a_small_pane_at_3x_is_whole(qapp) -> None:  # type: ignore[no-untyped-def]
    # 1024x768 at text 3x in the window (menu, transport, status line): the code pane is 372x231 (measured)
    trace = trace_synchronously(TraceRequest(get_scenario("condition-buffer").path))
    cache = SceneCache(trace)
    source = trace.sources[next(iter(trace.sources))].splitlines()
    line = next(n for n, text in enumerate(source, start=1) if "changed.wait()  # empty" in text)
    model = next(m for i in range(len(trace)) if round((m := build_code_model(cache.scene(i))).band_line) == line)
    assert len(source[line - 1]) > 60
    image = QImage(372, 231, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_code(painter, QRectF(0, 0, 372, 231), model, PROJECTOR.scaled(3.0))
    painter.end()
    assert cut == []
