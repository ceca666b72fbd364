"""The pace of a recorded screencast: how long each step stays on screen.

Owns the three paces a user picks (`--pace`, and the export dialog):

- **lecture** (the default): made for a class. Hand-offs (`send` / `yield`), IO requests
  and completions move in slowly and are then *held* still, so a teacher can point and
  talk; output and exceptions are held a little; line steps pass quickly.
- **steps**: exactly as the window plays (150–400 ms a step at 1×, `ui.player`).
- **real-time**: the program's virtual clock, slowed down by the dilation.

For the lecture pace, every event has a move (the glide from the previous step, drawn
by the playhead's fraction) and a hold (the step at rest). `lecture_positions` turns
that schedule into the playhead position of every frame: frame k is the schedule at
k / fps seconds. Pure functions of the trace; never renders, never keeps a clock.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np

from simulator.kinds import EventKind
from simulator.trace import Trace


class Pace(StrEnum):
    LECTURE = "lecture"
    STEPS = "steps"
    REAL_TIME = "real-time"


HANDOFF = (EventKind.YIELD, EventKind.RESUME)
IO = (EventKind.IO_REQUEST, EventKind.IO_COMPLETE, EventKind.EXECUTOR_SUBMIT, EventKind.EXECUTOR_DONE,
      EventKind.LOOP_BLOCKED, EventKind.TIMER_FIRE)
HELD = (EventKind.STDOUT, EventKind.STDERR, EventKind.EXCEPTION, EventKind.UNWIND, EventKind.DEADLOCK,
        EventKind.LIMIT)
QUICK = (EventKind.LINE,)

# (move, hold) in ms at 1x, by what the class should look at
HANDOFF_MS = (700.0, 1800.0)
IO_MS = (900.0, 1600.0)
HELD_MS = (350.0, 1000.0)
QUICK_MS = (220.0, 60.0)
OTHER_MS = (300.0, 250.0)


def lecture_timing(kind: int) -> tuple[float, float]:
    """(move, hold) in milliseconds of one event at 1x speed, at the lecture pace."""
    if kind in HANDOFF:
        return HANDOFF_MS
    if kind in IO:
        return IO_MS
    if kind in HELD:
        return HELD_MS
    if kind in QUICK:
        return QUICK_MS
    return OTHER_MS


_TABLE_SIZE = max(int(k) for k in EventKind) + 1
_MOVE = np.array([lecture_timing(k)[0] for k in range(_TABLE_SIZE)])
_HOLD = np.array([lecture_timing(k)[1] for k in range(_TABLE_SIZE)])


def lecture_seconds(trace: Trace, first: int, last: int, speed: float = 1.0) -> float:
    """How long playing steps first..last takes at the lecture pace (without the final hold)."""
    kinds = np.asarray(trace.kind[first + 1 : last + 1], dtype=np.intp)
    return float((_MOVE[kinds] + _HOLD[kinds]).sum()) / 1000.0 / speed


def lecture_positions(trace: Trace, first: int, last: int, fps: int, speed: float = 1.0) -> list[float]:
    """The playhead position of every frame from step `first` to step `last` at the lecture pace.

    Event i (first < i <= last) glides in during its move (the position goes from i - 1
    to i) and then stays at i for its hold. The last frame is exactly `last`.
    """
    if last <= first:
        return [float(first)]
    kinds = np.asarray(trace.kind[first + 1 : last + 1], dtype=np.intp)
    move = _MOVE[kinds] / speed
    total = (_MOVE[kinds] + _HOLD[kinds]) / speed
    starts = np.concatenate([[0.0], np.cumsum(total)])  # starts[j]: when event first + 1 + j begins to move
    frames = math.ceil(starts[-1] * fps / 1000.0 - 1e-9) + 1
    t = np.arange(frames) * (1000.0 / fps)
    j = np.clip(np.searchsorted(starts, t, side="right") - 1, 0, len(kinds) - 1)
    fraction = np.minimum(1.0, (t - starts[j]) / move[j])
    positions = np.minimum(first + j + fraction, float(last))
    positions[-1] = float(last)
    return positions.tolist()
