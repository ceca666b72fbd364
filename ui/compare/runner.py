"""Background re-simulation for the compare views: never on the GUI thread, stale runs cancelled.

Owns `SimulationRequest` (what to simulate) and `CompareRunner` (a QObject that runs
one request at a time on its own single-thread QThreadPool). A new request cancels
the one in flight: the worker checks between models, and results carrying an old
generation number are dropped, so the views only ever show the latest parameters.
Never draws.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from simulator.compare import MODELS, CompareParams, ModelResult, run_model
from simulator.costs import REALISTIC, CostModel, InvalidParameter
from simulator.workload_gen import WorkloadParams, generate
from simulator.workloads import DEFAULT_WORKLOAD, WORKLOADS

SWEEP_COUNTS = (1, 3, 10, 30, 100, 300, 1_000, 3_000, 10_000)


@dataclass(frozen=True)
class SimulationRequest:
    """The model parameters, the task count for the metrics pane, and the sweep's task counts."""

    costs: CostModel = REALISTIC
    workload: WorkloadParams = field(default_factory=lambda: WORKLOADS[DEFAULT_WORKLOAD].params)
    compare: CompareParams = field(default_factory=CompareParams)
    tasks: int = 1_000
    sweep_counts: tuple[int, ...] = SWEEP_COUNTS
    workload_name: str = DEFAULT_WORKLOAD  # which named workload `workload` started from (the view says it)


class _Bridge(QObject):
    """Carries results from the worker thread to the GUI thread (queued signals)."""

    metrics = Signal(int, list)
    sweep = Signal(int, list)
    done = Signal(int)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, request: SimulationRequest, bridge: _Bridge, cancel: threading.Event) -> None:
        super().__init__()
        self.generation, self.request, self.bridge, self.cancel = generation, request, bridge, cancel

    def run(self) -> None:
        req, gen = self.request, self.generation
        try:
            point = self._models(req.tasks)
            if point is None:
                return
            self.bridge.metrics.emit(gen, point)
            so_far: list[ModelResult] = []
            for n in req.sweep_counts:
                results = self._models(n)
                if results is None:
                    return
                so_far.extend(results)
                self.bridge.sweep.emit(gen, list(so_far))
            self.bridge.done.emit(gen)
        except InvalidParameter as exc:
            self.bridge.failed.emit(gen, str(exc))
        except Exception as exc:  # a bug in the engine must reach the user, not kill the worker silently
            self.bridge.failed.emit(gen, f"simulation failed: {exc!r}")

    def _models(self, tasks: int) -> list[ModelResult] | None:
        req = self.request
        workload = generate(replace(req.workload, tasks=tasks))
        out = []
        for model in MODELS:
            if self.cancel.is_set():
                return None
            out.append(run_model(model, workload, req.costs, req.compare))
        return out


class CompareRunner(QObject):
    """Runs the latest SimulationRequest in the background and reports its results."""

    metricsReady = Signal(list)  # list[ModelResult] at the request's task count
    sweepProgress = Signal(list)  # list[ModelResult] so far, growing
    finished = Signal()
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one simulation at a time: the machine's cores are for the window
        self._bridge = _Bridge()
        self._bridge.metrics.connect(self._on_metrics)
        self._bridge.sweep.connect(self._on_sweep)
        self._bridge.done.connect(self._on_done)
        self._bridge.failed.connect(self._on_failed)
        self._generation = 0
        self._cancel = threading.Event()
        self._busy = False

    def request(self, request: SimulationRequest) -> None:
        """Simulate `request`, cancelling whatever ran before."""
        request.costs.validate()
        request.compare.validate()
        request.workload.validate()
        self._cancel.set()
        self._cancel = threading.Event()
        self._generation += 1
        self._pool.start(_Job(self._generation, request, self._bridge, self._cancel))
        self._set_busy(True)

    def cancel(self) -> None:
        """Stop the run in flight (its results will be dropped)."""
        self._cancel.set()
        self._generation += 1
        self._set_busy(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (tests, shutdown); False on timeout."""
        return self._pool.waitForDone(msecs)

    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    @Slot(int, list)
    def _on_metrics(self, generation: int, results: list[ModelResult]) -> None:
        if generation == self._generation:
            self.metricsReady.emit(results)

    @Slot(int, list)
    def _on_sweep(self, generation: int, results: list[ModelResult]) -> None:
        if generation == self._generation:
            self.sweepProgress.emit(results)

    @Slot(int)
    def _on_done(self, generation: int) -> None:
        if generation == self._generation:
            self._set_busy(False)
            self.finished.emit()

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._set_busy(False)
            self.failed.emit(message)
