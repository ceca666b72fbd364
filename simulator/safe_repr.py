"""Taking reprs of the program's values without changing what the program does.

Owns the policy: built-in values get a bounded `reprlib` repr; objects whose
`__repr__` is the program's own code are never called (it could print, mutate or
raise), and show as `<Point object>`; addresses are never shown, so traces stay
byte-identical from run to run. A repr that raises is reported, not propagated.

Nothing here runs the program's code: a value's type is read with `type()` and the
type's own slots (`__mro__`, `__dict__`, `__qualname__`) through `type`'s descriptors,
never through attribute access a metaclass or `__getattribute__` could intercept; an
object is dispatched on by its exact type, never by `isinstance` (which asks the object
for a `__class__` that may lie); a weak reference is never dereferenced; and a library
`__repr__` runs only when nothing it could reach has a hook (`__getattribute__`,
`__eq__`, a property...) written in the program.
"""

from __future__ import annotations

import collections
import gc
import re
import reprlib
import types
import weakref
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from simulator import type_version

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
    weakref.ReferenceType,
    weakref.ProxyType,
    weakref.CallableProxyType,
)
# whose reprs read C fields only (never another object's repr): not looked into
_SHOWN_BY_C = frozenset(
    {
        types.FunctionType,
        types.BuiltinFunctionType,
        types.GeneratorType,
        types.CoroutineType,
        types.AsyncGeneratorType,
        types.FrameType,
        types.CodeType,
    }
)
# containers reprlib walks itself (exact types only: a subclass may override iteration)
_CONTAINERS = frozenset({list, tuple, dict, set, frozenset, collections.deque})

# A type's own slots, read through `type`'s descriptors: no metaclass can intercept these.
_MRO: Callable[[type], tuple[type, ...]] = type.__dict__["__mro__"].__get__
_TYPE_DICT: Callable[[type], Any] = type.__dict__["__dict__"].__get__
_QUALNAME: Callable[[type], str] = type.__dict__["__qualname__"].__get__
_FLAGS: Callable[[type], int] = type.__dict__["__flags__"].__get__
_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made by a class statement (static types hold no program code)
_MODULE_DICT: Callable[[types.ModuleType], dict[str, Any]] = vars(types.ModuleType)["__dict__"].__get__
_MISSING = object()
# Dunders no repr, comparison or attribute read ever calls: the program defining them is harmless here.
_INERT_DUNDERS = frozenset(
    {
        "__init__", "__new__", "__del__", "__call__", "__enter__", "__exit__", "__aenter__", "__aexit__",
        "__init_subclass__", "__set_name__", "__setattr__", "__delattr__", "__setitem__", "__delitem__",
        "__await__", "__aiter__", "__anext__", "__class_getitem__", "__post_init__", "__set__", "__delete__",
        "__iadd__", "__isub__", "__imul__", "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__",
        "__mod__", "__pow__", "__neg__", "__pos__", "__abs__", "__invert__", "__and__", "__or__", "__xor__",
        "__lshift__", "__rshift__", "__radd__", "__rsub__", "__rmul__", "__matmul__",
    }
)  # fmt: skip


# Dunders that a repr, a comparison, hashing, truth, iteration or attribute access may call.
_HOOK_DUNDERS = frozenset(
    {
        "__repr__", "__str__", "__format__", "__getattribute__", "__getattr__", "__dir__", "__class__",
        "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__bool__", "__len__",
        "__length_hint__", "__iter__", "__next__", "__reversed__", "__getitem__", "__contains__", "__index__",
        "__int__", "__float__", "__complex__", "__round__", "__sizeof__", "__get__", "__fspath__",
        "__instancecheck__", "__subclasscheck__", "__missing__", "__reduce__", "__reduce_ex__", "__bytes__",
    }
)  # fmt: skip
_CLASS_BOOKKEEPING = frozenset({"__module__", "__qualname__", "__doc__", "__dict__", "__weakref__", "__slots__"})


def is_scalar(x: object) -> bool:
    """Whether `x` is exactly a built-in scalar (asked without hashing a class a metaclass may hook)."""
    tv = type(x)
    return type(tv) is type and tv in SCALARS


def type_lookup(cls: type, name: str) -> object:
    """`name` as the type's MRO defines it (what `cls.name` finds), or _MISSING; no descriptor runs."""
    for k in _MRO(cls):
        found = _TYPE_DICT(k).get(name, _MISSING)
        if found is not _MISSING:
            return found
    return _MISSING


def qualname(cls: type) -> str:
    """A class's qualified name, read from its slot."""
    return _QUALNAME(cls)


def _runs_program_code(attr: object, is_user_code: Callable[[types.CodeType], bool], calling: bool = True) -> bool:
    """Whether reading (and, if `calling`, calling) a class attribute could run the program's code."""
    ta = type(attr)
    if ta is types.FunctionType:
        return calling and is_user_code(attr.__code__)  # type: ignore[attr-defined]
    if ta is property:
        return any(
            f is not None and _runs_program_code(f, is_user_code)
            for f in (attr.fget, attr.fset, attr.fdel)  # type: ignore[attr-defined]
        )
    if ta is classmethod or ta is staticmethod:
        return _runs_program_code(attr.__func__, is_user_code, calling)  # type: ignore[attr-defined]
    if not _FLAGS(ta) & _HEAPTYPE:
        return False  # a built-in descriptor or value (a slot wrapper, a member, an int...)
    for hook in ("__get__", "__call__") if calling else ("__get__",):  # an object of a class of the program's
        found = type_lookup(ta, hook)
        if found is not _MISSING and _runs_program_code(found, is_user_code):
            return True
    return False


def has_program_hooks(cls: type, is_user_code: Callable[[types.CodeType], bool]) -> bool:
    """Whether a library repr, comparison or attribute read on an instance of `cls` (or on `cls`
    itself, through its metaclass) could run the program's code."""
    for k in (*_MRO(cls), *_MRO(type(cls))):
        if not _FLAGS(k) & _HEAPTYPE:
            continue  # a built-in type: its slots are C
        for name, attr in _TYPE_DICT(k).items():
            ta = type(attr)
            if ta is types.FunctionType:  # a method: only a dunder is called behind the program's back
                if name in _HOOK_DUNDERS and is_user_code(attr.__code__):
                    return True
            elif (type(ta) is type and ta in SCALARS) or name in _INERT_DUNDERS or name in _CLASS_BOOKKEEPING:
                continue
            elif _runs_program_code(attr, is_user_code, calling=name in _HOOK_DUNDERS):
                return True  # a property or other descriptor of the program's: a library repr may read it
    return False


class ProgramHooks:
    """Callable: cls -> `has_program_hooks(cls)`, remembered per class for as long as the class and
    its own attributes stay the same (a class is looked at for each value of it shown: walking its
    dictionaries every time made showing a list of threads ten times slower). `shown_opaque(cls)`
    also says whether its instances show as `<Name object>` (the same memory, the same checks)."""

    def __init__(self, is_user_code: Callable[[types.CodeType], bool]) -> None:
        self.is_user_code = is_user_code
        # id(cls) -> (weak references to cls's heap classes and its metaclass's, cls first; the ids of
        # their attributes; the answers (_HOOKED, _OBJECT_REPR bits); the version tags of cls and of its
        # metaclass when the answers were last checked). Weak: remembering a class never keeps it alive.
        self._known: dict[int, tuple[tuple[weakref.ref[type], ...], tuple[tuple[int, ...], ...], int, int, int]] = {}
        # built-in (static) types cannot change and live for good: their answers, kept by the type itself
        # (hashed by identity: their metaclass is `type`)
        self._static: dict[type, int] = {}

    def __call__(self, cls: type) -> bool:
        return bool(self.answers(cls) & _HOOKED)

    def shown_opaque(self, cls: type) -> bool:
        """Whether an instance of `cls` shows as `<Name object>`: its `__repr__` is `object`'s (which
        would show an address), or a library repr of it could run the program's code."""
        return self.answers(cls) & (_HOOKED | _OBJECT_REPR) != 0

    def answers(self, cls: type) -> int:
        """`_HOOKED` if `has_program_hooks(cls)`, plus `_OBJECT_REPR` if its `__repr__` is object's."""
        meta = type(cls)
        if meta is type and not _FLAGS(cls) & _HEAPTYPE:  # a built-in type (a static type's bases are static too)
            found = self._static.get(cls)
            if found is None:
                found = self._static[cls] = _OBJECT_REPR if type_lookup(cls, "__repr__") is object.__repr__ else 0
            return found
        known = self._known.get(id(cls))
        if known is not None and known[0][0]() is cls:  # the id is the class's only while it lives
            # The same nonzero version tags: neither cls, nor a base, nor its metaclass changed since the
            # answers were checked (CPython clears a type's tag, and its subclasses', on any change; a new
            # tag is never an old one). The walk over their dictionaries below is ten times slower.
            cls_tag = type_version.version(cls)
            meta_tag = 1 if meta is type else type_version.version(meta)  # (`type` itself never changes)
            if cls_tag and meta_tag and cls_tag == known[3] and meta_tag == known[4]:
                return known[2]
            heap = [k for k in (r() for r in known[0]) if k is not None]  # (`in` would compare classes: `==`)
            if len(heap) == len(known[0]) and tuple([tuple(map(id, _TYPE_DICT(k).values())) for k in heap]) == known[1]:
                self._known[id(cls)] = (known[0], known[1], known[2], cls_tag, meta_tag)
                return known[2]
        classes = (cls, *(k for k in (*_MRO(cls), *_MRO(meta)) if _FLAGS(k) & _HEAPTYPE and k is not cls))
        signature = tuple([tuple(map(id, _TYPE_DICT(k).values())) for k in classes])  # what the answers depend on
        found = _HOOKED if has_program_hooks(cls, self.is_user_code) else 0
        if type_lookup(cls, "__repr__") is object.__repr__:
            found |= _OBJECT_REPR
        module = _TYPE_DICT(cls).get("__module__")
        if type(module) is str and module.startswith(_OWN_MODULES) and not module.startswith(_PROGRAM_MODULES):
            found |= _COROSCOPES
        try:
            refs = tuple(weakref.ref(k) for k in classes)
        except TypeError:  # a class that takes no weak references: asked again every time
            return found
        meta_tag = 1 if meta is type else type_version.version(meta)
        self._known[id(cls)] = (refs, signature, found, type_version.version(cls), meta_tag)
        return found


_HOOKED = 1  # has_program_hooks
_OBJECT_REPR = 2  # its __repr__ is object's
_COROSCOPES = 4  # a class of Coroscope's own (the recorder standing in for sys.stdout, the engines' objects)
_OWN_MODULES = ("simulator.", "ui.")
_PROGRAM_MODULES = ("simulator.scenarios",)  # the built-in programs are programs


class _BoundedRepr(reprlib.Repr):
    """reprlib with our policy applied to every element it meets."""

    def __init__(self, hooks: ProgramHooks) -> None:
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
        self.hooks = hooks
        self._answers: dict[int, bool] = {}
        self._texts: dict[int, str] = {}  # id(class) -> the text all its objects show as, within one value

    def begin(self) -> None:
        """A new value to show: forget the answers about classes (the program may have run since)."""
        self._answers.clear()
        self._texts.clear()

    def _shown_opaque(self, cls: type) -> bool:
        # One value's repr meets the same classes again and again (a list of Points) and runs no code of
        # the program's: each is asked about once. By id: the value being shown keeps its classes alive.
        found = self._answers.get(id(cls))
        if found is None:
            found = self._answers[id(cls)] = self.hooks.shown_opaque(cls)
        return found

    def repr1(self, x: Any, level: int) -> str:
        tv = type(x)
        text = self._texts.get(id(tv))  # a class whose objects all show alike, met earlier in this value
        if text is not None:
            return text
        if type(tv) is type and (tv in SCALARS or tv in _CONTAINERS):
            return super().repr1(x, level)  # dispatches on the exact type's name: repr_list, repr_str...
        opaque = opaque_repr(x, self._shown_opaque)
        if opaque is not None:
            if not issubclass(tv, _OPAQUE_TYPES):  # `<Point object>`: the class alone says it
                self._texts[id(tv)] = opaque
            return opaque
        return self.repr_instance(x, level)

    def repr_instance(self, x: Any, level: int) -> str:
        # A library repr (a dataclass, namedtuple, partial, SimpleNamespace, OrderedDict, ...)
        # calls repr() on what it holds, which may be the program's own __repr__.
        if _may_reach_program(x, self.hooks):
            return f"<{_QUALNAME(type(x))} object>"
        try:
            s = repr(x)
        except Exception as exc:
            return f"<{_QUALNAME(type(x))} object (repr failed: {_QUALNAME(type(exc))})>"
        if type(s) is not str:
            return f"<{_QUALNAME(type(x))} object>"
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


def opaque_repr(x: Any, shown_opaque: Callable[[type], bool]) -> str | None:
    """A fixed repr for values whose real repr shows an address or could run the program's code; else None.

    Read from the exact type and C-level slots only (never `isinstance`, which asks `x.__class__`).
    """
    tv = type(x)
    if issubclass(tv, _OPAQUE_TYPES):  # issubclass on real types: no `__class__`, no metaclass hook
        if tv is types.GeneratorType:
            return f"<generator {x.__qualname__}>"
        if tv is types.CoroutineType:
            return f"<coroutine {x.__qualname__}>"
        if tv is types.AsyncGeneratorType:
            return f"<async_generator {x.__qualname__}>"
        if tv is types.FunctionType:
            return f"<function {x.__qualname__}>"
        if tv is types.BuiltinFunctionType:
            return f"<built-in function {x.__name__}>"
        if issubclass(tv, types.ModuleType):
            name = _MODULE_DICT(x).get("__name__")
            return f"<module {name if type(name) is str else '?'}>"
        if issubclass(tv, type):
            return f"<class {_QUALNAME(x)}>"
        if tv is types.MethodType:
            func = x.__func__
            return f"<bound method {func.__qualname__ if type(func) is types.FunctionType else '?'}>"
        if issubclass(tv, weakref.ReferenceType):
            return "<weakref>"  # never dereferenced: its repr would read the referent's __name__
        if tv is weakref.ProxyType or tv is weakref.CallableProxyType:
            return "<weakproxy>"
        return f"<{_QUALNAME(tv)}>"  # a frame, a code object
    if shown_opaque(tv):  # ProgramHooks.shown_opaque
        return f"<{_QUALNAME(tv)} object>"
    return None


_SKIP, _LOOK, _CONTAINER, _MODULE, _HOOK = range(5)  # what the walk does with an object, by its class
# built-in classes (static: immortal, so their ids stay theirs) whose verdict never changes (more are
# added as the walk meets them)
_STATIC_ACTIONS: dict[int, int] = {
    **{id(t): _SKIP for t in (*SCALARS, *_SHOWN_BY_C)},  # their reprs read C fields only
    **{id(t): _CONTAINER for t in _CONTAINERS},
    id(type): _SKIP,  # a class whose metaclass is `type`: its repr is type's
    **{id(t): _HOOK for t in (weakref.ReferenceType, weakref.ProxyType, weakref.CallableProxyType)},
}


def _action(tr: type, hooks: ProgramHooks) -> int:
    """What the walk does with an object of class `tr` (not one of _STATIC_ACTIONS)."""
    if issubclass(tr, weakref.ReferenceType) or tr is weakref.ProxyType or tr is weakref.CallableProxyType:
        return _HOOK  # never dereferenced
    if issubclass(tr, type):  # a class: its repr is its metaclass's
        return _HOOK if hooks(tr) else _SKIP
    if issubclass(tr, types.ModuleType):  # its repr reads attributes: a module `__getattr__` answers
        return _HOOK if hooks(tr) else _MODULE
    found = hooks.answers(tr)
    if found & _HOOKED:
        return _HOOK
    if found & _OBJECT_REPR and found & _COROSCOPES:
        return _SKIP  # one of Coroscope's own: shows as `<Name object>`, holds nothing of the program's
    return _LOOK


def _may_reach_program(x: Any, hooks: ProgramHooks) -> bool:
    """Whether a library repr of `x` could reach the program's code: anything `x` holds (a few levels
    deep) whose class or metaclass has a hook written in the program, a weak reference, or too much to tell.

    Coroscope's own objects shown as `<Name object>` (the recorder standing in for `sys.stdout`, and
    through it the whole run's state) are not looked into: a repr reaching one prints its name.
    """
    seen = {id(x)}
    actions: dict[int, int] = {}  # id(class) -> its action, for the classes met in this walk (alive meanwhile)
    static = _STATIC_ACTIONS
    todo = [x]
    budget = REFERENT_BUDGET
    while todo:
        for ref in gc.get_referents(todo.pop()):  # C-level traversal: runs nothing of the program's
            budget -= 1
            if budget < 0:
                return True  # too much to tell
            kind = id(type(ref))
            action = static.get(kind)
            if action is None:
                action = actions.get(kind)
                if action is None:
                    tr = type(ref)
                    action = actions[kind] = _action(tr, hooks)
                    if type(tr) is type and not _FLAGS(tr) & _HEAPTYPE:
                        static[kind] = action  # a built-in class: the same answer for good (and it lives for good)
            if action == _SKIP:
                continue
            if action == _HOOK:
                return True
            if action == _MODULE:
                if "__getattr__" in _MODULE_DICT(ref):
                    return True
                continue
            if id(ref) in seen:
                continue
            if action == _CONTAINER and len(ref) > REFERENT_BUDGET:
                return True  # too many to tell (and listing them would cost as much as the container is long)
            seen.add(id(ref))
            todo.append(ref)
    return False


def _sorted_if_plain(items: set[Any] | frozenset[Any]) -> Iterable[Any]:
    """Small sets of built-in scalars sorted (their order otherwise follows the hash seed); others as they are.

    Sorting other elements could call the program's own `__lt__`.
    """
    if len(items) > SORT_LIMIT or not all(is_scalar(e) for e in items):
        return items
    try:
        return sorted(items)
    except TypeError:  # mixed types
        return items


class SafeRepr:
    """Callable: value -> a bounded, deterministic, side-effect-free repr string."""

    def __init__(self, is_user_code: Callable[[types.CodeType], bool], limit: int = MAX_REPR) -> None:
        self.hooks = ProgramHooks(is_user_code)
        self._repr = _BoundedRepr(self.hooks)
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
            self._repr.begin()
            s = self._repr.repr(value)
        except Exception as exc:  # a library __repr__ that raises must not reach the program
            return f"<{_QUALNAME(type(value))} object (repr failed: {_QUALNAME(type(exc))})>"
        if len(s) > self.limit:
            s = s[: self.limit - 3] + "..."
        return s
