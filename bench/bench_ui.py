"""Benchmarks of the step-through window (issue 5): frame time at 1080p, start-up, and key-to-frame latency.

- frame_ms_p95_1080p: the whole window at 1920x1080 offscreen, playing at 4x, once on
  the seed program and once on a 10,000-task fetch; each frame is the panes' models
  rebuilt plus a synchronous repaint of the window (the thread timeline beside the loop
  included, once its twin is built). p95 over both runs.
- startup_s: `python -m ui` from process start until the window is painted with the
  default scenario traced and loaded (the app reports and quits). Median of 3.
- step_latency_ms_p95: a → key press until the window paints its next frame (a pane or the
  scrubber's playhead: the step starts gliding at once; it lands 150-400 ms later at 1x).
- frame_ms_p95_1080p_2x: frame_ms_p95_1080p with every text at 2x (issue 10's layout).
- relayout_ms_p95: a resize (1920x1080, 1366x768, 1024x768 in turn: the screens frame_ms_p95_1080p
  stands for; 4K is the fit check's) or a text size change (1x to 3x) until the window has painted
  its next frame, its layout settled (the loop tabbed or not, the caption moved, heights fitted).
  Seed and fetch, 40 changes each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import Figure

ROOT = Path(__file__).resolve().parent.parent
FETCH_TASKS = 10_000
FETCH_PROGRAM = f'''
import asyncio
from simulator.io import request

async def fetch(n):
    return await request("network", 1 + n % 7)

async def main():
    await asyncio.gather(*(fetch(n) for n in range({FETCH_TASKS})))

asyncio.run(main())
'''


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _window(size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ui.app import build_window
    from ui.settings import Preferences

    folder = tempfile.mkdtemp(prefix="coroscope-bench-")
    window = build_window("en", "light", Preferences(QSettings(f"{folder}/s.ini", QSettings.Format.IniFormat)))
    window.resize(*size)
    window.show()
    window.activateWindow()  # shortcuts go to the active window
    return window


def _trace(program: Path):  # type: ignore[no-untyped-def]
    from ui.tracing import TraceRequest, trace_synchronously

    return trace_synchronously(TraceRequest(program, max_steps=2_000_000))


def frame_ms_p95_1080p(text_scale: float = 1.0) -> Figure:
    from PySide6.QtWidgets import QApplication

    from simulator.scenarios import DEFAULT_SCENARIO, get_scenario
    from ui.fitcheck import wait_for_side_views

    window = _window((1920, 1080))
    window.set_text_scale(text_scale)
    frames: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        fetch = Path(folder) / "fetch_many.py"
        fetch.write_text(FETCH_PROGRAM)
        for program in (get_scenario(DEFAULT_SCENARIO).path, fetch):
            trace = _trace(program)
            window.load_trace(trace, program, program.read_text(), program.name)
            wait_for_side_views(window)  # steady state: the thread timeline beside the loop has its twin
            QApplication.processEvents()
            player = window.player
            player.set_speed(4.0)
            player.seek(len(trace) // 3)  # the thick of it, with tasks in flight
            for _ in range(240):  # four seconds of playing at 60 Hz
                start = time.perf_counter()
                player.advance(1 / 60)  # positionChanged rebuilds every pane's model
                window.repaint()
                frames.append((time.perf_counter() - start) * 1000)
    window.close()
    return Figure(round(_p95(frames), 2), "ms", 8.0, higher_is_better=False, required=16.0)


def startup_s() -> Figure:
    runs = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=home, HOME=home)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "ui", "--exit-after-first-frame"], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=60, check=False)
            took = time.perf_counter() - start
        if "first-frame" not in done.stdout:
            raise RuntimeError(f"the app did not report its first frame: {done.stderr[-500:]}")
        runs.append(took)
    return Figure(round(statistics.median(runs), 3), "s", 0.8, higher_is_better=False, required=1.5)


def step_latency_ms_p95() -> Figure:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from simulator.scenarios import DEFAULT_SCENARIO, get_scenario

    window = _window((1920, 1080))
    program = get_scenario(DEFAULT_SCENARIO).path
    window.load_trace(_trace(program), program, program.read_text(), program.name)
    QApplication.processEvents()
    latencies: list[float] = []

    def painted() -> int:
        return sum(pane.paint_count for pane in window.panes) + window.transport.scrubber.paint_count

    for n in range(80):
        if n % 40 == 0:
            window.player.go_to_start()
            QApplication.processEvents()
        before = painted()
        start = time.perf_counter()
        QTest.keyClick(window.code_view, Qt.Key.Key_Right)
        deadline = start + 1.0
        while painted() == before and time.perf_counter() < deadline:
            QApplication.processEvents()
        latencies.append((time.perf_counter() - start) * 1000)
        window.player.finish_motion()
        QApplication.processEvents()
    window.close()
    return Figure(round(_p95(latencies), 2), "ms", 50.0, higher_is_better=False)


def frame_ms_p95_1080p_2x() -> Figure:
    return frame_ms_p95_1080p(2.0)


def relayout_ms_p95() -> Figure:
    from PySide6.QtWidgets import QApplication

    from simulator.scenarios import get_scenario
    from ui.fitcheck import wait_for_side_views

    window = _window((1920, 1080))
    changes: list[float] = []

    def painted() -> int:
        return sum(pane.paint_count for pane in window.panes)

    sizes = ((1366, 768), (1024, 768), (1920, 1080))
    scales = (2.0, 3.0, 1.5, 1.0)
    for name in ("producer-consumer", "fetch-hosts"):
        program = get_scenario(name).path
        trace = _trace(program)
        window.load_trace(trace, program, program.read_text(), name)
        wait_for_side_views(window)
        window.player.seek(len(trace) // 3)
        QApplication.processEvents()
        for n in range(40):
            before = painted()
            start = time.perf_counter()
            if n % 2:
                window.set_text_scale(scales[(n // 2) % len(scales)])
            else:
                window.resize(*sizes[(n // 2) % len(sizes)])
            deadline = start + 2.0
            while painted() == before and time.perf_counter() < deadline:
                QApplication.processEvents()
            QApplication.processEvents()  # the layout's own follow-up (fitted heights, moved panes), painted
            changes.append((time.perf_counter() - start) * 1000)
    window.close()
    return Figure(round(_p95(changes), 2), "ms", 50.0, higher_is_better=False)


METRICS = {
    "frame_ms_p95_1080p": frame_ms_p95_1080p,
    "frame_ms_p95_1080p_2x": frame_ms_p95_1080p_2x,
    "relayout_ms_p95": relayout_ms_p95,
    "startup_s": startup_s,
    "step_latency_ms_p95": step_latency_ms_p95,
}
