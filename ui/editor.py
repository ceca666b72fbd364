"""The program editor: a plain-text editor with line numbers and the code pane's syntax colours.

Owns typing (QPlainTextEdit: undo/redo, selection, clipboard, input methods such as
Chinese pinyin), the line-number gutter, Pygments highlighting in the theme's colours
(the same colours as the code pane), and its font at the window's text scale.
It knows nothing about tracing: ui.editor_session decides what its text means.
"""

from __future__ import annotations

from pygments.lexers import PythonLexer
from pygments.token import Keyword, _TokenType
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ui.fonts import mono_font
from ui.render.code_pane import _token_colour  # one table of syntax colours for the pane and the editor
from ui.theme import LIGHT, Theme

# Keys that move the text cursor: in the editor they never step the run (the window binds some of them).
_MOVING = {
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Space,
}
HIGHLIGHT_LIMIT = 300_000  # characters: beyond this the editor stays plain (lexing would lag typing)
CODE_PT = 11.0


class PythonHighlighter(QSyntaxHighlighter):
    """Colours every line from one Pygments pass over the whole text (strings span lines)."""

    def __init__(self, document: QTextDocument, parent: QObject) -> None:
        super().__init__(parent)  # not the document: it is set below, between the two connections
        self.theme: Theme = LIGHT
        self._dirty = True
        self._lines: list[list[tuple[int, int, _TokenType]]] = []
        self._previous: list[list[tuple[int, int, _TokenType]]] = []
        # Slots run in connection order: mark the text changed, let Qt reformat the edited block
        # (lexing anew), then fix any later line whose colours that edit changed.
        document.contentsChange.connect(self._mark_dirty)
        self.setDocument(document)
        document.contentsChange.connect(self._on_change)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rehighlight()

    def _mark_dirty(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._dirty = True

    def _on_change(self, _position: int, removed: int, added: int) -> None:
        # A quote typed on one line can change the colours of every later line: redo exactly those.
        document = self.document()
        if document is None or not (removed or added):
            return
        if self._dirty:
            self._lex()
        old, new = self._previous, self._lines
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        for number in range(head, len(new) - tail):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def _lex(self) -> None:
        self._dirty = False
        text = self.document().toPlainText()
        lines: list[list[tuple[int, int, _TokenType]]] = [[]]
        if len(text) <= HIGHLIGHT_LIMIT:
            column = 0
            for token, value in PythonLexer(stripnl=False, ensurenl=False).get_tokens(text):
                for n, part in enumerate(value.split("\n")):
                    if n:
                        lines.append([])
                        column = 0
                    if part:
                        lines[-1].append((column, len(part), token))
                        column += len(part)
        self._previous, self._lines = self._lines, lines

    def highlightBlock(self, text: str) -> None:
        if self._dirty:
            self._lex()
        number = self.currentBlock().blockNumber()
        if number >= len(self._lines):
            return
        for start, length, token in self._lines[number]:
            if start >= len(text):
                break
            fmt = QTextCharFormat()
            fmt.setForeground(_token_colour(self.theme, token))
            if token in Keyword:
                fmt.setFontWeight(700)
            self.setFormat(start, min(length, len(text) - start), fmt)


class _Gutter(QWidget):
    """The line numbers beside the text."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    """Python source, editable, with line numbers and syntax colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeEditor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(False)
        self.theme: Theme = LIGHT
        self.gutter = _Gutter(self)
        self.highlighter = PythonHighlighter(self.document(), self)
        self.blockCountChanged.connect(lambda _n: self._update_margins())
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._mark_current_line)
        self.set_theme(LIGHT)

    def event(self, event: QEvent) -> bool:
        # Claim typing and cursor keys before the window's shortcuts see them (P plays, PgDn steps, B blanks).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and not self.isReadOnly():
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            moving = event.key() in _MOVING and not mods & Qt.KeyboardModifier.AltModifier
            if moving or (plain and event.text().isprintable() and event.text()):
                event.accept()
                return True
        return super().event(event)

    # --- text --------------------------------------------------------------------------
    def text(self) -> str:
        return self.toPlainText()

    def load_text(self, text: str) -> None:
        """Replace the text as a new document (a different program: nothing to undo into)."""
        if text != self.toPlainText():
            self.setPlainText(text)

    def replace_text(self, text: str) -> None:
        """Replace the text as one edit that Ctrl+Z takes back (reloading from disk never loses edits)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of `line` (1-based) and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.centerCursor()

    # --- looks -------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setFont(mono_font(CODE_PT, theme.font_scale))
        self.setTabStopDistance(QFontMetricsF(self.font()).horizontalAdvance(" ") * 4)
        self.setStyleSheet(
            f"CodeEditor {{ background: {theme.background.name()}; color: {theme.text.name()};"
            f" selection-background-color: {theme.accent.name()}; selection-color: {theme.background.name()}; }}"
        )
        self.highlighter.set_theme(theme)
        self._update_margins()
        self._mark_current_line()
        self.gutter.update()

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return int(QFontMetricsF(self.font()).horizontalAdvance("9") * (digits + 2))

    def _update_margins(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self.gutter)
        try:
            painter.fillRect(event.rect(), self.theme.surface)
            painter.setFont(self.font())
            current = self.textCursor().blockNumber()
            block = self.firstVisibleBlock()
            top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
            width = self.gutter.width() - 6
            while block.isValid() and top <= event.rect().bottom():
                height = self.blockBoundingRect(block).height()
                if block.isVisible() and top + height >= event.rect().top():
                    number = block.blockNumber()
                    painter.setPen(self.theme.text if number == current else self.theme.text_dim)
                    painter.drawText(
                        QRect(0, int(top), width, int(height)),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        str(number + 1),
                    )
                top += height
                block = block.next()
        finally:
            painter.end()

    def _mark_current_line(self) -> None:
        band = QTextEdit.ExtraSelection()
        colour = QColor(self.theme.accent)
        colour.setAlpha(28)
        band.format.setBackground(colour)
        band.format.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
        band.cursor = self.textCursor()
        band.cursor.clearSelection()
        self.setExtraSelections([band])
        self.gutter.update()
