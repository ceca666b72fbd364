"""Chrome Trace export: valid Trace Event Format that Perfetto opens, faithful to the timeline."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from simulator.chrome_trace import THREADS_PID, chrome_trace_from_timeline, write_chrome_trace
from simulator.costs import REALISTIC
from simulator.kinds import ThreadState
from simulator.threads import replay, timeline_from_trace
from simulator.timeline import SWITCH_REASONS, Lane, Timeline
from simulator.trace import TraceBuilder
from simulator.workload_gen import WorkloadParams, generate

R, Y, B = ThreadState.RUNNING, ThreadState.READY, ThreadState.BLOCKED_IO


def hand_made() -> Timeline:
    tl = Timeline(lanes=[Lane("Thread-1", "thread", 5), Lane("Thread-2", "thread", 6), Lane("CPU 0", "cpu", 9)])
    for lane, s, e, st, cpu, who in [(0, 0, 1500, R, 0, 5), (0, 1500, 4000, B, -1, 5), (0, 4000, 4200, Y, -1, 5),
                                     (1, 0, 1503, Y, -1, 6), (1, 1503, 4200, R, 0, 6),
                                     (2, 0, 1500, R, 0, 5), (2, 1503, 4200, R, 0, 6)]:
        tl.seg_lane.append(lane)
        tl.seg_start.append(s)
        tl.seg_end.append(e)
        tl.seg_state.append(st)
        tl.seg_cpu.append(cpu)
        tl.seg_actor.append(who)
    tl.sw_t.append(1500)
    tl.sw_cpu.append(0)
    tl.sw_from.append(0)
    tl.sw_to.append(1)
    tl.sw_cost.append(3)
    tl.sw_reason.append(SWITCH_REASONS.index("blocked"))
    tl.wake_t.append(4000)
    tl.wake_from.append(-1)
    tl.wake_to.append(0)
    tl.end_ns = 4200
    return tl


def validate(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the Trace Event Format rules Perfetto relies on; return the events."""
    events = doc["traceEvents"]
    last_ts: dict[tuple[int, int], float] = defaultdict(lambda: float("-inf"))
    flows: dict[int, list[str]] = defaultdict(list)
    for ev in events:
        for key in ("ph", "ts", "pid", "tid", "name"):
            assert key in ev, f"{key} missing in {ev}"
        assert ev["ph"] in {"M", "X", "i", "s", "f"}
        assert isinstance(ev["ts"], (int, float)) and ev["ts"] >= 0
        if ev["ph"] == "M":
            continue
        assert isinstance(ev["ts"], float)
        where = (ev["pid"], ev["tid"])
        assert ev["ts"] >= last_ts[where], f"time goes back on {where}: {ev}"
        last_ts[where] = ev["ts"]
        if ev["ph"] == "X":
            assert ev["dur"] >= 0
        if ev["ph"] in "sf":
            flows[ev["id"]].append(ev["ph"])
    assert all(phases == ["s", "f"] for phases in flows.values())
    return events


def test_hand_made_timeline_maps_to_named_threads_slices_switches_and_flows() -> None:
    events = validate(chrome_trace_from_timeline(hand_made()))
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["name"] == "thread_name"}
    assert {"Thread-1", "Thread-2", "CPU 0"} <= set(names.values())
    t1 = next(k for k, v in names.items() if v == "Thread-1")
    slices = [(e["name"], e["ts"], e["dur"]) for e in events if e["ph"] == "X" and (e["pid"], e["tid"]) == t1]
    assert slices == [("running", 0.0, 1.5), ("blocked on IO", 1.5, 2.5), ("ready", 4.0, 0.2)]
    (switch,) = [e for e in events if e["ph"] == "i"]
    assert switch["name"] == "context switch (blocked)" and switch["ts"] == 1.5
    assert switch["args"]["from"] == "Thread-1" and switch["args"]["to"] == "Thread-2"
    assert switch["args"]["cost_ns"] == 3
    assert names[(switch["pid"], switch["tid"])] == "CPU 0"
    start, finish = (e for e in events if e["ph"] in "sf")
    assert names[(start["pid"], start["tid"])] == "IO completions"
    assert (finish["pid"], finish["tid"]) == t1 and finish["ts"] == 4.0 and finish["bp"] == "e"
    # nanosecond detail survives as fractional microseconds
    t2 = next(k for k, v in names.items() if v == "Thread-2")
    assert any(e["ts"] == 1.503 for e in events if (e["pid"], e["tid"]) == t2)


def cpu_slices(events: list[dict[str, Any]]) -> list[tuple[str, float, dict[str, Any]]]:
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["name"] == "thread_name"}
    return [(e["name"], e["ts"], e.get("args", {})) for e in events
            if e["ph"] == "X" and names[(e["pid"], e["tid"])].startswith("CPU ")]


def test_cpu_slices_are_named_by_the_thread_running_there() -> None:
    events = validate(chrome_trace_from_timeline(hand_made()))
    assert cpu_slices(events) == [("Thread-1", 0.0, {"cpu": 0, "state": "running"}),
                                  ("Thread-2", 1.503, {"cpu": 0, "state": "running"})]


def test_cpu_slices_fall_back_to_the_state_when_the_timeline_does_not_know_the_threads() -> None:
    tl = hand_made()
    del tl.seg_actor[:]
    events = validate(chrome_trace_from_timeline(tl))
    assert [name for name, _, _ in cpu_slices(events)] == ["running", "running"]


def test_a_recorded_runs_cpu_slices_name_its_threads() -> None:
    builder = TraceBuilder()
    replay(generate(WorkloadParams(tasks=3, io_count=2)), REALISTIC.with_overrides(cpus=1), builder)
    events = validate(chrome_trace_from_timeline(timeline_from_trace(builder.build())))
    thread_rows = {e["args"]["name"] for e in events if e["name"] == "thread_name" and e["pid"] == THREADS_PID}
    on_cpu = {name for name, _, _ in cpu_slices(events)}
    assert len(on_cpu) == 3 and on_cpu <= thread_rows


def test_a_real_threads_run_exports_a_valid_file_atomically(tmp_path: Path) -> None:
    builder = TraceBuilder()
    replay(generate(WorkloadParams(tasks=6, io_count=3)), REALISTIC.with_overrides(cpus=2), builder)
    out = tmp_path / "run.json"
    write_chrome_trace(builder.build(), out)
    events = validate(json.loads(out.read_text()))
    assert sum(e["ph"] == "X" for e in events) > 6 * 3
    assert sum(e["ph"] == "i" for e in events) >= 6 * 3  # at least one switch per IO wait
    assert sum(e["ph"] == "s" for e in events) >= 6 * 3  # every IO completion wakes a thread
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]  # no temporary file left behind


def test_unwritable_path_fails_clearly_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_chrome_trace(hand_made(), tmp_path / "missing-folder" / "x.json")
    assert list(tmp_path.iterdir()) == []
