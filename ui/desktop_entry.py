"""`coroscope install-desktop`: a Linux desktop entry, the icon and the lesson file type, for the current user.

Owns the XDG files: $XDG_DATA_HOME (default ~/.local/share) /applications/coroscope.desktop,
/icons/hicolor/{scalable,256x256}/apps/coroscope.{svg,png} and /mime/packages/coroscope.xml
(so `.coroscope` lessons open with Coroscope), then refreshes the desktop's caches when
their tools exist. `--uninstall` removes exactly these files. Nothing needs root, and
nothing runs at import; the icon comes from the installed package (importlib.resources).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

APP_ID = "coroscope"
MIME_TYPE = "application/x-coroscope-lesson"


def data_home(environ: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the XDG spec says)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """How the desktop starts this Coroscope: the `coroscope` script installed beside this Python (a venv's
    bin/), else the one on PATH, else this Python with `-m ui`. Never resolved through symlinks: a venv's
    python is a link to the base interpreter, which does not have Coroscope installed."""
    beside = Path(os.path.abspath(sys.executable)).parent / "coroscope"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    script = shutil.which("coroscope")
    if script:
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "ui"]


def _exec_line(command: list[str]) -> str:
    # Desktop Entry quoting: each argument double-quoted when needed, with ", `, $ and \ escaped.
    def quote(arg: str) -> str:
        if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
            return arg
        return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'

    return " ".join(quote(a) for a in command) + " %f"


def desktop_file(command: list[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=Coroscope",
            "GenericName=Asynchronous IO, step by step",
            "GenericName[zh_CN]=逐步观察异步 IO",
            "Comment=Step through real Python programs: coroutines, the message loop and threads on one virtual clock",
            "Comment[zh_CN]=逐步运行真实的 Python 程序：协程、消息循环和线程在同一个虚拟时钟上",
            f"Exec={_exec_line(command)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Education;Development;",
            f"MimeType={MIME_TYPE};text/x-python;",
            "Keywords=asyncio;coroutine;generator;python;teaching;",
            "",
        ]
    )


MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Coroscope lesson</comment>
    <comment xml:lang="zh_CN">Coroscope 课程</comment>
    <sub-class-of type="application/json"/>
    <glob pattern="*.coroscope"/>
  </mime-type>
</mime-info>
"""


def installed_paths(root: Path) -> dict[str, Path]:
    """Every file install-desktop writes, under the data folder `root`."""
    return {
        "desktop": root / "applications" / f"{APP_ID}.desktop",
        "svg": root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "png": root / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png",
        "mime": root / "mime" / "packages" / f"{APP_ID}.xml",
    }


def install(root: Path, command: list[str] | None = None) -> list[Path]:
    """Write the desktop entry, icons and file type under `root`; the paths written."""
    paths = installed_paths(root)
    icons = files("assets") / "icons"
    contents: dict[str, bytes] = {
        "desktop": desktop_file(command or launch_command()).encode("utf-8"),
        "svg": (icons / "coroscope.svg").read_bytes(),
        "png": (icons / "coroscope-256.png").read_bytes(),
        "mime": MIME_XML.encode("utf-8"),
    }
    for key, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(contents[key])
    return list(paths.values())


def uninstall(root: Path) -> list[Path]:
    """Remove what install() wrote; the paths that were there."""
    removed = []
    for path in installed_paths(root).values():
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def refresh_caches(root: Path) -> None:
    """Tell the desktop about the new files, with whichever of the usual tools are installed (none is needed)."""
    for tool, target in (
        ("update-desktop-database", root / "applications"),
        ("update-mime-database", root / "mime"),
        ("gtk-update-icon-cache", root / "icons" / "hicolor"),
    ):
        exe = shutil.which(tool)
        if exe and target.is_dir():
            extra = ["-f", "-t"] if tool == "gtk-update-icon-cache" else []
            subprocess.run([exe, *extra, str(target)], capture_output=True, check=False, timeout=60)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="coroscope install-desktop",
        description="Add Coroscope to the Linux desktop's applications menu, with its icon, for this user "
        "(XDG_DATA_HOME, default ~/.local/share); .coroscope lessons then open with it.",
    )
    p.add_argument("--uninstall", action="store_true", help="remove the desktop entry, icon and file type again")
    p.add_argument("--data-home", type=Path, help="install under this folder instead of $XDG_DATA_HOME")
    args = p.parse_args(argv)
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and args.data_home is None:
        print(
            "coroscope install-desktop: desktop entries are for Linux desktops; "
            "on Windows and macOS start Coroscope with the `coroscope` command.",
            file=sys.stderr,
        )
        return 2
    root = args.data_home or data_home()
    try:
        if args.uninstall:
            done = uninstall(root)
            verb = "removed"
        else:
            done = install(root)
            verb = "wrote"
        refresh_caches(root)
    except OSError as exc:
        print(f"coroscope install-desktop: {exc.strerror or exc} ({exc.filename or root})", file=sys.stderr)
        return 1
    for path in done:
        print(f"{verb} {path}")
    if not args.uninstall:
        print(f"runs: {shlex.join(launch_command())}")
    return 0
