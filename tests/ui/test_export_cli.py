"""`coroscope export`: the same export headless, with clear messages and exit status 2 on bad arguments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "ui", "export", *args], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=env, check=False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "huge", "--out", "{dir}/a.mp4"], "1280x720"),
        (["--out", "{dir}/a.avi"], "exports .mp4"),
        (["--fps", "60", "--out", "{dir}/a.gif"], "choose 24 or 30"),
        (["--size", "321x181", "--out", "{dir}/a.mp4"], "even width"),
        (["--speed", "50", "--out", "{dir}/a.mp4"], "between 0.1 and 10"),
        (["{dir}/notes.txt", "--out", "{dir}/a.mp4"], "not a Python program"),
        (["--scenario", "producer-consumer", "--from", "9", "--to", "3", "--out", "{dir}/a.mp4"], "before it starts"),
        (["--scenario", "producer-consumer", "--out", "{dir}/missing/a.mp4"], "does not exist"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(tmp_path: Path, args: list[str], message: str) -> None:
    done = run(*(a.format(dir=tmp_path) for a in args))
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_a_range_as_video_in_chinese_and_dark(tmp_path: Path) -> None:
    out = tmp_path / "seed.mp4"
    done = run("--scenario", "producer-consumer", "--out", str(out), "--size", "320x180", "--fps", "24",
               "--to", "3", "--speed", "4", "--hold", "0", "--lang", "zh_CN", "--theme", "dark", "--captions",
               "--quiet")
    assert done.returncode == 0, done.stderr
    with av.open(str(out)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    assert f"{len(frames)} frames at 24 fps" in done.stdout
    assert frames[0].shape == (180, 320, 3) and frames[0][60:120].mean() < 110  # dark theme
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.mp4"]
