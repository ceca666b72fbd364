"""The timeline painter, into an image: states on known pixels, told apart by shape, playhead, arrow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from tests.ui.timeline_data import producer_consumer
from ui.theme import DARK, LIGHT, PROJECTOR, Theme
from ui.timeline.axis import format_ns, nice_step
from ui.timeline.index import index_of
from ui.timeline.render import draw_timeline, timeline_layout
from ui.timeline.view import TimelineView

W, H = 900, 300


def render(theme: Theme, playhead: int | None = None, selected: int = -1, lane_px: int = 20) -> tuple[QImage, QRect]:
    rect = QRect(0, 0, W, H)
    body = timeline_layout(rect, theme, index_of(producer_consumer())).body
    view = TimelineView(0.0, 1000.0, body.width(), body.height(), lane_px=lane_px, lanes=3, end_ns=1000)
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    draw_timeline(painter, rect, view, producer_consumer(), theme, playhead, selected)
    painter.end()
    return image, body


def colours_in_row(image: QImage, y: int, x0: int, x1: int) -> set[int]:
    return {image.pixel(x, y) & 0xFFFFFF for x in range(x0, x1)}


def rgb(c: QColor) -> int:
    return c.rgb() & 0xFFFFFF


def column(body: QRect, t: float) -> int:
    return body.x() + int(t * body.width() / 1000)


@pytest.mark.parametrize("theme", [LIGHT, DARK, PROJECTOR], ids=lambda t: t.name)
def test_states_land_on_their_columns_and_differ_in_shape(qapp: object, theme: Theme) -> None:
    image, body = render(theme)
    top0, top1 = body.y(), body.y() + 20
    mid = 10
    # running [0, 300) on lane 0: solid, full height
    x = column(body, 150)
    assert image.pixel(x, top0 + 2) & 0xFFFFFF == rgb(theme.running)
    assert image.pixel(x, top0 + 17) & 0xFFFFFF == rgb(theme.running)
    # blocked on IO [300, 600): stripes of the IO colour over a lighter tint, across the row
    row = colours_in_row(image, top0 + mid, column(body, 330), column(body, 570))
    assert rgb(theme.blocked_io) in row and len(row) >= 2
    # ready [0, 300) on lane 1: a thin bar in the middle, background above it
    x = column(body, 150)
    assert image.pixel(x, top1 + mid) & 0xFFFFFF == rgb(theme.ready)
    assert image.pixel(x, top1 + 2) & 0xFFFFFF != rgb(theme.ready)
    # waiting for a lock [700, 1000) on lane 1: framed (edge rows solid) with a cross-hatch inside
    edge_row = [image.pixel(x, top1) & 0xFFFFFF for x in range(column(body, 720), column(body, 980))]
    assert edge_row.count(rgb(theme.waiting_lock)) > 0.9 * len(edge_row)  # grid lines cross it here and there
    inside = colours_in_row(image, top1 + mid, column(body, 720), column(body, 980))
    assert rgb(theme.waiting_lock) in inside and len(inside) >= 2
    # the state boundary at 300 ns falls on its pixel column (within one pixel)
    edge = column(body, 300)
    assert image.pixel(edge - 2, top0 + 2) & 0xFFFFFF == rgb(theme.running)
    assert image.pixel(edge + 2, top0 + 2) & 0xFFFFFF != rgb(theme.running)


def test_playhead_is_drawn_at_its_time(qapp: object) -> None:
    image, body = render(LIGHT, playhead=500)
    x = column(body, 500)
    hits = [dx for dx in (-1, 0, 1) if image.pixel(x + dx, body.bottom() - 5) & 0xFFFFFF == rgb(LIGHT.accent)]
    assert hits, "the playhead line is missing at 500 ns"
    without, _ = render(LIGHT)
    assert without.pixel(x, body.bottom() - 5) & 0xFFFFFF != rgb(LIGHT.accent)


def test_selecting_a_waiting_segment_draws_an_arrow_from_its_waker(qapp: object) -> None:
    # segment 1 is Thread-1 blocked on IO [300, 600): an IO completion wakes it at 600 ns
    plain, body = render(LIGHT)
    chosen, _ = render(LIGHT, selected=1)
    x = column(body, 600)
    # the arrow runs down from the top edge to lane 0's middle at 600 ns
    changed = [y for y in range(body.y(), body.y() + 10)
               if chosen.pixel(x, y) != plain.pixel(x, y) and chosen.pixel(x, y) & 0xFFFFFF == rgb(LIGHT.accent)]
    assert changed


def test_axis_units_follow_the_zoom() -> None:
    assert format_ns(1_500_000, nice_step(5_000_000, 1000)) == "1.5 ms"
    assert format_ns(2_000_000, nice_step(10_000_000, 1000)) == "2 ms"
    assert format_ns(250, nice_step(1000, 1000)) == "250 ns"
    assert format_ns(3_000_000_000, nice_step(10_000_000_000, 1000)) == "3 s"
    assert format_ns(2_000, nice_step(20_000, 1000)) == "2 µs"
    assert format_ns(2_500, nice_step(2_000, 1000)) == "2.5 µs"
