"""How each model is told apart in charts: colour, marker shape and line dash, never colour alone.

Owns the per-model look and the human-readable number formats shared by the metrics
pane and the scaling chart. No drawing of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF

from ui.theme import Theme
from ui.timeline.axis import format_ns

translate = QCoreApplication.translate

MODEL_ORDER = ("threads", "pool", "coroutines", "processes")


@dataclass(frozen=True)
class ModelStyle:
    colour: QColor
    marker: str  # "circle", "square", "triangle", "diamond"
    dash: Qt.PenStyle
    label: str


def model_style(name: str, theme: Theme) -> ModelStyle:
    styles = {
        "threads": ModelStyle(
            theme.waiting_lock, "circle", Qt.PenStyle.SolidLine, translate("Compare", "thread per task")),
        "pool": ModelStyle(theme.blocked_io, "square", Qt.PenStyle.DashLine, translate("Compare", "thread pool")),
        "coroutines": ModelStyle(theme.running, "triangle", Qt.PenStyle.SolidLine, translate("Compare", "coroutines")),
        "processes": ModelStyle(
            theme.accent, "diamond", Qt.PenStyle.DotLine, translate("Compare", "processes × coroutines")),
    }
    return styles.get(name, ModelStyle(theme.text_dim, "circle", Qt.PenStyle.SolidLine, name))


def draw_marker(painter: QPainter, centre: QPointF, marker: str, size: float) -> None:
    """A filled marker of the given shape (the current brush and pen)."""
    x, y, r = centre.x(), centre.y(), size / 2
    if marker == "square":
        painter.drawRect(int(x - r), int(y - r), int(size), int(size))
    elif marker == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.2), QPointF(x - r * 1.1, y + r),
                                       QPointF(x + r * 1.1, y + r)]))
    elif marker == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.3), QPointF(x + r, y), QPointF(x, y + r * 1.3),
                                       QPointF(x - r, y)]))
    else:
        painter.drawEllipse(centre, r, r)


def format_count(n: float) -> str:
    """12, 3.4k, 1.2M."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= size:
            return f"{n / size:.3g}{suffix}"
    return f"{n:.3g}" if n != int(n) else str(int(n))


def format_bytes(n: float) -> str:
    """1.5 MB, 13.3 kB, 8 GB: decimal units, so a log axis's decades read 1 kB, 10 kB, 100 kB."""
    for size, suffix in ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")):
        if n >= size:
            return f"{n / size:.3g} {suffix}"
    return f"{int(n)} B"


def format_seconds(s: float) -> str:
    """Seconds in the unit that suits them (ns .. s)."""
    return format_ns(s * 1e9)
