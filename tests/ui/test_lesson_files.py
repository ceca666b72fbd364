"""Bookmarks, Go to Step, annotations and lesson files, as a teacher uses them in the window and on the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QSplitter

from simulator.lesson_file import load_lesson
from simulator.trace import Trace
from ui.app import build_window
from ui.bookmarks import AnnotationDialog
from ui.i18n import ENGLISH
from ui.lesson_tools import LessonTools, lesson_tools
from ui.main_window import MainWindow
from ui.settings import Preferences


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, seed_program: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(w)
    w.player.animate_steps = False
    w.load_trace(seed_trace, seed_program, seed_program.read_text(encoding="utf-8"), "seed")
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    lesson_tools(w).ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    yield w
    w.cancel_trace()
    w.set_language(ENGLISH)


def tools(window: MainWindow) -> LessonTools:
    return lesson_tools(window)


def wait_for_run(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.job is None and tools(window).session._pending is None, timeout=30_000)


def answer_next_dialog(fill) -> None:  # type: ignore[no-untyped-def]
    """Answer the modal dialog the next action opens (as a user would type into it)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        fill(dialog)

    QTimer.singleShot(20, act)


def test_ctrl_g_goes_to_step_n(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QInputDialog) -> None:
        dialog.setIntValue(42)
        dialog.accept()

    answer_next_dialog(fill)
    qtbot.keyClick(window.code_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.player.event_index == 41 and "step 42 of" in window.status_label.text()
    assert not tools(window).bookmarks.go_to(10_000)  # no such step: nothing moves
    assert window.player.event_index == 41


def test_a_named_bookmark_comes_back_from_the_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.player.seek(29)

    def fill(dialog: QInputDialog) -> None:
        dialog.setTextValue("second send")
        dialog.accept()

    answer_next_dialog(fill)
    qtbot.keyClick(window.code_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    marks = tools(window).marks
    assert [(b.name, b.step) for b in marks.bookmarks] == [("second send", 30)]
    window.player.seek(0)
    menu = tools(window).bookmarks.menu
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.text().startswith("second send"))
    assert entry.text() == "second send (step 30)"
    entry.trigger()
    assert window.player.event_index == 29
    tools(window).bookmarks.actions["remove_bookmark"].trigger()
    assert marks.bookmarks == []


def test_an_annotation_is_a_callout_on_its_pane_only_at_its_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.player.seek(40)

    def fill(dialog: AnnotationDialog) -> None:
        dialog.pane.setCurrentIndex(dialog.pane.findData("handoff"))
        dialog.text.setText("n arrives here through send()")
        dialog.accept()

    answer_next_dialog(fill)
    qtbot.keyClick(window.code_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    callouts = tools(window).callouts
    assert callouts.visible_texts() == {"handoff": "n arrives here through send()"}
    label = callouts.labels["handoff"]
    assert label.parentWidget() is window.handoff_view
    assert window.handoff_view.rect().contains(label.geometry())
    window.player.seek(41)
    assert callouts.visible_texts() == {}
    window.player.seek(40)
    assert callouts.visible_texts() == {"handoff": "n arrives here through send()"}
    tools(window).bookmarks.actions["remove_annotation"].trigger()
    assert callouts.visible_texts() == {}


def test_save_and_open_a_lesson_brings_back_program_marks_and_view(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    t = tools(window)
    t.session.editor.replace_text(t.session.editor.text().replace("n < 5", "n < 2"))
    t.marks.add_bookmark("start", 1)
    t.marks.add_bookmark("first send", 12)
    t.marks.add_annotation(12, "code", "send() resumes the consumer")
    t.lessons.chapter_notes = {1: "The first hand-off"}
    t.session.preset = "teaching"
    window.apply_theme("dark")
    window.set_text_scale(1.5)
    path = tmp_path / "第一课"
    assert t.lessons.save(path)
    saved = load_lesson(tmp_path / "第一课.coroscope")
    assert "n < 2" in saved.source and saved.program_name == "producer_consumer.py"
    assert saved.view.theme == "dark" and saved.view.text_scale == 1.5
    assert saved.chapter_notes == {1: "The first hand-off"}
    # Another program replaces everything; opening the lesson brings it all back.
    window.open_scenario("say-after")
    qtbot.waitUntil(lambda: window.job is None and window.program_title != "seed", timeout=30_000)
    assert t.marks.bookmarks == [] and t.lessons.chapter_notes == {}
    window.apply_theme("light")
    window.set_text_scale(1.0)
    assert t.session.preset == "realistic"
    assert window.open_program(tmp_path / "第一课.coroscope")  # as drag and drop and recent files do
    assert window.job is not None and window.job.request.preset == "teaching"  # the lesson's own cost model
    wait_for_run(qtbot, window)
    assert window.player.trace.stdout_text().count("Producing") == 2  # the lesson's own program ran
    assert t.session.editor.text() == saved.source and not t.session.stale
    assert t.session.origin is None  # a lesson's program has no file on disk to watch
    assert [b.name for b in t.marks.bookmarks] == ["start", "first send"]
    assert window.theme_choice == "dark" and window.text_scale == 1.5
    assert t.lessons.chapter_notes == {1: "The first hand-off"}
    t.bookmarks.go_to(12)
    assert tools(window).callouts.visible_texts()["code"] == "send() resumes the consumer"


def test_a_broken_lesson_gets_a_message_and_changes_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "evil.coroscope"
    path.write_text(
        json.dumps({"format": "coroscope-lesson", "version": 1, "program": {"name": "../../x.py", "source": "1"}}),
        encoding="utf-8",
    )
    trace_before = window.player.trace
    tools(window).marks.add_bookmark("keep me", 3)
    assert not window.open_program(path)
    assert window.banner.isVisible()
    assert "Cannot open the lesson: evil.coroscope is not a valid lesson" in window.banner.label.text()
    assert window.job is None and window.player.trace is trace_before
    assert [b.name for b in tools(window).marks.bookmarks] == ["keep me"]
    assert not (tmp_path.parent.parent / "x.py").exists()


def test_the_lesson_keeps_the_pane_sizes(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main = window.findChild(QSplitter, "mainSplitter")
    main.setSizes([900, 380])
    wanted = main.sizes()
    tools(window).lessons.save(tmp_path / "l.coroscope")
    main.setSizes([400, 880])
    tools(window).lessons.apply(load_lesson(tmp_path / "l.coroscope"))
    assert main.sizes() == wanted


def _lesson_file(folder: Path, seed_program: Path) -> Path:
    from simulator.lesson_file import Annotation, Bookmark, Lesson, ViewSettings, save_lesson

    path = folder / "seed.coroscope"
    save_lesson(
        Lesson(
            program_name="producer_consumer.py",
            source=seed_program.read_text(encoding="utf-8"),
            title="Producer and consumer",
            bookmarks=(Bookmark("first send", 12),),
            annotations=(Annotation(12, "caption", "Watch the baton"),),
            view=ViewSettings(theme="dark", language="zh_CN", text_scale=1.25),
        ),
        path,
    )
    return path


def _coroscope(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "ui", *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd, check=False
    )


@pytest.mark.slow
def test_screenshot_of_a_lesson_at_a_bookmark(tmp_path: Path, seed_program: Path) -> None:
    lesson = _lesson_file(tmp_path, seed_program)
    out = tmp_path / "shot.png"
    done = _coroscope("screenshot", str(lesson), "--bookmark", "first send", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "step 12 of" in done.stdout
    image = QImage(str(out))
    assert image.width() == 1600
    assert image.pixelColor(5, image.height() // 2).lightness() < 100  # the lesson's dark theme
    missing = _coroscope("screenshot", str(lesson), "--bookmark", "nope", "--out", str(out), cwd=tmp_path)
    assert missing.returncode == 2 and "no bookmark called 'nope'" in missing.stderr
    bad = tmp_path / "bad.coroscope"
    bad.write_text("{]", encoding="utf-8")
    refused = _coroscope("export", str(bad), "--out", str(tmp_path / "x.png"), cwd=tmp_path)
    assert refused.returncode == 2 and "bad.coroscope is not a valid lesson: it is not JSON" in refused.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.slow
def test_export_of_a_lesson_renders_its_program(tmp_path: Path, seed_program: Path) -> None:
    if shutil.which("true") is None:  # pragma: no cover - any POSIX system has it
        pytest.skip("needs a POSIX system")
    lesson = _lesson_file(tmp_path, seed_program)
    out = tmp_path / "frame.png"
    done = _coroscope("export", str(lesson), "--out", str(out), "--from", "12", "--size", "720p", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert QImage(str(out)).width() == 1280


@pytest.mark.slow
def test_coroscope_opens_a_lesson_given_on_the_command_line(tmp_path: Path, seed_program: Path) -> None:
    lesson = _lesson_file(tmp_path, seed_program)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))  # own settings
    done = subprocess.run(
        [sys.executable, "-m", "ui", str(lesson), "--exit-after-first-frame"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "first-frame" in done.stdout
    settings = next((tmp_path / "config").rglob("*.conf")).read_text(encoding="utf-8")
    assert "seed.coroscope" in settings  # opened as a lesson: it is in Open Recent


def test_chapter_notes_are_written_shown_and_saved(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.chapter_notes import chapter_starts

    t = tools(window)
    notes = t.chapter_notes
    if chapter_starts(window.player.index) is None:
        assert not notes.action.isEnabled()  # this window has no chapters: nothing to write a note for
    notes.chapters = lambda _index: [0, 20, 50]  # chapters as ui.navigation gives them (issue 12)
    window.player.seek(30)
    assert notes.current() == 1

    def fill(dialog: QInputDialog) -> None:
        dialog.setTextValue("Ask: what does send() return here?")
        dialog.accept()

    answer_next_dialog(fill)
    notes.action.setEnabled(True)
    notes.action.trigger()
    assert t.lessons.chapter_notes == {1: "Ask: what does send() return here?"}
    assert t.callouts.visible_texts() == {"caption": "Ask: what does send() return here?"}
    window.player.seek(55)
    assert t.callouts.visible_texts() == {}
    t.lessons.save(tmp_path / "notes.coroscope")
    assert load_lesson(tmp_path / "notes.coroscope").chapter_notes == {1: "Ask: what does send() return here?"}
    notes.set_note(1, "  ")
    assert t.lessons.chapter_notes == {}
