"""A blocking time.sleep inside a coroutine stops every other task: the classic mistake.

Two tickers should tick every 0.1 s. At 0.15 s a third coroutine calls
time.sleep(1) instead of awaiting asyncio.sleep(1): the loop cannot run anything
else for that second, so both tickers fall a whole second behind.
"""

import asyncio
import time


async def ticker(name):
    loop = asyncio.get_running_loop()
    for i in range(3):
        await asyncio.sleep(0.1)
        print(f"{name} tick {i} at {loop.time():.2f} s")


async def blocker():
    await asyncio.sleep(0.15)
    print("blocker calls time.sleep(1): the whole loop stops")
    time.sleep(1)
    print("blocker is done")


async def main():
    await asyncio.gather(ticker("a"), ticker("b"), blocker())


asyncio.run(main())
