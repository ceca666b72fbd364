"""Seeking: the state at any step is the same whether reached through checkpoints or replayed from the start.

Checked on a traced program with nested calls, exceptions, generators driven by
`send`, and `yield from` delegation, long enough to cross several checkpoints.
"""

from __future__ import annotations

import dataclasses
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import state
from simulator.kinds import OUTPUT_KINDS, ActorKind, EventKind
from simulator.state import Snapshot, snapshot_at
from simulator.trace import Trace

from .conftest import run_traced

PROGRAM = """
def leaf(n):
    if n % 7 == 3:
        raise ValueError(n)
    return n * n


def middle(n):
    try:
        return leaf(n) + leaf(n + 1)
    except ValueError:
        return -1


def inner(k):
    got = 0
    for i in range(k):
        got += (yield i) or 0
    return got


def outer(k):
    total = yield from inner(k)
    yield total


def counter():
    n = 0
    while True:
        cmd = yield n
        if cmd == 'stop':
            return n
        n += middle(cmd)


results = []
c = counter()
next(c)
for round_ in range(120):
    g = outer(round_ % 5 + 1)
    v = next(g)
    while True:
        try:
            v = g.send(v + 1)
        except StopIteration:
            break
    results.append(c.send(round_))
    print(round_, v, results[-1])
try:
    c.send('stop')
except StopIteration as e:
    print('final', e.value)
"""


@pytest.fixture(scope="module")
def trace(tmp_path_factory) -> Trace:
    path = tmp_path_factory.mktemp("seek") / "prog.py"
    path.write_text(PROGRAM)
    traced = run_traced(path)
    assert traced.code == 0 and traced.trace is not None
    assert len(traced.trace) > 3 * state.CHECKPOINT_EVERY  # seeks cross several checkpoints
    return traced.trace


class Recorded:
    """The fixture's trace behind a short repr: hypothesis prints its arguments when a test fails."""

    def __init__(self, trace: Trace) -> None:
        self.trace = trace

    def __repr__(self) -> str:
        return f"<PROGRAM traced, {len(self.trace)} events>"


@pytest.fixture(scope="module")
def recorded(trace: Trace) -> Recorded:
    return Recorded(trace)


def fresh(trace: Trace) -> Trace:
    """The same recording as a new Trace object, so no checkpoint cached for `trace` is reused."""
    return dataclasses.replace(trace)


def replayed_from_scratch(trace: Trace, index: int) -> Snapshot:
    with mock.patch.object(state, "CHECKPOINT_EVERY", 10**12):  # one "checkpoint": the start
        return snapshot_at(fresh(trace), index)


@settings(max_examples=40, deadline=None)
@given(fraction=st.floats(min_value=0, max_value=1))
def test_any_step_equals_a_replay_from_the_start(recorded, fraction):
    trace = recorded.trace
    index = min(int(fraction * len(trace)), len(trace) - 1)
    assert snapshot_at(trace, index) == replayed_from_scratch(trace, index)


@settings(max_examples=15, deadline=None)
@given(indices=st.lists(st.integers(min_value=-1, max_value=10**9), min_size=2, max_size=6))
def test_seeking_back_and_forth_in_any_order_gives_the_same_states(recorded, indices):
    """Checkpoints built out of order (and very close together) change nothing."""
    trace = recorded.trace
    indices = [i % (len(trace) + 1) - 1 for i in indices]
    with mock.patch.object(state, "CHECKPOINT_EVERY", 7):
        dense = fresh(trace)
        got = [snapshot_at(dense, i) for i in indices]
    assert got == [snapshot_at(trace, i) for i in indices]


def test_before_anything_ran_and_past_the_end(trace):
    start = snapshot_at(trace, -1)
    assert start.stack == () and start.suspended == () and start.console_end == 0 and start.event is None
    assert snapshot_at(trace, 10**9) == snapshot_at(trace, len(trace) - 1)


def test_the_running_frame_is_at_the_line_being_run(trace):
    for i in trace.indices_of(EventKind.LINE)[::37]:
        snap = snapshot_at(trace, i)
        top = snap.stack[-1]
        assert (top.actor, top.line, top.status) == (trace.actor[i], trace.line[i], "running")
        assert all(f.status == "waiting" for f in snap.stack[:-1])


def test_console_end_matches_the_output_written_so_far(trace):
    written = ""
    output = {int(k) for k in OUTPUT_KINDS}
    checked = 0
    for i in range(len(trace)):
        if trace.kind[i] in output:
            written += trace.event(i).text or ""
        if i % 53 == 0 or trace.kind[i] in output:
            assert trace.console[: snapshot_at(trace, i).console_end] == written
            checked += 1
    assert checked > 100
    assert written.splitlines()[-1].startswith("final ")
    assert written == trace.stdout_text()


def test_suspended_generators_are_listed_at_their_paused_line(trace):
    yields = trace.indices_of(EventKind.YIELD)
    assert len(yields) > 100
    for i in yields[::11]:
        snap = snapshot_at(trace, i)
        paused = {f.actor: f for f in snap.suspended}
        me = trace.actor[i]
        assert me in paused, f"event {i}: the generator that yielded is not listed as suspended"
        assert paused[me].line == trace.line[i] and paused[me].status == "suspended"
        assert me not in {f.actor for f in snap.stack}


def test_a_created_generator_waits_at_its_def_line_until_started(trace):
    created = trace.indices_of(EventKind.GEN_CREATE)
    assert created
    for i in created[:20]:
        actor = trace.actors[trace.actor[i]]
        view = {f.actor: f for f in snapshot_at(trace, i).suspended}[actor.id]
        assert view.status == "created" and view.line == actor.line


def test_a_generator_delegating_with_yield_from_is_suspended_with_its_inner_one(trace):
    actors = {a.id: a for a in trace.actors}
    passthrough = [i for i in trace.indices_of(EventKind.YIELD) if trace.arg[i] >= 0]
    assert passthrough, "yield from should record the outer generator's pass-through yields"
    i = passthrough[len(passthrough) // 2]
    snap = snapshot_at(trace, i)
    paused = {actors[f.actor].name: f for f in snap.suspended}
    assert {"outer", "inner"} <= set(paused)
    lines = PROGRAM.splitlines()
    assert lines[paused["outer"].line - 1].strip() == "total = yield from inner(k)"
    assert lines[paused["inner"].line - 1].strip() == "got += (yield i) or 0"
    assert trace.arg[i] == paused["inner"].actor


def test_locals_follow_the_program(trace):
    returns = [i for i in trace.indices_of(EventKind.RETURN) if trace.actors[trace.actor[i]].name == "inner"]
    last = snapshot_at(trace, returns[-1] - 1)
    inner = next(f for f in last.stack if f.name == "inner")
    assert int(inner.locals["i"]) == int(inner.locals["k"]) - 1 and int(inner.locals["got"]) > 0
    module = next(a.id for a in trace.actors if a.kind is ActorKind.MODULE)
    end = snapshot_at(trace, max(i for i in trace.indices_of(EventKind.LINE) if trace.actor[i] == module))
    shown = end.stack[-1].locals
    assert shown["round_"] == "119" and shown["results"].startswith("[1, 6, 5, 4,")
    assert not [name for name in shown if name.startswith("__")]  # the program's names, not the interpreter's
    assert "leaf" not in shown  # functions are not shown as locals of the top level
