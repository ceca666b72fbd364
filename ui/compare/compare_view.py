"""The compare view: parameter panel on the side, metrics pane and scaling chart beside it.

Owns the wiring: panel edits are debounced, then re-simulated in the background by a
CompareRunner; results flow into the metrics pane and the chart as they arrive; a
status line says what is running. Never simulates on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ui.compare.metrics_pane import MetricsPane
from ui.compare.params_panel import ParamsPanel
from ui.compare.runner import CompareRunner
from ui.compare.scaling_chart import ScalingChart
from ui.theme import LIGHT, Theme

translate = QCoreApplication.translate

DEBOUNCE_MS = 250


class CompareView(QWidget):
    """Metrics and scaling for the four models, re-simulated when a parameter changes."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT, autostart: bool = True) -> None:
        super().__init__(parent)
        self.panel = ParamsPanel()
        self.metrics = MetricsPane(theme=theme)
        self.chart = ScalingChart(theme=theme)
        self.status = QLabel()
        self.runner = CompareRunner(self)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.metrics)
        right.addWidget(self.chart)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.panel)
        side_layout.addWidget(self.status)
        side_layout.addStretch(1)
        # the parameters scroll, so this view never forces the window to be taller
        side_scroll = QScrollArea()
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setMinimumWidth(side.sizeHint().width() + 16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side_scroll)
        layout.addWidget(right, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.simulate)
        self.panel.changed.connect(self._debounce.start)
        self.runner.metricsReady.connect(self.metrics.set_results)
        self.runner.sweepProgress.connect(self.chart.set_results)
        self.runner.busyChanged.connect(self._busy)
        self.runner.failed.connect(self._failed)
        self._autostart = autostart  # simulate when first shown, so a hidden tab costs no CPU

    def set_theme(self, theme: Theme) -> None:
        self.metrics.set_theme(theme)
        self.chart.set_theme(theme)

    def simulate(self) -> None:
        """Re-simulate with the panel's parameters now (in the background)."""
        self._debounce.stop()
        self.runner.request(self.panel.request())

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Cancel and wait for the worker (before the window closes)."""
        self._debounce.stop()
        self.runner.cancel()
        return self.runner.wait(msecs)

    def _busy(self, busy: bool) -> None:
        self.status.setText(
            translate("Compare", "simulating in the background…") if busy else translate("Compare", "up to date")
        )

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def showEvent(self, event: QShowEvent) -> None:
        if self._autostart:
            self._autostart = False
            QTimer.singleShot(0, self.simulate)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
