"""Model parameters: what CPU work, switches and IO cost on the virtual clock.

Owns the numbers and their sources (docs/model-defaults.md); engines read them and
never invent their own. Two presets ship: `REALISTIC` (the default, real hardware
and real CPython) and `TEACHING` (microsecond effects stretched so they can be seen
at lecture speed; always labelled as exaggerated wherever it is shown).
All times are integer nanoseconds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

US = 1_000
MS = 1_000_000
S = 1_000_000_000


class InvalidParameter(ValueError):
    """A model parameter out of range; the message names the parameter."""


@dataclass(frozen=True)
class CostModel:
    """Every modelled cost. Field names are the CLI and JSON names."""

    name: str = "realistic"
    # Python execution (tracer and loop engines)
    line_ns: int = 30  # one traced source line (measured 20-50 ns of bytecode)
    call_ns: int = 60  # a Python function call
    resume_ns: int = 50  # generator send / resume
    task_step_ns: int = 2 * US  # asyncio task step
    loop_iteration_ns: int = 3 * US  # one event-loop turn
    create_task_ns: int = 10 * US
    # OS model (threads engine)
    cpus: int = 4
    time_slice_ns: int = 3 * MS  # Linux EEVDF base slice 0.75 ms x (1 + log2 4)
    switch_ns: int = 3 * US  # direct cost of a context switch
    cache_refill_ns: int = 10 * US
    wakeup_ns: int = 5 * US
    thread_create_ns: int = 5 * US
    thread_stack_bytes: int = 8 * 1024 * 1024  # virtual, RLIMIT_STACK default
    thread_resident_bytes: int = 15 * 1024  # user pages of an idle Python thread (measured: RSS / thread)
    thread_kernel_bytes: int = 16 * 1024  # its kernel stack (x86-64 THREAD_SIZE; /proc/meminfo KernelStack / thread)
    gil: bool = False
    gil_interval_ns: int = 5 * MS
    gil_handoff_ns: int = 20 * US  # GIL dropped to a signalled waiter running (calibrate)
    lock_ns: int = 25
    # memory of the coroutine side
    task_bytes: int = 1_100
    generator_bytes: int = 184
    # IO latencies
    ssd_read_ns: int = 150 * US
    disk_seek_ns: int = 10 * MS
    dc_rtt_ns: int = 500 * US
    wan_rtt_ns: int = 150 * MS

    def validate(self) -> CostModel:
        """Raise InvalidParameter naming the first bad parameter; return self."""
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool) or not isinstance(v, int):
                continue
            if v < 0:
                raise InvalidParameter(f"{f.name} must not be negative (got {v})")
        if self.cpus < 1:
            raise InvalidParameter(f"cpus must be at least 1 (got {self.cpus})")
        if self.time_slice_ns <= self.switch_ns:
            raise InvalidParameter(
                f"time_slice_ns ({self.time_slice_ns}) must be longer than switch_ns ({self.switch_ns})"
            )
        return self

    def with_overrides(self, **overrides: Any) -> CostModel:
        """A copy with some parameters changed (unknown names are an error), validated."""
        known = {f.name for f in fields(self)}
        for key in overrides:
            if key not in known:
                raise InvalidParameter(f"unknown parameter {key!r}")
        return replace(self, **overrides).validate()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


REALISTIC = CostModel()

TEACHING = CostModel(
    name="teaching",
    line_ns=50 * US,
    call_ns=100 * US,
    resume_ns=200 * US,
    task_step_ns=500 * US,
    loop_iteration_ns=500 * US,
    create_task_ns=500 * US,
    cpus=2,
    time_slice_ns=20 * MS,
    switch_ns=500 * US,
    cache_refill_ns=1 * MS,
    wakeup_ns=1 * MS,
    thread_create_ns=1 * MS,
    ssd_read_ns=60 * MS,
    disk_seek_ns=300 * MS,
    dc_rtt_ns=100 * MS,
    wan_rtt_ns=1_500 * MS,
)

PRESETS = {"realistic": REALISTIC, "teaching": TEACHING}


def preset(name: str) -> CostModel:
    """A preset by name; InvalidParameter if unknown."""
    try:
        return PRESETS[name]
    except KeyError:
        raise InvalidParameter(f"unknown preset {name!r} (choose {', '.join(PRESETS)})") from None
