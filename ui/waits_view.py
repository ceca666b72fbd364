"""The Who Waits tab: every pending asyncio task and every thread at the playhead, and what each waits for.

Owns a read-only text view: the await graph drawn as `python -m asyncio pstree` draws it
(simulator.await_graph), then each thread with its state, the lock or condition it waits
on, who holds it, who will wake it, and its frames. Rebuilt only when it is visible and
the step changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from simulator.await_graph import AwaitCycle, ThreadView, await_graph_at, pstree_lines, threads_at
from simulator.trace import Trace
from ui.fonts import mono_font

translate = QCoreApplication.translate


_STATES = {
    "new": QT_TRANSLATE_NOOP("Lessons", "new"),
    "running": QT_TRANSLATE_NOOP("Lessons", "running"),
    "ready": QT_TRANSLATE_NOOP("Lessons", "ready"),
    "waiting": QT_TRANSLATE_NOOP("Lessons", "waiting"),
    "blocked on IO": QT_TRANSLATE_NOOP("Lessons", "blocked on IO"),
    "finished": QT_TRANSLATE_NOOP("Lessons", "finished"),
}
_FINISH = " to finish"


def thread_lines(views: list[ThreadView]) -> list[str]:
    """Each thread in the user's language: state, what it waits on, who holds it, who wakes it; then its frames."""
    lines = []
    for v in views:
        state = translate("Lessons", str(_STATES.get(v.state, v.state)))
        if not v.waits_on:
            lines.append(translate("Lessons", "Thread {name}: {state}").format(name=v.name, state=state))
        else:
            if v.waits_on == "IO":
                what = translate("Lessons", "IO (or time.sleep)")
            elif v.waits_on.endswith(_FINISH):
                other = v.waits_on[: -len(_FINISH)]
                other = translate("Lessons", "another thread") if other == "another thread" else other
                what = translate("Lessons", "{thread} to finish (join)").format(thread=other)
            else:
                what = v.waits_on
            line = translate("Lessons", "Thread {name}: {state} on {what}").format(name=v.name, state=state, what=what)
            if v.held_by:
                line += translate("Lessons", " (held by {holder})").format(holder=v.held_by)
            if v.woken_by and not v.waits_on.startswith(v.woken_by):
                line += translate("Lessons", "; woken by {waker}").format(waker=v.woken_by)
            lines.append(line)
        lines += [f"    {f.label()}" for f in v.frames]
    return lines


class WaitsView(QWidget):
    """pstree-style tasks and thread frames at one step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trace: Trace | None = None
        self.step = -1
        self._shown = (-1, -1)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # large text in a narrow tab stays readable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        self.set_font_scale(1.0)

    def set_font_scale(self, scale: float) -> None:
        self.text.setFont(mono_font(10.0, scale))

    def set_trace(self, trace: Trace | None) -> None:
        self.trace, self._shown = trace, (-1, -1)
        self.refresh()

    def follow(self, step: int) -> None:
        self.step = step
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if self.trace is None or len(self.trace) == 0:
            self.text.setPlainText("")
            return
        key = (id(self.trace), self.step)
        if key == self._shown:
            return
        self._shown = key
        lines = self.lines(self.trace, max(0, self.step))
        folders = {str(Path(f).parent) + "/" for f in self.trace.sources}
        if len(folders) == 1:  # the program's own folder says nothing on screen: file names are enough
            folder = folders.pop()
            lines = [line.replace(folder, "") for line in lines]
        self.text.setPlainText("\n".join(lines))

    @staticmethod
    def lines(trace: Trace, step: int) -> list[str]:
        """What the tab shows at `step`: tasks (pstree), then threads."""
        out: list[str] = []
        nodes = await_graph_at(trace, step)
        if nodes:
            out.append(translate("Lessons", "Tasks, as python -m asyncio pstree shows them:"))
            try:
                out += pstree_lines(trace, nodes)
            except AwaitCycle as exc:
                out.append(
                    translate("Lessons", "The await graph has a cycle: {cycles}").format(
                        cycles="; ".join(" → ".join(c) for c in exc.cycles)
                    )
                )
        threads = threads_at(trace, step)
        if threads:
            if out:
                out.append("")
            out.append(translate("Lessons", "Threads (where each one is, and what it waits for):"))
            out += thread_lines(threads)
        if not out:
            out.append(
                translate("Lessons", "Nothing waits here: no asyncio task is pending and no thread was started.")
            )
        return out
