"""Tracing cost stays linear in the program's size (issue 15, case 14).

A long module or function used to cost more per line the longer it was: every global
was looked at after every module line, `dis` read the bytecode an object per
instruction, and CPython 3.12 finds the line of a LINE event 128 or more lines past the
code's first by scanning the whole line table. Long code now gets INSTRUCTION events
with the tracer's own line table (simulator.code_scan): the events recorded must be
exactly those LINE events give, and the time must grow with the size, not its square.
"""

from __future__ import annotations

import time
import types
from pathlib import Path

import pytest

import simulator.tracer as tracer_module
from simulator import code_scan
from simulator.kinds import ActorKind, EventKind
from simulator.runner import Limits, run_program

from .conftest import run_cpython
from .test_tracer_bad_input import module_locals_at_end

# Programs whose line events are easy to get wrong: loops on one line, jumps back into a line,
# handlers, `with`, class bodies, generators, comprehensions, coroutines, match.
TRICKY = """
import asyncio

def gen(n):
    for i in range(n): yield i

def outer():
    total = yield from gen(3)
    return total

i = 0
while i < 5: i += 1
for k in range(3):
    pass
for a in range(2):
    for b in range(2): c = a * b
try:
    x = 1 / 0
except ZeroDivisionError:
    x = None
finally:
    y = 2
for attempt in range(3):
    try:
        if attempt < 2:
            raise ValueError(attempt)
        break
    except ValueError:
        continue

class K:
    a = 1
    def m(self):
        return [j * 2 for j in range(3)]

with open(__file__) as fh:
    first = fh.readline()
match [1, 2]:
    case [p, q]:
        r = p + q
    case _:
        r = 0
f = lambda v: (v
               + 1)
print(list(outer()), K().m(), sum(n for n in range(4)), r, f(1))

async def agen():
    for v in range(2):
        yield v

async def main():
    await asyncio.sleep(0.01)
    return [v async for v in agen()]

print(asyncio.run(main()))
"""


def _events(path: Path, far_line: int, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int, str | None]]:
    monkeypatch.setattr(tracer_module, "_FAR_LINE", far_line)
    trace = run_program(path, limits=Limits(), echo=False).trace
    return [(e.kind.name, e.line, e.actor, e.text) for e in trace.events()]


@pytest.mark.parametrize("scenario", ["tricky", "producer_consumer", "fetch_hosts", "producer_consumer_threads"])
def test_long_code_records_exactly_the_line_events_of_short_code(scenario, write_program, monkeypatch):
    if scenario == "tricky":
        path = write_program(TRICKY)
    else:
        path = Path(tracer_module.__file__).parent / "scenarios" / f"{scenario}.py"
    by_line_events = _events(path, 10**9, monkeypatch)  # every code object on LINE events
    by_instructions = _events(path, 0, monkeypatch)  # every code object on INSTRUCTION events
    assert by_instructions == by_line_events


def _walk(code: types.CodeType):
    yield code
    for k in code.co_consts:
        if isinstance(k, types.CodeType):
            yield from _walk(k)


def test_the_bytecode_scan_finds_the_stores_dis_finds():
    import dis

    source = TRICKY + "".join(f"v{i} = {i}\n" for i in range(400))  # constants past 255: EXTENDED_ARG
    top = compile(source, "prog.py", "exec")
    for code in _walk(top):
        lines = code_scan.offset_lines(code)
        expected: dict[int, set[str]] = {}
        line = code.co_firstlineno
        for ins in dis.get_instructions(code):
            line = lines[ins.offset // 2] or line
            if ins.opcode in tracer_module._LOCAL_WRITES:
                expected.setdefault(line, set()).add(ins.argval)
        assert code_scan.stores_by_line(code, tracer_module._LOCAL_WRITE_OPS) == {
            ln: tuple(sorted(names)) for ln, names in expected.items()
        }, code.co_qualname
        labels = {ins.offset for ins in dis.get_instructions(code) if ins.is_jump_target}
        handlers = {entry.target for entry in dis._parse_exception_table(code)}  # type: ignore[attr-defined]
        targets = code_scan.jump_targets(code)
        assert labels <= targets and targets - labels <= handlers, code.co_qualname


def _cpu_seconds_to_trace(path: Path) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two: a busy machine slows a run, never speeds it up
        start = time.process_time()
        result = run_program(path, limits=Limits(max_steps=0, wall_s=0), echo=False)
        best = min(best, time.process_time() - start)
        assert result.exit_code == 0
    return best


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda n: "".join(f"v{i} = {i}\n" for i in range(n)), id="top-level assignments"),
        pytest.param(
            lambda n: "def f():\n    x = 0\n" + "".join(f"    x = x + {i}\n" for i in range(n)) + "f()\n",
            id="one long function",
        ),
    ],
)
def test_tracing_time_grows_linearly_with_the_program(shape, tmp_path):
    small, big = tmp_path / "small.py", tmp_path / "big.py"
    small.write_text(shape(4000))
    big.write_text(shape(16000))
    ratio = _cpu_seconds_to_trace(big) / _cpu_seconds_to_trace(small)
    # four times the lines: linear is about 4, quadratic about 16 (it was 15 to 20)
    assert ratio < 7, f"tracing 4x the lines took {ratio:.1f}x the time"


def test_a_long_program_shows_every_line_and_global_as_a_short_one(tmp_path):
    path = tmp_path / "long.py"
    path.write_text(
        "def bump():\n    global counter\n    counter = counter + 1\n"
        + "counter = 0\n"
        + "".join(f"v{i} = {i}\nbump()\n" for i in range(1500))
        + "globals()['sneaky'] = 7\n"
        + "".join("pass\n" for _ in range(1600))  # long enough for the whole globals to be looked at again
        + "print(v1499 + v0, counter)\n"
    )
    result = run_program(path, limits=Limits(), echo=False)
    assert result.trace.stdout_text() == run_cpython(path).stdout == "1499 1500\n"
    module = next(a.id for a in result.trace.actors if a.kind is ActorKind.MODULE)
    module_lines = [e.line for e in result.trace.events() if e.kind is EventKind.LINE and e.actor == module]
    assert module_lines == [1, *range(4, 3 + 1 + 3000 + 1 + 1600 + 2)]
    shown = module_locals_at_end(result.trace)
    assert shown["v0"] == "0" and shown["v1499"] == "1499"
    assert shown["counter"] == "1500"  # set by a function through `global`: seen after each call
    assert shown["sneaky"] == "7"  # set through globals(): seen by a whole look, every so many lines
