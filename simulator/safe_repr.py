"""Taking reprs of the program's values without changing what the program does.

Owns the policy: built-in values get a bounded `reprlib` repr; objects whose
`__repr__` is the program's own code are never called (it could print, mutate or
raise), and show as `<Point object>`; addresses are never shown, so traces stay
byte-identical from run to run. A repr that raises is reported, not propagated.
"""

from __future__ import annotations

import gc
import re
import reprlib
import types
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

MAX_REPR = 200
# How many objects to look through, inside a library object, for one whose repr is the
# program's own; an object holding more shows as `<Type object>` rather than risk running it.
REFERENT_BUDGET = 256
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # "<memory at 0x7f...>", "<unlocked _thread.lock object at 0x...>"
SORT_LIMIT = 1000  # sets up to this size are shown sorted (deterministic across hash seeds)
_SHORT = 70  # strings this short need no truncation
SCALARS: frozenset[type] = frozenset({int, float, str, bytes, bool, type(None), complex})
_OPAQUE_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
    types.ModuleType,
    type,
    types.FrameType,
    types.CodeType,
)


class _BoundedRepr(reprlib.Repr):
    """reprlib with our policy applied to every element it meets."""

    def __init__(self, is_user_code: Callable[[types.CodeType], bool]) -> None:
        super().__init__(
            maxlevel=3,
            maxtuple=8,
            maxlist=8,
            maxarray=6,
            maxdict=6,
            maxset=8,
            maxfrozenset=8,
            maxdeque=8,
            maxstring=80,
            maxlong=60,
            maxother=80,
        )
        self.is_user_code = is_user_code

    def repr1(self, x: Any, level: int) -> str:
        if type(x) in SCALARS:
            return super().repr1(x, level)
        opaque = opaque_repr(x, self.is_user_code)
        if opaque is not None:
            return opaque
        return super().repr1(x, level)

    def repr_instance(self, x: Any, level: int) -> str:
        # A library repr (a dataclass, namedtuple, partial, SimpleNamespace, OrderedDict, ...)
        # calls repr() on what it holds, which may be the program's own __repr__.
        if _may_reach_user_repr(x, self.is_user_code):
            return f"<{type(x).__qualname__} object>"
        try:
            s = repr(x)
        except Exception as exc:
            return f"<{type(x).__qualname__} object (repr failed: {type(exc).__name__})>"
        s = _ADDRESS.sub("", s)
        if len(s) > self.maxother:
            i = max(0, (self.maxother - 3) // 2)
            j = max(0, self.maxother - 3 - i)
            s = s[:i] + self.fillvalue + s[len(s) - j :]
        return s

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        # In insertion order, like repr(): reprlib would sort the keys (calling the program's
        # __lt__) and look each one up again (calling its __hash__).
        if not x:
            return "{}"
        pairs = islice(x.items(), self.maxdict)
        return self._join_items(pairs, len(x), level, "{", "}", self.maxdict, self._pair)

    def repr_set(self, x: set[Any], level: int) -> str:
        if not x:
            return "set()"
        return self._join_items(_sorted_if_plain(x), len(x), level, "{", "}", self.maxset, self.repr1)

    def repr_frozenset(self, x: frozenset[Any], level: int) -> str:
        if not x:
            return "frozenset()"
        items = _sorted_if_plain(x)
        return self._join_items(items, len(x), level, "frozenset({", "})", self.maxfrozenset, self.repr1)

    def _pair(self, kv: tuple[Any, Any], level: int) -> str:
        return f"{self.repr1(kv[0], level)}: {self.repr1(kv[1], level)}"

    def _join_items(
        self, items: Iterable[Any], n: int, level: int, left: str, right: str, most: int, one: Callable[[Any, int], str]
    ) -> str:
        if level <= 0:
            return left + self.fillvalue + right
        pieces = [one(item, level - 1) for item in islice(items, most)]
        if n > most:
            pieces.append(self.fillvalue)
        return left + ", ".join(pieces) + right

    def repr_int(self, x: int, level: int) -> str:
        try:
            return super().repr_int(x, level)
        except ValueError:  # more digits than sys.get_int_max_str_digits() allows
            return f"<int with about {int(x.bit_length() * 0.30103) + 1} digits>"


def opaque_repr(x: Any, is_user_code: Callable[[types.CodeType], bool]) -> str | None:
    """A fixed repr for values whose real repr shows an address or runs user code; else None."""
    if isinstance(x, _OPAQUE_TYPES):
        if isinstance(x, types.GeneratorType):
            return f"<generator {x.__qualname__}>"
        if isinstance(x, types.CoroutineType):
            return f"<coroutine {x.__qualname__}>"
        if isinstance(x, types.AsyncGeneratorType):
            return f"<async_generator {x.__qualname__}>"
        if isinstance(x, types.ModuleType):
            return f"<module {x.__name__}>"
        if isinstance(x, type):
            return f"<class {x.__qualname__}>"
        if isinstance(x, types.MethodType):
            return f"<bound method {getattr(x.__func__, '__qualname__', '?')}>"
        if isinstance(x, types.FrameType | types.CodeType):
            return f"<{type(x).__name__}>"
        return f"<function {getattr(x, '__qualname__', getattr(x, '__name__', '?'))}>"
    cls = type(x)
    rep = getattr(cls, "__repr__", None)
    if rep is object.__repr__:
        return f"<{cls.__qualname__} object>"
    code = getattr(rep, "__code__", None)
    if code is not None and is_user_code(code):
        return f"<{cls.__qualname__} object>"
    return None


def _user_repr(cls: type, is_user_code: Callable[[types.CodeType], bool]) -> bool:
    code = getattr(getattr(cls, "__repr__", None), "__code__", None)
    return code is not None and is_user_code(code)


def _may_reach_user_repr(x: Any, is_user_code: Callable[[types.CodeType], bool]) -> bool:
    """Whether anything `x` holds (a few levels deep) has the program's own __repr__, or is too big to tell."""
    seen = {id(x)}
    todo = [x]
    budget = REFERENT_BUDGET
    while todo:
        for ref in gc.get_referents(todo.pop()):
            budget -= 1
            if budget < 0:
                return True
            if type(ref) in SCALARS or isinstance(ref, _OPAQUE_TYPES) or id(ref) in seen:
                continue
            if _user_repr(type(ref), is_user_code):
                return True
            seen.add(id(ref))
            todo.append(ref)
    return False


def _sorted_if_plain(items: set[Any] | frozenset[Any]) -> Iterable[Any]:
    """Small sets of built-in scalars sorted (their order otherwise follows the hash seed); others as they are.

    Sorting other elements could call the program's own `__lt__`.
    """
    if len(items) > SORT_LIMIT or any(type(e) not in SCALARS for e in items):
        return items
    try:
        return sorted(items)
    except TypeError:  # mixed types
        return items


class SafeRepr:
    """Callable: value -> a bounded, deterministic, side-effect-free repr string."""

    def __init__(self, is_user_code: Callable[[types.CodeType], bool], limit: int = MAX_REPR) -> None:
        self._repr = _BoundedRepr(is_user_code)
        self.limit = limit

    def __call__(self, value: Any) -> str:
        tv = type(value)
        if tv is int or tv is bool or value is None or tv is float:
            try:
                return repr(value)
            except ValueError:  # an int beyond sys.get_int_max_str_digits()
                pass
        elif tv is str and len(value) <= _SHORT:
            return repr(value)
        try:
            s = self._repr.repr(value)
        except Exception as exc:  # a library __repr__ that raises must not reach the program
            return f"<{type(value).__qualname__} object (repr failed: {type(exc).__name__})>"
        if len(s) > self.limit:
            s = s[: self.limit - 3] + "..."
        return s
