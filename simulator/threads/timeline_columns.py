"""The work behind `simulator.threads.timeline.timeline_from_trace`: events to lanes and segments, by columns.

One lane per thread (its states over time), then one lane per CPU (which thread ran on
it when), plus every context switch and every wake-up. Reads the trace only; never
simulates. Kept apart from timeline.py so that importing the threads engine (every
traced run does) does not import numpy.

Vectorised over the trace's typed columns (numpy masks and one stable sort by lane),
because a recorded run of a thousand threads holds a million state changes. The
per-event payloads (`trace.data`) are read once per *distinct* payload object: the
threads engine shares one dict per CPU, waker and (CPU, reason, cost), so a million
events carry a handful of payloads.
"""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np

from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.timeline import SWITCH_REASONS, Lane, Timeline
from simulator.trace import Trace

_REASON_INDEX = {name: i for i, name in enumerate(SWITCH_REASONS)}
_K_STATE, _K_SWITCH = int(EventKind.THREAD_STATE), int(EventKind.CONTEXT_SWITCH)
_K_CREATE = int(EventKind.THREAD_CREATE)
_NEW, _RUNNING, _READY = int(ThreadState.NEW), int(ThreadState.RUNNING), int(ThreadState.READY)
_EXITED = int(ThreadState.EXITED)
_WAITING = (int(ThreadState.BLOCKED_IO), int(ThreadState.WAITING_LOCK))


def build_timeline(trace: Trace) -> Timeline:
    """The timeline of every thread and CPU in `trace` (empty lanes if it has none)."""
    lanes: list[Lane] = []
    for actor_kind, label in ((ActorKind.THREAD, "thread"), (ActorKind.CPU, "cpu")):
        lanes.extend(Lane(a.name, label, a.id) for a in trace.actors if a.kind is actor_kind)
    tl = Timeline(lanes=lanes, end_ns=trace.duration_ns)
    if not lanes or len(trace) == 0:
        return tl
    lane_of = _ActorLanes(trace, lanes)
    t = np.frombuffer(trace.t, dtype=np.int64)
    kind = np.frombuffer(trace.kind, dtype=np.uint8)
    actor = np.frombuffer(trace.actor, dtype=np.int32)
    arg = np.frombuffer(trace.arg, dtype=np.int64)
    payload = _Payloads(trace, kind)

    _segments_and_wakes(tl, lane_of, t, kind, actor, arg, payload)
    sw = np.flatnonzero(kind == _K_SWITCH)
    _put(tl.sw_t, t[sw])
    _put(tl.sw_cpu, payload.column("cpu", sw, np.int16))
    _put(tl.sw_from, lane_of(arg[sw]))
    _put(tl.sw_to, lane_of(actor[sw]))
    _put(tl.sw_cost, payload.column("cost_ns", sw, np.int64, default=0))
    _put(tl.sw_reason, payload.column("reason", sw, np.uint8, default=0))
    return tl


def _segments_and_wakes(
    tl: Timeline, lane_of: _ActorLanes, t: np.ndarray, kind: np.ndarray, actor: np.ndarray, arg: np.ndarray,
    payload: _Payloads,
) -> None:
    """Thread lanes: each state lasts until the thread's next state. CPU lanes: its threads' running spans."""
    # a thread's state events in trace order, and its creation (state NEW) if it comes before them
    ev = np.flatnonzero(((kind == _K_STATE) | (kind == _K_CREATE)) & (lane_of(actor) >= 0))
    lane = lane_of(actor[ev])
    # stable: same-time events keep their trace order (int16 keys sort by radix, several times faster)
    order = np.argsort(lane.astype(np.int16) if len(tl.lanes) < 2**15 else lane, kind="stable")
    ev, lane = ev[order], lane[order]
    first = np.ones(len(ev), dtype=bool)
    first[1:] = lane[1:] != lane[:-1]
    is_create = kind[ev] == _K_CREATE
    keep = ~is_create | first  # a creation after the thread already has a state changes nothing
    ev, lane, first, is_create = ev[keep], lane[keep], first[keep], is_create[keep]
    if len(ev) == 0:
        return
    first[1:] = lane[1:] != lane[:-1]
    last = np.ones(len(ev), dtype=bool)
    last[:-1] = first[1:]

    start = t[ev]
    end = np.empty_like(start)
    end[:-1] = start[1:]
    end[last] = tl.end_ns
    state = np.where(is_create, _NEW, arg[ev])
    cpu = payload.column("cpu", ev, np.int16)
    who = np.array([ln.actor for ln in tl.lanes], dtype=np.int32)[lane]

    # wake-ups: ready right after waiting (time order = trace order)
    previous = np.empty_like(state)
    previous[1:] = state[:-1]
    wakes = np.flatnonzero((state == _READY) & ~first & np.isin(previous, _WAITING))
    wakes = wakes[np.argsort(ev[wakes], kind="stable")]
    _put(tl.wake_t, start[wakes])
    _put(tl.wake_from, lane_of(payload.column("waker", ev[wakes], np.int32)))
    _put(tl.wake_to, lane[wakes])

    seg = (end > start) & (state != _EXITED)
    cpu_lane = _cpu_lanes(tl.lanes)
    on_cpu = seg & (state == _RUNNING) & (cpu >= 0) & (cpu < len(cpu_lane))
    on_cpu[on_cpu] = cpu_lane[cpu[on_cpu]] >= 0
    # CPU lanes: the running spans again, re-laned to their CPU and sorted by start
    run = np.flatnonzero(on_cpu)
    run_lane = cpu_lane[cpu[run]]
    by_cpu = np.lexsort((start[run], run_lane))
    run, run_lane = run[by_cpu], run_lane[by_cpu]
    run_end = end[run].copy()
    # an inconsistent trace (two threads on one CPU at once) is cut, never drawn overlapping
    same = run_lane[1:] == run_lane[:-1]
    run_end[:-1][same] = np.minimum(run_end[:-1][same], start[run][1:][same])

    seg_idx = np.flatnonzero(seg)  # already sorted by (lane, start): thread lanes come first
    _put(tl.seg_lane, np.concatenate([lane[seg_idx], run_lane]))
    _put(tl.seg_start, np.concatenate([start[seg_idx], start[run]]))
    _put(tl.seg_end, np.concatenate([end[seg_idx], run_end]))
    _put(tl.seg_state, np.concatenate([state[seg_idx], np.full(len(run), _RUNNING)]))
    _put(tl.seg_cpu, np.concatenate([cpu[seg_idx], cpu[run]]))
    _put(tl.seg_actor, np.concatenate([who[seg_idx], who[run]]))


class _ActorLanes:
    """Actor id -> lane index (-1 for actors without a lane, and for -1 itself), vectorised."""

    def __init__(self, trace: Trace, lanes: list[Lane]) -> None:
        n = len(trace.actors)
        self._lut = np.full(n + 1, -1, dtype=np.int32)  # the extra last cell answers every unknown id
        for i, ln in enumerate(lanes):
            self._lut[ln.actor] = i
        self._n = n

    def __call__(self, actors: np.ndarray) -> np.ndarray:
        a = actors.astype(np.int64, copy=False)
        return self._lut[np.where((a >= 0) & (a < self._n), a, self._n)]


class _Payloads:
    """One field of the events' payload dicts, for many events at once."""

    def __init__(self, trace: Trace, kind: np.ndarray) -> None:
        data = trace.data
        events = np.fromiter(data.keys(), dtype=np.int64, count=len(data))
        objects = list(data.values())
        ids = np.fromiter(map(id, objects), dtype=np.int64, count=len(objects))
        # only the thread events' payloads matter; shared dicts are read once each
        wanted = np.flatnonzero(np.isin(kind[events], (_K_STATE, _K_SWITCH)))
        _, first, which = np.unique(ids[wanted], return_index=True, return_inverse=True)
        self._objects: list[Any] = [objects[wanted[i]] for i in first]
        # per event of the trace: which distinct payload it has (the last slot: none)
        self._which = np.full(len(kind), len(first), dtype=np.int32)
        self._which[events[wanted]] = which

    def column(self, name: str, events: np.ndarray, dtype: type, default: int = -1) -> np.ndarray:
        """payload[name] of each of `events` as integers (`default` where it is missing or not a number)."""
        info = np.iinfo(dtype)
        values = [_number(d, name, default) for d in self._objects]
        fits = [v if info.min <= v <= info.max else default for v in values]
        return np.array([*fits, default], dtype=dtype)[self._which[events]]


def _number(payload: object, name: str, default: int) -> int:
    value = payload.get(name, default) if isinstance(payload, dict) else default
    if name == "reason":
        return _REASON_INDEX.get(value, default) if isinstance(value, str) else default
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _cpu_lanes(lanes: list[Lane]) -> np.ndarray:
    """Lane of "CPU k" at position k (-1 where no lane has that number)."""
    numbered = {}
    for i, ln in enumerate(lanes):
        word = ln.name.rsplit(" ", 1)[-1]
        if ln.kind == "cpu" and word.isdigit():
            numbered[int(word)] = i
    table = np.full(max(numbered, default=-1) + 1, -1, dtype=np.int64)
    for k, i in numbered.items():
        table[k] = i
    return table


def _put(column: array, values: np.ndarray) -> None:
    """Append numpy values to a typed-array column (one copy, no per-item conversion)."""
    column.frombytes(np.ascontiguousarray(values, dtype=np.dtype(column.typecode)).tobytes())
