"""The text `python -m simulator run PROG --await-graph STEP` writes: tasks as pstree prints them, then threads.

Owns the wording of that report around `simulator.await_graph`: which step it is, the
asyncio tree (or pstree's own error for a cycle), each thread with what it waits on.
"""

from __future__ import annotations

from simulator.await_graph import AwaitCycle, await_graph_at, pstree_lines, thread_lines, threads_at
from simulator.trace import Trace


def describe(trace: Trace, step: int) -> str:
    """The report for 0-based `step` (clamped to the trace), ending with a newline."""
    if len(trace) == 0:
        return "await graph: the program recorded no steps\n"
    if step >= len(trace):
        step = len(trace) - 1
    out = [f"await graph at step {step + 1} of {len(trace)}"]
    nodes = await_graph_at(trace, step)
    if nodes:
        try:
            out += pstree_lines(trace, nodes)
        except AwaitCycle as exc:  # pstree's own wording
            out.append("ERROR: await-graph contains cycles - cannot print a tree!")
            out.append("")
            out += [f"cycle: {' → '.join(c)}" for c in exc.cycles]
    threads = threads_at(trace, step)
    if threads and (len(threads) > 1 or not nodes):
        out += thread_lines(threads)
    if not nodes and not threads:
        out.append("no asyncio task is pending and no thread was started at this step")
    return "\n".join(out) + "\n"
