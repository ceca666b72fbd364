"""Rebuilding what the program looked like at any event: frames, their lines and locals, output.

Owns seeking. Checkpoints every `CHECKPOINT_EVERY` events make any seek replay at
most that many events. Views call `snapshot_at(trace, index)`; they never replay
events themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.kinds import ActorKind
from simulator.trace import Event

CHECKPOINT_EVERY = 2048


@dataclass(frozen=True)
class FrameView:
    """One frame as the code pane shows it."""

    actor: int
    name: str  # the function's name ("<module>" for the top level)
    kind: ActorKind
    file: str
    line: int  # the line running now, or where it is paused
    status: str  # "running", "waiting" (on the stack, a callee runs), "suspended", "created"
    locals: dict[str, str]  # name -> repr, in order of first assignment


@dataclass(frozen=True)
class Snapshot:
    """The program at event `index` (after that event happened)."""

    index: int
    t: int  # virtual ns
    event: Event | None
    stack: tuple[FrameView, ...]  # the call stack, outermost first; the last one runs
    suspended: tuple[FrameView, ...]  # generators/coroutines alive but not on the stack
    console_end: int  # trace.console[:console_end] is the output so far
