"""The code pane: the program, highlighted, with the running line and every paused frame.

Owns the code model (source lines, frame markers, variables) and its drawing. The
running line is a solid band with a filled ▶; frames waiting on a callee get a hollow
▷; suspended generators/coroutines a dimmed, dashed band with a pause mark and their name, so
state reads by shape as well as colour. The band glides to the next line by the
scene's fraction. Variables of each frame are listed beside the code.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pygments.lexers import PythonLexer
from pygments.token import Comment, Keyword, Name, Number, String, Token, _TokenType
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap

from simulator.state import Snapshot
from simulator.trace import Trace
from ui.deadlock_words import deadlock_words
from ui.fonts import mono_font
from ui.render import fit
from ui.render.code_rows import Row, choose_rows, hang, wrap_line
from ui.render.common import (
    BODY_PT,
    PAD,
    body_font,
    card,
    code_font,
    draw_text,
    draw_wrapped_words,
    lerp,
    pane_frame,
    title_height,
    with_alpha,
    wrapped_height,
)
from ui.scene import Scene, short_name
from ui.theme import Theme

translate = QCoreApplication.translate

RUNNING, WAITING, SUSPENDED, CREATED = "running", "waiting", "suspended", "created"
ERROR_STATUSES = frozenset({"exception", "syntax_error", "error", "limit"})
MAX_LISTED = 24
_ORDER = {RUNNING: 0, SUSPENDED: 1, WAITING: 2}


@dataclass(frozen=True)
class FrameMark:
    """One frame as the code pane marks it."""

    name: str
    line: int
    status: str  # running / waiting / suspended / created
    locals: tuple[tuple[str, str, bool], ...]  # (name, value repr, changed at this event)
    in_file: bool  # whether its line belongs to the file on show


@dataclass(frozen=True)
class LineMark:
    """Every frame of one status paused or running on one line (10,000 suspended tasks make one mark)."""

    line: int
    status: str
    name: str  # the first frame's name
    count: int


@dataclass(frozen=True)
class CodeModel:
    """What the code pane shows."""

    file: str
    source: str
    frames: tuple[FrameMark, ...]  # the listed frames: the running one first, at most MAX_LISTED
    hidden_frames: int  # frames alive but not listed
    marks: tuple[LineMark, ...]  # every frame in this file, grouped by line and status
    band_line: float  # where the running-line band is (fractional while gliding)
    error_line: int  # -1 when the run did not stop with an error in this file
    error_message: str
    show_error: bool  # the playhead has reached the error
    error_short: str = ""  # the message in fewer words, for a pane too small for it all ("" when there are none)


def build_code_model(scene: Scene, fallback_source: str = "") -> CodeModel:
    """The code pane's model at this scene."""
    trace = scene.trace
    snap = scene.snapshot
    top = snap.stack[-1] if snap.stack else None
    file = top.file if top else _main_file(trace)
    source = trace.sources.get(file) or fallback_source
    changed = _changed_names(trace, scene.index)
    everyone = (*snap.stack, *snap.suspended)
    marks = _line_marks(snap, file)
    # The running frame, then paused generators, then callers waiting: what a learner looks at first.
    listed = sorted(
        everyone[-MAX_LISTED:] if len(everyone) > MAX_LISTED and snap.stack else everyone,
        key=lambda f: _ORDER.get(f.status, 3),
    )[:MAX_LISTED]
    if snap.stack and snap.stack[-1] not in listed:
        listed = [snap.stack[-1], *listed[: MAX_LISTED - 1]]
    frames = [
        FrameMark(
            short_name(f.name),
            f.line,
            f.status,
            tuple((k, v, (f.actor, k) in changed) for k, v in f.locals.items()),
            f.file == file,
        )
        for f in listed
    ]
    band = float(top.line) if top else -1.0
    coming = scene.coming
    if top and coming is not None and coming.line > 0 and trace.actors[coming.actor].file == file:
        band = lerp(band, float(coming.line), scene.fraction)
    outcome = trace.outcome
    error_here = outcome.status in ERROR_STATUSES and outcome.line > 0 and (outcome.file in ("", file))
    message, short = (outcome.message if error_here else ""), ""
    words = deadlock_words(trace) if error_here else None
    if words is not None:  # in the user's language, and in fewer words for a small pane
        message, short = words.full, words.short
    return CodeModel(
        file=file,
        source=source,
        frames=tuple(frames),
        hidden_frames=len(everyone) - len(frames),
        marks=marks,
        band_line=band,
        error_line=outcome.line if error_here else -1,
        error_message=message,
        show_error=scene.index >= len(trace) - 1,
        error_short=short,
    )


_MARKS: list[tuple[Snapshot, str, tuple[LineMark, ...]]] = []  # the last one built: frames play many frames per step


def _line_marks(snap: Snapshot, file: str) -> tuple[LineMark, ...]:
    """Every frame in `file`, grouped by line and status (ten thousand paused tasks make one mark)."""
    if _MARKS and _MARKS[0][0] is snap and _MARKS[0][1] == file:
        return _MARKS[0][2]
    groups: dict[tuple[int, str], list] = {}  # (line, status) -> [first frame's name, how many]
    for frame in (*snap.stack, *snap.suspended):
        if frame.line > 0 and frame.file == file:
            key = (frame.line, frame.status)
            group = groups.get(key)
            if group is None:
                groups[key] = [frame.name, 1]
            else:
                group[1] += 1
    marks = tuple(LineMark(line, status, short_name(name), n) for (line, status), (name, n) in groups.items())
    _MARKS[:] = [(snap, file, marks)]
    return marks


def _main_file(trace: Trace) -> str:
    if trace.outcome.file:
        return trace.outcome.file
    return next(iter(trace.sources), "")


def _changed_names(trace: Trace, index: int) -> set[tuple[int, str]]:
    events = trace.locals_event
    lo, hi = bisect_left(events, index), bisect_right(events, index)
    actor = trace.actor[index] if 0 <= index < len(trace) else -1
    return {(actor, trace.texts[trace.locals_name[j]]) for j in range(lo, hi)}


# --- syntax colours -------------------------------------------------------------------
_SYNTAX = {
    "light": {
        Keyword: "#8250DF",
        String: "#0A3069",
        Number: "#0550AE",
        Comment: "#6E7781",
        Name.Function: "#953800",
        Name.Builtin: "#0550AE",
    },
    "dark": {
        Keyword: "#FF7B72",
        String: "#A5D6FF",
        Number: "#79C0FF",
        Comment: "#8B949E",
        Name.Function: "#D2A8FF",
        Name.Builtin: "#FFA657",
    },
    "projector": {
        Keyword: "#5B1A9E",
        String: "#0A3069",
        Number: "#003D99",
        Comment: "#3A3A3A",
        Name.Function: "#7A2E00",
        Name.Builtin: "#003D99",
    },
}


def _token_colour(theme: Theme, token: _TokenType) -> QColor:
    table = _SYNTAX.get(theme.name, _SYNTAX["light"])
    while token is not Token:
        if token in table:
            return QColor(table[token])
        token = token.parent
    return theme.text


@lru_cache(maxsize=16)
def highlighted_lines(source: str) -> tuple[tuple[tuple[_TokenType, str], ...], ...]:
    """The source split into lines of (token type, text), lexed once per source."""
    lines: list[list[tuple[_TokenType, str]]] = [[]]
    for token, text in PythonLexer(stripnl=False, ensurenl=False).get_tokens(source):
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append([])
            if part:
                lines[-1].append((token, part.expandtabs(4)))
    return tuple(tuple(line) for line in lines)


# --- drawing --------------------------------------------------------------------------
MIN_CODE_CHARS = 28  # the frames list moves under the code rather than leave it narrower than this
STRIP_LOCALS = 2  # variables per card when the frames run in a strip under the code
MIN_SHRINK = 0.5  # the code may be set this much smaller when its running line would not fit at all (3x: 1.5x)


def draw_code(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    """Draw the code pane into `rect`: the source, and the frames beside it (or under it when narrow)."""
    title = translate("Panes", "Code") + (f" · {_basename(model.file)}" if model.file else "")
    content = pane_frame(painter, rect, theme, title)
    if not model.source:
        draw_text(painter, content, translate("Panes", "No source to show."), body_font(theme), theme.text_dim)
        return
    theme = fitted_theme(model, content, theme)
    if not model.frames:
        _draw_source(painter, content, model, theme)
        return
    char_w = QFontMetricsF(code_font(theme)).horizontalAdvance("M")
    needed = _card_width(model, theme)
    side_width = min(max(content.width() * 0.34, needed), max(needed, 360.0 * theme.font_scale))
    strip_h = _card_height(theme, STRIP_LOCALS)
    beside = QRectF(content.left(), content.top(), content.width() - side_width - PAD, content.height())
    above = QRectF(content.left(), content.top(), content.width(), content.height() - strip_h - PAD)
    if beside.width() >= MIN_CODE_CHARS * char_w and _running_line_fits(model, beside, theme):
        code_rect = beside
        _draw_source(painter, code_rect, model, theme)
        frames = QRectF(code_rect.right() + PAD, content.top(), side_width, content.height())
        _frames_picture(painter, frames, model, theme, _draw_frames)
    elif (
        above.height() >= 4 * _line_height(theme)
        and _running_line_fits(model, above, theme)
        and (_paused_lines_fit(model, above, theme) or not _paused_lines_fit(model, content, theme))
    ):
        code_rect = above
        _draw_source(painter, code_rect, model, theme)
        strip = QRectF(content.left(), code_rect.bottom() + PAD, content.width(), strip_h)
        _frames_picture(painter, strip, model, theme, _draw_frame_strip)
    else:  # too small for a frames list (or for the running and paused lines with one): the code alone
        _draw_source(painter, content, model, theme)


_FRAME_PICTURES: dict[tuple[object, ...], QPixmap] = {}


def _frames_picture(
    painter: QPainter,
    rect: QRectF,
    model: CodeModel,
    theme: Theme,
    draw: Callable[[QPainter, QRectF, CodeModel, Theme], None],
) -> None:
    """The frames list, drawn once per step and size (the band glides over many frames; the frames do not)."""
    if fit.collecting_now():  # a fit check must see every text drawn
        draw(painter, rect, model, theme)
        return
    device = painter.device()
    dpr = device.devicePixelRatioF() if device is not None else 1.0
    key = (draw, model.frames, model.hidden_frames, rect.width(), rect.height(), id(theme), theme.font_scale, dpr)
    picture = _FRAME_PICTURES.get(key)
    if picture is None:
        picture = QPixmap(max(1, math.ceil(rect.width() * dpr)), max(1, math.ceil(rect.height() * dpr)))
        picture.setDevicePixelRatio(dpr)
        picture.fill(Qt.GlobalColor.transparent)
        inner = QPainter(picture)
        try:
            inner.setRenderHints(painter.renderHints())
            draw(inner, QRectF(0, 0, rect.width(), rect.height()), model, theme)
        finally:
            inner.end()
        if len(_FRAME_PICTURES) > 8:
            _FRAME_PICTURES.clear()
        _FRAME_PICTURES[key] = picture
    painter.drawPixmap(rect.topLeft(), picture)


def _line_height(theme: Theme) -> float:
    return QFontMetricsF(code_font(theme)).height() * 1.3


def _code_width(model: CodeModel, width: float, theme: Theme) -> int:
    """How wide the code's rows may be in a code area `width` wide (right of the gutter)."""
    return max(1, int(width - _gutter(theme, model.source) - 6))


def _gutter(theme: Theme, source: str) -> float:
    """Line numbers as wide as the file's longest (at least two digits), and the frame markers."""
    digits = max(2, len(str(len(highlighted_lines(source)))))  # (a narrow pane at large text needs every pixel)
    return QFontMetricsF(code_font(theme)).horizontalAdvance("0" * digits) + 28.0 * theme.font_scale


def needed_height(model: CodeModel, width: float, theme: Theme) -> float:
    """How tall the pane must be, `width` wide, for the running line whole with a line of context each side."""
    line = _first_line(model)
    rows = 3
    if line > 0:
        code_width = width - 2 * PAD - _gutter(theme, model.source) - 6
        segments = wrapped_source(model.source, max(1, int(code_width)), theme.font_scale)
        rows = (len(segments[line - 1]) if line <= len(segments) else 1) + 2
    message = 0.0
    if model.show_error and model.error_message:  # and the error's message whole under it
        message = _message_height("✖ " + model.error_message, _message_font(theme), width - 2 * PAD - 8) + 4
    return title_height(theme) + rows * _line_height(theme) + message + PAD


def fitted_theme(model: CodeModel, rect: QRectF, theme: Theme) -> Theme:
    """The theme, or one with a little smaller text (never below MIN_SHRINK) when the running line,
    wrapped, would be taller than the whole pane, or the error's line and its message (in its fewest
    words and smallest type) would: the last resort of a tiny screen at large text."""
    shrink = 1.0
    smaller = theme
    while shrink > MIN_SHRINK + 1e-9 and not (_running_line_fits(model, rect, smaller)
                                              and _message_can_fit(model, rect, smaller)):
        shrink = max(MIN_SHRINK, shrink - 0.1)
        smaller = _shrunk(theme, round(shrink, 2))
    return smaller


_SHRUNK: dict[tuple[int, float], tuple[Theme, Theme]] = {}


def _shrunk(theme: Theme, shrink: float) -> Theme:
    """The same smaller theme object each time (the text pictures are cached by theme)."""
    known = _SHRUNK.get((id(theme), shrink))
    if known is None or known[0] is not theme:
        known = _SHRUNK[(id(theme), shrink)] = (theme, replace(theme, font_scale=theme.font_scale * shrink))
    return known[1]


def _running_line_fits(model: CodeModel, rect: QRectF, theme: Theme) -> bool:
    """Whether the running line (or the first line kept in view), wrapped at this width, has all its rows
    in this height."""
    line = _first_line(model)
    if line <= 0:
        return True
    segments = wrapped_source(model.source, _code_width(model, rect.width(), theme), theme.font_scale)
    return line > len(segments) or len(segments[line - 1]) * _line_height(theme) <= rect.height()


def _hang_of(line: Sequence[tuple[object, str]], row: Row, width: int, fm: QFontMetricsF) -> float:
    """Where a row's code starts right of the gutter: 0, or the hanging indent of a wrapped line's later row."""
    if not row.continued:
        return 0.0
    return hang("".join(part for _, part in line), float(width), fm.horizontalAdvance(" "))


@lru_cache(maxsize=32)
def wrapped_source(source: str, width: int, font_scale: float) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per source line, the (start, end) character ranges of its rows when the code area is `width` wide."""
    fm = QFontMetricsF(code_font_at(font_scale))
    widths: dict[str, float] = {}

    def advance(ch: str) -> float:
        w = widths.get(ch)
        if w is None:
            w = widths[ch] = fm.horizontalAdvance(ch)
        return w

    return tuple(
        wrap_line("".join(part for _, part in line), float(width), advance) for line in highlighted_lines(source)
    )


def code_font_at(font_scale: float) -> QFont:
    return mono_font(BODY_PT, font_scale)


@dataclass(frozen=True)
class SourceLayout:
    """Where the code area puts each row."""

    rows: tuple[Row, ...]
    line_h: float
    gutter: float
    first_row: dict[int, int]  # source line -> index of its first row
    row_count: dict[int, int]  # source line -> how many rows it takes


def _paused_lines_fit(model: CodeModel, rect: QRectF, theme: Theme) -> bool:
    """Whether every line a frame is paused or waits on is in view in this rectangle."""
    shown = layout_source(model, rect, theme).first_row
    return all(m.line in shown for m in model.marks if m.status in (SUSPENDED, WAITING))


_LAYOUTS: dict[tuple[object, ...], SourceLayout] = {}


def layout_source(model: CodeModel, rect: QRectF, theme: Theme) -> SourceLayout:
    """The rows the code area shows: the running line and every paused frame's line kept in view."""
    if fit.collecting_now():  # a fit check hears of a cut line every time it is laid out
        return _layout_source(model, rect, theme)
    key = (
        model.source,
        round(model.band_line),
        model.marks,
        model.error_line,
        rect.width(),
        rect.height(),
        theme.font_scale,
    )
    known = _LAYOUTS.get(key)
    if known is None:
        known = _layout_source(model, rect, theme)
        if len(_LAYOUTS) > 32:
            _LAYOUTS.clear()
        _LAYOUTS[key] = known
    return known


def _important_lines(model: CodeModel) -> list[int]:
    """The lines to keep in view, most important first: the running line, the error's, then paused and
    waiting frames' nearest to it, then frames not started yet (earlier ones win when not all fit)."""
    important: list[int] = []
    if model.band_line > 0:
        important.append(round(model.band_line))
    if model.error_line > 0:
        important.append(model.error_line)
    centre = important[0] if important else 1
    important += [m.line for m in sorted(model.marks, key=lambda m: (m.status == CREATED, abs(m.line - centre)))]
    return important


def _first_line(model: CodeModel) -> int:
    """The line the code area shows whole first: the running line, or with none (a thread switch), the error's
    or the nearest paused frame's; 0 when there is none."""
    if model.band_line > 0:
        return round(model.band_line)
    important = _important_lines(model)
    return important[0] if important else 0


def _layout_source(model: CodeModel, rect: QRectF, theme: Theme) -> SourceLayout:
    line_h, gutter = _line_height(theme), _gutter(theme, model.source)
    segments = wrapped_source(model.source, max(1, int(rect.width() - gutter - 6)), theme.font_scale)
    capacity = max(1, int((rect.height() + 1e-6) // line_h))  # (a height of exactly n rows, summed in floats)
    important = _important_lines(model)
    rows: list[Row] = []
    for line, fold in choose_rows([len(s) for s in segments], important, capacity):
        if fold:
            rows.append(Row(line, 0, 0, fold))
        else:
            rows += [Row(line, start, end) for start, end in segments[line - 1]]
    if len(rows) > capacity:  # one line taller than the whole pane: its last rows cannot be shown
        cut = rows[capacity - 1]
        if fit.collecting_now() and cut.line in important[:2]:  # the running line (or the error's)
            text = "".join(part for _, part in highlighted_lines(model.source)[cut.line - 1])
            fit.report("code", text, text[: cut.end], "clipped")
        rows = rows[:capacity]
    first_row: dict[int, int] = {}
    row_count: dict[int, int] = {}
    for i, row in enumerate(rows):
        if not row.fold:
            first_row.setdefault(row.line, i)
            row_count[row.line] = row_count.get(row.line, 0) + 1
    return SourceLayout(tuple(rows), line_h, gutter, first_row, row_count)


def _row_y(layout: SourceLayout, line: int) -> float:
    """Rows from the top to source line `line` (inside a fold: part of the way through the fold row)."""
    at = layout.first_row.get(line)
    if at is not None:
        return float(at)
    for i, row in enumerate(layout.rows):
        if row.fold and row.line <= line < row.line + row.fold:
            return i + (line - row.line) / row.fold
        if not row.fold and row.line > line:
            return i - 0.5  # above the first row shown
    return float(len(layout.rows))


def _y_at(layout: SourceLayout, top: float, line: float) -> float:
    """The y of (fractional) line `line`: a band gliding between lines passes folds smoothly."""
    n = int(line)
    y = _row_y(layout, n)
    if line > n:
        y = lerp(y, _row_y(layout, n + 1), line - n)
    return top + y * layout.line_h


MAX_LAYER_PX = 30_000  # taller than this (a long file at large text), only the rows on show are drawn


@dataclass(frozen=True)
class _Layer:
    """Rows of source drawn once onto a transparent pixmap, and where each row is on it."""

    pixmap: QPixmap
    row_at: dict[tuple[int, int], int]  # (line, first character) -> row on the pixmap


_TEXT_LAYERS: dict[tuple[object, ...], _Layer] = {}


def _text_layer(painter: QPainter, source: str, layout: SourceLayout, width: float, theme: Theme) -> _Layer:
    """Line numbers and highlighted source on a pixmap: every row of the file when it is not too tall
    (the view then scrolls and folds by copying from it, never drawing text again), else the rows shown.
    """
    line_h, gutter = layout.line_h, layout.gutter
    device = painter.device()
    dpr = device.devicePixelRatioF() if device is not None else 1.0
    code_w = max(1, int(width - gutter - 6))
    segments = wrapped_source(source, code_w, theme.font_scale)
    total = sum(len(s) for s in segments)
    whole = total * line_h * dpr <= MAX_LAYER_PX
    rows = _all_rows(source, max(1, int(width - gutter - 6)), theme.font_scale) if whole else layout.rows
    key = (source, rows if not whole else total, width, line_h, gutter, theme.name, theme.font_scale, id(theme), dpr)
    layer = _TEXT_LAYERS.get(key)
    if layer is not None:
        return layer
    height = (len(rows) + 1) * line_h
    pixmap = QPixmap(max(1, round(width * dpr)), max(1, round(height * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    lines = highlighted_lines(source)
    font, bold = code_font(theme), code_font(theme, bold=True)
    fm, fm_bold = QFontMetricsF(font), QFontMetricsF(bold)
    number_box = gutter - 22 * theme.font_scale
    row_at: dict[tuple[int, int], int] = {}
    text_painter = QPainter(pixmap)
    try:
        text_painter.setRenderHints(painter.renderHints())
        for i, row in enumerate(rows):
            if row.fold:
                continue  # folds are drawn over the view, they say how many lines they hide
            row_at[(row.line, row.start)] = i
            y = i * line_h
            text_painter.setFont(font)
            text_painter.setPen(theme.text_dim)
            text_painter.drawText(
                QRectF(0, y, number_box, line_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                "↪" if row.continued else str(row.line),
            )
            x = gutter + _hang_of(lines[row.line - 1], row, code_w, fm)
            baseline = y + (line_h + fm.ascent() - fm.descent()) / 2
            at = 0
            for token, text in lines[row.line - 1]:
                begin = at
                at += len(text)
                start, end = max(row.start, begin), min(row.end, at)
                if start >= end:
                    continue
                piece = text[start - begin : end - begin]
                is_bold = token in Keyword
                text_painter.setPen(_token_colour(theme, token))
                text_painter.setFont(bold if is_bold else font)
                text_painter.drawText(QPointF(x, baseline), piece)
                x += (fm_bold if is_bold else fm).horizontalAdvance(piece)
    finally:
        text_painter.end()
    if len(_TEXT_LAYERS) > 8:
        _TEXT_LAYERS.clear()
    layer = _Layer(pixmap, row_at)
    _TEXT_LAYERS[key] = layer
    return layer


@lru_cache(maxsize=16)
def _all_rows(source: str, width: int, font_scale: float) -> tuple[Row, ...]:
    """Every row of the file, wrapped, none folded."""
    segments = wrapped_source(source, width, font_scale)
    return tuple(Row(n, start, end) for n, line in enumerate(segments, start=1) for start, end in line)


def _draw_text_rows(
    painter: QPainter, rect: QRectF, model: CodeModel, layout: SourceLayout, dim_lines: frozenset[int], theme: Theme
) -> None:
    """The rows on show, copied from the text layer in runs; fold rows; paused lines dimmed."""
    layer = _text_layer(painter, model.source, layout, rect.width(), theme)
    line_h, dpr = layout.line_h, layer.pixmap.devicePixelRatio()
    run_start, run_from, run_len = 0, -1, 0

    def flush() -> None:
        if run_len:
            target = QRectF(rect.left(), rect.top() + run_start * line_h, rect.width(), run_len * line_h)
            source = QRectF(0, run_from * line_h * dpr, rect.width() * dpr, run_len * line_h * dpr)
            painter.drawPixmap(target, layer.pixmap, source)

    fold_font = body_font(theme, 9.0)
    for i, row in enumerate(layout.rows):
        j = -1 if row.fold else layer.row_at.get((row.line, row.start), -1)
        if j >= 0 and run_len and j == run_from + run_len and i == run_start + run_len:
            run_len += 1
            continue
        flush()
        run_start, run_from, run_len = i, j, 1 if j >= 0 else 0
        if row.fold:
            draw_text(
                painter,
                QRectF(rect.left() + layout.gutter, rect.top() + i * line_h, rect.width() - layout.gutter, line_h),
                translate("Panes", "⋯ {n} lines folded away").format(n=row.fold),
                fold_font,
                theme.text_dim,
            )
    flush()
    # a paused frame's line reads dimmer than the running one: a veil over its text, inside its band
    veil = with_alpha(theme.surface, 0.45)
    for line in dim_lines:
        at = layout.first_row.get(line)
        if at is not None:
            height = layout.row_count.get(line, 1) * line_h
            painter.fillRect(
                QRectF(
                    rect.left() + layout.gutter,
                    rect.top() + at * line_h + 2,
                    rect.width() - layout.gutter - 4,
                    height - 4,
                ),
                veil,
            )


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _draw_source(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    lines = highlighted_lines(model.source)
    fm = QFontMetricsF(code_font(theme))
    layout = layout_source(model, rect, theme)
    message = error_message_place(model, rect, layout, theme)
    if message is not None and message.band:  # the code gives the message its room at the bottom
        layout = layout_source(model, QRectF(rect.left(), rect.top(), rect.width(), message.code_height), theme)
    line_h, gutter = layout.line_h, layout.gutter

    def y_of(line: float) -> float:
        return _y_at(layout, rect.top(), line)

    def rows_of(line: float) -> int:
        return layout.row_count.get(round(line), 1)

    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, theme.surface)
    # Bands under the text: paused frames first, the running line on top of them.
    shown_marks = [m for m in model.marks if m.line in layout.first_row]
    for frame in shown_marks:
        if frame.status == RUNNING:
            continue
        band = QRectF(
            rect.left() + gutter - 4, y_of(frame.line), rect.width() - gutter + 2, line_h * rows_of(frame.line)
        )
        if frame.status == SUSPENDED:
            card(painter, band, with_alpha(theme.suspended, 0.12), theme.suspended, 1.0, dashed=True, radius=3)
        else:
            card(painter, band, with_alpha(theme.accent, 0.06), with_alpha(theme.accent, 0.6), 1.0, radius=3)
    if model.band_line > 0:
        band_h = line_h * rows_of(model.band_line)
        band = QRectF(rect.left() + gutter - 4, y_of(model.band_line), rect.width() - gutter + 2, band_h)
        card(painter, band, with_alpha(theme.running, 0.22), theme.running, 2.0, radius=3)
    if model.error_line > 0 and model.error_line in layout.first_row:
        band = QRectF(
            rect.left() + gutter - 4,
            y_of(model.error_line),
            rect.width() - gutter + 2,
            line_h * rows_of(model.error_line),
        )
        card(painter, band, with_alpha(theme.error, 0.12 if model.show_error else 0.05), theme.error, 1.5, radius=3)

    suspended_lines = {m.line for m in shown_marks if m.status == SUSPENDED}
    dim_lines = frozenset(n for n in suspended_lines if abs(n - model.band_line) > 0.5)
    _draw_text_rows(painter, rect, model, layout, dim_lines, theme)
    # Markers in the gutter, and names of paused frames at the end of their lines.
    marker_x = rect.left() + gutter - 20 * theme.font_scale
    for frame in shown_marks:
        y = y_of(model.band_line if frame.status == RUNNING and model.band_line > 0 else frame.line)
        _marker(painter, QRectF(marker_x, y + line_h * 0.15, 14 * theme.font_scale, line_h * 0.7), frame.status, theme)
        if frame.status in (SUSPENDED, WAITING):
            label = _status_label(frame)
            tag_font = body_font(theme, 8.5)
            width = QFontMetricsF(tag_font).horizontalAdvance(label) + 12
            # The tag sits at the end of the line's last row, never over its code (large text leaves
            # little room): it shrinks (its words elided) into the space after the code, or is left out.
            last = layout.first_row[frame.line] + rows_of(frame.line) - 1
            row = layout.rows[last]
            code = "".join(part for _, part in lines[frame.line - 1])[row.start : row.end].rstrip()
            indent = _hang_of(lines[frame.line - 1], row, max(1, int(rect.width() - gutter - 6)), fm)
            code_end = rect.left() + gutter + indent + fm.horizontalAdvance(code) + 8
            left = max(rect.right() - width - 4, code_end)
            width = min(width, rect.right() - 4 - left)
            if width < 40 * theme.font_scale:
                continue
            tag = QRectF(left, rect.top() + last * line_h + 2, width, line_h - 4)
            card(
                painter,
                tag,
                theme.surface,
                theme.suspended if frame.status == SUSPENDED else theme.accent,
                1.0,
                dashed=frame.status == SUSPENDED,
                radius=4,
            )
            draw_text(painter, tag, label, tag_font, theme.text, Qt.AlignmentFlag.AlignCenter)
    if message is not None:
        _draw_error(painter, message, model, theme)
    painter.restore()


MESSAGE_FACTORS = (0.9, 0.8, 0.7)  # the error message's type size when even its short words do not fit


@dataclass(frozen=True)
class MessagePlace:
    """Where the error's message goes: under its line, or in a band at the pane's bottom (the code above it)."""

    text: str
    font: QFont
    box: QRectF
    band: bool
    code_height: float  # the code area's height above the band
    whole: bool  # the message has all the lines it needs


def _message_font(theme: Theme, factor: float = 1.0) -> QFont:
    return body_font(theme, 9.5 * factor, bold=True)


def _message_height(text: str, font: QFont, width: float) -> float:
    """The message's box, `width` wide: its words wrapped (a word broken only when longer than the line)."""
    return wrapped_height(text, font, width - 16) + 8


def error_message_place(model: CodeModel, rect: QRectF, layout: SourceLayout, theme: Theme) -> MessagePlace | None:
    """Where the error's message goes, and in which words and type (None when no message is due).

    Under its line when it fits there; else in a band at the bottom of the pane, the code above it
    keeping the error's line in view: in full, then in fewer words, then in smaller type, the
    first that fits whole.
    """
    if not (model.error_line > 0 and model.show_error and model.error_message
            and model.error_line in layout.first_row):
        return None
    full = "✖ " + model.error_message
    font = _message_font(theme)
    under_w = rect.width() - layout.gutter - 8
    rows_down = layout.first_row[model.error_line] + layout.row_count.get(model.error_line, 1)
    below = rect.top() + rows_down * layout.line_h
    needed = _message_height(full, font, under_w)
    if below + 2 + needed <= rect.bottom():
        return MessagePlace(full, font, QRectF(rect.left() + layout.gutter, below + 2, under_w, needed), False,
                            rect.height(), True)
    least_code = _error_line_height(model, rect, theme)  # the error's line, all its rows, stays above the band
    words = "✖ " + model.error_short if model.error_short else full
    tiers = [(full, font), (words, font), *((words, _message_font(theme, f)) for f in MESSAGE_FACTORS)]
    band_w = rect.width() - 8
    for text, font in tiers:
        needed = _message_height(text, font, band_w)
        if rect.height() - needed - 4 >= least_code:
            break
    whole = rect.height() - needed - 4 >= least_code - 0.5
    height = needed if whole else max(0.0, rect.height() - least_code - 4)
    box = QRectF(rect.left() + 4, rect.bottom() - height - 2, band_w, height)
    return MessagePlace(text, font, box, True, box.top() - 2 - rect.top(), whole)


def _message_can_fit(model: CodeModel, rect: QRectF, theme: Theme) -> bool:
    """Whether the error's line and its message, in the fewest words and smallest type, fit in `rect`."""
    if not (model.error_line > 0 and model.show_error and model.error_message):
        return True
    words = "✖ " + (model.error_short or model.error_message)
    needed = _message_height(words, _message_font(theme, MESSAGE_FACTORS[-1]), rect.width() - 8)
    return _error_line_height(model, rect, theme) + needed + 4 <= rect.height()


def _error_line_height(model: CodeModel, rect: QRectF, theme: Theme) -> float:
    """The error's line, all its rows, in a code area `rect` wide."""
    segments = wrapped_source(model.source, _code_width(model, rect.width(), theme), theme.font_scale)
    rows = len(segments[model.error_line - 1]) if model.error_line <= len(segments) else 1
    return rows * _line_height(theme)


def _draw_error(painter: QPainter, place: MessagePlace, model: CodeModel, theme: Theme) -> None:
    """The error's message in its box, wrapped onto as many lines as it needs."""
    if not place.whole:
        fit.report("code", model.error_message, "", "clipped")
    card(painter, place.box, theme.background, theme.error, 1.5, radius=4)
    painter.save()
    painter.setClipRect(place.box)
    draw_wrapped_words(painter, place.box.adjusted(8, 4, -8, -4), place.text, place.font, theme.error)
    painter.restore()


def _status_label(mark: LineMark) -> str:
    if mark.count > 1:
        if mark.status == SUSPENDED:
            return translate("Panes", "‖ {name} and {n} more paused here").format(
                name=mark.name, n=f"{mark.count - 1:,}"
            )
        return translate("Panes", "{name} and {n} more wait here").format(name=mark.name, n=f"{mark.count - 1:,}")
    if mark.status == SUSPENDED:
        return translate("Panes", "‖ {name} paused here").format(name=mark.name)
    return translate("Panes", "{name} waits here").format(name=mark.name)


def _marker(painter: QPainter, box: QRectF, status: str, theme: Theme) -> None:
    """▶ running (filled), ▷ waiting (hollow), two bars for suspended, ○ created (ring)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = min(box.width(), box.height())
    cx, cy = box.center().x(), box.center().y()
    if status in (RUNNING, WAITING):
        path = QPainterPath(QPointF(cx - s / 2, cy - s / 2))
        path.lineTo(cx + s / 2, cy)
        path.lineTo(cx - s / 2, cy + s / 2)
        path.closeSubpath()
        colour = theme.running if status == RUNNING else theme.accent
        if status == RUNNING:
            painter.fillPath(path, colour)
        else:
            painter.setPen(QPen(colour, 1.8))
            painter.drawPath(path)
    elif status == SUSPENDED:
        w = s / 3.2
        painter.fillRect(QRectF(cx - s / 2.5, cy - s / 2, w, s), theme.suspended)
        painter.fillRect(QRectF(cx + s / 2.5 - w, cy - s / 2, w, s), theme.suspended)
    else:
        painter.setPen(QPen(theme.suspended, 1.5))
        painter.drawEllipse(QPointF(cx, cy), s / 2.6, s / 2.6)
    painter.restore()


def _status_text(status: str) -> str:
    return {
        RUNNING: translate("Panes", "running"),
        WAITING: translate("Panes", "waiting for a call to return"),
        SUSPENDED: translate("Panes", "suspended at yield"),
        CREATED: translate("Panes", "created, not started"),
    }.get(status, status)


def _fonts(theme: Theme) -> tuple[QFont, QFont, QFont, QFont, QFont]:
    """Heading, frame name, small text, variables, changed variables."""
    return (
        body_font(theme, 9.0, bold=True),
        body_font(theme, 10.0, bold=True),
        body_font(theme, 9.0),
        code_font(theme, 9.5),
        code_font(theme, 9.5, bold=True),
    )


def _row_height(theme: Theme) -> float:
    return QFontMetricsF(code_font(theme, 9.5)).height() * 1.15


def _card_height(theme: Theme, variables: int) -> float:
    return _row_height(theme) * (2 + max(1, variables)) + 8


def _card_width(model: CodeModel, theme: Theme) -> float:
    """Wide enough for the longest frame name beside its marker (names are never cut)."""
    name_fm = QFontMetricsF(_fonts(theme)[1])
    longest = max((name_fm.horizontalAdvance(f.name) for f in model.frames), default=0.0)
    return max(longest + 16 + 14 * theme.font_scale, 12 * QFontMetricsF(code_font(theme, 9.5)).horizontalAdvance("M"))


def _draw_frames(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    """The frames as a column of cards: the running frame first, then the paused ones."""
    painter.save()
    painter.setClipRect(rect)
    head, _, small, _, _ = _fonts(theme)
    row = _row_height(theme)
    draw_text(
        painter,
        QRectF(rect.left(), rect.top(), rect.width(), row),
        translate("Panes", "Frames and variables"),
        head,
        theme.text_dim,
    )
    y = rect.top() + row + 4
    shown = 0
    for frame in model.frames:
        height = _card_height(theme, len(frame.locals))
        if y + min(height, 2 * row + 8) > rect.bottom():
            break
        _draw_frame_card(painter, QRectF(rect.left(), y, rect.width(), height), frame, frame.locals, theme)
        shown += 1
        y += height + 6
    hidden = model.hidden_frames + len(model.frames) - shown
    if hidden and y < rect.bottom():
        draw_text(
            painter,
            QRectF(rect.left(), y, rect.width(), row),
            translate("Panes", "… and {n} more frames").format(n=f"{hidden:,}"),
            small,
            theme.text_dim,
        )
    painter.restore()


def _draw_frame_strip(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    """The frames as a row of cards under the code, as many as fit whole; "+N" says how many more."""
    painter.save()
    painter.setClipRect(rect)
    _, name_font, small, mono, _ = _fonts(theme)
    name_fm, mono_fm = QFontMetricsF(name_font), QFontMetricsF(mono)
    more_w = QFontMetricsF(small).horizontalAdvance("+00,000") + 8
    x = rect.left()
    for n, frame in enumerate(model.frames):
        locals_ = frame.locals[:STRIP_LOCALS]
        width = max(
            name_fm.horizontalAdvance(frame.name) + 16 + 14 * theme.font_scale,
            min(
                max((mono_fm.horizontalAdvance(f"{k} = {v}") for k, v, _ in locals_), default=0.0) + 16,
                10 * mono_fm.horizontalAdvance("M"),
            ),
        )
        room = rect.right() - x - (more_w if n + 1 < len(model.frames) else 0)
        if width > room:
            if n == 0:
                width = room  # the running frame is always shown (its name is reported if cut)
            else:
                hidden = model.hidden_frames + len(model.frames) - n
                draw_text(
                    painter,
                    QRectF(x, rect.top(), rect.right() - x, rect.height()),
                    f"+{hidden:,}",
                    small,
                    theme.text_dim,
                )
                break
        _draw_frame_card(painter, QRectF(x, rect.top(), width, rect.height()), frame, locals_, theme)
        x += width + 6
    painter.restore()


def _draw_frame_card(
    painter: QPainter,
    box: QRectF,
    frame: FrameMark,
    variables: tuple[tuple[str, str, bool], ...],
    theme: Theme,
) -> None:
    """One frame: marker and name (never cut), its line and state, then its variables."""
    _, name_font, small, mono, mono_bold = _fonts(theme)
    row = _row_height(theme)
    y = box.top()
    border = {RUNNING: theme.running, SUSPENDED: theme.suspended, WAITING: theme.accent}.get(frame.status, theme.grid)
    card(
        painter,
        box,
        theme.surface,
        border,
        2.0 if frame.status == RUNNING else 1.0,
        dashed=frame.status in (SUSPENDED, CREATED),
    )
    _marker(painter, QRectF(box.left() + 6, y + 4, 12 * theme.font_scale, row - 4), frame.status, theme)
    name_left = box.left() + 10 + 14 * theme.font_scale
    draw_text(
        painter,
        QRectF(name_left, y + 2, box.right() - name_left - 6, row),
        frame.name,
        name_font,
        theme.text,
        essential="code",
    )
    state = translate("Panes", "line {line}").format(line=frame.line) + " · " + _status_text(frame.status)
    draw_text(painter, QRectF(box.left() + 8, y + row, box.width() - 16, row), state, small, theme.text_dim)
    ly = y + 2 * row
    if not variables:
        draw_text(
            painter,
            QRectF(box.left() + 8, ly, box.width() - 16, row),
            translate("Panes", "(no variables yet)"),
            small,
            theme.text_dim,
        )
    for name, value, changed in variables:
        if ly + row > box.bottom():
            break
        text_colour = theme.text if frame.status != SUSPENDED else theme.text_dim
        if changed:
            painter.fillRect(QRectF(box.left() + 4, ly, box.width() - 8, row), with_alpha(theme.accent, 0.15))
        draw_text(
            painter,
            QRectF(box.left() + 8, ly, box.width() - 16, row),
            f"{name} = {value}",
            mono_bold if changed else mono,
            text_colour,
        )
        ly += row
