"""timeline_from_trace: the vectorised builder agrees with the event-by-event reading, names the thread in
every segment, and survives odd traces (unshared or malformed payloads, two threads on one CPU)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simulator.costs import MS, REALISTIC, TEACHING
from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.runner import run_program
from simulator.scenarios import get_scenario
from simulator.threads import replay, timeline_from_trace
from simulator.timeline import SWITCH_REASONS, Lane, Timeline
from simulator.trace import Trace, TraceBuilder
from simulator.trace_io import from_json_dict, to_json_dict
from simulator.workload import Burst, BurstKind, TaskProfile, Workload
from simulator.workload_gen import WorkloadParams, generate

COLUMNS = ("seg_lane", "seg_start", "seg_end", "seg_state", "seg_cpu", "seg_actor", "sw_t", "sw_cpu", "sw_from",
           "sw_to", "sw_cost", "sw_reason", "wake_t", "wake_from", "wake_to")


def reference_timeline(trace: Trace) -> Timeline:
    """The obvious reading, one event at a time: what the fast builder must reproduce."""
    lanes = [Lane(a.name, "thread", a.id) for a in trace.actors if a.kind is ActorKind.THREAD]
    lanes += [Lane(a.name, "cpu", a.id) for a in trace.actors if a.kind is ActorKind.CPU]
    lane_of = {ln.actor: i for i, ln in enumerate(lanes)}
    cpu_lane = {int(ln.name.split()[-1]): i for i, ln in enumerate(lanes) if ln.kind == "cpu"}
    segs: list[list[tuple[int, int, int, int, int]]] = [[] for _ in lanes]
    now: dict[int, tuple[int, int, int]] = {}  # lane -> (since, state, cpu)
    tl = Timeline(lanes=lanes, end_ns=trace.duration_ns)

    def close(lane: int, t: int) -> None:
        since, state, cpu = now.pop(lane)
        if t > since and state != ThreadState.EXITED:
            segs[lane].append((since, t, state, cpu, lanes[lane].actor))
            if state == ThreadState.RUNNING and cpu in cpu_lane:
                segs[cpu_lane[cpu]].append((since, t, state, cpu, lanes[lane].actor))

    for e in trace.events():
        data: dict[str, Any] = e.data or {}
        if e.kind is EventKind.THREAD_STATE and e.actor in lane_of:
            lane = lane_of[e.actor]
            before = now[lane][1] if lane in now else -1
            if lane in now:
                close(lane, e.t)
            now[lane] = (e.t, e.arg, data.get("cpu", -1))
            if e.arg == ThreadState.READY and before in (ThreadState.BLOCKED_IO, ThreadState.WAITING_LOCK):
                tl.wake_t.append(e.t)
                tl.wake_from.append(lane_of.get(data.get("waker", -1), -1))
                tl.wake_to.append(lane)
        elif e.kind is EventKind.THREAD_CREATE and e.actor in lane_of and lane_of[e.actor] not in now:
            now[lane_of[e.actor]] = (e.t, ThreadState.NEW, -1)
        elif e.kind is EventKind.CONTEXT_SWITCH:
            tl.sw_t.append(e.t)
            tl.sw_cpu.append(data["cpu"])
            tl.sw_from.append(lane_of.get(e.arg, -1))
            tl.sw_to.append(lane_of.get(e.actor, -1))
            tl.sw_cost.append(data["cost_ns"])
            tl.sw_reason.append(SWITCH_REASONS.index(data["reason"]))
    for lane in list(now):
        close(lane, trace.duration_ns)
    for lane, rows in enumerate(segs):
        for start, end, state, cpu, actor in sorted(rows):
            tl.seg_lane.append(lane)
            tl.seg_start.append(start)
            tl.seg_end.append(end)
            tl.seg_state.append(state)
            tl.seg_cpu.append(cpu)
            tl.seg_actor.append(actor)
    return tl


def _columns(tl: Timeline) -> dict[str, list[int]]:
    return {name: list(getattr(tl, name)) for name in COLUMNS}


def _replayed(work: Workload, costs=REALISTIC) -> Trace:
    b = TraceBuilder()
    replay(work, costs, b)
    return b.build()


@pytest.mark.parametrize(
    ("params", "costs"),
    [
        (WorkloadParams(tasks=1, io_count=3, seed=1), REALISTIC),
        (WorkloadParams(tasks=40, io_count=6, seed=2, io_distribution="exponential"), REALISTIC),
        (WorkloadParams(tasks=25, io_count=4, seed=3), TEACHING),
        (WorkloadParams(tasks=12, io_count=5, seed=4), REALISTIC.with_overrides(gil=True)),
        (WorkloadParams(tasks=9, io_count=2, seed=5), REALISTIC.with_overrides(cpus=3)),
    ],
)
def test_replayed_runs_match_the_event_by_event_reading(params, costs):
    trace = _replayed(generate(params), costs)
    assert _columns(timeline_from_trace(trace)) == _columns(reference_timeline(trace))


def test_real_threaded_code_matches_the_event_by_event_reading():
    trace = run_program(get_scenario("producer-consumer-threads").path, echo=False).trace
    tl = timeline_from_trace(trace)
    assert _columns(tl) == _columns(reference_timeline(trace))
    # the condition-variable hand-off: every wake-up of the consumer comes from the main thread
    consumer = [ln.name for ln in tl.lanes].index("consumer")
    wakers = {tl.wake_from[i] for i in range(len(tl.wake_t)) if tl.wake_to[i] == consumer}
    assert wakers == {[ln.name for ln in tl.lanes].index("MainThread")}


def test_every_segment_names_its_thread_and_cpu_lanes_name_who_ran_there():
    # one CPU: A runs 0-2 ms then waits 5 ms; B starts when A blocks (switch 1 ms) and runs 3 ms
    one_cpu = REALISTIC.with_overrides(cpus=1, switch_ns=MS, cache_refill_ns=0, wakeup_ns=0, thread_create_ns=0)
    a = TaskProfile("A", (Burst(BurstKind.CPU, 2 * MS), Burst(BurstKind.IO, 5 * MS), Burst(BurstKind.CPU, MS)))
    b = TaskProfile("B", (Burst(BurstKind.CPU, 3 * MS),))
    tl = timeline_from_trace(_replayed(Workload((a, b)), one_cpu))
    names = {ln.actor: ln.name for ln in tl.lanes}
    assert [ln.name for ln in tl.lanes] == ["A", "B", "CPU 0"]
    for i in range(len(tl)):
        if tl.seg_lane[i] < 2:
            assert names[tl.seg_actor[i]] == tl.lanes[tl.seg_lane[i]].name
    cpu = [(tl.seg_start[i] // MS, tl.seg_end[i] // MS, names[tl.seg_actor[i]]) for i in range(len(tl))
           if tl.seg_lane[i] == 2]
    assert cpu == [(0, 2, "A"), (3, 6, "B"), (7, 8, "A")]


def test_a_trace_read_back_from_json_gives_the_same_timeline():
    trace = _replayed(generate(WorkloadParams(tasks=15, io_count=4, seed=6)))
    again = from_json_dict(json.loads(json.dumps(to_json_dict(trace))))  # every payload its own dict now
    assert len({id(d) for d in again.data.values()}) == len(again.data) > len({id(d) for d in trace.data.values()})
    assert _columns(timeline_from_trace(again)) == _columns(timeline_from_trace(trace))


def _hand_made(*events: tuple[int, EventKind, int, int, dict[str, Any] | None]) -> Trace:
    b = TraceBuilder()
    b.add_actor(ActorKind.CPU, "CPU 0")
    b.add_actor(ActorKind.THREAD, "T1")
    b.add_actor(ActorKind.THREAD, "T2")
    for t, kind, actor, arg, data in events:
        b.now = t
        b.emit(kind, actor, arg=arg, data=data)
    return b.build()


def test_malformed_payloads_count_as_missing_instead_of_failing():
    trace = _hand_made(
        (0, EventKind.THREAD_STATE, 1, ThreadState.RUNNING, {"cpu": "zero"}),
        (10, EventKind.CONTEXT_SWITCH, 2, 1, {"cpu": 0, "reason": "bored", "cost_ns": 1.5}),
        (10, EventKind.THREAD_STATE, 1, ThreadState.BLOCKED_IO, None),
        (12, EventKind.THREAD_STATE, 2, ThreadState.RUNNING, {"cpu": 99}),
        (20, EventKind.THREAD_STATE, 1, ThreadState.READY, {"waker": 12345}),
    )
    tl = timeline_from_trace(trace)
    lanes = [ln.name for ln in tl.lanes]
    assert lanes == ["T1", "T2", "CPU 0"]
    # T1 ran on an unreadable CPU: its thread lane shows it, no CPU lane claims it; CPU 99 has no lane
    assert [(tl.seg_lane[i], tl.seg_start[i], tl.seg_end[i], tl.seg_cpu[i]) for i in range(len(tl))] == [
        (0, 0, 10, -1), (0, 10, 20, -1), (1, 12, 20, 99),
    ]
    assert (list(tl.sw_cost), list(tl.sw_reason), list(tl.sw_from), list(tl.sw_to)) == ([0], [0], [0], [1])
    assert (list(tl.wake_t), list(tl.wake_from), list(tl.wake_to)) == ([20], [-1], [0])


def test_two_threads_claiming_one_cpu_at_once_are_cut_never_overlapping():
    trace = _hand_made(
        (0, EventKind.THREAD_STATE, 1, ThreadState.RUNNING, {"cpu": 0}),
        (5, EventKind.THREAD_STATE, 2, ThreadState.RUNNING, {"cpu": 0}),
        (10, EventKind.THREAD_STATE, 1, ThreadState.EXITED, None),
        (15, EventKind.THREAD_STATE, 2, ThreadState.EXITED, None),
    )
    tl = timeline_from_trace(trace)
    cpu = [(tl.seg_start[i], tl.seg_end[i], tl.seg_actor[i]) for i in range(len(tl)) if tl.seg_lane[i] == 2]
    assert cpu == [(0, 5, 1), (5, 15, 2)]


def test_a_trace_without_threads_gives_an_empty_timeline():
    b = TraceBuilder()
    b.emit(EventKind.NOTE, -1, text="hello")
    tl = timeline_from_trace(b.build())
    assert tl.lanes == [] and len(tl) == 0 and len(tl.sw_t) == 0
