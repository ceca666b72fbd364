"""Rendering export frames: a hidden copy of the main window (or one of its panes) at the export size.

Owns the export's own MainWindow (never the user's: their window, program and position
stay as they are while an export runs), putting its playhead at each frame's position,
painting it into an image of exactly the export size, and burning the caption in. The
panes are the window's own widgets and render functions; nothing here builds a pane
model. GUI thread only.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from ui import appearance
from ui.export.options import ExportOptions
from ui.fonts import ui_font
from ui.main_window import MainWindow
from ui.render.caption_pane import CaptionModel, draw_caption
from ui.render.code_pane import draw_code
from ui.render.common import draw_wrapped
from ui.render.console_pane import draw_console
from ui.render.handoff_pane import draw_handoff
from ui.render.loop_pane import draw_loop
from ui.scratch_settings import scratch_preferences
from ui.theme import Theme
from ui.widgets.pane_view import DrawFunction, PaneView

# One pane alone: the window's view of it (which holds its current model) and its render function.
PANES: dict[str, tuple[str, DrawFunction]] = {
    "code": ("code_view", draw_code),
    "console": ("console_view", draw_console),
    "handoff": ("handoff_view", draw_handoff),
    "loop": ("loop_view", draw_loop),
    "caption": ("caption_view", draw_caption),
}
CAPTION_REFERENCE_HEIGHT = 720.0  # burned-in captions keep their share of the frame at every size


class ExportWindowSettings:
    """Throw-away settings, so an export never changes the user's preferences (in memory only: ui.scratch_settings)."""

    def __init__(self) -> None:
        self.prefs = scratch_preferences()

    def cleanup(self) -> None:
        """Nothing to remove: the settings were never written (kept for the callers' symmetry)."""


def export_window_like(source: MainWindow) -> tuple[MainWindow, ExportWindowSettings]:
    """A hidden window showing what `source` shows: its trace, theme, text size, speed and layout."""
    settings = ExportWindowSettings()
    prefs = settings.prefs
    prefs.theme, prefs.text_scale, prefs.speed = source.theme_choice, source.text_scale, source.player.speed
    window = MainWindow(prefs, source.translations)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(appearance.palette_for(source.theme))  # the user's window keeps its colours
    window.player.real_time, window.player.dilation = source.player.real_time, source.player.dilation
    trace = source.player.trace
    if trace is not None:
        window.load_trace(trace, source.program, source.program_source, source.program_title)
    for mine, theirs in (
        (window.main_split, source.main_split),
        (window.left, source.left),
        (window.right, source.right),
    ):
        mine.setSizes(theirs.sizes())  # proportions survive the new size: QSplitter rescales them
    return window, settings


class FrameRenderer:
    """Paints the export window (or one pane) at a playhead position into an RGBX image of the export size."""

    def __init__(
        self, window: MainWindow, options: ExportOptions, settings: ExportWindowSettings | None = None
    ) -> None:
        self.window = window
        self.options = options
        self._settings = settings
        self.size = QSize(*options.size)
        self._pane: tuple[PaneView, DrawFunction] | None = None
        if options.content in PANES:
            name, draw = PANES[options.content]
            self._pane = (getattr(window, name), draw)
        if options.content == "panes":
            window.presentation.start(fill_screen=False)
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.show()
        self.layout_size = self.size
        if self._pane is None:
            # The window cannot be smaller than its layout's minimum: lay it out larger, keeping
            # the frame's proportions, and scale the picture down. Asked again after resizing,
            # because the minimum only settles once the window is laid out.
            w, h = options.size
            for _attempt in range(3):
                window.resize(self.layout_size)
                QCoreApplication.sendPostedEvents()  # lay the window out now (posted events only: no user input)
                actual = window.size()
                if actual == self.layout_size:
                    break
                factor = max(actual.width() / w, actual.height() / h)
                self.layout_size = QSize(math.ceil(w * factor), math.ceil(h * factor))

    def render(self, position: float) -> QImage:
        """The frame at `position`: what the window shows there, at exactly the export size."""
        window = self.window
        window.player.seek(position)
        image = QImage(self.layout_size, QImage.Format.Format_RGB32)
        if self._pane is None:
            image.fill(window.theme.background)
            window.render(image)
        else:
            view, draw = self._pane
            painter = QPainter(image)
            try:
                draw(painter, QRectF(image.rect()), view.model, window.theme)
            finally:
                painter.end()
        if image.size() != self.size:
            image = image.scaled(
                self.size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        if self.options.captions and isinstance(window.caption_view.model, CaptionModel):
            burn_in_caption(image, window.caption_view.model, window.theme)
        return image.convertToFormat(QImage.Format.Format_RGBX8888)

    def close(self) -> None:
        """Close the export window and remove its settings."""
        self.window.presentation.stop()
        self.window.close()
        self.window.deleteLater()
        if self._settings is not None:
            self._settings.cleanup()


def pixels(image: QImage) -> np.ndarray:
    """An RGBX8888 image as a (height, width, 4) array of its own (safe to hand to another thread)."""
    h, w = image.height(), image.width()
    rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).reshape(h, image.bytesPerLine())
    return rows[:, : w * 4].reshape(h, w, 4).copy()


def burn_in_caption(image: QImage, model: CaptionModel, theme: Theme) -> None:
    """The caption (title and explanation) on a band across the bottom of the frame."""
    w, h = image.width(), image.height()
    scale = h / CAPTION_REFERENCE_HEIGHT * theme.font_scale
    margin = 0.025 * h
    title_font, body_font = ui_font(15.0, scale, bold=True), ui_font(12.0, scale)
    text_width = w - 2 * margin
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    big = QRectF(0, 0, text_width, h)
    title_h = QFontMetricsF(title_font).boundingRect(big, flags, model.caption.title).height()
    body_h = QFontMetricsF(body_font).boundingRect(big, flags, model.caption.body).height()
    gap = 0.3 * margin
    band_h = min(0.45 * h, title_h + gap + body_h + 2 * margin)
    band = QRectF(0, h - band_h, w, band_h)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(band, theme.surface)  # opaque: the chrome under it would only blur the words
        painter.setPen(QPen(QColor(theme.accent), max(1.0, 0.004 * h)))
        painter.drawLine(band.topLeft(), band.topRight())
        inner = band.adjusted(margin, margin, -margin, -margin)
        used = draw_wrapped(painter, inner, model.caption.title, title_font, theme.text)
        below = inner.adjusted(0, used + gap, 0, 0)
        if below.height() > 0:
            draw_wrapped(painter, below, model.caption.body, body_font, theme.text)
    finally:
        painter.end()
