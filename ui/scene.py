"""The scene: everything the panes draw at one playhead position, derived from the trace alone.

Owns turning (trace, position) into the facts every pane shares: the snapshot after
the current event, the event now happening (index + 1, shown by the fraction), the
eased fraction, who handed control to whom, and what each party of a hand-off is doing
at the playhead (running, waiting, not started yet, finished). Snapshots are cached because
seeking is the hot path. Never paints and never keeps a clock of its own.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from simulator.kinds import FRAME_KINDS, ActorKind, EventKind
from simulator.state import FrameView, Snapshot, snapshot_at
from simulator.trace import Event, Trace
from ui.navigation import StepUnit, TraceIndex


def ease(fraction: float) -> float:
    """Smoothstep easing: motion starts and lands gently."""
    f = min(1.0, max(0.0, fraction))
    return f * f * (3.0 - 2.0 * f)


@dataclass(frozen=True)
class Scene:
    """What is true at one playhead position."""

    trace: Trace
    index: int  # the last event that has happened
    fraction: float  # eased progress towards event index + 1
    snapshot: Snapshot
    coming: Event | None  # event index + 1, being animated in (None at the end or when fraction == 0)
    navigation: TraceIndex

    @property
    def event(self) -> Event | None:
        return self.snapshot.event

    def actor_name(self, actor: int) -> str:
        actors = self.trace.actors
        return actors[actor].name if 0 <= actor < len(actors) else "?"


class SceneCache:
    """Builds scenes for one trace, keeping recent snapshots (seeking back and forth is common)."""

    def __init__(self, trace: Trace, navigation: TraceIndex | None = None, size: int = 256) -> None:
        self.trace = trace
        self.navigation = navigation or TraceIndex(trace)
        self._snapshots: OrderedDict[int, Snapshot] = OrderedDict()
        self._size = size

    def snapshot(self, index: int) -> Snapshot:
        snap = self._snapshots.get(index)
        if snap is None:
            snap = snapshot_at(self.trace, index)
            self._snapshots[index] = snap
            if len(self._snapshots) > self._size:
                self._snapshots.popitem(last=False)
        else:
            self._snapshots.move_to_end(index)
        return snap

    def scene(self, position: float) -> Scene:
        last = len(self.trace) - 1
        position = min(float(last), max(0.0, position))
        index = int(position)
        raw = position - index
        coming = self.trace.event(index + 1) if raw > 0 and index < last else None
        return Scene(self.trace, index, ease(raw), self.snapshot(index), coming, self.navigation)


@dataclass(frozen=True)
class HandOff:
    """One passing of control between a driver (who calls send) and a generator or coroutine."""

    index: int
    kind: EventKind  # CALL (first start), RESUME or YIELD
    how: int  # ResumeHow for RESUME, -1 otherwise
    generator_actor: int
    generator: str
    driver: str
    value: str  # repr of what travels: sent value, or yielded value
    driver_actor: int = -1  # -1: the event loop (or nobody the trace names)

    @property
    def into_generator(self) -> bool:
        """True when control (and the baton) goes from the driver into the generator."""
        return self.kind is not EventKind.YIELD


def driver_of(stack: tuple[FrameView, ...], kind: EventKind) -> FrameView | None:
    """The frame on the other side of a hand-off, from the stack right after it.

    After a YIELD the generator has left the stack, so the driver runs on top; after
    a RESUME or a first CALL the generator runs on top and the driver waits below it.
    """
    if kind is EventKind.YIELD:
        return stack[-1] if stack else None
    return stack[-2] if len(stack) >= 2 else None


NEIGHBOURS = 8
_CREATIONS = frozenset({int(EventKind.GEN_CREATE), int(EventKind.TASK_CREATE)})


def _driver(trace: Trace, index: int, kind: EventKind) -> tuple[str, int]:
    """Who is on the other side of hand-off `index` (name, actor), from the events around it (no snapshot needed).

    A send runs in the driver just before the generator resumes; after a yield the driver
    runs next. When that neighbour is not a frame (a task step, a loop turn), the other side
    is the event loop: ("?", -1).
    """
    generator = trace.actor[index]
    if kind is EventKind.YIELD:
        steps = range(index + 1, min(len(trace), index + 1 + NEIGHBOURS))
    else:
        steps = range(index - 1, max(-1, index - 1 - NEIGHBOURS), -1)
    for j in steps:
        if trace.kind[j] in _CREATIONS:
            continue  # a creation event is the new generator's or task's, not a turn of whoever created it
        actor = trace.actor[j]
        if actor != generator and 0 <= actor < len(trace.actors):
            other = trace.actors[actor]
            return (short_name(other.name), actor) if other.kind in FRAME_KINDS else ("?", -1)
    return "?", -1


def handoff_at(cache: SceneCache, index: int) -> HandOff:
    """The hand-off event `index` (which must be one), with both parties named."""
    trace = cache.trace
    event = trace.event(index)
    name = trace.actors[event.actor].name
    value = event.text if event.kind is not EventKind.CALL else "None"
    how = event.arg if event.kind is EventKind.RESUME else -1
    driver, driver_actor = _driver(trace, index, event.kind)
    return HandOff(index, event.kind, how, event.actor, short_name(name), driver, value or "None", driver_actor)


def recent_handoffs(cache: SceneCache, index: int, count: int) -> list[HandOff]:
    """Up to `count` hand-offs at or before `index`, oldest first."""
    nav = cache.navigation
    found: list[HandOff] = []
    at = nav.last_at_or_before(StepUnit.HANDOFF, index)
    while at is not None and len(found) < count:
        found.append(handoff_at(cache, at))
        at = nav.previous_index(StepUnit.HANDOFF, at)
    found.reverse()
    return found


class Party(StrEnum):
    """What one side of a hand-off is doing at the playhead."""

    RUNS = "runs"
    WAITS = "waits"  # paused at a yield, or waiting for a call (a send) to return
    NOT_STARTED = "not started"  # not called yet, or created and never resumed
    FINISHED = "finished"  # returned, or closed


def party_state(scene: Scene, actor: int) -> Party:
    """What `actor` (a frame, generator or coroutine; -1 for the event loop) is doing in this scene."""
    stack, suspended = scene.snapshot.stack, scene.snapshot.suspended
    if actor < 0:
        # the loop lives from its first turn to its last; in between it runs whenever no coroutine or
        # generator does (the frame that called asyncio.run waits for it)
        nav = scene.navigation
        if nav.last_at_or_before(StepUnit.LOOP, scene.index) is None:
            return Party.NOT_STARTED
        if nav.next_index(StepUnit.LOOP, scene.index) is None:
            return Party.FINISHED
        top = scene.trace.actors[stack[-1].actor].kind if stack and stack[-1].actor >= 0 else None
        return Party.WAITS if top in (ActorKind.GENERATOR, ActorKind.COROUTINE) else Party.RUNS
    if stack and stack[-1].actor == actor:
        return Party.RUNS
    if any(f.actor == actor for f in stack):
        return Party.WAITS
    for frame in suspended:
        if frame.actor == actor:
            return Party.NOT_STARTED if frame.status == "created" else Party.WAITS
    actors = scene.trace.actors
    born = actors[actor].born if 0 <= actor < len(actors) else 0
    return Party.NOT_STARTED if scene.index < born else Party.FINISHED


@lru_cache(maxsize=1024)
def short_name(qualname: str) -> str:
    """`consumer` for `consumer`, `Worker.run` kept as is, but `main.<locals>.inner` -> `inner`."""
    return qualname.rsplit("<locals>.", 1)[-1]
