"""Presentation mode in the real window: F5 / Esc, the blank screen, text size, presenter-remote keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from simulator.trace import Trace
from ui.app import build_window
from ui.i18n import ENGLISH
from ui.main_window import MainWindow
from ui.render.caption_pane import draw_caption
from ui.settings import Preferences

MIDDLE = 20  # a step with events on both sides


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, seed_program: Path) -> Iterator[MainWindow]:
    w = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(w)
    w.player.animate_steps = False
    w.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    w.resize(700, 500)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def key(qtbot, widget: QWidget, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, k, modifier)
    window = widget.window()
    assert isinstance(window, MainWindow)
    window.player.finish_motion()


def test_f5_presents_full_screen_without_chrome_and_esc_puts_everything_back(qtbot, window: MainWindow) -> None:
    before = window.size()
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert window.presentation.presenting and window.actions_["present"].isChecked()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.transport.isVisible()
    assert all(pane.isVisible() for pane in window.panes if pane is not window.loop_view)
    assert window.side_tabs.isVisible()
    qtbot.waitUntil(lambda: window.height() == window.screen().size().height(), timeout=2000)
    key(qtbot, window.code_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert not window.presentation.presenting and not window.actions_["present"].isChecked()
    assert window.menuBar().isVisible() and window.statusBar().isVisible() and window.transport.isVisible()
    assert window.size() == before
    assert not window.actions_["leave"].isEnabled()  # Esc is free again for everything else


def test_f11_is_full_screen_with_the_chrome_and_esc_leaves_it(qtbot, window: MainWindow) -> None:
    key(qtbot, window.code_view, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert window.menuBar().isVisible() and not window.presentation.presenting
    key(qtbot, window.code_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert not window.actions_["full_screen"].isChecked()


def centre_pixel(window: MainWindow) -> int:
    image = window.grab().toImage()
    return image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF


@pytest.mark.parametrize("blank_key", [Qt.Key.Key_B, Qt.Key.Key_Period])
def test_b_or_dot_blanks_the_screen_and_brings_it_back(qtbot, window: MainWindow, blank_key: Qt.Key) -> None:
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    assert centre_pixel(window) != 0x000000
    key(qtbot, window.code_view, blank_key)
    assert window.presentation.blanked and centre_pixel(window) == 0x000000
    image = window.grab().toImage()
    assert image.pixel(5, 5) & 0xFFFFFF == 0 and image.pixel(image.width() - 5, image.height() - 5) & 0xFFFFFF == 0
    key(qtbot, window.code_view, Qt.Key.Key_Right)  # the remote still steps behind the black screen
    assert window.player.event_index == 1
    key(qtbot, window.code_view, blank_key)
    assert not window.presentation.blanked and centre_pixel(window) != 0x000000
    key(qtbot, window.code_view, Qt.Key.Key_B)
    key(qtbot, window.code_view, Qt.Key.Key_Escape)
    assert not window.presentation.blanked  # leaving the presentation never leaves the room in the dark


def ink_height_of_first_line(model: object, theme: object) -> int:
    """Pixel rows of the caption pane's first line of text (its title), drawn into a QImage."""
    image = QImage(1400, 500, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    draw_caption(painter, QRectF(0, 0, 1400, 500), model, theme)  # type: ignore[arg-type]
    painter.end()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(500, 1400) & 0xFFFFFF
    inked = (pixels != pixels[0, 0]).any(axis=1)
    rows = np.flatnonzero(inked)
    first = rows[0]
    gap = np.flatnonzero(~inked[first:])
    return int(gap[0])


def test_one_control_scales_every_text_and_is_remembered(qtbot, window: MainWindow, prefs: Preferences) -> None:
    normal = ink_height_of_first_line(window.caption_view.model, window.caption_view.theme)
    for _ in range(3):  # 100 % -> 125 % -> 150 % -> 200 %
        key(qtbot, window.code_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.text_scale == 2.0 and prefs.text_scale == 2.0
    assert all(pane.theme.font_scale == 2.0 for pane in window.panes)
    large = ink_height_of_first_line(window.caption_view.model, window.caption_view.theme)
    assert 1.7 < large / normal < 2.3, (normal, large)
    checked = [a.text() for a in window.actions_.text_scale_group.actions() if a.isChecked()]
    assert checked == ["200 %"]
    again = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(again)
    assert again.theme.font_scale == 2.0
    again.close()
    key(qtbot, window.code_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.text_scale == 1.5
    for _ in range(6):
        key(qtbot, window.code_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.text_scale == 1.0  # never below 1x


def test_the_side_views_follow_the_text_size(qtbot, window: MainWindow) -> None:
    from ui.compare.compare_view import CompareView
    from ui.timeline.pane import TimelinePane

    window.set_text_scale(3.0)
    timeline = window.findChild(TimelinePane)
    compare = window.findChild(CompareView)
    assert timeline is not None and timeline.theme().font_scale == 3.0
    assert compare is not None and compare.metrics._theme.font_scale == 3.0
    # the tab titles follow the text size as far as they all fit (the offscreen window is narrow)
    bar = window.side_tabs.tabBar()
    assert 10.0 <= bar.font().pointSizeF() < 30.0
    assert sum(bar.tabSizeHint(i).width() for i in range(bar.count())) <= window.side_tabs.width()
    # with room for every title (the side views are four tabs now), they take the text size whole
    window.resize(3000, 900)
    window.set_text_scale(1.5)
    qtbot.waitUntil(lambda: bar.font().pointSizeF() == pytest.approx(15.0), timeout=2000)


def test_side_tabs_take_short_titles_before_small_type(qtbot, window: MainWindow) -> None:
    bar = window.side_tabs.tabBar()
    titles = lambda: [bar.tabText(i) for i in range(bar.count())]  # noqa: E731
    window.resize(1920, 1080)
    window.set_text_scale(3.0)
    # at 3x the five full titles do not fit beside the hand-off: short ones at (nearly) the text size do
    qtbot.waitUntil(lambda: "Timeline" in titles(), timeout=2000)
    assert bar.font().pointSizeF() >= 25.0
    assert sum(bar.tabSizeHint(i).width() for i in range(bar.count())) <= window.side_tabs.width()
    at = titles().index("Timeline")
    assert bar.tabToolTip(at) == "Thread timeline"  # the full name, a hover away
    window.set_text_scale(1.0)  # room again: the full titles come back
    qtbot.waitUntil(lambda: "Thread timeline" in titles(), timeout=2000)


def test_the_projector_theme_while_presenting_when_chosen(qtbot, window: MainWindow, prefs: Preferences) -> None:
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    assert window.theme.name == "light"  # not chosen: presenting keeps the user's colours
    key(qtbot, window.code_view, Qt.Key.Key_Escape)
    window.actions_["projector_presenting"].trigger()
    assert prefs.projector_when_presenting
    window.set_text_scale(1.5)
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    assert window.theme.name == "projector" and window.caption_view.theme.name == "projector"
    assert window.theme.font_scale == 1.5
    key(qtbot, window.code_view, Qt.Key.Key_Escape)
    assert window.theme.name == "light" and prefs.theme == "light"


def test_the_screen_menu_lists_the_screens(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    screens = QGuiApplication.screens()
    entries = window.actions_.screen_group.actions()
    assert [a.data() for a in entries] == [s.name() for s in screens]
    assert window.screen_menu.isEnabled() == (len(screens) > 1)
    window.prefs.present_screen = "a projector that was unplugged"
    assert window.presentation.chosen_screen() is window.screen()


def focus_targets(window: MainWindow) -> dict[str, QWidget]:
    from ui.timeline.pane import TimelinePane

    timeline = window.findChild(TimelinePane)
    assert timeline is not None
    return {
        "code pane": window.code_view,
        "console": window.console_view,
        "speed slider": window.transport.speed,
        "timeline": timeline,
    }


FORWARD = [Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space]
BACK = [Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace]


@pytest.mark.parametrize("target", ["code pane", "console", "speed slider", "timeline"])
def test_presenter_remote_keys_win_over_the_focused_widget(qtbot, window: MainWindow, target: str) -> None:
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    widget = focus_targets(window)[target]
    if target == "timeline":
        window.side_tabs.setCurrentWidget(widget)
    widget.setFocus()
    slider_before = window.transport.speed.value()
    for forward, back in zip(FORWARD, BACK, strict=True):
        window.player.seek(MIDDLE)
        key(qtbot, widget, forward)
        assert window.player.position > MIDDLE, forward
        assert not window.player.playing  # Space is "next" on a remote, not play
        window.player.seek(MIDDLE)
        key(qtbot, widget, back)
        assert window.player.position < MIDDLE, back
    assert window.transport.speed.value() == slider_before


def test_space_plays_again_after_presenting(qtbot, window: MainWindow) -> None:
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    key(qtbot, window.code_view, Qt.Key.Key_Escape)
    qtbot.keyClick(window.code_view, Qt.Key.Key_Space)
    assert window.player.playing
    qtbot.keyClick(window.code_view, Qt.Key.Key_P)
    assert not window.player.playing


def test_a_text_field_keeps_its_editing_keys_unless_presenting(qtbot, window: MainWindow) -> None:
    field = QDoubleSpinBox(window)
    field.setValue(12.5)
    field.show()
    field.setFocus()
    field.selectAll()
    field.lineEdit().setCursorPosition(len(field.lineEdit().text()))
    text = field.lineEdit().text()
    window.player.seek(MIDDLE)
    key(qtbot, field, Qt.Key.Key_Backspace)
    assert window.player.event_index == MIDDLE and field.lineEdit().text() == text[:-1]
    key(qtbot, window.code_view, Qt.Key.Key_F5)
    field.setFocus()
    key(qtbot, field, Qt.Key.Key_Backspace)
    assert window.player.position < MIDDLE
