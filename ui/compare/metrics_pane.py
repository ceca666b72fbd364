"""The metrics pane: for each model, OS switches (voluntary / involuntary), task switches, CPU split, makespan, memory.

Owns `draw_metrics(painter, rect, results, theme)`, a pure render function, and the thin
`MetricsPane` widget around it. The CPU split bar tells useful, switching, start-up and
idle apart by pattern as well as colour. Headers wrap onto two lines at large text;
essential text that still does not fit is reported to ui.render.fit. Never simulates.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.compare import ModelResult
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


def draw_metrics(painter: QPainter, rect: QRect, results: Sequence[ModelResult], theme: Theme) -> None:
    """A row per model: name, makespan, throughput, switches (vol / invol), memory, and the CPU split bar."""
    painter.save()
    painter.fillRect(rect, theme.background)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    head, body = _font(theme, 8.5, bold=True), _font(theme, 9.0)
    fm = QFontMetrics(body)
    row_h = max(fm.height() + 10, int(24 * theme.font_scale))
    pad = 8
    columns = [
        (translate("Compare", "model"), 0.2),
        (translate("Compare", "makespan"), 0.1),
        (translate("Compare", "throughput /s"), 0.1),
        (translate("Compare", "OS switches (vol / invol)"), 0.15),
        (translate("Compare", "task switches"), 0.1),
        (translate("Compare", "memory"), 0.09),
        (translate("Compare", "CPU: useful / switching / start-up / idle"), 0.26),
    ]
    x_of = [rect.x() + pad]
    for _, share in columns[:-1]:
        x_of.append(x_of[-1] + int((rect.width() - 2 * pad) * share))
    painter.setFont(head)
    painter.setPen(theme.text_dim)
    y = rect.y() + pad
    head_fm = QFontMetrics(head)
    head_h = head_fm.height()
    wrap = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
    boxes = []
    for i, ((title, _), x) in enumerate(zip(columns, x_of, strict=True)):
        width = (x_of[i + 1] if i + 1 < len(x_of) else rect.right() - pad) - x - 6  # large text must not collide
        box = QRect(x, y, max(1, width), 3 * head_h)
        need = head_fm.boundingRect(box, wrap, title)
        head_h = max(head_h, min(need.height(), 2 * head_fm.height()))  # a header may take two lines
        boxes.append((title, box, width))
    for title, box, width in boxes:
        box.setHeight(head_h)
        need = head_fm.boundingRect(QRect(box.x(), box.y(), box.width(), 10 * head_h), wrap, title)
        widest = max((head_fm.horizontalAdvance(word) for word in title.split()), default=0)
        if need.height() > head_h or widest > width:
            shown = head_fm.elidedText(title, Qt.TextElideMode.ElideRight, width)
            fit.report("compare", title, shown)
            painter.drawText(QPointF(box.x(), box.y() + head_fm.ascent()), shown)
        else:
            painter.drawText(box, wrap, title)
    y += head_h + 8
    painter.setPen(QPen(theme.grid, 1))
    painter.drawLine(rect.x() + pad, y - 5, rect.right() - pad, y - 5)
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
        cells = [
            style.label, format_seconds(r.makespan_s), format_count(round(r.throughput_per_s, 1)),
            f"{format_count(r.voluntary_switches)} / {format_count(r.involuntary_switches)}",
            format_count(r.task_switches) if r.task_switches else "—",
            format_bytes(r.memory_bytes),
        ]
        for i, text in enumerate(cells):
            x = x_of[i] + (int(18 * theme.font_scale) if i == 0 else 0)
            width = x_of[i + 1] - x - 6
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
            if shown != text:
                fit.report("compare", text, shown)
            painter.drawText(QPointF(x, y + fm.ascent()), shown)
        _split_bar(painter, QRectF(x_of[-1], y, rect.right() - pad - x_of[-1], row_h - 10), r, brushes, theme)
        y += row_h
    painter.restore()


def _split_bar(painter: QPainter, bar: QRectF, r: ModelResult, brushes: dict[str, QBrush], theme: Theme) -> None:
    total = r.cpu_useful_s + r.cpu_switching_s + r.cpu_startup_s + r.cpu_idle_s
    if total <= 0 or bar.width() <= 0:
        return
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
    # the share of the CPU the model kept busy that went to switching (idle CPU is nobody's cost)
    share = 100 * r.cpu_switching_s / max(1e-18, r.cpu_useful_s + r.cpu_switching_s + r.cpu_startup_s)
    painter.setFont(_font(theme, 7.5))
    label = f"{share:.0f}% " + translate("Compare", "switching")
    fm = QFontMetrics(painter.font())
    text_w = fm.horizontalAdvance(label)
    painter.fillRect(QRectF(bar.right() - text_w - 6, bar.y() + 1, text_w + 4, bar.height() - 2), theme.background)
    painter.drawText(QPointF(bar.right() - text_w - 4, bar.center().y() + fm.ascent() / 2 - 1), label)


class MetricsPane(QWidget):
    """Shows the latest per-model results."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self._theme = theme
        self._results: list[ModelResult] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(translate(
            "Compare", "Per model: makespan, throughput, context switches, memory and where the CPU time went"))

    def sizeHint(self) -> QSize:
        return QSize(720, int(170 * self._theme.font_scale))

    def minimumSizeHint(self) -> QSize:
        # the header and the four model rows, never cut to one row
        fm = QFontMetrics(_font(self._theme, 9.0))
        row_h = max(fm.height() + 10, int(24 * self._theme.font_scale))
        return QSize(320, 2 * fm.height() + 24 + 4 * row_h)

    def set_results(self, results: Sequence[ModelResult]) -> None:
        self._results = list(results)
        self.update()

    def results(self) -> list[ModelResult]:
        return list(self._results)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_metrics(painter, self.rect(), self._results, self._theme)
        painter.end()
