"""The caption pane: what just happened and why, in a sentence or two.

Owns drawing the caption (title in bold, explanation below) with the step counter.
The words come from ui.captions; this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPainter

from ui.captions import Caption, caption_for
from ui.render.common import body_font, draw_wrapped, pane_frame
from ui.scene import Scene, SceneCache
from ui.theme import Theme

translate = QCoreApplication.translate


@dataclass(frozen=True)
class CaptionModel:
    caption: Caption
    step: int  # 1-based, as the status line counts
    steps: int


def build_caption_model(scene: Scene, cache: SceneCache) -> CaptionModel:
    """The caption of the event the playhead last passed."""
    return CaptionModel(caption_for(cache, scene.index), scene.index + 1, len(scene.trace))


def draw_caption(painter: QPainter, rect: QRectF, model: CaptionModel, theme: Theme) -> None:
    """Draw the caption pane into `rect`."""
    title = (
        translate("Panes", "What happened")
        + "  · "
        + translate("Panes", "step {i} of {n}").format(i=model.step, n=model.steps)
    )
    content = pane_frame(painter, rect, theme, title)
    used = draw_wrapped(painter, content, model.caption.title, body_font(theme, 13.0, bold=True), theme.text)
    below = QRectF(content.left(), content.top() + used + 6, content.width(), max(0.0, content.height() - used - 6))
    draw_wrapped(painter, below, model.caption.body, body_font(theme, 11.0), theme.text)
