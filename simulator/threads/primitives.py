"""Locks and conditions that block through the deterministic scheduler instead of the OS.

Owns `SimLock`, `SimRLock` and `SimCondition`: while a program runs under the
threads engine they stand in for `threading.Lock`, `RLock` and `Condition`, and
everything built on them in the standard library (Semaphore, Event, Barrier,
queue.Queue) follows. They record LOCK_WAIT / LOCK_ACQUIRE / LOCK_RELEASE and
never block a real thread themselves: waiting is `Scheduler.block`.
Ownership hand-off on release is direct and FIFO, which is one valid CPython
interleaving (the waiter's acquire completes before the releaser goes on).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from simulator.kinds import ActorKind, EventKind, ThreadState

if TYPE_CHECKING:
    from simulator.threads.scheduler import Record, Scheduler


class SimLock:
    """threading.Lock: not re-entrant; any thread may release it."""

    _label = "Lock"

    def __init__(self, sched: Scheduler) -> None:
        self._sched = sched
        self._owner: Record | None = None
        self._count = 0
        self._waiters: deque[Record] = deque()
        line = sched.user_line()
        self.name = sched.name_object(self._label, line)
        self.actor = sched.builder.add_actor(ActorKind.LOCK, self.name, line=line)

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        s = self._sched
        me = s.current
        if self._owner is None:
            self._take(me)
            return True
        if self._owner is me and self._reentrant():
            self._count += 1
            return True
        if not blocking:
            return False
        if timeout is not None and timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        line = s.user_line()
        s.builder.emit(EventKind.LOCK_WAIT, me.actor, line, arg=self.actor)
        self._waiters.append(me)
        s.block(ThreadState.WAITING_LOCK, self, line, None if timeout is None or timeout < 0 else timeout)
        if self._owner is me:
            return True
        self._waiters.remove(me)  # timed out
        return False

    __enter__ = acquire

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        s = self._sched
        if self._owner is None:
            raise RuntimeError("release unlocked lock")
        if self._reentrant():
            if self._owner is not s.current:
                raise RuntimeError("cannot release un-acquired lock")
            self._count -= 1
            if self._count:
                return
        self._give_away(s.current)

    def locked(self) -> bool:
        return self._owner is not None

    def _reentrant(self) -> bool:
        return False

    def _take(self, who: Record) -> None:
        s = self._sched
        s.builder.now += s.costs.lock_ns
        self._owner, self._count = who, 1
        who.holds.append(self)
        line = s.user_line() if who is s.current else who.line
        if line >= 0:  # locks taken outside the program's code (interpreter start-up, engines) go unrecorded
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
        if line >= 0:
            s.builder.emit(EventKind.LOCK_RELEASE, me.actor, line, arg=self.actor)
        self._owner, self._count = None, 0
        if self._waiters:
            nxt = self._waiters.popleft()
            self._take(nxt)
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
        return self._owner is self._sched.current

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

    def __init__(self, sched: Scheduler, lock: Any = None) -> None:
        self._sched = sched
        self._lock: SimLock = lock if lock is not None else SimRLock(sched)
        self._waiters: deque[Record] = deque()
        line = sched.user_line()
        self.name = sched.name_object("Condition", line)
        self.actor = sched.builder.add_actor(ActorKind.LOCK, self.name, line=line)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    def _is_owned(self) -> bool:
        return self._lock.owner_record() is self._sched.current

    def wait(self, timeout: float | None = None) -> bool:
        s = self._sched
        me = s.current
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        count = self._lock._count
        self._lock._give_away(me)
        line = s.user_line()
        s.builder.emit(EventKind.LOCK_WAIT, me.actor, line, arg=self.actor)
        self._waiters.append(me)
        try:
            s.block(ThreadState.WAITING_LOCK, self, line, timeout)
        except BaseException:
            # the run is stopping (a limit, a deadlock): as CPython's wait does, leave holding the lock
            # again if that needs no waiting, so the caller's `with` block unwinds without a second error
            if me in self._waiters:
                self._waiters.remove(me)
            if self._lock.owner_record() is None:
                self._lock._take(me)
                self._lock._count = count
            raise
        notified = me not in self._waiters
        if not notified:
            self._waiters.remove(me)
        self._lock.acquire()
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
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for _ in range(min(n, len(self._waiters))):
            s.wake(self._waiters.popleft(), s.current)

    def notify_all(self) -> None:
        self.notify(len(self._waiters))

    def owner_record(self) -> Record | None:
        return None  # nobody "holds" a condition; a notify could come from anyone

    def __repr__(self) -> str:
        return f"<{self.name} ({len(self._waiters)} waiting)>"
