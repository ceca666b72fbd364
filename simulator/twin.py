"""The thread twin of a run: which threads the thread timeline shows for a trace, and the single-thread lane.

Owns the one decision "which twin for which trace" (`thread_twin`):

- a program that started threads: its own thread timeline;
- an asyncio program: its workload (`simulator.loop.workload.workload_from_trace`) replayed
  as one blocking thread per task on the modelled OS, with the trace's own cost model, plus,
  on top, the lane "event loop (coroutines)": the coroutine model's single thread on the
  same clock;
- the seed's generator producer/consumer (no asyncio, no threads): the lock-and-condition
  scenario `producer_consumer_threads.py`, traced, plus, on top, the lane of the generator
  version's single thread (kind "loop" too: generators are the coroutine model);
- anything else: its own timeline (its main thread), or None for a trace without threads.

The single-thread lane (`single_thread_lane`) is running all the time except while the
thread waits: from the last event before a completion or a timer the loop was waiting for
(its due time is when it arrived: the clock jumped there) until that arrival, and during a
blocking call (`loop_blocked` that is not CPU work). Never imports Qt; the only program it
runs is the threaded scenario, through the `run` it is given (in this process by default).
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Callable
from pathlib import Path

import numpy as np

from simulator.costs import REALISTIC, CostModel, InvalidParameter
from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.loop.workload import workload_from_trace
from simulator.scenarios import get_scenario
from simulator.threads import replay, timeline_from_trace
from simulator.timeline import Lane, Timeline
from simulator.trace import Trace, TraceBuilder

LOOP_LANE = "event loop (coroutines)"
GENERATOR_LANE = "generators (1 thread)"
SEED_SCENARIO = "producer-consumer"
THREADED_SCENARIO = "producer-consumer-threads"

ProgramRunner = Callable[[Path, CostModel], Trace]
"""Traces a program file under a cost model (the threaded scenario, for the seed's twin)."""


@dataclasses.dataclass(frozen=True)
class LaneSegments:
    """One lane's segments, in time order: [start, end) and ThreadState; plus its wake-ups (by IO)."""

    lane: Lane
    starts: list[int]
    ends: list[int]
    states: list[int]
    wakes: list[int]


def run_in_process(program: Path, costs: CostModel) -> Trace:
    """Trace `program` here (not for a GUI process: the run patches `threading` process-wide)."""
    from simulator.runner import run_program

    return run_program(program, costs=costs, echo=False).trace


def thread_twin(trace: Trace, run: ProgramRunner = run_in_process) -> Timeline | None:
    """The thread timeline shown beside `trace` (see the module docstring), or None if there is none."""
    threads = sum(1 for a in trace.actors if a.kind is ActorKind.THREAD)
    if threads > 1:  # the program started threads (every run has its main thread)
        return timeline_from_trace(trace)
    costs = costs_of(trace)
    if any(a.kind is ActorKind.TASK for a in trace.actors):
        builder = TraceBuilder()
        replay(workload_from_trace(trace), costs, builder)
        return with_lane_on_top(timeline_from_trace(builder.build()), single_thread_lane(trace, LOOP_LANE, "loop"))
    if is_seed(trace):
        threaded = run(get_scenario(THREADED_SCENARIO).path, costs)
        return with_lane_on_top(timeline_from_trace(threaded), single_thread_lane(trace, GENERATOR_LANE, "loop"))
    return timeline_from_trace(trace) if threads else None


def costs_of(trace: Trace) -> CostModel:
    """The cost model the trace was recorded with (the realistic defaults if it does not say or makes no sense)."""
    recorded = trace.params.get("costs")
    if not isinstance(recorded, dict):
        return REALISTIC
    known = {f.name for f in dataclasses.fields(CostModel)}
    try:
        return CostModel(**{k: v for k, v in recorded.items() if k in known}).validate()
    except (InvalidParameter, TypeError):
        return REALISTIC


def is_seed(trace: Trace) -> bool:
    """Whether the traced program is the seed's generator producer/consumer (same source text)."""
    source = trace.sources.get(str(trace.program.get("path", "")))
    if source is None:
        return False
    seed = get_scenario(SEED_SCENARIO).path.read_text(encoding="utf-8")
    return source.strip() == seed.strip()


def single_thread_lane(trace: Trace, name: str, kind: str) -> LaneSegments:
    """The program's one thread over the trace: running, except while it waits (blocked on IO)."""
    waits = _waits(trace)
    lane = LaneSegments(Lane(name, kind, -1), [], [], [], [])
    at = 0
    for start, end in waits:
        _add(lane, at, start, ThreadState.RUNNING)
        _add(lane, start, end, ThreadState.BLOCKED_IO)
        lane.wakes.append(end)
        at = end
    _add(lane, at, trace.duration_ns, ThreadState.RUNNING)
    return lane


def _add(lane: LaneSegments, start: int, end: int, state: ThreadState) -> None:
    if end > start:
        lane.starts.append(start)
        lane.ends.append(end)
        lane.states.append(int(state))


_ARRIVALS = (int(EventKind.IO_COMPLETE), int(EventKind.EXECUTOR_DONE), int(EventKind.TIMER_FIRE))


def _waits(trace: Trace) -> list[tuple[int, int]]:
    """The [start, end) spans in which the program's thread waited, in time order, never overlapping."""
    if len(trace) == 0:
        return []
    t = np.frombuffer(trace.t, dtype=np.int64)
    kind = np.frombuffer(trace.kind, dtype=np.uint8)
    arrival = np.isin(kind, _ARRIVALS)
    # the first arrival after other events (or after the start): the loop polled there, maybe after waiting
    polls = np.flatnonzero(arrival & ~np.concatenate([[False], arrival[:-1]]))
    timer_due = {trace.arg[i]: (trace.data.get(i) or {}).get("due") for i in trace.indices_of(EventKind.TIMER_SET)}
    request_due = {
        trace.arg[i]: (trace.data.get(i) or {}).get("due")
        for i in trace.indices_of(EventKind.IO_REQUEST, EventKind.EXECUTOR_SUBMIT)
    }
    spans: list[tuple[int, int]] = []
    for i in polls.tolist():
        before = int(t[i - 1]) if i else 0
        # the clock was moved to this arrival: the loop waited (for a timer, up to the millisecond its selector
        # woke at, at or after the due time: simulator.loop.virtual_loop.SELECT_RESOLUTION_NS)
        due = _due(trace, i, timer_due, request_due)
        if isinstance(due, int) and before < due <= t[i]:
            spans.append((before, int(t[i])))
    for i in np.flatnonzero(kind == EventKind.LOOP_BLOCKED).tolist():
        data = trace.data.get(i) or {}
        if not data.get("cpu") and trace.arg[i] > 0:
            spans.append((int(t[i]), int(t[i]) + int(trace.arg[i])))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _due(trace: Trace, i: int, timer_due: dict[int, object], request_due: dict[int, object]) -> object:
    """When the timer or the request whose arrival is event `i` was due (a busy loop takes it later)."""
    if trace.kind[i] == EventKind.TIMER_FIRE:
        return timer_due.get(trace.arg[i])
    return request_due.get(trace.arg[i])


def with_lane_on_top(timeline: Timeline, extra: LaneSegments) -> Timeline:
    """`timeline` with `extra` as lane 0 (every other lane moves down by one)."""
    n, k = len(extra.starts), len(extra.wakes)

    def shifted(col: array) -> np.ndarray:
        values = _values(col)
        return np.where(values >= 0, values + 1, values)

    wake_t = np.concatenate([np.array(extra.wakes, dtype=np.int64), _values(timeline.wake_t)])
    order = np.argsort(wake_t, kind="stable")
    actors = _values(timeline.seg_actor) if len(timeline.seg_actor) else np.full(len(timeline), -1)
    return dataclasses.replace(
        timeline,
        lanes=[extra.lane, *timeline.lanes],
        seg_lane=_column("i", np.zeros(n), shifted(timeline.seg_lane)),
        seg_start=_column("q", extra.starts, _values(timeline.seg_start)),
        seg_end=_column("q", extra.ends, _values(timeline.seg_end)),
        seg_state=_column("B", extra.states, _values(timeline.seg_state)),
        seg_cpu=_column("h", np.full(n, -1), _values(timeline.seg_cpu)),
        seg_actor=_column("i", np.full(n, -1), actors),
        sw_from=_column("i", shifted(timeline.sw_from)),
        sw_to=_column("i", shifted(timeline.sw_to)),
        wake_t=_column("q", wake_t[order]),
        wake_from=_column("i", np.concatenate([np.full(k, -1), shifted(timeline.wake_from)])[order]),
        wake_to=_column("i", np.concatenate([np.zeros(k), shifted(timeline.wake_to)])[order]),
        end_ns=max(timeline.end_ns, max(extra.ends, default=0)),
    )


def _values(col: array) -> np.ndarray:
    return np.frombuffer(col, dtype=np.dtype(col.typecode)) if len(col) else np.zeros(0, np.dtype(col.typecode))


def _column(code: str, *parts: object) -> array:
    """A typed-array column holding `parts` (lists or numpy arrays) one after another."""
    out = array(code)
    for part in parts:
        out.frombytes(np.asarray(part).astype(np.dtype(code)).tobytes())
    return out
