"""The message-loop pane at lecture sizes: what runs, how many requests are in flight and the one thread are
always said whole; the wheel, the queue, request cards and long words give way first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPainter

from simulator.loop.snapshot import IoInFlight, LoopSnapshot
from ui.i18n import Translations
from ui.render import fit
from ui.render.common import pane_content
from ui.render.loop_pane import LoopModel, draw_loop, io_side_layout
from ui.render.loop_plan import loop_arrangement
from ui.theme import LIGHT, PROJECTOR, Theme

# the loop pane's share of a 1024x768 window presenting at text 3x, and of 1366x768 at 2.5x (measured)
SMALL_PANES = [((466, 194), 3.0), ((648, 199), 3.0), ((623, 186), 2.5)]



def requests(n: int) -> tuple[IoInFlight, ...]:
    return tuple(IoInFlight(k, f"read part {k}", "disk", 10 + k, 1_000_000, 100_000_000 + k) for k in range(n))


SNAPSHOTS = {
    "choosing": LoopSnapshot(0, 0, -1, ""),
    "eight in flight": LoopSnapshot(100_000, 2, 12, "Task-9 worker", in_flight=requests(8), in_flight_total=8),
    "blocked": LoopSnapshot(150_100_000, 6, 4, "Task-4 blocker", blocked_until_ns=1_150_100_000),
    "a long task name": LoopSnapshot(0, 3, 5, "Task-5 fetch('news.ycombinator.com/item?id=1234567')",
                                     in_flight=requests(3), in_flight_total=3),
}


def paint(model: LoopModel, size: tuple[int, int], theme: Theme) -> list[fit.Misfit]:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_loop(painter, QRectF(0, 0, size[0], size[1]), model, theme)
    painter.end()
    return cut


@pytest.mark.parametrize("name", SNAPSHOTS)
@pytest.mark.parametrize(("size", "scale"), SMALL_PANES)
def test_at_lecture_sizes_the_essentials_fit_whole(language: str, name: str, size: tuple[int, int],
                                                   scale: float) -> None:
    theme = PROJECTOR.scaled(scale)
    loop = SNAPSHOTS[name]
    model = LoopModel(loop, float(loop.iteration), float(loop.now_ns), "", 0.0)
    assert paint(model, size, theme) == []  # nothing essential elided or clipped
    rect = QRectF(0, 0, *size)
    content = pane_content(rect, theme)
    at = loop_arrangement(rect, model, loop, theme)
    assert at.fits
    # the sentence, the running card and the IO side's heading (with the count) all inside the pane
    assert "1" in at.plan.said and at.said.bottom() <= content.bottom() + 0.5
    assert rect.contains(at.running) and at.running.bottom() <= content.bottom() + 0.5
    label = loop.running_label or QCoreApplication.translate("Panes", "the loop is choosing the next message")
    assert label.split()[0] in at.plan.running
    side = io_side_layout(at.io, model, theme, at.plan.f)
    assert str(max(loop.in_flight_total, len(loop.in_flight))) in side.header
    assert side.header_rect.bottom() <= at.io.bottom() and at.io.bottom() <= content.bottom() + 0.5


def test_detail_gives_way_before_words_and_type_size(qapp) -> None:  # type: ignore[no-untyped-def]
    loop = SNAPSHOTS["eight in flight"]
    model = LoopModel(loop, 2.0, 1e5, "", 0.0)
    roomy = loop_arrangement(QRectF(0, 0, 900, 420), model, loop, LIGHT.scaled(1.5))
    assert roomy.plan.wheel_room and roomy.wheel is not None and roomy.queue is not None
    assert roomy.plan.running.startswith("running: ") and roomy.plan.f.factor == 1.0
    tiny = loop_arrangement(QRectF(0, 0, 466, 194), model, loop, PROJECTOR.scaled(3.0))
    assert tiny.fits and tiny.wheel is None  # the wheel went first
    assert tiny.plan.running == "▶ Task-9 worker"  # then the word "running" (the ▶ still says it)
    # a pane with room for every card draws them all; one without counts the rest, the heading says how many
    side = io_side_layout(roomy.io, model, LIGHT.scaled(1.5), roomy.plan.f)
    assert len(side.boxes) == 8 and side.hidden == 0
    small = io_side_layout(tiny.io, model, PROJECTOR.scaled(3.0), tiny.plan.f)
    assert small.hidden == 8 - len(small.boxes) > 0 and "8" in small.header


def test_the_count_of_hidden_requests_includes_those_the_snapshot_did_not_list(qapp) -> None:  # type: ignore[no-untyped-def]
    many = LoopSnapshot(5_000_000, 2, 12, "Task-5 fetch", in_flight=requests(12), in_flight_total=2000)
    model = LoopModel(many, 2.0, 5e6, "", 0.0)
    at = loop_arrangement(QRectF(0, 0, 700, 320), model, many, LIGHT)
    side = io_side_layout(at.io, model, LIGHT, at.plan.f)
    assert "2000" in side.header and 1 <= len(side.boxes) <= 12
    assert side.hidden == 2000 - len(side.boxes)
    assert paint(model, (700, 320), LIGHT) == []  # cards given up are detail: the heading has the count


def test_a_pane_too_small_for_the_running_words_says_so(qapp) -> None:  # type: ignore[no-untyped-def]
    loop = SNAPSHOTS["blocked"]
    cut = paint(LoopModel(loop, 6.0, 1.5e8, "", 0.0), (300, 120), PROJECTOR.scaled(3.0))
    assert cut and {m.why for m in cut} == {"clipped"}  # honestly reported, not hidden


@pytest.mark.parametrize("name", SNAPSHOTS)
def test_in_the_smallest_pane_the_sentence_shares_the_titles_line(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    # 1024x768 at text 3x in Chinese, in the window (menu, transport and status line take their share)
    translations = Translations()
    translations.set_language("zh_CN")
    try:
        loop = SNAPSHOTS[name]
        model = LoopModel(loop, float(loop.iteration), float(loop.now_ns), "", 0.0)
        theme = PROJECTOR.scaled(3.0)
        assert paint(model, (466, 164), theme) == []
        at = loop_arrangement(QRectF(0, 0, 466, 164), model, loop, theme)
        assert at.said.top() < pane_content(QRectF(0, 0, 466, 164), theme).top()  # on the title's line
    finally:
        translations.set_language("en")
