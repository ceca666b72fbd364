"""Timeline benchmarks: frame time while zooming and panning, and load time of a huge timeline.

`timeline_frame_ms_p95_100k`: p95 time to paint the timeline pane at 1920x1080 (the
pure render function into an image, exactly what the pane paints) over a scripted
sequence of zooms and pans, with 100,000 segments across 1,000 lanes.
`timeline_load_s_1m`: from a recorded threads trace with about 1,000,000 segments to the
first painted timeline (simulator.threads.timeline_from_trace, index, first paint).
"""

from __future__ import annotations

import os
import statistics
import time
from array import array

import numpy as np

from bench import Figure
from simulator.kinds import ThreadState
from simulator.timeline import Lane, Timeline
from simulator.trace import Trace

_CYCLE = np.array([ThreadState.RUNNING, ThreadState.BLOCKED_IO, ThreadState.READY,
                   ThreadState.RUNNING, ThreadState.WAITING_LOCK, ThreadState.READY], dtype=np.uint8)


def synthetic_timeline(lanes: int, segments: int, seed: int = 0, cpus: int = 4) -> Timeline:
    """A deterministic, plausible timeline: thread lanes cycling through states, CPU lanes running.

    Each thread lane gets segments // lanes back-to-back segments with exponential
    durations (mean 50 µs); every RUNNING start is a context switch (3 µs) and every
    READY after a wait is a wake-up (by another lane, or by IO for IO waits).
    """
    rng = np.random.default_rng(seed)
    threads = lanes - cpus
    per = max(1, segments // lanes)
    durations = np.maximum(1, rng.exponential(50_000, size=(lanes, per))).astype(np.int64)
    ends = np.cumsum(durations, axis=1) + rng.integers(0, 20_000, size=(lanes, 1))
    starts = ends - durations
    phase = rng.integers(0, len(_CYCLE), size=(lanes, 1))
    states = _CYCLE[(np.arange(per)[None, :] + phase) % len(_CYCLE)]
    states[threads:] = ThreadState.RUNNING  # CPU lanes: busy, with gaps
    lane_col = np.repeat(np.arange(lanes, dtype=np.int32), per)
    keep = np.ones(lanes * per, dtype=bool)
    keep[threads * per:] = rng.random((lanes - threads) * per) < 0.8
    cpu = rng.integers(0, cpus, size=lanes * per).astype(np.int16)
    cpu[states.ravel() != ThreadState.RUNNING] = -1
    actor = 100 + lane_col  # a thread lane's own actor; a CPU lane's spans name a random thread
    actor[threads * per:] = 100 + rng.integers(0, max(1, threads), size=(lanes - threads) * per)

    flat_states, flat_starts = states.ravel(), starts.ravel()
    prev = np.concatenate([[0], flat_states[:-1]])
    first_in_lane = np.zeros(lanes * per, dtype=bool)
    first_in_lane[::per] = True
    is_thread = lane_col < threads
    runs = is_thread & (flat_states == ThreadState.RUNNING) & ~first_in_lane
    wakes = is_thread & (flat_states == ThreadState.READY) & ~first_in_lane
    wakes &= (prev == ThreadState.BLOCKED_IO) | (prev == ThreadState.WAITING_LOCK)
    sw_order = np.argsort(flat_starts[runs], kind="stable")
    wk_order = np.argsort(flat_starts[wakes], kind="stable")
    n_sw, n_wk = int(runs.sum()), int(wakes.sum())
    wake_from = rng.integers(0, max(1, threads), size=n_wk).astype(np.int32)
    wake_from[prev[wakes][wk_order] == ThreadState.BLOCKED_IO] = -1

    def col(code: str, values: np.ndarray) -> array:
        out = array(code)
        out.frombytes(np.ascontiguousarray(values).tobytes())
        return out

    names = [Lane(f"Thread-{i + 1}", "thread", 100 + i) for i in range(threads)]
    names += [Lane(f"CPU {k}", "cpu", 10 + k) for k in range(lanes - threads)]
    return Timeline(
        lanes=names,
        seg_lane=col("i", lane_col[keep]),
        seg_start=col("q", flat_starts[keep]),
        seg_end=col("q", ends.ravel()[keep]),
        seg_state=col("B", flat_states[keep]),
        seg_cpu=col("h", cpu[keep]),
        seg_actor=col("i", actor[keep].astype(np.int32)),
        sw_t=col("q", flat_starts[runs][sw_order]),
        sw_cpu=col("h", rng.integers(0, cpus, size=n_sw).astype(np.int16)),
        sw_from=col("i", rng.integers(-1, max(1, threads), size=n_sw).astype(np.int32)),
        sw_to=col("i", lane_col[runs][sw_order]),
        sw_cost=col("q", np.full(n_sw, 3_000, dtype=np.int64)),
        sw_reason=col("B", rng.integers(0, 5, size=n_sw).astype(np.uint8)),
        wake_t=col("q", flat_starts[wakes][wk_order]),
        wake_from=col("i", wake_from),
        wake_to=col("i", lane_col[wakes][wk_order]),
        end_ns=int(ends.max()),
    )


def _app() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def frame_ms_p95_100k() -> Figure:
    _app()
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter

    from ui.theme import LIGHT
    from ui.timeline.index import TimelineIndex
    from ui.timeline.render import draw_timeline, fit_view, timeline_layout
    from ui.timeline.view import initial_view

    index = TimelineIndex(synthetic_timeline(1_000, 100_000, seed=1))
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRect(0, 0, 1920, 1080)
    layout = timeline_layout(rect, LIGHT, index)
    start = fit_view(initial_view(len(index.lanes), index.end_ns, 1, 1), layout)
    # the gesture: fit all, then readable lanes, zoom in 40 wheel steps, pan 40 drags, scroll lanes, zoom out
    views = [start, start.lanes_zoomed(18)]
    for _ in range(40):
        views.append(views[-1].zoomed(1.25, anchor_x=700))
    for _ in range(40):
        views.append(views[-1].panned(dx_px=-37, dy_px=23))
    for _ in range(40):
        views.append(views[-1].zoomed(0.8, anchor_x=1200).panned(dy_px=-11))
    times = []
    for rep in range(2):
        for i, view in enumerate(views):
            painter = QPainter(image)
            t = time.perf_counter()
            draw_timeline(painter, rect, view, index, LIGHT, playhead_ns=int(view.t0 + view.span * i / len(views)))
            painter.end()
            if rep:  # the first pass warms caches (pattern tables, fonts)
                times.append((time.perf_counter() - t) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    return Figure(p95, "ms", 4.0, higher_is_better=False, required=16.0)


def million_segment_trace() -> Trace:
    """A recorded threads run with about a million timeline segments (1,000 threads x 245 IO waits)."""
    from simulator.costs import REALISTIC
    from simulator.threads import replay
    from simulator.trace import TraceBuilder
    from simulator.workload_gen import WorkloadParams, generate

    builder = TraceBuilder()
    replay(generate(WorkloadParams(tasks=1_000, io_count=245, seed=2)), REALISTIC, builder)
    return builder.build()


def load_s_1m() -> Figure:
    _app()
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter

    from simulator.threads import timeline_from_trace
    from ui.theme import LIGHT
    from ui.timeline.index import TimelineIndex
    from ui.timeline.render import draw_timeline, timeline_layout
    from ui.timeline.view import initial_view

    trace = million_segment_trace()  # recording it is the threads engine's cost, not the timeline's
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRect(0, 0, 1920, 1080)
    t = time.perf_counter()
    index = TimelineIndex(timeline_from_trace(trace))
    body = timeline_layout(rect, LIGHT, index).body
    view = initial_view(len(index.lanes), index.end_ns, body.width(), body.height())
    painter = QPainter(image)
    draw_timeline(painter, rect, view, index, LIGHT, playhead_ns=0)
    painter.end()
    took = time.perf_counter() - t
    if not 900_000 <= len(index) <= 1_100_000:
        raise RuntimeError(f"expected about a million segments, got {len(index)}")
    return Figure(took, "s", 2.0, higher_is_better=False)


METRICS = {
    "timeline_frame_ms_p95_100k": frame_ms_p95_100k,
    "timeline_load_s_1m": load_s_1m,
}
