"""The adaptive layout: empty panes collapse, the timeline beside the loop, a pane maximised and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from simulator.scenarios import get_scenario
from simulator.trace import Trace
from ui.app import build_window
from ui.i18n import ENGLISH
from ui.main_window import MainWindow
from ui.settings import Preferences
from ui.tracing import TraceRequest, trace_synchronously


@pytest.fixture(scope="module")
def fetch_trace() -> Trace:
    return trace_synchronously(TraceRequest(get_scenario("fetch-hosts").path))


@pytest.fixture
def window(qtbot, prefs: Preferences) -> MainWindow:  # type: ignore[no-untyped-def]
    w = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(w)
    w.player.animate_steps = False
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    return w


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(20)  # the layout adapts once the splitters have their new sizes


def test_a_generator_program_gives_the_loop_s_room_to_the_thread_timeline(qtbot, window, seed_trace, seed_program):  # type: ignore[no-untyped-def]
    window.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    settle(qtbot)
    assert not window.loop_view.isVisible()  # the seed has no message loop
    assert window.side_tabs.isVisible() and window.handoff_view.isVisible() and window.console_view.isVisible()
    assert window.side_tabs.width() > 0.9 * window.middle.width()


def test_an_asyncio_program_shows_the_loop_and_the_timeline_side_by_side(qtbot, window, fetch_trace: Trace):  # type: ignore[no-untyped-def]
    path = get_scenario("fetch-hosts").path
    window.load_trace(fetch_trace, path, path.read_text(), "fetch")
    settle(qtbot)
    assert window.loop_view.isVisible() and window.side_tabs.isVisible()
    assert window.side_tabs.indexOf(window.loop_view) == -1
    assert window.loop_view.geometry().right() < window.side_tabs.geometry().left()
    # large text on a small screen: the loop becomes the first tab beside the timeline instead
    window.set_text_scale(3.0)
    settle(qtbot)
    assert window.side_tabs.indexOf(window.loop_view) == 0 and window.loop_view.isVisible()
    window.set_text_scale(1.0)
    settle(qtbot)
    assert window.side_tabs.indexOf(window.loop_view) == -1 and window.loop_view.isVisible()


def test_a_program_without_generators_or_output_collapses_those_panes(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    program = tmp_path / "plain.py"
    program.write_text("def add(a, b):\n    return a + b\n\nx = add(1, 2)\n")
    window.load_trace(trace_synchronously(TraceRequest(program)), program, program.read_text(), "plain")
    settle(qtbot)
    assert not window.handoff_view.isVisible() and not window.loop_view.isVisible()
    assert not window.console_view.isVisible()
    assert window.code_view.height() > 0.8 * window.centralWidget().height() - window.transport.height()


def test_double_click_maximises_a_pane_and_back(qtbot, window, seed_trace, seed_program):  # type: ignore[no-untyped-def]
    window.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    settle(qtbot)
    before = window.code_view.size()
    qtbot.mouseDClick(window.handoff_view, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert window.handoff_view.isVisible()
    assert not any(p.isVisible() for p in (window.code_view, window.console_view, window.caption_view))
    assert not window.side_tabs.isVisible()
    assert window.handoff_view.width() > 0.95 * window.width()
    qtbot.mouseDClick(window.handoff_view, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert all(p.isVisible() for p in (window.code_view, window.console_view, window.caption_view, window.side_tabs))
    assert window.code_view.size() == before
    # the key does it too, for the pane under the mouse (the code pane when the mouse is elsewhere)
    window.pane_layout.maximise_action.trigger()
    settle(qtbot)
    assert window.pane_layout.maximised is not None and window.pane_layout.maximised.isVisible()
    window.pane_layout.maximise_action.trigger()
    assert window.pane_layout.maximised is None


def test_a_layout_saved_with_a_pane_collapsed_brings_it_back_for_a_program_that_needs_it(  # type: ignore[no-untyped-def]
    qtbot, prefs, seed_trace, seed_program, fetch_trace: Trace
):
    first = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(first)
    first.resize(1400, 860)
    first.show()
    first.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    settle(qtbot)
    assert not first.loop_view.isVisible()
    first.close()  # remembers the layout with the loop collapsed
    again = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(again)
    again.resize(1400, 860)
    again.show()
    path = get_scenario("fetch-hosts").path
    again.load_trace(fetch_trace, path, path.read_text(), "fetch")
    settle(qtbot)
    assert again.loop_view.isVisible() and again.loop_view.width() > 200
