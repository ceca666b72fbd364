"""File > Export… in the window: the dialog, a progress window with Cancel, and the outcome in the window.

Owns one export at a time for one window: it builds the hidden export window from the
user's (so the user's program and position never move), starts the job, and reports
success in the status line and failure in the window's banner. Imports the rendering
and encoding modules only when an export starts, so the window opens as fast as before.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from ui.export.options import ExportError, ExportOptions

if TYPE_CHECKING:
    from ui.export.job import ExportJob
    from ui.main_window import MainWindow

translate = QCoreApplication.translate
STATUS_MS = 10_000


class ExportController(QObject):
    """The window's export command."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.action = window.actions_["export"]
        self.action.triggered.connect(self.choose)
        self.action.setEnabled(False)
        window.player.traceChanged.connect(lambda trace: self.action.setEnabled(bool(trace is not None and len(trace))))
        window.closing.connect(self.cancel)

    def choose(self) -> None:
        """Ask what to export, then export it."""
        from ui.export.dialog import ExportDialog

        window, player = self.window, self.window.player
        if player.trace is None or self.running:
            return
        folder = window.program.parent if window.program is not None else Path.home()
        stem = window.program.stem if window.program is not None else "coroscope"
        dialog = ExportDialog(
            window, len(player.trace), player.event_index + 1, player.speed, window.size(), folder / f"{stem}.mp4",
            real_time=player.real_time,
        )
        try:
            if dialog.exec() and dialog.result_options is not None:
                # at the real-time pace, slowed down as the window's virtual real time is
                self.start(replace(dialog.result_options, dilation=player.dilation))
        finally:
            dialog.deleteLater()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(self, options: ExportOptions) -> ExportJob | None:
        """Export the window's trace as `options` says; None (and a message in the window) when it cannot start."""
        from ui.export.frames import FrameRenderer, export_window_like
        from ui.export.job import ExportJob
        from ui.export.timeline_of_frames import frame_positions

        window, trace = self.window, self.window.player.trace
        if trace is None or self.running:
            return None
        try:
            options = options.checked(len(trace))
            positions = frame_positions(trace, options)
            export_window, settings = export_window_like(window)
            job = ExportJob(FrameRenderer(export_window, options, settings), options, positions, self)
        except ExportError as exc:
            window.banner.show_message(str(exc), with_show_button=False)
            return None
        progress = QProgressDialog(
            translate("Export", "Exporting {name}…").format(name=options.out.name),
            translate("Export", "Cancel"),
            0,
            job.total,
            window,
        )
        progress.setWindowTitle(translate("Export", "Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(job.cancel)
        job.progress.connect(lambda done, _total: progress.setValue(done))
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job, self.progress = job, progress
        progress.show()
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect()
            progress.close()
            progress.deleteLater()

    def _finished(self, path: Path) -> None:
        self._close_progress()
        self.window.statusBar().showMessage(translate("Export", "Saved {path}").format(path=str(path)), STATUS_MS)

    def _failed(self, message: str) -> None:
        self._close_progress()
        self.window.banner.show_message(message, with_show_button=False)

    def _cancelled(self) -> None:
        self._close_progress()
        self.window.statusBar().showMessage(translate("Export", "Export cancelled; nothing was saved."), STATUS_MS)
