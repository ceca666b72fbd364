"""Conformance figure (issue 14): CPython's own test modules, plainly and under the tracer.

`conformance_differences` counts the tests whose verdict differs, minus those listed in
simulator.conformance.WALL_CLOCK with a reason. It runs every module twice: minutes.
"""

from __future__ import annotations

from bench import Figure
from simulator.conformance import MODULES, differences_count, format_table, run_module


def conformance_differences() -> Figure:
    reports = [run_module(module) for module in MODULES]
    print(format_table(reports))
    return Figure(differences_count(reports), "tests", 0, higher_is_better=False)


METRICS = {"conformance_differences": conformance_differences}
