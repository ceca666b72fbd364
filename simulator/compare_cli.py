"""`python -m simulator compare`: one workload under four models, as a table or as JSON.

Owns the command line of the compare engine: parsing and checking the flags
(a bad value gets a message naming the flag and exit status 2), and printing.
The modelling itself is simulator.compare's.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from simulator.compare import CompareParams, ModelResult, sweep
from simulator.costs import MS, US, CostModel, InvalidParameter, preset
from simulator.workload_gen import DISTRIBUTIONS, WorkloadParams

# which flag sets which model parameter, so a validation message can name the flag
_FLAG_OF = {
    "cpus": "--cpus",
    "time_slice_ns": "--slice-ms",
    "switch_ns": "--switch-us",
    "cache_refill_ns": "--refill-us",
    "wakeup_ns": "--wakeup-us",
    "io_ns": "--io-ms",
    "io_count": "--io-count",
    "cpu_ns": "--cpu-us",
    "pool_size": "--pool-size",
    "processes": "--processes",
    "tasks": "--tasks",
}


class _UsageError(Exception):
    """A bad flag value; the message names the flag."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m simulator compare",
        description="Run one workload as threads, a thread pool, coroutines and processes; compare the cost.",
    )
    p.add_argument("--tasks", default="1,10,100,1000", help="task counts to sweep, comma separated")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--preset", default="realistic", help="realistic (default) or teaching (exaggerated)")
    p.add_argument("--cpus", type=int, help="number of CPUs")
    p.add_argument("--slice-ms", type=float, help="scheduler time slice, ms")
    p.add_argument("--switch-us", type=float, help="direct cost of a context switch, µs")
    p.add_argument("--refill-us", type=float, help="cache refill after switching to another thread, µs")
    p.add_argument("--wakeup-us", type=float, help="wake-up latency onto an idle CPU, µs")
    p.add_argument("--gil", action="store_true", help="Python threads share one interpreter lock")
    p.add_argument("--io-ms", type=float, default=0.5, help="mean IO latency, ms (default %(default)s)")
    p.add_argument("--io-count", type=int, default=10, help="IO waits per task (default %(default)s)")
    p.add_argument("--io-dist", default="uniform", help=f"IO latency distribution: {', '.join(DISTRIBUTIONS)}")
    p.add_argument("--cpu-us", type=float, default=50, help="CPU per step, µs (default %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="seed for the IO latencies")
    p.add_argument("--pool-size", type=int, default=16, help="threads in the pool (default %(default)s)")
    p.add_argument("--processes", type=int, default=0, help="processes, each with an event loop (default: one per CPU)")
    return p


def _task_counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise _UsageError(f"--tasks must be whole numbers separated by commas (got {text!r})") from None
    if not counts or min(counts) < 1:
        raise _UsageError(f"--tasks must be at least 1 (got {text!r})")
    return counts


def _costs(args: argparse.Namespace) -> CostModel:
    base = preset(args.preset)
    overrides: dict[str, object] = {"gil": bool(args.gil) or base.gil}
    for flag, field, unit in (
        ("cpus", "cpus", 1),
        ("slice_ms", "time_slice_ns", MS),
        ("switch_us", "switch_ns", US),
        ("refill_us", "cache_refill_ns", US),
        ("wakeup_us", "wakeup_ns", US),
    ):
        value = getattr(args, flag)
        if value is not None:
            overrides[field] = round(value * unit)
    return base.with_overrides(**overrides)


def _name_flag(message: str) -> str:
    for field, flag in _FLAG_OF.items():
        if message.startswith(field + " ") or f"{field} (" in message:
            return f"{flag}: {message}"
    return message


def _table(results: list[ModelResult], costs: CostModel) -> str:
    head = (f"{'model':<11}{'tasks':>7}{'makespan s':>12}{'tasks/s':>11}{'useful s':>10}{'switching s':>13}"
            f"{'idle s':>9}{'switches':>10}{'vol':>9}{'invol':>7}{'memory':>11}")
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.name:<11}{r.tasks:>7}{r.makespan_s:>12.4f}{r.throughput_per_s:>11.1f}{r.cpu_useful_s:>10.4f}"
            f"{r.cpu_switching_s:>13.4f}{r.cpu_idle_s:>9.4f}{r.context_switches:>10}{r.voluntary_switches:>9}"
            f"{r.involuntary_switches:>7}{_bytes(r.memory_bytes):>11}"
        )
    if costs.name == "teaching":
        lines.append("teaching preset: switch and IO costs are exaggerated so they can be seen")
    return "\n".join(lines)


def _bytes(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n //= 1024
    return f"{n:.1f} TiB"


def main(argv: list[str]) -> int:
    """Parse, run the sweep, print. 0 on success, 2 on a bad parameter."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message (naming the flag)
        return int(exc.code or 0)
    try:
        counts = _task_counts(args.tasks)
        costs = _costs(args)
        workload = WorkloadParams(
            tasks=1,
            io_count=args.io_count,
            io_ns=round(args.io_ms * MS),
            io_distribution=args.io_dist,
            cpu_ns=round(args.cpu_us * US),
            seed=args.seed,
        ).validate()
        params = CompareParams(pool_size=args.pool_size, processes=args.processes).validate()
    except _UsageError as exc:
        print(f"compare: {exc}", file=sys.stderr)
        return 2
    except InvalidParameter as exc:
        print(f"compare: {_name_flag(str(exc))}", file=sys.stderr)
        return 2
    results = sweep(counts, workload, costs, params)
    if args.json:
        doc = {"preset": costs.name, "workload": vars(replace(workload, tasks=0)) | {"tasks": counts},
               "models": [r.as_dict() for r in results]}
        print(json.dumps(doc, indent=2))
    else:
        print(_table(results, costs))
    return 0
