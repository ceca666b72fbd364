"""`coroscope screenshot`: the whole window at one step, rendered offscreen to a PNG file.

Owns the command line and the one-shot render. Tracing runs synchronously here (a
command has no window to keep responsive), in the same child process the window uses.
Preferences are throw-away settings, in memory only, so a screenshot never changes the user's.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.trace import Trace
    from ui.main_window import MainWindow


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coroscope screenshot", description="Render the window at one step to a PNG.")
    p.add_argument("program", nargs="?", type=Path, help="a Python program or a LESSON.coroscope (or use --scenario)")
    p.add_argument("--scenario", help="a built-in scenario (default: producer-consumer)")
    p.add_argument("--step", type=int, default=1, help="the step to show, counted as the status line does (1 = first)")
    p.add_argument("--bookmark", help="with a lesson: show the step of the bookmark of this name (instead of --step)")
    p.add_argument("--size", default="1600x900", help="window size WxH in pixels (default 1600x900)")
    p.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    p.add_argument("--theme", choices=("light", "dark", "projector"), default="light")
    p.add_argument("--text-scale", type=float, default=1.0, help="every text in every pane this much larger (1 to 3)")
    p.add_argument("--presenting", action="store_true", help="as in presentation mode: the panes without the chrome")
    p.add_argument("--out", type=Path, required=True, help="the PNG file to write")
    p.add_argument(
        "--view",
        choices=("window", "timeline", "compare"),
        default="window",
        help="the whole window (default), or only the thread timeline or the model comparison",
    )
    return p


def parse_size(text: str) -> tuple[int, int]:
    """ "1920x1080" -> (1920, 1080); ValueError with a reason otherwise."""
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"size must look like 1920x1080, not {text!r}") from None
    if not (320 <= w <= 8192 and 240 <= h <= 8192):
        raise ValueError(f"size {w}x{h} is out of range (320x240 to 8192x8192)")
    return w, h


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    if not 1.0 <= args.text_scale <= 3.0:
        parser.error(f"--text-scale must be between 1 and 3, not {args.text_scale:g}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from simulator.lesson_file import LessonError
    from ui.app import build_window
    from ui.fitcheck import wait_for_side_views
    from ui.lesson_headless import command_program, show_lesson
    from ui.main_window import ProgramError
    from ui.scratch_settings import scratch_preferences
    from ui.tracing import TraceError

    prefs = scratch_preferences()  # in memory only: a screenshot never changes the user's, nor leaves a file
    window = build_window(args.lang, args.theme, prefs)
    try:
        program, title, source, trace, lesson = command_program(args, argv)  # a program, a lesson or a scenario
    except (ProgramError, TraceError, KeyError, OSError, LessonError) as exc:
        print(f"coroscope screenshot: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    if args.view != "window":
        window.close()
        return _render_side_view(args.view, trace, size, args.theme, args.text_scale, args.step, args.out)
    window.set_text_scale(args.text_scale)
    window.load_trace(trace, program, source, title)
    show_lesson(window, lesson, args)
    window.resize(*size)
    window.show()
    if args.presenting:
        window.presentation.start(fill_screen=False)  # the offscreen "screen" is not the picture's size
    wait_for_side_views(window)  # the thread timeline builds its twin in the background: show it built
    window.player.seek(max(0, args.step - 1))
    window.refresh()
    ok = render_window(window, args.out)
    window.close()
    if not ok:
        print(f"coroscope screenshot: could not write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({size[0]}x{size[1]}, step {window.player.event_index + 1} of {len(trace)})")
    return 0


def _render_side_view(
    view: str, trace: Trace, size: tuple[int, int], theme: str, text_scale: float, step: int, out: Path
) -> int:
    """`--view timeline|compare`: render that view alone, at that step, into a PNG."""
    from ui.theme import THEMES
    from ui.timeline.screenshot import render_view

    image = render_view(view, trace, size, THEMES[theme].scaled(text_scale), step=max(0, step - 1))
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]
        print(f"coroscope screenshot: could not write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({size[0]}x{size[1]}, {view}, step {step} of {len(trace)})")
    return 0


def render_window(window: MainWindow, out: Path) -> bool:
    """Grab the whole window (menus, panes, status line) into a PNG file."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    image = window.grab().toImage()
    return bool(image.save(str(out), "PNG"))  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
