"""What an export makes: format, size, frame rate, pace, range, content and captions, checked before any work.

Owns the choices a user makes (in the dialog or on the command line) and the rules
that make a choice valid. Never renders, never writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.export.pace import Pace

translate = QCoreApplication.translate

SIZES: dict[str, tuple[int, int]] = {"720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160)}
FRAME_RATES = (24, 30, 60)
GIF_MAX_FPS = 50  # a GIF counts time in hundredths of a second, and players slow down anything faster
MIN_SIDE, MAX_SIDE = 64, 8192
MAX_FRAMES = 216_000  # two hours at 30 fps: beyond that a range or a higher speed is what the user wants
# What a frame shows: the whole window, the panes as when presenting, or one pane.
CONTENTS = ("window", "panes", "code", "console", "handoff", "loop", "caption")


class ExportError(Exception):
    """An export that cannot be made as asked; the message is for the user."""


class Format(StrEnum):
    MP4 = "mp4"
    GIF = "gif"
    PNG_SEQUENCE = "png-sequence"
    PNG = "png"


def format_for(out: Path, as_folder: bool = False) -> Format:
    """The format a target names: .mp4, .gif, .png, or a folder (an existing one, or a name ending in /)."""
    suffix = out.suffix.lower()
    if as_folder or out.is_dir() or not suffix:
        return Format.PNG_SEQUENCE
    known = {".mp4": Format.MP4, ".gif": Format.GIF, ".png": Format.PNG}
    if suffix not in known:
        raise ExportError(
            translate("Export", "{name}: Coroscope exports .mp4, .gif, .png, or a folder of PNG frames.").format(
                name=out.name
            )
        )
    return known[suffix]


def parse_size(text: str) -> tuple[int, int]:
    """ "720p", "1080p", "4k" or "1280x720" -> pixels; ExportError with a reason otherwise."""
    named = SIZES.get(text.strip().lower())
    if named is not None:
        return named
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ExportError(
            translate("Export", "The size must be 720p, 1080p, 4k or look like 1280x720, not {text}.").format(
                text=repr(text)
            )
        ) from None
    return w, h


@dataclass(frozen=True)
class ExportOptions:
    """One export, fully chosen. Steps are event indices (0 = the first event)."""

    out: Path
    format: Format
    size: tuple[int, int]
    fps: int = 30
    first: int = 0
    last: int | None = None  # None: to the end of the trace
    speed: float = 1.0
    pace: Pace = Pace.LECTURE  # lecture: hand-offs and IO held, lines quick (ui/export/pace.py)
    dilation: float = 1000.0  # with the real-time pace: wall seconds per virtual second
    content: str = "window"
    captions: bool = False
    hold_s: float = 1.0  # the last frame stays this long (playing stops there too)

    @property
    def real_time(self) -> bool:
        """Played at the program's virtual clock (slowed down by `dilation`)."""
        return self.pace is Pace.REAL_TIME

    def check_choices(self) -> None:
        """Size, frame rate, speed and content; ExportError says what is wrong (the range needs a trace)."""
        w, h = self.size
        if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
            raise ExportError(
                translate("Export", "The size {w}x{h} is out of range ({low} to {high} pixels a side).").format(
                    w=w, h=h, low=MIN_SIDE, high=MAX_SIDE
                )
            )
        if self.format is Format.MP4 and (w % 2 or h % 2):
            raise ExportError(
                translate("Export", "An MP4 video needs an even width and height, not {w}x{h}.").format(w=w, h=h)
            )
        if self.fps < 1 or self.fps > 120:
            raise ExportError(
                translate("Export", "The frame rate must be between 1 and 120, not {fps}.").format(fps=self.fps)
            )
        if self.format is Format.GIF and self.fps > GIF_MAX_FPS:
            raise ExportError(
                translate("Export", "A GIF plays at most {most} frames a second; choose 24 or 30.").format(
                    most=GIF_MAX_FPS
                )
            )
        if not 0.1 <= self.speed <= 10.0:
            raise ExportError(
                translate("Export", "The speed must be between 0.1 and 10, not {speed}.").format(
                    speed=f"{self.speed:g}"
                )
            )
        if self.content not in CONTENTS:
            raise ExportError(
                translate("Export", "Unknown content {name}; choose one of: {names}.").format(
                    name=self.content, names=", ".join(CONTENTS)
                )
            )
        if self.first < 0 or (self.last is not None and self.last < 0):
            raise ExportError(translate("Export", "Steps are counted from 1."))

    def checked(self, trace_length: int) -> ExportOptions:
        """These options with the range resolved against a trace; ExportError says what is wrong."""
        self.check_choices()
        if trace_length == 0:
            raise ExportError(translate("Export", "The trace has no events to export."))
        last = trace_length - 1 if self.last is None else self.last
        if not (0 <= self.first <= trace_length - 1 and 0 <= last <= trace_length - 1):
            raise ExportError(translate("Export", "Steps must be between 1 and {n}.").format(n=trace_length))
        if last < self.first:
            raise ExportError(
                translate("Export", "The range ends (step {to}) before it starts (step {start}).").format(
                    to=last + 1, start=self.first + 1
                )
            )
        return replace(self, last=last, hold_s=max(0.0, self.hold_s))
