"""`python -m simulator calibrate`: the JSON shape of issue 11, bad flags named, and one short real run."""

from __future__ import annotations

import json

import pytest

from simulator import calibrate as cal
from simulator.costs import MS

KEYS = {"model", "tasks", "waits", "predicted_voluntary", "measured_voluntary", "predicted_makespan_s",
        "measured_makespan_s"}


def test_json_has_a_row_per_model_and_task_count_with_exactly_the_issues_keys(monkeypatch, capsys):
    monkeypatch.setattr(cal, "measure_threads", lambda n, k, s: cal.Measured(2 * n * k, 0, 0.05))
    monkeypatch.setattr(cal, "measure_asyncio", lambda n, k, s: cal.Measured(k, 0, 0.04))
    monkeypatch.setattr(cal, "measure_step_ns", lambda: 3_000)
    assert cal.main(["--threads", "10,100,500", "--waits", "20", "--sleep-ms", "2", "--json", "--repeat", "1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(r["model"], r["tasks"]) for r in doc["rows"]] == [
        (m, n) for n in (10, 100, 500) for m in ("threads", "coroutines")]
    assert all(set(r) == KEYS for r in doc["rows"])
    assert all(r["waits"] == 20 for r in doc["rows"])
    assert "this machine" in doc["measured_on"]
    threads = {r["tasks"]: r for r in doc["rows"] if r["model"] == "threads"}
    # the model predicts the convoy: more than one switch per sleep once threads queue for the GIL
    assert threads[10]["predicted_voluntary"] < 1.3 * 10 * 20
    assert threads[500]["predicted_voluntary"] > 2.5 * 500 * 20
    loop = [r for r in doc["rows"] if r["model"] == "coroutines"]
    assert all(r["predicted_voluntary"] <= 20 for r in loop)  # the loop blocks at most once per round of sleeps


@pytest.mark.parametrize(("argv", "named"), [
    (["--threads", "0"], "--threads"),
    (["--threads", "1001"], "--threads"),
    (["--threads", "ten"], "--threads"),
    (["--waits", "0"], "--waits"),
    (["--sleep-ms", "50"], "--sleep-ms"),
    (["--repeat", "0"], "--repeat"),
    (["--threads", "1000", "--waits", "100", "--sleep-ms", "10"], "5 s"),
])
def test_bad_flags_are_named_and_nothing_runs(argv, named, monkeypatch, capsys):
    monkeypatch.setattr(cal, "measure_step_ns", lambda: 3_000)
    monkeypatch.setattr(cal, "calibrate", lambda *a, **k: pytest.fail("ran despite a bad flag"))
    if named == "5 s":  # the guard against long runs uses the model's prediction
        monkeypatch.setattr(cal, "predict", lambda *a: (0, 4.0))
    assert cal.main(argv) == 2
    assert named in capsys.readouterr().err


def test_ten_real_threads_switch_as_the_model_says():
    """A real, short run (about 50 ms): ten threads each sleeping 20 x 2 ms, and ten asyncio tasks."""
    rows = cal.calibrate([10], 20, 2 * MS / 1e9, cal.machine_costs(step_ns=3_000).costs, repeat=3)
    threads, loop = rows
    assert threads.error_pct() <= 25, [m.voluntary for m in threads.runs]
    assert abs(loop.predicted_voluntary - loop.measured_voluntary) <= max(10, loop.measured_voluntary)
