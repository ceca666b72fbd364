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
    """One measured figure: its value and unit, the goal we aim for, and the figure an issue requires.

    Issues name both ("at least 300,000 steps per second; our goal is 1,000,000"); where an
    issue names one number, it is both.
    """

    value: float
    unit: str
    goal: float
    higher_is_better: bool = True
    required: float | None = None

    def _reaches(self, target: float) -> bool:
        return self.value >= target if self.higher_is_better else self.value <= target

    def meets_goal(self) -> bool:
        return self._reaches(self.goal)

    def meets_requirement(self) -> bool:
        return self._reaches(self.goal if self.required is None else self.required)


Metric = Callable[[], Figure]
