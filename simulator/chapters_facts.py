"""Facts about a trace that its story needs: what kind of program it is, tasks, locks, who drives whom.

Owns small, cached indexes over a finished trace for the chapters, the captions and
the await graph: the program's model (the seed's send pattern, asyncio, threads, plain
generators), each asyncio task's label and coroutine, whether an actor is the
program's own or the library's, and who holds a lock at an event. Reads traces only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from simulator.kinds import FRAME_KINDS, ActorKind, EventKind, ResumeHow
from simulator.per_trace import per_trace
from simulator.trace import Trace

GENERATOR_KINDS = frozenset({ActorKind.GENERATOR, ActorKind.COROUTINE})
NEIGHBOURS = 8  # how far a hand-off looks for the frame on its other side


class Model(Enum):
    """What kind of program a trace records, which decides how its story is told."""

    SEED = "seed"  # a plain frame drives a generator with send(): the seed's producer/consumer pattern
    ASYNCIO = "asyncio"  # an event loop runs tasks
    THREADS = "threads"  # several OS threads take turns
    GENERATORS = "generators"  # generators hand control back and forth (iteration, yield from)
    PLAIN = "plain"  # straight-line code and calls


@dataclass
class Facts:
    """What the story of one trace is built from; computed once per trace."""

    model: Model
    user_files: frozenset[str]
    task_label: dict[int, str] = field(default_factory=dict)  # task actor -> "Task-2 (fetch)"
    task_coroutine: dict[int, int] = field(default_factory=dict)  # task actor -> its coroutine's frame actor
    coroutine_task: dict[int, int] = field(default_factory=dict)  # coroutine frame actor -> task actor
    user_tasks: frozenset[int] = frozenset()
    timer_owner: dict[int, int] = field(default_factory=dict)  # timer id -> task actor that set it
    lock_events: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)  # lock -> (events, holders)
    steps: list[int] = field(default_factory=list)  # TASK_STEP and LOOP_TICK events, in order
    task_steps: dict[int, list[int]] = field(default_factory=dict)  # task actor -> its TASK_STEP events, in order
    task_created: dict[int, int] = field(default_factory=dict)  # task actor -> its TASK_CREATE event
    task_creator: dict[int, int] = field(default_factory=dict)  # task actor -> the task (or loop) that created it
    task_done: dict[int, int] = field(default_factory=dict)  # task actor -> its TASK_DONE event


@per_trace
def facts_of(trace: Trace) -> Facts:
    """The trace's facts (built once, kept while the trace lives)."""
    kinds = trace.kind.tobytes()
    has = {k: bytes([int(k)]) in kinds for k in (EventKind.LOOP_TICK, EventKind.CONTEXT_SWITCH)}
    facts = Facts(_model(trace, kinds, has), frozenset(trace.sources))
    if has[EventKind.LOOP_TICK]:
        _index_tasks(trace, facts)
    if bytes([int(EventKind.LOCK_ACQUIRE)]) in kinds:
        _index_locks(trace, facts)
    return facts


def _model(trace: Trace, kinds: bytes, has: dict[EventKind, bool]) -> Model:
    if has[EventKind.LOOP_TICK]:
        return Model.ASYNCIO
    if has[EventKind.CONTEXT_SWITCH]:
        return Model.THREADS
    actors, text, texts = trace.actors, trace.text, trace.texts
    resume = int(EventKind.RESUME)
    handoffs = False
    start = 0
    while (i := kinds.find(bytes([resume]), start)) >= 0:
        start = i + 1
        handoffs = True
        actor = actors[trace.actor[i]]
        # the seed's pattern: a generator is sent a real value (not None) by the frame that drives it
        if trace.arg[i] == ResumeHow.SEND and actor.kind is ActorKind.GENERATOR:
            value = texts[text[i]] if text[i] >= 0 else "None"
            if value != "None":
                return Model.SEED
    return Model.GENERATORS if handoffs else Model.PLAIN


def _index_tasks(trace: Trace, facts: Facts) -> None:
    actors, kinds = trace.actors, trace.kind
    create, step, timer = int(EventKind.TASK_CREATE), int(EventKind.TASK_STEP), int(EventKind.TIMER_SET)
    call, tick, done = int(EventKind.CALL), int(EventKind.LOOP_TICK), int(EventKind.TASK_DONE)
    waiting_for_coroutine: int | None = None
    user: set[int] = set()
    for i, k in enumerate(kinds):
        if k == done:
            facts.task_done[trace.actor[i]] = i
        elif k == create:
            a = trace.actor[i]
            facts.task_created[a] = i
            facts.task_creator[a] = trace.arg[i]
            text = trace.texts[trace.text[i]] if trace.text[i] >= 0 else actors[a].name
            name = actors[a].name
            qual = text[len(name) + 1 :] if text.startswith(name + " ") else text
            facts.task_label[a] = f"{name} ({qual.rsplit('.', 1)[-1]})" if qual else name
            if actors[a].file in facts.user_files:
                user.add(a)
        elif k in (step, tick):
            facts.steps.append(i)
            if k == tick:
                waiting_for_coroutine = None
                continue
            a = trace.actor[i]
            facts.task_steps.setdefault(a, []).append(i)
            waiting_for_coroutine = a if a not in facts.task_coroutine else None
        elif k == call and waiting_for_coroutine is not None:
            frame = trace.actor[i]
            if actors[frame].kind is ActorKind.COROUTINE:  # the task's first step starts its coroutine
                facts.task_coroutine[waiting_for_coroutine] = frame
                facts.coroutine_task[frame] = waiting_for_coroutine
            waiting_for_coroutine = None
        elif k == timer:
            facts.timer_owner[trace.arg[i]] = trace.actor[i]
    facts.user_tasks = frozenset(user)


def _index_locks(trace: Trace, facts: Facts) -> None:
    acquire, release = int(EventKind.LOCK_ACQUIRE), int(EventKind.LOCK_RELEASE)
    for i, k in enumerate(trace.kind):
        if k in (acquire, release):
            events, holders = facts.lock_events.setdefault(trace.arg[i], ([], []))
            events.append(i)
            holders.append(trace.actor[i] if k == acquire else -1)


def lock_holder(trace: Trace, lock: int, index: int) -> int:
    """The thread actor holding `lock` just before event `index`, or -1 when it is free."""
    found = facts_of(trace).lock_events.get(lock)
    if not found:
        return -1
    events, holders = found
    j = bisect_left(events, index)
    return holders[j - 1] if j > 0 else -1


def task_running_at(trace: Trace, index: int) -> int:
    """The asyncio task whose step event `index` belongs to, or -1 (the loop itself, or no loop)."""
    steps = facts_of(trace).steps
    j = bisect_left(steps, index + 1) - 1
    if j < 0 or trace.kind[steps[j]] != EventKind.TASK_STEP:
        return -1
    return int(trace.actor[steps[j]])


def step_of(trace: Trace, index: int) -> int:
    """The TASK_STEP (or LOOP_TICK) event at or before `index` (-1 if none)."""
    steps = facts_of(trace).steps
    j = bisect_left(steps, index + 1) - 1
    return steps[j] if j >= 0 else -1


def previous_step_of(trace: Trace, task: int, before: int) -> int:
    """Task `task`'s last TASK_STEP before event `before` (-1 if none)."""
    steps = facts_of(trace).task_steps.get(task, ())
    j = bisect_left(steps, before) - 1
    return steps[j] if j >= 0 else -1


def next_step_of(trace: Trace, task: int, after: int) -> int:
    """Task `task`'s first TASK_STEP after event `after` (len(trace) if none)."""
    steps = facts_of(trace).task_steps.get(task, ())
    j = bisect_right(steps, after)
    return steps[j] if j < len(steps) else len(trace)


def is_user_actor(trace: Trace, actor: int) -> bool:
    """Whether an actor is the program's own (its code is in the traced files)."""
    if not 0 <= actor < len(trace.actors):
        return False
    a = trace.actors[actor]
    if a.kind is ActorKind.TASK:
        return actor in facts_of(trace).user_tasks
    return a.kind in FRAME_KINDS and a.file in facts_of(trace).user_files


def short(qualname: str) -> str:
    """`inner` for `main.<locals>.inner`; other names as they are."""
    return qualname.rsplit("<locals>.", 1)[-1]


def actor_name(trace: Trace, actor: int) -> str:
    """An actor as the story names it: a task by its label, a frame by its short name."""
    if not 0 <= actor < len(trace.actors):
        return "?"
    label = facts_of(trace).task_label.get(actor)
    return label if label is not None else short(trace.actors[actor].name)


def other_side(trace: Trace, index: int) -> int:
    """The actor on the other side of hand-off `index`: the frame that sent (or receives the yield).

    A send runs in the driver just before the generator resumes; after a yield the driver
    runs next. Returns -1 when that neighbour is not a frame (the event loop drives it).
    """
    generator = trace.actor[index]
    if trace.kind[index] == EventKind.YIELD:
        steps = range(index + 1, min(len(trace), index + 1 + NEIGHBOURS))
    else:
        steps = range(index - 1, max(-1, index - 1 - NEIGHBOURS), -1)
    for j in steps:
        actor = trace.actor[j]
        if trace.kind[j] == EventKind.GEN_CREATE:
            continue  # a generator being created is not running: the frame creating it is
        if actor == generator and trace.kind[j] in (EventKind.RESUME, EventKind.YIELD):
            # yielding and resumed again at once, by C code (unpacking, list(), a builtin's loop): the
            # frame that started it is still the one waiting on the other side
            start = _last_start(trace, generator, index)
            return other_side(trace, start) if start >= 0 else -1
        if actor != generator and 0 <= actor < len(trace.actors):
            return actor if trace.actors[actor].kind in FRAME_KINDS else -1
    return -1


def _last_start(trace: Trace, generator: int, before: int) -> int:
    """The generator's CALL (its first start) before event `before`, or -1."""
    calls = _calls_by_actor(trace).get(generator, [])
    at = bisect_left(calls, before)
    return calls[at - 1] if at > 0 else -1


@per_trace
def _calls_by_actor(trace: Trace) -> dict[int, list[int]]:
    """Each actor's CALL events, in order (a bisect finds the last before a step, where a scan back
    from every hand-off cost a hundred thousand steps' captions twenty seconds)."""
    calls: dict[int, list[int]] = {}
    call = int(EventKind.CALL)
    for j, (kind, actor) in enumerate(zip(trace.kind, trace.actor, strict=True)):
        if kind == call:
            calls.setdefault(actor, []).append(j)
    return calls


def text_of(trace: Trace, index: int) -> str | None:
    """Event `index`'s text (its value), without building an Event."""
    t = trace.text[index]
    return trace.texts[t] if t >= 0 else None


def data_of(trace: Trace, index: int) -> dict[str, Any]:
    """Event `index`'s rich payload, or an empty dict."""
    return trace.data.get(index) or {}
