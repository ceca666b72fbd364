"""The fit check: essential text cut anywhere in the window is found; the built-in scenarios have none.

The whole matrix (four sizes, text 1x-3x, two languages, three themes, window and presenting,
every scenario) is the benchmark's `fitcheck_failures`; here a representative subset runs for
every scenario, and every step of the seed on a small projector.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from simulator.scenarios import get_scenario, list_scenarios
from ui.app import build_window
from ui.fitcheck import FitConfig, check_matrix, matrix, wait_for_side_views
from ui.fitcheck_cli import default_steps
from ui.fitcheck_cli import main as fitcheck_main
from ui.render import fit
from ui.render.handoff_pane import Baton, HandoffModel, draw_handoff, least_height
from ui.scene import Party
from ui.settings import Preferences
from ui.theme import PROJECTOR
from ui.tracing import TraceRequest, trace_synchronously

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [s.name for s in list_scenarios()]


def window_on(name: str, prefs: Preferences, qtbot):  # type: ignore[no-untyped-def]
    window = build_window("en", "light", prefs)
    qtbot.addWidget(window)
    window.player.animate_steps = False
    path = get_scenario(name).path
    trace = trace_synchronously(TraceRequest(path))
    window.load_trace(trace, path, path.read_text(), name)
    window.show()
    wait_for_side_views(window)
    return window, trace


def test_a_name_too_long_for_its_pane_is_reported(qapp) -> None:  # type: ignore[no-untyped-def]
    name = "a_generator_whose_name_is_far_too_long_for_any_hand_off_pane_at_this_size"
    model = HandoffModel("produce", name, Baton("sent", "1", 1.0), True, (), Party.WAITS, Party.RUNS)
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    with fit.collecting() as found:
        painter = QPainter(image)
        draw_handoff(painter, QRectF(0, 0, 400, 200), model, PROJECTOR.scaled(2.0))
        painter.end()
    assert [(m.pane, m.text) for m in found] == [("handoff", name)]
    assert found[0].shown.endswith("…")
    with fit.collecting() as nothing:  # the same at a size where it fits: nothing to say
        painter = QPainter(image)
        draw_handoff(painter, QRectF(0, 0, 400, 200), HandoffModel("produce", "consumer", None, False, ()), PROJECTOR)
        painter.end()
    assert nothing == []


def test_a_baton_laid_out_below_the_pane_is_reported_and_the_least_height_holds_it(qapp) -> None:  # type: ignore[no-untyped-def]
    theme = PROJECTOR.scaled(3.0)
    model = HandoffModel("produce", "consumer", Baton("sent", "1", 0.5), False, (), Party.WAITS, Party.RUNS)
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)

    def misfits(height: float) -> list[tuple[str, str]]:
        with fit.collecting() as found:
            painter = QPainter(image)
            painter.setClipRect(QRectF(0, 0, 640, height))  # as the fit check clips to the pane
            draw_handoff(painter, QRectF(0, 0, 640, height), model, theme)
            painter.end()
        return [(m.text, m.why) for m in found]

    # 640 px at 3x: the names leave no track between the sides, so the baton runs under them
    assert misfits(120) == [("sent 1", "clipped")]
    assert misfits(least_height(theme)) == []


SUBSET = [
    *matrix(sizes=((1024, 768),), scales=(1.0, 2.0, 3.0), themes=("projector",), presenting=(True,)),
    FitConfig((1366, 768), 2.5, "zh_CN", "light"),
    FitConfig((1920, 1080), 3.0, "en", "dark"),
    FitConfig((3840, 2160), 2.0, "zh_CN", "light", True),
]


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_built_in_scenario_cuts_essential_text(qtbot, prefs: Preferences, name: str) -> None:  # type: ignore[no-untyped-def]
    window, trace = window_on(name, prefs, qtbot)
    found = [
        f"{config.describe()}: {finding.line()}"
        for config, finding in check_matrix(window, SUBSET, default_steps(len(trace), 3))
    ]
    assert found == []


def test_every_step_of_the_seed_fits_on_a_projector(qtbot, prefs: Preferences) -> None:  # type: ignore[no-untyped-def]
    # (every step at every point of the matrix is the benchmark's fitcheck_failures)
    config = FitConfig((1024, 768), 2.0, "zh_CN", "projector", True)
    window, trace = window_on("producer-consumer", prefs, qtbot)
    found = [finding.line() for _, finding in check_matrix(window, [config], range(1, len(trace) + 1))]
    assert found == []


def run_fitcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", "fitcheck", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_says_everything_fits_for_the_seed_on_a_projector() -> None:
    done = run_fitcheck(
        "--scenario",
        "producer-consumer",
        "--size",
        "1024x768",
        "--text-scale",
        "2",
        "--lang",
        "zh_CN",
        "--theme",
        "projector",
        "--presenting",
        "--step",
        "20",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "everything essential fits" in done.stdout and "1024x768 2x zh_CN projector presenting" in done.stdout


def test_the_command_lists_what_is_cut_and_exits_1(qapp, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    program = tmp_path / "long_names.py"
    long = "a_generator_with_a_name_so_long_that_no_hand_off_pane_can_show_it_whole_at_three_times_the_text"
    program.write_text(f"def {long}():\n    yield 1\n\ng = {long}()\nnext(g)\n")
    assert fitcheck_main([str(program), "--size", "1024x768", "--text-scale", "3", "--all-steps"]) == 1
    out = capsys.readouterr().out
    assert f"handoff: elided '{long}'" in out
    assert "step " in out and "essential text(s) elided or clipped" in out


def test_bad_input_gets_a_clear_message(qapp, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as bad_size:
        fitcheck_main(["--size", "big"])
    assert bad_size.value.code == 2 and "size must look like" in capsys.readouterr().err
    assert fitcheck_main([str(tmp_path / "missing.py")]) == 2
    assert "missing.py" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_step:
        fitcheck_main(["--scenario", "producer-consumer", "--step", "100000"])
    assert bad_step.value.code == 2 and "--step must be between 1 and" in capsys.readouterr().err


def test_a_caption_grown_by_an_earlier_step_gives_the_running_line_its_rows(qtbot, prefs: Preferences) -> None:  # type: ignore[no-untyped-def]
    # 1024x768 at 3x in the window: the caption band under both columns grows with a long caption and
    # stepping never shrinks it; back at step 1, the code pane needs those rows for a 120-character line
    window, trace = window_on("condition-buffer", prefs, qtbot)
    config = FitConfig((1024, 768), 3.0, "en", "light")
    steps = [*default_steps(len(trace), 10)[1:], 1]  # every later step first, then the first again
    assert [finding.line() for _, finding in check_matrix(window, [config], steps)] == []
