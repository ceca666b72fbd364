"""Limits always stop a program: deadlocks say only what the user needs, a run stuck in a C call ends on time.

Each program runs through the command line in its own process, as a user runs it,
so a run that hung would be killed by the test's timeout instead of hanging pytest.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from simulator.kinds import EventKind
from simulator.state import snapshot_at
from simulator.trace import Trace
from simulator.trace_io import load_json

WALL_S = 1.0
GRACE_S = 6.0  # the watchdog's margin after the cap, interpreter start-up and a loaded machine


def run_cli(tmp_path: Path, source: str, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str],
                                                                                   float, Trace]:
    (tmp_path / "prog.py").write_text(textwrap.dedent(source))
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "run", "prog.py", "--trace", "out.json", *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout, cwd=tmp_path,
    )
    return proc, time.monotonic() - start, load_json(tmp_path / "out.json")


@pytest.mark.timeout(60)
def test_a_deadlock_in_a_thread_prints_only_the_coroscope_message(tmp_path):
    proc, _, trace = run_cli(tmp_path, """
        import threading
        t = threading.Thread(target=threading.Event().wait)
        t.start()
    """)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == ("coroscope: deadlock: no thread can run. MainThread waits for Thread-1 (wait) to finish; "
                           "Thread-1 (wait) waits for Event-1 (line 3)\n")
    [i] = trace.indices_of(EventKind.DEADLOCK)
    assert [c["thread"] for c in trace.data[i]["cycle"]] == ["MainThread", "Thread-1 (wait)"]
    assert trace.outcome.limit == "deadlock"


@pytest.mark.timeout(60)
def test_a_lock_order_deadlock_in_threads_prints_the_cycle_once_with_lines(tmp_path):
    proc, _, _ = run_cli(tmp_path, """
        import threading, time
        a, b = threading.Lock(), threading.Lock()
        def one():
            with a:
                time.sleep(0.01)
                with b:
                    pass
        def two():
            with b:
                time.sleep(0.01)
                with a:
                    pass
        threads = [threading.Thread(target=one, name="first"), threading.Thread(target=two, name="second")]
        for t in threads:
            t.start()
    """)
    assert proc.returncode == 1
    # the cycle starts at the thread that found it; the locks are numbered from the program's first
    # (the standard library's own, made at import time, stay real and unnamed)
    assert proc.stderr == (
        "coroscope: deadlock: no thread can run. second holds Lock-2 (line 3) and waits for Lock-1 (line 3) "
        "(held by first) at line 12; first holds Lock-1 (line 3) and waits for Lock-2 (line 3) (held by second) "
        "at line 7 (stopped at line 12)\n")


BLOCKED_FOREVER = {
    "a raw lock taken twice": """
        import _thread
        lock = _thread.allocate_lock()
        lock.acquire()
        print('first', flush=True)
        lock.acquire()
    """,
    "select on a pipe nobody writes": """
        import os, select
        r, w = os.pipe()
        print('first', flush=True)
        select.select([r], [], [])
    """,
    "a thread in select, joined": """
        import os, select, threading
        r, w = os.pipe()
        def wait():
            select.select([r], [], [])
        t = threading.Thread(target=wait)
        t.start()
        print('first', flush=True)
        t.join()
    """,
    "a daemon thread in select, waited for with an event": """
        import os, select, threading
        r, w = os.pipe()
        done = threading.Event()
        def wait():
            select.select([r], [], [])
            done.set()
        threading.Thread(target=wait, daemon=True).start()
        print('first', flush=True)
        done.wait()
    """,
    "cleanup that blocks again after the stop": """
        import _thread
        class Stuck:
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                lock = _thread.allocate_lock()
                lock.acquire()
                lock.acquire()
        print('first', flush=True)
        with Stuck():
            lock = _thread.allocate_lock()
            lock.acquire()
            lock.acquire()
    """,
    "a program that swallows the stop and blocks again": """
        import _thread
        print('first', flush=True)
        while True:
            try:
                lock = _thread.allocate_lock()
                lock.acquire()
                lock.acquire()
            except BaseException:
                pass
    """,
}


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", BLOCKED_FOREVER)
def test_a_program_blocked_forever_in_a_c_call_stops_at_the_time_cap_with_a_playable_trace(tmp_path, case):
    proc, took, trace = run_cli(tmp_path, BLOCKED_FOREVER[case], "--max-seconds", str(WALL_S))
    assert took < WALL_S + GRACE_S
    assert proc.returncode == 1
    assert proc.stdout == "first\n"
    assert proc.stderr.startswith("coroscope: time limit reached: the program ran for more than 1 s of real time")
    assert proc.stderr.count("coroscope:") == 1
    assert trace.outcome.status == "limit" and trace.outcome.limit == "time"
    last = snapshot_at(trace, len(trace) - 1)  # the trace so far plays to its end
    assert trace.console[: last.console_end] == "first\n"
