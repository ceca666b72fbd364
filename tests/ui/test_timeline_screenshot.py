"""Headless pictures for `coroscope screenshot --view timeline|compare`."""

from __future__ import annotations

import pytest

from tests.ui.test_timeline_window import threads_trace
from ui.theme import DARK, LIGHT
from ui.timeline.screenshot import render_view


def test_timeline_view_shows_lanes_and_the_playhead(qapp: object) -> None:
    trace = threads_trace()
    image = render_view("timeline", trace, (1000, 400), LIGHT, step=len(trace) // 2)
    colours = {image.pixel(x, y) & 0xFFFFFF for x in range(0, 1000, 3) for y in range(0, 400, 3)}
    assert LIGHT.running.rgb() & 0xFFFFFF in colours
    assert LIGHT.accent.rgb() & 0xFFFFFF in colours  # the playhead


def test_timeline_view_without_threads_is_a_message_not_a_crash(qapp: object) -> None:
    image = render_view("timeline", None, (600, 200), DARK)
    assert image.pixel(5, 5) & 0xFFFFFF == DARK.background.rgb() & 0xFFFFFF


def test_unknown_view_is_refused(qapp: object) -> None:
    with pytest.raises(ValueError, match="timeline, compare"):
        render_view("flame", None, (10, 10), LIGHT)
