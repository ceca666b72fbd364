"""The timeline at lecture sizes: lanes and their names come first; the legend folds, lanes scroll, nothing is cut.

Sizes are the timeline pane's own at 1024x768 and 1366x768 with text 2x to 3x (projector, presenting),
where the old layout clipped the legend's rows, cut "generators (1 thread)" and left lane names out.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QToolTip

from simulator.timeline import Lane, Timeline
from simulator.twin import GENERATOR_LANE
from tests.ui.timeline_data import B, L, R, Y, make_timeline
from ui.render import fit
from ui.theme import LIGHT, PROJECTOR, Theme
from ui.timeline.describe import lane_name
from ui.timeline.index import index_of
from ui.timeline.legend import legend_html, legend_items
from ui.timeline.pane import TimelinePane
from ui.timeline.render import FULL, KEY, SHARED, draw_timeline, least_lane_px, opening_view, timeline_layout
from ui.timeline.view import TimelineView


def seed_twin() -> Timeline:
    """Like the seed's thread twin: the generators' single thread on top, then two threads and their CPU."""
    timeline = make_timeline(
        [GENERATOR_LANE, "MainThread", "consumer", "CPU 0"],
        [(0, 0, 50, R), (1, 0, 300, R), (1, 300, 700, L), (2, 0, 300, Y), (2, 300, 700, R), (2, 700, 1000, B),
         (3, 0, 1000, R)],
        switches=[(300, 0, 1, 2, 20, "blocked")],
        end_ns=1000,
    )
    timeline.lanes[0] = Lane(GENERATOR_LANE, "loop", -1)
    return timeline


def many(lanes: int) -> Timeline:
    names = [f"Thread-{k}" for k in range(lanes - 1)] + ["CPU 0"]
    return make_timeline(names, [(k, 0, 1000, R if k % 2 else Y) for k in range(lanes)], end_ns=1000)



def paint(rect: QRect, timeline: Timeline, theme: Theme, selected: int = -1,
          view: TimelineView | None = None) -> tuple[QImage, list[fit.Misfit]]:
    index = index_of(timeline)
    view = view or opening_view(rect, theme, index)
    image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_timeline(painter, rect, view, index, theme, None, selected)
    painter.end()
    return image, cut


# the timeline pane's size in the window at 1024x768 3x (zh_CN and en), 1024x768 2x and 1366x768 2.5x
LECTURE = [((466, 210), 3.0), ((648, 210), 3.0), ((648, 248), 3.0), ((466, 346), 2.0), ((623, 205), 2.5)]


@pytest.mark.parametrize(("size", "scale"), LECTURE, ids=lambda v: str(v))
def test_every_lane_is_named_whole_and_the_legend_is_never_clipped_at_lecture_sizes(
        language: str, size: tuple[int, int], scale: float) -> None:
    theme = PROJECTOR.scaled(scale)
    rect = QRect(0, 0, *size)
    index = index_of(seed_twin())
    _, cut = paint(rect, seed_twin(), theme)
    assert not cut, cut
    layout = timeline_layout(rect, theme, index)
    view = opening_view(rect, theme, index)
    assert view.lane_range() == (0, 4) and 4 * view.lane_px <= layout.body.height(), "every lane on screen"
    assert view.lane_px >= least_lane_px(theme)
    if layout.mode != KEY:  # the legend is drawn whole, every row inside the pane
        for item in legend_items(layout.legend.width(), theme, layout.legend.topLeft().toPointF()):
            assert item.rect.bottom() <= rect.bottom() + 1, item.label


def test_a_short_pane_folds_the_legend_into_a_key_that_shows_it_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = TimelinePane(theme=PROJECTOR.scaled(3.0))
    qtbot.addWidget(pane)
    pane.resize(648, 210)
    pane.set_timeline(seed_twin())
    pane.show()
    qtbot.waitExposed(pane)
    layout = pane._layout()
    assert layout.mode == KEY and layout.legend.height() == 0
    key = layout.key
    assert key.height() > 0 and key.right() <= layout.gutter.right() and key.bottom() <= layout.body.top()
    text = pane.tooltip_at(key.center())
    for label in ("running", "ready (waiting for a CPU)", "blocked on IO", "waiting for a lock", "new (not started)",
                  "context switch", "its cost"):
        assert label in text
    rich = legend_html(pane.theme(), 28.5)
    assert rich.count("data:image/png;base64,") == 7 and "28.5pt" in rich and "waiting for a lock" in rich
    image = QImage(pane.size(), QImage.Format.Format_ARGB32_Premultiplied)
    with fit.collecting() as cut:
        pane.render(image)
    assert not cut, cut
    drawn = {image.pixel(x, y) for x in range(key.left(), key.right(), 2) for y in range(key.top(), key.bottom(), 2)}
    assert PROJECTOR.running.rgb() in drawn, "the key shows the lanes' own colours"
    pane.select(2)
    qtbot.mouseClick(pane, Qt.MouseButton.LeftButton, pos=key.center())  # a click on the key shows it too
    assert "waiting for a lock" in QToolTip.text() and pane.selected() == 2
    QToolTip.hideText()


def test_a_pane_with_room_shows_the_legend_whole_and_shares_its_place_with_a_selection(qtbot) -> None:  # type: ignore[no-untyped-def]
    """1920x1080 at 3x: the legend and the selection line do not both fit under named lanes; they take turns."""
    theme = PROJECTOR.scaled(3.0)
    rect = QRect(0, 0, 876, 421)
    index = index_of(seed_twin())
    layout = timeline_layout(rect, theme, index)
    assert layout.mode == SHARED and layout.info == layout.legend
    plain, cut = paint(rect, seed_twin(), theme)
    assert not cut, cut
    chosen, cut = paint(rect, seed_twin(), theme, selected=2)
    assert not cut, cut
    assert plain.pixel(layout.key.center()) != chosen.pixel(layout.key.center()), "the key stands in for the legend"
    pane = TimelinePane(theme=theme)
    qtbot.addWidget(pane)
    pane.resize(rect.size())
    pane.set_timeline(seed_twin())
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.tooltip_at(layout.key.center()) == ""  # nothing selected: the legend is on screen, not the key
    lock = next(i for i in legend_items(layout.legend.width(), theme, layout.legend.topLeft().toPointF())
                if i.label == "waiting for a lock")
    assert "lock" in pane.tooltip_at(lock.rect.center().toPoint())
    pane.select(2)
    assert "waiting for a lock" in pane.tooltip_at(layout.key.center())
    assert "lock another thread holds" not in pane.tooltip_at(lock.rect.center().toPoint())


def test_a_roomy_pane_keeps_the_whole_legend_and_the_selection_line(qapp: object) -> None:
    layout = timeline_layout(QRect(0, 0, 1400, 700), PROJECTOR.scaled(2.0), index_of(seed_twin()))
    assert layout.mode == FULL and layout.info.bottom() < layout.legend.top() and layout.more.height() == 0


def test_the_generators_lane_gives_up_its_explanation_not_its_name(language: str) -> None:
    theme = PROJECTOR.scaled(3.0)
    rect = QRect(0, 0, 466, 300)
    index = index_of(seed_twin())
    gutter = timeline_layout(rect, theme, index).gutter
    full = lane_name(index, 0)
    assert full in ("generators (1 thread)", "生成器（1 个线程）")
    _, cut = paint(rect, seed_twin(), theme)
    assert not cut, cut  # the old gutter wrote "generators (1 th…" and reported it
    assert gutter.width() < 466 * 0.5


def test_the_whole_lane_name_is_the_gutter_tooltip_when_it_is_shortened(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = TimelinePane(theme=PROJECTOR.scaled(3.0))
    qtbot.addWidget(pane)
    pane.resize(466, 300)
    pane.set_timeline(seed_twin())
    pane.show()
    qtbot.waitExposed(pane)
    gutter, view = pane._layout().gutter, pane.view()
    assert pane.tooltip_at(QPoint(gutter.x() + 5, gutter.y() + view.lane_px // 2)) == "generators (1 thread)"


def test_larger_text_in_a_short_pane_keeps_every_lane_named(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The old pane kept 32 px lanes when 3x text needed more and the pane had no room for "fit all": names left out."""
    pane = TimelinePane(theme=LIGHT)
    qtbot.addWidget(pane)
    pane.resize(876, 421)
    pane.set_timeline(seed_twin())
    pane.show()
    qtbot.waitExposed(pane)
    for theme, size in ((PROJECTOR.scaled(3.0), (876, 421)), (PROJECTOR.scaled(3.0), (648, 210)),
                        (PROJECTOR.scaled(2.0), (466, 346)), (PROJECTOR.scaled(3.0), (876, 421))):
        pane.set_theme(theme)
        pane.resize(*size)
        image = QImage(pane.size(), QImage.Format.Format_ARGB32_Premultiplied)
        with fit.collecting() as cut:
            pane.render(image)
        assert not cut, (theme.font_scale, size, cut)
        assert pane.view().lane_px >= least_lane_px(theme) and pane.view().lane_range() == (0, 4)


def test_lanes_that_do_not_fit_scroll_and_a_line_says_how_many_are_out_of_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    theme = PROJECTOR.scaled(3.0)
    pane = TimelinePane(theme=theme)
    qtbot.addWidget(pane)
    pane.resize(648, 300)
    pane.set_timeline(many(8))
    pane.show()
    qtbot.waitExposed(pane)
    layout, view = pane._layout(), pane.view()
    assert layout.mode == KEY and layout.more.height() > 0 and layout.more.top() >= layout.body.bottom()
    assert view.lane_px >= least_lane_px(theme), "lanes keep their names; they are not squeezed"
    shown = layout.body.height() // view.lane_px
    assert 0 < shown < 8
    with fit.collecting() as cut:
        image = QImage(pane.size(), QImage.Format.Format_ARGB32_Premultiplied)
        pane.render(image)
    assert not cut, cut  # no name left out silently: the line counts them
    from ui.timeline.render import more_lanes_text

    counts, _ = more_lanes_text(view)
    assert counts == f"▼ {8 - shown} lanes below"
    pane.set_view(view.panned(dy_px=10 * view.lane_px))  # scrolled to the bottom
    counts, _ = more_lanes_text(pane.view())
    assert counts.startswith(f"▲ {8 - shown} lanes above") and "below" not in counts


def test_many_lanes_are_still_an_overview_not_a_scroll(qapp: object) -> None:
    rect = QRect(0, 0, 900, 400)
    view = opening_view(rect, LIGHT, index_of(many(300)))
    assert view.lane_range() == (0, 300)  # all of them, thinner than a name


def test_a_selection_with_no_line_left_for_its_words_is_reported(qapp: object) -> None:
    theme = PROJECTOR.scaled(3.0)
    rect = QRect(0, 0, 648, 210)
    layout = timeline_layout(rect, theme, index_of(seed_twin()))
    assert layout.info.height() == 0
    _, cut = paint(rect, seed_twin(), theme, selected=2)
    assert [(m.why, m.text.split(":")[0]) for m in cut] == [("omitted", "MainThread")]


@pytest.mark.parametrize(("size", "scale"), LECTURE[1:], ids=lambda v: str(v))  # 466 px at 3x: room for one label
def test_the_time_axis_writes_at_least_two_labels_at_lecture_sizes(qapp: object, size: tuple[int, int],
                                                                   scale: float) -> None:
    """The old ticks were 90 px per 1x of text apart: a 350 px axis at 3x wrote only "0 µs", no scale to read."""
    from PySide6.QtGui import QFontMetrics

    from ui.timeline.render import _font, axis_ticks

    theme = PROJECTOR.scaled(scale)
    rect = QRect(0, 0, *size)
    for timeline in (seed_twin(), stretched(seed_twin(), 150)):  # 1 µs, and the seed's 150 µs
        index = index_of(timeline)
        view = opening_view(rect, theme, index)
        _, _, labels = axis_ticks(view, theme)
        assert len(labels) >= 2, labels
        fm = QFontMetrics(_font(theme, 8.5))
        spans = [(x, x + fm.horizontalAdvance(text)) for x, text in labels]
        assert all(a >= 0 and b <= view.width for a, b in spans), "every label whole, inside the axis"
        assert all(b < a2 for (_, b), (a2, _) in pairwise(spans)), "labels never overlap"


def stretched(timeline: Timeline, factor: int) -> Timeline:
    """The same timeline, every time `factor` times later."""
    for column in (timeline.seg_start, timeline.seg_end, timeline.sw_t):
        for k in range(len(column)):
            column[k] *= factor
    timeline.end_ns *= factor
    return timeline
