"""What the message-loop pane says where space runs out: the most detail whose essentials still fit.

The essentials are that one thread runs it all, what runs now (a task, the loop choosing, a
blocking call) and how many requests are in flight; at lecture sizes (1024x768 at text 3x) the
pane has room for little more. Plans go from the most detail to the least: the wheel gives way
first, then the long sentence (a short one, beside the title when it fits there), the ready
queue beside the IO side (the running card above it, full width), the word "running" (▶ says
it), and last some type size, never below 0.6 of the text size. Owns the plans, the pane's
fonts and where each part goes; `ui.render.loop_pane` draws them. Never paints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from simulator.loop.snapshot import LoopSnapshot
from ui.render.common import PAD, TITLE_PT, body_font, code_font, fits_one_line, pane_content, wrapped_height
from ui.theme import Theme

if TYPE_CHECKING:
    from ui.render.loop_pane import LoopModel

translate = QCoreApplication.translate


def ms(ns: float) -> str:
    """A time on the loop's clock, in milliseconds."""
    return translate("Panes", "{ms} ms").format(ms=f"{ns / 1e6:.1f}")


@dataclass(frozen=True)
class LoopFonts:
    """The pane's type at one size."""

    small: QFont
    bold: QFont
    mono: QFont
    row: float  # one text row with breathing room
    em: float
    factor: float = 1.0  # of the pane's type size


def loop_fonts(theme: Theme, factor: float = 1.0) -> LoopFonts:
    """The pane's fonts; `factor` < 1 for compact request cards when the IO side is crowded, and for
    everything as the last resort of a tiny pane."""
    small = body_font(theme, 9.0 * factor)
    fm = QFontMetricsF(small)
    return LoopFonts(small, body_font(theme, 9.5 * factor, bold=True), code_font(theme, 9.0 * factor),
                     fm.height() * 1.5, fm.horizontalAdvance("M"), factor)


ESSENTIAL_FACTORS = (1.0, 0.9, 0.8, 0.7, 0.6)  # the essentials' type size: smaller only as the last resort


@dataclass(frozen=True)
class LoopPlan:
    """How much the pane says: the one thread, what runs, how many requests are in flight, and detail."""

    said: str  # the sentence that one thread runs it all (long or short)
    wheel_room: bool  # the wheel may take room of its own (else only beside the title, or not at all)
    stacked: bool  # the running card above the IO side, both the pane's width (else side by side)
    running: str  # the running card's words ("running: …", or "▶ …")
    f: LoopFonts  # the pane's type (smaller than the text size only as the last resort)


@dataclass(frozen=True)
class Wheel:
    """Where the loop's wheel goes: a column of its own (`big`) or one row."""

    box: QRectF
    big: bool


@dataclass(frozen=True)
class LoopArrangement:
    """Where each part of the pane goes under one plan, and whether its essentials all fit."""

    plan: LoopPlan
    said: QRectF  # the sentence: its lines under the title, or its one line beside it
    wheel: Wheel | None
    running: QRectF  # the running card
    queue: QRectF | None  # the ready queue's column (None when stacked: no room for it)
    io: QRectF  # the IO side's box
    fits: bool


def io_header_font(theme: Theme, factor: float) -> QFont:
    return body_font(theme, 9.0 * factor, bold=True)


def io_header(total: int, font: QFont, width: float) -> str:
    """The IO side's heading with its count of requests in flight (the short name when narrow)."""
    header = translate("Panes", "IO side (kernel, network, disk): {n} in flight").format(n=total)
    if not fits_one_line(header, font, width):  # a narrow pane: the short name, the count whole
        header = translate("Panes", "IO side: {n} in flight").format(n=total)
    return header


def running_words(loop: LoopSnapshot) -> tuple[str, str]:
    """What runs now: in full ("running: …") and short ("▶ …", the ▶ the code pane's running mark)."""
    label = loop.running_label or translate("Panes", "the loop is choosing the next message")
    if loop.blocked_until_ns >= 0:
        label = translate("Panes", "BLOCKED by {what} until {time}").format(
            what=loop.running_label or "?", time=ms(loop.blocked_until_ns)
        )
    return translate("Panes", "running: {what}").format(what=label), "▶ " + label


def loop_plans(loop: LoopSnapshot, theme: Theme) -> Iterator[LoopPlan]:
    """From the most detail to the least: the wheel gives way first, then the long sentence, the queue
    beside the IO side, the word "running", and last some type size; the essentials never do."""
    long_said = translate("Panes", "1 thread: the loop runs every task in turn")
    short_said = translate("Panes", "1 thread runs every task")
    running, short_running = running_words(loop)
    f = loop_fonts(theme)
    yield LoopPlan(long_said, True, False, running, f)
    yield LoopPlan(long_said, False, False, running, f)
    yield LoopPlan(short_said, False, False, running, f)
    yield LoopPlan(short_said, False, True, running, f)
    for factor in ESSENTIAL_FACTORS:
        smaller = loop_fonts(theme, factor)
        yield LoopPlan(short_said, False, False, short_running, smaller)
        yield LoopPlan(short_said, False, True, short_running, smaller)


def loop_arrangement(rect: QRectF, model: LoopModel, loop: LoopSnapshot, theme: Theme) -> LoopArrangement:
    """Where the pane drawn in `rect` puts each part: the most detail whose essentials all fit."""
    content = pane_content(rect, theme)
    title_font = body_font(theme, TITLE_PT, bold=True)
    title_w = QFontMetricsF(title_font).horizontalAdvance(translate("Panes", "Message loop")) + 2 * PAD
    beside_title = QRectF(content.left() + title_w, rect.top() + PAD * 0.5, content.width() - title_w,
                          QFontMetricsF(title_font).height())
    return plan_loop(content, beside_title, model, loop, theme)


def plan_loop(content: QRectF, beside_title: QRectF, model: LoopModel, loop: LoopSnapshot,
              theme: Theme) -> LoopArrangement:
    """The first plan whose essentials all fit in `content` (the last one when none does)."""
    arranged: LoopArrangement | None = None
    for plan in loop_plans(loop, theme):
        arranged = _arrange(plan, content, beside_title, model, loop, theme)
        if arranged.fits:
            break
    assert arranged is not None
    return arranged


def _arrange(plan: LoopPlan, content: QRectF, beside_title: QRectF, model: LoopModel, loop: LoopSnapshot,
             theme: Theme) -> LoopArrangement:
    f = plan.f
    gap = PAD * 0.4
    if not plan.wheel_room and fits_one_line(plan.said, f.small, beside_title.width()):
        # the sentence is essential, the wheel is not: the title's line is the sentence's
        said = QRectF(beside_title.left(), beside_title.top(), beside_title.width(), beside_title.height())
        wheel, rest = None, content
    else:
        said = QRectF(content.left(), content.top(), content.width(),
                      wrapped_height(plan.said, f.small, content.width()))
        body = QRectF(content.left(), said.bottom() + gap, content.width(),
                      max(0.0, content.bottom() - said.bottom() - gap))
        wheel, rest = _place_wheel(body, beside_title, model, loop, f, plan.wheel_room)
    header_font = io_header_font(theme, f.factor)
    total = max(loop.in_flight_total, len(loop.in_flight))

    def io_least(width: float) -> float:  # the IO box with its heading whole
        inner = width - 12
        return wrapped_height(io_header(total, header_font, inner), header_font, inner) + 10

    def running_size(width: float) -> tuple[float, float]:  # (least, comfortable) height of the running card
        text_h = wrapped_height(plan.running, f.bold, width - 16)
        return text_h + 8, max(f.row * 1.6, text_h + f.row * 0.6)

    if plan.stacked:
        least, comfortable = running_size(rest.width())
        io_h = io_least(rest.width())
        fits = rest.height() > 0 and least + gap + io_h <= rest.height() + 0.5
        run_h = max(least, min(comfortable, rest.height() - gap - io_h))
        running = QRectF(rest.left(), rest.top(), rest.width(), run_h)
        io = QRectF(rest.left(), running.bottom() + gap, rest.width(), max(0.0, rest.bottom() - running.bottom() - gap))
        return LoopArrangement(plan, said, wheel, running, None, io, fits)
    share = 0.42 if rest.width() >= 40 * f.em else 0.5
    # a compact plan narrows the IO side (its cards are detail) when the running words need the width
    for io_share in (share,) if plan.wheel_room else (share, 0.38, 0.3):
        io_w = rest.width() * io_share
        queue = QRectF(rest.left(), rest.top(), rest.width() - io_w - PAD, rest.height())
        io = QRectF(rest.right() - io_w, rest.top(), io_w, rest.height())
        least, comfortable = running_size(queue.width())
        fits = max(least, io_least(io_w)) <= rest.height() + 0.5 and rest.height() > 0 and queue.width() > 0
        if fits:
            break
    room = rest.height() - f.row * 1.2 if rest.height() - f.row * 1.2 >= comfortable else rest.height()
    running = QRectF(queue.left(), queue.top(), queue.width(), max(least, min(comfortable, room)))
    return LoopArrangement(plan, said, wheel, running, queue, io, fits)


def _place_wheel(body: QRectF, beside_title: QRectF, model: LoopModel, loop: LoopSnapshot, f: LoopFonts,
                 own_room: bool) -> tuple[Wheel | None, QRectF]:
    """The loop's wheel: a column when there is room, else a row (beside the title if it fits there, else on top
    when it may take room of its own). Returns where it goes and the space left for the rest."""
    turn_text, time_text = wheel_words(model, loop)
    label_w = max(QFontMetricsF(f.bold).horizontalAdvance(turn_text), QFontMetricsF(f.small).horizontalAdvance(
        time_text)) + 8
    if own_room and body.width() >= 34 * f.em and body.height() >= 6 * f.row:
        wheel_w = max(label_w, min(body.width() * 0.2, body.height() * 0.7))
        rest = QRectF(body.left() + wheel_w + PAD, body.top(), body.width() - wheel_w - PAD, body.height())
        return Wheel(QRectF(body.left(), body.top(), wheel_w, body.height()), True), rest
    row = QFontMetricsF(f.bold).height() * 1.15
    r = row * 0.42
    row_w = 2 * r + 10 + QFontMetricsF(f.bold).horizontalAdvance(turn_text) + 12 + \
        QFontMetricsF(f.small).horizontalAdvance(time_text) + 4
    if row_w <= beside_title.width():  # the title's line has room: the lanes below keep a row
        box = QRectF(beside_title.right() - row_w, beside_title.center().y() - row / 2, row_w, row)
        return Wheel(box, False), body
    if not own_room:
        return None, body
    return Wheel(QRectF(body.left(), body.top(), body.width(), row), False), \
        QRectF(body.left(), body.top() + row + 4, body.width(), max(0.0, body.height() - row - 4))


def wheel_words(model: LoopModel, loop: LoopSnapshot) -> tuple[str, str]:
    return (translate("Panes", "turn {n}").format(n=loop.iteration),
            translate("Panes", "t = {time}").format(time=ms(model.now_ns)))
