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
        results[name] = {"value": round(fig.value, 4), "unit": fig.unit, "goal": fig.goal}
        verdict = "meets goal" if fig.meets_goal() else "BELOW GOAL"
        print(f"{name:32s} {fig.value:>14.4g} {fig.unit:10s} goal {fig.goal:<10g} {verdict}  ({took:.1f}s)")
        OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
