"""Where the playhead lands after Run re-traces an edited program: "the same place" when the shape allows.

Owns one rule, pure and Qt-free. A place is counted in the coarsest unit the window
knows that the learner navigates by: chapters (StepUnit.CHAPTER, issue 12) where the
navigation index has them, else hand-offs (send / yield / a generator's first run).
The anchor is how many of them had happened plus the steps since the last one; in the
new run the playhead goes to the same-numbered one plus those steps, never past the
next. An edited print or a changed constant so keeps the learner where they were.
When the new run has fewer of them, the playhead keeps its step number (clamped).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ui.navigation import StepUnit, TraceIndex

# Preferred first; the chapters unit is used as soon as ui.navigation defines it.
UNITS: tuple[StepUnit, ...] = tuple(
    u for u in (getattr(StepUnit, "CHAPTER", None), StepUnit.HANDOFF) if isinstance(u, StepUnit)
)


@dataclass(frozen=True)
class Anchor:
    """A place in a run: per unit, (how many happened at or before it, steps since the last one)."""

    counts: tuple[tuple[StepUnit, int, int], ...]
    step: int  # the event index itself: the fallback


def anchor_at(index: TraceIndex, event_index: int) -> Anchor:
    """The anchor of `event_index` in the run `index` describes."""
    counts = []
    for unit in UNITS:
        marks = index.by_unit.get(unit, [])
        count = bisect_right(marks, event_index)
        counts.append((unit, count, event_index - (marks[count - 1] if count else 0)))
    return Anchor(tuple(counts), event_index)


def place(anchor: Anchor, index: TraceIndex) -> int:
    """The event index in another run (`index`) that best matches `anchor`."""
    last = max(0, index.length - 1)
    for unit, count, offset in anchor.counts:
        marks = index.by_unit.get(unit, [])
        if count == 0 or count > len(marks):
            continue
        # Stay between this one and the next: the offset must not carry the playhead past it.
        limit = marks[count] - 1 if count < len(marks) else last
        return min(marks[count - 1] + offset, limit, last)
    return min(anchor.step, last)
