"""Deadlock reports: who holds what and waits for what, as a wait-for cycle.

Owns turning the scheduler's "nobody can run" moment into the DEADLOCK payload
and a one-paragraph message naming threads, locks and lines. Pure functions over
plain descriptions; it never touches threads or locks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Waiter:
    """One blocked thread as the report sees it."""

    thread: str
    holds: tuple[str, ...]  # names of the locks it holds
    waits_for: str  # what it waits for (a lock, a condition, a thread to finish)
    owner: str | None  # the thread that holds what it waits for, if any
    line: int
    on: str = "lock"  # what kind of thing it waits for: "lock" (or condition, event...), "thread" (to finish), "io"


def find_cycle(waiters: list[Waiter], start: str) -> list[Waiter]:
    """The wait-for cycle through `start` if there is one, else every blocked thread.

    Follows "waits for something owned by" edges from `start`; the first thread
    seen twice closes the cycle, which is returned starting there.
    """
    by_thread = {w.thread: w for w in waiters}
    for name in (start, *by_thread):
        cycle = _cycle_from(by_thread, name)
        if cycle:
            return cycle
    return list(waiters)


def _cycle_from(by_thread: dict[str, Waiter], start: str) -> list[Waiter]:
    path: list[Waiter] = []
    seen: dict[str, int] = {}
    current: str | None = start
    while current is not None and current in by_thread and current not in seen:
        seen[current] = len(path)
        path.append(by_thread[current])
        current = by_thread[current].owner
    return path[seen[current] :] if current is not None and current in seen else []


def cycle_payload(cycle: list[Waiter]) -> list[dict[str, object]]:
    """The DEADLOCK event's `cycle` data."""
    return [{"thread": w.thread, "holds": list(w.holds), "waits_for": w.waits_for, "line": w.line,
             "owner": w.owner, "on": w.on} for w in cycle]


def describe(cycle: list[Waiter]) -> str:
    """A message a student can follow: each thread, what it holds, what it waits for, where."""
    parts = []
    for w in cycle:
        holds = f"holds {', '.join(w.holds)} and " if w.holds else ""
        # a thread waited for to finish is its own owner: naming it twice says nothing
        owner = f" (held by {w.owner})" if w.owner and w.waits_for != f"{w.owner} to finish" else ""
        where = f" at line {w.line}" if w.line >= 0 else ""  # -1: inside the library, or the program's end
        parts.append(f"{w.thread} {holds}waits for {w.waits_for}{owner}{where}")
    return "deadlock: no thread can run. " + "; ".join(parts)
