"""Coroscope's benchmarks: figures the issues name, written to bench.json.

Each module `bench/bench_*.py` defines `METRICS`, a dict mapping a metric name to a
function that returns a `Figure`. `python -m bench` runs them all (or the names
given) and merges the results into bench.json at the repository root. These are
measurements, not tests: nothing here fails a build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure: its value, unit, and the goal it is held against."""

    value: float
    unit: str
    goal: float
    higher_is_better: bool = True

    def meets_goal(self) -> bool:
        return self.value >= self.goal if self.higher_is_better else self.value <= self.goal


Metric = Callable[[], Figure]
