"""The metrics pane: for each model, OS switches (voluntary / involuntary), task switches, CPU split, makespan, memory.

Owns `draw_metrics(painter, rect, results, theme)`, a pure render function, and the thin
`MetricsPane` widget around it. The CPU split bar tells useful, switching, start-up and
idle apart by pattern as well as colour. It is a table when every column fits whole,
and a block per model (figures as wrapping labelled pairs) when not, so no figure is
ever cut; `metrics_height` says how tall that is at a width. Never simulates.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.compare import ModelResult
from ui.compare.reading import switching_pct
from ui.compare.style import MODEL_ORDER, draw_marker, format_bytes, format_count, format_seconds, model_style
from ui.render import fit
from ui.theme import LIGHT, Theme

translate = QCoreApplication.translate


def _font(theme: Theme, size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size * theme.font_scale)
    font.setBold(bold)
    return font


def ordered(results: Sequence[ModelResult]) -> list[ModelResult]:
    """Results in the fixed model order (unknown models last)."""
    rank = {name: i for i, name in enumerate(MODEL_ORDER)}
    return sorted(results, key=lambda r: rank.get(r.name, len(rank)))


def split_brushes(theme: Theme) -> dict[str, QBrush]:
    """useful: solid; switching: cross-hatched; start-up: diagonal lines; idle: sparse dots (pattern AND colour)."""
    return {
        "useful": QBrush(theme.running, Qt.BrushStyle.SolidPattern),
        "switching": QBrush(theme.waiting_lock, Qt.BrushStyle.DiagCrossPattern),
        "startup": QBrush(theme.blocked_io, Qt.BrushStyle.BDiagPattern),
        "idle": QBrush(theme.text_dim, Qt.BrushStyle.Dense6Pattern),
    }


PAD = 8
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)


def _columns() -> list[str]:
    return [
        translate("Compare", "model"),
        translate("Compare", "makespan"),
        translate("Compare", "throughput (tasks/s)"),
        translate("Compare", "OS switches (vol / invol)"),
        translate("Compare", "task switches"),
        translate("Compare", "memory"),
        translate("Compare", "CPU: useful / switching / start-up / idle"),
    ]


def _cells(r: ModelResult, theme: Theme) -> list[str]:
    return [
        model_style(r.name, theme).label, format_seconds(r.makespan_s), format_count(round(r.throughput_per_s, 1)),
        f"{format_count(r.voluntary_switches)} / {format_count(r.involuntary_switches)}",
        format_count(r.task_switches) if r.task_switches else "—",
        format_bytes(r.memory_bytes),
    ]


def _table_widths(width: int, results: Sequence[ModelResult], theme: Theme) -> list[int] | None:
    """Column widths for a one-line row per model, or None when they cannot all fit whole."""
    head_fm, fm = QFontMetrics(_font(theme, 8.5, bold=True)), QFontMetrics(_font(theme, 9.0))
    marker = int(18 * theme.font_scale)
    need = []
    for i, title in enumerate(_columns()[:-1]):
        words = max(head_fm.horizontalAdvance(w) for w in title.split())
        cells = max((fm.horizontalAdvance(_cells(r, theme)[i]) for r in results), default=0)
        need.append(max(words, cells + (marker if i == 0 else 0)) + 12)
    bar_min = int(150 * theme.font_scale)
    spare = width - 2 * PAD - sum(need) - bar_min
    if spare < 0:
        return None
    return [w + spare // (2 * len(need)) for w in need]  # half the spare widens the columns, half the bar


def metrics_height(width: int, results: Sequence[ModelResult], theme: Theme) -> int:
    """The height the pane needs at `width` to show every figure whole."""
    fm = QFontMetrics(_font(theme, 9.0))
    row_h = max(fm.height() + 10, int(24 * theme.font_scale))
    widths = _table_widths(width, results, theme) if results else None
    if widths is not None or not results:
        return PAD + _header_height(width, widths, theme) + 8 + row_h * max(4, len(results)) + PAD
    per_row, block_w = _block_grid(width, theme)
    blocks = [_block_height(block_w, r, theme) for r in ordered(results)]
    return PAD + sum(max(blocks[i:i + per_row]) for i in range(0, len(blocks), per_row)) + PAD


def _block_grid(width: int, theme: Theme) -> tuple[int, int]:
    """Blocks side by side (two when each still has room for a long labelled pair), and each one's width."""
    fm = QFontMetrics(_font(theme, 9.0))
    two = (width - 2 * PAD) // 2
    if two >= 36 * fm.averageCharWidth():
        return 2, two
    return 1, width - 2 * PAD


def _header_height(width: int, widths: list[int] | None, theme: Theme) -> int:
    head_fm = QFontMetrics(_font(theme, 8.5, bold=True))
    if widths is None:
        return head_fm.height()
    last = width - 2 * PAD - sum(widths)
    return max(head_fm.boundingRect(QRect(0, 0, max(1, w - 6), 1000), WRAP, t).height()
               for t, w in zip(_columns(), [*widths, last], strict=True))


def _pairs(r: ModelResult, theme: Theme, inner: int) -> str:
    """'makespan 0.65 s   throughput (tasks/s) 1.53k   ...': each label held to its value where the pair fits
    on a line of `inner` pixels, else free to wrap (a word wider than a line is reported)."""
    fm = QFontMetrics(_font(theme, 9.0))
    titles, cells = _columns(), _cells(r, theme)
    pairs = []
    for title, cell in zip(titles[1:6], cells[1:], strict=True):
        pair = f"{title} {cell}"
        held = pair.replace(" ", "\u00a0")
        if fm.horizontalAdvance(held) <= inner:
            pairs.append(held)
            continue
        pairs.append(pair)
        if fm.boundingRect(QRect(0, 0, inner, 10_000), WRAP, pair).width() > inner:  # a word longer than a line
            fit.report("compare", pair, "", "clipped")
    return "   ".join(pairs)


def _block_height(width: int, r: ModelResult, theme: Theme) -> int:
    fm = QFontMetrics(_font(theme, 9.0))
    row_h = max(fm.height() + 10, int(24 * theme.font_scale))
    inner = max(1, width - 2 * PAD - int(18 * theme.font_scale))  # as _draw_block lays it out
    text_h = fm.boundingRect(QRect(0, 0, inner, 10_000), WRAP, _pairs(r, theme, inner)).height()
    bold = QFontMetrics(_font(theme, 9.0, bold=True))
    name_h = bold.boundingRect(QRect(0, 0, inner, 10_000), WRAP, model_style(r.name, theme).label).height()
    return name_h + 4 + row_h + text_h + 10


def draw_metrics(painter: QPainter, rect: QRect, results: Sequence[ModelResult], theme: Theme) -> None:
    """Per model: name, makespan, throughput, OS switches (vol / invol), task switches, memory, CPU split bar.

    A table when every column fits whole on one line; otherwise a block per model (its name,
    its CPU bar, then its figures as labelled pairs that wrap), so no figure is ever cut.
    """
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    head, body = _font(theme, 8.5, bold=True), _font(theme, 9.0)
    fm = QFontMetrics(body)
    row_h = max(fm.height() + 10, int(24 * theme.font_scale))
    widths = _table_widths(rect.width(), results, theme) if results else _table_widths(rect.width(), [], theme)
    if results and widths is None:
        _draw_blocks(painter, rect, ordered(results), theme)
        painter.restore()
        return
    columns = _columns()
    x_of = [rect.x() + PAD]
    if widths is None:  # no results yet and a narrow pane: no table header to draw
        columns = columns[:1]
    else:
        for w in widths:
            x_of.append(x_of[-1] + w)
    painter.setFont(head)
    painter.setPen(theme.text_dim)
    y = rect.y() + PAD
    head_h = _header_height(rect.width(), widths, theme)
    for i, (title, x) in enumerate(zip(columns, x_of, strict=True)):
        width = (x_of[i + 1] if i + 1 < len(x_of) else rect.right() - PAD) - x - 6
        painter.drawText(QRect(x, y, max(1, width), head_h), WRAP, title)
    y += head_h + 8
    painter.setPen(QPen(theme.grid, 1))
    painter.drawLine(rect.x() + PAD, y - 5, rect.right() - PAD, y - 5)
    if not results:
        painter.setFont(body)
        painter.setPen(theme.text_dim)
        painter.drawText(QPointF(x_of[0], y + fm.ascent()), translate("Compare", "simulating…"))
        painter.restore()
        return
    brushes = split_brushes(theme)
    for r in ordered(results):
        style = model_style(r.name, theme)
        painter.setPen(QPen(style.colour, 1.5))
        painter.setBrush(style.colour)
        draw_marker(painter, QPointF(x_of[0] + 6, y + row_h / 2 - 4), style.marker, 9 * theme.font_scale)
        painter.setFont(body)
        painter.setPen(theme.text)
        for i, text in enumerate(_cells(r, theme)):
            x = x_of[i] + (int(18 * theme.font_scale) if i == 0 else 0)
            painter.drawText(QPointF(x, y + fm.ascent()), text)  # the widths were chosen so it fits whole
        _split_bar(painter, QRectF(x_of[-1], y, rect.right() - PAD - x_of[-1], row_h - 10), r, brushes, theme)
        y += row_h
    painter.restore()


def _draw_blocks(painter: QPainter, rect: QRect, results: list[ModelResult], theme: Theme) -> None:
    per_row, block_w = _block_grid(rect.width(), theme)
    top = rect.y() + PAD
    for i in range(0, len(results), per_row):
        row = results[i:i + per_row]
        for k, r in enumerate(row):
            _draw_block(painter, QRect(rect.x() + k * block_w, top, block_w, 0), r, theme)
        top += max(_block_height(block_w, r, theme) for r in row)


def _draw_block(painter: QPainter, rect: QRect, r: ModelResult, theme: Theme) -> None:
    """One model: marker and name, its CPU bar, its figures as wrapping labelled pairs, from rect's top."""
    body = _font(theme, 9.0)
    fm = QFontMetrics(body)
    row_h = max(fm.height() + 10, int(24 * theme.font_scale))
    brushes = split_brushes(theme)
    indent = int(18 * theme.font_scale)
    inner = max(1, rect.width() - 2 * PAD - indent)
    y = rect.y()
    style = model_style(r.name, theme)
    painter.setPen(QPen(style.colour, 1.5))
    painter.setBrush(style.colour)
    draw_marker(painter, QPointF(rect.x() + PAD + 6, y + fm.height() / 2), style.marker, 9 * theme.font_scale)
    painter.setFont(_font(theme, 9.0, bold=True))
    painter.setPen(theme.text)
    name = QRect(rect.x() + PAD + indent, y, inner, 10_000)
    name_h = QFontMetrics(painter.font()).boundingRect(name, WRAP, style.label).height()
    painter.drawText(name, WRAP, style.label)
    y += name_h + 4
    _split_bar(painter, QRectF(rect.x() + PAD + indent, y, inner, row_h - 10), r, brushes, theme)
    y += row_h
    painter.setFont(body)
    text = _pairs(r, theme, inner)
    box = QRect(rect.x() + PAD + indent, y, inner, 10_000)
    text_h = fm.boundingRect(box, WRAP, text).height()
    painter.drawText(box, WRAP, text)
    y += text_h + 10


def switching_labels(pct: float) -> tuple[str, str]:
    """The switching share written beside a CPU bar, in full and short ("41% of busy CPU switching",
    "41% switching"): the short form where the full one does not fit (the pane's tooltip says it in full)."""
    shown = f"{pct:.0f}"
    return (translate("Compare", "{pct}% of busy CPU switching").format(pct=shown),
            translate("Compare", "{pct}% switching").format(pct=shown))


def _split_bar(painter: QPainter, area: QRectF, r: ModelResult, brushes: dict[str, QBrush], theme: Theme) -> None:
    """The bar, then its switching share written beside it (never over a part of the bar)."""
    total = r.cpu_useful_s + r.cpu_switching_s + r.cpu_startup_s + r.cpu_idle_s
    if total <= 0 or area.width() <= 0:
        return
    # the share of the CPU the model kept busy that went to switching (idle CPU is nobody's cost):
    # the label says "of busy CPU" because the bar beside it also shows the idle time
    painter.setFont(_font(theme, 8.0))
    fm = QFontMetrics(painter.font())
    # every row's bar equally long: the label's room is that of its widest form at 100%
    # that fits beside a bar of at least 30% of the cell
    widest = [fm.horizontalAdvance(form) for form in switching_labels(100)]
    text_w = next((w for w in widest if area.width() - w - 8 >= area.width() * 0.3), widest[-1])
    label = switching_labels(switching_pct(r))[widest.index(text_w)]
    bar = QRectF(area.x(), area.y(), max(area.width() * 0.3, area.width() - text_w - 8), area.height())
    x = bar.x()
    for part, seconds in (("useful", r.cpu_useful_s), ("switching", r.cpu_switching_s),
                          ("startup", r.cpu_startup_s), ("idle", r.cpu_idle_s)):
        w = bar.width() * seconds / total
        painter.fillRect(QRectF(x, bar.y(), w, bar.height()), theme.background)
        painter.fillRect(QRectF(x, bar.y(), w, bar.height()), brushes[part])
        x += w
    painter.setPen(QPen(theme.text, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(bar)
    room = int(area.right() - bar.right() - 6)
    shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, room)
    if shown != label:
        fit.report("compare", label, shown)
    painter.drawText(QPointF(bar.right() + 6, bar.center().y() + fm.ascent() / 2 - 1), shown)


class MetricsPane(QWidget):
    """Shows the latest per-model results."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self._theme = theme
        self._results: list[ModelResult] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(translate(
            "Compare", "Per model: makespan, throughput, context switches, memory and where the CPU time went. "
            "The % beside each bar is the share of the busy CPU (useful, switching, start-up) spent switching."))

    def sizeHint(self) -> QSize:
        return QSize(720, int(170 * self._theme.font_scale))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return metrics_height(width, self._results, self._theme)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, metrics_height(max(200, self.width()), self._results, self._theme))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(metrics_height(self.width(), self._results, self._theme))

    def set_results(self, results: Sequence[ModelResult]) -> None:
        self._results = list(results)
        self.setMinimumHeight(metrics_height(self.width(), self._results, self._theme))
        self.update()

    def results(self) -> list[ModelResult]:
        return list(self._results)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setMinimumHeight(metrics_height(self.width(), self._results, self._theme))
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_metrics(painter, self.rect(), self._results, self._theme)
        painter.end()
