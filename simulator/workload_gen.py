"""Synthetic workloads from a few parameters: how many tasks, how many IO waits, how long.

Owns `WorkloadParams` and `generate`. Each task does CPU, IO, CPU, IO, ..., CPU
(`io_count` waits between `io_count + 1` CPU steps). IO latencies are drawn from a
seeded distribution, so the same parameters always give the same workload. It never
simulates anything.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from simulator.costs import InvalidParameter
from simulator.workload import Burst, BurstKind, TaskProfile, Workload

DISTRIBUTIONS = ("fixed", "uniform", "exponential")


@dataclass(frozen=True)
class WorkloadParams:
    """The knobs. Times are integer ns."""

    tasks: int = 100
    io_count: int = 10
    io_ns: int = 500_000  # mean IO latency (a datacenter round trip by default)
    io_distribution: str = "uniform"  # fixed; uniform in [io/2, 3io/2]; exponential with mean io
    cpu_ns: int = 50_000  # CPU per step
    seed: int = 0

    def validate(self) -> WorkloadParams:
        """Raise InvalidParameter naming the first bad value; return self."""
        if self.tasks < 1:
            raise InvalidParameter(f"tasks must be at least 1 (got {self.tasks})")
        for name in ("io_count", "io_ns", "cpu_ns"):
            value = getattr(self, name)
            if value < 0:
                raise InvalidParameter(f"{name} must not be negative (got {value})")
        if self.io_distribution not in DISTRIBUTIONS:
            raise InvalidParameter(
                f"io_distribution must be one of {', '.join(DISTRIBUTIONS)} (got {self.io_distribution!r})"
            )
        return self


def generate(params: WorkloadParams) -> Workload:
    """The workload these parameters describe (deterministic for a given seed)."""
    params.validate()
    rng = random.Random(params.seed)
    draw = _sampler(params, rng)
    cpu = Burst(BurstKind.CPU, params.cpu_ns, "compute")
    tasks = []
    for i in range(params.tasks):
        bursts: list[Burst] = [cpu]
        for _ in range(params.io_count):
            bursts.append(Burst(BurstKind.IO, draw(), "io"))
            bursts.append(cpu)
        tasks.append(TaskProfile(f"task-{i}", tuple(bursts)))
    return Workload(tuple(tasks), name=f"{params.tasks} tasks x {params.io_count} IO")


def _sampler(params: WorkloadParams, rng: random.Random) -> Callable[[], int]:
    mean = params.io_ns
    if params.io_distribution == "fixed":
        return lambda: mean
    if params.io_distribution == "uniform":
        low, high = mean // 2, mean + mean // 2
        return lambda: rng.randint(low, high)
    return lambda: max(1, round(rng.expovariate(1 / mean))) if mean else 0
