"""The side panel of model parameters: workload, preset, CPUs, time slice, switch cost, IO latency, tasks.

Owns the editors, their units and ranges, the workload choice (IO-bound, the seed's
case, or CPU-bound), the preset choice (realistic / teaching, labelled as exaggerated;
both from simulator.compare.setup, the definition the command line uses too), their
fonts at the theme's text scale, and turning them into a SimulationRequest. A bad
combination (a slice shorter than the switch cost) is shown in the panel, named,
and nothing is run. Never simulates.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from simulator.compare import CompareParams, setup
from simulator.costs import MS, US, CostModel, InvalidParameter
from simulator.workload_gen import WorkloadParams
from simulator.workloads import DEFAULT_WORKLOAD
from ui.compare.runner import SimulationRequest

translate = QCoreApplication.translate


def _double(lo: float, hi: float, decimals: int, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)  # re-simulate when the number is finished, not on every digit
    return box


class ParamsPanel(QWidget):
    """Edits the parameters; `changed` fires when a valid set is entered."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        costs, workload, compare = setup("realistic", DEFAULT_WORKLOAD)
        self._base: CostModel = costs
        self._compare: CompareParams = compare
        self.workload = QComboBox()
        self.workload.addItem("", "io-bound")
        self.workload.addItem("", "cpu-bound")
        self.preset = QComboBox()
        self.preset.addItem("", "realistic")
        self.preset.addItem("", "teaching")
        self.cpus = QSpinBox()
        self.cpus.setRange(1, 256)
        self.cpus.setKeyboardTracking(False)
        self.slice_ms = _double(0.01, 1000.0, 2, " ms")
        self.switch_us = _double(0.01, 100_000.0, 2, " µs")
        self.io_ms = _double(0.01, 10_000.0, 2, " ms")
        self.tasks = QSpinBox()
        self.tasks.setRange(1, 10_000)
        self.tasks.setKeyboardTracking(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D55E00;")
        self._labels = [QLabel() for _ in range(7)]
        form = QFormLayout(self)
        self._form = form
        for label, field in zip(
            self._labels, (self.workload, self.preset, self.cpus, self.slice_ms, self.switch_us, self.io_ms,
                           self.tasks), strict=True
        ):
            form.addRow(label, field)
        self.retranslate()
        form.addRow(self.error)
        self._loading = False
        self.load(costs, workload, tasks=1_000)
        self.workload.currentIndexChanged.connect(self._preset_chosen)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        for box in (self.cpus, self.slice_ms, self.switch_us, self.io_ms, self.tasks):
            box.valueChanged.connect(self._edited)

    def retranslate(self) -> None:
        """Every label and tooltip in the current language (also on a language switch)."""
        self.workload.setItemText(0, translate("Compare", "IO-bound"))
        self.workload.setItemText(1, translate("Compare", "CPU-bound"))
        self.workload.setToolTip(translate(
            "Compare", "IO-bound: each task waits on 10 network replies (~50 ms) and computes 20 µs after each. "
                       "CPU-bound: each task computes 3 × 5 ms in C code that releases the GIL."))
        self.preset.setItemText(0, translate("Compare", "realistic"))
        self.preset.setItemText(1, translate("Compare", "teaching"))  # the heading says it is exaggerated
        self.preset.setToolTip(
            translate("Compare", "Realistic costs, or costs stretched so microsecond effects can be seen"))
        self.cpus.setToolTip(translate("Compare", "How many CPUs the modelled machine has"))
        self.slice_ms.setToolTip(
            translate("Compare", "OS time slice: how long a thread may run before it is preempted"))
        self.switch_us.setToolTip(translate("Compare", "Direct cost of one context switch"))
        self.io_ms.setToolTip(translate("Compare", "Mean latency of one IO wait"))
        self.tasks.setToolTip(
            translate("Compare", "How many tasks the metrics pane compares (the chart sweeps 1 to 10,000)"))
        texts = (
            translate("Compare", "Workload"),
            translate("Compare", "Preset"),
            translate("Compare", "CPUs"),
            translate("Compare", "Time slice"),
            translate("Compare", "Switch cost"),
            translate("Compare", "IO latency"),
            translate("Compare", "Tasks"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, costs: CostModel, workload: WorkloadParams, tasks: int) -> None:
        """Show these parameters (without signalling a change)."""
        self._loading = True
        self._base = costs
        self._workload = workload
        self.cpus.setValue(costs.cpus)
        self.slice_ms.setValue(costs.time_slice_ns / MS)
        self.switch_us.setValue(costs.switch_ns / US)
        self.io_ms.setValue(workload.io_ns / MS)
        self.tasks.setValue(tasks)
        self._loading = False

    def request(self) -> SimulationRequest:
        """The parameters as a request; raises InvalidParameter naming the bad one."""
        costs = self._base.with_overrides(
            cpus=self.cpus.value(),
            time_slice_ns=round(self.slice_ms.value() * MS),
            switch_ns=round(self.switch_us.value() * US),
        )
        workload = replace(self._workload, io_ns=round(self.io_ms.value() * MS)).validate()
        return SimulationRequest(costs=costs, workload=workload, compare=self._compare, tasks=self.tasks.value(),
                                 workload_name=self.workload.currentData())

    def set_font_scale(self, scale: float) -> None:
        """Every label and editor at the text scale (the window's Theme.font_scale)."""
        font = QFont(self.font())
        font.setPointSizeF(9.0 * scale)
        # at large text each label goes above its field, so the panel stays narrow
        policy = QFormLayout.RowWrapPolicy.WrapAllRows if scale >= 1.5 else QFormLayout.RowWrapPolicy.WrapLongRows
        self._form.setRowWrapPolicy(policy)
        for widget in (self, *self._labels, self.workload, self.preset, self.cpus, self.slice_ms, self.switch_us,
                       self.io_ms, self.tasks, self.error):
            widget.setFont(font)
        self.updateGeometry()

    def _preset_chosen(self) -> None:
        costs, workload, compare = setup(self.preset.currentData(), self.workload.currentData())
        self._compare = compare
        self.load(costs, workload, self.tasks.value())
        self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        try:
            self.request()
        except InvalidParameter as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.changed.emit()
