"""`coroscope screenshot` renders the whole window at a step, offscreen, from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "ui", "screenshot", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env=env, check=False)


@pytest.mark.slow
def test_screenshot_of_the_seed_in_chinese_and_dark(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "shot.png"
    done = run("--scenario", "producer-consumer", "--step", "20", "--size", "1280x720", "--lang", "zh_CN",
               "--theme", "dark", "--out", str(out))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    assert image.pixelColor(640, 300).lightness() < 128  # dark theme
    assert "step 20 of" in done.stdout


def test_bad_arguments_get_a_message(tmp_path: Path) -> None:
    done = run("--size", "huge", "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "1920x1080" in done.stderr
    done = run(str(tmp_path / "notes.txt"), "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "not a Python program" in done.stderr
    assert not (tmp_path / "x.png").exists()
