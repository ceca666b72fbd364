"""Captions: one or two sentences for every event, saying what happened and why, for any program.

Owns the learner-facing wording of the tracer's events (English source strings,
translated through Qt) and the dispatch to the loop's and the threads' wording
(ui.captions_loop, ui.captions_threads). The story depends on what the program is
(simulator.chapters_facts.Model): only a program that drives a generator with
send(), as the seed's producer/consumer does, reads like the seed's five numbered
steps; a task's coroutine is told as the event loop running it; other generators
as plain hand-offs. A line inside a chapter keeps the chapter's title, so stepping
line by line does not lose the story. Names are always the program's own.
Never paints; the caption pane draws what this returns.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from simulator.chapters import chapter_at
from simulator.chapters_facts import Model, actor_name, facts_of, other_side
from simulator.kinds import ActorKind, EventKind, ResumeHow
from ui.caption_types import Caption, value_text
from ui.captions_loop import coroutine_caption, loop_caption
from ui.captions_threads import thread_caption
from ui.chapter_text import chapter_title
from ui.deadlock_words import deadlock_message
from ui.navigation import StepUnit
from ui.render.handoff_pane import party_name
from ui.scene import SceneCache, driver_of, handoff_at, short_name

translate = QCoreApplication.translate
_v = value_text
__all__ = ["Caption", "caption_for"]


def caption_for(cache: SceneCache, index: int) -> Caption:
    """The caption of event `index` of the cache's trace."""
    trace = cache.trace
    if len(trace) == 0:
        return Caption(translate("Caption", "Nothing to show"), translate("Caption", "The program recorded no events."))
    if trace.kind[index] == EventKind.LINE:  # the commonest step: told without building an Event
        a = trace.actor[index]
        return _line_caption(
            cache, index, short_name(trace.actors[a].name) if 0 <= a < len(trace.actors) else "?", trace.line[index]
        )
    if trace.kind[index] >= EventKind.LOOP_TICK:  # the loop's and the threads' events read the columns themselves
        return _loop_or_thread_caption(cache, index, "")
    ev = trace.event(index)
    kind = ev.kind
    actor = trace.actors[ev.actor] if 0 <= ev.actor < len(trace.actors) else None
    who = short_name(actor.name) if actor else "?"
    line = ev.line
    k = EventKind
    model = facts_of(trace).model
    if model is Model.ASYNCIO and kind in (k.CALL, k.RESUME, k.YIELD, k.RETURN) and actor is not None:
        told = coroutine_caption(cache, index)  # a task's coroutine: the loop runs it, not a driver frame
        if told is not None:
            return told
    if (
        kind in (k.CALL, k.RESUME, k.YIELD)
        and model is not Model.SEED
        and actor is not None
        and actor.kind in (ActorKind.GENERATOR, ActorKind.COROUTINE)
    ):
        return _handoff_caption(cache, index, who)

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
        if caller is None and actor and actor.kind is ActorKind.FRAME:
            return Caption(
                translate("Caption", "{who}() starts").format(who=who),
                translate("Caption", "Nothing called it from Python code: it is a thread's first function."),
            )
        by = short_name(caller.name) if caller else "?"
        if actor and actor.kind in (ActorKind.GENERATOR, ActorKind.COROUTINE):
            by = party_name(handoff_at(cache, index).driver)  # as the hand-off pane names it: a task's is the loop
            return Caption(
                translate("Caption", "Step 1: {by} starts the generator {who}").format(by=by, who=who),
                translate(
                    "Caption",
                    "{by} runs {source}: sending None (or calling next) starts {who}. Its code runs for the "
                    "first time, up to its first yield; {by} waits meanwhile.",
                ).format(by=by, who=who, source=_driver_source(cache, index)),
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
        if ev.text and "GeneratorExit" in ev.text and model is not Model.SEED:
            return Caption(
                translate("Caption", "{who} is closed").format(who=who),
                translate("Caption", "GeneratorExit ended {who} where it was paused; it will run no more.").format(
                    who=who
                ),
            )
        if ev.text and "GeneratorExit" in ev.text:  # the seed's last step, in its words
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
                message=deadlock_message(cache.trace, ev.text or "")
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
    # the seed's step wording belongs to the seed's pattern only (and an Event is built only when it may apply)
    previous = (
        trace.event(index - 1)
        if index > 0
        and trace.kind[index - 1] in (EventKind.YIELD, EventKind.RESUME)
        and facts_of(trace).model is Model.SEED
        else None
    )
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
    chapter = chapter_at(trace, index)
    if chapter is not None and chapter.kind != "start":
        # the story goes on: the chapter's title stays, the line is the detail
        return Caption(
            chapter_title(chapter),
            translate("Caption", "{who}, line {line}: {source}").format(who=who, line=line, source=source),
        )
    return Caption(
        translate("Caption", "{who}, line {line}").format(who=who, line=line),
        translate("Caption", "Runs: {source}").format(source=source) if source else "",
    )


def _driver_source(cache: SceneCache, index: int) -> str:
    """The driver's line that started a generator (its own words: `c.send(None)`, `next(gen)`, a for loop)."""
    trace = cache.trace
    for j in range(index - 1, max(-1, index - 8), -1):
        if trace.kind[j] == EventKind.LINE and trace.actor[j] != trace.actor[index]:
            return _source_line(cache, j).strip() or "?"
    return "?"


def _handoff_caption(cache: SceneCache, index: int, who: str) -> Caption:
    """A generator's hand-off in a program that is not the seed's pattern: no step numbers, its own names."""
    trace = cache.trace
    ev = trace.event(index)
    other = other_side(trace, index)
    by = actor_name(trace, other) if other >= 0 else party_name("?")
    if ev.kind is EventKind.CALL:
        return Caption(
            translate("Caption", "{by} starts the generator {who}").format(by=by, who=who),
            translate(
                "Caption",
                "{by} runs {source}: {who}'s code runs for the first time, up to its first yield; "
                "{by} waits meanwhile.",
            ).format(by=by, who=who, source=_driver_source(cache, index)),
        )
    if ev.kind is EventKind.YIELD:
        if ev.arg >= 0:  # passing an inner generator's value on out (yield from)
            inner = actor_name(trace, ev.arg)
            return Caption(
                translate("Caption", "{who} passes {value} on out").format(who=who, value=_v(ev.text)),
                translate("Caption", "{inner} yielded it; yield from hands it straight past {who} to {by}.").format(
                    inner=inner, who=who, by=by
                ),
            )
        return Caption(
            translate("Caption", "{who} yields {value} back to {by}").format(who=who, value=_v(ev.text), by=by),
            translate(
                "Caption",
                "{who} pauses at line {line}; {by} gets {value} and runs again. {who}'s local variables stay alive.",
            ).format(who=who, line=ev.line, value=_v(ev.text), by=by),
        )
    how = ev.arg
    if how == ResumeHow.SEND:
        return Caption(
            translate("Caption", "{by} sends {value} into {who}").format(by=by, value=_v(ev.text), who=who),
            translate("Caption", "{who} carries on where it paused; its yield gives {value}.").format(
                who=who, value=_v(ev.text)
            ),
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
            translate("Caption", "{by} closes {who}").format(by=by, who=who),
            translate(
                "Caption", "GeneratorExit is raised inside {who} at its paused yield, so it can clean up."
            ).format(who=who),
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


def _is_startup_yield(cache: SceneCache, index: int) -> bool:
    """Whether YIELD `index` is a generator's first, right after its start (part of step 1)."""
    trace = cache.trace
    previous = cache.navigation.previous_index(StepUnit.HANDOFF, index)
    return (
        previous is not None and trace.kind[previous] == EventKind.CALL and trace.actor[previous] == trace.actor[index]
    )


@lru_cache(maxsize=16)
def _lines(source: str) -> tuple[str, ...]:
    """A source's lines, split once (a caption per step must not split the file each time)."""
    return tuple(source.splitlines())


def _source_line(cache: SceneCache, index: int) -> str:
    trace = cache.trace
    actor = trace.actors[trace.actor[index]]
    source = trace.sources.get(actor.file) or next(iter(trace.sources.values()), "")
    lines = _lines(source)
    n = trace.line[index]
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _loop_or_thread_caption(cache: SceneCache, index: int, who: str) -> Caption:
    kind = cache.trace.kind[index]
    if 40 <= kind < 50:
        return thread_caption(cache, index)
    return loop_caption(cache, index)
