"""Plugging the editor, bookmarks, annotations and lessons into a window: one call, menus included.

Owns the wiring only: `attach_lesson_tools(window)` builds the editor session, the
marks with their callouts and actions, and the lesson controller; adds File ▸ Open
Lesson / Save Lesson / Save Lesson As, an Edit menu (Edit Program, Run) and a
Bookmarks menu; and makes `.coroscope` files (command line, drag and drop, recent
files) open as lessons. `lesson_tools(window)` finds them again (the headless commands).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from ui.annotations import Callouts
from ui.bookmarks import BookmarkTools, Marks
from ui.chapter_notes import ChapterNotes
from ui.editor_session import EditorSession
from ui.lesson_files import LessonController

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate
_TOOLS: weakref.WeakKeyDictionary[MainWindow, LessonTools] = weakref.WeakKeyDictionary()


class LessonTools(QObject):
    """The editor session, marks, callouts and lessons of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = EditorSession(window)
        self.marks = Marks(self)
        self.callouts = Callouts(window, self.marks)
        self.bookmarks = BookmarkTools(window, self.marks)
        self.lessons = LessonController(window, self.session, self.marks)
        self.chapter_notes = ChapterNotes(window, self.lessons)
        self.callouts.notes = self._chapter_callout
        self.callouts.covered = lambda pane: pane == "code" and self.session.editing  # the editor is on top
        self.session.mode_action.toggled.connect(self.callouts.refresh)
        self.actions: dict[str, QAction] = {}
        keys = (("open_lesson", "Ctrl+Shift+O"), ("save_lesson", "Ctrl+S"), ("save_lesson_as", "Ctrl+Shift+S"))
        for name, key in keys:
            action = QAction(window)
            action.setObjectName(name)
            action.setShortcut(key)
            self.actions[name] = action
        window.addActions(list(self.actions.values()))
        self.actions["open_lesson"].triggered.connect(self.lessons.choose_and_open)
        self.actions["save_lesson"].triggered.connect(self.lessons.save_current)
        self.actions["save_lesson_as"].triggered.connect(self.lessons.choose_and_save)
        window.file_menu.insertActions(window.recent_menu.menuAction(), list(self.actions.values()))
        self.edit_menu = window.menuBar().addMenu("")
        self.edit_menu.addAction(self.session.mode_action)
        self.edit_menu.addAction(self.session.run_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.chapter_notes.action)
        window.menuBar().insertMenu(window.scenario_menu.menuAction(), self.edit_menu)
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.bookmarks.menu)
        window.lesson_opener = self.lessons.open
        window.close_guard = self.confirm_close
        window.languageChanged.connect(self.retranslate)
        self.retranslate()

    def _chapter_callout(self) -> dict[str, str]:
        note = self.chapter_notes.note_here()
        return {"caption": note} if note else {}

    def confirm_close(self) -> bool:
        """Closing with edits no file holds asks first: save them as a lesson, discard them, or stay."""
        if not self.session.unsaved:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.lessons.save_current()
        return answer == QMessageBox.StandardButton.Discard

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """The question itself (tests answer it without a dialog)."""
        buttons = (
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(
            self.window,
            translate("Lessons", "Unsaved edits"),
            translate(
                "Lessons",
                "The program has edits that are not saved in any file. Save them as a lesson before closing?",
            ),
            buttons,
            QMessageBox.StandardButton.Save,
        )

    def retranslate(self) -> None:
        texts = {
            "open_lesson": (
                translate("Lessons", "Open &Lesson…"),
                translate("Lessons", "Open a lesson: a program with its bookmarks, notes and view (Ctrl+Shift+O)"),
            ),
            "save_lesson": (
                translate("Lessons", "&Save Lesson"),
                translate("Lessons", "Save the program, bookmarks, notes and view as a lesson file (Ctrl+S)"),
            ),
            "save_lesson_as": (
                translate("Lessons", "Save Lesson &As…"),
                translate("Lessons", "Save the lesson under a new name (Ctrl+Shift+S)"),
            ),
        }
        for name, (text, tip) in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setToolTip(tip)
            self.actions[name].setStatusTip(tip)
        self.edit_menu.setTitle(translate("Lessons", "&Edit"))


def attach_lesson_tools(window: MainWindow) -> LessonTools:
    """Give `window` its editor, bookmarks, annotations and lessons."""
    tools = LessonTools(window)
    _TOOLS[window] = tools
    return tools


def lesson_tools(window: MainWindow) -> LessonTools:
    """The tools attached to `window` (attach_lesson_tools must have run: ui.app.build_window does)."""
    return _TOOLS[window]
