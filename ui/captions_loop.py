"""Captions for asyncio: what the event loop did and why, in the program's own terms.

Owns the wording for loop events (turns, tasks, timers, IO requests and completions,
library callbacks) and for a task's coroutine being started, woken and suspended by
the loop: a task awaits IO and gives control back; a completion wakes task X; a full
queue makes the producer wait. asyncio's own callbacks are grouped as "asyncio's
bookkeeping" and said in plain words, with the library's name as the detail.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from simulator.chapters_facts import (
    actor_name,
    data_of,
    facts_of,
    previous_step_of,
    short,
    task_running_at,
    text_of,
)
from simulator.kinds import ActorKind, EventKind, ResumeHow
from simulator.trace import Trace
from ui.caption_types import Caption, value_text
from ui.scene import SceneCache

translate = QCoreApplication.translate
SCAN = 4096  # how far back a caption looks for why a task waits or woke (bounded: captions must stay cheap)


def _source(cache: SceneCache, index: int) -> str:
    trace = cache.trace
    actor = trace.actors[trace.actor[index]]
    source = trace.sources.get(actor.file, "")
    lines = source.splitlines()
    n = trace.line[index]
    return lines[n - 1].strip() if 0 < n <= len(lines) else ""


def coroutine_caption(cache: SceneCache, index: int) -> Caption | None:
    """A task's coroutine started, woken or suspended by the loop; None when no task runs it."""
    trace = cache.trace
    if trace.actors[trace.actor[index]].kind is not ActorKind.COROUTINE:
        return None  # a plain generator inside a task (a generator expression) is iterated, not awaited
    task = task_running_at(trace, index)
    if task < 0:
        return None
    facts = facts_of(trace)
    actor = trace.actor[index]
    who = short(trace.actors[actor].name)
    tname = actor_name(trace, task)
    kind = trace.kind[index]
    outer = facts.task_coroutine.get(task) == actor
    if kind == EventKind.CALL:
        if outer:
            return Caption(
                translate("Caption", "{task} starts: the loop runs {who} for the first time").format(
                    task=tname, who=who
                ),
                translate(
                    "Caption",
                    "The event loop steps {task} by sending None into its coroutine {who}: {who} runs up to its "
                    "first await, then control comes back to the loop.",
                ).format(task=tname, who=who),
            )
        return Caption(
            translate("Caption", "await runs {who} inside {task}").format(who=who, task=tname),
            translate(
                "Caption", "{who} runs as part of {task}: if it has to wait, the whole task waits with it."
            ).format(who=who, task=tname),
        )
    if kind == EventKind.RETURN:
        value = value_text(text_of(trace, index))
        if outer:
            return Caption(
                translate("Caption", "{who} returns {value}: {task} is done").format(who=who, value=value, task=tname),
                translate(
                    "Caption", "The return value becomes the result of {task}; whoever awaits {task} gets it."
                ).format(task=tname),
            )
        return Caption(
            translate("Caption", "{who} returns {value}").format(who=who, value=value),
            translate("Caption", "The await that called {who} gets {value}; {task} goes on.").format(
                who=who, value=value, task=tname
            ),
        )
    if kind == EventKind.RESUME:
        if trace.arg[index] == ResumeHow.DELEGATED:
            return Caption(
                translate("Caption", "{who} resumes inside {task}").format(who=who, task=tname),
                translate("Caption", "The await chain passes control back down to {who}, where the wait began.").format(
                    who=who
                ),
            )
        return Caption(
            translate("Caption", "{task} wakes: {who} goes on at line {line}").format(
                task=tname, who=who, line=trace.line[index]
            ),
            translate(
                "Caption", "{reason} The loop sends {value} into {who}, which carries on after its await."
            ).format(reason=wake_reason(cache, index, task), value=value_text(text_of(trace, index)), who=who),
        )
    # a yield: the coroutine gives control back to the loop
    inner = trace.arg[index]
    if inner >= 0 and inner != actor:
        return Caption(
            translate("Caption", "{who} waits with {inner}").format(who=who, inner=short(trace.actors[inner].name)),
            translate(
                "Caption", "{who} awaits {inner}, so the wait passes on up to {task} and back to the loop."
            ).format(who=who, inner=short(trace.actors[inner].name), task=tname),
        )
    if (text_of(trace, index) or "None") == "None":
        return Caption(
            translate("Caption", "{who} lets the others run").format(who=who),
            translate(
                "Caption",
                "{task} yields to the loop without waiting for anything (asyncio.sleep(0)): the tasks already "
                "ready run first, then {task} again.",
            ).format(task=tname),
        )
    return Caption(
        translate("Caption", "{who} awaits: {task} gives control back to the loop").format(who=who, task=tname),
        await_reason(cache, index, task),
    )


def await_reason(cache: SceneCache, index: int, task: int) -> str:
    """Why the task suspends at YIELD `index`: the request it sent, its timer, a full queue, other tasks."""
    trace = cache.trace
    start = previous_step_of(trace, task, index + 1)
    for j in range(index - 1, max(start, index - SCAN, -1), -1):
        k = trace.kind[j]
        if trace.actor[j] != task:
            continue
        what = text_of(trace, j) or "?"
        if k == EventKind.IO_REQUEST:
            return translate(
                "Caption",
                "It sent {what} and waits for the answer without blocking: the loop runs other tasks meanwhile, "
                "and the completion will wake {task}.",
            ).format(what=what, task=actor_name(trace, task))
        if k == EventKind.TIMER_SET:
            return translate(
                "Caption",
                "asyncio.sleep: a timer will wake {task} when the time comes; the loop runs other tasks meanwhile.",
            ).format(task=actor_name(trace, task))
        if k == EventKind.EXECUTOR_SUBMIT:
            return translate(
                "Caption", "Its blocking work runs on a thread pool; the loop stays free until the result comes back."
            )
    source = _source(cache, index)
    # a put or get that suspends has met a full or an empty queue (asyncio.Queue only waits then)
    who = actor_name(trace, task)
    if ".put(" in source:
        return translate(
            "Caption",
            "The queue is full, so {task}, the producer here, waits at {source} until another task takes an item.",
        ).format(task=who, source=source)
    if ".get(" in source:
        return translate(
            "Caption", "The queue is empty, so {task} waits at {source} until another task puts an item in."
        ).format(task=who, source=source)
    if any(w in source for w in ("gather(", "TaskGroup", "wait(", "as_completed(")):
        return translate("Caption", "It waits at {source} for other tasks to finish.").format(source=source)
    return translate("Caption", "It waits at {source} for a result; whoever provides it wakes the task.").format(
        source=source or "?"
    )


def wake_reason(cache: SceneCache, index: int, task: int) -> str:
    """Why the loop runs `task` again at event `index`: its IO completed, its timer fired, a task finished."""
    trace = cache.trace
    facts = facts_of(trace)
    here = previous_step_of(trace, task, index + 1)
    before = previous_step_of(trace, task, here if here >= 0 else index) if here >= 0 else -1
    for j in range(here - 1, max(before, here - SCAN, -1), -1):
        k = trace.kind[j]
        if k == EventKind.IO_COMPLETE and trace.actor[j] == task:
            return translate("Caption", "Its {what} has completed.").format(what=text_of(trace, j) or "?")
        if k == EventKind.EXECUTOR_DONE and trace.actor[j] == task:
            return translate("Caption", "Its thread-pool work is done.")
        if k == EventKind.TIMER_FIRE and facts.timer_owner.get(trace.arg[j]) == task:
            return translate("Caption", "Its timer fired: the sleep is over.")
        if k == EventKind.TASK_DONE and trace.actor[j] != task and trace.actor[j] in facts.user_tasks:
            return translate("Caption", "{other}, which it awaited, has finished.").format(
                other=actor_name(trace, trace.actor[j])
            )
    return translate("Caption", "Its turn in the ready queue has come.")


# asyncio's and the streams' own callbacks, said in plain words (the library name stays as the detail)
def library_callback_words(name: str) -> str:
    """One of asyncio's own callbacks (by its qualified name) in plain words, for captions and the loop pane."""
    n = name.rsplit(".", 1)[-1]
    if n == "connection_made":
        return translate("Caption", "the new connection is handed to the stream reader")
    if n in ("_connection_lost", "connection_lost"):
        return translate("Caption", "the closed connection is cleaned up")
    if n == "sleep" or n == "_set_result_unless_cancelled":
        return translate("Caption", "a waiting task's future gets its result, so the task can be woken")
    if n == "_done_callback" and "gather" in name:
        return translate("Caption", "gather notes that one of its tasks has finished")
    if n == "_on_task_done":
        return translate("Caption", "the TaskGroup notes that one of its tasks has finished")
    if n == "_run_until_complete_cb":
        return translate("Caption", "run_until_complete sees that what it ran has finished and stops the loop")
    if n in ("task_wakeup", "__wakeup", "_wakeup"):
        return translate("Caption", "a task whose future is done is woken")
    return translate("Caption", "internal work of asyncio")


def loop_caption(cache: SceneCache, index: int) -> Caption:
    """The caption of a loop event (kinds 20-39)."""
    trace = cache.trace
    facts = facts_of(trace)
    kind = trace.kind[index]
    actor = trace.actor[index]
    who = actor_name(trace, actor)
    what = value_text(text_of(trace, index) or str(data_of(trace, index).get("what", "")))
    user = actor in facts.user_tasks
    if kind == EventKind.LOOP_TICK:
        tasks, callbacks = _turn(trace, index)
        names = ", ".join(actor_name(trace, t) for t in tasks if t in facts.user_tasks)
        if names:
            body = translate(
                "Caption",
                "Ready now: {tasks}. The loop runs each ready handler once, in order; a task runs until its next "
                "await.",
            ).format(tasks=names)
        else:
            body = translate("Caption", "No task of the program is ready: the loop only does its own bookkeeping.")
        if callbacks:
            body += " " + translate("Caption", "Also {n} of asyncio's own callbacks.").format(n=callbacks)
        return Caption(translate("Caption", "The message loop turns"), body)
    if kind == EventKind.TASK_CREATE:
        if not user:
            return Caption(
                translate("Caption", "asyncio's bookkeeping"),
                translate("Caption", "asyncio creates a task of its own ({what}) to clean up.").format(what=what),
            )
        creator = trace.arg[index]
        by = actor_name(trace, creator) if creator in facts.task_label else translate("Caption", "asyncio.run")
        return Caption(
            translate("Caption", "{by} creates the task {task}").format(by=by, task=who),
            translate(
                "Caption",
                "create_task wraps the coroutine in a Task and puts its first step in the ready queue: nothing of it "
                "runs until the loop gets to it.",
            ),
        )
    if kind == EventKind.TASK_STEP:
        if not user:
            return Caption(
                translate("Caption", "asyncio's bookkeeping"),
                translate("Caption", "One of asyncio's own tasks runs ({task}).").format(task=trace.actors[actor].name),
            )
        first = previous_step_of(trace, actor, index) < 0
        reason = translate("Caption", "Its first step.") if first else wake_reason(cache, index + 1, actor)
        return Caption(
            translate("Caption", "The loop runs {task}").format(task=who),
            translate("Caption", "{reason} {task} runs until its next await, then control returns to the loop.").format(
                reason=reason, task=who
            ),
        )
    if kind == EventKind.TASK_DONE:
        if not user:
            return Caption(
                translate("Caption", "asyncio's bookkeeping"),
                translate("Caption", "One of asyncio's own tasks is done ({task}).").format(
                    task=trace.actors[actor].name
                ),
            )
        return Caption(
            translate("Caption", "{task} is done ({how})").format(task=who, how=what),
            translate("Caption", "The task finished; anything awaiting it can go on."),
        )
    if kind == EventKind.TIMER_SET:
        return Caption(
            translate("Caption", "{task} sets a timer").format(task=who),
            translate(
                "Caption",
                "{what}: the loop will wake the task when the time comes and handles other messages meanwhile.",
            ).format(what=what),
        )
    if kind == EventKind.TIMER_FIRE:
        owner = facts.timer_owner.get(trace.arg[index], -1)
        name = actor_name(trace, owner) if owner >= 0 else translate("Caption", "the loop")
        return Caption(
            translate("Caption", "A timer fires for {task}").format(task=name),
            translate("Caption", "Its wake-up goes into the ready queue: {task} runs in the next turn.").format(
                task=name
            ),
        )
    if kind == EventKind.TIMER_CANCEL:
        return Caption(
            translate("Caption", "A timer is cancelled"),
            translate("Caption", "It will not fire: nobody waits for it any more."),
        )
    if kind == EventKind.IO_REQUEST:
        return Caption(
            translate("Caption", "{task} sends a request: {what}").format(task=who, what=what),
            translate(
                "Caption",
                "The code only sends the request and does not wait for the result: this handler "
                "ends and the loop goes on with other messages.",
            ),
        )
    if kind == EventKind.IO_COMPLETE:
        return Caption(
            translate("Caption", "IO complete: {what}").format(what=what),
            translate(
                "Caption",
                'An "IO complete" message comes back into the queue; handling it wakes {task} with the result.',
            ).format(task=who),
        )
    if kind == EventKind.LOOP_BLOCKED:
        return Caption(
            translate("Caption", "{task} blocks the loop: {what}").format(task=who, what=what),
            translate(
                "Caption",
                "A blocking call holds the only thread: no other message is handled until it "
                "returns. This is the mistake asynchronous code must avoid.",
            ),
        )
    if kind == EventKind.CALLBACK:
        label = text_of(trace, index) or ""
        if label.startswith("completion: "):
            return Caption(
                translate("Caption", "A completion is delivered"),
                translate("Caption", "The answer to {what} is handed to the future its task awaits.").format(
                    what=label[len("completion: ") :]
                ),
            )
        return Caption(
            translate("Caption", "asyncio's bookkeeping"),
            translate("Caption", "{words} (library callback {name}).").format(
                words=library_callback_words(label), name=label
            ),
        )
    if kind == EventKind.EXECUTOR_SUBMIT:
        return Caption(
            translate("Caption", "Work sent to a thread pool"),
            translate("Caption", "The blocking work runs on another thread; the loop stays free."),
        )
    if kind == EventKind.EXECUTOR_DONE:
        return Caption(
            translate("Caption", "Thread-pool work done"),
            translate("Caption", "Its result comes back to the loop as a message."),
        )
    return Caption(EventKind(kind).name.lower(), what)


def _turn(trace: Trace, tick: int) -> tuple[list[int], int]:
    """The tasks a loop turn runs, in order, and how many plain callbacks it runs."""
    tasks: list[int] = []
    callbacks = 0
    for j in range(tick + 1, len(trace)):
        k = trace.kind[j]
        if k == EventKind.LOOP_TICK:
            break
        if k == EventKind.TASK_STEP:
            tasks.append(trace.actor[j])
        elif k == EventKind.CALLBACK:
            callbacks += 1
    return tasks, callbacks
