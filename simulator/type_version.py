"""A class's version tag: CPython's own "has this type changed?" number, read without running anything.

Owns one question: whether a class (or any of its bases) may have changed since a
given moment. CPython gives every type a version tag (`tp_version_tag`) for its
attribute cache and its specialised bytecode, and sets it to 0 whenever the type or
one of its bases is modified (an attribute set or deleted, `__bases__` assigned):
`PyType_Modified` walks down to every subclass. A later attribute lookup gives the type
a new, never reused number. So two reads of the same nonzero tag mean the class's
dictionaries and MRO are as they were, which is what lets `simulator.safe_repr` reuse
what it learned about a class instead of walking its dictionaries again on every line.

The tag is a field of the C `PyTypeObject`, read by address with ctypes: no attribute
lookup, no descriptor, nothing of the program's runs. Its offset is CPython 3.12's
64-bit layout, checked at import against fields Python can read (`__flags__`,
`__basicsize__`) and against a class modified on purpose; wherever the check fails
(another Python, another build), `version` answers 0 ("unknown") and callers take
their slow, always-correct path.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

# PyTypeObject on 64-bit CPython 3.12: tp_basicsize at 32, tp_flags at 168, tp_version_tag at 384
_BASICSIZE_OFFSET = 32
_FLAGS_OFFSET = 168
_VERSION_OFFSET = 384
_c_uint = ctypes.c_uint.from_address


def _read_version(cls: type) -> int:
    return _c_uint(id(cls) + _VERSION_OFFSET).value


def _layout_checked() -> bool:
    """Whether this interpreter's PyTypeObject has the layout the offsets describe."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 12) or ctypes.sizeof(ctypes.c_void_p) != 8:
        return False

    class Probe:
        def method(self) -> None:
            pass

    for cls in (Probe, type, int, dict):
        if ctypes.c_ulong.from_address(id(cls) + _FLAGS_OFFSET).value != cls.__flags__:
            return False
        if ctypes.c_ssize_t.from_address(id(cls) + _BASICSIZE_OFFSET).value != cls.__basicsize__:
            return False
    probe = Probe()
    probe.method  # noqa: B018 -- an attribute lookup gives the class a version tag
    before = _read_version(Probe)
    Probe.extra = 1  # type: ignore[attr-defined]  # a modification clears it
    cleared = _read_version(Probe)
    probe.method  # noqa: B018
    after = _read_version(Probe)
    return before != 0 and cleared == 0 and after not in (0, before)


_WORKS = _layout_checked()


def _unknown(cls: type) -> int:
    return 0


# `version(cls)`: cls's version tag (cls must be alive: its address is read); the same nonzero number
# means unchanged since, 0 means unknown. (The reader itself, not a wrapper: it runs for every value shown.)
version: Callable[[type], int] = _read_version if _WORKS else _unknown


def available() -> bool:
    """Whether version tags can be read in this interpreter."""
    return _WORKS
