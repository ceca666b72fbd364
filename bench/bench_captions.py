"""Benchmark of the lessons (issue 12): deriving chapters and every step's caption for a 100k-step trace.

- captions_ms_per_1k_steps: chapters (simulator.chapters, from a cold cache) plus the
  caption of every step (ui.captions.caption_for, in English), per 1,000 steps, for three
  traces of about 100,000 steps each: the seed's pattern (a generator driven by send,
  many messages), an asyncio program (tasks awaiting IO), and threads handing items over
  through a Condition. The figure is the slowest of the three, best of 3 runs each, in
  this process's CPU time (time.process_time: the machine is shared, and waiting for a
  core is not work done); the wall-clock figure is printed beside it.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import Figure

STEPS = 100_000
PROGRAMS = {
    "seed pattern": """
def consumer():
    r = ''
    while True:
        n = yield r
        if not n:
            return
        r = '200 OK'

def produce(c):
    c.send(None)
    n = 0
    while n < 11000:
        n = n + 1
        r = c.send(n)
    c.close()

produce(consumer())
""",
    "asyncio": """
import asyncio
from simulator.io import request

async def fetch(n):
    await request("read %d" % n, 1 + n % 7)
    return n

async def main():
    await asyncio.gather(*(fetch(n) for n in range(6000)))

asyncio.run(main())
""",
    "threads": """
import threading

slot = threading.Condition()
item = None

def consumer():
    global item
    while True:
        with slot:
            while item is None:
                slot.wait()
            n, item = item, None
            slot.notify()
            if not n:
                return

def produce():
    global item
    for n in list(range(1, 2400)) + [0]:
        with slot:
            while item is not None:
                slot.wait()
            item = n
            slot.notify()

c = threading.Thread(target=consumer)
c.start()
produce()
c.join()
""",
}


def _trace(source: str):  # type: ignore[no-untyped-def]
    from simulator.runner import Limits, run_program

    with tempfile.TemporaryDirectory(prefix="coroscope-bench-") as folder:
        path = Path(folder) / "prog.py"
        path.write_text(source, encoding="utf-8")
        return run_program(path, limits=Limits(max_steps=STEPS), echo=False).trace


def _derive_ms(trace) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from simulator import chapters, chapters_facts
    from ui.captions import caption_for
    from ui.scene import SceneCache

    best, best_wall = float("inf"), float("inf")
    for _ in range(3):
        chapters._cached.cache_clear()  # cold: chapters and facts derived again, as for a freshly loaded trace
        chapters_facts.facts_of.cache_clear()
        cache = SceneCache(trace)
        start, wall = time.process_time(), time.perf_counter()
        chapters.chapters_of(trace)
        for i in range(len(trace)):
            caption_for(cache, i)
        best = min(best, (time.process_time() - start) * 1000.0)
        best_wall = min(best_wall, (time.perf_counter() - wall) * 1000.0)
    return best, best_wall


def captions_ms_per_1k_steps() -> Figure:
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import app_translations

    app = QCoreApplication.instance() or QCoreApplication(["bench"])
    app_translations().set_language("en")
    worst = 0.0
    for name, source in PROGRAMS.items():
        trace = _trace(source)
        cpu_ms, wall_ms = _derive_ms(trace)
        per_1k = cpu_ms / (len(trace) / 1000.0)
        wall_1k = wall_ms / (len(trace) / 1000.0)
        print(f"  {name}: {len(trace)} steps, {per_1k:.2f} ms CPU per 1,000 steps ({wall_1k:.2f} ms wall)")
        worst = max(worst, per_1k)
    del app
    return Figure(worst, "ms", 20.0, higher_is_better=False)


METRICS = {"captions_ms_per_1k_steps": captions_ms_per_1k_steps}
