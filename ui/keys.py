"""Presenter keys win: playback shortcuts fire even when a slider, spin box or scroll area has focus.

Owns one application event filter. Qt asks the focused widget first (ShortcutOverride)
whether it wants a key; a slider would take ← and →, a scroll area PgUp and PgDn. For
our playback keys (a presenter remote's Next and Previous among them) the filter
answers "no" on the widget's behalf, so the window's shortcut fires instead. The one
exception: a text field being edited keeps its editing keys (←, →, Backspace, Space,
Home, End), and the program editor every key, unless the window is presenting, when
the remote always wins.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

EDITING_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Space,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


def _edits_text() -> bool:
    widget = QApplication.focusWidget()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, (QLineEdit, QAbstractSpinBox))


def _edits_code() -> bool:
    """A multi-line editor (the program editor) keeps every key: PgDn, Shift+→, P and B are typing there."""
    widget = QApplication.focusWidget()
    return isinstance(widget, (QTextEdit, QPlainTextEdit)) and not widget.isReadOnly()


class PlaybackKeysFirst(QObject):
    """Keeps the key combinations `keys()` returns (read on every key) for the window's shortcuts."""

    def __init__(
        self,
        keys: Callable[[], set[int]],
        presenting: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.keys = keys
        self.presenting = presenting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        combined = event.keyCombination()
        if combined.toCombined() not in self.keys():
            return False
        if not self.presenting() and (_edits_code() or (combined.key() in EDITING_KEYS and _edits_text())):
            return False  # the text field edits; the shortcut waits
        event.ignore()  # not overridden: the shortcut map will now trigger our action
        return True
