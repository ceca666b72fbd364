"""`coroscope fitcheck`: print every essential text the window elides or clips, offscreen; exit 1 if any.

Owns the command line. The checking is ui.fitcheck's; the program is chosen and traced as
`coroscope screenshot` does it, with throw-away preferences so the user's are never changed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coroscope fitcheck",
        description="Lay the window out offscreen and print every essential text that is elided or clipped "
        "(pane, text, step). Exit status 1 if any, 0 if none, 2 for bad input.",
    )
    p.add_argument("program", nargs="?", type=Path, help="a Python program (or use --scenario)")
    p.add_argument("--scenario", help="a built-in scenario (default: producer-consumer)")
    p.add_argument("--size", default="1920x1080", help="window size WxH in pixels (default 1920x1080)")
    p.add_argument("--text-scale", type=float, default=1.0, help="every text this much larger (1 to 3)")
    p.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    p.add_argument("--theme", choices=("light", "dark", "projector"), default="light")
    p.add_argument("--presenting", action="store_true", help="as in presentation mode: the panes without the chrome")
    steps = p.add_mutually_exclusive_group()
    steps.add_argument("--step", type=int, help="check this step only (1 = the first event)")
    steps.add_argument("--all-steps", action="store_true", help="check every step of the run")
    return p


def default_steps(count: int, samples: int = 10) -> list[int]:
    """Without --step or --all-steps: the first and last step and evenly spread ones between."""
    if count <= samples:
        return list(range(1, count + 1))
    return sorted({1 + round(k * (count - 1) / (samples - 1)) for k in range(samples)})


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    from ui.screenshot import checked_size

    size = checked_size(parser, args)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import build_window
    from ui.fitcheck import FitConfig, check_matrix, wait_for_side_views
    from ui.headless import chosen_program
    from ui.main_window import ProgramError
    from ui.scratch_settings import scratch_preferences
    from ui.tracing import TraceError, TraceRequest, trace_synchronously

    prefs = scratch_preferences()  # in memory only: a fit check never changes the user's, nor leaves a file
    window = build_window(args.lang, args.theme, prefs)
    try:
        program, title, source = chosen_program(args.program, args.scenario)
        trace = trace_synchronously(TraceRequest(program))
    except (ProgramError, TraceError, KeyError, OSError) as exc:
        window.close()
        print(f"coroscope fitcheck: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    count = len(trace)
    if args.step is not None and not 1 <= args.step <= max(1, count):
        window.close()
        parser.error(f"--step must be between 1 and {count}, not {args.step}")
    config = FitConfig(size, args.text_scale, args.lang, args.theme, args.presenting)
    window.load_trace(trace, program, source, title)
    window.show()
    wait_for_side_views(window)
    if args.step is not None:
        steps = [args.step]
    elif args.all_steps:
        steps = list(range(1, count + 1))
    else:
        steps = default_steps(count)
    findings = [finding for _, finding in check_matrix(window, [config], steps)]
    window.close()
    print(f"{title}: {config.describe()}, {len(steps)} step(s) of {count} checked")
    for finding in findings:
        print(finding.line())
    print(f"{len(findings)} essential text(s) elided or clipped" if findings else "everything essential fits")
    return 1 if findings else 0
