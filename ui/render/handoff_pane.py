"""The hand-off pane: driver ⇄ generator, and the baton that carries each value across.

Owns the hand-off model and its drawing. On every send the baton moves into the
generator labelled *sent*; on every yield it comes back labelled *yielded* (never
"return value"). The side that runs has a thick solid border and ▶; the paused side a
dashed border and ⏸. A row of recent hand-offs shows the rhythm of the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

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
    draw_wrapped_words,
    lerp,
    pane_frame,
    title_height,
    with_alpha,
    wrapped_height,
)
from ui.scene import HandOff, Party, Scene, SceneCache, handoff_at, party_state, recent_handoffs
from ui.theme import Theme

translate = QCoreApplication.translate
MIN_SHRINK = 0.7  # a side's name may be set this much smaller before it is cut
ARROW_OFFSET = 0.2  # the send and yield arrows, above and below the middle, as a share of the sides' height
HISTORY = 6
SIDE_LEAST_LINES = 1.8  # a squeezed side keeps this many name lines of height: its name and its state
PILL_LEAST_LINES = 1.15  # a squeezed one-line baton keeps this many lines of its text's height

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
    driver_state: Party = Party.WAITS  # what each side is doing at the playhead
    generator_state: Party = Party.WAITS
    closed: bool = False  # the generator finished because it was closed


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
        h = handoff_at(cache, first)  # the first hand-off to come: its parties, as they are now
        driver, generator = party_state(scene, h.driver_actor), party_state(scene, h.generator_actor)
        return HandoffModel(party_name(h.driver), h.generator, None, False, (), driver, generator)
    history = tuple((_label_kind(h), h.value) for h in recent_handoffs(cache, scene.index, HISTORY))
    if moving and coming is not None:
        h = handoff_at(cache, coming.index)
        start, end = (0.0, 1.0) if h.into_generator else (1.0, 0.0)
        baton: Baton | None = Baton(_label_kind(h), h.value, lerp(start, end, scene.fraction))
        runs = h.into_generator if scene.fraction >= 0.5 else not h.into_generator
        driver = Party.WAITS if runs else Party.RUNS
        generator = Party.RUNS if runs else Party.WAITS
    else:
        assert last is not None
        h = handoff_at(cache, last)
        driver, generator = party_state(scene, h.driver_actor), party_state(scene, h.generator_actor)
        runs = generator is Party.RUNS
        # a generator that has finished (returned, or closed) holds no baton any more
        baton = (
            None if generator is Party.FINISHED else Baton(_label_kind(h), h.value, 1.0 if h.into_generator else 0.0)
        )
    closed = generator is Party.FINISHED and _label_kind(h) == CLOSED
    return HandoffModel(party_name(h.driver), h.generator, baton, runs, history, driver, generator, closed)


def state_text(state: Party, closed: bool = False) -> str:
    """A side's state under its name, with a mark that tells it without colour."""
    if state is Party.RUNS:
        return "▶ " + translate("Panes", "runs")
    if state is Party.NOT_STARTED:
        return "○ " + translate("Panes", "not started")
    if state is Party.FINISHED:
        return "■ " + (translate("Panes", "closed") if closed else translate("Panes", "finished"))
    return "‖ " + translate("Panes", "waits")


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


@dataclass(frozen=True)
class _Geometry:
    """Where the hand-off pane puts its parts, for one model at one width."""

    box_w: float
    box_h: float
    baton_w: float
    baton_h: float
    baton_on_track: bool  # else the baton travels on a row of its own under the two sides


_GEOMETRY: dict[tuple[object, ...], _Geometry] = {}  # a gliding baton keeps its words: measure them once


def _geometry(model: HandoffModel, width: float, theme: Theme) -> _Geometry:
    """Sides wide enough for their names; the baton on the track between them, or under them when too wide."""
    states = (state_text(model.driver_state), state_text(model.generator_state, model.closed))
    text = label_text(model.baton.label_kind, model.baton.value) if model.baton is not None else ""
    key = (model.driver, model.generator, states, text, width, theme.font_scale)
    known = _GEOMETRY.get(key)
    if known is not None:
        return known
    name_fm = QFontMetricsF(body_font(theme, 11.0, bold=True))
    small_fm = QFontMetricsF(body_font(theme, 9.0))
    baton_fm = QFontMetricsF(code_font(theme, 10.5, bold=True))
    inner = max(
        name_fm.horizontalAdvance(model.driver),
        name_fm.horizontalAdvance(model.generator),
        *(small_fm.horizontalAdvance(t) for t in states),
    )
    box_w = min(inner + 24 * theme.font_scale, (width - 24) / 2)  # the baton can go under them
    box_h = name_fm.height() * 3.2
    baton_w = baton_fm.horizontalAdvance(text) + 24 if text else 0.0
    track = width - 2 * box_w - 16
    baton_h = baton_fm.height() * 1.6
    if baton_w > width:  # wider than the pane: the pill takes as many lines as the value needs
        lines = wrapped_height(text, code_font(theme, 10.5, bold=True), max(1.0, width - 24))
        baton_h = lines + baton_fm.height() * 0.6
    geometry = _Geometry(box_w, box_h, min(baton_w, width), baton_h, baton_w <= track)
    if len(_GEOMETRY) > 256:
        _GEOMETRY.clear()
    _GEOMETRY[key] = geometry
    return geometry


def _fitting(font: QFont, text: str, width: float) -> QFont:
    """`font`, or a little smaller (never below MIN_SHRINK of it) when `text` is wider than `width`."""
    needed = QFontMetricsF(font).horizontalAdvance(text)
    if needed <= width:
        return font
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * max(MIN_SHRINK, width / needed * 0.98))
    return smaller


def _squeezed(g: _Geometry, room: float, name_h: float, theme: Theme) -> _Geometry:
    """For a baton under the sides in a short pane: the sides, then a one-line pill's margins, give up
    height (never below a name and a state line, or the pill's text) before the baton is cut."""
    baton_row = g.baton_h + PAD * 0.5
    box_h = max(min(g.box_h, room - baton_row), name_h * SIDE_LEAST_LINES)
    text_h = QFontMetricsF(code_font(theme, 10.5, bold=True)).height()
    baton_h = g.baton_h
    if g.baton_h <= text_h * 1.7 and box_h + baton_row > room:  # one line in the pill: it hugs its text
        baton_h = max(text_h * PILL_LEAST_LINES, room - box_h - PAD * 0.5)
    return replace(g, box_h=box_h, baton_h=baton_h)


def least_height(theme: Theme) -> float:
    """The pane's height for both sides (a name and a state line each) and a one-line baton under them:
    the least at which a narrow pane cuts nothing (`_squeezed` draws it so)."""
    name_h = QFontMetricsF(body_font(theme, 11.0, bold=True)).height()
    text_h = QFontMetricsF(code_font(theme, 10.5, bold=True)).height()
    return title_height(theme) + name_h * SIDE_LEAST_LINES + text_h * PILL_LEAST_LINES + PAD * 1.5 + 2


def needed_height(model: HandoffModel, width: float, theme: Theme) -> float:
    """How tall the pane must be, `width` wide, for both sides and the baton (the history is extra)."""
    if not model.driver:
        return 0.0
    g = _geometry(model, width - 2 * PAD, theme)
    return title_height(theme) + g.box_h + (0.0 if g.baton_on_track else g.baton_h + PAD) + PAD


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
    g = _geometry(model, content.width(), theme)
    box_w = g.box_w
    box_h = min(g.box_h, max(content.height() * 0.45, fm.height() * 2.2))
    if not g.baton_on_track and model.baton is not None:
        g = _squeezed(g, content.height(), fm.height(), theme)
        box_h = min(box_h, g.box_h)
    baton_row = 0.0 if g.baton_on_track else g.baton_h + PAD * 0.5
    history_h = fm.height() * 1.6 if content.height() >= box_h + baton_row + fm.height() * 1.6 + PAD else 0.0
    top = content.top() + max(0.0, (content.height() - history_h - baton_row - box_h) / 2 - 6)
    left_box = QRectF(content.left(), top, box_w, box_h)
    right_box = QRectF(content.right() - box_w, top, box_w, box_h)
    for box, name, state, closed in (
        (left_box, model.driver, model.driver_state, False),
        (right_box, model.generator, model.generator_state, model.closed),
    ):
        runs = state is Party.RUNS
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
            QRectF(box.left() + 4, box.top() + 4, box.width() - 8, box.height() * 0.55),
            name,
            _fitting(name_font, name, box.width() - 8),
            theme.text,
            Qt.AlignmentFlag.AlignCenter,
            essential="handoff",
        )
        draw_text(
            painter,
            QRectF(box.left(), box.top() + box.height() * 0.5, box.width(), box.height() * 0.45),
            state_text(state, closed),
            _fitting(small, state_text(state, closed), box.width() - 8),
            theme.text if runs else theme.text_dim,
            Qt.AlignmentFlag.AlignCenter,
        )
    # The track the baton runs on, with arrows for send (top) and yield (bottom).
    y_mid = top + box_h / 2
    track_left, track_right = left_box.right() + 8, right_box.left() - 8
    label_h = QFontMetricsF(small).height()  # "send()" and "yield" stay within the sides' height
    if track_right - track_left > 24:
        arrow(
            painter,
            QPointF(track_left, y_mid - box_h * ARROW_OFFSET),
            QPointF(track_right, y_mid - box_h * ARROW_OFFSET),
            with_alpha(theme.sent, 0.45),
            1.5,
        )
        arrow(
            painter,
            QPointF(track_right, y_mid + box_h * ARROW_OFFSET),
            QPointF(track_left, y_mid + box_h * ARROW_OFFSET),
            with_alpha(theme.yielded, 0.45),
            1.5,
        )
        draw_text(
            painter,
            QRectF(track_left, y_mid - box_h * ARROW_OFFSET - label_h, track_right - track_left, label_h),
            "send()",
            small,
            theme.text_dim,
            Qt.AlignmentFlag.AlignCenter,
        )
        draw_text(
            painter,
            QRectF(track_left, y_mid + box_h * ARROW_OFFSET, track_right - track_left, label_h),
            "yield",
            small,
            theme.text_dim,
            Qt.AlignmentFlag.AlignCenter,
        )
    if model.baton is not None:
        if g.baton_on_track:
            _draw_baton(painter, model.baton, track_left, track_right, y_mid, g, theme)
        else:  # too wide for the track: it travels under the two sides, from one to the other
            y = left_box.bottom() + PAD * 0.5 + g.baton_h / 2
            _draw_baton(painter, model.baton, content.left(), content.right(), y, g, theme)
    if history_h:
        _draw_history(
            painter,
            QRectF(content.left(), content.bottom() - history_h, content.width(), history_h),
            model.history,
            theme,
        )
    painter.restore()


def _draw_baton(
    painter: QPainter, baton: Baton, left: float, right: float, y: float, g: _Geometry, theme: Theme
) -> None:
    text = label_text(baton.label_kind, baton.value)
    font = code_font(theme, 10.5, bold=True)
    width = min(g.baton_w, max(60.0, right - left))
    height = g.baton_h
    x = lerp(left, right - width, baton.position)
    box = QRectF(x, y - height / 2, width, height)
    colour = theme.yielded if baton.label_kind == YIELDED else theme.sent
    # Sent values are solid pills, yielded ones outlined: the direction reads without colour.
    outlined = baton.label_kind == YIELDED
    radius = min(height, QFontMetricsF(font).height() * 1.6) / 2
    card(painter, box, theme.background if outlined else colour, colour, 2.5, radius=radius)
    pen = colour if outlined else theme.background
    if height > QFontMetricsF(font).height() * 1.7:  # a long value, wrapped inside the pill
        inner = box.adjusted(12, 0, -12, 0)
        text_h = wrapped_height(text, font, inner.width())
        inner = QRectF(inner.left(), inner.center().y() - text_h / 2, inner.width(), text_h)
        draw_wrapped_words(painter, inner, text, font, pen, Qt.AlignmentFlag.AlignHCenter)
        return
    draw_text(painter, box.adjusted(10, 0, -10, 0), text, font, pen, Qt.AlignmentFlag.AlignCenter, essential="handoff")


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
    # the newest hand-offs matter most: when not all fit, the oldest give way
    chips: list[tuple[str, str, float]] = []
    room = rect.right() - x
    for kind, value in reversed(history):
        short = {CLOSED: "close()", STARTED: "send(None)"}.get(kind, value)
        text = ("→ " if kind != YIELDED else "← ") + short
        width = fm.horizontalAdvance(text) + 14
        if width > room:
            break
        chips.insert(0, (kind, text, width))
        room -= width + 6
    for kind, text, width in chips:
        colour = theme.yielded if kind == YIELDED else theme.sent
        chip = QRectF(x, rect.top() + 2, width, rect.height() - 4)
        card(painter, chip, theme.surface, colour, 1.0, radius=(rect.height() - 4) / 2)
        draw_text(painter, chip, text, font, theme.text, Qt.AlignmentFlag.AlignCenter)
        x += width + 6
