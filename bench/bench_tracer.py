"""Tracer figures (issue 2): steps recorded per second, bytes per step, seek time; (issue 15) the
time to trace a long program.

The workload is the seed's producer/consumer scaled up until its trace holds a
million steps (recorded events), run in this process with output recorded, not echoed.
`trace_s_10k_globals` traces a program of 10,000 top-level assignments.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench import Figure
from simulator.runner import Limits, run_program
from simulator.scenarios import get_scenario
from simulator.state import checkpoints, snapshot_at
from simulator.trace import Trace

STEPS = 1_000_000
_cache: dict[str, tuple[Trace, float]] = {}


def scaled_seed_program(items: int) -> str:
    """The seed's program with `while n < 5` raised to `items`."""
    source = get_scenario("producer-consumer").path.read_text(encoding="utf-8")
    assert "while n < 5:" in source
    return source.replace("while n < 5:", f"while n < {items}:")


def _record() -> tuple[Trace, float]:
    if "run" not in _cache:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "producer_consumer_1m.py"
            path.write_text(scaled_seed_program(STEPS // 15 + 1000))
            limits = Limits(max_steps=STEPS, wall_s=0, max_output_chars=0)
            start = time.perf_counter()
            result = run_program(path, limits=limits, echo=False)
            took = time.perf_counter() - start
        _cache["run"] = (result.trace, took)
    return _cache["run"]


def tracer_steps_per_s() -> Figure:
    trace, took = _record()
    return Figure(len(trace) / took, "steps/s", 1_000_000, required=300_000)


def trace_bytes_per_step() -> Figure:
    trace, _ = _record()
    return Figure(trace.nbytes() / len(trace), "bytes", 64, higher_is_better=False)


def seek_ms_p99() -> Figure:
    trace, _ = _record()
    checkpoints(trace).build_all()  # made once, when a trace is loaded
    rng = random.Random(1)
    times = []
    for _ in range(500):
        i = rng.randrange(len(trace))
        start = time.perf_counter()
        snapshot_at(trace, i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return Figure(times[int(len(times) * 0.99) - 1], "ms", 5, higher_is_better=False)


def trace_s_10k_globals() -> Figure:
    """Seconds to trace (and compile) a program of 10,000 top-level assignments, the best of three."""
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "globals_10k.py"
        path.write_text("".join(f"v{i} = {i}\n" for i in range(10_000)))
        for _ in range(3):
            start = time.perf_counter()
            result = run_program(path, limits=Limits(max_steps=0, wall_s=0, max_output_chars=0), echo=False)
            best = min(best, time.perf_counter() - start)
            assert result.exit_code == 0 and len(result.trace) > 10_000
    return Figure(best, "s", 2, higher_is_better=False)


METRICS = {
    "tracer_steps_per_s": tracer_steps_per_s,
    "trace_bytes_per_step": trace_bytes_per_step,
    "seek_ms_p99": seek_ms_p99,
    "trace_s_10k_globals": trace_s_10k_globals,
}
