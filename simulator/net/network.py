"""The simulated network's hosts: name resolution, round-trip latency, bandwidth, failures, listeners.

Owns the table of hosts (configured ones, and a deterministic default for any other
name) and the listening servers the program started. It computes delays; it never
schedules anything and never touches a real socket.

Default rules, chosen so that unchanged programs behave like the real internet:
- `localhost`, `127.0.0.1`, `::1`: a datacenter round trip (`costs.dc_rtt_ns`);
  connecting to a port nobody listens on is refused.
- Any other name: a WAN round trip scaled by a per-name factor between 0.2 and 2.0
  (from the CRC-32 of the name, so the same name always has the same latency); ports
  80, 443, 8000 and 8080 are answered by the default HTTP server.
- Names under `.invalid` (RFC 2606) do not resolve: `socket.gaierror`.
"""

from __future__ import annotations

import ipaddress
import socket
import zlib
from dataclasses import dataclass, field
from typing import Any

from simulator.costs import MS, REALISTIC, CostModel, S

FAILURES = ("", "refused", "reset", "timeout", "unknown")
HTTP_PORTS = frozenset({80, 443, 8000, 8080})
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", ""})
CONNECT_TIMEOUT_NS = 127 * S  # Linux: 6 SYN retries (tcp_syn_retries) give up after about 127 s


@dataclass(frozen=True)
class Host:
    """One simulated host. `rtt_ns` is the round trip; `bandwidth` in bytes per second (0: unlimited)."""

    name: str
    address: str
    rtt_ns: int
    bandwidth: int = 0
    failure: str = ""

    def transfer_ns(self, nbytes: int) -> int:
        """Time to push `nbytes` through this host's link."""
        return nbytes * S // self.bandwidth if self.bandwidth else 0


@dataclass
class Network:
    """Hosts and listeners. Programs may configure hosts with `add_host` before connecting."""

    costs: CostModel = REALISTIC
    _hosts: dict[str, Host] = field(default_factory=dict)
    listeners: dict[tuple[str, int], Any] = field(default_factory=dict)
    _next_port: int = 50_000
    _next_client_port: int = 40_000

    def add_host(
        self, name: str, latency_ms: float | None = None, bandwidth: int = 0, failure: str = ""
    ) -> Host:
        """Configure `name`: round trip in ms, bytes per second, and an injected failure."""
        if failure not in FAILURES:
            raise ValueError(f"failure must be one of {', '.join(repr(f) for f in FAILURES)} (got {failure!r})")
        if latency_ms is not None and latency_ms < 0:
            raise ValueError(f"latency_ms must not be negative (got {latency_ms})")
        if bandwidth < 0:
            raise ValueError(f"bandwidth must not be negative (got {bandwidth})")
        base = self._default(name)
        rtt = base.rtt_ns if latency_ms is None else round(latency_ms * MS)
        host = Host(name, base.address, rtt, bandwidth, failure)
        self._hosts[name.lower()] = host
        return host

    def host(self, name: str) -> Host:
        """The host called `name` (configured, or by the default rules)."""
        return self._hosts.get(name.lower()) or self._default(name)

    def resolve(self, name: str) -> Host:
        """Like DNS: the host, or `socket.gaierror` for a name that does not exist."""
        host = self.host(name)
        if host.failure == "unknown" or name.lower().rstrip(".").endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return host

    def is_local(self, name: str) -> bool:
        return name.lower() in LOCAL_NAMES

    def listener(self, name: str, port: int) -> Any:
        """The server listening on (name, port), if the program started one."""
        key = ("local" if self.is_local(name) else name.lower(), port)
        return self.listeners.get(key)

    def listen(self, name: str | None, port: int, server: Any) -> int:
        """Register a listening server; port 0 picks a free port. Returns the port."""
        key_name = "local" if name is None or self.is_local(name) else name.lower()
        if port == 0:
            while (key_name, self._next_port) in self.listeners:
                self._next_port += 1
            port = self._next_port
        if (key_name, port) in self.listeners:
            raise OSError(98, f"[Errno 98] error while attempting to bind on address ({name!r}, {port}): "
                              "address already in use")
        self.listeners[(key_name, port)] = server
        return port

    def listen_ephemeral(self) -> int:
        """A fresh local port for the client end of a connection."""
        self._next_client_port += 1
        return self._next_client_port

    def unlisten(self, server: Any) -> None:
        for key in [k for k, v in self.listeners.items() if v is server]:
            del self.listeners[key]

    def _default(self, name: str) -> Host:
        lowered = name.lower()
        if lowered in LOCAL_NAMES:
            return Host(name, "127.0.0.1" if ":" not in lowered else "::1", self.costs.dc_rtt_ns)
        crc = zlib.crc32(lowered.encode())
        factor_percent = 20 + crc % 181  # 20 % .. 200 % of a WAN round trip
        try:
            address = str(ipaddress.ip_address(name))
        except ValueError:
            address = f"10.{crc >> 16 & 255}.{crc >> 8 & 255}.{crc & 255 or 1}"
        return Host(name, address, self.costs.wan_rtt_ns * factor_percent // 100)
