"""Captions for threads: who blocks on what, who holds it, and who wakes whom.

Owns the wording for the threads engine's events (thread states, context switches,
lock, condition and join waits, deadlocks). A waiting thread is told with the lock or
condition it waits on and the thread that holds it; a thread made ready with the
thread that woke it. Names are the program's own threads and locks.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from simulator.chapters import waker_of
from simulator.chapters_facts import actor_name, data_of, lock_holder, text_of
from simulator.kinds import EventKind, ThreadState
from ui.caption_types import Caption
from ui.deadlock_words import deadlock_message
from ui.scene import SceneCache

translate = QCoreApplication.translate

_THREAD_STATES: dict[int, object] = {
    ThreadState.NEW: QT_TRANSLATE_NOOP("ThreadState", "new"),
    ThreadState.RUNNING: QT_TRANSLATE_NOOP("ThreadState", "running"),
    ThreadState.READY: QT_TRANSLATE_NOOP("ThreadState", "ready"),
    ThreadState.BLOCKED_IO: QT_TRANSLATE_NOOP("ThreadState", "blocked on IO"),
    ThreadState.WAITING_LOCK: QT_TRANSLATE_NOOP("ThreadState", "waiting for a lock"),
    ThreadState.EXITED: QT_TRANSLATE_NOOP("ThreadState", "finished"),
}
_REASONS = {
    "preempted": QT_TRANSLATE_NOOP("Caption", "its time slice was over"),
    "blocked": QT_TRANSLATE_NOOP("Caption", "it has to wait"),
    "woken": QT_TRANSLATE_NOOP("Caption", "an idle CPU picks up a woken thread"),
    "yielded": QT_TRANSLATE_NOOP("Caption", "it gave the CPU away (time.sleep(0))"),
    "exited": QT_TRANSLATE_NOOP("Caption", "it has finished"),
    "started": QT_TRANSLATE_NOOP("Caption", "an idle CPU picks up a new thread"),
}


def _lock_kind(name: str) -> str:
    return name.split("-", 1)[0]


def thread_caption(cache: SceneCache, index: int) -> Caption:
    """The caption of a threads-engine event (kinds 40-49)."""
    trace = cache.trace
    kind = trace.kind[index]
    actor = trace.actor[index]
    who = actor_name(trace, actor)
    if kind == EventKind.THREAD_CREATE:
        return Caption(
            translate("Caption", "Thread {who} created").format(who=who),
            translate("Caption", "The OS sets up a stack and scheduling state for a new thread."),
        )
    if kind == EventKind.THREAD_STATE:
        return _state_caption(cache, index, who)
    if kind == EventKind.CONTEXT_SWITCH:
        out = trace.arg[index]
        reason = str(data_of(trace, index).get("reason", ""))
        why = translate("Caption", str(_REASONS[reason])) if reason in _REASONS else reason
        if actor < 0:
            return Caption(
                translate("Caption", "The CPU goes idle"),
                translate("Caption", "No thread is ready: every one waits for something.").format(),
            )
        return Caption(
            translate("Caption", "Context switch: {out} → {who}").format(
                out=actor_name(trace, out) if out >= 0 else "—", who=who
            ),
            translate(
                "Caption",
                "The OS switches because {why}: it saves one thread's registers and loads another's. Time spent "
                "switching is time no work gets done; more threads, more switching.",
            ).format(why=why),
        )
    lock = trace.arg[index]
    lname = trace.actors[lock].name if 0 <= lock < len(trace.actors) else "?"
    if kind == EventKind.LOCK_WAIT:
        waker = waker_of(trace, index, actor)
        woken_by = actor_name(trace, waker) if waker >= 0 else "?"
        if _lock_kind(lname) == "Condition":
            return Caption(
                translate("Caption", "{who} waits on {lock}").format(who=who, lock=lname),
                translate(
                    "Caption",
                    "wait() gives the condition's lock up and sleeps until another thread calls notify(); here "
                    "{waker} wakes it.",
                ).format(waker=woken_by),
            )
        if _lock_kind(lname) in ("Event", "Semaphore", "BoundedSemaphore", "Barrier"):
            return Caption(
                translate("Caption", "{who} waits on {lock}").format(who=who, lock=lname),
                translate("Caption", "It sleeps until another thread signals it; here {waker} wakes it.").format(
                    waker=woken_by
                ),
            )
        holder = lock_holder(trace, lock, index)
        return Caption(
            translate("Caption", "{who} waits for {lock}").format(who=who, lock=lname),
            translate("Caption", "{holder} holds it; {who} sleeps until {holder} releases it.").format(
                holder=actor_name(trace, holder) if holder >= 0 else translate("Caption", "another thread"), who=who
            ),
        )
    if kind == EventKind.LOCK_ACQUIRE:
        return Caption(
            translate("Caption", "{who} takes {lock}").format(who=who, lock=lname),
            translate("Caption", "Only the holder may touch the shared data now."),
        )
    if kind == EventKind.LOCK_RELEASE:
        return Caption(
            translate("Caption", "{who} releases {lock}").format(who=who, lock=lname),
            translate("Caption", "A thread waiting for it can be woken."),
        )
    if kind == EventKind.DEADLOCK:
        return Caption(
            translate("Caption", "Deadlock"),
            translate(
                "Caption", "Each thread waits for something another one holds: none can ever go on. {message}"
            ).format(message=deadlock_message(trace, text_of(trace, index) or "")),
        )
    if kind == EventKind.THREAD_EXIT:
        return Caption(
            translate("Caption", "{who} exits").format(who=who),
            translate("Caption", "The thread's work is done and its stack is freed."),
        )
    return Caption(EventKind(kind).name.lower(), text_of(trace, index) or "")


def _state_caption(cache: SceneCache, index: int, who: str) -> Caption:
    trace = cache.trace
    state = trace.arg[index]
    data = data_of(trace, index)
    name = translate("ThreadState", str(_THREAD_STATES.get(state, "?")))
    title = translate("Caption", "{who} is {state}").format(who=who, state=name)
    if state == ThreadState.READY and "waker" in data:
        return Caption(
            translate("Caption", "{waker} wakes {who}").format(waker=actor_name(trace, int(data["waker"])), who=who),
            translate("Caption", "{who} is ready again and waits for a CPU to run on.").format(who=who),
        )
    if state == ThreadState.RUNNING:
        return Caption(title, translate("Caption", "{who} runs on CPU {cpu}.").format(who=who, cpu=data.get("cpu", 0)))
    if state == ThreadState.WAITING_LOCK:
        before = trace.kind[index - 1] if index > 0 else -1
        if before != EventKind.LOCK_WAIT:  # no lock named: a join
            waker = waker_of(trace, index, trace.actor[index])
            other = actor_name(trace, waker) if waker >= 0 else translate("Caption", "another thread")
            return Caption(
                translate("Caption", "{who} waits for {other} to finish").format(who=who, other=other),
                translate("Caption", "join() blocks {who} until {other} has exited.").format(who=who, other=other),
            )
        return Caption(title, translate("Caption", "It sleeps; it uses no CPU while it waits."))
    if state == ThreadState.BLOCKED_IO:
        return Caption(
            title,
            translate("Caption", "{who} waits for IO (or sleeps): the OS runs other threads meanwhile.").format(
                who=who
            ),
        )
    return Caption(title, translate("Caption", "The scheduler changed the thread's state."))
