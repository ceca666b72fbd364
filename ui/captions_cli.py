"""`coroscope captions`: every step's chapter and caption as tab-separated lines, for notes and tests.

Owns the command line: PROGRAM or --scenario NAME, --lang. Prints one line per step:
step (1-based, as the status line counts), chapter (1-based), title, body. Tabs and
line breaks inside a text become spaces, so each step stays one line. Tracing runs in
the same child process the window uses; no window is created.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.trace import Trace


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coroscope captions",
        description="Print each step's chapter and caption: step, chapter, title, body (tab-separated).",
    )
    p.add_argument("program", nargs="?", type=Path, help="a Python program (or use --scenario)")
    p.add_argument("--scenario", help="a built-in scenario (default: producer-consumer)")
    p.add_argument("--lang", choices=("en", "zh_CN"), default="en", help="the captions' language")
    p.add_argument("--chapters", action="store_true", help="print the chapters only: chapter, first step, kind, title")
    return p


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from ui.headless import chosen_program
    from ui.i18n import app_translations
    from ui.main_window import ProgramError
    from ui.tracing import TraceError, TraceRequest, trace_synchronously

    _app = QCoreApplication.instance() or QCoreApplication(["coroscope"])
    app_translations().set_language(args.lang)
    try:
        program, _title, _source = chosen_program(args.program, args.scenario)
        trace = trace_synchronously(TraceRequest(program))
    except (ProgramError, TraceError, KeyError, OSError) as exc:
        print(f"coroscope captions: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    try:
        _print(trace, args.chapters)
    except BrokenPipeError:  # `| head`: the reader has all it wanted; exit quietly, as CPython's tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    del _app
    return 0


def _print(trace: Trace, chapters_only: bool) -> None:
    from simulator.chapters import chapter_at, chapters_of
    from ui.captions import caption_for
    from ui.chapter_text import chapter_title
    from ui.scene import SceneCache

    out = sys.stdout
    if chapters_only:
        for c in chapters_of(trace):
            out.write(f"{c.index + 1}\t{c.first_step + 1}\t{c.kind}\t{_one_line(chapter_title(c))}\n")
        return
    cache = SceneCache(trace)
    for i in range(len(trace)):
        chapter = chapter_at(trace, i)
        caption = caption_for(cache, i)
        number = chapter.index + 1 if chapter is not None else 0
        out.write(f"{i + 1}\t{number}\t{_one_line(caption.title)}\t{_one_line(caption.body)}\n")
    out.flush()
