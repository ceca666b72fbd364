"""Saving and loading traces: nothing is lost, bad files are refused with a reason, writes are atomic."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from simulator import trace_io
from simulator.kinds import EventKind
from simulator.scenarios import get_scenario
from simulator.state import snapshot_at
from simulator.trace import Trace
from simulator.trace_io import (
    TraceFormatError,
    load_binary,
    load_json,
    save_binary,
    save_json,
    to_json_dict,
)

from .conftest import run_traced

PROGRAM = """
import sys

def worker():
    total = 0
    while True:
        try:
            item = yield total
        except ValueError as exc:
            print('worker recovered from', exc)
            continue
        total += item
        print('worker got', item)

def check(n):
    if n < 0:
        raise ValueError(f'negative {n}')
    return n * 2

w = worker()
next(w)
for n in (1, -2, 3):
    try:
        w.send(check(n))
    except ValueError as exc:
        w.throw(exc)
print('done', file=sys.stderr)
w.close()
"""


@pytest.fixture(scope="module")
def trace(tmp_path_factory) -> Trace:
    path = tmp_path_factory.mktemp("io") / "prog.py"
    path.write_text(PROGRAM)
    traced = run_traced(path)
    assert traced.trace is not None and traced.code == 0
    return traced.trace


@pytest.fixture(scope="module")
def loop_trace() -> Trace:
    """A trace with rich payloads (`data`) from the virtual loop."""
    traced = run_traced(get_scenario("say-after").path)
    assert traced.trace is not None and traced.trace.data
    return traced.trace


def columns(t: Trace) -> tuple[list[int], ...]:
    return tuple(list(c) for c in (t.t, t.kind, t.actor, t.line, t.arg))


@pytest.mark.parametrize("which", ["trace", "loop_trace"])
def test_json_round_trip_keeps_everything(which, request, tmp_path):
    original: Trace = request.getfixturevalue(which)
    out = tmp_path / "t.json"
    save_json(original, out)
    loaded = load_json(out)
    assert to_json_dict(loaded) == to_json_dict(original)
    assert columns(loaded) == columns(original)
    assert [loaded.event(i).text for i in range(len(loaded))] == [original.event(i).text for i in range(len(original))]
    assert loaded.actors == original.actors
    assert loaded.console == original.console
    assert loaded.outcome == original.outcome
    assert loaded.sources == original.sources and loaded.program == original.program
    assert loaded.params == original.params
    assert loaded.data == original.data
    for i in (0, len(original) // 3, len(original) // 2, len(original) - 1):  # the same program state anywhere
        assert snapshot_at(loaded, i) == snapshot_at(original, i)


def test_json_has_the_documented_shape(trace, tmp_path):
    out = tmp_path / "t.json"
    save_json(trace, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "coroscope-trace" and doc["version"] == 1
    assert set(doc) == {"format", "version", "program", "params", "outcome", "sources", "actors", "events", "locals"}
    events = doc["events"]
    assert len(events) == len(trace)
    for ev in events:
        assert {"t", "kind", "actor", "line"} <= set(ev)
        assert isinstance(ev["t"], int) and isinstance(ev["actor"], int) and isinstance(ev["line"], int)
    assert [ev["t"] for ev in events] == sorted(ev["t"] for ev in events)  # one virtual clock, never backwards
    kinds = {ev["kind"] for ev in events}
    assert {"call", "line", "return", "exception", "yield", "resume", "stdout", "stderr", "gen_create"} <= kinds
    sends = [ev for ev in events if ev["kind"] == "resume" and ev.get("arg") == 1]
    assert [ev["value"] for ev in sends] == ["2", "6"]  # the values sent in, as the program saw them
    out_text = "".join(ev["value"] for ev in events if ev["kind"] == "stdout")
    assert out_text == "worker got 2\nworker recovered from negative -2\nworker got 6\n"
    assert doc["outcome"]["status"] == "finished" and doc["outcome"]["exit_code"] == 0
    actor = doc["actors"][events[0]["actor"]]
    assert {"id", "kind", "name", "parent", "file", "line", "born"} == set(actor)
    assert all(len(change) == 3 for change in doc["locals"])


def test_the_same_run_saves_byte_identical_json(tmp_path):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save_json(run_traced(path).trace, first)  # type: ignore[arg-type]
    save_json(run_traced(path).trace, second)  # type: ignore[arg-type]
    assert first.read_bytes() == second.read_bytes()


def test_binary_round_trip(trace, tmp_path):
    out = tmp_path / "t.bin"
    save_binary(trace, out)
    loaded = load_binary(out)
    assert to_json_dict(loaded) == to_json_dict(trace)
    assert snapshot_at(loaded, len(loaded) - 1) == snapshot_at(trace, len(trace) - 1)


def _doc(trace: Trace) -> dict:
    return json.loads(json.dumps(to_json_dict(trace)))


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda d: d.pop("format"), "not a Coroscope trace"),
        (lambda d: d.update(format="chrome-trace"), "not a Coroscope trace"),
        (lambda d: d.update(version=2), "version 2 is not supported"),
        (lambda d: d.pop("version"), "version None is not supported"),
        (lambda d: d.pop("events"), "malformed"),
        (lambda d: d["events"][3].update(kind="teleport"), "malformed"),
        (lambda d: d["events"][3].pop("t"), "malformed"),
        (lambda d: d["events"][3].update(actor="main"), "malformed"),
        (lambda d: d["actors"][0].pop("kind"), "malformed"),
        (lambda d: d.update(outcome={"status": "finished", "colour": "red"}), "malformed"),
        (lambda d: d.update(locals=[[1, "x"]]), "malformed"),
    ],
)
def test_a_bad_json_trace_is_refused_with_a_reason(spoil, reason, trace, tmp_path):
    doc = _doc(trace)
    spoil(doc)
    out = tmp_path / "bad.json"
    out.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TraceFormatError, match=reason):
        load_json(out)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"{not json", "not valid JSON"), (b"\xff\xfe\x00garbage", "not valid JSON"), (b"[1, 2]", "not a Coroscope")],
)
def test_a_file_that_is_not_a_json_trace_is_refused(content, reason, tmp_path):
    out = tmp_path / "bad.json"
    out.write_bytes(content)
    with pytest.raises(TraceFormatError, match=reason):
        load_json(out)


@pytest.mark.parametrize("content", [b"", b"{}", b"\x80\x05garbage", None], ids=["empty", "json", "garbage", "cut"])
def test_a_file_that_is_not_a_binary_trace_is_refused(content, trace, tmp_path):
    out = tmp_path / "bad.bin"
    if content is None:  # a real binary trace cut short
        save_binary(trace, out)
        out.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    else:
        out.write_bytes(content)
    with pytest.raises(TraceFormatError, match="not a Coroscope binary trace"):
        load_binary(out)


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        load_json(tmp_path / "absent.json")
    with pytest.raises(OSError):
        load_binary(tmp_path / "absent.bin")


@pytest.mark.parametrize("save", [save_json, save_binary])
def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(save, trace, tmp_path, monkeypatch):
    out = tmp_path / "t.out"
    out.write_text("previous trace")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        save(trace, out)
    assert out.read_text() == "previous trace"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.out"]  # no temporary file left behind


def test_a_write_that_fails_midway_leaves_nothing(trace, tmp_path, monkeypatch):
    out = tmp_path / "t.json"
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.f = real_fdopen(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()

        def write(self, payload: bytes) -> int:
            self.f.write(payload[:100])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(trace_io.os, "fdopen", Full)
    with pytest.raises(OSError):
        save_json(trace, out)
    assert list(tmp_path.iterdir()) == []


def test_writing_into_a_missing_folder_fails_cleanly(trace, tmp_path):
    with pytest.raises(OSError):
        save_json(trace, tmp_path / "no" / "such" / "t.json")
    assert list(tmp_path.iterdir()) == []


def test_event_kinds_are_spelled_by_their_lower_case_names(trace):
    names = {ev["kind"] for ev in to_json_dict(trace)["events"]}
    assert names <= {k.name.lower() for k in EventKind}


def test_a_trace_path_may_be_a_string_or_a_path(trace, tmp_path):
    save_json(trace, str(tmp_path / "a.json"))
    assert len(load_json(Path(tmp_path / "a.json"))) == len(trace)
