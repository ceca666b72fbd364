"""Unexpected errors inside the UI: logged, shown in a dialog, and the app keeps running.

Owns the sys.excepthook the app installs. The dialog is non-modal (`open()`), so an
error never blocks the event loop, and repeated errors reuse one dialog.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("coroscope.ui")
translate = QCoreApplication.translate


class ErrorReporter:
    """Shows uncaught exceptions to the user instead of crashing the app."""

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.report

    def uninstall(self) -> None:
        if sys.excepthook == self.report:
            sys.excepthook = self._previous

    def report(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, tb)
            return
        self.count += 1
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error in the user interface:\n%s", details)
        if QApplication.instance() is None:
            return
        if self.dialog is None:
            self.dialog = QMessageBox(self._parent())
            self.dialog.setIcon(QMessageBox.Icon.Warning)
            self.dialog.setWindowTitle(translate("Errors", "Coroscope: something went wrong"))
        self.dialog.setText(
            translate(
                "Errors", "An unexpected error happened: {error}. Coroscope keeps running; the details were logged."
            ).format(error=f"{kind.__name__}: {value}")
        )
        self.dialog.setDetailedText(details)
        self.dialog.open()
