"""What stays outside the simulated threads: the real world's machinery, and threads we give up on.

Owns two decisions of the threads engine. `creation_line` says whether a lock,
condition or thread being created now belongs in the simulation: the program's
own objects do (and everything the standard library builds for them, such as a
`queue.Queue`'s conditions), but objects a module creates at import time outlive
the run and must stay real, and so must the threads and locks of
`multiprocessing` and `concurrent.futures.process`, whose helper threads block in
pipes and semaphores, where a simulated thread would hold the CPU forever.
`abandon` lets the interpreter exit without waiting for a thread stuck in a real
blocking call. Never simulates anything itself.
"""

from __future__ import annotations

import os
import threading
import types
from collections.abc import Callable

REAL = -2  # creation_line's answer for an object that must stay real

_STDLIB = os.path.dirname(threading.__file__) + os.sep
# the standard library's process machinery: its helper threads block in real pipes and semaphores
OUTSIDE_PREFIXES = (
    os.path.join(_STDLIB, "multiprocessing") + os.sep,
    os.path.join(_STDLIB, "concurrent", "futures", "process.py"),
)


def creation_line(frame: types.FrameType | None, is_user_code: Callable[[types.CodeType], bool]) -> int:
    """The program's line creating an object (the innermost user frame), or REAL if it must stay real.

    Walks out from `frame`: a user frame first means a simulated object; a module's
    top level (import time) or the process machinery first means a real one, and so
    does a stack with no user frame at all (an engine, the runner).
    """
    while frame is not None:
        code = frame.f_code
        if is_user_code(code):
            return frame.f_lineno if frame.f_lineno is not None else -1
        if code.co_name == "<module>" or code.co_filename.startswith(OUTSIDE_PREFIXES):
            return REAL
        frame = frame.f_back
    return REAL


def abandon(thread: threading.Thread) -> None:
    """Let the interpreter's exit skip `thread` (stuck in a real blocking call), as it skips daemon threads."""
    lock = getattr(thread, "_tstate_lock", None)
    shutdown_locks = getattr(threading, "_shutdown_locks", None)
    guard = getattr(threading, "_shutdown_locks_lock", None)
    if lock is not None and shutdown_locks is not None and guard is not None:
        with guard:
            shutdown_locks.discard(lock)
    thread._daemonic = True  # type: ignore[attr-defined]
