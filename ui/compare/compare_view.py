"""The compare view: parameter panel on the side; the workload, a one-line reading, metrics and chart beside it.

Owns the wiring: panel edits are debounced, then re-simulated in the background by a
CompareRunner; results flow into the metrics pane and the chart as they arrive; a
heading says which workload is shown and a line reads the chart in words; a status
line says what is running. Text follows the theme's scale. Never simulates on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.compare.metrics_pane import MetricsPane
from ui.compare.params_panel import ParamsPanel
from ui.compare.reading import reading, workload_title
from ui.compare.runner import CompareRunner
from ui.compare.scaling_chart import ScalingChart
from ui.render import fit
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
        self.status.setWordWrap(True)
        self.heading = QLabel()  # which workload is shown
        self.heading.setWordWrap(True)
        self.reading = QLabel()  # the chart, read in one line
        self.reading.setWordWrap(True)
        self.runner = CompareRunner(self)
        content = QWidget()
        right_layout = QVBoxLayout(content)
        right_layout.setContentsMargins(8, 4, 4, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.reading)
        right_layout.addWidget(self.metrics)
        right_layout.addWidget(self.chart, 1)
        # large text on a small screen: the figures scroll rather than shrink until they are cut
        right = QScrollArea()
        right.setWidget(content)
        right.setWidgetResizable(True)
        right.setFrameShape(QFrame.Shape.NoFrame)
        right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.runner.sweepProgress.connect(self._read)
        self.runner.busyChanged.connect(self._busy)
        self.runner.failed.connect(self._failed)
        self._autostart = autostart  # simulate when first shown, so a hidden tab costs no CPU
        self._side = side_scroll
        self._side_content = side
        self._workload = self.panel.request().workload_name
        self.heading.setText(workload_title(self._workload))
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        """Colours and the text scale, for every part of the view (form controls included)."""
        self.metrics.set_theme(theme)
        self.chart.set_theme(theme)
        self.panel.set_font_scale(theme.font_scale)
        for label, size, bold in ((self.heading, 10.0, True), (self.reading, 10.0, False), (self.status, 9.0, False)):
            font = QFont(label.font())
            font.setPointSizeF(size * theme.font_scale)
            font.setBold(bold)
            label.setFont(font)
        self._side_content.adjustSize()
        self._side.setFixedWidth(self._side_content.sizeHint().width() + 16)

    def simulate(self) -> None:
        """Re-simulate with the panel's parameters now (in the background)."""
        self._debounce.stop()
        request = self.panel.request()
        self._workload = request.workload_name
        self.heading.setText(workload_title(self._workload, request.costs.name))
        self.reading.clear()
        self.runner.request(request)

    def _read(self, results: list) -> None:
        self.reading.setText(reading(results))

    def show_results(self, workload: str, scaling: list) -> None:
        """Name the workload and read the sweep (a screenshot sets its figures itself)."""
        self._workload = workload
        self.heading.setText(workload_title(workload, self.panel.request().costs.name))
        self._read(scaling)
        self.status.setText(translate("Compare", "up to date"))

    def clipped_controls(self) -> list[fit.Misfit]:
        """Form labels and controls narrower than their text needs (cut by the side panel), as fit misfits."""
        found = []
        for label in self.panel.findChildren(QLabel):
            if label.text() and not label.wordWrap() and label.width() < label.sizeHint().width() - 1:
                found.append(fit.Misfit("compare", label.text(), "", "clipped"))
        for box in self.panel.findChildren(QComboBox):
            if box.width() < box.sizeHint().width() - 1:
                found.append(fit.Misfit("compare", box.currentText(), "", "clipped"))
        return found

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
