"""`python -m simulator calibrate`: the model's predictions beside real measurements on this machine.

Owns one short, bounded experiment: N real threads each doing K blocking sleeps
(`time.sleep`), then N asyncio tasks each awaiting K sleeps on one real event loop,
for each N asked, a few times over. It counts the voluntary context switches the kernel
saw, per thread, through `getrusage(RUSAGE_THREAD)`, times each run, and prints them
beside what simulator.compare predicts for the same program (threads under the GIL,
simulator.threads.gil), as a table or as JSON. The measured figures are this machine's,
now: other work on it shows up in them, which is why each run is repeated and the
median is compared. It changes nothing and records no trace.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from simulator.compare import CompareParams, run_model
from simulator.compare_cli import aligned
from simulator.costs import REALISTIC, US, CostModel
from simulator.workload_gen import WorkloadParams, generate

LIMITS = {"threads": (1, 1000), "waits": (1, 100), "sleep_ms": (0.1, 10.0), "repeat": (1, 9)}
RUN_LIMIT_S = 5.0  # no single real run may take longer (refused beforehand from the model's prediction)
STEP_CPU_NS = 1 * US  # the Python work between two sleeps: one loop iteration and the call


@dataclass(frozen=True)
class Measured:
    """One real run: the voluntary switches of its threads and how long it took."""

    voluntary: int
    involuntary: int
    makespan_s: float


@dataclass(frozen=True)
class Row:
    """Prediction beside measurement for one model and task count (`runs` are every repetition)."""

    model: str  # "threads" or "coroutines"
    tasks: int
    waits: int
    predicted_voluntary: int
    predicted_makespan_s: float
    runs: tuple[Measured, ...]

    @property
    def measured_voluntary(self) -> int:
        return round(statistics.median(r.voluntary for r in self.runs))

    @property
    def measured_makespan_s(self) -> float:
        return statistics.median(r.makespan_s for r in self.runs)

    def error_pct(self) -> float:
        """Relative error of the predicted voluntary switches against the median measured, in %."""
        return 100 * abs(self.predicted_voluntary - self.measured_voluntary) / max(1, self.measured_voluntary)

    def as_dict(self) -> dict[str, object]:
        """The JSON row of issue 11, exactly these keys."""
        return {"model": self.model, "tasks": self.tasks, "waits": self.waits,
                "predicted_voluntary": self.predicted_voluntary, "measured_voluntary": self.measured_voluntary,
                "predicted_makespan_s": round(self.predicted_makespan_s, 4),
                "measured_makespan_s": round(self.measured_makespan_s, 4)}


def _voluntary_now() -> tuple[int, int]:
    usage = resource.getrusage(getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF))
    return usage.ru_nvcsw, usage.ru_nivcsw


def measure_threads(n: int, k: int, sleep_s: float) -> Measured:
    """N real threads, each sleeping k times; the sum of their own switch counts, and the wall time."""
    totals = [0, 0]
    lock = threading.Lock()

    def work() -> None:
        vol, invol = _voluntary_now()
        for _ in range(k):
            time.sleep(sleep_s)
        vol2, invol2 = _voluntary_now()
        with lock:
            totals[0] += vol2 - vol
            totals[1] += invol2 - invol

    threads = [threading.Thread(target=work) for _ in range(n)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=2 * RUN_LIMIT_S)
    return Measured(totals[0], totals[1], time.perf_counter() - started)


def measure_asyncio(n: int, k: int, sleep_s: float) -> Measured:
    """N asyncio tasks on one real loop, each awaiting k sleeps; the loop thread's switch count, and the time."""

    async def task() -> None:
        for _ in range(k):
            await asyncio.sleep(sleep_s)

    async def main() -> None:
        await asyncio.gather(*(task() for _ in range(n)))

    result: list[Measured] = []

    def run() -> None:  # a fresh thread, so only the loop's own switches are counted
        vol, invol = _voluntary_now()
        started = time.perf_counter()
        asyncio.run(main())
        took = time.perf_counter() - started
        vol2, invol2 = _voluntary_now()
        result.append(Measured(vol2 - vol, invol2 - invol, took))

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=2 * RUN_LIMIT_S)
    return result[0] if result else Measured(0, 0, 0.0)


def measure_step_ns(tasks: int = 200, steps: int = 10) -> int:
    """CPU time of one asyncio task step on this machine, the fastest of 3 tries.

    The step is the measured program's own: a timed sleep (a future, a timer on the heap,
    its callback), here one already due when the loop turns, so the loop never waits. A
    sleep(0) step is a bare yield, three times cheaper: with it the model thought 500 tasks
    fit in one 2 ms wait and had the loop block every round, where real asyncio never
    waits. The fastest, because other work on a busy machine only ever adds to it: the
    model predicts the program, not the load beside it.
    """

    async def task() -> None:
        for _ in range(steps):
            await asyncio.sleep(1e-9)  # > 0: the timer path, as asyncio.sleep(0.002) takes

    async def main() -> None:
        await asyncio.gather(*(task() for _ in range(tasks)))

    def once() -> float:
        started = time.perf_counter()
        asyncio.run(main())
        return (time.perf_counter() - started) / (tasks * steps)

    return round(min(once() for _ in range(3)) * 1e9)


@dataclass(frozen=True)
class MachineCosts:
    """The cost measured on this machine before the runs, and the cost model it gives."""

    step_ns: int
    costs: CostModel


def machine_costs(step_ns: int | None = None) -> MachineCosts:
    """The realistic costs with this machine's CPU count and its asyncio task step, measured now.

    Only these basic facts are taken from the machine; the switch counts the model predicts
    emerge from the GIL protocol (simulator.threads.gil) and the event loop; they are not fitted.
    """
    step = measure_step_ns() if step_ns is None else step_ns
    costs = REALISTIC.with_overrides(
        cpus=max(1, len(os.sched_getaffinity(0))),
        # a task step in the model is the loop's bookkeeping plus the task's own Python work
        task_step_ns=max(0, step - STEP_CPU_NS),
    )
    return MachineCosts(step, costs)


def predict(model: str, n: int, k: int, sleep_s: float, costs: CostModel) -> tuple[int, float]:
    """The model's voluntary switches and makespan for the real program (Python threads share the GIL)."""
    workload = generate(WorkloadParams(tasks=n, io_count=k, io_ns=round(sleep_s * 1e9), io_distribution="fixed",
                                       cpu_ns=STEP_CPU_NS))
    r = run_model(model, workload, costs, CompareParams(gil=True))
    return r.voluntary_switches, r.makespan_s


Measure = Callable[[int, int, float], Measured]


def calibrate(counts: list[int], waits: int, sleep_s: float, costs: CostModel, repeat: int = 3,
              measure: dict[str, Measure] | None = None) -> list[Row]:
    """For each task count: the threads and the coroutines row, measured `repeat` times."""
    measures = measure or {"threads": measure_threads, "coroutines": measure_asyncio}
    rows = []
    for n in counts:
        for model in ("threads", "coroutines"):
            voluntary, makespan = predict(model, n, waits, sleep_s, costs)
            runs = tuple(measures[model](n, waits, sleep_s) for _ in range(repeat))
            rows.append(Row(model, n, waits, voluntary, makespan, runs))
    return rows


def _counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"--threads must be whole numbers separated by commas (got {text!r})") from None
    low, high = LIMITS["threads"]
    if not counts or not all(low <= c <= high for c in counts):
        raise ValueError(f"--threads must each be between {low} and {high} (got {text!r})")
    return counts


def _table(rows: list[Row], sleep_ms: float, machine: MachineCosts) -> str:
    head = ("model", "tasks", "waits", "predicted vol", "measured vol", "runs (vol)", "error",
            "predicted s", "measured s")
    body = [(r.model, str(r.tasks), str(r.waits), str(r.predicted_voluntary), str(r.measured_voluntary),
             " ".join(str(m.voluntary) for m in r.runs), f"{r.error_pct():.0f}%",
             f"{r.predicted_makespan_s:.3f}", f"{r.measured_makespan_s:.3f}") for r in rows]
    out = [f"Measured on this machine ({machine.costs.cpus} CPU(s), now): each task sleeps {rows[0].waits} x "
           f"{sleep_ms:g} ms; median of the runs. Measured first: an asyncio task step takes "
           f"{machine.step_ns / 1000:.1f} µs."]
    out += aligned(head, body)
    out.append("Threads switch more than once per sleep because they queue for the GIL: each wait on it is a "
               "voluntary switch, and a wait of more than 5 ms (the switch interval) wakes up and waits again.")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Run the experiment and print prediction beside measurement. 0, or 2 on a bad flag."""
    p = argparse.ArgumentParser(prog="python -m simulator calibrate", description=__doc__.splitlines()[0])
    p.add_argument("--threads", default="10,100,500", help="task counts, comma separated (each 1-1000)")
    p.add_argument("--waits", type=int, default=20, help="blocking waits each (1-100, default %(default)s)")
    p.add_argument("--sleep-ms", type=float, default=2.0, help="length of each wait, ms (0.1-10, default %(default)s)")
    p.add_argument("--repeat", type=int, default=3, help="real runs per row; the median is compared (1-9)")
    p.add_argument("--json", action="store_true", help="print JSON: {\"rows\": [...]} and what was measured")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        counts = _counts(args.threads)
        for name, value in (("waits", args.waits), ("sleep_ms", args.sleep_ms), ("repeat", args.repeat)):
            low, high = LIMITS[name]
            if not low <= value <= high:
                raise ValueError(f"--{name.replace('_', '-')} must be between {low} and {high} (got {value})")
        sleep_s = args.sleep_ms / 1000
        machine = machine_costs()
        costs = machine.costs
        for n in counts:
            _, makespan = predict("threads", n, args.waits, sleep_s, costs)
            if makespan > RUN_LIMIT_S * 0.6:  # real runs take up to about twice the prediction on a busy machine
                raise ValueError(f"{n} threads x {args.waits} waits of {args.sleep_ms:g} ms would run for about "
                                 f"{makespan:.1f} s or more; choose fewer so each run stays under {RUN_LIMIT_S:g} s")
    except ValueError as exc:
        print(f"calibrate: {exc}", file=sys.stderr)
        return 2
    rows = calibrate(counts, args.waits, sleep_s, costs, args.repeat)
    if args.json:
        doc = {
            "rows": [r.as_dict() for r in rows],
            "measured_on": f"this machine, now ({costs.cpus} CPU(s), Python {sys.version.split()[0]}); "
                           f"measured values are the median of {args.repeat} run(s)",
            "measured_costs": {"asyncio_step_ns": machine.step_ns},
            "runs": [{"model": r.model, "tasks": r.tasks, "voluntary": [m.voluntary for m in r.runs],
                      "makespan_s": [round(m.makespan_s, 4) for m in r.runs]} for r in rows],
        }
        print(json.dumps(doc, indent=2))
    else:
        print(_table(rows, args.sleep_ms, machine))
    return 0


__all__ = ["Row", "calibrate", "main", "measure_asyncio", "measure_threads", "predict"]
