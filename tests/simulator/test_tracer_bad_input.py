"""Bad input (issue 2): whatever the program is, the tracer says clearly what happened and never hangs.

Syntax errors, unreadable files and bad encodings read exactly as CPython reports
them; stdin is at end-of-file and the user is told; limits stop a program cleanly
and keep a playable trace; huge values and hostile `__repr__`s change nothing the
program does; threads and child processes end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.kinds import ActorKind, EventKind
from simulator.runner import Limits, run_program
from simulator.safe_repr import MAX_REPR
from simulator.state import snapshot_at
from simulator.trace import Trace
from simulator.trace_io import load_json

from .conftest import run_cpython, run_traced


def cli(cwd: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`python -m simulator ARGS` in `cwd`, stdin closed."""
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        cwd=cwd,
    )


def cpython(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30, cwd=cwd
    )


def module_locals_at_end(trace: Trace) -> dict[str, str]:
    """The top level's locals as shown at its last line."""
    module = next(a.id for a in trace.actors if a.kind is ActorKind.MODULE)
    last_line = max(i for i in trace.indices_of(EventKind.LINE) if trace.actor[i] == module)
    return snapshot_at(trace, last_line).stack[-1].locals


def same_as_cpython(path: Path) -> None:
    expected, got = run_cpython(path), run_traced(path)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)


# ---- the file itself


def test_syntax_error_reads_as_cpython_with_file_line_and_caret(write_program):
    path = write_program("x = 1\nprint(x)\ndef f(:\n    pass\n")
    expected = run_cpython(path)
    result = run_program(path, echo=False)
    trace = result.trace
    assert trace.stderr_text() == expected.stderr
    assert f'File "{path}", line 3' in trace.stderr_text() and "^" in trace.stderr_text()
    assert result.exit_code == expected.code == 1
    assert trace.outcome.status == "syntax_error"
    assert trace.outcome.line == 3 and trace.outcome.file == str(path)
    assert trace.sources[str(path)].startswith("x = 1")  # the code pane can show where


def test_syntax_error_from_the_command_line_with_a_relative_path(write_program, tmp_path):
    write_program("print('unclosed\n")
    expected = cpython(tmp_path, "prog.py")
    got = cli(tmp_path, "run", "prog.py")
    assert (got.stdout, got.stderr, got.returncode) == (expected.stdout, expected.stderr, expected.returncode)
    assert "simulator" not in got.stderr  # no frame of ours in the report


@pytest.mark.parametrize("what", ["missing", "directory", "unreadable"])
def test_a_file_that_cannot_be_opened_exits_2_with_cpythons_words(what, tmp_path):
    target = tmp_path / "prog.py"
    if what == "directory":
        target.mkdir()
    elif what == "unreadable":
        target.write_text("print('secret')\n")
        target.chmod(0)
        if os.access(target, os.R_OK):
            pytest.skip("this user can read any file (root)")
    got = cli(tmp_path, "run", "prog.py")
    expected = cpython(tmp_path, "prog.py")
    assert got.stdout == ""
    assert got.stderr.split(": ", 1)[1] == expected.stderr.split(": ", 1)[1]
    if what == "directory":  # CPython runs a folder's __main__.py, and this one has none
        assert got.returncode == expected.returncode == 1
        assert f"can't find '__main__' module in '{target}'" in got.stderr
    else:
        assert got.returncode == 2
        assert f"can't open file '{target}': [Errno" in got.stderr


@pytest.mark.parametrize(
    "source",
    [
        b'a = 1\nprint("caf\xe9")\n',  # latin-1 bytes, no coding line
        b"# coding: no-such-codec\nprint(1)\n",
    ],
    ids=["non_utf8", "unknown_codec"],
)
def test_undecodable_source_gives_cpythons_syntax_error(source, tmp_path):
    path = tmp_path / "prog.py"
    path.write_bytes(source)
    expected = run_cpython(path)
    got = run_traced(path)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)
    assert got.stderr.startswith("SyntaxError: ")
    assert got.trace is not None and got.trace.outcome.status == "syntax_error"


def test_a_latin1_coding_line_runs_like_cpython(tmp_path):
    path = tmp_path / "prog.py"
    path.write_bytes(b'# -*- coding: latin-1 -*-\nname = "caf\xe9"\nprint(name, len(name))\n')
    same_as_cpython(path)
    trace = run_traced(path).trace
    assert trace is not None
    assert 'name = "café"' in trace.sources[str(path)]  # the source shows decoded
    assert trace.stdout_text() == "café 4\n"


# ---- stdin


def test_reading_stdin_gets_end_of_file_and_the_user_is_told(write_program):
    path = write_program(
        """
        import sys
        print(repr(sys.stdin.read()), repr(sys.stdin.readline()), sys.stdin.readlines())
        for line in sys.stdin:
            print('never', line)
        name = input('name? ')
        print('unreachable', name)
        """
    )
    expected = run_cpython(path)
    got = run_traced(path)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)
    assert "EOFError: EOF when reading a line" in got.stderr
    assert got.trace is not None
    notes = [e for e in got.trace.events() if e.kind is EventKind.NOTE]
    assert len(notes) == 1  # told once, not at every read
    assert "standard input" in (notes[0].text or "") and "end-of-file" in (notes[0].text or "")
    assert notes[0].line == 3


# ---- limits


def test_endless_loop_stops_at_the_step_cap_and_says_where(tmp_path):
    (tmp_path / "spin.py").write_text("print('start')\nn = 0\nwhile True:\n    n += 1\n")
    got = cli(tmp_path, "run", "spin.py", "--max-steps", "5000", "--trace", "out.json")
    assert got.returncode != 0
    assert got.stdout == "start\n"
    assert "step limit" in got.stderr and "5,000" in got.stderr
    assert "line 3" in got.stderr or "line 4" in got.stderr
    trace = load_json(tmp_path / "out.json")
    assert trace.outcome.status == "limit" and trace.outcome.limit == "steps"
    assert trace.outcome.line in (3, 4)
    limits = trace.indices_of(EventKind.LIMIT)
    assert len(limits) == 1 and trace.event(limits[0]).line == trace.outcome.line
    stopped = snapshot_at(trace, limits[0])  # where it was stopped, with its state
    assert stopped.stack[-1].name == "<module>" and stopped.stack[-1].line == trace.outcome.line
    assert int(stopped.stack[-1].locals["n"]) > 1000
    last = snapshot_at(trace, len(trace) - 1)  # and playable to the very end
    assert last.event is not None and last.event.kind is EventKind.EXIT
    assert trace.console[: last.console_end] == "start\n"


def test_output_flood_stops_at_the_output_cap(write_program):
    path = write_program("while True:\n    print('spam ' * 10)\n")
    result = run_program(path, limits=Limits(max_output_chars=1000), echo=False)
    trace = result.trace
    assert result.exit_code != 0
    assert trace.outcome.status == "limit" and trace.outcome.limit == "output"
    assert "output limit" in trace.outcome.message and trace.outcome.line == 2
    out = trace.stdout_text()
    assert len(out) == 1000 and out == ("spam " * 10 + "\n")[:51] * 19 + ("spam " * 10 + "\n")[: 1000 - 51 * 19]


def test_wall_time_cap_stops_an_endless_loop_without_a_step_cap(write_program):
    path = write_program("n = 0\nwhile True:\n    n += 1\n")
    start = time.monotonic()
    result = run_program(path, limits=Limits(max_steps=0, wall_s=1), echo=False)
    assert time.monotonic() - start < 5
    assert result.trace.outcome.limit == "time"
    assert "time limit" in result.trace.outcome.message and result.trace.outcome.line in (2, 3)
    assert result.exit_code != 0


@pytest.fixture(scope="module")
def long_sleep(tmp_path_factory):
    """`time.sleep(10**6)` under a 1 s wall cap: the run and how long it really took."""
    path = tmp_path_factory.mktemp("sleep") / "sleepy.py"
    path.write_text("import time\nprint('before')\ntime.sleep(10**6)\nprint('after')\n")
    start = time.monotonic()
    result = run_program(path, limits=Limits(wall_s=1), echo=False)
    return result, time.monotonic() - start


@pytest.mark.timeout(30)
def test_long_sleep_never_hangs(long_sleep):
    result, elapsed = long_sleep
    assert elapsed < 6  # at worst the watchdog, 2 s after the wall cap
    assert result.trace.stdout_text().startswith("before\n")


def test_long_sleep_passes_on_the_virtual_clock(long_sleep):
    result, elapsed = long_sleep
    assert elapsed < 1  # no real sleeping: the virtual clock jumps
    assert result.trace.duration_ns >= 3600 * 10**9  # to the virtual-time cap (an hour), or past the sleep
    assert result.trace.outcome.limit in ("virtual_time", "")


def test_sleep_moves_the_virtual_clock_as_the_program_sees_it(write_program):
    path = write_program("import time\nt = time.monotonic()\ntime.sleep(2)\nprint(round(time.monotonic() - t, 3))\n")
    start = time.monotonic()
    assert run_traced(path).stdout == "2.0\n"
    assert time.monotonic() - start < 1.5


# ---- what the program does


def test_deep_recursion_fails_at_the_same_depth_as_cpython(write_program):
    path = write_program(
        """
        import sys
        depth = 0
        def down(n):
            global depth
            depth = n
            down(n + 1)
        try:
            down(1)
        except RecursionError as e:
            print('caught at', depth, e)
        print(sys.getrecursionlimit())
        sys.setrecursionlimit(150)
        def f(n):
            return f(n + 1)
        f(0)
        """
    )
    expected = run_cpython(path)
    got = run_traced(path, limits=Limits(max_steps=0))
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)
    assert "RecursionError: maximum recursion depth exceeded" in got.stderr


@pytest.mark.timeout(60)
def test_enormous_values_are_shown_truncated(write_program):
    path = write_program(
        """
        def make():
            return list(range(10**6))

        def words():
            yield 'w' * 10**6

        big_list = make()
        big_int = 10**100000
        huge_str = next(words())
        table = {i: str(i) * 100 for i in range(10**5)}
        print(len(big_list), big_int.bit_length(), len(huge_str), len(table))
        """
    )
    expected = run_cpython(path)
    got = run_traced(path)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)
    trace = got.trace
    assert trace is not None
    assert max(len(s) for s in trace.texts) <= MAX_REPR
    shown = module_locals_at_end(trace)
    assert shown["big_list"].startswith("[0, 1, 2,") and shown["big_list"].endswith("...]")
    assert "digits" in shown["big_int"]  # more digits than int-to-str allows: described, not shown
    assert shown["huge_str"].startswith("'www") and len(shown["huge_str"]) < 100
    returned = [e.text for e in trace.events() if e.kind is EventKind.RETURN and e.line == 3]
    assert returned and returned[0].endswith("...]")


HOSTILE = """
    import collections, dataclasses, functools, types

    class Loud:
        def __repr__(self):
            print('repr called!')
            return 'Loud()'

    class Broken:
        def __repr__(self):
            raise RuntimeError('no repr for you')

    class Counting:
        calls = 0
        def __repr__(self):
            Counting.calls += 1
            return f'Counting({Counting.calls})'

    class Touchy:
        def __hash__(self):
            print('hash called!')
            return 1
        def __lt__(self, other):
            print('lt called!')
            return True

    @dataclasses.dataclass
    class Box:
        item: object

    loud, broken, counting = Loud(), Broken(), Counting()
    mixed = [loud, broken, counting, 1]
    nested = {'k': (broken, [loud])}
    box = Box(loud)
    part = functools.partial(print, loud)
    space = types.SimpleNamespace(a=loud)
    ordered = collections.OrderedDict(k=loud)
    keys = {Touchy(): 1, Touchy(): 2}
    bag = {Touchy(), Touchy()}
    print('reprs taken:', Counting.calls)
    print(repr(counting), Counting.calls)
"""


def test_hostile_reprs_change_nothing_and_show_placeholders(write_program):
    path = write_program(HOSTILE)
    expected = run_cpython(path)
    got = run_traced(path)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)
    assert "repr called!" not in got.stdout and "reprs taken: 0" in got.stdout
    assert got.trace is not None
    shown = module_locals_at_end(got.trace)
    assert shown["loud"] == "<Loud object>" and shown["broken"] == "<Broken object>"
    assert shown["mixed"] == "[<Loud object>, <Broken object>, <Counting object>, 1]"
    assert shown["nested"] == "{'k': (<Broken object>, [<Loud object>])}"
    for name, cls in (("box", "Box"), ("part", "partial"), ("space", "SimpleNamespace"), ("ordered", "OrderedDict")):
        assert shown[name] == f"<{cls} object>", name
    assert shown["keys"] == "{<Touchy object>: 1, <Touchy object>: 2}"


def test_a_library_repr_that_fails_is_reported_and_addresses_never_show(write_program):
    path = write_program(
        """
        import collections, threading

        class Half(collections.UserDict):
            def __init__(self):
                pass  # never sets .data: UserDict's own __repr__ raises AttributeError

        half = Half()
        view = memoryview(b'abc')
        lock = threading.Lock()
        print('ok')
        """
    )
    same_as_cpython(path)
    trace = run_traced(path).trace
    assert trace is not None
    shown = module_locals_at_end(trace)
    assert shown["half"] == "<Half object (repr failed: AttributeError)>"
    assert shown["view"] == "<memory>"
    assert not any("0x" in text for text in trace.texts)  # traces stay byte-identical from run to run


@pytest.mark.timeout(60)
def test_threads_and_child_processes_end(write_program):
    path = write_program(
        """
        import subprocess, sys, threading

        def work(n):
            print('thread', n)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done = subprocess.run([sys.executable, '-c', 'print(1)'], capture_output=True, text=True)
        print('child said', done.stdout.strip(), done.returncode)
        """
    )
    got = run_traced(path)
    assert got.code == 0
    assert sorted(got.stdout.splitlines()) == ["child said 1 0", "thread 0", "thread 1", "thread 2"]


@pytest.mark.timeout(60)
def test_a_daemon_thread_spinning_forever_does_not_keep_the_program_alive(write_program):
    path = write_program(
        """
        import threading
        def spin():
            while True:
                pass
        threading.Thread(target=spin, daemon=True).start()
        print('main done')
        """
    )
    same_as_cpython(path)


@pytest.mark.parametrize(
    "ending",
    [
        "sys.exit()",
        "sys.exit(0)",
        "sys.exit(3)",
        "sys.exit(256 + 7)",
        "sys.exit(-1)",
        "sys.exit('fatal: no config')",
        "sys.exit([1, 2])",
        "raise SystemExit(True)",
        "raise KeyboardInterrupt",
        "os._exit(4)",
    ],
)
def test_sys_exit_variants_end_as_under_cpython(ending, tmp_path):
    path = tmp_path / "prog.py"
    path.write_text(
        f"import os, sys\nprint('before', flush=True)\ntry:\n    {ending}\nfinally:\n    print('finally')\n"
    )
    expected = cpython(tmp_path, "prog.py")
    if ending.startswith("os._exit"):  # ends the process at once: only the command line can show it
        done = cli(tmp_path, "run", "prog.py")
        got = (done.stdout, done.stderr, done.returncode)
    else:
        traced = run_traced(path)
        got = (traced.stdout, traced.stderr, traced.code)
    # a Ctrl-C exit is a SIGINT death for CPython (-2 to a parent, 130 to a shell)
    code = 130 if expected.returncode == -2 else expected.returncode
    assert got == (expected.stdout, expected.stderr, code)


def test_exception_inside_a_generator_shows_as_exception_then_unwind(write_program):
    path = write_program(
        """
        def gen():
            yield 1
            raise KeyError('missing')

        try:
            for v in gen():
                print(v)
        except KeyError as e:
            print('caught', e)
        """
    )
    same_as_cpython(path)
    trace = run_traced(path).trace
    assert trace is not None
    gen = next(a.id for a in trace.actors if a.name == "gen")
    mine = [e for e in trace.events() if e.actor == gen]
    kinds = [e.kind for e in mine]
    raised = kinds.index(EventKind.EXCEPTION)
    assert kinds[raised + 1 :] == [EventKind.UNWIND]  # the generator ends right after raising
    assert mine[raised].line == mine[-1].line == 4
    assert mine[raised].text == mine[-1].text == "KeyError: 'missing'"
    caught = [e for e in trace.events() if e.kind is EventKind.EXCEPTION and e.actor != gen]
    assert caught and caught[0].index > mine[-1].index  # then it reaches the for loop
