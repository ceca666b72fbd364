"""A teacher's note per chapter: written with Edit ▸ Chapter Note…, shown on the caption pane, kept in lessons.

Owns finding the chapter the playhead is in (chapters are ui.navigation's StepUnit.CHAPTER,
issue 12; a chapter is numbered by its place among the chapter starts, as lesson files
key their notes), the action that edits its note, and what the caption pane's callout
shows for it. Where the navigation index has no chapters the action is disabled and
nothing is shown; the notes a lesson brought are kept and saved back untouched.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from simulator.lesson_file import MAX_TEXT_CHARS
from ui.navigation import StepUnit, TraceIndex

if TYPE_CHECKING:
    from ui.lesson_files import LessonController
    from ui.main_window import MainWindow

translate = QCoreApplication.translate
CHAPTER_UNIT: StepUnit | None = getattr(StepUnit, "CHAPTER", None)


def chapter_starts(index: TraceIndex) -> list[int] | None:
    """The first step of every chapter, or None when this window has no chapters."""
    if CHAPTER_UNIT is None:
        return None
    starts = index.by_unit.get(CHAPTER_UNIT)
    return list(starts) if starts else None


def chapter_at(starts: list[int], event_index: int) -> int:
    """The number (from 0) of the chapter `event_index` belongs to."""
    return max(0, bisect_right(starts, event_index) - 1)


class ChapterNotes(QObject):
    """The Chapter Note… action and the note on show."""

    def __init__(
        self,
        window: MainWindow,
        lessons: LessonController,
        chapters: Callable[[TraceIndex], list[int] | None] = chapter_starts,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.lessons = lessons
        self.chapters = chapters
        self.action = QAction(window)
        self.action.setObjectName("chapter_note")
        self.action.setShortcut("Ctrl+Shift+N")
        self.action.triggered.connect(self.ask_note)
        window.addAction(self.action)
        window.player.positionChanged.connect(self._sync_enabled)
        window.player.traceChanged.connect(self._sync_enabled)
        window.languageChanged.connect(self.retranslate)
        self.retranslate()
        self._sync_enabled()

    def current(self) -> int | None:
        """The chapter the playhead is in, or None (no run, or no chapters)."""
        index = self.window.player.index
        if index is None:
            return None
        starts = self.chapters(index)
        return None if starts is None else chapter_at(starts, self.window.player.event_index)

    def note_here(self) -> str:
        chapter = self.current()
        return "" if chapter is None else self.lessons.chapter_notes.get(chapter, "")

    def set_note(self, chapter: int, text: str) -> None:
        """The note of `chapter` (an empty text removes it)."""
        text = text.strip()[:MAX_TEXT_CHARS]
        if text:
            self.lessons.chapter_notes[chapter] = text
        else:
            self.lessons.chapter_notes.pop(chapter, None)
        self.lessons.marks.changed.emit()  # the callouts read notes and marks alike

    def ask_note(self) -> None:
        chapter = self.current()
        if chapter is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self.window,
            translate("ChapterNotes", "Chapter Note"),
            translate("ChapterNotes", "Note for chapter {n} (shown on the caption pane while it plays):").format(
                n=chapter + 1
            ),
            self.lessons.chapter_notes.get(chapter, ""),
        )
        if ok:
            self.set_note(chapter, text)

    def _sync_enabled(self, *_args: object) -> None:
        self.action.setEnabled(self.current() is not None)

    def retranslate(self) -> None:
        self.action.setText(translate("ChapterNotes", "Chapter &Note…"))
        tip = translate("ChapterNotes", "Write a note for the chapter the playhead is in (Ctrl+Shift+N)")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
