"""Who waits for whom at one step: asyncio's await graph and every thread's frames.

Owns `await_graph_at(trace, step)` (each pending task, its coroutine stack, and the
task that awaits it) and its rendering in the form of CPython 3.14's
`python -m asyncio pstree` (asyncio/tools.py: `(T) name` for a task, ` qualname
file:line` for a coroutine frame, the awaiting frames between a task and the tasks
it awaits), plus `threads_at(trace, step)`: each thread's state, what it waits on,
who holds that, and its frames. Derived from the trace alone; it never runs code.

Only the program's own frames are traced, so a stack stops where the library's
code begins (pstree would go on into asyncio's `sleep` or `gather`). Which task
awaits which is read from the recording as a whole: task P awaits task C at a step
when P is suspended there and C, which P created or whose end is what wakes P,
finishes before P runs again.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from simulator.chapters import waker_of
from simulator.chapters_facts import actor_name, facts_of, lock_holder, next_step_of
from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.state import NONE_THREAD, checkpoints
from simulator.trace import Trace


@dataclass(frozen=True)
class Frame:
    """One coroutine (or function) frame: qualified name, file and the line it runs or waits at."""

    name: str
    file: str
    line: int

    def label(self) -> str:
        """As pstree prints a frame: `name file:line`."""
        return f"{self.name} {self.file}:{self.line}"


@dataclass(frozen=True)
class TaskNode:
    """One pending task at a step."""

    actor: int
    name: str
    stack: tuple[Frame, ...]  # innermost first, as CPython's coroutine_stack
    awaited_by: tuple[int, ...]  # task actors awaiting it
    running: bool


class AwaitCycle(Exception):
    """The await graph has a cycle: pstree prints no tree then."""

    def __init__(self, cycles: list[list[str]]) -> None:
        super().__init__(cycles)
        self.cycles = cycles


def _alive(trace: Trace, step: int) -> list[int]:
    facts = facts_of(trace)
    end = len(trace)
    return [a for a, at in facts.task_created.items() if at <= step and facts.task_done.get(a, end) > step]


def _stack(trace: Trace, task: int, step: int, frames: dict[int, int], running: list[int]) -> tuple[Frame, ...]:
    """The task's coroutine frames at `step`, innermost first, following who awaits whom."""
    facts = facts_of(trace)
    top = facts.task_coroutine.get(task)
    if top is None or top not in frames:
        return ()
    chain = [top]
    seen = {top}
    while True:
        current = chain[-1]
        if current in running:  # running now: the frame above it on the stack is what it awaits
            j = running.index(current)
            inner = running[j + 1] if j + 1 < len(running) else -1
        else:
            inner = _awaits(trace, current, step)
        if inner < 0 or inner in seen or inner not in frames or trace.actors[inner].kind is not ActorKind.COROUTINE:
            break  # a plain generator on the stack (a generator expression) is iterated, not awaited
        chain.append(inner)
        seen.add(inner)
    out = []
    for a in reversed(chain):
        actor = trace.actors[a]
        out.append(Frame(actor.name, actor.file, frames[a]))
    return tuple(out)


def _awaits(trace: Trace, coroutine: int, step: int) -> int:
    """What a suspended coroutine awaits: its last yield before `step` names the inner frame (or -1)."""
    for j in range(step, -1, -1):
        if trace.actor[j] == coroutine:
            k = trace.kind[j]
            if k == EventKind.YIELD:
                return int(trace.arg[j])
            if k in (EventKind.CALL, EventKind.RESUME, EventKind.LINE):
                return -1
    return -1


def await_graph_at(trace: Trace, step: int) -> list[TaskNode]:
    """Every task pending at `step` (after that event), in creation order, with its stack and awaiters."""
    step = max(0, min(step, len(trace) - 1))
    alive = _alive(trace, step)
    if not alive:
        return []
    state = checkpoints(trace).cursor_before(step + 1)
    frames = {a: f.line for a, f in state.frames.items()}
    running = list(state.stacks.get(state.thread, []))
    current = _task_at(trace, step)
    facts = facts_of(trace)
    done_at, created_by = facts.task_done, facts.task_creator
    awaiters: dict[int, list[int]] = {a: [] for a in alive}
    for p in alive:
        if p == current:
            continue
        wake = next_step_of(trace, p, step)
        last_done = max((done_at[c] for c in alive if c != p and done_at.get(c, len(trace)) < wake), default=-1)
        woken_by_a_task = last_done >= 0 and wake < len(trace) and not _arrival_for(trace, p, step, wake)
        for c in alive:
            if c == p:
                continue
            end = done_at.get(c)
            finishes_first = end is not None and step < end < wake
            ends_waiting = end is None and wake == len(trace)  # the trace ends with both still pending
            if not (finishes_first or ends_waiting):
                continue
            if (woken_by_a_task and (created_by.get(c) == p or end == last_done)) or (
                ends_waiting and created_by.get(c) == p
            ):
                awaiters[c].append(p)
    nodes = []
    for a in alive:
        stack = _stack(trace, a, step, frames, running if a == current else [])
        nodes.append(TaskNode(a, trace.actors[a].name, stack, tuple(awaiters[a]), a == current))
    return nodes


def _arrival_for(trace: Trace, task: int, start: int, stop: int) -> bool:
    """Whether IO, a timer or a thread pool (not another task) hands `task` something in (start, stop)."""
    owners = facts_of(trace).timer_owner
    for i in range(start + 1, stop):
        k = trace.kind[i]
        if k in (EventKind.IO_COMPLETE, EventKind.EXECUTOR_DONE) and trace.actor[i] == task:
            return True
        if k == EventKind.TIMER_FIRE and owners.get(trace.arg[i]) == task:
            return True
    return False


def _task_at(trace: Trace, step: int) -> int:
    steps = facts_of(trace).steps
    j = bisect_left(steps, step + 1) - 1
    if j < 0 or trace.kind[steps[j]] != EventKind.TASK_STEP:
        return -1
    # the step is over once its task has finished or yielded back to the loop
    task = int(trace.actor[steps[j]])
    for i in range(steps[j] + 1, step + 1):
        k = trace.kind[i]
        if k == EventKind.TASK_DONE and trace.actor[i] == task:
            return -1
        if k == EventKind.YIELD and trace.actor[i] == facts_of(trace).task_coroutine.get(task):
            return -1
    return task


def _cycles(nodes: list[TaskNode]) -> list[list[int]]:
    graph: dict[int, list[int]] = {n.actor: [] for n in nodes}
    for n in nodes:
        for p in n.awaited_by:
            graph.setdefault(p, []).append(n.actor)
    colour: dict[int, int] = {}
    path: list[int] = []
    found: list[list[int]] = []

    def visit(v: int) -> None:
        colour[v] = 1
        path.append(v)
        for w in graph.get(v, ()):
            if colour.get(w, 0) == 0:
                visit(w)
            elif colour.get(w) == 1:
                found.append([*path[path.index(w) :], w])
        colour[v] = 2
        path.pop()

    for v in list(graph):
        if colour.get(v, 0) == 0:
            visit(v)
    return found


def pstree_lines(trace: Trace, nodes: list[TaskNode]) -> list[str]:
    """The tree as `python -m asyncio pstree` prints it (CPython 3.14, asyncio/tools.py)."""
    cycles = _cycles(nodes)
    if cycles:
        names = {n.actor: n.name for n in nodes}
        raise AwaitCycle([[names.get(t, str(t)) for t in c] for c in cycles])
    by_actor = {n.actor: n for n in nodes}
    labels: dict[tuple[str, int], str] = {("T", n.actor): n.name for n in nodes}
    children: dict[tuple[str, int], list[tuple[str, int]]] = {}
    cor_nodes: dict[tuple[str, int], dict[str, tuple[str, int]]] = {}
    counter = [0]

    def cor_node(parent: tuple[str, int], frame: str) -> tuple[str, int]:
        known = cor_nodes.setdefault(parent, {})
        if frame in known:
            return known[frame]
        counter[0] += 1
        key = ("C", counter[0])
        labels[key] = frame
        children.setdefault(parent, []).append(key)
        known[frame] = key
        return key

    awaiting = set()
    for n in nodes:  # each edge: the awaiter's frames (outermost first), then the awaited task
        for p in n.awaited_by:
            awaiting.add(p)
            cur: tuple[str, int] = ("T", p)
            for frame in reversed(by_actor[p].stack):
                cur = cor_node(cur, frame.label())
            kids = children.setdefault(cur, [])
            if ("T", n.actor) not in kids:
                kids.append(("T", n.actor))
    for n in nodes:  # a task that awaits no task shows its own stack
        if n.actor not in awaiting:
            cur = ("T", n.actor)
            for frame in reversed(n.stack):
                cur = cor_node(cur, frame.label())
    all_children = {c for kids in children.values() for c in kids}
    lines: list[str] = []

    def render(node: tuple[str, int], prefix: str, last: bool) -> None:
        flag = "(T)" if node[0] == "T" else ""
        lines.append(f"{prefix}{'└── ' if last else '├── '}{flag} {labels[node]}")
        kids = children.get(node, [])
        for i, kid in enumerate(kids):
            render(kid, prefix + ("    " if last else "│   "), i == len(kids) - 1)

    for root in [key for key in labels if key not in all_children]:
        render(root, "", True)
    return lines


@dataclass(frozen=True)
class ThreadView:
    """One thread at a step: its state, what it waits on and who holds that, and its frames."""

    actor: int
    name: str
    state: str  # "running", "ready", "waiting", "blocked on IO", "finished", "new"
    waits_on: str  # a lock or condition by name, "T to finish" (join), "IO", or ""
    held_by: str  # the thread holding what it waits on, or ""
    woken_by: str  # the thread that will wake it, or ""
    frames: tuple[Frame, ...]  # outermost first


_STATE_WORDS = {
    ThreadState.NEW: "new",
    ThreadState.RUNNING: "running",
    ThreadState.READY: "ready",
    ThreadState.BLOCKED_IO: "blocked on IO",
    ThreadState.WAITING_LOCK: "waiting",
    ThreadState.EXITED: "finished",
}


def threads_at(trace: Trace, step: int) -> list[ThreadView]:
    """Every thread the program started, at `step`: where each one is and what it waits for."""
    step = max(0, min(step, len(trace) - 1))
    threads = [a.id for a in trace.actors if a.kind is ActorKind.THREAD]
    state_ev: dict[int, int] = {}
    wait_ev: dict[int, int] = {}
    for i in range(step + 1):
        k = trace.kind[i]
        if k == EventKind.THREAD_STATE:
            state_ev[trace.actor[i]] = i
        elif k == EventKind.LOCK_WAIT:
            wait_ev[trace.actor[i]] = i
    if not state_ev:
        return []
    replay = checkpoints(trace).cursor_before(step + 1)
    out = []
    for t in threads:
        if t not in state_ev:
            continue
        s = state_ev[t]
        state = ThreadState(trace.arg[s])
        waits_on = held_by = woken_by = ""
        if state in (ThreadState.WAITING_LOCK, ThreadState.BLOCKED_IO):
            w = wait_ev.get(t, -1)
            waker = waker_of(trace, s, t)
            woken_by = actor_name(trace, waker) if waker >= 0 else ""
            if state == ThreadState.BLOCKED_IO:
                waits_on = "IO"
            elif w >= 0 and w >= s - 2:  # the lock_wait just before it began to wait
                lock = trace.arg[w]
                waits_on = trace.actors[lock].name
                holder = lock_holder(trace, lock, step + 1)
                held_by = actor_name(trace, holder) if holder >= 0 and holder != t else ""
            else:
                waits_on = f"{woken_by} to finish" if woken_by else "another thread to finish"
        # frames pushed before the first thread switch were recorded with no thread: they are the main thread's
        stack = (list(replay.stacks.get(NONE_THREAD, [])) if t == threads[0] else []) + list(replay.stacks.get(t, []))
        frames = tuple(
            Frame(trace.actors[a].name, trace.actors[a].file, replay.frames[a].line)
            for a in stack
            if a in replay.frames
        )
        out.append(ThreadView(t, trace.actors[t].name, _STATE_WORDS[state], waits_on, held_by, woken_by, frames))
    return out


def thread_lines(views: list[ThreadView]) -> list[str]:
    """The threads as plain text: a header line per thread, then its frames, innermost last."""
    lines = []
    for v in views:
        extra = ""
        if v.waits_on:
            extra = f" on {v.waits_on}"
            if v.held_by:
                extra += f" (held by {v.held_by})"
            if v.woken_by and not v.waits_on.startswith(v.woken_by):
                extra += f"; woken by {v.woken_by}"
        lines.append(f"Thread {v.name}: {v.state}{extra}")
        for f in v.frames:
            lines.append(f"    {f.label()}")
    return lines
