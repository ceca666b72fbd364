"""Issue 15, cases 10 and 11: a cancelled trace leaves no process behind; screenshot and export leave no files.

Cancel in the window ends the traced program's whole process group (a `subprocess`, a
fork+exec child and a `multiprocessing` child included: bench figure
`orphans_after_cancel`); `coroscope screenshot` and `coroscope export` keep their
throw-away settings in memory, so the temporary folder is as empty afterwards as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.bench_orphans import orphans_after
from ui.scratch_settings import scratch_preferences

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(120)
def test_cancelling_a_trace_ends_every_process_the_program_started(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    left, pids = orphans_after(tmp_path)
    assert len(pids) == 3 and left == 0


@pytest.mark.timeout(300)
@pytest.mark.parametrize("command", ["screenshot", "export"])
def test_headless_commands_leave_nothing_in_the_temporary_folder(command: str, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(scratch))
    done = subprocess.run([sys.executable, "-m", "ui", command, "--scenario", "say-after", "--out", str(out)],
                          capture_output=True, text=True, timeout=240, cwd=ROOT, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert out.exists()
    assert list(scratch.iterdir()) == []


def test_scratch_preferences_keep_values_in_memory_and_apart(qapp) -> None:  # type: ignore[no-untyped-def]
    first, second = scratch_preferences(), scratch_preferences()
    first.theme = "dark"
    first.settings.sync()
    assert first.theme == "dark" and second.theme == "system"  # one export's choices never reach another's


@pytest.mark.timeout(120)
def test_a_program_that_defeats_the_in_process_watchdog_is_ended_by_the_window(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    import time

    from ui.tracing import WATCHDOG_GRACE_S, TraceJob, TraceRequest

    program = tmp_path / "prog.py"
    program.write_text(
        "import signal, socket\n"
        "signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "a, b = socket.socketpair()\n"
        "a.recv(1)\n"
    )
    job = TraceJob(TraceRequest(program, extra=("--max-seconds", "1")))
    failures: list[str] = []
    job.failed.connect(failures.append)
    start = time.monotonic()
    job.start()
    while job.running and time.monotonic() - start < 60:
        qapp.processEvents()
        time.sleep(0.05)
    assert not job.running
    assert time.monotonic() - start < 1 + WATCHDOG_GRACE_S + 15
    assert failures and "was stopped" in failures[0]
