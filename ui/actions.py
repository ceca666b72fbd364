"""Every command of the window as a QAction: texts, tooltips, shortcuts, and their translation.

Owns the action table and the key bindings (the issue's keys, presenter-remote keys,
and `QKeySequence.StandardKey` for the standard ones). The window connects them to
behaviour; menus and transport buttons show the same actions, so text, tooltip and
shortcut are defined once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

translate = QCoreApplication.translate
Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    text: str
    tip: str
    keys: tuple[QKeySequence | Key | str, ...] = ()
    checkable: bool = False


def _specs() -> dict[str, Spec]:
    """Action texts in the current language (called again on every language change)."""
    return {
        "open": Spec(
            translate("Actions", "&Open Program…"),
            translate("Actions", "Open a Python program and trace it"),
            (Key.Open,),
        ),
        "export": Spec(
            translate("Actions", "&Export…"),
            translate("Actions", "Record the window as a video (MP4), a GIF or PNG pictures"),
            ("Ctrl+E",),
        ),
        "quit": Spec(translate("Actions", "&Quit"), translate("Actions", "Close Coroscope"), (Key.Quit,)),
        "clear_recent": Spec(
            translate("Actions", "Clear Recent Files"), translate("Actions", "Forget the recently opened programs")
        ),
        "cancel_trace": Spec(
            translate("Actions", "Cancel Tracing"), translate("Actions", "Stop tracing the program now")
        ),
        "play": Spec(
            translate("Actions", "Play / Pause"), translate("Actions", "Play or pause (Space, or P)"), ("Space", "P")
        ),
        "step_forward": Spec(translate("Actions", "Step Forward"), translate("Actions", "Next event (→)"), ("Right",)),
        "step_back": Spec(
            translate("Actions", "Step Back"),
            translate("Actions", "Previous event (← or Backspace)"),
            ("Left", "Backspace"),
        ),
        "line_forward": Spec(
            translate("Actions", "Next Line"), translate("Actions", "Run to the next line (Shift+→)"), ("Shift+Right",)
        ),
        "line_back": Spec(
            translate("Actions", "Previous Line"),
            translate("Actions", "Back to the previous line (Shift+←)"),
            ("Shift+Left",),
        ),
        "handoff_forward": Spec(
            translate("Actions", "Next Hand-off"), translate("Actions", "Next send or yield (Page Down)"), ("PgDown",)
        ),
        "handoff_back": Spec(
            translate("Actions", "Previous Hand-off"),
            translate("Actions", "Previous send or yield (Page Up)"),
            ("PgUp",),
        ),
        "loop_forward": Spec(
            translate("Actions", "Next Loop Turn"),
            translate("Actions", "Next turn of the message loop (Ctrl+→)"),
            ("Ctrl+Right",),
        ),
        "loop_back": Spec(
            translate("Actions", "Previous Loop Turn"),
            translate("Actions", "Previous turn of the message loop (Ctrl+←)"),
            ("Ctrl+Left",),
        ),
        "io_forward": Spec(
            translate("Actions", "Next IO Completion"),
            translate("Actions", "Jump to the next IO completion (Alt+→)"),
            ("Alt+Right",),
        ),
        "io_back": Spec(
            translate("Actions", "Previous IO Completion"),
            translate("Actions", "Jump to the previous IO completion (Alt+←)"),
            ("Alt+Left",),
        ),
        "chapter_forward": Spec(
            translate("Actions", "Next Chapter"),
            translate("Actions", "Jump to the next chapter (Ctrl+Page Down; Page Down while presenting)"),
            ("Ctrl+PgDown",),
        ),
        "chapter_back": Spec(
            translate("Actions", "Previous Chapter"),
            translate("Actions", "Back to the previous chapter (Ctrl+Page Up; Page Up while presenting)"),
            ("Ctrl+PgUp",),
        ),
        "prediction": Spec(
            translate("Actions", "Prediction Mode"),
            translate(
                "Actions", "Before each chapter's key moment, stop and ask what happens next (on while presenting)"
            ),
            ("Ctrl+Shift+P",),
            checkable=True,
        ),
        "reveal": Spec(
            translate("Actions", "Reveal the Answer"),
            translate("Actions", "Show what happens next (R, or any step forward)"),
            ("R",),
        ),
        "lecture_notes": Spec(
            translate("Actions", "Lecture Notes"),
            translate("Actions", "What this scenario shows, the questions to ask, the chapters to stop at (F1)"),
            ("F1",),
        ),
        "start": Spec(
            translate("Actions", "Go to Start"), translate("Actions", "Back to the first event (Home)"), ("Home",)
        ),
        "end": Spec(translate("Actions", "Go to End"), translate("Actions", "Jump to the last event (End)"), ("End",)),
        "faster": Spec(translate("Actions", "Faster"), translate("Actions", "Play faster (])"), ("]",)),
        "slower": Spec(translate("Actions", "Slower"), translate("Actions", "Play slower ([)"), ("[",)),
        "real_time": Spec(
            translate("Actions", "Virtual Real Time"),
            translate("Actions", "Play at the program's own virtual clock, slowed down by the dilation factor"),
            ("T",),
            checkable=True,
        ),
        "full_screen": Spec(
            translate("Actions", "Full Screen"),
            translate("Actions", "Fill the screen with the window"),
            (Key.FullScreen, "F11"),
            checkable=True,
        ),
        "present": Spec(
            translate("Actions", "Present"),
            translate("Actions", "Full screen with only the panes, for a lecture hall (F5; Esc leaves)"),
            ("F5",),
            checkable=True,
        ),
        "leave": Spec(
            translate("Actions", "Stop Presenting"),
            translate("Actions", "Back to the normal window (Esc)"),
            ("Esc",),
        ),
        "blank": Spec(
            translate("Actions", "Blank Screen"),
            translate("Actions", "Show a black screen, or the panes again (B or .)"),
            ("B", "."),
            checkable=True,
        ),
        "projector_presenting": Spec(
            translate("Actions", "Projector Theme While Presenting"),
            translate("Actions", "Switch to the high-contrast projector colours whenever presenting"),
            checkable=True,
        ),
        "text_larger": Spec(
            translate("Actions", "Larger Text"),
            translate("Actions", "Every text in every pane larger, up to 3× (Ctrl+=)"),
            (Key.ZoomIn, "Ctrl+="),
        ),
        "text_smaller": Spec(
            translate("Actions", "Smaller Text"),
            translate("Actions", "Every text in every pane smaller, down to 1× (Ctrl+-)"),
            (Key.ZoomOut, "Ctrl+-"),
        ),
        "text_reset": Spec(
            translate("Actions", "Normal Text Size"),
            translate("Actions", "Text at its normal size (Ctrl+0)"),
            ("Ctrl+0",),
        ),
        "about": Spec(translate("Actions", "&About Coroscope"), translate("Actions", "What Coroscope is")),
    }


# Playback keys: these must reach the player even when a slider or spin box has focus.
PLAYBACK_ACTIONS = (
    "play",
    "step_forward",
    "step_back",
    "line_forward",
    "line_back",
    "handoff_forward",
    "handoff_back",
    "loop_forward",
    "loop_back",
    "io_forward",
    "io_back",
    "chapter_forward",
    "chapter_back",
    "start",
    "end",
)
# Presenter remotes act as keyboards: Next is PgDn, Right or Space; Previous is PgUp, Left or Backspace.
# While presenting, Space steps forward instead of playing (P still plays).
# A lecture moves chapter by chapter: while presenting, the remote's PgDn/PgUp jump chapters and the
# hand-off steps move to Ctrl+PgDn/Ctrl+PgUp (the keys swap, so no key means two things).
PRESENTING_KEYS = {
    "play": ("P",),
    "step_forward": ("Right", "Space"),
    "chapter_forward": ("PgDown",),
    "chapter_back": ("PgUp",),
    "handoff_forward": ("Ctrl+PgDown",),
    "handoff_back": ("Ctrl+PgUp",),
}


def _sequences(keys: tuple[QKeySequence | Key | str, ...]) -> list[QKeySequence]:
    """Each key once: a platform's standard key often equals one we list too (F11 for full screen),
    and an action holding the same key twice makes Qt call the shortcut ambiguous and do nothing."""
    unique: dict[str, QKeySequence] = {}
    for k in keys:
        sequences = QKeySequence.keyBindings(k) if isinstance(k, Key) else [QKeySequence(k)]
        for sequence in sequences:
            unique.setdefault(sequence.toString(), sequence)
    return list(unique.values())


class Actions(QObject):
    """The window's actions by name, plus the theme and language groups."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.by_name: dict[str, QAction] = {}
        for name, spec in _specs().items():
            action = QAction(parent)
            action.setObjectName(name)
            action.setCheckable(spec.checkable)
            action.setShortcuts(_sequences(spec.keys))
            self.by_name[name] = action
        self.theme_group = QActionGroup(parent)
        self.text_scale_group = QActionGroup(parent)
        self.screen_group = QActionGroup(parent)
        self.language_group = QActionGroup(parent)
        self.retranslate()

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def add_choice(self, group: QActionGroup, data: str) -> QAction:
        action = QAction(group.parent())
        action.setCheckable(True)
        action.setData(data)
        group.addAction(action)
        return action

    def set_presenting_keys(self, presenting: bool) -> None:
        """Give the presenter's keys their presenting meaning (True) or their usual one (False)."""
        specs = _specs()
        for name, keys in PRESENTING_KEYS.items():
            self.by_name[name].setShortcuts(_sequences(keys if presenting else specs[name].keys))
        self.retranslate()

    def retranslate(self) -> None:
        for name, spec in _specs().items():
            action = self.by_name[name]
            action.setText(spec.text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(spec.tip if not shortcut or shortcut in spec.tip else f"{spec.tip} ({shortcut})")
            action.setStatusTip(spec.tip)

    def playback_keys(self) -> set[int]:
        """The key combinations (as ints) of the playback actions."""
        keys: set[int] = set()
        for name in PLAYBACK_ACTIONS:
            for sequence in self.by_name[name].shortcuts():
                if sequence.count():
                    keys.add(sequence[0].toCombined())  # type: ignore[index]
        return keys
