"""Benchmarks of editing and lessons (issue 13): re-running an edit, and opening a lesson file.

- rerun_ms: the seed program in the window (1920x1080, offscreen), one line edited in
  the editor, Ctrl+R pressed, until the new trace is on screen with the playhead put
  back and the code pane painted. The trace runs in the usual child process. Median of 5.
- lesson_open_ms: a `.coroscope` lesson of the seed (bookmarks, annotations, view
  settings) opened with the window's File ▸ Open Lesson path, until its program is
  traced and painted. Median of 5.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import Figure

RUNS = 5


def _window():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ui.app import build_window
    from ui.settings import Preferences

    folder = tempfile.mkdtemp(prefix="coroscope-bench-")
    window = build_window("en", "light", Preferences(QSettings(f"{folder}/s.ini", QSettings.Format.IniFormat)))
    window.resize(1920, 1080)
    window.show()
    window.activateWindow()
    from PySide6.QtWidgets import QMessageBox

    from ui.lesson_tools import lesson_tools

    lesson_tools(window).ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # closing asks nobody here
    return window


def _run_until(signal, timeout_s: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Wait in an event loop, as the window does (no busy polling to steal the child process's CPU)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    signal.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    loop.exec()
    signal.disconnect(loop.quit)
    if not timer.isActive():
        raise RuntimeError("the run did not reach the screen in time")
    timer.stop()


def rerun_ms() -> Figure:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from simulator.scenarios import DEFAULT_SCENARIO
    from ui.lesson_tools import lesson_tools

    window = _window()
    session = lesson_tools(window).session
    window.open_scenario(DEFAULT_SCENARIO)
    _run_until(window.traceLoaded)
    times: list[float] = []
    for n in range(RUNS):
        window.player.seek(40)
        session.set_editing(True)
        session.editor.replace_text(session.editor.text().replace("n < 5", f"n < {5 + (n % 2)}"))
        start = time.perf_counter()
        QTest.keyClick(session.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        _run_until(session.runFinished)
        window.repaint()  # synchronous: the new run is painted when this returns
        times.append((time.perf_counter() - start) * 1000)
    window.close()
    return Figure(round(statistics.median(times), 1), "ms", 800.0, higher_is_better=False)


def lesson_open_ms() -> Figure:
    from simulator.lesson_file import Annotation, Bookmark, Lesson, ViewSettings, save_lesson
    from simulator.scenarios import DEFAULT_SCENARIO, get_scenario
    from ui.lesson_tools import lesson_tools

    folder = Path(tempfile.mkdtemp(prefix="coroscope-bench-lesson-"))
    path = folder / "seed.coroscope"
    save_lesson(
        Lesson(
            program_name="producer_consumer.py",
            source=get_scenario(DEFAULT_SCENARIO).path.read_text(encoding="utf-8"),
            title="Producer and consumer",
            bookmarks=tuple(Bookmark(f"mark {i}", 1 + 3 * i) for i in range(20)),
            annotations=tuple(Annotation(1 + 5 * i, "code", f"note {i}") for i in range(20)),
            view=ViewSettings(theme="light", language="en", text_scale=1.0),
        ),
        path,
    )
    window = _window()
    session = lesson_tools(window).session
    times: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        if not window.open_program(path):
            raise RuntimeError(window.banner.label.text())
        _run_until(session.runFinished)
        window.repaint()  # synchronous: the lesson's run is painted when this returns
        times.append((time.perf_counter() - start) * 1000)
    window.close()
    return Figure(round(statistics.median(times), 1), "ms", 500.0, higher_is_better=False)


METRICS = {"rerun_ms": rerun_ms, "lesson_open_ms": lesson_open_ms}
