"""The real main window, driven offscreen: keys, clicks, drag-and-drop, languages, bad input."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from simulator.kinds import EventKind
from simulator.trace import Trace
from ui.app import build_window
from ui.i18n import ENGLISH
from ui.main_window import MainWindow
from ui.render.handoff_pane import label_text
from ui.settings import Preferences

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, seed_program: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    w = build_window(ENGLISH, "light", prefs)
    qtbot.addWidget(w)
    w.player.animate_steps = False
    w.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.set_language(ENGLISH)


def press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.code_view, key, modifier)
    window.player.finish_motion()


def test_arrow_keys_walk_the_program_and_the_code_pane_follows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.player.event_index == 2
    assert "step 3 of" in window.status_label.text()
    press(qtbot, window, Qt.Key.Key_Left)
    assert window.player.event_index == 1
    press(qtbot, window, Qt.Key.Key_End)
    assert window.player.event_index == len(window.player.trace) - 1
    assert "\n".join(window.console_view.model.lines) + "\n" == window.player.trace.stdout_text()
    press(qtbot, window, Qt.Key.Key_Home)
    assert window.player.event_index == 0
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.player.trace.kind[window.player.event_index] == EventKind.LINE


def test_page_down_moves_the_baton_and_the_caption_explains(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):  # start, the start-up yield, send(1)
        press(qtbot, window, Qt.Key.Key_PageDown)
    baton = window.handoff_view.model.baton
    assert label_text(baton.label_kind, baton.value) == "sent 1"
    assert window.caption_view.model.caption.title == "Step 2: send(1) switches to consumer"
    code = window.code_view.model
    assert [f.line for f in code.frames if f.status == "running"] == [4]  # consumer runs, at its yield
    press(qtbot, window, Qt.Key.Key_PageDown)
    baton = window.handoff_view.model.baton
    assert label_text(baton.label_kind, baton.value) == "yielded '200 OK'"
    assert [(f.name, f.line) for f in window.code_view.model.frames if f.status == "suspended"] == [("consumer", 4)]
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.handoff_view.model.baton.label_kind == "sent"


def test_space_plays_and_pauses(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.code_view, Qt.Key.Key_Space)
    assert window.player.playing
    qtbot.waitUntil(lambda: window.player.position > 0.5, timeout=3000)
    qtbot.keyClick(window.code_view, Qt.Key.Key_Space)
    assert not window.player.playing and not window.player.busy


def test_presenter_keys_win_over_a_focused_slider(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    slider = window.transport.speed
    slider.setFocus()
    before = slider.value()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    window.player.finish_motion()
    assert window.player.event_index == 1
    assert slider.value() == before


def test_scrubber_click_jumps(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    scrubber = window.transport.scrubber
    qtbot.mouseClick(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(scrubber.width() - 7, scrubber.height() // 2))
    assert window.player.event_index == len(window.player.trace) - 1


def test_switching_to_chinese_changes_menus_captions_and_status(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_PageDown)
    action = next(a for a in window.actions_.language_group.actions() if a.data() == "zh_CN")
    action.trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=2000)
    assert "启动生成器" in window.caption_view.model.caption.title
    assert "第 " in window.status_label.text()
    assert window.actions_["open"].text() == "打开程序(&O)…"
    assert window.prefs.language == "zh_CN"
    # the side views follow too: the comparison's parameters and the timeline's export
    side_texts = {a.text() for a in window.file_menu.actions()} | {
        label.text() for label in window.findChildren(QLabel)
    }
    assert "CPU 数" in side_texts
    assert any(t.startswith("导出") and "Chrome" in t for t in side_texts)
    next(a for a in window.actions_.language_group.actions() if a.data() == "en").trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=2000)
    assert "Export thread timeline (Chrome Trace)…" in {a.text() for a in window.file_menu.actions()}


def test_every_control_has_a_tooltip(window: MainWindow) -> None:
    controls = [*window.transport.buttons.values(), window.transport.speed, window.transport.dilation,
                window.transport.real_time, window.transport.scrubber, *window.panes, window.cancel_button]
    assert all(c.toolTip() for c in controls)
    assert all(a.toolTip() for a in window.actions_.by_name.values())


def drop(window: MainWindow, path: Path) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return enter.isAccepted()


def test_dropping_a_python_file_traces_and_shows_it(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    program = tmp_path / "hello.py"
    program.write_text("x = 1\nprint('hello', x)\n")
    with qtbot.waitSignal(window.traceLoaded, timeout=30_000):
        assert drop(window, program)
    window.player.go_to_end()
    assert window.console_view.model.lines == ("hello 1",)
    assert window.prefs.recent_files()[0] == str(program.resolve())
    assert window.recent_menu.actions()[0].text() == "hello.py"


def test_a_non_python_file_gets_a_message_and_nothing_changes(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "notes.txt"
    picture.write_text("hello")
    trace = window.player.trace
    drop(window, picture)
    assert window.banner.isVisible() and "not a Python program" in window.banner.label.text()
    assert window.player.trace is trace and window.job is None


def test_an_unreadable_file_gets_a_message(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not window.open_program(tmp_path / "missing.py")
    assert "Cannot read missing.py" in window.banner.label.text()
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert not window.open_program(binary)
    assert "not UTF-8" in window.banner.label.text()


def traced(qtbot, window: MainWindow, name: str) -> Trace:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.traceLoaded, timeout=60_000) as blocker:
        assert window.open_program(PROGRAMS / name)
    return blocker.args[0]


def test_an_exception_points_at_its_line_and_the_run_stays_playable(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    trace = traced(qtbot, window, "raises.py")
    assert trace.outcome.status == "exception"
    assert window.banner.isVisible()
    assert "line 2" in window.banner.label.text() and "ZeroDivisionError" in window.banner.label.text()
    qtbot.mouseClick(window.banner.show_button, Qt.MouseButton.LeftButton)
    assert window.code_view.model.error_line == 2 and window.code_view.model.show_error
    lines = window.console_view.model.lines
    assert lines[0] == "before" and lines[-1].startswith("ZeroDivisionError")  # stdout, then the traceback


def test_a_syntax_error_shows_the_line_without_crashing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    trace = traced(qtbot, window, "bad_syntax.py")
    assert trace.outcome.status == "syntax_error"
    assert "Syntax error at line 2" in window.banner.label.text()
    assert window.code_view.model.error_line == 2
    assert window.code_view.model.source.startswith('print("fine")')


@pytest.mark.slow
def test_a_million_printed_lines_stop_at_a_limit_and_stay_playable(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.cancel_trace()
    from ui.tracing import TraceRequest

    window._start_trace(TraceRequest(PROGRAMS / "million_lines.py", max_steps=50_000), "", "million")
    with qtbot.waitSignal(window.traceLoaded, timeout=60_000) as blocker:
        pass
    trace = blocker.args[0]
    assert trace.outcome.status == "limit"
    assert "limit" in window.banner.label.text()
    window.player.go_to_end()
    assert window.console_view.model.lines[-1].startswith("line ")


def test_tracing_can_be_cancelled(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    trace = window.player.trace
    assert window.open_program(PROGRAMS / "million_lines.py")
    assert window.cancel_button.isVisible()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.job is None, timeout=5000)
    assert "cancelled" in window.banner.label.text()
    assert window.player.trace is trace


def test_an_error_inside_the_ui_shows_a_dialog_and_the_app_keeps_running(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.errors import ErrorReporter

    reporter = ErrorReporter(lambda: window)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter.report(*sys.exc_info())  # type: ignore[arg-type]
    assert reporter.dialog is not None and reporter.dialog.isVisible()
    assert "boom" in reporter.dialog.text()
    reporter.dialog.close()
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.player.event_index == 1


def test_layout_and_preferences_are_remembered_with_types(qtbot, window: MainWindow, prefs: Preferences) -> None:  # type: ignore[no-untyped-def]
    window.resize(790, 590)  # the offscreen screen is only 800x600
    window.main_split.setSizes([300, 500])
    split = window.main_split.sizes()
    window.apply_theme("dark")
    window.transport.speed.setValue(30)  # 10 ** 0.3 ≈ 2×
    window.close()
    assert prefs.theme == "dark" and prefs.speed == pytest.approx(2.0)
    again = build_window(ENGLISH, None, prefs)
    qtbot.addWidget(again)
    assert prefs.geometry("window/geometry") is not None
    assert again.size().height() == 590  # (the width is clamped to the 800-pixel offscreen screen)
    assert prefs.geometry("window/mainSplitter") is not None and split[0] < split[1]
    assert again.theme.name == "dark" and again.player.speed == pytest.approx(2.0)


def test_a_second_file_in_recent_files_comes_first(prefs: Preferences, tmp_path: Path) -> None:
    for name in ("a.py", "b.py", "a.py"):
        prefs.add_recent_file(tmp_path / name)
    assert [Path(f).name for f in prefs.recent_files()] == ["a.py", "b.py"]
    prefs.settings.setValue("recentFiles", "not a list")
    assert prefs.recent_files() in ([], ["not a list"])  # a damaged setting never crashes


def test_add_side_view_puts_a_tab_beside_the_message_loop(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    label = QLabel("threads")
    index = window.add_side_view(label, lambda: "Threads")
    assert window.side_tabs.tabText(index) == "Threads"
    assert window.side_tabs.indexOf(window.loop_view) == -1  # the loop is a pane of its own, not a tab
    assert window.middle.indexOf(window.side_tabs) == window.middle.indexOf(window.loop_view) + 1


def test_the_default_scenario_opens_from_the_scenarios_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in window.scenario_actions if a.data() == "producer-consumer")
    assert action.text() == "Producer and consumer with generators (the seed's program)"
    with qtbot.waitSignal(window.traceLoaded, timeout=30_000) as blocker:
        action.trigger()
    assert blocker.args[0].stdout_text().startswith("[PRODUCER] Producing 1...")
    assert len(blocker.args[0]) > 50


def test_copying_a_scenario_keeps_its_behaviour(seed_program: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.py"
    shutil.copy(seed_program, copy)
    assert copy.read_text() == seed_program.read_text()
