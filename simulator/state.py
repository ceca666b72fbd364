"""Rebuilding what the program looked like at any event: frames, their lines and locals, output.

Owns seeking. Checkpoints every `CHECKPOINT_EVERY` events make any seek replay at
most that many events. Views call `snapshot_at(trace, index)`; they never replay
events themselves.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from simulator.kinds import ActorKind, EventKind
from simulator.trace import Event, Trace

CHECKPOINT_EVERY = 2048


@dataclass(frozen=True)
class FrameView:
    """One frame as the code pane shows it."""

    actor: int
    name: str  # the function's name ("<module>" for the top level)
    kind: ActorKind
    file: str
    line: int  # the line running now, or where it is paused
    status: str  # "running", "waiting" (on the stack, a callee runs), "suspended", "created"
    locals: dict[str, str]  # name -> repr, in order of first assignment


@dataclass(frozen=True)
class Snapshot:
    """The program at event `index` (after that event happened)."""

    index: int
    t: int  # virtual ns
    event: Event | None
    stack: tuple[FrameView, ...]  # the call stack, outermost first; the last one runs
    suspended: tuple[FrameView, ...]  # generators/coroutines alive but not on the stack
    console_end: int  # trace.console[:console_end] is the output so far


class _Frame:
    """Mutable replay state of one frame."""

    __slots__ = ("line", "locals", "status")

    def __init__(self, line: int, status: str) -> None:
        self.line = line
        self.locals: dict[str, str] = {}
        self.status = status

    def copy(self) -> _Frame:
        f = _Frame(self.line, self.status)
        f.locals = dict(self.locals)
        return f


class _Replay:
    """The replay state: frames, per-thread stacks, output position."""

    __slots__ = ("console_end", "delta_pos", "frames", "stacks", "thread")

    def __init__(self) -> None:
        self.frames: dict[int, _Frame] = {}
        self.stacks: dict[int, list[int]] = {NONE_THREAD: []}
        self.thread = NONE_THREAD
        self.console_end = 0
        self.delta_pos = 0  # next index into the trace's locals columns

    def copy(self) -> _Replay:
        r = _Replay()
        r.frames = {a: f.copy() for a, f in self.frames.items()}
        r.stacks = {k: list(v) for k, v in self.stacks.items()}
        r.thread = self.thread
        r.console_end = self.console_end
        r.delta_pos = self.delta_pos
        return r


NONE_THREAD = -1
_CALL, _LINE, _RETURN, _YIELD, _RESUME, _UNWIND, _GEN_CREATE, _SWITCH = (
    int(EventKind.CALL),
    int(EventKind.LINE),
    int(EventKind.RETURN),
    int(EventKind.YIELD),
    int(EventKind.RESUME),
    int(EventKind.UNWIND),
    int(EventKind.GEN_CREATE),
    int(EventKind.CONTEXT_SWITCH),
)
_OUTPUT = frozenset({int(EventKind.STDOUT), int(EventKind.STDERR)})


def _advance(trace: Trace, state: _Replay, start: int, stop: int) -> None:
    """Apply events [start, stop) to `state`."""
    kinds, actors, lines = trace.kind, trace.actor, trace.line
    frames = state.frames
    stack = state.stacks.setdefault(state.thread, [])
    le, ln, lv, texts = trace.locals_event, trace.locals_name, trace.locals_value, trace.texts
    dp, dn = state.delta_pos, len(le)
    for i in range(start, stop):
        k = kinds[i]
        a = actors[i]
        if k == _LINE:
            f = frames.get(a)
            if f is not None:
                f.line = lines[i]
        elif k in (_CALL, _RESUME):
            f = frames.get(a)
            if f is None:
                f = frames[a] = _Frame(lines[i], "running")
            f.line = lines[i]
            stack.append(a)
        elif k == _YIELD:
            if stack and stack[-1] == a:
                stack.pop()
            f = frames.get(a)
            if f is not None:
                f.line = lines[i]
                f.status = "suspended"
        elif k in (_RETURN, _UNWIND):
            if stack and stack[-1] == a:
                stack.pop()
            frames.pop(a, None)
        elif k == _GEN_CREATE:
            frames[a] = _Frame(lines[i], "created")
            frames[a].line = trace.actors[a].line if 0 <= a < len(trace.actors) else lines[i]
        elif k in _OUTPUT:
            state.console_end = trace.arg[i]
        elif k == _SWITCH:
            state.thread = a
            stack = state.stacks.setdefault(a, [])
        while dp < dn and le[dp] == i:
            f = frames.get(a)
            if f is not None:
                v = lv[dp]
                if v >= 0:
                    f.locals[texts[ln[dp]]] = texts[v]
                else:
                    f.locals.pop(texts[ln[dp]], None)
            dp += 1
    state.delta_pos = dp


class Checkpoints:
    """Replay states every CHECKPOINT_EVERY events, built once per trace, incrementally."""

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.states: list[_Replay] = [_Replay()]  # states[k] is the state before event k*EVERY

    def state_before(self, index: int) -> _Replay:
        """A fresh copy of the state before event `index`."""
        k = index // CHECKPOINT_EVERY
        while len(self.states) <= k:
            s = self.states[-1].copy()
            start = (len(self.states) - 1) * CHECKPOINT_EVERY
            _advance(self.trace, s, start, min(start + CHECKPOINT_EVERY, len(self.trace)))
            self.states.append(s)
        state = self.states[k].copy()
        _advance(self.trace, state, k * CHECKPOINT_EVERY, index)
        return state

    def build_all(self) -> None:
        """Build every checkpoint now (e.g. in a background thread after loading)."""
        if len(self.trace):
            self.state_before(len(self.trace) - 1)


_CHECKPOINTS: weakref.WeakKeyDictionary[Trace, Checkpoints] = weakref.WeakKeyDictionary()


def checkpoints(trace: Trace) -> Checkpoints:
    """The trace's checkpoints (made on first use, kept while the trace lives)."""
    cp = _CHECKPOINTS.get(trace)
    if cp is None:
        cp = _CHECKPOINTS[trace] = Checkpoints(trace)
    return cp


def snapshot_at(trace: Trace, index: int) -> Snapshot:
    """The program after event `index` (clamped to the trace; -1 means before anything ran)."""
    n = len(trace)
    index = max(-1, min(index, n - 1))
    state = checkpoints(trace).state_before(index + 1)
    stack_ids = state.stacks.get(state.thread, [])
    on_stack = set(stack_ids)
    for s in state.stacks.values():
        on_stack.update(s)

    def view(actor: int, status: str) -> FrameView:
        f = state.frames[actor]
        a = trace.actors[actor]
        return FrameView(actor, a.name, a.kind, a.file, f.line, status, dict(f.locals))

    stack = tuple(
        view(a, "running" if j == len(stack_ids) - 1 else "waiting")
        for j, a in enumerate(stack_ids)
        if a in state.frames
    )
    suspended = tuple(
        view(a, f.status if f.status in ("suspended", "created") else "suspended")
        for a, f in state.frames.items()
        if a not in on_stack and trace.actors[a].kind in (ActorKind.GENERATOR, ActorKind.COROUTINE)
    )
    return Snapshot(
        index,
        trace.t[index] if index >= 0 else 0,
        trace.event(index) if index >= 0 else None,
        stack,
        suspended,
        state.console_end,
    )
