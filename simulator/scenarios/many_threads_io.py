"""Ten threads wait for IO at the same time: each one a stack, and a context switch per wait.

Each worker blocks for 100 ms (time.sleep stands in for a blocking read). While one
thread waits the OS runs another, so the ten waits overlap and the whole run takes
about 0.1 s, not 1 s, but every wait costs a thread (its stack) and two context
switches. Compare the thread timeline with many-tasks-io, the same work as tasks.
"""

import threading
import time

results = [""] * 10


def worker(i):
    time.sleep(0.1)  # blocking IO: this thread sleeps, the OS switches to another one
    results[i] = "part %d" % i


threads = [threading.Thread(target=worker, args=(i,), name="worker-%d" % i) for i in range(10)]
start = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
print("%d parts read by %d threads" % (len([r for r in results if r]), len(threads)))
print("all waits overlapped: about %.1f s" % (time.monotonic() - start))
