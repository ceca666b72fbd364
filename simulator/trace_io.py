"""Saving and loading traces: the documented JSON schema, and a fast binary form.

JSON (schema in docs/trace-format.md, `"format": "coroscope-trace"`, versioned) is
for people and other tools. The binary form (pickled columns) is how the child
process that runs a program hands its trace to the window; it is not a format
for exchange and is only ever read from files this program wrote itself.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from array import array
from pathlib import Path
from typing import Any

from simulator.kinds import OUTPUT_KINDS, ActorKind, EventKind
from simulator.trace import NONE, Actor, Outcome, Trace

FORMAT = "coroscope-trace"
VERSION = 1
# what unpickling a file that is not a binary trace can raise
_UNPICKLE_ERRORS = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError)
_KIND_BY_NAME = {k.name.lower(): k for k in EventKind}
_ACTOR_KIND_BY_NAME = {k.name.lower(): k for k in ActorKind}


class TraceFormatError(ValueError):
    """A trace file that cannot be read; the message says why."""


def to_json_dict(trace: Trace) -> dict[str, Any]:
    """The trace as plain JSON data."""
    events: list[dict[str, Any]] = []
    texts, console = trace.texts, trace.console
    for i in range(len(trace)):
        kind = EventKind(trace.kind[i])
        ev: dict[str, Any] = {
            "t": trace.t[i],
            "kind": kind.name.lower(),
            "actor": trace.actor[i],
            "line": trace.line[i],
        }
        ti = trace.text[i]
        if kind in OUTPUT_KINDS:
            ev["value"] = console[ti : trace.arg[i]]
        else:
            if ti >= 0:
                ev["value"] = texts[ti]
            if trace.arg[i] != NONE:
                ev["arg"] = trace.arg[i]
        if i in trace.data:
            ev["data"] = trace.data[i]
        events.append(ev)
    return {
        "format": FORMAT,
        "version": VERSION,
        "program": trace.program,
        "params": trace.params,
        "outcome": vars(trace.outcome),
        "sources": trace.sources,
        "actors": [
            {
                "id": a.id,
                "kind": a.kind.name.lower(),
                "name": a.name,
                "parent": a.parent,
                "file": a.file,
                "line": a.line,
                "born": a.born,
            }
            for a in trace.actors
        ],
        "events": events,
        "locals": [
            [
                trace.locals_event[j],
                texts[trace.locals_name[j]],
                texts[v] if (v := trace.locals_value[j]) >= 0 else None,
            ]
            for j in range(len(trace.locals_event))
        ],
    }


def from_json_dict(doc: Any) -> Trace:
    """Rebuild a trace from JSON data; raises TraceFormatError with a reason."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise TraceFormatError('not a Coroscope trace (missing "format": "coroscope-trace")')
    if doc.get("version") != VERSION:
        raise TraceFormatError(f"trace version {doc.get('version')!r} is not supported (this build reads {VERSION})")
    try:
        return _from_json_dict(doc)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise TraceFormatError(f"malformed trace: {exc!r}") from exc


def _from_json_dict(doc: dict[str, Any]) -> Trace:
    texts: list[str] = []
    index: dict[str, int] = {}

    def intern(s: str) -> int:
        j = index.get(s)
        if j is None:
            j = index[s] = len(texts)
            texts.append(s)
        return j

    cols = {
        name: array(code)
        for name, code in (("t", "q"), ("kind", "B"), ("actor", "i"), ("line", "i"), ("text", "i"), ("arg", "q"))
    }
    data: dict[int, dict[str, Any]] = {}
    console_parts: list[str] = []
    console_len = 0
    for i, ev in enumerate(doc["events"]):
        kind = _KIND_BY_NAME[ev["kind"]]
        cols["t"].append(int(ev["t"]))
        cols["kind"].append(kind)
        cols["actor"].append(int(ev["actor"]))
        cols["line"].append(int(ev.get("line", NONE)))
        value = ev.get("value")
        if kind in OUTPUT_KINDS:
            s = str(value or "")
            cols["text"].append(console_len)
            console_parts.append(s)
            console_len += len(s)
            cols["arg"].append(console_len)
        else:
            cols["text"].append(intern(str(value)) if value is not None else NONE)
            cols["arg"].append(int(ev.get("arg", NONE)))
        if "data" in ev:
            data[i] = ev["data"]
    actors = [
        Actor(
            int(a["id"]),
            _ACTOR_KIND_BY_NAME[a["kind"]],
            str(a["name"]),
            int(a["parent"]),
            str(a["file"]),
            int(a["line"]),
            int(a["born"]),
        )
        for a in doc["actors"]
    ]
    le, ln, lv = array("i"), array("i"), array("i")
    for ev_i, name, value in doc.get("locals", []):
        le.append(int(ev_i))
        ln.append(intern(str(name)))
        lv.append(intern(str(value)) if value is not None else NONE)
    outcome = Outcome(**doc.get("outcome", {}))
    return Trace(
        t=cols["t"],
        kind=cols["kind"],
        actor=cols["actor"],
        line=cols["line"],
        text=cols["text"],
        arg=cols["arg"],
        texts=texts,
        actors=actors,
        data=data,
        locals_event=le,
        locals_name=ln,
        locals_value=lv,
        console="".join(console_parts),
        sources=dict(doc.get("sources", {})),
        program=dict(doc.get("program", {})),
        params=dict(doc.get("params", {})),
        outcome=outcome,
    )


def atomic_write(path: str | os.PathLike[str], payload: bytes) -> None:
    """Write via a temporary file in the same folder, so no half-written file is ever left."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_json(trace: Trace, path: str | os.PathLike[str]) -> None:
    """Write the trace as JSON (atomically)."""
    atomic_write(path, json.dumps(to_json_dict(trace), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def load_json(path: str | os.PathLike[str]) -> Trace:
    """Read a JSON trace; raises TraceFormatError (or OSError) with a reason."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TraceFormatError(f"{path}: not valid JSON: {exc}") from exc
    return from_json_dict(doc)


def save_binary(trace: Trace, path: str | os.PathLike[str]) -> None:
    """Write the trace in the fast private form (atomically)."""
    atomic_write(path, pickle.dumps(trace, protocol=pickle.HIGHEST_PROTOCOL))


def load_binary(path: str | os.PathLike[str]) -> Trace:
    """Read a trace written by save_binary (only files this program wrote); TraceFormatError if it is not one."""
    with open(path, "rb") as f:
        try:
            trace = pickle.load(f)
        except _UNPICKLE_ERRORS as exc:
            # empty, cut short, or not a pickle at all (e.g. a JSON trace given by mistake)
            raise TraceFormatError(f"{path}: not a Coroscope binary trace ({type(exc).__name__}: {exc})") from exc
    if not isinstance(trace, Trace):
        raise TraceFormatError(f"{path}: not a Coroscope binary trace")
    return trace
