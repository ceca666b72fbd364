"""The timeline pane driven like a user: wheel zoom, drag pan, keys, rubber band, hover, click, follow."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.timeline_data import producer_consumer
from ui.timeline.pane import TimelinePane


def make_pane(qtbot) -> TimelinePane:
    pane = TimelinePane()
    qtbot.addWidget(pane)
    pane.resize(900, 300)
    pane.set_timeline(producer_consumer())
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def body_point(pane: TimelinePane, t: float, lane: int) -> QPoint:
    body = pane._layout().body
    v = pane.view()
    return QPoint(body.x() + round(v.x_of(t)), body.y() + v.y_of_lane(lane) + v.lane_px // 2)


def wheel(pane: TimelinePane, pos: QPoint, notches: int, mods=Qt.KeyboardModifier.NoModifier) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(pane.mapToGlobal(pos)), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(pane, event)


def test_opens_showing_the_whole_run(qtbot) -> None:
    pane = make_pane(qtbot)
    v = pane.view()
    assert v.t0 <= 0 and v.t1 >= 1000
    assert v.lane_range() == (0, 3)


def test_wheel_zooms_around_the_cursor(qtbot) -> None:
    pane = make_pane(qtbot)
    pos = body_point(pane, 300, 0)
    before = pane.view()
    t_under = before.t_of(pos.x() - pane._layout().body.x())
    wheel(pane, pos, 3)
    after = pane.view()
    assert after.span < before.span / 1.9
    assert abs(after.t_of(pos.x() - pane._layout().body.x()) - t_under) < after.ns_per_px * 1.5
    wheel(pane, pos, -3)
    assert abs(pane.view().span - before.span) < 1e-6 * before.span


def test_drag_pans_and_keys_zoom_and_pan(qtbot) -> None:
    pane = make_pane(qtbot)
    qtbot.keyClick(pane, Qt.Key.Key_W)
    qtbot.keyClick(pane, Qt.Key.Key_W)
    zoomed = pane.view()
    assert zoomed.span < 1000 / 1.5
    start = body_point(pane, 500, 1)
    qtbot.mousePress(pane, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(pane, start + QPoint(-100, 0))
    qtbot.mouseRelease(pane, Qt.MouseButton.LeftButton, pos=start + QPoint(-100, 0))
    panned = pane.view()
    assert panned.t0 > zoomed.t0 and abs(panned.span - zoomed.span) < 1e-6
    qtbot.keyClick(pane, Qt.Key.Key_A)
    assert pane.view().t0 < panned.t0
    qtbot.keyClick(pane, Qt.Key.Key_F)
    assert pane.view().t0 <= 0 and pane.view().t1 >= 1000
    qtbot.keyClick(pane, Qt.Key.Key_Minus)
    assert pane.view().span > 1000


def test_presenter_keys_are_left_to_the_window(qtbot) -> None:
    pane = make_pane(qtbot)
    before = pane.view()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_B):
        qtbot.keyClick(pane, key)
    assert pane.view() == before


def test_rubber_band_zooms_to_the_selection(qtbot) -> None:
    pane = make_pane(qtbot)
    a, b = body_point(pane, 200, 0), body_point(pane, 400, 1)
    qtbot.mousePress(pane, Qt.MouseButton.RightButton, pos=a)
    qtbot.mouseMove(pane, b)
    qtbot.mouseRelease(pane, Qt.MouseButton.RightButton, pos=b)
    v = pane.view()
    assert abs(v.t0 - 200) < 5 and abs(v.t1 - 400) < 5


def test_hover_tells_state_duration_and_reason(qtbot) -> None:
    pane = make_pane(qtbot)
    text = pane.tooltip_at(body_point(pane, 450, 0))
    assert "Thread-1 (producer): blocked on IO" in text
    assert "300 ns" in text  # duration [300, 600)
    assert "blocked" in text.splitlines()[2]  # the switch that started it, with its reason
    assert "woken by an IO completion at 600 ns" in text
    assert pane.tooltip_at(QPoint(2, 2)) == ""


def test_click_selects_a_segment_and_shows_who_woke_it(qtbot) -> None:
    pane = make_pane(qtbot)
    with qtbot.waitSignal(pane.segmentSelected) as sig:
        qtbot.mouseClick(pane, Qt.MouseButton.LeftButton, pos=body_point(pane, 850, 1))
    seg = sig.args[0]
    index = pane.index()
    assert index is not None and seg == pane.selected()
    assert int(index.seg_lane[seg]) == 1 and int(index.seg_start[seg]) == 700
    wake = index.waker_of(seg)
    assert wake is not None and wake.waker == 0 and wake.t == 1000  # the producer releases the lock
    before = pane.grab().toImage()
    qtbot.mouseClick(pane, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # outside the lanes: clears
    assert pane.selected() == -1
    assert pane.grab().toImage() != before


def test_follow_mode_keeps_the_playhead_on_screen(qtbot) -> None:
    pane = make_pane(qtbot)
    for _ in range(4):
        qtbot.keyClick(pane, Qt.Key.Key_W)
    span = pane.view().span
    pane.set_playhead_ns(900)
    assert not pane.view().t0 <= 900 <= pane.view().t1  # not following: the view stays
    qtbot.keyClick(pane, Qt.Key.Key_L)
    assert pane.follow()
    assert pane.view().t0 <= 900 <= pane.view().t1
    pane.set_playhead_ns(100)
    assert pane.view().t0 <= 100 <= pane.view().t1 and abs(pane.view().span - span) < 1e-6
