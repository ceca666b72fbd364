"""The virtual event loop: CPython's asyncio loop with a virtual clock and simulated IO.

Owns `VirtualLoop`, a subclass of `asyncio.BaseEventLoop`. Everything that decides
*what runs next* is CPython's: the ready deque, the timer heap, `Handle` objects, the C
`Task`. This module only replaces the two things a real loop takes from the operating
system -- the clock and the selector -- and records what each loop turn does:

- `time()` reads the run's virtual clock (`builder.now`, integer ns).
- Instead of blocking in `select()`, a turn with nothing ready advances the clock to
  the next timer or IO completion, whichever is first; completions then enter the
  ready queue as handles, exactly where a real selector's callbacks would.
- `_run_once` is CPython 3.12's, line for line, with recording added (see the
  comments marked "record"), so callback order is CPython's.

It never reads the real clock, never blocks on the real network, and never keeps a
task alive (actor ids live in a slot on the task, not in a dict).
"""

from __future__ import annotations

import asyncio
import bisect
import concurrent.futures
import functools
import heapq
import operator
import threading
import time
import types
from asyncio import base_events as _base_events
from asyncio import events
from asyncio import futures as _futures_module
from collections.abc import Callable
from typing import Any

from simulator.kinds import ActorKind, EventKind
from simulator.loop.session import LoopSession
from simulator.threads import alarm as alarms
from simulator.threads.primitives import SimCondition
from simulator.trace import ARG, ARG_FIELD, ARG_OFFSET, NONE, ROW_BYTES, ROW_STRUCT
from simulator.tracer import fast_emitter

# typeshed describes asyncio's public API only; this module extends its private machinery.
base_events: Any = _base_events
_BaseLoop: Any = _base_events.BaseEventLoop
_futures: Any = _futures_module
_TaskBase: Any = asyncio.Task
_FutureType: Any = asyncio.Future
_HandleBase: Any = events.Handle
_TimerBase: Any = events.TimerHandle
S = 1_000_000_000
_IO_REQUEST = int(EventKind.IO_REQUEST)
_IO_COMPLETE = int(EventKind.IO_COMPLETE)
_EXECUTOR_SUBMIT = int(EventKind.EXECUTOR_SUBMIT)
_TASK_STEP = int(EventKind.TASK_STEP)
_CALLBACK = int(EventKind.CALLBACK)
_LOOP_TICK = int(EventKind.LOOP_TICK)
_EXECUTOR_DONE = int(EventKind.EXECUTOR_DONE)
_REAL_MONOTONIC = time.monotonic
_DEBUG_OF = operator.attrgetter("_debug")
_MAX_SELECT_TIMEOUT = float(base_events.MAXIMUM_SELECT_TIMEOUT)
_REQUEST_ID = operator.itemgetter(2)
LIMIT_ERRORS = frozenset({"LimitReached", "LoopLimitReached"})  # the runner's and ours: stop, never swallow
SELECT_RESOLUTION_NS = 1_000_000  # epoll_wait takes whole milliseconds (selectors.EpollSelector rounds up)
THREAD_WAIT_S = 5.0  # real seconds to wait for another thread to call call_soon_threadsafe
_FRIENDLY = {
    "_set_result_unless_cancelled": "sleep",
    "Timeout._on_timeout": "timeout",
    "_release_waiter": "wait timeout",
}


class Task(_TaskBase):
    """asyncio's C Task plus two slots: its actor id and label in the trace.

    Named `Task` so that CPython's messages ("Task was destroyed but it is pending!",
    task reprs) read exactly as they do without the simulator.
    """

    __slots__ = ("actor", "file", "label", "line")
    actor: int
    file: str  # its coroutine's file
    label: str
    line: int  # where its next step resumes (its last suspension point)


# An IO request in flight, as the tuple the loop keeps until its completion arrives (a tuple: no
# __init__ to run, per request): callback and args to deliver to, request id, the request's data
# (shared by its request and completion events), interned "what" and "completion: what" texts, the
# completion event's actor (the waiting task, or the loop) and kind (IO_COMPLETE or EXECUTOR_DONE).
PendingIO = tuple[Callable[..., object], tuple[Any, ...], int, dict[str, Any], int, int, int, int]


class CompletionHandle(_HandleBase):
    """The ready-queue handle that delivers one IO completion to a callback that does more than resolve a future
    (a protocol's data_received, say): a selector loop's reader callback."""

    __slots__ = ("pending",)
    pending: PendingIO

    @property
    def label(self) -> str:
        """The ready card: "completion #7: GET http://a.example/"."""
        return f"completion #{self.pending[2]}: {self._loop._builder.texts[self.pending[4]]}"


class RecordedTimer(_TimerBase):
    """A timer handle with its id in the trace."""

    __slots__ = ("timer_id",)
    timer_id: int


def callback_label(callback: Any) -> str:
    """A short, address-free name for a callback: `Task-3 fetch`, `Future.set_result`, ..."""
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, Task):
        return owner.label
    if isinstance(callback, functools.partial):
        return callback_label(callback.func)
    name = getattr(callback, "__qualname__", None) or type(callback).__qualname__
    return _FRIENDLY.get(name, name)


def _suspend_line(coro: Any, user_file: str) -> int:
    """The line of the innermost frame in `user_file` along the coroutine's await chain."""
    line = NONE
    for _ in range(64):  # bounded: await chains are short
        if type(coro) is types.CoroutineType:  # the common link, read without getattr's defaults
            frame, inner = coro.cr_frame, coro.cr_await
        else:
            frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
            inner = (getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)) if frame else None
        if frame is None:
            break
        if frame.f_code.co_filename == user_file:
            line = frame.f_lineno
        if inner is None:
            break
        coro = inner
    return line


class VirtualLoop(_BaseLoop):
    """An asyncio event loop whose time is virtual and whose IO is simulated."""

    _scheduled: list[Any]
    _timer_cancelled_count: int
    _default_executor: concurrent.futures.Executor | None

    def __init__(self, session: LoopSession) -> None:
        super().__init__()
        self.session = session
        self._clock_resolution = 1e-9  # the virtual clock counts whole nanoseconds
        self._builder = session.builder
        self._emit = fast_emitter(session.builder)
        self._actor = session.loop_actor()
        self._running_actor = self._actor
        self._io_due: list[int] = []  # heap of the times at which completions are due (each once)
        self._io_at: dict[int, list[PendingIO]] = {}  # due time -> the requests due then, by id
        # asyncio asks `loop.get_debug()` for every Future and Handle it makes: answered in C, no Python frame
        self.get_debug = functools.partial(_DEBUG_OF, self)
        self._current_line = session.current_line
        self._request_texts: dict[str, tuple[int, int]] = {}  # what -> interned (what, "completion: what")
        self._iteration = 0
        self._limit_error: BaseException | None = None
        self._thread_wakeup = threading.Event()
        self._sockets: Any = None  # simulator.net.sockets.SocketTable, made on first use
        self._executor_jobs = 0  # functions submitted by run_in_executor, not yet ended

    # ---- the clock
    def time(self) -> float:
        return self._builder.now / S

    def call_soon(self, callback: Callable[..., object], *args: Any, context: Any = None) -> events.Handle:
        if self._closed or self._debug:  # asyncio's own checks and messages
            return super().call_soon(callback, *args, context=context)
        # what BaseEventLoop.call_soon does when the loop is open and not in debug mode, one frame shorter
        handle = _HandleBase(callback, args, self, context)
        self._ready.append(handle)
        return handle

    # ---- tasks
    def create_task(self, coro: Any, *, name: str | None = None, context: Any = None) -> asyncio.Task[Any]:
        self._check_closed()
        if self._task_factory is not None:
            # A program's own factory: its tasks run unchanged, recorded as plain callbacks.
            return super().create_task(coro, name=name, context=context)
        if isinstance(coro, _FutureType) and not isinstance(coro, _TaskBase):
            # `create_task(request(...))`: simulator.io.request gives its future on this loop, a coroutine
            # elsewhere; the task awaits the future, as the coroutine would
            from simulator.io import awaiting

            coro = awaiting(coro)
        session = self.session
        b = self._builder
        b.now += session.costs.create_task_ns
        task = Task(coro, loop=self, name=name if name is not None else session.next_task_name(), context=context)
        if task._source_traceback:
            del task._source_traceback[-1]
        code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
        qualname = code.co_qualname if code is not None else type(coro).__qualname__
        task.label = f"{task.get_name()} {qualname}"
        task.line = code.co_firstlineno if code is not None else NONE
        task.file = code.co_filename if code is not None else ""
        task.actor = b.add_actor(
            ActorKind.TASK, task.get_name(), self._running_actor,
            code.co_filename if code is not None else "", task.line,
        )
        b.emit(EventKind.TASK_CREATE, task.actor, session.current_line(), text=task.label, arg=self._running_actor)
        return task

    # ---- timers
    def call_at(self, when: float, callback: Callable[..., object], *args: Any, context: Any = None) -> RecordedTimer:
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = RecordedTimer(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        # record
        timer.timer_id = self.session.next_timer()
        label = callback_label(callback)
        if self._running_actor != self._actor:
            label = f"{self._builder.actors[self._running_actor].name} {label}"
        self._builder.emit(
            EventKind.TIMER_SET, self._running_actor, self.session.current_line(), text=label,
            arg=timer.timer_id, data={"due": round(when * S)},
        )
        return timer

    def _timer_handle_cancelled(self, handle: events.TimerHandle) -> None:
        super()._timer_handle_cancelled(handle)
        if isinstance(handle, RecordedTimer) and handle._scheduled:
            self._builder.emit(EventKind.TIMER_CANCEL, self._running_actor, self.session.current_line(),
                               arg=handle.timer_id)

    # ---- simulated IO requests
    def io_request(
        self, what: str, channel: str, delay_ns: int, callback: Callable[..., object], *args: Any
    ) -> int:
        """Send an IO request now; `callback(*args)` runs as a ready handle when its completion arrives.

        A callback that only resolves a future (`set_result_unless_cancelled`, ...) runs as the
        completion arrives instead, like a proactor loop's: the ready queue gets the woken task.
        """
        return self._send(what, channel, _IO_REQUEST, max(0, delay_ns), callback, args)[2]

    def io_future(self, what: str, delay_ns: int, result: Any = None, channel: str = "disk") -> asyncio.Future[Any]:
        """A future that an IO request sent now resolves with `result` when its completion arrives."""
        fut = _FutureType(loop=self)
        self._send(what, channel, _IO_REQUEST, delay_ns if delay_ns > 0 else 0, set_result_unless_cancelled,
                   (fut, result))
        return fut

    def _send(
        self, what: str, channel: str, kind: int, delay_ns: int | None, callback: Callable[..., object],
        args: tuple[Any, ...],
    ) -> PendingIO:
        """Record a request event now and queue its completion `delay_ns` later (None: not yet known).

        Returns the completion: callback, args, request id, data, texts, actor, kind (see PendingIO).
        """
        b = self._builder
        session = self.session
        rid = session.request_counter = session.request_counter + 1
        running = self._running_actor  # the task sending it (its completion wakes it), or the loop
        now = b.now
        due = now + delay_ns if delay_ns is not None else now
        data = {"channel": channel, "due": due}  # what, who and when are the event's own columns
        texts = self._request_texts.get(what)
        if texts is None:  # interned in the order the events use them: what, then its completion's text
            what_index = b.intern(what)
            texts = self._request_texts[what] = (what_index, b.intern(f"completion: {what}"))
        rows = b.rows
        if len(rows) >= b.stage_limit:  # emit(), inline: the hot path of every IO request
            b.flush()
        b.data[b.flushed + len(rows) // ROW_BYTES] = data
        rows.extend(ROW_STRUCT.pack(now, kind, running, self._current_line(), texts[0], rid))
        pending = (callback, args, rid, data, texts[0], texts[1], running,
                   _EXECUTOR_DONE if kind == _EXECUTOR_SUBMIT else _IO_COMPLETE)
        if delay_ns is not None:
            self._schedule_completion(pending, due)
        return pending

    def _schedule_completion(self, pending: PendingIO, due: int) -> None:
        """Queue a completion for time `due` (completions due at the same time arrive in request order)."""
        bucket = self._io_at.get(due)
        if bucket is None:
            self._io_at[due] = [pending]
            heapq.heappush(self._io_due, due)
        elif bucket[-1][2] < pending[2]:
            bucket.append(pending)
        else:  # a request sent earlier but scheduled later (an executor's): keep request order
            bisect.insort(bucket, pending, key=_REQUEST_ID)

    def _write_to_self(self) -> None:
        # call_soon_threadsafe from another real thread: wake a loop waiting for it.
        self._thread_wakeup.set()

    def _process_events(self, event_list: list[Any]) -> None:
        raise AssertionError("the virtual loop has no selector; completions arrive in _poll_io")

    def _poll_io(self, timeout: float | None) -> None:
        """The virtual `select(timeout)`: pass the time, then queue the completions that have arrived."""
        b = self._builder
        io_due = self._io_due
        if timeout != 0:
            target = -1
            if timeout is not None:
                if timeout >= _MAX_SELECT_TIMEOUT:
                    target = b.now + round(timeout * S)
                else:
                    # CPython's epoll selector rounds its timeout up to whole milliseconds: the loop wakes at
                    # the first millisecond boundary (from now) at or after the timer, and every timer due by
                    # then runs in that turn (two tasks that slept 0.2 s a few lines apart wake together)
                    delay = round(self._scheduled[0]._when * S) - b.now
                    target = b.now + -(-delay // SELECT_RESOLUTION_NS) * SELECT_RESOLUTION_NS if delay > 0 else b.now
            if io_due and (target < 0 or io_due[0] < target):
                target = io_due[0]
            alarm = alarms.active()
            # the program's signal.alarm ends the wait, as SIGALRM ends select()
            if alarm is not None and alarm.due is not None and (target < 0 or alarm.due < target) \
                    and alarm.in_main_thread():
                target = max(b.now, alarm.due)
            if target > self.session.max_virtual_ns:
                self.session.advance_to(target, "a timer or an IO completion")  # stops at the cap
            if self._executor_jobs and self._simulated_threads():
                self._wait_for_workers(target)  # the workers run meanwhile
            elif target < 0:
                self._wait_for_other_threads()
            elif target > b.now:
                b.now = target
            if alarm is not None and alarm.due_now() and alarm.in_main_thread():
                alarm.run_handler()  # its exception, if any, leaves the loop as it would leave select()
        ready = self._ready
        rows, pack = b.rows, ROW_STRUCT.pack
        now = b.now
        while io_due and io_due[0] <= now:
            for pending in self._io_at.pop(heapq.heappop(io_due)):
                callback, args, rid, _, what, _, actor, kind = pending
                # its data is its request's (by request id); written as fast_emitter does, one call less
                if len(rows) >= b.stage_limit:
                    b.flush()
                rows.extend(pack(now, kind, actor, NONE, what, rid))
                if callback is set_result_unless_cancelled:  # the common completion, delivered inline
                    fut = args[0]
                    if not fut.cancelled():
                        try:
                            fut.set_result(args[1])
                        except BaseException as exc:  # a future already resolved some other way
                            self._delivery_failed(rid, exc)
                elif callback in _RESOLVERS:
                    try:
                        callback(*args)
                    except BaseException as exc:
                        self._delivery_failed(rid, exc)
                else:
                    handle = CompletionHandle(callback, args, self, None)
                    handle.pending = pending
                    ready.append(handle)

    def _delivery_failed(self, request: int, exc: BaseException) -> None:
        if isinstance(exc, (SystemExit, KeyboardInterrupt)) or type(exc).__name__ in LIMIT_ERRORS:
            raise exc
        self.call_exception_handler({"message": f"Exception delivering completion #{request}", "exception": exc})

    def _wait_for_other_threads(self) -> None:
        """Nothing is scheduled: only another real thread could still wake the loop."""
        deadline = _REAL_MONOTONIC() + THREAD_WAIT_S
        while threading.active_count() > 1 and _REAL_MONOTONIC() < deadline:
            if self._thread_wakeup.wait(0.05):
                self._thread_wakeup.clear()
                return
        if self._ready:
            return
        self.session.limit(
            "virtual_time",
            "Stopped: every task is waiting and nothing can wake them (no timer, no IO in flight); "
            "a real event loop would wait here forever.",
        )

    # ---- one turn of the loop: CPython 3.12's _run_once with recording added
    def run_until_complete(self, future: Any) -> Any:
        if self._limit_error is not None:
            if asyncio.iscoroutine(future):
                future.close()  # never started: no "coroutine was never awaited" warning
            raise self._limit_error  # stopped by a cap: cleanup code (asyncio.run's) must not run the program on
        return super().run_until_complete(future)

    def _run_once(self) -> None:
        if self._limit_error is not None:
            raise self._limit_error
        try:
            self._turn()
        except BaseException as exc:
            if type(exc).__name__ in LIMIT_ERRORS:
                self._limit_error = exc
                # A cap stopped these tasks, not the program: no "destroyed"/"never retrieved" messages.
                pending: set[Any] = asyncio.all_tasks(self)
                for task in pending:
                    task._log_destroy_pending = False
            raise

    def _turn(self) -> None:
        sched_count = len(self._scheduled)
        if (sched_count > base_events._MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count > base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            new_scheduled = []
            for handle in self._scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    new_scheduled.append(handle)
            heapq.heapify(new_scheduled)
            self._scheduled = new_scheduled
            self._timer_cancelled_count = 0
        else:
            while self._scheduled and self._scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(self._scheduled)
                handle._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            when = self._scheduled[0]._when
            timeout = min(max(0, when - self.time()), base_events.MAXIMUM_SELECT_TIMEOUT)

        self._poll_io(timeout)  # replaces: event_list = self._selector.select(timeout); _process_events(...)

        b = self._builder
        emit = self._emit
        intern = b.intern
        end_time = self.time() + self._clock_resolution
        while self._scheduled:
            handle = self._scheduled[0]
            if handle._when >= end_time:
                break
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            self._ready.append(handle)
            if isinstance(handle, RecordedTimer):  # record
                emit(EventKind.TIMER_FIRE, self._actor, NONE, NONE, handle.timer_id)

        tick, cards, owners = self._record_tick()  # record; the ready queue's handles run in this order
        step_ns = self.session.costs.task_step_ns
        loop_actor = self._actor
        popleft = self._ready.popleft
        tracer = self.session.tracer  # tells where each step suspended, when it records the program
        rows, pack, patch_arg = b.rows, ROW_STRUCT.pack, ARG_FIELD.pack_into
        told = skipped = False  # told: the turn's events tell its ready queue (every handle ran to the end)
        try:
            for task in owners:  # replaces: for i in range(ntodo)
                handle = popleft()
                if handle._cancelled:
                    skipped = True  # a skipped handle has no event: the queue must be written down
                    continue
                # record: which task (or callback) this handle runs
                b.now += step_ns
                if task is not None:
                    if len(rows) >= b.stage_limit:  # emit(), inline: one call less per step
                        b.flush()
                    step = b.flushed + len(rows) // ROW_BYTES
                    rows.extend(pack(b.now, _TASK_STEP, task.actor, task.line, NONE, NONE))
                    self._running_actor = task.actor
                elif type(handle) is CompletionHandle:  # text: what completed (shared); arg: which request
                    emit(_CALLBACK, loop_actor, NONE, handle.pending[5], handle.pending[2])
                else:
                    emit(_CALLBACK, loop_actor, NONE, intern(callback_label(handle._callback)), NONE)
                if tracer is not None:
                    tracer.yield_line = NONE
                if self._debug:
                    try:
                        self._current_handle = handle
                        t0 = self.time()
                        handle._run()
                        dt = self.time() - t0
                        if dt >= self.slow_callback_duration:
                            base_events.logger.warning("Executing %s took %.3f seconds",
                                                       base_events._format_handle(handle), dt)
                    finally:
                        self._current_handle = None
                elif task is not None:
                    # Handle._run without its frame: a task's step lets only SystemExit and
                    # KeyboardInterrupt escape (it keeps other exceptions), and _run re-raises those too
                    handle._context.run(handle._callback, *handle._args)
                else:
                    handle._run()
                if task is not None:  # record: where the step stopped, or how the task ended
                    self._running_actor = loop_actor

                    if task.done():
                        b.set(step, ARG, NONE)
                        emit(EventKind.TASK_DONE, task.actor, NONE, intern(_outcome(task)), NONE)
                        _reraise_limit(task)
                    else:
                        line = NONE
                        if tracer is not None and tracer.yield_file == task.file:
                            line = tracer.yield_line  # the innermost of the program's frames that yielded
                        if line == NONE:
                            line = _suspend_line(task.get_coro(), task.file)
                        task.line = line
                        staged = step - b.flushed  # b.set(step, ARG, line), inline
                        if staged >= 0:
                            patch_arg(rows, staged * ROW_BYTES + ARG_OFFSET, line)
                        else:
                            b.columns[ARG][step] = line
            told = not skipped
        finally:
            if not told:
                self._record_ready(tick, cards, owners)
        handle = None  # Needed to break cycles when an exception occurs.

    def _record_tick(self) -> tuple[int, list[str | None], list[Task | None]]:
        """Record the turn. Returns its event and, per handle in its ready queue, the Task it steps
        (or None) and the card of a handle that steps no task (taken now: a cancelled handle loses its callback).

        The ready queue itself is written (`_record_ready`) only when the turn's task_step and
        callback events cannot tell it: a handle skipped, or the turn cut short.
        """
        self._iteration += 1
        session = self.session
        b = self._builder
        if b.flushed + len(b.rows) // ROW_BYTES >= session.max_steps:
            session.limit("steps", f"step limit reached: {session.max_steps:,} steps recorded")
        ready = self._ready
        owners: list[Task | None]
        cards: list[str | None]
        if len(ready) == 1:  # the usual turn once completions arrive at different times
            task = getattr(ready[0]._callback, "__self__", None)
            if type(task) is Task:
                owners, cards = [task], [None]
            else:
                owners, cards = [None], [_ready_label(ready[0])]
        else:
            owners = [getattr(handle._callback, "__self__", None) for handle in ready]
            owners = [task if type(task) is Task else None for task in owners]
            cards = [None if task is not None else _ready_label(h) for task, h in zip(owners, ready, strict=True)]
        tick = self._emit(_LOOP_TICK, self._actor, NONE, NONE, self._iteration)
        b.now += session.costs.loop_iteration_ns
        return tick, cards, owners

    def _record_ready(self, tick: int, cards: list[str | None], owners: list[Task | None]) -> None:
        """Write turn `tick`'s ready queue, as it was when the turn began, into the tick's data."""
        self._builder.data[tick] = {
            "ready": [task.label if task is not None else card for task, card in zip(owners, cards, strict=True)],
            "tasks": [NONE if task is None else task.actor for task in owners],
        }

    # ---- executor: work done off the loop
    def run_in_executor(self, executor: Any, func: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """CPython's: `func` runs on the executor's worker thread (the loop's default ThreadPoolExecutor
        unless one is given), and its outcome comes back to the loop through `call_soon_threadsafe`.

        Under the threads engine the workers are simulated threads: they run while the loop waits
        for them (see `_poll_io`), one at a time, on the virtual clock, so the run stays deterministic.
        The request is recorded as EXECUTOR_SUBMIT, the function's end as EXECUTOR_DONE. Without the
        threads engine the function runs to its end right away instead (`_run_inline`).
        """
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        if not self._simulated_threads():
            return self._run_inline(func, *args)
        if executor is None:  # as BaseEventLoop.run_in_executor
            executor = self._default_executor
            self._check_default_executor()
            if executor is None:
                executor = self._default_executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
        pending = self._send(_executor_text(func), "executor", _EXECUTOR_SUBMIT, None, _copy_outcome, ())
        job = executor.submit(func, *args)
        self._executor_jobs += 1
        # before wrap_future's own callback: the completion is recorded before the future resolves
        job.add_done_callback(functools.partial(self._executor_finished, pending))
        return _futures.wrap_future(job, loop=self)

    def _executor_finished(self, pending: PendingIO, job: concurrent.futures.Future[Any]) -> None:
        """The worker's function ended (in the worker's thread, or the loop's if it never started)."""
        if self.is_closed():
            return
        if self.session.in_simulation():
            self._record_executor_done(pending)
        else:  # a thread the trace does not follow: the loop records it
            self.call_soon_threadsafe(self._record_executor_done, pending)

    def _record_executor_done(self, pending: PendingIO) -> None:
        self._executor_jobs -= 1
        b = self._builder
        pending[3]["due"] = b.now
        self._emit(pending[7], pending[6], NONE, pending[4], pending[2])

    def _simulated_threads(self) -> bool:
        """Whether this loop's thread is one the threads engine schedules (then so are the workers it starts)."""
        cond = getattr(self._thread_wakeup, "_cond", None)
        return type(cond) is SimCondition and cond._sched.active and cond._sched.inside()

    def _wait_for_workers(self, target: int) -> None:
        """The loop's `select()` while executor work is out: wait on the simulated wake-up event, so the
        scheduler runs the workers, until one hands a result back or the clock reaches `target`
        (-1: no timer, no IO due: until woken)."""
        b = self._builder
        wakeup = self._thread_wakeup
        if wakeup.wait(None if target < 0 else (target - b.now) / S):
            wakeup.clear()
        elif target > b.now:  # (the wait's timeout rounds to whole nanoseconds)
            b.now = target

    def _run_inline(self, func: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """Without simulated threads: run `func` to the end right away (so the run stays deterministic); its
        result comes back as an EXECUTOR_DONE completion after the virtual time it took (its sleeps, its
        declared CPU work: not the loop's)."""
        fut = self.create_future()
        session = self.session
        b = self._builder
        start = b.now
        pending = self._send(_executor_text(func), "executor", _EXECUTOR_SUBMIT, None, _copy_outcome, ())
        outer_off, session.off_loop_ns = session.off_loop_ns, 0
        session.off_loop_depth += 1
        result: Any = None
        error: BaseException | None = None
        try:
            result = func(*args)
        except BaseException as exc:
            if type(exc).__name__ in LIMIT_ERRORS:
                raise
            error = exc
        finally:
            session.off_loop_depth -= 1
            elapsed = b.now - start + session.off_loop_ns
            session.off_loop_ns = outer_off
        pending[3]["due"] = start + elapsed
        self._schedule_completion((_copy_outcome, (fut, result, error), *pending[2:]), start + elapsed)
        return fut

    # ---- simulated network (simulator.net)
    async def getaddrinfo(self, host: Any, port: Any, *, family: int = 0, type: int = 0, proto: int = 0,
                          flags: int = 0) -> list[Any]:
        from simulator.net.connect import getaddrinfo

        return getaddrinfo(self, host, port, family, type, proto)

    async def create_connection(self, protocol_factory: Callable[[], asyncio.BaseProtocol], host: Any = None,
                                port: Any = None, *, ssl: Any = None, sock: Any = None, **kwargs: Any) -> Any:
        from simulator.net.connect import create_connection

        return await create_connection(self, protocol_factory, host, port, ssl=bool(ssl))

    async def create_server(self, protocol_factory: Callable[[], asyncio.BaseProtocol], host: Any = None,
                            port: Any = None, *, start_serving: bool = True, **kwargs: Any) -> Any:
        from simulator.net.connect import create_server

        return await create_server(self, protocol_factory, host, port or 0, start_serving)

    def _sim_sockets(self) -> Any:
        if self._sockets is None:
            from simulator.net.sockets import SocketTable

            self._sockets = SocketTable(self)
        return self._sockets

    async def sock_connect(self, sock: Any, address: Any) -> None:
        await self._sim_sockets().connect(sock, address)

    async def sock_sendall(self, sock: Any, data: Any) -> None:
        await self._sim_sockets().sendall(sock, data)

    async def sock_recv(self, sock: Any, n: int) -> bytes:
        return await self._sim_sockets().recv(sock, n)

    async def sock_recv_into(self, sock: Any, buf: Any) -> int:
        data = await self._sim_sockets().recv(sock, len(buf))
        buf[: len(data)] = data
        return len(data)

    async def sock_accept(self, sock: Any) -> Any:
        raise OSError("the simulated network accepts connections through asyncio.start_server, not sock_accept")

    # Networking that has no simulation: refuse clearly rather than touch the real network.
    async def create_datagram_endpoint(self, *args: Any, **kwargs: Any) -> Any:
        raise OSError("UDP is not simulated: use asyncio streams (open_connection / start_server)")

    async def create_unix_connection(self, *args: Any, **kwargs: Any) -> Any:
        raise OSError("Unix sockets are not simulated: use asyncio streams over TCP")

    async def create_unix_server(self, *args: Any, **kwargs: Any) -> Any:
        raise OSError("Unix sockets are not simulated: use asyncio streams over TCP")


def _executor_text(func: Any) -> str:
    """`fetch() in a worker thread`: what an executor request shows."""
    target = func
    if isinstance(func, functools.partial) and func.args and getattr(func.func, "__name__", "") == "run":
        target = func.args[0]  # asyncio.to_thread wraps the function in contextvars' Context.run
    return f"{getattr(target, '__qualname__', type(target).__qualname__)}() in a worker thread"


def _ready_label(handle: Any) -> str:
    """The ready card of a handle that steps no task."""
    return handle.label if type(handle) is CompletionHandle else callback_label(handle._callback)


def _reraise_limit(task: Any) -> None:
    """A cap raised inside a task's step ends that task like any BaseException would: stop the loop too."""
    exc = None if task.cancelled() else task._exception
    if exc is not None and type(exc).__name__ in LIMIT_ERRORS:
        task._log_traceback = False
        raise exc


def _outcome(task: Any) -> str:
    if task.cancelled():
        return "cancelled"
    # `_exception`, not `exception()`: asking would mark the error as retrieved and silence
    # CPython's "Task exception was never retrieved".
    exc = task._exception
    return "returned" if exc is None else f"raised {type(exc).__qualname__}"


def _copy_outcome(fut: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    """Deliver an executor's result to the awaiting future (like asyncio's wrap_future)."""
    if fut.cancelled():
        return
    if error is not None:
        fut.set_exception(error)
    else:
        fut.set_result(result)


# A completion handler: resolve `fut` unless its waiter gave up (asyncio's own, called directly: one frame less per IO).
set_result_unless_cancelled: Callable[[asyncio.Future[Any], Any], None] = _futures._set_result_unless_cancelled


def set_exception_unless_cancelled(fut: asyncio.Future[Any], exc: BaseException) -> None:
    if not fut.cancelled():
        fut.set_exception(exc)




# Completion callbacks that only resolve a future: they read no context variables.
_RESOLVERS = frozenset({set_result_unless_cancelled, set_exception_unless_cancelled, _copy_outcome})
