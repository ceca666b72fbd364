"""The modelled OS: exact hand-checkable timelines, switch counts, determinism, bad parameters."""

from __future__ import annotations

import itertools

import pytest

from simulator.costs import MS, REALISTIC, TEACHING, InvalidParameter
from simulator.kinds import EventKind, ThreadState
from simulator.threads import replay, timeline_from_trace
from simulator.timeline import SWITCH_REASONS
from simulator.trace import TraceBuilder
from simulator.trace_io import to_json_dict
from simulator.workload import Burst, BurstKind, TaskProfile, Workload
from simulator.workload_gen import WorkloadParams, generate

ONE_CPU = REALISTIC.with_overrides(
    cpus=1, time_slice_ns=10 * MS, switch_ns=1 * MS, cache_refill_ns=0, wakeup_ns=0, thread_create_ns=0
)


def _task(name: str, *bursts: tuple[str, int]) -> TaskProfile:
    kinds = {"cpu": BurstKind.CPU, "io": BurstKind.IO}
    return TaskProfile(name, tuple(Burst(kinds[k], ms * MS) for k, ms in bursts))


def _segments(tl, lane: int) -> list[tuple[int, int, str]]:
    return [
        (tl.seg_start[i] // MS, tl.seg_end[i] // MS, ThreadState(tl.seg_state[i]).name)
        for i in range(len(tl))
        if tl.seg_lane[i] == lane
    ]


def test_two_threads_one_cpu_give_the_exact_hand_checked_segments():
    # A: 25 ms CPU, 5 ms IO, 1 ms CPU. B: the same. Slice 10 ms, switch 1 ms, nothing else costs.
    work = Workload((_task("A", ("cpu", 25), ("io", 5), ("cpu", 1)), _task("B", ("cpu", 25), ("io", 5), ("cpu", 1))))
    b = TraceBuilder()
    result = replay(work, ONE_CPU, b)
    tl = timeline_from_trace(b.build())
    assert [lane.name for lane in tl.lanes] == ["A", "B", "CPU 0"]
    assert _segments(tl, 0) == [
        (0, 10, "RUNNING"), (10, 22, "READY"), (22, 32, "RUNNING"), (32, 44, "READY"),
        (44, 49, "RUNNING"), (49, 54, "BLOCKED_IO"), (54, 56, "READY"), (56, 57, "RUNNING"),
    ]
    assert _segments(tl, 1) == [
        (0, 11, "READY"), (11, 21, "RUNNING"), (21, 33, "READY"), (33, 43, "RUNNING"),
        (43, 50, "READY"), (50, 55, "RUNNING"), (55, 60, "BLOCKED_IO"), (60, 61, "RUNNING"),
    ]
    reasons = [SWITCH_REASONS[r] for r in tl.sw_reason]
    assert reasons == ["started", "preempted", "preempted", "preempted", "preempted",
                       "blocked", "blocked", "exited", "woken", "exited"]
    assert list(tl.sw_cost) == [0, MS, MS, MS, MS, MS, MS, 0, 0, 0]
    # B's first dispatch (after A's first preemption) is its start-up; the other five are switches
    assert (result.makespan_ns, result.useful_ns, result.switching_ns) == (61 * MS, 52 * MS, 5 * MS)
    assert result.startup_ns == 1 * MS
    assert (result.voluntary, result.involuntary) == (2, 4)
    assert list(tl.wake_t) == [54 * MS, 60 * MS] and list(tl.wake_from) == [-1, -1]


def test_cache_refill_and_wakeup_costs_apply_where_the_policy_says():
    costs = ONE_CPU.with_overrides(cache_refill_ns=2 * MS, wakeup_ns=3 * MS)
    work = Workload((_task("A", ("cpu", 1), ("io", 10), ("cpu", 1)), _task("B", ("cpu", 1))))
    b = TraceBuilder()
    replay(work, costs, b)
    trace = b.build()
    switches = [trace.event(i) for i in trace.indices_of(EventKind.CONTEXT_SWITCH)]
    got = [(e.t // MS, e.data["reason"], e.data["cost_ns"] // MS) for e in switches]
    # A starts on an idle CPU (wake-up 3 + refill 2); B after A blocks (switch 1 + refill 2);
    # A's IO ends with the CPU idle: wake-up 3 + refill 2, since B ran there last.
    assert got == [(0, "started", 5), (6, "blocked", 3), (10, "exited", 0), (16, "woken", 5), (22, "exited", 0)]


@pytest.mark.parametrize(("n", "k"), [(1, 3), (7, 4), (50, 10)])
def test_n_threads_each_waiting_k_times_make_at_least_n_k_voluntary_switches(n, k):
    work = generate(WorkloadParams(tasks=n, io_count=k, seed=3))
    b = TraceBuilder()
    result = replay(work, REALISTIC, b)
    assert result.voluntary >= n * k
    trace = b.build()
    blocked = [i for i in trace.indices_of(EventKind.CONTEXT_SWITCH) if trace.data[i]["reason"] == "blocked"]
    assert len(blocked) == n * k


def test_more_threads_than_cpus_with_long_bursts_are_preempted():
    work = generate(WorkloadParams(tasks=8, io_count=1, cpu_ns=20 * MS, io_distribution="fixed"))
    result = replay(work, REALISTIC)
    assert result.involuntary > 0
    alone = replay(generate(WorkloadParams(tasks=4, io_count=1, cpu_ns=20 * MS, io_distribution="fixed")), REALISTIC)
    assert alone.involuntary == 0  # one thread per CPU: nobody waits, so nobody is preempted


def test_the_gil_serialises_cpu_work():
    work = generate(WorkloadParams(tasks=4, io_count=0, cpu_ns=10 * MS))
    free = replay(work, REALISTIC)
    locked = replay(work, REALISTIC.with_overrides(gil=True))
    assert locked.makespan_ns >= 4 * free.makespan_ns * 0.9
    assert locked.idle_ns > free.idle_ns


def test_replay_is_deterministic_to_the_byte():
    work = generate(WorkloadParams(tasks=30, io_count=5, seed=11, io_distribution="exponential"))
    dumps = []
    for _ in range(2):
        b = TraceBuilder()
        replay(work, TEACHING, b)
        dumps.append(to_json_dict(b.build()))
    assert dumps[0] == dumps[1]
    assert any(e["kind"] == "context_switch" for e in dumps[0]["events"])


def test_timeline_cpu_lanes_never_overlap_and_thread_lanes_cover_time_in_order():
    work = generate(WorkloadParams(tasks=20, io_count=3, seed=5))
    b = TraceBuilder()
    replay(work, REALISTIC.with_overrides(cpus=2), b)
    tl = timeline_from_trace(b.build())
    by_lane: dict[int, list[tuple[int, int]]] = {}
    for i in range(len(tl)):
        by_lane.setdefault(tl.seg_lane[i], []).append((tl.seg_start[i], tl.seg_end[i]))
    for spans in by_lane.values():
        for (s1, e1), (s2, _) in itertools.pairwise(spans):
            assert s1 < e1 <= s2


@pytest.mark.parametrize(
    ("override", "named"),
    [({"cpus": 0}, "cpus"), ({"wakeup_ns": -1}, "wakeup_ns"), ({"time_slice_ns": 1000}, "time_slice_ns")],
)
def test_invalid_model_parameters_are_named(override, named):
    with pytest.raises(InvalidParameter, match=named):
        REALISTIC.with_overrides(**override)


@pytest.mark.parametrize(
    ("params", "named"),
    [({"tasks": 0}, "tasks"), ({"io_ns": -5}, "io_ns"), ({"io_distribution": "pareto"}, "io_distribution")],
)
def test_invalid_workload_parameters_are_named(params, named):
    with pytest.raises(InvalidParameter, match=named):
        generate(WorkloadParams(**params))
