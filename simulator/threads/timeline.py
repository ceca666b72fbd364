"""Building the thread timeline (simulator.timeline.Timeline) from a trace's thread events.

Owns the translation from events to lanes and segments: one lane per thread (its
states over time), then one lane per CPU (which periods it ran a thread), plus
every context switch and every wake-up. Reads the trace only; never simulates.
"""

from __future__ import annotations

from array import array

from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.timeline import SWITCH_REASONS, Lane, Timeline
from simulator.trace import Trace

_REASON_INDEX = {name: i for i, name in enumerate(SWITCH_REASONS)}
_WAITING = (int(ThreadState.BLOCKED_IO), int(ThreadState.WAITING_LOCK))


def timeline_from_trace(trace: Trace) -> Timeline:
    """The timeline of every thread and CPU in `trace` (empty lanes if it has none)."""
    lane_of: dict[int, int] = {}
    lanes: list[Lane] = []
    for kind, label in ((ActorKind.THREAD, "thread"), (ActorKind.CPU, "cpu")):
        for a in trace.actors:
            if a.kind is kind:
                lane_of[a.id] = len(lanes)
                lanes.append(Lane(a.name, label, a.id))
    cpu_lane = {int(a.name.rsplit(" ", 1)[-1]): lane_of[a.id] for a in trace.actors if a.kind is ActorKind.CPU}

    per_lane: list[tuple[list[int], list[int], list[int], list[int]]] = [([], [], [], []) for _ in lanes]
    state_since: dict[int, tuple[int, int, int]] = {}  # lane -> (start, state, cpu)
    cpu_since: dict[int, tuple[int, int]] = {}  # cpu lane -> (start, thread lane)
    tl = Timeline(lanes=lanes, end_ns=trace.duration_ns)

    def close(lane: int, t: int) -> None:
        start, state, cpu = state_since.pop(lane)
        if t > start and state != ThreadState.EXITED:
            starts, ends, states, cpus = per_lane[lane]
            starts.append(start)
            ends.append(t)
            states.append(state)
            cpus.append(cpu)
        if state == ThreadState.RUNNING and cpu in cpu_lane:
            cl = cpu_lane[cpu]
            if cl in cpu_since:
                cstart, _ = cpu_since.pop(cl)
                if t > cstart:
                    starts, ends, states, cpus = per_lane[cl]
                    starts.append(cstart)
                    ends.append(t)
                    states.append(int(ThreadState.RUNNING))
                    cpus.append(cpu)

    k_state, k_switch = int(EventKind.THREAD_STATE), int(EventKind.CONTEXT_SWITCH)
    k_create = int(EventKind.THREAD_CREATE)
    ts, kinds, actors, args, data = trace.t, trace.kind, trace.actor, trace.arg, trace.data
    for i in range(len(trace)):
        k = kinds[i]
        if k == k_state:
            lane = lane_of.get(actors[i])
            if lane is None:
                continue
            t, state = ts[i], args[i]
            previous = state_since[lane][1] if lane in state_since else -1
            if lane in state_since:
                close(lane, t)
            payload = data.get(i)
            cpu = payload.get("cpu", -1) if payload else -1
            state_since[lane] = (t, state, cpu)
            if state == ThreadState.RUNNING and cpu in cpu_lane:
                cpu_since[cpu_lane[cpu]] = (t, lane)
            if state == ThreadState.READY and previous in _WAITING:
                waker = payload.get("waker", -1) if payload else -1
                tl.wake_t.append(t)
                tl.wake_from.append(lane_of.get(waker, -1))
                tl.wake_to.append(lane)
        elif k == k_switch:
            payload = data.get(i) or {}
            tl.sw_t.append(ts[i])
            tl.sw_cpu.append(payload.get("cpu", -1))
            tl.sw_from.append(lane_of.get(args[i], -1))
            tl.sw_to.append(lane_of.get(actors[i], -1))
            tl.sw_cost.append(payload.get("cost_ns", 0))
            tl.sw_reason.append(_REASON_INDEX.get(payload.get("reason", ""), 0))
        elif k == k_create:
            lane = lane_of.get(actors[i])
            if lane is not None and lane not in state_since:
                state_since[lane] = (ts[i], int(ThreadState.NEW), -1)
    for lane in list(state_since):
        close(lane, tl.end_ns)

    for lane, (starts, ends, states, cpus) in enumerate(per_lane):
        tl.seg_lane.extend(array("i", [lane]) * len(starts))
        tl.seg_start.extend(starts)
        tl.seg_end.extend(ends)
        tl.seg_state.extend(states)
        tl.seg_cpu.extend(cpus)
    return tl
