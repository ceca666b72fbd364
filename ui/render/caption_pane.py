"""The caption pane: what just happened and why, in a sentence or two, always whole.

Owns drawing the caption (title in bold, explanation below) with the step counter, and
how tall the caption needs to be at a width (the window keeps the pane at least that tall).
When the pane is shorter than that anyway, it gives up the counter line first, then sets the
caption a little smaller (never below MIN_SHRINK of the chosen text size); only then is it cut,
and a fit check hears of it. The words come from ui.captions; this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from ui.captions import Caption, caption_for
from ui.render import fit
from ui.render.common import PAD, body_font, pane_frame, title_height
from ui.scene import Scene, SceneCache
from ui.theme import Theme

translate = QCoreApplication.translate
TITLE_PT, BODY_PT = 13.0, 11.0
GAP = 6.0
MIN_SHRINK = 0.7
_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class CaptionModel:
    caption: Caption
    step: int  # 1-based, as the status line counts
    steps: int


def build_caption_model(scene: Scene, cache: SceneCache) -> CaptionModel:
    """The caption of the event the playhead last passed."""
    return CaptionModel(caption_for(cache, scene.index), scene.index + 1, len(scene.trace))


def _fonts(theme: Theme, shrink: float = 1.0) -> tuple[QFont, QFont]:
    return body_font(theme, TITLE_PT * shrink, bold=True), body_font(theme, BODY_PT * shrink)


def _text_height(caption: Caption, width: float, theme: Theme, shrink: float = 1.0) -> float:
    """Height of the caption's title and body wrapped to `width`."""
    title_font, text_font = _fonts(theme, shrink)
    box = QRectF(0, 0, max(1.0, width), 1e6)
    title = QFontMetricsF(title_font).boundingRect(box, _WRAP, caption.title).height()
    body = QFontMetricsF(text_font).boundingRect(box, _WRAP, caption.body).height() if caption.body else 0.0
    return title + GAP + body


def needed_height(model: CaptionModel, width: float, theme: Theme) -> float:
    """How tall the pane must be, `width` wide, to show this caption whole at the chosen text size."""
    return title_height(theme) + _text_height(model.caption, width - 2 * PAD, theme) + PAD


def draw_caption(painter: QPainter, rect: QRectF, model: CaptionModel, theme: Theme) -> None:
    """Draw the caption pane into `rect`."""
    title = (
        translate("Panes", "What happened")
        + "  · "
        + translate("Panes", "step {i} of {n}").format(i=model.step, n=model.steps)
    )
    content = pane_frame(painter, rect, theme, title)
    caption = model.caption
    if _text_height(caption, content.width(), theme) > content.height():
        # too little room: the words matter more than the step counter above them
        painter.fillRect(rect, theme.background)
        content = rect.adjusted(PAD, PAD * 0.5, -PAD, -PAD * 0.5)
    shrink = 1.0
    while shrink > MIN_SHRINK and _text_height(caption, content.width(), theme, shrink) > content.height():
        shrink = max(MIN_SHRINK, shrink - 0.05)
    if _text_height(caption, content.width(), theme, shrink) > content.height() + 1:
        fit.report("caption", f"{caption.title} {caption.body}".strip(), "", "clipped")
    title_font, text_font = _fonts(theme, shrink)
    painter.setFont(title_font)
    painter.setPen(theme.text)
    used = painter.boundingRect(content, _WRAP, caption.title).height()
    painter.drawText(content, _WRAP, caption.title)
    if caption.body:
        below = QRectF(content.left(), content.top() + used + GAP, content.width(), 1e6)
        painter.setFont(text_font)
        painter.drawText(below, _WRAP, caption.body)

