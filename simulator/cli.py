"""`python -m simulator`: run a program under the tracer, or hand a trace to the window.

Subcommands:
  run PROGRAM.py [args...]   prints exactly what the program prints, exits with its status;
                             --trace OUT.json, --events, --chrome-trace OUT.json,
                             --await-graph STEP (who waits for whom at that step, on stderr)
  trace PROGRAM.py [args...] --out FILE.bin   for the window's child process: no program
                             output, JSON progress lines on stdout
  compare ...                the same workload as threads, pool, coroutines, processes
  calibrate                  the model beside real measurements on this machine
  scenarios                  lists the built-in programs
Options for Coroscope may stand anywhere; what it does not know goes to the program
(put program arguments that start with '-' after `--`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from simulator import supervise
from simulator.costs import InvalidParameter, preset
from simulator.kinds import OUTPUT_KINDS
from simulator.runner import Limits, RunResult, run_program
from simulator.scenarios import get_scenario, list_scenarios
from simulator.trace import Trace
from simulator.trace_io import save_binary, save_json

_DELEGATED = {"compare": "simulator.compare_cli", "calibrate": "simulator.calibrate"}


def _run_parser(prog: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, allow_abbrev=False)
    p.add_argument("program", nargs="?", help="the Python file to run")
    p.add_argument("--scenario", help="run a built-in scenario instead of a file")
    p.add_argument("--max-steps", type=int, default=Limits.max_steps, help="stop after N recorded steps (0: no cap)")
    p.add_argument(
        "--max-seconds", type=float, default=Limits.wall_s, help="stop after S seconds of real time (0: no cap)"
    )
    p.add_argument("--max-output", type=int, default=Limits.max_output_chars, help="stop after N characters of output")
    p.add_argument("--preset", default="realistic", help="cost model: realistic or teaching")
    p.add_argument("--seed", type=int, default=0, help="picks the thread interleaving, reproducibly")
    return p


def _resolve_program(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path:
    if args.scenario:
        try:
            return get_scenario(args.scenario).path
        except KeyError as exc:
            parser.exit(2, f"{parser.prog}: {exc.args[0]}\n")
    if not args.program:
        parser.exit(2, f"{parser.prog}: give a program to run (or --scenario NAME)\n")
    return Path(args.program)


def _execute(
    args: argparse.Namespace,
    extra: list[str],
    parser: argparse.ArgumentParser,
    *,
    echo: bool,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    program = _resolve_program(args, parser)
    try:
        costs = preset(args.preset)
    except InvalidParameter as exc:
        parser.exit(2, f"{parser.prog}: {exc}\n")
    for name in ("max_steps", "max_seconds", "max_output"):
        if getattr(args, name) < 0:
            parser.exit(2, f"{parser.prog}: --{name.replace('_', '-')} must not be negative\n")
    limits = Limits(max_steps=args.max_steps, wall_s=args.max_seconds, max_output_chars=args.max_output)
    program_args = [a for a in extra if a != "--"] if extra[:1] == ["--"] else extra
    try:
        return run_program(
            program, program_args, limits=limits, costs=costs, seed=args.seed, echo=echo, progress=progress
        )
    except OSError as exc:
        where = os.path.abspath(program)  # CPython names the absolute path too
        parser.exit(2, f"{parser.prog}: can't open file {where!r}: [Errno {exc.errno}] {exc.strerror}\n")


def format_event_log(trace: Trace) -> str:
    """The readable event log of --events: time, kind, actor, line, value."""
    names = {a.id: f"{a.name}#{a.id}" for a in trace.actors}
    out = []
    for i in range(len(trace)):
        ev = trace.event(i)
        value = "" if ev.text is None else ev.text
        if ev.kind in OUTPUT_KINDS:
            value = repr(value)
        extra = f" arg={ev.arg}" if ev.arg != -1 and ev.kind not in OUTPUT_KINDS else ""
        line = f"L{ev.line}" if ev.line >= 0 else ""
        who = names.get(ev.actor, "-")
        out.append(f"{ev.t / 1000:>14.3f} us  {ev.kind.name.lower():<14} {who:<24} {line:<6} {value}{extra}")
    return "\n".join(out) + "\n"


def cmd_run(argv: list[str]) -> int:
    parser = _run_parser("python -m simulator run")
    parser.add_argument("--trace", metavar="OUT.json", help="write the trace as JSON")
    parser.add_argument("--events", action="store_true", help="write a readable event log to stderr")
    parser.add_argument("--chrome-trace", metavar="OUT.json", help="write the thread timeline as Chrome Trace JSON")
    parser.add_argument(
        "--await-graph",
        metavar="STEP",
        type=int,
        help="after the run, write to stderr who waits for whom at step STEP (1 = first): the asyncio tasks as "
        "`python -m asyncio pstree` prints them, and every thread with what it waits on",
    )
    args, extra = parser.parse_known_args(argv)
    if args.await_graph is not None and args.await_graph < 1:
        parser.exit(2, f"{parser.prog}: --await-graph counts steps from 1\n")
    limit_fd = supervise.take_supervision() if supervise.supervised() else None
    result = _execute(args, extra, parser, echo=True)
    # SIGALRM without a handler: CPython's process dies of it, its unflushed output lost, its children left
    killed = result.trace.outcome.limit == "signal"
    if not killed:
        sys.stdout.flush()
    if result.trace.outcome.status == "limit" and not killed:
        supervise.report_limit(limit_fd)  # the supervisor ends what the program left running
    if args.events:
        sys.stderr.write(format_event_log(result.trace))
    if args.await_graph is not None:
        waits = importlib.import_module("simulator.await_graph_cli")
        sys.stderr.write(waits.describe(result.trace, args.await_graph - 1))
    try:
        if args.trace:
            save_json(result.trace, args.trace)
        if args.chrome_trace:
            chrome = importlib.import_module("simulator.chrome_trace")
            chrome.write_chrome_trace(result.trace, args.chrome_trace)
    except OSError as exc:
        sys.stderr.write(f"coroscope: could not write the trace: {exc}\n")
        return result.exit_code or 1
    if killed:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGALRM)  # the supervisor dies of it too: the status a shell sees is CPython's
    return result.exit_code


def cmd_trace(argv: list[str]) -> int:
    parser = _run_parser("python -m simulator trace")
    parser.add_argument("--out", required=True, metavar="FILE.bin", help="where to write the trace")
    args, extra = parser.parse_known_args(argv)
    if supervise.can_supervise() and os.getpgrp() != os.getpid():
        # the window ends this whole group on cancel, at a limit and at its watchdog (ui/tracing.py)
        os.setsid()
    last = [0.0]

    def progress(steps: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.1:
            last[0] = now
            sys.__stdout__.write(json.dumps({"progress": steps}) + "\n")  # type: ignore[union-attr]
            sys.__stdout__.flush()  # type: ignore[union-attr]

    result = _execute(args, extra, parser, echo=False, progress=progress)
    try:
        save_binary(result.trace, args.out)
    except OSError as exc:
        print(json.dumps({"done": False, "error": f"could not write the trace: {exc}"}), flush=True)
        return 1
    o = result.trace.outcome
    print(
        json.dumps(
            {
                "done": True,
                "status": o.status,
                "message": o.message,
                "line": o.line,
                "exit_code": result.exit_code,
                "steps": len(result.trace),
            }
        ),
        flush=True,
    )
    return 0


def cmd_scenarios(argv: list[str]) -> int:
    for s in list_scenarios():
        print(f"{s.name:28s} {s.title}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"run": cmd_run, "trace": cmd_trace, "scenarios": cmd_scenarios}
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name in commands:
        return commands[name](rest)
    if name in _DELEGATED:
        try:
            module = importlib.import_module(_DELEGATED[name])
        except ModuleNotFoundError:
            print(f"python -m simulator: '{name}' is not available in this build", file=sys.stderr)
            return 2
        return int(module.main(rest))
    print(f"python -m simulator: unknown command {name!r} (run, trace, compare, calibrate, scenarios)", file=sys.stderr)
    return 2


__all__ = ["format_event_log", "main"]
