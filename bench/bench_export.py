"""Benchmark of screencast export: frames rendered and encoded per second at 1080p, 30 fps.

- export_fps_1080p: the seed program (producer/consumer) exported as an H.264 MP4 at
  1920x1080, 30 fps, 1x, the whole window, from File > Export…'s own path (a hidden copy
  of the window, frames rendered on the GUI thread, encoded in the worker thread), over
  its first 240 frames. Frames divided by the wall time from start to the finished file.
  Goal 30 (real time), required 10. At the steps pace, so that every frame moves (the
  lecture pace's held frames would repaint from the panes' caches and flatter the figure).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import Figure

FRAMES = 240


def export_fps_1080p() -> Figure:
    from PySide6.QtCore import QSettings

    from simulator.scenarios import DEFAULT_SCENARIO, get_scenario
    from ui.app import create_application
    from ui.export.frames import FrameRenderer, export_window_like
    from ui.export.job import ExportJob, run_until_done
    from ui.export.options import ExportOptions, Format
    from ui.export.pace import Pace
    from ui.export.timeline_of_frames import frame_positions
    from ui.main_window import MainWindow
    from ui.settings import Preferences
    from ui.tracing import TraceRequest, trace_synchronously

    create_application()
    program = get_scenario(DEFAULT_SCENARIO).path
    trace = trace_synchronously(TraceRequest(program))
    with tempfile.TemporaryDirectory(prefix="coroscope-bench-") as folder:
        window = MainWindow(Preferences(QSettings(f"{folder}/s.ini", QSettings.Format.IniFormat)))
        window.apply_theme("light")
        window.load_trace(trace, program, program.read_text(encoding="utf-8"), program.name)
        options = ExportOptions(Path(folder) / "seed.mp4", Format.MP4, (1920, 1080), fps=30,
                                pace=Pace.STEPS).checked(len(trace))
        positions = frame_positions(trace, options)[:FRAMES]
        export_window, settings = export_window_like(window)
        job = ExportJob(FrameRenderer(export_window, options, settings), options, positions)
        failures: list[str] = []
        job.failed.connect(failures.append)
        started = time.perf_counter()
        run_until_done(job, timeout_s=600)
        took = time.perf_counter() - started
        window.close()
        if failures or not options.out.exists():
            raise RuntimeError(f"the export failed: {failures}")
    return Figure(round(len(positions) / took, 1), "frames/s", goal=30.0, required=10.0)


METRICS = {"export_fps_1080p": export_fps_1080p}
