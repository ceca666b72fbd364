"""Font families for the whole app: one place that decides how text (Latin and Chinese) looks.

Families are set explicitly so that Chinese renders with Simplified Chinese glyphs on
every platform (Noto Sans CJK SC on Linux, Microsoft YaHei on Windows, PingFang SC on
macOS) instead of whichever CJK font the system happens to pick first.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

UI_FAMILIES = [
    "Noto Sans",
    "DejaVu Sans",
    "Segoe UI",
    "Helvetica Neue",
    "Noto Sans CJK SC",
    "Microsoft YaHei",
    "PingFang SC",
]
MONO_FAMILIES = ["DejaVu Sans Mono", "Consolas", "Menlo", "Noto Sans Mono CJK SC", "Microsoft YaHei", "PingFang SC"]
# Captions are mostly sentences; in Chinese the CJK font should win for punctuation too.
CJK_FIRST_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Noto Sans", "DejaVu Sans"]


def ui_font(point_size: float = 10.0, scale: float = 1.0, bold: bool = False) -> QFont:
    """The proportional font for labels and captions."""
    return _font(UI_FAMILIES, point_size * scale, bold)


def mono_font(point_size: float = 10.0, scale: float = 1.0, bold: bool = False) -> QFont:
    """The fixed-width font for code and console output."""
    font = _font(MONO_FAMILIES, point_size * scale, bold)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def _font(families: list[str], size: float, bold: bool) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(max(4.0, size))
    font.setBold(bold)
    return font
