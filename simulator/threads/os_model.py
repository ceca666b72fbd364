"""The modelled operating system: N CPUs, a round-robin scheduler, and what switching costs.

Owns the discrete-event simulation that every threads-side model runs on (one
thread per task, a pool, event-loop threads, processes). A simulated thread is a
*behaviour*: a generator that receives the virtual time and yields what it does
next — `(CPU, ns, label)`, `(OVERHEAD, ns, label)` (CPU spent on bookkeeping,
counted as switching, e.g. an event loop's turns), `(TASK, ns, label)` (a coroutine
step: its first `task_step_ns` bookkeeping, the rest CPU; one burst instead of two)
or `(IO, ns, label)` (a blocking wait). The engine never runs user code and never reads the wall clock.

Scheduling policy (docs/threads-engine.md): one global FIFO ready queue, fair
round-robin. A running thread keeps its CPU until it blocks, exits, or its time
slice runs out while another thread is ready (then it goes to the tail: an
involuntary switch). A thread that becomes ready takes an idle CPU at once,
preferring the CPU it last ran on; otherwise it queues. No wake-up preemption.
Costs: a switch between threads costs `switch_ns`; waking onto an idle CPU costs
`wakeup_ns`; a thread's first dispatch adds the creation cost; a CPU that last ran
a different thread adds `cache_refill_ns`. All switching time is CPU time that
does no useful work. A dispatch's cost is *start-up* when it is the thread's first,
otherwise *switching*: a thread only comes back to a CPU after a counted switch took
it off (it blocked or was preempted), so switching CPU is zero where no switch
happened. With `gil`, Python threads share CPython's interpreter lock and run on
simulator.threads.gil instead, which models the lock's hand-offs.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Generator, Sequence
from dataclasses import dataclass

from simulator.costs import CostModel
from simulator.kinds import ActorKind, EventKind, ThreadState
from simulator.trace import TraceBuilder

CPU = 0
OVERHEAD = 1
IO = 2
TASK = 3  # a coroutine's step: costs.task_step_ns of the loop's bookkeeping, then the rest as the task's CPU

# A behaviour yields (what, ns, label); after each step it is sent the virtual time.
Step = tuple[int, int, str]
Behaviour = Generator[Step, int, None]

_ARRIVE, _IO_DONE, _RUN_START, _RUN_END = 0, 1, 2, 3


@dataclass(frozen=True)
class SimThread:
    """One thread to simulate: its name, behaviour and when it is created."""

    name: str
    behaviour: Behaviour
    start_ns: int = 0


@dataclass(frozen=True)
class OSResult:
    """What the run cost, summed over every CPU and thread."""

    threads: int
    cpus: int
    makespan_ns: int
    useful_ns: int
    switching_ns: int  # the cost of switches back to a thread that had left a CPU (see `_Engine.dispatch`)
    idle_ns: int
    voluntary: int  # a thread gave up its CPU to wait (IO, or the GIL's condition variable)
    involuntary: int  # a thread was preempted at the end of its slice
    events: int  # events recorded (0 when not recording)
    startup_ns: int = 0  # creating threads and their first dispatch
    overhead_ns: int = 0  # bookkeeping bursts (OVERHEAD steps: an event loop's task steps and turns)

    @property
    def context_switches(self) -> int:
        return self.voluntary + self.involuntary


def simulate(
    threads: Sequence[SimThread],
    costs: CostModel,
    builder: TraceBuilder | None = None,
    create_ns: int | None = None,
) -> OSResult:
    """Run `threads` on the modelled OS; record into `builder` if given.

    `create_ns` overrides the per-thread creation cost (a process start, say). With
    `costs.gil`, the threads share CPython's GIL (simulator.threads.gil).
    """
    if costs.gil:
        from simulator.threads.gil import GilEngine

        return GilEngine(threads, costs, builder, costs.thread_create_ns if create_ns is None else create_ns).run()
    return _Engine(threads, costs, builder, costs.thread_create_ns if create_ns is None else create_ns).run()


class _Engine:
    """One simulation run. Lists indexed by thread number keep the hot loop cheap."""

    def __init__(self, threads: Sequence[SimThread], costs: CostModel, builder: TraceBuilder | None, create_ns: int):
        costs.validate()
        self.threads = threads
        self.costs = costs
        self.builder = builder
        self.create_ns = create_ns
        self.cpus = costs.cpus
        self.slice_ns = costs.time_slice_ns

    def run(self) -> OSResult:
        costs = self.costs
        threads = self.threads
        n = len(threads)
        ncpu = self.cpus
        slice_ns = self.slice_ns
        switch_ns, refill_ns, wakeup_ns, create_ns = (
            costs.switch_ns,
            costs.cache_refill_ns,
            costs.wakeup_ns,
            self.create_ns,
        )
        gens = [th.behaviour for th in threads]
        remaining = [0] * n  # ns left in the current CPU burst
        overhead_left = [0] * n  # bookkeeping ns still at the start of the current burst (the rest is useful)
        task_step_ns = costs.task_step_ns
        started = [False] * n
        pending: list[Step | None] = [None] * n  # a behaviour's first step, taken when it is created
        last_cpu = [-1] * n
        running = [-1] * ncpu
        last_thread = [-1] * ncpu
        run_since = [0] * ncpu
        slice_end = [0] * ncpu
        idle: set[int] = set(range(ncpu))
        ready: deque[int] = deque()
        heap: list[tuple[int, int, int, int, int]] = []
        seq = 0
        useful = switching = startup = overhead_ns = voluntary = involuntary = 0
        now = 0
        push = heapq.heappush
        pop = heapq.heappop

        rec = self.builder is not None
        if rec:
            b = self.builder
            assert b is not None
            cpu_actor = [b.add_actor(ActorKind.CPU, f"CPU {c}") for c in range(ncpu)]
            actor = [b.add_actor(ActorKind.THREAD, th.name) for th in threads]
            append_row, next_event = b.append_row, b.__len__
            data = b.data
            intern = b.intern
            running_data = [{"cpu": c} for c in range(ncpu)]
            switch_data: dict[tuple[int, str, int], dict[str, object]] = {}
            K_STATE, K_SWITCH = int(EventKind.THREAD_STATE), int(EventKind.CONTEXT_SWITCH)
            K_CREATE, K_EXIT = int(EventKind.THREAD_CREATE), int(EventKind.THREAD_EXIT)
            S_RUNNING, S_READY = int(ThreadState.RUNNING), int(ThreadState.READY)
            S_IO, S_EXITED = int(ThreadState.BLOCKED_IO), int(ThreadState.EXITED)
            del cpu_actor  # registered for the timeline's CPU lanes; events name CPUs by index

            def emit(t: int, kind: int, who: int, arg: int, text: int = -1) -> None:
                append_row(t, kind, who, -1, text, arg)

            def emit_switch(t: int, c: int, th_in: int, th_out: int, reason: str, cost: int) -> None:
                key = (c, reason, cost)
                d = switch_data.get(key)
                if d is None:
                    # shared payloads: a trace is immutable once built, so equal dicts may be one object
                    d = switch_data[key] = {"cpu": c, "reason": reason, "cost_ns": cost}
                data[next_event()] = d
                emit(t, K_SWITCH, actor[th_in] if th_in >= 0 else -1, actor[th_out] if th_out >= 0 else -1)

        for i, th in enumerate(threads):
            push(heap, (th.start_ns, seq, _ARRIVE, i, 0))
            seq += 1

        def place(i: int, t: int, reason: str) -> None:
            """Thread i became ready at t: take an idle CPU or queue."""
            nonlocal seq, switching, startup
            if not idle:
                ready.append(i)
                return
            c = last_cpu[i] if last_cpu[i] in idle else min(idle)
            idle.discard(c)
            cost = wakeup_ns
            if last_thread[c] != i:
                cost += refill_ns
            if started[i]:
                switching += cost
            else:
                cost += create_ns
                started[i] = True
                startup += cost
            running[c] = i
            if rec:
                emit_switch(t, c, i, -1, reason, cost)
            push(heap, (t + cost, seq, _RUN_START, i, c))
            seq += 1

        def release(c: int, t: int, out: int, reason: str) -> None:
            """CPU c is free at t because `out` left it: run the next ready thread or go idle."""
            nonlocal seq, switching, startup
            last_thread[c] = out
            if not ready:
                running[c] = -1
                idle.add(c)
                if rec:
                    emit_switch(t, c, -1, out, reason, 0)
                return
            i = ready.popleft()
            cost = switch_ns
            if out != i:
                cost += refill_ns
            if started[i]:
                switching += cost
            else:
                cost += create_ns
                started[i] = True
                startup += cost
            running[c] = i
            if rec:
                emit_switch(t, c, i, out, reason, cost)
            push(heap, (t + cost, seq, _RUN_START, i, c))
            seq += 1

        def advance(i: int, c: int, t: int) -> None:
            """Thread i runs on CPU c at t with no burst left: ask its behaviour what next."""
            nonlocal seq, voluntary
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
                    release(c, t, i, "exited")
                    return
                if ns <= 0:
                    continue
                if what == IO:
                    voluntary += 1
                    if rec:
                        emit(t, K_STATE, actor[i], S_IO, intern(label) if label else -1)
                    push(heap, (t + ns, seq, _IO_DONE, i, 0))
                    seq += 1
                    release(c, t, i, "blocked")
                    return
                remaining[i] = ns
                overhead_left[i] = ns if what == OVERHEAD else min(ns, task_step_ns) if what == TASK else 0
                proceed(i, c, t)
                return

        def proceed(i: int, c: int, t: int) -> None:
            """Thread i has CPU work left: preempt it if its slice is over and someone waits."""
            nonlocal involuntary
            if t >= slice_end[c] and ready:
                involuntary += 1
                if rec:
                    emit(t, K_STATE, actor[i], S_READY)
                ready.append(i)
                release(c, t, i, "preempted")
            else:
                run(i, c, t)

        def run(i: int, c: int, t: int) -> None:
            nonlocal seq
            left = slice_end[c] - t
            if left <= 0:
                slice_end[c] = t + slice_ns
                left = slice_ns
            span = remaining[i] if remaining[i] < left else left
            run_since[c] = t
            push(heap, (t + span, seq, _RUN_END, i, c))
            seq += 1

        while heap:
            t, _, what, i, c = pop(heap)
            now = t
            if what == _RUN_END:
                ran = t - run_since[c]
                remaining[i] -= ran
                o = overhead_left[i]
                if not o:
                    useful += ran
                elif ran <= o:
                    overhead_ns += ran
                    overhead_left[i] = o - ran
                else:
                    overhead_ns += o
                    useful += ran - o
                    overhead_left[i] = 0
                if remaining[i] > 0:
                    proceed(i, c, t)
                else:
                    advance(i, c, t)
            elif what == _IO_DONE:
                if rec:
                    emit(t, K_STATE, actor[i], S_READY)
                place(i, t, "woken")
            elif what == _RUN_START:
                last_cpu[i] = c
                last_thread[c] = i
                slice_end[c] = t + slice_ns
                if rec:
                    data[next_event()] = running_data[c]
                    emit(t, K_STATE, actor[i], S_RUNNING)
                if remaining[i] > 0:
                    run(i, c, t)
                else:
                    advance(i, c, t)
            else:  # _ARRIVE
                try:
                    pending[i] = next(gens[i])
                except StopIteration:
                    pending[i] = None  # an empty behaviour: it exits as soon as it first runs
                if rec:
                    emit(t, K_CREATE, actor[i], -1)
                    emit(t, K_STATE, actor[i], S_READY)
                place(i, t, "started")

        if rec:
            assert self.builder is not None
            self.builder.now = max(self.builder.now, now)
        idle_ns = self.cpus * now - useful - switching - startup - overhead_ns
        return OSResult(
            threads=n,
            cpus=self.cpus,
            makespan_ns=now,
            useful_ns=useful,
            switching_ns=switching,
            idle_ns=max(idle_ns, 0),
            voluntary=voluntary,
            involuntary=involuntary,
            events=len(self.builder) if self.builder is not None else 0,
            startup_ns=startup,
            overhead_ns=overhead_ns,
        )
