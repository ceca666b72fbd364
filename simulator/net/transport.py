"""Simulated TCP connections: an asyncio Transport whose bytes travel as IO requests.

Owns `SimTransport` (one end of a connection, as a protocol sees it) and
`HttpRemote` (the far end when it is a remote host's default HTTP server). Every
byte that crosses the network becomes an IO request on the virtual loop, due after
the host's latency (plus bandwidth time); its completion delivers the bytes to the
other end's protocol, the way a real selector transport would. Never a real socket.
"""

from __future__ import annotations

import asyncio
import errno
from typing import Any

from simulator.net import http_server
from simulator.net.network import Host


class SimTransport(asyncio.Transport):
    """One end of a simulated TCP connection."""

    def __init__(self, loop: Any, host: Host, peername: tuple[str, int], sockname: tuple[str, int]) -> None:
        super().__init__(extra={"peername": peername, "sockname": sockname, "socket": None})
        self._loop = loop
        self.host = host  # the remote host (latency, bandwidth) as seen from this end
        self._protocol: asyncio.BaseProtocol | None = None
        self._closing = False
        self._lost = False
        self._eof_sent = False
        self._paused = False
        self._held: list[Any] = []  # deliveries held while reading is paused (bytes, or None for EOF)
        self.peer: SimTransport | None = None
        self.remote: HttpRemote | None = None

    def __repr__(self) -> str:
        state = "closed" if self._closing else "open"
        return f"<SimTransport {state} peer={self._where()}>"

    # ---- the asyncio Transport API
    def get_protocol(self) -> asyncio.BaseProtocol:
        assert self._protocol is not None
        return self._protocol

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._protocol = protocol

    def is_closing(self) -> bool:
        return self._closing

    def write(self, data: Any) -> None:
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"data argument must be a bytes-like object, not {type(data).__name__!r}")
        if self._eof_sent:
            raise RuntimeError("Cannot call write() after write_eof()")
        if not data or self._closing:
            return
        data = bytes(data)
        if self.peer is not None:
            what = f"send {len(data)} bytes to {self._where()}"
            self._loop.io_request(what, "network", self._one_way(len(data)), self.peer.receive, data)
        elif self.remote is not None:
            self.remote.receive(data)

    def writelines(self, list_of_data: Any) -> None:
        self.write(b"".join(list_of_data))

    def write_eof(self) -> None:
        if self._eof_sent or self._closing:
            return
        self._eof_sent = True
        self._send_eof()

    def can_write_eof(self) -> bool:
        return True

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        if not self._eof_sent:
            self._eof_sent = True
            self._send_eof()
        self._loop.call_soon(self._connection_lost, None)

    def abort(self) -> None:
        self.close()

    def pause_reading(self) -> None:
        self._paused = True

    def resume_reading(self) -> None:
        if self._paused:
            self._paused = False
            held, self._held = self._held, []
            for item in held:
                if item is None:
                    self._loop.call_soon(self.receive_eof)
                else:
                    self._loop.call_soon(self.receive, item)

    def is_reading(self) -> bool:
        return not self._paused and not self._closing

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        """Writes leave at once on the simulated network: there is no write buffer to limit."""

    def get_write_buffer_size(self) -> int:
        return 0

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return (0, 0)

    # ---- deliveries (run as completion handles on the loop)
    def receive(self, data: bytes) -> None:
        if self._closing:
            return
        if self._paused:
            self._held.append(data)
            return
        self._protocol.data_received(data)  # type: ignore[union-attr]

    def receive_eof(self) -> None:
        if self._closing:
            return
        if self._paused:
            self._held.append(None)
            return
        keep_open = self._protocol.eof_received()  # type: ignore[union-attr]
        if not keep_open:
            self.close()

    def receive_response(self, data: bytes) -> None:
        """A remote server's whole answer, after which it closes the connection."""
        self.receive(data)
        self.receive_eof()

    def receive_reset(self, exc: Exception) -> None:
        if self._closing:
            return
        self._closing = True
        self._loop.call_soon(self._connection_lost, exc)

    # ---- helpers
    def _connection_lost(self, exc: Exception | None) -> None:
        if self._lost:
            return
        self._lost = True
        self._protocol.connection_lost(exc)  # type: ignore[union-attr]

    def _where(self) -> str:
        host, port = self.get_extra_info("peername")
        return f"{self.host.name}:{port}" if self.host.name else f"{host}:{port}"

    def _one_way(self, nbytes: int) -> int:
        return self.host.rtt_ns // 2 + self.host.transfer_ns(nbytes)

    def _send_eof(self) -> None:
        if self.peer is not None:
            self._loop.io_request(f"close (FIN) to {self._where()}", "network", self._one_way(0), self.peer.receive_eof)
        elif self.remote is not None:
            self.remote.receive_eof()


class HttpRemote:
    """The far end of a connection to a remote host: its default HTTP server."""

    def __init__(self, loop: Any, host: Host, port: int, transport: SimTransport) -> None:
        self._loop = loop
        self.host = host
        self.port = port
        self.transport = transport
        self._buffer = b""
        self._answered = False

    def receive(self, data: bytes) -> None:
        if self._answered:
            return
        self._buffer += data
        if http_server.request_complete(self._buffer):
            self._answer()

    def receive_eof(self) -> None:
        if not self._answered:
            self._answer()

    def _answer(self) -> None:
        self._answered = True
        method, target, _ = http_server.request_line(self._buffer)
        scheme = "https" if self.port == 443 else "http"
        port = "" if self.port in (80, 443) else f":{self.port}"
        what = f"{method} {scheme}://{self.host.name}{port}{target}" if method else f"request to {self.host.name}"
        if self.host.failure == "reset":
            exc = ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")
            self._loop.io_request(what, "network", self.host.rtt_ns, self.transport.receive_reset, exc)
            return
        if not self._buffer:
            self._loop.io_request(f"close (FIN) to {self.host.name}", "network", self.host.rtt_ns,
                                  self.transport.receive_eof)
            return
        response = http_server.respond(self.host.name, self._buffer, self._loop.session.builder.now)
        delay = self.host.rtt_ns + self.host.transfer_ns(len(response))
        self._loop.io_request(what, "network", delay, self.transport.receive_response, response)
