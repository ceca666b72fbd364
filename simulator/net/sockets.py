"""`loop.sock_connect` / `sock_sendall` / `sock_recv` on the simulated network.

Owns the table from the program's socket objects to simulated connections. The
program's socket is never connected for real: it only names the connection.
"""

from __future__ import annotations

import asyncio
import errno
import weakref
from typing import Any

from simulator.net.connect import create_connection


class _BufferedEnd(asyncio.Protocol):
    """Collects what arrives on a simulated connection until `sock_recv` asks for it."""

    def __init__(self, loop: Any) -> None:
        self._loop = loop
        self.transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._eof = False
        self._error: BaseException | None = None
        self._waiter: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self._error = exc
        self._eof = True
        self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def read(self, n: int) -> bytes:
        while not self._buffer and not self._eof:
            self._waiter = self._loop.create_future()
            await self._waiter
        if self._buffer:
            data = bytes(self._buffer[:n])
            del self._buffer[:n]
            return data
        if self._error is not None:
            raise self._error
        return b""


class SocketTable:
    """The simulated connection behind each socket the program passed to `sock_connect`."""

    def __init__(self, loop: Any) -> None:
        self._loop = loop
        self._ends: weakref.WeakKeyDictionary[Any, _BufferedEnd] = weakref.WeakKeyDictionary()

    async def connect(self, sock: Any, address: Any) -> None:
        host, port = address[0], address[1]
        _, end = await create_connection(self._loop, lambda: _BufferedEnd(self._loop), host, port, ssl=False)
        self._ends[sock] = end  # type: ignore[assignment]

    def _end(self, sock: Any) -> _BufferedEnd:
        end = self._ends.get(sock)
        if end is None or end.transport is None:
            raise OSError(errno.ENOTCONN, "Transport endpoint is not connected")
        return end

    async def sendall(self, sock: Any, data: Any) -> None:
        self._end(sock).transport.write(bytes(data))  # type: ignore[union-attr]

    async def recv(self, sock: Any, n: int) -> bytes:
        return await self._end(sock).read(n)
