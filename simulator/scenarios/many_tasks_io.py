"""Ten tasks wait for IO at the same time on one thread: the same work as many-threads-io.

Each task sends an IO request that takes 100 ms and awaits it. The request goes out,
the task gives control back to the event loop, and the loop starts the next task: the
ten waits overlap in one thread, with no thread switch at all. The whole run takes
about 0.1 s, as with ten threads, without the ten stacks.
"""

import asyncio

from simulator.io import request


async def worker(i):
    return await request("read part %d" % i, 100, "part %d" % i)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    results = await asyncio.gather(*(worker(i) for i in range(10)))
    print("%d parts read by %d tasks in one thread" % (len(results), len(results)))
    print("all waits overlapped: about %.1f s" % (loop.time() - start))


asyncio.run(main())
