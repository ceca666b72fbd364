"""One real window on a real X server (Xvfb): open the default scenario, take a screenshot, quit.

Skipped when Xvfb is missing, unless COROSCOPE_REQUIRE_XVFB=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from PySide6.QtCore import QSettings, QTimer
from ui.app import build_window, create_application
from ui.settings import Preferences
app = create_application()
window = build_window("en", "light", Preferences(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
def shoot():
    window.screen().grabWindow(window.winId()).save(sys.argv[1], "PNG")
    app.quit()
window.traceLoaded.connect(lambda trace: QTimer.singleShot(500, shoot))
QTimer.singleShot(60000, app.quit)
window.open_scenario("producer-consumer")
window.show()
sys.exit(app.exec())
"""


@pytest.mark.xvfb
@pytest.mark.slow
def test_the_app_opens_a_real_window_under_xvfb(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("COROSCOPE_REQUIRE_XVFB") == "1":
            pytest.fail("Xvfb is required (COROSCOPE_REQUIRE_XVFB=1) but not installed")
        pytest.skip("Xvfb is not installed")
    display = next(n for n in range(91, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                   and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen([xvfb, f":{display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            assert server.poll() is None, "Xvfb exited"
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.05)
        out = tmp_path / "window.png"
        env = dict(os.environ, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(out), str(tmp_path / "s.ini")], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        image = QImage(str(out))
        assert image.width() > 600 and image.height() > 400
        colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
        assert len(colours) > 20, "the window should show more than a blank surface"
    finally:
        server.terminate()
        server.wait(10)
