"""Differential tests: a program under the tracer behaves exactly as under plain CPython.

Same stdout, same stderr (traceback text included), same exit status; hand-written
generator programs and programs generated with hypothesis.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import run_cpython, run_traced

PROGRAMS = {
    "yield_from": """
        def inner():
            x = yield 1
            print('inner got', x)
            y = yield 2
            return x + y

        def outer():
            total = yield from inner()
            print('outer total', total)
            yield total * 10

        g = outer()
        print(next(g))
        print(g.send(3))
        print(g.send(4))
        try:
            g.send(None)
        except StopIteration as e:
            print('stopped', e.value)
    """,
    "throw_handled": """
        def worker():
            while True:
                try:
                    item = yield
                    print('got', item)
                except ValueError as e:
                    print('recovered from', e)
                    yield 'recovered'

        w = worker()
        next(w)
        w.send('a')
        print(w.throw(ValueError('bad item')))
        next(w)
        w.send('b')
    """,
    "close_with_generatorexit": """
        def g():
            try:
                yield 1
                yield 2
            except GeneratorExit:
                print('cleaning up')
                raise
            finally:
                print('finally')

        it = g()
        print(next(it))
        it.close()
        print('closed', it.gi_frame is None)
    """,
    "genexpr_and_comprehension": """
        squares = (n * n for n in range(6) if n % 2)
        print(list(squares))
        print(sum(x for x in range(100)))
        print({k: v for k, v in zip('abc', range(3))})
    """,
    "exception_in_generator": """
        def gen():
            yield 1
            raise KeyError('missing')

        for v in gen():
            print(v)
    """,
    "exception_caught_from_generator": """
        def gen(n):
            for i in range(n):
                if i == 2:
                    raise RuntimeError(f'boom at {i}')
                yield i

        try:
            for v in gen(5):
                print(v)
        except RuntimeError as e:
            print('caught', e)
    """,
    "sys_exit_codes": """
        import sys
        print('before')
        sys.exit(3)
    """,
    "sys_exit_message": """
        import sys
        sys.exit('fatal: no config')
    """,
    "finalised_at_exit": """
        def g():
            try:
                yield 1
            finally:
                print('finalised')

        x = g()
        next(x)
        print('end of program')
    """,
    "stderr_and_stdout": """
        import sys
        print('to out')
        print('to err', file=sys.stderr)
        sys.stdout.write('no newline')
    """,
    "recursion_error": """
        def f(n):
            return f(n + 1)

        f(0)
    """,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_behaviour_as_cpython(name, write_program):
    path = write_program(PROGRAMS[name])
    expected = run_cpython(path)
    got = run_traced(path)
    assert got.stdout == expected.stdout
    assert got.stderr == expected.stderr
    assert got.code == expected.code


def test_argv_and_main_and_path(write_program, tmp_path):
    (tmp_path / "helper_mod.py").write_text("VALUE = 42\n")
    path = write_program(
        """
        import sys, helper_mod
        print(sys.argv[1:], __name__, helper_mod.VALUE, sys.argv[0].endswith('prog.py'))
        """
    )
    expected = run_cpython(path, "a", "--b")
    got = run_traced(path, "a", "--b")
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)
    assert "42" in got.stdout


# ---- generated programs: generators passing values with send/yield, with exceptions

_stmt = st.sampled_from(
    [
        "x = (yield x) or x + 1",
        "x = x * 2",
        "print('g', x)",
        "if x > 20:\n            raise ValueError(x)",
        "yield x",
        "x = x - 3",
    ]
)


@st.composite
def generator_programs(draw):
    body = draw(st.lists(_stmt, min_size=1, max_size=6))
    sends = draw(st.lists(st.integers(min_value=-5, max_value=9), min_size=0, max_size=6))
    catch = draw(st.booleans())
    # bounded: every generated program ends, with at least one yield per turn
    lines = ["def gen(x):", "    for _turn in range(8):", "        x = (yield x) or x + 1"]
    lines += [f"        {s}" for s in body]
    lines += ["    return x", "", "g = gen(1)", "print('first', next(g))"]
    for v in sends:
        call = f"print('sent {v} ->', g.send({v}))"
        if catch:
            lines += [
                "try:",
                f"    {call}",
                "except (StopIteration, ValueError) as e:",
                "    print(type(e).__name__, e)",
            ]
        else:
            lines.append(call)
    return "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=generator_programs())
def test_generated_generator_programs_match_cpython(source, tmp_path):
    path = tmp_path / "gen_prog.py"
    path.write_text(source)
    expected = run_cpython(path)
    got = run_traced(path)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code), source
