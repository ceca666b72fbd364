"""Issue 15's divergences from CPython: each program prints under the tracer exactly what CPython prints.

Differential: the same file under plain CPython (a child process) and under the tracer,
same stdout, stderr and exit status.
"""

from __future__ import annotations

import py_compile
import textwrap
import zipapp
from pathlib import Path

import pytest

from .conftest import run_cpython, run_traced


def same_as_cpython(path: Path, *args: str) -> None:
    expected = run_cpython(path, *args)
    got = run_traced(path, *args)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)


def as_cpython_orders_equal_deadlines(path: Path, tries: int = 3) -> None:
    """The traced output is the one CPython gives. CPython's timers run on the real clock, so
    deadlines meant to be equal differ by microseconds, and on a loaded machine a late wake-up
    can change its order; on a quiet one it is stable. So CPython gets a few tries to show the
    order the simulator keeps (a simulator in another order still fails: CPython never gives it)."""
    got = run_traced(path)
    seen = []
    for _ in range(tries):
        expected = run_cpython(path)
        if (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code):
            return
        seen.append(expected)
    assert (got.stdout, got.stderr, got.code) == (seen[0].stdout, seen[0].stderr, seen[0].code)


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


# 1: a Lock is not re-entrant: acquiring it again times out (or fails at once) in the thread that holds it
def test_lock_acquire_with_timeout_on_a_lock_this_thread_holds(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import threading, time
        lock = threading.Lock()
        lock.acquire()
        t0 = time.monotonic()
        print("again:", lock.acquire(timeout=0.2))
        print("waited:", time.monotonic() - t0 >= 0.2)
        print("non-blocking:", lock.acquire(blocking=False))
        lock.release()
        print("free again:", lock.acquire(timeout=0.2))
    """)
    same_as_cpython(path)


# 2: equal deadlines wake in the same loop turn, as with CPython's selector
def test_taskgroup_whose_two_tasks_raise_after_the_same_sleep(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import asyncio

        async def boom(n):
            await asyncio.sleep(0.2)
            raise ValueError(n)

        async def main():
            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(boom(1))
                    tg.create_task(boom(2))
            except* ValueError as eg:
                print(len(eg.exceptions), sorted(str(e) for e in eg.exceptions))

        asyncio.run(main())
    """)
    as_cpython_orders_equal_deadlines(path)


def test_queue_producer_and_consumers_with_equal_deadlines(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import asyncio

        async def producer(q, n):
            for i in range(n):
                await q.put(i)
                print("put", i)
                await asyncio.sleep(0.1)
            await q.put(None)
            await q.put(None)

        async def consumer(name, q):
            while (item := await q.get()) is not None:
                print(name, "got", item)
                await asyncio.sleep(0.1)
            print(name, "done")

        async def main():
            q = asyncio.Queue(maxsize=2)
            await asyncio.gather(producer(q, 6), consumer("a", q), consumer("b", q))

        asyncio.run(main())
    """)
    as_cpython_orders_equal_deadlines(path)


def test_many_tasks_with_the_same_timeouts_finish_in_cpythons_order(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import asyncio

        async def job(i):
            await asyncio.sleep(0.05 * (i % 3))
            print("woke", i)
            await asyncio.sleep(0.05)
            return i

        async def main():
            print(await asyncio.gather(*(job(i) for i in range(9))))
            tasks = [asyncio.create_task(job(i)) for i in range(6)]
            done, pending = await asyncio.wait(tasks, timeout=0.125)
            print(sorted(t.result() for t in done), len(pending))
            await asyncio.wait(pending)

        asyncio.run(main())
    """)
    as_cpython_orders_equal_deadlines(path)


# 3: binary writes through sys.stdout.buffer
def test_binary_writes_to_stdout_buffer_are_printed_and_recorded(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import sys
        print("text first", flush=True)
        sys.stdout.buffer.write(b"bytes caf\\xc3\\xa9\\n")
        sys.stdout.buffer.flush()
        sys.stderr.buffer.write("on stderr\\n".encode())
        print("after")
    """)
    same_as_cpython(path)
    trace = run_traced(path).trace
    assert trace is not None
    assert "bytes café\n" in trace.stdout_text()


# 4: an uncaught exception in a thread: CPython's threading frames, not the simulator's
def test_uncaught_exception_in_a_thread_shows_threading_frames(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import threading

        def body():
            raise RuntimeError("boom")

        class Worker(threading.Thread):
            def run(self):
                raise KeyError("in run")

        t = threading.Thread(target=body)
        t.start()
        t.join()
        w = Worker()
        w.start()
        w.join()
        print("done")
    """)
    same_as_cpython(path)
    got = run_traced(path)
    assert "simulator" not in got.stderr
    assert "_bootstrap_inner" in got.stderr


# 5: latin-1 bytes in a file that declares no encoding, on the first two lines and later
@pytest.mark.parametrize(
    "source",
    [
        b's = "caf\xe9"\n',
        b'# a comment\ns = "caf\xe9"\n',
        b"#\xe9\nx = 1\n",
        b'x = 1\ny = 2\ns = "caf\xe9"\n',
        b'# -*- coding: utf-8 -*-\ns = "caf\xe9"\n',
        b'\xef\xbb\xbfs = "caf\xe9"\n',
        b'# -*- coding: latin-1 -*-\nprint("caf\xe9")\n',
    ],
    ids=["line1", "line2-after-comment", "comment-line1", "line3", "declared-utf8", "bom", "declared-latin1"],
)
def test_non_utf8_source_errors_as_cpython_words_them(tmp_path: Path, source: bytes) -> None:
    path = tmp_path / "prog.py"
    path.write_bytes(source)
    same_as_cpython(path)


# 5: a .pyc, a .pyz and a folder with __main__.py run as under CPython
_MAIN = """
    import sys
    import helper
    print("main", __name__, sys.argv[1:], helper.hello())
    print("path0 is the program:", sys.path[0].endswith(("app", "app.pyz", "src")))
    raise ValueError("the end")
"""
_HELPER = """
    def hello():
        return "hello from " + __name__
"""


def test_a_folder_with_main_runs(tmp_path: Path) -> None:
    write(tmp_path, "app/__main__.py", _MAIN)
    write(tmp_path, "app/helper.py", _HELPER)
    same_as_cpython(tmp_path / "app", "x", "y")
    trace = run_traced(tmp_path / "app").trace
    assert trace is not None and len(trace) > 10  # the program's lines are recorded
    assert str(tmp_path / "app" / "helper.py") in trace.sources


def test_a_zipapp_runs_and_its_sources_are_in_the_trace(tmp_path: Path) -> None:
    write(tmp_path, "src/__main__.py", _MAIN)
    write(tmp_path, "src/helper.py", _HELPER)
    zipapp.create_archive(tmp_path / "src", tmp_path / "app.pyz")
    same_as_cpython(tmp_path / "app.pyz", "z")
    trace = run_traced(tmp_path / "app.pyz").trace
    assert trace is not None
    assert "def hello" in trace.sources[str(tmp_path / "app.pyz" / "helper.py")]


def test_a_pyc_runs(tmp_path: Path) -> None:
    write(tmp_path, "app.py", _MAIN)
    write(tmp_path, "helper.py", _HELPER)
    py_compile.compile(str(tmp_path / "app.py"), cfile=str(tmp_path / "app.pyc"))
    same_as_cpython(tmp_path / "app.pyc", "p")


def test_a_pyc_with_a_bad_magic_number_is_refused_as_cpython_does(tmp_path: Path) -> None:
    path = tmp_path / "bad.pyc"
    path.write_bytes(b"not bytecode at all, really")
    same_as_cpython(path)


# 6: signal.alarm and setitimer with a handler fire, on the virtual clock, where CPython's fire
def test_signal_alarm_interrupts_a_sleep_and_the_handler_runs(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import signal, time

        def on_alarm(signum, frame):
            print("alarm", signum == signal.SIGALRM, frame.f_code.co_name)
            raise KeyboardInterrupt

        print(signal.getsignal(signal.SIGALRM) == signal.SIG_DFL)
        signal.signal(signal.SIGALRM, on_alarm)
        print(signal.getsignal(signal.SIGALRM) is on_alarm)
        print(signal.alarm(1), signal.alarm(1))  # none set before; then about 1 s left of the first
        start = time.monotonic()
        try:
            time.sleep(5)
        except KeyboardInterrupt:
            print("interrupted after about", round(time.monotonic() - start))
        hits = []
        signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))
        signal.setitimer(signal.ITIMER_REAL, 0.25, 0.25)
        time.sleep(1.1)  # the handler returns: the sleep goes on (PEP 475)
        print(signal.setitimer(signal.ITIMER_REAL, 0)[1], len(hits))
        signal.alarm(1)
        signal.pause()
        print("pause ended by the alarm", len(hits))

        def too_slow(signum, frame):
            raise TimeoutError("too slow")

        signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, 0.0005)
        try:
            while True:
                pass
        except TimeoutError as exc:
            print("busy loop stopped:", exc)
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        signal.alarm(1)
        time.sleep(1.5)
        print("ignored")
    """)
    same_as_cpython(path)


def test_signal_alarm_ends_an_asyncio_wait(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import asyncio, signal, time

        def on_alarm(signum, frame):
            raise TimeoutError("alarm")

        async def main():
            signal.alarm(1)
            await asyncio.sleep(3)
            print("not reached")

        signal.signal(signal.SIGALRM, on_alarm)
        start = time.monotonic()
        try:
            asyncio.run(main())
        except TimeoutError as exc:
            print("caught", exc, "after about", round(time.monotonic() - start))
    """)
    same_as_cpython(path)


# 8: real selector loops and the C SimpleQueue: simulated, never spinning on the frozen clock
def test_the_default_policy_and_selector_loops_run_on_the_virtual_clock(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import asyncio, selectors, time

        async def main(n):
            start = time.monotonic()
            await asyncio.sleep(0.5)
            print("slept", n, round(time.monotonic() - start, 1))

        asyncio.set_event_loop_policy(None)
        asyncio.run(main(1))
        asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
        asyncio.run(main(2))
        loop = asyncio.SelectorEventLoop(selectors.SelectSelector())
        loop.run_until_complete(main(3))
        loop.close()
        with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
            runner.run(main(4))

        class MyLoop(asyncio.SelectorEventLoop):
            pass

        loop = MyLoop()
        loop.run_until_complete(main(5))
        loop.close()
    """)
    same_as_cpython(path)


def test_a_c_simple_queue_works_across_threads(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import _queue, threading

        q = _queue.SimpleQueue()

        def worker():
            q.put("from the thread")

        t = threading.Thread(target=worker)
        t.start()
        print(q.get())
        t.join()
        try:
            q.get(timeout=0.2)
        except _queue.Empty:
            print("timed out")
        print(isinstance(q, _queue.SimpleQueue))
    """)
    same_as_cpython(path)


def test_a_real_selector_loop_built_by_hand_is_refused_clearly(tmp_path: Path) -> None:
    path = write(tmp_path, "prog.py", """
        import asyncio, selectors
        from asyncio.selector_events import BaseSelectorEventLoop

        loop = BaseSelectorEventLoop(selectors.DefaultSelector())
        loop.call_later(0.5, loop.stop)
        try:
            loop.run_forever()
        except RuntimeError as exc:
            print(exc)
        finally:
            loop.close()
    """)
    got = run_traced(path)
    assert got.code == 0
    assert got.stdout.startswith("Coroscope runs asyncio programs on its virtual event loop; this real "
                                 "BaseSelectorEventLoop would wait on the real clock")
