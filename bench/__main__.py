"""Run the benchmarks and merge their figures into bench.json: `python -m bench [NAME ...]`."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

import bench
from bench import Metric

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench.json"


def all_metrics() -> dict[str, Metric]:
    metrics: dict[str, Metric] = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"bench.{info.name}")
            metrics.update(module.METRICS)
    return metrics


def main(argv: list[str]) -> int:
    metrics = all_metrics()
    names = argv or list(metrics)
    unknown = [n for n in names if n not in metrics]
    if unknown:
        print(f"unknown metric(s): {', '.join(unknown)}; known: {', '.join(metrics)}", file=sys.stderr)
        return 2
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    for name in names:
        start = time.perf_counter()
        fig = metrics[name]()
        took = time.perf_counter() - start
        required = fig.goal if fig.required is None else fig.required
        results[name] = {"value": round(fig.value, 4), "unit": fig.unit, "goal": fig.goal, "required": required}
        if fig.meets_goal():
            verdict = "meets the goal"
        elif fig.meets_requirement():
            verdict = "meets the requirement, not yet the goal"
        else:
            verdict = "MISSES THE REQUIREMENT"
        print(
            f"{name:28s} {fig.value:>12.4g} {fig.unit:9s} required {required:<9g} goal {fig.goal:<9g} "
            f"{verdict}  ({took:.1f}s)"
        )
        OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
