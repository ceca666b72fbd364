"""What the message-loop pane shows at one moment: plain data, derived from a trace.

Owns the dataclasses only. `simulator.loop.state.loop_snapshot_at(trace, index)`
computes them; the UI renders them and never looks at loop events itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadyCard:
    """One handle in the ready queue: a task step or a plain callback."""

    label: str  # e.g. "Task-2 fetch('a.example')" or "callback _wakeup"
    task: int  # task actor id, or -1 for a plain callback


@dataclass(frozen=True)
class IoInFlight:
    """One IO request that has left and not yet come back."""

    request: int  # request id (the IO_REQUEST event's arg)
    what: str  # e.g. "GET http://a.example/", "read data.csv", "connect b.example:80"
    channel: str  # "network", "disk", "timer", "executor"
    task: int  # the task that waits for it, or -1
    issued_ns: int
    due_ns: int  # when its completion message arrives


@dataclass(frozen=True)
class Completion:
    """A completion message that has just arrived (shown flying back into the queue)."""

    request: int
    what: str
    arrived_ns: int
    wakes_task: int


@dataclass(frozen=True)
class LoopSnapshot:
    """The loop at one event index."""

    now_ns: int
    iteration: int  # how many loop turns so far
    running_task: int  # task actor running now, or -1 (the loop itself is choosing)
    running_label: str  # what the handler running now is, for the "running" slot
    ready: tuple[ReadyCard, ...] = ()
    in_flight: tuple[IoInFlight, ...] = ()
    completions: tuple[Completion, ...] = ()  # arrived since the previous loop turn
    timers: tuple[tuple[int, str], ...] = ()  # (due_ns, label), soonest first
    blocked_until_ns: int = -1  # >= 0 while a blocking call holds the loop
    tasks: dict[int, str] = field(default_factory=dict)  # task id -> "pending"/"running"/"done"
    # The lists above hold at most `simulator.loop.state.MAX_CARDS` entries (the soonest or
    # first); these say how many there really are.
    ready_total: int = 0
    in_flight_total: int = 0
    timers_total: int = 0
