"""Keeps blocking sockets off the real network while a program runs in the simulator.

Owns the patches of `socket.getaddrinfo`, `socket.gethostbyname`,
`socket.create_connection` and `socket.socket.connect` / `connect_ex`. Names resolve
through the simulated network; a blocking connect fails with a clear OSError
(blocking sockets are not simulated: asyncio streams are). It never opens a real
connection and never changes sockets the program only creates.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from typing import Any

from simulator.loop.session import LoopSession

NO_BLOCKING_NETWORK = (
    "Network is unreachable: the simulator has no blocking sockets; use asyncio streams "
    "(asyncio.open_connection) to reach simulated hosts"
)


def install_blocking_guard(session: LoopSession) -> Callable[[], None]:
    """Patch the blocking socket API; return the function that restores it."""
    saved_module = {name: getattr(socket, name) for name in ("getaddrinfo", "gethostbyname", "create_connection")}
    saved_methods = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex")}
    network = session.network

    def getaddrinfo(host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0) -> list[Any]:
        from simulator.net.connect import address_info

        return address_info(network, host, port, family, type, proto)

    def gethostbyname(name: str) -> str:
        return network.resolve(name).address

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENETUNREACH, NO_BLOCKING_NETWORK)

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.create_connection = refuse
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]

    def restore() -> None:
        for name, fn in saved_module.items():
            setattr(socket, name, fn)
        for name, fn in saved_methods.items():
            setattr(socket.socket, name, fn)

    return restore
