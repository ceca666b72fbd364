"""Real threading code under a deterministic scheduler: one thread runs at a time, we choose which.

Owns the run-time side of the threads engine. Every `threading.Thread` the program
starts is a real OS thread, but each waits on its own baton (a raw lock) until the
scheduler hands it the CPU, so exactly one runs Python at any moment, as under
CPython's GIL: the model is one CPU whose slice is the GIL switch interval
(`gil_interval_ns`), measured in virtual CPU cost (the tracer advances
`builder.now` per line). At each preemption point (after a recorded line, when
the slice has run out and another thread is ready) and at each blocking call
(locks, conditions, queues, `time.sleep`, `join`) the scheduler picks the next
thread: FIFO round-robin with seed 0; with `--seed N` a seeded random choice
among the ready threads and a seeded slice length in [slice/2, slice], so each
seed is one reproducible interleaving. When no thread can run and nothing is
pending, that is a deadlock: a DEADLOCK event with the wait-for cycle, then the
run stops via `ctx.stop("deadlock", ...)` (non-zero exit status).

Real threads are started lazily, when a thread first gets the CPU, and at most
`MAX_REAL_THREADS` are alive at once with small stacks (`REAL_STACK_BYTES`):
thousands of short threads work; the trace models their memory
(`thread_stack_bytes` virtual, `thread_resident_bytes` resident per thread).
It never lets two user threads run at once and never blocks a thread for real
except on its baton.
"""

from __future__ import annotations

import _thread
import heapq
import queue
import random
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Callable
from typing import Any

from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.runner import LimitReached, RunContext
from simulator.threads import deadlock
from simulator.threads.primitives import SimCondition, SimLock, SimRLock

MAX_REAL_THREADS = 2000
REAL_STACK_BYTES = 1024 * 1024
_JOIN_TIMEOUT_S = 5.0  # how long teardown waits for one unwinding real thread


class _Killed(BaseException):
    """Unwinds a thread still alive when the program is over (like daemon threads at exit)."""


class Record:
    """One user thread as the scheduler sees it."""

    __slots__ = ("actor", "baton", "daemon", "ever_ran", "holds", "joiners", "line", "name", "real", "stack",
                 "state", "thread", "token", "waiting")

    def __init__(self, name: str, actor: int, thread: threading.Thread | None, daemon: bool) -> None:
        self.name = name
        self.actor = actor
        self.thread = thread
        self.daemon = daemon
        self.baton = _thread.allocate_lock()
        self.baton.acquire()  # held: the thread waits until the scheduler releases it
        self.stack: list[int] = []
        self.line = -1
        self.state = ThreadState.READY
        self.ever_ran = False
        self.real = False  # has a real OS thread
        self.holds: list[Any] = []
        self.joiners: list[Record] = []
        self.waiting: Any = None  # the lock, condition or Record it waits for
        self.token = 0  # bumps on every block, so stale timeouts are ignored


class Scheduler:
    """Decides which user thread runs; records states, switches and deadlocks."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.builder = ctx.builder
        self.costs = ctx.costs
        self.tracer = ctx.tracer
        self.rng = random.Random(ctx.seed) if ctx.seed else None
        self.ready: deque[Record] = deque()
        self.sleepers: list[tuple[int, int, Record, int]] = []
        self.seq = 0
        self.records: list[Record] = []
        self.by_thread: dict[int, Record] = {}
        self.names: dict[str, int] = {}
        self.aborting = False
        self.killing = False
        self.real_alive = 0
        self.host_excepthook = threading.excepthook  # the host's (pytest's, the app's), not the program's
        b = self.builder
        b.add_actor(ActorKind.CPU, "CPU 0")
        self._running_data = {"cpu": 0}
        self._waker_data: dict[int, dict[str, int]] = {}
        main = threading.current_thread()
        self.main = self._register(main.name, main, daemon=False)
        self.main.real = self.main.ever_ran = True
        self.main.state = ThreadState.RUNNING
        b.emit(EventKind.THREAD_STATE, self.main.actor, arg=ThreadState.RUNNING, data=self._running_data)
        self.current = self.main
        self.last_ran = self.main
        self.slice_end = 0
        self.next_check = 0
        self._new_slice()

    # ---- bookkeeping
    def _register(self, name: str, thread: threading.Thread | None, daemon: bool) -> Record:
        b = self.builder
        rec = Record(name, b.add_actor(ActorKind.THREAD, name), thread, daemon)
        self.records.append(rec)
        if thread is not None:
            self.by_thread[id(thread)] = rec
        b.emit(EventKind.THREAD_CREATE, rec.actor, self.user_line(), text=name,
               data={"stack_bytes": self.costs.thread_stack_bytes, "resident_bytes": self.costs.thread_resident_bytes})
        return rec

    def user_line(self) -> int:
        """The line of the innermost user frame on the running thread's stack."""
        f: Any = sys._getframe(1)
        is_user = self.tracer.is_user_code
        while f is not None:
            if is_user(f.f_code):
                return int(f.f_lineno or -1)
            f = f.f_back
        return -1

    def name_object(self, label: str, line: int) -> str:
        n = self.names[label] = self.names.get(label, 0) + 1
        return f"{label}-{n} (line {line})" if line >= 0 else f"{label}-{n}"

    def monotonic(self) -> float:
        """Virtual seconds, for timeouts computed by the standard library."""
        return self.builder.now / 1e9

    def _new_slice(self) -> None:
        length = self.costs.gil_interval_ns
        if self.rng is not None:
            length = self.rng.randint(length // 2, length)
        self.slice_end = self.builder.now + length
        self._update_check()

    def _update_check(self) -> None:
        self.next_check = min(self.slice_end, self.sleepers[0][0]) if self.sleepers else self.slice_end

    def _state(self, rec: Record, state: ThreadState, line: int = -1, data: dict[str, Any] | None = None) -> None:
        rec.state = state
        self.builder.emit(EventKind.THREAD_STATE, rec.actor, line, arg=state, data=data)

    # ---- the API primitives and patches use
    def spawn(self, thread: threading.Thread) -> Record:
        """Thread.start(): the thread exists and is ready; its real thread starts when it first runs."""
        rec = self._register(thread.name, thread, thread.daemon)
        self._state(rec, ThreadState.READY)
        self.ready.append(rec)
        return rec

    def wake(self, rec: Record, waker: Record | None) -> None:
        """Make a blocked thread ready (it runs when the scheduler next picks it)."""
        if rec.state not in (ThreadState.WAITING_LOCK, ThreadState.BLOCKED_IO):
            return
        rec.token += 1
        rec.waiting = None
        data = None
        if waker is not None:
            data = self._waker_data.get(waker.actor)
            if data is None:
                data = self._waker_data[waker.actor] = {"waker": waker.actor}
        self._state(rec, ThreadState.READY, data=data)
        self.ready.append(rec)

    def block(self, state: ThreadState, on: Any, line: int, timeout_s: float | None = None) -> None:
        """The running thread waits (for `on`, or until `timeout_s`); returns when it runs again."""
        me = self.current
        if self.killing:
            raise _Killed
        me.waiting = on
        me.line = line
        me.token += 1
        self._state(me, state, line)
        if timeout_s is not None:
            due = self.builder.now + max(0, round(timeout_s * 1e9))
            heapq.heappush(self.sleepers, (due, self.seq, me, me.token))
            self.seq += 1
            self._update_check()
        self._switch(me, "blocked")

    def sleep(self, seconds: float) -> None:
        """time.sleep on the virtual clock: block (as IO) for that long; sleep(0) yields."""
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if seconds == 0:
            self.yield_now("yielded")
            return
        self.block(ThreadState.BLOCKED_IO, None, self.user_line(), seconds)

    def yield_now(self, reason: str) -> None:
        """Give the CPU to the next ready thread, if any, and queue behind it."""
        self._wake_due()
        if not self.ready:
            self._new_slice()
            return
        me = self.current
        self._state(me, ThreadState.READY)
        self.ready.append(me)
        self._switch(me, reason)

    def join(self, rec: Record, timeout_s: float | None) -> None:
        """Thread.join(): wait until `rec` has exited (or the timeout passes)."""
        if rec.state == ThreadState.EXITED:
            return
        me = self.current
        rec.joiners.append(me)
        self.block(ThreadState.WAITING_LOCK, rec, self.user_line(), timeout_s)
        if me in rec.joiners:
            rec.joiners.remove(me)

    def line_hook(self) -> None:
        """After each recorded line: wake sleepers that are due; preempt when the slice is over."""
        if self.builder.now >= self.next_check:
            self._tick()

    def _tick(self) -> None:
        if self.aborting or self.killing:
            raise self._stop_exception()
        self._wake_due()
        if self.builder.now >= self.slice_end:
            self.yield_now("preempted")
        self._update_check()

    def _wake_due(self) -> None:
        now = self.builder.now
        while self.sleepers and self.sleepers[0][0] <= now:
            _, _, rec, token = heapq.heappop(self.sleepers)
            if rec.token == token:
                self.wake(rec, None)
        self._update_check()

    # ---- switching
    def _switch(self, me: Record, reason: str) -> None:
        """`me` has left the CPU (ready, blocked or exited): run the next thread; return when `me` runs again."""
        nxt = self._pick(me, reason)
        if nxt is None:
            self._deadlock(me)
        assert nxt is not None
        if nxt is me:
            return
        self._hand_over(nxt)
        if me.state == ThreadState.EXITED:
            return
        try:
            me.baton.acquire()
        except LimitReached:  # the wall-clock watchdog fired in this (main) thread
            self.aborting = True
            raise
        if self.aborting or self.killing:
            raise self._stop_exception()

    def _pick(self, me: Record, reason: str) -> Record | None:
        """Choose the next thread, advancing the clock through idle time; record the switch."""
        b = self.builder
        went_idle = False
        if not self.ready:
            if not self.sleepers:
                return None
            b.emit(EventKind.CONTEXT_SWITCH, -1, arg=me.actor, data={"cpu": 0, "reason": reason, "cost_ns": 0})
            went_idle = True
            while not self.ready and self.sleepers:
                b.now = max(b.now, self.sleepers[0][0])
                self._wake_due()
            if not self.ready:
                return None
        if self.rng is not None and len(self.ready) > 1:
            index = self.rng.randrange(len(self.ready))
            nxt = self.ready[index]
            del self.ready[index]
        else:
            nxt = self.ready.popleft()
        if not nxt.real and self.real_alive >= MAX_REAL_THREADS:
            self.ctx.stop("threads", f"more than {MAX_REAL_THREADS:,} threads alive at once: Coroscope runs each "
                                     "simulated thread on a real one and caps them to protect this machine")
        costs = self.costs
        cost = costs.wakeup_ns if went_idle else costs.switch_ns
        if nxt is not self.last_ran:
            cost += costs.cache_refill_ns
        if not nxt.ever_ran:
            cost += costs.thread_create_ns
            nxt.ever_ran = True
        b.emit(EventKind.CONTEXT_SWITCH, nxt.actor, arg=-1 if went_idle else me.actor,
               data={"cpu": 0, "reason": "woken" if went_idle else reason, "cost_ns": cost})
        b.now += cost
        self._state(nxt, ThreadState.RUNNING, data=self._running_data)
        me.stack = self.tracer.swap_stack(nxt.stack)
        self.current = nxt
        self.last_ran = nxt
        self._new_slice()
        return nxt

    def _hand_over(self, nxt: Record) -> None:
        """Let `nxt`'s real thread run (starting it the first time)."""
        if not nxt.real:
            nxt.real = True
            self.real_alive += 1
            assert nxt.thread is not None
            _ORIGINAL["start"](nxt.thread)
        nxt.baton.release()

    def exit_current(self) -> None:
        """The running thread's code has finished: wake its joiners and give the CPU away for good."""
        me = self.current
        self._state(me, ThreadState.EXITED)
        self.builder.emit(EventKind.THREAD_EXIT, me.actor)
        for joiner in me.joiners:
            self.wake(joiner, me)
        me.joiners.clear()
        self.real_alive -= 1
        if self.killing:
            return
        self._switch(me, "exited")

    def _stop_exception(self) -> BaseException:
        return self.ctx.stopped if self.aborting and self.ctx.stopped is not None else _Killed()

    def abort(self) -> None:
        """A limit stopped the program in a non-main thread: let the main thread raise it."""
        self.aborting = True
        self.current = self.main
        self.main.baton.release()

    def _deadlock(self, me: Record) -> None:
        waiters = []
        for rec in self.records:
            if rec.state not in (ThreadState.WAITING_LOCK, ThreadState.BLOCKED_IO):
                continue
            on = rec.waiting
            owner = on if isinstance(on, Record) else (on.owner_record() if on is not None else None)
            what = f"{on.name} to finish" if isinstance(on, Record) else (on.name if on is not None else "IO")
            holds = tuple(lock.name for lock in rec.holds)
            waiters.append(deadlock.Waiter(rec.name, holds, what, owner.name if owner else None, rec.line))
        cycle = deadlock.find_cycle(waiters, me.name)
        message = deadlock.describe(cycle)
        self.builder.emit(EventKind.DEADLOCK, me.actor, me.line, text=message,
                          data={"cycle": deadlock.cycle_payload(cycle)})
        self.ctx.stop("deadlock", message)

    # ---- end of the program
    def finish(self) -> None:
        """The main module is done: like interpreter shutdown, run the non-daemon threads to the end."""
        while not self.aborting:
            pending = [r for r in self.records if r is not self.main and not r.daemon and r.state != ThreadState.EXITED]
            if not pending:
                return
            self.join(pending[0], None)

    def kill_leftovers(self) -> None:
        """Unwind every real thread still parked on its baton, one at a time, and wait for it."""
        self.killing = True
        for rec in self.records:
            if rec is self.main or not rec.real or rec.state == ThreadState.EXITED or rec.thread is None:
                continue
            self.current = rec
            rec.baton.release()
            _ORIGINAL["join"](rec.thread, _JOIN_TIMEOUT_S)
        self.current = self.main


def _user_body(sched: Scheduler, rec: Record, run: Callable[[], None]) -> Callable[[], None]:
    """What a user thread's real OS thread does: wait for the CPU, run, hand the CPU on."""

    def body() -> None:
        rec.baton.acquire()
        if sched.aborting or sched.killing:
            return
        try:
            run()
        except (_Killed, SystemExit):
            pass
        except BaseException as exc:
            if sched.killing or sched.aborting:
                return
            if sched.ctx.stopped is not None:
                # a limit or a deadlock stopped the run in this thread (whatever the unwinding raised on top
                # of it): end the thread silently and let the main thread report it, once
                sched.abort()
                return
            tb = exc.__traceback__.tb_next if exc.__traceback__ else None  # without this wrapper's frame
            # the program's own threading.excepthook if it set one, else CPython's default printer
            hook = threading.excepthook
            if hook is sched.host_excepthook:
                hook = threading.__excepthook__
            hook(threading.ExceptHookArgs([type(exc), exc, tb, rec.thread]))
        try:
            sched.exit_current()
        except LimitReached:
            sched.abort()

    return body


_ORIGINAL: dict[str, Any] = {}


def _set_factories(factories: dict[str, Any]) -> None:
    for name, factory in factories.items():
        setattr(threading, name, factory)


def install(ctx: RunContext) -> Callable[[], None]:
    """Put the scheduler under `threading`, `queue` and `time.sleep` for this run; return the undo."""
    sched = Scheduler(ctx)
    thread_cls = threading.Thread
    saved: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, name: str, value: Any) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    _ORIGINAL.update(start=thread_cls.start, join=thread_cls.join, init=thread_cls.__init__)
    previous_sleep = time.sleep

    def lock() -> SimLock:
        return SimLock(sched)

    def rlock(*args: Any, **kwargs: Any) -> SimRLock:
        return SimRLock(sched)

    def condition(lock: Any = None) -> SimCondition:
        return SimCondition(sched, lock)

    def thread_init(self: threading.Thread, *args: Any, **kwargs: Any) -> None:
        # the Thread's own bookkeeping (its _started Event) must stay real: only user objects are simulated
        _set_factories(real_factories)
        try:
            _ORIGINAL["init"](self, *args, **kwargs)
        finally:
            _set_factories(sim_factories)

    def thread_start(self: threading.Thread) -> None:
        if not getattr(self, "_initialized", False):
            raise RuntimeError("thread.__init__() not called")
        if id(self) in sched.by_thread or self._started.is_set():  # type: ignore[attr-defined]
            raise RuntimeError("threads can only be started once")
        rec = sched.spawn(self)
        self.run = _user_body(sched, rec, self.run)  # type: ignore[method-assign]

    def thread_join(self: threading.Thread, timeout: float | None = None) -> None:
        rec = sched.by_thread.get(id(self))
        if rec is None:
            _ORIGINAL["join"](self, timeout)
            return
        if rec is sched.current:
            raise RuntimeError("cannot join current thread")
        sched.join(rec, timeout)

    def thread_is_alive(self: threading.Thread) -> bool:
        rec = sched.by_thread.get(id(self))
        return rec.state != ThreadState.EXITED if rec is not None else _ORIGINAL["is_alive"](self)

    def sleep(seconds: float) -> None:
        only_main = len(sched.records) == 1
        if only_main and not isinstance(previous_sleep, types.BuiltinFunctionType):
            previous_sleep(seconds)  # another engine (the virtual loop) owns sleep in single-threaded programs
        else:
            sched.sleep(seconds)

    _ORIGINAL["is_alive"] = thread_cls.is_alive
    real_factories = {"Lock": threading.Lock, "RLock": threading.RLock, "Condition": threading.Condition}
    sim_factories = {"Lock": lock, "RLock": rlock, "Condition": condition}
    for name, factory in sim_factories.items():
        patch(threading, name, factory)
    patch(threading, "_time", sched.monotonic)
    patch(thread_cls, "__init__", thread_init)
    patch(thread_cls, "start", thread_start)
    patch(thread_cls, "join", thread_join)
    patch(thread_cls, "is_alive", thread_is_alive)
    patch(queue, "time", sched.monotonic)
    patch(queue, "SimpleQueue", queue._PySimpleQueue)  # type: ignore[attr-defined]
    patch(time, "sleep", sleep)
    old_stack_size = threading.stack_size(REAL_STACK_BYTES)
    ctx.tracer.line_hook = sched.line_hook
    at_exit = getattr(ctx, "at_main_exit", None)
    if isinstance(at_exit, list):
        at_exit.append(sched.finish)

    def uninstall() -> None:
        ctx.tracer.line_hook = None
        if not sched.aborting and sched.current is sched.main:
            try:
                sched.finish()
            except LimitReached as exc:
                sys.stderr.write(f"coroscope: {exc.message}\n")
        sched.kill_leftovers()
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)
        threading.stack_size(old_stack_size)

    return uninstall

