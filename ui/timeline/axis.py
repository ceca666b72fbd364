"""Time in words and tick marks: ns, µs, ms and s chosen to suit the zoom.

Owns `format_ns` (one duration or instant, for labels and tooltips) and `ticks` (where
the time axis puts its marks). Pure functions; no Qt.
"""

from __future__ import annotations

import math

_UNITS = ((1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "µs"), (1, "ns"))


def unit_for(ns: float) -> tuple[int, str]:
    """The largest unit in which `ns` is at least 1 (ns for anything smaller)."""
    for size, name in _UNITS:
        if abs(ns) >= size:
            return size, name
    return 1, "ns"


def format_ns(ns: float, step: float | None = None) -> str:
    """`1.25 ms`, `300 µs`, `12 ns`. With `step` (a tick spacing), enough decimals to tell ticks apart."""
    size, name = unit_for(max(abs(ns), step) if step is not None else ns)
    value = ns / size
    if step is not None:
        decimals = max(0, math.ceil(-math.log10(step / size) - 1e-9))
        return f"{value:.{decimals}f} {name}"
    decimals = 0 if value == int(value) or abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {name}"


def nice_step(span_ns: float, width_px: float, min_px: float = 90.0) -> float:
    """A 1-2-5 tick spacing in ns such that ticks are at least `min_px` apart."""
    raw = max(span_ns * min_px / max(1.0, width_px), 1.0)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * mag >= raw:
            return float(m * mag)
    return float(10 * mag)


def ticks(t0: float, t1: float, width_px: float, min_px: float = 90.0) -> tuple[float, list[float]]:
    """The tick spacing and tick times within [t0, t1]."""
    step = nice_step(t1 - t0, width_px, min_px)
    first = math.ceil(t0 / step)
    last = math.floor(t1 / step)
    return step, [k * step for k in range(first, last + 1)]
