"""Captions read like the seed's five numbered steps, in English and in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from simulator.trace import Trace
from ui.captions import caption_for
from ui.i18n import CHINESE, ENGLISH, app_translations
from ui.scene import SceneCache


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    app_translations().set_language(CHINESE)
    yield
    app_translations().set_language(ENGLISH)


def all_captions(trace: Trace) -> list[str]:
    cache = SceneCache(trace)
    return [f"{c.title} | {c.body}" for c in (caption_for(cache, i) for i in range(len(trace)))]


def test_stepping_the_seed_reads_like_its_five_steps(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    captions = all_captions(seed_trace)
    numbered = [int(m.group(1)) for c in captions if (m := re.match(r"Step (\d):", c))]
    # a line inside a step keeps its step's title: the story reads 1, 2, 3, 4, 2, 3, 4, ... 5
    steps = [n for i, n in enumerate(numbered) if i == 0 or numbered[i - 1] != n]
    assert steps[:4] == [1, 2, 3, 4], steps  # start, send(1) switches in, consumer gets 1 and replies, produce goes on
    assert steps.count(2) == steps.count(3) == steps.count(4) == 5  # five messages
    assert steps[-1] == 5
    assert sorted(set(steps)) == [1, 2, 3, 4, 5]
    joined = "\n".join(captions)
    assert "Step 2: send(1) switches to consumer" in joined
    assert "Step 3: consumer yields '200 OK' back" in joined
    assert "Step 4: produce has the result and goes on" in joined
    assert "Step 5: produce closes consumer" in joined
    assert "consumer is closed; the whole process ends" in joined
    assert all(c.strip(" |") for c in captions), "every event has a caption"


def test_the_seed_in_chinese_uses_the_seed_s_words(chinese: None, seed_trace: Trace) -> None:
    joined = "\n".join(all_captions(seed_trace))
    for words in ("启动生成器", "切换到 consumer 执行", "通过 yield 拿到消息", "传回", "拿到结果，继续生产",
                  "关闭 consumer", "整个过程结束"):
        assert words in joined, words
    assert "Step " not in joined


def test_a_tasks_coroutine_is_started_and_resumed_by_the_event_loop(qapp) -> None:  # type: ignore[no-untyped-def]
    from simulator import runner
    from simulator.kinds import EventKind
    from simulator.scenarios import get_scenario

    engines = list(runner.ENGINE_MODULES)
    if "simulator.loop.engine" not in engines:
        runner.ENGINE_MODULES.append("simulator.loop.engine")
    try:
        trace = runner.run_program(get_scenario("say-after").path, echo=False).trace
    finally:
        runner.ENGINE_MODULES[:] = engines
    cache = SceneCache(trace)
    starts = [i for i in trace.indices_of(EventKind.CALL) if trace.actors[trace.actor[i]].name == "say_after"]
    resumes = [i for i in trace.indices_of(EventKind.RESUME) if trace.actors[trace.actor[i]].name == "say_after"]
    # the loop steps the task, <module> is not involved; the seed's step wording is not this program's story
    start = caption_for(cache, starts[0])
    assert start.title == "Task-2 (say_after) starts: the loop runs say_after for the first time"
    assert "event loop" in start.body and "Step" not in start.title
    woken = caption_for(cache, resumes[0])
    assert woken.title.startswith("Task-2 (say_after) wakes: say_after goes on at line 12")
    assert "Its timer fired" in woken.body and "The loop sends None into say_after" in woken.body


def scenario_captions(name: str) -> list[str]:
    from simulator.scenarios import get_scenario
    from ui.tracing import TraceRequest, trace_synchronously

    return all_captions(trace_synchronously(TraceRequest(get_scenario(name).path)))


def test_thread_captions_say_who_blocks_on_what_and_who_wakes_whom(qapp) -> None:  # type: ignore[no-untyped-def]
    joined = "\n".join(scenario_captions("producer-consumer-threads"))
    assert "MainThread waits on Condition-1 (line 10) | wait() gives the condition's lock up" in joined
    assert "here consumer wakes it." in joined
    assert "consumer wakes MainThread | MainThread is ready again" in joined
    assert "MainThread waits for consumer to finish | join() blocks MainThread until consumer has exited." in joined
    assert "Step " not in joined and "generator" not in joined
    deadlock = "\n".join(scenario_captions("deadlock"))
    assert "transfer waits for Lock-2 (line 13) | audit holds it; transfer sleeps until audit releases it." in deadlock


def test_asyncio_captions_say_why_a_task_waits_and_what_wakes_it(qapp) -> None:  # type: ignore[no-untyped-def]
    joined = "\n".join(scenario_captions("producer-consumer-asyncio"))
    assert (
        "consumer awaits: Task-2 (consumer) gives control back to the loop | The queue is empty, so Task-2 (consumer) "
        "waits at n = await inbox.get() until another task puts an item in." in joined
    )
    assert "It sent store message 1 and waits for the answer without blocking" in joined
    assert "Task-2 (consumer) wakes: consumer goes on at line 21 | Its store message 1 has completed." in joined
    assert "c.send" not in joined and "Step " not in joined
    fetch = "\n".join(scenario_captions("fetch-hosts"))
    # asyncio's own callbacks are grouped and said in plain words, the library's name kept as the detail
    assert "asyncio's bookkeeping | the new connection is handed to the stream reader " in fetch
    assert "(library callback StreamReaderProtocol.connection_made)" in fetch
