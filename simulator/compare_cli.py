"""`python -m simulator compare`: one workload under four models, as a table or as JSON.

Owns the command line of the compare engine: parsing and checking the flags
(a bad value gets a message naming the flag and exit status 2), and printing.
The modelling itself is simulator.compare's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace

from simulator.compare import ModelResult, setup, sweep
from simulator.costs import MS, US, CostModel, InvalidParameter
from simulator.workload_gen import DISTRIBUTIONS
from simulator.workloads import DEFAULT_WORKLOAD, WORKLOADS

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
    "workload": "--workload",
    "preset": "--preset",
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
    p.add_argument("--workload", default=DEFAULT_WORKLOAD,
                   help=f"{' or '.join(WORKLOADS)} (default %(default)s); the flags below change it")
    p.add_argument("--cpus", type=int, help="number of CPUs")
    p.add_argument("--slice-ms", type=float, help="scheduler time slice, ms")
    p.add_argument("--switch-us", type=float, help="direct cost of a context switch, µs")
    p.add_argument("--refill-us", type=float, help="cache refill after switching to another thread, µs")
    p.add_argument("--wakeup-us", type=float, help="wake-up latency onto an idle CPU, µs")
    gil = p.add_mutually_exclusive_group()
    gil.add_argument("--gil", action="store_true", default=None,
                     help="the threads' CPU work holds the GIL (Python code; the io-bound workload's default)")
    gil.add_argument("--no-gil", dest="gil", action="store_false",
                     help="it does not (C code releasing the GIL, free-threaded Python; the cpu-bound default)")
    p.add_argument("--io-ms", type=float, help="mean IO latency, ms (default: the workload's)")
    p.add_argument("--io-count", type=int, help="IO waits per task (default: the workload's)")
    p.add_argument("--io-dist", help=f"IO latency distribution: {', '.join(DISTRIBUTIONS)} (default: the workload's)")
    p.add_argument("--cpu-us", type=float, help="CPU per step, µs (default: the workload's)")
    p.add_argument("--seed", type=int, help="seed for the IO latencies")
    p.add_argument("--pool-size", type=int, help="threads in the pool (default 16)")
    p.add_argument("--processes", type=int, help="processes, each with an event loop (default: one per CPU)")
    return p


def _task_counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise _UsageError(f"--tasks must be whole numbers separated by commas (got {text!r})") from None
    if not counts or min(counts) < 1:
        raise _UsageError(f"--tasks must be at least 1 (got {text!r})")
    return counts


def _costs(args: argparse.Namespace, base: CostModel) -> CostModel:
    overrides: dict[str, object] = {}
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


def aligned(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A header, a rule and the rows, each column as wide as its widest cell (text left, numbers right)."""
    widths = [max(len(cells[i]) for cells in (head, *rows)) for i in range(len(head))]

    def line(cells: tuple[str, ...]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in pairs)

    top = line(head)
    return [top, "-" * len(top), *(line(cells) for cells in rows)]


def _table(results: list[ModelResult], costs: CostModel, workload: str) -> str:
    """Every column as wide as its widest cell, so no two run together."""
    head = ("model", "tasks", "makespan s", "tasks/s", "useful %", "switching s", "start-up s", "idle s",
            "OS switches", "vol", "invol", "task switches", "switches/task", "memory")
    rows = [(r.name, str(r.tasks), f"{r.makespan_s:.4f}", f"{r.throughput_per_s:.1f}", f"{100 * r.useful_share():.1f}",
             f"{r.cpu_switching_s:.4f}", f"{r.cpu_startup_s:.4f}", f"{r.cpu_idle_s:.4f}", str(r.context_switches),
             str(r.voluntary_switches), str(r.involuntary_switches), str(r.task_switches),
             f"{r.context_switches / r.tasks:.1f}", _bytes(r.memory_bytes)) for r in results]
    lines = [f"workload: {WORKLOADS[workload].summary}" if workload in WORKLOADS else f"workload: {workload}"]
    lines += aligned(head, rows)
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
        base_costs, base_workload, base_params = setup(args.preset, args.workload)
        costs = _costs(args, base_costs)
        changes = {field: value for field, value in (
            ("io_count", args.io_count),
            ("io_ns", None if args.io_ms is None else round(args.io_ms * MS)),
            ("io_distribution", args.io_dist),
            ("cpu_ns", None if args.cpu_us is None else round(args.cpu_us * US)),
            ("seed", args.seed),
        ) if value is not None}
        workload = replace(base_workload, tasks=1, **changes).validate()
        params = replace(base_params, **{field: value for field, value in (
            ("pool_size", args.pool_size), ("processes", args.processes), ("gil", args.gil)) if value is not None})
        params.validate()
    except _UsageError as exc:
        print(f"compare: {exc}", file=sys.stderr)
        return 2
    except InvalidParameter as exc:
        print(f"compare: {_name_flag(str(exc))}", file=sys.stderr)
        return 2
    results = sweep(counts, workload, costs, params)
    if args.json:
        doc = {"preset": costs.name, "workload_name": args.workload, "gil": params.gil,
               "workload": vars(replace(workload, tasks=0)) | {"tasks": counts},
               "models": [r.as_dict() for r in results]}
        print(json.dumps(doc, indent=2))
    else:
        print(_table(results, costs, args.workload))
    return 0
