"""Two tasks say hello and world: the Python documentation's first asyncio example.

Both tasks sleep at the same time, so the program takes 2 seconds, not 3. On the
virtual loop the clock reads 00:00:00 when the program starts.
"""

import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))

    print(f"started at {time.strftime('%X')}")

    # Wait until both tasks are completed (should take around 2 seconds.)
    await task1
    await task2

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
