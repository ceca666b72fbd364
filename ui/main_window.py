"""The main window: layout and actions. Panes paint, the player keeps time, this wires them.

Owns the arrangement (code and console on the left; hand-off, the message loop beside the
side views, and caption on the right; transport and status line below; which of them are
shown is ui.layout's), the menus, opening programs and
scenarios (tracing in a child process with progress and cancel), the error banner,
drag-and-drop, recent files, theme, text size and language switching, and remembering
the layout. Presenting itself is ui.presentation's. Side views from other areas (thread
timeline, comparison) plug in with `add_side_view(widget, title)` (tabs beside the message loop) and follow `player`
and `themeChanged`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from simulator.scenarios import get_scenario, list_scenarios
from simulator.trace import Trace
from ui import appearance
from ui.actions import Actions
from ui.deadlock_words import deadlock_message
from ui.export.controller import ExportController
from ui.fonts import ui_font
from ui.i18n import LANGUAGES, NATIVE_NAMES, Translations, app_translations, system_language
from ui.layout import PaneLayout
from ui.navigation import StepUnit
from ui.player import Player
from ui.presentation import Presentation, screen_names
from ui.render.caption_pane import build_caption_model, draw_caption
from ui.render.code_pane import build_code_model, draw_code
from ui.render.console_pane import build_console_model, draw_console
from ui.render.handoff_pane import build_handoff_model, draw_handoff
from ui.render.loop_pane import build_loop_model, draw_loop
from ui.scenario_titles import scenario_title
from ui.scene import SceneCache
from ui.settings import Preferences
from ui.theme import PROJECTOR, Theme
from ui.tracing import TraceJob, TraceRequest
from ui.widgets.pane_view import PaneView
from ui.widgets.scrubber import ScrubberModel, scrubber_marks
from ui.widgets.transport import Transport

translate = QCoreApplication.translate
MAX_SOURCE_BYTES = 2_000_000
SPEED_STEPS = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0)
TEXT_SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


class ProgramError(Exception):
    """A file that cannot be traced; the message is for the user."""


def check_program(path: Path) -> str:
    """The program's source, or ProgramError saying why it can't be opened."""
    if path.suffix.lower() not in (".py", ".pyw"):
        raise ProgramError(
            translate("MainWindow", "{name} is not a Python program: Coroscope opens .py files.").format(name=path.name)
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProgramError(
            translate("MainWindow", "Cannot read {name}: {reason}").format(
                name=path.name, reason=exc.strerror or str(exc)
            )
        ) from exc
    if len(data) > MAX_SOURCE_BYTES:
        raise ProgramError(
            translate("MainWindow", "{name} is too large to step through ({size} MB).").format(
                name=path.name, size=f"{len(data) / 1e6:.1f}"
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProgramError(
            translate("MainWindow", "{name} is not UTF-8 text, so it is not a Python program.").format(name=path.name)
        ) from exc


class Banner(QFrame):
    """A message across the top of the window: errors, limits, cancelled runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, with_show_button: bool) -> None:
        self.label.setText(text)
        self.show_button.setVisible(with_show_button)
        self.show()

    def set_theme(self, theme: Theme) -> None:
        self.setStyleSheet(
            f"Banner {{ background: {theme.background.name()}; border: 2px solid {theme.error.name()}; }}"
            f" QLabel {{ color: {theme.text.name()}; }}"
        )


class MainWindow(QMainWindow):
    """The step-through window."""

    themeChanged = Signal(object)  # the new ui.theme.Theme
    traceLoaded = Signal(object)  # a Trace, after it is on screen
    closing = Signal()  # the window is closing: side views stop their background work
    languageChanged = Signal()  # after every text of the window was re-read in the new language

    def __init__(self, prefs: Preferences | None = None, translations: Translations | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.prefs = prefs or Preferences()
        self.translations = translations or app_translations()
        self.player = Player(self)
        self.cache: SceneCache | None = None
        self.job: TraceJob | None = None
        self.program: Path | None = None
        self.program_source = ""
        self.program_title = ""
        self.theme_choice = self.prefs.theme
        self.text_scale = self.prefs.text_scale
        self.theme: Theme = appearance.resolve(self.theme_choice).scaled(self.text_scale)
        # each side tab's title and its short form (read again on a language change; ui.layout picks one)
        self.side_titles: list[tuple[QWidget, Callable[[], str], Callable[[], str]]] = []
        self._scrubber_marks: dict[str, tuple[int, ...]] = {}
        self.lesson_opener: Callable[[Path], bool] | None = None  # opens .coroscope files (ui.lesson_tools)
        self.close_guard: Callable[[], bool] | None = None  # False keeps the window open (unsaved edits)
        self.setAcceptDrops(True)
        self.actions_ = Actions(self)
        self._build_panes()
        self.presentation = Presentation(self)
        self._build_menus()
        self._build_status()
        self._connect()
        self.exporter = ExportController(self)  # File > Export…: screencasts of this window
        self.resize(QSize(1400, 860))
        self._restore_layout()
        self.apply_theme(self.theme_choice)
        self.retranslate()
        self._sync_window_actions()
        self.refresh()

    # --- building ----------------------------------------------------------------------
    def _build_panes(self) -> None:
        self.code_view = PaneView(draw_code, QSize(320, 200))
        self.console_view = PaneView(draw_console, QSize(240, 90))
        self.handoff_view = PaneView(draw_handoff, QSize(280, 140))
        self.loop_view = PaneView(draw_loop, QSize(280, 160))
        self.caption_view = PaneView(draw_caption, QSize(240, 90))
        self.panes = (self.code_view, self.console_view, self.handoff_view, self.loop_view, self.caption_view)
        self.side_tabs = QTabWidget()  # the thread timeline and the comparison (add_side_view)
        self.side_tabs.setDocumentMode(True)
        self.middle = QSplitter(Qt.Orientation.Horizontal)  # the loop and the thread timeline side by side
        self.middle.setObjectName("middleSplitter")
        self.middle.addWidget(self.loop_view)
        self.middle.addWidget(self.side_tabs)
        self.middle.setSizes([380, 260])
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self.code_view)
        self.left.addWidget(self.console_view)
        self.left.setSizes([600, 220])
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("rightSplitter")
        self.right.addWidget(self.handoff_view)
        self.right.addWidget(self.middle)
        self.right.addWidget(self.caption_view)
        self.right.setSizes([220, 380, 200])
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplitter")
        self.main_split.addWidget(self.left)
        self.main_split.addWidget(self.right)
        self.main_split.setSizes([760, 640])
        self.banner = Banner()
        self.banner.show_button.clicked.connect(self._show_stop_point)
        self.transport = Transport(self.player, self.actions_.by_name)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        self.outer = QSplitter(Qt.Orientation.Vertical)  # the caption moves under both columns when narrow
        self.outer.setObjectName("outerSplitter")
        self.outer.setChildrenCollapsible(False)
        self.outer.addWidget(self.main_split)
        column.addWidget(self.outer, 1)
        column.addWidget(self.transport)
        self.setCentralWidget(central)
        self.pane_layout = PaneLayout(self)
        self.pane_layout.adapt(None)

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(a["open"])
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addAction(a["cancel_trace"])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["export"])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["quit"])
        self.scenario_menu = bar.addMenu("")
        self.scenario_actions: list[QAction] = []
        for scenario in list_scenarios():
            action = self.scenario_menu.addAction("")
            action.setData(scenario.name)
            action.triggered.connect(lambda _checked=False, name=scenario.name: self.open_scenario(name))
            self.scenario_actions.append(action)
        self.play_menu = bar.addMenu("")
        for name in (
            "play",
            None,
            "step_forward",
            "step_back",
            "line_forward",
            "line_back",
            "handoff_forward",
            "handoff_back",
            "loop_forward",
            "loop_back",
            "io_forward",
            "io_back",
            "chapter_forward",
            "chapter_back",
            None,
            "start",
            "end",
            None,
            "faster",
            "slower",
            "real_time",
        ):
            if name is None:
                self.play_menu.addSeparator()
            else:
                self.play_menu.addAction(a[name])
        self.view_menu = bar.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        for choice in appearance.CHOICES:
            self.theme_menu.addAction(a.add_choice(a.theme_group, choice))
        self.language_menu = self.view_menu.addMenu("")
        for code in ("system", *LANGUAGES):
            self.language_menu.addAction(a.add_choice(a.language_group, code))
        self.text_size_menu = self.view_menu.addMenu("")
        for scale in TEXT_SCALES:
            self.text_size_menu.addAction(a.add_choice(a.text_scale_group, f"{scale:g}"))
        self.text_size_menu.addSeparator()
        for name in ("text_larger", "text_smaller", "text_reset"):
            self.text_size_menu.addAction(a[name])
        self.view_menu.addSeparator()
        for name in ("present", "leave", "projector_presenting"):
            self.view_menu.addAction(a[name])
        self.screen_menu = self.view_menu.addMenu("")
        self.view_menu.addAction(a["blank"])
        self.view_menu.addAction(a["full_screen"])
        self.view_menu.addAction(self.pane_layout.maximise_action)
        self._rebuild_screen_menu()
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(a["about"])
        # Shortcuts must work with the menu bar hidden (full screen), so the window owns them too.
        self.addActions(list(a.by_name.values()))

    def _build_status(self) -> None:
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_trace)
        self.trace_label = QLabel()
        status = self.statusBar()
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.trace_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self._show_tracing(False)

    def _connect(self) -> None:
        a, p = self.actions_, self.player
        a["open"].triggered.connect(self.choose_program)
        a["quit"].triggered.connect(self.close)
        a["clear_recent"].triggered.connect(self._clear_recent)
        a["cancel_trace"].triggered.connect(self.cancel_trace)
        a["play"].triggered.connect(p.toggle)
        for unit, forward, back in (
            (StepUnit.EVENT, "step_forward", "step_back"),
            (StepUnit.LINE, "line_forward", "line_back"),
            (StepUnit.HANDOFF, "handoff_forward", "handoff_back"),
            (StepUnit.LOOP, "loop_forward", "loop_back"),
            (StepUnit.IO, "io_forward", "io_back"),
            (StepUnit.CHAPTER, "chapter_forward", "chapter_back"),
        ):
            a[forward].triggered.connect(lambda _c=False, u=unit: p.step(u, +1))
            a[back].triggered.connect(lambda _c=False, u=unit: p.step(u, -1))
        a["start"].triggered.connect(p.go_to_start)
        a["end"].triggered.connect(p.go_to_end)
        a["faster"].triggered.connect(lambda: self._change_speed(+1))
        a["slower"].triggered.connect(lambda: self._change_speed(-1))
        a["real_time"].toggled.connect(self._set_real_time)
        a["full_screen"].toggled.connect(self._set_full_screen)
        a["present"].toggled.connect(self.presentation.set_presenting)
        a["leave"].triggered.connect(self._leave)
        a["blank"].toggled.connect(self.presentation.set_blank)
        a["projector_presenting"].setChecked(self.prefs.projector_when_presenting)
        a["projector_presenting"].toggled.connect(self._set_projector_when_presenting)
        a["text_larger"].triggered.connect(lambda: self._step_text_scale(+1))
        a["text_smaller"].triggered.connect(lambda: self._step_text_scale(-1))
        a["text_reset"].triggered.connect(lambda: self.set_text_scale(1.0))
        a.text_scale_group.triggered.connect(lambda action: self.set_text_scale(float(action.data())))
        a.screen_group.triggered.connect(lambda action: setattr(self.prefs, "present_screen", str(action.data())))
        self.presentation.presentingChanged.connect(self._on_presenting)
        self.presentation.blankChanged.connect(a["blank"].setChecked)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._rebuild_screen_menu)
            app.screenRemoved.connect(self._rebuild_screen_menu)
        a["about"].triggered.connect(self._about)
        a.theme_group.triggered.connect(lambda action: self.apply_theme(str(action.data())))
        a.language_group.triggered.connect(lambda action: self.set_language(str(action.data())))
        p.positionChanged.connect(self.refresh)
        p.traceChanged.connect(self._on_trace_changed)
        p.speedChanged.connect(lambda s: setattr(self.prefs, "speed", s))
        self.transport.scrubber.seekRequested.connect(self._scrub)
        p.set_speed(self.prefs.speed)

    def _scrub(self, position: float) -> None:
        self.player.pause()
        self.player.seek(position)

    # --- side views (thread timeline, comparison) ------------------------------------------
    def add_side_view(
        self, widget: QWidget, title: str | Callable[[], str], short: Callable[[], str] | None = None
    ) -> int:
        """Add a tab beside the message loop; `title` may be a function, re-read on language change, and
        `short` its short form, for when the titles do not all fit at the text size."""
        full = title if callable(title) else (lambda: title)
        index = self.side_tabs.addTab(widget, full())
        self.side_titles.append((widget, full, short or full))
        self.pane_layout.adapt(self.player.trace)
        return index

    # --- programs ----------------------------------------------------------------------
    def choose_program(self) -> None:
        start = str(self.program.parent) if self.program else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("MainWindow", "Open a Python program"),
            start,
            translate("MainWindow", "Python programs (*.py);;All files (*)"),
        )
        if name:
            self.open_program(Path(name))

    def open_program(self, path: Path) -> bool:
        """Trace `path` and show it; False (with a message in the window) when it can't be opened."""
        if path.suffix.lower() == ".coroscope" and self.lesson_opener is not None:
            return self.lesson_opener(path)  # a lesson: ui.lesson_tools opens it
        try:
            source = check_program(path)
        except ProgramError as exc:
            self.banner.show_message(str(exc), with_show_button=False)
            return False
        self.prefs.add_recent_file(path)
        self._rebuild_recent_menu()
        self._start_trace(TraceRequest(path.resolve()), source, path.name)
        return True

    def open_scenario(self, name: str) -> bool:
        try:
            scenario = get_scenario(name)
        except KeyError as exc:
            self.banner.show_message(str(exc.args[0]), with_show_button=False)
            return False
        self._start_trace(
            TraceRequest(scenario.path), scenario.path.read_text(encoding="utf-8"), scenario_title(scenario)
        )
        return True

    def _start_trace(self, request: TraceRequest, source: str, title: str) -> None:
        self.cancel_trace()
        self.banner.hide()
        job = TraceJob(request, self)
        job.progress.connect(self._on_trace_progress)
        job.finished.connect(lambda trace: self._on_trace_done(job, trace, request.program, source, title))
        job.failed.connect(lambda message: self._on_trace_failed(job, message, request.program))
        job.cancelled.connect(lambda: self._on_trace_cancelled(job))
        self.job = job
        self._pending_title = title
        self._show_tracing(True)
        self.trace_label.setText(translate("MainWindow", "Tracing {name}…").format(name=request.program.name))
        job.start()

    def cancel_trace(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(3000)

    def _on_trace_progress(self, steps: int) -> None:
        self.trace_label.setText(translate("MainWindow", "Tracing… {steps} steps").format(steps=f"{steps:,}"))

    def _on_trace_done(self, job: TraceJob, trace: Trace, program: Path, source: str, title: str) -> None:
        if job is not self.job:
            return
        self.job = None
        self._show_tracing(False)
        self.load_trace(trace, program, source, title)

    def _on_trace_failed(self, job: TraceJob, message: str, program: Path) -> None:
        if job is not self.job:
            return
        self.job = None
        self._show_tracing(False)
        self.banner.show_message(
            translate("MainWindow", "Could not trace {name}: {message}").format(name=program.name, message=message),
            with_show_button=False,
        )

    def _on_trace_cancelled(self, job: TraceJob) -> None:
        if job is self.job:
            self.job = None
        self._show_tracing(False)
        self.banner.show_message(
            translate("MainWindow", "Tracing was cancelled; the previous program stays on screen."),
            with_show_button=False,
        )

    def _show_tracing(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.trace_label.setVisible(busy)
        self.actions_["cancel_trace"].setEnabled(busy)

    def load_trace(self, trace: Trace, program: Path | None = None, source: str = "", title: str = "") -> None:
        """Show `trace` from its first event (the player takes ownership of "now")."""
        self.program = program
        self.program_source = source
        self.program_title = title or (program.name if program else "")
        self.cache = None
        self.player.set_trace(trace)
        self._report_outcome(trace)
        self.traceLoaded.emit(trace)

    def _on_trace_changed(self, trace: Trace | None) -> None:
        if trace is None or self.player.index is None:
            self.cache = None
            self._scrubber_marks = {}
        else:
            self.cache = SceneCache(trace, self.player.index)
            self._scrubber_marks = scrubber_marks(self.player.index)
        self.pane_layout.adapt(trace)
        self._update_title()
        self.refresh()

    def _report_outcome(self, trace: Trace) -> None:
        outcome = trace.outcome
        line = outcome.line
        if outcome.status == "finished":
            self.banner.hide()
            return
        if outcome.status == "syntax_error":
            text = translate("MainWindow", "Syntax error at line {line}: {message}. Nothing could run.")
        elif outcome.status == "exception":
            text = translate(
                "MainWindow",
                "The program stopped with an exception at line {line}: {message}. "
                "Everything up to there can be stepped through.",
            )
        elif outcome.status == "limit":
            text = translate(
                "MainWindow",
                "Stopped by a limit at line {line}: {message}. Everything up to there can be stepped through.",
            )
        else:
            text = translate("MainWindow", "The run ended with an error at line {line}: {message}")
        self.banner.show_message(
            text.format(line=line if line > 0 else "?", message=deadlock_message(trace, outcome.message)),
            with_show_button=len(trace) > 0,
        )

    def _show_stop_point(self) -> None:
        self.player.go_to_end()

    # --- drawing -----------------------------------------------------------------------
    def refresh(self, *_args: object) -> None:
        """Give every pane its model for the playhead's position."""
        cache, player = self.cache, self.player
        if cache is None:
            self.status_label.setText(
                translate("MainWindow", "No program loaded. Open one with File > Open or pick a scenario.")
            )
            return
        scene = cache.scene(player.position)
        self.code_view.set_model(build_code_model(scene, self.program_source))
        self.handoff_view.set_model(build_handoff_model(scene, cache))
        self.loop_view.set_model(build_loop_model(scene))
        self.console_view.set_model(build_console_model(scene))
        self.caption_view.set_model(build_caption_model(scene, cache))
        self.pane_layout.fit_heights()
        self.transport.scrubber.set_model(ScrubberModel(len(cache.trace), player.position, self._scrubber_marks))
        self.status_label.setText(self.status_text())

    def status_text(self) -> str:
        """Virtual time and step i of N, as the status line shows them."""
        cache = self.cache
        if cache is None or len(cache.trace) == 0:
            return translate("MainWindow", "No events recorded.")
        trace, index = cache.trace, self.player.event_index
        return translate("MainWindow", "Virtual time {time} · step {i} of {n} · {speed}×").format(
            time=format_ns(trace.t[index]), i=f"{index + 1:,}", n=f"{len(trace):,}", speed=f"{self.player.speed:g}"
        )

    def _update_title(self) -> None:
        base = translate("MainWindow", "Coroscope")
        self.setWindowTitle(f"{self.program_title} — {base}" if self.program_title else base)

    # --- preferences -------------------------------------------------------------------
    def apply_theme(self, choice: str) -> None:
        """The user's choice of colours (remembered); presenting may show the projector theme over it."""
        self.theme_choice = choice if choice in appearance.CHOICES else appearance.SYSTEM
        self.prefs.theme = self.theme_choice
        self._restyle()

    def set_text_scale(self, scale: float) -> None:
        """Every text in every pane `scale` times its normal size (1x to 3x), remembered."""
        self.text_scale = max(TEXT_SCALES[0], min(TEXT_SCALES[-1], scale))
        self.prefs.text_scale = self.text_scale
        self._restyle()

    def _step_text_scale(self, direction: int) -> None:
        if direction > 0:
            bigger = [s for s in TEXT_SCALES if s > self.text_scale + 1e-9]
            self.set_text_scale(bigger[0] if bigger else TEXT_SCALES[-1])
        else:
            smaller = [s for s in TEXT_SCALES if s < self.text_scale - 1e-9]
            self.set_text_scale(smaller[-1] if smaller else TEXT_SCALES[0])

    def _restyle(self) -> None:
        """Build the theme every pane draws with: colours, the projector's while presenting, text size."""
        base = PROJECTOR if self.presentation.wants_projector_theme() else appearance.resolve(self.theme_choice)
        self.theme = base.scaled(self.text_scale)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(appearance.palette_for(self.theme))
        for pane in self.panes:
            pane.set_theme(self.theme)
        self.transport.scrubber.set_theme(self.theme)
        self.banner.set_theme(self.theme)
        self.side_tabs.tabBar().setFont(ui_font(10.0, self.theme.font_scale))
        self.pane_layout.relayout()
        for action in self.actions_.theme_group.actions():
            action.setChecked(action.data() == self.theme_choice)
        for action in self.actions_.text_scale_group.actions():
            action.setChecked(abs(float(action.data()) - self.text_scale) < 1e-9)
        self.themeChanged.emit(self.theme)

    def set_language(self, choice: str) -> None:
        """ "system", "en" or "zh_CN"; every text follows at once."""
        code = system_language() if choice == "system" else choice
        self.prefs.language = choice if choice == "system" or choice in LANGUAGES else "system"
        self.translations.set_language(code if code in LANGUAGES else system_language())
        for action in self.actions_.language_group.actions():
            action.setChecked(action.data() == self.prefs.language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.languageChanged.emit()
        elif event.type() == QEvent.Type.WindowStateChange:
            self._sync_window_actions()
        super().changeEvent(event)

    def _sync_window_actions(self) -> None:
        """Full screen and Esc follow the window, however it got there (F11, F5, the desktop)."""
        a = self.actions_
        a["full_screen"].blockSignals(True)
        a["full_screen"].setChecked(self.isFullScreen())
        a["full_screen"].blockSignals(False)
        a["leave"].setEnabled(self.presentation.presenting or self.isFullScreen())

    def retranslate(self) -> None:
        """Re-read every visible text in the current language."""
        self.actions_.retranslate()
        self.transport.retranslate()
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.recent_menu.setTitle(translate("MainWindow", "Open &Recent"))
        self.scenario_menu.setTitle(translate("MainWindow", "&Scenarios"))
        self.play_menu.setTitle(translate("MainWindow", "&Playback"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.theme_menu.setTitle(translate("MainWindow", "&Theme"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.text_size_menu.setTitle(translate("MainWindow", "Text &Size"))
        self.screen_menu.setTitle(translate("MainWindow", "Present &On"))
        for action in self.actions_.text_scale_group.actions():
            action.setText(translate("MainWindow", "{percent} %").format(percent=round(float(action.data()) * 100)))
            action.setToolTip(translate("MainWindow", "Size of every text in every pane"))
        self._retranslate_screens()
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        theme_names = {
            "system": translate("MainWindow", "Follow the System"),
            "light": translate("MainWindow", "Light"),
            "dark": translate("MainWindow", "Dark"),
            "projector": translate("MainWindow", "Projector (high contrast)"),
        }
        for action in self.actions_.theme_group.actions():
            action.setText(theme_names[str(action.data())])
            action.setToolTip(translate("MainWindow", "Colours for every pane"))
            action.setChecked(action.data() == self.theme_choice)
        for action in self.actions_.language_group.actions():
            code = str(action.data())
            action.setText(translate("MainWindow", "Follow the System") if code == "system" else NATIVE_NAMES[code])
            action.setToolTip(translate("MainWindow", "Language of the interface and the captions"))
            action.setChecked(code == self.prefs.language)
        for action in self.scenario_actions:
            scenario = get_scenario(str(action.data()))
            action.setText(scenario_title(scenario))
            action.setToolTip(
                translate("MainWindow", "Trace and show the built-in program {name}").format(name=scenario.name)
            )
        self.pane_layout.retranslate()
        self.pane_layout.fit_tabs()  # the titles in the new language, full or short as they fit
        self.banner.show_button.setText(translate("MainWindow", "Show where it stopped"))
        self.banner.show_button.setToolTip(translate("MainWindow", "Jump to the last recorded event"))
        self.banner.close_button.setText(translate("MainWindow", "Dismiss"))
        self.banner.close_button.setToolTip(translate("MainWindow", "Hide this message"))
        self.cancel_button.setText(translate("MainWindow", "Cancel"))
        self.cancel_button.setToolTip(translate("MainWindow", "Stop tracing the program now"))
        self.progress.setToolTip(translate("MainWindow", "The program is being traced in a separate process"))
        self.status_label.setToolTip(
            translate("MainWindow", "Virtual time of the current event, and where it is in the run")
        )
        tips = {
            self.code_view: translate("MainWindow", "The program: the running line, paused frames and their variables"),
            self.console_view: translate("MainWindow", "The program's output, as far as the playhead has got"),
            self.handoff_view: translate("MainWindow", "Who has control, and the value each send or yield carries"),
            self.loop_view: translate("MainWindow", "The message loop: ready queue, IO in flight, completions"),
            self.caption_view: translate("MainWindow", "What just happened, and why"),
        }
        for view, tip in tips.items():
            view.setToolTip(tip)
        self._rebuild_recent_menu()
        self._update_title()
        # Chinese titles are taller than Latin ones, and QMainWindow keeps the menu bar's old
        # height (the new items would be clipped away): give it its new height explicitly.
        bar = self.menuBar()
        bar.setMinimumHeight(bar.sizeHint().height())
        self.refresh()

    def _rebuild_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        files = self.prefs.recent_files()
        for name in files:
            action = menu.addAction(Path(name).name)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _c=False, n=name: self.open_program(Path(n)))
        if files:
            menu.addSeparator()
        menu.addAction(self.actions_["clear_recent"])
        self.actions_["clear_recent"].setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.prefs.clear_recent_files()
        self._rebuild_recent_menu()

    def _change_speed(self, direction: int) -> None:
        speed = self.player.speed
        if direction > 0:
            faster = [s for s in SPEED_STEPS if s > speed + 1e-9]
            self.player.set_speed(faster[0] if faster else SPEED_STEPS[-1])
        else:
            slower = [s for s in SPEED_STEPS if s < speed - 1e-9]
            self.player.set_speed(slower[-1] if slower else SPEED_STEPS[0])
        self.refresh()

    def _set_real_time(self, on: bool) -> None:
        self.player.real_time = on

    def _set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _leave(self) -> None:
        """Esc: stop presenting, or leave full screen."""
        if self.presentation.presenting:
            self.actions_["present"].setChecked(False)
        elif self.isFullScreen():
            self.actions_["full_screen"].setChecked(False)

    def _on_presenting(self, on: bool) -> None:
        a = self.actions_
        a["present"].blockSignals(True)
        a["present"].setChecked(on)
        a["present"].blockSignals(False)
        self._sync_window_actions()
        self._restyle()

    def _set_projector_when_presenting(self, on: bool) -> None:
        self.prefs.projector_when_presenting = on
        self._restyle()

    def _rebuild_screen_menu(self) -> None:
        """One entry per connected screen; the menu is only enabled when there is a choice."""
        group = self.actions_.screen_group
        for action in group.actions():
            group.removeAction(action)
            action.deleteLater()
        self.screen_menu.clear()
        names = screen_names()
        chosen = self.presentation.chosen_screen()
        for name in names:
            action = self.actions_.add_choice(group, name)
            action.setChecked(chosen is not None and chosen.name() == name)
            self.screen_menu.addAction(action)
        self.screen_menu.setEnabled(len(names) > 1)
        self._retranslate_screens()

    def _retranslate_screens(self) -> None:
        for number, action in enumerate(self.actions_.screen_group.actions(), start=1):
            action.setText(translate("MainWindow", "Screen {n}: {name}").format(n=number, name=action.data()))
            action.setToolTip(translate("MainWindow", "Present on this screen (F5)"))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            translate("MainWindow", "About Coroscope"),
            translate(
                "MainWindow",
                "Coroscope makes asynchronous IO visible: step through real Python programs on a virtual "
                "clock and watch generators, the message loop and threads take turns.",
            ),
        )

    # --- layout memory, drag and drop, closing ---------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.prefs.geometry("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter in (self.main_split, self.left, self.right, self.middle):
            state = self.prefs.geometry(f"window/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        self.prefs.set_geometry("window/geometry", self.saveGeometry())
        for splitter in (self.main_split, self.left, self.right, self.middle):
            self.prefs.set_geometry(f"window/{splitter.objectName()}", splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        self.presentation.stop()  # the layout to remember is the normal window's
        self.closing.emit()
        self.cancel_trace()
        self.player.pause()
        self.save_layout()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_program(path)


def _dropped_file(urls: list[QUrl]) -> Path | None:
    local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return local[0] if len(local) == 1 else None


def format_ns(ns: int) -> str:
    """Virtual time for people: ns, µs, ms or s with sensible precision."""
    if ns < 1_000:
        return f"{ns} ns"
    if ns < 1_000_000:
        return f"{ns / 1_000:.2f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1_000_000:.3f} ms"
    return f"{ns / 1_000_000_000:.3f} s"
