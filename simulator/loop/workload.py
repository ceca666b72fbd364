"""The threads engine's twin of an async run: `workload_from_trace(trace) -> Workload`.

Owns reading, per asyncio task of the program, its CPU bursts (the time its steps
held the loop, less any blocking sleeps inside them) and its IO waits (the time
between a step's end and the task's next step, labelled with what it waited for).
Tasks asyncio makes for itself (shutdown helpers) are left out. Reads traces only.
"""

from __future__ import annotations

import asyncio
import functools
import os

from simulator.kinds import EventKind
from simulator.trace import NONE, Trace
from simulator.workload import Burst, BurstKind, TaskProfile, Workload

_ASYNCIO_DIR = os.path.dirname(os.path.realpath(asyncio.__file__)) + os.sep


@functools.lru_cache(maxsize=256)
def _in_asyncio(file: str) -> bool:
    """Whether a task's coroutine is asyncio's own (gather's helpers), not the program's work."""
    return os.path.realpath(file or "<none>").startswith(_ASYNCIO_DIR)
# Events that can only come after a step has ended (the loop waits for IO *before* writing them).
_BOUNDARY = frozenset(int(k) for k in (
    EventKind.TASK_STEP, EventKind.CALLBACK, EventKind.LOOP_TICK, EventKind.IO_COMPLETE,
    EventKind.EXECUTOR_DONE, EventKind.TIMER_FIRE,
))
_WAITS_ON = frozenset({int(EventKind.IO_REQUEST), int(EventKind.EXECUTOR_SUBMIT), int(EventKind.TIMER_SET)})


def workload_from_trace(trace: Trace) -> Workload:
    """Per task of the program: its CPU bursts and IO waits, in order, on the trace's clock."""
    bursts: dict[int, list[Burst]] = {}
    starts: dict[int, int] = {}
    names: dict[int, str] = {}
    step_end: dict[int, tuple[int, str]] = {}  # task -> (when its last step ended, what it then waited for)
    kinds, actors, times, args = trace.kind, trace.actor, trace.t, trace.arg
    running, step_start, blocked, waits_on = NONE, 0, 0, ""
    for i, k in enumerate(kinds):
        if k in _BOUNDARY and running != NONE:
            end = times[i - 1]  # the step's last event: the loop may have waited since
            _add(bursts[running], BurstKind.CPU, end - step_start - blocked, "")
            if blocked:
                _add(bursts[running], BurstKind.IO, blocked, "blocking call")
            step_end[running] = (end, waits_on)
            running = NONE
        if k == EventKind.TASK_CREATE:
            actor = trace.actors[actors[i]]
            if not _in_asyncio(actor.file):
                bursts[actor.id], starts[actor.id], names[actor.id] = [], times[i], actor.name
        elif k == EventKind.TASK_STEP and actors[i] in bursts:
            running, step_start, blocked, waits_on = actors[i], times[i], 0, ""
            ended = step_end.pop(running, None)
            if ended is not None:
                _add(bursts[running], BurstKind.IO, times[i] - ended[0], ended[1])
        elif running != NONE and k == EventKind.LOOP_BLOCKED and not (trace.data.get(i) or {}).get("cpu"):
            blocked += args[i]
        elif running != NONE and k in _WAITS_ON:
            ti = trace.text[i]
            waits_on = trace.texts[ti] if ti >= 0 else waits_on
    if running != NONE:
        _add(bursts[running], BurstKind.CPU, trace.duration_ns - step_start - blocked, "")
    tasks = tuple(TaskProfile(names[a], tuple(bursts[a]), starts[a]) for a in bursts)
    return Workload(tasks, name=str(trace.program.get("path", "")))


def _add(bursts: list[Burst], kind: BurstKind, ns: int, label: str) -> None:
    """Append a burst, joining it to the previous one of the same kind; nothing for zero time."""
    if ns <= 0:
        return
    if bursts and bursts[-1].kind is kind:
        last = bursts[-1]
        bursts[-1] = Burst(kind, last.duration_ns + ns, last.label or label)
    else:
        bursts.append(Burst(kind, ns, label))
