"""What is derived once from a trace and kept as long as the trace lives (indexes, facts, chapters).

A trace is immutable, so anything computed from it alone can be kept beside it. The cache
holds the trace weakly: a trace that is dropped takes its derived data with it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from simulator.trace import Trace


def per_trace[T](build: Callable[[Trace], T]) -> Callable[[Trace], T]:
    """`build`, computed once per trace (Trace compares by identity, so it keys a weak dictionary)."""
    cache: weakref.WeakKeyDictionary[Trace, T] = weakref.WeakKeyDictionary()

    def derived(trace: Trace) -> T:
        try:
            return cache[trace]
        except KeyError:
            built = cache[trace] = build(trace)
            return built

    derived.__doc__ = build.__doc__
    derived.__name__ = build.__name__
    return derived
