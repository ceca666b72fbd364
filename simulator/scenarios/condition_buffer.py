"""A bounded buffer shared by two threads through a Condition: who waits when it is full or empty, and who wakes whom.

The producer puts six items into a buffer that holds two; the consumer takes them out.
When the buffer is full the producer waits on the Condition until the consumer takes
one and notifies it; when it is empty the consumer waits until the producer puts one.
Every wait gives the lock up and costs a context switch; the Who Waits tab shows where
each thread is blocked and who will wake it.
"""

import threading
from collections import deque

CAPACITY = 2
buffer: deque[int] = deque()
changed = threading.Condition()


def producer():
    for n in range(1, 7):
        with changed:
            while len(buffer) == CAPACITY:
                changed.wait()  # full: wait until the consumer takes one
            buffer.append(n)
            changed.notify()


def consumer():
    for _ in range(6):
        with changed:
            while not buffer:
                changed.wait()  # empty: wait until the producer puts one
            n = buffer.popleft()
            changed.notify()
        print("consumed %d" % n)


taker = threading.Thread(target=consumer, name="consumer")
maker = threading.Thread(target=producer, name="producer")
taker.start()
maker.start()
maker.join()
taker.join()
print("done: 6 items through a buffer of %d" % CAPACITY)
