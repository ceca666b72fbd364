"""Built-in scenarios: runnable programs shipped with Coroscope, each with its expected output.

Owns discovery. A scenario is `<stem>.py` in this folder whose module docstring's
first line is its English title (or, to keep a program byte-identical to a text
it comes from, `<stem>.title` holds the title); `<stem>.expected`, when present, is its exact
stdout (a test checks every one, so the examples cannot rot); `<stem>.exit`, when
present, is the exit status it ends with under the simulator when that is not 0 (a
deadlock stops the run with status 1; under plain CPython such a program would hang,
so it is not run there). Its name is the stem with dashes: `producer_consumer.py` is
`producer-consumer`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SCENARIO = "producer-consumer"
_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    path: Path
    expected_stdout: str | None
    expected_exit: int = 0


def _load(path: Path) -> Scenario:
    source = path.read_text(encoding="utf-8")
    title_file = path.with_suffix(".title")
    doc = title_file.read_text(encoding="utf-8") if title_file.exists() else ast.get_docstring(ast.parse(source))
    doc = doc or path.stem
    expected = path.with_suffix(".expected")
    exit_file = path.with_suffix(".exit")
    return Scenario(
        name=path.stem.replace("_", "-"),
        title=doc.strip().splitlines()[0].rstrip("."),
        path=path,
        expected_stdout=expected.read_text(encoding="utf-8") if expected.exists() else None,
        expected_exit=int(exit_file.read_text(encoding="utf-8").strip()) if exit_file.exists() else 0,
    )


def list_scenarios() -> list[Scenario]:
    """Every built-in scenario, the default first, then by name."""
    found = [_load(p) for p in sorted(_FOLDER.glob("*.py")) if not p.name.startswith("_")]
    return sorted(found, key=lambda s: (s.name != DEFAULT_SCENARIO, s.name))


def get_scenario(name: str) -> Scenario:
    """The scenario called `name`; KeyError with the known names if there is none."""
    for s in list_scenarios():
        if s.name == name:
            return s
    known = ", ".join(s.name for s in list_scenarios())
    raise KeyError(f"no scenario named {name!r} (known: {known})")
