"""The pace of an export: a lecture holds hand-offs and IO, passes lines quickly; steps play as the window does."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from simulator.kinds import EventKind
from simulator.trace import Trace
from ui.export.options import ExportError, ExportOptions, Format
from ui.export.pace import HANDOFF_MS, IO_MS, QUICK_MS, Pace, lecture_seconds
from ui.export.timeline_of_frames import frame_positions

FPS = 30


def positions(trace: Trace, pace: Pace, speed: float = 1.0, hold_s: float = 0.0) -> list[float]:
    options = ExportOptions(Path("x.mp4"), Format.MP4, (320, 180), fps=FPS, speed=speed, pace=pace, hold_s=hold_s)
    return frame_positions(trace, options.checked(len(trace)))


def frames_at_rest(frames: list[float]) -> Counter[int]:
    """How many frames show each step at rest (the playhead exactly on it)."""
    return Counter(int(p) for p in frames if p == int(p))


def frames_per_step(frames: list[float]) -> Counter[int]:
    """How many frames each step is on screen: gliding in, then at rest."""
    return Counter(int(p) if p == int(p) else int(p) + 1 for p in frames)


def test_the_lecture_pace_holds_hand_offs_and_passes_lines_quickly(seed_trace: Trace) -> None:
    frames = positions(seed_trace, Pace.LECTURE)
    rest, shown = frames_at_rest(frames), frames_per_step(frames)
    kinds = [EventKind(k) for k in seed_trace.kind]
    handoffs = [i for i, k in enumerate(kinds) if k in (EventKind.YIELD, EventKind.RESUME) and i > 0]
    lines = [i for i, k in enumerate(kinds) if k is EventKind.LINE and i > 0]
    assert handoffs and lines
    hold = HANDOFF_MS[1] / 1000 * FPS
    for i in handoffs[:-1]:  # (the last step's frame count is cut at the end of the range)
        assert rest[i] >= hold - 1, f"hand-off at step {i + 1} stays still for only {rest[i]} frames"
        assert shown[i] >= sum(HANDOFF_MS) / 1000 * FPS - 1
    quick = sum(QUICK_MS) / 1000 * FPS
    assert max(shown[i] for i in lines) <= quick + 1
    # every step appears, in order, and the last frame is the last step
    assert sorted(frames) == frames and frames[-1] == len(seed_trace) - 1
    assert set(range(1, len(seed_trace))) <= set(shown)
    # the seed's 97 steps take minutes of class time, not 20 s; a hand-off is longer than eight lines
    seconds = len(frames) / FPS
    assert 50 < seconds < 180
    assert sum(HANDOFF_MS) > 8 * sum(QUICK_MS)


def test_the_lecture_pace_holds_io_requests_and_completions(qapp) -> None:  # type: ignore[no-untyped-def]
    from simulator.scenarios import get_scenario
    from ui.tracing import TraceRequest, trace_synchronously

    trace = trace_synchronously(TraceRequest(get_scenario("fetch-hosts").path))
    frames = positions(trace, Pace.LECTURE, speed=2.0)
    rest = frames_at_rest(frames)
    io = [i for i, k in enumerate(trace.kind) if k in (EventKind.IO_REQUEST, EventKind.IO_COMPLETE)]
    assert len(io) >= 8
    for i in io:
        assert rest[i] >= IO_MS[1] / 2 / 1000 * FPS - 1  # at 2x, half as long
    # the request's own move (its travel to the IO side) spans frames between the steps
    gliding = [p for p in frames if io[0] - 1 < p < io[0]]
    assert len(gliding) >= IO_MS[0] / 2 / 1000 * FPS - 1


def test_speed_scales_the_lecture_and_steps_plays_as_the_window_does(seed_trace: Trace) -> None:
    slow, fast = positions(seed_trace, Pace.LECTURE), positions(seed_trace, Pace.LECTURE, speed=2.0)
    assert len(fast) == pytest.approx(len(slow) / 2, abs=2)
    assert len(slow) == pytest.approx(lecture_seconds(seed_trace, 0, len(seed_trace) - 1) * FPS, abs=2)
    steps = positions(seed_trace, Pace.STEPS)
    assert len(steps) < len(slow) / 2  # the window's own pace is the quick one
    held = positions(seed_trace, Pace.LECTURE, hold_s=1.0)
    assert held[-FPS:] == [len(seed_trace) - 1.0] * FPS


def test_a_lecture_longer_than_the_limit_is_refused_with_a_reason(seed_trace: Trace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ui.export.timeline_of_frames as walk

    monkeypatch.setattr(walk, "MAX_FRAMES", 100)
    with pytest.raises(ExportError, match="longer than"):
        positions(seed_trace, Pace.LECTURE)


def test_the_dialog_offers_the_pace_lecture_first_or_the_window_s_real_time(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    from ui.export.dialog import ExportDialog

    dialog = ExportDialog(None, 50, 1, 1.0, QSize(1400, 860), tmp_path / "seed.mp4")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result_options is not None and dialog.result_options.pace is Pace.LECTURE
    dialog.pace_box.setCurrentIndex(dialog.pace_box.findData(Pace.STEPS.value))
    dialog.accept()
    assert dialog.result_options.pace is Pace.STEPS
    playing_real_time = ExportDialog(None, 50, 1, 1.0, QSize(1400, 860), tmp_path / "seed.mp4", real_time=True)
    qtbot.addWidget(playing_real_time)
    playing_real_time.accept()
    assert playing_real_time.result_options is not None and playing_real_time.result_options.real_time


def test_the_command_line_takes_a_pace_and_names_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui", "export", "--scenario", "producer-consumer", *args],
                              capture_output=True, text=True, timeout=180, cwd=root, env=env, check=False)

    bad = run("--pace", "slow", "--out", str(tmp_path / "a.gif"))
    assert bad.returncode == 2 and "lecture" in bad.stderr and not list(tmp_path.iterdir())
    done = run("--out", str(tmp_path / "a.gif"), "--size", "160x90", "--to", "4", "--hold", "0", "--quiet")
    assert done.returncode == 0, done.stderr
    assert "lecture pace" in done.stdout
    frames = int(done.stdout.split(" frames at ")[0].rsplit(" ", 1)[-1])
    steps = run("--out", str(tmp_path / "b.gif"), "--size", "160x90", "--to", "4", "--hold", "0", "--quiet",
                "--pace", "steps")
    assert steps.returncode == 0 and "steps pace" in steps.stdout
    assert int(steps.stdout.split(" frames at ")[0].rsplit(" ", 1)[-1]) < frames
