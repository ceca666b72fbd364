"""Saving and loading traces: the documented JSON schema, and a fast binary form; refusing malformed ones.

JSON (schema in docs/trace-format.md, `"format": "coroscope-trace"`, versioned) is
for people and other tools. The binary form is how the child process that runs a
program hands its trace to the window: a magic number, a JSON header (texts, actors,
payloads, console, sources, outcome) and the event columns as raw machine integers.
Neither format can make the reader run anything (no pickle): loading is parsing.
Every loaded trace is checked (`check_trace`) before anyone reads it, so a malformed
file -- hand-edited, truncated, crafted -- gives a TraceFormatError saying what is wrong.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from simulator.kinds import OUTPUT_KINDS, ActorKind, EventKind
from simulator.trace import NONE, Actor, Outcome, Trace

FORMAT = "coroscope-trace"
VERSION = 1
BINARY_MAGIC = b"COROSCOPE-TRACE\x00"
BINARY_VERSION = 1
_BINARY_HEAD = struct.Struct("<16sIQ")  # magic, version, length of the JSON header that follows
# the event and locals columns, in file order, with their array type codes
_COLUMNS = (
    ("t", "q"), ("kind", "B"), ("actor", "i"), ("line", "i"), ("text", "i"), ("arg", "q"),
    ("locals_event", "i"), ("locals_name", "i"), ("locals_value", "i"),
)
_RANGES = {"q": (-(2**63), 2**63 - 1), "i": (-(2**31), 2**31 - 1), "B": (0, 255)}
_OUTCOME_FIELDS = {"status": str, "exit_code": int, "message": str, "file": str, "line": int, "limit": str}
_STATUSES = frozenset({"finished", "exception", "limit", "syntax_error", "error"})
_OUTPUT_CODES = np.array(sorted(int(k) for k in OUTPUT_KINDS), dtype=np.uint8)
_KIND_CODES = np.array(sorted(int(k) for k in EventKind), dtype=np.uint8)
# kinds whose `arg` names an actor (or is -1): the inner frame, the creating task, the thread switched out, the lock
_ARG_IS_ACTOR = np.array(sorted(int(k) for k in (
    EventKind.YIELD, EventKind.DELEGATE, EventKind.TASK_CREATE, EventKind.CONTEXT_SWITCH,
    EventKind.LOCK_WAIT, EventKind.LOCK_ACQUIRE, EventKind.LOCK_RELEASE,
)), dtype=np.uint8)
_KIND_BY_NAME = {k.name.lower(): k for k in EventKind}
_ACTOR_KIND_BY_NAME = {k.name.lower(): k for k in ActorKind}
_ACTOR_KIND_CODES = frozenset(int(k) for k in ActorKind)


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
        return check_trace(_from_json_dict(doc))
    except TraceFormatError as exc:
        raise TraceFormatError(f"malformed trace: {exc}") from None
    except KeyError as exc:
        raise TraceFormatError(f"malformed trace: a required field is missing: {exc}") from exc
    except (TypeError, ValueError, IndexError, OverflowError) as exc:
        raise TraceFormatError(f"malformed trace: {type(exc).__name__}: {exc}") from exc
    except RecursionError as exc:
        raise TraceFormatError("malformed trace: nested too deeply") from exc


def _int(value: Any, what: str, code: str = "q") -> int:
    """`value` as an integer that fits column type `code`; TraceFormatError naming `what` otherwise."""
    if type(value) is not int:
        raise TraceFormatError(f"{what} must be an integer, not {_shown(value)}")
    low, high = _RANGES[code]
    if not low <= value <= high:
        raise TraceFormatError(f"{what} is out of range ({_shown(value)})")
    return value


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TraceFormatError(f"{what} must be a string, not {_shown(value)}")
    return value


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TraceFormatError(f"{what} must be an object, not {_shown(value)}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise TraceFormatError(f"{what} must be a list, not {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    """A bounded description of a bad value (a huge number or string is not repeated whole)."""
    if isinstance(value, (dict, list)):
        return f"a{'n object' if isinstance(value, dict) else ' list'}"
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else f"a {value.bit_length()}-bit integer"
    return text if len(text) <= 60 else text[:57] + "..."


def _outcome(value: Any) -> Outcome:
    fields = _dict(value, "outcome")
    unknown = set(fields) - set(_OUTCOME_FIELDS)
    if unknown:
        raise TraceFormatError(f"outcome has unknown fields: {', '.join(sorted(map(str, unknown)))}")
    for name, typ in _OUTCOME_FIELDS.items():
        if name in fields:
            if typ is int:
                _int(fields[name], f"outcome.{name}", "i")
            else:
                _str(fields[name], f"outcome.{name}")
    return Outcome(**fields)


def _from_json_dict(doc: dict[str, Any]) -> Trace:
    texts: list[str] = []
    index: dict[str, int] = {}

    def intern(s: str) -> int:
        j = index.get(s)
        if j is None:
            j = index[s] = len(texts)
            texts.append(s)
        return j

    cols = {name: array(code) for name, code in _COLUMNS[:6]}
    data: dict[int, dict[str, Any]] = {}
    console_parts: list[str] = []
    console_len = 0
    for i, ev in enumerate(_list(doc["events"], "events")):
        where = f"event {i}"
        _dict(ev, where)
        kind = _KIND_BY_NAME.get(ev["kind"]) if isinstance(ev.get("kind"), str) else None
        if kind is None:
            raise TraceFormatError(f"{where}: unknown kind {_shown(ev.get('kind'))}")
        cols["t"].append(_int(ev["t"], f"{where}: t"))
        cols["kind"].append(kind)
        cols["actor"].append(_int(ev["actor"], f"{where}: actor", "i"))
        cols["line"].append(_int(ev.get("line", NONE), f"{where}: line", "i"))
        value = ev.get("value")
        if kind in OUTPUT_KINDS:
            s = _str(value, f"{where}: value") if value is not None else ""
            cols["text"].append(console_len)
            console_parts.append(s)
            console_len += len(s)
            cols["arg"].append(console_len)
        else:
            cols["text"].append(intern(_str(value, f"{where}: value")) if value is not None else NONE)
            cols["arg"].append(_int(ev.get("arg", NONE), f"{where}: arg"))
        if "data" in ev:
            data[i] = _dict(ev["data"], f"{where}: data")
    actors = [_actor(a, j) for j, a in enumerate(_list(doc["actors"], "actors"))]
    le, ln, lv = array("i"), array("i"), array("i")
    for j, change in enumerate(_list(doc.get("locals", []), "locals")):
        if not isinstance(change, list) or len(change) != 3:
            raise TraceFormatError(f"locals[{j}] must be [event, name, value]")
        ev_i, name, value = change
        le.append(_int(ev_i, f"locals[{j}]: event", "i"))
        ln.append(intern(_str(name, f"locals[{j}]: name")))
        lv.append(intern(_str(value, f"locals[{j}]: value")) if value is not None else NONE)
    sources = _dict(doc.get("sources", {}), "sources")
    for name, text in sources.items():
        _str(text, f"sources[{name!r}]")
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
        sources=dict(sources),
        program=dict(_dict(doc.get("program", {}), "program")),
        params=dict(_dict(doc.get("params", {}), "params")),
        outcome=_outcome(doc.get("outcome", {})),
    )


def _actor(a: Any, j: int) -> Actor:
    where = f"actors[{j}]"
    _dict(a, where)
    kind = _ACTOR_KIND_BY_NAME.get(a["kind"]) if isinstance(a.get("kind"), str) else None
    if kind is None:
        raise TraceFormatError(f"{where}: unknown kind {_shown(a.get('kind'))}")
    return Actor(
        _int(a["id"], f"{where}: id", "i"),
        kind,
        _str(a["name"], f"{where}: name"),
        _int(a["parent"], f"{where}: parent", "i"),
        _str(a["file"], f"{where}: file"),
        _int(a["line"], f"{where}: line", "i"),
        _int(a["born"], f"{where}: born", "i"),
    )


def check_trace(trace: Trace) -> Trace:
    """`trace` if every view can read it safely; TraceFormatError saying what is wrong otherwise.

    Checks what the views index with: equal column lengths, known kinds, a clock that
    starts at 0 or later and never goes back, actors named by events existing (ids are
    table positions), texts and console ranges inside their tables, locals on events
    that exist, payloads that are objects, an outcome of the documented types.
    """
    n = len(trace.kind)
    for name, _ in _COLUMNS[:6]:
        if len(getattr(trace, name)) != n:
            raise TraceFormatError(f"column {name} has {len(getattr(trace, name))} entries for {n} events")
    if not (len(trace.locals_event) == len(trace.locals_name) == len(trace.locals_value)):
        raise TraceFormatError("the locals columns differ in length")
    kind = np.frombuffer(trace.kind, dtype=np.uint8)
    t = np.frombuffer(trace.t, dtype=np.int64)
    actor = np.frombuffer(trace.actor, dtype=np.int32)
    text = np.frombuffer(trace.text, dtype=np.int32)
    arg = np.frombuffer(trace.arg, dtype=np.int64)
    n_actors, n_texts = len(trace.actors), len(trace.texts)
    _first_bad(~np.isin(kind, _KIND_CODES), "has an unknown kind", kind)
    if n:
        _first_bad(t < 0, "has a negative time", t)
        _first_bad(np.concatenate([[False], t[1:] < t[:-1]]), "goes back in time", t)
    _first_bad((actor < NONE) | (actor >= n_actors), f"names an actor that is not in the table of {n_actors}", actor)
    _first_bad(np.frombuffer(trace.line, dtype=np.int32) < NONE, "has a line below -1", trace.line)
    names_actor = np.isin(kind, _ARG_IS_ACTOR) & ((arg < NONE) | (arg >= n_actors))
    _first_bad(names_actor, f"has an argument naming an actor that is not in the table of {n_actors}", arg)
    output = np.isin(kind, _OUTPUT_CODES)
    console = len(trace.console)
    bad_output = output & ((text < 0) | (arg < text) | (arg > console))
    _first_bad(bad_output, f"writes outside the console text ({console} characters)", text)
    _first_bad(~output & ((text < NONE) | (text >= n_texts)), f"names a text outside the table of {n_texts}", text)
    for j, a in enumerate(trace.actors):
        if not isinstance(a, Actor) or type(a.kind) is not ActorKind:
            raise TraceFormatError(f"actors[{j}] is not an actor")
        if a.id != j:
            raise TraceFormatError(f"actors[{j}] has id {a.id}: ids must be the table's positions")
        if not NONE <= a.parent < n_actors:
            raise TraceFormatError(f"actors[{j}] has parent {a.parent}, not an actor")
    le = np.frombuffer(trace.locals_event, dtype=np.int32)
    _first_bad((le < 0) | (le >= n), f"is a locals change on an event that is not among the {n}", le, "locals")
    names = np.frombuffer(trace.locals_name, dtype=np.int32)
    values = np.frombuffer(trace.locals_value, dtype=np.int32)
    bad_locals = (names < 0) | (names >= n_texts) | (values < NONE) | (values >= n_texts)
    _first_bad(bad_locals, f"names a text outside the table of {n_texts}", names, "locals")
    for i, payload in trace.data.items():
        if type(i) is not int or not 0 <= i < n:
            raise TraceFormatError(f"a payload is attached to event {_shown(i)}, not among the {n}")
        if not isinstance(payload, dict):
            raise TraceFormatError(f"event {i}: data must be an object")
    o = trace.outcome
    if not isinstance(o, Outcome):
        raise TraceFormatError("the outcome is not an outcome")
    _outcome(vars(o))
    if o.status not in _STATUSES:
        raise TraceFormatError(f"outcome.status {_shown(o.status)} is not one of {', '.join(sorted(_STATUSES))}")
    return trace


def _first_bad(bad: Any, what: str, values: Any, table: str = "event") -> None:
    if bad.any():
        i = int(np.argmax(bad))
        raise TraceFormatError(f"{table} {i} {what} ({_shown(int(values[i]))})")


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
    except RecursionError as exc:
        raise TraceFormatError(f"{path}: not a Coroscope trace: its JSON is nested too deeply") from exc
    try:
        return from_json_dict(doc)
    except TraceFormatError as exc:
        raise TraceFormatError(f"{path}: {exc}") from None


def save_binary(trace: Trace, path: str | os.PathLike[str]) -> None:
    """Write the trace in the fast private form (atomically): a header, a JSON part, then raw columns."""
    header = {
        "byteorder": sys.byteorder,
        "columns": {name: [code, len(getattr(trace, name))] for name, code in _COLUMNS},
        "texts": trace.texts,
        "actors": [[a.id, int(a.kind), a.name, a.parent, a.file, a.line, a.born] for a in trace.actors],
        "data_events": list(trace.data),
        "data": list(trace.data.values()),
        "console": trace.console,
        "sources": trace.sources,
        "program": trace.program,
        "params": trace.params,
        "outcome": vars(trace.outcome),
    }
    meta = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    parts = [_BINARY_HEAD.pack(BINARY_MAGIC, BINARY_VERSION, len(meta)), meta]
    parts.extend(getattr(trace, name).tobytes() for name, _ in _COLUMNS)
    atomic_write(path, b"".join(parts))


def load_binary(path: str | os.PathLike[str]) -> Trace:
    """Read a trace written by save_binary; TraceFormatError if it is not one (nothing in it is ever run)."""
    raw = Path(path).read_bytes()
    try:
        return check_trace(_from_binary(raw))
    except TraceFormatError as exc:
        raise TraceFormatError(f"{path}: not a Coroscope binary trace ({exc})") from None
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, UnicodeDecodeError, struct.error) as exc:
        raise TraceFormatError(f"{path}: not a Coroscope binary trace ({type(exc).__name__}: {exc})") from exc
    except RecursionError as exc:
        raise TraceFormatError(f"{path}: not a Coroscope binary trace (nested too deeply)") from exc


def _from_binary(raw: bytes) -> Trace:
    if len(raw) < _BINARY_HEAD.size:
        raise TraceFormatError("too short")
    magic, version, meta_len = _BINARY_HEAD.unpack_from(raw)
    if magic != BINARY_MAGIC:
        raise TraceFormatError("no Coroscope header")
    if version != BINARY_VERSION:
        raise TraceFormatError(f"binary version {version} is not supported (this build reads {BINARY_VERSION})")
    offset = _BINARY_HEAD.size + meta_len
    if offset > len(raw):
        raise TraceFormatError("cut short")
    view = memoryview(raw)  # the columns are read in place, not copied first
    header = _dict(json.loads(view[_BINARY_HEAD.size : offset].tobytes().decode("utf-8")), "header")
    if header.get("byteorder") != sys.byteorder:
        raise TraceFormatError(f"written on a {header.get('byteorder')!r}-endian machine")
    columns: dict[str, array] = {}
    layout = _dict(header["columns"], "columns")
    for name, code in _COLUMNS:
        entry = _list(layout[name], f"columns.{name}")
        if len(entry) != 2 or entry[0] != code:
            raise TraceFormatError(f"column {name} is not of type {code!r}")
        col = array(code)
        size = _int(entry[1], f"columns.{name}") * col.itemsize
        if size < 0 or offset + size > len(raw):
            raise TraceFormatError("cut short")
        col.frombytes(view[offset : offset + size])
        columns[name] = col
        offset += size
    if offset != len(raw):
        raise TraceFormatError(f"{len(raw) - offset} bytes too many")
    actors = []
    for j, a in enumerate(_list(header["actors"], "actors")):
        if not isinstance(a, list) or len(a) != 7:
            raise TraceFormatError(f"actors[{j}] is not an actor")
        aid, kind, name, parent, file, line, born = a
        if kind not in _ACTOR_KIND_CODES:
            raise TraceFormatError(f"actors[{j}]: unknown kind {_shown(kind)}")
        actors.append(Actor(_int(aid, "actor id", "i"), ActorKind(kind), _str(name, "actor name"),
                            _int(parent, "actor parent", "i"), _str(file, "actor file"),
                            _int(line, "actor line", "i"), _int(born, "actor born", "i")))
    events, payloads = _list(header["data_events"], "data_events"), _list(header["data"], "data")
    if len(events) != len(payloads) or not set(map(type, events)) <= {int} or not set(map(type, payloads)) <= {dict}:
        raise TraceFormatError("the payloads are not objects, each on an event")
    data: dict[int, dict[str, Any]] = dict(zip(events, payloads, strict=True))
    texts = _list(header["texts"], "texts")
    if not set(map(type, texts)) <= {str}:  # at C speed: texts are most of a trace's objects
        raise TraceFormatError("the text table holds something that is not a string")
    sources = _dict(header["sources"], "sources")
    return Trace(
        **columns,
        texts=texts,
        actors=actors,
        data=data,
        console=_str(header["console"], "console"),
        sources=sources,
        program=_dict(header["program"], "program"),
        params=_dict(header["params"], "params"),
        outcome=_outcome(header["outcome"]),
    )
