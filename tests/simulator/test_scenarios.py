"""Every built-in scenario prints exactly its `.expected` output, so the examples cannot rot.

Under the simulator always; under plain CPython too when the scenario does not rely
on the simulator (asyncio scenarios read the virtual clock and use the simulated
network, so real timings and real hosts would differ).
"""

from __future__ import annotations

import ast

import pytest

from simulator.kinds import EventKind
from simulator.scenarios import DEFAULT_SCENARIO, Scenario, get_scenario, list_scenarios
from simulator.trace_io import to_json_dict

from .conftest import run_cpython, run_traced

SCENARIOS = list_scenarios()
WITH_OUTPUT = [s for s in SCENARIOS if s.expected_stdout is not None]


def needs_the_simulator(scenario: Scenario) -> bool:
    """asyncio programs run on the virtual loop: its clock and its simulated network."""
    tree = ast.parse(scenario.path.read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    return any(name.split(".")[0] == "asyncio" for name in imported)


def test_scenarios_are_listed_default_first_with_titles():
    assert SCENARIOS[0].name == DEFAULT_SCENARIO
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)
    for s in SCENARIOS:
        assert s.title and "\n" not in s.title and not s.title.endswith(".")
        assert get_scenario(s.name) == s
    assert len(WITH_OUTPUT) >= 3


def test_an_unknown_scenario_names_the_known_ones():
    with pytest.raises(KeyError, match="producer-consumer"):
        get_scenario("no-such-scenario")


@pytest.mark.parametrize("scenario", WITH_OUTPUT, ids=lambda s: s.name)
def test_scenario_prints_its_expected_output_under_the_simulator(scenario):
    got = run_traced(scenario.path)
    assert got.stdout == scenario.expected_stdout
    assert got.code == scenario.expected_exit
    assert got.trace is not None
    if scenario.expected_exit == 0:
        assert got.stderr == ""
        assert got.trace.outcome.status == "finished"
    else:  # a scenario that shows a deadlock ends the way Coroscope stops one
        assert got.trace.outcome.limit == "deadlock", got.trace.outcome
    assert len(got.trace.indices_of(EventKind.LINE)) > 10  # the scenario's own lines were recorded


@pytest.mark.parametrize(
    "scenario",
    [s for s in WITH_OUTPUT if not needs_the_simulator(s) and s.expected_exit == 0],  # a deadlock hangs CPython
    ids=lambda s: s.name,
)
def test_plain_scenario_prints_the_same_under_cpython(scenario):
    got = run_cpython(scenario.path)
    assert (got.stdout, got.stderr, got.code) == (scenario.expected_stdout, "", 0)


def test_a_scenario_records_the_same_trace_every_time():
    scenario = get_scenario("producer-consumer-threads")
    first, second = run_traced(scenario.path).trace, run_traced(scenario.path).trace
    assert first is not None and second is not None
    assert to_json_dict(first) == to_json_dict(second)
