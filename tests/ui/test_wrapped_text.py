"""Wrapped text is drawn on exactly the lines it was measured on: a card sized by `wrapped_height`
holds the whole text (the loop's running card cut "python.org/" off a URL when the two disagreed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from ui.render.common import body_font, code_font, draw_wrapped_words, wrapped_height
from ui.theme import PROJECTOR

TEXTS = [
    "正在运行：completion #5: GET http://python.org/",
    "running: Task-5 fetch('news.ycombinator.com/item?id=1234567')",
    "yield 传回 <Future pending>",
    "yielded <coroutine object fetch at 0x7f3a2b1c4d60>",
]


def ink_rows(image: QImage) -> list[int]:
    """The rows of `image` with anything drawn on them."""
    white = QColor(Qt.GlobalColor.white).rgb()
    return [y for y in range(image.height()) if any(image.pixel(x, y) != white for x in range(image.width()))]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [120, 197, 260, 420])
@pytest.mark.parametrize("align", [Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter])
def test_the_text_stays_within_the_height_measured_for_it(qapp, text: str, width: int, align) -> None:  # type: ignore[no-untyped-def]
    for font in (body_font(PROJECTOR.scaled(2.0), 10.0, bold=True), code_font(PROJECTOR.scaled(2.0), 10.5)):
        height = wrapped_height(text, font, width)
        image = QImage(width, int(height * 3) + 40, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        draw_wrapped_words(painter, QRectF(0, 0, width, image.height()), text, font, QColor("black"), align)
        painter.end()
        rows = ink_rows(image)
        assert rows and rows[-1] <= height + 1, f"{text!r} at {width}px: drawn to {rows[-1]}, measured {height}"

