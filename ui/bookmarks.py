"""Go to step N, named bookmarks and annotations: a teacher's marks on the run on screen.

Owns the marks (bookmarks and annotations as simulator.lesson_file values, steps
counted from 1 as the status line counts them), their actions (Ctrl+G, Ctrl+D,
Ctrl+Shift+D, Ctrl+M and removing them), the Bookmarks menu and the small dialogs that
ask for a step, a name or a note. Callouts on the panes are ui.annotations'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QWidget,
)

from simulator.lesson_file import MAX_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS, PANES, Annotation, Bookmark

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


def pane_names() -> dict[str, str]:
    """The panes an annotation can be pinned to, by their names in the current language."""
    return {
        "code": translate("Bookmarks", "Code"),
        "console": translate("Bookmarks", "Console"),
        "handoff": translate("Bookmarks", "Hand-off"),
        "loop": translate("Bookmarks", "Message loop"),
        "caption": translate("Bookmarks", "Caption"),
    }


class Marks(QObject):
    """The bookmarks and annotations of the program on screen."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bookmarks: list[Bookmark] = []
        self.annotations: list[Annotation] = []

    def set_all(self, bookmarks: Sequence[Bookmark], annotations: Sequence[Annotation]) -> None:
        self.bookmarks = sorted(bookmarks, key=lambda b: b.step)
        self.annotations = list(annotations)
        self.changed.emit()

    def clear(self) -> None:
        self.set_all([], [])

    def add_bookmark(self, name: str, step: int) -> Bookmark:
        """A bookmark at `step`; one of the same name is replaced (names find bookmarks on the command line)."""
        mark = Bookmark(name.strip()[:MAX_NAME_CHARS], step)
        kept = [b for b in self.bookmarks if b.name != mark.name][: MAX_ITEMS - 1]
        self.set_all([*kept, mark], self.annotations)
        return mark

    def remove_bookmarks_at(self, step: int) -> int:
        before = len(self.bookmarks)
        self.set_all([b for b in self.bookmarks if b.step != step], self.annotations)
        return before - len(self.bookmarks)

    def add_annotation(self, step: int, pane: str, text: str) -> Annotation:
        if pane not in PANES:
            raise ValueError(f"no pane called {pane!r}")
        note = Annotation(step, pane, text.strip()[:MAX_TEXT_CHARS])
        kept = [a for a in self.annotations if (a.step, a.pane) != (step, pane)][: MAX_ITEMS - 1]
        self.set_all(self.bookmarks, [*kept, note])
        return note

    def remove_annotations_at(self, step: int) -> int:
        before = len(self.annotations)
        self.set_all(self.bookmarks, [a for a in self.annotations if a.step != step])
        return before - len(self.annotations)

    def annotations_at(self, step: int) -> list[Annotation]:
        return [a for a in self.annotations if a.step == step]


class AnnotationDialog(QDialog):
    """Asks for a pane and a short note."""

    def __init__(self, step: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Bookmarks", "Annotate Step {step}").format(step=f"{step:,}"))
        self.pane = QComboBox()
        for key, name in pane_names().items():
            self.pane.addItem(name, key)
        self.text = QLineEdit()
        self.text.setMaxLength(MAX_TEXT_CHARS)
        self.text.setPlaceholderText(translate("Bookmarks", "A short note, shown while the playhead is here"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("Bookmarks", "Pane:"), self.pane)
        form.addRow(translate("Bookmarks", "Note:"), self.text)
        form.addRow(buttons)


class BookmarkTools(QObject):
    """The actions and the Bookmarks menu that act on `marks` and the window's playhead."""

    def __init__(self, window: MainWindow, marks: Marks) -> None:
        super().__init__(window)
        self.window = window
        self.marks = marks
        self.actions: dict[str, QAction] = {}
        for name, key in (
            ("go_to_step", "Ctrl+G"),
            ("add_bookmark", "Ctrl+D"),
            ("remove_bookmark", "Ctrl+Shift+D"),
            ("add_annotation", "Ctrl+M"),
            ("remove_annotation", "Ctrl+Shift+M"),
        ):
            action = QAction(window)
            action.setObjectName(name)
            action.setShortcut(key)
            self.actions[name] = action
        window.addActions(list(self.actions.values()))
        self.actions["go_to_step"].triggered.connect(self.ask_step)
        self.actions["add_bookmark"].triggered.connect(self.ask_bookmark)
        self.actions["remove_bookmark"].triggered.connect(lambda: self.marks.remove_bookmarks_at(self.step))
        self.actions["add_annotation"].triggered.connect(self.ask_annotation)
        self.actions["remove_annotation"].triggered.connect(lambda: self.marks.remove_annotations_at(self.step))
        self.menu = QMenu(window)
        self.menu.aboutToShow.connect(self._fill_menu)
        window.languageChanged.connect(self.retranslate)
        window.player.positionChanged.connect(self._sync_enabled)
        marks.changed.connect(self._sync_enabled)
        self.retranslate()
        self._sync_enabled()

    def _sync_enabled(self, *_args: object) -> None:
        """Removing is offered only where there is something to remove (menu, shortcut alike)."""
        here = self.step
        self.actions["remove_bookmark"].setEnabled(any(b.step == here for b in self.marks.bookmarks))
        self.actions["remove_annotation"].setEnabled(bool(self.marks.annotations_at(here)))

    @property
    def step(self) -> int:
        """The playhead's step, counted from 1."""
        return self.window.player.event_index + 1

    def steps(self) -> int:
        trace = self.window.player.trace
        return len(trace) if trace is not None else 0

    def go_to(self, step: int) -> bool:
        """Put the playhead on `step` (from 1); False when the run has no such step."""
        if not 1 <= step <= self.steps():
            return False
        self.window.player.pause()
        self.window.player.seek(step - 1)
        return True

    def ask_step(self) -> None:
        total = self.steps()
        if total == 0:
            return
        step, ok = QInputDialog.getInt(
            self.window,
            translate("Bookmarks", "Go to Step"),
            translate("Bookmarks", "Step (1 to {n}):").format(n=f"{total:,}"),
            self.step,
            1,
            total,
        )
        if ok:
            self.go_to(step)

    def ask_bookmark(self) -> None:
        if self.steps() == 0:
            return
        step = self.step
        name, ok = QInputDialog.getText(
            self.window,
            translate("Bookmarks", "Add Bookmark"),
            translate("Bookmarks", "Name of the bookmark at step {step}:").format(step=f"{step:,}"),
            QLineEdit.EchoMode.Normal,
            translate("Bookmarks", "Step {step}").format(step=step),
        )
        if ok and name.strip():
            self.marks.add_bookmark(name, step)

    def ask_annotation(self) -> None:
        if self.steps() == 0:
            return
        step = self.step
        dialog = AnnotationDialog(step, self.window)
        existing = self.marks.annotations_at(step)
        if existing:
            dialog.pane.setCurrentIndex(max(0, dialog.pane.findData(existing[0].pane)))
            dialog.text.setText(existing[0].text)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text.text().strip():
            self.marks.add_annotation(step, str(dialog.pane.currentData()), dialog.text.text())
        dialog.deleteLater()

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        for name in ("go_to_step", None, "add_bookmark", "remove_bookmark", "add_annotation", "remove_annotation"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])
        total = self.steps()
        if self.marks.bookmarks:
            menu.addSeparator()
        for mark in self.marks.bookmarks:
            action = menu.addAction(
                translate("Bookmarks", "{name} (step {step})").format(name=mark.name, step=f"{mark.step:,}")
            )
            action.setEnabled(mark.step <= total)
            action.triggered.connect(lambda _c=False, s=mark.step: self.go_to(s))

    def retranslate(self) -> None:
        texts = {
            "go_to_step": (translate("Bookmarks", "&Go to Step…"), translate("Bookmarks", "Jump to step N (Ctrl+G)")),
            "add_bookmark": (
                translate("Bookmarks", "Add &Bookmark…"),
                translate("Bookmarks", "Name this step, to come back to it (Ctrl+D)"),
            ),
            "remove_bookmark": (
                translate("Bookmarks", "Remove Bookmark Here"),
                translate("Bookmarks", "Forget the bookmarks at this step (Ctrl+Shift+D)"),
            ),
            "add_annotation": (
                translate("Bookmarks", "&Annotate This Step…"),
                translate("Bookmarks", "Pin a short note to a pane, shown while the playhead is here (Ctrl+M)"),
            ),
            "remove_annotation": (
                translate("Bookmarks", "Remove Annotations Here"),
                translate("Bookmarks", "Remove the notes pinned to this step (Ctrl+Shift+M)"),
            ),
        }
        for name, (text, tip) in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setToolTip(tip)
            self.actions[name].setStatusTip(tip)
        self.menu.setTitle(translate("Bookmarks", "&Bookmarks"))
