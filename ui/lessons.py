"""Lessons in the window: the Chapters and Who Waits tabs, prediction mode, lecture notes.

Owns wiring these into a built window (`attach_lessons(window)`, called once by
ui.app.build_window): the tabs follow the player, View ▸ Prediction Mode and R (reveal)
drive ui.prediction, Help ▸ Lecture Notes (F1) and the Chapters tab's button open the
notes of the scenario on screen. Prediction mode is off by default and on while presenting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.chapters_view import ChaptersView
from ui.i18n import app_translations
from ui.lecture_notes import NotesDialog, notes_text
from ui.prediction import Prediction
from ui.waits_view import WaitsView

if TYPE_CHECKING:
    from simulator.trace import Trace
    from ui.main_window import MainWindow
    from ui.theme import Theme

translate = QCoreApplication.translate


class Lessons:
    """The lesson features of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        a = window.actions_
        self.chapters = ChaptersView(self._seek, self.open_notes)
        self.waits = WaitsView()
        window.add_side_view(self.chapters, lambda: translate("Lessons", "Chapters"))
        window.add_side_view(self.waits, lambda: translate("Lessons", "Who Waits"),
                             lambda: translate("Lessons", "Waits"))
        self.prediction = Prediction(window)
        self._before_presenting: bool | None = None
        window.view_menu.addSeparator()
        window.view_menu.addAction(a["prediction"])
        window.play_menu.addAction(a["reveal"])
        window.help_menu.insertAction(a["about"], a["lecture_notes"])
        a["prediction"].toggled.connect(self.prediction.set_enabled)
        a["reveal"].triggered.connect(self.prediction.reveal)
        a["lecture_notes"].triggered.connect(self.open_notes)
        window.player.traceChanged.connect(self._on_trace)
        window.player.positionChanged.connect(self._on_position)
        window.languageChanged.connect(self.chapters.retranslate)
        window.themeChanged.connect(self._on_theme)
        window.presentation.presentingChanged.connect(self._on_presenting)
        self._on_theme(window.theme)
        self._on_trace(window.player.trace)

    def _seek(self, step: int) -> None:
        self.window.player.pause()
        self.window.player.seek(step)

    def _on_trace(self, trace: Trace | None) -> None:
        self.chapters.set_trace(trace)
        self.waits.set_trace(trace)

    def _on_position(self, _position: float) -> None:
        step = self.window.player.event_index
        self.chapters.follow(step)
        self.waits.follow(step)

    def _on_theme(self, theme: Theme) -> None:
        self.chapters.set_font_scale(theme.font_scale)
        self.waits.set_font_scale(theme.font_scale)

    def _on_presenting(self, presenting: bool) -> None:
        """A lecture predicts: on while presenting, back to the user's choice afterwards."""
        action = self.window.actions_["prediction"]
        if presenting:
            self._before_presenting = action.isChecked()
            action.setChecked(True)
        elif self._before_presenting is not None:
            action.setChecked(self._before_presenting)
            self._before_presenting = None

    def open_notes(self) -> None:
        text = notes_text(self.window.program, app_translations().language)
        NotesDialog(text, translate("Lessons", "Lecture Notes"), self.window).exec()


def attach_lessons(window: MainWindow) -> Lessons:
    """Add the lesson features to a window; keep the returned object as long as the window lives."""
    lessons = Lessons(window)
    window.lessons = lessons  # type: ignore[attr-defined]  # owned by the window from now on
    return lessons
