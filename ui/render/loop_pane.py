"""The message-loop pane: the loop turning, the ready queue, the IO side, requests going out and coming back.

Owns the loop model (from `simulator.loop.state.loop_snapshot_at`) and its drawing:
a sentence saying that one thread runs it all, a wheel that turns once per loop
iteration, the handler running now, ready handles as cards, requests in flight on the
IO side with a bar for their remaining latency, a request travelling from the running
task to its place on the IO side, and completion messages flying from that place back
into the queue. Motion is the playhead's fraction towards the next event, never a
clock of its own. Shapes tell state: in-flight requests are dashed, completions solid,
the running handler thick-bordered. Where space runs out the pane gives up detail before
its essentials (one thread, what runs, how many requests are in flight: `ui.render.loop_plan`
decides how much it says); on the IO side a request's channel, one column becomes two,
smaller cards, then "+N more" (the heading keeps the count). What it still cannot show whole
is reported to `ui.render.fit`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from simulator.kinds import EventKind
from simulator.loop.snapshot import IoInFlight, LoopSnapshot
from simulator.trace import Event, Trace
from ui.navigation import StepUnit
from ui.render import fit
from ui.render.common import (
    PAD,
    arrow,
    card,
    centered_message,
    draw_text,
    draw_wrapped_words,
    lerp,
    pane_frame,
    with_alpha,
    wrapped_height,
)
from ui.render.loop_plan import (
    LoopFonts,
    Wheel,
    io_header,
    io_header_font,
    loop_arrangement,
    loop_fonts,
    ms,
    wheel_words,
)
from ui.scene import Scene
from ui.theme import Theme

translate = QCoreApplication.translate
MAX_CARDS = 12
PANE = "loop"  # the name this pane reports misfits under
_SENDS = (EventKind.IO_REQUEST, EventKind.EXECUTOR_SUBMIT)
_ARRIVES = (EventKind.IO_COMPLETE, EventKind.EXECUTOR_DONE)


@dataclass(frozen=True)
class LoopModel:
    """What the loop pane shows; `loop` is None when the program has no message loop."""

    loop: LoopSnapshot | None
    turn: float  # iterations so far, fractional while the next turn is coming
    now_ns: float
    flying: str  # what a completion arriving right now says ("" when none)
    flying_progress: float
    flying_request: int = -1  # the request that completion answers (it leaves from that request's card)
    sending: IoInFlight | None = None  # a request leaving the running task right now
    sending_progress: float = 0.0


_LAST_LOOP: list[tuple[Trace, int, LoopSnapshot]] = []  # a step is painted over many frames


def _loop_snapshot(trace: Trace, index: int, compute: Callable[[Trace, int], LoopSnapshot]) -> LoopSnapshot:
    if _LAST_LOOP and _LAST_LOOP[0][0] is trace and _LAST_LOOP[0][1] == index:
        return _LAST_LOOP[0][2]
    loop = compute(trace, index)
    _LAST_LOOP[:] = [(trace, index, loop)]
    return loop


def request_leaving(event: Event) -> IoInFlight:
    """The request an IO_REQUEST (or EXECUTOR_SUBMIT) event sends, as it will sit on the IO side."""
    data = event.data or {}
    due = int(data.get("due", event.t))
    return IoInFlight(event.arg, event.text or str(data.get("what", "")), str(data.get("channel", "")),
                      event.actor, event.t, due)


def build_loop_model(scene: Scene) -> LoopModel:
    """The loop pane's model at this scene (no loop: a model that says so)."""
    if not scene.navigation.has(StepUnit.LOOP) and not scene.navigation.by_unit[StepUnit.IO]:
        return LoopModel(None, 0.0, 0.0, "", 0.0)
    from simulator.loop.state import loop_snapshot_at  # the loop engine's module; absent in very old checkouts

    loop = _loop_snapshot(scene.trace, scene.index, loop_snapshot_at)
    coming = scene.coming
    turn = float(loop.iteration)
    now = float(loop.now_ns)
    flying, progress, answered = "", 0.0, -1
    sending, sent = None, 0.0
    if coming is not None:
        now = lerp(now, float(coming.t), scene.fraction)
        if coming.kind is EventKind.LOOP_TICK:
            turn += scene.fraction
        elif coming.kind in _ARRIVES:
            flying = coming.text or (coming.data or {}).get("what", "") or translate("Panes", "IO complete")
            progress, answered = scene.fraction, coming.arg
        elif coming.kind in _SENDS:
            sending, sent = request_leaving(coming), scene.fraction
    return LoopModel(loop, turn, now, flying, progress, answered, sending, sent)


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
    at = loop_arrangement(rect, model, loop, theme)
    f = at.plan.f
    # One thread does all of it: said in words, because that is the point of the pane.
    said = at.plan.said
    if at.said.bottom() > content.bottom() + 0.5:
        fit.report(PANE, said, "", "clipped")
    if at.said.top() < content.top():  # beside the title, on its line
        draw_text(painter, at.said, said, f.small, theme.text_dim, Qt.AlignmentFlag.AlignRight |
                  Qt.AlignmentFlag.AlignVCenter, elide=False)
    else:
        said_rect = QRectF(at.said.left(), at.said.top(), at.said.width(), min(at.said.height(), content.height()))
        draw_wrapped_words(painter, said_rect, said, f.small, theme.text_dim)
    if at.wheel is not None:
        _draw_wheel(painter, at.wheel, model, loop, theme, f)
    running_rect = _draw_running(painter, at.running, at.plan.running, loop, theme, f)
    queue_rect = at.queue
    if queue_rect is not None:
        y = _draw_ready(painter, queue_rect, running_rect.bottom() + PAD * 0.6, loop, theme, f)
        card_h = f.row * 1.3
        # Completions that arrived this turn (a copy of what the IO side said: cut when there is no room).
        y = max(y + PAD, queue_rect.top() + queue_rect.height() * 0.62)
        for done in loop.completions[:4]:
            if y + card_h > queue_rect.bottom():
                break
            box = QRectF(queue_rect.left(), y, queue_rect.width(), card_h)
            card(painter, box, with_alpha(theme.completion, 0.85), theme.completion, 1.5, radius=4)
            draw_text(painter, box.adjusted(6, 0, -6, 0), "✓ " + done.what, f.mono, theme.background)
            y += card_h + 4
    slots, look = _draw_io_side(painter, at.io, model, theme, f)
    if model.sending is not None and model.sending.request in slots:
        _draw_sending(painter, running_rect, slots[model.sending.request], look, model, theme, f)
    if model.flying:
        _draw_flying(painter, at.io, queue_rect or running_rect, slots.get(model.flying_request), model, theme, f)
    painter.restore()


def _draw_wheel(painter: QPainter, wheel: Wheel, model: LoopModel, loop: LoopSnapshot, theme: Theme,
                f: LoopFonts) -> None:
    """The loop's wheel, its arrow turned by the playhead, with the turn's number and the loop's clock."""
    turn_text, time_text = wheel_words(model, loop)
    angle = 2 * math.pi * (model.turn % 1.0) - math.pi / 2
    body = wheel.box
    if wheel.big:
        wheel_w = body.width()
        r = min(wheel_w, body.height() - 3 * f.row) * 0.36
        centre = QPointF(body.left() + wheel_w / 2, body.top() + r + f.row * 0.5)
        painter.setPen(QPen(theme.grid, 3))
        painter.drawEllipse(centre, r, r)
        tip = QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))
        arrow(painter, centre, tip, theme.accent, 3.0, min(10.0, r * 0.5))
        top = centre.y() + r + 4
        draw_text(painter, QRectF(body.left(), top, wheel_w, f.row), turn_text, f.bold, theme.text,
                  Qt.AlignmentFlag.AlignCenter)
        draw_text(painter, QRectF(body.left(), top + f.row, wheel_w, f.row), time_text, f.small, theme.text_dim,
                  Qt.AlignmentFlag.AlignCenter)
        return
    # A row: a small wheel, then "turn n  t = ..."
    row = body.height()
    r = row * 0.42
    centre = QPointF(body.left() + r + 2, body.top() + row / 2)
    painter.setPen(QPen(theme.grid, 2))
    painter.drawEllipse(centre, r, r)
    tip = QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))
    arrow(painter, centre, tip, theme.accent, 2.0, max(3.0, r * 0.5))
    x = centre.x() + r + 8
    turn_w = QFontMetricsF(f.bold).horizontalAdvance(turn_text) + 12
    draw_text(painter, QRectF(x, body.top(), turn_w, row), turn_text, f.bold, theme.text)
    draw_text(painter, QRectF(x + turn_w, body.top(), max(0.0, body.right() - x - turn_w), row), time_text,
              f.small, theme.text_dim)


def _draw_running(painter: QPainter, running_rect: QRectF, text: str, loop: LoopSnapshot, theme: Theme,
                  f: LoopFonts) -> QRectF:
    """The handler running now, on as many lines as its words need; returns its card."""
    blocked = loop.blocked_until_ns >= 0
    inner_w = running_rect.width() - 16
    text_h = wrapped_height(text, f.bold, inner_w)
    if text_h > running_rect.height() - 4 + 0.5:
        fit.report(PANE, text, "", "clipped")
    border = theme.error if blocked else (theme.running if loop.running_task >= 0 or loop.running_label else theme.grid)
    card(
        painter,
        running_rect,
        with_alpha(border, 0.12),
        border,
        3.0 if blocked or loop.running_label else 1.0,
        dashed=not loop.running_label and not blocked,
    )
    text_rect = QRectF(running_rect.left() + 8, running_rect.center().y() - text_h / 2, inner_w, text_h)
    painter.save()
    painter.setClipRect(running_rect)
    draw_wrapped_words(painter, text_rect, text, f.bold, theme.text)
    painter.restore()
    return running_rect


def _draw_ready(painter: QPainter, queue_rect: QRectF, y: float, loop: LoopSnapshot, theme: Theme,
                f: LoopFonts) -> float:
    """The ready queue as cards flowing in rows (a long name wraps in a card of its own); returns the last row's top."""
    total = max(loop.ready_total, len(loop.ready))
    if y + f.row > queue_rect.bottom() + 0.5:  # no room under the running card: the queue is detail
        return y
    draw_text(
        painter,
        QRectF(queue_rect.left(), y, queue_rect.width(), f.row),
        translate("Panes", "ready queue ({n})").format(n=total),
        f.small,
        theme.text_dim,
    )
    y += f.row
    x = queue_rect.left()
    card_h = f.row * 1.3
    row_h = card_h
    fm = QFontMetricsF(f.mono)
    more = translate("Panes", "+{n} more").format(n=99999)
    more_w = QFontMetricsF(f.small).horizontalAdvance(more) + 8
    drawn = 0
    for ready in loop.ready[:MAX_CARDS]:
        width = fm.horizontalAdvance(ready.label) + 16
        height = card_h
        if width > queue_rect.width():  # a long name: a card of its own, wrapped
            width = queue_rect.width()
            height = wrapped_height(ready.label, f.mono, width - 12) + card_h - fm.height()
        if x + width > queue_rect.right() and x > queue_rect.left():
            x, y = queue_rect.left(), y + row_h + 4
            row_h = card_h
        last = drawn == total - 1
        if y + height > queue_rect.bottom() or (not last and y + height + card_h > queue_rect.bottom()
                                                and x + width + more_w > queue_rect.right()):
            break
        box = QRectF(x, y, width, height)
        card(painter, box, theme.surface, theme.ready, 1.5, radius=4)
        if height == card_h:
            draw_text(painter, box.adjusted(6, 0, -6, 0), ready.label, f.mono, theme.text, elide=False)
        else:
            draw_wrapped_words(painter, box.adjusted(6, (card_h - fm.height()) / 2, -6, 0), ready.label, f.mono,
                          theme.text)
        row_h = max(row_h, height)
        x += width + 4
        drawn += 1
    if total > drawn:
        if x + more_w > queue_rect.right():
            x, y = queue_rect.left(), y + row_h + 4
        if y + card_h <= queue_rect.bottom() + 0.5:
            text = translate("Panes", "+{n} more").format(n=total - drawn)
            draw_text(painter, QRectF(x, y, queue_rect.right() - x, card_h), text, f.small, theme.text_dim)
    if not loop.ready and y + card_h <= queue_rect.bottom() + 0.5:
        draw_text(
            painter,
            QRectF(queue_rect.left(), y, queue_rect.width(), card_h),
            translate("Panes", "(empty)"),
            f.small,
            theme.text_dim,
        )
    return y + row_h


# --- the IO side -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _IoLook:
    """How much of a request a card says: its channel, and whether the time left shares the first line."""

    channel: bool
    width: float
    fonts: LoopFonts  # compact cards use smaller ones
    short: bool = False  # "72.0 ms" rather than "72.0 ms left" (the bar shows it is a countdown)
    one_line: bool = False  # the last resort before "+N more": one line a request, its description shortened


def _what(request: IoInFlight, look: _IoLook) -> str:
    return f"[{_channel_name(request.channel)}] {request.what}" if look.channel else request.what


def _left_text(remaining: float, short: bool = False) -> str:
    return ms(remaining) if short else translate("Panes", "{time} left").format(time=ms(remaining))


def _card_pad(f: LoopFonts) -> float:
    """Card height beyond its text: borders, the latency bar and the gap above it."""
    return 8.0 + max(3.0, f.row * 0.1)


def _card_height(request: IoInFlight, look: _IoLook) -> float:
    """A request card: its description (wrapped if need be), its time left beside it or below, a bar."""
    f = look.fonts
    fm = QFontMetricsF(f.mono)
    left_w = QFontMetricsF(f.small).horizontalAdvance(_left_text(request.due_ns - request.issued_ns, look.short)) + 4
    what = _what(request, look)
    pad = _card_pad(f)
    if look.one_line or fm.horizontalAdvance(what) + left_w + 18 <= look.width:
        return fm.height() + pad
    return wrapped_height(what, f.mono, look.width - 12) + QFontMetricsF(f.small).height() + pad


def _pack(heights: Iterable[float], area: QRectF, columns: int, gap: float) -> list[QRectF]:
    """Cards stacked top-down in `columns` columns of `area`, as many as fit, in order.

    `heights` is consumed lazily: cards past the last that fits are never measured.
    """
    col_w = (area.width() - (columns - 1) * gap) / columns
    boxes: list[QRectF] = []
    col, y = 0, area.top()
    for h in heights:
        if y + h > area.bottom() + 0.5:
            col, y = col + 1, area.top()
            if col >= columns or y + h > area.bottom() + 0.5:
                break
        boxes.append(QRectF(area.left() + col * (col_w + gap), y, col_w, h))
        y += h + gap
    return boxes


def io_layout(requests: list[IoInFlight], area: QRectF, theme: Theme,
              scale: float = 1.0) -> tuple[list[QRectF], _IoLook]:
    """Where each in-flight request's card goes: the most detail that still shows every request.

    Tries one column with the channel named, then without it, then two columns, then
    smaller cards; keeps the layout that shows the most requests (the caller writes
    "+N more" for the rest).
    """
    gap = 4.0
    tiers = [(1.0, False, False), (0.85, True, False), (0.7, True, False), (0.8, True, True)]
    densest: tuple[_IoLook, int] | None = None
    for factor, short, one_line in tiers:
        f = loop_fonts(theme, factor * scale)
        # a card is at least one text line tall: a layout that cannot hold that many is not tried
        least = QFontMetricsF(f.mono).height() + _card_pad(f) + gap
        for columns in (1, 2):
            if columns == 2 and area.width() < 2 * 12 * f.em:
                break
            col_w = (area.width() - (columns - 1) * gap) / columns
            for channel in (True, False):
                look = _IoLook(channel and not one_line, col_w, f, short, one_line)
                densest = (look, columns)
                if len(requests) * least > columns * (area.height() + gap):
                    continue
                boxes = _pack((_card_height(r, look) for r in requests), area, columns, gap)
                if len(boxes) == len(requests):
                    return boxes, look
    assert densest is not None  # one line a card, as many columns as fit: the most requests shown
    look, columns = densest  # (counting the rest is all that is left: a dozen cards say "many" well enough)
    return _pack((_card_height(r, look) for r in requests[:MAX_CARDS]), area, columns, gap), look


def _draw_io_card(painter: QPainter, box: QRectF, request: IoInFlight, look: _IoLook, now_ns: float,
                  theme: Theme) -> None:
    f = look.fonts
    remaining = max(0.0, request.due_ns - now_ns)
    card(painter, box, theme.background, theme.io, 1.0 if look.one_line else 1.5, dashed=True, radius=4)
    total = max(1.0, float(request.due_ns - request.issued_ns))
    done = 1.0 - min(1.0, remaining / total)
    bar_h = _card_pad(f) - 8.0
    painter.fillRect(QRectF(box.left() + 4, box.bottom() - 3 - bar_h, (box.width() - 8) * done, bar_h), theme.io)
    left = _left_text(remaining, look.short)
    fm, small = QFontMetricsF(f.mono), QFontMetricsF(f.small)
    left_w = small.horizontalAdvance(left) + 4
    what = _what(request, look)
    top = box.top() + 3
    if look.one_line:  # crowded: every request keeps its card and its time; its description gives way
        draw_text(painter, QRectF(box.left() + 6, top, box.width() - left_w - 12, fm.height()), what, f.mono,
                  theme.text)
        left_rect = QRectF(box.right() - 6 - left_w, top, left_w, fm.height())
    elif fm.horizontalAdvance(what) + left_w + 18 <= box.width():
        draw_text(painter, QRectF(box.left() + 6, top, box.width() - left_w - 12, fm.height()), what, f.mono,
                  theme.text, essential=PANE)
        left_rect = QRectF(box.right() - 6 - left_w, top, left_w, fm.height())
    else:
        what_h = wrapped_height(what, f.mono, box.width() - 12)
        draw_wrapped_words(painter, QRectF(box.left() + 6, top, box.width() - 12, what_h), what, f.mono, theme.text)
        left_rect = QRectF(box.left() + 6, top + what_h, box.width() - 12, small.height())
    draw_text(painter, left_rect, left, f.small, theme.text_dim,
              Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class IoSide:
    """Where the IO side puts its heading (with the count, always whole when it fits at all) and its cards."""

    header: str
    header_rect: QRectF
    requests: list[IoInFlight]  # in the order of their cards (the one travelling there included)
    boxes: list[QRectF]  # the cards that fit, for the first requests
    look: _IoLook
    hidden: int  # requests in flight without a card ("+N more")
    more_rect: QRectF  # where "+N more" goes
    timers_top: float


def io_side_layout(rect: QRectF, model: LoopModel, theme: Theme, f: LoopFonts) -> IoSide:
    """The IO side in `rect`: its heading first (the count of requests in flight is essential), then as many
    request cards as fit, the most detail that shows them all, or a count of the rest."""
    loop = model.loop
    assert loop is not None
    inner = rect.adjusted(6, 4, -6, -6)
    total = max(loop.in_flight_total, len(loop.in_flight))
    header_font = io_header_font(theme, f.factor)
    header = io_header(total, header_font, inner.width())
    header_h = wrapped_height(header, header_font, inner.width())
    header_rect = QRectF(inner.left(), inner.top(), inner.width(), header_h)
    requests = list(loop.in_flight)
    if model.sending is not None:  # its place is kept on the IO side while it travels there
        requests.append(model.sending)
        requests.sort(key=lambda r: (r.due_ns, r.request))
    timer_rows = min(3, len(loop.timers))
    area = QRectF(inner.left(), inner.top() + header_h + 4, inner.width(),
                  max(0.0, inner.height() - header_h - 4 - timer_rows * f.row))
    boxes, look = io_layout(requests, area, theme, f.factor)
    more_h = QFontMetricsF(f.small).height() * 1.2
    if len(boxes) < len(requests):  # keep a row for the count of those that do not fit
        boxes, look = io_layout(requests, area.adjusted(0, 0, 0, -more_h), theme, f.factor)
    hidden = total + (len(requests) - len(loop.in_flight)) - len(boxes)  # the snapshot lists the soonest only
    y = boxes[-1].bottom() + 4 if boxes else area.top()
    more_rect = QRectF(inner.left(), y, inner.width(), more_h)
    return IoSide(header, header_rect, requests, boxes, look, max(0, hidden), more_rect,
                  y + (f.row if hidden > 0 else 0.0))


def _draw_io_side(
    painter: QPainter, rect: QRectF, model: LoopModel, theme: Theme, f: LoopFonts
) -> tuple[dict[int, QRectF], _IoLook]:
    """The IO side: every request in flight as a card; returns where each request's card is (by request id)."""
    loop = model.loop
    assert loop is not None
    card(painter, rect, theme.surface, theme.grid, 1.0)
    side = io_side_layout(rect, model, theme, f)
    inner = rect.adjusted(6, 4, -6, -6)
    shown_h = max(0.0, min(side.header_rect.height(), inner.bottom() - side.header_rect.top()))
    if side.header_rect.height() > shown_h + 0.5:  # the count of requests in flight cut: essential
        fit.report(PANE, side.header, "", "clipped")
    painter.save()
    painter.setClipRect(rect)
    draw_wrapped_words(painter, QRectF(side.header_rect.left(), side.header_rect.top(), side.header_rect.width(),
                                  side.header_rect.height()), side.header, io_header_font(theme, f.factor),
                  theme.text_dim)
    painter.restore()
    slots: dict[int, QRectF] = {}
    for request, box in zip(side.requests, side.boxes, strict=False):
        slots[request.request] = box
        if request is model.sending or (model.flying and request.request == model.flying_request):
            continue  # drawn travelling
        _draw_io_card(painter, box, request, side.look, model.now_ns, theme)
    # fewer cards than requests is detail given up, not the count: the heading says how many there are
    if side.hidden > 0 and side.more_rect.bottom() <= inner.bottom() + 0.5:
        draw_text(painter, side.more_rect, translate("Panes", "+{n} more").format(n=side.hidden), f.small,
                  theme.text_dim)
    y = side.timers_top
    for due, label in loop.timers[:3]:
        if y + f.row > inner.bottom() + 0.5:
            break
        draw_text(painter, QRectF(inner.left(), y, inner.width(), f.row),
                  translate("Panes", "timer {label} at {time}").format(label=label, time=ms(due)),
                  f.small, theme.text_dim)
        y += f.row
    return slots, side.look


def _draw_sending(painter: QPainter, running_rect: QRectF, slot: QRectF, look: _IoLook, model: LoopModel,
                  theme: Theme, f: LoopFonts) -> None:
    """The request leaving: from the running task's card to its place on the IO side, as far as the playhead is."""
    request = model.sending
    assert request is not None
    t = model.sending_progress
    start = QPointF(running_rect.right() - slot.width() / 2, running_rect.center().y())
    end = slot.center()
    arrow(painter, QPointF(running_rect.right(), running_rect.center().y()), QPointF(slot.left(), end.y()),
          with_alpha(theme.io, 0.35), 1.5)
    centre = QPointF(lerp(start.x(), end.x(), t), lerp(start.y(), end.y(), t))
    # on whole pixels: a thin dashed border between pixels would blur to half its colour
    box = QRectF(round(centre.x() - slot.width() / 2), round(centre.y() - slot.height() / 2), slot.width(),
                 slot.height())
    _draw_io_card(painter, box, request, look, float(request.issued_ns), theme)


def _draw_flying(painter: QPainter, io_rect: QRectF, queue_rect: QRectF, slot: QRectF | None, model: LoopModel,
                 theme: Theme, f: LoopFonts) -> None:
    """A completion message flying back: from its request's card (or the IO side) into the queue."""
    card_h = f.row * 1.3
    start = slot.center() if slot is not None else QPointF(io_rect.left() + 10, io_rect.center().y())
    end = QPointF(queue_rect.left() + queue_rect.width() * 0.3, queue_rect.top() + f.row * 3.5)
    t = model.flying_progress
    pos = QPointF(lerp(start.x(), end.x(), t), lerp(start.y(), end.y(), t))
    arrow(painter, start, end, with_alpha(theme.completion, 0.35), 1.5)
    text = "✓ " + model.flying
    width = min(max(queue_rect.width(), io_rect.width()), QFontMetricsF(f.mono).horizontalAdvance(text) + 16)
    box = QRectF(pos.x() - width / 2, pos.y() - card_h / 2, width, card_h)
    card(painter, box, theme.completion, theme.completion, 2.0, radius=4)
    draw_text(painter, box.adjusted(6, 0, -6, 0), text, f.mono, theme.background)
