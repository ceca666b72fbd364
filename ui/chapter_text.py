"""Chapters and prediction questions in the user's language.

Owns the wording of `simulator.chapters.Chapter` (its title from its kind and named
values) and of the question a class is asked before a chapter's key moment. The core
derives chapters and keeps plain English for the command line; this module says the
same through Qt's translation. Never paints.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from simulator.chapters import Chapter

translate = QCoreApplication.translate


_TITLES: dict[tuple[Chapter, str], str] = {}


def chapter_title(chapter: Chapter) -> str:
    """The chapter's title in the current language (cached: every line of a chapter shows it)."""
    key = (chapter, translate("Chapter", "The program starts"))  # the language is part of the key
    title = _TITLES.get(key)
    if title is None:
        if len(_TITLES) > 4096:
            _TITLES.clear()
        title = _TITLES[key] = _title(chapter)
    return title


def _title(chapter: Chapter) -> str:
    p = dict(chapter.params)
    k = chapter.kind
    if k == "start":
        return translate("Chapter", "The program starts")
    if k == "seed_start":
        return translate("Chapter", "Step 1: {by} starts the generator {gen}").format(**p)
    if k == "seed_send":
        return translate("Chapter", "Step 2: send({value}) switches to {gen}").format(**p)
    if k == "seed_receive":
        return translate("Chapter", "Step 3: {gen} takes {value} and yields {result} back").format(**p)
    if k == "seed_result":
        return translate("Chapter", "Step 4: {by} has the result {result} and goes on").format(**p)
    if k == "seed_close":
        return translate("Chapter", "Step 5: {by} closes {gen}; the whole process ends").format(**p)
    if k == "handoff_in":
        return translate("Chapter", "{by} hands control to {gen}").format(**p)
    if k == "handoff_out":
        return translate("Chapter", "{gen} yields {value} back to {by}").format(**p)
    if k == "loop_start":
        return translate("Chapter", "The event loop starts: it runs {tasks}").format(**p)
    if k == "loop_turn":
        return translate("Chapter", "The loop turns: it runs {tasks}").format(**p)
    if k == "io_complete":
        return translate("Chapter", "IO complete: {what} wakes {task}").format(**p)
    if k == "timer":
        return translate("Chapter", "A timer fires: it wakes {task}").format(**p)
    if k == "loop_blocked":
        return translate("Chapter", "{task} blocks the loop: {what}").format(**p)
    if k == "thread_block":
        if not p.get("next"):
            return translate("Chapter", "{thread} waits for {on}; no thread is ready").format(**p)
        return translate("Chapter", "{thread} waits for {on}; {next} runs").format(**p)
    if k == "thread_preempt":
        return translate("Chapter", "{thread}'s time slice is over; {next} runs").format(**p)
    if k == "thread_switch":
        if p.get("why") == "exited":
            return translate("Chapter", "{thread} has finished; {next} runs").format(**p)
        return translate("Chapter", "{next} runs").format(**p)
    if k == "exception":
        return translate("Chapter", "{who} raises {error}").format(**p)
    if k == "deadlock":
        return translate("Chapter", "Deadlock: no thread can go on")
    if k == "limit":
        return translate("Chapter", "Stopped by a limit")
    return chapter.title


def chapter_question(chapter: Chapter) -> str:
    """What a class is asked just before the chapter's key moment ("" when there is nothing to ask)."""
    p = dict(chapter.params)
    q = chapter.question
    if q == "value_sent":
        return translate("Prediction", "What value does {by} send into {gen}?").format(**p)
    if q == "value_yielded":
        if chapter.kind == "seed_receive":
            return translate("Prediction", "{gen} has the message {value}. What does it yield back?").format(**p)
        return translate("Prediction", "What does {gen} yield back?").format(**p)
    if q == "side_runs":
        return translate("Prediction", "Which side runs next?")
    if q == "first_completion":
        return translate("Prediction", "Which request completes next?")
    if q == "task_runs":
        return translate("Prediction", "Which task does the loop run next?")
    if q == "thread_runs":
        return translate("Prediction", "Which thread runs next?")
    return ""
