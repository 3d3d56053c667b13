"""The real entry point opens its window on a real X server and closes cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.x11, pytest.mark.gui]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def _entry_point() -> str:
    script = Path(sys.executable).with_name("mock-interview")
    assert script.exists(), "the mock-interview entry point is not installed in this environment"
    return str(script)


def test_main_window_shows_under_xvfb(xvfb_display: str, app_home: Path) -> None:
    for tool in ("xdotool", "import"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt install xdotool imagemagick)")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=xvfb_display, MOCK_INTERVIEW_HOME=str(app_home), QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen([_entry_point()], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Mock Interview Coach$"],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert found.returncode == 0, "no window appeared"
        window_id = found.stdout.split()[0]
        geometry = subprocess.run(["xdotool", "getwindowgeometry", window_id], env=env,
                                  capture_output=True, text=True, timeout=30).stdout
        assert "Geometry:" in geometry
        width, height = (int(v) for v in geometry.split("Geometry:")[1].split()[0].split("x"))
        assert width >= 900 and height >= 600

        SCREENSHOTS.mkdir(exist_ok=True)
        shot = SCREENSHOTS / "launch.png"
        # The window is mapped before its first paint; on a busy machine the paint can take a while.
        deadline = time.monotonic() + 30
        while True:
            subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=60)
            colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True,
                                     text=True, check=True, timeout=60).stdout
            if int(colours) > 20 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert int(colours) > 20, "the screenshot is blank"
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
        try:
            _out, errors = app.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            app.communicate()
            raise
    assert app.returncode == 0, errors
    log_text = (app_home / "logs" / "mock-interview.log").read_text()
    assert "starting GUI" in log_text and "GUI closed" in log_text
