"""Chapters: a trace cut into the moments a lecture stops at, for any program.

Owns `chapters_of(trace)`: a list of `Chapter` (index, first step, kind, title, ...),
each starting at a meaningful step and lasting until the next one begins. For the
seed's producer/consumer the chapters are its five numbered steps as they happen
(start the generator; send switches into it; it takes the message and yields the
result back; the driver has the result and goes on; close ends it). For asyncio a
chapter is a loop turn that runs the program's tasks, or an IO completion or timer
with everything it wakes; for threads it is a thread switch with why it happened
(who blocks on what); for other generators it is each hand-off. Exceptions,
deadlocks, limits and a loop blocked by a blocking call always start a chapter.

Titles are plain English for the command line and tests; `params` holds the named
values so the window can word each chapter in the user's language (ui/ translates).
Each chapter also names its key moment (`key_step`) and, when there is one, the
question a class can be asked just before it (`question`, `answer`). Pure Python
over the trace's columns, no Qt; cached per trace.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from simulator.chapters_facts import GENERATOR_KINDS, Facts, Model, actor_name, facts_of, other_side, text_of
from simulator.kinds import ActorKind, EventKind, ResumeHow, ThreadState
from simulator.per_trace import per_trace
from simulator.trace import Trace

MAX_VALUE = 40


@dataclass(frozen=True)
class Chapter:
    """One chapter: it begins at event `first_step` and lasts until the next chapter begins."""

    index: int  # 0, 1, 2, ... in trace order
    first_step: int  # the event it begins at
    kind: str  # one of KINDS
    title: str  # plain English ("Step 2: produce sends 1 into consumer")
    params: tuple[tuple[str, str], ...] = ()  # named values for wording it in another language
    key_step: int = -1  # the event a class is asked to predict (-1: none)
    question: str = ""  # "value_sent", "value_yielded", "side_runs", "first_completion", "thread_runs", "task_runs"
    answer: str = ""  # what actually happens at the key step

    def param(self, name: str) -> str:
        """A named value of the chapter ("" when it has none)."""
        return dict(self.params).get(name, "")


KINDS = (
    "start",  # the program starts
    "seed_start",  # step 1: the driver starts the generator
    "seed_send",  # step 2: send(value) switches into the generator
    "seed_receive",  # step 3: the generator takes the message, processes it, yields the result back
    "seed_result",  # step 4: the driver has the result and goes on
    "seed_close",  # step 5: the driver closes the generator; everything ends
    "handoff_in",  # control goes into a generator (next, send, throw)
    "handoff_out",  # a generator yields control back
    "loop_start",  # the event loop's first turn
    "loop_turn",  # a loop turn that runs the program's tasks
    "io_complete",  # an IO completion (or thread-pool result) wakes a task
    "timer",  # a timer fires and wakes a task
    "loop_blocked",  # a blocking call holds the loop's only thread
    "thread_block",  # a thread blocks (lock, condition, join, IO) and another one runs
    "thread_preempt",  # the time slice is over: the OS switches threads
    "thread_switch",  # another switch (a thread starts, exits, or wakes on an idle CPU)
    "exception",  # an exception is raised
    "deadlock",
    "limit",
)


def _listed(names: list[str], most: int = 3) -> str:
    """A list as a title can hold it: "a, b, c" or "a, b, c and 7 more"."""
    if len(names) <= most + 1:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


def _listed_actors(trace: Trace, actors: list[int], most: int = 3) -> str:
    """`_listed` of actors' names, naming only those shown (a turn may run ten thousand tasks)."""
    shown = actors if len(actors) <= most + 1 else actors[:most]
    names = [actor_name(trace, a) for a in shown]
    return _listed(names + [""] * (len(actors) - len(shown)), most)


def _v(text: str | None) -> str:
    s = text if text is not None else "None"
    return s if len(s) <= MAX_VALUE else s[: MAX_VALUE - 1] + "…"


class _Cutter:
    """Collects chapter starts in order; a later start at the same step replaces the earlier one."""

    def __init__(self) -> None:
        self.items: list[Chapter] = []

    def add(
        self, first: int, kind: str, title: str, key: int = -1, question: str = "", answer: str = "", **params: str
    ) -> None:
        items = self.items
        if items and items[-1].first_step >= first:
            if items[-1].first_step > first:
                return  # chapters only move forward
            items.pop()
        items.append(Chapter(len(items), first, kind, title, tuple(params.items()), key, question, answer))




def chapters_of(trace: Trace) -> list[Chapter]:
    """The trace's chapters in order; the first begins at step 0 (empty for an empty trace)."""
    return _cached(trace)[0]


def chapter_at(trace: Trace, step: int) -> Chapter | None:
    """The chapter that step `step` belongs to."""
    chapters, starts = _cached(trace)
    j = bisect_right(starts, step)
    return chapters[j - 1] if j > 0 else None


def chapter_starts(trace: Trace) -> list[int]:
    """Each chapter's first step, in order (for scrubber marks and jumps)."""
    return _cached(trace)[1]


@per_trace
def _cached(trace: Trace) -> tuple[list[Chapter], list[int]]:
    chapters = _derive(trace)
    return chapters, [c.first_step for c in chapters]


def _derive(trace: Trace) -> list[Chapter]:
    if len(trace) == 0:
        return []
    facts = facts_of(trace)
    cut = _Cutter()
    cut.add(0, "start", "The program starts")
    if facts.model is Model.SEED:
        _seed(trace, cut)
    elif facts.model is Model.ASYNCIO:
        _asyncio(trace, facts, cut)
    elif facts.model is Model.THREADS:
        _threads(trace, cut)
    elif facts.model is Model.GENERATORS:
        _handoffs(trace, cut)
    _errors(trace, facts, cut)
    return cut.items


def _merge_sorted(cut: _Cutter, extra: list[Chapter]) -> None:
    if not extra:
        return
    merged: dict[int, Chapter] = {c.first_step: c for c in cut.items}
    for c in extra:
        merged[c.first_step] = c  # an error outranks the ordinary chapter starting at the same step
    cut.items = []
    for first in sorted(merged):
        c = merged[first]
        cut.items.append(Chapter(len(cut.items), first, c.kind, c.title, c.params, c.key_step, c.question, c.answer))


# ---- the seed's five steps ---------------------------------------------------------------------------------


def _seed(trace: Trace, cut: _Cutter) -> None:
    actors, kinds = trace.actors, trace.kind
    call, resume, yield_ = int(EventKind.CALL), int(EventKind.RESUME), int(EventKind.YIELD)
    n = len(trace)
    started: set[int] = set()
    # only the generators driven with send() tell the seed's story; a generator merely iterated does not
    driven = {trace.actor[i] for i in range(n) if kinds[i] == resume and trace.arg[i] == ResumeHow.SEND}
    for i in range(n):
        k = kinds[i]
        if k != call and k != resume and k != yield_:
            continue
        gen = trace.actor[i]
        if gen not in driven or actors[gen].kind is not ActorKind.GENERATOR:
            continue
        who = actor_name(trace, gen)
        if k == call:
            by = _driver(trace, i)
            started.add(gen)
            cut.add(i, "seed_start", f"Step 1: {by} starts the generator {who}", i, "side_runs", who, by=by, gen=who)
        elif k == resume:
            how = trace.arg[i]
            by = _driver(trace, i)
            if how == ResumeHow.CLOSE:
                cut.add(i, "seed_close", f"Step 5: {by} closes {who}; the whole process ends", i, by=by, gen=who)
            elif how in (ResumeHow.SEND, ResumeHow.NEXT):
                value = _v(text_of(trace, i)) if how == ResumeHow.SEND else "None"
                cut.add(
                    i,
                    "seed_send",
                    f"Step 2: send({value}) switches to {who}",
                    i,
                    "value_sent",
                    value,
                    by=by,
                    gen=who,
                    value=value,
                )
                if i + 1 < n and trace.actor[i + 1] == gen:
                    reply = _next_yield(trace, i + 1, gen)
                    key = reply if reply is not None else -1
                    result = _v(text_of(trace, reply)) if reply is not None else ""
                    cut.add(
                        i + 1,
                        "seed_receive",
                        f"Step 3: {who} takes {value} and yields {result} back",
                        key,
                        "value_yielded" if reply is not None else "",
                        result,
                        gen=who,
                        value=value,
                        result=result,
                    )
        elif gen in started and not _is_startup(trace, i, gen) and i + 1 < n:
            by = _driver(trace, i)
            result = _v(text_of(trace, i))
            cut.add(
                i + 1,
                "seed_result",
                f"Step 4: {by} has the result {result} and goes on",
                i + 1,
                "side_runs",
                by,
                by=by,
                gen=who,
                result=result,
            )


def _driver(trace: Trace, index: int) -> str:
    other = other_side(trace, index)
    return actor_name(trace, other) if other >= 0 else "?"


def _next_yield(trace: Trace, start: int, gen: int) -> int | None:
    """The generator's next YIELD from `start` (before it is resumed again or ends)."""
    y = int(EventKind.YIELD)
    for j in range(start, min(len(trace), start + 100_000)):
        if trace.actor[j] == gen:
            k = trace.kind[j]
            if k == y:
                return j
            if k in (EventKind.RETURN, EventKind.UNWIND):
                return None
    return None


def _is_startup(trace: Trace, index: int, gen: int) -> bool:
    """Whether YIELD `index` is the generator's first: the end of its start-up (step 1)."""
    for j in range(index - 1, -1, -1):
        if trace.actor[j] == gen and trace.kind[j] in (EventKind.CALL, EventKind.RESUME):
            return trace.kind[j] == EventKind.CALL
    return False


# ---- other generators: each hand-off -----------------------------------------------------------------------


def _handoffs(trace: Trace, cut: _Cutter) -> None:
    actors, kinds = trace.actors, trace.kind
    call, resume, yield_ = int(EventKind.CALL), int(EventKind.RESUME), int(EventKind.YIELD)
    for i, k in enumerate(kinds):
        if k != call and k != resume and k != yield_:
            continue
        gen = trace.actor[i]
        if actors[gen].kind not in GENERATOR_KINDS:
            continue
        if k == resume and trace.arg[i] == ResumeHow.DELEGATED:
            continue  # the outer frame's resume already told it
        who = actor_name(trace, gen)
        by = _driver(trace, i)
        if k == yield_:
            value = _v(text_of(trace, i))
            cut.add(
                i,
                "handoff_out",
                f"{who} yields {value} back to {by}",
                i,
                "value_yielded",
                value,
                by=by,
                gen=who,
                value=value,
            )
        else:
            value = _v(text_of(trace, i)) if k == resume and trace.arg[i] == ResumeHow.SEND else "None"
            cut.add(i, "handoff_in", f"{by} hands control to {who}", i, "side_runs", who, by=by, gen=who, value=value)


# ---- asyncio: loop turns, completions, timers ----------------------------------------------------------------


def _asyncio(trace: Trace, facts: Facts, cut: _Cutter) -> None:
    kinds = trace.kind
    tick = int(EventKind.LOOP_TICK)
    io_done, exec_done, fire = int(EventKind.IO_COMPLETE), int(EventKind.EXECUTOR_DONE), int(EventKind.TIMER_FIRE)
    blocked = int(EventKind.LOOP_BLOCKED)
    user = facts.user_tasks
    n = len(trace)
    ran: set[int] = set()  # the program's tasks the current chapter has run (or woken) so far
    first_turn = True
    i = 0
    while i < n:
        k = kinds[i]
        if k in (io_done, exec_done, fire):
            start = i
            woken: dict[int, None] = {}  # ordered, O(1) to test: ten thousand completions may arrive together
            whats: list[str] = []
            kinds_seen: set[int] = set()
            while i < n and kinds[i] in (io_done, exec_done, fire, tick):
                if kinds[i] != tick:
                    kinds_seen.add(kinds[i])
                    task = facts.timer_owner.get(trace.arg[i], -1) if kinds[i] == fire else trace.actor[i]
                    if task in facts.task_label:
                        woken[task] = None
                    what = text_of(trace, i)
                    if what and kinds[i] != fire:
                        whats.append(what)
                i += 1
            who = _listed_actors(trace, list(woken)) or "the loop"
            if kinds_seen == {fire}:
                cut.add(start, "timer", f"A timer fires: it wakes {who}", start, "task_runs", who, task=who)
            else:
                what = _listed(whats) or "?"
                cut.add(
                    start,
                    "io_complete",
                    f"IO complete: {what} wakes {who}",
                    start,
                    "first_completion",
                    what,
                    what=what,
                    task=who,
                )
            ran = set(woken)
            first_turn = False
            continue
        if k == tick:
            tasks = _turn_tasks(trace, i, user)
            if tasks:
                names = _listed_actors(trace, tasks)
                first = actor_name(trace, tasks[0])
                if first_turn:
                    cut.add(
                        i, "loop_start", f"The event loop starts: it runs {names}", i, "task_runs", first, tasks=names
                    )
                    ran = set(tasks)
                elif not ran.issuperset(tasks):  # other tasks take over: the story moves on
                    cut.add(i, "loop_turn", f"The loop turns: it runs {names}", i, "task_runs", first, tasks=names)
                    ran = set(tasks)
                first_turn = False
        elif k == blocked:
            who = actor_name(trace, trace.actor[i])
            what = text_of(trace, i) or "?"
            cut.add(i, "loop_blocked", f"{who} blocks the loop: {what}", i, task=who, what=what)
            ran = {trace.actor[i]}
        i += 1


def _turn_tasks(trace: Trace, tick_index: int, user: frozenset[int]) -> list[int]:
    """The program's tasks that loop turn `tick_index` runs, in order."""
    kinds = trace.kind
    tick, step = int(EventKind.LOOP_TICK), int(EventKind.TASK_STEP)
    found: dict[int, None] = {}  # ordered and O(1) to test: a turn can run ten thousand tasks
    actors = trace.actor
    for j in range(tick_index + 1, len(trace)):
        k = kinds[j]
        if k == tick:
            break
        if k == step:
            a = actors[j]
            if a in user:
                found[a] = None
    return list(found)


# ---- threads: switches, with who blocks on what ---------------------------------------------------------------


def _threads(trace: Trace, cut: _Cutter) -> None:
    kinds = trace.kind
    switch, state = int(EventKind.CONTEXT_SWITCH), int(EventKind.THREAD_STATE)
    waiting = (int(ThreadState.WAITING_LOCK), int(ThreadState.BLOCKED_IO))
    for i, k in enumerate(kinds):
        if k != switch:
            continue
        incoming, outgoing = trace.actor[i], trace.arg[i]
        reason = str((trace.data.get(i) or {}).get("reason", ""))
        to = actor_name(trace, incoming) if incoming >= 0 else ""
        frm = actor_name(trace, outgoing) if outgoing >= 0 else ""
        if reason == "blocked" and outgoing >= 0:
            # begin where the outgoing thread starts to wait: its lock_wait, or its state change
            start = i
            for j in range(i - 1, max(-1, i - 6), -1):
                if trace.actor[j] == outgoing and (
                    kinds[j] == EventKind.LOCK_WAIT or (kinds[j] == state and trace.arg[j] in waiting)
                ):
                    start = j
                elif kinds[j] not in (EventKind.LOCK_RELEASE, EventKind.LOCK_WAIT, state):
                    break
            on = _waits_on(trace, start, outgoing)
            if to:
                cut.add(
                    start,
                    "thread_block",
                    f"{frm} waits for {on}; {to} runs",
                    i,
                    "thread_runs",
                    to,
                    thread=frm,
                    on=on,
                    next=to,
                )
            else:
                cut.add(
                    start, "thread_block", f"{frm} waits for {on}; no thread is ready", i, thread=frm, on=on, next=""
                )
        elif reason == "preempted":
            cut.add(
                i, "thread_preempt", f"{frm}'s time slice is over; {to} runs", i, "thread_runs", to, thread=frm, next=to
            )
        elif reason == "exited" and outgoing >= 0:
            cut.add(
                i,
                "thread_switch",
                f"{frm} has finished; {to} runs",
                i,
                "thread_runs",
                to,
                thread=frm,
                next=to,
                why="exited",
            )
        elif incoming >= 0:
            cut.add(i, "thread_switch", f"{to} runs", i, "thread_runs", to, thread=frm, next=to, why=reason)


def _waits_on(trace: Trace, start: int, thread: int) -> str:
    """What a thread starting to wait at `start` waits for: a lock or condition by name, a join, IO."""
    if trace.kind[start] == EventKind.LOCK_WAIT:
        lock = trace.arg[start]
        return trace.actors[lock].name if 0 <= lock < len(trace.actors) else "a lock"
    if trace.kind[start] == EventKind.THREAD_STATE and trace.arg[start] == ThreadState.BLOCKED_IO:
        return "IO (or time.sleep)"
    waker = waker_of(trace, start, thread)
    return f"{actor_name(trace, waker)} to finish" if waker >= 0 else "another thread to finish"


def waker_of(trace: Trace, start: int, thread: int) -> int:
    """The thread that next makes `thread` ready after `start` (who wakes whom), or -1."""
    state, ready = int(EventKind.THREAD_STATE), int(ThreadState.READY)
    for j in range(start + 1, len(trace)):
        if trace.kind[j] == EventKind.DEADLOCK:
            return -1  # nobody: what follows is the run being taken down
        if trace.kind[j] == state and trace.actor[j] == thread:
            if trace.arg[j] == ready:
                waker = (trace.data.get(j) or {}).get("waker", -1)
                return int(waker) if isinstance(waker, int) else -1
            if trace.arg[j] != int(ThreadState.WAITING_LOCK):
                return -1
    return -1


# ---- errors, deadlocks, limits: always a chapter -------------------------------------------------------------

# ends of iteration and closes are the story's own steps; the run's limits (a deadlock stops the run) are told once
_QUIET = ("GeneratorExit", "StopIteration", "StopAsyncIteration", "LimitReached", "LoopLimitReached")


def _propagated(trace: Trace, index: int, text: str) -> bool:
    """Whether EXCEPTION `index` is one raised further in, passing out through a caller (not a new one)."""
    for j in range(index - 1, max(-1, index - 4), -1):
        if trace.kind[j] == EventKind.UNWIND and text_of(trace, j) == text:
            return True
    return False


def _errors(trace: Trace, facts: Facts, cut: _Cutter) -> None:
    kinds = trace.kind.tobytes()
    extra: list[Chapter] = []
    for k, kind in (
        (int(EventKind.EXCEPTION), "exception"),
        (int(EventKind.DEADLOCK), "deadlock"),
        (int(EventKind.LIMIT), "limit"),
    ):
        start = 0
        mark = bytes([k])
        while (i := kinds.find(mark, start)) >= 0:
            start = i + 1
            text = text_of(trace, i) or ""
            if kind == "exception":
                actor = trace.actor[i]
                if (
                    text.startswith(_QUIET)
                    or not 0 <= actor < len(trace.actors)
                    or trace.actors[actor].file not in facts.user_files
                    or _propagated(trace, i, text)
                ):
                    continue
                who = actor_name(trace, trace.actor[i])
                extra.append(Chapter(0, i, kind, f"{who} raises {_v(text)}", (("who", who), ("error", _v(text))), i))
            elif kind == "deadlock":
                extra.append(Chapter(0, i, kind, "Deadlock: no thread can go on", (("message", text),), i))
            elif not (extra and extra[-1].kind == "deadlock" and i - extra[-1].first_step <= 2):
                extra.append(Chapter(0, i, kind, "Stopped by a limit", (("message", text),), i))
    _merge_sorted(cut, extra)
