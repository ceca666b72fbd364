"""Presenter keys win: playback shortcuts fire even when a slider, spin box or scroll area has focus.

Owns one application event filter. Qt asks the focused widget first (ShortcutOverride)
whether it wants a key; a slider would take ← and →. For our playback keys the filter
answers "no" on the widget's behalf, so the window's shortcut fires instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent


class PlaybackKeysFirst(QObject):
    """Keeps the given key combinations for the window's shortcuts."""

    def __init__(self, keys: set[int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in self.keys
        ):
            event.ignore()  # not overridden: the shortcut map will now trigger our action
            return True
        return False
