"""Preferences and window layout kept between runs (QSettings), always read back with a type.

Owns the keys and their types: recent files, window geometry and splitter state,
language, theme, speed, text size, and presenting (screen, projector theme). Nothing else touches QSettings directly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "Coroscope"
APPLICATION = "Coroscope"
MAX_RECENT = 8


class Preferences:
    """Typed access to the app's QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings(ORGANISATION, APPLICATION)

    def _str(self, key: str, default: str) -> str:
        value = self.settings.value(key, default, type=str)
        return value if isinstance(value, str) else default

    @property
    def language(self) -> str:
        """ "system", "en" or "zh_CN"."""
        return self._str("language", "system")

    @language.setter
    def language(self, value: str) -> None:
        self.settings.setValue("language", value)

    @property
    def theme(self) -> str:
        return self._str("theme", "system")

    @theme.setter
    def theme(self, value: str) -> None:
        self.settings.setValue("theme", value)

    @property
    def speed(self) -> float:
        value = self.settings.value("speed", 1.0, type=float)
        return float(value) if isinstance(value, (int, float)) else 1.0

    @speed.setter
    def speed(self, value: float) -> None:
        self.settings.setValue("speed", float(value))

    @property
    def text_scale(self) -> float:
        """How much larger every text in the panes is drawn (1x to 3x)."""
        value = self.settings.value("textScale", 1.0, type=float)
        return max(1.0, min(3.0, float(value))) if isinstance(value, (int, float)) else 1.0

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self.settings.setValue("textScale", float(value))

    @property
    def present_screen(self) -> str:
        """The name of the screen to present on ("" for the window's own screen)."""
        return self._str("presenting/screen", "")

    @present_screen.setter
    def present_screen(self, value: str) -> None:
        self.settings.setValue("presenting/screen", value)

    @property
    def projector_when_presenting(self) -> bool:
        """Switch to the projector theme while presenting."""
        value = self.settings.value("presenting/projectorTheme", False, type=bool)
        return value if isinstance(value, bool) else False

    @projector_when_presenting.setter
    def projector_when_presenting(self, value: bool) -> None:
        self.settings.setValue("presenting/projectorTheme", bool(value))

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [], type=list)
        return [str(v) for v in value if isinstance(v, str)][:MAX_RECENT] if isinstance(value, list) else []

    def add_recent_file(self, path: Path) -> list[str]:
        """Put `path` first in the recent list; returns the new list."""
        name = str(path.resolve())
        files = [name, *(f for f in self.recent_files() if f != name)][:MAX_RECENT]
        self.settings.setValue("recentFiles", files)
        return files

    def clear_recent_files(self) -> None:
        self.settings.setValue("recentFiles", [])

    def geometry(self, key: str) -> QByteArray | None:
        value = self.settings.value(key, QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(key, value)
