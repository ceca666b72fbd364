"""The timeline and compare views inside the real main window: tabs, shared playhead, export."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from simulator.costs import REALISTIC
from simulator.threads import replay
from simulator.trace import TraceBuilder
from simulator.workload_gen import WorkloadParams, generate
from ui.timeline.side_view import attach_side_views, playhead_ns


def threads_trace():
    builder = TraceBuilder()
    replay(generate(WorkloadParams(tasks=4, io_count=3)), REALISTIC.with_overrides(cpus=2), builder)
    return builder.build()


def test_the_timeline_is_a_side_tab_that_follows_the_player(side_window, qtbot, tmp_path: Path) -> None:
    win, views = side_window
    titles = [win.side_tabs.tabText(i) for i in range(win.side_tabs.count())]
    assert "Thread timeline" in titles and "Compare models" in titles
    trace = threads_trace()
    with qtbot.waitSignal(views.loader.loaded, timeout=10_000):
        win.load_trace(trace)
    pane = views.timeline
    assert pane.index() is not None and len(pane.index().lanes) == 4 + 2  # 4 threads, 2 CPUs
    win.player.seek(len(trace) // 2)
    assert pane.playhead_ns() == playhead_ns(trace, len(trace) // 2, 0.0) == trace.t[len(trace) // 2]
    out = tmp_path / "t.json"
    assert views.export(out)
    doc = json.loads(out.read_text())
    assert any(e["ph"] == "X" for e in doc["traceEvents"])
    assert views.export_action.isEnabled()
    win.apply_theme("dark")
    assert pane.theme().name == "dark"


def test_a_program_without_threads_says_so(side_window, qtbot) -> None:
    win, views = side_window
    builder = TraceBuilder()
    trace = builder.build()
    with qtbot.waitSignal(views.loader.loaded, timeout=10_000) as sig:
        win.load_trace(trace)
    assert sig.args[0] is None
    assert views.timeline.index() is None and not views.export_action.isEnabled()


def test_the_twin_is_built_only_once_the_timeline_is_looked_at(qtbot, tmp_path: Path) -> None:
    # replaying a big program as threads in the background would slow the panes on screen
    from ui.main_window import MainWindow
    from ui.settings import Preferences

    win = MainWindow(Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    views = attach_side_views(win)
    win.show()
    win.side_tabs.setCurrentWidget(views.compare)  # the timeline is beside the loop by default: look away
    try:
        built: list[object] = []
        views.loader.loaded.connect(built.append)
        win.load_trace(threads_trace())
        qtbot.wait(200)
        assert built == [] and views.timeline.index() is None
        out = tmp_path / "t.json"
        assert views.export(out)  # exporting before looking builds it on demand
        assert json.loads(out.read_text())["traceEvents"]
        win.side_tabs.setCurrentWidget(views.timeline)
        assert views.timeline.index() is not None and len(built) == 1  # built once, not again
    finally:
        views.shutdown()
