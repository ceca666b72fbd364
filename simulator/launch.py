"""What `python PATH` runs when PATH is not a source file: a `.pyc`, a folder or a zip with `__main__.py`.

Owns telling these apart the way CPython's `main` does (a path an import hook accepts --
a folder or a zip file -- runs its `__main__` module through `runpy`; a file ending in
`.pyc`, or starting with the bytecode magic number, is loaded with `marshal`) and what
each needs: the code to execute, `__file__`, `sys.path[0]`, the folder whose code is the
program's, and the sources a zip holds (the tracer cannot open them by name). A source
file is the runner's own business (`simulator.runner`). It runs nothing itself.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import types
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from simulator.tracer import decode_source

# The folder or zip's __main__ runs as under `python PATH`: runpy finds it on sys.path[0] and runs it in
# __main__'s namespace. Compiled under the runner's file name, so tracebacks drop this frame as the runner's.
_RUNPY_LAUNCHER = "__import__('runpy')._run_module_as_main('__main__', alter_argv=False)\n"


@dataclass
class Launch:
    """How to run a program that is not a plain source file."""

    filename: str  # what the trace names the program (the file whose lines run first)
    code: types.CodeType
    own_namespace: bool  # run `code` in a namespace of its own (the runpy launcher), not in __main__'s
    sys_path0: str
    user_root: str  # the folder (or zip) whose code is the program's, traced
    sources: dict[str, str] = field(default_factory=dict)
    main_vars: dict[str, object] = field(default_factory=dict)  # set in __main__ before it runs


class LaunchError(Exception):
    """CPython refuses to run the file; `str()` is CPython's message (printed as `RuntimeError: ...`)."""


def _is_zip(path: Path) -> bool:
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


def _is_pyc(path: Path) -> bool:
    """CPython's maybe_pyc_file: the `.pyc` ending, or the magic number's first two bytes."""
    if path.suffix == ".pyc":
        return True
    try:
        with open(path, "rb") as f:
            return f.read(2) == importlib.util.MAGIC_NUMBER[:2]
    except OSError:
        return False


def special_launch(path: Path, runner_file: str) -> Launch | None:
    """How to run `path` if it is a folder, a zip or a `.pyc`; None for a source file.

    LaunchError for a `.pyc` CPython would refuse; OSError if it cannot be read.
    """
    absolute = os.path.abspath(path)
    if path.is_dir() or _is_zip(path):
        code = compile(_RUNPY_LAUNCHER, runner_file, "exec", dont_inherit=True)
        main_file = os.path.join(absolute, "__main__.py")
        sources = _zip_sources(path, absolute) if not path.is_dir() else {}
        return Launch(main_file, code, True, absolute, absolute, sources)
    if _is_pyc(path):
        code = _load_pyc(path.read_bytes())
        filename = code.co_filename
        root = os.path.dirname(os.path.abspath(filename))
        return Launch(filename, code, False, os.path.dirname(absolute), root, {},
                      {"__file__": absolute, "__cached__": None})
    return None


def _load_pyc(data: bytes) -> types.CodeType:
    """The code object of a .pyc, as CPython's run_pyc_file reads it (16 bytes of header, then marshal)."""
    if data[:4] != importlib.util.MAGIC_NUMBER:
        raise LaunchError("Bad magic number in .pyc file")
    try:
        code = marshal.loads(data[16:])
    except (EOFError, ValueError, TypeError) as exc:
        raise LaunchError("Bad code object in .pyc file") from exc
    if not isinstance(code, types.CodeType):
        raise LaunchError("Bad code object in .pyc file")
    return code


def _zip_sources(path: Path, absolute: str) -> dict[str, str]:
    """The .py files a zip holds, by the file names its code objects will carry."""
    sources: dict[str, str] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".py"):
                sources[os.path.join(absolute, *name.split("/"))] = decode_source(z.read(name))
    return sources
