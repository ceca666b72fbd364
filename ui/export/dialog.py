"""File > Export…: the dialog where the user chooses format, file, content, size, frame rate, pace, range, captions.

Owns the form and turning it into ExportOptions checked against the trace on screen
(a wrong choice is explained in the dialog, which stays open). Never renders or writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.export.options import FRAME_RATES, GIF_MAX_FPS, SIZES, ExportError, ExportOptions, Format
from ui.export.pace import Pace

translate = QCoreApplication.translate
SUFFIXES = {Format.MP4: ".mp4", Format.GIF: ".gif", Format.PNG: ".png", Format.PNG_SEQUENCE: ""}


class ExportDialog(QDialog):
    """The export form for a trace of `steps` events, starting from the window's current state."""

    def __init__(
        self,
        parent: QWidget | None,
        steps: int,
        current_step: int,
        speed: float,
        window_size: QSize,
        suggested: Path,
        real_time: bool = False,
    ) -> None:
        super().__init__(parent)
        self.steps = steps
        self.result_options: ExportOptions | None = None
        self.setWindowTitle(translate("Export", "Export"))
        form = QFormLayout()

        self.format_box = QComboBox()
        for kind, label, tip in (
            (
                Format.MP4,
                translate("Export", "MP4 video (H.264)"),
                translate("Export", "Plays everywhere; small files"),
            ),
            (Format.GIF, translate("Export", "GIF animation"), translate("Export", "Loops in slides and web pages")),
            (
                Format.PNG_SEQUENCE,
                translate("Export", "PNG pictures (a folder)"),
                translate("Export", "One lossless picture per frame, for video editors"),
            ),
            (Format.PNG, translate("Export", "One PNG picture"), translate("Export", "The first step of the range")),
        ):
            self.format_box.addItem(label, kind.value)
            self.format_box.setItemData(self.format_box.count() - 1, tip, 3)  # 3 = Qt.ToolTipRole
        self.format_box.setToolTip(translate("Export", "What kind of file to make"))
        form.addRow(translate("Export", "&Format:"), self.format_box)

        self.path_edit = QLineEdit(str(suggested))
        self.path_edit.setMinimumWidth(360)
        self.path_edit.setToolTip(translate("Export", "Where to save (a new folder for PNG pictures)"))
        browse = QPushButton(translate("Export", "&Browse…"))
        browse.setToolTip(translate("Export", "Choose where to save"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(translate("Export", "&Save to:"), row)

        self.content_box = QComboBox()
        for name, label in (
            ("window", translate("Export", "The whole window")),
            ("panes", translate("Export", "The panes only (as when presenting)")),
            ("code", translate("Export", "Code pane")),
            ("console", translate("Export", "Console pane")),
            ("handoff", translate("Export", "Hand-off pane")),
            ("loop", translate("Export", "Message loop pane")),
            ("caption", translate("Export", "Caption pane")),
        ):
            self.content_box.addItem(label, name)
        self.content_box.setToolTip(translate("Export", "What each frame shows"))
        form.addRow(translate("Export", "S&hows:"), self.content_box)

        self.size_box = QComboBox()
        for name, (w, h) in SIZES.items():
            self.size_box.addItem(f"{name.upper() if name == '4k' else name} ({w}×{h})", (w, h))
        ww, wh = window_size.width() // 2 * 2, window_size.height() // 2 * 2
        self.size_box.addItem(translate("Export", "The window's size ({w}×{h})").format(w=ww, h=wh), (ww, wh))
        self.size_box.setCurrentIndex(1)
        self.size_box.setToolTip(translate("Export", "Width and height of every frame in pixels"))
        form.addRow(translate("Export", "Si&ze:"), self.size_box)

        self.fps_box = QComboBox()
        for fps in FRAME_RATES:
            self.fps_box.addItem(translate("Export", "{fps} frames per second").format(fps=fps), fps)
        self.fps_box.setCurrentIndex(FRAME_RATES.index(30))
        self.fps_box.setToolTip(translate("Export", "Frame k shows the playhead k / fps seconds after the start"))
        form.addRow(translate("Export", "Frame &rate:"), self.fps_box)

        self.pace_box = QComboBox()
        for pace, label, tip in (
            (
                Pace.LECTURE,
                translate("Export", "Lecture: hand-offs and IO held, lines quick"),
                translate("Export", "Every send, yield, IO request and completion moves slowly and then stays "
                                    "still long enough to talk over it; line steps pass quickly"),
            ),
            (
                Pace.STEPS,
                translate("Export", "Steps, as the window plays"),
                translate("Export", "Each step takes 150–400 ms at 1×, as when you press Play"),
            ),
            (
                Pace.REAL_TIME,
                translate("Export", "Virtual real time"),
                translate("Export", "The program's own clock, slowed down as in the window"),
            ),
        ):
            self.pace_box.addItem(label, pace.value)
            self.pace_box.setItemData(self.pace_box.count() - 1, tip, 3)  # 3 = Qt.ToolTipRole
        self.pace_box.setCurrentIndex(2 if real_time else 0)
        self.pace_box.setToolTip(translate("Export", "How long each step stays on screen"))
        form.addRow(translate("Export", "P&ace:"), self.pace_box)

        self.speed_box = QDoubleSpinBox()
        self.speed_box.setRange(0.1, 10.0)
        self.speed_box.setSingleStep(0.25)
        self.speed_box.setSuffix("×")
        self.speed_box.setValue(speed)
        self.speed_box.setToolTip(translate("Export", "Playing speed, as in the window (1× = 150–400 ms per event)"))
        form.addRow(translate("Export", "S&peed:"), self.speed_box)

        self.whole = QRadioButton(translate("Export", "The whole trace"))
        self.whole.setToolTip(translate("Export", "From the first step to the last"))
        self.partial = QRadioButton(translate("Export", "Steps"))
        self.partial.setToolTip(translate("Export", "Only the steps from one number to another"))
        self.whole.setChecked(True)
        self.first_box, self.last_box = QSpinBox(), QSpinBox()
        for box in (self.first_box, self.last_box):
            box.setRange(1, max(1, steps))
            box.setToolTip(translate("Export", "Steps are counted as the status line counts them"))
        self.first_box.setValue(current_step)
        self.last_box.setValue(steps)
        range_row = QHBoxLayout()
        range_row.addWidget(self.whole)
        range_row.addSpacing(12)
        range_row.addWidget(self.partial)
        range_row.addWidget(self.first_box)
        range_row.addWidget(QLabel(translate("Export", "to")))
        range_row.addWidget(self.last_box)
        range_row.addStretch(1)
        form.addRow(translate("Export", "Range:"), range_row)

        self.captions_box = QCheckBox(translate("Export", "Burn the caption into the bottom of every frame"))
        self.captions_box.setToolTip(translate("Export", "What happened and why, readable without the caption pane"))
        form.addRow(translate("Export", "Captions:"), self.captions_box)

        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(translate("Export", "Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setToolTip(translate("Export", "Render and save; a progress window lets you cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        for box in (self.first_box, self.last_box):
            box.valueChanged.connect(lambda _v: self.partial.setChecked(True))
        self._format_changed()

    @property
    def format(self) -> Format:
        return Format(self.format_box.currentData())

    def _format_changed(self) -> None:
        kind = self.format
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            stem = path.stem if path.suffix.lower() in SUFFIXES.values() else path.name
            self.path_edit.setText(str(path.with_name(stem + SUFFIXES[kind])))
        # A GIF counts time in hundredths of a second: 60 frames a second cannot be played as such.
        model = self.fps_box.model()
        for index, fps in enumerate(FRAME_RATES):
            item = model.item(index) if hasattr(model, "item") else None
            if item is not None:
                item.setEnabled(kind is not Format.GIF or fps <= GIF_MAX_FPS)
        if kind is Format.GIF and int(self.fps_box.currentData()) > GIF_MAX_FPS:
            self.fps_box.setCurrentIndex(FRAME_RATES.index(30))
        moving = kind is not Format.PNG
        for widget in (self.fps_box, self.speed_box, self.pace_box, self.last_box):
            widget.setEnabled(moving)

    def _browse(self) -> None:
        kind = self.format
        filters = {
            Format.MP4: translate("Export", "MP4 video (*.mp4)"),
            Format.GIF: translate("Export", "GIF animation (*.gif)"),
            Format.PNG: translate("Export", "PNG picture (*.png)"),
            Format.PNG_SEQUENCE: translate("Export", "A new folder (*)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self, translate("Export", "Export to"), self.path_edit.text(), filters[kind]
        )
        if name:
            path = Path(name)
            if SUFFIXES[kind] and path.suffix.lower() != SUFFIXES[kind]:
                path = path.with_name(path.name + SUFFIXES[kind])
            self.path_edit.setText(str(path))

    def options(self) -> ExportOptions:
        """The choices as options (not yet checked against the trace)."""
        kind = self.format
        w, h = self.size_box.currentData()
        partial = self.partial.isChecked()
        return ExportOptions(
            out=Path(self.path_edit.text().strip()).expanduser(),
            format=kind,
            size=(int(w), int(h)),
            fps=int(self.fps_box.currentData()),
            first=self.first_box.value() - 1 if partial or kind is Format.PNG else 0,
            last=self.last_box.value() - 1 if partial else None,
            speed=self.speed_box.value(),
            pace=Pace(self.pace_box.currentData()),
            content=str(self.content_box.currentData()),
            captions=self.captions_box.isChecked(),
        )

    def accept(self) -> None:
        if not self.path_edit.text().strip():
            self.message.setText(translate("Export", "Choose where to save."))
            return
        try:
            self.result_options = self.options().checked(self.steps)
        except ExportError as exc:
            self.message.setText(str(exc))
            return
        super().accept()
