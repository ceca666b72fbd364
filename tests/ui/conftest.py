"""Fixtures for the Qt tests: isolated settings, traced programs, and a guard against leftovers.

Every test gets its own QSettings file (never the user's). Any test that leaves a
QTimer running, a QThread alive or a child process tracing fails: stray timers are
how flaky GUI tests start.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QSettings, QThread, QTimer
from PySide6.QtWidgets import QApplication

from simulator.scenarios import get_scenario
from simulator.trace import Trace
from ui.i18n import Translations
from ui.settings import Preferences
from ui.tracing import TraceRequest, trace_synchronously

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture(scope="session")
def seed_program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's producer/consumer, as a file of its own."""
    folder = tmp_path_factory.mktemp("seed")
    target = folder / "producer_consumer.py"
    shutil.copy(get_scenario("producer-consumer").path, target)
    return target


@pytest.fixture(scope="session")
def seed_trace(seed_program: Path) -> Trace:
    """The seed program traced for real, in a child process, as the window does it."""
    return trace_synchronously(TraceRequest(seed_program))


@pytest.fixture(autouse=True)
def no_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves timers running, threads alive or child processes behind."""
    yield
    app = QApplication.instance()
    if app is None:
        return
    leftovers = []
    for widget in QApplication.topLevelWidgets():
        leftovers += [f"QTimer {t.objectName() or t.parent()}" for t in widget.findChildren(QTimer) if t.isActive()
                      and t.parent() is not None and type(t.parent()).__module__.startswith("ui.")]
        leftovers += [f"QThread {t}" for t in widget.findChildren(QThread) if t.isRunning()]
        leftovers += [f"QProcess {p.program()}" for p in widget.findChildren(QProcess)
                      if p.state() != QProcess.ProcessState.NotRunning]
    for widget in QApplication.topLevelWidgets():
        widget.close()
    if leftovers:
        pytest.fail(f"{request.node.name} left these running: {', '.join(leftovers)}")


@pytest.fixture
def side_window(qtbot, prefs: Preferences):  # type: ignore[no-untyped-def]
    """A main window with the thread timeline and comparison attached, the timeline tab on screen."""
    from ui.main_window import MainWindow
    from ui.timeline.side_view import attach_side_views

    win = MainWindow(prefs)
    qtbot.addWidget(win)
    views = attach_side_views(win)
    win.show()
    win.side_tabs.setCurrentWidget(views.timeline)  # the twin is built once the timeline is on screen
    yield win, views
    views.shutdown()


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    """The interface in English, then in Chinese (English again afterwards)."""
    translations = Translations()
    translations.set_language(request.param)
    try:
        yield request.param
    finally:
        translations.set_language("en")
