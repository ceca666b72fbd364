"""The seed's producer/consumer on asyncio: two tasks, two queues, and IO while consuming.

The same five messages and replies as the seed's generators, but the hand-off goes
through asyncio.Queue and the event loop: produce puts a message and awaits the reply;
consumer awaits the next message (the queue is empty, so it waits), stores it with an
IO request (the loop runs other work meanwhile) and puts its reply back. One thread,
no lock: the loop switches tasks only where they await.
"""

import asyncio

from simulator.io import request


async def consumer(inbox, replies):
    while True:
        n = await inbox.get()
        if not n:
            return
        print("[CONSUMER] Consuming %s..." % n)
        await request("store message %s" % n, 20)
        await replies.put("200 OK")


async def produce(inbox, replies):
    n = 0
    while n < 5:
        n = n + 1
        print("[PRODUCER] Producing %s..." % n)
        await inbox.put(n)
        r = await replies.get()
        print("[PRODUCER] Consumer return: %s" % r)
    await inbox.put(0)


async def main():
    inbox: asyncio.Queue[int] = asyncio.Queue(maxsize=1)
    replies: asyncio.Queue[str] = asyncio.Queue(maxsize=1)
    c = asyncio.create_task(consumer(inbox, replies))
    await produce(inbox, replies)
    await c


asyncio.run(main())
