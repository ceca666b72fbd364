"""The playhead: the one owner of "now" (event index plus a fraction), speed and play state.

Everything that moves on screen reads `Player.position`; nothing else keeps a clock.
Playing advances the position by wall time: in step mode each event takes 150-400 ms
at 1x (scaled by speed); in virtual-real-time mode the virtual clock runs at
1/dilation of wall time. Position i + f means "after event i, f of the way to i + 1".
A QTimer drives playback and glides, and runs only while something moves.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from simulator.kinds import EventKind
from simulator.trace import Trace
from ui.navigation import StepUnit, TraceIndex

MIN_SPEED = 0.1
MAX_SPEED = 10.0
FRAME_MS = 16  # ~60 Hz
MAX_FRAME_GAP_S = 0.25  # after a stall, don't leap: resume smoothly

# How long an event takes to happen on screen at 1x, by kind (ms): hand-offs and IO
# get the most time because they are what the learner should watch.
_SLOW = {EventKind.YIELD, EventKind.RESUME, EventKind.IO_REQUEST, EventKind.IO_COMPLETE, EventKind.LOOP_BLOCKED}
_MEDIUM = {
    EventKind.CALL,
    EventKind.RETURN,
    EventKind.UNWIND,
    EventKind.STDOUT,
    EventKind.STDERR,
    EventKind.LOOP_TICK,
    EventKind.GEN_CREATE,
    EventKind.EXCEPTION,
    EventKind.CONTEXT_SWITCH,
    EventKind.TASK_STEP,
}


def event_duration_ms(kind: int) -> float:
    """Screen time of one event at 1x speed."""
    if kind in _SLOW:
        return 400.0
    if kind in _MEDIUM:
        return 250.0
    return 150.0


def played_position(
    trace: Trace,
    position: float,
    wall_seconds: float,
    *,
    speed: float,
    real_time: bool,
    dilation: float,
    limit: int,
) -> float:
    """Where the playhead is after playing `wall_seconds` from `position`: the player's one timing rule.

    The player's timer and the video export both move the playhead through here, so a
    recorded frame shows exactly what playing would have shown at that moment.
    """
    if len(trace) < 2:
        return position
    dt = min(MAX_FRAME_GAP_S, max(0.0, wall_seconds)) * speed
    if real_time:
        moved = _advance_virtual(trace, position, dt, dilation)
    else:
        moved = _advance_steps(trace, position, dt * 1000.0, limit)
    return min(float(limit), max(0.0, moved))


def _advance_steps(trace: Trace, position: float, budget_ms: float, limit: int) -> float:
    i = int(position)
    f = position - i
    kinds = trace.kind
    while budget_ms > 0 and i < limit:
        duration = event_duration_ms(kinds[i + 1])
        need = (1.0 - f) * duration
        if budget_ms >= need:
            i, f = i + 1, 0.0
            budget_ms -= need
        else:
            f += budget_ms / duration
            budget_ms = 0
    return i + f


def _advance_virtual(trace: Trace, position: float, dt: float, dilation: float) -> float:
    times = trace.t
    i = int(position)
    f = position - i
    now = times[i] + (f * (times[i + 1] - times[i]) if i + 1 < len(times) else 0)
    now += dt * 1e9 / max(1e-9, dilation)
    j = max(0, bisect_right(times, int(now)) - 1)
    if j >= len(times) - 1:
        return float(len(times) - 1)
    if j == i and now < times[j + 1] and times[j + 1] == times[i]:
        j += 1  # events at the same instant: step over them one per frame
    gap = times[j + 1] - times[j]
    return j + ((now - times[j]) / gap if gap > 0 else 0.0)


class Player(QObject):
    """Position, speed and play state of the one trace on screen."""

    positionChanged = Signal(float)
    playingChanged = Signal(bool)
    speedChanged = Signal(float)
    traceChanged = Signal(object)  # the new Trace (or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trace: Trace | None = None
        self.index: TraceIndex | None = None
        self._position = 0.0
        self._playing = False
        self._speed = 1.0
        self.real_time = False
        self.dilation = 1000.0  # wall seconds per virtual second in virtual-real-time mode
        self.animate_steps = True
        self._glide_to: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_tick)
        self._clock = QElapsedTimer()

    # --- state -------------------------------------------------------------------------
    @property
    def position(self) -> float:
        return self._position

    @property
    def event_index(self) -> int:
        """The last event that has fully happened."""
        return int(self._position)

    @property
    def fraction(self) -> float:
        return self._position - int(self._position)

    @property
    def last_index(self) -> int:
        return max(0, len(self.trace) - 1) if self.trace is not None else 0

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def busy(self) -> bool:
        """Whether the playhead is moving on its own (playing or gliding)."""
        return self._timer.isActive()

    def set_trace(self, trace: Trace | None) -> None:
        """Show `trace` from its first event."""
        self.pause()
        self._glide_to = None
        self.trace = trace
        self.index = TraceIndex(trace) if trace is not None else None
        self._position = 0.0
        self.traceChanged.emit(trace)
        self.positionChanged.emit(self._position)

    def set_speed(self, speed: float) -> None:
        speed = min(MAX_SPEED, max(MIN_SPEED, float(speed)))
        if speed != self._speed:
            self._speed = speed
            self.speedChanged.emit(speed)

    def seek(self, position: float) -> None:
        """Put the playhead at `position` (clamped to the trace)."""
        self._glide_to = None
        self._set_position(position)
        self._stop_timer_if_idle()

    def _set_position(self, position: float) -> None:
        position = min(float(self.last_index), max(0.0, float(position)))
        if position != self._position:
            self._position = position
            self.positionChanged.emit(position)

    # --- playing -----------------------------------------------------------------------
    def play(self) -> None:
        if self.trace is None or self._playing:
            return
        if self.event_index >= self.last_index:
            self._set_position(0.0)  # playing at the end starts over, as media players do
        self._glide_to = None
        self._playing = True
        self._start_timer()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self._playing:
            self._playing = False
            self.playingChanged.emit(False)
        self._stop_timer_if_idle()

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def advance(self, wall_seconds: float) -> None:
        """Move the playhead as `wall_seconds` of playing would (the timer calls this)."""
        trace = self.trace
        if trace is None or len(trace) < 2:
            return
        gliding = self._glide_to is not None
        limit = self._glide_to if self._glide_to is not None else self.last_index
        self._set_position(
            played_position(
                trace,
                self._position,
                wall_seconds,
                speed=self._speed,
                real_time=self.real_time and not gliding,
                dilation=self.dilation,
                limit=limit,
            )
        )
        if self._position >= limit:
            self._glide_to = None
            self.pause()

    # --- stepping ----------------------------------------------------------------------
    def step(self, unit: StepUnit, direction: int) -> bool:
        """Step forward (+1) or back (-1) by `unit`; False when there is nowhere to go."""
        if self.trace is None or self.index is None:
            return False
        self.pause()
        here = self._glide_to if self._glide_to is not None else self.event_index
        if direction > 0:
            target = self.index.next_index(unit, here)
        else:
            # From the middle of an event, "back" first returns to where it started.
            target = here if self.fraction > 0 and self._glide_to is None else self.index.previous_index(unit, here)
        if target is None:
            return False
        if direction > 0 and self.animate_steps:
            self._glide(target)
        else:
            self.seek(target)
        return True

    def go_to_start(self) -> None:
        self.pause()
        self.seek(0)

    def go_to_end(self) -> None:
        self.pause()
        self.seek(self.last_index)

    def finish_motion(self) -> None:
        """Land any glide in progress at once (before reading a settled state)."""
        if self._glide_to is not None:
            self.seek(self._glide_to)

    def _glide(self, target: int) -> None:
        # Jump to just before the target event, then let it happen on screen.
        self._set_position(max(self._position, float(target - 1)))
        self._glide_to = target
        self._start_timer()

    # --- timer -------------------------------------------------------------------------
    def _start_timer(self) -> None:
        self._clock.start()
        if not self._timer.isActive():
            self._timer.start()

    def _stop_timer_if_idle(self) -> None:
        if not self._playing and self._glide_to is None:
            self._timer.stop()

    def _on_tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self.advance(elapsed)
