"""One export running: frames rendered on the GUI thread in short slices, encoded in a worker thread.

Owns the pacing (a QTimer renders a few frames per tick, so the window stays
responsive), the bounded queue between rendering and encoding, progress, cancel, and
the outcome: the finished file under its real name, or nothing at all (the temporary
output is removed on cancel and on any error). Emits `progress(done, total)`, then
exactly one of `finished(path)`, `failed(message)` or `cancelled()`.
"""

from __future__ import annotations

import queue
import threading
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ui.export.frames import FrameRenderer, pixels
from ui.export.options import ExportError, ExportOptions, Format
from ui.export.output import Output, describe_os_error

translate = QCoreApplication.translate

SLICE_S = 0.03  # rendering per tick: short enough that the window answers between ticks
MAX_FRAMES_PER_TICK = 4
QUEUE_BYTES = 96 * 1024 * 1024  # frames waiting for the encoder (at least 2, at most 8)
WAIT_MS = 10  # tick interval while the encoder catches up
JOIN_S = 10.0  # the longest one frame may take to encode when cancelling


class ExportJob(QObject):
    """Renders `positions` with `renderer` and encodes them into `options.out`."""

    progress = Signal(int, int)
    finished = Signal(object)  # Path
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, renderer: FrameRenderer, options: ExportOptions, positions: list[float], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.options = options
        self.positions = positions
        # Creating the temporary output checks the folder now: an unwritable one fails before any work.
        try:
            self._output = Output(options.out, folder=options.format is Format.PNG_SEQUENCE)
        except ExportError:
            renderer.close()
            raise
        w, h = options.size
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue(max(2, min(8, QUEUE_BYTES // (w * h * 4))))
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._encoded = 0
        self._rendered = 0
        self._end_sent = False
        self._over = False
        self._worker = threading.Thread(target=self._encode, name="coroscope-export", daemon=True)
        self._timer = QTimer(self)
        self._timer.setObjectName("exportTicks")
        self._timer.timeout.connect(self._tick)

    @property
    def total(self) -> int:
        return len(self.positions)

    @property
    def running(self) -> bool:
        return not self._over

    def start(self) -> None:
        self._worker.start()
        self._timer.start(0)

    def cancel(self) -> None:
        """Stop now and remove the partial output; `cancelled` follows."""
        if not self._over:
            self._end(None, cancelled=True)

    # --- the worker thread ---------------------------------------------------------------
    def _encode(self) -> None:
        from ui.export.writers import open_writer  # PyAV and Pillow load only when an export runs

        writer = None
        try:
            writer = open_writer(self.options.format, self._output.path, self.options.size, self.options.fps)
            while not self._stop.is_set():
                try:
                    frame = self._queue.get(timeout=0.1)
                except queue.Empty:
                    continue
                if frame is None:
                    writer.close()
                    return
                writer.write(frame)
                self._encoded += 1
            writer.abort()
        except BaseException as exc:  # reported on the GUI thread; the worker only records it
            self._error = exc
            if writer is not None:
                try:
                    writer.abort()
                except Exception:
                    pass  # the first error is the one to report

    # --- the GUI thread ------------------------------------------------------------------
    def _tick(self) -> None:
        if self._error is not None:
            self._end(self._message(self._error))
            return
        try:
            waiting = self._feed()
        except Exception as exc:  # a frame that cannot be drawn ends the export, never the window
            self._end(translate("Export", "Could not draw frame {k}: {reason}").format(k=self._rendered, reason=exc))
            return
        self.progress.emit(self._encoded, self.total)
        if self._end_sent and not self._worker.is_alive():
            if self._error is not None:
                self._end(self._message(self._error))
                return
            try:
                self._output.commit()
            except ExportError as exc:
                self._end(str(exc))
                return
            self._end(None)
            return
        self._timer.setInterval(WAIT_MS if waiting else 0)

    def _feed(self) -> bool:
        """Render a slice of frames into the queue; True when the encoder is the one to wait for."""
        started = time.perf_counter()
        count = 0
        while self._rendered < self.total:
            if self._queue.full():
                return True
            if count >= MAX_FRAMES_PER_TICK or (count and time.perf_counter() - started > SLICE_S):
                return False
            image = self.renderer.render(self.positions[self._rendered])
            self._queue.put_nowait(pixels(image))
            self._rendered += 1
            count += 1
        if not self._end_sent:
            try:
                self._queue.put_nowait(None)
                self._end_sent = True
            except queue.Full:
                pass
        return True

    def _message(self, error: BaseException) -> str:
        if isinstance(error, OSError):
            return describe_os_error(error, self.options.out)
        return translate("Export", "Could not export {name}: {reason}. Nothing was saved.").format(
            name=str(self.options.out), reason=str(error) or type(error).__name__
        )

    def _end(self, error: str | None, cancelled: bool = False) -> None:
        self._over = True
        self._timer.stop()
        self._stop.set()
        if self._worker.is_alive():
            self._worker.join(JOIN_S)
        if cancelled or error is not None:
            self._output.discard()
        self.renderer.close()
        if cancelled:
            self.cancelled.emit()
        elif error is not None:
            self.failed.emit(error)
        else:
            self.progress.emit(self.total, self.total)
            self.finished.emit(self._output.target)


def run_until_done(job: ExportJob, timeout_s: float) -> None:
    """Start `job` and spin the event loop until it ends (the command line has no window to keep alive)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.failed.connect(loop.quit)
    job.cancelled.connect(loop.quit)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(job.cancel)
    deadline.start(int(timeout_s * 1000))
    job.start()
    if job.running:
        loop.exec()
    deadline.stop()
