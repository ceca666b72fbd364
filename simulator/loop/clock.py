"""The program's view of time while the virtual loop is installed.

Owns the replacements for `time.monotonic`, `perf_counter`, `time`, their `_ns`
forms, and `time.sleep`. They read and advance the run's virtual clock
(`builder.now`). `time.sleep` called by a coroutine holds the whole loop for that
virtual time and is recorded as LOOP_BLOCKED; called in an executor function it
adds to that function's duration only. Calls that take the current time by
default (`localtime()`, `gmtime()`, `ctime()`, `asctime()`, `strftime(fmt)`) read the
virtual wall clock, in UTC so that traces match on every machine.

The simulator's own code (the runner's wall-clock cap, progress reports) keeps the
real clock: a caller in the `simulator` package, outside its scenarios, is answered
from the saved real functions. Nothing here ever really sleeps.
"""

from __future__ import annotations

import os
import sys
import time
from asyncio import events
from collections.abc import Callable
from typing import Any

from simulator.loop.session import LoopSession
from simulator.loop.virtual_loop import VirtualLoop

S = 1_000_000_000
EPOCH_NS = 1_704_067_200 * S  # time.time() at virtual 0: 2024-01-01 00:00:00 UTC
_PATCHED = ("monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns", "time", "time_ns", "sleep",
            "localtime", "gmtime", "ctime", "asctime", "strftime")
_SIMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__))) + os.sep
_SCENARIOS_DIR = _SIMULATOR_DIR + "scenarios" + os.sep
_is_simulator_file: dict[str, bool] = {}


# Whether the calling thread is the one the trace follows (the runner's ctx.in_simulation).
# Real threads outside the simulation (multiprocessing's helper threads) keep real time:
# a frozen clock would make their `wait(timeout=0)` loops spin forever.
_in_simulation: list[Callable[[], bool]] = [lambda: True]


def set_in_simulation(check: Callable[[], bool] | None) -> None:
    """Tell the clock how to recognise the simulated thread (None: every thread is)."""
    _in_simulation[0] = check if check is not None else (lambda: True)


def _simulator_caller() -> bool:
    """Whether the patched clock function should answer with real time: the simulator's own
    code calls it, or a real thread outside the simulation does."""
    if not _in_simulation[0]():
        return True
    filename = sys._getframe(2).f_code.co_filename
    known = _is_simulator_file.get(filename)
    if known is None:
        real = os.path.realpath(filename)
        known = _is_simulator_file[filename] = real.startswith(_SIMULATOR_DIR) and not real.startswith(_SCENARIOS_DIR)
    return known


def sleep_ns(secs: Any) -> int:
    """`secs` as whole nanoseconds, refused the way `time.sleep` refuses it."""
    if not isinstance(secs, int | float):
        try:
            secs = float(secs)
        except (TypeError, ValueError):
            raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer") from None
    if secs != secs:
        raise ValueError("Invalid value NaN (not a number)")
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    return round(secs * S)


def install_clock(session: LoopSession) -> Callable[[], None]:
    """Point the `time` module at the virtual clock; return the function that restores it."""
    saved = {name: getattr(time, name) for name in _PATCHED}
    builder = session.builder
    outer_sleep = saved["sleep"]
    real_sleep_patched = getattr(outer_sleep, "__module__", None) != "time"  # another engine's sleep

    real = dict(saved)

    def monotonic() -> float:
        return real["monotonic"]() if _simulator_caller() else builder.now / S

    def monotonic_ns() -> int:
        return real["monotonic_ns"]() if _simulator_caller() else builder.now

    def perf_counter() -> float:
        return real["perf_counter"]() if _simulator_caller() else builder.now / S

    def perf_counter_ns() -> int:
        return real["perf_counter_ns"]() if _simulator_caller() else builder.now

    def wall() -> float:
        return real["time"]() if _simulator_caller() else (EPOCH_NS + builder.now) / S

    def wall_ns() -> int:
        return real["time_ns"]() if _simulator_caller() else EPOCH_NS + builder.now

    def now_s(secs: float | None) -> float:
        return (EPOCH_NS + builder.now) // S if secs is None else secs

    def localtime(secs: float | None = None) -> time.struct_time:
        return real["gmtime"](now_s(secs))

    def gmtime(secs: float | None = None) -> time.struct_time:
        return real["gmtime"](now_s(secs))

    def ctime(secs: float | None = None) -> str:
        return real["asctime"](real["gmtime"](now_s(secs)))

    def asctime(t: Any = None) -> str:
        return real["asctime"](real["gmtime"](now_s(None)) if t is None else t)

    def strftime(fmt: str, t: Any = None) -> str:
        return real["strftime"](fmt, real["gmtime"](now_s(None)) if t is None else t)

    def sleep(secs: float) -> None:
        ns = sleep_ns(secs)
        loop = events._get_running_loop()
        if isinstance(loop, VirtualLoop) or session.off_loop_depth:
            actor = loop._running_actor if isinstance(loop, VirtualLoop) else session.loop_actor()
            session.block(actor, ns, f"time.sleep({secs!r})", cpu=False)
        elif _simulator_caller():
            real["sleep"](secs)
        elif real_sleep_patched:
            outer_sleep(secs)  # e.g. the threads engine's sleep, on a simulated thread
        else:
            session.advance_to(builder.now + ns, f"time.sleep({secs!r})")

    replacements = {
        "monotonic": monotonic, "monotonic_ns": monotonic_ns, "perf_counter": perf_counter,
        "perf_counter_ns": perf_counter_ns, "time": wall, "time_ns": wall_ns, "sleep": sleep,
        "localtime": localtime, "gmtime": gmtime, "ctime": ctime, "asctime": asctime, "strftime": strftime,
    }
    for name, fn in replacements.items():
        setattr(time, name, fn)

    def restore() -> None:
        for name, fn in saved.items():
            setattr(time, name, fn)

    return restore
