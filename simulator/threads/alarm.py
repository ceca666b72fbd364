"""`signal.alarm` and `setitimer(ITIMER_REAL)` on the virtual clock: the program's SIGALRM handler fires.

Owns the program's view of SIGALRM while a run is recorded: `signal.alarm`,
`setitimer`/`getitimer` for ITIMER_REAL, `signal.signal`/`getsignal` for SIGALRM and
`signal.pause`. Time is virtual (a `time.sleep(5)` passes in no real time), so a real
alarm would never come while the program sleeps; this one is due at a virtual time, and
the handler runs in the main thread where CPython would run it:

- in a `time.sleep` of the main thread: the sleep ends at the alarm, the handler runs,
  and (PEP 475) the sleep goes on for the rest of its time unless the handler raised;
- in the virtual asyncio loop's wait (`VirtualLoop._poll_io`), the same way;
- while the program computes: at its next instruction once the clock has passed the due
  time (the scheduler's line hook trips it, `_thread.interrupt_main` delivers it).

The real SIGALRM stays the runner's watchdog's; it hands its signal on here when it is not
its own time. Other signals and other timers are the real ones. Where CPython's default
action would end the process ("Alarm clock"), the run is stopped with that message.
Not modelled: an alarm interrupting a lock wait of the main thread (it fires when the
thread runs again).
"""

from __future__ import annotations

import _thread
import operator
import signal
import sys
import threading
import types
from collections.abc import Callable
from typing import Any

S = 1_000_000_000
_REAL = {name: getattr(signal, name) for name in ("signal", "getsignal", "setitimer", "getitimer", "alarm", "pause")}
_ACTIVE: list[VirtualAlarm] = []  # the alarm of the run in progress, if any (the virtual loop asks)


def active() -> VirtualAlarm | None:
    """The alarm of the run in progress in this process, if any."""
    return _ACTIVE[0] if _ACTIVE else None


class VirtualAlarm:
    """SIGALRM's timer and handler as the program sees them, on the virtual clock."""

    def __init__(
        self,
        builder: Any,
        stop: Callable[[str, str], None],
        is_user_file: Callable[[str], bool],
        in_main_thread: Callable[[], bool],
    ) -> None:
        self.builder = builder
        self._stop = stop
        self._is_user_file = is_user_file
        self.in_main_thread = in_main_thread
        self.due: int | None = None  # virtual ns
        self.interval = 0
        self.handler: Any = signal.SIG_DFL
        self.tripped = False
        self.wait: Callable[[int], None] | None = None  # sleeps the main thread this many virtual ns
        self.on_change: Callable[[], None] = lambda: None  # the due time moved (the scheduler re-plans its checks)
        self.can_interrupt = threading.current_thread() is threading.main_thread()

    # ---- the program's signal API
    def alarm(self, seconds: Any) -> int:
        seconds = operator.index(seconds)  # CPython's TypeError for a float
        if seconds < 0:
            raise OverflowError("Python int too large to convert to C unsigned int")
        previous = self._remaining_whole_s()
        self._arm(seconds * S if seconds else 0, 0)
        return previous

    def setitimer(self, which: int, seconds: float, interval: float = 0.0) -> tuple[float, float]:
        if which != signal.ITIMER_REAL:
            return _REAL["setitimer"](which, seconds, interval)
        if seconds < 0 or interval < 0:
            raise signal.ItimerError(22, "Invalid argument")
        previous = self.getitimer(which)
        self._arm(round(seconds * S), round(interval * S) if seconds else 0)
        return previous

    def getitimer(self, which: int) -> tuple[float, float]:
        if which != signal.ITIMER_REAL:
            return _REAL["getitimer"](which)
        left = max(0, self.due - self.builder.now) if self.due is not None else 0
        return (left / S, self.interval / S)

    def signal(self, signum: Any, handler: Any) -> Any:
        if signum != signal.SIGALRM:
            return _REAL["signal"](signum, handler)
        if not (callable(handler) or handler in (signal.SIG_IGN, signal.SIG_DFL)):
            raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
        if not self.in_main_thread():
            raise ValueError("signal only works in main thread of the main interpreter")
        previous, self.handler = self.handler, handler
        return previous

    def getsignal(self, signum: Any) -> Any:
        return self.handler if signum == signal.SIGALRM else _REAL["getsignal"](signum)

    # ---- the clock
    def _arm(self, delay_ns: int, interval_ns: int) -> None:
        self.due = self.builder.now + delay_ns if delay_ns > 0 else None
        self.interval = interval_ns if self.due is not None else 0
        self.tripped = False
        self.on_change()

    def _remaining_whole_s(self) -> int:
        """What alarm() returns: the seconds left of the previous alarm, rounded, at least 1 if one is set."""
        if self.due is None:
            return 0
        left = max(0, self.due - self.builder.now)
        return max(1, (left + S // 2) // S)

    def due_now(self) -> bool:
        return self.due is not None and self.builder.now >= self.due

    def _spend(self) -> None:
        """The alarm went off: gone, or (an interval timer) due again."""
        if self.interval and self.due is not None:
            now = self.builder.now
            self.due += self.interval * max(1, -(-(now - self.due) // self.interval))
        else:
            self.due = None
        self.tripped = False
        self.on_change()

    # ---- delivery
    def run_handler(self, frame: types.FrameType | None = None) -> None:
        """Act on an alarm that is due, as CPython does on SIGALRM (the handler may raise into the caller)."""
        self._spend()
        handler = self.handler
        if handler == signal.SIG_IGN:
            return
        if handler == signal.SIG_DFL:
            self._stop("signal", "Alarm clock")  # what a shell says of a process SIGALRM ended
            return
        handler(signal.SIGALRM, frame if frame is not None else self.user_frame())

    def trip(self) -> None:
        """From inside a line callback: have the handler run at the program's next instruction.

        Only when the program runs in the process's main thread (the one a signal interrupts); a run
        hosted in another thread gets its alarms in sleeps and loop waits only.
        """
        if not self.tripped and self.can_interrupt:
            self.tripped = True
            _thread.interrupt_main(signal.SIGALRM)

    def deliver(self, signum: int, frame: types.FrameType | None) -> None:
        """The real SIGALRM handler while a run is recorded (the watchdog hands its early signals on)."""
        if self.tripped:
            self.run_handler(frame if frame is not None and self._is_user_file(frame.f_code.co_filename) else None)

    def pause(self) -> None:
        """signal.pause(): wait for the alarm, if one is set (or for a real signal otherwise)."""
        if self.due is None or self.wait is None or not self.in_main_thread():
            _REAL["pause"]()
            return
        self.wait(max(1, self.due - self.builder.now))  # the sleep runs the handler when the alarm is due

    def user_frame(self) -> types.FrameType | None:
        """The program's innermost frame (what a handler gets as its `frame`)."""
        frame: types.FrameType | None = sys._getframe(1)
        while frame is not None and not self._is_user_file(frame.f_code.co_filename):
            frame = frame.f_back
        return frame


def install(alarm: VirtualAlarm) -> Callable[[], None]:
    """Patch the `signal` module for this run; return the undo."""
    patches = {
        "alarm": alarm.alarm, "setitimer": alarm.setitimer, "getitimer": alarm.getitimer,
        "signal": alarm.signal, "getsignal": alarm.getsignal, "pause": alarm.pause,
    }
    saved = {name: getattr(signal, name) for name in patches}
    previous_handler = None
    if alarm.can_interrupt:  # only the main thread may set a real handler
        previous_handler = _REAL["signal"](signal.SIGALRM, alarm.deliver)
    for name, fn in patches.items():
        setattr(signal, name, fn)
    _ACTIVE[:] = [alarm]

    def uninstall() -> None:
        _ACTIVE.clear()
        for name, fn in saved.items():
            setattr(signal, name, fn)
        if previous_handler is not None:
            _REAL["signal"](signal.SIGALRM, previous_handler)

    return uninstall
