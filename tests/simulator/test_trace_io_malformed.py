"""Issue 15, cases 12 and 13: trace files cannot run code, and every malformed one is refused with a reason.

The binary form the window's child process writes is parsed, never unpickled: a crafted
file runs nothing. A malformed JSON trace (huge or infinite times, deep nesting, an
empty actor table, wrongly typed fields) gives TraceFormatError, never another exception.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from simulator.scenarios import get_scenario, list_scenarios
from simulator.trace import Trace
from simulator.trace_io import TraceFormatError, load_binary, load_json, save_binary, save_json, to_json_dict

from .conftest import run_traced


@pytest.fixture(scope="module")
def trace() -> Trace:
    traced = run_traced(get_scenario("say-after").path)
    assert traced.trace is not None
    return traced.trace


class _RunsCode:
    """A pickle payload that would create a file when unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (os.system, (f"touch {self.marker}",))


def test_a_crafted_pickle_given_as_a_binary_trace_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    bad = tmp_path / "trace.bin"
    bad.write_bytes(pickle.dumps(_RunsCode(marker)))
    with pytest.raises(TraceFormatError, match="not a Coroscope binary trace"):
        load_binary(bad)
    assert not marker.exists()


@pytest.mark.parametrize("scenario", [s.name for s in list_scenarios()])
def test_every_scenario_survives_the_binary_form_unchanged(scenario: str, tmp_path: Path) -> None:
    traced = run_traced(get_scenario(scenario).path)
    assert traced.trace is not None
    out = tmp_path / "t.bin"
    save_binary(traced.trace, out)
    loaded = load_binary(out)
    assert to_json_dict(loaded) == to_json_dict(traced.trace)
    assert loaded.data == traced.trace.data and loaded.actors == traced.trace.actors


def test_a_binary_trace_with_a_spoiled_column_is_refused(trace: Trace, tmp_path: Path) -> None:
    out = tmp_path / "t.bin"
    save_binary(trace, out)
    raw = bytearray(out.read_bytes())
    # the actor column sits after t and kind: point an event at an actor far outside the table
    n = len(trace)
    header_end = len(raw) - sum(getattr(trace, c).itemsize * len(getattr(trace, c)) for c in (
        "t", "kind", "actor", "line", "text", "arg", "locals_event", "locals_name", "locals_value"))
    at = header_end + 8 * n + n
    raw[at : at + 4] = (10**6).to_bytes(4, "little", signed=True)
    out.write_bytes(bytes(raw))
    with pytest.raises(TraceFormatError, match="actor that is not in the table"):
        load_binary(out)
    out.write_bytes(bytes(raw[:-3]))
    with pytest.raises(TraceFormatError, match="not a Coroscope binary trace"):
        load_binary(out)


def _doc(trace: Trace) -> dict[str, Any]:
    return json.loads(json.dumps(to_json_dict(trace)))


def _first(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(ev for ev in doc["events"] if ev["kind"] == kind)


SPOILED = {
    "huge time": (lambda d: d["events"][2].update(t=10**40), "out of range"),
    "infinite time (raw JSON)": (None, "must be an integer"),
    "float time": (lambda d: d["events"][2].update(t=1.5), "must be an integer"),
    "negative time": (lambda d: d["events"][0].update(t=-5), "negative time"),
    "time going back": (lambda d: d["events"][5].update(t=0) or d["events"][4].update(t=10**9), "back in time"),
    "empty actor table": (lambda d: d.update(actors=[]), "actor that is not in the table of 0"),
    "actor id not its position": (lambda d: d["actors"][1].update(id=7), "ids must be the table's positions"),
    "outcome line a string": (lambda d: d["outcome"].update(line="3"), "outcome.line must be an integer"),
    "outcome exit code null": (lambda d: d["outcome"].update(exit_code=None), "outcome.exit_code"),
    "outcome message a list": (lambda d: d["outcome"].update(message=["x"]), "outcome.message must be a string"),
    "outcome unknown status": (lambda d: d["outcome"].update(status="exploded"), "outcome.status"),
    "outcome a list": (lambda d: d.update(outcome=[1, 2]), "outcome must be an object"),
    "event not an object": (lambda d: d["events"].__setitem__(1, 5), "event 1 must be an object"),
    "value a number": (lambda d: _first(d, "call").update(value=12), "value must be a string"),
    "output value a number": (lambda d: _first(d, "stdout").update(value=12), "value must be a string"),
    "data a string": (lambda d: d["events"][1].update(data="x"), "data must be an object"),
    "locals on no event": (lambda d: d.update(locals=[[10**6, "x", "1"]]), "locals"),
    "sources not strings": (lambda d: d.update(sources={"a.py": 3}), "must be a string"),
    "events not a list": (lambda d: d.update(events={"0": {}}), "events must be a list"),
    "missing actors": (lambda d: d.pop("actors"), "required field is missing"),
    "task created by no actor": (lambda d: _first(d, "task_create").update(arg=999), "argument naming an actor"),
}


@pytest.mark.parametrize("case", list(SPOILED))
def test_a_malformed_json_trace_is_refused_with_a_clear_reason(case: str, trace: Trace, tmp_path: Path) -> None:
    spoil, reason = SPOILED[case]
    out = tmp_path / "bad.json"
    if spoil is None:  # Python's json writes and reads Infinity
        doc = _doc(trace)
        doc["events"][2]["t"] = float("inf")
        out.write_text(json.dumps(doc), encoding="utf-8")
    else:
        doc = _doc(trace)
        spoil(doc)
        out.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TraceFormatError, match=reason) as info:
        load_json(out)
    assert str(out) in str(info.value)


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "deep.json"
    out.write_text('{"format": "coroscope-trace", "version": 1, "params": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(TraceFormatError, match="nested too deeply"):
        load_json(out)


def test_a_trace_saved_and_loaded_again_is_accepted(trace: Trace, tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    save_json(trace, out)
    assert to_json_dict(load_json(out)) == to_json_dict(trace)
