"""One recording session of the virtual loop: the shared clock, caps, counters and event writers.

Owns what every virtual loop of one program run shares: the TraceBuilder (whose
`now` is the virtual clock), the cost model, the simulated network, the virtual
time and step caps, the task-name and IO-request counters, and the small helpers
that write loop events. It never runs the event loop itself (see virtual_loop)
and never reads the real clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from simulator.costs import REALISTIC, CostModel
from simulator.kinds import ActorKind, EventKind
from simulator.net.network import Network
from simulator.trace import NONE, TraceBuilder

S = 1_000_000_000
DEFAULT_MAX_VIRTUAL_NS = 3600 * S  # one virtual hour: far beyond any lecture demo
DEFAULT_MAX_STEPS = 5_000_000  # events recorded (the runner's step cap counts the same)


class LoopLimitReached(RuntimeError):
    """A cap stopped the loop (used when no runner supplies its own `stop`)."""


@dataclass
class LoopSession:
    """State shared by all virtual loops of one run. `stop(limit, message)` must raise."""

    builder: TraceBuilder
    costs: CostModel = REALISTIC
    network: Network = field(default_factory=Network)
    max_virtual_ns: int = DEFAULT_MAX_VIRTUAL_NS
    max_steps: int = DEFAULT_MAX_STEPS
    stop: Callable[[str, str], NoReturn] | None = None
    current_line: Callable[[], int] = lambda: NONE
    tracer: Any = None  # the run's Tracer, if any: its `yield_line`/`yield_file` tell where a task step suspended
    # whether the calling thread is one the trace follows (the runner's ctx.in_simulation); others must not record
    in_simulation: Callable[[], bool] = lambda: True
    task_counter: int = 0
    request_counter: int = 0
    timer_counter: int = 0
    off_loop_depth: int = 0  # > 0 while an executor function runs (its time is not the loop's)
    off_loop_ns: int = 0  # time slept or declared as CPU work by the running executor function
    _loop_actor: int = NONE

    def loop_actor(self) -> int:
        """The LOOP actor (one for the whole run: the program's loops take turns)."""
        if self._loop_actor == NONE:
            self._loop_actor = self.builder.add_actor(ActorKind.LOOP, "event loop")
        return self._loop_actor

    def next_task_name(self) -> str:
        """CPython's default task names, counted per run so reruns name tasks alike."""
        self.task_counter += 1
        return f"Task-{self.task_counter}"

    def next_request(self) -> int:
        self.request_counter += 1
        return self.request_counter

    def next_timer(self) -> int:
        self.timer_counter += 1
        return self.timer_counter

    def limit(self, name: str, message: str) -> NoReturn:
        """Stop the run at a cap: through the runner if there is one, else LoopLimitReached."""
        if self.stop is not None:
            self.stop(name, message)
        self.builder.emit(EventKind.LIMIT, self.loop_actor(), text=message)
        raise LoopLimitReached(message)

    def advance_to(self, t_ns: int, waiting_for: str) -> None:
        """Move the clock forward to `t_ns`, stopping at the virtual-time cap."""
        if t_ns > self.max_virtual_ns:
            self.builder.now = max(self.builder.now, self.max_virtual_ns)
            self.limit(
                "virtual_time",
                f"Stopped at the virtual-time cap of {self.max_virtual_ns / S:g} s: the program was still "
                f"waiting for {waiting_for}.",
            )
        if t_ns > self.builder.now:
            self.builder.now = t_ns

    def block(self, actor: int, ns: int, why: str, cpu: bool) -> None:
        """Record that the loop's thread was held for `ns` (blocking call or CPU work), then pass the time.

        Inside an executor function the time is the worker's, not the loop's: it only
        adds to that function's duration.
        """
        if self.off_loop_depth:
            self.off_loop_ns += ns
            return
        self.builder.emit(
            EventKind.LOOP_BLOCKED, actor, self.current_line(), text=why, arg=ns, data={"ns": ns, "cpu": cpu}
        )
        self.advance_to(self.builder.now + ns, why)


_active: LoopSession | None = None


def active_session() -> LoopSession | None:
    """The session installed by `simulator.loop.engine.install`, if any."""
    return _active


def set_active_session(session: LoopSession | None) -> None:
    global _active
    _active = session
