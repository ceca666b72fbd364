"""Models side by side: the seed's scaling claims, the JSON contract, and bad flags named."""

from __future__ import annotations

import json

import pytest

from simulator.compare import MODELS, CompareParams, sweep
from simulator.compare_cli import main
from simulator.costs import REALISTIC
from simulator.workload_gen import WorkloadParams

FIELDS = {"name", "tasks", "makespan_s", "throughput_per_s", "cpu_useful_s", "cpu_switching_s", "cpu_idle_s",
          "context_switches", "voluntary_switches", "involuntary_switches", "memory_bytes"}


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
        total = r.cpu_useful_s + r.cpu_switching_s + r.cpu_idle_s
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
