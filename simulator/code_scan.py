"""Reading what the tracer needs from a code object's bytecode, in one pass over its bytes.

`dis.get_instructions` builds an object per instruction (microseconds each) and
`dis.findlabels` keeps its jump targets in a list: for a program of tens of thousands
of lines that was seconds before its first line ran, more than the run itself. These
functions read `co_code`, `co_lines()` and the exception table directly; the results
are what `dis` would give (tests/simulator/test_tracer_scale.py compares them).
"""

from __future__ import annotations

import dis
import types
from collections.abc import Iterator

_CACHES: list[int] = list(dis._inline_cache_entries)  # type: ignore[attr-defined]  # per opcode, stable in 3.12
_HASARG = frozenset(dis.hasarg)
_HASNAME = frozenset(dis.hasname)
_HASLOCAL = frozenset(dis.haslocal) | frozenset(dis.hasfree)
_EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]
_JREL = frozenset(dis.hasjrel)
_BACKWARD = frozenset(op for op in _JREL if "JUMP_BACKWARD" in dis.opname[op])
_RESUME = dis.opmap["RESUME"]
_GLOBAL_WRITES = frozenset(dis.opmap[n] for n in ("STORE_GLOBAL", "DELETE_GLOBAL"))


def instructions(code: types.CodeType) -> Iterator[tuple[int, int, int, int]]:
    """(offset in bytes, opcode, argument with EXTENDED_ARG folded in (0 if none), offset of its first
    EXTENDED_ARG prefix (where a jump to it lands; its own offset if none)), caches skipped."""
    raw = code.co_code
    ext = 0
    first = -1
    i, n = 0, len(raw)
    while i < n:
        op = raw[i]
        if first < 0:
            first = i
        if op in _HASARG:
            arg = raw[i + 1] | ext
            ext = arg << 8 if op == _EXTENDED_ARG else 0
        else:
            arg, ext = 0, 0
        if op != _EXTENDED_ARG:
            yield i, op, arg, first
            first = -1
        i += 2 + 2 * _CACHES[op]


def offset_lines(code: types.CodeType) -> list[int | None]:
    """The line of each code unit (index = offset // 2); None where the compiler gave none."""
    lines: list[int | None] = [None] * (len(code.co_code) // 2)
    for start, end, line in code.co_lines():
        if line is not None:
            lines[start // 2 : end // 2] = [line] * ((end - start) // 2)
    return lines


def arg_name(code: types.CodeType, op: int, arg: int) -> str | None:
    """The variable an instruction names (a global, a local, a cell), or None."""
    if op in _HASNAME:
        return code.co_names[arg] if arg < len(code.co_names) else None
    if op in _HASLOCAL:
        return code._varname_from_oparg(arg)  # type: ignore[attr-defined]
    return None


def jump_targets(code: types.CodeType) -> set[int]:
    """Offsets some jump or exception handler goes to (what `dis` marks `is_jump_target`)."""
    targets: set[int] = set()
    for offset, op, arg, _first in instructions(code):
        if op in _JREL:
            targets.add(offset + 2 + 2 * _CACHES[op] + (-2 * arg if op in _BACKWARD else 2 * arg))
    table = iter(code.co_exceptiontable)
    try:
        while True:
            _varint(table)
            _varint(table)
            targets.add(_varint(table) * 2)
            _varint(table)
    except StopIteration:
        pass
    return targets


def _varint(it: Iterator[int]) -> int:
    b = next(it)
    val = b & 63
    while b & 64:
        val <<= 6
        b = next(it)
        val |= b & 63
    return val


def stores_by_line(code: types.CodeType, ops: frozenset[int]) -> dict[int, tuple[str, ...]]:
    """Per line, the variables its instructions in `ops` write (a line without one: absent)."""
    found: dict[int, set[str]] = {}
    lines = offset_lines(code)
    line = code.co_firstlineno
    for offset, op, arg, _first in instructions(code):
        here = lines[offset // 2]
        if here is not None:
            line = here
        if op in ops:
            name = arg_name(code, op, arg)
            if name is not None:
                found.setdefault(line, set()).add(name)
    return {ln: tuple(sorted(names)) for ln, names in found.items()}


def line_starts(code: types.CodeType) -> dict[int, int]:
    """Offsets where a line starts (its first instruction, or a jump target), with their line.

    RESUME is left out, as CPython's LINE events leave it out: the instruction after a code's
    first RESUME starts its line even on the line of the `def` or `class`.
    """
    lines = offset_lines(code)
    targets = jump_targets(code)
    starts: dict[int, int] = {}
    current = None
    for offset, op, _arg, first in instructions(code):
        line = lines[offset // 2]
        if line is None or op == _RESUME:
            continue
        if line != current or first in targets:
            starts[offset] = line
        current = line
    return starts


def global_writes(code: types.CodeType) -> tuple[str, ...]:
    """The names that functions defined in `code` (at any depth, in its file) declare `global` and assign."""
    found: set[str] = set()
    todo = [k for k in code.co_consts if type(k) is types.CodeType]
    while todo:
        c = todo.pop()
        if c.co_filename != code.co_filename:
            continue
        for _offset, op, arg, _first in instructions(c):
            if op in _GLOBAL_WRITES:
                name = arg_name(c, op, arg)
                if name is not None:
                    found.add(name)
        todo.extend(k for k in c.co_consts if type(k) is types.CodeType)
    return tuple(sorted(n for n in found if not n.startswith("__")))
