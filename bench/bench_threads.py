"""Threads-engine figures from issue 4: recorded scheduler events per second, and the compare sweep time."""

from __future__ import annotations

import time

from bench import Figure
from simulator.compare import setup, sweep
from simulator.costs import REALISTIC
from simulator.threads import replay
from simulator.trace import TraceBuilder
from simulator.workload_gen import WorkloadParams, generate


def threads_events_per_s() -> Figure:
    """10,000 threads x 10 IO waits, realistic defaults, every scheduler event recorded."""
    work = generate(WorkloadParams(tasks=10_000, io_count=10))
    best = 0.0
    for _ in range(3):
        builder = TraceBuilder()
        start = time.perf_counter()
        result = replay(work, REALISTIC, builder)
        took = time.perf_counter() - start
        best = max(best, result.events / took)
    return Figure(best, "events/s", 1_000_000, higher_is_better=True, required=300_000)


def compare_sweep_s() -> Figure:
    """The sweep 1, 10, 100, 1000, 10000 tasks under all four models, on the compare view's default workload."""
    costs, workload, params = setup()
    start = time.perf_counter()
    sweep([1, 10, 100, 1_000, 10_000], workload, costs, params)
    return Figure(time.perf_counter() - start, "s", 2.0, higher_is_better=False, required=10.0)


METRICS = {"threads_events_per_s": threads_events_per_s, "compare_sweep_s": compare_sweep_s}
