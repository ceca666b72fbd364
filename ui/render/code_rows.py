"""Which rows of source the code pane shows: long lines wrapped, distant lines folded away.

Owns two decisions. Wrapping: a line wider than the code area continues on the next rows
(broken after a space where one is near, anywhere otherwise), indented under it, so no code
is cut off at the edge. Choosing: when the program has more rows than the pane, the running line and every
paused frame's line stay in view; the lines nearest to them fill the rest, and each run of
lines left out between two shown ones becomes one fold row ("⋯ 12 lines"). Pure geometry:
never draws.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass

HANG_COLUMNS = 30  # a code area narrower than this many columns wraps without a hanging indent
MAX_ANCHORS = 64  # lines kept in view around which the rest fills in (ten thousand paused tasks share few lines)


@dataclass(frozen=True)
class Row:
    """One row of the code area: part of a source line, or a fold standing for hidden lines."""

    line: int  # 1-based source line; for a fold, the first line it hides
    start: int  # first character of the line on this row
    end: int  # one past the last character on this row
    fold: int = 0  # how many lines this fold row hides (0: a row of code)

    @property
    def continued(self) -> bool:
        """A wrapped line's second or later row."""
        return self.start > 0 and not self.fold


def hang(text: str, width: float, space: float) -> float:
    """How far a wrapped line's later rows are indented: past the line's own indentation and four
    spaces more, as a hanging indent reads in an editor (at most a third of the row; none in a pane
    narrower than HANG_COLUMNS: there every column is needed for code). `space` is the width of one space."""
    if width < space * HANG_COLUMNS:
        return 0.0
    indent = len(text) - len(text.lstrip(" "))
    return min(space * (indent + 4), width / 3)


def wrap_line(text: str, width: float, advance: Callable[[str], float]) -> tuple[tuple[int, int], ...]:
    """(start, end) character ranges of `text`: the first row at most `width` wide, the later ones at
    most `width` less the hanging indent (`hang`); each row at least one character."""
    if not text or advance(text) <= width:
        return ((0, len(text)),)
    later = width - hang(text, width, advance(" "))
    pieces: list[tuple[int, int]] = []
    start, used, last_space = 0, 0.0, -1
    for i, ch in enumerate(text):
        w = advance(ch)
        if used + w > (later if pieces else width) and i > start:
            # break after the last space when it is in the second half of the row; else here
            cut = last_space + 1 if last_space > start and (last_space - start) * 2 >= i - start else i
            pieces.append((start, cut))
            start = cut
            used = sum(advance(c) for c in text[start : i + 1])
            last_space = -1
        else:
            used += w
        if ch == " ":
            last_space = i
    pieces.append((start, len(text)))
    return tuple(pieces)


def choose_rows(heights: Sequence[int], important: Sequence[int], capacity: int) -> list[tuple[int, int]]:
    """The lines to show as (line, fold) with at most `capacity` rows: fold > 0 marks a fold hiding that many lines.

    `heights[n - 1]` is how many rows line n takes (wrapped); `important` lists the lines
    that must stay in view, most important first (the running line). Lines nearest to an
    important one are added first; a fold row costs one row.
    """
    count = len(heights)
    if count == 0:
        return []
    if sum(heights) <= capacity:
        return [(n, 0) for n in range(1, count + 1)]
    wanted = [n for n in dict.fromkeys(important) if 1 <= n <= count] or [1]
    window = _contiguous(heights, min(wanted), max(wanted), wanted[0], capacity)
    if window is not None:
        return [(n, 0) for n in window]
    kept: list[int] = []
    cost = 0

    def add(line: int) -> bool:
        nonlocal cost
        at = bisect_left(kept, line)
        if at < len(kept) and kept[at] == line:
            return True
        before = kept[at - 1] if at > 0 else None
        after = kept[at] if at < len(kept) else None
        folds = (before is not None and line - before > 1) + (after is not None and after - line > 1)
        if before is not None and after is not None and after - before > 1:
            folds -= 1
        extra = heights[line - 1] + folds
        if cost + extra > capacity:
            return False
        insort(kept, line)
        cost += extra
        return True

    anchors = [n for n in wanted if add(n)][:MAX_ANCHORS]
    if not anchors:  # the first line alone is taller than the pane: show its first rows
        anchors = [wanted[0]]
        kept.append(wanted[0])
        cost = heights[wanted[0] - 1]
    for distance in range(1, min(count, capacity + 1)):  # farther lines could only be folded in
        grew = False
        for anchor in anchors:
            for line in (anchor - distance, anchor + distance):
                if 1 <= line <= count and add(line):
                    grew = True
        if not grew and all(anchor - distance < 1 and anchor + distance > count for anchor in anchors):
            break
        if cost >= capacity:
            break
    rows: list[tuple[int, int]] = []
    for i, line in enumerate(kept):
        if i and line - kept[i - 1] > 1:
            rows.append((kept[i - 1] + 1, line - kept[i - 1] - 1))
        rows.append((line, 0))
    return rows


def _contiguous(heights: Sequence[int], low: int, high: int, centre: int, capacity: int) -> range | None:
    """Lines low..high and as many around them as fit, centred on `centre`; None if low..high alone do not fit."""
    used = sum(heights[low - 1 : high])
    if used > capacity:
        return None
    first, last = low, high
    grew = True
    while grew:
        grew = False
        # grow on the side farther from the centre line's middle, so it stays near the middle of the pane
        sides = (first - 1, last + 1) if centre - first <= last - centre else (last + 1, first - 1)
        for line in sides:
            if 1 <= line <= len(heights) and used + heights[line - 1] <= capacity:
                used += heights[line - 1]
                first, last = min(first, line), max(last, line)
                grew = True
                break
    return range(first, last + 1)
