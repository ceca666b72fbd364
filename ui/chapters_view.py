"""The Chapters tab: the trace's chapters as a list to click, the current one marked, and the lecture notes.

Owns a list widget that follows the window's player (the chapter holding the playhead is
selected) and seeks to a chapter's first step when one is clicked. Titles come from
ui.chapter_text in the current language; the chapters themselves from the core.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from simulator.chapters import chapter_at, chapters_of
from simulator.trace import Trace
from ui.chapter_text import chapter_title
from ui.fonts import ui_font

translate = QCoreApplication.translate


class ChaptersView(QWidget):
    """Chapter list (click to jump) and a button for the scenario's lecture notes."""

    def __init__(self, seek: Callable[[int], None], open_notes: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._seek = seek
        self.trace: Trace | None = None
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.notes_button = QPushButton()
        self.notes_button.clicked.connect(open_notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notes_button)
        self.retranslate()

    def set_trace(self, trace: Trace | None) -> None:
        self.trace = trace
        self._fill()

    def set_font_scale(self, scale: float) -> None:
        self.list.setFont(ui_font(10.0, scale))
        self.notes_button.setFont(ui_font(10.0, scale))

    def retranslate(self) -> None:
        self.notes_button.setText(translate("Lessons", "Lecture Notes for This Program"))
        self._fill()

    def follow(self, step: int) -> None:
        """Select the chapter that holds `step`."""
        if self.trace is None:
            return
        chapter = chapter_at(self.trace, step)
        if chapter is not None and chapter.index < self.list.count() and self.list.currentRow() != chapter.index:
            self.list.blockSignals(True)
            self.list.setCurrentRow(chapter.index)
            self.list.blockSignals(False)
            self.list.scrollToItem(self.list.currentItem())

    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        if self.trace is None:
            return
        for c in chapters_of(self.trace):
            item = QListWidgetItem(f"{c.index + 1}. {chapter_title(c)}")
            item.setData(Qt.ItemDataRole.UserRole, c.first_step)
            item.setToolTip(translate("Lessons", "Step {step}").format(step=c.first_step + 1))
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _activated(self, item: QListWidgetItem) -> None:
        self._seek(int(item.data(Qt.ItemDataRole.UserRole)))
