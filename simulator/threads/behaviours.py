"""What a simulated thread does: the behaviours the OS model runs (see os_model).

Owns the four ways to run a workload's tasks: one blocking thread per task, a
worker of a thread pool, and an event loop that runs many tasks as coroutines on
one thread (used once for "coroutines" and once per process for "processes").
Each is a generator over `(what, ns, label)` steps; none records anything.
"""

from __future__ import annotations

import heapq
from collections import deque

from simulator.costs import CostModel
from simulator.threads.os_model import CPU, IO, OVERHEAD, TASK, Behaviour, Step
from simulator.workload import BurstKind, TaskProfile


def task_steps(task: TaskProfile) -> list[Step]:
    """A task's bursts as OS-model steps, in order."""
    return [(CPU if b.kind is BurstKind.CPU else IO, b.duration_ns, b.label) for b in task.bursts]


def blocking_thread(steps: list[Step]) -> Behaviour:
    """One thread doing one task's work with blocking calls."""
    # not `yield from`: the engine send()s the time in, which a list iterator cannot take
    for step in steps:  # noqa: UP028
        yield step


def pool_worker(queue: deque[TaskProfile], costs: CostModel) -> Behaviour:
    """A pool worker: take the next task (a lock-protected queue), run it to the end, repeat."""
    while queue:
        task = queue.popleft()
        yield (OVERHEAD, costs.lock_ns, "take task")
        for step in task_steps(task):  # noqa: UP028 - see blocking_thread
            yield step


def event_loop(tasks: list[TaskProfile], costs: CostModel, steps: list[int] | None = None) -> Behaviour:
    """One thread running `tasks` as coroutines on an event loop.

    Each turn: collect finished IO, then run every ready task for one step (its
    CPU burst, plus `task_step_ns` of loop bookkeeping), sending its next IO out.
    With nothing ready, the thread blocks in the selector until the next IO is due.
    `steps[0]`, if given, counts the task steps (the loop's switches between coroutines).
    """
    counter = steps if steps is not None else [0]
    programs = [_segments(t) for t in tasks]
    position = [0] * len(tasks)
    ready: deque[int] = deque(i for i, t in enumerate(tasks) if t.start_ns == 0)
    # IO completions and later task starts, as (due, seq, task)
    pending: list[tuple[int, int, int]] = [(t.start_ns, i, i) for i, t in enumerate(tasks) if t.start_ns > 0]
    heapq.heapify(pending)
    seq = len(tasks)
    step_ns, turn_ns = costs.task_step_ns, costs.loop_iteration_ns
    push, pop = heapq.heappush, heapq.heappop
    now = yield (OVERHEAD, turn_ns, "loop start")
    while ready or pending:
        while pending and pending[0][0] <= now:
            ready.append(pop(pending)[2])
        if not ready:
            now = yield (IO, pending[0][0] - now, "select")
            continue
        now = yield (OVERHEAD, turn_ns, "loop turn")
        for _ in range(len(ready)):
            i = ready.popleft()
            k = position[i]
            cpu, io = programs[i][k]
            counter[0] += 1
            now = yield (TASK, step_ns + cpu, "task step")  # the loop's step, then the task's CPU
            if io >= 0:  # its next wait goes out; after its last step the task is done
                push(pending, (now + io, seq, i))
                seq += 1
                position[i] = k + 1


def _segments(task: TaskProfile) -> list[tuple[int, int]]:
    """A task as the loop runs it: (CPU until its next wait, that wait), the last wait -1 (it ends there)."""
    segments = []
    cpu = 0
    for burst in task.bursts:
        if burst.kind is BurstKind.IO:
            segments.append((cpu, burst.duration_ns))
            cpu = 0
        else:
            cpu += burst.duration_ns
    segments.append((cpu, -1))
    return segments
