"""Drawing helpers shared by every pane: backgrounds, titles, cards, wrapped text, colours.

Owns geometry that more than one pane needs, so panes agree on padding and type sizes.
Stateless: every helper takes the painter and the theme it draws with.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from ui.fonts import mono_font, ui_font
from ui.render import fit
from ui.theme import Theme

PAD = 10.0
TITLE_PT = 9.0
BODY_PT = 10.5


def with_alpha(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Colour between `a` (t=0) and `b` (t=1)."""
    t = max(0.0, min(1.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def body_font(theme: Theme, size: float = BODY_PT, bold: bool = False) -> QFont:
    return ui_font(size, theme.font_scale, bold)


def code_font(theme: Theme, size: float = BODY_PT, bold: bool = False) -> QFont:
    return mono_font(size, theme.font_scale, bold)


def title_height(theme: Theme) -> float:
    """How much of a pane's top its title takes (the content starts below)."""
    return PAD * 0.5 + QFontMetricsF(body_font(theme, TITLE_PT, bold=True)).height() + PAD * 0.5


def pane_frame(painter: QPainter, rect: QRectF, theme: Theme, title: str) -> QRectF:
    """Fill the pane, write its title (shortened with … when the pane is narrow); return the room left."""
    painter.fillRect(rect, theme.background)
    font = body_font(theme, TITLE_PT, bold=True)
    height = QFontMetricsF(font).height()
    draw_text(
        painter,
        QRectF(rect.left() + PAD, rect.top() + PAD * 0.5, rect.width() - 2 * PAD, height),
        title,
        font,
        theme.text_dim,
    )
    return pane_content(rect, theme)


def pane_content(rect: QRectF, theme: Theme) -> QRectF:
    """The room a pane drawn in `rect` has under its title (what `pane_frame` returns)."""
    top = rect.top() + title_height(theme)
    return QRectF(rect.left() + PAD, top, rect.width() - 2 * PAD, max(0.0, rect.bottom() - top - PAD * 0.5))


def card(
    painter: QPainter,
    rect: QRectF,
    fill: QColor,
    border: QColor,
    width: float = 1.0,
    dashed: bool = False,
    radius: float = 6.0,
) -> None:
    """A rounded card; dashed borders mean "paused / not running" (shape, not only colour)."""
    if dashed and width > 1.0:
        # Qt strokes wide dashes ten times slower than thin ones: draw a thick dashed
        # border as nested one-pixel dashed borders, which looks the same.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        thin = QPen(border, 1.0)
        thin.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(thin)
        for k in range(max(1, round(width))):
            inset = k - (width - 1.0) / 2.0
            painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
        return
    pen = QPen(border, width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    elide: bool = True,
    essential: str | None = None,
) -> None:
    """One line of text in `rect`, shortened with … when it does not fit.

    `essential` names the pane when the text is one a user needs whole: shortening it is then
    reported to a fit check (`ui.render.fit`).
    """
    painter.setFont(font)
    painter.setPen(color)
    if elide:
        shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, rect.width()))
        if essential is not None and shown != text:
            fit.report(essential, text, shown)
        text = shown
    # Chinese beside Latin lays the line out taller than the font's own height: never clip the
    # bottom of "_" or "g" (the width is already fitted by eliding)
    painter.drawText(rect, int(align) | int(Qt.TextFlag.TextDontClip), text)
    if essential is not None and fit.collecting_now() and _beyond_the_clip(painter, rect, text, font, align):
        fit.report(essential, text, "", "clipped")


def _beyond_the_clip(painter: QPainter, rect: QRectF, text: str, font: QFont, align: Qt.AlignmentFlag) -> bool:
    """Whether the text drawn in `rect` falls (partly) outside the painter's clip (the fit check clips
    to the pane): a pane that lays a line out below its own bottom cuts it whatever the width says."""
    if not painter.hasClipping():
        return False
    box = QFontMetricsF(font).boundingRect(rect, int(align), text)
    area = painter.clipBoundingRect().adjusted(-1, -1, 1, 1)  # a pixel of rounding is no cut
    return not area.contains(box)


def fits_one_line(text: str, font: QFont, width: float) -> bool:
    """Whether `text` fits on one line `width` wide in `font`."""
    return QFontMetricsF(font).horizontalAdvance(text) <= width


def draw_wrapped(painter: QPainter, rect: QRectF, text: str, font: QFont, color: QColor) -> float:
    """Word-wrapped text from the top of `rect`; returns the height used."""
    painter.setFont(font)
    painter.setPen(color)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    bounds = painter.boundingRect(rect, flags, text)
    painter.drawText(rect, flags, text)
    return min(bounds.height(), rect.height())


_WRAPS: dict[tuple[object, ...], tuple[bool, float]] = {}


def _wrap(text: str, font: QFont, width: float) -> tuple[bool, float]:
    """(whether to break anywhere, the height) of `text` wrapped into `width`: at word boundaries (Qt's:
    between Chinese characters too) when every word fits the line, anywhere when one is longer (a URL,
    a host name). Measuring and drawing read the same answer, so a text is drawn on exactly the lines it
    was measured on; panes paint the same words many times a second, so it is measured once."""
    key = (text, font.toString(), tuple(font.families()), round(width, 1))
    hit = _WRAPS.get(key)
    if hit is None:
        fm = QFontMetricsF(font)
        words = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        bounds = fm.boundingRect(QRectF(0, 0, width, 1e6), words, text)
        anywhere = bounds.width() > width + 0.5
        if anywhere:
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWrapAnywhere)
            bounds = fm.boundingRect(QRectF(0, 0, width, 1e6), flags, text)
        if len(_WRAPS) > 4096:
            _WRAPS.clear()
        hit = _WRAPS[key] = (anywhere, bounds.height())
    return hit


def wrapped_height(text: str, font: QFont, width: float) -> float:
    """Height of `text` wrapped (at words, or anywhere in a word longer than the line) into `width`."""
    return _wrap(text, font, width)[1] if width > 0 else float("inf")


def draw_wrapped_words(
    painter: QPainter, rect: QRectF, text: str, font: QFont, colour: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    """Text wrapped at words, breaking a word only when it is longer than the line (a URL, a host name),
    from the top of `rect`, each line aligned as `align` says (left, centre, right)."""
    painter.setFont(font)
    painter.setPen(colour)
    wrap = Qt.TextFlag.TextWrapAnywhere if _wrap(text, font, rect.width())[0] else Qt.TextFlag.TextWordWrap
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop | wrap), text)


def arrow(
    painter: QPainter, start: QPointF, end: QPointF, color: QColor, width: float = 2.0, head: float = 8.0
) -> None:
    """A straight arrow from `start` to `end` with a filled head."""
    painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(start, end)
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = max(1e-6, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    path = QPainterPath(end)
    path.lineTo(end.x() - ux * head - uy * head * 0.5, end.y() - uy * head + ux * head * 0.5)
    path.lineTo(end.x() - ux * head + uy * head * 0.5, end.y() - uy * head - ux * head * 0.5)
    path.closeSubpath()
    painter.fillPath(path, color)


def centered_message(painter: QPainter, rect: QRectF, text: str, theme: Theme) -> None:
    """A calm explanation in an empty pane."""
    painter.setFont(body_font(theme))
    painter.setPen(theme.text_dim)
    painter.drawText(rect.adjusted(PAD, PAD, -PAD, -PAD), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
