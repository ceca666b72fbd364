"""The code pane's place in the window: the painted code pane or the editor, with a small bar above.

Owns the widgets only: a QStackedWidget holding the window's code pane view and the
editor (swapped, never redrawn into each other), the bar with the Step/Edit switch,
Run, the stale marker, and the "changed on disk" offer. `wrap_code_view` puts it where
the code pane view was, in whatever splitter or layout holds it, so the window's own
layout code stays as it is. ui.editor_session gives these widgets their meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.editor import CodeEditor
from ui.fonts import ui_font
from ui.theme import Theme

translate = QCoreApplication.translate


class EditorPane(QWidget):
    """Bar + (code pane | editor)."""

    def __init__(self, code_view: QWidget, mode: QAction, run: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self.code_view = code_view
        self.editor = CodeEditor()
        self._switching = False
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)  # the code pane view joins in wrap_code_view, from its old place
        self.mode_button = QToolButton()
        self.mode_button.setObjectName("editModeButton")
        self.mode_button.setDefaultAction(mode)
        self.run_button = QToolButton()
        self.run_button.setObjectName("runButton")
        self.run_button.setDefaultAction(run)
        for button in (self.mode_button, self.run_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never elided by the marker
        self.stale_label = QLabel()
        self.stale_label.setObjectName("staleMarker")
        # In a narrow pane the marker is cut rather than squeezing the buttons; its tooltip says it all.
        self.stale_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bar = QWidget()
        self.bar.setObjectName("editorBar")
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.mode_button)
        row.addWidget(self.run_button)
        row.addWidget(self.stale_label, 1)  # always there (empty when nothing is stale): the buttons stay put
        # The offer to reload a program changed on disk: never automatic, so typed edits stay.
        self.reload_bar = QWidget()
        self.reload_bar.setObjectName("reloadBar")
        self.reload_label = QLabel()
        self.reload_label.setWordWrap(True)
        self.reload_button = QPushButton()
        self.reload_button.setObjectName("reloadButton")
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("keepButton")
        offer = QHBoxLayout(self.reload_bar)
        offer.setContentsMargins(6, 2, 6, 2)
        offer.addWidget(self.reload_label, 1)
        offer.addWidget(self.reload_button)
        offer.addWidget(self.keep_button)
        self.reload_bar.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(self.reload_bar)
        column.addWidget(self.stack, 1)

    @property
    def editing(self) -> bool:
        return self.stack.currentWidget() is self.editor

    def show_editor(self, on: bool) -> None:
        self._switching = True
        try:
            self.stack.setCurrentWidget(self.editor if on else self.code_view)
        finally:
            self._switching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Layout code that shows or hides the code pane itself (collapsing, maximising another pane)
        # means this whole pane: follow it, and keep whichever page was on show.
        if watched is self.code_view and not self._switching:
            if event.type() == QEvent.Type.HideToParent and not self.editing:
                self.hide()
            elif event.type() == QEvent.Type.ShowToParent:
                self.show()
                if self.editing:  # the editor is the page on show: the code pane goes back under it
                    self._switching = True
                    try:
                        self.code_view.hide()
                    finally:
                        self._switching = False
        return False

    def set_stale(self, text: str) -> None:
        """The stale marker: empty when the run on screen matches the text."""
        self.stale_label.setText(text)

    def set_theme(self, theme: Theme) -> None:
        self.editor.set_theme(theme)
        font = ui_font(10.0, theme.font_scale)
        for widget in (
            self.mode_button,
            self.run_button,
            self.stale_label,
            self.reload_label,
            self.reload_button,
            self.keep_button,
        ):
            widget.setFont(font)
        # The switch reads as a mode: pressed in the accent colour while the editor is on show.
        self.bar.setStyleSheet(
            f"#editorBar {{ background: {theme.surface.name()}; }}"
            f" #editModeButton:checked {{ background: {theme.accent.name()}; color: {theme.background.name()};"
            f" border: 1px solid {theme.accent.name()}; border-radius: 3px; padding: 2px 6px; }}"
        )
        self.stale_label.setStyleSheet(f"color: {theme.error.name()}; font-weight: bold;")
        self.reload_bar.setStyleSheet(
            f"#reloadBar {{ background: {theme.background.name()}; border: 2px solid {theme.accent.name()}; }}"
            f" QLabel {{ color: {theme.text.name()}; }}"
        )


def wrap_code_view(code_view: QWidget, pane: EditorPane) -> None:
    """Put `pane` where `code_view` is now (a splitter's slot or a layout's) and move the view into it."""
    parent = code_view.parentWidget()
    if isinstance(parent, QSplitter):
        sizes = parent.sizes()
        parent.replaceWidget(parent.indexOf(code_view), pane)
        parent.setSizes(sizes)
    elif parent is not None and (layout := parent.layout()) is not None:
        item = layout.replaceWidget(code_view, pane)
        if item is None:
            raise RuntimeError("the code pane is not in its parent's layout")
        del item
    else:
        raise RuntimeError("the code pane has no place in the window to share with the editor")
    pane.stack.insertWidget(0, code_view)
    pane.show_editor(False)
    code_view.installEventFilter(pane)
