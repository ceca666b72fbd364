"""Locks and conditions that block through the deterministic scheduler instead of the OS.

Owns `SimLock`, `SimRLock` and `SimCondition`: while a program runs under the
threads engine they stand in for `threading.Lock`, `RLock` and `Condition`, and
everything built on them in the standard library (Semaphore, Event, Barrier,
queue.Queue) follows. They record LOCK_WAIT / LOCK_ACQUIRE / LOCK_RELEASE and
never block a real thread themselves: waiting is `Scheduler.block`.
Ownership hand-off on release is direct and FIFO, which is one valid CPython
interleaving (the waiter's acquire completes before the releaser goes on).

A call from a real thread the scheduler does not run (a helper thread of
`multiprocessing`) goes through `Scheduler.outside`; once the run is over, or in
a forked child, each object behaves as the real lock or condition it stands for
(`real()`), so the standard library can keep using the ones it stored.
"""

from __future__ import annotations

import _thread
import threading
from collections import deque
from typing import TYPE_CHECKING, Any

from simulator.kinds import ActorKind, EventKind, ThreadState

if TYPE_CHECKING:
    from simulator.threads.scheduler import Record, Scheduler

_REAL_CONDITION = threading.Condition  # taken before any run patches threading


class SimLock:
    """threading.Lock: not re-entrant; any thread may release it."""

    _label = "Lock"

    def __init__(self, sched: Scheduler, line: int) -> None:
        self._sched = sched
        self._owner: Record | None = None
        self._count = 0
        self._waiters: deque[Record] = deque()
        self._real: Any = None
        self.name = sched.name_object(self._label, line)
        self.actor = sched.builder.add_actor(ActorKind.LOCK, self.name, line=line)

    def real(self) -> Any:
        """The real lock this one behaves as outside a run."""
        if self._real is None:
            self._real = _thread.RLock() if self._reentrant() else _thread.allocate_lock()
        return self._real

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        s = self._sched
        if s.inside():
            return self._acquire(s.current, blocking, timeout)
        return bool(s.outside(self, "acquire", blocking, timeout))

    def _acquire(self, me: Record, blocking: bool, timeout: float) -> bool:
        s = self._sched
        if self._owner is None:
            self._take(me, s.user_line())
            return True
        if self._owner is me and self._reentrant():
            self._count += 1
            return True
        if not blocking:
            return False
        if timeout is not None and timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        line = s.user_line()
        if me.actor >= 0:
            s.builder.emit(EventKind.LOCK_WAIT, me.actor, line, arg=self.actor)
        self._waiters.append(me)
        s.block(ThreadState.WAITING_LOCK, self, line, None if timeout is None or timeout < 0 else timeout, me)
        # handed over: the releaser took it off the waiters (`_owner is me` alone would also hold for a
        # thread waiting on a Lock it already holds, which must time out as under CPython)
        if me not in self._waiters:
            return True
        self._waiters.remove(me)  # timed out
        return False

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        s = self._sched
        if s.inside():
            self._release(s.current)
        else:
            s.outside(self, "release")

    def _release(self, me: Record) -> None:
        if self._owner is None:
            raise RuntimeError("release unlocked lock")
        if self._reentrant():
            if self._owner is not me:
                raise RuntimeError("cannot release un-acquired lock")
            self._count -= 1
            if self._count:
                return
        self._give_away(me)

    def locked(self) -> bool:
        return self._owner is not None if self._sched.active else bool(self.real().locked())

    def _at_fork_reinit(self) -> None:
        """After a fork, in the child (the stdlib's at-fork hooks call it): a fresh, unlocked lock."""
        self._owner, self._count, self._real = None, 0, None
        self._waiters.clear()

    def _reentrant(self) -> bool:
        return False

    def _take(self, who: Record, line: int) -> None:
        s = self._sched
        s.builder.now += s.costs.lock_ns
        self._owner, self._count = who, 1
        who.holds.append(self)
        # locks taken outside the program's code (interpreter start-up, engines, helper threads) go unrecorded
        if line >= 0 and who.actor >= 0:
            s.builder.emit(EventKind.LOCK_ACQUIRE, who.actor, line, arg=self.actor)

    def _give_away(self, me: Record) -> None:
        """Release fully; hand the lock to the first waiter, if any."""
        s = self._sched
        owner = self._owner
        assert owner is not None
        if self in owner.holds:
            owner.holds.remove(self)
        s.builder.now += s.costs.lock_ns
        line = s.user_line()
        if line >= 0 and me.actor >= 0:
            s.builder.emit(EventKind.LOCK_RELEASE, me.actor, line, arg=self.actor)
        self._owner, self._count = None, 0
        if self._waiters:
            nxt = self._waiters.popleft()
            self._take(nxt, nxt.line)
            s.wake(nxt, me)

    def owner_record(self) -> Record | None:
        return self._owner

    def __repr__(self) -> str:
        state = "locked" if self._owner is not None else "unlocked"
        return f"<{state} {self.name}>"


class SimRLock(SimLock):
    """threading.RLock: the owner may acquire again; it must release as often."""

    _label = "RLock"

    def _reentrant(self) -> bool:
        return True

    def _is_owned(self) -> bool:
        s = self._sched
        return self._owner is s.current if s.active else bool(self.real()._is_owned())

    def _recursion_count(self) -> int:
        s = self._sched
        if not s.active:
            return int(self.real()._recursion_count())
        return self._count if self._owner is s.current else 0

    def _release_save(self) -> int:
        count = self._count
        self._count = 1
        self._give_away(self._sched.current)
        return count

    def _acquire_restore(self, count: int) -> None:
        self.acquire()
        self._count = count


class SimCondition:
    """threading.Condition over a SimLock or SimRLock (an RLock by default)."""

    def __init__(self, sched: Scheduler, lock: SimLock | None, line: int, label: str = "Condition") -> None:
        self._sched = sched
        self._lock: SimLock = lock if lock is not None else SimRLock(sched, line)
        self._waiters: deque[Record] = deque()
        self._real: Any = None
        self.name = sched.name_object(label, line)  # "Event-1 (line 4)" reads better than its condition's name
        self.actor = sched.builder.add_actor(ActorKind.LOCK, self.name, line=line)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def real(self) -> Any:
        """The real condition this one behaves as outside a run (over its lock's real lock)."""
        if self._real is None:
            self._real = _REAL_CONDITION(self._lock.real())
        return self._real

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    def _is_owned(self) -> bool:
        s = self._sched
        return self._lock.owner_record() is s.current if s.active else bool(self.real()._is_owned())

    def _at_fork_reinit(self) -> None:
        self._lock._at_fork_reinit()
        self._waiters.clear()
        self._real = None

    def wait(self, timeout: float | None = None) -> bool:
        s = self._sched
        if s.inside():
            return self._wait(s.current, timeout)
        return bool(s.outside(self, "wait", timeout))

    def _wait(self, me: Record, timeout: float | None) -> bool:
        s = self._sched
        if self._lock.owner_record() is not me:
            raise RuntimeError("cannot wait on un-acquired lock")
        count = self._lock._count
        self._lock._give_away(me)
        line = s.user_line()
        if me.actor >= 0:
            s.builder.emit(EventKind.LOCK_WAIT, me.actor, line, arg=self.actor)
        self._waiters.append(me)
        try:
            s.block(ThreadState.WAITING_LOCK, self, line, timeout, me)
        except BaseException:
            # the run is stopping (a limit, a deadlock): as CPython's wait does, leave holding the lock
            # again if that needs no waiting, so the caller's `with` block unwinds without a second error
            if me in self._waiters:
                self._waiters.remove(me)
            if self._lock.owner_record() is None:
                self._lock._take(me, line)
                self._lock._count = count
            raise
        notified = me not in self._waiters
        if not notified:
            self._waiters.remove(me)
        self._lock._acquire(me, True, -1)
        self._lock._count = count
        return notified

    def wait_for(self, predicate: Any, timeout: float | None = None) -> Any:
        end = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if end is None:
                    end = self._sched.monotonic() + waittime
                else:
                    waittime = end - self._sched.monotonic()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n: int = 1) -> None:
        s = self._sched
        if s.inside():
            self._notify(s.current, n)
        else:
            s.outside(self, "notify", n)

    def _notify(self, me: Record, n: int) -> None:
        if self._lock.owner_record() is not me:
            raise RuntimeError("cannot notify on un-acquired lock")
        for _ in range(min(n, len(self._waiters))):
            self._sched.wake(self._waiters.popleft(), me)

    def notify_all(self) -> None:
        self.notify(len(self._waiters) if self._sched.active else 1 << 30)

    def owner_record(self) -> Record | None:
        return None  # nobody "holds" a condition; a notify could come from anyone

    def __repr__(self) -> str:
        return f"<{self.name} ({len(self._waiters)} waiting)>"
