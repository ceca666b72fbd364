"""The fit check: lay the window out offscreen and list every essential text it could not show whole.

Owns configuring a window for one point of the matrix (size, text scale, language, theme,
presenting), walking the playhead over steps, and collecting what the render functions
report through `ui.render.fit` plus what the window's chrome (menu bar, tab bar, status
line, transport, banner) would clip. A pane whose model, theme and size did not change
since the last step is not drawn again: its earlier findings stand. Never changes layout
or text itself: it only looks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget

from ui.render import fit
from ui.render.fit import Misfit
from ui.widgets.pane_view import PaneView

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SIZES = ((1024, 768), (1366, 768), (1920, 1080), (3840, 2160))
TEXT_SCALES = (1.0, 1.5, 2.0, 2.5, 3.0)
LANGUAGES = ("en", "zh_CN")
THEMES = ("light", "dark", "projector")


@dataclass(frozen=True)
class FitConfig:
    """One point of the matrix: how big the window is and how it is set up."""

    size: tuple[int, int]
    text_scale: float = 1.0
    lang: str = "en"
    theme: str = "light"
    presenting: bool = False

    def describe(self) -> str:
        mode = " presenting" if self.presenting else ""
        return f"{self.size[0]}x{self.size[1]} {self.text_scale:g}x {self.lang} {self.theme}{mode}"


@dataclass(frozen=True)
class Finding:
    """An essential text cut at one step (1-based, as the status line counts)."""

    step: int
    misfit: Misfit

    def line(self) -> str:
        m = self.misfit
        return f"step {self.step}: {m.pane}: {m.why} {m.text!r} shown as {m.shown!r}"


def matrix(
    sizes: Iterable[tuple[int, int]] = SIZES,
    scales: Iterable[float] = TEXT_SCALES,
    langs: Iterable[str] = LANGUAGES,
    themes: Iterable[str] = THEMES,
    presenting: Iterable[bool] = (False, True),
) -> Iterator[FitConfig]:
    """Every combination of the given sizes, text scales, languages, themes and modes."""
    themes, langs, scales, presenting = tuple(themes), tuple(langs), tuple(scales), tuple(presenting)
    for size in sizes:
        for scale in scales:
            for lang in langs:
                for theme in themes:
                    for mode in presenting:
                        yield FitConfig(size, scale, lang, theme, mode)


def configure(window: MainWindow, config: FitConfig) -> None:
    """Set `window` up as `config` says, and lay it out at its size."""
    if window.translations.language != config.lang:
        window.set_language(config.lang)
    window.apply_theme(config.theme)
    window.set_text_scale(config.text_scale)
    if config.presenting and not window.presentation.presenting:
        window.presentation.start(fill_screen=False)  # the offscreen "screen" is not the matrix's size
    elif not config.presenting and window.presentation.presenting:
        window.presentation.stop()
    window.resize(*config.size)
    QApplication.processEvents()
    window.pane_layout.relayout()  # as the window does once its resize has settled
    QApplication.processEvents()


def check_matrix(
    window: MainWindow, configs: Iterable[FitConfig], steps: Iterable[int]
) -> Iterator[tuple[FitConfig, Finding]]:
    """Every finding of the window's program, config by config, at the given steps (1-based)."""
    checker = FitChecker(window)
    steps = tuple(steps)
    window.setUpdatesEnabled(False)  # nobody looks at this window: lay it out, paint only what is checked
    try:
        for config in configs:
            configure(window, config)
            for finding in checker.check_steps(steps):
                yield config, finding
    finally:
        window.setUpdatesEnabled(True)


class FitChecker:
    """Checks one window step by step, drawing only the panes whose model, size or text scale changed."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._drawn: dict[tuple[Any, ...], list[Misfit]] = {}

    def check_steps(self, steps: Iterable[int]) -> list[Finding]:
        """Findings at each step (1-based); every step's findings are listed, repeats included."""
        found: list[Finding] = []
        for step in steps:
            self.window.player.seek(max(0, step - 1))
            self.window.refresh()
            found += [Finding(step, m) for m in self.check_now()]
        return found

    def check_now(self) -> list[Misfit]:
        """What is cut in the window as it stands (layout, playhead and all)."""
        QApplication.processEvents()
        misfits = window_size_misfits(self.window)
        for pane in self.window.panes:
            if pane.isVisible():
                misfits += self._pane_misfits(pane)
        with fit.collecting() as found:
            for widget in side_views_on_screen(self.window):
                widget.grab()  # the side views report through ui.render.fit as they paint
        misfits += found
        misfits += chrome_misfits(self.window)
        return misfits

    def _pane_misfits(self, pane: PaneView) -> list[Misfit]:
        if pane.model is None:
            return []
        try:
            # keyed by the text scale, not the theme: themes differ in colour only (ui.theme), so a
            # pane drawn in one theme is not drawn again in another
            key: tuple[Any, ...] | None = (pane.draw, pane.model, pane.theme.font_scale, pane.width(), pane.height())
            hash(key)
        except TypeError:  # a model holding a list cannot be a key: draw it every time
            key = None
        if key is not None and key in self._drawn:
            return self._drawn[key]
        # what is cut depends on the text's metrics, not on pixels: draw onto one pixel (the rest is
        # clipped away at once), at the pane's own size
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        with fit.collecting() as found:
            painter = QPainter(image)
            painter.setClipRect(QRectF(pane.rect()))  # what lies past the pane's edges is cut on screen too
            try:
                pane.draw(painter, QRectF(pane.rect()), pane.model, pane.theme)
            finally:
                painter.end()
        if key is not None:
            if len(self._drawn) > 4096:
                self._drawn.clear()
            self._drawn[key] = list(found)
        return list(found)


def side_views_on_screen(window: MainWindow) -> list[QWidget]:
    """The side views (thread timeline, comparison) the user can see right now."""
    tabs = window.side_tabs
    widget = tabs.currentWidget()
    return [widget] if widget is not None and tabs.isVisible() and widget.isVisible() else []


def window_size_misfits(window: MainWindow) -> list[Misfit]:
    """The window could not be as small as asked: its layout's minimum is larger than the screen."""
    minimum = window.minimumSizeHint()
    size = window.size()
    if minimum.width() > size.width() or minimum.height() > size.height():
        text = f"{minimum.width()}x{minimum.height()}"
        return [Misfit("window", f"minimum size {text}", f"{size.width()}x{size.height()}", "clipped")]
    return []


def chrome_misfits(window: MainWindow) -> list[Misfit]:
    """Menu titles hidden behind the menu bar's » button, tabs scrolled away, labels and buttons cut."""
    found: list[Misfit] = []
    bar = window.menuBar()
    if bar.isVisible():
        for action in bar.actions():
            if action.isVisible() and not bar.rect().contains(bar.actionGeometry(action)):
                found.append(Misfit("chrome", action.text().replace("&", ""), "", "omitted"))
    tabs = window.side_tabs.tabBar()
    if tabs.isVisible():
        for i in range(tabs.count()):
            rect = tabs.tabRect(i)
            text = tabs.tabText(i)
            needed = QFontMetrics(tabs.font()).horizontalAdvance(text)
            if rect.right() > tabs.width() or needed > rect.width():
                found.append(Misfit("chrome", text, "", "clipped"))
    skip = [page for i in range(window.side_tabs.count()) if (page := window.side_tabs.widget(i)) is not None]
    for widget in window.findChildren(QWidget):
        if (
            not widget.isVisible()
            or isinstance(widget, PaneView)
            or any(w is widget or w.isAncestorOf(widget) for w in skip)
        ):
            continue
        text = _chrome_text(widget)
        if text and _cut(widget):
            found.append(Misfit("chrome", text, "", "clipped"))
    return found


def _chrome_text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _cut(widget: QWidget) -> bool:
    """Whether a label or button is narrower (or, wrapped, shorter) than its text needs."""
    if isinstance(widget, QLabel) and widget.wordWrap():
        return widget.heightForWidth(widget.width()) > widget.height() + 1
    hint: QSize = widget.minimumSizeHint() if isinstance(widget, QComboBox) else widget.sizeHint()
    return hint.width() > widget.width() + 1 or (hint.height() > widget.height() + 1 and not isinstance(widget, QLabel))


def wait_for_side_views(window: MainWindow) -> None:
    """Let the thread timeline finish building its twin (it builds in the background)."""
    from ui.timeline.side_view import settle_side_views

    settle_side_views(window)
