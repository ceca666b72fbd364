"""The virtual loop end to end: real asyncio programs through the runner, on the virtual clock.

Programs print what CPython prints; virtual time is what the waits add up to;
traces are byte-identical from run to run.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from pathlib import Path

import pytest

from simulator import runner
from simulator.costs import REALISTIC, S
from simulator.kinds import EventKind
from simulator.net.network import Network
from simulator.runner import Limits, run_program
from simulator.scenarios import get_scenario
from simulator.trace import Trace
from simulator.trace_io import to_json_dict

from .conftest import run_cpython

ENGINE = "simulator.loop.engine"
FREE = REALISTIC.with_overrides(  # no modelled CPU cost: virtual times are exactly the waits
    line_ns=0, call_ns=0, resume_ns=0, task_step_ns=0, loop_iteration_ns=0, create_task_ns=0
)


@pytest.fixture(autouse=True)
def loop_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    if ENGINE not in runner.ENGINE_MODULES:
        monkeypatch.setattr(runner, "ENGINE_MODULES", [*runner.ENGINE_MODULES, ENGINE])


FREE_THREADS = FREE.with_overrides(switch_ns=0, cache_refill_ns=0, wakeup_ns=0, thread_create_ns=0)


def run(path: Path, limits: Limits | None = None, costs=REALISTIC) -> Trace:
    return run_program(path, limits=limits, costs=costs, echo=False).trace


def test_say_after_prints_cpythons_output_and_takes_two_virtual_seconds(write_program) -> None:
    trace = run(write_program("""
        import asyncio

        async def say_after(delay, what):
            await asyncio.sleep(delay)
            print(what)

        async def main():
            loop = asyncio.get_running_loop()
            start = loop.time()
            task1 = asyncio.create_task(say_after(1, 'hello'))
            task2 = asyncio.create_task(say_after(2, 'world'))
            await task1
            await task2
            print(f"took {loop.time() - start:.2f} virtual seconds")

        asyncio.run(main())
    """))
    assert trace.outcome.status == "finished"
    assert trace.stdout_text() == "hello\nworld\ntook 2.00 virtual seconds\n"
    assert 2 * S <= trace.duration_ns < 2 * S + 10_000_000


def test_docs_gather_factorial_example_prints_exactly_what_cpython_prints(write_program) -> None:
    path = write_program("""
        import asyncio

        async def factorial(name, number):
            f = 1
            for i in range(2, number + 1):
                print(f"Task {name}: Compute factorial({number}), currently i={i}...")
                await asyncio.sleep(0.01)
                f *= i
            print(f"Task {name}: factorial({number}) = {f}")
            return f

        async def main():
            L = await asyncio.gather(
                factorial("A", 2),
                factorial("B", 3),
                factorial("C", 4),
            )
            print(L)

        asyncio.run(main())
    """)
    trace = run(path)
    assert trace.stdout_text() == run_cpython(path).stdout
    assert trace.stdout_text().endswith("[2, 6, 24]\n")


def test_scenarios_print_their_expected_output() -> None:
    for name in ("say-after", "fetch-hosts", "blocking-call"):
        scenario = get_scenario(name)
        trace = run(scenario.path)
        assert trace.outcome.status == "finished", trace.outcome
        assert trace.stdout_text() == scenario.expected_stdout, name


def test_fetch_prints_requests_first_then_responses_in_latency_order() -> None:
    trace = run(get_scenario("fetch-hosts").path)
    lines = trace.stdout_text().splitlines()
    hosts = [line.removeprefix("request to ") for line in lines[:4]]
    assert all(line.startswith("request to ") for line in lines[:4])
    network = Network(REALISTIC)
    by_latency = sorted(hosts, key=lambda h: network.host(h).rtt_ns)
    assert [line.split(":")[0] for line in lines[4:8]] == by_latency
    assert network.host(by_latency[0]).rtt_ns < network.host(by_latency[-1]).rtt_ns
    requests = [trace.event(i) for i in trace.indices_of(EventKind.IO_REQUEST)]
    assert {e.text for e in requests} >= {f"GET http://{h}/" for h in hosts}
    completes = trace.indices_of(EventKind.IO_COMPLETE)
    assert len(completes) == len(requests)


def test_blocking_sleep_delays_every_other_task_by_exactly_that_time(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        import time

        async def ticker():
            loop = asyncio.get_running_loop()
            for _ in range(3):
                await asyncio.sleep(1)
                print(f"tick at {loop.time()!r}")

        async def blocker():
            await asyncio.sleep(1.5)
            time.sleep(0.25)

        async def main():
            await asyncio.gather(ticker(), blocker())

        asyncio.run(main())
    """), costs=FREE)
    assert trace.stdout_text() == "tick at 1.0\ntick at 2.0\ntick at 3.0\n"
    trace_blocked = run(Path(trace.program["path"]), costs=FREE)
    assert trace_blocked.stdout_text() == trace.stdout_text()


def test_blocking_sleep_is_recorded_and_shifts_the_others(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        import time

        async def ticker():
            loop = asyncio.get_running_loop()
            for _ in range(3):
                await asyncio.sleep(1)
                print(f"tick at {loop.time()!r}")

        async def blocker():
            await asyncio.sleep(1.5)
            time.sleep(0.75)

        async def main():
            await asyncio.gather(ticker(), blocker())

        asyncio.run(main())
    """), costs=FREE)
    # the tick due at 2.0 runs when the loop is free again, at 2.25; the next one is 1 s after that
    assert trace.stdout_text() == "tick at 1.0\ntick at 2.25\ntick at 3.25\n"
    blocked = [trace.event(i) for i in trace.indices_of(EventKind.LOOP_BLOCKED)]
    assert len(blocked) == 1
    assert blocked[0].arg == 750_000_000 and blocked[0].text == "time.sleep(0.75)"
    assert blocked[0].t == 1_500_000_000


def test_two_runs_give_identical_traces() -> None:
    path = get_scenario("fetch-hosts").path
    first = json.dumps(to_json_dict(run(path)), sort_keys=True)
    second = json.dumps(to_json_dict(run(path)), sort_keys=True)
    assert first == second


def test_timeouts_primitives_and_cancellation_behave_like_cpython(write_program) -> None:
    path = write_program("""
        import asyncio

        async def worker(name, queue, lock, results):
            while True:
                item = await queue.get()
                async with lock:
                    results.append((name, item))
                queue.task_done()

        async def main():
            try:
                await asyncio.wait_for(asyncio.sleep(10), timeout=0.05)
            except TimeoutError:
                print("wait_for timed out")
            try:
                async with asyncio.timeout(0.02):
                    await asyncio.sleep(1)
            except TimeoutError:
                print("timeout() expired")
            queue, lock, results = asyncio.Queue(), asyncio.Lock(), []
            workers = [asyncio.create_task(worker(n, queue, lock, results)) for n in "ab"]
            for i in range(6):
                queue.put_nowait(i)
            await queue.join()
            for w in workers:
                w.cancel()
            print(await asyncio.gather(*workers, return_exceptions=True))
            print(sorted(item for _, item in results))
            event, sem, cond = asyncio.Event(), asyncio.Semaphore(2), asyncio.Condition()
            async def gated(i):
                async with sem:
                    await event.wait()
                    return i * i
            tasks = [asyncio.create_task(gated(i)) for i in range(4)]
            await asyncio.sleep(0.01)
            event.set()
            print(await asyncio.gather(*tasks))
            async def waiter():
                async with cond:
                    await cond.wait()
                    return "notified"
            t = asyncio.create_task(waiter())
            await asyncio.sleep(0)
            async with cond:
                cond.notify_all()
            print(await t)
            async with asyncio.TaskGroup() as tg:
                a = tg.create_task(asyncio.sleep(0.01, result="a"))
                b = tg.create_task(asyncio.sleep(0.02, result="b"))
            print(a.result(), b.result())
            done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(d, d)) for d in (0.03, 0.01)],
                                               return_when=asyncio.FIRST_COMPLETED)
            print([t.result() for t in done], len(pending))
            for t in pending:
                t.cancel()
            loop = asyncio.get_running_loop()
            fut = loop.create_future()
            loop.call_later(0.01, fut.set_result, "call_later")
            loop.call_at(loop.time() + 0.005, print, "call_at")
            print(await fut)

        asyncio.run(main())
    """)
    trace = run(path)
    assert trace.outcome.status == "finished", trace.stderr_text()
    assert trace.stdout_text() == run_cpython(path).stdout
    assert trace.indices_of(EventKind.TIMER_CANCEL)


def test_executor_work_runs_off_the_loop(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        import time

        def blocking_io(seconds):
            time.sleep(seconds)
            return f"slept {seconds}"

        async def main():
            loop = asyncio.get_running_loop()
            start = loop.time()
            results = await asyncio.gather(
                asyncio.to_thread(blocking_io, 1),
                loop.run_in_executor(None, blocking_io, 0.5),
                asyncio.sleep(1, result="async"),
            )
            print(results, round(loop.time() - start, 3))

        asyncio.run(main())
    """), costs=FREE_THREADS)
    assert trace.stdout_text() == "['slept 1', 'slept 0.5', 'async'] 1.0\n"
    submits = [trace.event(i) for i in trace.indices_of(EventKind.EXECUTOR_SUBMIT)]
    took = sorted(e.data["due"] - e.t for e in submits)  # the sleeps, and the threads' own small costs
    assert S // 2 <= took[0] < S // 2 + S // 1000 and S <= took[1] < S + S // 1000
    assert len(trace.indices_of(EventKind.EXECUTOR_DONE)) == 2
    assert not trace.indices_of(EventKind.LOOP_BLOCKED)
    # as in CPython, the functions ran on the default executor's worker threads, not the loop's
    workers = [a.name for a in trace.actors if a.name.startswith("asyncio_")]
    assert workers == ["asyncio_0", "asyncio_1"]


def test_an_executor_function_that_waits_for_the_loop_gets_its_answer(write_program) -> None:
    # run_coroutine_threadsafe from the worker: the loop must run while the worker waits (CPython's
    # RunCoroutineThreadsafeTests); running the function on the loop's own thread would deadlock
    path = write_program("""
        import asyncio

        async def add(a, b):
            await asyncio.sleep(0.05)
            return a + b

        loop = asyncio.new_event_loop()

        def target():
            return asyncio.run_coroutine_threadsafe(add(1, 2), loop).result(timeout=5)

        print(loop.run_until_complete(loop.run_in_executor(None, target)))
        loop.close()
    """)
    first = run(path)
    assert first.outcome.status == "finished", first.stderr_text()
    assert first.stdout_text() == run_cpython(path).stdout == "3\n"
    assert json.dumps(to_json_dict(first)) == json.dumps(to_json_dict(run(path)))  # deterministic


def test_never_ending_program_stops_at_the_virtual_time_cap(write_program) -> None:
    trace = run(write_program("""
        import asyncio

        async def main():
            while True:
                await asyncio.sleep(1)

        asyncio.run(main())
    """), limits=Limits(max_virtual_ns=30 * S))
    assert trace.outcome.status == "limit" and trace.outcome.limit == "virtual_time"
    assert "virtual-time cap of 30 s" in trace.outcome.message
    assert trace.duration_ns <= 30 * S


def test_waiting_for_nothing_stops_with_a_clear_message(write_program) -> None:
    trace = run(write_program("""
        import asyncio

        async def main():
            await asyncio.get_running_loop().create_future()

        asyncio.run(main())
    """))
    assert trace.outcome.status == "limit"
    assert "nothing can wake them" in trace.outcome.message


def test_busy_loop_stops_at_the_step_cap(write_program) -> None:
    trace = run(write_program("""
        import asyncio

        async def spin():
            while True:
                await asyncio.sleep(0)

        asyncio.run(spin())
    """), limits=Limits(max_steps=5_000))
    assert trace.outcome.status == "limit" and trace.outcome.limit == "steps"


def test_destroyed_pending_task_and_unretrieved_exception_print_like_cpython(
    write_program, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging.root, "handlers", [])  # pytest's log capture would swallow asyncio's messages
    path = write_program("""
        import asyncio

        async def forever():
            await asyncio.Event().wait()

        async def fail():
            raise ValueError("boom")

        async def main():
            asyncio.ensure_future(forever())
            asyncio.ensure_future(fail())
            await asyncio.sleep(0)

        loop = asyncio.new_event_loop()
        loop.run_until_complete(main())
        loop.close()
    """)
    trace = run(path)
    real = run_cpython(path)
    assert "Task was destroyed but it is pending!" in real.stderr
    assert "Task exception was never retrieved" in real.stderr
    assert sorted(trace.stderr_text().splitlines()) == sorted(real.stderr.splitlines())


def test_network_failures_raise_real_exception_types(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        from simulator.io import set_host

        async def attempt(host, port):
            try:
                reader, writer = await asyncio.open_connection(host, port)
                writer.write(b"GET / HTTP/1.0\\r\\n\\r\\n")
                await reader.read()
                print(host, "ok")
            except OSError as exc:
                print(host, type(exc).__name__, exc)

        async def main():
            set_host("down.example", failure="refused")
            set_host("flaky.example", failure="reset")
            set_host("blackhole.example", failure="timeout")
            await attempt("nowhere.invalid", 80)
            await attempt("localhost", 9)
            await attempt("down.example", 80)
            await attempt("flaky.example", 80)
            try:
                await asyncio.wait_for(attempt("blackhole.example", 80), 5)
            except TimeoutError:
                print("blackhole.example gave up after", round(asyncio.get_running_loop().time()), "s")
            await attempt("blackhole.example", 80)

        asyncio.run(main())
    """))
    out = trace.stdout_text().splitlines()
    assert out[0] == "nowhere.invalid gaierror [Errno -2] Name or service not known"
    assert out[1] == "localhost ConnectionRefusedError [Errno 111] Connect call failed ('127.0.0.1', 9)"
    assert out[2].startswith("down.example ConnectionRefusedError [Errno 111] Connect call failed")
    assert out[3] == "flaky.example ConnectionResetError [Errno 104] Connection reset by peer"
    assert out[4] == "blackhole.example gave up after 6 s"
    assert out[5].startswith("blackhole.example TimeoutError [Errno 110] Connect call failed")


def test_a_local_server_and_client_talk_over_the_simulated_network(write_program) -> None:
    trace = run(write_program("""
        import asyncio

        async def handle(reader, writer):
            data = await reader.readline()
            writer.write(data.upper())
            await writer.drain()
            writer.close()
            await writer.wait_closed()

        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            async with server:
                reader, writer = await asyncio.open_connection("localhost", port)
                writer.write(b"hello server\\n")
                print(await reader.read())
                writer.close()
                await writer.wait_closed()

        asyncio.run(main())
    """))
    assert trace.stdout_text() == "b'HELLO SERVER\\n'\n", trace.stderr_text()


def test_http_headers_example_and_sock_api(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        import socket

        async def print_http_headers(host):
            reader, writer = await asyncio.open_connection(host, 80)
            writer.write(f"HEAD / HTTP/1.0\\r\\nHost: {host}\\r\\n\\r\\n".encode("latin-1"))
            while True:
                line = await reader.readline()
                if not line:
                    break
                line = line.decode("latin1").rstrip()
                if line:
                    print(f"HTTP header> {line}")
            writer.close()
            await writer.wait_closed()

        async def raw(host):
            loop = asyncio.get_running_loop()
            sock = socket.socket()
            sock.setblocking(False)
            await loop.sock_connect(sock, (host, 80))
            await loop.sock_sendall(sock, b"GET /x HTTP/1.0\\r\\n\\r\\n")
            chunks = []
            while chunk := await loop.sock_recv(sock, 100):
                chunks.append(chunk)
            sock.close()
            print(b"".join(chunks).split(b"\\r\\n")[0])

        asyncio.run(print_http_headers("example.com"))
        asyncio.run(raw("example.com"))
    """))
    out = trace.stdout_text().splitlines()
    assert out[0] == "HTTP header> HTTP/1.1 200 OK"
    assert "HTTP header> Server: coroscope-sim/1.0" in out
    assert "HTTP header> Date: Mon, 01 Jan 2024 00:00:00 GMT" in out
    assert out[-1] == "b'HTTP/1.1 200 OK'"


def test_blocking_sockets_never_reach_the_real_network(write_program) -> None:
    trace = run(write_program("""
        import socket
        import urllib.request

        try:
            urllib.request.urlopen("http://example.com/", timeout=1)
        except OSError as exc:
            print(type(exc).__name__)
        print(socket.gethostbyname("example.com").startswith("10."))
    """))
    assert trace.stdout_text() == "URLError\nTrue\n"


def test_simulated_disk_requests_and_cpu_work(write_program, tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_text("payload")
    trace = run(write_program(f"""
        import asyncio
        from simulator.io import cpu, read_file, request

        async def main():
            loop = asyncio.get_running_loop()
            data, answer = await asyncio.gather(read_file({str(tmp_path / "data.txt")!r}, ms=5),
                                                request("query db", 20, result=42))
            cpu(3)
            print(data, answer, round(loop.time() * 1000, 3))
            try:
                await read_file("missing.txt")
            except FileNotFoundError as exc:
                print("missing:", exc.filename)

        asyncio.run(main())
    """), costs=FREE)
    out = trace.stdout_text().splitlines()
    assert out[0] == "b'payload' 42 23.0"
    assert out[1] == "missing: missing.txt"
    blocked = trace.event(trace.indices_of(EventKind.LOOP_BLOCKED)[0])
    assert blocked.data == {"ns": 3_000_000, "cpu": True}


def test_uninstall_restores_time_policy_and_sockets(write_program) -> None:
    before = (time.monotonic, time.sleep, socket.getaddrinfo, socket.socket.connect, asyncio.get_event_loop_policy())
    run(get_scenario("say-after").path)
    after = (time.monotonic, time.sleep, socket.getaddrinfo, socket.socket.connect, asyncio.get_event_loop_policy())
    assert before == after


def test_a_completion_wakes_its_task_in_the_same_turn_like_a_proactor(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        from simulator.io import request

        async def main():
            print(await request("read block", 4, result="block"))

        asyncio.run(main())
    """), costs=FREE)
    assert trace.stdout_text() == "block\n"
    done = trace.indices_of(EventKind.IO_COMPLETE)[0]
    after = [EventKind(trace.kind[i]) for i in range(done + 1, done + 3)]
    # the completion resolved the future as it arrived: the next turn steps the woken task, no callback card
    assert after == [EventKind.LOOP_TICK, EventKind.TASK_STEP]
    assert trace.actor[done + 2] == trace.actor[done]  # the woken task is the one that sent the request
    from simulator.loop.state import loop_snapshot_at

    assert [card.task for card in loop_snapshot_at(trace, done + 1).ready] == [trace.actor[done]]
    assert not [i for i in trace.indices_of(EventKind.CALLBACK) if trace.texts[trace.text[i]].startswith("completion")]
    assert trace.t[done] == 4_000_000


def test_a_cancelled_wait_leaves_its_completion_harmless(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        from simulator.io import request

        async def main():
            try:
                await asyncio.wait_for(request("slow disk", 50), timeout=0.01)
            except TimeoutError:
                print("timed out")
            await asyncio.sleep(0.1)  # the request completes while nobody waits
            print("still fine")

        asyncio.run(main())
    """), costs=FREE)
    assert trace.stdout_text() == "timed out\nstill fine\n"
    assert trace.outcome.status == "finished"
    assert len(trace.indices_of(EventKind.IO_COMPLETE)) == 1


def test_request_returns_an_awaitable_future_on_the_virtual_loop(write_program) -> None:
    trace = run(write_program("""
        import asyncio
        from simulator.io import request

        async def main():
            pending = request("query", 2, result=7)
            print(type(pending).__name__, pending.done())
            print(await pending, sum(await asyncio.gather(request("a", 1, 1), request("b", 3, 2))))

        asyncio.run(main())
    """), costs=FREE)
    assert trace.stdout_text() == "Future False\n7 3\n"


def test_the_garbage_collector_is_left_as_it_was(write_program) -> None:
    import gc

    before = gc.get_threshold()
    run(get_scenario("fetch-hosts").path)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_debug_mode_and_a_closed_loop_keep_asyncios_own_checks(write_program) -> None:
    trace = run(write_program("""
        import asyncio

        async def main():
            loop = asyncio.get_running_loop()
            print(loop.get_debug())
            loop.call_soon(print, "soon")
            await asyncio.sleep(0)

        asyncio.run(main(), debug=True)
        loop = asyncio.new_event_loop()
        loop.close()
        try:
            loop.call_soon(print)
        except RuntimeError as exc:
            print(exc)
    """))
    assert trace.stdout_text() == "True\nsoon\nEvent loop is closed\n"


def test_a_turn_that_skips_a_cancelled_handle_writes_its_ready_queue_down(write_program) -> None:
    from simulator.loop.state import loop_snapshot_at

    trace = run(write_program("""
        import asyncio

        async def main():
            loop = asyncio.get_running_loop()
            loop.call_soon(lambda: later.cancel())
            later = loop.call_soon(print, "never")
            await asyncio.sleep(0)
            print("done")

        asyncio.run(main())
    """), costs=FREE)
    assert trace.stdout_text() == "done\n"
    written = [i for i in trace.indices_of(EventKind.LOOP_TICK) if i in trace.data]
    assert len(written) == 1  # only the turn whose events cannot tell its queue
    tick = written[0]
    assert trace.data[tick]["ready"] == ["main.<locals>.<lambda>", "print", "Task-1 main"]
    ran = [i for i in range(tick + 1, len(trace)) if trace.kind[i] in (EventKind.CALLBACK, EventKind.TASK_STEP)]
    # after the lambda ran, the queue still shows print (skipped when its turn comes) and the task
    assert [c.label for c in loop_snapshot_at(trace, ran[0]).ready] == ["print", "Task-1 main"]
    # every other turn's queue is read from the handles it ran
    other = trace.indices_of(EventKind.LOOP_TICK)[0]
    assert other not in trace.data and loop_snapshot_at(trace, other).ready


def test_request_is_awaited_tasked_and_run_as_under_plain_cpython(write_program) -> None:
    path = write_program("""
        import asyncio
        from simulator.io import request

        async def main():
            task = asyncio.create_task(request("db", 3, result="row"))
            async with asyncio.TaskGroup() as group:
                grouped = group.create_task(request("cache", 1, result="hit"))
            print(await task, grouped.result(), await request("log", 2, result="ok"))

        asyncio.run(main())
        print(asyncio.run(request("alone", 1, result="done")))
    """)
    trace = run(path, costs=FREE)
    assert trace.stdout_text() == "row hit ok\ndone\n"
    assert trace.stdout_text() == run_cpython(path).stdout
    sent = {trace.texts[trace.text[i]] for i in trace.indices_of(EventKind.IO_REQUEST)}
    assert sent == {"db", "cache", "log", "alone"}  # every one went out as an IO request
