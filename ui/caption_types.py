"""The caption's shape and how a value reads in a sentence, shared by every caption module.

Owns `Caption` (a title and a body) and `value_text` (a repr shortened for a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_VALUE = 40


@dataclass(frozen=True)
class Caption:
    """A short title and a sentence or two of explanation."""

    title: str
    body: str


def value_text(text: str | None) -> str:
    """A value as it reads in a sentence (long reprs shortened)."""
    s = text if text is not None else "None"
    return s if len(s) <= MAX_VALUE else s[: MAX_VALUE - 1] + "…"
