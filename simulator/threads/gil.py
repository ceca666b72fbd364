"""Python threads under CPython's GIL: the lock's hand-offs, its convoys and the switches they cost.

Owns `GilEngine`, the discrete-event model os_model.simulate runs when `costs.gil` is
on. Only the thread holding the GIL runs Python, so the GIL is the one "CPU" the
threads' work runs on (the recorded lane "CPU 0"); the other CPUs only host threads
that wake up, look at the lock and go back to sleep. The protocol is CPython 3.12's
(Python/ceval_gil.c, FORCE_SWITCHING on), and each blocking wait in it is one
voluntary context switch, which is what getrusage counts on a real machine:

- a thread whose IO ends takes the GIL if it is free (no wait), otherwise it waits on
  the lock's condition variable (one voluntary switch) in FIFO order;
- a thread that drops the GIL to block (IO) signals one waiter, which needs
  `gil_handoff_ns` to wake and run; until then the GIL is free and a thread whose
  IO just ended can take it first (*barging*): the signalled waiter then finds it
  taken and waits again, at the back (another voluntary switch);
- a waiter's wait times out every `gil_interval_ns` (5 ms): it wakes, looks, and
  waits again (another voluntary switch). Under a long queue (a convoy) a thread
  waits several intervals, which is why real threads switch 2-3 times per blocking
  call at hundreds of threads. These wake-ups change nothing else, so they are
  counted when each wait ends (one per whole interval waited) instead of simulated
  one by one; they run on the cores the GIL holder does not need, and no more of
  them happen than those cores can run in the run's time (the kernel runs the
  timers late), so their count is capped there;
- a holder that has kept the GIL for a whole interval while others wait is asked to
  drop it (a waiter timed out without seeing a hand-off): it drops it, waits until
  another thread has taken it (FORCE_SWITCHING) and then waits for it again: two
  voluntary switches.

Costs: a waiter that gets the GIL pays `switch_ns` (+ `cache_refill_ns` if another
thread ran last); a thread that takes a free GIL when its IO ends pays `wakeup_ns`
(+ refill); each futile wake-up (a time-out, a hand-off lost to a barging thread)
costs `switch_ns` of CPU on another core. A thread's first dispatch is start-up, as in
os_model. There are no involuntary switches: threads leave the GIL only by the
protocol above. Never runs user code; records into a TraceBuilder when given one.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

from simulator.costs import CostModel
from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.threads.os_model import IO, OVERHEAD, TASK, OSResult, SimThread, Step
from simulator.trace import TraceBuilder

# event kinds (ties are broken by sequence number only); _DROP: the holder's interval is up
_ARRIVE, _IO_DONE, _RUN_END, _HANDOFF, _DROP, _RUN_START = range(6)


class GilEngine:
    """One run of Python threads sharing the GIL. Lists indexed by thread number keep the loop cheap."""

    def __init__(self, threads: Sequence[SimThread], costs: CostModel, builder: TraceBuilder | None, create_ns: int):
        costs.validate()
        self.threads = threads
        self.costs = costs
        self.builder = builder
        self.create_ns = create_ns

    def run(self) -> OSResult:
        costs = self.costs
        threads = self.threads
        n = len(threads)
        interval = max(1, costs.gil_interval_ns)
        handoff_ns, switch_ns, refill_ns, wakeup_ns = (
            costs.gil_handoff_ns, costs.switch_ns, costs.cache_refill_ns, costs.wakeup_ns)
        create_ns = self.create_ns
        gens = [th.behaviour for th in threads]
        pending: list[Step | None] = [None] * n
        remaining = [0] * n
        overhead_left = [0] * n  # as in os_model
        task_step_ns = costs.task_step_ns
        started = [False] * n
        token = [0] * n  # bumps whenever a thread stops waiting, so stale queue entries and hand-offs are ignored
        waiting = [False] * n  # in the condition variable's queue
        wait_since = [0] * n
        timeouts = 0  # futile wake-ups of waiters, one per interval waited (counted when the wait ends)
        acquired_at = 0
        waiters: deque[tuple[int, int]] = deque()  # (thread, token): FIFO, stale entries skipped
        heap: list[tuple[int, int, int, int, int]] = []
        seq = 0
        holder = -1  # the thread holding the GIL (from the moment it takes it, through its dispatch)
        last_holder = -1
        run_since = 0
        run_token = 0  # a forced drop cancels the holder's scheduled end of run
        holding = False  # the holder runs (its dispatch is paid)
        useful = switching = startup = overhead_ns = voluntary = 0
        now = 0
        push, pop = heapq.heappush, heapq.heappop

        rec = self.builder is not None
        if rec:
            b = self.builder
            assert b is not None
            b.add_actor(ActorKind.CPU, "CPU 0")  # the GIL: where Python code runs
            actor = [b.add_actor(ActorKind.THREAD, th.name) for th in threads]
            append_row, next_event, data, intern = b.append_row, b.__len__, b.data, b.intern
            running_data = {"cpu": 0}
            gil_label = intern("GIL")
            switch_data: dict[tuple[str, int], dict[str, object]] = {}
            K_STATE, K_SWITCH = int(EventKind.THREAD_STATE), int(EventKind.CONTEXT_SWITCH)
            K_CREATE, K_EXIT = int(EventKind.THREAD_CREATE), int(EventKind.THREAD_EXIT)
            S_RUNNING, S_READY = int(ThreadState.RUNNING), int(ThreadState.READY)
            S_IO, S_LOCK, S_EXITED = int(ThreadState.BLOCKED_IO), int(ThreadState.WAITING_LOCK), int(ThreadState.EXITED)

            def emit(t: int, kind: int, who: int, arg: int, text: int = -1) -> None:
                append_row(t, kind, who, -1, text, arg)

            def emit_switch(t: int, th_in: int, th_out: int, reason: str, cost: int) -> None:
                key = (reason, cost)
                d = switch_data.get(key)
                if d is None:  # shared payloads, as in os_model
                    d = switch_data[key] = {"cpu": 0, "reason": reason, "cost_ns": cost}
                data[next_event()] = d
                emit(t, K_SWITCH, actor[th_in] if th_in >= 0 else -1, actor[th_out] if th_out >= 0 else -1)

        for i, th in enumerate(threads):
            push(heap, (th.start_ns, seq, _ARRIVE, i, 0))
            seq += 1

        def take(i: int, t: int, cost: int, reason: str, out: int) -> None:
            """Thread i takes the GIL at t; it runs once `cost` (switch, refill, start) is paid."""
            nonlocal holder, switching, startup, seq
            holder = i
            if last_holder != i:
                cost += refill_ns
            if started[i]:
                switching += cost
            else:
                cost += create_ns
                started[i] = True
                startup += cost
            if rec:
                emit_switch(t, i, out, reason, cost)
            push(heap, (t + cost, seq, _RUN_START, i, 0))
            seq += 1

        def wait(i: int, t: int) -> None:
            """Thread i blocks on the GIL's condition variable (a voluntary switch)."""
            nonlocal voluntary
            voluntary += 1
            token[i] += 1
            waiting[i] = True
            wait_since[i] = t
            waiters.append((i, token[i]))
            if rec:
                emit(t, K_STATE, actor[i], S_LOCK, gil_label)

        def drop(i: int, t: int, reason: str) -> None:
            """The holder lets the GIL go at t and signals the first live waiter."""
            nonlocal holder, last_holder, holding, seq, timeouts
            holder = -1
            holding = False
            last_holder = i
            if rec:
                emit_switch(t, -1, i, reason, 0)
            while waiters:
                j, tok = waiters.popleft()
                if waiting[j] and tok == token[j]:
                    waiting[j] = False
                    token[j] += 1
                    timeouts += (t - wait_since[j]) // interval
                    push(heap, (t + handoff_ns, seq, _HANDOFF, j, token[j]))
                    seq += 1
                    return

        def live_waiters() -> bool:
            while waiters and not (waiting[waiters[0][0]] and waiters[0][1] == token[waiters[0][0]]):
                waiters.popleft()
            return bool(waiters)

        def arrive_ready(i: int, t: int, reason: str) -> None:
            """Thread i wants the GIL at t (started, or its IO ended)."""
            if rec:
                emit(t, K_STATE, actor[i], S_READY)
            if holder < 0:
                take(i, t, wakeup_ns, reason, -1)
            else:
                wait(i, t)

        def advance(i: int, t: int) -> None:
            """The holder has no CPU work left: ask its behaviour what next."""
            nonlocal voluntary, seq
            gen = gens[i]
            while True:
                try:
                    step = pending[i]
                    if step is None:
                        step = gen.send(t)
                    else:
                        pending[i] = None
                    what, ns, label = step
                except StopIteration:
                    if rec:
                        emit(t, K_STATE, actor[i], S_EXITED)
                        emit(t, K_EXIT, actor[i], -1)
                    drop(i, t, "exited")
                    return
                if ns <= 0:
                    continue
                if what == IO:
                    voluntary += 1
                    if rec:
                        emit(t, K_STATE, actor[i], S_IO, intern(label) if label else -1)
                    push(heap, (t + ns, seq, _IO_DONE, i, 0))
                    seq += 1
                    drop(i, t, "blocked")
                    return
                remaining[i] = ns
                overhead_left[i] = ns if what == OVERHEAD else min(ns, task_step_ns) if what == TASK else 0
                run(i, t)
                return

        def run(i: int, t: int) -> None:
            nonlocal run_since, seq
            run_since = t
            push(heap, (t + remaining[i], seq, _RUN_END, i, run_token))
            seq += 1
            if t + remaining[i] > acquired_at + interval:  # it may hold the GIL past a waiter's interval
                push(heap, (max(t, acquired_at + interval), seq, _DROP, i, run_token))
                seq += 1

        def account(i: int, t: int) -> None:
            nonlocal useful, overhead_ns
            ran = t - run_since
            remaining[i] -= ran
            o = min(ran, overhead_left[i])
            overhead_left[i] -= o
            overhead_ns += o
            useful += ran - o

        while heap:
            t, _, what, i, arg = pop(heap)
            now = t
            if what == _RUN_END:
                if arg != run_token or holder != i:
                    continue  # cancelled by a forced drop
                account(i, t)
                advance(i, t)
            elif what == _IO_DONE:
                arrive_ready(i, t, "woken")
            elif what == _RUN_START:
                holding = True
                acquired_at = t
                if rec:
                    data[next_event()] = running_data
                    emit(t, K_STATE, actor[i], S_RUNNING)
                if remaining[i] > 0:
                    run(i, t)
                else:
                    advance(i, t)
            elif what == _HANDOFF:
                if arg != token[i]:
                    continue
                if holder < 0:
                    take(i, t, switch_ns, "woken", -1)
                else:  # a barging thread took it first: back to the queue
                    switching += switch_ns
                    wait(i, t)
            elif what == _DROP:
                if arg != run_token or holder != i or not holding:
                    continue
                if live_waiters():
                    # a waiter saw no hand-off for a whole interval: the holder must drop the GIL (FORCE_SWITCHING)
                    account(i, t)
                    run_token += 1
                    drop(i, t, "preempted")
                    voluntary += 1  # it waits until another thread has taken the GIL...
                    switching += switch_ns
                    if rec:
                        emit(t, K_STATE, actor[i], S_READY)
                    wait(i, t)  # ...and then for the GIL again
                else:
                    push(heap, (t + interval, seq, _DROP, i, run_token))
                    seq += 1
            else:  # _ARRIVE
                try:
                    pending[i] = next(gens[i])
                except StopIteration:
                    pending[i] = None
                if rec:
                    emit(t, K_CREATE, actor[i], -1)
                arrive_ready(i, t, "started")

        if rec:
            assert self.builder is not None
            self.builder.now = max(self.builder.now, now)
        cpus = costs.cpus
        # Each interval a thread waited it woke up, looked and slept again: a voluntary switch costing
        # switch_ns on a core the GIL holder does not need. More than those cores can do in the run's
        # time cannot happen (the kernel runs the timers late), so the count is capped there.
        spare = max(cpus - 1, 1) * now // max(1, switch_ns)
        futile = min(timeouts, spare)
        voluntary += futile
        switching += futile * switch_ns
        idle_ns = cpus * now - useful - switching - startup - overhead_ns
        return OSResult(
            threads=n, cpus=cpus, makespan_ns=now, useful_ns=useful, switching_ns=switching, idle_ns=max(idle_ns, 0),
            voluntary=voluntary, involuntary=0, events=len(self.builder) if self.builder is not None else 0,
            startup_ns=startup, overhead_ns=overhead_ns,
        )
