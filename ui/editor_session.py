"""Editing and re-running the program on screen: the Step/Edit switch, Run, the stale marker, reload from disk.

Owns what the editor's text means. The program shown is traced as usual; its text goes
into the editor. F2 (or the Edit button) lays the editor over the code pane; Run
(Ctrl+R) writes the editor's text to a scratch copy and traces it through the window's
own child-process path, then puts the playhead back at the same place
(ui.editor_anchor). While the text differs from what was traced, a marker says so.
The file a program came from is watched: a change on disk is offered for reload,
and reloading is one undoable edit, so typed work is never lost.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QAction

from simulator.lesson_file import program_file_name
from simulator.trace import Trace
from ui.editor_anchor import Anchor, anchor_at, place
from ui.editor_pane import EditorPane
from ui.tracing import TraceRequest

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate
REWATCH_MS = 250  # editors that save by replacing the file make it vanish for a moment


@dataclass(frozen=True)
class _Run:
    """A run this session started and is waiting for."""

    path: Path
    text: str
    anchor: Anchor | None
    fresh: bool  # a new program (a lesson): the editor starts over with this text


class EditorSession(QObject):
    """The editor beside the code pane, and every run started from it."""

    runFinished = Signal(object)  # the Trace of a run started here, once it is on screen with the playhead placed
    programChanged = Signal()  # a program opened some other way replaced the one being edited

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.mode_action = QAction(window)
        self.mode_action.setObjectName("edit_mode")
        self.mode_action.setCheckable(True)
        self.mode_action.setShortcut("F2")
        self.run_action = QAction(window)
        self.run_action.setObjectName("run_program")
        self.run_action.setShortcut("Ctrl+R")
        window.addActions([self.mode_action, self.run_action])
        self.pane = EditorPane(window.code_view, self.mode_action, self.run_action)  # laid over the code pane
        self.editor = self.pane.editor
        self.origin: Path | None = None  # the file on disk the program came from (None: a lesson or nothing)
        self.name = "program.py"  # the program's file name, for its scratch copy
        self.title = ""
        self.preset = "realistic"
        self.traced_text = ""  # the text of the run on screen
        self.saved_text = ""  # the text as last read from or written to a file (the program's or a lesson's)
        self._drafts: dict[str, str] = {}  # unsaved edits of programs opened before, by program
        self._key = ""  # which program the editor holds (its path), for the drafts
        self.disk_text: str | None = None  # the origin's text as last read (what "changed on disk" compares to)
        self._offered: str | None = None  # the disk text waiting in the reload offer
        self._pending: _Run | None = None
        self._scratch = Path(tempfile.mkdtemp(prefix="coroscope-edit-"))
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.mode_action.toggled.connect(self.set_editing)
        self.run_action.triggered.connect(self.run)
        self.pane.reload_button.clicked.connect(self.reload_from_disk)
        self.pane.keep_button.clicked.connect(self.keep_mine)
        self.editor.textChanged.connect(self._update_stale)
        window.traceLoaded.connect(self._on_trace_loaded)
        window.themeChanged.connect(self.pane.set_theme)
        window.languageChanged.connect(self.retranslate)
        window.presentation.presentingChanged.connect(self._on_presenting)
        window.closing.connect(self.close)
        self.pane.set_theme(window.theme)
        self.retranslate()

    # --- modes -------------------------------------------------------------------------
    @property
    def editing(self) -> bool:
        return self.pane.editing

    @property
    def unsaved(self) -> bool:
        """Whether the editor holds edits that no file (program or lesson) has."""
        return self.editor.text() != self.saved_text

    @property
    def stale(self) -> bool:
        """Whether the text in the editor is not what the run on screen was traced from."""
        return self.editor.text() != self.traced_text

    def set_editing(self, on: bool) -> None:
        """Show the editor (True) or the stepping code pane (False)."""
        if on and self.window.presentation.presenting:
            on = False  # the presenter's remote owns the keys while presenting
        if on:
            self.window.player.pause()
        self.pane.show_editor(on)
        if self.mode_action.isChecked() != on:
            self.mode_action.setChecked(on)
        if on:
            self.editor.setFocus()
        elif self.editor.hasFocus():
            self.window.setFocus()

    # --- running -----------------------------------------------------------------------
    def run(self) -> None:
        """Trace the editor's text, keeping the playhead's place."""
        self.run_text(self.editor.text())

    def run_text(
        self, text: str, *, name: str | None = None, title: str | None = None, fresh: bool = False
    ) -> None:
        """Trace `text` as the program (a scratch copy, in the usual child process).

        `fresh` starts a new program (a lesson): no playhead to keep, no file on disk to watch.
        """
        if name is not None:
            self.name = program_file_name(name)
        if title is not None:
            self.title = title
        path = self._scratch / self.name
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.window.banner.show_message(
                translate("Editor", "Cannot write the program to run it: {reason}").format(
                    reason=exc.strerror or str(exc)
                ),
                with_show_button=False,
            )
            return
        player = self.window.player
        anchor = None if fresh or player.index is None else anchor_at(player.index, player.event_index)
        workdir = None if fresh or self.origin is None else self.origin.parent
        self._pending = _Run(path, text, anchor, fresh)
        self.window._start_trace(  # the window's own path: progress, cancel, errors in the banner
            TraceRequest(path, preset=self.preset, workdir=workdir), text, self.title or self.name
        )
        job = self.window.job
        if job is not None:
            job.failed.connect(self._on_run_over)
            job.cancelled.connect(self._on_run_over)
        self._update_stale()

    def _on_run_over(self, *_args: object) -> None:
        self._pending = None
        self._update_stale()

    def _on_trace_loaded(self, trace: Trace) -> None:
        window, run = self.window, self._pending
        self._pending = None
        if run is not None and window.program == run.path:
            self.traced_text = run.text
            if run.fresh:
                self._keep_draft()
                self._forget_origin()
                self.editor.load_text(run.text)
                self.saved_text, self._key = run.text, ""
            if run.anchor is not None and window.player.index is not None:
                window.player.seek(place(run.anchor, window.player.index))
            if trace.outcome.status == "syntax_error" and not run.fresh:
                self.set_editing(True)  # nothing ran: the fix is in the editor, at the line
                self.editor.go_to_line(trace.outcome.line)
            elif self.editing and not self.stale:
                self.set_editing(False)
            self._update_stale()
            self.runFinished.emit(trace)
            return
        # A program opened some other way (File > Open, a scenario, drag and drop): it starts over here.
        self._keep_draft()
        self._forget_origin()
        program = window.program
        self.traced_text = window.program_source
        self.name = program_file_name(program.name) if program is not None else "program.py"
        self.title = window.program_title
        self.preset = "realistic"
        if program is not None and program.is_file():
            self.origin = program
            self.disk_text = window.program_source
            self.watcher.addPath(str(program))
        self.editor.load_text(self.traced_text)
        self.saved_text = self.traced_text
        self._key = str(program) if program is not None else ""
        draft = self._drafts.pop(self._key, None)
        if draft is not None and draft != self.saved_text:
            # Edits made before another program was opened come back, as one edit Ctrl+Z takes back.
            self.editor.replace_text(draft)
            window.statusBar().showMessage(
                translate("Editor", "Your earlier edits to {name} are back in the editor.").format(name=self.name),
                8000,
            )
        self._update_stale()
        self.programChanged.emit()

    def _keep_draft(self) -> None:
        """Opening another program never loses edits: they wait until this program is opened again."""
        if self._key and self.unsaved:
            self._drafts[self._key] = self.editor.text()

    def _forget_origin(self) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.origin = None
        self.disk_text = None
        self._offered = None
        self.pane.show_offer(False)

    # --- the file on disk --------------------------------------------------------------
    def _on_file_changed(self, name: str) -> None:
        origin = self.origin
        if origin is None or Path(name) != origin:
            return
        if not origin.exists():
            QTimer.singleShot(REWATCH_MS, lambda: self._rewatch(origin))
            return
        self._rewatch(origin)

    def _rewatch(self, origin: Path) -> None:
        if origin != self.origin or not origin.exists():
            return
        if str(origin) not in self.watcher.files():
            self.watcher.addPath(str(origin))
        self.check_disk()

    def check_disk(self) -> None:
        """Compare the file on disk with what was read; offer a reload when it really changed."""
        from ui.main_window import ProgramError, check_program

        if self.origin is None:
            return
        try:
            text = check_program(self.origin)
        except ProgramError:
            return  # half-written or unreadable for now: the next change tells again
        if text == self.disk_text or text == self.editor.text():
            self.disk_text = text
            return
        self._offered = text
        self.pane.reload_label.setText(
            translate("Editor", "{name} changed on disk.").format(name=self.origin.name)
            + (
                " " + translate("Editor", "Reloading replaces your edits; Ctrl+Z in the editor brings them back.")
                if self.stale
                else ""
            )
        )
        if not self.window.presentation.presenting:
            self.pane.show_offer(True)

    def reload_from_disk(self) -> None:
        """Put the file's new text in the editor (one undoable edit) and run it."""
        text = self._offered
        self.pane.show_offer(False)
        self._offered = None
        if text is None:
            return
        self.disk_text = self.saved_text = text
        self.editor.replace_text(text)
        self.run()

    def keep_mine(self) -> None:
        """Dismiss the offer; the same file content is not offered again."""
        if self._offered is not None:
            self.disk_text = self._offered
        self._offered = None
        self.pane.show_offer(False)

    # --- looks and words ---------------------------------------------------------------
    def _update_stale(self) -> None:
        tip = ""
        if self._pending is not None:
            text = translate("Editor", "Tracing the edited program…")
        elif self.stale:
            text = translate("Editor", "● Edited, not yet run (Ctrl+R)")
            tip = translate("Editor", "● Edited: the steps shown are of the old text. Run (Ctrl+R) to trace it.")
        else:
            text = ""
        self.pane.set_stale(text)
        self.pane.stale_label.setToolTip(tip)

    def _on_presenting(self, on: bool) -> None:
        if on:
            self.set_editing(False)
        self.pane.setVisible(not on)  # presenting shows the panes alone
        self.pane.show_offer(not on and self._offered is not None)

    def retranslate(self) -> None:
        self.mode_action.setText(translate("Editor", "&Edit Program"))
        self.mode_action.setToolTip(
            translate("Editor", "Switch between stepping through the run and editing the program (F2)")
        )
        self.run_action.setText(translate("Editor", "&Run"))
        self.run_action.setToolTip(
            translate("Editor", "Trace the program as edited and show the new run, at the same place (Ctrl+R)")
        )
        self.pane.reload_button.setText(translate("Editor", "Reload and Run"))
        self.pane.reload_button.setToolTip(translate("Editor", "Put the file's new text in the editor and run it"))
        self.pane.keep_button.setText(translate("Editor", "Keep Mine"))
        self.pane.keep_button.setToolTip(translate("Editor", "Keep the text in the editor; ignore this change"))
        self.editor.setToolTip(translate("Editor", "The program: edit it, then Run (Ctrl+R)"))
        self._update_stale()
        if self._offered is not None:
            self.check_disk()

    def close(self) -> None:
        self._forget_origin()
        shutil.rmtree(self._scratch, ignore_errors=True)
