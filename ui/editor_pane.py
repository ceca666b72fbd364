"""The editor's place in the window: laid over the code pane, which itself never moves.

Owns the widgets only: a child of the code pane view holding the bar (the Step/Edit
switch, Run, the stale marker), the "changed on disk" offer and the editor. While
stepping, only the bar shows, in the pane's top-right corner, and the painted code pane
is on screen; while editing, the editor covers the whole pane. Because the code pane
view keeps its place in the window's splitters, layout code (collapsing, maximising,
growing a pane to its text) works on it unchanged, and this follows: hidden with it,
resized with it. ui.editor_session gives these widgets their meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.editor import CodeEditor
from ui.fonts import ui_font
from ui.theme import Theme

translate = QCoreApplication.translate


class EditorPane(QWidget):
    """Bar + reload offer + editor, over the code pane view `code_view`."""

    def __init__(self, code_view: QWidget, mode: QAction, run: QAction) -> None:
        super().__init__(code_view)
        self.setObjectName("editorPane")
        self.code_view = code_view
        self._editing = False
        self.editor = CodeEditor()
        self.editor.hide()
        self.mode_button = QToolButton()
        self.mode_button.setObjectName("editModeButton")
        self.mode_button.setDefaultAction(mode)
        self.run_button = QToolButton()
        self.run_button.setObjectName("runButton")
        self.run_button.setDefaultAction(run)
        self.stale_label = QLabel()
        self.stale_label.setObjectName("staleMarker")
        self.bar = QWidget()
        self.bar.setObjectName("editorBar")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # its colour covers the pane under it
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.mode_button)
        row.addWidget(self.run_button)
        row.addWidget(self.stale_label, 1)
        # The offer to reload a program changed on disk: never automatic, so typed edits stay.
        self.reload_bar = QWidget()
        self.reload_bar.setObjectName("reloadBar")
        self.reload_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
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
        column.addWidget(self.editor, 1)
        code_view.installEventFilter(self)
        self.place()

    @property
    def editing(self) -> bool:
        return self._editing

    def show_editor(self, on: bool) -> None:
        self._editing = on
        self.editor.setVisible(on)
        self.place()

    def show_offer(self, on: bool) -> None:
        self.reload_bar.setVisible(on)
        self.place()

    def set_stale(self, text: str) -> None:
        """The stale marker: empty when the run on screen matches the text."""
        self.stale_label.setText(text)
        self.place()

    def place(self) -> None:
        """The whole pane while editing (or offering a reload); the bar's size in the top-right corner otherwise."""
        area = self.code_view.rect()
        if self._editing:
            self.setGeometry(area)
        else:
            offering = self.reload_bar.isVisibleTo(self)
            width = area.width() if offering else min(area.width(), self.bar.sizeHint().width())
            height = self.bar.sizeHint().height()
            if offering:  # the offer wraps its sentence to the pane's width
                wrapped = self.reload_bar.heightForWidth(width)
                height += wrapped if wrapped > 0 else self.reload_bar.sizeHint().height()
            self.setGeometry(QRect(area.right() + 1 - width, area.top(), width, min(area.height(), height)))
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.code_view and event.type() == QEvent.Type.Resize:
            self.place()
        return False

    def set_theme(self, theme: Theme) -> None:
        self.editor.set_theme(theme)
        font = ui_font(9.0)  # chrome, like the menus and the transport: not scaled with the panes' text
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
            f"#editorBar {{ background: {theme.surface.name()}; border-bottom-left-radius: 4px; }}"
            f" #editModeButton:checked {{ background: {theme.accent.name()}; color: {theme.background.name()};"
            f" border: 1px solid {theme.accent.name()}; border-radius: 3px; padding: 2px 6px; }}"
        )
        self.stale_label.setStyleSheet(f"color: {theme.error.name()}; font-weight: bold;")
        self.reload_bar.setStyleSheet(
            f"#reloadBar {{ background: {theme.background.name()}; border: 2px solid {theme.accent.name()}; }}"
            f" QLabel {{ color: {theme.text.name()}; }}"
        )
        self.place()
