"""Lecture notes: what a built-in scenario shows, the questions to ask, the chapters to stop at.

Owns finding a program's notes (assets/lessons/<scenario>.md, or <scenario>.zh_CN.md in
Chinese; shipped in the wheel as package data) and showing them in a dialog. Programs that
are not built-in scenarios get the index of all notes, so Help ▸ Lecture Notes always leads
somewhere.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from simulator.scenarios import list_scenarios

translate = QCoreApplication.translate
NOTES: Traversable = files("assets") / "lessons"


def scenario_of(program: Path | None) -> str | None:
    """The built-in scenario a program is, by its path (None for other programs)."""
    if program is None:
        return None
    for s in list_scenarios():
        if s.path.resolve() == program.resolve():
            return s.name
    return None


def notes_path(name: str, language: str) -> Traversable | None:
    """The notes file of scenario `name` in `language` (English when there is no translation)."""
    names = ([f"{name}.{language}.md"] if language != "en" else []) + [f"{name}.md"]
    return next((NOTES / n for n in names if (NOTES / n).is_file()), None)


def notes_text(program: Path | None, language: str) -> str:
    """Markdown for the program's notes, or the index of every scenario's notes."""
    name = scenario_of(program)
    path = notes_path(name, language) if name else None
    if path is not None:
        return path.read_text(encoding="utf-8")
    index = NOTES / (f"README.{language}.md" if language != "en" else "README.md")
    if not index.is_file():
        index = NOTES / "README.md"
    if index.is_file():
        return index.read_text(encoding="utf-8")
    return translate("Lessons", "The lecture notes are not installed (assets/lessons is missing).")


class NotesDialog(QDialog):
    """The notes as formatted text, with a Close button."""

    def __init__(self, markdown: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(markdown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
