"""Lessons in the window: File ▸ Open Lesson and Save Lesson, and what a lesson does to the window.

Owns turning the window's state (the program's text and name, bookmarks, annotations,
chapter notes, preset, theme, language, text size, pane sizes) into a
simulator.lesson_file.Lesson and back. Opening a lesson runs its program the one
usual way (ui.editor_session, a scratch copy traced in the child process); a file
that fails the schema leaves the window as it was, with the reason in the banner.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QSplitter

from simulator.lesson_file import (
    SUFFIX,
    Lesson,
    LessonError,
    ViewSettings,
    load_lesson,
    program_file_name,
    save_lesson,
)
from ui.bookmarks import Marks
from ui.editor_session import EditorSession

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


def window_layout(window: MainWindow) -> dict[str, tuple[int, ...]]:
    """The sizes of the window's named splitters (its layout, as a lesson keeps it)."""
    return {s.objectName(): tuple(s.sizes()) for s in window.findChildren(QSplitter) if s.objectName()}


def apply_view(window: MainWindow, view: ViewSettings, skip: frozenset[str] = frozenset()) -> None:
    """Theme, language, text size and pane sizes from a lesson (except the settings named in `skip`)."""
    # Only what differs: each change re-lays out and repaints every pane and side view.
    if view.theme is not None and "theme" not in skip and view.theme != window.theme_choice:
        window.apply_theme(view.theme)
    if view.language is not None and "language" not in skip and view.language != window.prefs.language:
        window.set_language(view.language)
    if view.text_scale is not None and "text_scale" not in skip and abs(view.text_scale - window.text_scale) > 1e-9:
        window.set_text_scale(view.text_scale)
    if view.layout and "layout" not in skip:
        for splitter in window.findChildren(QSplitter):
            sizes = view.layout.get(splitter.objectName())
            if sizes is not None and len(sizes) == splitter.count():
                splitter.setSizes(list(sizes))


class LessonController(QObject):
    """Open and save lessons for one window."""

    def __init__(self, window: MainWindow, session: EditorSession, marks: Marks) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.marks = marks
        self.path: Path | None = None  # the lesson file on screen (None: a plain program)
        self.chapter_notes: dict[int, str] = {}  # chapter index -> note, kept for the chapters view (issue 12)
        session.programChanged.connect(self._forget)

    def _forget(self) -> None:
        """Another program was opened: its marks and notes start empty."""
        self.path = None
        self.chapter_notes = {}
        self.marks.clear()

    def current(self) -> Lesson:
        """The window as a lesson: the editor's text (edited or not), marks, notes and view."""
        window, session = self.window, self.session
        return Lesson(
            program_name=program_file_name(session.name),
            source=session.editor.text(),
            title=session.title,
            bookmarks=tuple(self.marks.bookmarks),
            annotations=tuple(self.marks.annotations),
            chapter_notes=dict(self.chapter_notes),
            preset=session.preset,
            view=ViewSettings(
                theme=window.theme_choice,
                language=window.prefs.language,
                text_scale=window.text_scale,
                layout=window_layout(window),
            ),
        )

    def open(self, path: Path) -> bool:
        """Open a lesson: its settings at once, its program traced; False (with the reason shown) if it can't be."""
        try:
            lesson = load_lesson(path)
        except LessonError as exc:
            self.window.banner.show_message(
                translate("Lessons", "Cannot open the lesson: {reason}").format(reason=exc), with_show_button=False
            )
            return False
        self.marks.clear()  # the old run's marks must not show on the new run while it is traced
        self.session.preset = lesson.preset  # the lesson's program is traced with its own cost model
        # The child process starts first: the window's own restyling then overlaps with the tracing.
        self.session.run_text(lesson.source, name=lesson.program_name, title=lesson.title or path.stem, fresh=True)
        self.apply(lesson)
        self._remember(path)
        return True

    def apply(self, lesson: Lesson, skip: frozenset[str] = frozenset()) -> None:
        """Everything of a lesson but its run: view settings, marks, notes, preset."""
        apply_view(self.window, lesson.view, skip)
        self.marks.set_all(lesson.bookmarks, lesson.annotations)
        self.chapter_notes = dict(lesson.chapter_notes)
        self.session.preset = lesson.preset

    def save(self, path: Path) -> bool:
        """Write the lesson to `path`; False (with the reason shown) if it can't be written."""
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        lesson = self.current()
        try:
            save_lesson(lesson, path)
        except LessonError as exc:
            self.window.banner.show_message(
                translate("Lessons", "Cannot save the lesson: {reason}").format(reason=exc), with_show_button=False
            )
            return False
        self.session.saved_text = lesson.source
        self._remember(path)
        self.window.statusBar().showMessage(
            translate("Lessons", "Saved the lesson as {name}").format(name=path.name), 5000
        )
        return True

    def _remember(self, path: Path) -> None:
        """This lesson is the one on screen, and the first of File > Open Recent."""
        self.path = path
        self.window.prefs.add_recent_file(path)
        self.window._rebuild_recent_menu()

    # --- the dialogs -------------------------------------------------------------------
    def _folder(self) -> str:
        for candidate in (self.path, self.session.origin):
            if candidate is not None:
                return str(candidate.parent)
        return str(Path.home())

    def _filter(self) -> str:
        return translate("Lessons", "Coroscope lessons (*.coroscope);;All files (*)")

    def choose_and_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, translate("Lessons", "Open a lesson"), self._folder(), self._filter()
        )
        if name:
            self.open(Path(name))

    def save_current(self) -> bool:
        """Save Lesson: to the lesson's own file, or ask for one; whether it was saved."""
        if self.path is not None:
            return self.save(self.path)
        return self.choose_and_save()

    def choose_and_save(self) -> bool:
        stem = Path(self.session.name).stem or "lesson"
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("Lessons", "Save the lesson"),
            str(Path(self._folder()) / f"{stem}{SUFFIX}"),
            self._filter(),
        )
        return bool(name) and self.save(Path(name))
