"""CPython's own tests, run plainly and under the tracer: any difference in tests run or verdict.

`python -m simulator.conformance [MODULE ...] [--json] [--max-seconds S]` (`make conformance`).

Each test module (generators, coroutines, async generators, contextlib and its async
half, weakref, asyncio's queues, locks and tasks) is copied from the interpreter's own
`Lib/test` into a temporary folder, so that under the tracer it is the program's code
(traced line by line, its coroutines on the virtual loop) rather than a library's, and
run twice by the same small unittest driver: with plain CPython and with
`python -m simulator run`. The report lists, per module, the tests run and their verdicts
both ways, and every test whose verdict differs. A difference that is the nature of the
virtual clock (a test that measures real time) is listed by name with its reason in
WALL_CLOCK; it is never skipped, and any other difference counts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MODULES = (
    "test.test_generators",
    "test.test_coroutines",
    "test.test_asyncgen",
    "test.test_contextlib",
    "test.test_contextlib_async",
    "test.test_weakref",
    "test.test_asyncio.test_queues",
    "test.test_asyncio.test_locks",
    "test.test_asyncio.test_tasks",
)

# Tests whose verdict under the tracer differs by the nature of a virtual clock, with the reason.
# (test id -> reason). Listed in the report whenever they differ; they never hide anything else.
WALL_CLOCK: dict[str, str] = {}

# Real seconds each run may take before it counts as hung. test_weakref's threaded tests run some
# 2 million lines in frames whose mutable locals (the test case, 70,000-item lists) are shown after
# every line: about 4 minutes traced on a quiet machine, 6 on a busy one.
MAX_SECONDS = 600.0
MARKER = "CONFORMANCE-RESULTS "
_TRACED = (sys.executable, "-m", "simulator", "run", "--max-steps", "0", "--max-output", "0")
DRIVER = '''\
"""Runs one test module with unittest and prints each test's verdict as JSON (the conformance driver)."""
import importlib, json, sys, unittest

class Collect(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.verdicts = {}
    def addSuccess(self, test):
        self.verdicts[test.id()] = "ok"
    def addFailure(self, test, err):
        self.verdicts[test.id()] = "FAIL"
    def addError(self, test, err):
        self.verdicts[getattr(test, "id", lambda: str(test))()] = "ERROR"
    def addSkip(self, test, reason):
        self.verdicts[test.id()] = "skipped"
    def addExpectedFailure(self, test, err):
        self.verdicts[test.id()] = "expected failure"
    def addUnexpectedSuccess(self, test):
        self.verdicts[test.id()] = "unexpected success"

module = importlib.import_module(sys.argv[1])
suite = unittest.defaultTestLoader.loadTestsFromModule(module)
result = Collect()
suite.run(result)
sys.stdout.write("\\n''' + MARKER + '''" + json.dumps(result.verdicts, sort_keys=True) + "\\n")
'''


@dataclass
class ModuleReport:
    """One module's verdicts, plainly and traced, and the tests whose verdicts differ."""

    module: str
    plain: dict[str, str]
    traced: dict[str, str]
    plain_problem: str = ""  # the run gave no verdicts: why
    traced_problem: str = ""
    seconds: tuple[float, float] = (0.0, 0.0)
    differences: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for test in sorted(set(self.plain) | set(self.traced)):
            a, b = self.plain.get(test, "not run"), self.traced.get(test, "not run")
            if a != b:
                self.differences[test] = (a, b)

    def unexplained(self) -> list[str]:
        """Differing tests not listed in WALL_CLOCK (a run that gave no verdicts counts as one)."""
        found = [t for t in self.differences if t not in WALL_CLOCK]
        if (self.plain_problem or self.traced_problem) and not found:
            found = [f"{self.module} (the run)"]
        return found


def _summary(verdicts: dict[str, str], problem: str) -> str:
    if problem:
        return problem
    counts = Counter(verdicts.values())
    return ", ".join(f"{n} {v}" for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) or "no tests"


def _source_of(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(
            f"{module} is not in this Python; CPython's test package is needed "
            "(pyenv installs it; on Debian: apt-get install libpython3.12-testsuite)"
        )
    return Path(spec.origin)


def _verdicts(proc: subprocess.CompletedProcess[str]) -> tuple[dict[str, str], str]:
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :]), ""
    last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {}, f"no verdicts (exit {proc.returncode}: {last[:160]})"


def run_module(module: str, max_seconds: float = MAX_SECONDS) -> ModuleReport:
    """Run one test module plainly and under the tracer, each in its own process."""
    source = _source_of(module)
    local_name = module.replace(".", "_")  # a top-level copy: the program's own code under the tracer
    with tempfile.TemporaryDirectory(prefix="coroscope-conformance-") as tmp:
        folder = Path(tmp)
        shutil.copyfile(source, folder / f"{local_name}.py")
        for entry in source.parent.iterdir():  # the folders tests read beside their file (`data`...)
            if not entry.is_dir() or entry.name == "__pycache__":
                continue
            if (entry / "__init__.py").exists():  # a package (test_asyncio...): linked, it is large
                (folder / entry.name).symlink_to(entry, target_is_directory=True)
            else:  # a data folder, copied: a test that moves into it (contextlib.chdir) sees the path it joined
                shutil.copytree(entry, folder / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        driver = folder / "conformance_driver.py"
        driver.write_text(DRIVER, encoding="utf-8")
        commands = (
            [sys.executable, str(driver), local_name],
            [*_TRACED, "--max-seconds", f"{max_seconds:g}", str(driver), local_name],
        )
        outcomes = []
        for command in commands:
            start = time.monotonic()
            try:
                proc = subprocess.run(
                    command,
                    cwd=folder,
                    capture_output=True,
                    text=True,
                    stdin=subprocess.DEVNULL,
                    timeout=max_seconds + 60,
                )
                verdicts, problem = _verdicts(proc)
            except subprocess.TimeoutExpired:
                verdicts, problem = {}, f"no verdicts (still running after {max_seconds + 60:g} s)"
            outcomes.append((verdicts, problem, time.monotonic() - start))
    (plain, plain_problem, plain_s), (traced, traced_problem, traced_s) = outcomes
    # the copy's test ids name the copy: report them by the module's own name
    rename = {f"{local_name}.": f"{module}."}

    def named(verdicts: dict[str, str]) -> dict[str, str]:
        out = {}
        for test, verdict in verdicts.items():
            for old, new in rename.items():
                if test.startswith(old):
                    test = new + test[len(old) :]
            out[test] = verdict
        return out

    return ModuleReport(module, named(plain), named(traced), plain_problem, traced_problem, (plain_s, traced_s))


def differences_count(reports: list[ModuleReport]) -> int:
    """Tests whose verdict differs, minus those listed with a reason (the bench figure)."""
    return sum(len(r.unexplained()) for r in reports)


def format_table(reports: list[ModuleReport]) -> str:
    rows = [("module", "tests", "verdict plain", "verdict traced", "s plain / traced")]
    for r in reports:
        tests = str(len(set(r.plain) | set(r.traced)))
        rows.append(
            (
                r.module,
                tests,
                _summary(r.plain, r.plain_problem),
                _summary(r.traced, r.traced_problem),
                f"{r.seconds[0]:.0f} / {r.seconds[1]:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    for r in reports:
        for test, (a, b) in r.differences.items():
            reason = WALL_CLOCK.get(test)
            why = f"  (listed: {reason})" if reason else "  DIFFERS"
            lines.append(f"  {test}: plain {a}, traced {b}{why}")
        for problem in (r.plain_problem, r.traced_problem):
            if problem:
                lines.append(f"  {r.module}: {problem}")
    lines.append(f"differences (not listed with a reason): {differences_count(reports)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.conformance", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"test modules (default: {', '.join(MODULES)})")
    parser.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    parser.add_argument(
        "--max-seconds", type=float, default=MAX_SECONDS, help="per module and run (a hung run ends there)"
    )
    args = parser.parse_args(argv)
    reports = []
    for module in args.modules or MODULES:
        try:
            reports.append(run_module(module, args.max_seconds))
        except FileNotFoundError as exc:
            print(f"conformance: {exc}", file=sys.stderr)
            return 2
        if not args.json:
            print(f"{module}: done", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps([r.__dict__ for r in reports], indent=1, default=list))
    else:
        print(format_table(reports))
    return 1 if differences_count(reports) else 0


if __name__ == "__main__":
    sys.exit(main())
