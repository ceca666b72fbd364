"""The transport: step and play buttons, speed, virtual real time with its dilation, and the scrubber.

Owns the controls' layout and their translation. Buttons show the window's actions
(one definition of text, tooltip and shortcut); speed and dilation talk to the player.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QToolButton, QVBoxLayout, QWidget

from ui.player import MAX_SPEED, MIN_SPEED, Player
from ui.widgets.scrubber import Scrubber

translate = QCoreApplication.translate
DILATIONS = (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
SLIDER_STEPS = 100  # per decade of speed


def speed_to_slider(speed: float) -> int:
    return round(math.log10(speed) * SLIDER_STEPS)


def slider_to_speed(value: int) -> float:
    return round(10 ** (value / SLIDER_STEPS), 2)


class Transport(QWidget):
    """The playback bar under the panes."""

    def __init__(self, player: Player, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.window_actions = actions
        self.scrubber = Scrubber(self)
        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 4)
        for name in (
            "start",
            "handoff_back",
            "line_back",
            "step_back",
            "play",
            "step_forward",
            "line_forward",
            "handoff_forward",
            "end",
            None,
            "loop_back",
            "loop_forward",
            "io_back",
            "io_forward",
        ):
            if name is None:
                row.addSpacing(12)
                continue
            button = QToolButton(self)
            button.clicked.connect(actions[name].trigger)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.speed_label = QLabel(self)
        self.speed = QSlider(Qt.Orientation.Horizontal, self)
        self.speed.setRange(speed_to_slider(MIN_SPEED), speed_to_slider(MAX_SPEED))
        self.speed.setFixedWidth(140)
        self.speed.setValue(speed_to_slider(player.speed))
        self.speed.valueChanged.connect(lambda v: player.set_speed(slider_to_speed(v)))
        self.speed_value = QLabel(self)
        self.speed_value.setMinimumWidth(48)
        self.real_time = QToolButton(self)
        self.real_time.setDefaultAction(actions["real_time"])
        self.dilation = QComboBox(self)
        for factor in DILATIONS:
            self.dilation.addItem(f"×{factor:,}", factor)
        self.dilation.setCurrentIndex(DILATIONS.index(1_000))
        self.dilation.currentIndexChanged.connect(self._on_dilation)
        for widget in (self.speed_label, self.speed, self.speed_value, self.real_time, self.dilation):
            row.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.scrubber)
        column.addLayout(row)
        player.speedChanged.connect(self._on_speed)
        player.playingChanged.connect(lambda _playing: self.retranslate())
        self._on_speed(player.speed)
        self._on_dilation()
        self.retranslate()

    def _on_speed(self, speed: float) -> None:
        self.speed_value.setText(f"{speed:g}×")
        if slider_to_speed(self.speed.value()) != speed:
            self.speed.blockSignals(True)
            self.speed.setValue(speed_to_slider(speed))
            self.speed.blockSignals(False)

    def _on_dilation(self) -> None:
        self.player.dilation = float(self.dilation.currentData())

    def retranslate(self) -> None:
        """Re-read every text (the window calls this after its actions are retranslated)."""
        self.speed_label.setText(translate("Transport", "Speed"))
        self.speed.setToolTip(translate("Transport", "Playback speed, from 0.1× to 10× ([ and ])"))
        self.dilation.setToolTip(
            translate(
                "Transport", "Dilation in virtual real time: one virtual second lasts this many seconds on screen"
            )
        )
        self.scrubber.setToolTip(
            translate(
                "Transport",
                "The whole run. Marks: hand-offs (top), IO completions, output, errors. Click or drag to jump.",
            )
        )
        self.buttons["play"].setText("‖" if self.player.playing else "▶")
        for name, symbol in (
            ("start", "⇤"),
            ("end", "⇥"),
            ("step_back", "◀"),
            ("step_forward", "▶|"),
            ("line_back", "↑ L"),
            ("line_forward", "L ↓"),
            ("handoff_back", "⇠ ⇄"),
            ("handoff_forward", "⇄ ⇢"),
            ("loop_back", "⟲ −"),
            ("loop_forward", "⟳ +"),
            ("io_back", "IO −"),
            ("io_forward", "IO +"),
        ):
            self.buttons[name].setText(symbol)
        for name, button in self.buttons.items():
            button.setToolTip(self.window_actions[name].toolTip())
