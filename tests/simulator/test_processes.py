"""Programs that start processes or thread pools finish with CPython's output, never hang, never show our internals.

Each program runs through the command line in its own process (as a user runs it:
forking pytest itself would copy the test run), with a wall cap so that a
regression stops instead of hanging; the run's child processes end with it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from simulator.kinds import EventKind
from simulator.runner import Limits, run_program
from simulator.trace import Trace
from simulator.trace_io import load_json

CHILD_NOTE = "a child process started"


def cli(tmp_path: Path, source: str, wall_s: float = 10) -> tuple[subprocess.CompletedProcess[str], Trace]:
    (tmp_path / "prog.py").write_text(textwrap.dedent(source))
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "run", "prog.py", "--trace", "out.json", "--max-seconds", str(wall_s)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60, cwd=tmp_path,
    )
    return proc, load_json(tmp_path / "out.json")


def cpython(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "prog.py"], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=60, cwd=tmp_path)


def notes(trace: Trace) -> list[str]:
    return [trace.event(i).text or "" for i in trace.indices_of(EventKind.NOTE)]


def same_as_cpython(tmp_path: Path, source: str, wall_s: float = 10) -> Trace:
    got, trace = cli(tmp_path, source, wall_s)
    want = cpython(tmp_path)
    assert (got.stdout, got.stderr, got.returncode) == (want.stdout, want.stderr, want.returncode)
    return trace


@pytest.mark.timeout(60)
def test_subprocess_run_prints_what_cpython_prints_and_the_trace_says_the_child_is_not_traced(tmp_path):
    trace = same_as_cpython(tmp_path, """
        import subprocess, sys
        done = subprocess.run([sys.executable, '-c', 'print(1)'])
        print('child exited with', done.returncode)
        out = subprocess.run([sys.executable, '-c', 'print(2)'], capture_output=True, text=True).stdout
        print('child said', out.strip())
    """)
    assert trace.stdout_text() == "child exited with 0\nchild said 2\n"  # the child's own '1' went to the terminal
    assert [n.startswith(CHILD_NOTE) and "not recorded" in n for n in notes(trace)] == [True, True]


@pytest.mark.timeout(60)
def test_a_thread_pool_executor_runs_the_function_on_simulated_threads(tmp_path):
    trace = same_as_cpython(tmp_path, """
        import concurrent.futures
        def square(x):
            return x * x
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            print(list(pool.map(square, [1, 2, 3])))
            futures = [pool.submit(square, n) for n in range(4)]
            print(sorted(f.result() for f in concurrent.futures.as_completed(futures)))
    """)
    threads = {a.name for a in trace.actors if a.kind.name == "THREAD"}
    assert any(name.startswith("ThreadPoolExecutor") for name in threads)
    assert trace.indices_of(EventKind.CONTEXT_SWITCH)


@pytest.mark.timeout(60)
def test_fork_children_run_plain_threading_with_the_locks_the_parent_made(tmp_path):
    # logging's at-fork hook reinitialises the handler lock the program created (a simulated RLock);
    # the child uses the parent's simulated lock, event and condition, and starts a thread of its own
    trace = same_as_cpython(tmp_path, """
        import logging, os, threading, warnings
        warnings.simplefilter('ignore', DeprecationWarning)  # CPython's "multi-threaded fork" warning names a pid
        logging.basicConfig()
        lock, done, cond = threading.RLock(), threading.Event(), threading.Condition()
        worker = threading.Thread(target=done.wait)
        worker.start()
        pid = os.fork()
        if pid == 0:
            with lock, cond:
                cond.notify_all()
            t = threading.Thread(target=print, args=('child thread',))
            t.start()
            t.join()
            done.set()
            print('child event', done.is_set(), flush=True)
            os._exit(0)
        os.waitpid(pid, 0)
        done.set()
        worker.join()
        print('parent done')
    """)
    assert trace.stdout_text() == "parent done\n"
    assert any(n.startswith(CHILD_NOTE) and "fork" in n for n in notes(trace))


POOL_PROGRAMS = {
    "multiprocessing.Pool": """
        import multiprocessing
        def square(x):
            return x * x
        if __name__ == '__main__':
            with multiprocessing.Pool(2) as pool:
                print(pool.map(square, [1, 2, 3]))
    """,
    "ProcessPoolExecutor": """
        import concurrent.futures
        def square(x):
            return x * x
        if __name__ == '__main__':
            with concurrent.futures.ProcessPoolExecutor(2) as pool:
                print(list(pool.map(square, [1, 2, 3])))
                futures = [pool.submit(square, n) for n in range(4)]
                print(sorted(f.result() for f in concurrent.futures.as_completed(futures)))
    """,
    "multiprocessing.pool.ThreadPool": """
        from multiprocessing.pool import ThreadPool
        def square(x):
            return x * x
        with ThreadPool(2) as pool:
            print(pool.map(square, [1, 2, 3]))
    """,
}


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", POOL_PROGRAMS)
def test_a_pool_never_hangs_and_finishes_like_cpython_or_stops_cleanly_at_the_cap(tmp_path, kind):
    # Finishing is what happens nearly always: multiprocessing's helper threads run outside the
    # simulation on the real clock (simulator/loop/clock.py). On a loaded machine a race between
    # those threads and the scheduler can still leave the pool waiting; the time cap then stops
    # it cleanly (docs/threads-engine.md, "What stays real"). Either way it never hangs.
    got, trace = cli(tmp_path, POOL_PROGRAMS[kind], wall_s=5)
    if trace.outcome.limit:
        assert trace.outcome.limit == "time"
        assert got.stderr.startswith("coroscope: time limit reached") and got.stderr.count("\n") == 1
        return
    want = cpython(tmp_path)
    assert (got.stdout, got.stderr, got.returncode) == (want.stdout, want.stderr, want.returncode)
    assert any(n.startswith(CHILD_NOTE) for n in notes(trace)) == (kind != "multiprocessing.pool.ThreadPool")


@pytest.mark.timeout(60)
def test_locks_a_module_made_during_the_run_keep_working_after_it(tmp_path, monkeypatch):
    # a module imported by the program keeps its simulated objects after the run (the standard
    # library's own at-exit hooks use theirs): they must then behave as the real ones
    (tmp_path / "shared_state.py").write_text(textwrap.dedent("""
        import threading
        LOCK = threading.Lock()
        RLOCK = threading.RLock()
        COND = threading.Condition()
        EVENT = threading.Event()
    """))
    (tmp_path / "prog.py").write_text("import shared_state\nwith shared_state.LOCK:\n    print('inside')\n")
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "shared_state", raising=False)
    result = run_program(tmp_path / "prog.py", limits=Limits(wall_s=30), echo=False)
    assert result.exit_code == 0 and result.trace.stdout_text() == "inside\n"
    shared = sys.modules.pop("shared_state")
    assert shared.LOCK.acquire(timeout=1) and shared.LOCK.locked()
    assert not shared.LOCK.acquire(blocking=False)
    shared.LOCK.release()
    with shared.RLOCK, shared.RLOCK:
        assert shared.RLOCK._is_owned()
    waker = threading.Timer(0.05, shared.EVENT.set)
    waker.start()
    assert shared.EVENT.wait(5)
    waker.join()
    with shared.COND:
        assert not shared.COND.wait(0.01)
        shared.COND.notify_all()
