"""Workload replay: a workload profile run as one blocking thread per task on the modelled OS.

Owns the "same work, done with threads" twin of an async program: each task's CPU
bursts and IO waits become a thread's bursts and blocking calls. Never runs code.
"""

from __future__ import annotations

from simulator.costs import CostModel
from simulator.threads.behaviours import blocking_thread, task_steps
from simulator.threads.os_model import OSResult, SimThread, simulate
from simulator.trace import TraceBuilder
from simulator.workload import Workload


def replay(workload: Workload, costs: CostModel, builder: TraceBuilder | None = None) -> OSResult:
    """Run every task of `workload` as its own thread; record into `builder` if given."""
    threads = [SimThread(t.name, blocking_thread(task_steps(t)), t.start_ns) for t in workload.tasks]
    return simulate(threads, costs, builder)
