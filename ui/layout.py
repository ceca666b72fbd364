"""The window's adaptive layout: panes with nothing to show give their space away; one pane can take it all.

Owns which panes are on screen. A pane collapses when the *program* gives it nothing
(no hand-off in a program without generators, no message loop in a plain generator
program, no console in a program that prints nothing, no side views in a window without
them): decided once per trace, so the layout never jumps while stepping. Double-clicking a
pane (or a side view's tab), or View > Maximise Pane, gives that pane the whole window and
back. The caption and hand-off panes are kept at least as tall as their text needs (taken
from the loop and timeline row between them), so a caption is never cut; the code pane as tall
as the running line needs (taken from the console). When the right-hand column is narrow for
the text size, the loop becomes the first tab beside the timeline and the caption moves under
both columns, full width; tab titles give up text size before they are cut. Never paints, and
builds no pane model beyond asking whether one is empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from simulator.trace import Trace
from ui.fonts import ui_font
from ui.navigation import StepUnit
from ui.render import caption_pane, code_pane, console_pane, handoff_pane
from ui.render.loop_pane import build_loop_model

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate
MAX_SHARE = 0.45  # of the right-hand column, for the caption or the hand-off pane alone
CODE_SHARE = 0.8  # of the left-hand column, for the code pane (the console keeps the rest)
SIDE_BY_SIDE_PX = 300.0  # the least width of the loop and of the timeline, each, at text size 1x
CAPTION_BESIDE_PX = 340.0  # the least width, and height of the panes, per 1x of text for the caption beside

TIGHT_TAB_PADDING = "2px 2px"  # a side tab's padding when the titles would not fit at 1x otherwise


def side_by_side_width(font_scale: float) -> float:
    """How wide the row must be to show the loop and the timeline side by side (larger text, wider)."""
    return 2 * SIDE_BY_SIDE_PX * (1.0 + (font_scale - 1.0) * 0.5)


def empty_panes(window: MainWindow, trace: Trace | None) -> set[QWidget]:
    """The panes this program gives nothing to show, at any step."""
    empty: set[QWidget] = set()
    if window.side_tabs.count() - (window.side_tabs.indexOf(window.loop_view) >= 0) == 0:
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
        self.loop_tabbed = False  # the loop is the first side tab (the row is too narrow for both)
        self.caption_below = False  # the caption spans the window under both columns
        self._fitted: dict[QWidget, tuple[object, ...]] = {}  # what each pane's height was last fitted to
        self.maximise_action = QAction(window)
        self.maximise_action.setShortcut("Z")
        self.maximise_action.triggered.connect(self.toggle_pane_under_mouse)
        window.addAction(self.maximise_action)  # works with the menu bar hidden (presenting)
        for pane in window.panes:
            pane.maximiseRequested.connect(lambda p=pane: self.toggle_maximised(p))
        window.side_tabs.tabBarDoubleClicked.connect(lambda _i: self.toggle_maximised(window.side_tabs))
        window.right.installEventFilter(self)
        window.side_tabs.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.window.right:
                QTimer.singleShot(0, self.relayout)  # once the splitter has laid its panes out
            elif watched is self.window.side_tabs:
                self.fit_tabs()
        return False

    def relayout(self) -> None:
        """After a resize or a new text size: the loop beside the timeline or tabbed with it; heights."""
        w = self.window
        scale = w.theme.font_scale
        width = w.right.width() if w.right.isVisible() else w.width()
        tabbed = width < side_by_side_width(scale) and w.loop_view not in self.empty and w.side_tabs not in self.empty
        if tabbed != self.loop_tabbed:
            self._place_loop(tabbed)
            self.apply()
        # (the height of all the panes, not the column's: that grows when the caption leaves it)
        short = w.outer.height() < CAPTION_BESIDE_PX * scale
        below = (width < CAPTION_BESIDE_PX * scale or short) and w.right.isVisible()
        if below != self.caption_below:
            self._place_caption(below)
            self.apply()
        self.fit_tabs()
        w.console_view.setMinimumHeight(round(console_pane.least_height(w.theme)))  # a whole line, at any size
        w.handoff_view.setMinimumHeight(round(handoff_pane.least_height(w.theme)))  # both sides and the baton
        self.fit_heights(refit=True)

    def _place_caption(self, below: bool) -> None:
        w = self.window
        self.caption_below = below
        if below:
            w.outer.addWidget(w.caption_view)
            model, total = w.caption_view.model, sum(w.outer.sizes())
            want = caption_pane.needed_height(model, w.width(), w.theme) if model is not None else total * 0.2
            want = round(min(want, total * MAX_SHARE))
            w.outer.setSizes([total - want, want])
        else:
            w.right.addWidget(w.caption_view)

    def fit_tabs(self) -> None:
        """Tab titles at the text size, in full or short; smaller (down to 1x) only when even the short
        ones would not all fit; each tab's tooltip names it in full."""
        w = self.window
        bar = w.side_tabs.tabBar()
        titles = [(w.side_tabs.indexOf(widget), full(), short()) for widget, full, short in w.side_titles]
        if self.loop_tabbed:
            titles.append((w.side_tabs.indexOf(w.loop_view), translate("MainWindow", "Message loop"),
                           translate("MainWindow", "Loop")))
        titles = [t for t in titles if t[0] >= 0]
        room = w.side_tabs.width() - 8
        bar.setStyleSheet("")
        scale = w.theme.font_scale
        while True:
            bar.setFont(ui_font(10.0, scale))
            for form in (1, 2):  # the full titles, then the short ones
                for at, *forms in titles:
                    bar.setTabText(at, forms[form - 1])
                needed = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
                if needed <= room:
                    break
            if needed <= room or scale <= 1.0:
                break
            scale = max(1.0, scale - 0.25)
        for at, full, _ in titles:
            if at != w.side_tabs.indexOf(w.loop_view):
                bar.setTabToolTip(at, full)
        if needed > room:  # still too wide at 1x: the tabs give up their padding before any title is cut
            bar.setStyleSheet(f"QTabBar::tab {{ padding: {TIGHT_TAB_PADDING}; }}")

    def _place_loop(self, tabbed: bool) -> None:
        w = self.window
        self.loop_tabbed = tabbed
        if tabbed:
            w.side_tabs.insertTab(0, w.loop_view, "")
            w.side_tabs.setCurrentIndex(0)
            self.retranslate()
        else:
            w.side_tabs.removeTab(w.side_tabs.indexOf(w.loop_view))
            w.middle.insertWidget(0, w.loop_view)

    def fit_heights(self, refit: bool = False) -> None:
        """Grow the caption, hand-off and code panes to what their text needs now, from a neighbour.

        Stepping only grows them (the layout does not breathe with every caption); `refit` (a new
        size or text size) also gives a caption or hand-off pane's extra room back.
        """
        w = self.window
        caption_donor = w.middle if w.caption_view.parentWidget() is w.right else w.main_split
        if refit:
            self._fitted.clear()
        self._code_from_caption()  # first: the code pane then takes the new room from the console below
        for view, needed, donor, share, give_back in (
            (w.caption_view, caption_pane.needed_height, caption_donor, MAX_SHARE, refit),
            (w.handoff_view, handoff_pane.needed_height, w.middle, MAX_SHARE, refit),
            (w.code_view, code_pane.needed_height, w.console_view, CODE_SHARE, False),
        ):
            splitter = view.parentWidget()
            if view.model is None or not view.isVisible() or not isinstance(splitter, QSplitter):
                continue
            i, d = splitter.indexOf(view), splitter.indexOf(donor)
            if d < 0 or not donor.isVisible():
                continue
            sizes = splitter.sizes()
            asked = (view.model, view.width(), view.theme.font_scale, sizes[i])
            if self._fitted.get(view) == asked:
                continue  # measured already at this size (a frame of the same step, a baton gliding)
            self._fitted[view] = asked
            want = min(needed(view.model, view.width(), view.theme), splitter.height() * share)
            grow = min(round(want) - sizes[i], sizes[d] - donor.minimumSizeHint().height())
            if grow < 0 and give_back:
                grow = max(grow, view.minimumSizeHint().height() - sizes[i], view.minimumHeight() - sizes[i])
            if grow > 0 or (grow < 0 and give_back):
                sizes[i] += grow
                sizes[d] -= grow
                splitter.setSizes(sizes)

    def _code_from_caption(self) -> None:
        """With the caption under both columns: when the code pane is short of the rows its running line
        needs, the caption gives the columns what it holds beyond its own text (room an earlier, longer
        caption took while stepping, which stepping never gives back otherwise)."""
        w = self.window
        code, caption = w.code_view, w.caption_view
        if not self.caption_below or code.model is None or caption.model is None or not code.isVisible():
            return
        left = code.parentWidget()
        if not isinstance(left, QSplitter) or caption.parentWidget() is not w.outer:
            return
        asked = (code.model, caption.model, code.width(), code.height(), caption.height(), code.theme.font_scale)
        if self._fitted.get(w.outer) == asked:
            return  # measured already (a frame of the same step)
        self._fitted[w.outer] = asked
        want = min(code_pane.needed_height(code.model, code.width(), code.theme), left.height() * CODE_SHARE)
        spare = caption.height() - round(caption_pane.needed_height(caption.model, caption.width(), caption.theme))
        give = min(round(want) - code.height(), spare)
        if give > 0:
            sizes = w.outer.sizes()
            at = w.outer.indexOf(caption)
            sizes[at] -= give
            sizes[1 - at] += give
            w.outer.setSizes(sizes)

    def retranslate(self) -> None:
        at = self.window.side_tabs.indexOf(self.window.loop_view)
        if at >= 0:  # (its title, full or short, is fit_tabs' to write)
            self.window.side_tabs.setTabToolTip(
                at, translate("MainWindow", "The loop, its ready queue and the IO side")
            )
        self.maximise_action.setText(translate("Layout", "Maximise Pane"))
        self.maximise_action.setToolTip(
            translate(
                "Layout", "Give the pane under the mouse the whole window, or every pane back (Z or double-click)"
            )
        )

    @property
    def panes(self) -> tuple[QWidget, ...]:
        w = self.window
        return (w.code_view, w.console_view, w.handoff_view, w.loop_view, w.side_tabs, w.caption_view)

    def adapt(self, trace: Trace | None) -> None:
        """Collapse the panes the new program leaves empty (and leave any maximised pane)."""
        if self.loop_tabbed:
            self._place_loop(False)
        self.empty = empty_panes(self.window, trace)
        if self.maximised in self.empty:
            self.maximised = None
        self.apply()
        self.relayout()

    def toggle_maximised(self, pane: QWidget) -> None:
        """`pane` alone in the window, or, when it already is, every pane back."""
        if pane is self.window.loop_view and self.loop_tabbed:
            pane = self.window.side_tabs  # the loop is one of its tabs
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
            if pane is self.window.loop_view and self.loop_tabbed:
                continue  # a tab page: its tab widget shows and hides it
            pane.setVisible(self.shown(pane))
        # a splitter with nothing left to show hides too, so its neighbours take its room
        w = self.window
        for splitter in (w.middle, w.left, w.right, w.main_split):
            splitter.setVisible(any(_wants(splitter.widget(i), self) for i in range(splitter.count())))


def _wants(widget: QWidget | None, layout: PaneLayout) -> bool:
    if widget is None:
        return False
    if isinstance(widget, QSplitter):
        return any(_wants(widget.widget(i), layout) for i in range(widget.count()))
    return layout.shown(widget)
