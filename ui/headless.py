"""What the headless commands (`coroscope screenshot`, `coroscope export`) share: choosing the program.

Owns turning `PROGRAM.py` or `--scenario NAME` into the program's path, title and source,
with the same checks the window makes. Raises ProgramError, KeyError or OSError with a
message; the commands print it and exit 2.
"""

from __future__ import annotations

from pathlib import Path

from simulator.scenarios import DEFAULT_SCENARIO, get_scenario
from ui.main_window import check_program
from ui.scenario_titles import scenario_title


def chosen_program(program: Path | None, scenario: str | None) -> tuple[Path, str, str]:
    """(path, title, source) of the program a command line names (the default scenario if none)."""
    if program is not None:
        return program.resolve(), program.name, check_program(program)
    chosen = get_scenario(scenario or DEFAULT_SCENARIO)
    return chosen.path, scenario_title(chosen), chosen.path.read_text(encoding="utf-8")
