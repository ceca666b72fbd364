"""Child processes of a traced program: they run for real, the trace says so, a forked child leaves the run.

Owns, for one run (an engine: `install(ctx) -> uninstall`): a NOTE in the trace for
every child process the program starts (fork, `subprocess`, `multiprocessing`
with any start method, `os.posix_spawn`), because their work is not traced; in a
forked child, stopping the tracer and giving the child the process's own
stdout/stderr, so the child runs the program's function as plain CPython would
(its output goes where CPython's would, its work unrecorded); and when a limit
stops the run, ending the child processes it started that are still running, so
a stopped program leaves nothing behind. It never changes what a child does.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from simulator.runner import RunContext

# no pid in the text: a trace must not change from one run of the same program to the next
_NOTE = "a child process started ({how}): it runs for real, outside the trace, and its work is not recorded"
_FORK, _EXEC = "a copy of this program, by fork", "a new program"


class _ChildWatch:
    """The run in progress: notes process starts, remembers their pids, leaves the run in a forked child."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.pids: list[int] = []
        self.owner_pid = os.getpid()
        self.mp_before = _mp_children()

    def started(self, how: str, pid: int | None = None) -> None:
        if pid is not None:
            self.pids.append(pid)
        self.ctx.note(_NOTE.format(how=how))

    def leave_in_child(self) -> None:
        """In a forked child: the child's code is not traced and prints to the process's own streams."""
        self.ctx.tracer.stop()
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__

    def end_children(self) -> None:
        """The run stopped at a limit: end the child processes it started that still run."""
        for pid in self.pids:
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGTERM)
        for proc in _mp_children():
            if proc not in self.mp_before:
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    proc.terminate()


def _mp_children() -> set[Any]:
    """multiprocessing's live children, if the program imported it (never imported here)."""
    mp = sys.modules.get("multiprocessing")
    return set(mp.active_children()) if mp is not None else set()


_WATCH: list[_ChildWatch] = []  # the run in progress in this process, if any


def _after_fork_in_parent() -> None:
    if _WATCH and _WATCH[0].owner_pid == os.getpid():
        _WATCH[0].started(_FORK)


def _after_fork_in_child() -> None:
    if _WATCH:
        _WATCH.pop().leave_in_child()


if hasattr(os, "register_at_fork"):  # once per process: at-fork hooks cannot be removed
    os.register_at_fork(after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)


def _noting(real: Callable[..., Any], how: str) -> Callable[..., Any]:
    """`real` (a function that starts a process and returns its pid), noting each start in the run's trace."""

    def start(*args: Any, **kwargs: Any) -> Any:
        pid = real(*args, **kwargs)
        if _WATCH and isinstance(pid, int):
            _WATCH[0].started(how, pid)
        return pid

    start.__wrapped__ = real  # type: ignore[attr-defined]
    return start


def install(ctx: RunContext) -> Callable[[], None]:
    """Watch this run's child processes; return the undo."""
    import _posixsubprocess  # a C module; subprocess and multiprocessing start children with it

    watch = _ChildWatch(ctx)
    _WATCH[:] = [watch]
    saved: list[tuple[Any, str, Any]] = []
    targets: list[tuple[Any, str, str]] = [
        (_posixsubprocess, "fork_exec", _EXEC),
        (os, "posix_spawn", _EXEC),
        (os, "posix_spawnp", _EXEC),
    ]
    if "subprocess" in sys.modules:  # it keeps its own reference to fork_exec
        targets.append((sys.modules["subprocess"], "_fork_exec", _EXEC))
    for owner, name, how in targets:
        real = getattr(owner, name, None)
        if callable(real):
            saved.append((owner, name, real))
            setattr(owner, name, _noting(real, how))

    def uninstall() -> None:
        _WATCH.clear()
        if ctx.stopped is not None:
            watch.end_children()
        for owner, name, real in reversed(saved):
            setattr(owner, name, real)
        # a `subprocess` first imported during the run bound the noting fork_exec: give it the real one
        subprocess = sys.modules.get("subprocess")
        bound = getattr(subprocess, "_fork_exec", None)
        if bound is not None and hasattr(bound, "__wrapped__"):
            subprocess._fork_exec = bound.__wrapped__  # type: ignore[union-attr]

    return uninstall
