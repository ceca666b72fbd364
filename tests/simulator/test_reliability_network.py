"""Issue 15, case 9: a traced program has no real network, whichever way it makes its socket.

A real server and a real UDP receiver listen on this machine; the program tries the C
`_socket.socket` (TCP connect, UDP sendto), `socket.socket` (sendto, bind, listen) and
`socket.fromfd`. Nothing arrives, each attempt fails with ENETUNREACH, and Unix-domain
socket pairs still work.
"""

from __future__ import annotations

import socket
import textwrap
from pathlib import Path

from .conftest import run_traced


def test_no_socket_creation_path_reaches_the_real_network(tmp_path: Path) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.5)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.settimeout(0.5)
    tcp_port, udp_port = server.getsockname()[1], udp.getsockname()[1]
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(f"""
        import _socket, socket

        def attempt(what, fn):
            try:
                fn()
                print(what, "went out")
            except OSError as exc:
                print(what, "refused", exc.errno)

        raw = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
        attempt("raw connect", lambda: raw.connect(("127.0.0.1", {tcp_port})))
        attempt("raw connect_ex", lambda: raw.connect_ex(("127.0.0.1", {tcp_port})))
        raw_udp = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
        attempt("raw sendto", lambda: raw_udp.sendto(b"x", ("127.0.0.1", {udp_port})))
        attempt("raw sendmsg", lambda: raw_udp.sendmsg([b"x"], [], 0, ("127.0.0.1", {udp_port})))
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        attempt("sendto", lambda: udp.sendto(b"x", ("127.0.0.1", {udp_port})))
        plain = socket.socket()
        attempt("bind", lambda: plain.bind(("127.0.0.1", 0)))
        attempt("listen", lambda: plain.listen())
        attempt("create_server", lambda: socket.create_server(("127.0.0.1", 0)))
        dup = socket.fromfd(udp.fileno(), socket.AF_INET, socket.SOCK_DGRAM)
        attempt("fromfd sendto", lambda: dup.sendto(b"x", ("127.0.0.1", {udp_port})))
        six = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        attempt("ipv6 sendto", lambda: six.sendto(b"x", ("::1", {udp_port})))
        a, b = socket.socketpair()
        a.sendall(b"local")
        print(b.recv(5))
        print(type(raw).__name__, isinstance(raw, _socket.socket))
        for s in (raw, raw_udp, udp, plain, dup, six, a, b):
            s.close()
    """))
    try:
        got = run_traced(path)
        lines = got.stdout.splitlines()
        assert all(" refused " in line for line in lines[:-2]), got.stdout + got.stderr
        assert len(lines) == 12 and lines[-2:] == ["b'local'", "socket True"]
        try:
            server.accept()
            connected = True
        except TimeoutError:
            connected = False
        try:
            udp.recvfrom(10)
            received = True
        except TimeoutError:
            received = False
        assert not connected and not received
    finally:
        server.close()
        udp.close()
    # and after the run, sockets are the real ones again
    assert socket.socket.__dict__.get("sendto") is None
    import _socket

    assert _socket.socket is socket.socket.__mro__[1]
