"""Annotations on screen: a callout on the pane a note is pinned to, while the playhead is at its step.

Owns one callout label per pane, laid over the pane's bottom-right corner, where panes
draw least (so the pane's own drawing is untouched), its colours and text size from the theme, and keeping it
in place when the pane is resized. It shows only what ui.bookmarks.Marks holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.bookmarks import Marks
from ui.fonts import ui_font
from ui.theme import Theme

if TYPE_CHECKING:
    from ui.main_window import MainWindow

INSET = 10
WIDTH_SHARE = 0.5  # a callout covers at most this much of its pane's width


class Callouts(QObject):
    """The callouts of the annotations at the playhead's step."""

    def __init__(self, window: MainWindow, marks: Marks) -> None:
        super().__init__(window)
        self.window = window
        self.marks = marks
        self.panes: dict[str, QWidget] = {
            "code": window.code_view,
            "console": window.console_view,
            "handoff": window.handoff_view,
            "loop": window.loop_view,
            "caption": window.caption_view,
        }
        self.labels: dict[str, QLabel] = {}
        self.notes: Callable[[], dict[str, str]] = dict  # more callouts by pane (a chapter's note); marks win
        self.covered: Callable[[str], bool] = lambda _pane: False  # a pane under something else (the editor)
        for key, pane in self.panes.items():
            label = QLabel(pane)
            label.setObjectName(f"callout_{key}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.hide()
            self.labels[key] = label
            pane.installEventFilter(self)
        marks.changed.connect(self.refresh)
        window.player.positionChanged.connect(self.refresh)
        window.themeChanged.connect(self.set_theme)
        self.set_theme(window.theme)

    def set_theme(self, theme: Theme) -> None:
        font = ui_font(10.5, theme.font_scale)
        for label in self.labels.values():
            label.setFont(font)
            label.setStyleSheet(
                f"QLabel {{ background: {theme.surface.name()}; color: {theme.text.name()};"
                f" border: 3px solid {theme.accent.name()}; border-radius: 8px; padding: 6px 10px; }}"
            )
        self.refresh()

    def refresh(self, *_args: object) -> None:
        step = self.window.player.event_index + 1 if self.window.player.trace is not None else 0
        notes = {**self.notes(), **{a.pane: a.text for a in self.marks.annotations_at(step)}} if step else {}
        for key, label in self.labels.items():
            text = "" if self.covered(key) else notes.get(key, "")
            if text:
                label.setText(text)
                self._place(key)
                label.show()
                label.raise_()
            else:
                label.hide()

    def visible_texts(self) -> dict[str, str]:
        """The callouts on show, by pane (what a viewer reads)."""
        return {key: label.text() for key, label in self.labels.items() if label.isVisible()}

    def _place(self, key: str) -> None:
        pane, label = self.panes[key], self.labels[key]
        width = max(80, int(pane.width() * WIDTH_SHARE))
        label.setMaximumWidth(width)
        label.adjustSize()
        label.move(max(INSET, pane.width() - label.width() - INSET), max(INSET, pane.height() - label.height() - INSET))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            for key, pane in self.panes.items():
                if pane is watched and self.labels[key].isVisible():
                    self._place(key)
        return False
