"""The tracer: records a real Python program's execution with `sys.monitoring`.

Owns the recording of the user's own code: calls, lines, returns, exceptions,
yields and resumes (with the value yielded, sent or thrown), `yield from` / `await`
delegation, generator creation and finalisation, and changes to local variables.
Code outside the user's files is never recorded: its callbacks return DISABLE and
stop firing. The tracer must never change what the program does: it keeps no
references that prolong a value's life beyond plain scalars, and it never calls
the program's own code: what it calls is identified by `id()` and exact types, never by
hashing, comparing or reading attributes of the program's objects (see simulator.safe_repr).

Virtual time advances by the cost model on every recorded event; other engines
(the virtual loop, the threads scheduler) advance the same `builder.now`.
"""

from __future__ import annotations

import dis
import importlib.util
import os
import sys
import sysconfig
import types
from collections import deque
from collections.abc import Callable
from typing import Any

from simulator import code_scan
from simulator.costs import CostModel
from simulator.kinds import ActorKind, EventKind, ResumeHow
from simulator.safe_repr import (
    SCALARS,
    SafeRepr,
    is_scalar,
    opaque_repr,
    qualname,
    type_lookup,
)
from simulator.signals import SignalDeferral
from simulator.trace import NONE, ROW_BYTES, ROW_STRUCT, TEXT, TraceBuilder

TOOL_ID = 4  # sys.monitoring tool ids 0-5; 0 (debugger), 1 (coverage), 2 (profiler) and 5 stay free for others
_LINE = int(EventKind.LINE)
_RESUME = int(EventKind.RESUME)
_YIELD = int(EventKind.YIELD)
BIG_INT = 10**100  # ints beyond this take the safe repr (CPython refuses to print ints of 4300+ digits)
MODULE_SCAN_MIN_LINES = 64  # a module's globals are looked at whole at least this often (in its lines)
TICK_MASK = 4095  # the tick runs when the event count is a multiple of 4096
M = sys.monitoring
E = M.events
_LOCAL_EVENTS = E.PY_RESUME | E.PY_RETURN | E.PY_YIELD | E.CALL | E.LINE  # on the program's code only
# CPython 3.12 stores each instruction's line as a byte offset from the code's first line; a line 128 or
# more past it is found by scanning the whole line table, for every LINE event (a 40,000-line function
# takes 40 s with a callback that does nothing). Such code gets INSTRUCTION events instead, turned off
# wherever no line starts, and the tracer finds the line in a table of its own (_CodeInfo.line_starts).
_FAR_LINE = 128
_FAR_EVENTS = (_LOCAL_EVENTS & ~E.LINE) | E.INSTRUCTION
DISABLE = M.DISABLE

_GEN_FLAGS = {dis.COMPILER_FLAG_NAMES.get(flag, ""): flag for flag in dis.COMPILER_FLAG_NAMES}
CO_GENERATOR = _GEN_FLAGS["GENERATOR"]
CO_COROUTINE = _GEN_FLAGS["COROUTINE"]
CO_ITERABLE_COROUTINE = _GEN_FLAGS["ITERABLE_COROUTINE"]
CO_ASYNC_GENERATOR = _GEN_FLAGS["ASYNC_GENERATOR"]
_SEND = dis.opmap["SEND"]
_STORES = {dis.opmap[n] for n in ("STORE_FAST", "STORE_NAME", "STORE_GLOBAL", "STORE_DEREF")}
_LOCAL_WRITES = {
    op
    for name, op in dis.opmap.items()
    if (name.startswith(("STORE_", "DELETE_")) and name not in ("STORE_ATTR", "STORE_SUBSCR", "STORE_SLICE"))
    or name == "LOAD_FAST_AND_CLEAR"
}
_LOCAL_WRITE_OPS = frozenset(_LOCAL_WRITES)
_PAIR_WRITES = {op for name, op in dis.opmap.items() if name in ("STORE_FAST_STORE_FAST", "STORE_FAST_LOAD_FAST")}
_MISSING = object()
# By id(): the callable a call site calls is the program's, and hashing it could run its `__hash__`
# (or fail: an unhashable object, a dead weak reference). These methods live as long as the interpreter.
_METHOD_HOW = {
    id(types.GeneratorType.send): ResumeHow.SEND,
    id(types.CoroutineType.send): ResumeHow.SEND,
    id(types.GeneratorType.__next__): ResumeHow.NEXT,
    id(next): ResumeHow.NEXT,
    id(types.GeneratorType.throw): ResumeHow.THROW,
    id(types.CoroutineType.throw): ResumeHow.THROW,
    id(types.GeneratorType.close): ResumeHow.CLOSE,
    id(types.CoroutineType.close): ResumeHow.CLOSE,
}
_INSTALL_DIRS = {sysconfig.get_path(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
_OWN_DIR = os.path.dirname(os.path.realpath(__file__)) + os.sep
_SCENARIOS_DIR = os.path.join(_OWN_DIR, "scenarios") + os.sep
_NOT_USER_DIRS = (*(os.path.realpath(p) + os.sep for p in _INSTALL_DIRS | {sys.prefix, sys.base_prefix} if p), _OWN_DIR)


def fast_emitter(b: TraceBuilder) -> Callable[[int, int, int, int, int], int]:
    """`emit(kind, actor, line, text_index, arg) -> event index`: TraceBuilder.emit without its conveniences.

    Hot paths (the tracer's callbacks, the virtual loop) bind the staging buffer once.
    """
    rows = b.rows
    extend, pack, limit = rows.extend, ROW_STRUCT.pack, b.stage_limit

    def emit(kind: int, actor: int, line: int, text: int, arg: int) -> int:
        n = len(rows)
        extend(pack(b.now, kind, actor, line, text, arg))
        if n < limit:
            return b.flushed + n // ROW_BYTES
        i = b.flushed + n // ROW_BYTES
        b.flush()
        return i

    return emit


def fast_local_writer(b: TraceBuilder) -> Callable[[int, str, str | None], None]:
    """`set_local(event, name, value_repr)`: TraceBuilder.set_local through bound column appends."""
    events, names, values, intern = b.locals_event.append, b.locals_name.append, b.locals_value.append, b.intern

    def set_local(event: int, name: str, value_repr: str | None) -> None:
        events(event)
        names(intern(name))
        values(intern(value_repr) if value_repr is not None else NONE)

    return set_local


def decode_source(raw: bytes) -> str:
    """Source bytes as text, honouring a PEP 263 coding line (undecodable bytes replaced)."""
    try:
        return importlib.util.decode_source(raw)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return raw.decode("utf-8", "replace")


def _actor_kind(code: types.CodeType) -> ActorKind:
    if code.co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE):
        return ActorKind.COROUTINE
    if code.co_flags & (CO_GENERATOR | CO_ASYNC_GENERATOR):
        return ActorKind.GENERATOR
    if code.co_name == "<module>":
        return ActorKind.MODULE
    return ActorKind.FRAME


def _hidden_global(name: str, value: object) -> bool:
    """Module globals not worth showing as variables: dunders, imports, functions, classes."""
    return name.startswith("__") or issubclass(type(value), _HIDDEN_TYPES)  # not isinstance: asks `__class__`


_HIDDEN_TYPES = (types.ModuleType, type, types.FunctionType)


def code_called(callable_: object) -> types.CodeType | None:
    """The code object a call runs, if the callable is a plain function or a method bound to one.

    Read from exact types' own slots: a program's callable object, class, `functools.partial` or
    proxy is never asked for a `__code__` (its `__getattr__` or a dead referent would answer).
    """
    tc = type(callable_)
    if tc is types.FunctionType:
        return callable_.__code__  # type: ignore[attr-defined]
    if tc is types.MethodType:
        func = callable_.__func__  # type: ignore[attr-defined]
        if type(func) is types.FunctionType:
            return func.__code__
    return None




def _future_text(fut: Any, future_type: type) -> str:
    """`<Future pending>`, `<Task finished name='Task-3'>`: an asyncio future by its state.

    Read through the C types' own descriptors and methods: a subclass of the program's
    (with its own `__getattribute__`, say) runs nothing.
    """
    state = future_type.__dict__["_state"].__get__(fut)
    state = state.lower() if type(state) is str else "pending"
    task_type = getattr(sys.modules.get("_asyncio"), "Task", None)
    if task_type is None or not issubclass(type(fut), task_type):
        return f"<Future {state}>"
    name = task_type.get_name(fut)
    return f"<Task {state} name={name!r}>" if type(name) is str else f"<Task {state}>"


def _stores_by_line(code: types.CodeType) -> dict[int, tuple[str, ...]]:
    if not _PAIR_WRITES:  # Python 3.12: one pass over the bytes (dis takes seconds on a long program)
        return code_scan.stores_by_line(code, _LOCAL_WRITE_OPS)
    found: dict[int, set[str]] = {}
    line = code.co_firstlineno
    for ins in dis.get_instructions(code):
        if ins.positions is not None and ins.positions.lineno is not None:
            line = ins.positions.lineno
        if ins.opcode in _LOCAL_WRITES and isinstance(ins.argval, str):
            found.setdefault(line, set()).add(ins.argval)
        elif ins.opcode in _PAIR_WRITES and isinstance(ins.argval, tuple):
            found.setdefault(line, set()).update(n for n in ins.argval if isinstance(n, str))
    return {ln: tuple(sorted(names)) for ln, names in found.items()}


def _line_starts(code: types.CodeType) -> dict[int, int] | None:
    """For code reaching _FAR_LINE lines past its first: the offsets where a line starts (its first
    instruction, or a jump target), with their line. None for shorter code (LINE events serve it)."""
    if not any(line is not None and line - code.co_firstlineno >= _FAR_LINE for _, _, line in code.co_lines()):
        return None
    return code_scan.line_starts(code)


class _CodeInfo:
    """What the tracer needs to know about one user code object, computed once."""

    __slots__ = (
        "always",
        "code",
        "file",
        "full_scan",
        "is_gen",
        "kind",
        "line_starts",
        "name",
        "passthrough_yields",
        "resume_store",
        "send_offsets",
        "signal_checks",
        "stores",
        "watch",
    )

    def __init__(self, code: types.CodeType, file: str) -> None:
        self.code = code  # kept alive so its id() is never reused
        self.kind = _actor_kind(code)
        self.is_gen = self.kind in (ActorKind.GENERATOR, ActorKind.COROUTINE)
        self.name = code.co_qualname
        self.file = file
        self.line_starts = _line_starts(code)
        self.resume_store: dict[int, str | None] = {}
        self.passthrough_yields: set[int] = set()
        self.send_offsets: set[int] = set()
        self.signal_checks: set[int] = set()  # resumes where CPython checks for signals (after a plain yield)
        # Which locals each line can change: after a line runs, only those need looking at
        # (plus cells, which inner functions change, and containers, which change in place).
        self.stores: dict[int, tuple[str, ...]] = _stores_by_line(code)
        self.always = tuple(code.co_cellvars + code.co_freevars)
        # after line n ran: the locals to look at (its stores, then the cells)
        self.watch: dict[int, tuple[str, ...]] = {ln: names + self.always for ln, names in self.stores.items()}
        # A module's globals change from anywhere: after each line, besides what it stores, look at the
        # globals any of the file's functions declares `global` (and, now and then, at all of them:
        # see Tracer._module_scan_due). Looking at every global after every line made a long module quadratic.
        self.full_scan = self.kind is ActorKind.MODULE
        if self.full_scan:
            self.always = code_scan.global_writes(code)
            self.watch = {
                ln: tuple(n for n in names if not n.startswith("__")) + self.always for ln, names in self.stores.items()
            }
        if self.is_gen or code.co_flags & CO_ASYNC_GENERATOR:
            self._scan(code)

    def _scan(self, code: types.CodeType) -> None:
        prev = None
        instrs = list(dis.get_instructions(code))
        for i, ins in enumerate(instrs):
            if ins.opcode == _SEND:
                self.send_offsets.add(ins.offset)
            if ins.opname == "YIELD_VALUE" and prev is not None and prev.opcode == _SEND:
                self.passthrough_yields.add(ins.offset)
            if ins.opname == "RESUME" and ins.arg is not None and ins.arg < 2:
                self.signal_checks.add(ins.offset)
            if ins.opname == "RESUME" and ins.arg and i + 1 < len(instrs):
                nxt = instrs[i + 1]
                self.resume_store[ins.offset] = nxt.argval if nxt.opcode in _STORES else None
            prev = ins


class Tracer:
    """Records user code into a TraceBuilder while `sys.monitoring` events fire.

    Engines use: `current_actor()`, `current_line()`, `line_hook` (called after
    every recorded line; the threads scheduler preempts there) and `swap_stack`
    (per-thread frame stacks).
    """

    def __init__(
        self,
        builder: TraceBuilder,
        costs: CostModel,
        user_root: str,
        max_steps: int = 0,
        on_limit: Callable[[], None] | None = None,
        tick: Callable[[], None] | None = None,
    ) -> None:
        self.builder = builder
        self.costs = costs
        self.user_root = os.path.realpath(user_root) + os.sep
        self.max_steps = max_steps or (1 << 62)
        self.on_limit = on_limit  # called when the step cap is reached (raises)
        self.tick = tick  # called every TICK_EVERY lines: wall-time checks, progress
        self.line_hook: Callable[[], None] | None = None
        self.stack: list[int] = []  # actor ids, innermost last (this thread's)
        self._codes: dict[int, _CodeInfo] = {}
        self._not_user: set[int] = set()
        self._file_is_user: dict[str, bool] = {}
        self._frames: dict[int, int] = {}  # id(generator frame) -> actor
        self._pending_gens: dict[int, deque[int]] = {}  # id(code) -> created, not yet started
        self._how: tuple[int, ResumeHow] | None = None  # id(generator) the last call acts on
        self._last_locals: dict[int, dict[str, tuple[Any, str, bool]]] = {}  # name -> (value or key, repr, mutable)
        self._volatile: dict[int, set[str]] = {}  # per actor: locals holding mutable values
        self._actor_line: dict[int, int] = {}  # per actor: its last line event's line
        self._module_lines: dict[int, int] = {}  # per module actor: lines since its globals were looked at whole
        self.line_ns = costs.line_ns
        self._pending_sent: tuple[int, int, str] | None = None  # (event, actor, variable)
        self._last_line = NONE
        self.safe_repr = SafeRepr(self.is_user_code)
        self._future_type: type | None = None  # asyncio's C Future, once the program's engines imported it
        self._emit = fast_emitter(builder)
        self._instrumented: dict[int, types.CodeType] = {}  # code objects carrying local events (kept alive)
        self._set_local = fast_local_writer(builder)
        self._repr_value = self.safe_repr.__call__  # bound: skips the instance-call slot's lookup
        self.resume_ns = costs.resume_ns
        self._none_text = NONE  # the interned "None" (a plain resume's text), once needed
        self._future_texts: dict[str, int] = {}  # a bare asyncio Future's state -> its interned text
        self.active = False
        # The innermost of the program's frames to yield last (a yield that no other of its frames passed
        # up): where a task step suspended. Engines reset `yield_line` to NONE before a step.
        self.yield_line = NONE
        self.yield_file = ""
        self._yield_event = NONE  # the last YIELD event recorded, and its actor
        self._yield_actor = NONE
        # signals whose handlers fired inside a callback, for the program at CPython's next check
        self.signals = SignalDeferral(lambda frame: id(frame.f_code) in self._codes)

    # ---- which code is the user's
    def is_user_file(self, filename: str) -> bool:
        known = self._file_is_user.get(filename)
        if known is None:
            real = os.path.realpath(filename) if not filename.startswith("<") else filename
            known = real.startswith(self.user_root) and (
                real.startswith(_SCENARIOS_DIR) or not real.startswith(_NOT_USER_DIRS)
            )
            self._file_is_user[filename] = known
        return known

    def is_user_code(self, code: types.CodeType) -> bool:
        return self._info(code) is not None

    def _info(self, code: types.CodeType) -> _CodeInfo | None:
        key = id(code)
        info = self._codes.get(key)
        if info is not None:
            return info
        if key in self._not_user:
            return None
        if self.is_user_file(code.co_filename):
            info = self._codes[key] = _CodeInfo(code, code.co_filename)
            if code.co_filename not in self.builder.sources:
                self._add_source(code.co_filename)
            if self.active:
                self._instrument(code)
            return info
        self._not_user.add(key)
        return None

    def _instrument(self, code: types.CodeType) -> None:
        """Turn on the local events for a user code object and the functions defined in it.

        Only the program's code carries these events: the rest of the process (asyncio,
        the simulator, these very callbacks) runs uninstrumented, at full speed.
        """
        todo = [code]
        while todo:
            c = todo.pop()
            if id(c) in self._instrumented:
                continue
            self._instrumented[id(c)] = c
            info = self._codes.get(id(c))
            far = info.line_starts is not None if info is not None else _line_starts(c) is not None
            M.set_local_events(TOOL_ID, c, _FAR_EVENTS if far else _LOCAL_EVENTS)
            todo.extend(k for k in c.co_consts if isinstance(k, types.CodeType) and k.co_filename == c.co_filename)

    def _add_source(self, filename: str) -> None:
        try:
            with open(filename, "rb") as f:
                self.builder.sources[filename] = decode_source(f.read())
        except OSError:
            self.builder.sources[filename] = ""

    # ---- API for engines
    def current_actor(self) -> int:
        return self.stack[-1] if self.stack else NONE

    def current_line(self) -> int:
        return self._last_line

    def swap_stack(self, stack: list[int], line: int = NONE) -> list[int]:
        """Make `stack` the running thread's frame stack (at `line`); return the previous stack."""
        old, self.stack = self.stack, stack
        self._last_line = line
        return old

    # ---- start / stop
    def start(self) -> None:
        M.use_tool_id(TOOL_ID, "coroscope")
        self._future_type = getattr(sys.modules.get("_asyncio"), "Future", None)  # never imported here
        M.restart_events()  # locations disabled by an earlier run in this process fire again
        cb = M.register_callback
        cb(TOOL_ID, E.PY_START, self._on_start)
        cb(TOOL_ID, E.PY_RESUME, self._make_resume_callback())
        cb(TOOL_ID, E.PY_RETURN, self._on_return)
        cb(TOOL_ID, E.PY_YIELD, self._make_yield_callback())
        cb(TOOL_ID, E.PY_UNWIND, self._on_unwind)
        cb(TOOL_ID, E.PY_THROW, self._on_throw)
        cb(TOOL_ID, E.RAISE, self._on_raise)
        cb(TOOL_ID, E.CALL, self._on_call)
        cb(TOOL_ID, E.LINE, self._make_line_callback())
        cb(TOOL_ID, E.INSTRUCTION, self._make_instruction_callback(self._make_line_callback(depth=2)))
        # Everywhere: starts (how the program's code is found) and exceptions (not local events).
        M.set_events(TOOL_ID, E.PY_START | E.PY_UNWIND | E.PY_THROW | E.RAISE)
        self.signals.install()
        self.active = True
        for info in list(self._codes.values()):
            self._instrument(info.code)

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self.signals.uninstall()
        M.set_events(TOOL_ID, 0)
        for code in self._instrumented.values():
            M.set_local_events(TOOL_ID, code, 0)
        self._instrumented.clear()
        for ev in (
            E.PY_START,
            E.PY_RESUME,
            E.PY_RETURN,
            E.PY_YIELD,
            E.PY_UNWIND,
            E.PY_THROW,
            E.RAISE,
            E.CALL,
            E.LINE,
            E.INSTRUCTION,
        ):
            M.register_callback(TOOL_ID, ev, None)
        M.free_tool_id(TOOL_ID)

    # ---- helpers
    def _new_frame_actor(self, info: _CodeInfo, frame: types.FrameType) -> tuple[int, bool]:
        """The actor for a frame starting now; True if it was created earlier (a generator)."""
        if info.is_gen:
            pending = self._pending_gens.get(id(info.code))
            if pending:
                return pending.popleft(), True
        parent = self.stack[-1] if self.stack else NONE
        return self.builder.add_actor(info.kind, info.name, parent, info.file, info.code.co_firstlineno), False

    def _fill_sent_value(self, frame: types.FrameType) -> None:
        """The value sent into a resumed frame, read from the variable it was stored in (`frame`
        is the frame running now: the resumed one, if no other frame ran in between)."""
        event, actor, var = self._pending_sent  # type: ignore[misc]
        self._pending_sent = None
        value = frame.f_locals.get(var, None) if self.stack and self.stack[-1] == actor else None
        self.builder.set(event, TEXT, self.builder.intern(self.safe_repr(value)))

    def _resumed_actor(self, info: _CodeInfo, frame: types.FrameType) -> int:
        """The actor of a generator frame running again (one that started before tracing gets one now)."""
        actor = self._frames.get(id(frame))
        if actor is None:
            actor, _ = self._new_frame_actor(info, frame)
            self._frames[id(frame)] = actor
        return actor

    def _delegation(self, frame: types.FrameType, actor: int) -> bool:
        """Emit DELEGATE if `frame` is being driven by an outer `yield from` / `await`."""
        outer = frame.f_back
        if outer is None:
            return False
        outer_actor = self._frames.get(id(outer))
        if outer_actor is None:
            return False
        info = self._codes.get(id(outer.f_code))
        if info is None or outer.f_lasti not in info.send_offsets:
            return False
        self.builder.emit(EventKind.DELEGATE, outer_actor, outer.f_lineno or NONE, arg=actor)
        return True

    def _record_locals(
        self, frame: types.FrameType, actor: int, event: int, names: tuple[str, ...] | None = None
    ) -> None:
        """Record locals that changed since this actor's last record: all of them, or just `names`."""
        loc = frame.f_locals
        if type(loc) is not dict:
            return  # a class body's namespace from a metaclass's __prepare__: reading it runs the program
        prev = self._last_locals.get(actor)
        if prev is None:
            prev = self._last_locals[actor] = {}
        volatile = self._volatile.get(actor)
        if volatile is None:
            volatile = self._volatile[actor] = set()
        info = self._codes.get(id(frame.f_code))
        is_module = info is not None and info.full_scan  # imports, functions, classes are not shown as variables
        set_local, repr_value = self._set_local, self._repr_value
        items = loc.items() if names is None else [(n, loc.get(n, _MISSING)) for n in names]
        for name, v in items:
            if type(name) is not str:
                continue  # `globals()[key] = ...` with a key of the program's: looking it up would hash it
            p = prev.get(name)
            if v is _MISSING:
                if p is not None:
                    del prev[name]
                    volatile.discard(name)
                    set_local(event, name, None)
                continue
            if is_module and _hidden_global(name, v):
                continue
            tv = type(v)
            if is_scalar(v):
                if p is not None and (p[0] is v or (type(p[0]) is tv and p[0] == v)):
                    continue
                r = repr_value(v)
                prev[name] = (v, r, False)
                volatile.discard(name)
            else:
                key = (tv, id(v))
                # the same object as before: by identity (`==` on the types would run a metaclass's __eq__)
                if p is not None and not p[2] and type(p[0]) is tuple and p[0][0] is tv and p[0][1] == key[1]:
                    continue
                mutable = opaque_repr(v, self.safe_repr.hooks.shown_opaque) is None
                r = repr_value(v)
                prev[name] = (key, r, mutable)
                if mutable:
                    volatile.add(name)
                else:
                    volatile.discard(name)
                if p is not None and p[1] == r:
                    continue
            set_local(event, name, r)
        if names is None and (len(prev) > len(loc) or is_module):
            for name in [n for n in prev if n not in loc]:  # prev holds only str keys: `in` hashes a str
                del prev[name]
                volatile.discard(name)
                set_local(event, name, None)

    def _check_steps(self) -> None:
        if len(self.builder) >= self.max_steps and self.on_limit is not None:
            self.on_limit()

    # ---- callbacks
    def _on_call(self, code: types.CodeType, offset: int, callable_: object, arg0: object) -> object:
        info = self._codes.get(id(code))
        if info is None and self._info(code) is None:
            return DISABLE
        how = _METHOD_HOW.get(id(callable_))
        if how is not None:
            self._how = (id(arg0), how)
            return None
        fcode = code_called(callable_)
        if fcode is None or self._info(fcode) is None:
            # print(), a class, a library function: nothing to learn at this call site, ever
            # (the callable a site calls rarely changes), so it stops reporting
            return DISABLE
        if fcode.co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR):
            finfo = self._codes[id(fcode)]
            parent = self.stack[-1] if self.stack else NONE
            actor = self.builder.add_actor(finfo.kind, finfo.name, parent, finfo.file, fcode.co_firstlineno)
            self._pending_gens.setdefault(id(fcode), deque()).append(actor)
            self.builder.emit(EventKind.GEN_CREATE, actor, sys._getframe(1).f_lineno or NONE, text=finfo.name)
        return None

    def _entered(self, code: types.CodeType) -> tuple[_CodeInfo, types.FrameType] | None:
        """A callback's first steps: the code's info and the program's frame (None: not the user's code).

        The hot resume, yield and line callbacks write these steps out inline instead.
        """
        info = self._codes.get(id(code)) or self._info(code)
        if info is None:
            return None
        frame = sys._getframe(2)  # the callback's caller: the program's frame
        if self._pending_sent is not None:
            self._fill_sent_value(frame)
        return info, frame

    def _on_start(self, code: types.CodeType, offset: int) -> object:
        entered = self._entered(code)
        if entered is None:
            return DISABLE
        info, frame = entered
        actor, _ = self._new_frame_actor(info, frame)
        b = self.builder
        b.now += self.costs.call_ns
        if info.is_gen:
            self._frames[id(frame)] = actor
            self._delegation(frame, actor)
        self.stack.append(actor)
        how = self._how[1] if info.is_gen and self._how is not None else NONE
        b.emit(EventKind.CALL, actor, code.co_firstlineno, text=info.name, arg=how)
        self._how = None
        if self.signals.pending:  # CPython checks for signals as a frame starts
            self.signals.deliver_pending(frame)
        return None

    def _make_resume_callback(self) -> Callable[[types.CodeType, int], object]:
        """The PY_RESUME callback (a closure: every task step starts here)."""
        b, codes, frames, actor_line = self.builder, self._codes, self._frames, self._actor_line
        getframe, resume_ns = sys._getframe, self.resume_ns
        rows = b.rows
        extend, pack, limit = rows.extend, ROW_STRUCT.pack, b.stage_limit
        NEXT, SEND, DELEGATED = ResumeHow.NEXT, ResumeHow.SEND, ResumeHow.DELEGATED
        tracer, signals = self, self.signals

        def on_resume(code: types.CodeType, offset: int) -> object:
            info = codes.get(id(code)) or tracer._info(code)
            if info is None:
                return DISABLE
            frame = getframe(1)
            if tracer._pending_sent is not None:
                tracer._fill_sent_value(frame)
            actor = frames.get(id(frame))
            if actor is None:
                actor = tracer._resumed_actor(info, frame)
            b.now += resume_ns
            how = NEXT
            outer = frame.f_back  # driven by an outer `yield from` / `await` of the program's?
            if outer is not None and id(outer) in frames and tracer._delegation(frame, actor):
                how = DELEGATED
            elif tracer._how is not None:
                how = tracer._how[1]
            tracer._how = None
            tracer.stack.append(actor)  # not bound once: the threads engine swaps a stack per thread
            text = NONE
            if how is NEXT:
                text = tracer._none_text
                if text == NONE:
                    text = tracer._none_text = b.intern("None")
            n = len(rows)
            event = b.flushed + n // ROW_BYTES
            # the line it suspended at is its last line event's (f_lineno would decode the line table)
            extend(pack(b.now, _RESUME, actor, actor_line.get(actor) or frame.f_lineno or NONE, text, how))
            if n >= limit:
                b.flush()
            if how is SEND or how is DELEGATED:
                var = info.resume_store.get(offset)
                if var:
                    tracer._pending_sent = (event, actor, var)
            if signals.pending and offset in info.signal_checks:  # CPython checks after a plain `yield`
                signals.deliver_pending(frame)
            return None

        return on_resume

    def _on_throw(self, code: types.CodeType, offset: int, exc: BaseException) -> object:
        info = self._codes.get(id(code))
        if info is None:
            return None
        frame = sys._getframe(1)
        actor = self._resumed_actor(info, frame)
        how = ResumeHow.CLOSE if issubclass(type(exc), GeneratorExit) else ResumeHow.THROW
        if self._delegation(frame, actor):
            how = ResumeHow.DELEGATED
        self._how = None
        self.builder.now += self.costs.resume_ns
        self.stack.append(actor)
        self.builder.emit(EventKind.RESUME, actor, frame.f_lineno or NONE, text=self._exc_text(exc), arg=how)
        return None

    def _make_yield_callback(self) -> Callable[[types.CodeType, int, object], object]:
        """The PY_YIELD callback (a closure: every task step ends here)."""
        b, codes = self.builder, self._codes
        volatile_of, actor_line = self._volatile, self._actor_line
        rows, getframe = b.rows, sys._getframe
        extend, pack, limit = rows.extend, ROW_STRUCT.pack, b.stage_limit
        future_texts, record_names = self._future_texts, self._make_names_recorder()
        tracer = self

        def on_yield(code: types.CodeType, offset: int, value: object) -> object:
            info = codes.get(id(code)) or tracer._info(code)
            if info is None:
                return DISABLE
            frame = getframe(1)
            if tracer._pending_sent is not None:
                tracer._fill_sent_value(frame)
            stack = tracer.stack  # not bound once: the threads engine swaps a stack per thread
            actor = stack.pop() if stack else NONE
            n = len(rows)
            event = b.flushed + n // ROW_BYTES
            inner = NONE  # a yield passed up from the frame whose YIELD is the event just before
            if tracer._yield_event == event - 1 and offset in info.passthrough_yields:
                inner = tracer._yield_actor
            line = actor_line.get(actor) or frame.f_lineno or NONE  # its last line event's line
            if inner == NONE:
                tracer.yield_line, tracer.yield_file = line, info.file
            # a suspended frame shows its locals: those this line may have set, and mutable ones
            names = info.watch.get(line, info.always)
            volatile = volatile_of.get(actor)
            if volatile:
                names = names + tuple(volatile)
            if names:
                record_names(frame, actor, event, names)
            text = future_texts.get(value._state) if type(value) is tracer._future_type else None  # type: ignore[attr-defined]
            if text is None:
                text = tracer._yield_text(value)
            extend(pack(b.now, _YIELD, actor, line, text, inner))
            if n >= limit:
                b.flush()
            tracer._yield_event, tracer._yield_actor = event, actor
            return None

        return on_yield

    def _yield_text(self, value: object) -> int:
        """A yielded value's interned repr. An asyncio future or task (what `await` on IO yields) is
        shown by its state alone: its real repr walks its callbacks, tens of microseconds a yield."""
        future_type = self._future_type
        if future_type is not None and issubclass(type(value), future_type):
            if type(value) is not future_type:  # a Task (its name shows) or a subclass
                return self.builder.intern(_future_text(value, future_type))
            # a bare Future reads the same in every state: one lookup a yield, not a formatted string
            texts = self._future_texts
            state = value._state  # type: ignore[attr-defined]
            text = texts.get(state)
            if text is None:
                text = texts[state] = self.builder.intern(_future_text(value, future_type))
            return text
        return self.builder.intern(self.safe_repr(value))

    def _on_return(self, code: types.CodeType, offset: int, value: object) -> object:
        entered = self._entered(code)
        if entered is None:
            return DISABLE
        _, frame = entered
        actor = self.stack.pop() if self.stack else NONE
        b = self.builder
        b.emit(EventKind.RETURN, actor, frame.f_lineno or NONE, text=self.safe_repr(value))
        self._forget(frame, actor)
        return None

    def _on_unwind(self, code: types.CodeType, offset: int, exc: BaseException) -> object:
        if id(code) not in self._codes:
            return None
        self._pending_sent = None
        frame = sys._getframe(1)
        actor = self.stack.pop() if self.stack else NONE
        self.builder.emit(EventKind.UNWIND, actor, frame.f_lineno or NONE, text=self._exc_text(exc))
        self._forget(frame, actor)
        return None

    def _on_raise(self, code: types.CodeType, offset: int, exc: BaseException) -> object:
        info = self._codes.get(id(code))
        if info is None:
            return None
        if type(exc) is StopIteration and offset in info.send_offsets:
            return None  # an awaited future or `yield from` handing back its result, not an error
        frame = sys._getframe(1)
        self.builder.emit(
            EventKind.EXCEPTION,
            self.stack[-1] if self.stack else NONE,
            frame.f_lineno or NONE,
            text=self._exc_text(exc),
        )
        return None

    def _make_names_recorder(self) -> Callable[[types.FrameType, int, int, tuple[str, ...]], None]:
        """`_record_locals(frame, actor, event, names)` with the common case inline: a scalar changed or not."""
        b, last_locals, volatile_of = self.builder, self._last_locals, self._volatile
        text_index, intern = b._text_index, b.intern
        event_append, name_append, value_append = b.locals_event.append, b.locals_name.append, b.locals_value.append
        repr_value, record_locals = self._repr_value, self._record_locals

        def record_names(frame: types.FrameType, actor: int, event: int, names: tuple[str, ...]) -> None:
            loc = frame.f_locals
            if type(loc) is not dict:
                return  # a class body's namespace from a metaclass's __prepare__: reading it runs the program
            prev = last_locals.get(actor)
            if prev is None:
                prev = last_locals[actor] = {}
            others: list[str] | None = None  # missing, mutable or opaque: the general path
            for name in names:
                v = loc.get(name, _MISSING)
                tv = type(v)
                if type(tv) is not type or tv not in SCALARS:  # (a metaclass may hook the hash `in` takes)
                    if others is None:
                        others = [name]
                    else:
                        others.append(name)
                    continue
                p = prev.get(name)
                if p is not None and (p[0] is v or (type(p[0]) is tv and p[0] == v)):
                    continue
                r = repr(v) if tv is int and -BIG_INT < v < BIG_INT else repr_value(v)
                prev[name] = (v, r, False)
                volatile = volatile_of.get(actor)
                if volatile:
                    volatile.discard(name)
                event_append(event)
                i = text_index.get(name)
                name_append(i if i is not None else intern(name))
                i = text_index.get(r)
                value_append(i if i is not None else intern(r))
            if others:
                record_locals(frame, actor, event, tuple(others))

        return record_names

    def _make_line_callback(self, depth: int = 1) -> Callable[[types.CodeType, int], object]:
        """The LINE callback, the hottest code in Coroscope: a closure over everything it touches.

        `depth`: how far up the program's frame is (2 when the INSTRUCTION callback calls it).
        """
        b = self.builder
        rows = b.rows
        extend, pack, limit = rows.extend, ROW_STRUCT.pack, b.stage_limit
        codes, actor_line, volatile_of = self._codes, self._actor_line, self._volatile
        line_ns, max_steps = self.line_ns, self.max_steps
        record_locals, record_names, getframe = self._record_locals, self._make_names_recorder(), sys._getframe
        tracer, signals = self, self.signals

        def on_line(code: types.CodeType, line: int) -> object:
            info = codes.get(id(code))
            if info is None:
                info = tracer._info(code)
                if info is None:
                    return DISABLE
            if tracer._pending_sent is not None:
                tracer._fill_sent_value(getframe(depth))
            now = b.now = b.now + line_ns
            stack = tracer.stack
            actor = stack[-1] if stack else NONE
            tracer._last_line = line
            n = len(rows)
            event = b.flushed + n // ROW_BYTES
            extend(pack(now, _LINE, actor, line, NONE, NONE))
            if n >= limit:
                b.flush()
            prev_line = actor_line.get(actor)
            actor_line[actor] = line
            if prev_line is None or (info.full_scan and tracer._module_scan_due(actor, getframe(depth))):
                record_locals(getframe(depth), actor, event)
            else:
                names = info.watch.get(prev_line, info.always)
                volatile = volatile_of.get(actor)
                if volatile:
                    names = names + tuple(volatile)
                if names:
                    record_names(getframe(depth), actor, event, names)
            if event >= max_steps:
                tracer._check_steps()
            if not event & TICK_MASK and tracer.tick is not None:
                tracer.tick()
            if tracer.line_hook is not None:
                tracer.line_hook()
            if signals.pending:  # CPython's next check is near: a call, a jump back, a return
                signals.deliver_pending(getframe(depth))
            return None

        return on_line

    def _module_scan_due(self, actor: int, frame: types.FrameType) -> bool:
        """Whether a module frame's globals are due to be looked at whole (changes through `globals()`,
        another module, `exec`...): after as many of its lines as it has globals, so the cost per line
        stays constant however many globals the program makes."""
        lines = self._module_lines.get(actor, 0) + 1
        if lines < max(MODULE_SCAN_MIN_LINES, len(frame.f_globals)):
            self._module_lines[actor] = lines
            return False
        self._module_lines[actor] = 0
        return True

    def _make_instruction_callback(
        self, on_line: Callable[[types.CodeType, int], object]
    ) -> Callable[[types.CodeType, int], object]:
        """The INSTRUCTION callback of long code (see _FAR_LINE): LINE events as CPython gives them.

        An instruction that starts no line stops reporting at once. One that does (the first of its
        line, or a jump target) is a line event when the line differs from the frame's last one, as
        CPython's own LINE event (a loop on one line is one event, not one per turn).
        """
        codes, actor_line, tracer = self._codes, self._actor_line, self

        def on_instruction(code: types.CodeType, offset: int) -> object:
            info = codes.get(id(code))
            starts = info.line_starts if info is not None else None
            if starts is None:
                return DISABLE
            line = starts.get(offset)
            if line is None:
                return DISABLE
            stack = tracer.stack
            if actor_line.get(stack[-1] if stack else NONE) == line:
                return None
            return on_line(code, line)

        return on_instruction

    def _forget(self, frame: types.FrameType, actor: int) -> None:
        self._module_lines.pop(actor, None)
        self._frames.pop(id(frame), None)
        self._last_locals.pop(actor, None)
        self._volatile.pop(actor, None)
        self._actor_line.pop(actor, None)

    def _exc_text(self, exc: BaseException) -> str:
        """`ValueError: bad item`: an exception by its class's name and message, taken without running
        the program's code (its `__str__`, or that of an object the exception carries, is never called)."""
        cls = type(exc)
        try:
            msg = self._exc_message(exc, cls)
        except Exception:
            msg = "(message could not be read)"
        name = qualname(cls)
        text = f"{name}: {msg}" if msg else name
        return text if len(text) <= 300 else text[:297] + "..."

    def _exc_message(self, exc: BaseException, cls: type) -> str:
        str_impl = type_lookup(cls, "__str__")
        if type(str_impl) is types.FunctionType and self.is_user_code(str_impl.__code__):
            return ""  # the program's own __str__: not run
        if self.safe_repr.hooks(cls):
            return ""
        args = _EXC_ARGS(exc)
        carried = (*args, *(_os_filenames(exc) if issubclass(cls, OSError) else ()))
        if all(is_scalar(a) for a in carried):
            return str(exc)  # built-in values only: CPython's own message
        if len(args) == 1:  # what str() would show, through the safe repr
            return args[0] if type(args[0]) is str else self.safe_repr(args[0])
        return self.safe_repr(args)


_EXC_ARGS: Callable[[BaseException], tuple[Any, ...]] = BaseException.__dict__["args"].__get__


def _os_filenames(exc: BaseException) -> tuple[Any, Any]:
    return OSError.__dict__["filename"].__get__(exc), OSError.__dict__["filename2"].__get__(exc)
