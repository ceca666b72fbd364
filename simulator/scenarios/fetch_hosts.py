"""Fetch pages from four hosts at once: the requests all go out, the responses come back fastest first.

Each fetch opens a connection, sends an HTTP GET and waits for the answer. While
one task waits, the loop runs the others, so the whole run takes about as long as
the slowest host, not the sum of all four.
"""

import asyncio
import time

HOSTS = ["python.org", "example.com", "wikipedia.org", "news.ycombinator.com"]


async def fetch(host):
    start = time.monotonic()
    print(f"request to {host}")
    reader, writer = await asyncio.open_connection(host, 80)
    writer.write(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    response = await reader.read()
    writer.close()
    await writer.wait_closed()
    status = response.split(b"\r\n", 1)[0].decode()
    print(f"{host}: {status} ({len(response)} bytes) after {time.monotonic() - start:.2f} s")
    return len(response)


async def main():
    start = time.monotonic()
    sizes = await asyncio.gather(*(fetch(host) for host in HOSTS))
    print(f"{sum(sizes)} bytes from {len(HOSTS)} hosts in {time.monotonic() - start:.2f} s")


asyncio.run(main())
