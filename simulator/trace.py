"""The trace: an append-only, columnar record of one program run on a virtual clock.

Owns the in-memory layout (events in typed arrays, an actor table, interned texts,
locals changes, the console text) and the builder that engines append to. It never
runs code and never renders; views read a finished `Trace`.

Columns per event: `t` (virtual ns, int64), `kind` (EventKind), `actor` (actor id),
`line` (source line or -1), `text` (index into `texts` or -1) and `arg` (an integer
whose meaning the kind documents). Rich, rare payloads go to `data[event_index]`.
That keeps a recorded step at about 29 bytes plus its share of the tables.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.kinds import ActorKind, EventKind

NONE = -1


@dataclass(frozen=True)
class Actor:
    """One actor: a frame, generator, task, thread, CPU, ... with a lifelong id."""

    id: int
    kind: ActorKind
    name: str
    parent: int
    file: str
    line: int
    born: int  # index of the first event that concerns it


@dataclass(frozen=True)
class Outcome:
    """How the run ended: finished, exception, limit, syntax_error or error."""

    status: str = "finished"
    exit_code: int = 0
    message: str = ""
    file: str = ""
    line: int = NONE
    limit: str = ""  # "steps", "time", "output", "virtual_time" when status == "limit"


@dataclass(frozen=True)
class Event:
    """One event, read back from the columns (for views and tests, not hot paths)."""

    index: int
    t: int
    kind: EventKind
    actor: int
    line: int
    text: str | None
    arg: int
    data: dict[str, Any] | None


@dataclass(eq=False)
class Trace:
    """A finished recording. Treat as immutable once built."""

    t: array
    kind: array
    actor: array
    line: array
    text: array
    arg: array
    texts: list[str]
    actors: list[Actor]
    data: dict[int, dict[str, Any]]
    locals_event: array
    locals_name: array
    locals_value: array
    console: str
    sources: dict[str, str]
    program: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    outcome: Outcome = field(default_factory=Outcome)

    def __len__(self) -> int:
        return len(self.kind)

    def event(self, i: int) -> Event:
        """Event `i` as an object."""
        ti = self.text[i]
        kind = EventKind(self.kind[i])
        text: str | None
        if kind in (EventKind.STDOUT, EventKind.STDERR):
            text = self.console[ti : self.arg[i]]
        else:
            text = self.texts[ti] if ti >= 0 else None
        return Event(i, self.t[i], kind, self.actor[i], self.line[i], text, self.arg[i], self.data.get(i))

    def events(self) -> list[Event]:
        """Every event as an object (small traces only)."""
        return [self.event(i) for i in range(len(self))]

    def indices_of(self, *kinds: EventKind) -> list[int]:
        """Indices of the events of these kinds, in order."""
        wanted = {int(k) for k in kinds}
        return [i for i, k in enumerate(self.kind) if k in wanted]

    def stdout_text(self) -> str:
        """Everything the program wrote to stdout, in order."""
        return self._stream_text(EventKind.STDOUT)

    def stderr_text(self) -> str:
        """Everything the program wrote to stderr, in order."""
        return self._stream_text(EventKind.STDERR)

    def _stream_text(self, kind: EventKind) -> str:
        k = int(kind)
        return "".join(self.console[self.text[i] : self.arg[i]] for i, kk in enumerate(self.kind) if kk == k)

    @property
    def duration_ns(self) -> int:
        """Virtual time of the last event."""
        return self.t[-1] if len(self.t) else 0

    def nbytes(self) -> int:
        """Approximate memory held by the trace, in bytes."""
        import sys

        columns = (self.t, self.kind, self.actor, self.line, self.text, self.arg)
        size = sum(c.itemsize * len(c) for c in columns)
        size += sum(c.itemsize * len(c) for c in (self.locals_event, self.locals_name, self.locals_value))
        size += sys.getsizeof(self.texts) + sum(sys.getsizeof(s) for s in self.texts)
        size += sys.getsizeof(self.console)
        size += len(self.actors) * 120 + len(self.data) * 200
        return size


ROW_FORMAT = "<qBiiiq"  # a staged event: t, kind, actor, line, text, arg (the columns' types, packed)
ROW_STRUCT = struct.Struct(ROW_FORMAT)
ROW_BYTES = ROW_STRUCT.size
STAGED_EVENTS = 8192  # events held in the staging buffer before they move into the typed columns
T, KIND, ACTOR, LINE, TEXT, ARG = range(6)
_ROW_DTYPE = np.dtype(
    [("t", "<i8"), ("kind", "u1"), ("actor", "<i4"), ("line", "<i4"), ("text", "<i4"), ("arg", "<i8")]
)
_FIELDS = [struct.Struct("<" + code) for code in ROW_FORMAT[1:]]
_OFFSETS = [_ROW_DTYPE.fields[name][1] for name in _ROW_DTYPE.names or ()]  # type: ignore[index]
ARG_OFFSET = _OFFSETS[ARG]  # where a staged event's arg sits in its row (for hot paths that patch it)
ARG_FIELD = _FIELDS[ARG]


class TraceBuilder:
    """Appends events to columns. Engines share one builder and one clock (`now`).

    New events are staged packed in a bytearray (`rows`: one `struct.pack` and one
    `extend` per event, less than half the cost of six `array.append` calls) and move
    into the typed columns, through numpy, every STAGED_EVENTS events: the memory a
    recording holds stays that of the compact columns. Hot paths bind `rows.extend`
    and `ROW_STRUCT.pack`, and call `flush()` once `len(rows)` reaches `stage_limit`
    (`simulator.tracer.fast_emitter` does all of it); everyone else uses `emit`. Read
    and patch a recorded event through `get`/`set`/`last`; the column attributes
    (`b.kind`, ...) flush first, for readers that want whole columns.
    """

    stage_limit = ROW_BYTES * STAGED_EVENTS

    def __init__(self) -> None:
        self.now = 0  # the virtual clock, integer nanoseconds
        self.columns = (array("q"), array("B"), array("i"), array("i"), array("i"), array("q"))
        self.rows = bytearray()  # staged events, ROW_BYTES each; cleared in place (hot paths bind it)
        self.flushed = 0  # events already moved into the columns
        self.texts: list[str] = []
        self._text_index: dict[str, int] = {}
        self.actors: list[Actor] = []
        self.data: dict[int, dict[str, Any]] = {}
        self.locals_event = array("i")
        self.locals_name = array("i")
        self.locals_value = array("i")
        self.console_parts: list[str] = []
        self.console_len = 0
        self._output_tail: tuple[int, int, int, int] = (NONE, 0, 0, 0)  # the last output event: index, kind, actor, end
        self.sources: dict[str, str] = {}
        self.program: dict[str, Any] = {}
        self.params: dict[str, Any] = {}

    def __len__(self) -> int:
        return self.flushed + len(self.rows) // ROW_BYTES

    def flush(self) -> None:
        """Move the staged events into the typed columns."""
        rows = self.rows
        if rows:
            staged = np.frombuffer(rows, dtype=_ROW_DTYPE)
            for name, column in zip(_ROW_DTYPE.names or (), self.columns, strict=True):
                column.frombytes(np.ascontiguousarray(staged[name]).tobytes())
            self.flushed += len(staged)
            del staged  # the buffer cannot be resized while a view of it exists
            rows.clear()

    def _column(self, c: int) -> array:
        self.flush()
        return self.columns[c]

    t = property(lambda self: self._column(T), doc="The time column (flushes the staged events first).")
    kind = property(lambda self: self._column(KIND), doc="The kind column (flushes first).")
    actor = property(lambda self: self._column(ACTOR), doc="The actor column (flushes first).")
    line = property(lambda self: self._column(LINE), doc="The line column (flushes first).")
    text = property(lambda self: self._column(TEXT), doc="The text column (flushes first).")
    arg = property(lambda self: self._column(ARG), doc="The arg column (flushes first).")

    def get(self, i: int, column: int) -> int:
        """Field `column` (T, KIND, ...) of event `i`."""
        staged = i - self.flushed
        if staged < 0:
            return self.columns[column][i]
        value: int = _FIELDS[column].unpack_from(self.rows, staged * ROW_BYTES + _OFFSETS[column])[0]
        return value

    def set(self, i: int, column: int, value: int) -> None:
        """Patch field `column` of event `i` (recorded before its value was known)."""
        staged = i - self.flushed
        if staged < 0:
            self.columns[column][i] = value
        else:
            _FIELDS[column].pack_into(self.rows, staged * ROW_BYTES + _OFFSETS[column], value)

    def last(self, column: int) -> int:
        """Field `column` of the newest event (there must be one)."""
        return self.get(len(self) - 1, column)

    def append_row(self, t: int, kind: int, actor: int, line: int, text: int, arg: int) -> None:
        """One event at time `t` (an engine with its own clock); text is an interned index."""
        rows = self.rows
        rows.extend(ROW_STRUCT.pack(t, kind, actor, line, text, arg))
        if len(rows) >= self.stage_limit:
            self.flush()

    def intern(self, s: str) -> int:
        """Index of `s` in the texts table, adding it once."""
        i = self._text_index.get(s)
        if i is None:
            i = self._text_index[s] = len(self.texts)
            self.texts.append(s)
        return i

    def add_actor(self, kind: ActorKind, name: str, parent: int = NONE, file: str = "", line: int = NONE) -> int:
        """Register an actor and return its id."""
        aid = len(self.actors)
        self.actors.append(Actor(aid, kind, name, parent, file, line, len(self)))
        return aid

    def emit(
        self,
        kind: EventKind,
        actor: int,
        line: int = NONE,
        text: str | None = None,
        arg: int = NONE,
        data: dict[str, Any] | None = None,
    ) -> int:
        """Append one event at the current virtual time; return its index."""
        i = len(self)
        self.append_row(self.now, kind, actor, line, self.intern(text) if text is not None else NONE, arg)
        if data is not None:
            self.data[i] = data
        return i

    def emit_output(self, kind: EventKind, actor: int, line: int, s: str) -> None:
        """Record output; consecutive writes by the same actor join into one event."""
        start = self.console_len
        self.console_parts.append(s)
        end = self.console_len = start + len(s)
        last = self.flushed + len(self.rows) // ROW_BYTES - 1
        if self._output_tail == (last, kind, actor, start):  # the newest event is this actor's last write
            self.set(last, ARG, end)
        else:
            self.append_row(self.now, kind, actor, line, start, end)
            last += 1
        self._output_tail = (last, kind, actor, end)

    def set_local(self, event: int, name: str, value_repr: str | None) -> None:
        """Record that at `event` the frame's local `name` became `value_repr` (None: deleted)."""
        self.locals_event.append(event)
        self.locals_name.append(self.intern(name))
        self.locals_value.append(self.intern(value_repr) if value_repr is not None else NONE)

    def build(self, outcome: Outcome | None = None) -> Trace:
        """Freeze into a Trace."""
        self.flush()
        t, kind, actor, line, text, arg = self.columns
        return Trace(
            t=t,
            kind=kind,
            actor=actor,
            line=line,
            text=text,
            arg=arg,
            texts=self.texts,
            actors=self.actors,
            data=self.data,
            locals_event=self.locals_event,
            locals_name=self.locals_name,
            locals_value=self.locals_value,
            console="".join(self.console_parts),
            sources=self.sources,
            program=self.program,
            params=self.params,
            outcome=outcome or Outcome(),
        )
