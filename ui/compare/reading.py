"""The one-line reading of the comparison, in words: what the chart shows at the largest task count.

Owns `reading(results)` ("At 10,000 tasks threads spend 89% of their CPU switching;
coroutines 9%.") and `workload_title(name)`, both translated. Pure: no drawing,
no simulation.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from simulator.compare import ModelResult

translate = QCoreApplication.translate


def switching_pct(r: ModelResult) -> float:
    """The share of the CPU a model kept busy that went to switching, in %."""
    busy = r.cpu_useful_s + r.cpu_switching_s + r.cpu_startup_s
    return 100 * r.cpu_switching_s / busy if busy > 0 else 0.0


def reading(results: Sequence[ModelResult]) -> str:
    """What the sweep says at its largest task count, threads against coroutines ("" until both are there)."""
    if not results:
        return ""
    top = max(r.tasks for r in results)
    at = {r.name: r for r in results if r.tasks == top}
    threads, loop = at.get("threads"), at.get("coroutines")
    if threads is None or loop is None:
        return ""
    faster = (translate("Compare", "coroutines finish first") if loop.makespan_s <= threads.makespan_s
              else translate("Compare", "threads finish first"))
    return translate(
        "Compare", "At {tasks} tasks threads spend {threads}% of their CPU switching; coroutines {loop}% ({faster})."
    ).format(tasks=f"{top:,}", threads=f"{switching_pct(threads):.0f}",
             loop=f"{switching_pct(loop):.0f}", faster=faster)


def workload_title(name: str, preset: str = "realistic") -> str:
    """The workload the view shows, as its heading says it (and that the teaching preset exaggerates)."""
    titles = {
        "io-bound": translate("Compare", "Workload: IO-bound, the seed's case (each task mostly waits on the network)"),
        "cpu-bound": translate(
            "Compare", "Workload: CPU-bound (C code that releases the GIL: threads and processes use every core)"),
    }
    title = titles.get(name, translate("Compare", "Workload: {name}").format(name=name))
    if preset == "teaching":
        title += "\n" + translate("Compare", "Teaching preset: switch and IO costs are exaggerated so they can be seen")
    return title
