"""Rebuilding what the program looked like at any event: frames, their lines and locals, output.

Owns seeking. Checkpoints every `CHECKPOINT_EVERY` events make any seek replay at
most that many events. Views call `snapshot_at(trace, index)`; they never replay
events themselves.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from simulator.kinds import ActorKind, EventKind
from simulator.per_trace import per_trace
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
    """Mutable replay state of one frame.

    Copies share the locals dict until one of them changes it (copy on write), and
    each frame keeps the view last built from it until it changes, so a snapshot of a
    program with ten thousand suspended coroutines costs little more than one of two.
    """

    __slots__ = ("line", "locals", "shared", "status", "view")

    def __init__(self, line: int, status: str) -> None:
        self.line = line
        self.locals: dict[str, str] = {}
        self.shared = False
        self.status = status
        self.view: FrameView | None = None

    def copy(self) -> _Frame:
        f = _Frame(self.line, self.status)
        f.locals = self.locals
        f.shared = self.shared = True
        f.view = self.view
        return f

    def own_locals(self) -> dict[str, str]:
        if self.shared:
            self.locals = dict(self.locals)
            self.shared = False
        return self.locals


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
                f.view = None
        elif k in (_CALL, _RESUME):
            f = frames.get(a)
            if f is None:
                f = frames[a] = _Frame(lines[i], "running")
            f.line = lines[i]
            f.view = None
            stack.append(a)
        elif k == _YIELD:
            if stack and stack[-1] == a:
                stack.pop()
            f = frames.get(a)
            if f is not None:
                f.line = lines[i]
                f.status = "suspended"
                f.view = None
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
                    f.own_locals()[texts[ln[dp]]] = texts[v]
                else:
                    f.own_locals().pop(texts[ln[dp]], None)
                f.view = None
            dp += 1
    state.delta_pos = dp


class Checkpoints:
    """Replay states every CHECKPOINT_EVERY events, built once per trace, incrementally.

    Besides the checkpoints, a cursor follows the playhead: moving forward by a few
    events (playback, stepping) advances it in place instead of copying a checkpoint.
    """

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.states: list[_Replay] = [_Replay()]  # states[k] is the state before event k*EVERY
        self.lock = threading.RLock()
        self._cursor: _Replay | None = None
        self._cursor_at = 0
        self.coroutine_actors = frozenset(
            a.id for a in trace.actors if a.kind in (ActorKind.GENERATOR, ActorKind.COROUTINE)
        )

    def state_before(self, index: int) -> _Replay:
        """A fresh copy of the state before event `index`."""
        with self.lock:
            k = index // CHECKPOINT_EVERY
            while len(self.states) <= k:
                s = self.states[-1].copy()
                start = (len(self.states) - 1) * CHECKPOINT_EVERY
                _advance(self.trace, s, start, min(start + CHECKPOINT_EVERY, len(self.trace)))
                self.states.append(s)
            state = self.states[k].copy()
            _advance(self.trace, state, k * CHECKPOINT_EVERY, index)
            return state

    def cursor_before(self, index: int) -> _Replay:
        """The state before event `index`, shared: read it under `lock`, never change it."""
        with self.lock:
            cur = self._cursor
            if cur is not None and self._cursor_at <= index <= self._cursor_at + CHECKPOINT_EVERY:
                _advance(self.trace, cur, self._cursor_at, index)
            else:
                cur = self._cursor = self.state_before(index)
            self._cursor_at = index
            return cur

    def build_all(self) -> None:
        """Build every checkpoint now (e.g. in a background thread after loading)."""
        if len(self.trace):
            self.state_before(len(self.trace) - 1)


@per_trace
def checkpoints(trace: Trace) -> Checkpoints:
    """The trace's checkpoints (made on first use, kept while the trace lives)."""
    return Checkpoints(trace)


def snapshot_at(trace: Trace, index: int) -> Snapshot:
    """The program after event `index` (clamped to the trace; -1 means before anything ran)."""
    n = len(trace)
    index = max(-1, min(index, n - 1))
    cp = checkpoints(trace)
    with cp.lock:
        state = cp.cursor_before(index + 1)
        frames, actors = state.frames, trace.actors
        stack_ids = state.stacks.get(state.thread, [])
        on_stack = set(stack_ids)
        for s in state.stacks.values():
            on_stack.update(s)

        def view(actor: int, status: str) -> FrameView:
            f = frames[actor]
            v = f.view
            if v is None or v.status != status:
                a = actors[actor]
                v = f.view = FrameView(actor, a.name, a.kind, a.file, f.line, status, dict(f.locals))
            return v

        last = len(stack_ids) - 1
        stack = tuple(view(a, "running" if j == last else "waiting") for j, a in enumerate(stack_ids) if a in frames)
        coroutines = cp.coroutine_actors
        suspended_list = []
        for a, f in frames.items():  # ten thousand paused tasks pass here: keep the common case short
            if a in coroutines and a not in on_stack:
                v = f.view
                status = "created" if f.status == "created" else "suspended"
                suspended_list.append(v if v is not None and v.status == status else view(a, status))
        suspended = tuple(suspended_list)
        console_end = state.console_end
    return Snapshot(
        index,
        trace.t[index] if index >= 0 else 0,
        trace.event(index) if index >= 0 else None,
        stack,
        suspended,
        console_end,
    )
