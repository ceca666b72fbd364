"""The trace builder's staging: events written packed, then moved into the columns, read and patched anywhere.

A reference model (a plain list of rows) must agree with the builder after any mix of
writes, patches and reads, whatever the staging size, and the finished Trace must hold
exactly those rows.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.kinds import EventKind
from simulator.trace import ACTOR, ARG, KIND, LINE, ROW_BYTES, TEXT, T, TraceBuilder
from simulator.tracer import fast_emitter

KINDS = [int(k) for k in EventKind]
values = st.integers(min_value=-1, max_value=2**31 - 1)
writes = st.tuples(st.just("emit"), st.sampled_from(KINDS), values, values, values, st.integers(-1, 2**62))
patches = st.tuples(st.just("set"), st.integers(0, 10_000), st.sampled_from([ACTOR, LINE, TEXT, ARG]), values)
reads = st.tuples(st.just("get"), st.integers(0, 10_000), st.sampled_from([T, KIND, ACTOR, LINE, TEXT, ARG]))


def _columns_of(trace) -> list[tuple[int, ...]]:
    return list(zip(trace.t, trace.kind, trace.actor, trace.line, trace.text, trace.arg, strict=True))


@settings(max_examples=60, deadline=None)
@given(staged=st.integers(1, 5), ops=st.lists(st.one_of(writes, patches, reads, st.just(("flush",))), max_size=80))
def test_staged_events_read_and_patch_like_plain_rows(staged: int, ops: list[tuple]) -> None:
    b = TraceBuilder()
    b.stage_limit = staged * ROW_BYTES  # tiny stages: every path through a flush is taken
    emit = fast_emitter(b)
    model: list[list[int]] = []
    for op in ops:
        if op[0] == "emit":
            _, kind, actor, line, text, arg = op
            b.now += 1
            assert emit(kind, actor, line, text, arg) == len(model)
            model.append([b.now, kind, actor, line, text, arg])
        elif op[0] == "set" and model:
            _, i, column, value = op
            b.set(i % len(model), column, value)
            model[i % len(model)][column] = value
        elif op[0] == "get" and model:
            _, i, column = op
            assert b.get(i % len(model), column) == model[i % len(model)][column]
        elif op[0] == "flush":
            b.flush()
        assert len(b) == len(model)
        if model:
            assert b.last(ARG) == model[-1][ARG]
    assert _columns_of(b.build()) == [tuple(row) for row in model]


def test_columns_read_during_recording_include_the_staged_events() -> None:
    b = TraceBuilder()
    b.emit(EventKind.LINE, 3, 7)
    b.emit_output(EventKind.STDOUT, 3, 7, "a")
    b.emit_output(EventKind.STDOUT, 3, 7, "b")  # joins the previous write, still staged
    assert list(b.kind) == [EventKind.LINE, EventKind.STDOUT]
    assert list(b.arg) == [-1, 2]
    assert b.build().stdout_text() == "ab"
