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

Real-world machinery stays real (see `simulator.threads.outside`): objects the
standard library creates at import time, and the threads and locks of
`multiprocessing` and `concurrent.futures.process`, whose helper threads block in
pipes and semaphores. Those threads run outside the simulation; when one of them
touches a simulated object (sets an Event a simulated thread waits on) it enters
as a guest, holding `world` (the simulated CPU) while the simulated threads are
all waiting. In a forked child the scheduler steps aside: the child runs plain
CPython threading, and the simulated objects behave as the real ones.
"""

from __future__ import annotations

import _queue
import _thread
import heapq
import itertools
import os
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
from simulator.threads import alarm as alarms
from simulator.threads import deadlock, outside
from simulator.threads.alarm import VirtualAlarm
from simulator.threads.primitives import SimCondition, SimLock, SimRLock

MAX_REAL_THREADS = 2000
REAL_STACK_BYTES = 1024 * 1024
_JOIN_TIMEOUT_S = 3.0  # how long teardown waits, in all, for the unwinding real threads
_STUCK_S = 0.3  # how long teardown waits for a thread that was running when the run stopped
_POLL_S = 0.02  # how often a wait on threads outside the simulation looks at the clock
_REAL_SLEEP = time.sleep
_REAL_MONOTONIC = time.monotonic
_get_ident = _thread.get_ident


class _Killed(BaseException):
    """Unwinds a thread still alive when the program is over (like daemon threads at exit)."""


class Record:
    """One user thread as the scheduler sees it."""

    __slots__ = ("actor", "baton", "daemon", "ever_ran", "guest", "holds", "ident", "in_world", "joiners", "line",
                 "name", "real", "stack", "state", "thread", "token", "waiting")

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
        self.ident = -1  # the real thread's id, once it runs
        self.guest = False  # a real thread outside the simulation, touching simulated objects
        self.in_world = False  # (a guest) holds the scheduler's `world` lock


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
        self.active = True  # False once the run is over, and in a forked child
        self.real_alive = 0
        self.saved: list[tuple[Any, str, Any]] = []  # the patches, to undo
        # the simulated CPU: held while a simulated thread runs; threads outside the simulation take it
        # to touch simulated objects, which they can only do while every simulated thread waits
        self.world = _thread.allocate_lock()
        self.world.acquire()
        self.bell = _thread.allocate_lock()  # released by a guest that may have woken a simulated thread
        self.bell.acquire()
        self.outside_threads: list[threading.Thread] = []
        self.guests: dict[int, Record] = {}
        self.deadline = _REAL_MONOTONIC() + ctx.limits.wall_s if ctx.limits.wall_s else None
        self.host_excepthook = threading.excepthook  # the host's (pytest's, the app's), not the program's
        b = self.builder
        b.add_actor(ActorKind.CPU, "CPU 0")
        self._running_data = {"cpu": 0}
        self._waker_data: dict[int, dict[str, int]] = {}
        main = threading.current_thread()
        # The main thread is announced (THREAD_CREATE, running) only when threads start to matter:
        # a program that never blocks or starts a thread has no thread events at all.
        self._main_announced = False
        self.main = self._register(main.name, main, daemon=False, announce=False)
        self.main.real = self.main.ever_ran = True
        self.main.ident = _get_ident()
        self.main.state = ThreadState.RUNNING
        self.current = self.main
        self.last_ran = self.main
        self.slice_end = 0
        self.next_check = 0
        # signal.alarm on the virtual clock; its handler runs in the main thread (simulator.threads.alarm)
        self.alarm = VirtualAlarm(b, ctx.stop, ctx.tracer.is_user_file, lambda: _get_ident() == self.main.ident)
        self.alarm.wait = lambda ns: self.sleep(ns / 1e9)
        self.alarm.on_change = self._update_check
        self._new_slice()

    # ---- bookkeeping
    def _register(self, name: str, thread: threading.Thread | None, daemon: bool, announce: bool = True) -> Record:
        b = self.builder
        rec = Record(name, b.add_actor(ActorKind.THREAD, name), thread, daemon)
        self.records.append(rec)
        if thread is not None:
            self.by_thread[id(thread)] = rec
        if announce:
            self._announce_main()
            self._emit_create(rec, self.user_line())
        return rec

    def _emit_create(self, rec: Record, line: int) -> None:
        self.builder.emit(
            EventKind.THREAD_CREATE, rec.actor, line, text=rec.name,
            data={"stack_bytes": self.costs.thread_stack_bytes, "resident_bytes": self.costs.thread_resident_bytes},
        )

    def _announce_main(self) -> None:
        """Record the main thread, running since the start, the first time a thread event is needed."""
        if self._main_announced:
            return
        self._main_announced = True
        self._emit_create(self.main, -1)
        self.builder.emit(EventKind.THREAD_STATE, self.main.actor, arg=ThreadState.RUNNING, data=self._running_data)

    def user_line(self) -> int:
        """The line of the innermost user frame on the running thread's stack."""
        f: Any = sys._getframe(1)
        is_user = self.tracer.is_user_code
        while f is not None:
            if is_user(f.f_code):
                return int(f.f_lineno or -1)
            f = f.f_back
        return -1

    def inside(self) -> bool:
        """Whether the calling real thread is the simulated thread holding the CPU (so it may simulate)."""
        return self.active and self.current.ident == _get_ident()

    def placement(self) -> int:
        """For an object being created now: the user's line creating it, or `outside.REAL`."""
        if not self.inside():
            return outside.REAL
        return outside.creation_line(sys._getframe(2), self.tracer.is_user_code)

    def outside(self, obj: Any, method: str, *args: Any) -> Any:
        """A primitive's `method` called by a real thread that is not the running simulated one.

        During the run it enters as a guest (see `guest`); after it, or in a forked child, the
        object behaves as the real lock or condition it stands for.
        """
        if self.active:
            me = self._guest()
            try:
                me.in_world = self._enter_world()
                if self.active:
                    return getattr(obj, "_" + method)(me, *args)
            finally:
                if me.in_world:
                    me.in_world = False
                    self.world.release()
                    self._ring()
        return getattr(obj.real(), method)(*args)

    def _guest(self) -> Record:
        ident = _get_ident()
        rec = self.guests.get(ident)
        if rec is None:
            rec = self.guests[ident] = Record(threading.current_thread().name, -1, None, True)
            rec.guest, rec.ident, rec.real = True, ident, True
            rec.state = ThreadState.RUNNING
        return rec

    def _enter_world(self) -> bool:
        """Take the simulated CPU (a real wait). Once the run has stopped, wait a moment only: False if not taken."""
        while True:
            try:
                if self.ctx.stopped is None:
                    self.world.acquire()
                    return True
                return self.world.acquire(True, _STUCK_S)
            except LimitReached:  # the watchdog, in the main thread: the run is stopped now
                continue

    def _ring(self) -> None:
        if self.bell.locked():
            try:
                self.bell.release()
            except RuntimeError:  # another guest rang it first
                pass

    def _guest_wait(self, me: Record, state: ThreadState, on: Any, timeout_s: float | None) -> None:
        """A guest blocks on a simulated object: let the simulated threads run until one wakes it (real time)."""
        me.token += 1
        me.state, me.waiting = state, on
        due = None if timeout_s is None else _REAL_MONOTONIC() + timeout_s
        self.world.release()
        self._ring()
        try:
            while me.state == state and self.active:
                left = _POLL_S if due is None else min(_POLL_S, due - _REAL_MONOTONIC())
                if left <= 0:
                    break
                me.baton.acquire(True, left)
        finally:
            me.in_world = self._enter_world()
        if me.baton.locked() is False:
            me.baton.acquire()  # a wake-up that came after the timeout: keep the baton held
        me.token += 1
        me.state, me.waiting = ThreadState.RUNNING, None

    def _outside_busy(self) -> bool:
        """Whether a real thread outside the simulation may still wake a simulated one."""
        is_alive = _ORIGINAL["is_alive"]
        self.outside_threads = [t for t in self.outside_threads if is_alive(t)]
        return bool(self.outside_threads)

    def _wait_outside(self) -> bool:
        """Every simulated thread waits: let guests in (real time) until one of them readies a thread.

        False if no thread outside the simulation is left to do it (that is a deadlock).
        """
        while not self.ready:
            if not self._outside_busy():
                return False
            if self.deadline is not None and _REAL_MONOTONIC() > self.deadline:
                self.ctx.stop("time", f"time limit reached: the program ran for more than {self.ctx.limits.wall_s:g} s "
                                      "of real time, its threads waiting for threads outside the simulation")
            self.world.release()
            try:
                self.bell.acquire(True, _POLL_S)
            finally:
                self._enter_world()
        return True

    def name_object(self, label: str, line: int) -> str:
        n = self.names[label] = self.names.get(label, 0) + 1
        return f"{label}-{n} (line {line})" if line >= 0 else f"{label}-{n}"

    def monotonic(self) -> float:
        """Virtual seconds, for timeouts computed by the standard library (real ones outside the simulation)."""
        return self.builder.now / 1e9 if self.inside() else _REAL_MONOTONIC()

    def _new_slice(self) -> None:
        length = self.costs.gil_interval_ns
        if self.rng is not None:
            length = self.rng.randint(length // 2, length)
        self.slice_end = self.builder.now + length
        self._update_check()

    def _update_check(self) -> None:
        self.next_check = min(self.slice_end, self.sleepers[0][0]) if self.sleepers else self.slice_end
        due = self.alarm.due
        if due is not None and due < self.next_check and not self.alarm.tripped:
            self.next_check = due

    def _state(self, rec: Record, state: ThreadState, line: int = -1, data: dict[str, Any] | None = None) -> None:
        self._announce_main()
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
        if rec.guest:
            rec.state = ThreadState.READY
            rec.baton.release()
            return
        data = None
        if waker is not None and not waker.guest:
            data = self._waker_data.get(waker.actor)
            if data is None:
                data = self._waker_data[waker.actor] = {"waker": waker.actor}
        self._state(rec, ThreadState.READY, data=data)
        self.ready.append(rec)

    def block(self, state: ThreadState, on: Any, line: int, timeout_s: float | None = None,
              me: Record | None = None) -> None:
        """The running thread (or guest `me`) waits (for `on`, or until `timeout_s`); returns when it runs again."""
        if me is not None and me.guest:
            self._guest_wait(me, state, on, timeout_s)
            return
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
        """time.sleep on the virtual clock: block (as IO) for that long; sleep(0) yields.

        In the main thread an alarm due meanwhile ends the wait, its handler runs (and may raise
        out of the sleep), then the sleep goes on for the rest of its time, as CPython's does.
        """
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if seconds == 0:
            self.yield_now("yielded")
            return
        alarm = self.alarm
        if self.current is not self.main or alarm.due is None:
            self.block(ThreadState.BLOCKED_IO, None, self.user_line(), seconds)
            return
        end = self.builder.now + max(1, round(seconds * 1e9))
        while True:
            wake = min(end, alarm.due) if alarm.due is not None else end
            if wake > self.builder.now:
                self.block(ThreadState.BLOCKED_IO, None, self.user_line(), (wake - self.builder.now) / 1e9)
            if alarm.due_now():
                alarm.run_handler()
            if self.builder.now >= end:
                return

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
        if self.current.ident != _get_ident():
            return  # the program's code in a thread outside the simulation (a callback of multiprocessing's)
        if self.aborting or self.killing:
            raise self._stop_exception()
        if self.current is self.main and self.alarm.due_now():
            self.alarm.trip()  # the handler runs at the program's next instruction, as a signal's does
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
            if self.current is not me:  # the thread on the CPU is stuck in a real call: take the CPU back to unwind
                self.current.stack = self.tracer.swap_stack(me.stack, me.line)
                self.current = me
            raise
        if self.aborting or self.killing:
            raise self._stop_exception()

    def _pick(self, me: Record, reason: str) -> Record | None:
        """Choose the next thread, advancing the clock through idle time; record the switch."""
        b = self.builder
        went_idle = False
        if not self.ready:
            if not self.sleepers and not self._outside_busy():
                return None
            b.emit(EventKind.CONTEXT_SWITCH, -1, arg=me.actor, data={"cpu": 0, "reason": reason, "cost_ns": 0})
            went_idle = True
            while not self.ready:
                if self.sleepers:
                    b.now = max(b.now, self.sleepers[0][0])
                    self._wake_due()
                elif not self._wait_outside():
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
            kind = "thread" if isinstance(on, Record) else ("lock" if on is not None else "io")
            holds = tuple(lock.name for lock in rec.holds)
            waiters.append(deadlock.Waiter(rec.name, holds, what, owner.name if owner else None, rec.line, kind))
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
        """Unwind every real thread still parked on its baton, one at a time, and wait for it (bounded).

        A thread stuck in a real blocking call (a pipe, a raw lock) cannot be unwound: after the
        shared timeout it is abandoned, so that neither the run nor the interpreter's exit waits for it.
        """
        self.killing = True
        give_up = _REAL_MONOTONIC() + _JOIN_TIMEOUT_S
        for rec in self.records:
            if rec is self.main or not rec.real or rec.state == ThreadState.EXITED or rec.thread is None:
                continue
            # one that held the CPU when the run stopped is in a call that does not come back (or it would
            # have unwound with the main thread): give it a moment only
            left = max(0.0, give_up - _REAL_MONOTONIC())
            wait = min(left, _STUCK_S) if rec.state == ThreadState.RUNNING else left
            self.current = rec
            if rec.baton.locked():
                rec.baton.release()
            _ORIGINAL["join"](rec.thread, wait)
            if _ORIGINAL["is_alive"](rec.thread):
                outside.abandon(rec.thread)
        self.current = self.main

    def step_aside(self) -> None:
        """Stop simulating: the run is over, or this is a forked child (which runs plain CPython threading)."""
        self.active = False
        self.tracer.line_hook = None
        for owner, name, value in reversed(self.saved):
            setattr(owner, name, value)
        self.saved.clear()


def _user_body(sched: Scheduler, rec: Record, run: Callable[[], None]) -> Callable[[], None]:
    """What a user thread's real OS thread does: wait for the CPU, run, hand the CPU on."""

    def body() -> None:
        rec.ident = _get_ident()
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
            tb = _as_from_bootstrap(exc.__traceback__)
            # the program's own threading.excepthook if it set one, else CPython's default printer
            hook = threading.excepthook
            if hook is sched.host_excepthook:
                hook = threading.__excepthook__
            hook(threading.ExceptHookArgs([type(exc), exc.with_traceback(tb), tb, rec.thread]))
        if sched.killing:
            return
        try:
            sched.exit_current()
        except LimitReached:
            sched.abort()

    return body


def _as_from_bootstrap(tb: types.TracebackType | None) -> types.TracebackType | None:
    """The traceback CPython's thread gives: from threading's `_bootstrap_inner` (its `self.run()` line),
    not from this wrapper, which stands in for `run` and is called from that very line."""
    if tb is None:
        return None
    inner = tb.tb_next  # the program's `run` (Thread.run or an override)
    caller = tb.tb_frame.f_back  # threading's _bootstrap_inner, at `self.run()`
    if caller is None:
        return inner
    return types.TracebackType(inner, caller, caller.f_lasti, caller.f_lineno)


_ORIGINAL: dict[str, Any] = {}
_CONDITION_OWNERS = {threading.Event.__init__.__code__: "Event", threading.Semaphore.__init__.__code__: "Semaphore",
                     threading.Barrier.__init__.__code__: "Barrier"}
_ACTIVE: list[Scheduler] = []  # the scheduler of the run in progress in this process, if any


def _after_fork_in_child() -> None:
    if _ACTIVE:
        _ACTIVE.pop().step_aside()


if hasattr(os, "register_at_fork"):  # once per process: at-fork hooks cannot be removed
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _set_factories(factories: dict[str, Any]) -> None:
    for name, factory in factories.items():
        setattr(threading, name, factory)


def install(ctx: RunContext) -> Callable[[], None]:
    """Put the scheduler under `threading`, `queue` and `time.sleep` for this run; return the undo."""
    sched = Scheduler(ctx)
    thread_cls = threading.Thread
    saved = sched.saved

    def patch(owner: Any, name: str, value: Any) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    _ORIGINAL.update(start=thread_cls.start, join=thread_cls.join, init=thread_cls.__init__,
                     is_alive=thread_cls.is_alive)
    previous_sleep = time.sleep
    real_factories: dict[str, Any] = {
        "Lock": threading.Lock, "RLock": threading.RLock, "Condition": threading.Condition}

    def lock() -> Any:
        line = sched.placement()
        return real_factories["Lock"]() if line == outside.REAL else SimLock(sched, line)

    def rlock(*args: Any, **kwargs: Any) -> Any:
        line = sched.placement()
        return real_factories["RLock"]() if line == outside.REAL else SimRLock(sched, line)

    def condition(lock: Any = None) -> Any:
        line = sched.placement()
        if isinstance(lock, SimLock) or (lock is None and line != outside.REAL):
            # named after what the program made: an Event's or a Semaphore's condition is that object to it
            label = _CONDITION_OWNERS.get(sys._getframe(1).f_code, "Condition")
            return SimCondition(sched, lock, max(line, -1), label)
        return real_factories["Condition"](lock)

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
        if sched.placement() == outside.REAL:
            # a helper thread of the real world (multiprocessing's, a library's own): it runs for real
            sched.outside_threads.append(self)
            _ORIGINAL["start"](self)
            return
        rec = sched.spawn(self)
        self.run = _user_body(sched, rec, self.run)  # type: ignore[method-assign]

    def thread_join(self: threading.Thread, timeout: float | None = None) -> None:
        rec = sched.by_thread.get(id(self))
        if rec is None or not sched.active:
            _ORIGINAL["join"](self, timeout)
            return
        if not sched.inside():  # a thread outside the simulation waits for a simulated one: poll, in real time
            due = None if timeout is None else _REAL_MONOTONIC() + timeout
            while rec.state != ThreadState.EXITED and sched.active and (due is None or _REAL_MONOTONIC() < due):
                _REAL_SLEEP(_POLL_S)
            return
        if rec is sched.current:
            raise RuntimeError("cannot join current thread")
        sched.join(rec, timeout)

    def thread_is_alive(self: threading.Thread) -> bool:
        rec = sched.by_thread.get(id(self))
        return rec.state != ThreadState.EXITED if rec is not None else _ORIGINAL["is_alive"](self)

    def sleep(seconds: float) -> None:
        if not sched.inside():
            _REAL_SLEEP(seconds)  # a thread outside the simulation sleeps for real
        elif len(sched.records) == 1 and not isinstance(previous_sleep, types.BuiltinFunctionType):
            previous_sleep(seconds)  # another engine (the virtual loop) owns sleep in single-threaded programs
        else:
            sched.sleep(seconds)

    sim_factories = {"Lock": lock, "RLock": rlock, "Condition": condition}
    for name, factory in sim_factories.items():
        patch(threading, name, factory)
    patch(threading, "_time", sched.monotonic)
    patch(thread_cls, "__init__", thread_init)
    patch(thread_cls, "start", thread_start)
    patch(thread_cls, "join", thread_join)
    patch(thread_cls, "is_alive", thread_is_alive)
    uninstall_alarm = alarms.install(sched.alarm)
    # threads are named Thread-1, Thread-2, ... from the program's start, as in a fresh interpreter
    patch(threading, "_counter", itertools.count(1).__next__)
    patch(queue, "time", sched.monotonic)
    patch(queue, "SimpleQueue", queue._PySimpleQueue)  # type: ignore[attr-defined]
    # the C queue blocks its real thread in get(): a simulated thread would hold the simulated CPU for good
    patch(_queue, "SimpleQueue", queue._PySimpleQueue)  # type: ignore[attr-defined]
    patch(time, "sleep", sleep)
    old_stack_size = threading.stack_size(REAL_STACK_BYTES)
    ctx.tracer.line_hook = sched.line_hook
    ctx.in_simulation = sched.inside
    ctx.at_main_exit.append(sched.finish)
    _ACTIVE[:] = [sched]

    def uninstall() -> None:
        uninstall_alarm()
        ctx.tracer.line_hook = None
        if ctx.stopped is None and not sched.aborting and sched.current is sched.main:
            try:  # the runner did not get to run the program's threads to their end (at_main_exit)
                sched.finish()
            except LimitReached:
                pass  # the runner reports it
        sched.kill_leftovers()
        _ACTIVE.clear()
        sched.step_aside()
        try:
            sched.world.release()  # guests still waiting for the simulated CPU go on, with real locks now
        except RuntimeError:  # not held: the run stopped while the simulated threads were all waiting
            pass
        threading.stack_size(old_stack_size)

    return uninstall
