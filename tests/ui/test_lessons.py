"""Lessons in the window: chapter keys and list, prediction mode, who waits, lecture notes, the captions command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from simulator.chapters import chapters_of
from simulator.scenarios import get_scenario, list_scenarios
from simulator.trace import Trace
from ui.app import build_window
from ui.i18n import CHINESE, ENGLISH
from ui.lecture_notes import NOTES, notes_path, notes_text
from ui.main_window import MainWindow
from ui.settings import Preferences
from ui.tracing import TraceRequest, trace_synchronously

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, seed_program: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(w)
    w.player.animate_steps = False
    w.load_trace(seed_trace, get_scenario("producer-consumer").path, seed_program.read_text(), "seed")
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.set_language(ENGLISH)


def press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.code_view, key, modifier)
    window.player.finish_motion()


def test_chapter_keys_walk_the_seed_s_five_steps(qtbot, window: MainWindow, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    starts = [c.first_step for c in chapters_of(seed_trace)]
    visited = []
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        visited.append(window.player.event_index)
    assert visited == starts[1:5]
    assert window.caption_view.model is not None
    press(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.player.event_index == starts[3]
    # the list follows the playhead, and a click jumps
    chapters = window.lessons.chapters  # type: ignore[attr-defined]
    assert chapters.list.count() == len(starts)
    assert chapters.list.currentRow() == 3
    assert chapters.list.item(1).text() == "2. Step 1: produce starts the generator consumer"
    chapters.list.itemClicked.emit(chapters.list.item(6))
    assert window.player.event_index == starts[6]


def test_presenting_the_remote_s_page_keys_jump_chapters(qtbot, window: MainWindow, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    starts = [c.first_step for c in chapters_of(seed_trace)]
    window.actions_["prediction"].setChecked(False)
    qtbot.keyClick(window.code_view, Qt.Key.Key_F5)
    window.actions_["prediction"].setChecked(False)  # this test is about the keys alone
    press(qtbot, window, Qt.Key.Key_PageDown)
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.player.event_index == starts[2]
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # a hand-off, not a chapter
    assert window.player.event_index not in starts
    qtbot.keyClick(window.code_view, Qt.Key.Key_Escape)


def test_prediction_asks_before_the_send_and_a_step_forward_reveals(
    qtbot, window: MainWindow, seed_trace: Trace
) -> None:  # type: ignore[no-untyped-def]
    prediction = window.lessons.prediction  # type: ignore[attr-defined]
    assert not window.actions_["prediction"].isChecked()  # off by default
    send = next(c for c in chapters_of(seed_trace) if c.kind == "seed_send")
    window.player.seek(send.key_step - 3)
    window.actions_["prediction"].setChecked(True)
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # jump across the send
    assert window.player.event_index == send.key_step - 1  # stopped just before it
    assert prediction.overlay.isVisible()
    assert prediction.overlay.question == "What value does produce send into consumer?"
    assert prediction.overlay.answer == ""
    qtbot.keyClick(window.code_view, Qt.Key.Key_R)
    assert window.player.event_index == send.key_step
    assert prediction.overlay.answer == "1"
    press(qtbot, window, Qt.Key.Key_Right)
    assert not prediction.overlay.isVisible()


def test_a_seek_across_chapters_asks_nothing(qtbot, window: MainWindow, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    window.actions_["prediction"].setChecked(True)
    window.player.seek(60)  # a click far along the scrubber: no question about what was skipped
    assert window.player.event_index == 60
    assert not window.lessons.prediction.overlay.isVisible()  # type: ignore[attr-defined]


def test_presenting_switches_prediction_on_and_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    action = window.actions_["prediction"]
    qtbot.keyClick(window.code_view, Qt.Key.Key_F5)
    assert action.isChecked()
    qtbot.keyClick(window.code_view, Qt.Key.Key_Escape)
    assert not action.isChecked()


def test_who_waits_shows_threads_and_tasks(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.waits_view import WaitsView

    trace = trace_synchronously(TraceRequest(get_scenario("producer-consumer-threads").path))
    switch = next(i for i in range(len(trace)) if trace.event(i).kind.name == "CONTEXT_SWITCH")
    lines = WaitsView.lines(trace, switch)
    assert any(
        line.startswith("Thread MainThread: waiting on Condition-1 (line 10); woken by consumer") for line in lines
    )
    trace = trace_synchronously(TraceRequest(get_scenario("say-after").path))
    lines = WaitsView.lines(trace, 39)
    assert lines[0] == "Tasks, as python -m asyncio pstree shows them:"
    assert lines[1] == "└── (T) Task-1"


def test_every_scenario_has_lecture_notes_in_both_languages() -> None:
    for s in list_scenarios():
        english, chinese = notes_path(s.name, ENGLISH), notes_path(s.name, CHINESE)
        assert english is not None and english.name == f"{s.name}.md", s.name
        assert chinese is not None and chinese.name == f"{s.name}.{CHINESE}.md", s.name
        text = english.read_text(encoding="utf-8")
        assert "## Questions" in text and "## Chapters to stop at" in text, s.name
        assert "## 提问" in chinese.read_text(encoding="utf-8"), s.name
    # a program that is no scenario gets the index of all notes
    assert "producer-consumer" in notes_text(None, ENGLISH)
    assert (NOTES / "README.md").exists()


def run_captions(*args: str) -> list[list[str]]:
    done = subprocess.run(
        [sys.executable, "-m", "ui", "captions", *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return [line.split("\t") for line in done.stdout.splitlines()]


def test_the_captions_command_prints_step_chapter_title_body() -> None:
    rows = run_captions("--scenario", "fetch-hosts")
    assert all(len(r) == 4 for r in rows)
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
    chapters = [int(r[1]) for r in rows]
    assert chapters == sorted(chapters) and chapters[0] == 1
    text = "\n".join("\t".join(r) for r in rows)
    assert "c.send" not in text and "Step " not in text  # never another program's names or steps
    assert "IO complete: connect python.org:80 wakes Task-2 (fetch)" in text
    chinese = run_captions("--scenario", "fetch-hosts", "--lang", "zh_CN")
    assert len(chinese) == len(rows)
    assert "IO 完成：connect python.org:80 唤醒 Task-2 (fetch)" in "\n".join("\t".join(r) for r in chinese)


def test_the_captions_command_refuses_an_unknown_scenario() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui", "captions", "--scenario", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2 and "no scenario named 'nope'" in done.stderr
