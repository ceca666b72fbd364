"""Lesson files (`.coroscope`): a program with a teacher's bookmarks, notes and view settings, as JSON.

Owns the schema (docs/lesson-format.md), reading with every field checked and every
size capped, and writing. No Qt: the window, `coroscope screenshot` and `coroscope
export` all read lessons through `load_lesson`, and a malformed or hostile file only
ever produces a LessonError whose message says what is wrong. A lesson holds data,
never commands: the program's text and a file name that cannot leave its folder.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "coroscope-lesson"
VERSION = 1
SUFFIX = ".coroscope"
MAX_FILE_BYTES = 4_000_000
MAX_SOURCE_CHARS = 2_000_000  # the window's own cap on a program (ui.main_window.MAX_SOURCE_BYTES)
MAX_NAME_CHARS = 120
MAX_TEXT_CHARS = 2_000
MAX_ITEMS = 1_000
MAX_STEP = 100_000_000
PANES = ("code", "console", "handoff", "loop", "caption")
PRESETS = ("realistic", "teaching")
THEMES = ("system", "light", "dark", "projector")
LANGUAGES = ("system", "en", "zh_CN")
MAX_SPLITTERS = 16
MAX_PANES_PER_SPLITTER = 16
# A program name is a plain file name: no folders, no dot-files, no control characters.
_PROGRAM_NAME = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f.][^\\/:*?\"<>|\x00-\x1f]*\.pyw?$")
# Names Windows keeps for devices, whatever the extension (CON.py opens the console there).
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)


def _plain_name(name: str) -> bool:
    return bool(_PROGRAM_NAME.match(name)) and name.split(".")[0].strip().upper() not in _RESERVED


class LessonError(ValueError):
    """The file is not a lesson Coroscope can open; the message says why, for the user."""


@dataclass(frozen=True)
class Bookmark:
    """A named place in the run: `step` counts as the status line does (1 = the first event)."""

    name: str
    step: int


@dataclass(frozen=True)
class Annotation:
    """A short text pinned to one step and one pane, shown as a callout while the playhead is there."""

    step: int
    pane: str
    text: str


@dataclass(frozen=True)
class ViewSettings:
    """How the window looks: None leaves the viewer's own choice alone."""

    theme: str | None = None
    language: str | None = None
    text_scale: float | None = None
    layout: dict[str, tuple[int, ...]] = field(default_factory=dict)  # splitter name -> pane sizes


@dataclass(frozen=True)
class Lesson:
    """Everything a lesson file holds."""

    program_name: str
    source: str
    title: str = ""
    bookmarks: tuple[Bookmark, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    chapter_notes: dict[int, str] = field(default_factory=dict)  # chapter index -> note
    preset: str = "realistic"
    view: ViewSettings = field(default_factory=ViewSettings)

    def bookmark(self, name: str) -> Bookmark:
        """The bookmark called `name` (case-sensitive, then case-insensitive); LessonError if none."""
        for exact in (True, False):
            for mark in self.bookmarks:
                if mark.name == name if exact else mark.name.casefold() == name.casefold():
                    return mark
        known = ", ".join(m.name for m in self.bookmarks) or "none"
        raise LessonError(f"the lesson has no bookmark called {name!r} (its bookmarks: {known})")


def load_lesson(path: Path) -> Lesson:
    """Read and check a lesson file; LessonError (with the file's name) for anything wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LessonError(f"{path.name} is too large for a lesson ({size / 1e6:.1f} MB; at most 4 MB)")
        data = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise LessonError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    try:
        return parse_lesson(data)
    except LessonError as exc:
        raise LessonError(f"{path.name} is not a valid lesson: {exc}") from exc


def parse_lesson(data: bytes) -> Lesson:
    """A lesson from the bytes of a `.coroscope` file; LessonError saying what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise LessonError("the file is larger than 4 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LessonError("it is not UTF-8 text") from None
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise LessonError("it is nested too deeply to be a lesson") from None
    except ValueError as exc:  # JSONDecodeError, and integers with thousands of digits
        raise LessonError(f"it is not JSON ({exc})") from None
    return _lesson(doc)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _lesson(doc: object) -> Lesson:
    obj = _object(doc, "the file")
    if obj.get("format") != FORMAT:
        raise LessonError(f'"format" must be "{FORMAT}"')
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LessonError('"version" must be a whole number, 1 or more')
    if version > VERSION:
        raise LessonError(f"it was written by a newer Coroscope (lesson format {version}; this one reads {VERSION})")
    program = _object(obj.get("program"), '"program"')
    name = _text(program.get("name"), '"program.name"', MAX_NAME_CHARS)
    if not _plain_name(name):
        raise LessonError(f'"program.name" must be a plain Python file name such as lesson.py, not {name!r}')
    source = _text(program.get("source"), '"program.source"', MAX_SOURCE_CHARS, allow_empty=True)
    title = _text(obj.get("title", ""), '"title"', MAX_NAME_CHARS, allow_empty=True)
    preset = obj.get("preset", "realistic")
    if preset not in PRESETS:
        raise LessonError(f'"preset" must be one of {", ".join(PRESETS)}')
    bookmarks = tuple(
        Bookmark(
            _text(item.get("name"), f'"bookmarks[{i}].name"', MAX_NAME_CHARS),
            _step(item.get("step"), f'"bookmarks[{i}].step"'),
        )
        for i, item in enumerate(_objects(obj.get("bookmarks", []), '"bookmarks"'))
    )
    annotations = []
    for i, item in enumerate(_objects(obj.get("annotations", []), '"annotations"')):
        pane = item.get("pane")
        if pane not in PANES:
            raise LessonError(f'"annotations[{i}].pane" must be one of {", ".join(PANES)}')
        annotations.append(
            Annotation(
                _step(item.get("step"), f'"annotations[{i}].step"'),
                str(pane),
                _text(item.get("text"), f'"annotations[{i}].text"', MAX_TEXT_CHARS),
            )
        )
    notes_doc = _object(obj.get("chapter_notes", {}), '"chapter_notes"')
    if len(notes_doc) > MAX_ITEMS:
        raise LessonError(f'"chapter_notes" holds more than {MAX_ITEMS} notes')
    notes: dict[int, str] = {}
    for key, value in notes_doc.items():
        if not re.fullmatch(r"[0-9]{1,6}", key):
            raise LessonError(f'"chapter_notes" keys are chapter numbers from 0, not {key[:20]!r}')
        notes[int(key)] = _text(value, f'"chapter_notes.{key}"', MAX_TEXT_CHARS, allow_empty=True)
    return Lesson(
        program_name=name,
        source=source,
        title=title,
        bookmarks=bookmarks,
        annotations=tuple(annotations),
        chapter_notes=notes,
        preset=str(preset),
        view=_view(obj.get("view", {})),
    )


def _view(doc: object) -> ViewSettings:
    obj = _object(doc, '"view"')
    theme, language = obj.get("theme"), obj.get("language")
    if theme is not None and theme not in THEMES:
        raise LessonError(f'"view.theme" must be one of {", ".join(THEMES)}')
    if language is not None and language not in LANGUAGES:
        raise LessonError(f'"view.language" must be one of {", ".join(LANGUAGES)}')
    scale = obj.get("text_scale")
    if scale is not None:
        if not isinstance(scale, (int, float)) or isinstance(scale, bool) or not (1.0 <= scale <= 3.0):
            raise LessonError('"view.text_scale" must be a number from 1 to 3')
        scale = float(scale)
    layout_doc = _object(obj.get("layout", {}), '"view.layout"')
    if len(layout_doc) > MAX_SPLITTERS:
        raise LessonError(f'"view.layout" holds more than {MAX_SPLITTERS} entries')
    layout: dict[str, tuple[int, ...]] = {}
    for key, sizes in layout_doc.items():
        where = f'"view.layout.{key[:40]}"'
        if len(key) > MAX_NAME_CHARS or not isinstance(sizes, list) or len(sizes) > MAX_PANES_PER_SPLITTER:
            raise LessonError(f"{where} must be a short list of pane sizes")
        if not all(isinstance(s, int) and not isinstance(s, bool) and 0 <= s <= 100_000 for s in sizes):
            raise LessonError(f"{where} must hold pane sizes in pixels (0 to 100000)")
        layout[key] = tuple(sizes)
    return ViewSettings(theme=theme, language=language, text_scale=scale, layout=layout)


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LessonError(f"{where} must be a JSON object")
    return value


def _objects(value: object, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise LessonError(f"{where} must be a list")
    if len(value) > MAX_ITEMS:
        raise LessonError(f"{where} holds more than {MAX_ITEMS} entries")
    return [_object(item, f"{where}[{i}]") for i, item in enumerate(value)]


def _text(value: object, where: str, limit: int, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise LessonError(f"{where} must be text")
    if len(value) > limit:
        raise LessonError(f"{where} is longer than {limit:,} characters")
    if not value.strip() and not allow_empty:
        raise LessonError(f"{where} is empty")
    if "\x00" in value:
        raise LessonError(f"{where} holds a NUL character")
    return value


def _step(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_STEP:
        raise LessonError(f"{where} must be a step number from 1 to {MAX_STEP:,}")
    return value


def lesson_to_json(lesson: Lesson) -> str:
    """The lesson as the text of a `.coroscope` file (read back by parse_lesson to the same Lesson)."""
    view: dict[str, Any] = {}
    if lesson.view.theme is not None:
        view["theme"] = lesson.view.theme
    if lesson.view.language is not None:
        view["language"] = lesson.view.language
    if lesson.view.text_scale is not None and math.isfinite(lesson.view.text_scale):
        view["text_scale"] = lesson.view.text_scale
    if lesson.view.layout:
        view["layout"] = {k: list(v) for k, v in lesson.view.layout.items()}
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "title": lesson.title,
        "program": {"name": lesson.program_name, "source": lesson.source},
        "preset": lesson.preset,
        "bookmarks": [{"name": b.name, "step": b.step} for b in lesson.bookmarks],
        "annotations": [{"step": a.step, "pane": a.pane, "text": a.text} for a in lesson.annotations],
        "chapter_notes": {str(k): v for k, v in sorted(lesson.chapter_notes.items())},
        "view": view,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    _lesson(json.loads(text))  # never write a file this module would refuse to open
    return text


def save_lesson(lesson: Lesson, path: Path) -> None:
    """Write the lesson atomically: a failed save leaves any earlier file as it was."""
    text = lesson_to_json(lesson)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LessonError(f"cannot write {path.name}: {exc.strerror or exc}") from exc


def program_file_name(name: str) -> str:
    """A safe file name for a program called `name` (a path's last part, made a .py file name)."""
    base = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip(".")
    if not base.lower().endswith((".py", ".pyw")):
        base = (base or "program") + ".py"
    if len(base) > MAX_NAME_CHARS:
        base = base[: MAX_NAME_CHARS - 3] + ".py"
    return base if _plain_name(base) else "program.py"
