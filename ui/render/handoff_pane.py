"""The hand-off pane: driver ⇄ generator, and the baton that carries each value across.

Owns the hand-off model and its drawing. On every send the baton moves into the
generator labelled *sent*; on every yield it comes back labelled *yielded* (never
"return value"). The side that runs has a thick solid border and ▶; the paused side a
dashed border and ⏸. A row of recent hand-offs shows the rhythm of the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from simulator.kinds import EventKind, ResumeHow
from ui.navigation import StepUnit
from ui.render.common import (
    PAD,
    arrow,
    body_font,
    card,
    centered_message,
    code_font,
    draw_text,
    lerp,
    pane_frame,
    with_alpha,
)
from ui.scene import HandOff, Scene, SceneCache, handoff_at, recent_handoffs
from ui.theme import Theme

translate = QCoreApplication.translate
HISTORY = 6

SENT, YIELDED, CLOSED, THROWN, STARTED = "sent", "yielded", "closed", "thrown", "started"


@dataclass(frozen=True)
class Baton:
    label_kind: str  # sent / yielded / closed / thrown / started
    value: str
    position: float  # 0 = at the driver (left), 1 = at the generator (right)


@dataclass(frozen=True)
class HandoffModel:
    """What the hand-off pane shows; `driver` is empty when the program has no hand-off."""

    driver: str
    generator: str
    baton: Baton | None
    generator_runs: bool  # who holds control right now
    history: tuple[tuple[str, str], ...]  # (label kind, value), oldest first


def _label_kind(h: HandOff) -> str:
    if h.kind is EventKind.YIELD:
        return YIELDED
    if h.kind is EventKind.CALL:
        return STARTED
    return {int(ResumeHow.CLOSE): CLOSED, int(ResumeHow.THROW): THROWN}.get(h.how, SENT)


def party_name(name: str) -> str:
    """A hand-off party as the user reads it: the scene's "?" is the event loop."""
    return name if name != "?" else translate("Panes", "event loop")


def build_handoff_model(scene: Scene, cache: SceneCache) -> HandoffModel:
    """The hand-off pane's model at this scene."""
    nav = scene.navigation
    last = nav.last_at_or_before(StepUnit.HANDOFF, scene.index)
    coming = scene.coming
    moving = coming is not None and nav.last_at_or_before(StepUnit.HANDOFF, coming.index) == coming.index
    if last is None and not moving:
        first = nav.next_index(StepUnit.HANDOFF, scene.index)
        if first is None:
            return HandoffModel("", "", None, False, ())
        h = handoff_at(cache, first)
        return HandoffModel(party_name(h.driver), h.generator, None, False, ())
    history = tuple((_label_kind(h), h.value) for h in recent_handoffs(cache, scene.index, HISTORY))
    if moving and coming is not None:
        h = handoff_at(cache, coming.index)
        start, end = (0.0, 1.0) if h.into_generator else (1.0, 0.0)
        baton = Baton(_label_kind(h), h.value, lerp(start, end, scene.fraction))
        runs = h.into_generator if scene.fraction >= 0.5 else not h.into_generator
    else:
        assert last is not None
        h = handoff_at(cache, last)
        baton = Baton(_label_kind(h), h.value, 1.0 if h.into_generator else 0.0)
        stack = scene.snapshot.stack
        runs = bool(stack) and stack[-1].actor == h.generator_actor
    return HandoffModel(party_name(h.driver), h.generator, baton, runs, history)


def label_text(kind: str, value: str) -> str:
    """The baton's words: what travels and which way."""
    if kind == YIELDED:
        return translate("Panes", "yielded {value}").format(value=value)
    if kind == CLOSED:
        return translate("Panes", "close() → GeneratorExit")
    if kind == THROWN:
        return translate("Panes", "thrown {value}").format(value=value)
    if kind == STARTED:
        return translate("Panes", "sent None (start)")
    return translate("Panes", "sent {value}").format(value=value)


def draw_handoff(painter: QPainter, rect: QRectF, model: HandoffModel, theme: Theme) -> None:
    """Draw the hand-off pane into `rect`."""
    content = pane_frame(painter, rect, theme, translate("Panes", "Hand-off"))
    if not model.driver:
        centered_message(
            painter,
            content,
            translate("Panes", "No hand-off in this program: no generator or coroutine is sent to or yields."),
            theme,
        )
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    name_font = body_font(theme, 11.0, bold=True)
    small = body_font(theme, 9.0)
    fm = QFontMetricsF(name_font)
    box_w = min(
        content.width() * 0.3, max(fm.horizontalAdvance(model.driver), fm.horizontalAdvance(model.generator)) + 60
    )
    box_h = min(content.height() * 0.45, fm.height() * 3.2)
    history_h = fm.height() * 1.6 if content.height() > box_h * 2 else 0.0
    top = content.top() + max(0.0, (content.height() - history_h - box_h) / 2 - 6)
    left_box = QRectF(content.left(), top, box_w, box_h)
    right_box = QRectF(content.right() - box_w, top, box_w, box_h)
    for box, name, runs in (
        (left_box, model.driver, not model.generator_runs),
        (right_box, model.generator, model.generator_runs),
    ):
        card(
            painter,
            box,
            with_alpha(theme.running, 0.12) if runs else theme.surface,
            theme.running if runs else theme.suspended,
            3.0 if runs else 1.2,
            dashed=not runs,
            radius=8,
        )
        draw_text(
            painter,
            QRectF(box.left(), box.top() + 4, box.width(), box.height() * 0.55),
            name,
            name_font,
            theme.text,
            Qt.AlignmentFlag.AlignCenter,
        )
        state = ("▶ " + translate("Panes", "runs")) if runs else ("‖ " + translate("Panes", "waits"))
        draw_text(
            painter,
            QRectF(box.left(), box.top() + box.height() * 0.5, box.width(), box.height() * 0.45),
            state,
            small,
            theme.text if runs else theme.text_dim,
            Qt.AlignmentFlag.AlignCenter,
        )
    # The track the baton runs on, with arrows for send (top) and yield (bottom).
    y_mid = top + box_h / 2
    track_left, track_right = left_box.right() + 8, right_box.left() - 8
    arrow(
        painter,
        QPointF(track_left, y_mid - box_h * 0.28),
        QPointF(track_right, y_mid - box_h * 0.28),
        with_alpha(theme.sent, 0.45),
        1.5,
    )
    arrow(
        painter,
        QPointF(track_right, y_mid + box_h * 0.28),
        QPointF(track_left, y_mid + box_h * 0.28),
        with_alpha(theme.yielded, 0.45),
        1.5,
    )
    draw_text(
        painter,
        QRectF(track_left, y_mid - box_h * 0.28 - fm.height(), track_right - track_left, fm.height()),
        "send()",
        small,
        theme.text_dim,
        Qt.AlignmentFlag.AlignCenter,
    )
    draw_text(
        painter,
        QRectF(track_left, y_mid + box_h * 0.28, track_right - track_left, fm.height()),
        "yield",
        small,
        theme.text_dim,
        Qt.AlignmentFlag.AlignCenter,
    )
    if model.baton is not None:
        _draw_baton(painter, model.baton, track_left, track_right, y_mid, theme)
    if history_h:
        _draw_history(
            painter,
            QRectF(content.left(), content.bottom() - history_h, content.width(), history_h),
            model.history,
            theme,
        )
    painter.restore()


def _draw_baton(painter: QPainter, baton: Baton, left: float, right: float, y: float, theme: Theme) -> None:
    text = label_text(baton.label_kind, baton.value)
    font = code_font(theme, 10.5, bold=True)
    fm = QFontMetricsF(font)
    width = min(fm.horizontalAdvance(text) + 24, max(60.0, right - left))
    height = fm.height() * 1.6
    x = lerp(left, right - width, baton.position)
    box = QRectF(x, y - height / 2, width, height)
    colour = theme.yielded if baton.label_kind == YIELDED else theme.sent
    # Sent values are solid pills, yielded ones outlined: the direction reads without colour.
    outlined = baton.label_kind == YIELDED
    card(painter, box, theme.background if outlined else colour, colour, 2.5, radius=height / 2)
    draw_text(
        painter,
        box.adjusted(10, 0, -10, 0),
        text,
        font,
        colour if outlined else theme.background,
        Qt.AlignmentFlag.AlignCenter,
    )


def _draw_history(painter: QPainter, rect: QRectF, history: tuple[tuple[str, str], ...], theme: Theme) -> None:
    if not history:
        return
    font = code_font(theme, 9.0)
    fm = QFontMetricsF(font)
    x = rect.left()
    label, label_font = translate("Panes", "so far:"), body_font(theme, 9.0)
    label_width = QFontMetricsF(label_font).horizontalAdvance(label)
    draw_text(painter, QRectF(x, rect.top(), label_width + 1, rect.height()), label, label_font, theme.text_dim)
    x += label_width + PAD
    for kind, value in history:
        short = {CLOSED: "close()", STARTED: "send(None)"}.get(kind, value)
        text = ("→ " if kind != YIELDED else "← ") + short
        width = fm.horizontalAdvance(text) + 14
        if x + width > rect.right():
            break
        colour = theme.yielded if kind == YIELDED else theme.sent
        chip = QRectF(x, rect.top() + 2, width, rect.height() - 4)
        card(painter, chip, theme.surface, colour, 1.0, radius=(rect.height() - 4) / 2)
        draw_text(painter, chip, text, font, theme.text, Qt.AlignmentFlag.AlignCenter)
        x += width + 6
