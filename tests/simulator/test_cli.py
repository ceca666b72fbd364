"""`python -m simulator`: run prints exactly what the program prints, trace hands a file to the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.trace_io import load_binary, load_json

PROGRAM = """\
import sys
print('args', sys.argv[1:])
print('to stderr', file=sys.stderr)

def gen():
    x = yield 1
    print('gen got', x)

g = gen()
next(g)
try:
    g.send(7)
except StopIteration:
    pass
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 0)
"""


def simulator(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        cwd=cwd,
    )


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM)
    return path


def test_run_passes_arguments_and_prints_exactly_what_the_program_prints(program, tmp_path):
    got = simulator(tmp_path, "run", "prog.py", "5", "-x", "--max-steps", "10000", "--flag")
    expected = subprocess.run(
        [sys.executable, "prog.py", "5", "-x", "--flag"], capture_output=True, text=True, cwd=tmp_path, timeout=30
    )
    assert got.stdout == expected.stdout == "args ['5', '-x', '--flag']\ngen got 7\n"
    assert got.stderr == expected.stderr == "to stderr\n"
    assert got.returncode == expected.returncode == 5


def test_program_arguments_after_a_double_dash_are_not_read_as_options(program, tmp_path):
    got = simulator(tmp_path, "run", "prog.py", "--", "--max-steps", "3")
    assert got.stdout.startswith("args ['--max-steps', '3']\n")
    assert got.returncode == 0


def test_run_writes_a_loadable_trace_when_asked(program, tmp_path):
    got = simulator(tmp_path, "run", "prog.py", "--trace", "out.json")
    assert got.stdout == "args []\ngen got 7\n" and got.returncode == 0
    trace = load_json(tmp_path / "out.json")
    assert trace.stdout_text() == got.stdout and trace.stderr_text() == "to stderr\n"
    assert trace.outcome.status == "finished"
    doc = json.loads((tmp_path / "out.json").read_text())
    assert {"call", "line", "return", "yield", "resume", "stdout"} <= {e["kind"] for e in doc["events"]}


def test_events_log_goes_to_stderr_only(program, tmp_path):
    got = simulator(tmp_path, "run", "prog.py", "--events")
    assert got.stdout == "args []\ngen got 7\n"  # nothing extra on stdout
    log = [line for line in got.stderr.splitlines() if " us  " in line]
    assert len(log) > 20
    resumes = [line.split() for line in log if line.split()[2] == "resume"]
    # time, unit, kind, actor, line, value (the value sent in), arg (how: 1 = send)
    assert resumes and resumes[0][3].startswith("gen#") and resumes[0][4] == "L6"
    assert resumes[0][5] == "7" and resumes[0][6] == "arg=1"
    times = [float(line.split()[0]) for line in log]
    assert times == sorted(times)
    assert any(line.split()[2] == "stdout" and "'gen got 7\\n'" in line for line in log)


def test_trace_command_prints_progress_json_and_writes_a_binary_trace(program, tmp_path):
    got = simulator(tmp_path, "trace", "prog.py", "3", "--out", "t.bin")
    assert got.returncode == 0
    lines = [json.loads(line) for line in got.stdout.splitlines()]
    done = lines[-1]
    assert done["done"] is True and done["status"] == "exception" and done["exit_code"] == 3
    assert all("progress" in line for line in lines[:-1])
    trace = load_binary(tmp_path / "t.bin")
    assert done["steps"] == len(trace)
    assert trace.stdout_text() == "args ['3']\ngen got 7\n"  # recorded, not echoed


def test_trace_of_a_missing_program_exits_2(tmp_path):
    got = simulator(tmp_path, "trace", "absent.py", "--out", "t.bin")
    assert got.returncode == 2 and "can't open file" in got.stderr
    assert not (tmp_path / "t.bin").exists()


def test_scenarios_lists_the_built_in_programs(tmp_path):
    got = simulator(tmp_path, "scenarios")
    assert got.returncode == 0
    names = [line.split()[0] for line in got.stdout.splitlines()]
    assert names[0] == "producer-consumer"
    assert {"say-after", "producer-consumer-threads"} <= set(names)


def test_a_scenario_runs_by_name(tmp_path):
    got = simulator(tmp_path, "run", "--scenario", "producer-consumer")
    assert got.returncode == 0 and got.stdout.startswith("[PRODUCER] Producing 1...\n")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["teleport"], "unknown command"),
        ([], "Subcommands:"),
        (["run"], "give a program"),
        (["run", "--scenario", "nope"], "no scenario named"),
        (["run", "prog.py", "--max-steps", "-1"], "must not be negative"),
        (["run", "prog.py", "--preset", "nope"], "unknown preset"),
    ],
)
def test_bad_command_lines_exit_2_with_a_message(args, says, program, tmp_path):
    got = simulator(tmp_path, *args)
    assert got.returncode == 2
    assert says in got.stderr + got.stdout
    assert "Traceback" not in got.stderr
