"""Installing beyond Debian: the desktop entry (into a temporary XDG folder), the icon, and no Chinese font."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QImage

from ui.app import build_window
from ui.desktop_entry import data_home, desktop_file, install, installed_paths, uninstall
from ui.font_check import check_cjk_font
from ui.i18n import ENGLISH
from ui.settings import Preferences


def test_install_desktop_honours_xdg_data_home_and_uninstalls_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "ui", "install-desktop"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    paths = installed_paths(tmp_path / "data")
    for path in paths.values():
        assert path.is_file() and str(path) in done.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(paths["desktop"], encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "coroscope"
    assert section["Exec"].endswith(" %f") and "application/x-coroscope-lesson" in section["MimeType"]
    assert QImage(str(paths["png"])).width() == 256
    assert "*.coroscope" in paths["mime"].read_text(encoding="utf-8")
    undone = subprocess.run(
        [sys.executable, "-m", "ui", "install-desktop", "--uninstall"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert undone.returncode == 0 and not any(p.exists() for p in paths.values())


def test_the_data_folder_follows_the_xdg_rules(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert data_home({"XDG_DATA_HOME": "relative/path"}) == Path.home() / ".local" / "share"
    assert data_home({}) == Path.home() / ".local" / "share"


def test_exec_line_quotes_paths_with_spaces(tmp_path: Path) -> None:
    text = desktop_file(["/opt/My Apps/coroscope"])
    assert 'Exec="/opt/My Apps/coroscope" %f' in text
    written = install(tmp_path, ["/usr/bin/coroscope"])
    assert "Exec=/usr/bin/coroscope %f" in written[0].read_text(encoding="utf-8")
    assert len(uninstall(tmp_path)) == 4


def test_the_icon_ships_inside_the_package() -> None:
    icons = files("assets") / "icons"
    assert (icons / "coroscope.svg").read_bytes().startswith(b"<?xml")
    assert (icons / "coroscope-256.png").read_bytes()[:4] == b"\x89PNG"


def test_without_a_chinese_font_the_window_says_so_and_stays_readable(qtbot, prefs: Preferences) -> None:  # type: ignore[no-untyped-def]
    window = build_window("zh_CN", "light", prefs)
    qtbot.addWidget(window)
    assert window.translations.language == "zh_CN"
    assert not check_cjk_font(window, families=[])
    assert window.translations.language == ENGLISH  # no empty boxes for the menus
    assert window.file_menu.title() == "&File"
    message = window.statusBar().currentMessage()
    assert "No Chinese font was found" in message and "the interface is in English" in message
    assert check_cjk_font(window, families=["Noto Sans CJK SC"])
    window.set_language(ENGLISH)


def test_the_desktop_starts_the_coroscope_of_this_environment() -> None:
    from ui.desktop_entry import launch_command

    command = launch_command()
    beside = Path(os.path.abspath(sys.executable)).parent / "coroscope"
    if beside.exists():
        assert command == [str(beside)]  # the venv's own script, not a base Python without Coroscope
    else:
        assert command[0] in (os.path.abspath(sys.executable),) or command[0].endswith("coroscope")
