"""The fit check over the whole matrix (issue 10): essential text cut anywhere, counted.

- fitcheck_failures: every built-in scenario in a window laid out offscreen at 1024x768,
  1366x768, 1920x1080 and 3840x2160, text 1x, 1.5x, 2x, 2.5x and 3x, English and Chinese,
  light, dark and projector, in the window and presenting; at every step of the seed and at
  ten steps spread over each other scenario. Each essential text elided or clipped at one
  step counts once. The breakdown by pane is printed to stderr.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import Figure


def fitcheck_failures() -> Figure:
    from PySide6.QtCore import QSettings

    from simulator.scenarios import list_scenarios
    from ui.app import build_window
    from ui.fitcheck import check_matrix, matrix, wait_for_side_views
    from ui.fitcheck_cli import default_steps
    from ui.settings import Preferences
    from ui.tracing import TraceRequest, trace_synchronously

    by_pane: Counter[str] = Counter()
    examples: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="coroscope-bench-fit-") as folder:
        for scenario in list_scenarios():
            prefs = Preferences(QSettings(f"{folder}/{scenario.name}.ini", QSettings.Format.IniFormat))
            window = build_window("en", "light", prefs)
            trace = trace_synchronously(TraceRequest(scenario.path))
            window.load_trace(trace, scenario.path, scenario.path.read_text(), scenario.name)
            window.show()
            wait_for_side_views(window)
            every = scenario.name == "producer-consumer"
            steps = range(1, len(trace) + 1) if every else default_steps(len(trace))
            for config, finding in check_matrix(window, matrix(), steps):
                by_pane[finding.misfit.pane] += 1
                examples.setdefault(finding.misfit.pane, f"{scenario.name} {config.describe()}: {finding.line()}")
            window.close()
    for pane, count in by_pane.most_common():
        print(f"  fitcheck {pane}: {count}, e.g. {examples[pane]}", file=sys.stderr)
    return Figure(float(sum(by_pane.values())), "texts", 0.0, higher_is_better=False)


METRICS = {"fitcheck_failures": fitcheck_failures}
