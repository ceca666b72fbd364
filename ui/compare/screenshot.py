"""The compare view as a picture, computed synchronously: for `coroscope screenshot --view compare` and fit checks.

Owns `compare_widget(size, theme, ...)` (a CompareView filled with the results of a
preset and a named workload, laid out at `size`), `render_compare` (its PNG image) and
`compare_misfits` (the essential text it had to shorten, from ui.render.fit). The
widget, its form controls, heading and reading are the window's own; nothing is faked.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from simulator.compare import ModelResult, compare, setup, sweep
from simulator.workload_gen import generate
from simulator.workloads import DEFAULT_WORKLOAD
from ui.compare.compare_view import CompareView
from ui.compare.runner import SWEEP_COUNTS
from ui.render import fit
from ui.theme import Theme

_cache: dict[tuple[str, str, int, tuple[int, ...]], tuple[list[ModelResult], list[ModelResult]]] = {}


def _results(preset: str, workload: str, tasks: int,
             counts: tuple[int, ...]) -> tuple[list[ModelResult], list[ModelResult]]:
    key = (preset, workload, tasks, counts)
    if key not in _cache:  # the sweep takes seconds; a fit check renders the same figures many times
        costs, params, compare_params = setup(preset, workload)
        point = compare(generate(replace(params, tasks=tasks)), costs, compare_params)
        _cache[key] = (point, sweep(counts, params, costs, compare_params))
    return _cache[key]


def compare_widget(size: tuple[int, int], theme: Theme, preset: str = "realistic",
                   workload: str = DEFAULT_WORKLOAD, tasks: int = 1_000,
                   counts: tuple[int, ...] = SWEEP_COUNTS) -> CompareView:
    """A CompareView at `size` showing these figures (it never starts a background run)."""
    view = CompareView(theme=theme, autostart=False)
    index = view.panel.workload.findData(workload)
    view.panel.workload.setCurrentIndex(max(0, index))
    view.panel.preset.setCurrentIndex(max(0, view.panel.preset.findData(preset)))
    view.panel.tasks.setValue(tasks)
    view._debounce.stop()  # the panel's edits above are not a user's: nothing runs in the background
    point, scaling = _results(preset, workload, tasks, counts)
    view.metrics.set_results(point)
    view.chart.set_results(scaling)
    view.show_results(workload, scaling)
    view.resize(*size)
    layout = view.layout()
    if layout is not None:
        layout.activate()
    QCoreApplication.processEvents()
    return view


def render_compare(size: tuple[int, int], theme: Theme, **kwargs: object) -> QImage:
    """The compare view as an image of `size`."""
    view = compare_widget(size, theme, **kwargs)  # type: ignore[arg-type]
    try:
        return view.grab().toImage()
    finally:
        view.shutdown(1_000)
        view.deleteLater()


def compare_misfits(size: tuple[int, int], theme: Theme, **kwargs: object) -> list[fit.Misfit]:
    """Every essential text the compare view shortened at this size and theme."""
    view = compare_widget(size, theme, **kwargs)  # type: ignore[arg-type]
    try:
        with fit.collecting() as found:
            view.grab()
        found.extend(view.clipped_controls())
        return found
    finally:
        view.shutdown(1_000)
        view.deleteLater()
