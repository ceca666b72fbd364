"""Lesson files: what a teacher saves comes back the same, and a bad or hostile file gets a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.lesson_file import (
    MAX_FILE_BYTES,
    Annotation,
    Bookmark,
    Lesson,
    LessonError,
    ViewSettings,
    lesson_to_json,
    load_lesson,
    parse_lesson,
    program_file_name,
    save_lesson,
)

SOURCE = "def gen():\n    x = yield 1\n    print('收到', x)\n\ng = gen()\nnext(g)\ng.send(2) if False else None\n"


def _lesson() -> Lesson:
    return Lesson(
        program_name="生产者.py",
        source=SOURCE,
        title="第一课：生成器",
        bookmarks=(Bookmark("first yield", 5), Bookmark("send", 12)),
        annotations=(Annotation(5, "handoff", "这里 yield 交出控制权"), Annotation(12, "code", "send resumes it")),
        chapter_notes={0: "Start here", 3: "第三章"},
        preset="teaching",
        view=ViewSettings(theme="projector", language="zh_CN", text_scale=2.0, layout={"mainSplitter": (700, 500)}),
    )


def _doc(**changes: object) -> bytes:
    doc = json.loads(lesson_to_json(_lesson()))
    doc.update(changes)
    return json.dumps(doc).encode()


def test_a_saved_lesson_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "lesson.coroscope"
    save_lesson(_lesson(), path)
    assert load_lesson(path) == _lesson()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "coroscope-lesson" and doc["version"] == 1
    assert "第一课" in path.read_text(encoding="utf-8")  # readable, not \\u-escaped
    assert not list(tmp_path.glob("*.partial"))


def test_bookmarks_are_found_by_name() -> None:
    lesson = _lesson()
    assert lesson.bookmark("send").step == 12
    assert lesson.bookmark("FIRST YIELD").step == 5
    with pytest.raises(LessonError, match=r"no bookmark called 'nope'.*first yield, send"):
        lesson.bookmark("nope")


def test_optional_parts_may_be_left_out() -> None:
    minimal = {"format": "coroscope-lesson", "version": 1, "program": {"name": "a.py", "source": "print(1)\n"}}
    lesson = parse_lesson(json.dumps(minimal).encode())
    assert lesson.bookmarks == () and lesson.preset == "realistic" and lesson.view == ViewSettings()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"{ nope", "not JSON"),
        (b"[1, 2]", "the file must be a JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|not JSON"),
        (b'{"format": "coroscope-lesson", "version": 1, "n": ' + b"9" * 5000 + b"}", "not JSON"),
        (b'{"format": "coroscope-lesson", "version": NaN}', "not JSON"),
        (_doc(format="something-else"), '"format" must be "coroscope-lesson"'),
        (_doc(version=99), "newer Coroscope"),
        (_doc(version=True), '"version" must be a whole number'),
        (_doc(program={"name": "../../.bashrc.py", "source": ""}), "plain Python file name"),
        (_doc(program={"name": "/etc/evil.py", "source": ""}), "plain Python file name"),
        (_doc(program={"name": "C:\\evil.py", "source": ""}), "plain Python file name"),
        (_doc(program={"name": "run.sh", "source": ""}), "plain Python file name"),
        (_doc(program={"name": "CON.py", "source": ""}), "plain Python file name"),
        (_doc(program={"name": "lpt1.tar.py", "source": ""}), "plain Python file name"),
        (_doc(program={"name": "a.py", "source": 42}), '"program.source" must be text'),
        (_doc(program={"name": "a.py", "source": "x" * 2_000_001}), "longer than 2,000,000"),
        (_doc(preset="--max-steps=0"), '"preset" must be one of realistic, teaching'),
        (_doc(bookmarks=[{"name": "a", "step": 0}]), "step number from 1"),
        (_doc(bookmarks=[{"name": "a", "step": True}]), "step number from 1"),
        (_doc(bookmarks=[{"name": "", "step": 3}]), "is empty"),
        (_doc(bookmarks=[{"name": "a", "step": 1}] * 1001), "more than 1000 entries"),
        (_doc(annotations=[{"step": 1, "pane": "desktop", "text": "x"}]), "pane\" must be one of"),
        (_doc(annotations=[{"step": 1, "pane": "code", "text": "x" * 2001}]), "longer than 2,000"),
        (_doc(chapter_notes={"one": "x"}), "chapter numbers"),
        (_doc(chapter_notes={"²": "x"}), "chapter numbers"),
        (_doc(view={"theme": "neon"}), '"view.theme" must be one of'),
        (_doc(view={"text_scale": 30}), "from 1 to 3"),
        (_doc(view={"layout": {"main": [1, -5]}}), "pane sizes"),
        (_doc(view={"layout": {"main": "big"}}), "short list"),
    ],
)
def test_a_bad_or_hostile_file_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(LessonError, match=reason):
        parse_lesson(data)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.coroscope"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(LessonError, match=r"huge\.coroscope is too large for a lesson"):
        load_lesson(path)


def test_the_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.coroscope"
    path.write_text('{"format": "coroscope-lesson", "version": 1}', encoding="utf-8")
    with pytest.raises(LessonError, match=r'broken.coroscope is not a valid lesson: "program" must be a JSON object'):
        load_lesson(path)
    with pytest.raises(LessonError, match=r"cannot read missing\.coroscope"):
        load_lesson(tmp_path / "missing.coroscope")


def test_a_failed_save_leaves_the_earlier_file(tmp_path: Path) -> None:
    path = tmp_path / "lesson.coroscope"
    save_lesson(_lesson(), path)
    before = path.read_bytes()
    with pytest.raises(ValueError):
        save_lesson(Lesson(program_name="../x.py", source=""), path)  # never writes what it would refuse
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("producer_consumer.py", "producer_consumer.py"),
        ("/home/t/lesson one.py", "lesson one.py"),
        ("..\\..\\evil", "evil.py"),
        (".hidden.py", "hidden.py"),
        ("", "program.py"),
        ("生产者", "生产者.py"),
        ("nul.py", "program.py"),
    ],
)
def test_program_names_become_plain_file_names(name: str, safe: str) -> None:
    assert program_file_name(name) == safe
