"""What the safe repr remembers about classes is forgotten the moment a class changes (issue 14).

The answers about a class (does it have a hook written in the program? is its repr object's?)
are kept while CPython's version tag of the class says it is unchanged: a class that gains a
hook later, directly or through a base or its metaclass, must be seen with it at once.
"""

from __future__ import annotations

import sys
import types

import pytest

from simulator import type_version
from simulator.safe_repr import SafeRepr

USER_FILE = "/program/user.py"


def _user_function(source: str, name: str) -> types.FunctionType:
    namespace: dict[str, object] = {}
    exec(compile(source, USER_FILE, "exec"), namespace)
    return namespace[name]  # type: ignore[return-value]


def _library_class(source: str, name: str) -> type:
    namespace: dict[str, object] = {}
    exec(compile(source, "/library/lib.py", "exec"), namespace)
    return namespace[name]  # type: ignore[return-value]


@pytest.fixture
def shown() -> SafeRepr:
    return SafeRepr(lambda code: code.co_filename == USER_FILE)


@pytest.mark.skipif(sys.version_info[:2] != (3, 12), reason="the offsets are CPython 3.12's")
def test_a_class_version_changes_when_the_class_or_a_base_changes() -> None:
    assert type_version.available()
    base = _library_class("class Base:\n    pass\n", "Base")
    sub = type("Sub", (base,), {})
    sub().__class__  # noqa: B018 -- a lookup gives the classes their tags
    before = type_version.version(sub)
    assert before and type_version.version(sub) == before
    base.extra = 1  # type: ignore[attr-defined]
    assert type_version.version(sub) != before


def test_a_library_repr_is_refused_once_the_class_gains_a_program_hook(shown: SafeRepr) -> None:
    point = _library_class(
        "class Point:\n    def __init__(self):\n        self.x = 1\n"
        "    def __repr__(self):\n        return 'Point(1)'\n",
        "Point",
    )
    p = point()
    for _ in range(3):  # remembered
        assert shown(p) == "Point(1)"
    calls: list[str] = []
    point.__eq__ = _user_function("def eq(self, other):\n    calls.append('eq')\n    return True\n", "eq")
    assert shown(p) == "<Point object>"
    del point.__eq__
    assert shown(p) == "Point(1)"
    assert calls == []


def test_a_hook_added_to_a_base_or_a_metaclass_is_seen_too(shown: SafeRepr) -> None:
    base = _library_class("class Base:\n    def __repr__(self):\n        return 'Base()'\n", "Base")
    meta = _library_class("class Meta(type):\n    pass\n", "Meta")
    sub = meta("Sub", (base,), {})
    obj = sub()
    assert shown(obj) == "Base()"
    base.__hash__ = _user_function("def h(self):\n    return 1\n", "h")
    assert shown(obj) == "<Sub object>"
    del base.__hash__
    assert shown(obj) == "Base()"
    meta.__getattribute__ = _user_function("def ga(cls, name):\n    return 1\n", "ga")
    assert shown(obj) == "<Sub object>"


def test_objects_of_one_class_in_a_list_show_alike(shown: SafeRepr) -> None:
    plain = _library_class("class Plain:\n    pass\n", "Plain")
    assert shown([plain() for _ in range(20)]) == "[" + ", ".join(["<Plain object>"] * 8) + ", ...]"
