"""Keeps sockets off the real network while a program runs in the simulator.

Owns the patches of `socket.getaddrinfo`, `socket.gethostbyname`,
`socket.create_connection`, `socket.socket.connect` / `connect_ex`, and, for the
network families (IPv4, IPv6, raw packets), `bind`, `listen`, `sendto` and `sendmsg`
of both `socket.socket` and the C `_socket.socket` (whose module attribute is replaced
by a guarded subclass: a C type's methods cannot be patched). Names resolve through the
simulated network; anything that would reach the real network fails with a clear
OSError (blocking sockets are not simulated: asyncio streams are). Unix-domain sockets
and `socketpair` stay local and work. It never opens a real connection and never changes
sockets the program only creates.

What remains reachable, and is documented in docs/loop-engine.md: the real C socket type
through introspection (`socket.socket.__mro__`), foreign code (`ctypes`, C extensions),
and child processes, which run for real outside the trace.
"""

from __future__ import annotations

import _socket
import errno
import socket
from collections.abc import Callable
from typing import Any

from simulator.loop.session import LoopSession

NO_BLOCKING_NETWORK = (
    "Network is unreachable: the simulator has no blocking sockets; use asyncio streams "
    "(asyncio.open_connection) to reach simulated hosts"
)


# the address families that reach beyond this machine
NETWORK_FAMILIES = frozenset(
    getattr(socket, name) for name in ("AF_INET", "AF_INET6", "AF_PACKET") if hasattr(socket, name)
)
_GUARDED = ("bind", "listen", "sendto", "sendmsg")  # for the network families only
_C_SOCKET: Any = _socket.socket


def _network_guard(real: Callable[..., Any]) -> Callable[..., Any]:
    """`real` (a socket method), refused on a socket of a network family."""

    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.family in NETWORK_FAMILIES:
            raise OSError(errno.ENETUNREACH, NO_BLOCKING_NETWORK)
        return real(self, *args, **kwargs)

    guarded.__name__ = guarded.__qualname__ = real.__name__
    return guarded


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENETUNREACH, NO_BLOCKING_NETWORK)


class GuardedCSocket(_C_SOCKET):
    """`_socket.socket` during a run: the C socket, kept off the real network."""

    __slots__ = ()
    connect = _refuse
    connect_ex = _refuse
    bind = _network_guard(_C_SOCKET.bind)
    listen = _network_guard(_C_SOCKET.listen)
    sendto = _network_guard(_C_SOCKET.sendto)
    sendmsg = _network_guard(_C_SOCKET.sendmsg)


GuardedCSocket.__name__ = GuardedCSocket.__qualname__ = "socket"
GuardedCSocket.__module__ = "_socket"


def install_blocking_guard(session: LoopSession) -> Callable[[], None]:
    """Patch the blocking socket API; return the function that restores it."""
    saved_module = {name: getattr(socket, name) for name in ("getaddrinfo", "gethostbyname", "create_connection")}
    saved_methods = {name: socket.socket.__dict__.get(name) for name in ("connect", "connect_ex", *_GUARDED)}
    saved_c = {name: getattr(_socket, name) for name in ("socket", "SocketType")}
    saved_socket_type = socket.SocketType
    network = session.network

    def getaddrinfo(host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0) -> list[Any]:
        from simulator.net.connect import address_info

        return address_info(network, host, port, family, type, proto)

    def gethostbyname(name: str) -> str:
        return network.resolve(name).address

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.create_connection = _refuse
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
    for name in _GUARDED:
        setattr(socket.socket, name, _network_guard(getattr(_C_SOCKET, name)))
    _socket.socket = _socket.SocketType = GuardedCSocket  # type: ignore[misc]
    socket.SocketType = GuardedCSocket

    def restore() -> None:
        for name, fn in saved_module.items():
            setattr(socket, name, fn)
        for name, fn in saved_methods.items():
            if fn is None:
                delattr(socket.socket, name)  # the C method shows through again
            else:
                setattr(socket.socket, name, fn)
        for name, fn in saved_c.items():
            setattr(_socket, name, fn)
        socket.SocketType = saved_socket_type

    return restore
