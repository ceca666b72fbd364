"""The message-loop pane: requests travel out and back by the playhead, none hides, one thread is said in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from simulator.kinds import EventKind
from simulator.loop.snapshot import IoInFlight, LoopSnapshot
from simulator.scenarios import get_scenario
from simulator.trace import Trace
from ui.render import fit
from ui.render.loop_pane import IoSide, LoopModel, build_loop_model, draw_loop, io_side_layout
from ui.render.loop_plan import loop_arrangement
from ui.scene import SceneCache
from ui.theme import LIGHT, PROJECTOR, Theme
from ui.tracing import TraceRequest, trace_synchronously


@pytest.fixture(scope="module")
def fetch() -> Trace:
    return trace_synchronously(TraceRequest(get_scenario("fetch-hosts").path))


def paint(
    model: LoopModel, size: tuple[int, int] = (700, 320), theme: Theme = LIGHT
) -> tuple[QImage, list[fit.Misfit]]:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_loop(painter, QRectF(0, 0, size[0], size[1]), model, theme)
    painter.end()
    return image, cut


def io_centroid_x(image: QImage, colour: QColor, y0: int = 0) -> float:
    """Mean x of the pixels in (or half blended into) the IO colour: the dashed request cards and their bars."""
    xs = [x for y in range(y0, image.height(), 2) for x in range(0, image.width(), 2)
          if near(image, x, y, colour, 200)]
    return sum(xs) / max(1, len(xs))


def near(image: QImage, x: int, y: int, colour: QColor, tolerance: int = 40) -> bool:
    c = image.pixelColor(x, y)
    return abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < tolerance


def first(trace: Trace, kind: EventKind) -> int:
    return next(i for i, k in enumerate(trace.kind) if k == kind)


def test_a_request_travels_from_the_running_task_to_the_io_side_with_the_playhead(qapp, fetch: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(fetch)
    sent = first(fetch, EventKind.IO_REQUEST)
    before = build_loop_model(cache.scene(sent - 1))
    assert before.sending is None and before.loop is not None and not before.loop.in_flight
    models = [build_loop_model(cache.scene(sent - 1 + f)) for f in (0.2, 0.5, 0.8)]
    assert all(m.sending is not None and m.sending.what == "connect python.org:80" for m in models)
    assert [m.sending_progress for m in models] == sorted(m.sending_progress for m in models)
    # the card moves right, towards the IO side, as the playhead moves on (no clock of its own)
    xs = [io_centroid_x(paint(m)[0], LIGHT.io) for m in models]
    assert xs[0] < xs[1] < xs[2]
    again = [io_centroid_x(paint(build_loop_model(cache.scene(sent - 1 + f)))[0], LIGHT.io) for f in (0.2, 0.5)]
    assert again == xs[:2]  # the same position paints the same picture
    # and it lands where it then stays
    landed = build_loop_model(cache.scene(sent))
    assert landed.sending is None and [r.what for r in landed.loop.in_flight] == ["connect python.org:80"]  # type: ignore[union-attr]
    assert abs(io_centroid_x(paint(landed)[0], LIGHT.io) - io_centroid_x(paint(
        build_loop_model(cache.scene(sent - 1 + 0.999)))[0], LIGHT.io)) < 12


def test_a_completion_leaves_from_its_request_card(qapp, fetch: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(fetch)
    done = first(fetch, EventKind.IO_COMPLETE)
    model = build_loop_model(cache.scene(done - 1 + 0.05))
    assert model.flying and model.flying_request == fetch.arg[done]
    image, _ = paint(model)
    # near its start the flying completion sits over the IO side (right), not yet in the queue
    green = [x for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
             if near(image, x, y, LIGHT.completion)]
    assert green and sum(green) / len(green) > 0.55 * image.width()


def four_in_flight(now: int = 5_000_000) -> LoopSnapshot:
    hosts = ("python.org", "example.com", "wikipedia.org", "news.ycombinator.com")
    requests = tuple(IoInFlight(k, f"connect {h}:80", "network", 10 + k, 1_000_000, 70_000_000 + k * 20_000_000)
                     for k, h in enumerate(hosts))
    return LoopSnapshot(now, 2, 12, "Task-5 fetch('news.ycombinator.com')", in_flight=requests, in_flight_total=4)


def io_side(model: LoopModel, size: tuple[int, int], theme: Theme) -> IoSide:
    assert model.loop is not None
    at = loop_arrangement(QRectF(0, 0, *size), model, model.loop, theme)
    return io_side_layout(at.io, model, theme, at.plan.f)


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_at_1400_px_every_request_in_flight_has_its_card(qapp, scale: float) -> None:  # type: ignore[no-untyped-def]
    # the loop pane's share of a 1400 px window (about half its width, a third of its height)
    model = LoopModel(four_in_flight(), 2.0, 5e6, "", 0.0)
    side = io_side(model, (680, 300), LIGHT.scaled(scale))
    assert len(side.boxes) == 4 and side.hidden == 0
    assert paint(model, (680, 300), LIGHT.scaled(scale))[1] == []


def test_a_pane_too_small_for_every_card_counts_the_rest(qapp) -> None:  # type: ignore[no-untyped-def]
    model = LoopModel(four_in_flight(), 2.0, 5e6, "", 0.0)
    side = io_side(model, (420, 150), LIGHT.scaled(3.0))
    assert 1 <= side.hidden <= 4 and side.hidden + len(side.boxes) == 4
    assert "4" in side.header  # the count itself is never given up


def test_the_pane_says_one_thread_runs_it_all(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import Translations

    words = QCoreApplication.translate("Panes", "1 thread: the loop runs every task in turn")
    assert "1 thread" in words
    image, _ = paint(LoopModel(four_in_flight(), 2.0, 5e6, "", 0.0), theme=PROJECTOR)
    top = image.copy(0, 0, image.width(), 60)
    assert any(top.pixelColor(x, y) == PROJECTOR.text_dim for y in range(top.height()) for x in range(0, 300))
    translations = Translations()
    try:
        translations.set_language("zh_CN")
        chinese = QCoreApplication.translate("Panes", "1 thread: the loop runs every task in turn")
        assert chinese != words and "线程" in chinese
    finally:
        translations.set_language("en")
