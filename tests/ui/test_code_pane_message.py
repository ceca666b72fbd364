"""The code pane's error message: never cut at lecture sizes, never over its own line, in the user's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from simulator.kinds import EventKind
from simulator.scenarios import get_scenario
from simulator.trace import Trace
from ui.captions import caption_for
from ui.deadlock_words import deadlock_words
from ui.i18n import Translations
from ui.render import fit
from ui.render.code_pane import (
    CodeModel,
    build_code_model,
    draw_code,
    error_message_place,
    fitted_theme,
    layout_source,
)
from ui.render.common import pane_content
from ui.scene import SceneCache
from ui.theme import PROJECTOR, Theme
from ui.tracing import TraceRequest, trace_synchronously


@pytest.fixture(scope="module")
def deadlock(qapp) -> Trace:  # type: ignore[no-untyped-def]
    return trace_synchronously(TraceRequest(get_scenario("deadlock").path))


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    translations = Translations()
    translations.set_language("zh_CN")
    try:
        yield
    finally:
        translations.set_language("en")


def last_model(trace: Trace) -> CodeModel:
    return build_code_model(SceneCache(trace).scene(len(trace) - 1))


def paint(model: CodeModel, size: tuple[int, int], theme: Theme) -> list[fit.Misfit]:
    image = QImage(*size, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_code(painter, QRectF(0, 0, *size), model, theme)
    painter.end()
    return cut


def test_the_english_message_is_the_simulators_own(deadlock: Trace) -> None:
    model = last_model(deadlock)
    assert model.show_error and model.error_message == deadlock.outcome.message
    assert model.error_short.startswith("deadlock: ") and len(model.error_short) < len(model.error_message) * 0.7
    assert "audit" in model.error_short and "transfer" in model.error_short and "line 28" in model.error_short


def test_the_cycle_carries_what_each_thread_waits_for_and_whose_it_is(deadlock: Trace) -> None:
    [i] = deadlock.indices_of(EventKind.DEADLOCK)
    cycle = deadlock.data[i]["cycle"]
    assert {(c["thread"], c["owner"], c["on"]) for c in cycle} == {("audit", "transfer", "lock"),
                                                                  ("transfer", "audit", "lock")}


def test_in_chinese_the_message_and_its_caption_are_chinese(deadlock: Trace, chinese: None) -> None:
    model = last_model(deadlock)
    assert model.error_message.startswith("死锁") and "transfer" in model.error_message
    assert "deadlock" not in model.error_message and "waits for" not in model.error_message
    assert model.error_short.startswith("死锁")
    for step in deadlock.indices_of(EventKind.DEADLOCK, EventKind.LIMIT):  # the captions that tell it
        caption = caption_for(SceneCache(deadlock), step)
        assert "死锁：没有线程能运行" in caption.body and "no thread can run" not in caption.body


def test_a_cycle_without_the_new_data_keeps_the_simulators_words(deadlock: Trace) -> None:
    [i] = deadlock.indices_of(EventKind.DEADLOCK)
    old = Trace(**{**vars(deadlock), "data": {**deadlock.data, i: {"cycle": [
        {k: v for k, v in c.items() if k not in ("owner", "on")} for c in deadlock.data[i]["cycle"]]}}})
    assert deadlock_words(old) is None
    assert last_model(old).error_message == deadlock.outcome.message


# the code pane's share of 1024x768 presenting at text 3x and of 1366x768 at 2.5x, and shorter still
@pytest.mark.parametrize(("size", "scale"), [((554, 366), 3.0), ((554, 291), 3.0), ((554, 220), 3.0),
                                             ((739, 310), 2.5)])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_lecture_sizes_the_message_is_whole_and_its_line_in_view(deadlock: Trace, size: tuple[int, int],
                                                                    scale: float, language: str) -> None:
    translations = Translations()
    translations.set_language(language)
    try:
        model = last_model(deadlock)
        assert paint(model, size, PROJECTOR.scaled(scale)) == []
        rect = pane_content(QRectF(0, 0, *size), PROJECTOR.scaled(scale))
        theme = fitted_theme(model, rect, PROJECTOR.scaled(scale))  # as the pane draws it
        place = error_message_place(model, rect, layout_source(model, rect, theme), theme)
        assert place is not None and place.whole and rect.contains(place.box)
        if place.band:  # the code above the band still shows the error's line, every row of it
            code = layout_source(model, QRectF(rect.left(), rect.top(), rect.width(), place.code_height), theme)
            assert model.error_line in code.first_row
            assert rect.top() + (code.first_row[model.error_line] + code.row_count[model.error_line]) \
                * code.line_h <= place.box.top()
    finally:
        translations.set_language("en")
