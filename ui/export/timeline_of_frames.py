"""Which playhead position each exported frame shows: frame k is k / fps seconds of playing at the chosen pace.

Owns nothing but the walk. At the lecture pace the timing is ui.export.pace's schedule;
at the steps and real-time paces it is ui.player.played_position, the rule the player's
own timer follows, stepped one frame period at a time as the timer would tick at that
frame rate. Never renders and never keeps a clock.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from simulator.trace import Trace
from ui.export.options import MAX_FRAMES, ExportError, ExportOptions, Format
from ui.export.pace import Pace, lecture_positions, lecture_seconds
from ui.player import played_position


def frame_positions(trace: Trace, options: ExportOptions) -> list[float]:
    """Playhead position of every frame, from the first step to the last, then the hold at the end.

    `options` must be checked (its `last` resolved). One PNG is the first position alone.
    """
    start, end = float(options.first), options.last if options.last is not None else len(trace) - 1
    if options.format is Format.PNG:
        return [start]
    if options.pace is Pace.LECTURE:
        if lecture_seconds(trace, int(start), end, options.speed) * options.fps > MAX_FRAMES:
            raise _too_long(options)
        positions = lecture_positions(trace, int(start), end, options.fps, options.speed)
        return _with_hold(positions, options)
    period = 1.0 / options.fps
    positions = [start]
    position = start
    while position < end:
        if len(positions) > MAX_FRAMES:
            raise _too_long(options)
        position = played_position(
            trace,
            position,
            period,
            speed=options.speed,
            real_time=options.real_time,
            dilation=options.dilation,
            limit=end,
        )
        positions.append(position)
    return _with_hold(positions, options)


def _with_hold(positions: list[float], options: ExportOptions) -> list[float]:
    """The last frame repeated for the hold at the end."""
    positions = positions + [positions[-1]] * math.ceil(options.hold_s * options.fps - 1e-9)
    if len(positions) > MAX_FRAMES:
        raise _too_long(options)
    return positions


def _too_long(options: ExportOptions) -> ExportError:
    minutes = MAX_FRAMES / options.fps / 60
    return ExportError(
        QCoreApplication.translate(
            "Export",
            "The video would be longer than {minutes} minutes. Export a range of steps, or play faster.",
        ).format(minutes=f"{minutes:.0f}")
    )
