"""Models side by side: the seed's scaling claims, the JSON contract, and bad flags named."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from simulator.compare import MODELS, CompareParams, setup, sweep
from simulator.compare_cli import main
from simulator.costs import REALISTIC
from simulator.kinds import EventKind
from simulator.threads import replay
from simulator.trace import TraceBuilder
from simulator.workload_gen import WorkloadParams, generate

FIELDS = {"name", "tasks", "makespan_s", "throughput_per_s", "cpu_useful_s", "cpu_switching_s", "cpu_idle_s",
          "context_switches", "voluntary_switches", "involuntary_switches", "memory_bytes", "cpu_startup_s",
          "task_switches"}


def _by(results, name):
    return {r.tasks: r for r in results if r.name == name}


def test_switching_grows_with_the_thread_count_while_coroutines_stay_flat():
    results = sweep([1, 10, 100, 1000], WorkloadParams(), REALISTIC, CompareParams())
    threads, loop = _by(results, "threads"), _by(results, "coroutines")
    per_task = {n: threads[n].cpu_switching_s / n for n in threads}
    # alone, a thread wakes on its own warm CPU; crowded, every switch refills a cache
    assert per_task[1] * 1.5 < min(per_task[10], per_task[100], per_task[1000])
    assert threads[1000].cpu_switching_s > 500 * threads[1].cpu_switching_s
    loop_per_task = {n: loop[n].cpu_switching_s / n for n in loop}
    assert loop_per_task[1000] <= loop_per_task[1]
    assert loop[1000].context_switches <= loop[1].context_switches
    assert threads[1000].context_switches >= 1000 * 10
    assert loop[1000].cpu_switching_s < threads[1000].cpu_switching_s / 3


def test_memory_tells_threads_from_coroutines_and_processes_use_every_core():
    results = sweep([1000], WorkloadParams(), REALISTIC, CompareParams())
    threads, loop, procs = (_by(results, m)[1000] for m in ("threads", "coroutines", "processes"))
    assert threads.memory_bytes > 10 * loop.memory_bytes
    # one event loop is one thread: it can use one of the four CPUs; four processes use them all
    assert procs.makespan_s < loop.makespan_s / 2
    assert procs.cpu_idle_s < loop.cpu_idle_s


def test_cpu_time_adds_up_for_every_model():
    for r in sweep([10, 300], WorkloadParams(seed=4), REALISTIC, CompareParams()):
        total = r.cpu_useful_s + r.cpu_switching_s + r.cpu_startup_s + r.cpu_idle_s
        assert total == pytest.approx(REALISTIC.cpus * r.makespan_s, rel=1e-9), r.name
        assert r.context_switches == r.voluntary_switches + r.involuntary_switches


def test_json_has_one_entry_per_model_and_task_count_with_the_documented_fields(capsys):
    assert main(["--tasks", "1,10", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(m["name"], m["tasks"]) for m in doc["models"]] == [(m, n) for n in (1, 10) for m in MODELS]
    assert all(set(m) == FIELDS for m in doc["models"])


def test_table_is_printed_and_teaching_is_labelled(capsys):
    assert main(["--tasks", "5", "--preset", "teaching"]) == 0
    out = capsys.readouterr().out
    assert all(m in out for m in MODELS) and "exaggerated" in out


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--cpus", "0"], "--cpus"),
        (["--slice-ms", "0.001"], "--slice-ms"),
        (["--io-ms", "-1"], "--io-ms"),
        (["--switch-us", "-3"], "--switch-us"),
        (["--tasks", "0"], "--tasks"),
        (["--tasks", "ten"], "--tasks"),
        (["--pool-size", "0"], "--pool-size"),
        (["--processes", "-2"], "--processes"),
        (["--preset", "fast"], "preset"),
        (["--cpus", "two"], "--cpus"),
    ],
)
def test_invalid_parameters_are_named_with_exit_status_2(argv, named, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert named in err


def test_the_seeds_io_bound_case_coroutines_win_and_threads_waste_more_as_they_multiply():
    costs, workload, params = setup()
    results = sweep([10, 100, 1000, 10_000], workload, costs, params)
    threads, loop = _by(results, "threads"), _by(results, "coroutines")
    for n in (1000, 10_000):
        assert loop[n].makespan_s <= threads[n].makespan_s
        assert loop[n].memory_bytes * 10 < threads[n].memory_bytes
        assert loop[n].context_switches * 5 < threads[n].context_switches
    shares = [threads[n].useful_share() for n in (100, 1000, 10_000)]
    assert shares == sorted(shares, reverse=True) and shares[-1] < shares[0] / 2


def test_the_cpu_bound_workload_is_where_threads_and_processes_win():
    costs, workload, params = setup("realistic", "cpu-bound")
    assert not params.gil
    results = sweep([100], workload, costs, params)
    at = {r.name: r for r in results}
    assert at["threads"].makespan_s < at["coroutines"].makespan_s / 2
    assert at["processes"].makespan_s < at["coroutines"].makespan_s / 2


@pytest.mark.parametrize("preset_name", ["realistic", "teaching"])
def test_switching_cpu_is_zero_where_nothing_switched_and_the_switch_costs_add_up(preset_name):
    costs, workload, params = setup(preset_name)
    one = WorkloadParams(tasks=3, io_count=0, cpu_ns=workload.cpu_ns)
    for r in sweep([3], one, costs, params):
        if r.context_switches == 0 and r.task_switches == 0:
            assert r.cpu_switching_s == 0, r.name
    # each recorded switch's cost adds up to the switching and start-up time
    for gil in (False, True):
        b = TraceBuilder()
        result = replay(generate(replace(workload, tasks=30, io_count=3)), replace(costs, gil=gil), b)
        trace = b.build()
        costs_ns = sum(trace.data[i]["cost_ns"] for i in trace.indices_of(EventKind.CONTEXT_SWITCH))
        spent = result.switching_ns + result.startup_ns
        if gil:  # a GIL wait that wakes for nothing costs a switch on another core: counted, not drawn
            assert costs_ns <= spent and (spent - costs_ns) % costs.switch_ns == 0
        else:
            assert costs_ns == spent
        assert (result.switching_ns == 0) == (result.context_switches == 0)


def test_the_table_columns_line_up(capsys):
    assert main(["--tasks", "1,10000"]) == 0
    lines = capsys.readouterr().out.splitlines()
    head, rows = lines[1], [ln for ln in lines[3:] if ln.strip()]
    ends = [m.end() for m in re.finditer(r"\S+(?: \S+)*", head)]  # headers are apart by two spaces or more
    assert len(ends) == 14
    for row in rows:
        assert len(row) == len(head)
        for end in ends[1:]:  # every numeric column ends where its header ends
            assert row[end - 1] != " ", (row, end)


def test_the_workload_flag_names_the_workload_and_its_gil(capsys):
    assert main(["--tasks", "3", "--workload", "cpu-bound", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["workload_name"], doc["gil"]) == ("cpu-bound", False)
    assert doc["workload"]["cpu_ns"] == 5_000_000
    assert main(["--tasks", "3", "--no-gil", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["workload_name"], doc["gil"]) == ("io-bound", False)
    assert main(["--tasks", "3", "--workload", "disk"]) == 2
    assert "io-bound, cpu-bound" in capsys.readouterr().err
