"""`python -m simulator calibrate`: the model's predictions beside real measurements on this machine.

Owns one short, bounded experiment (well under a second of real time): N real
threads each doing k blocking sleeps, then N asyncio tasks each doing k awaited
sleeps on one real event loop. It counts the context switches the kernel saw,
per thread, through `getrusage(RUSAGE_THREAD)` and `/proc/thread-self/status`,
and prints them beside what simulator.compare predicts for the same workload, so
a teacher can show that the model is honest. It changes nothing and records no trace.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from simulator.compare import CompareParams, run_model
from simulator.costs import MS, REALISTIC, US
from simulator.workload_gen import WorkloadParams, generate

_STATUS = Path("/proc/thread-self/status")


@dataclass(frozen=True)
class Switches:
    """Voluntary and involuntary switches, from getrusage and from /proc (-1 if unavailable)."""

    voluntary: int
    involuntary: int
    proc_voluntary: int
    proc_involuntary: int

    def __sub__(self, other: Switches) -> Switches:
        return Switches(self.voluntary - other.voluntary, self.involuntary - other.involuntary,
                        self.proc_voluntary - other.proc_voluntary, self.proc_involuntary - other.proc_involuntary)

    def __add__(self, other: Switches) -> Switches:
        return Switches(self.voluntary + other.voluntary, self.involuntary + other.involuntary,
                        self.proc_voluntary + other.proc_voluntary, self.proc_involuntary + other.proc_involuntary)


ZERO = Switches(0, 0, 0, 0)


def thread_switches() -> Switches:
    """The calling thread's switch counters so far."""
    who = getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)
    usage = resource.getrusage(who)
    vol = invol = -1
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                vol = int(line.split()[1])
            elif line.startswith("nonvoluntary_ctxt_switches:"):
                invol = int(line.split()[1])
    except OSError:
        pass
    return Switches(usage.ru_nvcsw, usage.ru_nivcsw, vol, invol)


def measure_threads(n: int, k: int, sleep_s: float) -> Switches:
    """N real threads, each sleeping k times; the sum of their own switch counts."""
    totals: list[Switches] = []
    lock = threading.Lock()

    def work() -> None:
        start = thread_switches()
        for _ in range(k):
            time.sleep(sleep_s)
        used = thread_switches() - start
        with lock:
            totals.append(used)

    threads = [threading.Thread(target=work) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    return sum(totals, ZERO)


def measure_asyncio(n: int, k: int, sleep_s: float) -> Switches:
    """N asyncio tasks on one real loop, each awaiting k sleeps; the loop thread's switch count."""

    async def task() -> None:
        for _ in range(k):
            await asyncio.sleep(sleep_s)

    async def main() -> None:
        await asyncio.gather(*(task() for _ in range(n)))

    result: list[Switches] = []

    def run() -> None:  # a fresh thread, so only the loop's own switches are counted
        start = thread_switches()
        asyncio.run(main())
        result.append(thread_switches() - start)

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=10)
    return result[0] if result else ZERO


def main(argv: list[str]) -> int:
    """Run the experiment and print prediction beside measurement."""
    p = argparse.ArgumentParser(prog="python -m simulator calibrate", description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=8, help="threads / tasks (1-64, default %(default)s)")
    p.add_argument("--waits", type=int, default=20, help="blocking waits each (1-100, default %(default)s)")
    p.add_argument("--sleep-ms", type=float, default=1.0, help="length of each wait, ms (0.1-10)")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    for name, value, low, high in (("--threads", args.threads, 1, 64), ("--waits", args.waits, 1, 100),
                                   ("--sleep-ms", args.sleep_ms, 0.1, 10)):
        if not low <= value <= high:
            print(f"calibrate: {name} must be between {low} and {high} (got {value})", file=sys.stderr)
            return 2
    n, k, sleep_s = args.threads, args.waits, args.sleep_ms / 1000
    workload = generate(WorkloadParams(tasks=n, io_count=k, io_ns=round(sleep_s * 1e9), io_distribution="fixed",
                                       cpu_ns=5 * US))
    cpus = max(1, len(os.sched_getaffinity(0)))
    costs = REALISTIC.with_overrides(cpus=cpus)
    model_threads = run_model("threads", workload, costs, CompareParams())
    model_loop = run_model("coroutines", workload, costs, CompareParams())

    started = time.perf_counter()
    real_threads = measure_threads(n, k, sleep_s)
    real_loop = measure_asyncio(n, k, sleep_s)
    took = time.perf_counter() - started

    print(f"Workload: {n} tasks x {k} waits of {args.sleep_ms:g} ms, on {cpus} CPU(s); measured in {took:.2f} s")
    print(f"{'':28}{'model':>10}{'getrusage':>12}{'/proc':>10}")
    rows = (
        ("threads: voluntary", model_threads.voluntary_switches, real_threads.voluntary, real_threads.proc_voluntary),
        ("threads: involuntary", model_threads.involuntary_switches, real_threads.involuntary,
         real_threads.proc_involuntary),
        ("asyncio loop: voluntary", model_loop.voluntary_switches, real_loop.voluntary, real_loop.proc_voluntary),
        ("asyncio loop: involuntary", model_loop.involuntary_switches, real_loop.involuntary,
         real_loop.proc_involuntary),
    )
    for label, model, rusage, proc in rows:
        print(f"{label:<28}{model:>10}{rusage:>12}{proc if proc >= 0 else 'n/a':>10}")
    print(f"Model makespan: threads {model_threads.makespan_s * 1000:.1f} ms, "
          f"asyncio {model_loop.makespan_s * 1000:.1f} ms (ideal {k * sleep_s * 1000:.1f} ms)")
    print("Each blocking wait is one voluntary switch in the model and in the kernel; the event loop blocks only "
          f"when no task is ready. Realistic switch cost in the model: {REALISTIC.switch_ns / US:g} µs, "
          f"time slice {REALISTIC.time_slice_ns / MS:g} ms.")
    return 0
