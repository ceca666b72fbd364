"""Prediction mode: before a chapter's key moment the window stops and asks the class what happens next.

Owns the controller (when to ask, when to reveal) and the overlay that shows the
question big on screen. Watching alone teaches little; predicting first does. When
the playhead is about to pass a chapter's key moment (the send, the yield, the IO
completion, the thread switch), it stops just before it and asks; the next step
forward (→, PgDn, Space on a remote, or R) reveals the answer and shows the moment.
Off by default; switched on for a lecture (View ▸ Prediction Mode, and while presenting).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from simulator.chapters import Chapter, chapter_at, chapters_of
from simulator.trace import Trace
from ui.chapter_text import chapter_question
from ui.fonts import ui_font
from ui.theme import LIGHT, Theme

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


class PredictionOverlay(QWidget):
    """The question (and, once revealed, the answer) in large type over the top of the panes."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        parent.installEventFilter(self)  # follow the parent's size
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.theme: Theme = LIGHT
        self.question = ""
        self.answer = ""  # "" until revealed
        self.hide()

    def show_question(self, question: str, answer: str = "") -> None:
        self.question, self.answer = question, answer
        self.place()
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def place(self) -> None:
        """Across the top third of the parent, whatever its size."""
        parent = self.parentWidget()
        if parent is not None:
            w, h = parent.width(), parent.height()
            self.setGeometry(int(w * 0.05), int(h * 0.06), int(w * 0.9), max(140, int(h * 0.27)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        t = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.setBrush(t.surface)  # opaque: the question must read at the back of a hall
        painter.setPen(QPen(t.accent, 4))
        painter.drawRoundedRect(box, 14, 14)
        inner = box.adjusted(24, 16, -24, -16)
        scale = t.font_scale
        painter.setPen(t.text_dim)
        painter.setFont(ui_font(14.0, scale, bold=True))
        head = translate("Prediction", "Predict") if not self.answer else translate("Prediction", "Answer")
        head_h = painter.fontMetrics().height() + 6
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), head_h), Qt.AlignmentFlag.AlignLeft, head)
        body = QRectF(inner.left(), inner.top() + head_h, inner.width(), inner.height() - head_h)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.setPen(t.text)
        size = 30.0 if not self.answer else 24.0
        text = self.question if not self.answer else f"{self.question}\n→ {self.answer}"
        while size > 10:  # the whole question must show: shrink until it fits the box
            painter.setFont(ui_font(size, scale, bold=True))
            if painter.fontMetrics().boundingRect(body.toRect(), int(flags), text).height() <= body.height():
                break
            size -= 2
        painter.drawText(body, int(flags), text)
        hint = translate("Prediction", "R or → reveals") if not self.answer else translate("Prediction", "→ goes on")
        painter.setFont(ui_font(11.0, scale))
        painter.setPen(t.text_dim)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), hint)


class Prediction:
    """Stops before each chapter's key moment to ask, and reveals on the next step forward."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.enabled = False
        self.asking: Chapter | None = None  # the chapter whose question is on screen
        self.revealed: Chapter | None = None  # the chapter whose answer is on screen
        self.asked: set[int] = set()  # chapters already asked, by first step (asked once per pass)
        self._last = -1
        self._moving = False
        central = window.centralWidget()
        assert central is not None  # the window builds its panes before any feature is attached
        self.overlay = PredictionOverlay(central)
        window.player.positionChanged.connect(self._on_position)
        window.player.traceChanged.connect(lambda _trace: self.reset())
        window.themeChanged.connect(self._on_theme)
        self._on_theme(window.theme)

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.reset()

    def reset(self) -> None:
        self.asking = self.revealed = None
        self.asked.clear()
        self.overlay.hide()
        self._last = self.window.player.event_index if self.window.player.trace is not None else -1

    def reveal(self) -> bool:
        """Show the answer and the key moment; False when no question is waiting."""
        chapter = self.asking
        if chapter is None:
            return False
        self.asking, self.revealed = None, chapter
        self.overlay.show_question(chapter_question(chapter), chapter.answer)
        self._seek(chapter.key_step)
        return True

    def _seek(self, index: int) -> None:
        self._moving = True
        try:
            self.window.player.seek(index)
        finally:
            self._moving = False
        self._last = index

    def _on_theme(self, theme: Theme) -> None:
        self.overlay.theme = theme
        self.overlay.update()

    def _on_position(self, _position: float) -> None:
        if self._moving:
            return
        player = self.window.player
        trace = player.trace
        if trace is None:
            return
        now, before = player.event_index, self._last
        self._last = now
        if self.asking is not None:
            if now > self.asking.key_step - 1:  # any step forward reveals
                self.reveal()
            elif now < self.asking.key_step - 1:  # went back: the question is withdrawn
                self.asking = None
                self.overlay.hide()
            return
        if self.revealed is not None and now != self.revealed.key_step:
            self.revealed = None
            self.overlay.hide()
        if not self.enabled or now <= before:
            return
        chapter = self._crossed(trace, before, now)
        if chapter is not None:
            player.pause()
            self.asked.add(chapter.first_step)
            self.asking = chapter
            self._seek(chapter.key_step - 1)
            self.overlay.show_question(chapter_question(chapter))

    def _crossed(self, trace: Trace, before: int, now: int) -> Chapter | None:
        """The first chapter with a question whose key moment lies in (before, now].

        A move that skips whole chapters (a seek across the scrubber) asks nothing: a class is
        asked about what comes next, which only a step, a chapter jump or playing reaches.
        """
        start = chapter_at(trace, max(0, before))
        end = chapter_at(trace, now)
        if start is None or end is None or end.index - start.index > 1:
            return None
        chapters = chapters_of(trace)
        for c in chapters[start.index :]:
            if c.first_step > now:
                break
            if before < c.key_step <= now and c.key_step > 0 and chapter_question(c) and c.first_step not in self.asked:
                return c
        return None
