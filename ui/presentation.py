"""Presentation mode: full screen on the chosen screen, chrome hidden, a black screen on demand.

Owns presenting (what it hides and how to put it back), the blank screen and the
choice of screen. It never draws a pane and never decides colours: the window asks
`wants_projector_theme()` when it builds its theme. Keys (F5, Esc, B, ".") are the
window's actions; the presenter's Next and Previous keys are swapped in by
`Actions.set_presenting_keys` and win over focused widgets through ui.keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class BlankScreen(QWidget):
    """A black cover over the whole window (the audience sees nothing; the keys still work)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.covered = parent
        self.setObjectName("blankScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.covered and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.covered.rect())
        return False

    def cover(self, on: bool) -> None:
        if on:
            self.setGeometry(self.covered.rect())
            self.raise_()
        self.setVisible(on)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        painter.end()


@dataclass
class _Before:
    """What presenting changed, to put back when it ends."""

    geometry: QByteArray
    state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    transport: bool


def screen_names() -> list[str]:
    return [screen.name() for screen in QGuiApplication.screens()]


class Presentation(QObject):
    """Starts and ends presenting for one window."""

    presentingChanged = Signal(bool)
    blankChanged = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.blank = BlankScreen(window)
        self._before: _Before | None = None

    @property
    def presenting(self) -> bool:
        return self._before is not None

    @property
    def blanked(self) -> bool:
        return self.blank.isVisible()

    def wants_projector_theme(self) -> bool:
        return self.presenting and self.window.prefs.projector_when_presenting

    def chosen_screen(self) -> QScreen | None:
        """The screen remembered for presenting, if it is still connected; else the window's own."""
        wanted = self.window.prefs.present_screen
        for screen in QGuiApplication.screens():
            if screen.name() == wanted:
                return screen
        return self.window.screen()

    def start(self, fill_screen: bool = True) -> None:
        """Hide the chrome and (unless `fill_screen` is False, as for screenshots) go full screen."""
        if self.presenting:
            return
        w = self.window
        self._before = _Before(
            w.saveGeometry(),
            w.windowState(),
            w.menuBar().isVisibleTo(w),
            w.statusBar().isVisibleTo(w),
            w.transport.isVisibleTo(w),
        )
        w.menuBar().hide()
        w.statusBar().hide()
        w.transport.hide()
        w.actions_.set_presenting_keys(True)
        if fill_screen:
            screen = self.chosen_screen()
            if screen is not None and screen is not w.screen():
                # leave any full screen first: a window moves between screens only when normal
                w.showNormal()
                w.setGeometry(screen.availableGeometry())
            w.showFullScreen()
        self.presentingChanged.emit(True)

    def stop(self) -> None:
        """Put the chrome, the window's size and its screen back as they were."""
        before = self._before
        if before is None:
            return
        self._before = None
        self.set_blank(False)
        w = self.window
        w.actions_.set_presenting_keys(False)
        w.menuBar().setVisible(before.menu_bar)
        w.statusBar().setVisible(before.status_bar)
        w.transport.setVisible(before.transport)
        if before.state & Qt.WindowState.WindowFullScreen:
            w.showFullScreen()
        else:
            w.showNormal()
            w.restoreGeometry(before.geometry)
            if before.state & Qt.WindowState.WindowMaximized:
                w.showMaximized()
        self.presentingChanged.emit(False)

    def set_presenting(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()

    def set_blank(self, on: bool) -> None:
        if on != self.blanked:
            self.blank.cover(on)
            self.blankChanged.emit(on)
