"""Signals reach the program where CPython delivers them, never inside the tracer's callbacks.

CPython runs a Python-level signal handler at the next "eval breaker" check: the start of
a function, a resume after a plain `yield`, a backward jump, the return of a C call. The
tracer's callbacks are Python functions, so their own first instruction is such a check:
a signal pending when the program's code reached a monitored event ran its handler
inside the callback, and the handler's exception (KeyboardInterrupt) struck the program
at the event's instruction, not where CPython would have raised it (CPython's
test_generators: a SIGINT raised into a generator suspended in `yield from` must be
caught by the inner generator, which CPython resumes after a plain `yield`; the outer
one resumes after `yield from`, where CPython does not check).

While the tracer runs, every Python-level handler (the default SIGINT handler included)
is wrapped: called from the tracer's own code, the wrapper puts the signal aside; the
tracer hands it to the program's handler at its next callback at a point where CPython
checks (a frame's start, a resume after a plain `yield`, else the next line), with the
program's frame. `signal.signal` and `signal.getsignal` show the program its own handlers.
"""

from __future__ import annotations

import os
import signal
import threading
import types
from collections.abc import Callable
from typing import Any

_OWN = os.path.dirname(os.path.realpath(__file__)) + os.sep
# the files whose code runs inside the tracer's callbacks
_TRACER_FILES = frozenset(_OWN + name for name in ("tracer.py", "safe_repr.py", "code_scan.py", "signals.py"))

Handler = Callable[[int, types.FrameType | None], Any]


class SignalDeferral:
    """Wraps the program's signal handlers; keeps the signals that arrived inside the tracer."""

    def __init__(self, is_program_frame: Callable[[types.FrameType], bool]) -> None:
        self._is_program_frame = is_program_frame
        self.pending: list[tuple[Handler, int]] = []
        self._real_signal = signal.signal
        self._real_getsignal = signal.getsignal
        self._installed = False
        self._wrappers: dict[int, tuple[Handler, Any]] = {}  # id(wrapper) -> (wrapper, the program's handler)

    def _inside_tracer(self, frame: types.FrameType | None) -> bool:
        while frame is not None:
            code = frame.f_code
            if code.co_filename in _TRACER_FILES:
                return True
            if self._is_program_frame(frame):
                return False
            frame = frame.f_back
        return False

    def wrap(self, handler: Any) -> Any:
        """`handler`, or a wrapper that defers it when it would run inside the tracer (ints: as they are)."""
        # (callable() and type() read C slots: nothing of the handler's own runs)
        if not callable(handler) or issubclass(type(handler), int) or self._unwrapped(handler) is not handler:
            return handler

        def deliver(signum: int, frame: types.FrameType | None) -> Any:
            if self._inside_tracer(frame):
                self.pending.append((handler, signum))
                return None
            return handler(signum, frame)

        self._wrappers[id(deliver)] = (deliver, handler)
        return deliver

    def _unwrapped(self, handler: Any) -> Any:
        known = self._wrappers.get(id(handler))
        return known[1] if known is not None and known[0] is handler else handler

    def unwrap(self, handler: Any) -> Any:
        """The program's own handler behind a wrapper (anything else as it is)."""
        return self._unwrapped(handler)

    def deliver_pending(self, frame: types.FrameType) -> None:
        """Run the handlers of the signals put aside, in the program's `frame` (an exception goes there)."""
        pending, self.pending = self.pending, []
        for i, (handler, signum) in enumerate(pending):
            try:
                handler(signum, frame)
            except BaseException:
                self.pending[:0] = pending[i + 1 :]  # the rest wait for the next check, as in CPython
                raise

    # ---- install / uninstall
    def install(self) -> None:
        """Wrap every Python-level handler and let the program see only its own (main thread only).

        `signal.signal` and `getsignal` are taken as they are now, so this layers over an engine's
        own view of a signal (simulator.threads.alarm answers for SIGALRM on the virtual clock).
        """
        if threading.current_thread() is not threading.main_thread():
            return
        self._real_signal, self._real_getsignal = signal.signal, signal.getsignal
        for signum in signal.valid_signals():
            try:
                current = self._real_getsignal(signum)
                if callable(current):
                    self._real_signal(signum, self.wrap(current))
            except (OSError, ValueError, TypeError):
                continue
        real_signal, real_getsignal = self._real_signal, self._real_getsignal

        def signal_(signalnum: int, handler: Any) -> Any:
            return self.unwrap(real_signal(signalnum, self.wrap(handler)))

        def getsignal(signalnum: int) -> Any:
            return self.unwrap(real_getsignal(signalnum))

        signal_.__doc__, getsignal.__doc__ = real_signal.__doc__, real_getsignal.__doc__
        signal.signal, signal.getsignal = signal_, getsignal
        self._installed = True

    def uninstall(self) -> None:
        if not self._installed:
            return
        self._installed = False
        signal.signal, signal.getsignal = self._real_signal, self._real_getsignal
        for signum in signal.valid_signals():
            try:
                current = self._real_getsignal(signum)
                if callable(current) and self.unwrap(current) is not current:
                    self._real_signal(signum, self.unwrap(current))
            except (OSError, ValueError, TypeError):
                continue
        self.pending.clear()
