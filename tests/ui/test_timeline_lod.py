"""Level of detail: the raster puts known segments on known pixels, and a dense view shows the dominant state."""

from __future__ import annotations

import numpy as np
import pytest

from bench.bench_timeline import synthetic_timeline
from tests.ui.timeline_data import B, L, R, Y, make_timeline, producer_consumer
from ui.timeline.index import TimelineDataError, TimelineIndex
from ui.timeline.lod import EMPTY, exact_dominant, state_raster
from ui.timeline.view import TimelineView


def view(t0: float, t1: float, width: int, lanes: int, lane_px: int = 10, height: int = 100) -> TimelineView:
    return TimelineView(t0, t1, width, height, lane_px=lane_px, lanes=lanes, end_ns=t1)


def test_known_segments_land_on_known_columns() -> None:
    # 1000 ns over 100 px: 10 ns per pixel, so [0, 300) is columns 0..29 and [300, 600) is 30..59
    index = TimelineIndex(producer_consumer())
    raster, first = state_raster(index, view(0, 1000, 100, 3))
    assert first == 0 and raster.shape == (3, 100)
    assert set(raster[0, 0:30]) == {R + 1}
    assert set(raster[0, 30:60]) == {B + 1}
    assert set(raster[0, 60:70]) == {Y + 1}
    assert set(raster[0, 70:100]) == {R + 1}
    assert set(raster[1, 30:70]) == {R + 1}
    assert set(raster[1, 70:100]) == {L + 1}
    assert set(raster[2]) == {R + 1}


def test_a_pixel_shared_by_two_segments_shows_the_one_covering_more_of_it() -> None:
    # pixel 0 covers [0, 10): running for 3 ns, blocked for 7 ns -> blocked wins
    tl = make_timeline(["T"], [(0, 0, 3, R), (0, 3, 10, B), (0, 10, 100, R)])
    raster, _ = state_raster(TimelineIndex(tl), view(0, 100, 10, 1))
    assert raster[0, 0] == B + 1
    assert set(raster[0, 1:]) == {R + 1}


def test_empty_time_stays_empty_and_views_are_culled() -> None:
    tl = make_timeline(["T", "U"], [(0, 500, 600, R), (1, 0, 100, B)])
    raster, _ = state_raster(TimelineIndex(tl), view(0, 1000, 100, 2))
    assert set(raster[0, :50]) == {EMPTY} and set(raster[0, 50:60]) == {R + 1} and set(raster[0, 60:]) == {EMPTY}
    # a window after everything: nothing at all
    later, _ = state_raster(TimelineIndex(tl), view(2000, 3000, 100, 2))
    assert not later.any()


def test_tiny_segments_alone_in_a_pixel_do_not_vanish() -> None:
    tl = make_timeline(["T"], [(0, 5_000, 5_001, R)], end_ns=1_000_000)
    raster, _ = state_raster(TimelineIndex(tl), view(0, 1_000_000, 200, 1))
    assert raster[0, 1] == R + 1 and np.count_nonzero(raster) == 1


@pytest.mark.parametrize("width", [37, 400, 1500])
def test_dense_view_matches_the_exact_dominant_state(width: int) -> None:
    index = TimelineIndex(synthetic_timeline(12, 12_000, seed=5))
    v = view(0, index.end_ns, width, len(index.lanes), lane_px=4, height=48)
    raster, first = state_raster(index, v)
    rng = np.random.default_rng(0)
    for _ in range(300):
        lane, x = int(rng.integers(0, len(index.lanes))), int(rng.integers(0, width))
        t0, t1 = v.t_of(x), v.t_of(x + 1)
        assert raster[lane - first, x] == exact_dominant(index, lane, t0, t1), (lane, x)


def test_bad_timelines_are_refused_with_a_reason() -> None:
    with pytest.raises(TimelineDataError, match="overlap"):
        TimelineIndex(make_timeline(["T"], [(0, 0, 10, R), (0, 5, 20, B)]))
    tl = make_timeline(["T"], [(0, 0, 10, R)])
    tl.seg_lane[0] = 3
    with pytest.raises(TimelineDataError, match="lane"):
        TimelineIndex(tl)
