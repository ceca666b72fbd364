"""Keeping a run's limits from outside the program: the traced program runs in a process group of its own.

Owns the supervisor of `python -m simulator run`: it starts the real run (the same command
line, marked supervised) as a child process leading a new session, so the program and
every process it starts share one process group that nothing else is in. The child
inherits the streams, so its output passes untouched; Ctrl-C and termination sent to the
supervisor go to the whole group, as a terminal would send them; the exit status is the
child's (the supervisor dies by the child's signal if it died by one).

Whatever the program does with signals (ignores SIGALRM, blocks it, stops itself), the
supervisor ends the group when the run outlives its wall-time cap by HARD_GRACE_S. When a
limit stopped the run, it ends what the program started and left running (a subprocess,
a fork+exec child, a multiprocessing child). The window's tracing job (ui/tracing.py)
ends its child's group the same way (`end_group`) on cancel, on a limit and at its watchdog.
A process that leaves the group itself (`setsid`, a daemon) is out of reach, as it is
from a shell.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import types

SUPERVISED_ENV = "COROSCOPE_SUPERVISED"  # set in the supervised child (taken out before the program runs)
LIMIT_FD_ENV = "COROSCOPE_LIMIT_FD"  # the pipe the child reports "stopped at a limit" through
HARD_GRACE_S = 8.0  # beyond the wall-time cap: the in-process watchdog fires at +2 s, then every second
DEFAULT_WALL_S = 60.0  # simulator.runner.Limits.wall_s (not imported: the supervisor stays light)
_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
_LIMIT_WORD = b"limit"


def can_supervise() -> bool:
    """Whether runs can have a process group of their own here (POSIX)."""
    return hasattr(os, "setsid") and hasattr(os, "killpg")


def end_group(pgid: int) -> bool:
    """Kill every process of group `pgid`; whether any was there to kill."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def wall_s_of(argv: list[str]) -> float:
    """The run's wall-time cap from its command line (the child reports a bad value itself)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--max-seconds", type=float, default=DEFAULT_WALL_S)
    try:
        args, _ = parser.parse_known_args(argv[: argv.index("--")] if "--" in argv else argv)
    except SystemExit:
        return DEFAULT_WALL_S
    return max(0.0, args.max_seconds)


def supervise(argv: list[str]) -> int:
    """Run `python -m simulator ARGV` supervised; its exit status."""
    wall = wall_s_of(argv[1:])
    read_end, write_end = os.pipe()
    env = dict(os.environ, **{SUPERVISED_ENV: "1", LIMIT_FD_ENV: str(write_end)})
    started: list[subprocess.Popen[bytes]] = []
    early: list[int] = []  # signals that came before the program's group existed

    def forward(signum: int, frame: types.FrameType | None) -> None:
        if not started:
            early.append(signum)
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(started[0].pid, signum)

    # Forwarding is in place before the program starts: a Ctrl-C right after its first output must
    # reach it, not end the supervisor and leave the program running in a session of its own.
    # A signal the supervisor was started ignoring (`nohup`, a background job) stays ignored.
    saved = {sig: signal.signal(sig, forward) for sig in _FORWARDED if signal.getsignal(sig) != signal.SIG_IGN}
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "simulator", *argv], start_new_session=True, pass_fds=(write_end,), env=env
        )
        started.append(proc)
        os.close(write_end)
        for signum in early:
            forward(signum, None)
        try:
            proc.wait(timeout=wall + HARD_GRACE_S if wall else None)
        except subprocess.TimeoutExpired:
            end_group(proc.pid)
            proc.wait()
            os.close(read_end)
            sys.stderr.write(
                f"coroscope: time limit reached: the program ran for more than {wall:g} s of real time and "
                "could not be stopped from inside; it was ended, with every process it started\n"
            )
            return 1
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    os.set_blocking(read_end, False)
    try:
        stopped = os.read(read_end, len(_LIMIT_WORD)) == _LIMIT_WORD
    except BlockingIOError:  # nothing written; a child of the program still holds the pipe
        stopped = False
    finally:
        os.close(read_end)
    if stopped:
        end_group(proc.pid)
    if proc.returncode < 0:  # died by a signal: so does the supervisor, as CPython's process would
        signal.signal(-proc.returncode, signal.SIG_DFL)
        os.kill(os.getpid(), -proc.returncode)
    return proc.returncode


def take_supervision() -> int | None:
    """In the supervised child: the limit pipe, with the markers taken out of the program's environment."""
    os.environ.pop(SUPERVISED_ENV, None)
    fd = os.environ.pop(LIMIT_FD_ENV, None)
    if fd is None or not fd.isdigit():
        return None
    with contextlib.suppress(OSError):
        os.set_inheritable(int(fd), False)  # a program's fork+exec children do not get it
        return int(fd)
    return None


def report_limit(fd: int | None) -> None:
    """Tell the supervisor the run stopped at a limit (it ends the processes the program left)."""
    if fd is not None:
        with contextlib.suppress(OSError):
            os.write(fd, _LIMIT_WORD)
            os.close(fd)


def supervised() -> bool:
    return os.environ.get(SUPERVISED_ENV) == "1"
