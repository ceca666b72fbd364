"""Plugging the thread timeline and the model comparison into the main window.

Owns `attach_side_views(window)`: adds the timeline pane and the compare view as side
tabs (through the window's `add_side_view`), follows the window's player (playhead in
virtual ns, a new trace -> its thread twin from `simulator.twin.thread_twin`, built off
the GUI thread) and theme, and adds File > Export thread timeline (Chrome Trace JSON).
Touches the window only through its public API; never simulates on the GUI thread, and
traces the seed's threaded twin in a child process (a run patches `threading`, which
this process's other threads use).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from simulator.chrome_trace import write_chrome_trace
from simulator.costs import PRESETS, CostModel
from simulator.timeline import Timeline
from simulator.trace import Trace
from ui.compare.compare_view import CompareView
from ui.timeline.pane import TimelinePane
from ui.tracing import TraceRequest, trace_synchronously

translate = QCoreApplication.translate

TWIN_TRACE_TIMEOUT_S = 60


def playhead_ns(trace: Trace, index: int, fraction: float) -> int:
    """Virtual time at a player position (event index plus fraction towards the next event)."""
    if len(trace) == 0:
        return 0
    i = max(0, min(index, len(trace) - 1))
    t = trace.t[i]
    if fraction > 0 and i + 1 < len(trace):
        t += round((trace.t[i + 1] - t) * fraction)
    return int(t)


def trace_in_child(program: Path, costs: CostModel) -> Trace:
    """Trace a program in a child process under the preset named like `costs` (realistic if none is)."""
    return _traced_in_child(program, costs.name if costs.name in PRESETS else "realistic")


@functools.lru_cache(maxsize=4)
def _traced_in_child(program: Path, preset: str) -> Trace:
    # the twin programs are built-in and deterministic: the same request gives the same trace, so trace once
    return trace_synchronously(TraceRequest(program, preset=preset), timeout_s=TWIN_TRACE_TIMEOUT_S)


class _Built(QObject):
    done = Signal(int, object)  # generation, Timeline (or None)


class _BuildJob(QRunnable):
    def __init__(self, generation: int, trace: Trace, out: _Built) -> None:
        super().__init__()
        self.generation, self.trace, self.out = generation, trace, out

    def run(self) -> None:
        from simulator.twin import thread_twin

        try:
            timeline = thread_twin(self.trace, run=trace_in_child)
        except Exception:  # a trace the converter cannot read (or a twin that failed) shows as "no threads"
            timeline = None
        try:
            self.out.done.emit(self.generation, timeline)
        except RuntimeError:  # the window closed while this was building
            pass


class TimelineLoader(QObject):
    """Builds the thread twin of the latest trace in the background."""

    loaded = Signal(object)  # Timeline, or None when the trace has no threads

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._built = _Built()
        self._built.done.connect(self._on_done)
        self._generation = 0

    def load(self, trace: Trace | None) -> None:
        self._generation += 1
        if trace is None:
            self.loaded.emit(None)
            return
        self._pool.start(_BuildJob(self._generation, trace, self._built))

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_done(self, generation: int, timeline: Timeline | None) -> None:
        if generation == self._generation:
            self.loaded.emit(timeline)


class _Window(Protocol):
    """What this module needs of the main window."""

    player: Any
    themeChanged: Any
    languageChanged: Any
    file_menu: Any
    theme: Any

    def add_side_view(self, widget: QWidget, title: Any, short: Any = None) -> int: ...


class SideViews(QObject):
    """The timeline pane and the compare view, wired to one window."""

    def __init__(self, window: _Window) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.timeline = TimelinePane(theme=window.theme)
        self.compare = CompareView(theme=window.theme)
        self.loader = TimelineLoader(self)
        self._trace: Trace | None = None
        self._timeline: Timeline | None = None
        self._stale = False
        self.timeline.installEventFilter(self)
        window.add_side_view(self.timeline, lambda: translate("Timeline", "Thread timeline"),
                             lambda: translate("Timeline", "Timeline"))
        window.add_side_view(self.compare, lambda: translate("Timeline", "Compare models"),
                             lambda: translate("Timeline", "Compare"))
        window.themeChanged.connect(self._theme)
        window.player.traceChanged.connect(self._trace_changed)
        window.player.positionChanged.connect(self._position)
        self.loader.loaded.connect(self._loaded)
        self.export_action = QAction(self)
        self._retranslate()
        window.languageChanged.connect(self._retranslate)
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.choose_export)
        window.file_menu.addAction(self.export_action)
        if window.player.trace is not None:
            self._trace_changed(window.player.trace)

    @Slot()
    def _retranslate(self) -> None:
        self.export_action.setText(translate("Timeline", "Export thread timeline (Chrome Trace)…"))
        self.export_action.setToolTip(
            translate("Timeline", "Save the thread timeline as JSON that Perfetto and chrome://tracing open"))

    @Slot(object)
    def _theme(self, theme: Any) -> None:
        self.timeline.set_theme(theme)
        self.compare.set_theme(theme)

    @Slot(object)
    def _trace_changed(self, trace: Trace | None) -> None:
        # The twin is built when the timeline is first shown (or exported), not on every load:
        # replaying ten thousand tasks as threads in the background would slow the panes on screen.
        self._trace = trace
        self._timeline = None
        self._stale = True
        self.export_action.setEnabled(trace is not None)
        if self.timeline.isVisible():
            self._build()

    def _build(self) -> None:
        if self._stale:
            self._stale = False
            self.loader.load(self._trace)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.timeline and event.type() == QEvent.Type.Show:
            self._build()
        return False

    @Slot(object)
    def _loaded(self, timeline: Timeline | None) -> None:
        self._timeline = timeline
        self.timeline.set_timeline(timeline)
        self.export_action.setEnabled(timeline is not None)
        self._position()

    @Slot()
    def _position(self, *_: object) -> None:
        player = self.window.player
        if self._trace is not None and self._timeline is not None:
            self.timeline.set_playhead_ns(playhead_ns(self._trace, player.event_index, player.fraction))

    def _ensure_built(self) -> None:
        """Build the twin now if it was never shown (exporting before looking at it)."""
        if self._timeline is None and self._trace is not None:
            self._build()
            self.loader.wait()
            QCoreApplication.processEvents()  # delivers the loader's result

    def choose_export(self) -> None:
        self._ensure_built()
        if self._timeline is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.timeline, translate("Timeline", "Export thread timeline"), str(Path.home() / "timeline.json"),
            translate("Timeline", "Chrome Trace JSON (*.json)"),
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> bool:
        """Write the current timeline as Chrome Trace JSON; a failure is shown, not raised."""
        self._ensure_built()
        if self._timeline is None:
            return False
        try:
            write_chrome_trace(self._timeline, path)
        except OSError as exc:
            QMessageBox.warning(self.timeline, translate("Timeline", "Export failed"),
                                translate("Timeline", "Could not write {path}: {reason}").format(
                                    path=path, reason=exc.strerror or exc))
            return False
        return True

    def shutdown(self) -> None:
        self.compare.shutdown()
        self.loader.wait()


def settle_side_views(window: QObject) -> None:
    """Let every thread timeline of `window` finish building its twin (it builds in the background),
    so that a picture taken now shows it rather than "no threads"."""
    for views in window.findChildren(SideViews):
        views.loader.wait()
    QCoreApplication.processEvents()  # delivers the loaders' results


def attach_side_views(window: _Window) -> SideViews:
    """Add the thread timeline and the model comparison to `window` and keep them in step with it."""
    return SideViews(window)
