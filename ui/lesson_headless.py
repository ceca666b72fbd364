"""What `coroscope screenshot` and `coroscope export` do with a lesson file instead of a program.

Owns reading the lesson (simulator.lesson_file checks it), writing its program to the
command's scratch folder under its own plain file name, the trace request (its
preset, nothing else), and giving a window the lesson's marks and view, except the
settings the command line names itself.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.lesson_file import SUFFIX, Lesson, LessonError, load_lesson, program_file_name

if TYPE_CHECKING:
    from simulator.trace import Trace
    from ui.main_window import MainWindow
    from ui.tracing import TraceRequest

# Command-line options that, when given, win over the lesson's view settings.
_OPTIONS = {"--theme": "theme", "--lang": "language", "--text-scale": "text_scale"}


def is_lesson(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() == SUFFIX


@dataclass(frozen=True)
class LessonRun:
    """A lesson ready to trace: its program written out as a file."""

    lesson: Lesson
    program: Path
    title: str

    def request(self) -> TraceRequest:
        from ui.tracing import TraceRequest

        return TraceRequest(self.program, preset=self.lesson.preset)


def prepare(path: Path, folder: Path) -> LessonRun:
    """Read the lesson at `path` and write its program into `folder`; LessonError (a message) if it can't be."""
    lesson = load_lesson(path)
    program = folder / program_file_name(lesson.program_name)
    try:
        program.write_text(lesson.source, encoding="utf-8")
    except OSError as exc:
        raise LessonError(f"cannot write the lesson's program: {exc.strerror or exc}") from exc
    return LessonRun(lesson, program, lesson.title or path.stem)


def trace_lesson(path: Path) -> tuple[LessonRun, Trace]:
    """Read a lesson and trace its program in the usual child process (its scratch copy is removed after).

    Raises LessonError or ui.tracing.TraceError with a message for the user.
    """
    from ui.tracing import trace_synchronously

    folder = Path(tempfile.mkdtemp(prefix="coroscope-lesson-"))
    try:
        run = prepare(path, folder)
        return run, trace_synchronously(run.request())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def given_options(argv: list[str]) -> frozenset[str]:
    """The view settings the command line sets itself ("--theme dark" or "--theme=dark")."""
    return frozenset(setting for option, setting in _OPTIONS.items() if any(a.split("=")[0] == option for a in argv))


def view_choice(run: LessonRun | None, setting: str, given: frozenset[str], default: str) -> str:
    """A command's theme or language: the command line's, else the lesson's, else `default`."""
    if run is None or setting in given:
        return default
    value = getattr(run.lesson.view, setting)
    if value == "system":
        return default  # a picture has no system to follow: the command's own default
    return str(value) if value is not None else default


def text_scale_choice(run: LessonRun | None, given: frozenset[str], default: float) -> float:
    if run is None or "text_scale" in given or run.lesson.view.text_scale is None:
        return default
    return run.lesson.view.text_scale


def apply_marks(window: MainWindow, run: LessonRun) -> None:
    """The lesson's bookmarks, annotations (callouts), notes and pane sizes on a headless window."""
    from ui.lesson_tools import lesson_tools

    lesson_tools(window).lessons.apply(run.lesson, skip=frozenset({"theme", "language", "text_scale"}))


def command_program(args: argparse.Namespace, argv: list[str]) -> tuple[Path, str, str, Trace, LessonRun | None]:
    """(program, title, source, trace, lesson) of a command's PROGRAM.py, LESSON.coroscope or --scenario.

    With a lesson, `args.theme`, `args.lang` and `args.text_scale` take the lesson's settings
    unless the command line gives them, and `--bookmark NAME` (where the command has it)
    sets `args.step`. Raises ProgramError, TraceError, LessonError, KeyError or OSError.
    """
    from ui.headless import chosen_program
    from ui.tracing import TraceRequest, trace_synchronously

    bookmark = getattr(args, "bookmark", None)
    if not is_lesson(args.program):
        if bookmark is not None:
            raise LessonError("--bookmark needs a lesson file (LESSON.coroscope)")
        program, title, source = chosen_program(args.program, args.scenario)
        return program, title, source, trace_synchronously(TraceRequest(program)), None
    run, trace = trace_lesson(args.program)
    given = given_options(argv)
    args.theme = view_choice(run, "theme", given, args.theme)
    args.lang = view_choice(run, "language", given, args.lang)
    args.text_scale = text_scale_choice(run, given, args.text_scale)
    if bookmark is not None:
        args.step = run.lesson.bookmark(bookmark).step
    return run.program, run.title, run.lesson.source, trace, run


def show_lesson(window: MainWindow, run: LessonRun | None, args: argparse.Namespace) -> None:
    """After the trace is loaded: the lesson's marks, and the theme and language the command settled on."""
    if run is None:
        return
    apply_marks(window, run)
    window.apply_theme(args.theme)
    window.set_language(args.lang)
