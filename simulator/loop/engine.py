"""The virtual-loop engine's hook for the runner: `install(ctx)` and what it patches.

Owns the switch-over: while installed, every new asyncio event loop
(`asyncio.run`, `asyncio.Runner`, `asyncio.new_event_loop`, `get_event_loop`) is a
`VirtualLoop` on the run's clock; the `time` module reads virtual time; blocking
sockets cannot reach the real network. The function `install` returns undoes all
of it. It never runs the program itself (the runner does).
"""

from __future__ import annotations

import asyncio
from asyncio import events as _events
from collections.abc import Callable
from typing import Any

from simulator.loop.clock import install_clock, set_in_simulation
from simulator.loop.real_loops import install_loop_factories
from simulator.loop.session import DEFAULT_MAX_STEPS, DEFAULT_MAX_VIRTUAL_NS, LoopSession, set_active_session
from simulator.loop.virtual_loop import VirtualLoop
from simulator.net.blocking import install_blocking_guard
from simulator.net.network import Network

events: Any = _events  # the saved policy is asyncio's private global, absent from typeshed


class VirtualLoopPolicy(asyncio.DefaultEventLoopPolicy):
    """asyncio's default policy, except that the loops it makes are virtual."""

    def __init__(self, session: LoopSession) -> None:
        super().__init__()
        self.session = session

    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        return VirtualLoop(self.session)


def install(ctx: Any) -> Callable[[], None]:
    """The runner's hook: run asyncio programs of this run on virtual loops. Returns the uninstaller."""
    limits = getattr(ctx, "limits", None)
    session = LoopSession(
        builder=ctx.builder,
        costs=ctx.costs,
        network=Network(ctx.costs),
        max_virtual_ns=_limit(limits, ("virtual_time_ns", "max_virtual_ns"), DEFAULT_MAX_VIRTUAL_NS),
        max_steps=_limit(limits, ("loop_steps", "max_loop_steps", "steps", "max_steps"), DEFAULT_MAX_STEPS),
        stop=ctx.stop,
        current_line=ctx.tracer.current_line if getattr(ctx, "tracer", None) is not None else (lambda: -1),
        tracer=getattr(ctx, "tracer", None),
    )
    in_simulation = getattr(ctx, "in_simulation", None)
    if in_simulation is not None:
        session.in_simulation = lambda: ctx.in_simulation()  # (the threads engine replaces ctx's)
    set_in_simulation((lambda: ctx.in_simulation()) if in_simulation is not None else None)
    uninstall_session = install_session(session)
    in_program_thread = (lambda: ctx.in_simulation()) if in_simulation is not None else (lambda: True)
    restore_factories = install_loop_factories(session, in_program_thread)

    def uninstall() -> None:
        restore_factories()
        uninstall_session()
        set_in_simulation(None)

    return uninstall


def install_session(session: LoopSession) -> Callable[[], None]:
    """Make `session` the one every new event loop records into; return the uninstaller."""
    saved_policy = events._event_loop_policy
    asyncio.set_event_loop_policy(VirtualLoopPolicy(session))
    restore_clock = install_clock(session)
    restore_sockets = install_blocking_guard(session)
    set_active_session(session)

    def uninstall() -> None:
        set_active_session(None)
        restore_sockets()
        restore_clock()
        events._event_loop_policy = saved_policy

    return uninstall


def _limit(limits: Any, names: tuple[str, ...], default: int) -> int:
    for name in names:
        value = getattr(limits, name, None)
        if isinstance(value, int) and value > 0:
            return value
    return default
