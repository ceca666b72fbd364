"""Opening simulated connections and servers: what `create_connection`, `create_server` and `getaddrinfo` do.

Owns the connection handshake on the simulated network (resolve, a "connect"
IO request taking one round trip -- two with TLS --, refusals and timeouts the way
Linux reports them) and the simulated listening server. The byte traffic itself is
simulator.net.transport's job. Never a real socket.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from asyncio import futures as _futures_module
from collections.abc import Callable
from typing import Any

from simulator.net.network import CONNECT_TIMEOUT_NS, HTTP_PORTS, Network
from simulator.net.transport import HttpRemote, SimTransport

futures: Any = _futures_module  # _set_result_unless_cancelled is private to asyncio
SERVICES = {"http": 80, "https": 443}


def _port(port: Any) -> int:
    if isinstance(port, str):
        if port in SERVICES:
            return SERVICES[port]
        try:
            return int(port)
        except ValueError:
            raise socket.gaierror(socket.EAI_SERVICE, "Servname not supported for ai_socktype") from None
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise OverflowError("getaddrinfo(): port must be 0-65535.")
    return port


def address_info(network: Network, host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0) -> list[Any]:
    """`socket.getaddrinfo` on the simulated network (one IPv4 or IPv6 address per name)."""
    name = host.decode() if isinstance(host, bytes) else str(host or "localhost")
    address = network.resolve(name).address
    fam = socket.AF_INET6 if ":" in address else socket.AF_INET
    if family not in (0, fam):
        raise socket.gaierror(socket.EAI_ADDRFAMILY, "Address family for hostname not supported")
    number = _port(port or 0)
    sockaddr: tuple[Any, ...] = (address, number) if fam == socket.AF_INET else (address, number, 0, 0)
    return [(fam, type or socket.SOCK_STREAM, proto or socket.IPPROTO_TCP, "", sockaddr)]


def getaddrinfo(loop: Any, host: Any, port: Any, family: int, type: int, proto: int) -> list[Any]:
    return address_info(loop.session.network, host, port, family, type, proto)


async def create_connection(
    loop: Any, protocol_factory: Callable[[], asyncio.BaseProtocol], host: Any, port: Any, ssl: bool
) -> tuple[SimTransport, asyncio.BaseProtocol]:
    """Connect to (host, port) on the simulated network, like `loop.create_connection`."""
    if host is None or port is None:
        raise ValueError("host and port was not specified and no sock specified")
    network: Network = loop.session.network
    name = str(host)
    port = _port(port)
    remote = network.resolve(name)
    listener = network.listener(name, port)
    address = (remote.address, port)
    what = f"connect {name}:{port}" + (" (TCP + TLS handshake)" if ssl else "")
    fut = loop.create_future()
    if remote.failure == "timeout":
        exc: OSError | None = OSError(errno.ETIMEDOUT, f"Connect call failed {address}")
        delay = CONNECT_TIMEOUT_NS
    elif remote.failure == "refused" or (
        (listener is None or not listener.is_serving()) and (network.is_local(name) or port not in HTTP_PORTS)
    ):
        exc = OSError(errno.ECONNREFUSED, f"Connect call failed {address}")
        delay = remote.rtt_ns
    else:
        exc = None
        delay = remote.rtt_ns * (2 if ssl and listener is None else 1)
    if exc is not None:
        loop.io_request(what, "network", delay, _fail, fut, exc)
    else:
        loop.io_request(what, "network", delay, futures._set_result_unless_cancelled, fut, None)
    await fut

    local_port = network.listen_ephemeral()
    transport = SimTransport(loop, remote, address, ("127.0.0.1", local_port))
    protocol = protocol_factory()
    transport.set_protocol(protocol)
    if listener is not None:
        listener.accept(transport, remote, ("127.0.0.1", local_port), address)
    else:
        transport.remote = HttpRemote(loop, remote, port, transport)
    waiter = loop.create_future()
    loop.call_soon(protocol.connection_made, transport)
    loop.call_soon(futures._set_result_unless_cancelled, waiter, None)
    await waiter
    return transport, protocol


def _fail(fut: asyncio.Future[Any], exc: BaseException) -> None:
    if not fut.cancelled():
        fut.set_exception(exc)


class ListeningSocket:
    """What `server.sockets` holds: enough of a socket to ask where it listens."""

    def __init__(self, address: tuple[str, int]) -> None:
        self._address = address
        self.family = socket.AF_INET
        self.type = socket.SOCK_STREAM

    def getsockname(self) -> tuple[str, int]:
        return self._address

    def fileno(self) -> int:
        return -1


class SimServer(asyncio.AbstractServer):
    """A server the program started with `start_server` / `create_server`, listening on the simulated network."""

    def __init__(self, loop: Any, protocol_factory: Callable[[], asyncio.BaseProtocol], host: str, port: int) -> None:
        self._loop = loop
        self._factory = protocol_factory
        self._address = (host, port)
        self._serving = False
        self._closed = False
        self._waiters: list[asyncio.Future[None]] = []
        self._serve_forever_fut: asyncio.Future[None] | None = None

    @property
    def sockets(self) -> tuple[ListeningSocket, ...]:
        return () if self._closed else (ListeningSocket(self._address),)

    def accept(self, client: SimTransport, client_host: Any, client_addr: tuple[str, int],
               server_addr: tuple[str, int]) -> None:
        """A client connected: make the server's end and its protocol."""
        from simulator.net.network import Host

        back = Host("", client_addr[0], client_host.rtt_ns, client_host.bandwidth)
        server_end = SimTransport(self._loop, back, client_addr, server_addr)
        protocol = self._factory()
        server_end.set_protocol(protocol)
        server_end.peer = client
        client.peer = server_end
        self._loop.call_soon(protocol.connection_made, server_end)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._serving = False
        self._loop.session.network.unlisten(self)
        if self._serve_forever_fut is not None and not self._serve_forever_fut.done():
            self._serve_forever_fut.cancel()
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters = []

    def get_loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def is_serving(self) -> bool:
        return self._serving

    async def start_serving(self) -> None:
        self._serving = not self._closed

    async def serve_forever(self) -> None:
        if self._serve_forever_fut is not None:
            raise RuntimeError(f"server {self!r} is already being awaited on serve_forever()")
        if self._closed:
            raise RuntimeError(f"server {self!r} is closed")
        self._serving = True
        self._serve_forever_fut = self._loop.create_future()
        try:
            await self._serve_forever_fut
        except asyncio.CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serve_forever_fut = None

    async def wait_closed(self) -> None:
        if self._closed:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter

    def __repr__(self) -> str:
        return f"<Server sockets=({self._address[0]!r}, {self._address[1]})>"


async def create_server(
    loop: Any, protocol_factory: Callable[[], asyncio.BaseProtocol], host: Any, port: int, start_serving: bool
) -> SimServer:
    """Listen on the simulated network, like `loop.create_server`."""
    network: Network = loop.session.network
    name = host if isinstance(host, str) else "0.0.0.0"
    server = SimServer(loop, protocol_factory, name, 0)
    server._address = (name, network.listen(name, _port(port), server))
    if start_serving:
        await server.start_serving()
        await asyncio.sleep(0)  # like CPython: let the loop start accepting before returning
    return server
