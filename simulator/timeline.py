"""Thread timeline data: per-lane state segments, context switches and wake-ups, in columns.

Owns the shape the timeline pane draws. `simulator.threads.timeline_from_trace`
builds one from a trace's thread events; tests and benchmarks may build one
directly. Columnar (typed arrays), so a million segments stay small and fast.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lane:
    """One row of the timeline."""

    name: str  # "Thread-3 (consumer)", "CPU 0", "event loop (coroutines)"
    kind: str  # "thread", "cpu" or "loop" (the coroutine model's single thread, beside a thread twin)
    actor: int  # the actor id in the trace, or -1


@dataclass
class Timeline:
    """Segments sorted by (lane, start); switches and wakes sorted by time."""

    lanes: list[Lane] = field(default_factory=list)
    # segments: lane index, [start, end) in ns, ThreadState value, cpu (-1 if none), and the actor
    # id of the thread in it (on a CPU lane: the thread running there); seg_actor may be left
    # empty by a producer that does not know the threads (then every segment's is -1)
    seg_lane: array = field(default_factory=lambda: array("i"))
    seg_start: array = field(default_factory=lambda: array("q"))
    seg_end: array = field(default_factory=lambda: array("q"))
    seg_state: array = field(default_factory=lambda: array("B"))
    seg_cpu: array = field(default_factory=lambda: array("h"))
    seg_actor: array = field(default_factory=lambda: array("i"))
    # context switches: time, cpu, lane switched out (-1 idle), lane switched in (-1 idle), cost ns, reason
    sw_t: array = field(default_factory=lambda: array("q"))
    sw_cpu: array = field(default_factory=lambda: array("h"))
    sw_from: array = field(default_factory=lambda: array("i"))
    sw_to: array = field(default_factory=lambda: array("i"))
    sw_cost: array = field(default_factory=lambda: array("q"))
    sw_reason: array = field(default_factory=lambda: array("B"))  # index into SWITCH_REASONS
    # wake-ups: time, waker lane (-1: IO completion / timer), woken lane
    wake_t: array = field(default_factory=lambda: array("q"))
    wake_from: array = field(default_factory=lambda: array("i"))
    wake_to: array = field(default_factory=lambda: array("i"))
    end_ns: int = 0

    def __len__(self) -> int:
        return len(self.seg_lane)


SWITCH_REASONS = ("preempted", "blocked", "woken", "yielded", "exited", "started")
