"""Hand-made timelines for the timeline tests: small enough to compute pixels by hand."""

from __future__ import annotations

from array import array

from simulator.kinds import ThreadState
from simulator.timeline import SWITCH_REASONS, Lane, Timeline

R, Y, B, L = ThreadState.RUNNING, ThreadState.READY, ThreadState.BLOCKED_IO, ThreadState.WAITING_LOCK


def make_timeline(
    lanes: list[str],
    segments: list[tuple[int, int, int, ThreadState]],
    switches: list[tuple[int, int, int, int, int, str]] = (),  # type: ignore[assignment]
    wakes: list[tuple[int, int, int]] = (),  # type: ignore[assignment]
    end_ns: int = 0,
) -> Timeline:
    """segments: (lane, start, end, state); switches: (t, cpu, from, to, cost, reason); wakes: (t, from, to)."""
    tl = Timeline(lanes=[Lane(n, "cpu" if n.startswith("CPU") else "thread", i) for i, n in enumerate(lanes)])
    for lane, s, e, st in sorted(segments, key=lambda x: (x[0], x[1])):
        tl.seg_lane.append(lane)
        tl.seg_start.append(s)
        tl.seg_end.append(e)
        tl.seg_state.append(int(st))
        tl.seg_cpu.append(0 if st == R else -1)
    for t, cpu, a, b, cost, reason in switches:
        tl.sw_t.append(t)
        tl.sw_cpu.append(cpu)
        tl.sw_from.append(a)
        tl.sw_to.append(b)
        tl.sw_cost.append(cost)
        tl.sw_reason.append(SWITCH_REASONS.index(reason))
    for t, a, b in wakes:
        tl.wake_t.append(t)
        tl.wake_from.append(a)
        tl.wake_to.append(b)
    tl.end_ns = max([end_ns, *tl.seg_end]) if len(tl.seg_end) else end_ns
    assert isinstance(tl.seg_lane, array)
    return tl


def producer_consumer() -> Timeline:
    """Two threads on one CPU handing work over: 0..1000 ns, lanes Thread-1, Thread-2, CPU 0."""
    return make_timeline(
        ["Thread-1 (producer)", "Thread-2 (consumer)", "CPU 0"],
        [
            (0, 0, 300, R), (0, 300, 600, B), (0, 600, 700, Y), (0, 700, 1000, R),
            (1, 0, 300, Y), (1, 300, 700, R), (1, 700, 1000, L),
            (2, 0, 1000, R),
        ],
        switches=[(300, 0, 0, 1, 20, "blocked"), (700, 0, 1, 0, 20, "preempted")],
        wakes=[(600, -1, 0), (1000, 0, 1)],
        end_ns=1000,
    )
