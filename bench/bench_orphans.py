"""Issue 15's process figure: processes a traced program started that are still running after the window cancels.

`orphans_after_cancel` traces (as the window does, through ui.tracing.TraceJob) a program that
starts a `subprocess`, a fork+exec child and a `multiprocessing` child, then blocks in a real
system call; once all three run, the trace is cancelled, and the figure is how many of the
three are still alive (not counting zombies: dead, only waiting to be reaped) a moment later.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
import time
from pathlib import Path

from bench import Figure

PROGRAM = textwrap.dedent("""
    import multiprocessing, os, subprocess, time

    def sleeper():
        time.sleep(600)

    if __name__ == "__main__":
        pids = [subprocess.Popen(["sleep", "600"]).pid]
        child = os.fork()
        if child == 0:
            os.execvp("sleep", ["sleep", "601"])
        pids.append(child)
        worker = multiprocessing.Process(target=sleeper)
        worker.start()
        pids.append(worker.pid)
        with open("pids.tmp", "w") as f:
            f.write(" ".join(map(str, pids)))
        os.replace("pids.tmp", "pids.txt")
        os.waitpid(child, 0)  # blocks, for real, until the trace is cancelled
""")
CHILDREN = 3


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie has ended: it only waits for its parent to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def orphans_after(program_dir: Path, timeout_s: float = 60.0) -> tuple[int, list[int]]:
    """Trace PROGRAM in `program_dir` as the window does, cancel once its children run: (still alive, their pids)."""
    from PySide6.QtCore import QCoreApplication

    from ui.tracing import TraceJob, TraceRequest

    app = QCoreApplication.instance() or QCoreApplication([])
    program = program_dir / "prog.py"
    program.write_text(PROGRAM)
    pids_file = program_dir / "pids.txt"
    job = TraceJob(TraceRequest(program, extra=("--max-seconds", str(timeout_s))))
    job.start()
    due = time.monotonic() + timeout_s
    while not pids_file.exists() and job.running and time.monotonic() < due:
        app.processEvents()
        time.sleep(0.02)
    pids = [int(p) for p in pids_file.read_text().split()] if pids_file.exists() else []
    job.cancel()
    job.wait(10_000)
    app.processEvents()
    time.sleep(0.5)
    left = [pid for pid in pids if alive(pid)]
    for pid in left:  # leave nothing behind, whatever the figure says
        os.kill(pid, 9)
    if len(pids) != CHILDREN:
        raise RuntimeError(f"the program did not start its {CHILDREN} children (pids: {pids})")
    return len(left), pids


def orphans_after_cancel() -> Figure:
    with tempfile.TemporaryDirectory(prefix="coroscope-bench-") as folder:
        left, _ = orphans_after(Path(folder))
    return Figure(left, "processes", 0, higher_is_better=False, required=0)


METRICS = {"orphans_after_cancel": orphans_after_cancel}
