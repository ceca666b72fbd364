"""Screencast export: frame-exact files from the playhead, in the window and without one, never half-written."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from simulator.trace import Trace
from ui.export import writers
from ui.export.controller import ExportController
from ui.export.dialog import ExportDialog
from ui.export.frames import pixels
from ui.export.job import ExportJob
from ui.export.options import ExportError, ExportOptions, Format, format_for
from ui.export.pace import Pace
from ui.export.timeline_of_frames import frame_positions
from ui.main_window import MainWindow
from ui.navigation import StepUnit
from ui.player import Player
from ui.settings import Preferences

SMALL = (320, 180)


@pytest.fixture
def window(qtbot, prefs: Preferences, seed_trace: Trace, seed_program: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    w.apply_theme("light")
    w.player.animate_steps = False
    w.load_trace(seed_trace, seed_program, seed_program.read_text(), "seed")
    yield w


def export(qtbot, window: MainWindow, options: ExportOptions) -> ExportJob:  # type: ignore[no-untyped-def]
    """Run File > Export… with `options` to its end."""
    exporter: ExportController = window.exporter
    job = exporter.start(options)
    assert job is not None, window.banner.label.text()
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert options.out.exists(), window.banner.label.text()
    return job


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where exports go (tmp_path itself holds the test's settings file)."""
    out = tmp_path / "exports"
    out.mkdir()
    return out


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_frame_k_is_where_playing_would_be_after_k_over_fps_seconds(seed_trace: Trace, qtbot) -> None:  # type: ignore[no-untyped-def]
    options = ExportOptions(Path("x.mp4"), Format.MP4, SMALL, fps=30, first=0, last=6, speed=2.0, hold_s=0.5,
                            pace=Pace.STEPS)
    positions = frame_positions(seed_trace, options.checked(len(seed_trace)))
    player = Player()
    player.set_trace(seed_trace)
    player.set_speed(2.0)
    played = [player.position]
    while player.position < 6:
        player.advance(1 / 30)
        played.append(min(player.position, 6.0))
    assert positions[: len(played)] == pytest.approx(played)
    assert positions[-15:] == [6.0] * 15  # half a second of the last step at 30 fps
    assert 0 < positions[1] < 1  # the first event glides in: frames between steps exist


def test_an_mp4_decodes_with_every_frame_at_the_chosen_size(qtbot, window: MainWindow, folder: Path) -> None:  # type: ignore[no-untyped-def]
    out = folder / "seed.mp4"
    options = ExportOptions(out, Format.MP4, SMALL, fps=30, first=0, last=2, speed=4.0, hold_s=0.2)
    job = export(qtbot, window, options)
    with av.open(str(out)) as container:
        frames = list(container.decode(video=0))
        rate = container.streams.video[0].average_rate
    assert len(frames) == job.total == len(frame_positions(window.player.trace, options.checked(99)))
    assert (frames[0].width, frames[0].height) == SMALL and rate == 30
    assert leftovers(folder) == ["seed.mp4"]
    assert "seed.mp4" in window.statusBar().currentMessage()


def test_a_gif_opens_with_its_frames_and_its_length(qtbot, window: MainWindow, folder: Path) -> None:  # type: ignore[no-untyped-def]
    out = folder / "seed.gif"
    options = ExportOptions(out, Format.GIF, SMALL, fps=24, first=0, last=3, speed=4.0, captions=True)
    job = export(qtbot, window, options)
    with Image.open(out) as gif:
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
        assert gif.size == SMALL and gif.info["loop"] == 0
    # identical frames (the hold at the end) are one frame shown longer; the total time is exact
    assert 2 <= len(durations) <= job.total
    assert sum(durations) == pytest.approx(1000 * job.total / 24, abs=10)


def test_the_gif_writer_keeps_every_distinct_frame(tmp_path: Path) -> None:
    frames = [np.full((90, 160, 4), 255, np.uint8) for _ in range(6)]
    for k, frame in enumerate(frames):
        frame[10:20, 10 + 20 * k : 30 + 20 * k, :3] = (200, 30, 30)
    writer = writers.open_writer(Format.GIF, tmp_path / "a.gif", (160, 90), 30)
    for frame in frames:
        writer.write(frame)
    writer.close()
    with Image.open(tmp_path / "a.gif") as gif:
        assert gif.n_frames == 6
        gif.seek(3)
        assert np.array(gif.convert("RGB"))[15, 75].tolist() == [200, 30, 30]


def test_frame_k_equals_a_screenshot_of_the_window_at_that_position(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, folder: Path
) -> None:
    size = (1280, 720)
    out = folder / "frames"
    options = ExportOptions(out, Format.PNG_SEQUENCE, size, fps=30, first=3, last=4, speed=1.0, hold_s=0)
    positions = frame_positions(window.player.trace, options.checked(99))
    window.menuBar().hide()  # a video leaves the menus out
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    job = export(qtbot, window, options)
    assert job.total == len(positions) == len(list(out.glob("frame_*.png")))
    window.statusBar().clearMessage()  # "Saved …": the export's own news is not part of its frames
    gliding = next(k for k, position in enumerate(positions) if position % 1 > 0)  # mid-glide, between two steps
    for k in (0, gliding, len(positions) - 1):
        window.player.seek(positions[k])
        window.refresh()
        shot = window.grab().toImage().convertToFormat(QImage.Format.Format_RGBX8888)
        frame = np.array(Image.open(out / f"frame_{k:05d}.png").convert("RGB"), dtype=np.int16)
        expected = pixels(shot)[:, :, :3].astype(np.int16)
        assert frame.shape == expected.shape
        differs = (np.abs(frame - expected) > 8).any(axis=2).mean()
        assert differs < 0.001, f"frame {k} differs from the window at {positions[k]} in {differs:.2%} of its pixels"


def test_cancel_leaves_no_file(qtbot, window: MainWindow, folder: Path) -> None:  # type: ignore[no-untyped-def]
    out = folder / "long.mp4"
    job = window.exporter.start(ExportOptions(out, Format.MP4, SMALL, fps=60, speed=0.1))
    assert job is not None and job.total > 1000
    qtbot.waitUntil(lambda: job._encoded > 0, timeout=30_000)
    assert any(folder.iterdir())  # the partial file exists while it runs, under a temporary name
    window.player.step(StepUnit.HANDOFF, +1)  # the window answers while it exports, and its playhead is its own
    assert window.player.event_index > 0 and job.running
    progress = window.exporter.progress
    assert progress is not None and progress.isVisible()
    with qtbot.waitSignal(job.cancelled, timeout=15_000):
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert not progress.isVisible()
    assert leftovers(folder) == []
    assert "nothing was saved" in window.statusBar().currentMessage()


def test_a_full_disk_leaves_nothing_and_says_so(qtbot, window: MainWindow, folder: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def full(self, rgbx) -> None:  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers.Mp4Writer, "write", full)
    window.player.seek(7)
    out = folder / "full.mp4"
    job = window.exporter.start(ExportOptions(out, Format.MP4, SMALL, first=0, last=5))
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=30_000) as failed:
        pass
    assert "disk is full" in failed.args[0] and "nothing was saved" in failed.args[0]
    assert window.banner.isVisibleTo(window) and "disk is full" in window.banner.label.text()
    assert leftovers(folder) == []
    assert window.player.event_index == 7 and window.player.trace is not None  # the user loses nothing


def test_a_folder_that_cannot_be_written_is_explained_before_any_work(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, folder: Path, monkeypatch
) -> None:
    assert window.exporter.start(ExportOptions(folder / "nowhere" / "a.mp4", Format.MP4, SMALL)) is None
    assert "does not exist" in window.banner.label.text()

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refused)
    assert window.exporter.start(ExportOptions(folder / "a.mp4", Format.MP4, SMALL)) is None
    assert "may not write" in window.banner.label.text()
    assert leftovers(folder) == []


def test_formats_and_bad_choices_are_named(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    assert format_for(tmp_path / "a.MP4") is Format.MP4
    assert format_for(tmp_path / "frames") is Format.PNG_SEQUENCE
    with pytest.raises(ExportError, match=r"exports \.mp4"):
        format_for(tmp_path / "a.avi")
    with pytest.raises(ExportError, match="at most 50"):
        ExportOptions(tmp_path / "a.gif", Format.GIF, SMALL, fps=60).checked(10)
    with pytest.raises(ExportError, match="even"):
        ExportOptions(tmp_path / "a.mp4", Format.MP4, (321, 180)).checked(10)
    with pytest.raises(ExportError, match="before it starts"):
        ExportOptions(tmp_path / "a.mp4", Format.MP4, SMALL, first=5, last=2).checked(10)


def test_the_dialog_follows_the_format_and_keeps_a_wrong_range_open(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    dialog = ExportDialog(None, 50, 7, 2.0, QSize(1401, 861), tmp_path / "seed.mp4")
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(Format.GIF.value))
    assert dialog.path_edit.text().endswith("seed.gif")
    assert not dialog.fps_box.model().item(2).isEnabled()  # 60 fps: not for a GIF
    assert dialog.size_box.itemData(3) == (1400, 860)  # the window's size, even for H.264
    dialog.first_box.setValue(30)
    dialog.last_box.setValue(10)
    dialog.accept()
    assert dialog.result_options is None and "before it starts" in dialog.message.text()
    dialog.last_box.setValue(40)
    dialog.accept()
    options = dialog.result_options
    assert options is not None and (options.first, options.last, options.speed) == (29, 39, 2.0)
    assert options.format is Format.GIF and options.size == (1920, 1080)


def test_file_menu_has_export_once_a_trace_is_shown(qtbot, window: MainWindow, prefs: Preferences) -> None:  # type: ignore[no-untyped-def]
    action = window.actions_["export"]
    assert action in window.file_menu.actions() and action.isEnabled()
    empty = MainWindow(prefs)
    qtbot.addWidget(empty)
    assert not empty.actions_["export"].isEnabled()
