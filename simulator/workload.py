"""Workload profiles: per task, the sequence of CPU bursts and IO waits it performs.

The bridge between engines: the virtual loop derives one from an async trace
(`simulator.loop.workload.workload_from_trace`), the threads engine replays one as
blocking threads, the compare engine runs one under every model. Plain data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class BurstKind(Enum):
    CPU = "cpu"
    IO = "io"


@dataclass(frozen=True)
class Burst:
    """One piece of work: CPU time, or an IO wait of this duration (virtual ns)."""

    kind: BurstKind
    duration_ns: int
    label: str = ""


@dataclass(frozen=True)
class TaskProfile:
    """What one task does, in order, starting at `start_ns`."""

    name: str
    bursts: tuple[Burst, ...]
    start_ns: int = 0

    def cpu_ns(self) -> int:
        return sum(b.duration_ns for b in self.bursts if b.kind is BurstKind.CPU)

    def io_count(self) -> int:
        return sum(1 for b in self.bursts if b.kind is BurstKind.IO)


@dataclass(frozen=True)
class Workload:
    """A set of tasks run together."""

    tasks: tuple[TaskProfile, ...]
    name: str = ""
