"""Running a program file as `__main__` under the tracer, with limits, and keeping the trace.

Owns the run's lifecycle: read and compile the file as CPython would, give the
program its own `sys.argv`, `sys.path[0]` and `__main__`, record stdout/stderr
(echoing them when asked), install the engines (virtual loop, threads), stop at a
limit with a message saying where, print uncaught exceptions exactly as CPython's
own hook does (with the tracer's frames removed), and return the trace with the
exit status. It never lets the program's failure escape as the runner's own.
"""

from __future__ import annotations

import builtins
import codecs
import dis
import gc
import importlib
import io
import operator
import os
import signal
import sys
import threading
import time
import tokenize
import types
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from simulator.costs import REALISTIC, CostModel
from simulator.kinds import EventKind
from simulator.launch import Launch, LaunchError, special_launch
from simulator.trace import NONE, Outcome, Trace, TraceBuilder
from simulator.tracer import Tracer, decode_source

# Engines installed around every run, by module name: each has `install(ctx) -> uninstall`.
# Order matters: the thread scheduler patches time.sleep first; the virtual loop wraps it,
# handling sleeps inside coroutines (they block the loop) and passing the rest on.
# child_processes notes the processes a program starts and takes a forked child out of the run.
ENGINE_MODULES: list[str] = ["simulator.threads.scheduler", "simulator.loop.engine", "simulator.child_processes"]

_SIMULATOR_DIR = os.path.dirname(os.path.realpath(__file__)) + os.sep
# taken before any run patches them (the threads engine puts SIGALRM on the virtual clock for the program)
_REAL_SIGNAL = signal.signal
_REAL_SETITIMER = signal.setitimer
_REAL_MONOTONIC = time.monotonic


@dataclass(frozen=True)
class Limits:
    """Caps that stop a run cleanly. 0 means no cap."""

    max_steps: int = 1_000_000
    wall_s: float = 60.0
    max_output_chars: int = 10_000_000
    max_virtual_ns: int = 3600 * 1_000_000_000


class LimitReached(BaseException):
    """Raised inside the program when a limit stops it (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, limit: str, message: str, line: int = NONE) -> None:
        super().__init__(message)
        self.limit = limit
        self.message = message
        self.line = line


@dataclass
class RunResult:
    trace: Trace
    exit_code: int


class RunContext:
    """What engines get: the shared builder and clock, the tracer, costs, limits, seed."""

    def __init__(
        self, builder: TraceBuilder, tracer: Tracer, costs: CostModel, limits: Limits, seed: int, program: Path
    ) -> None:
        self.builder = builder
        self.tracer = tracer
        self.costs = costs
        self.limits = limits
        self.seed = seed
        self.program = program
        self.stopped: LimitReached | None = None
        # run when the main module's code has finished, still traced (e.g. joining non-daemon threads)
        self.at_main_exit: list[Callable[[], None]] = []
        # whether the calling thread is the one the trace follows now (the threads engine replaces it);
        # any other thread (a helper of multiprocessing, say) must not write to the builder meanwhile
        main = threading.get_ident()
        self.in_simulation: Callable[[], bool] = lambda: threading.get_ident() == main
        self._later: list[str] = []

    def note(self, text: str, line: int = NONE) -> None:
        """Tell the user something about the run (shown in the window and with --events).

        From a thread the trace does not follow, the note waits for the end of the run.
        """
        if not self.in_simulation():
            self._later.append(text)
            return
        self.builder.emit(
            EventKind.NOTE, self.tracer.current_actor(), line if line != NONE else self.tracer.current_line(), text=text
        )

    def flush_notes(self) -> None:
        """Record the notes that came from threads the trace does not follow (the run is over)."""
        later, self._later = self._later, []
        for text in later:
            self.builder.emit(EventKind.NOTE, NONE, NONE, text=text)

    def stop(self, limit: str, message: str) -> None:
        """Stop the program: records the limit and raises LimitReached into it."""
        if self.stopped is None:
            where = self.tracer.current_line()
            full = f"{message} (stopped at line {where})" if where != NONE else message
            self.stopped = LimitReached(limit, full, where)
            self.builder.emit(EventKind.LIMIT, self.tracer.current_actor(), where, text=full)
        raise self.stopped


class _OutputRecorder(io.TextIOBase):
    """sys.stdout / sys.stderr for the program: records every write, optionally echoes it."""

    def __init__(self, kind: EventKind, ctx: RunContext, echo: TextIO | None) -> None:
        self._kind = kind
        self._ctx = ctx
        self._builder = ctx.builder
        self._tracer = ctx.tracer
        self._cap = ctx.limits.max_output_chars
        self._echo = echo
        self._buffer: _BinaryRecorder | None = None

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def buffer(self) -> _BinaryRecorder:
        """The binary stream under the text one, as a TextIOWrapper's: bytes written there are recorded too."""
        if self._buffer is None:
            self._buffer = _BinaryRecorder(self)
        return self._buffer

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        n = len(s)
        if self._cap and self._builder.console_len + n > self._cap:
            self._over_cap(s, True)
        self._record(s, True)  # inline (not through _record_text): every print comes here
        return n

    def _record_text(self, s: str, echo: bool = False) -> int:
        """Record `s` (echoing it if asked), within the output cap."""
        n = len(s)
        if self._cap and self._builder.console_len + n > self._cap:
            self._over_cap(s, echo)
        self._record(s, echo)
        return n

    def _over_cap(self, s: str, echo: bool) -> None:
        """Record what still fits of `s`, then stop the program at the output limit."""
        room = max(0, self._cap - self._builder.console_len)
        if room:
            self._record(s[:room], echo)
        self._ctx.stop("output", f"output limit reached: the program wrote more than {self._cap:,} characters")

    def _record(self, s: str, echo: bool) -> None:
        tracer = self._tracer
        stack = tracer.stack
        self._builder.emit_output(self._kind, stack[-1] if stack else NONE, tracer.current_line(), s)
        if echo and self._echo is not None:
            self._echo.write(s)

    def flush(self) -> None:
        if self._echo is not None:
            self._echo.flush()


class _BinaryRecorder(io.BufferedIOBase):
    """`sys.stdout.buffer` / `sys.stderr.buffer`: bytes as CPython's stream would write them.

    The bytes are echoed unchanged; the trace records them decoded as UTF-8 (the streams'
    encoding), a character split across writes once it is whole, a byte that is not UTF-8
    as U+FFFD.
    """

    def __init__(self, text: _OutputRecorder) -> None:
        self._text = text
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, b: Any) -> int:
        data = bytes(memoryview(b))  # the TypeError CPython gives for a str or an int
        echo = self._text._echo
        if echo is not None:
            echo.flush()  # what was written as text first comes out first
            raw = getattr(echo, "buffer", None)
            if raw is not None:
                raw.write(data)
                raw.flush()
            else:  # an echo stream without bytes (a test's StringIO): its text
                echo.write(data.decode("utf-8", "replace"))
        text = self._decoder.decode(data)
        if text:
            self._text._record_text(text)
        return len(data)

    def flush(self) -> None:
        self._text.flush()


class _EmptyStdin(io.TextIOBase):
    """Standard input for the program: always at end-of-file, and the user is told once."""

    def __init__(self, ctx: RunContext) -> None:
        self._ctx = ctx
        self._told = False

    def readable(self) -> bool:
        return True

    def _tell(self) -> None:
        if not self._told:
            self._told = True
            self._ctx.note("the program read standard input; in Coroscope it gets end-of-file")

    def read(self, size: int | None = -1) -> str:
        self._tell()
        return ""

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self._tell()
        return ""


def _user_traceback(exc: BaseException) -> types.TracebackType | None:
    """The traceback without the runner's and tracer's frames.

    A RecursionError can strike when a new frame calls the tracer's start callback,
    before the frame ran anything; CPython would have failed one call earlier, in
    the caller, so that not-yet-started frame is dropped too.
    """
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        if not os.path.realpath(tb.tb_frame.f_code.co_filename).startswith(_SIMULATOR_DIR):
            frames.append(tb)
        tb = tb.tb_next
    if isinstance(exc, RecursionError) and len(frames) > 1 and _not_started(frames[-1]):
        frames.pop()
    new: types.TracebackType | None = None
    for t in reversed(frames):
        new = types.TracebackType(new, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return new


def _not_started(tb: types.TracebackType) -> bool:
    code = tb.tb_frame.f_code
    first = next((i.offset for i in dis.get_instructions(code) if i.opname == "RESUME"), 0)
    return tb.tb_lasti <= first


def _clear_main(namespace: dict[str, Any]) -> None:
    """Finalise __main__'s globals the way CPython does at exit (underscored names first)."""
    for name in [n for n in namespace if n.startswith("_") and n != "__builtins__"]:
        namespace[name] = None
    for name in [n for n in namespace if n != "__builtins__"]:
        namespace[name] = None
    gc.collect()


def read_source(path: Path) -> bytes:
    """The program's bytes; OSError (missing, unreadable, a folder) propagates to the caller."""
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    return path.read_bytes()


def run_program(
    path: str | os.PathLike[str],
    argv: Sequence[str] = (),
    *,
    limits: Limits | None = None,
    costs: CostModel = REALISTIC,
    seed: int = 0,
    echo: bool = True,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Run `path` as __main__ under the tracer. OSError if the file cannot be read."""
    limits = limits or Limits()
    program = Path(path)
    builder = TraceBuilder()
    builder.params = {"costs": costs.as_dict(), "limits": asdict(limits), "seed": seed}
    try:
        launch = special_launch(program, __file__)  # a folder, a zip or a .pyc
    except LaunchError as exc:
        builder.program = {"path": os.path.abspath(program), "argv": list(argv)}
        return _syntax_error(builder, RuntimeError(str(exc)), os.path.abspath(program), echo, status="error")
    source = read_source(program) if launch is None else b""
    # as CPython: __file__ and tracebacks name the absolute path
    filename = os.path.abspath(program) if launch is None else launch.filename
    builder.program = {"path": filename, "argv": list(argv)}
    user_root = os.path.dirname(filename) if launch is None else launch.user_root
    tracer = Tracer(builder, costs, user_root, max_steps=limits.max_steps)
    ctx = RunContext(builder, tracer, costs, limits, seed, program)
    tracer.on_limit = lambda: ctx.stop("steps", f"step limit reached: {limits.max_steps:,} steps recorded")
    deadline = time.monotonic() + limits.wall_s if limits.wall_s else None

    def tick() -> None:
        if progress is not None:
            progress(len(builder))
        if deadline is not None and time.monotonic() > deadline:
            ctx.stop("time", f"time limit reached: the program ran for more than {limits.wall_s:g} s of real time")

    tracer.tick = tick
    if launch is not None:
        builder.sources.update(launch.sources)
        return _execute(launch.code, ctx, filename, [os.fspath(path), *argv], echo, launch)
    try:
        _check_encoding(source, filename)
        code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return _syntax_error(builder, exc, filename, echo)
    builder.sources[filename] = decode_source(source)
    return _execute(code, ctx, filename, [os.fspath(path), *argv], echo)


def _check_encoding(source: bytes, filename: str) -> None:
    """Raise the SyntaxError CPython's file reader gives for a bad or missing encoding declaration.

    `compile()` on bytes words these differently from `python FILE`, so they are checked first.
    """
    try:
        encoding, lines = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError as exc:
        unknown = str(exc).removeprefix("unknown encoding: ")
        if unknown != str(exc):
            raise SyntaxError(f"encoding problem: {unknown}") from None
        if source.startswith(codecs.BOM_UTF8) or not str(exc).startswith("invalid or missing encoding declaration"):
            return  # other declaration problems: compile() reports them
        # line 1 or 2 is not UTF-8 and declares nothing: CPython's reader words it as for any later line
        encoding, lines = "utf-8", []
    declared = any(tokenize.cookie_re.match(line.decode("latin-1")) for line in lines)
    if encoding != "utf-8" or declared:  # a declared encoding (or a BOM, "utf-8-sig"): compile() handles it
        return
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source.count(b"\n", 0, exc.start) + 1
        raise SyntaxError(
            f"Non-UTF-8 code starting with '\\x{source[exc.start]:02x}' in file {filename} on line {line}, "
            "but no encoding declared; see https://peps.python.org/pep-0263/ for details"
        ) from None


def _syntax_error(
    builder: TraceBuilder, exc: BaseException, filename: str, echo: bool, status: str = "syntax_error"
) -> RunResult:
    buf = io.StringIO()
    saved = sys.stderr
    sys.stderr = buf
    try:  # CPython's own hook (not one the host installed), without the runner's frame
        sys.__excepthook__(type(exc), exc.with_traceback(None), None)
    finally:
        sys.stderr = saved
    text = buf.getvalue()
    if echo:
        sys.stderr.write(text)
    try:
        builder.sources[filename] = decode_source(Path(filename).read_bytes())
    except OSError:
        pass
    line = getattr(exc, "lineno", None) or NONE
    builder.emit_output(EventKind.STDERR, NONE, line, text)
    builder.emit(EventKind.EXIT, NONE, line, arg=1)
    outcome = Outcome(status, 1, f"{type(exc).__name__}: {getattr(exc, 'msg', exc)}", filename, line)
    return RunResult(builder.build(outcome), 1)


def _install_engines(ctx: RunContext) -> list[Callable[[], None]]:
    uninstalls = []
    for name in ENGINE_MODULES:
        module = importlib.import_module(name)
        uninstalls.append(module.install(ctx))
    return uninstalls


def _execute(
    code: types.CodeType, ctx: RunContext, filename: str, argv: list[str], echo: bool, launch: Launch | None = None
) -> RunResult:
    """Run `code` as __main__; `argv` is the program's sys.argv (its path as the user gave it first)."""
    builder, tracer = ctx.builder, ctx.tracer
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = builtins
    if launch is None:
        main.__dict__.update({"__file__": filename, "__cached__": None})
    else:
        main.__dict__.update(launch.main_vars)
    namespace = {"__builtins__": builtins} if launch is not None and launch.own_namespace else main.__dict__
    saved_sys = _SavedSys()
    sys.argv = argv
    sys.path[0:0] = [os.path.dirname(os.path.abspath(filename)) if launch is None else launch.sys_path0]
    sys.modules["__main__"] = main
    sys.stdout = _OutputRecorder(EventKind.STDOUT, ctx, saved_sys.stdout if echo else None)
    sys.stderr = _OutputRecorder(EventKind.STDERR, ctx, saved_sys.stderr if echo else None)
    sys.stdin = _EmptyStdin(ctx)
    sys.excepthook = sys.__excepthook__  # the program may set its own, as under CPython
    # The program's frames start deeper than under plain CPython (the runner's frames sit below
    # them): lift the limit by that depth so RecursionError strikes at the same user depth.
    _offset_recursion_limit(_stack_depth() + RECURSION_MARGIN)
    exit_code, status, message, where = 0, "finished", "", NONE
    uninstalls: list[Callable[[], None]] = []
    alarm = _Watchdog(ctx)
    restore_gc = _collect_less_often()
    try:
        # a limit that strikes while the run winds up (the watchdog fires until it is stopped) ends here
        try:
            uninstalls = _install_engines(ctx)
            alarm.start()
            tracer.start()
            try:
                exec(code, namespace)
            except LimitReached:
                pass
            except SystemExit as exc:
                exit_code = _system_exit_code(exc)
                if exit_code:
                    status, message = "exception", f"SystemExit: {exc.code}"
            except BaseException as exc:
                # CPython ends on an uncaught Ctrl-C by SIGINT: a shell sees 128 + 2
                exit_code, status = (130 if isinstance(exc, KeyboardInterrupt) else 1), "exception"
                message = f"{type(exc).__name__}: {exc}"
                tb = _user_traceback(exc)
                where = tb_last_line(tb)
                try:
                    sys.excepthook(type(exc), exc.with_traceback(tb), tb)
                except LimitReached:
                    pass
            if ctx.stopped is None:
                try:  # however the main module ended, CPython then waits for the program's threads
                    for at_exit in ctx.at_main_exit:
                        at_exit()
                except LimitReached:
                    pass
            if ctx.stopped is None:
                try:  # what CPython does at exit: finalise __main__'s globals (generators close, finally blocks run)
                    _clear_main(main.__dict__)
                except BaseException:
                    pass
        except LimitReached:
            pass
    finally:
        alarm.stop()
        tracer.stop()
        restore_gc()
        for uninstall in reversed(uninstalls):
            uninstall()
        saved_sys.restore()
        ctx.flush_notes()
    if ctx.stopped is not None:
        exit_code, status, message, where = 1, "limit", ctx.stopped.message, ctx.stopped.line
        if echo and ctx.stopped.limit != "signal":  # a process a signal ends says nothing (its shell does)
            sys.stderr.write(f"coroscope: {message}\n")
    builder.emit(EventKind.EXIT, NONE, where, arg=exit_code)
    limit = ctx.stopped.limit if ctx.stopped is not None else ""
    return RunResult(builder.build(Outcome(status, exit_code, message, filename, where, limit)), exit_code)


YOUNG_GC_THRESHOLD = 200000  # while recording: objects allocated between young collections (CPython: 700)


def _collect_less_often() -> Callable[[], None]:
    """Tune the cyclic garbage collector for a recording run; return the function that undoes it.

    Recording keeps many small objects alive for a while (a trace's tables, every IO
    request in flight with its future): with CPython's defaults the collector then ran
    over them again and again, about a third of a loop benchmark's time. During the run
    the young generation collects every YOUNG_GC_THRESHOLD allocations instead, and what
    was alive before the program started (the simulator's own modules) is frozen out
    of collections. The program's objects are freed as before; only cyclic garbage waits
    a little longer for its collection.
    """
    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(saved[0], YOUNG_GC_THRESHOLD), *saved[1:])

    def restore() -> None:
        gc.set_threshold(*saved)
        gc.unfreeze()

    return restore


# The runner's own frame, the exec'd module's offset and the tracer's callbacks (measured
# against CPython's "[Previous line repeated N more times]" by tests/simulator).
RECURSION_MARGIN = 4


def _offset_recursion_limit(offset: int) -> None:
    """Raise the real limit by `offset`, and show the program the limit it would have under CPython."""
    real_get, real_set = sys.getrecursionlimit, sys.setrecursionlimit

    def getrecursionlimit() -> int:
        return real_get() - offset

    def setrecursionlimit(limit: int, /) -> None:
        limit = operator.index(limit)  # the TypeError CPython gives for a float or a str
        if limit < 1:
            raise ValueError("recursion limit must be greater or equal than 1")
        real_set(limit + offset)

    real_set(real_get() + offset)
    sys.getrecursionlimit, sys.setrecursionlimit = getrecursionlimit, setrecursionlimit


def _stack_depth() -> int:
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth


class _SavedSys:
    """The interpreter state a run changes, to put back afterwards."""

    def __init__(self) -> None:
        self.argv = sys.argv
        self.path = list(sys.path)
        self.main = sys.modules.get("__main__")
        self.stdout, self.stderr, self.stdin = sys.stdout, sys.stderr, sys.stdin
        self.excepthook = sys.excepthook
        self.recursion_limit = sys.getrecursionlimit()
        self.recursion_functions = sys.getrecursionlimit, sys.setrecursionlimit

    def restore(self) -> None:
        sys.getrecursionlimit, sys.setrecursionlimit = self.recursion_functions
        sys.setrecursionlimit(self.recursion_limit)
        sys.argv = self.argv
        sys.path[:] = self.path
        if self.main is not None:
            sys.modules["__main__"] = self.main
        sys.stdout, sys.stderr, sys.stdin = self.stdout, self.stderr, self.stdin
        sys.excepthook = self.excepthook


def tb_last_line(tb: types.TracebackType | None) -> int:
    line = NONE
    while tb is not None:
        line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _system_exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else code % 256
    try:
        sys.stderr.write(f"{code}\n")
    except LimitReached:
        pass
    return 1


class _Watchdog:
    """Stops a program stuck outside Python lines (a blocking C call) a little after the wall cap.

    It fires again every second until the run ends: a program whose cleanup (a `finally`, an
    `__exit__`) blocks again, or that swallows the stop, is stopped again, and then at each of
    its lines (a program whose every line is inside a `try` that swallows BaseException can
    still outlive it). A signal interrupts
    a blocking call only in the main thread; a simulated thread stuck in one is abandoned by
    the threads engine once the main thread has stopped.
    """

    REPEAT_S = 1.0

    def __init__(self, ctx: RunContext) -> None:
        self._ctx = ctx
        self._armed = False
        self._previous: Any = None
        self._first_due = 0.0

    def start(self) -> None:
        wall = self._ctx.limits.wall_s
        if not wall or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
            return
        # the real functions: while the program runs, `signal`'s own answer for SIGALRM on the virtual clock
        self._previous = _REAL_SIGNAL(signal.SIGALRM, self._fire)
        _REAL_SETITIMER(signal.ITIMER_REAL, wall + 2.0, self.REPEAT_S)
        self._first_due = _REAL_MONOTONIC() + wall + 2.0
        self._armed = True

    def _fire(self, signum: int, frame: types.FrameType | None) -> None:
        if not self._armed:
            return  # a signal already on its way when the run ended
        if _REAL_MONOTONIC() < self._first_due - 0.5:
            # not the watchdog's timer: the program's alarm on the virtual clock, delivered as SIGALRM
            if callable(self._previous):
                self._previous(signum, frame)
            return
        ctx = self._ctx
        if ctx.stopped is not None:
            # a second call: the program went on after the stop (it caught it, or its cleanup blocked);
            # from now on its every line stops it again, so a loop around a `try` cannot keep it alive
            ctx.tracer.line_hook = self._stop_again
        limit = ctx.limits.wall_s
        ctx.stop("time", f"time limit reached: the program ran for more than {limit:g} s of real time")

    def _stop_again(self) -> None:
        if self._armed:
            self._ctx.stop("time", "")

    def stop(self) -> None:
        if self._armed:
            self._armed = False
            _REAL_SETITIMER(signal.ITIMER_REAL, 0)
            _REAL_SIGNAL(signal.SIGALRM, self._previous)
