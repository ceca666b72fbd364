"""Tracing a program in a child process, so the window never freezes and a run can be cancelled.

Owns the `python -m simulator trace` command line, the QProcess that runs it (progress
lines in, cancel = kill), loading the finished trace, and a synchronous variant for
the screenshot command. The child writes JSON lines: {"progress": steps} now and then,
and {"done": true, "status": ..., "steps": N} at the end. Never traces in-process.
The child leads a process group of its own (`simulator trace` calls setsid): a cancel,
a run stopped at a limit and the watchdog end that whole group, so the processes the
program started do not outlive it (`simulator.supervise.end_group`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

import simulator
from simulator.supervise import DEFAULT_WALL_S, HARD_GRACE_S, can_supervise, end_group, wall_s_of
from simulator.trace import Trace
from simulator.trace_io import TraceFormatError, load_binary

# the child stops itself at its wall-time cap (60 s unless the request says otherwise); this catches a
# program that defeats that (ignores SIGALRM, then blocks): its group is ended this long after the cap
WATCHDOG_GRACE_S = HARD_GRACE_S
WATCHDOG_S = DEFAULT_WALL_S + WATCHDOG_GRACE_S
_PROJECT_ROOT = str(Path(simulator.__file__).resolve().parent.parent)


@dataclass(frozen=True)
class TraceRequest:
    """What to trace: a program file (with its arguments) under the given caps."""

    program: Path
    args: tuple[str, ...] = ()
    max_steps: int = 1_000_000
    preset: str = "realistic"
    extra: tuple[str, ...] = field(default_factory=tuple)
    # An edited copy is traced from a scratch folder: it runs in, and imports beside, its original's folder.
    workdir: Path | None = None

    @property
    def folder(self) -> Path:
        return self.workdir or self.program.parent


class TraceError(Exception):
    """Tracing failed before any trace existed; the message is for the user."""


def trace_command(request: TraceRequest, out: Path) -> list[str]:
    """The child's command line."""
    return [
        sys.executable,
        "-m",
        "simulator",
        "trace",
        str(request.program),
        "--out",
        str(out),
        "--max-steps",
        str(request.max_steps),
        "--preset",
        request.preset,
        *request.extra,
        "--",
        *request.args,
    ]


def _child_env(request: TraceRequest | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # The child must find `simulator` even from a plain checkout that was never installed.
    beside = str(request.workdir) if request is not None and request.workdir is not None else ""
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, beside, env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("QT_QPA_PLATFORM", None)
    return env


def _finish(out: Path, report: dict[str, object] | None, stderr: str) -> Trace:
    if report is not None and report.get("done") is False:
        raise TraceError(str(report.get("error") or "tracing failed"))
    if not out.exists():
        detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no trace was written"
        raise TraceError(detail)
    try:
        return load_binary(out)
    except (OSError, EOFError, TraceFormatError, ValueError) as exc:
        raise TraceError(f"the trace could not be read: {exc}") from exc


def _last_report(lines: list[str]) -> dict[str, object] | None:
    for line in reversed(lines):
        try:
            doc = json.loads(line)
        except ValueError:
            continue
        if isinstance(doc, dict) and "done" in doc:
            return doc
    return None


def watchdog_s(request: TraceRequest) -> float:
    """How long the child may take before its whole group is ended: its wall-time cap, plus a grace."""
    return (wall_s_of(list(request.extra)) or WATCHDOG_S) + WATCHDOG_GRACE_S


def trace_synchronously(request: TraceRequest, timeout_s: float | None = None) -> Trace:
    """Trace and wait (for the command line, never for the window)."""
    timeout_s = watchdog_s(request) if timeout_s is None else timeout_s
    folder = Path(tempfile.mkdtemp(prefix="coroscope-"))
    out = folder / "trace.bin"
    try:
        with subprocess.Popen(
            trace_command(request, out),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=_child_env(request),
            cwd=str(request.folder),
            start_new_session=can_supervise(),
        ) as child:
            try:
                stdout, stderr = child.communicate(timeout=timeout_s)
            except subprocess.TimeoutExpired as exc:
                end_group(child.pid)
                child.kill()
                child.communicate()
                raise TraceError(f"tracing took longer than {timeout_s:.0f} s") from exc
            report = _last_report(stdout.splitlines())
            if report is not None and report.get("status") == "limit":
                end_group(child.pid)  # what the stopped program started and left running
        return _finish(out, report, stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class TraceJob(QObject):
    """One tracing run in a child process.

    Emits `progress(steps)`, then exactly one of `finished(trace)`, `failed(message)` or `cancelled()`.
    """

    progress = Signal(int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, request: TraceRequest, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self._folder = Path(tempfile.mkdtemp(prefix="coroscope-"))
        self._out = self._folder / "trace.bin"
        self._buffer = b""
        self._lines: list[str] = []
        self._cancelled = False
        self._process = QProcess(self)
        env = QProcessEnvironment()
        for key, value in _child_env(request).items():
            env.insert(key, value)
        self._process.setProcessEnvironment(env)
        self._process.setWorkingDirectory(str(request.folder))
        self._process.readyReadStandardOutput.connect(self._on_output)
        self._process.finished.connect(self._on_finished)
        self._process.errorOccurred.connect(self._on_error)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self._over = False
        self._pid = 0

    def start(self) -> None:
        command = trace_command(self.request, self._out)
        self._process.start(command[0], command[1:])
        self._pid = int(self._process.processId())  # the child's process group too, once it has called setsid
        self._watchdog.start(round(watchdog_s(self.request) * 1000))

    @property
    def running(self) -> bool:
        return not self._over

    def cancel(self) -> None:
        """Stop the child now; `cancelled` follows."""
        if not self._over:
            self._cancelled = True
            self._end_group()
            self._process.kill()

    def _end_group(self) -> None:
        """Kill the child and every process the program started (they share its process group)."""
        # The group's id is the child's pid once it has called setsid (before that, no group has that id and
        # this does nothing); it outlives the child while any process the program started is in it.
        if self._pid > 0 and can_supervise():
            end_group(self._pid)

    def wait(self, ms: int = 5000) -> bool:
        """Block until the child has exited (tests and shutdown only)."""
        return self._over or self._process.waitForFinished(ms)

    def _on_output(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *complete, self._buffer = self._buffer.split(b"\n")
        for raw in complete:
            line = raw.decode("utf-8", "replace")
            self._lines.append(line)
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            if isinstance(doc, dict) and isinstance(doc.get("progress"), int):
                self.progress.emit(doc["progress"])

    def _on_finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        if self._over:
            return
        self._on_output()
        stderr = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        if self._cancelled:
            self._end(None, "")
            return
        report = _last_report(self._lines)
        if report is not None and report.get("status") == "limit":
            self._end_group()  # what the stopped program started and left running
        try:
            trace = _finish(self._out, report, stderr)
        except TraceError as exc:
            self._end(None, str(exc) or f"tracing failed (exit status {exit_code})")
            return
        self._end(trace, "")

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end(None, f"could not start Python: {self._process.errorString()}")

    def _on_watchdog(self) -> None:
        self._end_group()
        self._process.kill()
        self._end(None, f"tracing took longer than {watchdog_s(self.request):.0f} s and was stopped")

    def _end(self, trace: Trace | None, error: str) -> None:
        if self._over:
            return
        self._over = True
        self._watchdog.stop()
        shutil.rmtree(self._folder, ignore_errors=True)
        if trace is not None:
            self.finished.emit(trace)
        elif self._cancelled:
            self.cancelled.emit()
        else:
            self.failed.emit(error)
