"""What is derived once from a trace and kept as long as the trace lives (indexes, facts, chapters).

A trace is immutable, so anything computed from it alone can be kept beside it. The cache
holds the trace weakly: a trace that is dropped takes its derived data with it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from simulator.trace import Trace


class PerTrace[T]:
    """`build`, computed once per trace (Trace compares by identity, so it keys a weak dictionary)."""

    def __init__(self, build: Callable[[Trace], T]) -> None:
        self._build = build
        self._cache: weakref.WeakKeyDictionary[Trace, T] = weakref.WeakKeyDictionary()
        self.__doc__ = build.__doc__
        self.__name__ = build.__name__

    def __call__(self, trace: Trace) -> T:
        try:
            return self._cache[trace]
        except KeyError:
            built = self._cache[trace] = self._build(trace)
            return built

    def cache_clear(self) -> None:
        """Forget every trace's derived data (a benchmark measures deriving it cold)."""
        self._cache.clear()


def per_trace[T](build: Callable[[Trace], T]) -> PerTrace[T]:
    """Decorate `build` so that it is computed once per trace."""
    return PerTrace(build)
