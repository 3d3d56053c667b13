"""Start-up order of the real program: the window paints first, then the held background work runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_background_work_starts_after_the_first_paint(app_home: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOCK_INTERVIEW_HOME=str(app_home))
    app = subprocess.Popen(
        [sys.executable, "-m", "app"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    log = app_home / "logs" / "mock-interview.log"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and app.poll() is None:
            text = log.read_text() if log.exists() else ""
            if "loaded whisper" in text:  # the model preload: queued behind the first paint
                break
            time.sleep(0.25)
        assert "loaded whisper" in text, f"the models were never loaded after start-up:\n{text}"
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGTERM)
        _out, errors = app.communicate(timeout=60)
    assert app.returncode == 0, errors
    assert "GUI closed" in log.read_text()
