"""Who waits for whom: asyncio's await graph in pstree's form, and every thread's frames and waits."""

from __future__ import annotations

import subprocess
import sys

from simulator.await_graph import await_graph_at, pstree_lines, thread_lines, threads_at
from simulator.kinds import EventKind
from simulator.scenarios import get_scenario

from .conftest import run_traced


def tree(name: str, step: int) -> list[str]:
    scenario = get_scenario(name)
    trace = run_traced(scenario.path).trace
    assert trace is not None
    folder = str(scenario.path.parent) + "/"
    return [line.replace(folder, "") for line in pstree_lines(trace, await_graph_at(trace, step - 1))]


def test_the_fetch_tasks_are_awaited_by_main_through_gather() -> None:
    # pstree's own drawing: "(T) name" for a task, " qualname file:line" for a coroutine frame
    assert tree("fetch-hosts", 70) == [
        "└── (T) Task-1",
        "    └──  main fetch_hosts.py:30",
        "        ├── (T) Task-2",
        "        │   └──  fetch fetch_hosts.py:17",
        "        ├── (T) Task-3",
        "        │   └──  fetch fetch_hosts.py:17",
        "        ├── (T) Task-4",
        "        │   └──  fetch fetch_hosts.py:17",
        "        └── (T) Task-5",
        "            └──  fetch fetch_hosts.py:17",
    ]
    # later, the finished fetch tasks have left the graph and the others wait at other lines
    later = tree("fetch-hosts", 150)
    assert "(T) Task-2" not in "\n".join(later)
    assert "        │   └──  fetch fetch_hosts.py:20" in later


def test_awaiting_one_task_is_not_awaiting_the_other() -> None:
    # say_after: main awaits task1 first; task2 is pending but nobody awaits it yet
    assert tree("say-after", 40) == [
        "└── (T) Task-1",
        "    └──  main say_after.py:23",
        "        └── (T) Task-2",
        "            └──  say_after say_after.py:13",
        "└── (T) Task-3",
        "    └──  say_after say_after.py:12",
    ]


def test_a_task_s_stack_follows_its_awaits(write_program) -> None:  # type: ignore[no-untyped-def]
    path = write_program(
        """
        import asyncio

        async def leaf():
            await asyncio.sleep(1)

        async def mid():
            await leaf()

        async def main():
            await asyncio.gather(mid())

        asyncio.run(main())
        """
    )
    trace = run_traced(path).trace
    sleeping = next(i for i in range(len(trace)) if trace.event(i).kind.name == "TIMER_SET")
    lines = [line.replace(str(path), "prog.py") for line in pstree_lines(trace, await_graph_at(trace, sleeping + 2))]
    assert lines == [
        "└── (T) Task-1",
        "    └──  main prog.py:11",  # the dedented source starts with an empty line
        "        └── (T) Task-2",
        "            └──  mid prog.py:8",
        "                └──  leaf prog.py:5",
    ]


def test_every_thread_shows_where_it_waits_and_who_wakes_it() -> None:
    trace = run_traced(get_scenario("producer-consumer-threads").path).trace
    waiting = next(i for i in range(len(trace)) if trace.event(i).kind.name == "CONTEXT_SWITCH")
    views = {v.name: v for v in threads_at(trace, waiting)}
    main = views["MainThread"]
    assert (main.state, main.waits_on, main.woken_by) == ("waiting", "Condition-1 (line 10)", "consumer")
    assert [f.name for f in main.frames] == ["<module>", "produce"]  # where it is blocked
    assert main.frames[-1].line == 39  # slot.wait()
    text = thread_lines(list(views.values()))
    assert text[0] == "Thread MainThread: waiting on Condition-1 (line 10); woken by consumer"


def test_a_deadlock_shows_who_holds_what() -> None:
    trace = run_traced(get_scenario("deadlock").path).trace
    stuck = trace.indices_of(EventKind.DEADLOCK)[0]
    views = {v.name: v for v in threads_at(trace, stuck)}
    assert views["transfer"].waits_on == "Lock-2 (line 13)" and views["transfer"].held_by == "audit"
    assert views["audit"].waits_on == "Lock-1 (line 12)" and views["audit"].held_by == "transfer"
    assert views["audit"].woken_by == "" and views["transfer"].woken_by == ""  # nobody ever will


def test_the_command_line_prints_the_graph_after_the_program_s_output() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "run", "--scenario", "say-after", "--await-graph", "40"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout == get_scenario("say-after").expected_stdout  # the program's output is untouched
    assert done.stderr.startswith("await graph at step 40 of ")
    assert "└── (T) Task-1\n" in done.stderr and "(T) Task-3" in done.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "simulator", "run", "--scenario", "say-after", "--await-graph", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "counts steps from 1" in bad.stderr
