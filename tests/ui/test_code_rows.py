"""The code pane's rows: long lines wrap instead of being cut; distant lines fold; paused lines stay in view."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from simulator.kinds import EventKind
from simulator.trace import Trace
from ui.render.code_pane import build_code_model, layout_source
from ui.render.code_rows import choose_rows, hang, wrap_line
from ui.scene import SceneCache
from ui.theme import PROJECTOR


def test_a_long_line_wraps_after_a_space_and_loses_no_character() -> None:
    text = "print('[PRODUCER] Consumer return: %s' % r)"
    pieces = wrap_line(text, 12, len)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= 12 for a, b in pieces)
    assert text[pieces[0][0] : pieces[0][1]] == "print('[PROD"  # no space in the row: cut at the edge
    spaced = "abcdefgh ijklmnop"
    assert [spaced[a:b] for a, b in wrap_line(spaced, 10, len)] == ["abcdefgh ", "ijklmnop"]  # after the space


def test_a_word_wider_than_the_row_is_still_cut_into_rows() -> None:
    assert wrap_line("x" * 10, 3.0, len) == ((0, 3), (3, 6), (6, 9), (9, 10))
    assert wrap_line("", 3.0, len) == ((0, 0),)


def test_in_a_wide_code_area_later_rows_hang_under_the_line_and_are_shorter_by_as_much() -> None:
    text = "        print('[PRODUCER] Consumer return: %s' % r)  # and a comment to make it long"
    assert hang(text, 40, 1.0) == 12  # its 8 spaces of indentation and 4 more
    assert hang(text, 29, 1.0) == 0  # narrower than HANG_COLUMNS: every column for code
    assert hang("x = 1", 60, 1.0) == 4
    assert hang(" " * 40 + "x", 45, 1.0) == 15  # never more than a third of the row
    pieces = wrap_line(text, 40, len)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert pieces[0][1] - pieces[0][0] <= 40 and all(b - a <= 40 - 12 for a, b in pieces[1:])


def test_rows_keep_every_important_line_and_fold_the_rest() -> None:
    rows = choose_rows([1] * 40, [20, 4, 35], 12)
    shown = [line for line, fold in rows if not fold]
    assert {4, 20, 35} <= set(shown)
    assert len(rows) <= 12
    folds = [(line, fold) for line, fold in rows if fold]
    assert folds and all(fold > 1 for _, fold in folds)
    # every line is either shown or inside a fold, once
    covered = sorted(shown + [n for line, fold in folds for n in range(line, line + fold)])
    assert covered == list(range(covered[0], covered[-1] + 1))


def test_rows_scroll_without_folds_when_the_important_lines_fit_together() -> None:
    rows = choose_rows([1] * 40, [20, 24], 10)  # centred on the running line (20) as far as 24 allows
    assert all(fold == 0 for _, fold in rows) and [line for line, _ in rows] == list(range(15, 25))


def test_a_wrapped_line_counts_all_its_rows() -> None:
    rows = choose_rows([1, 3, 1, 1, 1], [2], 4)
    assert [line for line, _ in rows] == [1, 2]


def test_at_large_text_the_paused_consumer_stays_in_view(qapp, seed_trace: Trace) -> None:  # type: ignore[no-untyped-def]
    cache = SceneCache(seed_trace)
    yielded = next(i for i in range(len(seed_trace)) if seed_trace.kind[i] == EventKind.YIELD and i > 30)
    resumed = next(i for i in range(yielded, len(seed_trace)) if seed_trace.event(i).line == 16)
    model = build_code_model(cache.scene(resumed))
    assert {m.line for m in model.marks} >= {4, 16}
    theme = PROJECTOR.scaled(2.0)
    layout = layout_source(model, QRectF(0, 0, 520, 300), theme)  # a few rows: not the whole program
    assert len(layout.rows) < 22
    assert {4, 16, 21} <= set(layout.first_row)  # the paused consumer, the running produce, the module
