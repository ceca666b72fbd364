"""Captions: one or two sentences for every kind of event, saying what happened and why.

Owns the learner-facing wording (English source strings, translated through Qt).
Stepping the seed's producer/consumer reads like the seed's five numbered steps:
start the generator, switch into consumer with send, yield takes the message and
passes the result back, produce takes the result and goes on, close ends consumer.
Never paints; the caption pane draws what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from simulator.kinds import ActorKind, EventKind, ResumeHow, ThreadState
from ui.navigation import StepUnit
from ui.render.handoff_pane import party_name
from ui.scene import SceneCache, driver_of, handoff_at, short_name

translate = QCoreApplication.translate
MAX_VALUE = 40


@dataclass(frozen=True)
class Caption:
    """A short title and a sentence or two of explanation."""

    title: str
    body: str


def _v(text: str | None) -> str:
    """A value as it reads in a sentence (long reprs shortened)."""
    s = text if text is not None else "None"
    return s if len(s) <= MAX_VALUE else s[: MAX_VALUE - 1] + "…"


def caption_for(cache: SceneCache, index: int) -> Caption:
    """The caption of event `index` of the cache's trace."""
    trace = cache.trace
    if len(trace) == 0:
        return Caption(translate("Caption", "Nothing to show"), translate("Caption", "The program recorded no events."))
    ev = trace.event(index)
    kind = ev.kind
    actor = trace.actors[ev.actor] if 0 <= ev.actor < len(trace.actors) else None
    who = short_name(actor.name) if actor else "?"
    line = ev.line
    k = EventKind

    if kind is k.GEN_CREATE:
        what = (
            translate("Caption", "coroutine")
            if actor and actor.kind is ActorKind.COROUTINE
            else translate("Caption", "generator")
        )
        return Caption(
            translate("Caption", "{who}() creates a {what}").format(who=who, what=what),
            translate(
                "Caption",
                "Calling {who}() runs none of its code yet: Python only makes a {what} object, "
                "paused before its first line. It starts when someone sends to it.",
            ).format(who=who, what=what),
        )
    if kind is k.CALL:
        if actor and actor.kind is ActorKind.MODULE:
            return Caption(
                translate("Caption", "The program starts"),
                translate("Caption", "Python runs the program's top level, one line after another."),
            )
        caller = driver_of(cache.snapshot(index).stack, kind)
        by = short_name(caller.name) if caller else "?"
        if actor and actor.kind in (ActorKind.GENERATOR, ActorKind.COROUTINE):
            by = party_name(handoff_at(cache, index).driver)  # as the hand-off pane names it: a task's is the loop
            return Caption(
                translate("Caption", "Step 1: {by} starts the generator {who}").format(by=by, who=who),
                translate(
                    "Caption",
                    "Sending None (c.send(None) or next(c)) starts {who}: its code runs for the first "
                    "time, up to its first yield. {by} waits meanwhile.",
                ).format(by=by, who=who),
            )
        return Caption(
            translate("Caption", "{by} calls {who}()").format(by=by, who=who),
            translate("Caption", "A plain call: {by} waits until {who} returns.").format(by=by, who=who),
        )
    if kind is k.RESUME:
        by = party_name(handoff_at(cache, index).driver)  # as the hand-off pane names it
        how = ev.arg
        if how == ResumeHow.SEND:
            return Caption(
                translate("Caption", "Step 2: send({value}) switches to {who}").format(value=_v(ev.text), who=who),
                translate(
                    "Caption",
                    "{by} sends {value} into {who} and waits. {who} carries on exactly where it was "
                    "paused: its yield now gives {value}. No thread switch, just a jump.",
                ).format(by=by, value=_v(ev.text), who=who),
            )
        if how == ResumeHow.NEXT:
            return Caption(
                translate("Caption", "next() resumes {who}").format(who=who),
                translate("Caption", "{by} asks {who} for its next value; the paused yield gives None.").format(
                    by=by, who=who
                ),
            )
        if how == ResumeHow.CLOSE:
            return Caption(
                translate("Caption", "Step 5: {by} closes {who}").format(by=by, who=who),
                translate(
                    "Caption",
                    "{by} decides to stop and calls close(): GeneratorExit is raised inside {who} at "
                    "its paused yield, so it can clean up and end.",
                ).format(by=by, who=who),
            )
        if how == ResumeHow.THROW:
            return Caption(
                translate("Caption", "{by} throws into {who}").format(by=by, who=who),
                translate("Caption", "{value} is raised inside {who} at its paused yield.").format(
                    value=_v(ev.text), who=who
                ),
            )
        return Caption(
            translate("Caption", "{who} resumes").format(who=who),
            translate("Caption", "The outer frame's yield from / await passes control back down into {who}.").format(
                who=who
            ),
        )
    if kind is k.YIELD:
        if _is_startup_yield(cache, index):
            return Caption(
                translate("Caption", "Step 1: {who} is started and waits at yield").format(who=who),
                translate(
                    "Caption",
                    "{who} ran up to its first yield, handed {value} back and paused at line {line}. "
                    "Now it is ready to receive messages.",
                ).format(who=who, value=_v(ev.text), line=line),
            )
        return Caption(
            translate("Caption", "Step 3: {who} yields {value} back").format(who=who, value=_v(ev.text)),
            translate(
                "Caption",
                "{who} pauses at line {line} and hands {value} back to whoever sent to it. Its local "
                "variables stay alive while it waits for the next message.",
            ).format(who=who, line=line, value=_v(ev.text)),
        )
    if kind is k.LINE:
        return _line_caption(cache, index, who, line)
    if kind is k.RETURN:
        if actor and actor.kind in (ActorKind.GENERATOR, ActorKind.COROUTINE):
            return Caption(
                translate("Caption", "{who} returns: it is finished").format(who=who),
                translate("Caption", "Returning ends the {who}; whoever sent to it gets StopIteration.").format(
                    who=who
                ),
            )
        return Caption(
            translate("Caption", "{who} returns {value}").format(who=who, value=_v(ev.text)),
            translate("Caption", "{who} is done; its caller continues with the returned value.").format(who=who),
        )
    if kind is k.EXCEPTION:
        if ev.text and ev.text.startswith("GeneratorExit"):
            return Caption(
                translate("Caption", "GeneratorExit arrives in {who}").format(who=who),
                translate(
                    "Caption",
                    "close() raised GeneratorExit at the yield where {who} was paused (line {line}). "
                    "{who} does not catch it, so it will end.",
                ).format(who=who, line=line),
            )
        return Caption(
            translate("Caption", "{who} raises an exception").format(who=who),
            translate(
                "Caption",
                "Line {line} raised {value}. Python looks for a matching except, leaving frames until one handles it.",
            ).format(line=line, value=_v(ev.text)),
        )
    if kind is k.UNWIND:
        if ev.text and "GeneratorExit" in ev.text:
            return Caption(
                translate("Caption", "{who} is closed; the whole process ends").format(who=who),
                translate(
                    "Caption",
                    "GeneratorExit ended {who}. Everything ran in one thread, with no lock: the two "
                    "functions took turns, which is why they are called coroutines.",
                ).format(who=who),
            )
        return Caption(
            translate("Caption", "{who} ends with an exception").format(who=who),
            translate("Caption", "{value} was not handled in {who}, so it passes on to the caller.").format(
                value=_v(ev.text), who=who
            ),
        )
    if kind in (k.STDOUT, k.STDERR):
        text = (ev.text or "").strip()
        stream = translate("Caption", "the console") if kind is k.STDOUT else translate("Caption", "the error stream")
        return Caption(
            translate("Caption", "{who} prints").format(who=who),
            translate("Caption", "Output to {stream}: {text}").format(stream=stream, text=_v(text)),
        )
    if kind is k.DELEGATE:
        inner = trace.actors[ev.arg].name if 0 <= ev.arg < len(trace.actors) else "?"
        return Caption(
            translate("Caption", "{who} hands over to {inner}").format(who=who, inner=short_name(inner)),
            translate(
                "Caption",
                "yield from / await passes control into {inner}; what it yields goes straight out past {who}.",
            ).format(who=who, inner=short_name(inner)),
        )
    if kind is k.NOTE:
        return Caption(translate("Caption", "Note"), ev.text or "")
    if kind is k.LIMIT:
        return Caption(
            translate("Caption", "Stopped by a limit"),
            translate("Caption", "{message} Everything up to here can still be stepped through.").format(
                message=ev.text or ""
            ),
        )
    if kind is k.EXIT:
        return Caption(
            translate("Caption", "The program ends"),
            translate("Caption", "Exit status {status}.").format(status=ev.arg if ev.arg >= 0 else 0),
        )
    return _loop_or_thread_caption(cache, index, who)


def _line_caption(cache: SceneCache, index: int, who: str, line: int) -> Caption:
    trace = cache.trace
    source = _source_line(cache, index).strip()
    previous = trace.event(index - 1) if index > 0 else None
    if previous is not None and previous.kind is EventKind.YIELD and previous.actor != trace.actor[index]:
        gen = short_name(trace.actors[previous.actor].name)
        if _is_startup_yield(cache, index - 1):
            return Caption(
                translate("Caption", "{who} goes on; {gen} is ready").format(who=who, gen=gen),
                translate(
                    "Caption", "The start-up send returned {value}. {who} carries on, line {line}: {source}"
                ).format(value=_v(previous.text), who=who, line=line, source=source),
            )
        return Caption(
            translate("Caption", "Step 4: {who} has the result and goes on").format(who=who),
            translate(
                "Caption",
                "send() returned {value}, the result {gen} yielded. {who} goes on with its own work, "
                "here line {line}: {source}",
            ).format(value=_v(previous.text), gen=gen, who=who, line=line, source=source),
        )
    if (
        previous is not None
        and previous.kind is EventKind.RESUME
        and previous.actor == trace.actor[index]
        and previous.arg == ResumeHow.SEND
    ):
        return Caption(
            translate("Caption", "Step 3: {who} got the message {value}").format(who=who, value=_v(previous.text)),
            translate("Caption", "The yield gave {value}; {who} processes it, line {line}: {source}").format(
                value=_v(previous.text), who=who, line=line, source=source
            ),
        )
    return Caption(
        translate("Caption", "{who}, line {line}").format(who=who, line=line),
        translate("Caption", "Runs: {source}").format(source=source) if source else "",
    )


def _is_startup_yield(cache: SceneCache, index: int) -> bool:
    """Whether YIELD `index` is a generator's first, right after its start (part of step 1)."""
    trace = cache.trace
    previous = cache.navigation.previous_index(StepUnit.HANDOFF, index)
    return (
        previous is not None and trace.kind[previous] == EventKind.CALL and trace.actor[previous] == trace.actor[index]
    )


def _source_line(cache: SceneCache, index: int) -> str:
    trace = cache.trace
    actor = trace.actors[trace.actor[index]]
    source = trace.sources.get(actor.file) or next(iter(trace.sources.values()), "")
    lines = source.splitlines()
    n = trace.line[index]
    return lines[n - 1] if 0 < n <= len(lines) else ""


_THREAD_STATES: dict[int, object] = {
    ThreadState.NEW: QT_TRANSLATE_NOOP("ThreadState", "new"),
    ThreadState.RUNNING: QT_TRANSLATE_NOOP("ThreadState", "running"),
    ThreadState.READY: QT_TRANSLATE_NOOP("ThreadState", "ready"),
    ThreadState.BLOCKED_IO: QT_TRANSLATE_NOOP("ThreadState", "blocked on IO"),
    ThreadState.WAITING_LOCK: QT_TRANSLATE_NOOP("ThreadState", "waiting for a lock"),
    ThreadState.EXITED: QT_TRANSLATE_NOOP("ThreadState", "finished"),
}


def _loop_or_thread_caption(cache: SceneCache, index: int, who: str) -> Caption:
    trace = cache.trace
    ev = trace.event(index)
    k = EventKind
    what = _v(ev.text or (ev.data or {}).get("what") or "")
    if ev.kind is k.LOOP_TICK:
        return Caption(
            translate("Caption", "The message loop turns"),
            translate(
                "Caption",
                "The loop takes every message in the ready queue and runs its handler once; then it "
                "waits for the next timer or IO completion.",
            ),
        )
    if ev.kind is k.TASK_CREATE:
        return Caption(
            translate("Caption", "Task {who} created").format(who=who),
            translate("Caption", "create_task wraps the coroutine in a Task and queues its first step."),
        )
    if ev.kind is k.TASK_STEP:
        return Caption(
            translate("Caption", "The loop runs {who}").format(who=who),
            translate("Caption", "{who} runs until its next await, then control returns to the loop.").format(who=who),
        )
    if ev.kind is k.TASK_DONE:
        return Caption(
            translate("Caption", "{who} is done").format(who=who),
            translate("Caption", "The task finished; anything awaiting it can go on."),
        )
    if ev.kind is k.TIMER_SET:
        return Caption(
            translate("Caption", "A timer is set"),
            translate(
                "Caption",
                "{what}: the loop will wake the task when the time comes and handles other messages meanwhile.",
            ).format(what=what),
        )
    if ev.kind is k.TIMER_FIRE:
        return Caption(
            translate("Caption", "A timer fires"),
            translate("Caption", "{what}: its wake-up goes into the ready queue.").format(what=what),
        )
    if ev.kind is k.IO_REQUEST:
        return Caption(
            translate("Caption", "IO request sent: {what}").format(what=what),
            translate(
                "Caption",
                "The code only sends the request and does not wait for the result: this handler "
                "ends and the loop goes on with other messages.",
            ),
        )
    if ev.kind is k.IO_COMPLETE:
        return Caption(
            translate("Caption", "IO complete: {what}").format(what=what),
            translate(
                "Caption",
                'An "IO complete" message comes back into the queue; handling it, the waiting task '
                "gets the result directly.",
            ),
        )
    if ev.kind is k.LOOP_BLOCKED:
        return Caption(
            translate("Caption", "The loop is blocked"),
            translate(
                "Caption",
                "A blocking call holds the only thread: no other message is handled until it "
                "returns. This is the mistake asynchronous code must avoid.",
            ),
        )
    if ev.kind is k.CALLBACK:
        return Caption(
            translate("Caption", "A callback runs"),
            translate("Caption", "The loop runs a plain callback from the ready queue: {what}").format(what=what),
        )
    if ev.kind is k.EXECUTOR_SUBMIT:
        return Caption(
            translate("Caption", "Work sent to a thread pool"),
            translate("Caption", "The blocking work runs on another thread; the loop stays free."),
        )
    if ev.kind is k.EXECUTOR_DONE:
        return Caption(
            translate("Caption", "Thread-pool work done"),
            translate("Caption", "Its result comes back to the loop as a message."),
        )
    if ev.kind is k.THREAD_CREATE:
        return Caption(
            translate("Caption", "Thread {who} created").format(who=who),
            translate("Caption", "The OS sets up a stack and scheduling state for a new thread."),
        )
    if ev.kind is k.THREAD_STATE:
        state = str(_THREAD_STATES.get(ev.arg, "?"))
        return Caption(
            translate("Caption", "{who} is {state}").format(who=who, state=translate("ThreadState", state)),
            translate("Caption", "The scheduler changed the thread's state."),
        )
    if ev.kind is k.CONTEXT_SWITCH:
        return Caption(
            translate("Caption", "Context switch to {who}").format(who=who),
            translate(
                "Caption",
                "The OS saves one thread's registers and loads another's. Time spent switching is "
                "time no work gets done; more threads, more switching.",
            ),
        )
    if ev.kind is k.LOCK_WAIT:
        return Caption(
            translate("Caption", "{who} waits for a lock").format(who=who),
            translate("Caption", "Another thread holds it; {who} sleeps until it is released.").format(who=who),
        )
    if ev.kind is k.LOCK_ACQUIRE:
        return Caption(
            translate("Caption", "{who} takes a lock").format(who=who),
            translate("Caption", "Only the holder may touch the shared data now."),
        )
    if ev.kind is k.LOCK_RELEASE:
        return Caption(
            translate("Caption", "{who} releases a lock").format(who=who),
            translate("Caption", "A thread waiting for it can be woken."),
        )
    if ev.kind is k.DEADLOCK:
        return Caption(
            translate("Caption", "Deadlock"),
            translate("Caption", "Each thread waits for a lock another one holds: none can ever go on."),
        )
    if ev.kind is k.THREAD_EXIT:
        return Caption(
            translate("Caption", "{who} exits").format(who=who),
            translate("Caption", "The thread's work is done and its stack is freed."),
        )
    return Caption(ev.kind.name.lower(), ev.text or "")
