"""The thread twin: which threads stand beside which program, and the coroutine model's single-thread lane."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from simulator.costs import MS, REALISTIC, TEACHING, CostModel
from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.loop.workload import workload_from_trace
from simulator.runner import run_program
from simulator.scenarios import get_scenario
from simulator.threads import timeline_from_trace
from simulator.timeline import Timeline
from simulator.trace import Trace, TraceBuilder
from simulator.twin import (
    GENERATOR_LANE,
    LOOP_LANE,
    THREADED_SCENARIO,
    costs_of,
    run_in_process,
    single_thread_lane,
    thread_twin,
    with_lane_on_top,
)

S = 1_000_000_000
RUNNING, BLOCKED = int(ThreadState.RUNNING), int(ThreadState.BLOCKED_IO)


def traced(name: str, costs: CostModel = REALISTIC) -> Trace:
    return run_program(get_scenario(name).path, costs=costs, echo=False).trace


@pytest.fixture(scope="module")
def fetch() -> Trace:
    return traced("fetch-hosts")


def lane_segments(tl: Timeline, lane: int) -> list[tuple[int, int, int]]:
    return [(tl.seg_start[i], tl.seg_end[i], tl.seg_state[i]) for i in range(len(tl)) if tl.seg_lane[i] == lane]


def test_the_fetch_twin_has_the_loop_lane_then_one_thread_per_task_then_the_cpus(fetch: Trace) -> None:
    twin = thread_twin(fetch)
    assert twin is not None
    tasks = [t.name for t in workload_from_trace(fetch).tasks]
    assert len(tasks) == 5  # main() and one fetch per host
    assert [ln.name for ln in twin.lanes] == [LOOP_LANE, *tasks, "CPU 0", "CPU 1", "CPU 2", "CPU 3"]
    assert [ln.kind for ln in twin.lanes] == ["loop"] + ["thread"] * 5 + ["cpu"] * 4
    # each thread blocks once per await on the network: connect, drain, read, close (>= 3 waits per fetch)
    for lane in range(2, 6):
        assert sum(1 for *_, s in lane_segments(twin, lane) if s == BLOCKED) >= 3
    # the threads pay context switches; the loop lane has none
    assert len(twin.sw_t) > 0
    assert 0 not in set(twin.sw_to) | set(twin.sw_from)


def test_the_loop_lane_runs_exactly_while_the_loop_works_and_blocks_only_while_nothing_happens(fetch: Trace) -> None:
    twin = thread_twin(fetch)
    assert twin is not None
    loop = lane_segments(twin, 0)
    assert loop[0][0] == 0 and loop[-1][1] == fetch.duration_ns  # the whole run, no gaps
    assert all(a[1] == b[0] for a, b in itertools.pairwise(loop))
    blocked = [(s, e) for s, e, st in loop if st == BLOCKED]
    assert len(blocked) >= 4  # at least one wait per host's answer
    steps = [fetch.t[i] for i in fetch.indices_of(EventKind.TASK_STEP, EventKind.LOOP_TICK)]
    for s, e in blocked:
        # nothing happens while the loop waits; what ends the wait is an arrival
        assert not any(s < t < e for t in fetch.t)
        arrival = next(i for i in range(len(fetch)) if fetch.t[i] == e)
        assert fetch.kind[arrival] in (EventKind.IO_COMPLETE, EventKind.TIMER_FIRE)
    for t in steps:
        assert any(s <= t < e for s, e, st in loop if st == RUNNING) or t == fetch.duration_ns
    # and every wait ends with a wake-up by IO on the loop lane
    woken = [twin.wake_t[i] for i in range(len(twin.wake_t)) if twin.wake_to[i] == 0]
    assert woken == [e for _, e in blocked]
    assert all(twin.wake_from[i] == -1 for i in range(len(twin.wake_t)) if twin.wake_to[i] == 0)


def test_say_after_waits_one_second_twice_on_the_loop_and_one_and_two_seconds_on_threads() -> None:
    trace = traced("say-after")
    twin = thread_twin(trace)
    assert twin is not None
    blocked = [e - s for s, e, st in lane_segments(twin, 0) if st == BLOCKED]
    assert [round(b / S, 3) for b in blocked] == [1.0, 1.0]
    names = [ln.name for ln in twin.lanes]
    waits = {names[lane]: [e - s for s, e, st in lane_segments(twin, lane) if st == BLOCKED] for lane in (2, 3)}
    assert sorted(round(w[0] / S, 3) for w in waits.values()) == [1.0, 2.0]


def test_a_blocking_sleep_in_a_coroutine_blocks_the_loop_lane_for_that_second() -> None:
    trace = traced("blocking-call")
    twin = thread_twin(trace)
    assert twin is not None
    blocked = [(s, e) for s, e, st in lane_segments(twin, 0) if st == BLOCKED]
    sleep = next(i for i in trace.indices_of(EventKind.LOOP_BLOCKED))
    assert (trace.t[sleep], trace.t[sleep] + S) in blocked


def test_the_replay_uses_the_cost_model_the_program_ran_with() -> None:
    trace = traced("say-after", TEACHING)
    assert costs_of(trace) == TEACHING
    twin = thread_twin(trace)
    assert twin is not None
    assert [ln.name for ln in twin.lanes if ln.kind == "cpu"] == ["CPU 0", "CPU 1"]  # teaching: 2 CPUs


def test_the_seed_twin_is_the_threaded_scenario_beside_the_generator_thread() -> None:
    seed = traced("producer-consumer", TEACHING)
    calls: list[tuple[Path, CostModel]] = []

    def run(path: Path, costs: CostModel) -> Trace:
        calls.append((path, costs))
        return run_in_process(path, costs)

    twin = thread_twin(seed, run)
    assert twin is not None
    assert calls == [(get_scenario(THREADED_SCENARIO).path, TEACHING)]
    assert [ln.name for ln in twin.lanes] == [GENERATOR_LANE, "MainThread", "consumer", "CPU 0"]
    # the generator version: one thread, running start to end, never switched
    assert lane_segments(twin, 0) == [(0, seed.duration_ns, RUNNING)]
    assert 0 not in set(twin.sw_to) | set(twin.sw_from)
    # the threaded version switches at every hand-off: 5 items and the stop, each way
    handoffs = [i for i in range(len(twin.sw_t)) if twin.sw_from[i] >= 1 and twin.sw_to[i] >= 1]
    assert len(handoffs) >= 10
    assert twin.end_ns > seed.duration_ns  # the threads take longer for the same work


def test_a_copy_of_the_seed_is_the_seed_and_an_edited_one_is_not(tmp_path: Path) -> None:
    source = get_scenario("producer-consumer").path.read_text(encoding="utf-8")
    copy = tmp_path / "mine.py"
    copy.write_text(source, encoding="utf-8")
    twin = thread_twin(run_program(copy, echo=False).trace)
    assert twin is not None and twin.lanes[0].name == GENERATOR_LANE
    copy.write_text(source.replace("n < 5", "n < 3"), encoding="utf-8")
    other = thread_twin(run_program(copy, echo=False).trace)
    assert other is not None and [ln.name for ln in other.lanes] == ["MainThread", "CPU 0"]


def test_a_threaded_program_shows_its_own_threads() -> None:
    trace = traced(THREADED_SCENARIO)
    twin = thread_twin(trace, run=lambda *_: pytest.fail("nothing to run for a threaded program"))
    assert twin is not None
    assert [ln.name for ln in twin.lanes] == [ln.name for ln in timeline_from_trace(trace).lanes]
    assert list(twin.seg_start) == list(timeline_from_trace(trace).seg_start)


def test_a_trace_without_threads_has_no_twin() -> None:
    b = TraceBuilder()
    b.add_actor(ActorKind.MODULE, "<module>")
    b.emit(EventKind.LINE, 0, 1)
    assert thread_twin(b.build()) is None


def test_costs_that_make_no_sense_fall_back_to_the_realistic_model() -> None:
    b = TraceBuilder()
    b.params = {"costs": {"cpus": 0}}
    assert costs_of(b.build()) == REALISTIC
    b.params = {"costs": "fast"}
    assert costs_of(b.build()) == REALISTIC


def test_a_lane_on_top_moves_every_lane_reference_down_by_one() -> None:
    b = TraceBuilder()
    b.emit(EventKind.IO_REQUEST, -1, arg=1, data={"due": 10 * MS})
    b.now = 10 * MS
    b.emit(EventKind.IO_COMPLETE, -1, arg=1)
    lane = single_thread_lane(b.build(), "one", "loop")
    assert (lane.starts, lane.ends, lane.states, lane.wakes) == ([0], [10 * MS], [BLOCKED], [10 * MS])
    base = thread_twin(traced(THREADED_SCENARIO))
    assert base is not None
    top = with_lane_on_top(base, lane)
    assert top.lanes[1:] == base.lanes and len(top) == len(base) + 1
    assert list(top.seg_lane) == [0] + [k + 1 for k in base.seg_lane]
    assert list(top.sw_to) == [k + 1 if k >= 0 else -1 for k in base.sw_to]
    assert list(top.sw_from) == [k + 1 if k >= 0 else -1 for k in base.sw_from]
    assert sorted(top.wake_t) == list(top.wake_t) and 10 * MS in list(top.wake_t)
    assert top.seg_actor[0] == -1 and list(top.seg_actor)[1:] == list(base.seg_actor)
