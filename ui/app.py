"""The `coroscope` command: the QApplication, fonts, language, theme, error handling, the window.

`coroscope LESSON.coroscope` opens a lesson (ui.lesson_tools); `coroscope install-desktop` adds
the Linux desktop entry and icon (ui.desktop_entry).

Owns start-up. `coroscope` opens the default scenario, `coroscope PROGRAM.py` opens a
program, `coroscope screenshot ...` renders one picture offscreen (ui.screenshot),
`coroscope export ...` records a video, GIF or PNG frames offscreen (ui.export.command),
`coroscope captions ...` prints every step's chapter and caption (ui.captions_cli).
`coroscope fitcheck ...` lists essential text the window cuts off (ui.fitcheck_cli).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported inside functions so `coroscope --help` starts instantly
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.settings import Preferences

_STARTED = time.perf_counter()  # as early as possible: start-up is measured from here


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coroscope",
        description="Step through asynchronous IO. (coroscope install-desktop: add it to the Linux applications menu.)",
        epilog="coroscope screenshot --help: render one step to a PNG file, offscreen. "
        "coroscope export --help: record a video (MP4), a GIF or PNG frames, offscreen. "
        "coroscope captions --help: print every step's chapter and caption, tab-separated. "
        "coroscope fitcheck --help: list essential text the window cuts off.",
    )
    p.add_argument("program", nargs="?", type=Path, help="a program (.py) or a lesson (.coroscope); default: the seed")
    p.add_argument("--scenario", help="open a built-in scenario by name")
    p.add_argument("--lang", choices=("en", "zh_CN"), help="interface language (default: the system's)")
    p.add_argument("--theme", choices=("system", "light", "dark", "projector"), help="colours (default: remembered)")
    p.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)  # for bench_ui startup_s
    return p


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Coroscope's names and fonts (created once)."""
    from PySide6.QtWidgets import QApplication

    from ui.fonts import ui_font

    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName("Coroscope")
        QApplication.setApplicationName("Coroscope")
        app = QApplication(argv or ["coroscope"])
    assert isinstance(app, QApplication)
    app.setFont(ui_font(10.0))
    app.setWindowIcon(_icon())
    return app


def _icon() -> QIcon:
    """Coroscope's icon, read from the installed package (a checkout or a wheel alike)."""
    from importlib.resources import files

    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap()
    pixmap.loadFromData((files("assets") / "icons" / "coroscope-256.png").read_bytes())
    return QIcon(pixmap)


def build_window(lang: str | None = None, theme: str | None = None, prefs: Preferences | None = None) -> MainWindow:
    """A ready main window in the chosen (or remembered, or system) language and theme."""
    from ui.i18n import app_translations
    from ui.keys import PlaybackKeysFirst
    from ui.lesson_tools import attach_lesson_tools
    from ui.lessons import attach_lessons
    from ui.main_window import MainWindow
    from ui.settings import Preferences
    from ui.timeline.side_view import attach_side_views

    app = create_application()
    prefs = prefs or Preferences()
    window = MainWindow(prefs, app_translations())
    window.set_language(lang or prefs.language)
    if theme:
        window.apply_theme(theme)
    side_views = attach_side_views(window)  # the thread timeline and the model comparison (issue 6)
    attach_lessons(window)  # chapters, who waits, prediction mode, lecture notes (issue 12)
    attach_lesson_tools(window)  # the editor, bookmarks, annotations and lesson files (issue 13)
    window.closing.connect(side_views.shutdown)
    keys = PlaybackKeysFirst(window.actions_.playback_keys, lambda: window.presentation.presenting, window)
    app.installEventFilter(keys)
    window.destroyed.connect(lambda: _remove_filter(keys))
    return window


def _remove_filter(keys: QObject) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.removeEventFilter(keys)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["install-desktop"]:
        from ui.desktop_entry import main as desktop_main

        return desktop_main(argv[1:])
    if argv[:1] == ["screenshot"]:
        from ui.screenshot import main as screenshot_main

        return screenshot_main(argv[1:])
    if argv[:1] == ["export"]:
        from ui.export.command import main as export_main

        return export_main(argv[1:])
    if argv[:1] == ["captions"]:
        from ui.captions_cli import main as captions_main

        return captions_main(argv[1:])
    if argv[:1] == ["fitcheck"]:
        from ui.fitcheck_cli import main as fitcheck_main

        return fitcheck_main(argv[1:])
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_application([sys.argv[0]])
    from ui.errors import ErrorReporter
    from ui.font_check import check_cjk_font

    window = build_window(args.lang, args.theme)
    check_cjk_font(window)  # without a Chinese font: say so once, keep the interface readable
    reporter = ErrorReporter(lambda: window)
    reporter.install()
    if args.exit_after_first_frame:
        window.traceLoaded.connect(lambda _trace: _report_first_frame(window))
    if args.program is not None:
        window.open_program(args.program)
    else:
        from simulator.scenarios import DEFAULT_SCENARIO

        window.open_scenario(args.scenario or DEFAULT_SCENARIO)
    window.show()
    try:
        return app.exec()
    finally:
        reporter.uninstall()


def _report_first_frame(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    window.repaint()
    print(f"first-frame {time.perf_counter() - _STARTED:.4f}", flush=True)
    app = QApplication.instance()
    if app is not None:
        app.quit()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
