"""Where the playhead lands after Run re-traces an edited program: "the same place" when the shape allows.

Owns one rule, pure and Qt-free. Today's place is the number of hand-offs (send /
yield / a generator's first run) already shown plus the steps since the last of them:
an edited print or a changed constant keeps the learner at the same hand-off. When the
new run has fewer hand-offs, the playhead keeps its step number (clamped to the run).
Chapters (issue 12) can replace `anchor_at`/`place` with a chapter index and offset;
callers only hold the opaque Anchor.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ui.navigation import StepUnit, TraceIndex

UNIT = StepUnit.HANDOFF  # the unit a place is counted in


@dataclass(frozen=True)
class Anchor:
    """A place in a run, as a count of `UNIT` events passed plus the steps since the last one."""

    count: int  # how many UNIT events happened at or before the playhead
    offset: int  # steps since the last of them (or since the start when count is 0)
    step: int  # the event index itself: the fallback


def anchor_at(index: TraceIndex, event_index: int) -> Anchor:
    """The anchor of `event_index` in the run `index` describes."""
    marks = index.by_unit[UNIT]
    count = bisect_right(marks, event_index)
    since = marks[count - 1] if count else 0
    return Anchor(count, event_index - since, event_index)


def place(anchor: Anchor, index: TraceIndex) -> int:
    """The event index in another run (`index`) that best matches `anchor`."""
    last = max(0, index.length - 1)
    marks = index.by_unit[UNIT]
    if anchor.count == 0 or anchor.count > len(marks):
        return min(anchor.step, last)
    here = marks[anchor.count - 1]
    # Stay between this hand-off and the next: the offset must not carry the playhead past it.
    limit = marks[anchor.count] - 1 if anchor.count < len(marks) else last
    return min(here + anchor.offset, limit, last)
