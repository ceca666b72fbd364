"""`coroscope export`: the same export as File > Export…, headless, from the command line.

Owns the command line (arguments, messages, exit codes: 0 done, 1 the export failed,
2 bad arguments or a program that cannot be traced). Traces synchronously (there is no
window to keep responsive), renders offscreen, and keeps the user's preferences untouched.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.export.options import CONTENTS, FRAME_RATES
from ui.export.pace import Pace

if TYPE_CHECKING:
    from ui.export.options import ExportOptions

EXPORT_TIMEOUT_S = 6 * 3600  # an export that runs longer than this is stopped (and leaves nothing)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coroscope export",
        description="Record the step-through window as a video (MP4), a GIF, a folder of PNG frames, or one PNG.",
    )
    p.add_argument("program", nargs="?", type=Path, help="a Python program or a LESSON.coroscope (or use --scenario)")
    p.add_argument("--scenario", help="a built-in scenario (default: producer-consumer)")
    p.add_argument("--out", required=True, help="FILE.mp4, FILE.gif, FILE.png, or DIR/ for a PNG sequence")
    p.add_argument("--size", default="1920x1080", help="720p, 1080p, 4k or WxH (default 1920x1080)")
    p.add_argument("--fps", type=int, default=30, help=f"frames per second: {', '.join(map(str, FRAME_RATES))}")
    p.add_argument("--speed", type=float, default=1.0, help="playing speed, 0.1 to 10 (default 1)")
    p.add_argument("--from", dest="first", type=int, default=1, help="first step, counted as the status line does")
    p.add_argument("--to", dest="last", type=int, help="last step (default: the end of the trace)")
    p.add_argument("--hold", type=float, default=1.0, help="seconds the last frame stays on screen (default 1)")
    p.add_argument(
        "--pace",
        choices=[pace.value for pace in Pace],
        default=Pace.LECTURE.value,
        help="lecture (default: hand-offs and IO held long enough to talk over, line steps quick), "
        "steps (as the window plays), or real-time (the program's virtual clock, slowed down by --dilation)",
    )
    p.add_argument("--real-time", action="store_true", help="the same as --pace real-time")
    p.add_argument("--dilation", type=float, default=1000.0,
                   help="with --pace real-time: wall seconds per virtual second")
    p.add_argument(
        "--content",
        choices=CONTENTS,
        default="window",
        help="the whole window (default), the panes as when presenting, or one pane",
    )
    p.add_argument("--captions", action="store_true", help="burn the caption into the bottom of every frame")
    p.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    p.add_argument("--theme", choices=("light", "dark", "projector"), default="light")
    p.add_argument("--text-scale", type=float, default=1.0, help="every text this much larger (1 to 3)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    return p


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import create_application

    create_application()
    from ui.export.options import ExportError, ExportOptions, format_for, parse_size

    out = Path(args.out)
    try:
        size = parse_size(args.size)
        options = ExportOptions(
            out=out,
            format=format_for(out, as_folder=args.out.endswith(("/", os.sep))),
            size=size,
            fps=args.fps,
            first=args.first - 1,
            last=None if args.last is None else args.last - 1,
            speed=args.speed,
            pace=Pace.REAL_TIME if args.real_time else Pace(args.pace),
            dilation=args.dilation,
            content=args.content,
            captions=args.captions,
            hold_s=args.hold,
        )
        if not 1.0 <= args.text_scale <= 3.0:
            raise ExportError(f"--text-scale must be between 1 and 3, not {args.text_scale:g}")
        if args.dilation <= 0:
            raise ExportError(f"--dilation must be positive, not {args.dilation:g}")
        options.check_choices()  # the range is checked once the trace exists
        if not out.parent.is_dir():
            raise ExportError(f"the folder {out.parent} does not exist")
    except ExportError as exc:
        parser.error(str(exc))
    return _export(args, options, argv)


def _export(args: argparse.Namespace, options: ExportOptions, argv: list[str] | None = None) -> int:
    from simulator.lesson_file import LessonError
    from ui.app import build_window
    from ui.export.frames import ExportWindowSettings, FrameRenderer
    from ui.export.job import ExportJob, run_until_done
    from ui.export.options import ExportError, Format
    from ui.export.timeline_of_frames import frame_positions
    from ui.lesson_headless import command_program, show_lesson
    from ui.main_window import ProgramError
    from ui.tracing import TraceError

    try:
        program, title, source, trace, lesson = command_program(args, argv or [])  # a program, lesson or scenario
        options = options.checked(len(trace))
        positions = frame_positions(trace, options)
    except (ProgramError, TraceError, ExportError, KeyError, OSError, LessonError) as exc:
        print(f"coroscope export: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    settings = ExportWindowSettings()
    window = build_window(args.lang, args.theme, settings.prefs)
    window.set_text_scale(args.text_scale)
    window.load_trace(trace, program, source, title)
    show_lesson(window, lesson, args)
    window.player.set_speed(options.speed)
    window.player.real_time, window.player.dilation = options.real_time, options.dilation
    try:
        job = ExportJob(FrameRenderer(window, options, settings), options, positions)
    except ExportError as exc:  # the target folder: missing, not writable, or not empty
        print(f"coroscope export: {exc}", file=sys.stderr)
        return 2
    outcome: dict[str, str] = {}
    job.failed.connect(lambda message: outcome.setdefault("failed", message))
    job.cancelled.connect(lambda: outcome.setdefault("failed", f"stopped after {EXPORT_TIMEOUT_S} s"))
    if not args.quiet:
        shown = {"percent": -1}

        def report(done: int, total: int) -> None:
            percent = 100 * done // max(1, total)
            if percent >= shown["percent"] + 10 or done == total:
                shown["percent"] = percent
                print(f"{percent}% ({done} of {total} frames)", flush=True)

        job.progress.connect(report)
    run_until_done(job, EXPORT_TIMEOUT_S)
    if "failed" in outcome:
        print(f"coroscope export: {outcome['failed']}", file=sys.stderr)
        return 1
    w, h = options.size
    if options.format is Format.PNG:
        print(f"wrote {options.out} ({w}x{h}, step {options.first + 1} of {len(trace)})")
    else:
        print(
            f"wrote {options.out} ({w}x{h}, {len(positions)} frames at {options.fps} fps, "
            f"steps {options.first + 1} to {(options.last or 0) + 1} of {len(trace)}, {options.pace} pace)"
        )
    return 0
