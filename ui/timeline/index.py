"""Fast read access to a Timeline: numpy views of its columns, culling and look-ups.

Owns everything the timeline pane asks of the data: which segments fall in a view,
which segment is under the mouse, who woke a segment, which switch started it.
Built once per Timeline (zero-copy views of its typed arrays); never draws and never
imports Qt, so tests and benchmarks use it directly.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from simulator.kinds import ThreadState
from simulator.timeline import SWITCH_REASONS, Timeline


class TimelineDataError(ValueError):
    """A Timeline whose columns break the contract (unsorted, overlapping, ragged)."""


@dataclass(frozen=True)
class Wake:
    """One wake-up: at `t`, lane `waker` (-1: an IO completion or a timer) woke lane `woken`."""

    t: int
    waker: int
    woken: int


@dataclass(frozen=True)
class Switch:
    """One context switch on a CPU: lane `out` (-1 idle) gave way to lane `into` (-1 idle)."""

    t: int
    cpu: int
    out: int
    into: int
    cost_ns: int
    reason: str


def _np(col: object, dtype: type) -> np.ndarray:
    if len(col) == 0:  # type: ignore[arg-type]
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(col, dtype=dtype)  # type: ignore[call-overload]


class TimelineIndex:
    """Columns of one Timeline as numpy arrays, plus per-lane offsets into the segments."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.lanes = timeline.lanes
        self.seg_lane = _np(timeline.seg_lane, np.int32)
        self.seg_start = _np(timeline.seg_start, np.int64)
        self.seg_end = _np(timeline.seg_end, np.int64)
        self.seg_state = _np(timeline.seg_state, np.uint8)
        self.seg_cpu = _np(timeline.seg_cpu, np.int16)
        # the thread in each segment; a producer that does not know leaves the column empty
        self.seg_actor = _np(timeline.seg_actor, np.int32) if len(timeline.seg_actor) else np.full(
            len(self.seg_lane), -1, dtype=np.int32)
        self.sw_t = _np(timeline.sw_t, np.int64)
        self.sw_cpu = _np(timeline.sw_cpu, np.int16)
        self.sw_from = _np(timeline.sw_from, np.int32)
        self.sw_to = _np(timeline.sw_to, np.int32)
        self.sw_cost = _np(timeline.sw_cost, np.int64)
        self.sw_reason = _np(timeline.sw_reason, np.uint8)
        self.wake_t = _np(timeline.wake_t, np.int64)
        self.wake_from = _np(timeline.wake_from, np.int32)
        self.wake_to = _np(timeline.wake_to, np.int32)
        self._check()
        # lane_begin[k]..lane_begin[k+1] are lane k's segments (segments are sorted by lane, start)
        self.lane_begin = np.searchsorted(self.seg_lane, np.arange(len(self.lanes) + 1), side="left")
        ends = [int(self.seg_end.max()) if len(self.seg_end) else 0, int(self.sw_t.max()) if len(self.sw_t) else 0]
        self.end_ns = max([timeline.end_ns, *ends])
        self._thread_lane = {ln.actor: i for i, ln in enumerate(self.lanes) if ln.kind == "thread" and ln.actor >= 0}
        # lanes that start a thread twin right under the coroutine model's single-thread lane(s)
        self.model_breaks = [k + 1 for k, ln in enumerate(self.lanes[:-1])
                             if ln.kind == "loop" and self.lanes[k + 1].kind != "loop"]
        self.cpu_lane_indices = [k for k, ln in enumerate(self.lanes) if ln.kind == "cpu"]

    def _check(self) -> None:
        n = len(self.seg_lane)
        if not (len(self.seg_start) == len(self.seg_end) == len(self.seg_state) == len(self.seg_actor) == n):
            raise TimelineDataError("segment columns have different lengths")
        if n == 0:
            return
        if self.seg_lane.min() < 0 or self.seg_lane.max() >= len(self.lanes):
            raise TimelineDataError("a segment names a lane that does not exist")
        if np.any(self.seg_end < self.seg_start):
            raise TimelineDataError("a segment ends before it starts")
        same_lane = self.seg_lane[1:] == self.seg_lane[:-1]
        overlap = same_lane & (self.seg_start[1:] < self.seg_end[:-1])
        if np.any(self.seg_lane[1:] < self.seg_lane[:-1]) or np.any(overlap):
            raise TimelineDataError("segments must be sorted by (lane, start) and must not overlap within a lane")

    def __len__(self) -> int:
        return len(self.seg_lane)

    def visible(self, lane0: int, lane1: int, t0: float, t1: float) -> np.ndarray:
        """Indices of the segments of lanes [lane0, lane1) that overlap the time window [t0, t1)."""
        lane0 = max(0, lane0)
        lane1 = min(len(self.lanes), lane1)
        if lane1 <= lane0:
            return np.zeros(0, dtype=np.int64)
        b, e = int(self.lane_begin[lane0]), int(self.lane_begin[lane1])
        keep = (self.seg_end[b:e] > t0) & (self.seg_start[b:e] < t1)
        return np.flatnonzero(keep) + b

    def segment_at(self, lane: int, t: float) -> int:
        """The segment of `lane` covering time `t`, or -1."""
        if not 0 <= lane < len(self.lanes):
            return -1
        b, e = int(self.lane_begin[lane]), int(self.lane_begin[lane + 1])
        i = int(np.searchsorted(self.seg_start[b:e], t, side="right")) - 1 + b
        if b <= i < e and self.seg_start[i] <= t < max(self.seg_end[i], self.seg_start[i] + 1):
            return i
        return -1

    def nearest_segment(self, lane: int, t: float, tolerance_ns: float) -> int:
        """The segment covering `t`, else the closest one within `tolerance_ns` (for thin segments)."""
        hit = self.segment_at(lane, t)
        if hit >= 0 or not 0 <= lane < len(self.lanes):
            return hit
        b, e = int(self.lane_begin[lane]), int(self.lane_begin[lane + 1])
        i = int(np.searchsorted(self.seg_start[b:e], t, side="right")) + b
        best, best_d = -1, tolerance_ns
        for j in (i - 1, i):
            if b <= j < e:
                d = max(float(self.seg_start[j]) - t, t - float(self.seg_end[j]), 0.0)
                if d <= best_d:
                    best, best_d = j, d
        return best

    def thread_lane(self, seg: int) -> int:
        """The lane of the thread in a segment (on a CPU lane: the thread running there), or -1."""
        return self._thread_lane.get(int(self.seg_actor[seg]), -1)

    def state(self, seg: int) -> ThreadState:
        return ThreadState(int(self.seg_state[seg]))

    def waker_of(self, seg: int) -> Wake | None:
        """Who ends a wait, or who woke a segment.

        For a blocked or lock-waiting segment: the first wake-up of its lane inside it or at
        its end (what it waits for). For any other segment: the last wake-up of its lane
        at or before its start (who made it runnable).
        """
        lane = int(self.seg_lane[seg])
        start, end = int(self.seg_start[seg]), int(self.seg_end[seg])
        mine = np.flatnonzero(self.wake_to == lane)
        if len(mine) == 0:
            return None
        times = self.wake_t[mine]
        if self.state(seg) in (ThreadState.BLOCKED_IO, ThreadState.WAITING_LOCK):
            k = int(np.searchsorted(times, start, side="left"))
            if k < len(mine) and times[k] <= end:
                return self._wake(int(mine[k]))
            return None
        k = int(np.searchsorted(times, start, side="right")) - 1
        return self._wake(int(mine[k])) if k >= 0 else None

    def _wake(self, i: int) -> Wake:
        return Wake(int(self.wake_t[i]), int(self.wake_from[i]), int(self.wake_to[i]))

    def switch_at_start(self, seg: int) -> Switch | None:
        """The context switch that put a segment's lane into its state, if one happened at its start."""
        lane, start = int(self.seg_lane[seg]), int(self.seg_start[seg])
        lo = int(np.searchsorted(self.sw_t, start, side="left"))
        hi = int(np.searchsorted(self.sw_t, start, side="right"))
        for i in range(lo, hi):
            if self.sw_from[i] == lane or self.sw_to[i] == lane:
                return self.switch(i)
        # the switch cost runs before the switched-in thread starts: look just before the start
        k = lo - 1
        if k >= 0 and self.sw_to[k] == lane and self.sw_t[k] + self.sw_cost[k] >= start:
            return self.switch(k)
        return None

    def switch(self, i: int) -> Switch:
        reason = int(self.sw_reason[i])
        return Switch(
            int(self.sw_t[i]), int(self.sw_cpu[i]), int(self.sw_from[i]), int(self.sw_to[i]), int(self.sw_cost[i]),
            SWITCH_REASONS[reason] if reason < len(SWITCH_REASONS) else f"reason {reason}",
        )

    def switches_in(self, t0: float, t1: float) -> tuple[int, int]:
        """The index range [lo, hi) of switches with t in [t0, t1)."""
        return int(np.searchsorted(self.sw_t, t0, side="left")), int(np.searchsorted(self.sw_t, t1, side="left"))


_INDEXES: dict[int, tuple[weakref.ref[Timeline], TimelineIndex]] = {}


def index_of(timeline: Timeline | TimelineIndex) -> TimelineIndex:
    """The (cached) index of a timeline; an index is returned as it is."""
    if isinstance(timeline, TimelineIndex):
        return timeline
    key = id(timeline)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is timeline and len(hit[1]) == len(timeline):
        return hit[1]
    index = TimelineIndex(timeline)

    def forget(_ref: weakref.ref[Timeline], k: int = key, cache: dict = _INDEXES) -> None:
        cache.pop(k, None)  # bound early: at interpreter exit the module's globals are already gone

    _INDEXES[key] = (weakref.ref(timeline, forget), index)
    return index
