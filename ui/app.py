"""The `coroscope` command: the QApplication, fonts, language, theme, error handling, the window.

Owns start-up. `coroscope` opens the default scenario, `coroscope PROGRAM.py` opens a
program, `coroscope screenshot ...` renders one picture offscreen (ui.screenshot),
`coroscope export ...` records a video, GIF or PNG frames offscreen (ui.export.command),
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
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.settings import Preferences

_STARTED = time.perf_counter()  # as early as possible: start-up is measured from here


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coroscope",
        description="Step through asynchronous IO.",
        epilog="coroscope screenshot --help: render one step to a PNG file, offscreen. "
        "coroscope export --help: record a video (MP4), a GIF or PNG frames, offscreen. "
        "coroscope fitcheck --help: list essential text the window cuts off.",
    )
    p.add_argument("program", nargs="?", type=Path, help="a Python program to open (default: the seed's scenario)")
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
    return app


def build_window(lang: str | None = None, theme: str | None = None, prefs: Preferences | None = None) -> MainWindow:
    """A ready main window in the chosen (or remembered, or system) language and theme."""
    from ui.i18n import app_translations
    from ui.keys import PlaybackKeysFirst
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
    if argv[:1] == ["screenshot"]:
        from ui.screenshot import main as screenshot_main

        return screenshot_main(argv[1:])
    if argv[:1] == ["export"]:
        from ui.export.command import main as export_main

        return export_main(argv[1:])
    if argv[:1] == ["fitcheck"]:
        from ui.fitcheck_cli import main as fitcheck_main

        return fitcheck_main(argv[1:])
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_application([sys.argv[0]])
    from ui.errors import ErrorReporter

    window = build_window(args.lang, args.theme)
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
