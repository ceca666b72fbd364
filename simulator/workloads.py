"""The named workloads of the comparison: the seed's IO-bound case and a CPU-bound one.

Owns `WORKLOADS` and `named_workload`: the one definition the window's compare view and
`python -m simulator compare` share. Each names its shape (`WorkloadParams`) and whether
its CPU work is Python code, which holds the GIL (so Python threads take turns on
one core), or C code that releases it (hashing, compression, numpy: threads then
run on every core). Plain data; never simulates.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.costs import MS, US, InvalidParameter
from simulator.workload_gen import WorkloadParams


@dataclass(frozen=True)
class NamedWorkload:
    """A workload the comparison offers by name."""

    name: str
    params: WorkloadParams  # `tasks` is set by whoever sweeps it
    holds_gil: bool  # the CPU work is Python code (True) or C code that releases the GIL (False)
    summary: str  # one line in English; the window translates it


WORKLOADS: dict[str, NamedWorkload] = {
    # The seed's case: a task waits for the network most of the time and computes a little
    # between replies (10 requests of ~50 ms, 20 µs of Python after each).
    "io-bound": NamedWorkload(
        "io-bound",
        WorkloadParams(tasks=100, io_count=10, io_ns=50 * MS, io_distribution="uniform", cpu_ns=20 * US),
        holds_gil=True,
        summary="IO-bound: each task waits on 10 network replies (~50 ms) and computes 20 µs after each",
    ),
    # Where threads across cores and processes win: long computations in C that release the GIL.
    "cpu-bound": NamedWorkload(
        "cpu-bound",
        WorkloadParams(tasks=100, io_count=2, io_ns=1 * MS, io_distribution="uniform", cpu_ns=5 * MS),
        holds_gil=False,
        summary="CPU-bound: each task computes 3 × 5 ms in C code that releases the GIL, with 2 short reads",
    ),
}

DEFAULT_WORKLOAD = "io-bound"


def named_workload(name: str) -> NamedWorkload:
    """A workload by name; InvalidParameter naming the choices if unknown."""
    try:
        return WORKLOADS[name]
    except KeyError:
        raise InvalidParameter(f"unknown workload {name!r} (choose {', '.join(WORKLOADS)})") from None
