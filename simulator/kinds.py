"""The trace vocabulary: every kind of event and actor, as small integer enums.

This module owns the names. Engines emit these kinds, views read them; nobody
compares kinds as strings. The JSON schema (docs/trace-format.md) spells each
kind by its lower-case name.
"""

from __future__ import annotations

from enum import IntEnum


class EventKind(IntEnum):
    """What happened. Grouped by the engine that emits it."""

    # tracer: real Python code running
    CALL = 1  # a frame starts (function call, or a generator's first run)
    LINE = 2  # a line is about to run
    RETURN = 3  # a frame ends normally; text = repr of the value
    EXCEPTION = 4  # an exception is raised in user code; text = "Type: message"
    YIELD = 5  # a generator/coroutine suspends; text = repr of the yielded value
    RESUME = 6  # a suspended frame runs again; text = value sent in; arg = ResumeHow
    STDOUT = 7  # text written to stdout; text = start, arg = end offset in Trace.console
    STDERR = 8  # same for stderr
    GEN_CREATE = 9  # a generator/coroutine object is created (not yet started)
    UNWIND = 10  # a frame ends by an exception (also a generator closed while suspended)
    DELEGATE = 11  # `yield from` / `await` hands control to an inner frame; arg = inner actor
    NOTE = 12  # something the user should know (stdin read, thread started, repr failed)
    LIMIT = 13  # a limit stopped the program; text = message
    EXIT = 14  # the program ended; arg = exit status

    # virtual loop: asyncio on a virtual clock
    LOOP_TICK = 20  # one turn of the event loop (_run_once); data = ready queue, timers
    TASK_CREATE = 21
    TASK_STEP = 22  # a task runs one step (until its next await); actor = task
    TASK_DONE = 23
    TIMER_SET = 24
    TIMER_FIRE = 25
    IO_REQUEST = 26  # an IO request leaves; arg = request id; data = what, due
    IO_COMPLETE = 27  # its completion message comes back; arg = request id
    LOOP_BLOCKED = 28  # a blocking call held the loop; data = duration
    CALLBACK = 29  # a plain callback handle ran
    EXECUTOR_SUBMIT = 30
    EXECUTOR_DONE = 31
    TIMER_CANCEL = 32  # a timer was cancelled before it fired; arg = timer id

    # threads: simulated OS threads
    THREAD_CREATE = 40
    THREAD_STATE = 41  # actor = thread; arg = ThreadState; data = {"cpu": k}
    CONTEXT_SWITCH = 42  # actor = thread switched in; arg = thread switched out; data = reason, cost
    LOCK_WAIT = 43
    LOCK_ACQUIRE = 44
    LOCK_RELEASE = 45
    DEADLOCK = 46  # data = the wait-for cycle
    THREAD_EXIT = 47


class ActorKind(IntEnum):
    """Who an event happens to. One actor keeps its id for its whole life."""

    FRAME = 1  # an ordinary function call
    GENERATOR = 2
    COROUTINE = 3
    MODULE = 4  # the program's top level
    TASK = 10
    LOOP = 11
    IO = 12  # an IO channel or host
    THREAD = 20
    CPU = 21
    LOCK = 22


class ResumeHow(IntEnum):
    """How a suspended frame was resumed (the RESUME event's arg)."""

    NEXT = 0  # next() or a for loop: the yield gives None
    SEND = 1  # gen.send(value)
    THROW = 2  # gen.throw(exc)
    CLOSE = 3  # gen.close(): GeneratorExit thrown in
    DELEGATED = 4  # resumed by an outer frame's `yield from` / `await`


class ThreadState(IntEnum):
    """A simulated thread's state (THREAD_STATE's arg)."""

    NEW = 0
    RUNNING = 1
    READY = 2
    BLOCKED_IO = 3
    WAITING_LOCK = 4
    EXITED = 5


FRAME_KINDS = frozenset({ActorKind.FRAME, ActorKind.GENERATOR, ActorKind.COROUTINE, ActorKind.MODULE})
OUTPUT_KINDS = frozenset({EventKind.STDOUT, EventKind.STDERR})


def kind_name(kind: int) -> str:
    """The lower-case JSON name of an event kind."""
    return EventKind(kind).name.lower()
