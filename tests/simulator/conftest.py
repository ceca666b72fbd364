"""Fixtures for core tests: run a program under real CPython and under the tracer, and compare.

Nothing here imports Qt: this folder must pass with PySide6 absent.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.runner import Limits, run_program
from simulator.trace import Trace

PROGRAMS = Path(__file__).parent / "programs"


@dataclass
class Outcome:
    stdout: str
    stderr: str
    code: int
    trace: Trace | None = None


def run_cpython(path: Path, *args: str) -> Outcome:
    """The program under plain CPython, in a child process, with stdin closed."""
    proc = subprocess.run(
        [sys.executable, str(path), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=20,
        cwd=path.parent,
    )
    return Outcome(proc.stdout, proc.stderr, proc.returncode)


def run_traced(path: Path, *args: str, limits: Limits | None = None) -> Outcome:
    """The program under the tracer, in this process (output recorded, not echoed)."""
    result = run_program(path, list(args), limits=limits, echo=False)
    return Outcome(result.trace.stdout_text(), result.trace.stderr_text(), result.exit_code, result.trace)


@pytest.fixture
def write_program(tmp_path: Path):
    """Write a program (dedented) to a file and return its path."""

    def write(source: str, name: str = "prog.py") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return path

    return write
