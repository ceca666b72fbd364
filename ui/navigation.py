"""Where a step lands: the next or previous event of a kind, found fast on traces of any length.

Owns the per-trace index of interesting events (lines, hand-offs, loop turns, IO
completions, chapters, output, errors) and the step units. Chapters come from the
core (simulator.chapters): a chapter jump lands on a chapter's first step. Pure Python over the trace's
columns, no Qt: the player asks it for targets, the scrubber for its marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from enum import Enum

from simulator.chapters import chapter_starts
from simulator.kinds import ActorKind, EventKind
from simulator.trace import Trace

HANDOFF_KINDS = (EventKind.YIELD, EventKind.RESUME)
STARTING_KINDS = frozenset({ActorKind.GENERATOR, ActorKind.COROUTINE})


class StepUnit(Enum):
    """What one step moves over."""

    EVENT = "event"
    LINE = "line"
    HANDOFF = "handoff"
    LOOP = "loop"
    IO = "io"
    CHAPTER = "chapter"


def _indices(kinds: bytes, wanted: tuple[EventKind, ...]) -> list[int]:
    # One C-speed regex scan over the kind column: a million events take milliseconds.
    pattern = re.compile(b"[" + b"".join(re.escape(bytes([int(k)])) for k in wanted) + b"]")
    return [m.start() for m in pattern.finditer(kinds)]


class TraceIndex:
    """Sorted event indices per step unit and per scrubber mark, built once per trace."""

    def __init__(self, trace: Trace) -> None:
        self.length = len(trace)
        kinds = trace.kind.tobytes()
        actors = trace.actors
        # A generator's first run is a CALL, not a RESUME; it is a hand-off all the same.
        starts = [i for i in _indices(kinds, (EventKind.CALL,)) if actors[trace.actor[i]].kind in STARTING_KINDS]
        handoffs = sorted(_indices(kinds, HANDOFF_KINDS) + starts)
        self.by_unit: dict[StepUnit, list[int]] = {
            StepUnit.EVENT: [],  # every index: handled arithmetically
            StepUnit.LINE: _indices(kinds, (EventKind.LINE,)),
            StepUnit.HANDOFF: handoffs,
            StepUnit.LOOP: _indices(kinds, (EventKind.LOOP_TICK,)),
            StepUnit.IO: _indices(kinds, (EventKind.IO_COMPLETE,)),
            StepUnit.CHAPTER: list(chapter_starts(trace)),
        }
        self.output = _indices(kinds, (EventKind.STDOUT, EventKind.STDERR))
        self.errors = _indices(kinds, (EventKind.EXCEPTION, EventKind.LIMIT, EventKind.DEADLOCK))

    def next_index(self, unit: StepUnit, index: int) -> int | None:
        """The first event of `unit` after `index`, or None when there is none."""
        if unit is StepUnit.EVENT:
            return index + 1 if index + 1 < self.length else None
        marks = self.by_unit[unit]
        j = bisect_right(marks, index)
        return marks[j] if j < len(marks) else None

    def previous_index(self, unit: StepUnit, index: int) -> int | None:
        """The last event of `unit` before `index`, or None when there is none."""
        if unit is StepUnit.EVENT:
            return index - 1 if index > 0 else None
        marks = self.by_unit[unit]
        j = bisect_left(marks, index)
        return marks[j - 1] if j > 0 else None

    def last_at_or_before(self, unit: StepUnit, index: int) -> int | None:
        """The latest event of `unit` at or before `index` (e.g. the hand-off now showing)."""
        marks = self.by_unit[unit]
        j = bisect_right(marks, index)
        return marks[j - 1] if j > 0 else None

    def has(self, unit: StepUnit) -> bool:
        """Whether stepping by `unit` can go anywhere in this trace."""
        return unit is StepUnit.EVENT or bool(self.by_unit[unit])
