"""Issue 15, cases 7 and 10: `python -m simulator run` keeps its limits from outside the program.

The program runs in a process group of its own under a supervisor: a program that ignores
SIGALRM and then blocks is still ended after its wall-time cap, a run stopped at a limit
leaves none of the processes the program started, and the exit status (a signal included)
is the program's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.bench_orphans import alive


def run(tmp_path: Path, source: str, *options: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    (tmp_path / "prog.py").write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "simulator", "run", "prog.py", *options],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout, cwd=tmp_path,
    )


@pytest.mark.timeout(60)
def test_a_program_that_ignores_sigalrm_and_blocks_is_still_stopped(tmp_path: Path) -> None:
    start = time.monotonic()
    got = run(tmp_path, """
        import signal, socket
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        print("blocking now", flush=True)
        a, b = socket.socketpair()
        a.recv(10)
    """, "--max-seconds", "1")
    took = time.monotonic() - start
    assert got.returncode == 1
    assert got.stdout == "blocking now\n"
    assert "time limit reached" in got.stderr and "could not be stopped from inside" in got.stderr
    assert took < 1 + 8 + 10  # the cap, the supervisor's grace, and a slow machine's start-up


@pytest.mark.timeout(60)
def test_a_step_limit_ends_the_children_the_program_left_running(tmp_path: Path) -> None:
    got = run(tmp_path, """
        import os, subprocess
        pids = [subprocess.Popen(["sleep", "300"]).pid]
        child = os.fork()
        if child == 0:
            os.execvp("sleep", ["sleep", "301"])
        pids.append(child)
        with open("pids.txt", "w") as f:
            f.write(" ".join(map(str, pids)))
        while True:
            pass
    """, "--max-steps", "3000")
    assert got.returncode == 1 and "step limit reached" in got.stderr
    pids = [int(p) for p in (tmp_path / "pids.txt").read_text().split()]
    time.sleep(0.3)
    left = [pid for pid in pids if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


@pytest.mark.timeout(60)
def test_death_by_a_signal_is_passed_on(tmp_path: Path) -> None:
    source = """
        import os, signal
        print("going", flush=True)
        os.kill(os.getpid(), signal.SIGTERM)
    """
    got = run(tmp_path, source)
    want = subprocess.run([sys.executable, "prog.py"], capture_output=True, text=True, cwd=tmp_path, timeout=30)
    assert (got.stdout, got.returncode) == (want.stdout, want.returncode) == ("going\n", -signal.SIGTERM)


@pytest.mark.timeout(60)
def test_ctrl_c_reaches_the_program(tmp_path: Path) -> None:
    # "waiting" is printed inside the try: a Ctrl-C that lands right after it (the test sends one as
    # soon as it reads the line) is then caught, as under CPython, wherever the program has got to
    (tmp_path / "prog.py").write_text(textwrap.dedent("""
        try:
            print("waiting", flush=True)
            while True:
                pass
        except KeyboardInterrupt:
            print("interrupted")
    """))
    # as from a terminal: SIGINT at its default (a test run started in the background inherits it ignored)
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "run", "prog.py", "--max-steps", "0"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    assert proc.stdout.readline() == "waiting\n"
    proc.send_signal(signal.SIGINT)  # what a terminal's Ctrl-C does to the command it runs
    out, err = proc.communicate(timeout=30)
    assert (out, proc.returncode) == ("interrupted\n", 0), err


def test_the_program_does_not_see_the_supervisors_markers(tmp_path: Path) -> None:
    got = run(tmp_path, """
        import os
        print(sorted(k for k in os.environ if k.startswith("COROSCOPE")))
    """)
    # the user's own COROSCOPE_* settings (CI sets COROSCOPE_REQUIRE_XVFB) pass through; the markers do not
    given = sorted(k for k in os.environ if k.startswith("COROSCOPE"))
    assert got.stdout == f"{given}\n"
    assert "COROSCOPE_SUPERVISED" not in got.stdout and "COROSCOPE_LIMIT_FD" not in got.stdout


@pytest.mark.timeout(60)
def test_an_alarm_without_a_handler_ends_the_program_as_under_cpython(tmp_path: Path) -> None:
    source = """
        import signal, time
        print("before", flush=True)
        signal.alarm(1)
        time.sleep(5)
        print("never")
    """
    got = run(tmp_path, source, "--trace", "out.json")
    want = subprocess.run([sys.executable, "prog.py"], capture_output=True, text=True, cwd=tmp_path, timeout=30)
    assert (got.stdout, got.stderr, got.returncode) == (want.stdout, want.stderr, want.returncode)
    assert got.returncode == -signal.SIGALRM
    from simulator.trace_io import load_json

    outcome = load_json(tmp_path / "out.json").outcome
    assert (outcome.status, outcome.limit) == ("limit", "signal") and outcome.message.startswith("Alarm clock")
