"""Real threading code under the deterministic scheduler: hand-offs, deadlocks, seeds, many threads."""

from __future__ import annotations

import threading

import pytest

from simulator import runner
from simulator.costs import TEACHING
from simulator.kinds import ActorKind, EventKind
from simulator.runner import Limits, run_program
from simulator.scenarios import get_scenario
from simulator.threads import timeline_from_trace

ENGINE = "simulator.threads.scheduler"


@pytest.fixture(autouse=True)
def threads_engine(monkeypatch):
    """Install the threads engine for these runs (the runner lists it once the lead registers it)."""
    if ENGINE not in runner.ENGINE_MODULES:
        monkeypatch.setattr(runner, "ENGINE_MODULES", [*runner.ENGINE_MODULES, ENGINE])
    before = threading.active_count()
    yield
    assert threading.active_count() == before, "a run left real threads behind"


def _run(path, **kwargs):
    kwargs.setdefault("limits", Limits(wall_s=30))
    return run_program(path, echo=False, **kwargs)


def _switches(trace):
    return [trace.event(i) for i in trace.indices_of(EventKind.CONTEXT_SWITCH)]


def test_threaded_producer_consumer_prints_the_seed_lines_and_switches_at_every_hand_off():
    scenario = get_scenario("producer-consumer-threads")
    result = _run(scenario.path)
    trace = result.trace
    assert result.exit_code == 0
    assert trace.stdout_text() == scenario.expected_stdout == get_scenario("producer-consumer").expected_stdout
    names = {a.id: a.name for a in trace.actors if a.kind is ActorKind.THREAD}
    between = [e for e in _switches(trace) if {names.get(e.actor), names.get(e.arg)} == {"MainThread", "consumer"}]
    # five items and five replies cross between the threads; each needs the other thread to run
    assert len(between) >= 10
    assert all(e.data["cost_ns"] > 0 for e in between)
    assert trace.indices_of(EventKind.LOCK_ACQUIRE) and trace.indices_of(EventKind.LOCK_WAIT)


def test_the_generator_version_switches_no_thread_at_all():
    trace = _run(get_scenario("producer-consumer").path).trace
    assert _switches(trace) == []
    assert trace.indices_of(EventKind.LOCK_ACQUIRE) == []


def test_lock_order_deadlock_is_found_with_its_cycle_and_stops_the_program(write_program):
    path = write_program("""
        import threading
        import time

        a = threading.Lock()
        b = threading.Lock()

        def one():
            with a:
                time.sleep(0.01)
                with b:
                    print("one")

        def two():
            with b:
                time.sleep(0.01)
                with a:
                    print("two")

        t1 = threading.Thread(target=one, name="first")
        t2 = threading.Thread(target=two, name="second")
        t1.start()
        t2.start()
        t1.join()
        t2.join()
        print("never")
    """)
    result = _run(path)
    trace = result.trace
    assert result.exit_code != 0
    assert trace.outcome.limit == "deadlock"
    assert "never" not in trace.stdout_text()
    [i] = trace.indices_of(EventKind.DEADLOCK)
    cycle = trace.data[i]["cycle"]
    assert {(c["thread"], tuple(c["holds"]), c["waits_for"], c["line"]) for c in cycle} == {
        ("first", ("Lock-1 (line 5)",), "Lock-2 (line 6)", 11),
        ("second", ("Lock-2 (line 6)",), "Lock-1 (line 5)", 17),
    }
    assert "first holds Lock-1" in trace.outcome.message and "second holds Lock-2" in trace.outcome.message


def test_waiting_forever_on_an_event_is_a_deadlock_not_a_hang(write_program):
    path = write_program("""
        import threading
        done = threading.Event()
        done.wait()
    """)
    result = _run(path)
    assert result.exit_code != 0 and result.trace.outcome.limit == "deadlock"
    assert "MainThread waits for Event-1 (line 3) at line 4" in result.trace.outcome.message


def test_queue_semaphore_event_and_sleep_work_through_the_scheduler(write_program):
    path = write_program("""
        import queue
        import threading
        import time

        q = queue.Queue(maxsize=2)
        gate = threading.Semaphore(1)
        ready = threading.Event()
        got = []

        def worker():
            ready.wait()
            while True:
                item = q.get()
                if item is None:
                    return
                with gate:
                    got.append(item)
                time.sleep(0.001)

        ts = [threading.Thread(target=worker) for _ in range(3)]
        for t in ts:
            t.start()
        ready.set()
        for i in range(9):
            q.put(i)
        for _ in ts:
            q.put(None)
        for t in ts:
            t.join()
        print(sorted(got), all(not t.is_alive() for t in ts))
    """)
    result = _run(path)
    assert result.exit_code == 0, result.trace.stderr_text()
    assert result.trace.stdout_text() == "[0, 1, 2, 3, 4, 5, 6, 7, 8] True\n"
    assert result.trace.duration_ns >= 3_000_000  # three sleeps of 1 ms each, at least, on the virtual clock


def test_busy_threads_are_preempted_and_each_seed_is_one_reproducible_interleaving(write_program):
    path = write_program("""
        import threading
        out = []

        def spin(tag):
            for i in range(60):
                out.append(tag)

        ts = [threading.Thread(target=spin, args=(c,)) for c in "abc"]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print("".join(out))
    """)
    runs = {seed: [_run(path, costs=TEACHING, seed=seed).trace for _ in range(2)] for seed in (0, 1, 2)}
    outputs = {seed: [t.stdout_text() for t in traces] for seed, traces in runs.items()}
    for seed, (first, second) in outputs.items():
        assert first == second, f"seed {seed} is not reproducible"
        assert sorted(first.strip()) == sorted("a" * 60 + "b" * 60 + "c" * 60)
    assert len({outs[0] for outs in outputs.values()}) > 1  # the seed picks the interleaving
    preempted = [e for e in _switches(runs[0][0]) if e.data["reason"] == "preempted"]
    assert preempted
    timeline = timeline_from_trace(runs[0][0])
    assert {lane.kind for lane in timeline.lanes} == {"thread", "cpu"}


def test_thousands_of_threads_run_without_thousands_of_real_threads(write_program):
    path = write_program("""
        import threading
        total = []
        lock = threading.Lock()

        def add(i):
            with lock:
                total.append(i)

        threads = [threading.Thread(target=add, args=(i,)) for i in range(3000)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(len(total), sum(total))
    """)
    result = _run(path, limits=Limits(wall_s=60, max_steps=2_000_000))
    assert result.exit_code == 0, result.trace.stderr_text()
    assert result.trace.stdout_text() == f"3000 {sum(range(3000))}\n"
    created = result.trace.indices_of(EventKind.THREAD_CREATE)
    assert len(created) == 3001
    assert result.trace.data[created[1]]["stack_bytes"] == 8 * 1024 * 1024


def test_an_exception_in_a_thread_is_reported_like_cpython_and_the_program_goes_on(write_program):
    path = write_program("""
        import threading

        def boom():
            raise ValueError("bad")

        t = threading.Thread(target=boom, name="worker")
        t.start()
        t.join()
        print("after")
    """)
    result = _run(path)
    assert result.exit_code == 0
    assert result.trace.stdout_text() == "after\n"
    err = result.trace.stderr_text()
    assert "Exception in thread worker" in err and "ValueError: bad" in err


def test_generators_resumed_in_preempted_threads_keep_their_own_frames(write_program):
    path = write_program("""
        import threading

        def numbers(tag):
            for i in range(40):
                yield f"{tag}{i}"

        def work(tag, out):
            for item in numbers(tag):
                out.append(item)

        outs = {c: [] for c in "ab"}
        ts = [threading.Thread(target=work, args=(c, outs[c])) for c in "ab"]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print(len(outs["a"]), len(outs["b"]))
    """)
    trace = _run(path, costs=TEACHING).trace
    assert trace.stdout_text() == "40 40\n"
    assert [e for e in _switches(trace) if e.data["reason"] == "preempted"]  # the threads did interleave
    def names_on(line: int) -> set[str]:
        return {trace.actors[trace.actor[i]].name for i in trace.indices_of(EventKind.LINE) if trace.line[i] == line}

    # every line runs in its own frame, whichever thread resumed the generator
    assert names_on(5) == {"numbers"}  # `yield f"{tag}{i}"`
    assert names_on(9) == {"work"}  # `out.append(item)`, after each value came back
    resumed = {trace.actor[i] for i in trace.indices_of(EventKind.RESUME)}
    assert {trace.actors[a].name for a in resumed} == {"numbers"}
