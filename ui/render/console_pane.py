"""The console pane: the program's output exactly as far as the playhead has got.

Owns the console model (the tail of `trace.console[:console_end]`, plus the text being
written right now, typed in by the fraction) and its drawing. A long line wraps onto the
next rows, as in a terminal. Only the lines that fit are ever looked at, so a program that
printed a million lines costs no more than one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from simulator.kinds import OUTPUT_KINDS
from ui.render.code_rows import wrap_line
from ui.render.common import PAD, card, code_font, draw_text, pane_frame, title_height
from ui.scene import Scene
from ui.theme import Theme

translate = QCoreApplication.translate
TAIL_LINES = 200  # more than any screen shows
TAIL_CHARS = 40_000


@dataclass(frozen=True)
class ConsoleModel:
    """The last lines of output, oldest first; `total_lines` counts every line so far."""

    lines: tuple[str, ...]
    total_lines: int
    typing: bool  # the last line is being written right now


def build_console_model(scene: Scene) -> ConsoleModel:
    """The console's model at this scene."""
    console = scene.trace.console
    end = scene.snapshot.console_end
    typing = False
    coming = scene.coming
    if coming is not None and coming.kind in OUTPUT_KINDS and coming.text:
        end += int(len(coming.text) * scene.fraction)
        typing = scene.fraction > 0
    return _tail(console, end, typing)


def _tail(console: str, end: int, typing: bool) -> ConsoleModel:
    start = max(0, end - TAIL_CHARS)
    lines = console[start:end].split("\n")
    if start > 0:
        lines = lines[1:]  # the first piece may be a cut line
    if lines and lines[-1] == "" and not typing:
        lines = lines[:-1]
    total = console.count("\n", 0, end) + (1 if end and console[end - 1] != "\n" else 0)
    return ConsoleModel(tuple(lines[-TAIL_LINES:]), total, typing)


def least_height(theme: Theme) -> float:
    """The pane's height for its title and one whole line of output."""
    return title_height(theme) + QFontMetricsF(code_font(theme, 10.0)).height() * 1.15 + 8 + PAD


def draw_console(painter: QPainter, rect: QRectF, model: ConsoleModel, theme: Theme) -> None:
    """Draw the console pane into `rect`: newest line at the bottom, like a terminal."""
    title = translate("Panes", "Console") + "  " + translate("Panes", "({n} lines)").format(n=model.total_lines)
    content = pane_frame(painter, rect, theme, title)
    card(painter, content, theme.surface, theme.grid, 1.0, radius=4)
    inner = content.adjusted(8, 4, -8, -4)
    font = code_font(theme, 10.0)
    line_h = QFontMetricsF(font).height() * 1.15
    if not model.lines:
        draw_text(
            painter,
            QRectF(inner.left(), inner.top(), inner.width(), line_h),
            translate("Panes", "(no output yet)"),
            font,
            theme.text_dim,
        )
        return
    fits = max(1, int(inner.height() // line_h))
    rows = _last_rows(model, font, inner.width(), fits)
    painter.save()
    painter.setClipRect(inner)
    y = inner.top()
    for row in rows:
        draw_text(painter, QRectF(inner.left(), y, inner.width(), line_h), row, font, theme.text, elide=False)
        y += line_h
    painter.restore()


def _last_rows(model: ConsoleModel, font: QFont, width: float, fits: int) -> list[str]:
    """The last `fits` rows of output, long lines wrapped as a terminal wraps them (nothing cut at the edge)."""
    fm = QFontMetricsF(font)
    widths: dict[str, float] = {}

    def advance(ch: str) -> float:
        w = widths.get(ch)
        if w is None:
            w = widths[ch] = fm.horizontalAdvance(ch)
        return w

    rows: list[str] = []
    for n in range(len(model.lines) - 1, -1, -1):
        line = model.lines[n] + ("▌" if n == len(model.lines) - 1 and model.typing else "")
        pieces = [line[a:b] for a, b in wrap_line(line, max(1.0, width), advance)]
        rows[:0] = pieces
        if len(rows) >= fits:
            break
    return rows[-fits:]
