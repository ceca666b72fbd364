"""The timeline's legend, switch costs written as numbers, the selection line, tooltips, and text that fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtGui import QImage, QPainter

from simulator.kinds import ThreadState
from simulator.timeline import Timeline
from tests.ui.timeline_data import B, R, make_timeline, producer_consumer
from ui.i18n import Translations
from ui.render import fit
from ui.theme import LIGHT, PROJECTOR, THEMES, Theme
from ui.timeline.index import index_of
from ui.timeline.legend import COST, SWITCH, item_at, legend_items
from ui.timeline.pane import TimelinePane, tooltip_html
from ui.timeline.render import draw_timeline, readable_lane_px, timeline_layout
from ui.timeline.view import TimelineView, initial_view


def paint(rect: QRect, view: TimelineView | None, timeline, theme: Theme = LIGHT,  # type: ignore[no-untyped-def]
          selected: int = -1) -> tuple[QImage, list[fit.Misfit]]:
    index = index_of(timeline)
    body = timeline_layout(rect, theme, index).body
    if view is None:  # as the pane opens it: all of it, lanes tall enough for their names
        view = initial_view(len(index.lanes), index.end_ns, body.width(), body.height(), readable_lane_px(theme))
    image = QImage(rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    with fit.collecting() as cut:
        draw_timeline(painter, rect, view, index, theme, None, selected)
    painter.end()
    return image, cut


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=lambda t: t.name)
def test_the_legend_shows_each_state_with_the_lane_s_own_pattern(qapp: object, theme: Theme) -> None:
    rect = QRect(0, 0, 1000, 320)
    image, _ = paint(rect, None, producer_consumer(), theme)
    legend = timeline_layout(rect, theme, index_of(producer_consumer())).legend
    items = legend_items(legend.width(), theme, legend.topLeft().toPointF())
    keys = [i.key for i in items]
    assert keys[:4] == [ThreadState.RUNNING, ThreadState.READY, ThreadState.BLOCKED_IO, ThreadState.WAITING_LOCK]
    assert SWITCH in keys and COST in keys
    colours = {ThreadState.RUNNING: theme.running, ThreadState.READY: theme.ready,
               ThreadState.BLOCKED_IO: theme.blocked_io, ThreadState.WAITING_LOCK: theme.waiting_lock}
    for item in items:
        if item.key not in colours:
            continue
        sw = item.swatch.toRect().adjusted(1, 1, -1, -1)
        seen = {image.pixel(x, y) & 0xFFFFFF for x in range(sw.left(), sw.right())
                for y in range(sw.top(), sw.bottom())}
        assert colours[item.key].rgb() & 0xFFFFFF in seen, item.label
        if item.key in (ThreadState.BLOCKED_IO, ThreadState.WAITING_LOCK):
            assert len(seen) >= 2, f"{item.label}: a pattern, not a flat colour"
    assert legend.top() >= timeline_layout(rect, theme, index_of(producer_consumer())).body.bottom()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize(("width", "scale"), [(640, 1.0), (640, 2.0), (1024, 1.0), (1024, 2.0), (1024, 3.0),
                                              (1920, 1.0), (1920, 2.0), (1920, 3.0)])
def test_lane_names_legend_and_axis_fit_at_every_text_size(qapp: object, lang: str, scale: float, width: int) -> None:
    """A timeline pane half a 1366 px screen wide, or a whole 1024 or 1920 px one, at its text scales."""
    translations = Translations()
    translations.set_language(lang)
    try:
        rect = QRect(0, 0, width, max(320, int(220 * scale)))
        _, cut = paint(rect, None, producer_consumer(), PROJECTOR.scaled(scale), selected=1)
        assert not cut, cut
        legend = timeline_layout(rect, PROJECTOR.scaled(scale), index_of(producer_consumer())).legend
        for item in legend_items(legend.width(), PROJECTOR.scaled(scale), legend.topLeft().toPointF()):
            assert item.rect.right() <= legend.right() and item.rect.bottom() <= legend.bottom() + 1
    finally:
        translations.set_language("en")


def test_a_lane_name_the_gutter_cannot_hold_is_reported(qapp: object) -> None:
    long_name = "Thread-7 (a worker with a very long descriptive name indeed)"
    timeline = make_timeline([long_name, "CPU 0"], [(0, 0, 100, R), (1, 0, 100, R)], end_ns=100)
    _, cut = paint(QRect(0, 0, 500, 300), None, timeline)
    assert [m.text for m in cut if m.pane == "timeline"] == [long_name]
    _, roomy = paint(QRect(0, 0, 2400, 300), None, timeline)  # a third of a wide pane holds it whole
    assert not roomy


def switching(cost: int, period: int = 100_000) -> Timeline:
    """Two threads swapping a CPU every `period` ns for 1 ms, each switch costing `cost` ns."""
    segments, switches = [], []
    n = 1_000_000 // period
    for k in range(n):
        a, b = (0, 1) if k % 2 == 0 else (1, 0)
        segments += [(a, k * period, (k + 1) * period, R), (b, k * period, (k + 1) * period, B)]
        switches.append(((k + 1) * period, 0, a, b, cost, "preempted"))
    segments += [(2, 0, 1_000_000, R)]
    return make_timeline(["Thread-1", "Thread-2", "CPU 0"], segments, switches, end_ns=1_000_000)


def ink(image: QImage, box: QRect) -> int:
    base = image.pixel(box.left(), box.top())
    return sum(1 for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom())
               if image.pixel(x, y) != base)


def test_switch_costs_are_written_when_zoomed_in_enough(qapp: object) -> None:
    rect = QRect(0, 0, 1000, 260)
    timeline = switching(3_000)
    index = index_of(timeline)
    body = timeline_layout(rect, LIGHT, index).body
    near = TimelineView(150_000, 450_000, body.width(), body.height(), lane_px=24, lanes=3, end_ns=1_000_000)
    far = TimelineView(0, 2_000_000, body.width(), body.height(), lane_px=24, lanes=3, end_ns=1_000_000)
    zoomed, _ = paint(rect, near, timeline)
    plain, _ = paint(rect, near, switching(0))  # the same marks, costing nothing: nothing to write
    x = body.x() + round(near.x_of(200_000))
    label = QRect(x + 2, body.y() + near.y_of_lane(0), 70, 24)  # Thread-1 is switched in at 200 µs
    assert labels(zoomed, label) > 100  # "3 µs" in its box beside the mark
    assert labels(plain, label) == 0
    far = far.clamped()
    crowded, _ = paint(rect, far, switching(3_000, period=5_000))  # switches a few pixels apart: no room to write
    among = QRect(body.x(), body.y(), round(far.x_of(990_000)), body.height())  # (the last one has room after it)
    assert labels(crowded, among) == 0


def labels(image: QImage, box: QRect) -> int:
    """Pixels of the cost labels' boxes (filled with the surface colour) inside `box`."""
    surface = LIGHT.surface.rgb() & 0xFFFFFF
    return sum(1 for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom())
               if image.pixel(x, y) & 0xFFFFFF == surface)


def test_the_selection_is_described_under_the_lanes_not_over_them(qapp: object) -> None:
    rect = QRect(0, 0, 900, 300)
    index = index_of(producer_consumer())
    layout = timeline_layout(rect, LIGHT, index)
    plain, _ = paint(rect, None, producer_consumer())
    chosen, _ = paint(rect, None, producer_consumer(), selected=1)
    changed_rows = {y for y in range(rect.height()) for x in range(0, rect.width(), 3)
                    if plain.pixel(x, y) != chosen.pixel(x, y)}
    info = layout.info
    assert any(info.top() <= y <= info.bottom() for y in changed_rows)  # the words
    view = initial_view(3, index.end_ns, layout.body.width(), layout.body.height(), readable_lane_px(LIGHT))
    lanes_end = layout.body.y() + 3 * view.lane_px
    # below the lanes and above the description nothing changes: no label box hangs into other lanes
    assert not any(lanes_end + 2 <= y < info.top() for y in changed_rows)


def test_tooltips_explain_the_legend_and_switch_marks_on_cpu_lanes(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = TimelinePane()
    qtbot.addWidget(pane)
    pane.resize(900, 300)
    pane.set_timeline(producer_consumer())
    pane.show()
    qtbot.waitExposed(pane)
    legend = pane._layout().legend
    items = legend_items(legend.width(), pane.theme(), legend.topLeft().toPointF())
    lock = next(i for i in items if i.key == ThreadState.WAITING_LOCK)
    where = lock.rect.center().toPoint()
    assert item_at(legend, pane.theme(), where) == ThreadState.WAITING_LOCK
    assert "lock" in pane.tooltip_at(where)
    body, view = pane._layout().body, pane.view()
    on_cpu = QPoint(body.x() + round(view.x_of(300)), body.y() + view.y_of_lane(2) + view.lane_px // 2)
    text = pane.tooltip_at(on_cpu)
    assert "context switch on CPU 0 (blocked)" in text and "cost 20 ns" in text
    html = tooltip_html(text, PROJECTOR.scaled(3.0))
    assert "28.5pt" in html and "&lt;" not in QCoreApplication.translate("Timeline", "x") and "<br>" in html


def test_larger_text_makes_lanes_tall_enough_to_name_every_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = TimelinePane()
    qtbot.addWidget(pane)
    pane.resize(1200, 700)
    pane.set_timeline(producer_consumer())
    pane.show()
    qtbot.waitExposed(pane)
    small = pane.view().lane_px
    pane.set_theme(LIGHT.scaled(3.0))
    assert pane.view().lane_px >= readable_lane_px(LIGHT.scaled(3.0)) > small
    image = QImage(pane.size(), QImage.Format.Format_ARGB32_Premultiplied)
    with fit.collecting() as cut:
        pane.render(image)
    assert not cut, cut


def test_hovering_a_lane_name_tells_it_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    long_name = "Thread-7 (a worker with a very long descriptive name indeed)"
    pane = TimelinePane()
    qtbot.addWidget(pane)
    pane.resize(500, 300)
    pane.set_timeline(make_timeline([long_name, "CPU 0"], [(0, 0, 100, R), (1, 0, 100, R)], end_ns=100))
    pane.show()
    qtbot.waitExposed(pane)
    gutter, view = pane._layout().gutter, pane.view()
    assert pane.tooltip_at(QPoint(gutter.x() + 5, gutter.y() + view.lane_px // 2)) == long_name
    assert pane.tooltip_at(QPoint(gutter.x() + 5, gutter.y() + view.lane_px * 3 // 2)) == "CPU 0"
