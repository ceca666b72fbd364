"""The message-loop pane: the loop turning, the ready queue, the IO side, completions coming back.

Owns the loop model (from `simulator.loop.state.loop_snapshot_at`) and its drawing:
a wheel that turns once per loop iteration, the handler running now, ready handles as
cards, requests in flight on the IO side with a bar for their remaining latency, and
completion messages flying back into the queue. Shapes tell state: in-flight requests
are outlined, completions solid, the running handler thick-bordered.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from simulator.kinds import EventKind
from simulator.loop.snapshot import LoopSnapshot
from simulator.trace import Trace
from ui.navigation import StepUnit
from ui.render.common import (
    PAD,
    arrow,
    body_font,
    card,
    centered_message,
    code_font,
    draw_text,
    draw_wrapped,
    fits_one_line,
    lerp,
    pane_frame,
    with_alpha,
)
from ui.scene import Scene
from ui.theme import Theme

translate = QCoreApplication.translate
MAX_CARDS = 12


@dataclass(frozen=True)
class LoopModel:
    """What the loop pane shows; `loop` is None when the program has no message loop."""

    loop: LoopSnapshot | None
    turn: float  # iterations so far, fractional while the next turn is coming
    now_ns: float
    flying: str  # what a completion arriving right now says ("" when none)
    flying_progress: float


_LAST_LOOP: list[tuple[Trace, int, LoopSnapshot]] = []  # a step is painted over many frames


def _loop_snapshot(trace: Trace, index: int, compute: Callable[[Trace, int], LoopSnapshot]) -> LoopSnapshot:
    if _LAST_LOOP and _LAST_LOOP[0][0] is trace and _LAST_LOOP[0][1] == index:
        return _LAST_LOOP[0][2]
    loop = compute(trace, index)
    _LAST_LOOP[:] = [(trace, index, loop)]
    return loop


def build_loop_model(scene: Scene) -> LoopModel:
    """The loop pane's model at this scene (no loop: a model that says so)."""
    if not scene.navigation.has(StepUnit.LOOP) and not scene.navigation.by_unit[StepUnit.IO]:
        return LoopModel(None, 0.0, 0.0, "", 0.0)
    from simulator.loop.state import loop_snapshot_at  # the loop engine's module; absent in very old checkouts

    loop = _loop_snapshot(scene.trace, scene.index, loop_snapshot_at)
    coming = scene.coming
    turn = float(loop.iteration)
    now = float(loop.now_ns)
    flying, progress = "", 0.0
    if coming is not None:
        now = lerp(now, float(coming.t), scene.fraction)
        if coming.kind is EventKind.LOOP_TICK:
            turn += scene.fraction
        elif coming.kind is EventKind.IO_COMPLETE:
            flying = coming.text or (coming.data or {}).get("what", "") or translate("Panes", "IO complete")
            progress = scene.fraction
    return LoopModel(loop, turn, now, flying, progress)


def _ms(ns: float) -> str:
    return translate("Panes", "{ms} ms").format(ms=f"{ns / 1e6:.1f}")


def _channel_name(channel: str) -> str:
    return {
        "network": translate("Panes", "network"),
        "disk": translate("Panes", "disk"),
        "timer": translate("Panes", "timer"),
        "executor": translate("Panes", "thread pool"),
    }.get(channel, channel)


def draw_loop(painter: QPainter, rect: QRectF, model: LoopModel, theme: Theme) -> None:
    """Draw the message-loop pane into `rect`."""
    content = pane_frame(painter, rect, theme, translate("Panes", "Message loop"))
    loop = model.loop
    if loop is None:
        centered_message(
            painter,
            content,
            translate(
                "Panes",
                "This program has no message loop. Open an asyncio scenario from the Scenarios menu to see one.",
            ),
            theme,
        )
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = body_font(theme, 9.0)
    bold = body_font(theme, 9.5, bold=True)
    mono = code_font(theme, 9.0)
    row = QFontMetricsF(small).height() * 1.5
    wheel_w = min(content.width() * 0.22, content.height() * 0.75)
    io_w = content.width() * 0.34
    queue_rect = QRectF(
        content.left() + wheel_w + PAD, content.top(), content.width() - wheel_w - io_w - 2 * PAD, content.height()
    )
    io_rect = QRectF(content.right() - io_w, content.top(), io_w, content.height())
    # The wheel: one full turn per loop iteration; the arrow marks where the loop is in its turn.
    r = wheel_w * 0.36
    centre = QPointF(content.left() + wheel_w / 2, content.top() + r + row)
    painter.setPen(QPen(theme.grid, 3))
    painter.drawEllipse(centre, r, r)
    angle = 2 * math.pi * (model.turn % 1.0) - math.pi / 2
    tip = QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))
    arrow(painter, centre, tip, theme.accent, 3.0, 10.0)
    draw_text(
        painter,
        QRectF(content.left(), centre.y() + r + 4, wheel_w, row),
        translate("Panes", "turn {n}").format(n=loop.iteration),
        bold,
        theme.text,
        Qt.AlignmentFlag.AlignCenter,
    )
    draw_text(
        painter,
        QRectF(content.left(), centre.y() + r + 4 + row, wheel_w, row),
        translate("Panes", "t = {time}").format(time=_ms(model.now_ns)),
        small,
        theme.text_dim,
        Qt.AlignmentFlag.AlignCenter,
    )
    # Running now (on two lines when one is too narrow: a long task name, Chinese beside Latin).
    label = loop.running_label or translate("Panes", "the loop is choosing the next message")
    blocked = loop.blocked_until_ns >= 0
    if blocked:
        label = translate("Panes", "BLOCKED by {what} until {time}").format(
            what=loop.running_label or "?", time=_ms(loop.blocked_until_ns)
        )
    running = translate("Panes", "running: {what}").format(what=label)
    one_line = fits_one_line(running, bold, queue_rect.width() - 16)
    running_rect = QRectF(queue_rect.left(), queue_rect.top(), queue_rect.width(), row * (1.6 if one_line else 2.6))
    border = theme.error if blocked else (theme.running if loop.running_task >= 0 or loop.running_label else theme.grid)
    card(
        painter,
        running_rect,
        with_alpha(border, 0.12),
        border,
        3.0 if blocked or loop.running_label else 1.0,
        dashed=not loop.running_label and not blocked,
    )
    if one_line:
        draw_text(painter, running_rect.adjusted(8, 0, -8, 0), running, bold, theme.text)
    else:
        draw_wrapped(painter, running_rect.adjusted(8, row * 0.3, -8, -2), running, bold, theme.text)
    # Ready queue.
    y = running_rect.bottom() + PAD
    draw_text(
        painter,
        QRectF(queue_rect.left(), y, queue_rect.width(), row),
        translate("Panes", "ready queue ({n})").format(n=len(loop.ready)),
        small,
        theme.text_dim,
    )
    y += row
    x = queue_rect.left()
    card_h = row * 1.3
    shown = loop.ready[:MAX_CARDS]
    for ready in shown:
        width = min(queue_rect.width(), QFontMetricsF(mono).horizontalAdvance(ready.label) + 16)
        if x + width > queue_rect.right() and x > queue_rect.left():
            x, y = queue_rect.left(), y + card_h + 4
        if y + card_h > queue_rect.bottom():
            break
        box = QRectF(x, y, width, card_h)
        card(painter, box, theme.surface, theme.ready, 1.5, radius=4)
        draw_text(painter, box.adjusted(6, 0, -6, 0), ready.label, mono, theme.text)
        x += width + 4
    if len(loop.ready) > len(shown):
        draw_text(
            painter,
            QRectF(x, y, queue_rect.right() - x, card_h),
            translate("Panes", "+{n} more").format(n=len(loop.ready) - len(shown)),
            small,
            theme.text_dim,
        )
    if not loop.ready:
        draw_text(
            painter,
            QRectF(queue_rect.left(), y, queue_rect.width(), card_h),
            translate("Panes", "(empty)"),
            small,
            theme.text_dim,
        )
    # Completions that arrived this turn, and the one flying in now.
    y = max(y + card_h + PAD, queue_rect.top() + queue_rect.height() * 0.62)
    for done in loop.completions[:4]:
        if y + card_h > queue_rect.bottom():
            break
        box = QRectF(queue_rect.left(), y, queue_rect.width(), card_h)
        card(painter, box, with_alpha(theme.completion, 0.85), theme.completion, 1.5, radius=4)
        draw_text(painter, box.adjusted(6, 0, -6, 0), "✓ " + done.what, mono, theme.background)
        y += card_h + 4
    _draw_io_side(painter, io_rect, model, theme, row)
    if model.flying:
        start = QPointF(io_rect.left() + 10, io_rect.center().y())
        end = QPointF(queue_rect.left() + queue_rect.width() * 0.3, queue_rect.top() + row * 3.5)
        pos = QPointF(lerp(start.x(), end.x(), model.flying_progress), lerp(start.y(), end.y(), model.flying_progress))
        arrow(painter, start, end, with_alpha(theme.completion, 0.35), 1.5)
        width = min(queue_rect.width(), QFontMetricsF(mono).horizontalAdvance("✓ " + model.flying) + 16)
        box = QRectF(pos.x() - width / 2, pos.y() - card_h / 2, width, card_h)
        card(painter, box, theme.completion, theme.completion, 2.0, radius=4)
        draw_text(painter, box.adjusted(6, 0, -6, 0), "✓ " + model.flying, mono, theme.background)
    painter.restore()


def _draw_io_side(painter: QPainter, rect: QRectF, model: LoopModel, theme: Theme, row: float) -> None:
    loop = model.loop
    assert loop is not None
    small = body_font(theme, 9.0)
    mono = code_font(theme, 9.0)
    card(painter, rect, theme.surface, theme.grid, 1.0)
    inner = rect.adjusted(8, 6, -8, -6)
    header = translate("Panes", "IO side (kernel, network, disk): {n} in flight").format(n=len(loop.in_flight))
    header_font = body_font(theme, 9.0, bold=True)
    if fits_one_line(header, header_font, inner.width()):
        draw_text(painter, QRectF(inner.left(), inner.top(), inner.width(), row), header, header_font, theme.text_dim)
        y = inner.top() + row
    else:  # a narrow pane: two lines rather than a cut-off count
        y = inner.top() + draw_wrapped(
            painter, QRectF(inner.left(), inner.top(), inner.width(), row * 2.2), header, header_font, theme.text_dim
        ) + row * 0.2
    for request in loop.in_flight:
        remaining = max(0.0, request.due_ns - model.now_ns)
        what = f"[{_channel_name(request.channel)}] {request.what}"
        left = translate("Panes", "{time} left").format(time=_ms(remaining))
        left_w = QFontMetricsF(small).horizontalAdvance(left) + 4
        # one line when the request and its time left both fit, else the time on a line of its own
        one_line = fits_one_line(what, mono, inner.width() - left_w - 18)
        item_h = row * (1.55 if one_line else 2.45)
        if y + item_h > inner.bottom():
            draw_text(painter, QRectF(inner.left(), y, inner.width(), row), "…", small, theme.text_dim)
            break
        box = QRectF(inner.left(), y, inner.width(), item_h - 4)
        card(painter, box, theme.background, theme.io, 1.5, dashed=True, radius=4)
        total = max(1.0, float(request.due_ns - request.issued_ns))
        done = 1.0 - min(1.0, remaining / total)
        bar = QRectF(box.left() + 4, box.bottom() - 6, (box.width() - 8) * done, 3)
        painter.fillRect(bar, theme.io)
        text_h = row * 1.55 - 10
        what_w = box.width() - (left_w + 18 if one_line else 12)
        draw_text(painter, QRectF(box.left() + 6, box.top(), what_w, text_h), what, mono, theme.text)
        left_top = box.top() if one_line else box.top() + row * 0.95
        draw_text(
            painter,
            QRectF(box.right() - 6 - left_w, left_top, left_w, text_h),
            left,
            small,
            theme.text_dim,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        y += item_h
    if loop.timers and y + row < inner.bottom():
        y += 4
        for due, label in loop.timers[:3]:
            if y + row > inner.bottom():
                break
            draw_text(
                painter,
                QRectF(inner.left(), y, inner.width(), row),
                translate("Panes", "timer {label} at {time}").format(label=label, time=_ms(due)),
                small,
                theme.text_dim,
            )
            y += row
