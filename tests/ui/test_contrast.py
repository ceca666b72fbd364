"""The projector theme's text reads at a WCAG contrast ratio of at least 7:1 (AAA) on its backgrounds."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from ui.render.code_pane import _SYNTAX
from ui.theme import LIGHT, PROJECTOR

# Every Theme colour that some pane uses as a text colour (or as the fill behind text drawn in
# the background colour: the sent pill, the completion cards). grid is only ever a line.
TEXT_ROLES = (
    "text",
    "text_dim",
    "accent",
    "running",
    "ready",
    "blocked_io",
    "waiting_lock",
    "suspended",
    "sent",
    "yielded",
    "io",
    "completion",
    "error",
)


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_formula_matches_wcag_reference_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#FFFFFF"), QColor("#FFFFFF")) == pytest.approx(1.0)


@pytest.mark.parametrize("role", TEXT_ROLES)
@pytest.mark.parametrize("ground", ["background", "surface"])
def test_projector_text_colours_reach_7_to_1(role: str, ground: str) -> None:
    ratio = contrast_ratio(getattr(PROJECTOR, role), getattr(PROJECTOR, ground))
    assert ratio >= 7.0, f"projector {role} on {ground}: {ratio:.2f}:1"


@pytest.mark.parametrize("token", list(_SYNTAX["projector"]), ids=str)
def test_projector_syntax_colours_reach_7_to_1(token: object) -> None:
    colour = QColor(_SYNTAX["projector"][token])
    assert contrast_ratio(colour, PROJECTOR.background) >= 7.0


def test_the_check_would_catch_a_weak_colour() -> None:
    # the light theme's Okabe–Ito orange is fine for bars but far too light for text at 7:1
    assert contrast_ratio(LIGHT.blocked_io, LIGHT.background) < 3.0
