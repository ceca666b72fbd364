"""Editing in the window: the Step/Edit switch, typing (Chinese too), Run keeping the playhead, stale marker, reload."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from simulator.trace import Trace
from ui.app import build_window
from ui.editor_anchor import Anchor, anchor_at, place
from ui.i18n import ENGLISH
from ui.lesson_tools import LessonTools, lesson_tools
from ui.main_window import MainWindow
from ui.navigation import StepUnit, TraceIndex
from ui.settings import Preferences


@pytest.fixture
def program(tmp_path: Path, seed_program: Path) -> Path:
    """A copy of the seed the test may change on disk."""
    target = tmp_path / "producer_consumer.py"
    shutil.copy(seed_program, target)
    return target


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, program: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(w)
    w.player.animate_steps = False
    w.load_trace(seed_trace, program, program.read_text(encoding="utf-8"), "seed")
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    lesson_tools(w).ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    yield w
    w.cancel_trace()


def tools(window: MainWindow) -> LessonTools:
    return lesson_tools(window)


def wait_for_run(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.job is None and tools(window).session._pending is None, timeout=30_000)


def test_f2_and_the_button_switch_between_stepping_and_editing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    assert not session.editing and not session.editor.isVisible()
    assert session.editor.text() == window.program_source  # the program on screen is in the editor
    qtbot.keyClick(window.code_view, Qt.Key.Key_F2)
    assert session.editing and session.editor.isVisible()
    assert session.pane.geometry() == window.code_view.rect()  # the editor covers the code pane
    qtbot.keyClick(session.editor, Qt.Key.Key_F2)
    assert not session.editing
    qtbot.mouseClick(session.pane.mode_button, Qt.MouseButton.LeftButton)
    assert session.editing
    qtbot.mouseClick(session.pane.mode_button, Qt.MouseButton.LeftButton)
    assert not session.editing


def test_typing_in_the_editor_never_steps_or_plays(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    session.set_editing(True)
    editor = session.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    window.player.seek(10)
    # P plays, B blanks, PgDn and → step, Space plays: in the editor they are typing and moving.
    qtbot.keyClicks(editor, "# P B.")
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(editor, key)
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    typed = window.program_source + "# P B."
    assert editor.text().endswith("# P B.") or "# P B." in editor.text()
    assert len(editor.text()) == len(typed) + 1 and editor.text().count(" ") == typed.count(" ") + 1  # Space typed
    assert window.player.event_index == 10 and not window.player.playing
    assert not window.presentation.blanked
    for _ in range(10):
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, to the start
    assert editor.text() == window.program_source


def test_chinese_typed_through_an_input_method_lands_in_the_program(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    session.set_editing(True)
    editor = session.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    preedit = QInputMethodEvent("shengchan", [])
    QApplication.sendEvent(editor, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("# 生产者")
    QApplication.sendEvent(editor, commit)
    assert editor.text().endswith("# 生产者")
    assert session.stale


def test_the_editor_colours_python_like_the_code_pane(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    session.set_editing(True)
    editor = session.editor
    block = editor.document().findBlockByNumber(0)  # "def consumer():"
    formats = block.layout().formats()
    keyword = [f for f in formats if f.start == 0]
    assert keyword and keyword[0].format.fontWeight() == 700
    colours = {f.format.foreground().color().name() for f in formats}
    assert len(colours) >= 2  # keyword and function name differ
    # A string opened on one line colours the next line as a string too (one lexer pass over the text).
    editor.replace_text('s = """\ndef not_a_function():\n"""\n')
    second = editor.document().findBlockByNumber(1).layout().formats()
    assert second and all(f.format.fontWeight() != 700 for f in second)
    assert editor.gutter_width() > 0 and editor.viewportMargins().left() == editor.gutter_width()


def test_run_retraces_the_edit_and_keeps_the_playhead_at_the_same_hand_off(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    old_index = window.player.index
    window.player.seek(40)
    before = window.handoff_view.model
    count = len([i for i in old_index.by_unit[StepUnit.HANDOFF] if i <= 40])
    session.set_editing(True)
    session.editor.replace_text(session.editor.text().replace("Producing %s...", "Making %s!"))
    assert session.stale and session.pane.stale_label.text()
    assert "Edited" in session.pane.stale_label.text() and "old text" in session.pane.stale_label.toolTip()
    qtbot.keyClick(session.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    wait_for_run(qtbot, window)
    assert not session.stale and not session.pane.stale_label.text()
    assert not session.editing  # the new run is on screen to step through
    assert "[PRODUCER] Making 1!" in window.player.trace.stdout_text()
    new_handoffs = window.player.index.by_unit[StepUnit.HANDOFF]
    assert len([i for i in new_handoffs if i <= window.player.event_index]) == count
    assert window.handoff_view.model.baton == before.baton
    assert any("Making" in line for line in window.console_view.model.lines)
    assert session.origin is not None and session.origin.read_text(encoding="utf-8") != session.editor.text()


def test_a_syntax_error_keeps_the_editor_open_at_its_line(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    lines = session.editor.text().splitlines()
    lines[6] = "        print('[CONSUMER] Consuming %s...' % n"  # line 7 loses its bracket
    session.editor.replace_text("\n".join(lines) + "\n")
    session.run()
    wait_for_run(qtbot, window)
    assert window.player.trace.outcome.status == "syntax_error"
    assert session.editing and session.editor.textCursor().blockNumber() + 1 == window.player.trace.outcome.line
    assert window.banner.isVisible() and "Syntax error" in window.banner.label.text()


def test_a_change_on_disk_is_offered_and_reloading_never_loses_edits(qtbot, window: MainWindow, program: Path) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    session.editor.replace_text(session.editor.text() + "# my own note\n")
    mine = session.editor.text()
    program.write_text(program.read_text(encoding="utf-8").replace("n < 5", "n < 3"), encoding="utf-8")
    qtbot.waitUntil(session.pane.reload_bar.isVisible, timeout=5000)
    assert "producer_consumer.py changed on disk" in session.pane.reload_label.text()
    assert "Ctrl+Z" in session.pane.reload_label.text()  # the user has edits: the offer says how to get them back
    assert session.editor.text() == mine  # nothing happens without the user's say
    qtbot.mouseClick(session.pane.reload_button, Qt.MouseButton.LeftButton)
    wait_for_run(qtbot, window)
    assert "n < 3" in session.editor.text()
    assert window.player.trace.stdout_text().count("Producing") == 3
    session.editor.undo()
    assert session.editor.text() == mine


def test_keep_mine_dismisses_the_offer_for_that_change(qtbot, window: MainWindow, program: Path) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    program.write_text(program.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    qtbot.waitUntil(session.pane.reload_bar.isVisible, timeout=5000)
    qtbot.mouseClick(session.pane.keep_button, Qt.MouseButton.LeftButton)
    assert not session.pane.reload_bar.isVisible()
    session.check_disk()
    assert not session.pane.reload_bar.isVisible()
    assert "# changed" not in session.editor.text()


def test_presenting_leaves_the_editor_and_hides_its_bar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    session.set_editing(True)
    window.presentation.start(fill_screen=False)
    assert not session.editing and not session.pane.isVisible()
    session.set_editing(True)
    assert not session.editing
    window.presentation.stop()
    assert session.pane.isVisible() and session.pane.bar.isVisible()


def test_the_place_rule_falls_back_to_the_step_when_hand_offs_run_out(seed_trace: Trace) -> None:
    index = TraceIndex(seed_trace)
    handoffs = index.by_unit[StepUnit.HANDOFF]
    at = handoffs[3] + 2
    assert place(anchor_at(index, at), index) == at
    too_many = Anchor(((StepUnit.HANDOFF, len(handoffs) + 5, 0),), step=len(seed_trace) + 50)
    assert place(too_many, index) == len(seed_trace) - 1
    between = Anchor(((StepUnit.HANDOFF, 2, 10_000),), step=0)
    assert place(between, index) == handoffs[2] - 1  # never past the next hand-off
    assert place(anchor_at(index, 0), index) == 0


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_the_window(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    t = tools(window)
    asked: list[bool] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        return lambda: asked.append(True) or button

    t.ask_unsaved = answer(QMessageBox.StandardButton.Cancel)  # type: ignore[method-assign]
    assert window.close() and not asked  # nothing edited: closes without a question
    window.show()
    t.session.editor.replace_text(t.session.editor.text() + "# mine\n")
    assert not window.close() and asked and window.isVisible()
    t.lessons.path = tmp_path / "kept.coroscope"
    t.ask_unsaved = answer(QMessageBox.StandardButton.Save)  # type: ignore[method-assign]
    assert window.close()
    assert "# mine" in (tmp_path / "kept.coroscope").read_text(encoding="utf-8")


def test_opening_another_program_keeps_the_edits_for_when_it_comes_back(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, program: Path, seed_trace: Trace
) -> None:
    session = tools(window).session
    original = session.editor.text()
    session.editor.replace_text(original + "# draft\n")
    window.load_trace(seed_trace, None, "print('other')\n", "other")
    assert session.editor.text() == "print('other')\n" and not session.unsaved
    window.load_trace(seed_trace, program, program.read_text(encoding="utf-8"), "seed")
    assert session.editor.text() == original + "# draft\n" and session.stale
    assert "earlier edits" in window.statusBar().currentMessage()
    session.editor.undo()
    assert session.editor.text() == original


def test_the_editor_lies_over_the_code_pane_which_keeps_its_place(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = tools(window).session
    pane, code = session.pane, window.code_view
    splitter = code.parentWidget()
    assert pane.parentWidget() is code and splitter.indexOf(code) >= 0  # layout code finds the pane where it was
    bar = pane.geometry()
    assert bar.right() == code.rect().right() and bar.top() == 0  # stepping: the bar in the top-right corner
    assert bar.height() < code.height() / 4 and bar.width() < code.width()
    session.set_editing(True)
    assert pane.geometry() == code.rect()
    code.setVisible(False)  # as layout code does when another pane is maximised
    assert not session.editor.isVisible()
    code.setVisible(True)
    assert session.editor.isVisible() and session.editing
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: pane.geometry() == code.rect(), timeout=2000)
