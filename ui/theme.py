"""Themes: one object every render function takes, so every pane agrees on colour and size.

Owns the palettes (light, dark, projector) and the text scale (one factor, 1x to 3x,
that every render function applies to every font it makes). State colours follow
the Okabe–Ito colour-blind-safe palette; render functions must also tell state by
shape, thickness or pattern, never by colour alone. The projector theme keeps every
colour that is ever used for text at a contrast of at least 7:1 on its backgrounds
(tests/ui/test_contrast.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QColor

# Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class Theme:
    """Colours by role, plus the scale applied to every text."""

    name: str
    background: QColor
    surface: QColor  # panes, cards
    text: QColor
    text_dim: QColor  # suspended frames, secondary labels
    grid: QColor
    accent: QColor  # the running line, the playhead
    running: QColor
    ready: QColor
    blocked_io: QColor
    waiting_lock: QColor
    suspended: QColor
    sent: QColor  # a value going into a generator
    yielded: QColor  # a value coming out of one
    io: QColor
    completion: QColor
    error: QColor
    font_scale: float = 1.0

    def scaled(self, factor: float) -> Theme:
        """The same theme with every text `factor` times larger (1x to 3x)."""
        return replace(self, font_scale=max(1.0, min(3.0, factor)))


def _c(hex_: str) -> QColor:
    return QColor(hex_)


LIGHT = Theme(
    name="light",
    background=_c("#FFFFFF"),
    surface=_c("#F4F5F7"),
    text=_c("#1B1F24"),
    text_dim=_c("#6A737D"),
    grid=_c("#D0D7DE"),
    accent=_c(OKABE_ITO["blue"]),
    running=_c(OKABE_ITO["bluish_green"]),
    ready=_c(OKABE_ITO["sky_blue"]),
    blocked_io=_c(OKABE_ITO["orange"]),
    waiting_lock=_c(OKABE_ITO["vermillion"]),
    suspended=_c("#8C959F"),
    sent=_c(OKABE_ITO["blue"]),
    yielded=_c(OKABE_ITO["vermillion"]),
    io=_c(OKABE_ITO["orange"]),
    completion=_c(OKABE_ITO["bluish_green"]),
    error=_c(OKABE_ITO["vermillion"]),
)

DARK = Theme(
    name="dark",
    background=_c("#16191D"),
    surface=_c("#22272E"),
    text=_c("#E6EDF3"),
    text_dim=_c("#8B949E"),
    grid=_c("#373E47"),
    accent=_c(OKABE_ITO["sky_blue"]),
    running=_c(OKABE_ITO["bluish_green"]),
    ready=_c(OKABE_ITO["sky_blue"]),
    blocked_io=_c(OKABE_ITO["orange"]),
    waiting_lock=_c(OKABE_ITO["vermillion"]),
    suspended=_c("#6E7681"),
    sent=_c(OKABE_ITO["sky_blue"]),
    yielded=_c(OKABE_ITO["orange"]),
    io=_c(OKABE_ITO["orange"]),
    completion=_c(OKABE_ITO["bluish_green"]),
    error=_c("#FF7B72"),
)

# High contrast for projectors: black on white, and every state colour darkened (same hues as
# Okabe–Ito) until it reads as text at 7:1 or more on white. Text size is the window's control.
PROJECTOR = Theme(
    name="projector",
    background=_c("#FFFFFF"),
    surface=_c("#FFFFFF"),
    text=_c("#000000"),
    text_dim=_c("#3A3A3A"),
    grid=_c("#7A7A7A"),
    accent=_c("#0050A0"),
    running=_c("#005E45"),
    ready=_c("#005A8C"),
    blocked_io=_c("#744A00"),
    waiting_lock=_c("#9C3300"),
    suspended=_c("#4A4A4A"),
    sent=_c("#0050A0"),
    yielded=_c("#9C3300"),
    io=_c("#744A00"),
    completion=_c("#005E45"),
    error=_c("#B00000"),
)

THEMES = {t.name: t for t in (LIGHT, DARK, PROJECTOR)}
