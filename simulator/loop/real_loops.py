"""The real event loops a program can still reach: simulated where asyncio builds them, refused where it cannot be.

Owns what keeps a program off asyncio's real selector loop while it is recorded. A real
loop would read the virtual clock (frozen between lines) and wait in a real `select()`:
it would spin until the wall-time cap. So, during a run:

- `asyncio.SelectorEventLoop` (also under `asyncio.unix_events`, and the default policy's
  loop factory, which `set_event_loop_policy(None)` and `DefaultEventLoopPolicy()` use) is
  `SelectorEventLoop` below: the virtual loop, taking (and ignoring) a selector argument;
  so `asyncio.Runner(loop_factory=asyncio.SelectorEventLoop)` and subclasses of it run on
  the virtual clock too;
- a real selector loop built some other way (asyncio's private base class, a third-party
  loop built on it) refuses to run in the program's thread with a RuntimeError that says
  why, instead of spinning. Loops of real threads outside the simulation run as usual.
"""

from __future__ import annotations

import asyncio
from asyncio import selector_events, unix_events
from collections.abc import Callable
from typing import Any

from simulator.loop.session import LoopSession, active_session
from simulator.loop.virtual_loop import VirtualLoop

REFUSED = (
    "Coroscope runs asyncio programs on its virtual event loop; this real {name} would wait on the real "
    "clock while the program's time is virtual, so it cannot run here. Use asyncio.run(), asyncio.Runner(), "
    "asyncio.new_event_loop() or asyncio.SelectorEventLoop(), which Coroscope simulates."
)


class SelectorEventLoop(VirtualLoop):
    """`asyncio.SelectorEventLoop` while a program is recorded: the virtual loop (a selector given is not used)."""

    def __init__(self, selector: Any = None) -> None:
        session = active_session()
        if session is None:
            raise RuntimeError("asyncio.SelectorEventLoop is simulated only while a program is recorded")
        super().__init__(session)


def install_loop_factories(session: LoopSession, in_simulation: Callable[[], bool]) -> Callable[[], None]:
    """Point asyncio's loop classes at the virtual loop and fence off the real one; return the undo."""
    policy_cls: Any = unix_events._UnixDefaultEventLoopPolicy
    base: Any = selector_events.BaseSelectorEventLoop
    saved: list[tuple[Any, str, Any]] = [
        (asyncio, "SelectorEventLoop", asyncio.SelectorEventLoop),
        (unix_events, "SelectorEventLoop", unix_events.SelectorEventLoop),
        (unix_events, "_UnixSelectorEventLoop", unix_events._UnixSelectorEventLoop),
        (policy_cls, "_loop_factory", policy_cls.__dict__.get("_loop_factory")),
        (base, "run_forever", base.__dict__.get("run_forever")),
    ]
    real_run_forever = base.run_forever

    def run_forever(self: Any) -> None:
        if in_simulation():
            raise RuntimeError(REFUSED.format(name=type(self).__name__))
        real_run_forever(self)

    for owner, name in ((asyncio, "SelectorEventLoop"), (unix_events, "SelectorEventLoop"),
                        (unix_events, "_UnixSelectorEventLoop"), (policy_cls, "_loop_factory")):
        setattr(owner, name, SelectorEventLoop)
    base.run_forever = run_forever

    def restore() -> None:
        for owner, name, value in reversed(saved):
            if value is None:
                delattr(owner, name)
            else:
                setattr(owner, name, value)

    return restore
