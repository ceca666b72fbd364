"""Chapters cut every kind of program into the moments a lecture stops at; the seed's are its five steps."""

from __future__ import annotations

from simulator.chapters import chapter_at, chapters_of
from simulator.kinds import EventKind, ResumeHow
from simulator.scenarios import get_scenario

from .conftest import run_traced


def traced(name: str):  # type: ignore[no-untyped-def]
    trace = run_traced(get_scenario(name).path).trace
    assert trace is not None
    return trace


def test_the_seed_s_chapters_are_its_five_numbered_steps() -> None:
    trace = traced("producer-consumer")
    chapters = chapters_of(trace)
    kinds = [c.kind for c in chapters]
    assert kinds == ["start", "seed_start", *["seed_send", "seed_receive", "seed_result"] * 5, "seed_close"]
    assert [c.title for c in chapters[1:5]] == [
        "Step 1: produce starts the generator consumer",
        "Step 2: send(1) switches to consumer",
        "Step 3: consumer takes 1 and yields '200 OK' back",
        "Step 4: produce has the result '200 OK' and goes on",
    ]
    assert chapters[-1].title == "Step 5: produce closes consumer; the whole process ends"
    sends = [c for c in chapters if c.kind == "seed_send"]
    assert [c.answer for c in sends] == ["1", "2", "3", "4", "5"]  # what a class is asked to predict
    for c in sends:  # the key moment is the send itself
        assert trace.kind[c.key_step] == EventKind.RESUME and trace.arg[c.key_step] == ResumeHow.SEND
    close = chapters[-1]
    assert trace.kind[close.first_step] == EventKind.RESUME and trace.arg[close.first_step] == ResumeHow.CLOSE


def test_chapters_cover_the_trace_in_order() -> None:
    for name in ("producer-consumer", "fetch-hosts", "producer-consumer-threads", "say-after", "deadlock"):
        trace = traced(name)
        chapters = chapters_of(trace)
        assert chapters[0].first_step == 0 and chapters[0].kind == "start"
        starts = [c.first_step for c in chapters]
        assert starts == sorted(set(starts)), name
        assert [c.index for c in chapters] == list(range(len(chapters)))
        for c in chapters:
            assert chapter_at(trace, c.first_step) == c
            assert c.key_step == -1 or c.key_step >= c.first_step
        assert chapter_at(trace, len(trace) - 1) == chapters[-1]


def test_asyncio_chapters_are_loop_turns_and_completions_in_the_program_s_names() -> None:
    trace = traced("fetch-hosts")
    chapters = chapters_of(trace)
    assert [c.kind for c in chapters[:3]] == ["start", "loop_start", "loop_turn"]
    assert chapters[1].title == "The event loop starts: it runs Task-1 (main)"
    completions = [c for c in chapters if c.kind == "io_complete"]
    assert len(completions) == 8  # a connect and a GET for each of four hosts
    assert completions[0].title == "IO complete: connect python.org:80 wakes Task-2 (fetch)"
    assert completions[0].answer == "connect python.org:80"
    assert chapters[-1].title == "The loop turns: it runs Task-1 (main)"  # gather is done: main goes on
    assert not any("Step" in c.title or "send(" in c.title for c in chapters)


def test_a_blocking_call_is_a_chapter_of_its_own() -> None:
    chapters = chapters_of(traced("blocking-call"))
    blocked = [c for c in chapters if c.kind == "loop_blocked"]
    assert [c.title for c in blocked] == ["Task-4 (blocker) blocks the loop: time.sleep(1)"]


def test_thread_chapters_say_who_waits_for_what_and_who_runs() -> None:
    chapters = chapters_of(traced("producer-consumer-threads"))
    blocks = [c.title for c in chapters if c.kind == "thread_block"]
    assert blocks[0] == "MainThread waits for Condition-1 (line 10); consumer runs"
    assert blocks[1] == "consumer waits for Condition-1 (line 10); MainThread runs"
    assert blocks[-1] == "MainThread waits for consumer to finish; consumer runs"  # join: the waker names it
    assert chapters[-1].title == "consumer has finished; MainThread runs"


def test_a_deadlock_is_one_chapter_at_the_end() -> None:
    chapters = chapters_of(traced("deadlock"))
    assert chapters[-1].kind == "deadlock"
    assert [c.kind for c in chapters].count("deadlock") == 1
    assert not any(c.kind in ("exception", "limit") for c in chapters)  # the run's own stop is not the program's error
    assert "transfer waits for Lock-2 (line 13); no thread is ready" in [c.title for c in chapters]


def test_other_programs_never_get_the_seed_s_steps(write_program) -> None:  # type: ignore[no-untyped-def]
    iterated = write_program(
        """
        def count(n):
            for i in range(n):
                yield i

        total = 0
        for x in count(3):
            total += x
        print(total)
        """
    )
    chapters = chapters_of(run_traced(iterated).trace)
    assert {c.kind for c in chapters} == {"start", "handoff_in", "handoff_out"}
    assert "count yields 0 back to <module>" in [c.title for c in chapters]
    plain = write_program("def f(x):\n    return x + 1\nprint(f(1))\n", "plain.py")
    assert [c.kind for c in chapters_of(run_traced(plain).trace)] == ["start"]


def test_an_exception_starts_a_chapter(write_program) -> None:  # type: ignore[no-untyped-def]
    path = write_program(
        """
        def check(n):
            if n > 1:
                raise ValueError("too big")
            return n

        try:
            check(2)
        except ValueError:
            print("caught")
        """
    )
    chapters = chapters_of(run_traced(path).trace)
    assert [c.title for c in chapters if c.kind == "exception"] == ["check raises ValueError: too big"]
