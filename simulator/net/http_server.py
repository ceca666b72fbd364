"""The default simulated HTTP server: what any remote host answers on its web ports.

Owns turning one request's bytes into one response's bytes. A GET gets a small
valid HTML page with the usual headers; HEAD the same headers without a body;
other methods 405; an unreadable request 400. It runs "on the remote host", so it
is a pure function: no loop, no clock of its own, no real network.
"""

from __future__ import annotations

from email.utils import formatdate

EPOCH_S = 1_704_067_200  # the virtual clock's 0 on the wall: 2024-01-01 00:00:00 UTC (simulator.loop.clock)
MAX_HEAD = 64 * 1024


def request_complete(data: bytes) -> bool:
    """Whether the request head has fully arrived (or is too long to wait for)."""
    return b"\r\n\r\n" in data or b"\n\n" in data or len(data) >= MAX_HEAD


def request_line(data: bytes) -> tuple[str, str, str]:
    """(method, target, version) of a request, or ("", "", "") if it is not HTTP."""
    first = data.split(b"\n", 1)[0].strip().decode("latin-1")
    parts = first.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return "", "", ""
    return parts[0], parts[1], parts[2]


def respond(host: str, data: bytes, now_ns: int) -> bytes:
    """The complete response (the server closes the connection after it)."""
    method, target, _ = request_line(data)
    date = formatdate(EPOCH_S + now_ns // 1_000_000_000, usegmt=True)
    if not method:
        status, body, extra = "400 Bad Request", b"<h1>400 Bad Request</h1>\n", ""
    elif method not in ("GET", "HEAD"):
        status, body, extra = "405 Method Not Allowed", b"<h1>405 Method Not Allowed</h1>\n", "Allow: GET, HEAD\r\n"
    else:
        status, extra = "200 OK", ""
        body = (
            f"<!doctype html>\n<html><head><title>{host}</title></head>\n"
            f"<body><h1>{host}</h1><p>A simulated page: {target}</p></body></html>\n"
        ).encode()
    head = (
        f"HTTP/1.1 {status}\r\n"
        f"Date: {date}\r\n"
        "Server: coroscope-sim/1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{extra}"
        "Connection: close\r\n"
        "\r\n"
    ).encode()
    return head if method == "HEAD" else head + body
