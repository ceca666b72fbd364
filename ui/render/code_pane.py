"""The code pane: the program, highlighted, with the running line and every paused frame.

Owns the code model (source lines, frame markers, variables) and its drawing. The
running line is a solid band with a filled ▶; frames waiting on a callee get a hollow
▷; suspended generators/coroutines a dimmed, dashed band with a pause mark and their name, so
state reads by shape as well as colour. The band glides to the next line by the
scene's fraction. Variables of each frame are listed beside the code.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from pygments.lexers import PythonLexer
from pygments.token import Comment, Keyword, Name, Number, String, Token, _TokenType
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap

from simulator.state import Snapshot
from simulator.trace import Trace
from ui.render.common import PAD, body_font, card, code_font, draw_text, lerp, pane_frame, with_alpha
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
    return CodeModel(
        file=file,
        source=source,
        frames=tuple(frames),
        hidden_frames=len(everyone) - len(frames),
        marks=marks,
        band_line=band,
        error_line=outcome.line if error_here else -1,
        error_message=outcome.message if error_here else "",
        show_error=scene.index >= len(trace) - 1,
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
def draw_code(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    """Draw the code pane into `rect`."""
    title = translate("Panes", "Code") + (f" · {_basename(model.file)}" if model.file else "")
    content = pane_frame(painter, rect, theme, title)
    if not model.source:
        draw_text(painter, content, translate("Panes", "No source to show."), body_font(theme), theme.text_dim)
        return
    side_width = min(max(content.width() * 0.34, 180.0), 360.0 * theme.font_scale) if content.width() > 480 else 0.0
    code_rect = QRectF(
        content.left(), content.top(), content.width() - side_width - (PAD if side_width else 0), content.height()
    )
    _draw_source(painter, code_rect, model, theme)
    if side_width:
        _draw_frames(
            painter, QRectF(code_rect.right() + PAD, content.top(), side_width, content.height()), model, theme
        )


_TEXT_LAYERS: dict[tuple[object, ...], QPixmap] = {}


def _text_layer(
    painter: QPainter,
    source: str,
    first: int,
    last: int,
    geometry: tuple[float, float, float],
    dim_lines: frozenset[int],
    theme: Theme,
) -> QPixmap:
    """Line numbers and highlighted source, lines `first`..`last`, on a transparent pixmap.

    The text changes only when the view scrolls, the theme changes or a line dims,
    not on every animation frame, so it is drawn once and reused.
    """
    width, line_h, gutter = geometry
    device = painter.device()
    dpr = device.devicePixelRatioF() if device is not None else 1.0
    key = (source, first, last, geometry, dim_lines, theme.name, theme.font_scale, id(theme), dpr)
    layer = _TEXT_LAYERS.get(key)
    if layer is not None:
        return layer
    height = (last - first + 2) * line_h
    layer = QPixmap(max(1, round(width * dpr)), max(1, round(height * dpr)))
    layer.setDevicePixelRatio(dpr)
    layer.fill(Qt.GlobalColor.transparent)
    lines = highlighted_lines(source)
    font, bold = code_font(theme), code_font(theme, bold=True)
    fm, fm_bold = QFontMetricsF(font), QFontMetricsF(bold)
    text_painter = QPainter(layer)
    try:
        text_painter.setRenderHints(painter.renderHints())
        for n in range(first, last + 1):
            y = (n - first) * line_h
            text_painter.setFont(font)
            text_painter.setPen(theme.text_dim)
            text_painter.drawText(
                QRectF(0, y, gutter - 22 * theme.font_scale, line_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(n),
            )
            x = gutter
            baseline = y + (line_h + fm.ascent() - fm.descent()) / 2
            for token, text in lines[n - 1]:
                colour = _token_colour(theme, token)
                if n in dim_lines:
                    colour = with_alpha(colour, 0.55)
                is_bold = token in Keyword
                text_painter.setPen(colour)
                text_painter.setFont(bold if is_bold else font)
                text_painter.drawText(QPointF(x, baseline), text)
                x += (fm_bold if is_bold else fm).horizontalAdvance(text)
    finally:
        text_painter.end()
    if len(_TEXT_LAYERS) > 8:
        _TEXT_LAYERS.clear()
    _TEXT_LAYERS[key] = layer
    return layer


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _draw_source(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    lines = highlighted_lines(model.source)
    font = code_font(theme)
    fm = QFontMetricsF(font)
    line_h = fm.height() * 1.3
    gutter = fm.horizontalAdvance("0000") + 28.0 * theme.font_scale
    visible = max(1, int(rect.height() // line_h))
    focus = model.band_line if model.band_line > 0 else max(1, model.error_line)
    first = 1 if len(lines) <= visible else int(min(max(1.0, focus - visible / 2.0), len(lines) - visible + 1))

    def y_of(line: float) -> float:
        return rect.top() + (line - first) * line_h

    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, theme.surface)
    # Bands under the text: paused frames first, the running line on top of them.
    last_visible = first + visible + 1
    shown_marks = [m for m in model.marks if first - 1 <= m.line <= last_visible]
    for frame in shown_marks:
        if frame.status == RUNNING:
            continue
        band = QRectF(rect.left() + gutter - 4, y_of(frame.line), rect.width() - gutter + 2, line_h)
        if frame.status == SUSPENDED:
            card(painter, band, with_alpha(theme.suspended, 0.12), theme.suspended, 1.0, dashed=True, radius=3)
        else:
            card(painter, band, with_alpha(theme.accent, 0.06), with_alpha(theme.accent, 0.6), 1.0, radius=3)
    if model.band_line > 0:
        band = QRectF(rect.left() + gutter - 4, y_of(model.band_line), rect.width() - gutter + 2, line_h)
        card(painter, band, with_alpha(theme.running, 0.22), theme.running, 2.0, radius=3)
    if model.error_line > 0:
        band = QRectF(rect.left() + gutter - 4, y_of(model.error_line), rect.width() - gutter + 2, line_h)
        card(painter, band, with_alpha(theme.error, 0.12 if model.show_error else 0.05), theme.error, 1.5, radius=3)

    suspended_lines = {m.line for m in shown_marks if m.status == SUSPENDED}
    dim_lines = frozenset(n for n in suspended_lines if abs(n - model.band_line) > 0.5)
    last = min(len(lines), first + visible + 1)
    layer = _text_layer(painter, model.source, first, last, (rect.width(), line_h, gutter), dim_lines, theme)
    painter.drawPixmap(QPointF(rect.left(), rect.top()), layer)
    # Markers in the gutter, and names of paused frames at the end of their lines.
    marker_x = rect.left() + gutter - 20 * theme.font_scale
    for frame in shown_marks:
        y = y_of(model.band_line if frame.status == RUNNING and model.band_line > 0 else frame.line)
        _marker(painter, QRectF(marker_x, y + line_h * 0.15, 14 * theme.font_scale, line_h * 0.7), frame.status, theme)
        if frame.status in (SUSPENDED, WAITING):
            label = _status_label(frame)
            tag_font = body_font(theme, 8.5)
            width = QFontMetricsF(tag_font).horizontalAdvance(label) + 12
            # The tag sits at the end of the line but never over its code (large text leaves little room):
            # it shrinks (its words elided) into the space after the code, or is left out.
            code = "".join(part for _, part in lines[frame.line - 1]).rstrip() if frame.line <= len(lines) else ""
            code_end = rect.left() + gutter + fm.horizontalAdvance(code) + 8
            left = max(rect.right() - width - 4, code_end)
            width = min(width, rect.right() - 4 - left)
            if width < 40 * theme.font_scale:
                continue
            tag = QRectF(left, y + 2, width, line_h - 4)
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
    if model.error_line > 0 and model.show_error and model.error_message:
        msg_font = body_font(theme, 9.5, bold=True)
        y = y_of(model.error_line) + line_h
        box = QRectF(rect.left() + gutter, y + 2, rect.width() - gutter - 8, line_h * 1.2)
        card(painter, box, theme.background, theme.error, 1.5, radius=4)
        draw_text(painter, box.adjusted(8, 0, -8, 0), "✖ " + model.error_message, msg_font, theme.error)
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


def _draw_frames(painter: QPainter, rect: QRectF, model: CodeModel, theme: Theme) -> None:
    painter.save()
    painter.setClipRect(rect)
    head = body_font(theme, 9.0, bold=True)
    name_font = body_font(theme, 10.0, bold=True)
    small = body_font(theme, 9.0)
    mono = code_font(theme, 9.5)
    mono_bold = code_font(theme, 9.5, bold=True)
    fm = QFontMetricsF(mono)
    row = fm.height() * 1.15
    draw_text(
        painter,
        QRectF(rect.left(), rect.top(), rect.width(), row),
        translate("Panes", "Frames and variables"),
        head,
        theme.text_dim,
    )
    y = rect.top() + row + 4
    # The running frame first: it is what the learner looks at; then the paused ones.
    for frame in model.frames:
        if y > rect.bottom():
            break
        height = row * (2 + max(1, len(frame.locals))) + 8
        box = QRectF(rect.left(), y, rect.width(), height)
        border = {RUNNING: theme.running, SUSPENDED: theme.suspended, WAITING: theme.accent}.get(
            frame.status, theme.grid
        )
        card(
            painter,
            box,
            theme.surface,
            border,
            2.0 if frame.status == RUNNING else 1.0,
            dashed=frame.status in (SUSPENDED, CREATED),
        )
        _marker(painter, QRectF(box.left() + 6, y + 4, 12 * theme.font_scale, row - 4), frame.status, theme)
        where = "  · " + translate("Panes", "line {line}").format(line=frame.line)
        name_left = box.left() + 10 + 14 * theme.font_scale
        name_rect = QRectF(name_left, y + 2, box.right() - name_left - 6, row)
        name_fm = QFontMetricsF(name_font)
        # with large text the name gives way, never the line number
        name = name_fm.elidedText(
            frame.name, Qt.TextElideMode.ElideRight, max(0.0, name_rect.width() - name_fm.horizontalAdvance(where))
        )
        draw_text(
            painter,
            name_rect,
            name + where,
            name_font,
            theme.text,
        )
        draw_text(
            painter,
            QRectF(box.left() + 8, y + row, box.width() - 16, row),
            _status_text(frame.status),
            small,
            theme.text_dim,
        )
        ly = y + 2 * row
        if not frame.locals:
            draw_text(
                painter,
                QRectF(box.left() + 8, ly, box.width() - 16, row),
                translate("Panes", "(no variables yet)"),
                small,
                theme.text_dim,
            )
        for name, value, changed in frame.locals:
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
        y += height + 6
    if model.hidden_frames and y < rect.bottom():
        draw_text(
            painter,
            QRectF(rect.left(), y, rect.width(), row),
            translate("Panes", "… and {n} more frames").format(n=f"{model.hidden_frames:,}"),
            small,
            theme.text_dim,
        )
    painter.restore()
