"""A deadlock's message in the user's language, worded again from the DEADLOCK event's wait-for cycle.

The simulator words a deadlock in English for its command line (the run's outcome message);
the window words it from the cycle's plain data (each thread, the locks it holds, what it
waits for and who holds that, its line): in full, and short for a pane with little room (who
waits for what, held by whom, where). A cycle without those data (a trace from an older
Coroscope) keeps the simulator's words. Words only: never draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from simulator.kinds import EventKind
from simulator.trace import Trace

translate = QCoreApplication.translate


@dataclass(frozen=True)
class DeadlockWords:
    """The message in full (as the simulator says it, in the user's language) and short."""

    full: str
    short: str


def deadlock_cycle(trace: Trace) -> list[Mapping[str, Any]] | None:
    """The wait-for cycle of the run's deadlock, or None when the run did not deadlock."""
    if trace.outcome.limit != "deadlock":
        return None
    deadlock = int(EventKind.DEADLOCK)
    for i in range(len(trace) - 1, -1, -1):  # it is among the last events: the run stops there
        if trace.kind[i] == deadlock:
            cycle = (trace.data.get(i) or {}).get("cycle")
            return list(cycle) if isinstance(cycle, list) else None
    return None


_LAST: list[tuple[Trace, str, DeadlockWords | None]] = []  # panes ask at every frame: worded once per language


def deadlock_words(trace: Trace) -> DeadlockWords | None:
    """The deadlock's message in the user's language, or None (no deadlock, or a cycle without its data)."""
    language = translate("Deadlock", "deadlock: {cycle}")
    if _LAST and _LAST[0][0] is trace and _LAST[0][1] == language:
        return _LAST[0][2]
    words = _word(trace)
    _LAST[:] = [(trace, language, words)]
    return words


def deadlock_message(trace: Trace, english: str) -> str:
    """The deadlock's message in full in the user's language, or `english` (the simulator's) without one."""
    words = deadlock_words(trace)
    return words.full if words is not None else english


def _word(trace: Trace) -> DeadlockWords | None:
    cycle = deadlock_cycle(trace)
    if not cycle or not all("on" in w and "owner" in w for w in cycle):
        return None
    full = translate("Deadlock", "deadlock: no thread can run. {cycle}").format(
        cycle=translate("Deadlock", "; ").join(_waiter(w, short=False) for w in cycle)
    )
    if trace.outcome.line > 0:
        full = translate("Deadlock", "{message} (stopped at line {line})").format(message=full, line=trace.outcome.line)
    short = translate("Deadlock", "deadlock: {cycle}").format(
        cycle=translate("Deadlock", "; ").join(_waiter(w, short=True) for w in cycle)
    )
    return DeadlockWords(full, short)


def _waiter(w: Mapping[str, Any], short: bool) -> str:
    """One thread of the cycle: what it holds (in full only), what it waits for and whose that is, where."""
    thread, owner, on, what = str(w.get("thread", "?")), w.get("owner"), w.get("on"), w.get("waits_for", "?")
    if on == "thread":
        waits = translate("Deadlock", "waits for {other} to finish").format(other=owner)
    elif on == "io":
        waits = translate("Deadlock", "waits for IO")
    elif owner:
        waits = translate("Deadlock", "waits for {what} (held by {owner})").format(what=what, owner=owner)
    else:
        waits = translate("Deadlock", "waits for {what}").format(what=what)
    holds = [str(lock) for lock in w.get("holds") or ()]
    if holds and not short:
        part = translate("Deadlock", "{thread} holds {locks} and {waits}").format(
            thread=thread, locks=translate("Deadlock", ", ").join(holds), waits=waits
        )
    else:
        part = translate("Deadlock", "{thread} {waits}").format(thread=thread, waits=waits)
    line = int(w.get("line", -1))
    if line > 0:  # -1: inside the library, or the program's end
        part = translate("Deadlock", "{part} at line {line}").format(part=part, line=line)
    return part
