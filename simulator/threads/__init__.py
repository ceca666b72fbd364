"""The threads engine: simulated OS threads, context switches, locks and deadlocks.

`os_model` is the modelled OS (CPUs, scheduler, switch costs); `replay` runs a
workload profile as blocking threads on it; `timeline` turns a trace's thread
events into the timeline the UI draws. Nothing here imports Qt.
"""

from simulator.threads.replay import replay
from simulator.threads.timeline import timeline_from_trace

__all__ = ["replay", "timeline_from_trace"]
