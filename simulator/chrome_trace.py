"""Chrome Trace Event export of the thread timeline, for Perfetto and chrome://tracing.

Owns the mapping from a Timeline to the Trace Event Format: each thread (and each CPU)
is a tid named by a `thread_name` metadata event; each state segment is a complete
("X") slice, named by its state on a thread's row and by the thread running there on a
CPU's row; each context switch an instant ("i") event; each wake-up a flow ("s" ->
"f") from the waker to the woken thread. Timestamps are microseconds as floats (the
format's unit), so nanosecond detail survives. Never reads Qt; never changes the timeline.
"""

from __future__ import annotations

import json
import os
from typing import Any

from simulator.kinds import ThreadState
from simulator.timeline import SWITCH_REASONS, Timeline
from simulator.trace import Trace
from simulator.trace_io import atomic_write

THREADS_PID = 1
CPUS_PID = 2
IO_TID = 0  # a pseudo-thread in THREADS_PID where wake-ups by IO completions start
_STATE_NAMES = {
    ThreadState.NEW: "new",
    ThreadState.RUNNING: "running",
    ThreadState.READY: "ready",
    ThreadState.BLOCKED_IO: "blocked on IO",
    ThreadState.WAITING_LOCK: "waiting for a lock",
    ThreadState.EXITED: "exited",
}


def _us(ns: int) -> float:
    return ns / 1000.0


def chrome_trace_from_timeline(timeline: Timeline) -> dict[str, Any]:
    """The timeline as a Chrome Trace Event document (a dict ready for json.dump)."""
    lanes = timeline.lanes
    pid_tid = [(CPUS_PID if lane.kind == "cpu" else THREADS_PID, i + 1) for i, lane in enumerate(lanes)]
    cpu_tid = {k: pid_tid[i] for k, i in enumerate(i for i, lane in enumerate(lanes) if lane.kind == "cpu")}
    meta: list[dict[str, Any]] = [
        {"ph": "M", "name": "process_name", "pid": THREADS_PID, "tid": 0, "ts": 0, "args": {"name": "threads"}},
        {"ph": "M", "name": "process_name", "pid": CPUS_PID, "tid": 0, "ts": 0, "args": {"name": "CPUs"}},
        {"ph": "M", "name": "thread_name", "pid": THREADS_PID, "tid": IO_TID, "ts": 0,
         "args": {"name": "IO completions"}},
    ]
    for i, lane in enumerate(lanes):
        pid, tid = pid_tid[i]
        meta.append({"ph": "M", "name": "thread_name", "pid": pid, "tid": tid, "ts": 0, "args": {"name": lane.name}})
        meta.append({"ph": "M", "name": "thread_sort_index", "pid": pid, "tid": tid, "ts": 0,
                     "args": {"sort_index": i}})

    # (time ns, order within the same time, event): slices first, then the instants and flows on them
    timed: list[tuple[int, int, dict[str, Any]]] = []
    thread_names = {lane.actor: lane.name for lane in lanes if lane.kind != "cpu" and lane.actor >= 0}
    actors = timeline.seg_actor if len(timeline.seg_actor) == len(timeline.seg_lane) else None
    for j in range(len(timeline.seg_lane)):
        pid, tid = pid_tid[timeline.seg_lane[j]]
        start, end, state = timeline.seg_start[j], timeline.seg_end[j], ThreadState(timeline.seg_state[j])
        name = _STATE_NAMES[state]
        args: dict[str, Any] = {}
        if timeline.seg_cpu[j] >= 0:
            args["cpu"] = timeline.seg_cpu[j]
        # on a CPU's row the slice is the thread that ran there, so Perfetto labels it by that thread
        running = thread_names.get(actors[j]) if actors is not None and pid == CPUS_PID else None
        if running is not None:
            name, args["state"] = running, name
        ev: dict[str, Any] = {"ph": "X", "name": name, "cat": "state", "pid": pid, "tid": tid,
                              "ts": _us(start), "dur": _us(end - start)}
        if args:
            ev["args"] = args
        timed.append((start, 0, ev))
    for j in range(len(timeline.sw_t)):
        t, cpu, out, into = timeline.sw_t[j], timeline.sw_cpu[j], timeline.sw_from[j], timeline.sw_to[j]
        reason = SWITCH_REASONS[timeline.sw_reason[j]] if timeline.sw_reason[j] < len(SWITCH_REASONS) else "other"
        # on the CPU's own row if there is one, else on the thread switched in (or out)
        if cpu in cpu_tid:
            pid, tid = cpu_tid[cpu]
        elif into >= 0 or out >= 0:
            pid, tid = pid_tid[into if into >= 0 else out]
        else:
            pid, tid = THREADS_PID, IO_TID
        timed.append((t, 1, {
            "ph": "i", "s": "t", "name": f"context switch ({reason})", "cat": "switch", "pid": pid, "tid": tid,
            "ts": _us(t), "args": {"cpu": cpu, "from": lanes[out].name if out >= 0 else "idle",
                                   "to": lanes[into].name if into >= 0 else "idle", "cost_ns": timeline.sw_cost[j],
                                   "reason": reason},
        }))
    for j in range(len(timeline.wake_t)):
        t, waker, woken = timeline.wake_t[j], timeline.wake_from[j], timeline.wake_to[j]
        src = pid_tid[waker] if waker >= 0 else (THREADS_PID, IO_TID)
        if waker < 0:  # a flow must start inside a slice: give the IO completion a tiny one
            timed.append((t, 0, {"ph": "X", "name": "IO completion", "cat": "io", "pid": src[0], "tid": src[1],
                                 "ts": _us(t), "dur": 0.001}))
        common = {"name": "wake-up", "cat": "wake", "id": j + 1}
        timed.append((t, 2, {"ph": "s", "pid": src[0], "tid": src[1], "ts": _us(t), **common}))
        dst = pid_tid[woken]
        timed.append((t, 2, {"ph": "f", "bp": "e", "pid": dst[0], "tid": dst[1], "ts": _us(t), **common}))
    timed.sort(key=lambda e: (e[0], e[1]))
    return {
        "traceEvents": meta + [ev for _, _, ev in timed],
        "displayTimeUnit": "ns",
        "otherData": {"producer": "coroscope", "end_ns": timeline.end_ns},
    }


def write_chrome_trace(trace_or_timeline: Trace | Timeline | dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a trace's thread timeline (or a timeline, or a ready document) as Chrome Trace JSON, atomically."""
    if isinstance(trace_or_timeline, Trace):
        from simulator.threads.timeline import timeline_from_trace

        trace_or_timeline = timeline_from_trace(trace_or_timeline)
    doc = trace_or_timeline
    if isinstance(doc, Timeline):
        doc = chrome_trace_from_timeline(doc)
    atomic_write(path, json.dumps(doc, separators=(",", ":")).encode("utf-8"))
