"""Where steps land, on traces of any length."""

from __future__ import annotations

import time

from simulator.kinds import ActorKind, EventKind
from simulator.trace import TraceBuilder
from ui.navigation import StepUnit, TraceIndex


def test_a_million_events_are_indexed_quickly_and_exactly() -> None:
    b = TraceBuilder()
    loop = b.add_actor(ActorKind.LOOP, "loop")
    for i in range(1_000_000):
        b.emit(EventKind.IO_COMPLETE if i % 1000 == 999 else EventKind.LINE, loop, 1)
    trace = b.build()
    start = time.perf_counter()
    index = TraceIndex(trace)
    assert time.perf_counter() - start < 2.0
    assert index.next_index(StepUnit.IO, 0) == 999
    assert index.next_index(StepUnit.IO, 999) == 1999
    assert index.previous_index(StepUnit.IO, 1999) == 999
    assert index.previous_index(StepUnit.IO, 999) is None
    assert index.next_index(StepUnit.LINE, 998) == 1000
    assert len(index.by_unit[StepUnit.IO]) == 1000
