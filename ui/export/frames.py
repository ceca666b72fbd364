"""Rendering export frames: a hidden copy of the main window (or one of its panes) at the export size.

Owns the export's own MainWindow (never the user's: their window, program and position
stay as they are while an export runs), putting its playhead at each frame's position,
painting it into an image of exactly the export size, and the burned-in caption band.
The frame is laid out top to bottom: the window (without its menu bar, which says
nothing in a video) or the pane above, the caption band below, so the band never
covers a pane (the console's last line stays in view). The panes are the window's own
widgets and render functions; nothing here builds a pane model. GUI thread only.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from ui import appearance
from ui.export.options import ExportOptions
from ui.fonts import ui_font
from ui.main_window import MainWindow
from ui.render import fit
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
CAPTION_BODY_LINES = 2  # the band has room for a one-line title and this many lines of explanation
CAPTION_MAX_SHARE = 0.3  # of the frame's height, at most
CAPTION_MIN_SHRINK = 0.6  # a longer caption is set smaller, down to this, before anything is cut


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
        w, h = options.size
        # the caption band sits below the content, its height fixed for the whole export (no jumping panes)
        self.band_height = caption_band_height(w, h, window.theme) if options.captions else 0
        self.content_size = QSize(w, h - self.band_height)
        self._pane: tuple[PaneView, DrawFunction] | None = None
        if options.content in PANES:
            name, draw = PANES[options.content]
            self._pane = (getattr(window, name), draw)
        if options.content == "panes":
            window.presentation.start(fill_screen=False)
        window.menuBar().hide()  # menus say nothing in a video (presenting hides them too)
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.show()
        self.layout_size = self.content_size
        if self._pane is None:
            # The window cannot be smaller than its layout's minimum: lay it out larger, keeping
            # the content's proportions, and scale the picture down. Asked again after resizing,
            # because the minimum only settles once the window is laid out.
            cw, ch = self.content_size.width(), self.content_size.height()
            for _attempt in range(3):
                window.resize(self.layout_size)
                QCoreApplication.sendPostedEvents()  # lay the window out now (posted events only: no user input)
                actual = window.size()
                if actual == self.layout_size:
                    break
                factor = max(actual.width() / cw, actual.height() / ch)
                self.layout_size = QSize(math.ceil(cw * factor), math.ceil(ch * factor))

    def content_rect(self) -> QRect:
        """Where the window (or pane) goes in a frame: everything above the caption band."""
        return QRect(0, 0, self.content_size.width(), self.content_size.height())

    def band_rect(self) -> QRect:
        """Where the caption band goes in a frame (empty without captions)."""
        return QRect(0, self.content_size.height(), self.size.width(), self.band_height)

    def render(self, position: float) -> QImage:
        """The frame at `position`: what the window shows there, at exactly the export size."""
        window = self.window
        window.player.seek(position)
        content = QImage(self.layout_size, QImage.Format.Format_RGB32)
        if self._pane is None:
            content.fill(window.theme.background)
            window.render(content)
        else:
            view, draw = self._pane
            painter = QPainter(content)
            try:
                draw(painter, QRectF(content.rect()), view.model, window.theme)
            finally:
                painter.end()
        if content.size() != self.content_size:
            content = content.scaled(
                self.content_size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        if self.band_height == 0:
            return content.convertToFormat(QImage.Format.Format_RGBX8888)
        image = QImage(self.size, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        try:
            painter.drawImage(0, 0, content)
            model = window.caption_view.model
            if isinstance(model, CaptionModel):
                draw_caption_band(painter, QRectF(self.band_rect()), model, window.theme, image.height())
            else:
                painter.fillRect(self.band_rect(), window.theme.surface)
        finally:
            painter.end()
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


def _caption_fonts(frame_height: int, theme: Theme, shrink: float = 1.0) -> tuple[QFont, QFont, float]:
    """Title font, body font and margin of a band in a frame `frame_height` tall."""
    # the band is already large print at 1x: it grows with the text scale, but less (3x text: 1.7x band)
    scale = frame_height / CAPTION_REFERENCE_HEIGHT * theme.font_scale**0.5 * shrink
    return ui_font(15.0, scale, bold=True), ui_font(12.0, scale), 0.025 * frame_height


def caption_band_height(width: int, height: int, theme: Theme) -> int:
    """The band's height: a title line and CAPTION_BODY_LINES of explanation, at most CAPTION_MAX_SHARE of the frame."""
    title_font, body_font, margin = _caption_fonts(height, theme)
    title_h = QFontMetricsF(title_font).lineSpacing()
    body_h = QFontMetricsF(body_font).lineSpacing() * CAPTION_BODY_LINES
    return min(int(CAPTION_MAX_SHARE * height), math.ceil(title_h + 0.3 * margin + body_h + 2 * margin))


def draw_caption_band(painter: QPainter, band: QRectF, model: CaptionModel, theme: Theme, frame_height: int) -> None:
    """The caption (title and explanation) in its band; a long one is set smaller so all of it shows."""
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    shrink = 1.0
    while True:
        title_font, body_font, margin = _caption_fonts(frame_height, theme, shrink)
        inner = band.adjusted(margin, margin, -margin, -margin)
        tall = QRectF(0, 0, inner.width(), 1e6)
        title_h = QFontMetricsF(title_font).boundingRect(tall, flags, model.caption.title).height()
        body_h = QFontMetricsF(body_font).boundingRect(tall, flags, model.caption.body).height()
        gap = 0.3 * margin
        if title_h + gap + body_h <= inner.height() or shrink <= CAPTION_MIN_SHRINK:
            break
        shrink = max(CAPTION_MIN_SHRINK, shrink - 0.05)
    if title_h + gap + body_h > inner.height() + 1:
        fit.report("caption", model.caption.body, "", "clipped")
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(band, theme.surface)
    rule = max(1.0, 0.004 * frame_height)
    painter.setClipRect(band)  # the rule on top stays inside the band: the pane above keeps its last row
    painter.setPen(QPen(QColor(theme.accent), rule))
    painter.drawLine(QPointF(band.left(), band.top() + rule / 2), QPointF(band.right(), band.top() + rule / 2))
    used = draw_wrapped(painter, inner, model.caption.title, title_font, theme.text)
    below = inner.adjusted(0, used + gap, 0, 0)
    if below.height() > 0:
        draw_wrapped(painter, below, model.caption.body, body_font, theme.text)
    painter.restore()
