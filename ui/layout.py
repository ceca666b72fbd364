"""The window's adaptive layout: panes with nothing to show give their space away; one pane can take it all.

Owns which panes are on screen. A pane collapses when the *program* gives it nothing
(no hand-off in a program without generators, no message loop in a plain generator
program, no console in a program that prints nothing, no side views in a window without
them): decided once per trace, so the layout never jumps while stepping. Double-clicking a
pane (or a side view's tab), or View > Maximise Pane, gives that pane the whole window and
back. Never paints and never builds a pane model beyond asking whether one is empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from simulator.trace import Trace
from ui.navigation import StepUnit
from ui.render.loop_pane import build_loop_model

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


def empty_panes(window: MainWindow, trace: Trace | None) -> set[QWidget]:
    """The panes this program gives nothing to show, at any step."""
    empty: set[QWidget] = set()
    if window.side_tabs.count() == 0:
        empty.add(window.side_tabs)
    cache = window.cache
    if trace is None or cache is None or len(trace) == 0:
        return empty
    if not cache.navigation.has(StepUnit.HANDOFF):
        empty.add(window.handoff_view)
    if build_loop_model(cache.scene(0.0)).loop is None:
        empty.add(window.loop_view)
    if not trace.console:
        empty.add(window.console_view)
    return empty


class PaneLayout(QObject):
    """Shows and hides the window's panes: collapsed when empty, or all but one when maximised."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.empty: set[QWidget] = set()
        self.maximised: QWidget | None = None
        self.maximise_action = QAction(window)
        self.maximise_action.setShortcut("Z")
        self.maximise_action.triggered.connect(self.toggle_pane_under_mouse)
        window.addAction(self.maximise_action)  # works with the menu bar hidden (presenting)
        for pane in window.panes:
            pane.maximiseRequested.connect(lambda p=pane: self.toggle_maximised(p))
        window.side_tabs.tabBarDoubleClicked.connect(lambda _i: self.toggle_maximised(window.side_tabs))
        self.retranslate()

    def retranslate(self) -> None:
        self.maximise_action.setText(translate("Layout", "Maximise Pane"))
        self.maximise_action.setToolTip(
            translate("Layout", "Give the pane under the mouse the whole window, or every pane back (Z or double-click)")
        )

    @property
    def panes(self) -> tuple[QWidget, ...]:
        w = self.window
        return (w.code_view, w.console_view, w.handoff_view, w.loop_view, w.side_tabs, w.caption_view)

    def adapt(self, trace: Trace | None) -> None:
        """Collapse the panes the new program leaves empty (and leave any maximised pane)."""
        self.empty = empty_panes(self.window, trace)
        if self.maximised in self.empty:
            self.maximised = None
        self.apply()

    def toggle_maximised(self, pane: QWidget) -> None:
        """`pane` alone in the window, or, when it already is, every pane back."""
        self.maximised = None if self.maximised is pane else pane
        self.apply()

    def toggle_pane_under_mouse(self) -> None:
        if self.maximised is not None:
            self.toggle_maximised(self.maximised)
            return
        under = QApplication.widgetAt(QCursor.pos())
        chosen = next((p for p in self.panes if under is not None and (p is under or p.isAncestorOf(under))), None)
        self.toggle_maximised(chosen or self.window.code_view)

    def shown(self, pane: QWidget) -> bool:
        """Whether `pane` should be on screen now."""
        if self.maximised is not None:
            return pane is self.maximised
        return pane not in self.empty

    def apply(self) -> None:
        for pane in self.panes:
            pane.setVisible(self.shown(pane))
        # a splitter with nothing left to show hides too, so its neighbours take its room
        w = self.window
        for splitter in (w.middle, w.left, w.right):
            splitter.setVisible(any(_wants(splitter.widget(i), self) for i in range(splitter.count())))


def _wants(widget: QWidget, layout: PaneLayout) -> bool:
    if isinstance(widget, QSplitter):
        return any(_wants(widget.widget(i), layout) for i in range(widget.count()))
    return layout.shown(widget)
