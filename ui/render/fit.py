"""Fit report: essential text that a render function had to shorten or clip.

Render functions call `report` whenever text a user needs (a function or actor name, the
baton's value, a caption, a lane name, a table header, an axis label) does not fit whole in
the space the layout gave it. Nothing is recorded unless a `collecting()` block is open, so
the cost on screen is one global read. `coroscope fitcheck` and the tests open such a block
around a paint and list what was cut.

Never decides layout: it only records what the layout could not fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Misfit:
    """One essential text that was not shown whole."""

    pane: str  # which pane drew it ("code", "handoff", "loop", "timeline", "compare", "caption", ...)
    text: str  # the text it should have shown
    shown: str  # what it showed instead ("" when the text was left out or clipped away)
    why: str = "elided"  # "elided", "clipped" (drawn past its box) or "omitted"


_collector: list[Misfit] | None = None


def report(pane: str, text: str, shown: str, why: str = "elided") -> None:
    """Record that essential `text` in `pane` was shown as `shown` (a no-op unless collecting)."""
    if _collector is not None:
        _collector.append(Misfit(pane, text, shown, why))


def collecting_now() -> bool:
    """Whether a fit check is listening (lets a pane skip costly measurements otherwise)."""
    return _collector is not None


@contextmanager
def collecting() -> Iterator[list[Misfit]]:
    """Collect every `report` made inside the block into the list it yields."""
    global _collector
    outer = _collector
    found: list[Misfit] = []
    _collector = found
    try:
        yield found
    finally:
        _collector = outer
