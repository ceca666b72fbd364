"""Benchmarks of the virtual loop (issue 3): recorded task steps per second, and overhead over CPython's asyncio.

The program: 10,000 tasks, each awaiting 10 simulated IO requests (1-7 ms). It runs
once through `simulator.runner` with the tracer and the loop engine recording
everything, and once under CPython's own asyncio with each request replaced by a
zero-length sleep, in the same process. CPU time (`time.process_time`) is compared.
"""

from __future__ import annotations

import runpy
import tempfile
import time
from pathlib import Path

from bench import Figure
from simulator import runner
from simulator.kinds import EventKind

TASKS = 10_000
REQUESTS = 10
PROGRAM = f'''
import asyncio
from simulator.io import request

async def worker(n):
    for i in range({REQUESTS}):
        await request("io", 1 + (n + i) % 7)

async def main():
    await asyncio.gather(*(worker(n) for n in range({TASKS})))

asyncio.run(main())
'''
BASELINE = PROGRAM.replace('await request("io", 1 + (n + i) % 7)', "await asyncio.sleep(0)")
ENGINE = "simulator.loop.engine"
_measured: dict[str, float] = {}


def _measure() -> dict[str, float]:
    if _measured:
        return _measured
    with tempfile.TemporaryDirectory() as folder:
        virtual, plain = Path(folder) / "virtual.py", Path(folder) / "plain.py"
        virtual.write_text(PROGRAM)
        plain.write_text(BASELINE)
        start = time.process_time()
        runpy.run_path(str(plain), run_name="__main__")
        baseline = time.process_time() - start
        saved = list(runner.ENGINE_MODULES)
        if ENGINE not in runner.ENGINE_MODULES:
            runner.ENGINE_MODULES.append(ENGINE)
        try:
            start = time.process_time()
            trace = runner.run_program(virtual, echo=False).trace
            recorded = time.process_time() - start
        finally:
            runner.ENGINE_MODULES[:] = saved
    if trace.outcome.status != "finished":
        raise RuntimeError(f"the benchmark program did not finish: {trace.outcome.message}")
    steps = len(trace.indices_of(EventKind.TASK_STEP))
    _measured.update(steps_per_s=steps / recorded, ratio=recorded / baseline)
    return _measured


def loop_task_steps_per_s() -> Figure:
    return Figure(round(_measure()["steps_per_s"]), "steps/s", 200_000, higher_is_better=True)


def loop_overhead_ratio() -> Figure:
    return Figure(round(_measure()["ratio"], 2), "x CPython", 1.5, higher_is_better=False)


METRICS = {"loop_task_steps_per_s": loop_task_steps_per_s, "loop_overhead_ratio": loop_overhead_ratio}
