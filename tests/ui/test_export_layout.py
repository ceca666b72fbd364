"""An exported frame's layout: the caption band below the panes (never over one), no menu bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect

from simulator.trace import Trace
from ui.export.frames import FrameRenderer, export_window_like, pixels
from ui.export.options import ExportOptions, Format
from ui.main_window import MainWindow
from ui.render import fit
from ui.settings import Preferences

SIZE = (1280, 720)


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, seed_program: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    w.apply_theme("light")
    w.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    yield w


def renderer(
    window: MainWindow, captions: bool, size: tuple[int, int] = SIZE, content: str = "window"
) -> FrameRenderer:
    options = ExportOptions(Path("x.png"), Format.PNG, size, captions=captions, content=content)
    export_window, settings = export_window_like(window)
    return FrameRenderer(export_window, options, settings)


def frame_rect(r: FrameRenderer, widget_rect: QRect, widget: object) -> QRect:
    """A widget's rectangle in the frame (the window is laid out at layout_size, scaled to content_size)."""
    top_left = widget.mapTo(r.window, QPoint(0, 0))  # type: ignore[attr-defined]
    sx = r.content_size.width() / r.layout_size.width()
    sy = r.content_size.height() / r.layout_size.height()
    return QRect(round(top_left.x() * sx), round(top_left.y() * sy),
                 round(widget_rect.width() * sx), round(widget_rect.height() * sy))


def test_the_caption_band_lies_below_every_pane(window: MainWindow) -> None:
    r = renderer(window, captions=True)
    try:
        last = len(window.player.trace) - 1  # type: ignore[arg-type]
        with fit.collecting() as cut:
            image = r.render(last)
        band = r.band_rect()
        assert band.height() > 0 and band.bottom() == SIZE[1] - 1 and band.top() == r.content_size.height()
        panes = [v for v in r.window.panes if v.isVisible()]
        assert r.window.console_view in panes
        for view in panes:
            where = frame_rect(r, view.rect(), view)
            assert where.bottom() < band.top(), f"{type(view).__name__} reaches into the caption band"
        assert not r.window.menuBar().isVisible()
        assert not [m for m in cut if m.pane == "caption"], cut  # the whole caption fits its band
        frame = pixels(image)[:, :, :3]
        surface = r.window.theme.surface
        band_pixels = frame[band.top() + 2 : band.bottom(), :, :]
        assert (np.abs(band_pixels.astype(int) - [surface.red(), surface.green(), surface.blue()]).sum(axis=2)
                < 10).mean() > 0.5  # the band is the band colour (with the words on it)
    finally:
        r.close()


def test_the_panes_above_the_band_are_the_window_uncovered(window: MainWindow) -> None:
    """What lies above the band is exactly the window rendered at that size: nothing drawn over the console."""
    last = len(window.player.trace) - 1  # type: ignore[arg-type]
    with_band = renderer(window, captions=True)
    try:
        framed = pixels(with_band.render(last))
        content = with_band.content_size
    finally:
        with_band.close()
    alone = renderer(window, captions=False, size=(content.width(), content.height()))
    try:
        plain = pixels(alone.render(last))
    finally:
        alone.close()
    top = framed[: content.height()].astype(int)
    assert top.shape == plain.shape
    assert (np.abs(top - plain) > 8).any(axis=2).mean() < 0.001


def test_a_single_pane_export_keeps_its_band_below_it(window: MainWindow) -> None:
    r = renderer(window, captions=True, content="console")
    try:
        image = pixels(r.render(len(window.player.trace) - 1))  # type: ignore[arg-type]
        band = r.band_rect()
        console_bg = r.window.theme.background
        # the console pane's own background reaches the band's top edge, and not further
        above = image[band.top() - 3, 5, :3].astype(int)
        assert np.abs(above - [console_bg.red(), console_bg.green(), console_bg.blue()]).sum() < 30
        assert r.content_size.height() + r.band_height == SIZE[1]
    finally:
        r.close()
