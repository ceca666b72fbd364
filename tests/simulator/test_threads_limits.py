"""Limits always stop a program: deadlocks say only what the user needs, a run stuck in a C call ends on time.

Each program runs through the command line in its own process, as a user runs it,
so a run that hung would be killed by the test's timeout instead of hanging pytest.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from simulator.kinds import EventKind
from simulator.trace import Trace
from simulator.trace_io import load_json


def run_cli(tmp_path: Path, source: str, *args: str) -> tuple[subprocess.CompletedProcess[str], Trace]:
    (tmp_path / "prog.py").write_text(textwrap.dedent(source))
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "run", "prog.py", "--trace", "out.json", *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60, cwd=tmp_path,
    )
    return proc, load_json(tmp_path / "out.json")


@pytest.mark.timeout(60)
def test_a_deadlock_in_a_thread_prints_only_the_coroscope_message(tmp_path):
    proc, trace = run_cli(tmp_path, """
        import threading
        t = threading.Thread(target=threading.Event().wait)
        t.start()
    """)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == ("coroscope: deadlock: no thread can run. MainThread waits for Thread-1 (wait) to finish; "
                           "Thread-1 (wait) waits for Condition-1 (line 3)\n")
    [i] = trace.indices_of(EventKind.DEADLOCK)
    assert [c["thread"] for c in trace.data[i]["cycle"]] == ["MainThread", "Thread-1 (wait)"]
    assert trace.outcome.limit == "deadlock"
