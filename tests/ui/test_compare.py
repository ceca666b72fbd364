"""The compare views: figures drawn where a reader looks for them, and re-simulation off the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from simulator.compare import ModelResult
from simulator.costs import MS, US
from ui.compare import runner as runner_module
from ui.compare.compare_view import CompareView
from ui.compare.metrics_pane import draw_metrics, split_brushes
from ui.compare.runner import CompareRunner, SimulationRequest
from ui.compare.scaling_chart import draw_scaling, log_position
from ui.compare.style import format_bytes, format_count, model_style
from ui.theme import LIGHT, PROJECTOR


def result(name: str, tasks: int, switches: int, memory: int, throughput: float = 1000.0) -> ModelResult:
    return ModelResult(name, tasks, tasks / throughput, throughput, 0.6, 0.3, 0.1, switches, switches, 0, memory)


def hand_made_sweep() -> list[ModelResult]:
    out = []
    for n in (1, 10, 100, 1000, 10_000):
        out.append(result("threads", n, n * (10 + n // 10), 13_000 * n))  # per task: 10 rising to 1,010
        out.append(result("coroutines", n, 0, 1_100 * n))
    return out


def render(fn, results, theme=LIGHT, size=(1200, 400)) -> QImage:
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    fn(painter, QRect(0, 0, *size), results, theme)
    painter.end()
    return image


def count_colour(image: QImage, rect: QRect, colour: int, tolerance: int = 24) -> int:
    """Pixels in rect within `tolerance` of colour on every channel (antialiased lines blend a little)."""
    want = [(colour >> s) & 0xFF for s in (16, 8, 0)]

    def near(p: int) -> bool:
        return all(abs(((p >> s) & 0xFF) - w) <= tolerance for s, w in zip((16, 8, 0), want, strict=True))

    return sum(1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
               if near(image.pixel(x, y)))


def test_log_axis_positions() -> None:
    assert log_position(1, 1, 10_000) == 0.0
    assert log_position(100, 1, 10_000) == pytest.approx(0.5)
    assert log_position(10_000, 1, 10_000) == pytest.approx(1.0)
    assert log_position(0, 1, 10_000) == 0.0  # zero switches sit on the floor, never crash log10


def test_scaling_chart_draws_threads_rising_and_coroutines_flat_in_the_switch_chart(qapp: object) -> None:
    image = render(draw_scaling, hand_made_sweep())
    threads = model_style("threads", LIGHT).colour.rgb() & 0xFFFFFF
    coroutines = model_style("coroutines", LIGHT).colour.rgb() & 0xFFFFFF
    # the switch chart is the middle third: threads climb to its top, coroutines hug its floor
    middle_top = QRect(400, 20, 400, 120)
    middle_floor = QRect(430, 330, 370, 30)
    assert count_colour(image, middle_top, threads) > 20
    assert count_colour(image, middle_top, coroutines) == 0
    assert count_colour(image, middle_floor, coroutines) > 50


def test_metrics_pane_shows_the_cpu_split_by_pattern(qapp: object) -> None:
    rows = [result("threads", 100, 1000, 1_300_000), result("coroutines", 100, 0, 110_000)]
    image = render(draw_metrics, rows, size=(1000, 200))
    running = LIGHT.running.rgb() & 0xFFFFFF
    assert count_colour(image, QRect(680, 30, 320, 60), running) > 500  # the useful part of the bars
    styles = {name: b.style() for name, b in split_brushes(LIGHT).items()}
    assert len(set(styles.values())) == 4  # useful, switching, start-up, idle differ by pattern, not colour alone
    empty = render(draw_metrics, [], size=(1000, 200))
    assert count_colour(empty, QRect(680, 30, 320, 60), running) == 0


def test_number_formats() -> None:
    assert format_count(12) == "12" and format_count(3400) == "3.4k" and format_count(1_200_000) == "1.2M"
    assert format_bytes(13_312) == "13.3 kB" and format_bytes(8 * 10**9) == "8 GB" and format_bytes(500) == "500 B"


def test_projector_theme_renders(qapp: object) -> None:
    image = render(draw_scaling, hand_made_sweep(), theme=PROJECTOR)
    assert count_colour(image, QRect(0, 0, 1200, 400), model_style("threads", PROJECTOR).colour.rgb() & 0xFFFFFF) > 50


def small_request(**overrides: object) -> SimulationRequest:
    from simulator.workload_gen import WorkloadParams

    base = SimulationRequest(workload=WorkloadParams(io_count=2), tasks=5, sweep_counts=(1, 10))
    return SimulationRequest(**{**base.__dict__, **overrides})


def test_runner_simulates_off_the_gui_thread(qtbot, monkeypatch) -> None:
    threads_seen = set()
    real = runner_module.run_model

    def spy(*args, **kwargs):
        threads_seen.add(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(runner_module, "run_model", spy)
    runner = CompareRunner()
    with (qtbot.waitSignal(runner.finished, timeout=20_000),
          qtbot.waitSignal(runner.metricsReady, timeout=20_000) as metrics):
        runner.request(small_request())
    assert runner.wait(5_000)
    assert threading.get_ident() not in threads_seen
    assert {r.name for r in metrics.args[0]} == {"threads", "pool", "coroutines", "processes"}
    assert all(r.tasks == 5 for r in metrics.args[0])


def test_a_newer_request_cancels_the_stale_one(qtbot) -> None:
    runner = CompareRunner()
    seen: list[list[ModelResult]] = []
    runner.metricsReady.connect(seen.append)
    runner.request(small_request(tasks=7, sweep_counts=(1, 10, 100, 1000)))
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        runner.request(small_request(tasks=3))
    assert runner.wait(30_000)
    assert seen and all(r.tasks == 3 for r in seen[-1])
    assert all(all(r.tasks == 3 for r in batch) for batch in seen)  # the stale run's results never arrive


def test_bad_parameters_are_named_in_the_panel_and_nothing_runs(qtbot) -> None:
    view = CompareView(autostart=False)
    qtbot.addWidget(view)
    started = []
    view.runner.busyChanged.connect(started.append)
    view.panel.switch_us.setValue(5_000.0)  # 5 ms switch cost ...
    view.panel.slice_ms.setValue(1.0)  # ... longer than a 1 ms slice
    assert "time_slice_ns" in view.panel.error.text()
    qtbot.wait(400)
    assert started == []
    view.panel.slice_ms.setValue(20.0)
    assert view.panel.error.text() == ""
    assert view.panel.request().costs.time_slice_ns == 20 * MS
    assert view.panel.request().costs.switch_ns == 5_000 * US
    assert view.shutdown(30_000)


def test_editing_a_parameter_resimulates_in_the_background(qtbot) -> None:
    view = CompareView(autostart=False)
    qtbot.addWidget(view)
    view.panel.tasks.setValue(4)
    view.panel.io_ms.setValue(0.2)
    with qtbot.waitSignal(view.runner.metricsReady, timeout=30_000):
        view.panel.cpus.setValue(2)
    assert all(r.tasks == 4 for r in view.metrics.results())
    assert view.shutdown(60_000)
    assert view.status.text() != ""


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    from ui.i18n import CHINESE, ENGLISH, app_translations

    app_translations().set_language(CHINESE)
    yield
    app_translations().set_language(ENGLISH)


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("scale", [2.0, 3.0])
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_compare_view_cuts_no_essential_text_at_lecture_sizes(qapp, request, size, scale, lang) -> None:
    from ui.compare.screenshot import compare_misfits, compare_widget

    if lang == "zh_CN":
        request.getfixturevalue("chinese")
    theme = PROJECTOR.scaled(scale)
    assert compare_misfits(size, theme, tasks=100, counts=(1, 10, 100, 1000)) == []
    view = compare_widget(size, theme, tasks=100, counts=(1, 10, 100, 1000))
    # the figures keep most of the width; the form is no wider than it must be
    assert view._side.width() < size[0] * 0.4
    assert view.metrics.height() >= view.metrics.heightForWidth(view.metrics.width())
    assert view.chart.height() >= view.chart.heightForWidth(view.chart.width())
    view.shutdown(1_000)


def test_the_fit_check_sees_text_cut_in_a_view_too_small_for_it(qapp) -> None:
    from ui.compare.screenshot import compare_misfits

    found = compare_misfits((420, 400), PROJECTOR.scaled(3.0), tasks=100, counts=(1, 10, 100, 1000))
    assert any(m.text.startswith("makespan") for m in found)  # so an empty list above means something


def test_the_reading_says_what_the_chart_shows_in_both_languages(qapp, request) -> None:
    from ui.compare.reading import reading

    sweep = hand_made_sweep()
    text = reading(sweep)
    assert text.startswith("At 10,000 tasks threads spend") and "coroutines" in text
    assert reading(sweep[:1]) == ""  # no coroutines yet: nothing to read
    request.getfixturevalue("chinese")
    assert "10,000" in reading(sweep) and "协程" in reading(sweep)


def test_the_panel_and_the_command_line_share_one_preset_definition(qtbot) -> None:
    from simulator.compare import setup

    view = CompareView(autostart=False)
    qtbot.addWidget(view)
    view.panel.workload.setCurrentIndex(view.panel.workload.findData("cpu-bound"))
    view.panel.preset.setCurrentIndex(view.panel.preset.findData("teaching"))
    req = view.panel.request()
    costs, workload, params = setup("teaching", "cpu-bound")
    assert (req.costs, req.workload, req.compare, req.workload_name) == (costs, workload, params, "cpu-bound")
    view.simulate()
    assert "CPU-bound" in view.heading.text() and "exaggerated" in view.heading.text()
    assert view.shutdown(60_000)


def test_the_windows_text_scale_reaches_the_compare_form_and_figures(side_window) -> None:
    win, views = side_window
    view = views.compare
    before = view.panel.cpus.font().pointSizeF()
    win.set_text_scale(2.0)
    assert view.panel.cpus.font().pointSizeF() == pytest.approx(2 * before, rel=0.05)
    assert view.heading.font().pointSizeF() > 2 * 9
    assert view.metrics.sizeHint().height() > 2 * 150
    win.set_text_scale(1.0)
