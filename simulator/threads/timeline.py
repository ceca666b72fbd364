"""Building the thread timeline (simulator.timeline.Timeline) from a trace's thread events.

Owns the entry point `timeline_from_trace`: one lane per thread (its states over time),
then one lane per CPU (which thread ran on it when), plus every context switch and every
wake-up. Reads the trace only; never simulates. The numpy work lives in
timeline_columns.py and is imported on first use: every traced run imports the threads
engine, and few of them need a timeline.
"""

from __future__ import annotations

from simulator.timeline import Timeline
from simulator.trace import Trace


def timeline_from_trace(trace: Trace) -> Timeline:
    """The timeline of every thread and CPU in `trace` (empty lanes if it has none)."""
    from simulator.threads.timeline_columns import build_timeline

    return build_timeline(trace)
