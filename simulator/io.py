"""IO and CPU work for scenario programs that want them without sockets.

`await read_file(path)`, `await request(what, ms)` and `cpu(ms)` work on the
simulator's virtual loop -- where a request is an IO request going out and a
completion coming back after its latency, and `cpu` is recorded as the loop being
held -- and also under plain CPython (a real sleep stands in for the latency, a busy
wait for the CPU work), so a scenario runs unchanged either way.
"""

from __future__ import annotations

import asyncio
import time
from asyncio.events import _get_running_loop as _running_loop
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from simulator.costs import MS
from simulator.loop.session import active_session
from simulator.loop.virtual_loop import VirtualLoop, set_exception_unless_cancelled, set_result_unless_cancelled

_REAL_PERF_COUNTER = time.perf_counter  # bound at import: the virtual clock may replace time.perf_counter


def _ns(ms: float, name: str = "ms") -> int:
    if ms < 0:
        raise ValueError(f"{name} must not be negative (got {ms})")
    return round(ms * MS)


def request[T](what: str, ms: float, result: T | None = None, channel: str = "disk") -> Awaitable[T | None]:
    """An IO request described by `what` that completes after `ms` milliseconds with `result`.

    Returns an awaitable. Called in a task on the simulator's loop it is the request's own
    future (sent at once, like `loop.run_in_executor`'s: one coroutine less per request);
    `await` it, `gather` it, or give it to `create_task`, which the simulator's loop accepts
    for it. Called anywhere else it is a coroutine, as under plain CPython, so
    `asyncio.run(request(...))` works too.
    """
    delay = round(ms * MS) if ms >= 0 else _ns(ms)  # _ns raises the error
    loop = _running_loop()
    if isinstance(loop, VirtualLoop):
        return loop.io_future(what, delay, result, channel)
    return _request_when_awaited(what, delay, result, channel)


async def _request_when_awaited[T](what: str, delay_ns: int, result: T, channel: str) -> T:
    """The request as a coroutine: sent when it first runs (on the simulator's loop), else a sleep."""
    loop = asyncio.get_running_loop()
    if isinstance(loop, VirtualLoop):
        value: T = await loop.io_future(what, delay_ns, result, channel)
        return value
    await asyncio.sleep(delay_ns / 1e9)
    return result


async def awaiting[T](pending: Awaitable[T]) -> T:
    """A coroutine that awaits `pending`: what `create_task(request(...))` runs on the simulator's loop."""
    return await pending


async def read_file(path: str | Path, ms: float | None = None) -> bytes:
    """Read a file's bytes as a disk request (an SSD read's latency unless `ms` is given).

    The file is read when the request is sent; a missing file fails when the
    completion arrives, with the FileNotFoundError the real read would raise.
    """
    session = active_session()
    delay = _ns(ms) if ms is not None else (session.costs.ssd_read_ns if session else 150_000)
    loop = asyncio.get_running_loop()
    data: bytes | None = None
    error: OSError | None = None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        error = exc
    if not isinstance(loop, VirtualLoop):
        await asyncio.sleep(delay / 1e9)
    else:
        fut = loop.create_future()
        if error is not None:
            loop.io_request(f"read {path}", "disk", delay, set_exception_unless_cancelled, fut, error)
        else:
            loop.io_request(f"read {path}", "disk", delay, set_result_unless_cancelled, fut, data)
        return await fut
    if error is not None:
        raise error
    assert data is not None
    return data


def cpu(ms: float, what: str = "CPU work") -> None:
    """Declare `ms` milliseconds of CPU work: it holds the loop (or the worker thread) that long."""
    ns = _ns(ms)
    session = active_session()
    if session is None:
        deadline = _REAL_PERF_COUNTER() + ns / 1e9
        while _REAL_PERF_COUNTER() < deadline:
            pass
        return
    loop: Any = asyncio._get_running_loop()
    actor = loop._running_actor if isinstance(loop, VirtualLoop) else session.loop_actor()
    session.block(actor, ns, f"{what} ({ms:g} ms)", cpu=True)


def set_host(name: str, latency_ms: float | None = None, bandwidth: int = 0, failure: str = "") -> None:
    """Configure a simulated host: round trip in ms, bytes per second, and an injected failure.

    `failure` is "" (none), "refused", "reset" (the connection drops after the request),
    "timeout" (connecting takes Linux's 127 s and fails) or "unknown" (the name does not
    resolve). Outside the simulator this does nothing: the real network answers.
    """
    session = active_session()
    if session is not None:
        session.network.add_host(name, latency_ms, bandwidth, failure)
