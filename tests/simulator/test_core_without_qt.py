"""The core knows no screen: `simulator/` imports neither Qt nor `ui`, and its tests run with PySide6 absent.

Three checks: import-linter's contract (pyproject.toml), a scan of every import in
`simulator/` (including imports inside functions and `importlib.import_module("...")`
strings, which the linter cannot see), and a child pytest in which importing
PySide6 or shiboken6 fails: it collects every core test module and runs the
end-to-end ones (the whole folder is run by the suite itself; running it twice would
double its time).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "simulator"
FORBIDDEN = ("PySide6", "shiboken6", "ui")
CHILD_GUARD = "COROSCOPE_CHILD_WITHOUT_QT"
# end-to-end core tests: tracer, runner, engines, seeking, saving, command line
CHILD_RUNS = ["test_tracer_seed.py", "test_cli.py", "test_trace_io.py", "test_scenarios.py"]


def _imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_no_module_of_the_core_imports_qt_or_ui():
    offending = []
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 20
    for path in files:
        for line, name in _imported_names(ast.parse(path.read_text(encoding="utf-8"))):
            if name.split(".")[0] in FORBIDDEN:
                offending.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert offending == []


def test_the_scan_would_see_a_hidden_import():
    source = "def later():\n    import importlib\n    return importlib.import_module('PySide6.QtCore')\n"
    assert (3, "PySide6.QtCore") in _imported_names(ast.parse(source))


def test_import_linter_contract_is_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed")
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout or "broken" not in done.stdout


@pytest.mark.skipif(os.environ.get(CHILD_GUARD) == "1", reason="already inside the child run")
@pytest.mark.timeout(120)
def test_core_tests_pass_with_pyside6_absent(tmp_path):
    for name in ("PySide6", "shiboken6"):
        package = tmp_path / "blocked" / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(f"raise ImportError('{name} is absent in this test')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "blocked"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env[CHILD_GUARD] = "1"
    base = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-x",
        "-p",
        "no:pytest-qt",  # the plugin would import PySide6 itself
        "-p",
        "no:cacheprovider",
        # pyproject's qt_api option belongs to pytest-qt, unknown without it
        "-W",
        "ignore:Unknown config option:pytest.PytestConfigWarning",
    ]
    here = Path(__file__).parent
    probe = subprocess.run(
        [sys.executable, "-c", "import PySide6"], env=env, capture_output=True, text=True, timeout=30
    )
    assert "absent in this test" in probe.stderr  # the block works
    collected = subprocess.run(
        [*base, "--collect-only", str(here)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    ran = subprocess.run(
        [*base, *(str(here / name) for name in CHILD_RUNS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=110,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert " passed" in ran.stdout and "warning" not in ran.stdout.lower()
