"""Render functions into a QImage: what each pane shows, by region and colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from simulator.kinds import EventKind
from simulator.loop.snapshot import Completion, IoInFlight, LoopSnapshot, ReadyCard
from simulator.trace import Trace
from ui.render.caption_pane import build_caption_model, draw_caption
from ui.render.code_pane import build_code_model, draw_code
from ui.render.console_pane import build_console_model
from ui.render.handoff_pane import SENT, YIELDED, build_handoff_model, draw_handoff, label_text
from ui.render.loop_pane import LoopModel, draw_loop
from ui.scene import SceneCache
from ui.theme import DARK, LIGHT, Theme

W, H = 900, 520


def render(draw, model, theme: Theme = LIGHT, size: tuple[int, int] = (W, H)) -> QImage:  # type: ignore[no-untyped-def]
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    draw(painter, QRectF(0, 0, size[0], size[1]), model, theme)
    painter.end()
    return image


def count_near(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    """Pixels close to `colour` (sampled every other pixel)."""
    n = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue())
                < tolerance
            ):
                n += 1
    return n


def first_index(trace: Trace, kind: EventKind, text: str | None = None) -> int:
    return next(i for i in range(len(trace)) if trace.kind[i] == kind and (text is None or trace.event(i).text == text))


def test_code_pane_marks_the_running_line_and_the_suspended_consumer(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    yielded = first_index(seed_trace, EventKind.YIELD, "'200 OK'")
    model = build_code_model(cache.scene(yielded))
    by_name = {f.name: f for f in model.frames}
    assert by_name["consumer"].status == "suspended" and by_name["consumer"].line == 4
    assert by_name["produce"].status == "running" and by_name["produce"].line == 16
    assert dict((n, v) for n, v, _ in by_name["consumer"].locals)["r"] == "'200 OK'"
    image = render(draw_code, model)
    assert count_near(image, LIGHT.running) > 50  # the running band's border and marker
    assert count_near(image, LIGHT.suspended, 20) > 20  # the dashed band of the paused consumer


def test_the_baton_says_sent_going_in_and_yielded_coming_out(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    sent = first_index(seed_trace, EventKind.RESUME, "3")
    model = build_handoff_model(cache.scene(sent), cache)
    assert (model.driver, model.generator) == ("produce", "consumer")
    assert model.baton is not None and model.baton.label_kind == SENT and model.baton.value == "3"
    assert model.baton.position == 1.0 and model.generator_runs
    assert label_text(SENT, "3") == "sent 3"
    back = build_handoff_model(
        cache.scene(sent + 1 + [seed_trace.kind[i] for i in range(sent + 1, len(seed_trace))].index(EventKind.YIELD)),
        cache,
    )
    assert back.baton is not None and back.baton.label_kind == YIELDED and back.baton.position == 0.0
    assert not back.generator_runs
    assert label_text(YIELDED, "'200 OK'") == "yielded '200 OK'"
    # While the send is happening, the baton is on its way: between the two sides.
    moving = build_handoff_model(cache.scene(sent - 1 + 0.5), cache)
    assert moving.baton is not None and 0.2 < moving.baton.position < 0.8


def test_the_baton_is_drawn_on_the_consumer_side_after_a_send(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    sent = first_index(seed_trace, EventKind.RESUME, "1")
    image = render(draw_handoff, build_handoff_model(cache.scene(sent), cache), size=(800, 240))
    left = image.copy(0, 0, 400, 240)
    right = image.copy(400, 0, 400, 240)
    assert count_near(right, LIGHT.sent) > 3 * max(1, count_near(left, LIGHT.sent))


def test_console_shows_output_exactly_as_far_as_the_playhead(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    first_out = first_index(seed_trace, EventKind.STDOUT)
    assert build_console_model(cache.scene(first_out - 1)).lines == ()
    assert build_console_model(cache.scene(first_out)).lines == ("[PRODUCER] Producing 1...",)
    typing = build_console_model(cache.scene(first_out - 1 + 0.5))
    assert typing.typing and 0 < len(typing.lines[0]) < len("[PRODUCER] Producing 1...")
    end = build_console_model(cache.scene(len(seed_trace) - 1))
    assert "\n".join(end.lines) + "\n" == seed_trace.stdout_text()


def test_a_million_output_lines_cost_no_more_than_a_few(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.render.console_pane import _tail

    console = "".join(f"line {i}\n" for i in range(1_000_000))
    model = _tail(console, len(console), typing=False)
    assert model.total_lines == 1_000_000
    assert model.lines[-1] == "line 999999" and len(model.lines) <= 200


def test_stepping_back_and_forth_lands_on_identical_pixels(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    there = render(draw_code, build_code_model(cache.scene(30)), DARK)
    for position in (31.0, 45.5, 29.0, 12.25):
        render(draw_code, build_code_model(cache.scene(position)), DARK)
    again = render(draw_code, build_code_model(SceneCache(seed_trace).scene(30)), DARK)
    assert there == again


def test_loop_pane_shows_queue_io_in_flight_and_a_completion(qapp) -> None:  # type: ignore[no-untyped-def]
    loop = LoopSnapshot(
        now_ns=5_000_000,
        iteration=3,
        running_task=2,
        running_label="Task-2 fetch('a.example')",
        ready=(ReadyCard("Task-3 fetch('b.example')", 3),),
        in_flight=(IoInFlight(7, "GET http://c.example/", "network", 4, 1_000_000, 25_000_000),),
        completions=(Completion(6, "GET http://a.example/", 4_000_000, 2),),
    )
    image = render(draw_loop, LoopModel(loop, 3.0, 5_000_000.0, "", 0.0))
    assert count_near(image, LIGHT.ready) > 30
    assert count_near(image, LIGHT.io) > 30
    assert count_near(image, LIGHT.completion) > 100  # the solid completion card
    empty = render(draw_loop, LoopModel(None, 0.0, 0.0, "", 0.0))
    assert count_near(empty, LIGHT.io) == 0


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_caption_pane_writes_in_the_theme_s_text_colour(qapp, seed_trace: Trace, theme: Theme) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    image = render(draw_caption, build_caption_model(cache.scene(5), cache), theme, (600, 200))
    assert count_near(image, theme.text) > 40
    assert image.pixelColor(599, 199) == theme.background
