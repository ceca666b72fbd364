"""Level of detail: the state each pixel of each visible lane shows, whatever the density.

Owns `state_raster`: for the lanes and the time window of a view, one cell per lane
and pixel column holding the state that covers most of that pixel's time (0 where
nothing is). Segments wider than a pixel fill their pixels exactly; pixels shared by
several segments get the dominant one, so 100 segments in one pixel cost as little as
one. Work is proportional to the visible segments plus the screen, never to the
whole timeline. Pure numpy; no Qt.
"""

from __future__ import annotations

import numpy as np

from ui.timeline.index import TimelineIndex
from ui.timeline.view import TimelineView

EMPTY = 0  # raster cell with no segment; otherwise the cell holds ThreadState + 1


def state_raster(index: TimelineIndex, view: TimelineView) -> tuple[np.ndarray, int]:
    """(raster, first_lane): raster[r, x] is 1 + the dominant ThreadState of lane first_lane + r at column x."""
    first, last = view.lane_range()
    rows, width = last - first, view.width
    raster = np.zeros((rows, width), dtype=np.uint8)
    if rows == 0:
        return raster, first
    segs = index.visible(first, last, view.t0, view.t1)
    if len(segs) == 0:
        return raster, first
    scale = width / view.span
    x0 = np.clip((index.seg_start[segs] - view.t0) * scale, 0.0, width)
    x1 = np.clip((index.seg_end[segs] - view.t0) * scale, 0.0, width)
    # zero-length segments (an instant state) still show: give them a hair of width
    x1 = np.maximum(x1, np.minimum(x0 + 1e-6, width))
    row = index.seg_lane[segs].astype(np.int64) - first
    value = index.seg_state[segs].astype(np.int16) + 1
    p0 = np.minimum(np.floor(x0).astype(np.int64), width - 1)
    p1 = np.floor(x1).astype(np.int64)

    # pixels wholly inside one segment: a run [p0 + 1, p1) per segment, filled by a running sum
    # of +value at the run start and -value at its end
    owned = p1 > p0 + 1
    # (runs in one lane are disjoint and non-empty, so no two starts and no two ends share a cell)
    flat = np.zeros(rows * width + 1, dtype=np.int16)
    starts = row[owned] * width + p0[owned] + 1
    ends = row[owned] * width + p1[owned]
    flat[starts] += value[owned]
    flat[ends] -= value[owned]
    cells = np.cumsum(flat[:-1], dtype=np.int16)

    # pixels shared by segment edges: the state with the most time in the pixel wins. Per segment
    # its left edge pixel then (maybe) its right one: in segment order these keys never decrease.
    keys = np.stack([row * width + p0, row * width + p1], axis=1)
    cover = np.stack([np.minimum(x1, p0 + 1) - x0, x1 - p1], axis=1)
    has = np.stack([np.ones(len(p0), dtype=bool), (p1 > p0) & (p1 < width) & (x1 > p1)], axis=1)
    states = np.repeat(value[:, None], 2, axis=1)
    _paint_dominant(cells, keys[has], states[has], cover[has])
    raster[:] = cells.reshape(rows, width).astype(np.uint8)
    return raster, first


def _paint_dominant(cells: np.ndarray, keys: np.ndarray, states: np.ndarray, cover: np.ndarray) -> None:
    """Write into `cells` at each key the state with the largest summed cover (ties: the lower state).

    `keys` must be non-decreasing, so equal keys are neighbours: no sorting needed.
    """
    if len(keys) == 0:
        return
    new_group = np.ones(len(keys), dtype=bool)
    new_group[1:] = keys[1:] != keys[:-1]
    group = np.cumsum(new_group) - 1
    ngroups = int(group[-1]) + 1
    nvalues = 8
    sums = np.bincount(group * nvalues + states, weights=cover, minlength=ngroups * nvalues)
    cells[keys[new_group]] = np.argmax(sums.reshape(ngroups, nvalues), axis=1)


def exact_dominant(index: TimelineIndex, lane: int, t0: float, t1: float) -> int:
    """1 + the state covering most of [t0, t1) on `lane` (0 if none): the slow reference for tests."""
    best, best_cover = EMPTY, 0.0
    cover: dict[int, float] = {}
    for i in index.visible(lane, lane + 1, t0, t1):
        c = min(float(index.seg_end[i]), t1) - max(float(index.seg_start[i]), t0)
        s = int(index.seg_state[i]) + 1
        cover[s] = cover.get(s, 0.0) + max(c, 1e-9)
    for s in sorted(cover):
        if cover[s] > best_cover:
            best, best_cover = s, cover[s]
    return best
