"""How each thread state looks in a lane: colour AND shape, so no one needs colour to read it.

Owns the per-pixel look of a state inside a lane `lane_px` tall: running is a solid
full-height bar; ready a thin bar along the middle; blocked on IO a light bar with
diagonal stripes; waiting for a lock a framed bar with a cross-hatch; new a dotted
line. `lane_image` turns a state raster (see lod.py) into 32-bit pixels with numpy.
Never decides what is visible; no painter calls.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from simulator.kinds import ThreadState
from ui.theme import Theme

PERIOD = 12  # pattern repeat in x: a multiple of the stripe (6) and dot (4) spacings
_NVALUES = 8  # raster values 0..7 (EMPTY, then ThreadState + 1)


def _argb(c: QColor) -> int:
    return 0xFF000000 | (c.red() << 16) | (c.green() << 8) | c.blue()


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def lane_backgrounds(theme: Theme) -> tuple[QColor, QColor]:
    """Even and odd lane backgrounds: alternate a little so rows can be followed across."""
    return theme.background, _mix(theme.background, theme.surface, 0.7)


def _lut(theme: Theme, lane_px: int) -> np.ndarray:
    key = (lane_px, *(_argb(c) for c in (theme.background, theme.surface, theme.text_dim, theme.running,
                                          theme.ready, theme.blocked_io, theme.waiting_lock)))
    lut = _LUTS.get(key)
    if lut is None:
        if len(_LUTS) > 64:
            _LUTS.clear()
        lut = _LUTS[key] = _build_lut(theme, lane_px)
    return lut


_LUTS: dict[tuple[int, ...], np.ndarray] = {}


def _build_lut(theme: Theme, lane_px: int) -> np.ndarray:
    """lut[y, parity * 8 + value, x % PERIOD] -> ARGB for a lane of height lane_px."""
    bgs = lane_backgrounds(theme)
    gap = 1 if lane_px >= 4 else 0  # a one-pixel gutter between lanes when there is room
    body = lane_px - gap
    thin_h = max(1, round(body * 0.3))
    thin_top = (body - thin_h) // 2
    lut = np.zeros((lane_px, 2 * _NVALUES, PERIOD), dtype=np.uint32)
    for parity, bg in enumerate(bgs):
        io_tint = _mix(bg, theme.blocked_io, 0.35)
        lock_tint = _mix(bg, theme.waiting_lock, 0.25)
        for y in range(lane_px):
            for x in range(PERIOD):
                colours = {s: bg for s in range(_NVALUES)}
                if y < body:
                    colours[ThreadState.RUNNING + 1] = theme.running
                    if thin_top <= y < thin_top + thin_h:
                        colours[ThreadState.READY + 1] = theme.ready
                    stripe = (x + y) % 6 < 2
                    colours[ThreadState.BLOCKED_IO + 1] = theme.blocked_io if stripe or body < 3 else io_tint
                    edge = y == 0 or y == body - 1
                    cross = (x + y) % 6 == 0 or (x - y) % 6 == 0
                    colours[ThreadState.WAITING_LOCK + 1] = (
                        theme.waiting_lock if edge or cross or body < 3 else lock_tint
                    )
                    if y == body // 2 and x % 4 == 0:
                        colours[ThreadState.NEW + 1] = theme.text_dim
                for v, c in colours.items():
                    lut[y, parity * _NVALUES + v, x] = _argb(c)
    return lut


def lane_image(raster: np.ndarray, first_lane: int, lane_px: int, theme: Theme) -> np.ndarray:
    """Pixels (rows * lane_px, width) as 0xAARRGGBB for a state raster whose row 0 is `first_lane`."""
    rows, width = raster.shape
    lut = _lut(theme, lane_px)
    parity = ((np.arange(rows) + first_lane) % 2).astype(np.intp)[:, None]
    idx = (parity * _NVALUES + raster) * PERIOD + (np.arange(width) % PERIOD)
    out = np.empty((rows, lane_px, width), dtype=np.uint32)
    for y in range(lane_px):
        np.take(lut[y].ravel(), idx, out=out[:, y, :], mode="clip")  # clip: unbuffered, no bounds pass
    return out.reshape(rows * lane_px, width)
